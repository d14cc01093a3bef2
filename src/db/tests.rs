//! Store round trips, migrations from empty, refusals of wrong files.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::model::{Period, Status};
use crate::plan_text;
use crate::seed;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A database with the built-in plan and units.
pub(crate) fn builtin(path: &Path) -> Store {
    let doc = plan_text::parse(seed::PLAN_TEXT).unwrap();
    let units = seed::parse_units(seed::UNITS_TSV, "units").unwrap();
    Store::create(path, false, |s| {
        s.write("init", |w| {
            w.load_plan(&doc)?;
            w.insert_units(&units)?;
            Ok(())
        })
    })
    .unwrap()
}

#[test]
fn a_new_database_holds_the_plan_outline_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let store = builtin(&dir.path().join("a.db"));
    let plan = store.plan().unwrap();
    assert_eq!(plan.doc_number.as_deref(), Some("渝妇发〔2021〕19号"));
    assert_eq!(plan.issued_on, Some(d(2021, 6, 9)));
    let outline = store.outline().unwrap();
    assert_eq!(outline.len(), 19);
    assert_eq!(outline.find_code("2.1.1").unwrap().title, "提高政治站位");
    assert_eq!(outline.find_code("3.2").unwrap().title, "认真开展调研");
    assert!(
        outline
            .find_code("2.2.3")
            .unwrap()
            .body
            .contains("深入新时代文明实践中心")
    );
    let agencies = store.agencies().unwrap();
    let short: Vec<_> = agencies.iter().map(|a| a.short_name.as_str()).collect();
    assert_eq!(
        short,
        ["市妇联", "市科技局", "市国资委", "市总工会", "市科协"]
    );
    assert!(agencies.iter().all(|a| a.is_issuer));
    assert_eq!(store.units().unwrap().len(), 41);
}

#[test]
fn migrations_from_empty_reach_the_current_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    builtin(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(app, migrate::APPLICATION_ID);
    assert_eq!(mode, "wal");
}

#[test]
fn create_refuses_an_existing_file_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    std::fs::write(&path, b"precious").unwrap();
    let err = Store::create(&path, false, |_| Ok(())).err().unwrap();
    assert!(matches!(err, StoreError::Exists { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
}

#[test]
fn a_failed_fill_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let err = Store::create(&path, false, |_| Err(StoreError::Invalid("boom".into())))
        .err()
        .unwrap();
    assert_eq!(err.to_string(), "boom");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn forced_create_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    std::fs::write(&path, b"old").unwrap();
    let store = builtin_forced(&path);
    assert_eq!(store.outline().unwrap().len(), 19);
}

#[test]
fn forced_create_refuses_a_file_someone_has_open_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let other = builtin(&path);
    let before = other.outline().unwrap().len();
    let doc = plan_text::parse(seed::PLAN_TEXT).unwrap();
    let err = Store::create(&path, true, |s| {
        s.write("init", |w| w.load_plan(&doc).map(|_| ()))
    })
    .err()
    .unwrap();
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    // The open store still reads (and writes) its file, still in WAL mode.
    assert_eq!(other.outline().unwrap().len(), before);
    let mode: String = other
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(other);
    // Once nobody has it open, --force replaces it.
    assert_eq!(builtin_forced(&path).outline().unwrap().len(), 19);
}

fn builtin_forced(path: &Path) -> Store {
    let doc = plan_text::parse(seed::PLAN_TEXT).unwrap();
    Store::create(path, true, |s| {
        s.write("init", |w| w.load_plan(&doc).map(|_| ()))
    })
    .unwrap()
}

#[test]
fn opening_a_text_file_says_it_is_not_sqlite_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "这不是数据库\n".repeat(20)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, OpenMode::Auto).err().unwrap();
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err}");
    assert!(err.to_string().contains("notes.txt"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn opening_a_foreign_sqlite_file_refuses_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, OpenMode::Auto).err().unwrap();
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("other.db-wal").exists());
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    drop(builtin(&path));
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Store::open(&path, OpenMode::Auto).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer bayu"), "{err}");
}

#[test]
fn missing_file_and_missing_directory_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(&dir.path().join("none.db"), OpenMode::Auto)
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Missing { .. }), "{err}");
    let err = Store::open(&dir.path().join("nodir/none.db"), OpenMode::Auto)
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::NoDirectory { .. }), "{err}");
}

