//! Regressions of issue 13 about the database file itself, through the
//! built binary: saves lost to an `init --force`/`demo --force` that
//! swapped the file under someone who opened it during the build; a file
//! replaced under an open store; a damaged file that still took writes; a
//! schema version no bayu writes; builds killed half-way that left
//! world-readable `NAME.new-PID` files behind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use bayu::db::{NewReport, OpenMode, Store};
use bayu::model::Period;

fn bayu(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(args)
        .env("HOME", dir)
        .env("BAYU_CONFIG", "/dev/null")
        .env_remove("BAYU_DB")
        .env_remove("BAYU_LANG")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn init(dir: &Path, demo: bool) -> PathBuf {
    let db = dir.join("office.db");
    let mut args = vec!["--db", db.to_str().unwrap(), "init"];
    if demo {
        args.push("--demo");
    }
    let o = bayu(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

fn count(db: &Path, sql: &str, arg: &str) -> i64 {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    c.query_row(sql, [arg], |r| r.get(0)).unwrap()
}

fn digest(path: &Path) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Adds one report through the library, as a console's save does.
fn save_a_report(store: &mut Store, body: &str) {
    let unit = store.units().unwrap()[0].id;
    let node = store.outline().unwrap().find_code("2.1.1").unwrap().id;
    store
        .write("a save", |w| {
            w.add_report(&NewReport {
                unit_id: unit,
                node_id: node,
                period: Period::quarter(2021, 4).unwrap(),
                reported_on: chrono::NaiveDate::from_ymd_opt(2021, 12, 20).unwrap(),
                author: "张丽".into(),
                body: body.into(),
                values: Vec::new(),
                batch_id: None,
            })
        })
        .unwrap();
}

/// Defect 2: `demo --force` checked "in use" only before its build; a
/// console opened during the build saved (已保存) into the old file, which
/// the swap then deleted. Now the swap is refused and the save stays.
#[test]
fn a_save_made_during_a_force_build_is_kept_and_the_swap_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path(), false);
    let mut build = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "demo",
            "--reports",
            "40000",
            "--force",
        ])
        .env("HOME", dir.path())
        .env("BAYU_CONFIG", "/dev/null")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The build has begun once its file is there.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !names_in(dir.path()).iter().any(|n| n.contains(".new-")) {
        assert!(Instant::now() < deadline, "the build never began");
        assert!(build.try_wait().unwrap().is_none(), "the build ended early");
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut console = Store::open(&db, OpenMode::Auto).unwrap();
    save_a_report(&mut console, "构建期间保存的报送");
    let out = build.wait_with_output().unwrap();
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "the swap went ahead: {said}");
    assert!(said.contains("open in another bayu"), "{said}");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM report WHERE body = ?1",
            "构建期间保存的报送"
        ),
        1,
        "the save is in the file at the path"
    );
    assert!(
        !names_in(dir.path()).iter().any(|n| n.contains(".new-")),
        "the unused build was removed"
    );
    drop(console);
}

/// Defect 2: a store whose file was replaced by another (here renamed
/// over it, as a restore or an older bayu would) wrote into the void and
/// said nothing. Now it refuses and says the file was replaced.
#[test]
fn a_store_whose_file_was_replaced_refuses_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path(), false);
    let mut store = Store::open(&db, OpenMode::Auto).unwrap();
    let other = dir.path().join("restored.db");
    let o = bayu(dir.path(), &["--db", other.to_str().unwrap(), "init"]);
    assert!(o.status.success());
    std::fs::rename(&other, &db).unwrap();
    let unit = store.units().unwrap()[0].id;
    let node = store.outline().unwrap().find_code("2.1.1").unwrap().id;
    let saved = store.write("a save", |w| {
        w.add_report(&NewReport {
            unit_id: unit,
            node_id: node,
            period: Period::quarter(2021, 4).unwrap(),
            reported_on: chrono::NaiveDate::from_ymd_opt(2021, 12, 20).unwrap(),
            author: "张丽".into(),
            body: "写进已被替换的文件".into(),
            values: Vec::new(),
            batch_id: None,
        })
    });
    let err = saved.expect_err("a save into a replaced file is refused");
    assert!(err.to_string().contains("another file"), "{err}");
}

