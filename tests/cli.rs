//! The command line, run as a user runs it: the built binary, a fresh
//! directory, real files. Covers init, refusing to overwrite, tree, check,
//! and the errors a user meets (missing directory, wrong file, bad plan
//! document, unknown node code).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn run(&self, args: &[&str]) -> Output {
        bayu(self.dir.path(), args)
    }
    fn db(&self) -> String {
        self.path("bayu.db").display().to_string()
    }
}

#[test]
fn init_creates_the_built_in_plan() {
    let f = Fixture::new();
    let o = f.run(&["--db", &f.db(), "init"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("渝妇发〔2021〕19号"), "{out}");
    assert!(
        out.contains("19 outline nodes") && out.contains("41 units"),
        "{out}"
    );
}

#[test]
fn init_refuses_an_existing_file_unless_forced() {
    let f = Fixture::new();
    assert!(f.run(&["--db", &f.db(), "init"]).status.success());
    let before = std::fs::read(f.path("bayu.db")).unwrap();
    let o = f.run(&["--db", &f.db(), "init"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("already exists") && stderr(&o).contains("--force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(f.path("bayu.db")).unwrap(), before);
    let o = f.run(&["--db", &f.db(), "init", "--force", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("reports of demo data"));
}

#[test]
fn tree_prints_official_numbering_and_codes() {
    let f = Fixture::new();
    assert!(f.run(&["--db", &f.db(), "init", "--demo"]).status.success());
    let o = f.run(&["--db", &f.db(), "--as-of", "2021-12-31", "tree"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "（截至2021年12月31日）",
        "一、总体要求",
        "  （一）实施巾帼思想引领行动",
        "三、保障措施",
        "截至2021年12月31日：逾期2项，今日到期0项，30日内到期1项",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    let line = out.lines().find(|l| l.contains("1.提高政治站位")).unwrap();
    assert!(
        line.starts_with("    1.提高政治站位  推进中，完成率")
            && line.contains("，超进度；牵头：市妇联；配合：市科协"),
        "{line}"
    );
    // Regression: an overdue milestone was listed as the next one, with no
    // 逾期 mark.
    assert!(
        out.contains("逾期节点：2021年11月30日 女职工创新工作室首批认定（逾期31天）"),
        "{out}"
    );
    assert!(!out.contains("下一节点：2021年11月30日"), "{out}");
    let o = f.run(&["--db", &f.db(), "tree", "--codes"]);
    let out = stdout(&o);
    let line = out.lines().find(|l| l.contains("提高政治站位")).unwrap();
    assert!(line.starts_with("2.1.1 "), "{line}");
    let line = out.lines().find(|l| l.contains("认真开展调研")).unwrap();
    assert!(line.starts_with("3.2 "), "{line}");
    assert!(out.lines().all(|l| l == l.trim_end()), "no trailing spaces");
}

#[test]
fn tree_of_one_node_and_an_unknown_code() {
    let f = Fixture::new();
    assert!(f.run(&["--db", &f.db(), "init"]).status.success());
    let out = stdout(&f.run(&["--db", &f.db(), "tree", "2.2"]));
    assert!(
        out.contains("（二）实施科技创新建功行动") && out.contains("3.“她联动”助力"),
        "{out}"
    );
    assert!(!out.contains("提高政治站位"), "{out}");
    let o = f.run(&["--db", &f.db(), "tree", "2.9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no node \"2.9\""), "{}", stderr(&o));
}

#[test]
fn check_passes_on_a_new_file_and_fails_on_a_damaged_one() {
    let f = Fixture::new();
    assert!(f.run(&["--db", &f.db(), "init", "--demo"]).status.success());
    let o = f.run(&["--db", &f.db(), "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok: "), "{}", stdout(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
    // Overwrite pages in the middle of the file.
    let path = f.path("bayu.db");
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let o = f.run(&["--db", &f.db(), "check"]);
    assert_eq!(o.status.code(), Some(1), "{}\n{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("bayu.db"), "{}", stderr(&o));
}

#[test]
fn a_missing_directory_is_named_and_nothing_is_created() {
    let f = Fixture::new();
    let db = f.path("no/such/dir/bayu.db").display().to_string();
    for args in [vec!["--db", &db, "init"], vec!["--db", &db, "tree"]] {
        let o = f.run(&args);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(
            err.contains("no/such/dir") && err.contains("does not exist"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    }
    assert!(!f.path("no").exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_named_and_left_alone() {
    let f = Fixture::new();
    let path = f.path("notes.txt");
    std::fs::write(&path, "会议纪要\n".repeat(100)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let o = f.run(&["--db", &path.display().to_string(), "tree"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("notes.txt: not a SQLite database"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_plan_document_without_an_outline_is_refused_and_nothing_written() {
    let f = Fixture::new();
    let doc = f.path("notice.txt");
    std::fs::write(&doc, "关于召开会议的通知\n请准时参加。\n").unwrap();
    let o = f.run(&[
        "--db",
        &f.db(),
        "init",
        "--plan",
        &doc.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("notice.txt: no outline found"),
        "{}",
        stderr(&o)
    );
    assert!(!f.path("bayu.db").exists());
}

#[test]
fn init_reads_another_plan_document() {
    let f = Fixture::new();
    let doc = f.path("plan.txt");
    std::fs::write(
        &doc,
        "某区巾帼科技行动方案\n为推进工作，制定本方案。\n一、重点任务\n（一）宣传引领\n1．开展宣讲。组织宣讲团。\n2、树立典型。\n二、保障措施\n1.加强领导。\n",
    )
    .unwrap();
    let o = f.run(&[
        "--db",
        &f.db(),
        "init",
        "--plan",
        &doc.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&f.run(&["--db", &f.db(), "tree", "--codes"]));
    assert!(out.starts_with("某区巾帼科技行动方案\n"), "{out}");
    let line = out.lines().find(|l| l.contains("2.树立典型")).unwrap();
    assert!(line.starts_with("1.1.2 "), "{line}");
    let line = out.lines().find(|l| l.contains("1.加强领导")).unwrap();
    assert!(line.starts_with("2.1 "), "{line}");
}

#[test]
fn the_default_database_is_created_in_the_data_directory() {
    let f = Fixture::new();
    let o = f.run(&["tree"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("created") && stderr(&o).contains("built-in plan"),
        "{}",
        stderr(&o)
    );
    assert!(f.path(".local/share/bayu/bayu.db").exists());
    let o = f.run(&["tree"]);
    assert!(
        !stderr(&o).contains("created"),
        "second run reuses the file"
    );
}

#[test]
fn bayu_db_environment_variable_chooses_the_file() {
    let f = Fixture::new();
    let o = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(["init"])
        .env("HOME", f.dir.path())
        .env("BAYU_DB", f.path("env.db"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(f.path("env.db").exists());
}

#[test]
fn a_bad_as_of_date_is_a_usage_error() {
    let f = Fixture::new();
    assert!(f.run(&["--db", &f.db(), "init"]).status.success());
    let o = f.run(&["--db", &f.db(), "--as-of", "2021-02-30", "tree"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("2021-02-30") && stderr(&o).contains("28 days"),
        "{}",
        stderr(&o)
    );
}
