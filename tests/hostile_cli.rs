//! Regression (issue 13, defect 5): strings from the database reached the
//! terminal raw on the command line — an agency short name holding an
//! OSC 8 link (written by another tool) put its ESC bytes into `bayu tree`,
//! into the agency list of `export memo --agency` and of `task assign
//! --lead` errors.
//!
//! One test walks every printing command — every subcommand clap knows is
//! run at least once, and the test fails if one is added without being
//! walked — on a database where every free-text column of every table
//! (found from the schema: a new text column must be classified here)
//! holds escape sequences, controls, bidi overrides, invisible characters
//! and a pile of combining marks. Neither stdout nor stderr of any of them
//! may hold a character a terminal would obey. The figures it prints are
//! those of docs/robustness.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use clap::CommandFactory;

/// OSC 8 link, screen clear, BEL, C1 CSI, a bidi override, a zero-width
/// space, a soft hyphen, a tag character, a Hangul filler, an interlinear
/// annotation mark and twelve combining marks on one letter.
const NASTY: &str = "\u{1b}]8;;http://evil.example\u{1b}\\链接\u{1b}]8;;\u{1b}\\\u{1b}[2J\u{7}\u{9b}31m\u{202e}反转\u{200b}\u{ad}\u{e0041}\u{3164}\u{fff9}e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}";

/// Free-text columns: a person (or another tool) writes them.
const FREE_TEXT: &[(&str, &str)] = &[
    ("plan", "title"),
    ("plan", "action_name"),
    ("plan", "doc_number"),
    ("plan", "recipients"),
    ("plan", "preamble"),
    ("node", "title"),
    ("node", "body"),
    ("node_history", "reason"),
    ("agency", "name"),
    ("agency", "short_name"),
    ("unit", "code"),
    ("unit", "name"),
    ("unit", "short_name"),
    ("unit", "kind"),
    ("milestone", "title"),
    ("indicator", "name"),
    ("indicator", "measure"),
    ("import_batch", "file_name"),
    ("import_batch", "os_user"),
    ("report", "author"),
    ("report", "body"),
    ("report", "review_comment"),
    ("meeting", "title"),
    ("meeting", "place"),
    ("meeting", "chair"),
    ("decision", "text"),
    ("decision", "done_note"),
    ("audit", "os_user"),
    ("audit", "entity"),
    ("audit", "summary"),
];

/// Text columns bayu alone writes, in a fixed form (dates, codes, enums,
/// hashes, the audit's JSON row images, internal keys).
const STRUCTURED: &[(&str, &str)] = &[
    ("meta", "key"),
    ("meta", "value"),
    ("plan", "issued_on"),
    ("plan", "period_kind"),
    ("plan", "start_date"),
    ("plan", "end_date"),
    ("node_history", "field"),
    ("node_history", "effective"),
    ("node_history", "status"),
    ("node_history", "start_date"),
    ("node_history", "due_date"),
    ("assignment", "role"),
    ("unit", "valid_from"),
    ("unit", "valid_to"),
    ("milestone", "due_date"),
    ("milestone", "done_date"),
    ("import_batch", "sha256"),
    ("import_batch", "imported_at"),
    ("report", "period"),
    ("report", "reported_on"),
    ("report", "review"),
    ("report", "reviewed_on"),
    ("meeting", "held_on"),
    ("decision", "due_date"),
    ("decision", "done_date"),
    ("audit", "at"),
    ("audit", "op"),
    ("audit", "before"),
    ("audit", "after"),
    ("tally_report", "period"),
    ("tally_report", "day"),
    ("tally_value", "grain"),
    ("tally_value", "bucket"),
    ("tally_review", "review"),
    ("tally_review", "grain"),
    ("tally_review", "bucket"),
];

/// What a terminal would obey or hide, by this test's own judgement: C0
/// and C1 controls (but the line break, CRLF and the tab), bidi controls,
/// zero-width and other invisible characters, and more than four
/// combining marks on a character.
fn bad(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut marks = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // CRLF line ends (the sheet for Excel) are line ends.
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        let invisible = matches!(c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}'
            | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{34f}' | '\u{115f}'
            | '\u{1160}' | '\u{3164}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}' | '\u{2028}' | '\u{2029}' | '\u{61c}');
        if (c.is_control() && c != '\n' && c != '\t') || invisible {
            out.push(format!("{c:?}"));
        }
        marks = if ('\u{300}'..='\u{36f}').contains(&c) {
            marks + 1
        } else {
            0
        };
        if marks == 5 {
            out.push("a pile of combining marks".into());
        }
    }
    out
}

