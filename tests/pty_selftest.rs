//! Proves the pty harness against programs every Debian machine has, so a
//! failing bayu end-to-end test can be blamed on bayu, not on the harness.

#[path = "support/pty.rs"]
mod pty;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use pty::{DEFAULT_TIMEOUT, Key, PtySession};

const SHORT: Duration = Duration::from_millis(300);

fn sh(script: &str) -> PtySession {
    PtySession::spawn(Path::new("/bin/sh"), &["-c", script], &[], 80, 24)
}

/// Runs `f`, expecting it to panic, and returns the panic message.
fn panic_message(f: impl FnOnce()) -> String {
    let Err(payload) = catch_unwind(AssertUnwindSafe(f)) else {
        panic!("expected a panic, but the closure returned normally");
    };
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        String::from("<non-string panic payload>")
    }
}

/// Spawns a script that puts the tty in raw mode, prints `ready`, reads
/// `count` bytes and shows them as hex on the line `got: ..`.
fn byte_reader(setup: &str, count: usize) -> PtySession {
    let script = format!(
        "{setup}stty raw -echo; printf 'ready\\r\\n'; \
         x=$(dd bs=1 count={count} 2>/dev/null | od -An -tx1); stty sane; echo got: $x"
    );
    let mut s = sh(&script);
    s.wait_for("ready", DEFAULT_TIMEOUT);
    s
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn printf_chinese_text_reaches_the_screen_and_exit_status_is_reported() {
    let mut s = PtySession::spawn(
        Path::new("/usr/bin/printf"),
        &["督办事项：%s\\n", "推进会"],
        &[],
        80,
        24,
    );
    let screen = s.wait_for("督办事项：推进会", DEFAULT_TIMEOUT);
    assert!(screen.starts_with("督办事项：推进会"), "{screen}");
    let status = s.wait_exit(DEFAULT_TIMEOUT);
    assert!(status.success(), "{status}");

    let mut failing = sh("exit 3");
    assert_eq!(failing.wait_exit(DEFAULT_TIMEOUT).exit_code(), 3);
}

#[test]
fn stty_sees_the_requested_size_and_resize_changes_it() {
    let mut s = PtySession::spawn(Path::new("/bin/stty"), &["-a"], &[], 100, 30);
    s.wait_for("rows 30; columns 100", DEFAULT_TIMEOUT);
    s.wait_exit(DEFAULT_TIMEOUT);

    let mut s = sh("trap 'stty size' WINCH; echo ready; while :; do sleep 0.02; done");
    s.wait_for("ready", DEFAULT_TIMEOUT);
    s.resize(120, 40);
    s.wait_for("40 120", DEFAULT_TIMEOUT);
    assert_eq!(s.with_screen(|screen| screen.size().1.get()), 120);
}

#[test]
fn environment_has_term_and_utf8_locale_and_env_overrides_win() {
    let mut s = sh("echo \"term=$TERM lang=$LANG lc_all=${LC_ALL-unset}\"; tput cols; tput lines");
    s.wait_exit(DEFAULT_TIMEOUT);
    let rows = s.screen_rows();
    assert_eq!(rows[0], "term=xterm-256color lang=C.UTF-8 lc_all=unset");
    assert_eq!(rows[1..3], ["80", "24"]);

    let env = [("LANG", "zh_CN.UTF-8"), ("BAYU_TEST", "甲乙丙")];
    let mut s = PtySession::spawn(
        Path::new("/bin/sh"),
        &["-c", "echo $LANG $BAYU_TEST"],
        &env,
        80,
        24,
    );
    s.wait_for("zh_CN.UTF-8 甲乙丙", DEFAULT_TIMEOUT);
}

#[test]
fn full_screen_program_is_seen_on_the_alternate_screen_and_restores_on_exit() {
    let script = "printf '主屏幕内容\\n'; \
        saved=$(stty -g); \
        printf '\\033[?1049h\\033[?25l\\033[?2004h\\033[H\\033[2J'; \
        stty raw -echo; printf '\\033[3;5H重点任务 按任意键退出'; \
        dd bs=1 count=1 >/dev/null 2>&1; stty \"$saved\"; \
        printf '\\033[?2004l\\033[?25h\\033[?1049l'; printf '已退出\\n'";
    let mut s = sh(script);
    s.wait_for("按任意键退出", DEFAULT_TIMEOUT);
    assert!(s.alternate_screen());
    assert!(s.hide_cursor());
    assert_eq!(s.cursor_position(), (2, 4 + 21), "21 columns after (2, 4)");
    assert_eq!(s.tty_raw_mode(), Some(true));
    assert!(!s.terminal_restored());
    assert!(!s.screen_text().contains("主屏幕内容"));

    s.send_key(Key::Char('q'));
    assert!(s.wait_exit(DEFAULT_TIMEOUT).success());
    let screen = s.screen_text();
    assert!(
        screen.contains("主屏幕内容") && screen.contains("已退出"),
        "{screen}"
    );
    assert!(!screen.contains("重点任务"), "{screen}");
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
    assert_eq!(s.tty_raw_mode(), Some(false));
}

#[test]
fn restoration_check_names_every_mode_left_on() {
    let script = "printf '\\033[?1049h\\033[?25l\\033[?2004h\\033[?1000h\\033[?1006h\\033[>1u'; \
        printf '未恢复\\r\\n'; stty raw -echo; exit 0";
    let mut s = sh(script);
    s.wait_exit(DEFAULT_TIMEOUT);
    let problems = s.restoration_problems().join("\n");
    for expected in [
        "left on the alternate screen",
        "cursor hidden",
        "bracketed paste was enabled (ESC[?2004h)",
        "mouse button reporting",
        "SGR mouse encoding",
        "pushed 1 times but popped 0 times",
        "raw mode",
    ] {
        assert!(
            problems.contains(expected),
            "missing {expected:?} in:\n{problems}"
        );
    }
    assert!(!s.terminal_restored());
}

#[test]
fn keys_are_encoded_as_xterm_sends_them() {
    let keys = [
        Key::Up,
        Key::F(5),
        Key::Char('中'),
        Key::Ctrl('a'),
        Key::BackTab,
        Key::Enter,
    ];
    let expected: Vec<u8> = keys.iter().flat_map(|k| k.encode(false)).collect();
    assert_eq!(
        hex(&expected),
        "1b 5b 41 1b 5b 31 35 7e e4 b8 ad 01 1b 5b 5a 0d"
    );
    let mut s = byte_reader("", expected.len());
    s.send_keys(&keys);
    s.wait_for(&format!("got: {}", hex(&expected)), DEFAULT_TIMEOUT);
}

#[test]
fn arrow_keys_follow_application_cursor_mode() {
    let mut s = byte_reader("printf '\\033[?1h'; ", 6);
    s.send_keys(&[Key::Up, Key::Home]);
    s.wait_for("got: 1b 4f 41 1b 4f 48", DEFAULT_TIMEOUT);
}

#[test]
fn paste_is_bracketed_only_when_the_program_asked() {
    let mut s = byte_reader("printf '\\033[?2004h'; ", 15);
    s.paste("中");
    s.wait_for(
        "got: 1b 5b 32 30 30 7e e4 b8 ad 1b 5b 32 30 31 7e",
        DEFAULT_TIMEOUT,
    );

    let mut s = byte_reader("", 4);
    s.paste("甲\n");
    s.wait_for("got: e7 94 b2 0d", DEFAULT_TIMEOUT);
}

#[test]
fn mouse_click_uses_sgr_encoding_and_refuses_without_mouse_mode() {
    let expected = b"\x1b[<0;5;3M\x1b[<0;5;3m";
    let mut s = byte_reader("printf '\\033[?1000h\\033[?1006h'; ", expected.len());
    s.mouse_click(2, 4);
    s.wait_for(&format!("got: {}", hex(expected)), DEFAULT_TIMEOUT);

    let mut s = byte_reader("", 1);
    let message = panic_message(|| s.mouse_click(0, 0));
    assert!(
        message.contains("has not enabled mouse reporting"),
        "{message}"
    );
}

#[test]
fn wait_for_timeout_panics_with_needle_and_screen() {
    let mut s = sh("printf '待办清单\\n'; sleep 5");
    s.wait_for("待办清单", DEFAULT_TIMEOUT);
    let started = Instant::now();
    let message = panic_message(|| {
        s.wait_for("不存在的文字", SHORT);
    });
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(message.contains("timed out"), "{message}");
    assert!(message.contains("\"不存在的文字\""), "{message}");
    assert!(message.contains("  0|待办清单"), "{message}");
    assert!(message.contains("still running"), "{message}");
}

#[test]
fn wait_fails_fast_when_the_program_exits_first() {
    let mut s = sh("printf '程序已结束\\n'; exit 7");
    let started = Instant::now();
    let message = panic_message(|| {
        s.wait_for("永远不会出现", Duration::from_secs(30));
    });
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert!(message.contains("the program exited"), "{message}");
    assert!(message.contains("Exited with code 7"), "{message}");
    assert!(message.contains("程序已结束"), "{message}");
}

#[test]
fn wait_exit_times_out_kills_and_reports() {
    let mut s = sh("printf '仍在运行\\n'; sleep 30");
    s.wait_for("仍在运行", DEFAULT_TIMEOUT);
    let pid = s.process_id();
    let message = panic_message(|| {
        s.wait_exit(SHORT);
    });
    assert!(
        message.contains("waiting for the program to exit"),
        "{message}"
    );
    assert!(message.contains("仍在运行"), "{message}");
    assert!(
        s.try_exit_status().is_some(),
        "the program should have been killed"
    );
    assert!(pid.is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists()));
}

