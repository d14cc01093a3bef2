//! The editing commands run as a script runs them: the built binary on a
//! real file. What each prints, that errors name the field and exit 2 (bad
//! input) or 1 (refused), that nothing is written on error, and that
//! undo/redo work across separate runs of the program.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/cli.rs"]
mod support;

use support::{Db, out};

#[test]
fn report_add_says_new_revision_or_duplicate() {
    let db = Db::new(false);
    let add = |text: &str| {
        db.ok(&[
            "report",
            "add",
            "--unit",
            "渝中区",
            "--task",
            "2.1.2",
            "--period",
            "2021Q4",
            "--text",
            text,
            "--date",
            "12月20日",
            "--author",
            "李芳",
        ])
    };
    let first = add("开展“百千万巾帼大宣讲”12场。");
    assert!(
        first.starts_with("added report 1: 渝中区 → 2.1.2 弘扬科学家精神, 2021Q4"),
        "{first}"
    );
    let again = add("开展“百千万巾帼大宣讲”12场。");
    assert!(
        again.starts_with("duplicate of report 1, nothing added"),
        "{again}"
    );
    let second = add("开展“百千万巾帼大宣讲”15场。");
    assert!(
        second.starts_with("new revision 2 replaces report 1: report 2"),
        "{second}"
    );
    // The unit by code and by short name, the task by title.
    let other = db.ok(&[
        "report",
        "add",
        "--unit",
        "500110",
        "--task",
        "弘扬科学家精神",
        "--period",
        "2021年第四季度",
        "--text",
        "綦江区开展宣讲3场。",
    ]);
    assert!(other.contains("綦江区 → 2.1.2"), "{other}");
    let log = db.ok(&["log"]);
    assert!(
        log.contains("渝中区报送2.1.2「弘扬科学家精神」2021Q4：第2版（报送2）替代报送1"),
        "{log}"
    );
    assert_eq!(log.lines().count(), 1 + 3 + 1, "{log}");
}

#[test]
fn report_values_name_indicators_of_the_task() {
    let db = Db::new(true);
    let o = db.ok(&[
        "report",
        "add",
        "--unit",
        "渝中",
        "--task",
        "2.1.2",
        "--period",
        "2021Q4",
        "--text",
        "开展宣讲12场。",
        "--value",
        "“百千万巾帼大宣讲”=12",
    ]);
    assert!(
        o.contains("replaces report") || o.starts_with("added report"),
        "{o}"
    );
    let e = db.fails(
        2,
        &[
            "report",
            "add",
            "--unit",
            "渝中",
            "--task",
            "2.1.2",
            "--period",
            "2021Q4",
            "--text",
            "x",
            "--value",
            "女职工创新工作室=3",
        ],
    );
    assert!(
        e.contains(
            "has no indicator named \"女职工创新工作室\" (its indicators: “百千万巾帼大宣讲”)"
        ),
        "{e}"
    );
    let e = db.fails(
        2,
        &[
            "report",
            "add",
            "--unit",
            "渝中",
            "--task",
            "2.1.2",
            "--period",
            "2021Q4",
            "--text",
            "x",
            "--value",
            "“百千万巾帼大宣讲”=很多",
        ],
    );
    assert!(e.contains("\"很多\" is not a number"), "{e}");
}

#[test]
fn bad_input_names_the_field_exits_2_and_writes_nothing() {
    let db = Db::new(false);
    let base = [
        "report", "add", "--task", "2.1.2", "--period", "2021Q4", "--text", "内容",
    ];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        base.iter().copied().chain(extra.iter().copied()).collect()
    };
    let e = db.fails(2, &with(&["--unit", "渝中", "--date", "2021-02-30"]));
    assert!(
        e.contains("date: \"2021-02-30\" is not a real date: February 2021 has 28 days"),
        "{e}"
    );
    let e = db.fails(2, &with(&["--unit", "渝"]));
    assert!(
        e.contains("--unit: no unit is named or coded \"渝\" (did you mean 渝中区, 渝北区?)"),
        "{e}"
    );
    let e = db.fails(
        2,
        &[
            "report", "add", "--unit", "渝中", "--task", "2.1.2", "--period", "2021-10", "--text",
            "x",
        ],
    );
    assert!(e.contains("period: "), "{e}");
    assert!(e.contains("period"), "{e}");
    let e = db.fails(
        2,
        &[
            "report", "add", "--unit", "渝中", "--task", "9.9", "--period", "2021Q4", "--text", "x",
        ],
    );
    assert!(
        e.contains("--task: no task has the code or title \"9.9\""),
        "{e}"
    );
    let e = db.fails(
        2,
        &[
            "report", "add", "--unit", "渝中", "--task", "2.1", "--period", "2021Q4", "--text", " ",
        ],
    );
    assert!(e.contains("text is empty"), "{e}");
    let e = db.fails(
        2,
        &[
            "milestone",
            "add",
            "--task",
            "2.1.1",
            "--title",
            "首批认定",
            "--due",
            "2021-02-30",
        ],
    );
    assert!(
        e.contains("due date: \"2021-02-30\" is not a real date"),
        "{e}"
    );
    let e = db.fails(2, &["task", "add", "--under", "2.1.1", "--title", "　"]);
    assert!(e.contains("title is empty"), "{e}");
    let e = db.fails(2, &["task", "set-status", "2.1.1", "暂停"]);
    assert!(e.contains("reason is empty"), "{e}");
    let e = db.fails(
        2,
        &[
            "task",
            "assign",
            "2.1.1",
            "--lead",
            "市妇联",
            "--support",
            "市政府",
        ],
    );
    assert!(
        e.contains("--support: no agency is named \"市政府\""),
        "{e}"
    );
    let e = db.fails(2, &["report", "review", "1", "return"]);
    assert!(e.contains("no such report"), "{e}");
    let e = db.fails(2, &["log", "--entity", "foo"]);
    assert!(e.contains("--entity"), "{e}");
}

