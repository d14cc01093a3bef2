//! The console as a user meets it: the real binary in a pseudo-terminal,
//! read back through a vt100 emulator. Start on the demo data, visit every
//! view by number and Tab, filter by pinyin, open the help, resize, redraw,
//! change the as-of date, see another process's write appear, and quit
//! (q, Ctrl-C, SIGTERM) leaving the terminal exactly as it was — without
//! ever asking the terminal a question.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;
#[path = "support/console.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bayu::db::{NewReport, OpenMode, Store};
use bayu::model::Period;
use pty::{DEFAULT_TIMEOUT, Key, PtySession};

const FRAME: Duration = Duration::from_millis(150);

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A private copy of the demo database (tests that write need their own).
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(support::demo_db(), dir.path().join("demo.db")).unwrap();
        Fixture { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("demo.db")
    }

    fn spawn_with(&self, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> PtySession {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"];
        all.extend_from_slice(args);
        let home = self.dir.path().to_str().unwrap().to_string();
        let mut vars = vec![("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")];
        vars.extend_from_slice(env);
        PtySession::spawn(
            Path::new(env!("CARGO_BIN_EXE_bayu")),
            &all,
            &vars,
            cols,
            rows,
        )
    }

    /// The console at 80x24, its data read and drawn.
    fn start(&self) -> PtySession {
        let mut s = self.spawn_with(&[], &[], 80, 24);
        s.wait_for("截至 2021年12月31日", DEFAULT_TIMEOUT);
        s.wait_for("─ 最新报送", DEFAULT_TIMEOUT);
        s
    }
}

/// Quits with `key` and checks that the terminal is as it was.
fn quit_and_check(mut s: PtySession, key: Key) {
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

#[test]
fn every_view_by_number_and_tab_then_q_restores_the_terminal() {
    let f = Fixture::new();
    let mut s = f.start();
    s.wait_for("总体进展", DEFAULT_TIMEOUT);
    assert!(s.alternate_screen());
    for (key, needle) in [
        ('2', "─ 任务 19"),
        ('3', "─ 责任单位 5"),
        ('4', "─ 时间节点 47"),
        ('5', "报送列表"),
        ('1', "─ 总体进展"),
    ] {
        s.send_key(Key::Char(key));
        s.wait_for(needle, DEFAULT_TIMEOUT);
    }
    s.send_key(Key::Tab);
    s.wait_for("─ 任务 19", DEFAULT_TIMEOUT);
    s.send_key(Key::BackTab);
    s.wait_for("─ 总体进展", DEFAULT_TIMEOUT);
    s.send_key(Key::BackTab);
    s.wait_for("模板：情况通报", DEFAULT_TIMEOUT);
    s.send_key(Key::BackTab);
    s.wait_for("报送列表", DEFAULT_TIMEOUT);
    // The matrices and back.
    s.send_key(Key::Char('m'));
    s.wait_for("已=按时报送", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('m'));
    s.wait_for("个单位已报", DEFAULT_TIMEOUT);
    s.send_key(Key::Esc);
    s.wait_gone("已=按时报送", DEFAULT_TIMEOUT);
    quit_and_check(s, Key::Char('q'));
}

#[test]
fn a_pinyin_filter_leaves_only_yuzhong_and_esc_brings_the_rest_back() {
    let f = Fixture::new();
    let mut s = f.start();
    s.send_keys(&[Key::Char('3'), Key::Char('l'), Key::Char('/')]);
    s.wait_for("筛选：", DEFAULT_TIMEOUT);
    s.send_str("yzq");
    let screen = s.wait_for("渝中区：本期", DEFAULT_TIMEOUT);
    assert!(!screen.contains("江北区"), "{screen}");
    assert!(screen.contains("─ 区县 1 "), "{screen}");
    // The real cursor sits after what was typed, for the input method.
    s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    assert!(!s.hide_cursor());
    assert_eq!(s.cursor_position(), (23, 9), "after 筛选：yzq");
    s.send_key(Key::Enter);
    s.wait_for("Enter 查看", DEFAULT_TIMEOUT);
    s.send_key(Key::Esc);
    s.wait_for("江北区", DEFAULT_TIMEOUT);
    quit_and_check(s, Key::Char('q'));
}

#[test]
fn help_resize_and_redraw_keep_a_whole_screen() {
    let f = Fixture::new();
    let mut s = f.start();
    s.send_key(Key::Char('2'));
    s.send_key(Key::Char('?'));
    s.wait_for("本视图：任务", DEFAULT_TIMEOUT);
    s.resize(120, 40);
    s.wait_for("助力科技创新巴渝巾帼行动", DEFAULT_TIMEOUT);
    s.wait_for("本视图：任务", DEFAULT_TIMEOUT);
    s.send_key(Key::Esc);
    s.wait_gone("本视图：任务", DEFAULT_TIMEOUT);
    s.resize(40, 10);
    s.wait_for("窗口太小", DEFAULT_TIMEOUT);
    s.resize(80, 24);
    s.wait_for("─ 任务 19", DEFAULT_TIMEOUT);
    s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    let mark = s.bytes_received();
    s.send_key(Key::Ctrl('l'));
    let deadline = std::time::Instant::now() + DEFAULT_TIMEOUT;
    while s.bytes_received() == mark && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    let out = s.output_since(mark);
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("\x1b[2J"),
        "Ctrl-L clears the screen: {text:?}"
    );
    // ratatui moves the cursor before each wide character, so a whole
    // frame shows as its size rather than as contiguous text.
    assert!(
        out.len() > 2000,
        "a whole frame, not a diff: {} bytes",
        out.len()
    );
    assert!(s.screen_text().contains("─ 任务 19"));
    quit_and_check(s, Key::Char('q'));
}

