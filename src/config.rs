//! The settings files: a few `key = value` lines set once instead of typing
//! options every time — the language, plain-ASCII drawing for terminals
//! that draw box characters two columns wide, colour, the colour of "due
//! soon", and which database file to use.
//!
//! Two files are read, the system's and then the user's, and a key the
//! user's file sets wins over the system's: an office's IT names the shared
//! database once in `/etc/bayu/config` (`BAYU_SYSTEM_CONFIG` names another
//! file), and each coordinator may still set a language in
//! `~/.config/bayu/config` (the platform's config directory; `BAYU_CONFIG`
//! names another file). `#` starts a comment, on its own line or after a
//! value. A missing settings file is no error, except a user file named by
//! `BAYU_CONFIG`; a line this bayu does not understand is, naming the file,
//! line and value.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// Colour of the "due soon" light: many offices use yellow, some blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SoonColor {
    #[default]
    Yellow,
    Blue,
}

/// Where a `db = PATH` line was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbSetting {
    pub path: PathBuf,
    pub file: PathBuf,
    pub line: usize,
}

/// Settings read from the files; `None` where they say nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub lang: Option<Lang>,
    pub ascii: Option<bool>,
    /// `false` for `color = never` (as `NO_COLOR` does).
    pub color: Option<bool>,
    pub soon_color: Option<SoonColor>,
    /// The database file, and the file and line that named it.
    pub db: Option<DbSetting>,
}

impl Config {
    /// `self` with every key `over` sets replaced by its value.
    fn overlaid(self, over: Config) -> Config {
        Config {
            lang: over.lang.or(self.lang),
            ascii: over.ascii.or(self.ascii),
            color: over.color.or(self.color),
            soon_color: over.soon_color.or(self.soon_color),
            db: over.db.or(self.db),
        }
    }
}

/// Why this database file is the one in use, from the strongest reason down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbSource {
    /// `--db PATH`.
    Flag,
    /// The `BAYU_DB` environment variable.
    Env,
    /// A `db = PATH` line of the user's or the system's settings file.
    Settings(Scope, DbSetting),
    /// Neither: `bayu.db` in the user's data directory.
    Default,
}

/// Which of the two settings files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    System,
    User,
}

impl Scope {
    /// The variable that names this file instead of its usual place.
    pub fn variable(self) -> &'static str {
        match self {
            Scope::System => "BAYU_SYSTEM_CONFIG",
            Scope::User => "BAYU_CONFIG",
        }
    }
}

/// One settings file as it was looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUse {
    pub scope: Scope,
    pub path: PathBuf,
    /// Named by its variable (`BAYU_CONFIG` …) rather than the usual place.
    pub from_variable: bool,
    /// Whether the file exists and was read.
    pub read: bool,
}

/// The merged settings and the files they came from, system file first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub config: Config,
    pub files: Vec<FileUse>,
}

/// What is wrong with a settings file or one of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NotKeyValue(String),
    BadValue {
        key: String,
        value: String,
        choices: &'static str,
    },
    Unknown(String),
    /// `db =` names a path that is empty or not absolute.
    DbPath(String),
    /// The file was named by a variable and does not exist.
    Missing {
        variable: &'static str,
    },
    /// The file exists and cannot be read (the reason from the system).
    Unreadable {
        denied: bool,
        detail: String,
    },
}

impl Problem {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::NotKeyValue(l), Lang::Zh) => format!("{l:?} 不是“键 = 值”格式的一行"),
            (Problem::NotKeyValue(l), Lang::En) => format!("{l:?} is not a `key = value` line"),
            (
                Problem::BadValue {
                    key,
                    value,
                    choices,
                },
                Lang::Zh,
            ) => format!(
                "{key} = {value:?}：只能填 {}",
                choices.replace(" or ", " 或 ")
            ),
            (
                Problem::BadValue {
                    key,
                    value,
                    choices,
                },
                Lang::En,
            ) => format!("{key} = {value:?}: use {choices}"),
            (Problem::Unknown(k), Lang::Zh) => {
                format!("没有 {k:?} 这一项设置（可用的有：lang、ascii、color、soon_color、db）")
            }
            (Problem::Unknown(k), Lang::En) => {
                format!("unknown setting {k:?} (known: lang, ascii, color, soon_color, db)")
            }
            (Problem::DbPath(v), Lang::Zh) => format!(
                "db = {v:?}：数据库须写完整路径，以 / 或 ~/ 开头，如 db = /srv/bayu/bayu.db"
            ),
            (Problem::DbPath(v), Lang::En) => format!(
                "db = {v:?}: give the database's full path, starting with / or ~/, e.g. db = /srv/bayu/bayu.db"
            ),
            (Problem::Missing { variable }, Lang::Zh) => {
                format!("{variable} 指向的设置文件不存在；请改正 {variable}，或取消这个变量")
            }
            (Problem::Missing { variable }, Lang::En) => format!(
                "the settings file named by {variable} does not exist; correct {variable} or unset it"
            ),
            (Problem::Unreadable { denied: true, .. }, Lang::Zh) => {
                "您没有读取这个设置文件的权限".into()
            }
            (Problem::Unreadable { denied: true, .. }, Lang::En) => {
                "you have no permission to read this settings file".into()
            }
            (Problem::Unreadable { detail, .. }, Lang::Zh) => format!("无法读取（{detail}）"),
            (Problem::Unreadable { detail, .. }, Lang::En) => format!("cannot be read ({detail})"),
        }
    }
}