#[test]
fn milestones_and_tasks_are_edited_and_logged() {
    let db = Db::new(false);
    let o = db.ok(&[
        "milestone",
        "add",
        "--task",
        "2.1.1",
        "--title",
        "完成首轮宣讲",
        "--due",
        "季末",
    ]);
    assert_eq!(o, "added milestone 1: 完成首轮宣讲 (due 2021-12-31)\n");
    let o = db.ok(&["milestone", "done", "1", "--date", "12月20日"]);
    assert!(o.contains("标记完成，完成日期2021-12-20"), "{o}");
    let e = db.fails(1, &["milestone", "done", "1"]);
    assert!(e.contains("already marked done on 2021-12-20"), "{e}");
    db.ok(&["milestone", "reopen", "1"]);
    let o = db.ok(&["task", "add", "--under", "2.1.1", "--title", "组织专题学习"]);
    assert!(
        o.starts_with("added 2.1.1.1: 新增子任务2.1.1.1（1）组织专题学习"),
        "{o}"
    );
    db.ok(&["task", "add", "--under", "2.1.1", "--title", "开展宣讲活动"]);
    let o = db.ok(&[
        "task",
        "set-status",
        "2.1.1.2",
        "late",
        "--reason",
        "场地未落实",
    ]);
    assert!(o.contains("状态：未启动→滞后（场地未落实）"), "{o}");
    let o = db.ok(&[
        "task",
        "set-dates",
        "2.1.1",
        "--start",
        "2021-07-01",
        "--due",
        "年底",
    ]);
    assert!(o.contains("开始 无→2021-07-01，截止 无→2021-12-31"), "{o}");
    let o = db.ok(&[
        "task",
        "assign",
        "2.1.1",
        "--lead",
        "市妇联",
        "--support",
        "市科协、市科技局",
    ]);
    assert!(o.contains("牵头 市妇联；配合 市科协、市科技局"), "{o}");
    db.ok(&["task", "move", "2.1.1.2", "up"]);
    let tree = db.ok(&["tree", "--codes", "2.1.1"]);
    assert!(
        tree.contains("2.1.1.1        （1）开展宣讲活动  late (场地未落实)"),
        "{tree}"
    );
    assert!(
        tree.contains("lead: 市妇联; support: 市科协、市科技局"),
        "{tree}"
    );
    let o = db.run(&["task", "delete", "2.1.1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains("also deletes 2 sub-tasks and 1 milestone"),
        "{}",
        out(&o)
    );
    db.ok(&["task", "delete", "2.1.1", "--yes"]);
    let tree = db.ok(&["tree", "--codes", "2.1"]);
    assert!(
        tree.lines()
            .any(|l| l.starts_with("2.1.1 ") && l.contains("1.弘扬科学家精神")),
        "{tree}"
    );
    let log = db.ok(&["log", "--entity", "milestone:1"]);
    assert_eq!(log.lines().count(), 1 + 4, "{log}");
}

#[test]
fn undo_and_redo_work_across_runs_and_refuse_what_is_not_there() {
    let db = Db::new(false);
    let e = db.fails(1, &["undo"]);
    assert!(e.contains("nothing to undo"), "{e}");
    db.ok(&["task", "add", "--under", "2.1.1", "--title", "组织专题学习"]);
    db.ok(&["task", "set-status", "2.1.1.1", "推进中"]);
    let o = db.ok(&["undo"]);
    assert!(
        o.starts_with("撤销：子任务2.1.1.1「组织专题学习」状态：未启动→推进中"),
        "{o}"
    );
    db.ok(&["undo"]);
    assert!(!db.ok(&["tree", "2.1.1"]).contains("组织专题学习"));
    let o = db.ok(&["redo"]);
    assert!(o.starts_with("重做：新增子任务"), "{o}");
    db.ok(&["redo"]);
    assert!(
        db.ok(&["tree", "2.1.1"])
            .contains("（1）组织专题学习  in progress")
    );
    let e = db.fails(1, &["redo"]);
    assert!(e.contains("nothing to redo"), "{e}");
    let e = db.fails(1, &["--read-only", "undo"]);
    assert!(e.contains("read-only"), "{e}");
    let log = db.ok(&["log"]);
    assert!(log.contains("(undone by"), "{log}");
}
