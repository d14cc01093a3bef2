//! The spreadsheet round trip as a user runs it: `bayu template reports`
//! → the sheet filled in as a district would → `bayu import reports`,
//! with the built binary, a fresh directory and real files. Also: a sheet
//! with several bad rows leaves the database file byte-for-byte as it was,
//! a dry run writes nothing, an import is undone as a whole.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bayu::db::{OpenMode, Store};
use sha2::{Digest, Sha256};

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A database with the built-in plan and the demo data.
    fn demo() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        let o = f.run(&["init", "--demo"]);
        assert!(o.status.success(), "{}", stderr(&o));
        f
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn db(&self) -> PathBuf {
        self.path("bayu.db")
    }
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_bayu"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_clear()
            .env("HOME", self.dir.path())
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("LANG", "C.UTF-8")
            .output()
            .expect("run bayu")
    }
    fn store(&self) -> Store {
        Store::open(&self.db(), OpenMode::ReadOnly).unwrap()
    }
    fn db_hash(&self) -> String {
        format!("{:x}", Sha256::digest(std::fs::read(self.db()).unwrap()))
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn read_sheet(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf"),
        "the sheet starts with a BOM"
    );
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn write_sheet(path: &Path, rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    std::fs::write(path, w.into_inner().unwrap()).unwrap();
}

fn col(rows: &[Vec<String>], header: &str) -> usize {
    rows[0].iter().position(|h| h == header).unwrap()
}

/// A period the demo data has no reports for (it ends in 2025).
const PERIOD: &str = "2026Q1";

#[test]
fn template_filled_and_imported_gives_the_reports() {
    let f = Fixture::demo();
    let sheet = f.path("渝中区.csv");
    let o = f.run(&[
        "template",
        "reports",
        "--unit",
        "渝中",
        "--period",
        PERIOD,
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("2026年第一季度"), "{}", stderr(&o));
    let mut rows = read_sheet(&sheet);
    assert_eq!(
        rows[0][..7],
        [
            "单位",
            "任务编号",
            "任务",
            "期次",
            "报送日期",
            "填报人",
            "进展情况"
        ]
    );
    assert!(rows[0].contains(&"女职工创新工作室（个）".to_string()));
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[0] == "渝中区" && r[3] == "2026年第一季度")
    );
    let (body, date, author) = (
        col(&rows, "进展情况"),
        col(&rows, "报送日期"),
        col(&rows, "填报人"),
    );
    let studio = col(&rows, "女职工创新工作室（个）");
    let filled = rows.len() - 1;
    for (i, r) in rows.iter_mut().enumerate().skip(1) {
        r[body] = format!("渝中区第{i}项工作进展。");
        r[date] = "2026/3/25".into();
        r[author] = "李芳".into();
        if r[1] == "2.2.1" {
            r[studio] = "３".into();
        }
    }
    let filled_path = f.path("渝中区-已填.csv");
    write_sheet(&filled_path, &rows);
    let before = f.store().report_count().unwrap();
    let o = f.run(&[
        "--lang",
        "en",
        "import",
        "reports",
        filled_path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("{filled} reports added ({filled} new")),
        "{out}"
    );
    assert!(out.contains("渝中区"), "{out}");
    assert!(out.contains("bayu import undo 1"), "{out}");
    assert!(
        stderr(&o).is_empty(),
        "no progress line when stderr is not a terminal: {}",
        stderr(&o)
    );
    let store = f.store();
    assert_eq!(store.report_count().unwrap(), before + filled as u64);
    let outline = store.outline().unwrap();
    let node = outline.find_code("2.2.1").unwrap().id;
    let r = &store
        .node_reports(
            node,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            1,
        )
        .unwrap()[0];
    assert_eq!(r.period.code(), PERIOD);
    assert_eq!(r.author, "李芳");
    assert_eq!(r.values.iter().map(|v| v.1).collect::<Vec<_>>(), [3.0]);
    // The same sheet again: every row a duplicate, nothing added.
    let o = f.run(&[
        "--lang",
        "en",
        "import",
        "reports",
        filled_path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("{filled} duplicates skipped")),
        "{}",
        stdout(&o)
    );
    assert_eq!(f.store().report_count().unwrap(), before + filled as u64);
}