/// A settings file that cannot be used, as one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 0 when the problem is the file as a whole.
    pub line: usize,
    pub problem: Problem,
}

impl ConfigError {
    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let p = self.problem.text(lang);
        match (self.line, lang) {
            (0, Lang::Zh) => format!("设置文件 {}：{p}", self.path.display()),
            (0, Lang::En) => format!("{}: {p}", self.path.display()),
            (n, Lang::Zh) => format!("设置文件 {} 第 {n} 行：{p}", self.path.display()),
            (n, Lang::En) => format!("{}:{n}: {p}", self.path.display()),
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ConfigError {}

/// The system-wide settings file written by IT.
pub const SYSTEM_PATH: &str = "/etc/bayu/config";

/// Where a settings file is looked for, and whether a variable named it.
pub fn path_of(scope: Scope) -> Option<(PathBuf, bool)> {
    if let Some(p) = std::env::var_os(scope.variable()).filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(p), true));
    }
    match scope {
        Scope::System => Some((PathBuf::from(SYSTEM_PATH), false)),
        Scope::User => directories::ProjectDirs::from("", "", "bayu")
            .map(|d| (d.config_dir().join("config"), false)),
    }
}

/// Where the user's settings file is looked for.
pub fn path() -> Option<PathBuf> {
    path_of(Scope::User).map(|(p, _)| p)
}

/// Reads the system's and then the user's settings file.
pub fn load() -> Result<Loaded, ConfigError> {
    let mut loaded = Loaded::default();
    for scope in [Scope::System, Scope::User] {
        let Some((path, from_variable)) = path_of(scope) else {
            continue;
        };
        // A missing system file is normal (no IT settings yet), wherever
        // it is looked for; a missing user file named by BAYU_CONFIG is a
        // mistake worth saying.
        let must_exist = from_variable && scope == Scope::User;
        let (config, read) = read_file(&path, must_exist.then_some(scope.variable()))?;
        loaded.config = std::mem::take(&mut loaded.config).overlaid(config);
        loaded.files.push(FileUse {
            scope,
            path,
            from_variable,
            read,
        });
    }
    Ok(loaded)
}

