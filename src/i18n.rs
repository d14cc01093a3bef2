//! The display language. Every user-visible string of the console goes
//! through here so that it speaks Chinese by default and English on request.

pub mod check;
pub mod console;
pub mod deploy;
pub mod edit;
pub mod io;
pub mod plan;
pub mod store;

/// Language of the user interface (plan data is shown as stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Reads `zh`, `zh_CN`, `en`, `en_US.UTF-8` … (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") || s == "cn" || s == "中文" {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