/// Weakness: `user_version = -5` made even `tree` write a full backup,
/// and `check` said ok. Now: a foreign file, nothing written.
#[test]
fn an_impossible_schema_version_is_refused_without_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path(), false);
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", -5).unwrap();
        c.pragma_update(None, "journal_mode", "delete").unwrap();
    }
    let before = digest(&db);
    for cmd in ["tree", "check"] {
        let o = bayu(dir.path(), &["--db", db.to_str().unwrap(), cmd]);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("-5"), "{cmd}: {}", stderr(&o));
    }
    assert!(digest(&db) == before, "the file is unchanged");
    assert!(
        !names_in(dir.path()).iter().any(|n| n.ends_with(".bak")),
        "{:?}",
        names_in(dir.path())
    );
}

/// Overwrites the first byte of the root page of an index that only undoing
/// an import reads (`report_batch`): SQLite's
/// quick check fails, while `tree`, the exports and `report add` run on
/// without noticing (the old code took the report, exit 0).
fn damage(db: &Path) {
    damage_index(db, "report_batch");
}

/// Overwrites the first byte of an index's root page.
fn damage_index(db: &Path, index: &str) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    let page: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let root: i64 = c
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [index],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    let mut bytes = std::fs::read(db).unwrap();
    bytes[((root - 1) * page) as usize] = 0;
    std::fs::write(db, bytes).unwrap();
}

/// Weakness: a file `check` called damaged still took `report add`
/// (exit 0) and exported silently. Now writes are refused and reads say so.
#[test]
fn a_damaged_file_refuses_writes_and_reads_warn() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path(), true);
    damage(&db);
    let before = digest(&db);
    let d = db.to_str().unwrap();
    let o = bayu(
        dir.path(),
        &[
            "--db",
            d,
            "--lang",
            "en",
            "report",
            "add",
            "--unit",
            "渝中区",
            "--task",
            "2.1.1",
            "--period",
            "2021Q4",
            "--date",
            "2021-12-20",
            "--text",
            "损坏后写入",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("quick check"), "{}", stderr(&o));
    assert!(digest(&db) == before, "nothing written");
    let o = bayu(dir.path(), &["--db", d, "--as-of", "2021-12-31", "tree"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("快速检查"), "{}", stderr(&o));
    let o = bayu(dir.path(), &["--db", d, "export", "memo"]);
    assert!(stderr(&o).contains("快速检查"), "{}", stderr(&o));
}

/// Weakness: builds killed half-way (or interrupted by Ctrl-C) left
/// `NAME.new-PID` and `-journal` files, readable by everyone; only the next
/// `init` removed them. Now any next start removes those of dead
/// processes, and a build's files have the database's mode from the start.
#[cfg(unix)]
#[test]
fn files_of_a_killed_build_are_private_and_gone_at_the_next_start() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path(), false);
    let mut build = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "demo",
            "--reports",
            "40000",
            "--force",
        ])
        .env("HOME", dir.path())
        .env("BAYU_CONFIG", "/dev/null")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !names_in(dir.path()).iter().any(|n| n.contains(".new-")) {
        assert!(Instant::now() < deadline, "the build never began");
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(300));
    build.kill().unwrap();
    build.wait().unwrap();
    let left: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.contains(".new-"))
        .collect();
    assert!(!left.is_empty(), "the kill left the build's files");
    for name in &left {
        let mode = std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{name} is {mode:o}");
    }
    let o = bayu(dir.path(), &["--db", db.to_str().unwrap(), "tree"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.contains(".new-"))
        .collect();
    assert_eq!(after, Vec::<String>::new());
}

/// Weakness: `check` on a damaged file printed "1 problem" and then the
/// raw lines of SQLite's report. Now one sentence per kind of problem,
/// with the raw lines behind `--verbose`.
#[test]
fn check_says_what_it_found_in_sentences_and_the_raw_lines_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path(), true);
    // An index of every report: SQLite's report runs to dozens of lines.
    damage_index(&db, "report_date");
    let d = db.to_str().unwrap();
    let o = bayu(dir.path(), &["--db", d, "check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.starts_with("- 文件已损坏：SQLite 的完整性检查报告了"),
        "{out}"
    );
    assert!(out.contains("--verbose"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert_eq!(
        stderr(&o).trim_end(),
        format!("bayu: {d}：发现 1 类问题"),
        "one closing sentence"
    );
    let o = bayu(
        dir.path(),
        &["--db", d, "--lang", "en", "check", "--verbose"],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.starts_with("- the file is damaged"), "{out}");
    let raw = out.lines().filter(|l| l.starts_with("    ")).count();
    assert!(raw >= 10, "the raw lines follow: {out}");
}
