//! Hostile and strange text where it can enter: a report written by another
//! tool with escape sequences (ESC[2J, OSC 52, OSC 8, a window title), C0
//! and C1 controls, bidirectional overrides, zero-width characters, 1 MB
//! of text, and names with the same. The console shows them harmlessly,
//! the exports and the command line contain none of them, nothing crashes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use pty::{DEFAULT_TIMEOUT, Key, PtySession};

const NASTY: &str = "清屏\u{1b}[2J标题\u{1b}]0;被篡改的窗口标题\u{7}剪贴板\u{1b}]52;c;cm0gLXJmIH4=\u{7}链接\u{1b}]8;;http://evil.example\u{1b}\\点我\u{1b}]8;;\u{1b}\\C1\u{9b}31m反转\u{202e}文字\u{200b}零宽\u{7}响铃\u{8}退格";

fn bad_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{feff}' | '\u{2060}')
}

fn setup(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("bayu.db");
    let o = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(["--db", db.to_str().unwrap(), "init", "--demo"])
        .output()
        .unwrap();
    assert!(o.status.success());
    // Another tool (or an old version) wrote these straight into the file.
    let c = rusqlite::Connection::open(&db).unwrap();
    let big = format!("{NASTY}{}", "超长报送内容，".repeat(1024 * 1024 / 21));
    // In place of the demo's own report for that unit, task and period.
    c.execute(
        "DELETE FROM report WHERE period = '2021Q4'
           AND unit_id = (SELECT id FROM unit WHERE name = '渝北区')
           AND node_id = (SELECT id FROM node WHERE title = '提高政治站位')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO report (unit_id, node_id, period, reported_on, author, body)
         SELECT u.id, n.id, '2021Q4', '2021-12-30', ?1, ?2 FROM unit u, node n
         WHERE u.name = '渝北区' AND n.title = '提高政治站位'",
        rusqlite::params![format!("作者{NASTY}"), big],
    )
    .unwrap();
    c.execute(
        "UPDATE node SET title = title || ?1 WHERE title = '弘扬科学家精神'",
        [NASTY],
    )
    .unwrap();
    c.execute(
        "UPDATE unit SET short_name = short_name || ?1 WHERE name = '渝北区'",
        ["\u{1b}[5m闪"],
    )
    .unwrap();
    db
}

#[test]
fn exports_and_command_output_hold_no_control_or_invisible_characters() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let d = db.to_str().unwrap();
    for args in [
        vec!["export", "memo"],
        vec!["export", "ledger"],
        vec!["export", "overdue"],
        vec!["export", "coverage"],
        vec!["export", "tsv"],
        vec!["export", "csv"],
        vec!["export", "json"],
        vec!["tree"],
        vec!["log"],
    ] {
        let mut all = vec!["--db", d, "--as-of", "2021-12-31"];
        all.extend(args.iter().copied());
        let o = Command::new(env!("CARGO_BIN_EXE_bayu"))
            .args(&all)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8(o.stdout).unwrap();
        // The CSV starts with the byte-order mark Excel needs, and only there.
        let out = if args.get(1) == Some(&"csv") {
            out.strip_prefix('\u{feff}').unwrap().to_string()
        } else {
            out
        };
        let bad: Vec<char> = out.chars().filter(|&c| bad_char(c)).take(5).collect();
        assert!(bad.is_empty(), "{args:?} wrote {bad:?}");
        if args[0] == "export" && args.get(1) != Some(&"tsv") {
            assert!(!out.contains('\t'), "{args:?} wrote a tab");
        }
    }
}

#[test]
fn the_console_shows_hostile_text_without_obeying_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let home = dir.path().to_str().unwrap().to_string();
    let mut s = PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_bayu")),
        &["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"],
        &[("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")],
        120,
        40,
    );
    s.wait_for("截至 2021年12月31日", DEFAULT_TIMEOUT);
    // The newest report is the 1 MB one: open the inbox on it.
    s.send_key(Key::Char('5'));
    s.wait_for("超长报送内容", Duration::from_secs(5));
    s.send_keys(&[Key::Char('j'), Key::Char('k')]);
    // The plan view with the hostile title, its detail pane, the units.
    s.send_key(Key::Char('2'));
    s.wait_for("弘扬科学家精神", DEFAULT_TIMEOUT);
    for _ in 0..6 {
        s.send_key(Key::Char('j'));
    }
    s.send_key(Key::Char('3'));
    s.wait_for("渝北", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('1'));
    s.wait_for("总体进展", DEFAULT_TIMEOUT);
    let screen = s.screen_text();
    assert!(s.alternate_screen(), "still on the console's screen");
    assert_eq!(
        s.clipboard_copies(),
        Vec::<String>::new(),
        "no OSC 52 reached the terminal"
    );
    assert_eq!(s.window_title(), None, "the window title was not changed");
    assert_eq!(s.bell_count(), 0, "no bell");
    assert!(
        !screen.contains("evil.example") || screen.contains("^["),
        "{screen}"
    );
    s.send_key(Key::Char('q'));
    let status = s.wait_exit(DEFAULT_TIMEOUT);
    assert!(status.success(), "{status}");
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
}