fn poison(db: &Path) -> usize {
    let c = rusqlite::Connection::open(db).unwrap();
    // Every text column is classified: free text is poisoned below.
    let mut tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables.sort();
    for t in &tables {
        let cols: Vec<(String, String)> = c
            .prepare(&format!("PRAGMA table_info({t})"))
            .unwrap()
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (col, ty) in cols {
            if ty.to_ascii_uppercase().contains("TEXT") {
                let key = (t.as_str(), col.as_str());
                assert!(
                    FREE_TEXT.contains(&key) || STRUCTURED.contains(&key),
                    "text column {t}.{col} is neither free text nor structured: classify it in this test"
                );
            }
        }
    }
    let mut seeded = 0;
    for (t, col) in FREE_TEXT {
        if *t == "audit" {
            continue;
        }
        // A unique column that may be empty keeps its empties empty.
        let sql = if (*t, *col) == ("unit", "code") {
            format!("UPDATE {t} SET {col} = {col} || ?1 WHERE {col} IS NOT NULL")
        } else if *t == "node_history" {
            // A reason belongs to a status change only.
            format!("UPDATE {t} SET {col} = coalesce({col}, '') || ?1 WHERE field = 'status'")
        } else {
            format!("UPDATE {t} SET {col} = coalesce({col}, '') || ?1")
        };
        seeded += c.execute(&sql, [NASTY]).unwrap();
    }
    // The log is append-only: hostile entries are added, as another tool
    // (or a bayu with a bug) would have written them.
    seeded += 3 * c
        .execute(
            "INSERT INTO audit (at, os_user, op, entity, entity_id, summary)
             SELECT at, os_user || ?1, op, entity || ?1, entity_id, summary || ?1
             FROM audit ORDER BY id DESC LIMIT 20",
            [NASTY],
        )
        .unwrap();
    seeded
}

struct Run {
    path: Vec<String>,
    args: Vec<String>,
}

fn run(cmd: &[&str]) -> Run {
    let args: Vec<String> = cmd.iter().map(|s| s.to_string()).collect();
    let path = args
        .iter()
        .take_while(|a| !a.starts_with('-'))
        .take(2)
        .cloned()
        .collect();
    Run { path, args }
}

/// Every subcommand path clap knows (`tree`, `task assign` …).
fn every_subcommand() -> BTreeSet<String> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut BTreeSet<String>) {
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let name = format!("{prefix}{}", sub.get_name());
            if sub.has_subcommands() {
                walk(sub, &format!("{name} "), out);
            } else {
                out.insert(name);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&bayu::cli::Cli::command(), "", &mut out);
    out
}

fn id(db: &Path, sql: &str) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get::<_, i64>(0))
        .unwrap()
        .to_string()
}

