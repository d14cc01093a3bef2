//! Regression (issue 13): while another process held the write lock, the
//! console froze for the whole busy timeout (ten seconds) on a save — no
//! drawing, no keys. Now it says 等待其他用户写入…… with the seconds
//! waited, Esc gives the save up (nothing changed, the form kept as
//! typed), and a save whose lock comes free goes through, with the keys
//! typed meanwhile answered after it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;
#[path = "support/console.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use pty::{DEFAULT_TIMEOUT, Key, PtySession};

fn spawn(db: &Path, home: &Path) -> PtySession {
    let home = home.to_str().unwrap().to_string();
    let mut s = PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_bayu")),
        &["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"],
        &[("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")],
        80,
        24,
    );
    s.wait_for("─ 最新报送", DEFAULT_TIMEOUT);
    s
}

/// Holds the database's write lock, as another coordinator's long import
/// would, until told to let go.
fn hold_the_write_lock(db: PathBuf) -> (mpsc::Sender<()>, std::thread::JoinHandle<()>) {
    let (release, wait) = mpsc::channel::<()>();
    let (held, is_held) = mpsc::channel::<()>();
    let h = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("BEGIN IMMEDIATE").unwrap();
        held.send(()).unwrap();
        let _ = wait.recv();
        c.execute_batch("ROLLBACK").unwrap();
    });
    is_held.recv().unwrap();
    (release, h)
}

fn count_titled(db: &Path, title: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT COUNT(*) FROM node WHERE title = ?1", [title], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn a_save_that_waits_for_another_writer_keeps_the_screen_alive_and_esc_gives_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    std::fs::copy(support::demo_db(), &db).unwrap();
    let mut s = spawn(&db, dir.path());
    s.send_key(Key::Char('2'));
    s.wait_for("─ 任务 19", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('a'));
    s.wait_for("新增子任务", DEFAULT_TIMEOUT);
    s.send_str("组织专题学习会");
    s.wait_for("组织专题学习会", DEFAULT_TIMEOUT);

    // Someone else is writing: the save waits, and says so, counting.
    let (release, holder) = hold_the_write_lock(db.clone());
    s.send_key(Key::Ctrl('s'));
    s.wait_for("等待其他用户写入", DEFAULT_TIMEOUT);
    s.wait_for("已等 1 秒", DEFAULT_TIMEOUT);
    // Esc gives up: nothing saved, the form still holds what was typed.
    s.send_key(Key::Esc);
    s.wait_for("已放弃", DEFAULT_TIMEOUT);
    s.wait_gone("等待其他用户写入", DEFAULT_TIMEOUT);
    assert!(
        s.screen_text().contains("组织专题学习会"),
        "{}",
        s.screen_text()
    );
    assert_eq!(count_titled(&db, "组织专题学习会"), 0);

    // Saved again, and the lock comes free while it waits: it goes through.
    s.send_key(Key::Ctrl('s'));
    s.wait_for("等待其他用户写入", DEFAULT_TIMEOUT);
    // A key typed meanwhile is answered once the save is through.
    s.send_key(Key::Char('1'));
    release.send(()).unwrap();
    holder.join().unwrap();
    s.wait_for("─ 总体进展", DEFAULT_TIMEOUT);
    s.wait_gone("等待其他用户写入", DEFAULT_TIMEOUT);
    assert_eq!(count_titled(&db, "组织专题学习会"), 1);

    s.send_key(Key::Char('q'));
    let status = s.wait_exit(DEFAULT_TIMEOUT);
    assert!(status.success(), "{status}");
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
}