#[test]
fn ctrl_c_quits_from_a_prompt_and_restores_the_terminal() {
    let f = Fixture::new();
    let mut s = f.start();
    s.send_key(Key::Char('t'));
    s.wait_for("截至日期：", DEFAULT_TIMEOUT);
    quit_and_check(s, Key::Ctrl('c'));
}

#[test]
fn sigterm_restores_the_terminal() {
    let f = Fixture::new();
    let mut s = f.start();
    let pid = s.process_id().unwrap();
    // SAFETY: sending a signal to the child we spawned.
    let rc = unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    assert_eq!(rc, 0);
    let status = s.wait_exit(DEFAULT_TIMEOUT);
    assert!(status.success(), "{status}");
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
}

#[test]
fn the_as_of_key_recomputes_at_another_date() {
    let f = Fixture::new();
    let mut s = f.start();
    s.send_key(Key::Char('t'));
    s.wait_for("截至日期：2021-12-31", DEFAULT_TIMEOUT);
    s.send_key(Key::Ctrl('u'));
    s.send_str("2022年3月31日");
    s.send_key(Key::Enter);
    s.wait_for("截至 2022年3月31日", DEFAULT_TIMEOUT);
    s.wait_for("报送 2022年第一季度", DEFAULT_TIMEOUT);
    quit_and_check(s, Key::Char('q'));
}

#[test]
fn another_process_writing_shows_within_two_seconds_and_the_place_is_kept() {
    let f = Fixture::new();
    let mut s = f.start();
    s.wait_for("已报送 37/41", DEFAULT_TIMEOUT);
    // Select 城口县 (not yet reported) in the units list.
    s.send_keys(&[Key::Char('3'), Key::Char('l')]);
    for _ in 0..26 {
        s.send_key(Key::Char('j'));
    }
    s.wait_for("城口县：本期 待报送", DEFAULT_TIMEOUT);
    let mut store = Store::open(&f.db(), OpenMode::Auto).unwrap();
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.name == "城口县")
        .unwrap();
    let node = store.outline().unwrap().find_code("2.1.1").unwrap().id;
    store
        .write("test", |w| {
            w.add_report(&NewReport {
                unit_id: unit.id,
                node_id: node,
                period: Period::quarter(2021, 4).unwrap(),
                reported_on: chrono::NaiveDate::from_ymd_opt(2021, 12, 30).unwrap(),
                author: "李娟".into(),
                body: "城口县开展巾帼助力创新驱动发展学习宣传活动3场。".into(),
                values: vec![],
                batch_id: None,
            })
        })
        .unwrap();
    s.wait_for("城口县：本期 已报送 1份", Duration::from_secs(3));
    s.send_key(Key::Char('1'));
    s.wait_for("已报送 38/41", DEFAULT_TIMEOUT);
    quit_and_check(s, Key::Char('q'));
}

#[test]
fn ascii_english_and_a_non_utf8_locale() {
    let f = Fixture::new();
    let mut s = f.spawn_with(&["--ascii", "--lang", "en"], &[("LANG", "C")], 80, 24);
    s.wait_for("is not UTF-8", DEFAULT_TIMEOUT);
    let screen = s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    assert!(screen.contains("- Progress -"), "{screen}");
    assert!(!screen.contains('─') && !screen.contains('█'), "{screen}");
    // The warning stays until the first key.
    s.send_key(Key::Char('j'));
    s.wait_for("q quit", DEFAULT_TIMEOUT);
    quit_and_check(s, Key::Char('q'));
    let mut s = f.spawn_with(&[], &[("BAYU_ASCII", "1")], 80, 24);
    s.wait_for("- 总体进展 -", DEFAULT_TIMEOUT);
    quit_and_check(s, Key::Char('q'));
}