#[test]
fn drop_kills_a_running_program_and_its_children() {
    let mut s = sh("sleep 30 & echo \"子进程 $!\"; wait");
    let screen = s.wait_for("子进程 ", DEFAULT_TIMEOUT);
    let child_pid = screen
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("子进程 "))
        .map(str::to_string);
    let Some(child_pid) = child_pid else {
        panic!("no child pid in:\n{screen}");
    };
    let Some(pid) = s.process_id() else {
        panic!("the shell has no pid");
    };
    let started = Instant::now();
    drop(s);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "shell {pid} survived"
    );
    // The kernel hangs up the foreground group when the session leader dies;
    // give it a moment to deliver that to the grandchild.
    let deadline = Instant::now() + Duration::from_secs(2);
    let status = format!("/proc/{child_pid}/status");
    while is_live(&status) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!is_live(&status), "sleep {child_pid} survived");
}

/// True if the process behind a `/proc/<pid>/status` path exists and is not
/// a zombie (an unreaped grandchild of init shows as Z until reaped).
fn is_live(status_path: &str) -> bool {
    std::fs::read_to_string(status_path).is_ok_and(|s| {
        !s.lines()
            .any(|l| l.starts_with("State:") && l.contains('Z'))
    })
}

#[test]
fn wait_stable_returns_after_output_stops() {
    let mut s = sh("for i in 1 2 3 4 5; do echo 进度$i; sleep 0.05; done; echo 完成; sleep 5");
    let screen = s.wait_stable(Duration::from_millis(200), DEFAULT_TIMEOUT);
    assert!(screen.contains("进度5\n完成"), "{screen}");

    let mut busy = sh("while :; do echo 忙; sleep 0.01; done");
    let message = panic_message(|| {
        busy.wait_stable(Duration::from_millis(200), SHORT);
    });
    assert!(message.contains("without output"), "{message}");
}