#[test]
fn several_bad_rows_are_all_listed_and_the_file_is_untouched() {
    let f = Fixture::demo();
    let sheet = f.path("万州区.csv");
    let text = "\u{feff}单位,任务编号,任务,期次,报送日期,填报人,进展情况,女职工创新工作室（个）\n\
万州区,2.2.1,,2026Q1,2026-03-20,王丽,好的报送。,2\n\
火星区,2.2.1,,2026Q1,2026-03-20,王丽,报送。,\n\
万州区,2.2.1,,2026Q1,2026-03-20,王丽,报送。,很多\n\
万州区,9.9,,2026Q1,2026-02-30,王丽,报送。,\n";
    std::fs::write(&sheet, text).unwrap();
    let hash = f.db_hash();
    let o = f.run(&["import", "reports", sheet.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let name = sheet.display().to_string();
    for expected in [
        format!("{name}:3: column 单位: unknown unit \"火星区\" (did you mean 万州区?)"),
        format!("{name}:4: column 女职工创新工作室（个）: \"很多\" is not a number"),
        format!("{name}:5: column 任务编号: unknown task \"9.9\""),
        format!("{name}:5: column 报送日期: \"2026-02-30\" is not a real date"),
        "4 problems found; nothing was imported".to_string(),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
    assert!(stdout(&o).is_empty());
    assert_eq!(
        f.db_hash(),
        hash,
        "the database file is byte-for-byte unchanged"
    );
    assert!(f.store().batches().unwrap().is_empty());
}

#[test]
fn a_dry_run_says_what_would_happen_and_writes_nothing() {
    let f = Fixture::demo();
    let sheet = f.path("a.csv");
    // 2021Q4 has demo reports: one row repeats nothing (a re-submission).
    std::fs::write(
        &sheet,
        "单位,任务编号,期次,进展情况\n渝中区,2.1.1,2021年第四季度,补报的进展。\n万州区,2.1.1,2026Q1,新的进展。\n",
    )
    .unwrap();
    let hash = f.db_hash();
    let o = f.run(&[
        "--lang",
        "en",
        "import",
        "reports",
        "--dry-run",
        sheet.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(":2: 渝中区 2.1.1 2021Q4"), "{out}");
    assert!(out.contains("re-submission, replaces report"), "{out}");
    assert!(out.contains(":3: 万州区 2.1.1 2026Q1"), "{out}");
    assert!(
        out.contains(
            "Dry run (nothing written): 2 rows read: 2 reports to add (1 new, 1 re-submission"
        ),
        "{out}"
    );
    assert!(
        out.contains("报送日期 was blank in 2 rows: set to the day of the import"),
        "{out}"
    );
    assert!(
        out.contains("填报人 was blank in 2 rows: set to the user running the import, "),
        "{out}"
    );
    assert_eq!(f.db_hash(), hash);
}

#[test]
fn an_import_is_listed_and_undone_as_a_whole() {
    let f = Fixture::demo();
    let sheet = f.path("b.csv");
    std::fs::write(
        &sheet,
        "单位,任务编号,期次,报送日期,进展情况\n渝中区,2.1.1,2021Q4,2022-01-05,补报的进展。\n万州区,2.1.1,2026Q1,2026-03-20,新的进展。\n",
    )
    .unwrap();
    let before = f.store().report_count().unwrap();
    let o = f.run(&["import", "reports", sheet.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        f.store().report_count().unwrap(),
        before + 1,
        "one new, one revision"
    );
    let o = f.run(&["--lang", "en", "import", "list"]);
    let out = stdout(&o);
    assert!(out.contains("batch") && out.contains("b.csv"), "{out}");
    let o = f.run(&["--lang", "en", "import", "undo", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("removed 2 reports, made 1 replaced report current again"),
        "{}",
        stdout(&o)
    );
    assert_eq!(f.store().report_count().unwrap(), before);
    let o = f.run(&["import", "undo", "1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already undone"), "{}", stderr(&o));
    let o = f.run(&["check"]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn usage_mistakes_are_named() {
    let f = Fixture::demo();
    let o = f.run(&["import", "reports", "--encoding", "latin1", "x.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--encoding: unknown encoding \"latin1\""),
        "{}",
        stderr(&o)
    );
    let o = f.run(&["template", "reports", "--unit", "火星区"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown unit \"火星区\" (did you mean 万州区?)"),
        "{}",
        stderr(&o)
    );
    let missing = f.path("no/such/dir/t.csv");
    let o = f.run(&["template", "reports", "--out", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    let o = f.run(&["--as-of", "2021-12-31", "template", "reports"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with('\u{feff}'));
    assert!(
        text.contains("城口县,2.1.1,提高政治站位,2021年第四季度"),
        "the as-of date's reporting period"
    );
}
