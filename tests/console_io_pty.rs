//! The export view and the import pane as a user meets them: the real
//! binary in a pseudo-terminal, read back through a vt100 emulator.
//! Switch to 6, change the template, write a file (its bytes are those of
//! `bayu export` with the same template and options), copy with `y` (the
//! OSC 52 payload decodes to the same text); import a sheet with a bad
//! row (nothing imported, the problem shown) and then a good one (the
//! reports appear in the inbox); and the terminal is given back as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;
#[path = "support/console.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use bayu::db::{InboxFilter, OpenMode, Store};
use pty::{DEFAULT_TIMEOUT, Key, PtySession};

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A private copy of the demo database in a fresh directory, which is
    /// also the console's working directory.
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(support::demo_db(), dir.path().join("demo.db")).unwrap();
        Fixture { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("demo.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn spawn(&self, args: &[&str], env: &[(&str, &str)]) -> PtySession {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"];
        all.extend_from_slice(args);
        let home = self.dir.path().to_str().unwrap().to_string();
        let mut vars = vec![("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")];
        vars.extend_from_slice(env);
        let mut s = PtySession::spawn_in(
            self.dir.path(),
            Path::new(env!("CARGO_BIN_EXE_bayu")),
            &all,
            &vars,
            80,
            24,
        );
        s.wait_for("─ 最新报送", DEFAULT_TIMEOUT);
        s
    }

    /// `bayu export ARGS` on the same file and date, its stdout.
    fn export(&self, args: &[&str]) -> Vec<u8> {
        let out = Command::new(env!("CARGO_BIN_EXE_bayu"))
            .args(["--db", self.db().to_str().unwrap(), "--as-of", "2021-12-31"])
            .arg("export")
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

    /// Current reports received by the end of 2022.
    fn reports(&self) -> u64 {
        let store = Store::open(&self.db(), OpenMode::ReadOnly).unwrap();
        store
            .inbox_count(support::date((2022, 12, 31)), &InboxFilter::default())
            .unwrap()
    }
}

/// Quits with q and checks that the terminal is as it was.
fn quit_and_check(mut s: PtySession) {
    s.send_key(Key::Char('q'));
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
fn view_six_writes_and_copies_what_bayu_export_makes() {
    let f = Fixture::new();
    let mut s = f.spawn(&[], &[]);
    s.send_key(Key::Char('6'));
    s.wait_for("模板：情况通报 memo", DEFAULT_TIMEOUT);
    s.wait_for("─ 预览 8,241 字节", DEFAULT_TIMEOUT);
    // The reminder list, for 市总工会, with Windows line ends.
    s.send_key(Key::Enter);
    s.wait_for("选择模板", DEFAULT_TIMEOUT);
    s.send_keys(&[Key::Char('j'), Key::Char('j'), Key::Enter]);
    s.wait_for("模板：催办清单 overdue", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('a'));
    s.wait_for("选择责任单位", DEFAULT_TIMEOUT);
    s.send_str("szgh");
    s.wait_for("重庆市总工会", DEFAULT_TIMEOUT);
    s.send_key(Key::Enter);
    s.wait_for("单位：市总工会", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('c'));
    s.wait_for("行尾：CRLF", DEFAULT_TIMEOUT);
    // w: the default name in the current directory.
    s.send_key(Key::Char('w'));
    let name = "助力科技创新巴渝巾帼行动催办清单_市总工会_2021-12-31.txt";
    s.wait_for(&format!("文件：{name}"), DEFAULT_TIMEOUT);
    s.send_key(Key::Enter);
    s.wait_for("已写入", DEFAULT_TIMEOUT);
    let expected = f.export(&["overdue", "--agency", "市总工会", "--crlf"]);
    assert_eq!(std::fs::read(f.path(name)).unwrap(), expected);
    // y: short enough to go at once, as OSC 52.
    s.send_key(Key::Char('y'));
    s.wait_for("请粘贴确认", DEFAULT_TIMEOUT);
    let copies = s.clipboard_copies();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].as_bytes(), &expected[..]);
    // The memo is longer than many terminals take: asked first, then sent.
    s.send_key(Key::Enter);
    s.wait_for("选择模板", DEFAULT_TIMEOUT);
    s.send_keys(&[Key::Char('k'), Key::Char('k'), Key::Enter]);
    s.wait_for("模板：情况通报", DEFAULT_TIMEOUT);
    // Every agency again (the first entry of the picker).
    s.send_key(Key::Char('a'));
    s.wait_for("全部（不限单位）", DEFAULT_TIMEOUT);
    s.send_key(Key::Enter);
    // 36 lines, each a byte longer with CRLF.
    s.wait_for("─ 预览 8,277 字节", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('y'));
    s.wait_for("很多终端只接受几 KB", DEFAULT_TIMEOUT);
    assert_eq!(s.clipboard_copies().len(), 1, "nothing sent before the yes");
    s.send_key(Key::Char('y'));
    s.wait_gone("很多终端只接受几 KB", DEFAULT_TIMEOUT);
    s.wait_for("请粘贴确认", DEFAULT_TIMEOUT);
    let memo = f.export(&["memo", "--crlf"]);
    assert_eq!(s.clipboard_copies().last().unwrap().as_bytes(), &memo[..]);
    quit_and_check(s);
}