/// Reads one file; a missing one is no settings, unless `variable` named it.
fn read_file(path: &Path, variable: Option<&'static str>) -> Result<(Config, bool), ConfigError> {
    let whole = |problem| ConfigError {
        path: path.to_path_buf(),
        line: 0,
        problem,
    };
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path).map(|c| (c, true)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match variable {
            Some(variable) => Err(whole(Problem::Missing { variable })),
            None => Ok((Config::default(), false)),
        },
        Err(e) => Err(whole(Problem::Unreadable {
            denied: e.kind() == std::io::ErrorKind::PermissionDenied,
            detail: e.kind().to_string(),
        })),
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

/// `db = ~/x.db` or `db = /srv/bayu/bayu.db`: a relative path would depend
/// on the directory bayu is started in.
fn db_path(value: &str) -> Option<PathBuf> {
    if let Some(rest) = value.strip_prefix("~/") {
        let home = directories::BaseDirs::new()?.home_dir().to_path_buf();
        return Some(home.join(rest));
    }
    let p = PathBuf::from(value);
    p.is_absolute().then_some(p)
}

/// Parses the text of a settings file read from `path`.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let mut config = Config::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fail = |problem: Problem| ConfigError {
            path: path.to_path_buf(),
            line: i + 1,
            problem,
        };
        let Some((key, value)) = line.split_once('=') else {
            return Err(fail(Problem::NotKeyValue(line.to_string())));
        };
        // A `#` after the value starts a comment (no value contains one).
        let value = value.split('#').next().unwrap_or("");
        let (key, value) = (key.trim(), value.trim().trim_matches('"'));
        let bad = |choices| {
            fail(Problem::BadValue {
                key: key.to_string(),
                value: value.to_string(),
                choices,
            })
        };
        match key {
            "lang" => config.lang = Some(Lang::parse(value).ok_or_else(|| bad("zh or en"))?),
            "ascii" => config.ascii = Some(boolean(value).ok_or_else(|| bad("yes or no"))?),
            "color" | "colour" => {
                config.color = Some(match value.to_ascii_lowercase().as_str() {
                    "auto" | "yes" | "on" | "true" => true,
                    "never" | "no" | "off" | "false" => false,
                    _ => return Err(bad("auto or never")),
                })
            }
            "soon_color" | "soon_colour" => {
                config.soon_color = Some(match value.to_ascii_lowercase().as_str() {
                    "yellow" => SoonColor::Yellow,
                    "blue" => SoonColor::Blue,
                    _ => return Err(bad("yellow or blue")),
                })
            }
            "db" => {
                let p = db_path(value).ok_or_else(|| fail(Problem::DbPath(value.to_string())))?;
                config.db = Some(DbSetting {
                    path: p,
                    file: path.to_path_buf(),
                    line: i + 1,
                });
            }
            _ => return Err(fail(Problem::Unknown(key.to_string()))),
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_with_comments_and_spaces() {
        let text = "# 设置\nlang = en   # English\nascii=yes\n\ncolor = never\nsoon_color = blue\ndb = /srv/bayu/办公室.db\n";
        let c = parse(text, Path::new("config")).unwrap();
        assert_eq!(
            c,
            Config {
                lang: Some(Lang::En),
                ascii: Some(true),
                color: Some(false),
                soon_color: Some(SoonColor::Blue),
                db: Some(DbSetting {
                    path: PathBuf::from("/srv/bayu/办公室.db"),
                    file: PathBuf::from("config"),
                    line: 7,
                }),
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
        assert_eq!(
            e.text(Lang::Zh),
            "设置文件 /home/a/.config/bayu/config 第 2 行：ascii = \"也许\"：只能填 yes 或 no"
        );
        let e = parse("colour: never\n", Path::new("c")).unwrap_err();
        assert!(e.to_string().starts_with("c:1: "), "{e}");
        let e = parse("theme = dark\n", Path::new("c")).unwrap_err();
        assert!(e.to_string().contains("unknown setting \"theme\""), "{e}");
    }

    #[test]
    fn a_relative_or_empty_database_path_is_refused() {
        for line in ["db = bayu.db", "db =", "db = ./x.db"] {
            let e = parse(line, Path::new("c")).unwrap_err();
            assert!(matches!(e.problem, Problem::DbPath(_)), "{line}: {e}");
            assert!(
                e.text(Lang::Zh).contains("完整路径"),
                "{}",
                e.text(Lang::Zh)
            );
        }
    }

    #[test]
    fn the_users_file_wins_key_by_key() {
        let system = parse(
            "db = /srv/bayu/bayu.db\nlang = zh\n",
            Path::new("/etc/bayu/config"),
        )
        .unwrap();
        let user = parse("lang = en\n", Path::new("u")).unwrap();
        let merged = system.clone().overlaid(user);
        assert_eq!(merged.lang, Some(Lang::En));
        assert_eq!(merged.db, system.db);
        let user = parse("db = /tmp/mine.db\n", Path::new("u")).unwrap();
        let merged = system.overlaid(user);
        assert_eq!(
            merged.db.map(|d| (d.path, d.file)),
            Some((PathBuf::from("/tmp/mine.db"), PathBuf::from("u")))
        );
    }

    #[test]
    fn a_file_named_by_a_variable_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("nothing");
        let e = read_file(&gone, Some("BAYU_CONFIG")).unwrap_err();
        assert_eq!(
            e.problem,
            Problem::Missing {
                variable: "BAYU_CONFIG"
            }
        );
        assert!(
            e.text(Lang::Zh)
                .contains("BAYU_CONFIG 指向的设置文件不存在")
        );
        // In its usual place a missing file is simply no settings.
        assert_eq!(read_file(&gone, None).unwrap(), (Config::default(), false));
    }
}