#[test]
fn read_only_store_refuses_writes_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    drop(builtin(&path));
    let mut store = Store::open(&path, OpenMode::ReadOnly).unwrap();
    assert!(store.outline().is_ok());
    let err = store.write("adding a report", |_| Ok(())).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert!(err.to_string().contains("adding a report"), "{err}");
}

fn report(unit: i64, node: i64, text: &str, values: Vec<(i64, f64)>) -> NewReport {
    NewReport {
        unit_id: unit,
        node_id: node,
        period: Period::quarter(2021, 4).unwrap(),
        reported_on: d(2021, 12, 20),
        author: "张丽".into(),
        body: text.into(),
        values,
        batch_id: None,
    }
}

#[test]
fn reports_round_trip_with_values_and_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = builtin(&dir.path().join("a.db"));
    let node = store.outline().unwrap().find_code("2.2.1").unwrap().id;
    let unit = store.units().unwrap()[2].id;
    let (first, dup, second) = store
        .write("test", |w| {
            let ind = w.insert_indicator(node, "女职工创新工作室", "个", Some(50.0))?;
            let first = w.add_report(&report(unit, node, "新建工作室3个。", vec![(ind, 3.0)]))?;
            let dup = w.add_report(&report(unit, node, "新建工作室3个。", vec![(ind, 3.0)]))?;
            let second = w.add_report(&report(unit, node, "新建工作室4个。", vec![(ind, 4.0)]))?;
            Ok((first, dup, second))
        })
        .unwrap();
    assert!(matches!(first, reports::Added::New(_)));
    assert_eq!(dup, reports::Added::Duplicate(first.id()));
    assert!(matches!(
        second,
        reports::Added::Revision { revision: 2, .. }
    ));
    assert_eq!(store.report_count().unwrap(), 1);
    let r = store.report(second.id()).unwrap().unwrap();
    assert_eq!(r.body, "新建工作室4个。");
    assert_eq!(r.revision, 2);
    assert_eq!(r.values.len(), 1);
    assert!(store.report(first.id()).unwrap().unwrap().superseded);
    let totals = store.indicator_totals(d(2021, 12, 31)).unwrap();
    assert_eq!(totals.values().copied().collect::<Vec<_>>(), [4.0]);
    assert!(store.indicator_totals(d(2021, 12, 1)).unwrap().is_empty());
    assert!(store.check().unwrap().ok());
}

#[test]
fn an_empty_report_is_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = builtin(&dir.path().join("a.db"));
    let node = store.outline().unwrap().find_code("2.2.1").unwrap().id;
    let unit = store.units().unwrap()[0].id;
    let err = store
        .write("test", |w| {
            w.add_report(&report(unit, node, "有内容。", vec![]))?;
            w.add_report(&report(unit + 1, node, "  ", vec![]))
        })
        .unwrap_err();
    assert!(err.to_string().contains("needs text"), "{err}");
    assert_eq!(
        store.report_count().unwrap(),
        0,
        "the first report was rolled back too"
    );
}

