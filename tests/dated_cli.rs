//! Dated changes and the plan's schedule from the command line, as a script
//! runs them: `task set-status|set-dates|set-progress --on`, `task
//! history`, `task correct`, `plan show|set`, data warnings in `check`,
//! and a date typed without a year resolved and shown back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

struct Db {
    _dir: tempfile::TempDir,
    path: String,
    home: std::path::PathBuf,
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn bayu(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run bayu")
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bayu.db").display().to_string();
        let home = dir.path().to_path_buf();
        let db = Db {
            _dir: dir,
            path,
            home,
        };
        let o = db.raw(&["init"]);
        assert!(o.status.success(), "{}", err(&o));
        db
    }

    /// In Chinese, as of 2021-12-31.
    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", &self.path, "--as-of", "2021-12-31"];
        all.extend_from_slice(args);
        bayu(&self.home, &all)
    }

    fn raw(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", self.path.as_str()];
        all.extend_from_slice(args);
        bayu(&self.home, &all)
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        out(&o)
    }

    fn fails(&self, code: i32, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", err(&o));
        err(&o)
    }
}

#[test]
fn a_status_set_on_a_past_day_shows_in_the_tree_from_that_day() {
    let db = Db::new();
    let o = db.ok(&[
        "task",
        "set-status",
        "2.1.1",
        "推进中",
        "--on",
        "2021-09-01",
    ]);
    assert!(o.contains("状态：未启动→推进中，自2021-09-01起"), "{o}");
    assert!(o.contains("生效日期：2021年9月1日"), "{o}");
    db.ok(&[
        "task",
        "set-status",
        "2.1.1",
        "滞后",
        "--reason",
        "场地未落实",
        "--on",
        "11月1日",
    ]);
    let tree = |as_of: &str| {
        let o = db.raw(&["--as-of", as_of, "tree", "2.1.1"]);
        out(&o)
    };
    assert!(tree("2021-08-31").contains("提高政治站位  未启动"));
    assert!(tree("2021-10-31").contains("提高政治站位  推进中"));
    assert!(tree("2021-11-30").contains("提高政治站位  滞后（场地未落实）"));
    let h = db.ok(&["task", "history", "2.1.1"]);
    assert!(
        h.contains("2021-09-01起  状态  推进中")
            && h.contains("2021-11-01起  状态  滞后（场地未落实）"),
        "{h}"
    );
    // Without --on: the as-of date.
    let o = db.ok(&["task", "set-progress", "2.1.1", "30"]);
    assert!(o.contains("自2021-12-31起"), "{o}");
    let o = db.ok(&[
        "task",
        "set-dates",
        "2.1.1",
        "--due",
        "2022-06-30",
        "--on",
        "2021-07-01",
    ]);
    assert!(o.contains("截止 无→2022-06-30，自2021-07-01起"), "{o}");
}

#[test]
fn a_past_entry_is_corrected_or_removed_and_undone() {
    let db = Db::new();
    db.ok(&[
        "task",
        "set-status",
        "2.1.1",
        "推进中",
        "--on",
        "2021-09-01",
    ]);
    let h = db.ok(&["task", "history", "2.1.1"]);
    let id = h
        .lines()
        .find(|l| l.contains("推进中"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    let o = db.ok(&["task", "correct", &id, "--on", "2021-10-15"]);
    assert!(o.contains("生效日期2021-09-01→2021-10-15"), "{o}");
    let e = db.fails(2, &["task", "correct", &id, "--progress", "20"]);
    assert!(e.contains("records the status"), "{e}");
    let e = db.fails(2, &["task", "correct", &id, "--on", "2099-01-01"]);
    assert!(e.contains("after today"), "{e}");
    db.ok(&["undo"]);
    assert!(
        db.ok(&["task", "history", "2.1.1"])
            .contains("2021-09-01起")
    );
    db.ok(&["task", "correct", &id, "--delete"]);
    assert!(db.ok(&["task", "history", "2.1.1"]).contains("尚无记录"));
}

#[test]
fn the_plans_schedule_is_shown_set_and_undone() {
    let db = Db::new();
    let show = db.ok(&["plan", "show"]);
    assert!(
        show.contains("结束日期：未设定（方案文件未载明结束日期）"),
        "never invented: {show}"
    );
    let memo = db.ok(&["export", "memo"]);
    assert!(memo.contains("序时进度未设定"), "{memo}");
    let o = db.ok(&["plan", "set", "--end", "2025-12-31", "--warning-days", "15"]);
    assert!(
        o.contains("方案进度安排：结束 无→2025-12-31；预警 30→15天"),
        "{o}"
    );
    assert!(o.contains("结束日期：2025年12月31日"), "{o}");
    let e = db.fails(2, &["plan", "set", "--end", "2020-01-01"]);
    assert!(
        e.contains("end date: 2020-01-01 is before the start date"),
        "{e}"
    );
    let e = db.fails(2, &["plan", "set", "--grace-days", "ten"]);
    assert!(e.contains("--grace-days"), "{e}");
    let e = db.fails(2, &["plan", "set"]);
    assert!(e.contains("give --start, --end"), "{e}");
    db.ok(&["undo"]);
    assert!(db.ok(&["plan", "show"]).contains("结束日期：未设定"));
    for args in [
        &["plan", "--help"][..],
        &["plan", "set", "--help"],
        &["task", "set-status", "--help"],
        &["task", "correct", "--help"],
        &["task", "history", "--help"],
    ] {
        let o = db.ok(args);
        assert!(o.contains("Usage"), "{args:?}: {o}");
    }
    assert!(db.ok(&["task", "set-status", "--help"]).contains("--on"));
}

#[test]
fn check_lists_a_status_the_records_contradict() {
    let db = Db::new();
    db.ok(&[
        "milestone",
        "add",
        "--task",
        "2.1.1",
        "--title",
        "部署",
        "--due",
        "2021-09-30",
    ]);
    db.ok(&["milestone", "done", "1", "--date", "2021-09-20"]);
    let o = db.ok(&["check"]);
    assert!(o.starts_with("ok: "), "the file is sound: {o}");
    assert!(
        o.contains("2.1.1 提高政治站位: 登记为未启动，但已办结时间节点1个"),
        "{o}"
    );
    let memo = db.ok(&["export", "memo"]);
    assert!(
        memo.contains("状态登记为未启动，但截至2021年12月31日已办结时间节点1个，状态待核实"),
        "{memo}"
    );
}

#[test]
fn an_as_of_date_without_a_year_is_the_latest_such_day_and_is_said() {
    let db = Db::new();
    let o = db.raw(&["--as-of", "12月31日", "export", "memo"]);
    assert!(o.status.success(), "{}", err(&o));
    let today = chrono::Local::now().date_naive();
    let year = if today >= chrono::NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap() {
        today.year()
    } else {
        today.year() - 1
    };
    let said = format!("{year}年12月31日");
    assert!(
        err(&o).contains(&format!("--as-of 12月31日 即{said}")),
        "{}",
        err(&o)
    );
    assert!(out(&o).contains(&format!("（截至{said}）")), "{}", out(&o));
    // A full date is not repeated back.
    let o = db.raw(&["--as-of", "2021-12-31", "tree"]);
    assert!(err(&o).is_empty(), "{}", err(&o));
}

use chrono::Datelike;
