//! The command line as a script runs it, for tests: the built binary on a
//! fresh database in its own directory (and its own `HOME`, so no settings
//! file of the machine leaks in), in English at a fixed as-of date. A
//! failing command is checked to exit with its code, say one sentence and
//! leave the database as it was.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

pub struct Db {
    _dir: tempfile::TempDir,
    pub path: String,
    pub home: std::path::PathBuf,
}

impl Db {
    pub fn new(demo: bool) -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bayu.db").display().to_string();
        let home = dir.path().to_path_buf();
        let db = Db {
            _dir: dir,
            path,
            home,
        };
        let mut args = vec!["init"];
        if demo {
            args.push("--demo");
        }
        let o = db.run(&args);
        assert!(o.status.success(), "{}", err(&o));
        db
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_bayu(&self.home, &self.path, args)
    }

    /// Runs in `lang` at `as_of` and expects success; returns stdout.
    pub fn ok_at(&self, at: (&str, &str), args: &[&str]) -> String {
        let o = run_at(&self.home, &self.path, at, args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        out(&o)
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        out(&o)
    }

    /// Runs and expects failure with `code`; returns stderr. Checks that
    /// the database did not change.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let before = self.state();
        let o = self.run(args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", err(&o));
        let e = err(&o);
        assert_eq!(e.lines().count(), 1, "one sentence: {e}");
        assert!(!e.contains("panicked") && !e.contains("backtrace"), "{e}");
        assert_eq!(self.state(), before, "{args:?} changed the database");
        e
    }

    /// What a failed command must leave as it was: the log and the counts.
    pub fn state(&self) -> String {
        format!(
            "{}{}",
            self.ok(&["log", "--limit", "100000"]),
            self.ok(&["check"])
        )
    }
}

pub fn run_bayu(home: &Path, db: &str, args: &[&str]) -> Output {
    run_at(home, db, ("en", "2021-12-31"), args)
}

/// Runs with another language and as-of date.
pub fn run_at(home: &Path, db: &str, (lang, as_of): (&str, &str), args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(["--db", db, "--lang", lang, "--as-of", as_of])
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run bayu")
}

pub fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}
