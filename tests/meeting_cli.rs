//! Meetings and their decisions from the command line: recorded, listed,
//! marked done and reopened through the audited operations; every mistake
//! is one sentence naming the option or value, with nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/cli.rs"]
mod support;

use support::Db;

fn meeting(db: &Db) -> String {
    db.ok(&[
        "meeting",
        "add",
        "--date",
        "2021-03-15",
        "--title",
        "巴渝巾帼行动联席会议第一次会议",
        "--place",
        "市妇联三楼会议室",
        "--chair",
        "张丽",
        "--agencies",
        "市妇联，市科协",
    ])
}

fn decision(db: &Db, due: &str) -> String {
    db.ok(&[
        "decision",
        "add",
        "--meeting",
        "1",
        "--text",
        "建立女科技工作者人才库，年底前完成首批入库。",
        "--agency",
        "市科协",
        "--support",
        "市妇联",
        "--due",
        due,
        "--task",
        "2.1.2",
    ])
}

#[test]
fn a_meeting_is_recorded_and_listed_with_its_number() {
    let db = Db::new(false);
    assert_eq!(
        meeting(&db),
        "added meeting 1: 巴渝巾帼行动联席会议第一次会议 (2021-03-15)\n"
    );
    let list = db.ok(&["meeting", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(lines[0].starts_with("no.  date"), "{list}");
    assert!(
        lines[1].contains("巴渝巾帼行动联席会议第一次会议  市妇联三楼会议室  张丽"),
        "{list}"
    );
    assert!(lines[1].ends_with("0 (0 open)  市妇联, 市科协"), "{list}");
    // `bayu meeting` alone lists them too.
    assert_eq!(db.ok(&["meeting"]), list);
    // In Chinese.
    let zh = db.ok_at(("zh", "2021-12-31"), &["meeting", "list"]);
    assert!(zh.contains("0项（未完成0）  市妇联、市科协"), "{zh}");
}

#[test]
fn with_no_meetings_the_list_says_how_to_record_one() {
    let db = Db::new(false);
    assert_eq!(
        db.ok(&["meeting"]),
        "(no meetings yet; record one with bayu meeting add --date DATE --title TITLE)\n"
    );
}

#[test]
fn a_decision_is_tracked_from_open_through_overdue_to_done_and_back() {
    let db = Db::new(false);
    meeting(&db);
    assert_eq!(
        decision(&db, "2021-06-30"),
        "added decision 1 (meeting 「巴渝巾帼行动联席会议第一次会议」): responsible 市科协, due 2021-06-30\n"
    );
    let list = db.ok(&["decision", "list"]);
    assert!(
        list.lines().nth(1).unwrap().contains(
            "2021-06-30  overdue 184 d  市科协 (with 市妇联)  建立女科技工作者人才库，年底前完成首批入库。 [2.1.2]"
        ),
        "{list}"
    );
    // At an earlier date it was simply open; before the meeting, not yet decided.
    let june = db.ok_at(("en", "2021-06-01"), &["decision", "list"]);
    assert!(june.contains("  open  "), "{june}");
    let march = db.ok_at(("en", "2021-03-01"), &["decision", "list"]);
    assert_eq!(march, "(no decisions yet)\n");
    let done = db.ok(&[
        "decision",
        "done",
        "1",
        "--on",
        "2021-07-10",
        "--note",
        "首批入库312人",
    ]);
    assert!(
        done.ends_with("标记完成，完成日期2021-07-10（首批入库312人）\n"),
        "{done}"
    );
    assert!(
        db.ok(&["decision", "list"])
            .contains("  done (2021-07-10)  "),
        "listed as done"
    );
    assert_eq!(
        db.ok(&["decision", "list", "--open"]),
        "(no open decisions)\n"
    );
    db.fails(1, &["decision", "done", "1"]);
    let reopened = db.ok(&["decision", "reopen", "1"]);
    assert!(
        reopened.contains("重新打开（原完成日期2021-07-10）"),
        "{reopened}"
    );
    assert!(db.ok(&["decision", "list", "--open"]).contains("overdue"));
    // The meeting counts its decisions, open at the as-of date.
    assert!(db.ok(&["meeting", "list"]).contains("1 (1 open)"));
    // Undo takes the reopening back.
    db.ok(&["undo"]);
    assert!(db.ok(&["decision", "list"]).contains("done (2021-07-10)"));
}

#[test]
fn mistakes_name_the_value_and_write_nothing() {
    let db = Db::new(false);
    meeting(&db);
    let e = db.fails(
        2,
        &["meeting", "add", "--date", "2021-02-30", "--title", "会议"],
    );
    assert!(
        e.contains("--date") && e.contains("2021-02-30") && e.contains("February 2021 has 28 days"),
        "{e}"
    );
    let e = db.fails(
        2,
        &[
            "meeting",
            "add",
            "--date",
            "2021-03-15",
            "--title",
            "会议",
            "--agencies",
            "市妇连",
        ],
    );
    assert!(
        e.contains("--agencies: no agency is named \"市妇连\" (did you mean 市妇联?)"),
        "{e}"
    );
    let e = db.fails(
        2,
        &["meeting", "add", "--date", "2021-03-15", "--title", " "],
    );
    assert!(e.contains("title"), "{e}");
    let add = |args: &[&str]| {
        let mut all = vec!["decision", "add", "--text", "建立人才库。"];
        all.extend_from_slice(args);
        all.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--meeting",
                "7",
                "--agency",
                "市科协",
                "--due",
                "2021-06-30",
            ],
            "--meeting: there is no meeting 7",
        ),
        (
            &["--meeting", "1", "--agency", "kx", "--due", "2021-06-30"],
            "--agency: no agency is named \"kx\" (did you mean 市科技局, 市科协?)",
        ),
        (
            &[
                "--meeting",
                "1",
                "--agency",
                "市科协",
                "--due",
                "2021-03-01",
            ],
            "deadline: 2021-03-01 is before the meeting",
        ),
        (
            &["--meeting", "1", "--agency", "市科协", "--due", "soon"],
            "--due",
        ),
        (
            &[
                "--meeting",
                "1",
                "--agency",
                "市科协",
                "--support",
                "市科协",
                "--due",
                "2021-06-30",
            ],
            "supporting agencies: 市科协 is already the responsible agency",
        ),
        (
            &[
                "--meeting",
                "1",
                "--agency",
                "市科协",
                "--due",
                "2021-06-30",
                "--task",
                "9.9",
            ],
            "--task: no task has the code or title \"9.9\"",
        ),
    ];
    for (args, said) in cases {
        let all = add(args);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let e = db.fails(2, &all);
        assert!(e.contains(said), "{args:?}: {e}");
    }
    let e = db.fails(2, &["decision", "done", "5"]);
    assert!(e.contains("decision 5: there is no such decision"), "{e}");
}

#[test]
fn every_command_explains_itself() {
    let db = Db::new(false);
    for args in [
        &["meeting", "--help"][..],
        &["meeting", "add", "--help"],
        &["decision", "--help"],
        &["decision", "add", "--help"],
        &["decision", "done", "--help"],
        &["decision", "list", "--help"],
    ] {
        let help = db.ok(args);
        assert!(help.contains("Usage: bayu"), "{args:?}: {help}");
    }
    assert!(
        db.ok(&["decision", "add", "--help"])
            .contains("--agency <AGENCY>")
    );
    assert!(
        db.ok(&["meeting", "add", "--help"])
            .contains("--agencies <AGENCIES>")
    );
}

#[test]
fn a_task_a_decision_names_is_not_deleted() {
    let db = Db::new(false);
    meeting(&db);
    decision(&db, "2021-06-30");
    let e = db.fails(1, &["task", "delete", "2.1.2", "--yes"]);
    assert!(
        e.contains("task 2.1.2 「弘扬科学家精神」 cannot be deleted: decision 1"),
        "{e}"
    );
}