#[test]
fn no_printing_command_passes_a_hostile_string_from_the_database_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = home.join("bayu.db");
    let d = db.to_str().unwrap().to_string();
    let bin = env!("CARGO_BIN_EXE_bayu");
    let base = |extra: &[&str]| -> Output {
        Command::new(bin)
            .args(["--db", &d, "--as-of", "2021-12-31"])
            .args(extra)
            .env("HOME", home)
            .env("BAYU_CONFIG", "/dev/null")
            .env("BAYU_SYSTEM_CONFIG", "/dev/null")
            .env_remove("BAYU_DB")
            .output()
            .unwrap()
    };
    assert!(base(&["init", "--demo"]).status.success());
    // An import to list and undo, made before the poison.
    let sheet = home.join("sheet.csv");
    std::fs::write(
        &sheet,
        "\u{feff}单位,任务编号,任务,期次,报送日期,填报人,进展情况\r\n渝中区,2.1.1,,2021年第四季度,2021/12/20,李芳,完成\r\n",
    )
    .unwrap();
    assert!(
        base(&["import", "reports", sheet.to_str().unwrap()])
            .status
            .success()
    );
    // A meeting and a decision, done with a note, to be poisoned too.
    for args in [
        &[
            "meeting",
            "add",
            "--date",
            "2021-12-20",
            "--title",
            "联席会议",
            "--place",
            "市妇联",
            "--chair",
            "张丽",
        ][..],
        &[
            "decision",
            "add",
            "--meeting",
            "1",
            "--text",
            "报送总结",
            "--agency",
            "市妇联",
            "--due",
            "2021-12-31",
        ],
        &[
            "decision",
            "done",
            "1",
            "--on",
            "2021-12-28",
            "--note",
            "已报送",
        ],
    ] {
        assert!(base(args).status.success(), "{args:?}");
    }
    let seeded = poison(&db);

    let agency = {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row("SELECT short_name FROM agency LIMIT 1", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap()
    };
    let unit = {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row("SELECT name FROM unit LIMIT 1", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap()
    };
    let report = id(&db, "SELECT max(id) FROM report");
    let milestone = id(&db, "SELECT max(id) FROM milestone");
    let batch = id(&db, "SELECT max(id) FROM import_batch");
    let history = id(
        &db,
        "SELECT max(id) FROM node_history WHERE field = 'status'",
    );
    let hostile_sheet = home.join("hostile.csv");
    std::fs::write(
        &hostile_sheet,
        format!("单位,任务编号,任务,期次,报送日期,填报人,进展情况\n渝中{NASTY},2.1.1,,2021Q4,,,{NASTY}\n"),
    )
    .unwrap();
    let plan_doc = home.join("plan.txt");
    std::fs::write(
        &plan_doc,
        format!("恶意方案{NASTY}\n一、任务{NASTY}\n1.清屏{NASTY}。正文{NASTY}。\n"),
    )
    .unwrap();
    let other = home.join("other.db");
    let other2 = home.join("demo.db");
    let backup = home.join("copy.db");
    let out_sheet = home.join("out.csv");
    let h = |p: &Path| p.to_str().unwrap().to_string();
    let (other, other2, backup, out_sheet) = (h(&other), h(&other2), h(&backup), h(&out_sheet));
    let (hostile_sheet, plan_doc, sheet) = (h(&hostile_sheet), h(&plan_doc), h(&sheet));
    let shared = h(&home.join("shared"));
    let group = String::from_utf8(Command::new("id").arg("-gn").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_string();

    let runs: Vec<Run> = vec![
        run(&["tree"]),
        run(&["tree", "--codes", "2"]),
        run(&["tree", "9.9"]),
        run(&["check"]),
        run(&["log"]),
        run(&["log", "--entity", "task"]),
        run(&["export", "memo"]),
        run(&["export", "memo", "--agency", &agency]),
        run(&["export", "memo", "--agency", "没有这个单位"]),
        run(&["export", "ledger"]),
        run(&["export", "overdue"]),
        run(&["export", "coverage"]),
        run(&["export", "tsv"]),
        run(&["export", "csv"]),
        run(&["export", "json"]),
        run(&["template", "reports", "--period", "2021Q4"]),
        run(&[
            "template",
            "reports",
            "--unit",
            "没有这个区",
            "--period",
            "2021Q4",
        ]),
        run(&[
            "template", "reports", "--period", "2021Q4", "--out", &out_sheet,
        ]),
        run(&[
            "report", "add", "--unit", &unit, "--task", "2.1.1", "--period", "2021Q4", "--text",
            NASTY,
        ]),
        run(&[
            "report", "add", "--unit", "渝中", "--task", "2.1.1", "--period", "2021Q4", "--text",
            "完成",
        ]),
        run(&["report", "review", &report, "return", "--comment", NASTY]),
        run(&[
            "milestone",
            "add",
            "--task",
            "2.1.1",
            "--title",
            NASTY,
            "--due",
            "2022-01-31",
        ]),
        run(&["milestone", "edit", &milestone, "--title", NASTY]),
        run(&["milestone", "done", &milestone]),
        run(&["milestone", "reopen", &milestone]),
        run(&["milestone", "delete", &milestone]),
        run(&["task", "add", "--under", "2.1.1", "--title", NASTY]),
        run(&["task", "rename", "2.1.2", "--title", "改名"]),
        run(&["task", "set-status", "2.1.2", "late", "--reason", NASTY]),
        run(&["task", "set-dates", "2.1.2", "--due", "2022-06-30"]),
        run(&["task", "set-progress", "2.1.2", "40"]),
        run(&["task", "assign", "2.1.2", "--lead", &agency]),
        run(&["task", "assign", "2.1.2", "--lead", "没有这个单位"]),
        run(&["task", "move", "2.1.2", "up"]),
        run(&["task", "history", "2.1.2"]),
        run(&["task", "correct", &history, "--reason", NASTY]),
        run(&["task", "delete", "2.1.1"]),
        run(&["meeting"]),
        run(&["meeting", "list"]),
        run(&[
            "meeting",
            "add",
            "--date",
            "2021-12-30",
            "--title",
            NASTY,
            "--agencies",
            &agency,
        ]),
        run(&["decision", "list"]),
        run(&["decision", "list", "--open"]),
        run(&["decision", "reopen", "1"]),
        run(&["decision", "done", "1", "--note", NASTY]),
        run(&[
            "decision",
            "add",
            "--meeting",
            "1",
            "--text",
            NASTY,
            "--agency",
            &agency,
            "--due",
            "2022-01-31",
        ]),
        run(&[
            "decision",
            "add",
            "--meeting",
            "1",
            "--text",
            "x",
            "--agency",
            NASTY,
            "--due",
            "2022-01-31",
        ]),
        run(&["plan", "show"]),
        run(&["plan", "set", "--warning-days", "20"]),
        run(&["undo"]),
        run(&["redo"]),
        run(&["import", "reports", &hostile_sheet]),
        run(&["import", "reports", "--dry-run", &sheet]),
        run(&["import", "list"]),
        run(&["import", "undo", &batch]),
        run(&["backup", &backup]),
        run(&["--db", &other, "init", "--plan", &plan_doc]),
        run(&["--db", &other, "tree"]),
        run(&["--db", &other2, "demo", "--reports", "50"]),
        run(&["where"]),
        run(&[
            "setup",
            "shared",
            &shared,
            "--group",
            &group,
            "--no-settings",
        ]),
        run(&["completions", "bash"]),
        run(&["man"]),
        run(&[]),
    ];

    let walked: BTreeSet<String> = runs
        .iter()
        .map(|r| {
            // `--db X` in front names another file; the path follows it.
            let skip = if r.args.first().map(String::as_str) == Some("--db") {
                2
            } else {
                0
            };
            r.args[skip..]
                .iter()
                .take_while(|a| !a.starts_with('-'))
                .take(
                    if r.args.get(skip).is_some_and(|a| {
                        [
                            "import",
                            "template",
                            "report",
                            "milestone",
                            "task",
                            "setup",
                            "plan",
                            "meeting",
                            "decision",
                        ]
                        .contains(&a.as_str())
                    }) {
                        2
                    } else {
                        1
                    },
                )
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    let missing: Vec<String> = every_subcommand().difference(&walked).cloned().collect();
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "commands this test does not walk"
    );

    let mut shown = 0;
    for r in &runs {
        let o = base(&r.args.iter().map(String::as_str).collect::<Vec<_>>());
        let stdout = String::from_utf8_lossy(&o.stdout);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!stderr.contains("panicked"), "{:?}: {stderr}", r.args);
        // A CSV starts with the byte-order mark Excel needs, and only there.
        let stdout = stdout.strip_prefix('\u{feff}').unwrap_or(&stdout);
        for (stream, text) in [("stdout", stdout), ("stderr", &stderr)] {
            let found = bad(text);
            assert!(
                found.is_empty(),
                "bayu {:?} wrote {found:?} to {stream}:\n{text}",
                r.path
            );
        }
        // The hostile text was there, shown harmlessly (or cleaned away).
        if stdout.contains("^[") || stderr.contains("^[") || stdout.contains("链接") {
            shown += 1;
        }
    }
    eprintln!(
        "hostile strings seeded: {seeded} values in {} columns; commands run: {}; outputs that showed them: {shown}; outputs with a raw control, bidi or invisible character: 0",
        FREE_TEXT.len(),
        runs.len()
    );
    assert!(
        shown >= runs.len() / 2,
        "the hostile text reached {shown} outputs"
    );
}