#[test]
fn writing_over_a_file_asks_first_and_a_missing_directory_is_refused() {
    let f = Fixture::new();
    let mut s = f.spawn(&[], &[]);
    let name = "助力科技创新巴渝巾帼行动推进情况通报_2021-12-31.txt";
    std::fs::write(f.path(name), "旧的通报").unwrap();
    s.send_keys(&[Key::Char('6'), Key::Char('w')]);
    s.wait_for(&format!("文件：{name}"), DEFAULT_TIMEOUT);
    s.send_key(Key::Enter);
    s.wait_for("文件已存在", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('n'));
    s.wait_gone("文件已存在", DEFAULT_TIMEOUT);
    assert_eq!(std::fs::read_to_string(f.path(name)).unwrap(), "旧的通报");
    // A directory that is not there.
    s.send_key(Key::Ctrl('u'));
    s.send_str("没有这个目录/通报.txt");
    s.send_key(Key::Enter);
    s.wait_for("不存在", DEFAULT_TIMEOUT);
    // Tab completes the existing file's name from 助; Enter; y replaces it.
    s.send_key(Key::Ctrl('u'));
    s.send_str("助");
    s.send_key(Key::Tab);
    s.wait_for(&format!("文件：{name}"), DEFAULT_TIMEOUT);
    s.send_key(Key::Enter);
    s.wait_for("文件已存在", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('y'));
    s.wait_for("已写入", DEFAULT_TIMEOUT);
    assert_eq!(std::fs::read(f.path(name)).unwrap(), f.export(&["memo"]));
    quit_and_check(s);
}

#[test]
fn inside_tmux_the_copy_names_the_setting_it_needs() {
    let f = Fixture::new();
    let mut s = f.spawn(&[], &[("TMUX", "/tmp/tmux-1000/default,1234,0")]);
    s.send_key(Key::Char('6'));
    s.wait_for("─ 预览 8,241 字节", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('y'));
    // The question says it first, then the message after the copy.
    s.wait_for("在 tmux 中还需 set -g set-clipboard on", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('y'));
    s.wait_for("set-clipboard on，复制无法确认", DEFAULT_TIMEOUT);
    assert_eq!(s.clipboard_copies().len(), 1);
    quit_and_check(s);
}

fn write_sheet(path: &Path, rows: &[&str]) {
    let mut text = String::from("\u{feff}单位,任务编号,任务,期次,报送日期,填报人,进展情况\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_bad_sheet_imports_nothing_and_a_good_one_shows_in_the_inbox() {
    let f = Fixture::new();
    let before = f.reports();
    write_sheet(
        &f.path("回收_有误.csv"),
        &[
            "城口县,2.1.1,提高政治站位,2021Q4,2021-12-31,李娟,城口县妇联组织学习宣传活动3场。",
            "火星区,2.1.2,弘扬科学家精神,2021Q4,2021-12-31,李娟,开展宣讲2场。",
        ],
    );
    write_sheet(
        &f.path("回收_城口县.csv"),
        &[
            "城口县,2.1.1,提高政治站位,2021Q4,2021-12-31,李娟,城口县妇联组织学习宣传活动3场。",
            "城口,2.1.2,弘扬科学家精神,2021年第四季度,2021/12/31,李娟,城口县开展科学家精神宣讲2场。",
        ],
    );
    let mut s = f.spawn(&[], &[]);
    s.send_keys(&[Key::Char('5'), Key::Char('i')]);
    s.wait_for("导入报送表", DEFAULT_TIMEOUT);
    s.send_str("回收_有");
    s.send_key(Key::Tab);
    s.wait_for("文件：回收_有误.csv", DEFAULT_TIMEOUT);
    s.send_key(Key::Enter);
    s.wait_for("未导入任何数据", DEFAULT_TIMEOUT);
    s.wait_for(
        "回收_有误.csv:3: column 单位: unknown unit \"火星",
        DEFAULT_TIMEOUT,
    );
    // y does not import a sheet with problems.
    s.send_key(Key::Char('y'));
    s.wait_for("不能导入", DEFAULT_TIMEOUT);
    assert_eq!(f.reports(), before);
    s.send_key(Key::Esc);
    s.wait_gone("导入报送表", DEFAULT_TIMEOUT);
    // The good one.
    s.send_key(Key::Char('i'));
    s.wait_for("导入报送表", DEFAULT_TIMEOUT);
    s.send_key(Key::Ctrl('u'));
    s.send_str("回收_城口县.csv");
    s.send_key(Key::Enter);
    s.wait_for("检查完毕，没有问题", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('y'));
    s.wait_for("已导入：新增报送 2 条", DEFAULT_TIMEOUT);
    assert_eq!(f.reports(), before + 2);
    // Newest first: the two reports of 31 December head the inbox.
    let screen = s.wait_for("2021-12-31 城口", DEFAULT_TIMEOUT);
    assert_eq!(screen.matches("2021-12-31 城口").count(), 2, "{screen}");
    quit_and_check(s);
}

#[test]
fn a_read_only_console_says_why_it_cannot_import() {
    let f = Fixture::new();
    let mut s = f.spawn(&["--read-only"], &[]);
    s.send_keys(&[Key::Char('5'), Key::Char('i')]);
    s.wait_for("不能导入：数据库以只读方式打开", DEFAULT_TIMEOUT);
    quit_and_check(s);
}
