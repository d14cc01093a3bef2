//! The user's settings file: a few `key = value` lines that a coordinator
//! sets once per account instead of typing options every time — the
//! language, plain-ASCII drawing for terminals that draw box characters two
//! columns wide, colour, and the colour of "due soon".
//!
//! The file is `config` in the platform's config directory
//! (`~/.config/bayu/config` on Linux), or the file named by `BAYU_CONFIG`.
//! `#` starts a comment, on its own line or after a value. A missing file is no error; a line
//! this bayu does not understand is, naming the file, line and value.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// Colour of the "due soon" light: many offices use yellow, some blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SoonColor {
    #[default]
    Yellow,
    Blue,
}

/// Settings read from the file; `None` where the file says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub lang: Option<Lang>,
    pub ascii: Option<bool>,
    /// `false` for `color = never` (as `NO_COLOR` does).
    pub color: Option<bool>,
    pub soon_color: Option<SoonColor>,
}

/// A settings file that cannot be used, as one sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {problem}", .path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub problem: String,
}

/// Where the settings file is looked for.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BAYU_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "bayu").map(|d| d.config_dir().join("config"))
}

/// Reads the settings file; no file means no settings.
pub fn load() -> Result<Config, ConfigError> {
    let Some(path) = path() else {
        return Ok(Config::default());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError {
            path,
            line: 0,
            problem: format!("cannot be read ({e})"),
        }),
    }
}

fn boolean(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "on" => Some(true),
        "0" | "no" | "false" | "off" => Some(false),
        _ => None,
    }
}

/// Whether an environment flag such as `BAYU_ASCII=1` is set to a true value.
pub fn env_flag(name: &str) -> bool {
    std::env::var(name)
        .ok()
        .and_then(|v| boolean(v.trim()))
        .unwrap_or(false)
}

/// Parses the text of a settings file read from `path`.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let mut config = Config::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fail = |problem: String| ConfigError {
            path: path.to_path_buf(),
            line: i + 1,
            problem,
        };
        let Some((key, value)) = line.split_once('=') else {
            return Err(fail(format!("{line:?} is not a `key = value` line")));
        };
        // A `#` after the value starts a comment (no value contains one).
        let value = value.split('#').next().unwrap_or("");
        let (key, value) = (key.trim(), value.trim().trim_matches('"'));
        match key {
            "lang" => {
                config.lang = Some(
                    Lang::parse(value)
                        .ok_or_else(|| fail(format!("lang = {value:?}: use zh or en")))?,
                )
            }
            "ascii" => {
                config.ascii = Some(
                    boolean(value)
                        .ok_or_else(|| fail(format!("ascii = {value:?}: use yes or no")))?,
                )
            }
            "color" | "colour" => {
                config.color = Some(match value.to_ascii_lowercase().as_str() {
                    "auto" | "yes" | "on" | "true" => true,
                    "never" | "no" | "off" | "false" => false,
                    _ => return Err(fail(format!("{key} = {value:?}: use auto or never"))),
                })
            }
            "soon_color" | "soon_colour" => {
                config.soon_color = Some(match value.to_ascii_lowercase().as_str() {
                    "yellow" => SoonColor::Yellow,
                    "blue" => SoonColor::Blue,
                    _ => return Err(fail(format!("{key} = {value:?}: use yellow or blue"))),
                })
            }
            _ => {
                return Err(fail(format!(
                    "unknown setting {key:?} (known: lang, ascii, color, soon_color)"
                )));
            }
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_with_comments_and_spaces() {
        let text = "# 设置\nlang = en   # English\nascii=yes\n\ncolor = never\nsoon_color = blue\n";
        let c = parse(text, Path::new("config")).unwrap();
        assert_eq!(
            c,
            Config {
                lang: Some(Lang::En),
                ascii: Some(true),
                color: Some(false),
                soon_color: Some(SoonColor::Blue),
            }
        );
    }

    #[test]
    fn the_readme_example_is_a_valid_file() {
        let readme = include_str!("../README.md");
        let start = readme
            .find("    # bayu settings")
            .expect("example in README.md");
        let example: String = readme[start..]
            .lines()
            .take_while(|l| l.starts_with("    "))
            .map(|l| format!("{}\n", &l[4..]))
            .collect();
        let c = parse(&example, Path::new("README.md")).unwrap();
        assert_eq!(c.lang, Some(Lang::Zh));
        assert_eq!(c.ascii, Some(false));
        assert_eq!(c.soon_color, Some(SoonColor::Yellow));
    }

    #[test]
    fn a_bad_line_is_named_with_its_number() {
        let e = parse(
            "lang = zh\nascii = 也许\n",
            Path::new("/home/a/.config/bayu/config"),
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(
            e.to_string(),
            "/home/a/.config/bayu/config:2: ascii = \"也许\": use yes or no"
        );
        let e = parse("colour: never\n", Path::new("c")).unwrap_err();
        assert!(e.to_string().starts_with("c:1: "), "{e}");
        let e = parse("theme = dark\n", Path::new("c")).unwrap_err();
        assert!(e.to_string().contains("unknown setting \"theme\""), "{e}");
    }
}
