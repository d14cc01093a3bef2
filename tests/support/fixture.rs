//! A private copy of the demo database for a test that runs the real
//! binary in a pseudo-terminal: the console on it at 31 December 2021, in
//! the copy's directory (its working directory and `HOME`) with no
//! settings file; the command line on the same file, as another
//! coordinator; and the check that quitting left the terminal as it was.
//! Used by the pty test files with `support/pty.rs` as `pty` and
//! `support/console.rs` as `support`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use bayu::db::{OpenMode, Store};

use crate::pty::{DEFAULT_TIMEOUT, Key, PtySession};

pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A private copy of the demo database (tests that write need their
    /// own) in a fresh directory.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(crate::support::demo_db(), dir.path().join("demo.db")).unwrap();
        Fixture { dir }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("demo.db")
    }

    /// A file in the copy's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The console with `args` and `env`, `cols` × `rows`, not waited for.
    pub fn spawn_sized(
        &self,
        args: &[&str],
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
    ) -> PtySession {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"];
        all.extend_from_slice(args);
        let home = self.dir.path().to_str().unwrap().to_string();
        let mut vars = vec![("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")];
        vars.extend_from_slice(env);
        PtySession::spawn_in(
            self.dir.path(),
            Path::new(env!("CARGO_BIN_EXE_bayu")),
            &all,
            &vars,
            cols,
            rows,
        )
    }

    /// The console at 80x24, once the overview shows the latest reports.
    pub fn spawn(&self, args: &[&str], env: &[(&str, &str)]) -> PtySession {
        let mut s = self.spawn_sized(args, env, (80, 24));
        s.wait_for("─ 最新报送", DEFAULT_TIMEOUT);
        s
    }

    /// The console as it starts by default, its data read and drawn.
    pub fn start(&self) -> PtySession {
        let mut s = self.spawn(&[], &[]);
        s.wait_for("截至 2021年12月31日", DEFAULT_TIMEOUT);
        s
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db(), OpenMode::Auto).unwrap()
    }

    /// The command line on the same file, as another coordinator; its
    /// standard output (it must succeed).
    pub fn cli(&self, args: &[&str]) -> Vec<u8> {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bayu"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env("BAYU_CONFIG", "/dev/null")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }
}

/// Quits with `key` and checks that the terminal is as it was, and that
/// the console never asked the terminal anything.
pub fn quit_and_check(mut s: PtySession, key: Key) {
    s.send_key(key);
    let status = s.wait_exit(DEFAULT_TIMEOUT);
    assert!(status.success(), "{status}");
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
    assert_eq!(
        s.terminal_queries(),
        Vec::<String>::new(),
        "the console asked the terminal something"
    );
}