#[test]
fn random_keys_and_resizes_never_break_the_console() {
    let f = Fixture::new();
    let mut s = f.start();
    // Everything but the quitting keys (q outside a prompt, Ctrl-C).
    let keys: Vec<Key> = "12345jkgGhlm[]J/tKyzc渝"
        .chars()
        .map(Key::Char)
        .chain([
            Key::Enter,
            Key::Esc,
            Key::Tab,
            Key::BackTab,
            Key::Up,
            Key::Down,
            Key::Left,
            Key::Right,
            Key::PageUp,
            Key::PageDown,
            Key::Home,
            Key::End,
            Key::Backspace,
            Key::Ctrl('l'),
            Key::Ctrl('u'),
        ])
        .collect();
    let mut seed: u64 = 0x5eed_ba7e;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..600 {
        if i % 97 == 0 {
            let sizes = [(80, 24), (120, 40), (60, 16), (30, 8), (100, 30)];
            let (w, h) = sizes[(next() % sizes.len() as u64) as usize];
            s.resize(w, h);
        }
        s.send_key(keys[(next() % keys.len() as u64) as usize].clone());
        if let Some(status) = s.try_exit_status() {
            panic!(
                "the console exited ({status}) after key {i}:\n{}",
                s.screen_text()
            );
        }
    }
    s.resize(80, 24);
    // Back out of whatever is open: prompts, lists, forms (a form with
    // something typed asks first; y throws it away).
    for _ in 0..8 {
        s.send_key(Key::Esc);
        s.wait_stable(FRAME, DEFAULT_TIMEOUT);
        if s.screen_text().contains("放弃已填写的内容") {
            s.send_key(Key::Char('y'));
        }
        s.send_key(Key::Char('1'));
        s.wait_stable(FRAME, DEFAULT_TIMEOUT);
        if s.screen_text().contains("总体进展") {
            break;
        }
    }
    s.wait_for("总体进展", DEFAULT_TIMEOUT);
    quit_and_check(s, Key::Ctrl('c'));
}

#[test]
fn without_a_terminal_the_console_says_so() {
    let f = Fixture::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(["--db", f.db().to_str().unwrap()])
        .env("BAYU_CONFIG", "/dev/null")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("not a terminal") && err.contains("bayu tree"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_database_is_one_sentence_and_the_terminal_is_untouched() {
    let f = Fixture::new();
    let missing = f.dir.path().join("nope.db");
    let mut s = PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_bayu")),
        &["--db", missing.to_str().unwrap()],
        &[("BAYU_CONFIG", "/dev/null")],
        80,
        24,
    );
    let status = s.wait_exit(DEFAULT_TIMEOUT);
    assert_eq!(status.exit_code(), 1);
    let screen = s.screen_text();
    assert!(screen.contains("no such database"), "{screen}");
    // One sentence (the pty wraps it at 80 columns).
    assert_eq!(
        String::from_utf8_lossy(&s.raw_output())
            .trim_end()
            .lines()
            .count(),
        1
    );
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
    assert!(!String::from_utf8_lossy(&s.raw_output()).contains("\x1b[?1049h"));
}

/// CPU time (user + system) of a process, in clock ticks.
#[cfg(target_os = "linux")]
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which is in parentheses).
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
#[cfg(target_os = "linux")]
fn an_idle_console_uses_no_cpu_while_it_watches_the_file() {
    let f = Fixture::new();
    let mut s = f.start();
    s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    let pid = s.process_id().unwrap();
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(3));
    let used = cpu_ticks(pid) - before;
    // Three data checks in three seconds: well under a tick each.
    assert!(used <= 5, "{used} ticks of CPU in 3 s idle");
    quit_and_check(s, Key::Char('q'));
}

#[test]
fn escape_sequences_in_a_report_are_shown_not_obeyed() {
    let f = Fixture::new();
    let mut store = Store::open(&f.db(), OpenMode::Auto).unwrap();
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.name == "渝北区")
        .unwrap();
    let node = store.outline().unwrap().find_code("2.1.1").unwrap().id;
    // Written straight into the file, as another program might.
    store
        .write("test", |w| {
            w.add_report(&NewReport {
                unit_id: unit.id,
                node_id: node,
                period: Period::quarter(2021, 4).unwrap(),
                reported_on: chrono::NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
                author: "注入\x1b]52;c;ZXZpbA==\x07".into(),
                body: "渝北区\x1b[2J\x1b[31m清屏\u{202e}反转".into(),
                values: vec![],
                batch_id: None,
            })
        })
        .unwrap();
    drop(store);
    let mut s = f.start();
    s.send_key(Key::Char('5'));
    let screen = s.wait_for("^[[2J", DEFAULT_TIMEOUT);
    assert!(screen.contains("<U+202E>"), "{screen}");
    assert!(
        screen.contains("报送列表"),
        "the screen was not cleared: {screen}"
    );
    assert!(
        s.clipboard_copies().is_empty(),
        "an OSC 52 in the data reached the terminal"
    );
    quit_and_check(s, Key::Char('q'));
}

#[test]
fn no_color_means_no_colour_but_the_words_remain() {
    let f = Fixture::new();
    let mut s = f.spawn_with(&[], &[("NO_COLOR", "1")], 80, 24);
    s.wait_for("─ 最新报送", DEFAULT_TIMEOUT);
    let screen = s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    assert!(
        screen.contains("红灯 2") && screen.contains("逾期31天"),
        "{screen}"
    );
    let raw = String::from_utf8_lossy(&s.raw_output()).into_owned();
    assert!(!raw.contains("\x1b[38;"), "a foreground colour was set");
    assert!(!raw.contains("\x1b[48;"), "a background colour was set");
    quit_and_check(s, Key::Char('q'));
}
