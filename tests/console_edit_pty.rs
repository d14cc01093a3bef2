//! Editing in the real console, in a pseudo-terminal, as a coordinator
//! types it: a sub-task, a milestone and a report with Chinese text sent as
//! an input method commits it (UTF-8, several characters at once), the
//! cursor where the next character goes, quit, reopen, find them; undo and
//! redo; multi-line text pasted; a CLI rename while a form is open shows
//! both versions and loses neither; a read-only file refuses every edit
//! key in the message line. The terminal is left as it was every time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;
#[path = "support/console.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bayu::db::{AuditFilter, OpenMode, Store};
use pty::{DEFAULT_TIMEOUT, Key, PtySession};
use unicode_width::UnicodeWidthStr;

const FRAME: Duration = Duration::from_millis(150);

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(support::demo_db(), dir.path().join("demo.db")).unwrap();
        Fixture { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("demo.db")
    }

    fn spawn(&self, args: &[&str]) -> PtySession {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"];
        all.extend_from_slice(args);
        let home = self.dir.path().to_str().unwrap().to_string();
        let mut s = PtySession::spawn(
            Path::new(env!("CARGO_BIN_EXE_bayu")),
            &all,
            &[("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")],
            80,
            24,
        );
        s.wait_for("─ 最新报送", DEFAULT_TIMEOUT);
        s
    }

    fn store(&self) -> Store {
        Store::open(&self.db(), OpenMode::Auto).unwrap()
    }

    /// Runs the command line on the same file, as another coordinator.
    fn cli(&self, args: &[&str]) {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bayu"))
            .args(&all)
            .env("BAYU_CONFIG", "/dev/null")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn quit_and_check(mut s: PtySession) {
    s.send_key(Key::Char('q'));
    let status = s.wait_exit(DEFAULT_TIMEOUT);
    assert!(status.success(), "{status}");
    assert_eq!(s.restoration_problems(), Vec::<String>::new());
    assert_eq!(s.terminal_queries(), Vec::<String>::new());
}

/// Whether a row above the message line holds `text`.
fn in_tree(screen: &str, text: &str) -> bool {
    let rows: Vec<&str> = screen.lines().collect();
    rows.iter()
        .take(rows.len().saturating_sub(1))
        .any(|r| r.contains(text))
}

/// The screen column just after `text` on the row that holds it.
fn column_after(s: &PtySession, text: &str) -> (u16, u16) {
    let rows = s.screen_rows();
    for (y, row) in rows.iter().enumerate() {
        if let Some(at) = row.find(text) {
            let x = row[..at].width() + text.width();
            return (y as u16, x as u16);
        }
    }
    panic!("{text:?} is not on the screen:\n{}", rows.join("\n"));
}

#[test]
fn a_sub_task_a_milestone_and_a_report_typed_in_chinese_are_there_after_a_restart() {
    let f = Fixture::new();
    let mut s = f.spawn(&[]);
    s.send_key(Key::Char('2'));
    s.wait_for("─ 任务 19", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('a'));
    s.wait_for("新增子任务（属 2.1.1 提高政治站位）", DEFAULT_TIMEOUT);
    // An input method commits a phrase at once.
    s.send_str("组织专题学习会");
    s.wait_for("组织专题学习会", DEFAULT_TIMEOUT);
    s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    assert!(!s.hide_cursor(), "the cursor shows where the user types");
    assert_eq!(
        s.cursor_position(),
        column_after(&s, "标题* 组织专题学习会")
    );
    s.send_key(Key::Tab);
    s.send_str("各区县妇联组织女科技工作者");
    s.send_key(Key::Enter);
    s.send_str("开展专题学习。");
    s.wait_for("开展专题学习。", DEFAULT_TIMEOUT);
    s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    assert_eq!(s.cursor_position(), column_after(&s, "开展专题学习。"));
    s.send_key(Key::Ctrl('s'));
    s.wait_for(
        "已保存：新增子任务2.1.1.1（1）组织专题学习会",
        DEFAULT_TIMEOUT,
    );
    s.wait_for("（1）组织专题学习会", DEFAULT_TIMEOUT);
    // Its milestone, from the plan's list of the new sub-task.
    s.send_key(Key::Char('m'));
    s.wait_for("尚无时间节点；按 a 新增", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('a'));
    s.wait_for("新增时间节点", DEFAULT_TIMEOUT);
    s.send_str("学习成果汇报会");
    s.send_key(Key::Tab);
    s.send_str("2022年1月15日");
    s.wait_for("2022年1月15日 周六", DEFAULT_TIMEOUT);
    s.send_key(Key::Ctrl('s'));
    s.wait_for("已保存：新增时间节点「学习成果汇报会」", DEFAULT_TIMEOUT);
    s.wait_for("2022-01-15 学习成果汇报会", DEFAULT_TIMEOUT);
    s.send_key(Key::Esc);
    // A report: unit and task picked by pinyin initials and code.
    s.send_key(Key::Char('5'));
    s.wait_for("报送列表", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('a'));
    s.wait_for("新增进展报送", DEFAULT_TIMEOUT);
    s.send_str("yzq");
    s.wait_for("渝中区（渝中）", DEFAULT_TIMEOUT);
    s.send_key(Key::Enter);
    s.send_str("2.1.1.1");
    s.wait_for("2.1.1.1 组织专题学习会", DEFAULT_TIMEOUT);
    s.send_key(Key::Enter);
    for _ in 0..3 {
        s.send_key(Key::Tab);
    }
    s.send_str("渝中区妇联开展专题学习会4场，");
    s.send_key(Key::Enter);
    s.send_str("覆盖女科技工作者320人次。");
    s.send_key(Key::Ctrl('s'));
    s.wait_for("已保存：渝中区报送2.1.1.1", DEFAULT_TIMEOUT);
    quit_and_check(s);

    // Reopened: all three are there.
    let mut s = f.spawn(&[]);
    s.send_keys(&[Key::Char('2'), Key::Char('/')]);
    s.send_str("组织专题学习会");
    s.send_key(Key::Enter);
    s.wait_for("（1）组织专题学习会", DEFAULT_TIMEOUT);
    s.wait_for("学习成果汇报会", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('5'));
    s.wait_for("渝中区妇联开展专题学习会4场", DEFAULT_TIMEOUT);
    quit_and_check(s);
    let store = f.store();
    let node = store
        .outline()
        .unwrap()
        .find_title("组织专题学习会")
        .cloned()
        .unwrap();
    assert_eq!(node.body, "各区县妇联组织女科技工作者\n开展专题学习。");
    assert!(
        store
            .milestones()
            .unwrap()
            .iter()
            .any(|m| m.node_id == node.id && m.title == "学习成果汇报会")
    );
    let later = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let report = store.node_reports(node.id, later, 5).unwrap();
    assert_eq!(
        report[0].body,
        "渝中区妇联开展专题学习会4场，\n覆盖女科技工作者320人次。"
    );
}

#[test]
fn u_takes_a_change_back_and_ctrl_r_puts_it_again() {
    let f = Fixture::new();
    let mut s = f.spawn(&[]);
    s.send_key(Key::Char('2'));
    s.wait_for("─ 任务 19", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('a'));
    s.wait_for("新增子任务", DEFAULT_TIMEOUT);
    s.send_str("临时子任务");
    s.send_key(Key::Ctrl('s'));
    s.wait_for("（1）临时子任务", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('u'));
    s.wait_for("已撤销：新增子任务2.1.1.1（1）临时子任务", DEFAULT_TIMEOUT);
    // Gone from the tree (the message line still names it).
    s.wait_until(
        |screen| !in_tree(&screen.contents(), "（1）临时子任务"),
        DEFAULT_TIMEOUT,
        "the sub-task leaves the tree",
    );
    s.send_key(Key::Ctrl('r'));
    s.wait_for("已重做：新增子任务2.1.1.1（1）临时子任务", DEFAULT_TIMEOUT);
    s.wait_until(
        |screen| in_tree(&screen.contents(), "（1）临时子任务"),
        DEFAULT_TIMEOUT,
        "the sub-task is back in the tree",
    );
    // Nothing left to redo: the refusal, in one sentence.
    s.send_key(Key::Ctrl('r'));
    s.wait_for("没有可重做的操作", DEFAULT_TIMEOUT);
    quit_and_check(s);
    assert!(
        f.store()
            .outline()
            .unwrap()
            .find_title("临时子任务")
            .is_some()
    );
}

#[test]
fn multi_line_text_pasted_into_a_report_keeps_its_lines() {
    let f = Fixture::new();
    let mut s = f.spawn(&[]);
    s.send_key(Key::Char('5'));
    s.wait_for("云阳通过报刊、网站", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('e'));
    s.wait_for("更正报送", DEFAULT_TIMEOUT);
    s.send_keys(&[Key::Tab, Key::Tab]);
    s.send_key(Key::Enter);
    s.paste("补充一：开展宣讲5场；\r\n补充二：覆盖300人次。\x1b[2J");
    s.wait_for("补充二：覆盖300人次。[2J", DEFAULT_TIMEOUT);
    s.wait_for("补充一：开展宣讲5场；", DEFAULT_TIMEOUT);
    s.send_key(Key::Ctrl('s'));
    s.wait_for("已保存：修改报送", DEFAULT_TIMEOUT);
    quit_and_check(s);
    let store = f.store();
    let log = store
        .audit_log(&AuditFilter {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    let id = log[0].entity_id.unwrap();
    let body = store.report(id).unwrap().unwrap().body;
    assert!(
        body.ends_with("\n补充一：开展宣讲5场；\n补充二：覆盖300人次。[2J"),
        "{body:?}"
    );
}

#[test]
fn a_rename_from_the_command_line_while_the_form_is_open_loses_nothing() {
    let f = Fixture::new();
    let mut s = f.spawn(&[]);
    s.send_key(Key::Char('2'));
    s.wait_for("─ 任务 19", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('e'));
    s.wait_for("编辑任务2.1.1「提高政治站位」", DEFAULT_TIMEOUT);
    f.cli(&[
        "task",
        "rename",
        "2.1.1",
        "--title",
        "提高政治站位（市妇联修订）",
    ]);
    s.send_key(Key::Tab);
    s.send_str("补充：各区县同步开展。");
    s.send_key(Key::Ctrl('s'));
    let screen = s.wait_for("修改冲突：他人已修改该记录", DEFAULT_TIMEOUT);
    s.wait_stable(FRAME, DEFAULT_TIMEOUT);
    let screen = s.screen_text().max(screen);
    for needed in [
        "对方的版本（已保存）",
        "我的版本（未保存）",
        "提高政治站位（市妇联修订）",
        "补充：各区县同步",
        "t 保留对方的",
    ] {
        assert!(screen.contains(needed), "{needed}:\n{screen}");
    }
    // Nothing was written yet.
    let node = f
        .store()
        .outline()
        .unwrap()
        .find_code("2.1.1")
        .cloned()
        .unwrap();
    assert!(!node.body.contains("补充"));
    s.send_key(Key::Char('m'));
    s.wait_for(
        "已保存：任务2.1.1「提高政治站位（市妇联修订）」：修改正文",
        DEFAULT_TIMEOUT,
    );
    quit_and_check(s);
    let store = f.store();
    let node = store
        .outline()
        .unwrap()
        .find_code("2.1.1")
        .cloned()
        .unwrap();
    assert_eq!(
        node.title, "提高政治站位（市妇联修订）",
        "their rename kept"
    );
    assert!(
        node.body.ends_with("补充：各区县同步开展。"),
        "my text saved"
    );
    let log = store
        .audit_log(&AuditFilter {
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert!(log[1].summary.contains("更名"), "{:?}", log[1].summary);
}

#[test]
fn keep_theirs_leaves_their_version_and_the_views_show_it() {
    let f = Fixture::new();
    let mut s = f.spawn(&[]);
    s.send_key(Key::Char('2'));
    s.wait_for("─ 任务 19", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('e'));
    s.wait_for("编辑任务2.1.1", DEFAULT_TIMEOUT);
    s.send_str("（我的修订）");
    f.cli(&[
        "task",
        "rename",
        "2.1.1",
        "--title",
        "提高政治站位（市妇联修订）",
    ]);
    s.send_key(Key::Ctrl('s'));
    s.wait_for("修改冲突", DEFAULT_TIMEOUT);
    s.send_key(Key::Char('t'));
    s.wait_for("已保留对方的版本", DEFAULT_TIMEOUT);
    s.wait_for("1.提高政治站位（市妇联修订）", DEFAULT_TIMEOUT);
    quit_and_check(s);
    let node = f
        .store()
        .outline()
        .unwrap()
        .find_code("2.1.1")
        .cloned()
        .unwrap();
    assert_eq!(node.title, "提高政治站位（市妇联修订）");
}

#[test]
fn on_a_read_only_file_every_edit_key_says_why_in_the_message_line() {
    let f = Fixture::new();
    let before = std::fs::read(f.db()).unwrap();
    let mut s = f.spawn(&["--read-only"]);
    s.send_key(Key::Char('2'));
    s.wait_for("─ 任务 19", DEFAULT_TIMEOUT);
    for key in ['a', 'e', 'd', 's', 'm', 'u'] {
        s.send_key(Key::Char(key));
        let screen = s.wait_for(
            "只读打开（启动时指定了 --read-only），不能修改。",
            DEFAULT_TIMEOUT,
        );
        assert!(!screen.contains("┌ 新增"), "{screen}");
        s.send_key(Key::Char('j'));
        s.wait_gone("只读打开", DEFAULT_TIMEOUT);
    }
    quit_and_check(s);
    assert_eq!(
        std::fs::read(f.db()).unwrap(),
        before,
        "the file is untouched"
    );
}