#[test]
fn audit_entries_record_the_os_user_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = builtin(&dir.path().join("a.db"));
    store
        .write("test", |w| {
            w.audit(&AuditEntry {
                op: "update".into(),
                entity: "node".into(),
                entity_id: Some(7),
                summary: "改为推进中".into(),
                before: Some(serde_json::json!({"status": "not_started"})),
                after: Some(serde_json::json!({"status": "in_progress"})),
            })
        })
        .unwrap();
    let all = store.audit_log(&AuditFilter::default()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].os_user, store.user());
    assert!(!store.user().is_empty());
    let nodes = store
        .audit_log(&AuditFilter {
            entity: Some("node".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(nodes.len(), 1);
    let none = store
        .audit_log(&AuditFilter {
            user: Some("nobody-else".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn check_finds_broken_numbering() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    drop(builtin(&path));
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "UPDATE node SET position = 7 WHERE title = '认真开展调研'",
            [],
        )
        .unwrap();
        c.execute(
            "INSERT INTO node_history (node_id, field, effective, due_date)
             SELECT id, 'dates', '2021-06-09', '2021-02-30' FROM node WHERE title = '提高政治站位'",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path, OpenMode::Auto).unwrap();
    let report = store.check().unwrap();
    assert!(!report.ok());
    let text = report.problems.join("\n");
    assert!(text.contains("not numbered 1 to 3"), "{text}");
    assert!(text.contains("2021-02-30"), "{text}");
}

#[test]
fn data_version_changes_when_another_connection_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    drop(builtin(&path));
    let a = Store::open(&path, OpenMode::Auto).unwrap();
    let mut b = Store::open(&path, OpenMode::Auto).unwrap();
    let before = a.data_version().unwrap();
    b.write("test", |w| {
        w.set_node_plan(1, d(2021, 6, 9), (None, None), Status::InProgress, None)
    })
    .unwrap();
    assert_ne!(a.data_version().unwrap(), before);
}

#[test]
fn backup_makes_a_sound_copy() {
    let dir = tempfile::tempdir().unwrap();
    let store = builtin(&dir.path().join("a.db"));
    let copy = dir.path().join("copy.db");
    store.backup(&copy).unwrap();
    let c = Store::open(&copy, OpenMode::ReadOnly).unwrap();
    assert!(c.check().unwrap().ok());
    assert_eq!(c.outline().unwrap().len(), 19);
    let err = store.backup(&copy).unwrap_err();
    assert!(matches!(err, StoreError::Exists { .. }));
}

#[cfg(unix)]
#[test]
fn new_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    drop(builtin(&path));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn an_older_file_is_backed_up_then_migrated_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        migrate::migrate_to(&mut c, 1).unwrap();
        c.execute(
            "INSERT INTO plan (id, title, action_name) VALUES (1, '旧方案', '旧行动')",
            [],
        )
        .unwrap();
        c.execute(
            "INSERT INTO audit (at, os_user, op, entity, summary) VALUES ('2021-06-09T00:00:00+08:00', 'u', 'init', 'plan', 's')",
            [],
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open(&path, OpenMode::Auto).unwrap();
    assert_eq!(store.plan().unwrap().title, "旧方案");
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("old.db.v1-") && n.ends_with(".bak"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    // The backup is the old file's content: still version 1.
    let b = rusqlite::Connection::open(dir.path().join(&backups[0])).unwrap();
    let v: i64 = b
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    assert!(!before.is_empty());
    // Version 2 made the audit log append-only.
    let err = store
        .write("t", |w| {
            w.conn().execute("DELETE FROM audit", [])?;
            Ok(())
        })
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = store
        .write("t", |w| {
            w.conn()
                .execute("UPDATE audit SET os_user = 'someone'", [])?;
            Ok(())
        })
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    store
        .write("t", |w| {
            w.conn().execute("UPDATE audit SET undone_by = NULL", [])?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_full_disk_is_named_and_nothing_is_half_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = builtin(&dir.path().join("a.db"));
    let node = store.outline().unwrap().find_code("2.1.1").unwrap().id;
    let units: Vec<i64> = store.units().unwrap().iter().map(|u| u.id).collect();
    let pages: i64 = store
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    // Let the file grow by one page at most: the way SQLite sees a full disk.
    store
        .conn()
        .query_row(
            &format!("PRAGMA max_page_count = {}", pages + 1),
            [],
            |_| Ok(()),
        )
        .unwrap();
    let long = "很长的报送内容。".repeat(400);
    let err = store
        .write("adding reports", |w| {
            for &u in &units {
                w.add_report(&report(u, node, &long, vec![]))?;
            }
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err}");
    assert!(err.to_string().contains("disk is full"), "{err}");
    assert_eq!(store.report_count().unwrap(), 0);
}

/// Counts to 200,000 in SQL: a read of a few million SQLite steps.
fn long_read(s: &Store) -> Result<i64> {
    s.read(|c| {
        Ok(c.query_row(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)
             SELECT count(*) FROM n",
            [],
            |r| r.get(0),
        )?)
    })
}

static KEY_WAITS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn key_waits() -> bool {
    KEY_WAITS.load(std::sync::atomic::Ordering::Relaxed)
}

#[test]
fn a_stoppable_read_ends_when_asked_and_later_reads_are_not_watched() {
    use std::sync::atomic::Ordering::Relaxed;
    let dir = tempfile::tempdir().unwrap();
    let mut s = builtin(&dir.path().join("a.db"));
    KEY_WAITS.store(false, Relaxed);
    assert_eq!(s.stoppable(key_waits, long_read).unwrap(), 200_000);
    KEY_WAITS.store(true, Relaxed);
    let err = s.stoppable(key_waits, long_read).unwrap_err();
    assert!(matches!(err, StoreError::Interrupted { .. }), "{err:?}");
    // Outside `stoppable` nobody asks.
    assert_eq!(long_read(&s).unwrap(), 200_000);
    KEY_WAITS.store(false, Relaxed);
}
