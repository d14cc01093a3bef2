//! Regression (issue 13): Ctrl-Z did nothing; an outside SIGTSTP stopped
//! the console with the alternate screen still on and the cursor hidden,
//! and after `fg` it stayed in line mode without drawing. Now a suspend
//! gives the terminal back exactly as it was, and resuming takes it again
//! and draws the whole frame.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;
#[path = "support/console.rs"]
mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::{DEFAULT_TIMEOUT, Key, PtySession};

/// The process's state letter in /proc (R, S, T for stopped …).
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

#[track_caller]
fn wait_state(pid: u32, want: impl Fn(char) -> bool, what: &str) {
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    while !state(pid).is_some_and(&want) {
        assert!(
            Instant::now() < deadline,
            "bayu did not {what} (state {:?})",
            state(pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(pid: u32, sig: i32) {
    // SAFETY: signals the process this test started.
    assert_eq!(unsafe { libc::kill(pid as i32, sig) }, 0);
}

/// Stopped: the terminal is given back as it was; continued: the console
/// is back on its screen, drawn whole, and answers keys.
#[track_caller]
fn suspended_then_resumed(s: &mut PtySession, pid: u32) {
    wait_state(pid, |c| c == 'T', "stop");
    assert!(!s.alternate_screen(), "the alternate screen was left");
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
    assert_eq!(s.tty_raw_mode(), Some(false), "line mode while stopped");

    signal(pid, libc::SIGCONT);
    wait_state(pid, |c| c != 'T', "continue");
    s.wait_until(
        |screen| screen.alternate_screen() && pty::screen_text_of(screen).contains("总体进展"),
        DEFAULT_TIMEOUT,
        "the console redrawn after fg",
    );
    assert_eq!(s.tty_raw_mode(), Some(true), "raw mode again");
    assert!(s.hide_cursor(), "cursor hidden again");
    s.send_key(Key::Char('2'));
    s.wait_for("任务", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('1'));
    s.wait_for("总体进展", DEFAULT_TIMEOUT);
}

#[test]
fn ctrl_z_and_an_outside_sigtstp_give_the_terminal_back_and_fg_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    std::fs::copy(support::demo_db(), &db).unwrap();
    let home = dir.path().to_str().unwrap().to_string();
    let mut s = PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_bayu")),
        &["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"],
        &[("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")],
        80,
        24,
    );
    s.wait_for("总体进展", DEFAULT_TIMEOUT);
    let pid = s.process_id().unwrap();

    // Ctrl-Z, as typed.
    s.send(&[0x1a]);
    suspended_then_resumed(&mut s, pid);

    // SIGTSTP from outside (`kill -TSTP`, a job-control shell).
    signal(pid, libc::SIGTSTP);
    suspended_then_resumed(&mut s, pid);

    s.send_key(Key::Char('q'));
    let status = s.wait_exit(DEFAULT_TIMEOUT);
    assert!(status.success(), "{status}");
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
}