#[test]
fn raw_output_and_recorder_capture_clipboard_title_bell_and_queries() {
    // 5Lit5paH is base64 for 中文.
    let script =
        "printf '\\033]52;c;5Lit5paH\\007\\033]2;八与\\007\\007\\033[6n\\033[c\\033[?u'; echo 完";
    let mut s = sh(script);
    s.wait_exit(DEFAULT_TIMEOUT);
    let raw = s.raw_output();
    let osc52 = b"\x1b]52;c;5Lit5paH\x07";
    assert!(raw.windows(osc52.len()).any(|w| w == osc52));
    assert_eq!(s.bytes_received(), raw.len());
    assert_eq!(s.clipboard_copies(), ["中文"]);
    assert_eq!(s.window_title().as_deref(), Some("八与"));
    assert_eq!(s.bell_count(), 1);
    assert_eq!(s.terminal_queries(), ["ESC[6n", "ESC[c", "ESC[?u"]);
}

#[test]
fn output_since_isolates_the_reply_to_one_keystroke() {
    let mut s = sh("stty -echo; echo 就绪; read line; echo \"收到$line\"; sleep 5");
    s.wait_for("就绪", DEFAULT_TIMEOUT);
    let mark = s.bytes_received();
    s.send_str("甲");
    s.send_key(Key::Enter);
    s.wait_for("收到甲", DEFAULT_TIMEOUT);
    assert_eq!(String::from_utf8_lossy(&s.output_since(mark)), "收到甲\r\n");
}

#[test]
fn sending_to_an_exited_program_fails_clearly() {
    let mut s = sh("echo 再见");
    s.wait_exit(DEFAULT_TIMEOUT);
    let message = panic_message(|| s.send_key(Key::Enter));
    assert!(
        message.contains("the program has already exited (Success)"),
        "{message}"
    );
    assert!(message.contains("再见"), "{message}");
}
