//! Regressions of issue 13 in opening and replacing files: a swap under
//! a store that opened the file during the build, a file replaced under
//! an open store, a schema version no bayu writes, a damaged file, the
//! mode of a file being built.

use std::path::Path;

use super::*;
use crate::db::tests::builtin;
use crate::db::{FileFault, OpenMode};
use crate::plan_text;
use crate::seed;

fn plan_only(path: &Path, force: bool, during: impl FnOnce()) -> Result<Store> {
    let doc = plan_text::parse(seed::PLAN_TEXT).unwrap();
    Store::create(path, force, |s| {
        s.write("init", |w| w.load_plan(&doc).map(|_| ()))?;
        during();
        Ok(())
    })
}

fn unit_count(path: &Path) -> usize {
    Store::open(path, OpenMode::ReadOnly)
        .unwrap()
        .units()
        .unwrap()
        .len()
}

/// Defect 2: the "in use" check ran only before the build; a console that
/// opened the file while the new one was built kept writing into the old
/// file, deleted by the swap, and its saves were lost. Now the swap is
/// refused, the new file thrown away, and the old file (with what the
/// console saved) stays.
#[test]
fn a_force_build_is_not_swapped_in_under_a_store_opened_during_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    drop(builtin(&path));
    let mut late: Option<Store> = None;
    let err = plan_only(&path, true, || {
        let mut store = Store::open(&path, OpenMode::Auto).unwrap();
        store
            .write("a save during the build", |w| {
                w.conn().execute(
                    "UPDATE unit SET name = name || '（已保存）' WHERE id = 1",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        late = Some(store);
    })
    .err()
    .expect("the swap is refused");
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
    // What was saved is in the file at the path, and the store still works.
    let late = late.unwrap();
    assert!(!late.replaced());
    assert!(late.units().unwrap()[0].name.ends_with("（已保存）"));
    assert_eq!(unit_count(&path), 41);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "the new file was thrown away");
    drop(late);
    // Once nobody has it open, --force replaces it.
    assert_eq!(
        plan_only(&path, true, || {})
            .unwrap()
            .units()
            .unwrap()
            .len(),
        0
    );
}

/// Defect 2, second half: a file replaced without bayu's lock (by hand, a
/// restore, an older bayu) is noticed, and writes are refused instead of
/// going into the file that is gone.
#[test]
fn a_store_whose_file_was_replaced_refuses_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let mut store = builtin(&path);
    assert!(!store.replaced());
    let other = dir.path().join("other.db");
    drop(builtin(&other));
    std::fs::rename(&other, &path).unwrap();
    assert!(store.replaced());
    let err = store
        .write("a save", |w| {
            w.conn()
                .execute("UPDATE unit SET name = 'x' WHERE id = 1", [])?;
            Ok(())
        })
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::File(FileFault::Replaced { path: p }) if p == &path),
        "{err}"
    );
    // A file that was only deleted is "replaced" too: nobody will see it.
    let gone = dir.path().join("gone.db");
    let store = builtin(&gone);
    std::fs::remove_file(&gone).unwrap();
    assert!(store.replaced());
}

/// Weakness: `user_version = -5` made every command write a full backup
/// and `check` said ok. A version no bayu writes is a foreign file: no
/// backup, nothing written.
#[test]
fn an_impossible_schema_version_is_a_foreign_file_and_gets_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    drop(builtin(&path));
    for version in [-5, 0] {
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", version).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, OpenMode::Auto).err().unwrap();
        let same = std::fs::read(&path).unwrap() == before;
        assert!(
            matches!(err, StoreError::File(FileFault::ImpossibleVersion { version: v, .. }) if v == version),
            "{err}"
        );
        assert!(same, "the file is unchanged");
        let backups = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".bak")
            })
            .count();
        assert_eq!(backups, 0);
    }
}

/// Overwrites one b-tree page's header with garbage so that SQLite's
/// quick check fails while the file still opens.
pub(crate) fn damage_a_page(path: &Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_update(None, "journal_mode", "delete").unwrap();
    let page_size: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    // An index only undoing an import reads: damaged, it goes unnoticed by
    // reads and by adding a report (which writes into it regardless).
    let root: i64 = c
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'report_batch'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    let mut bytes = std::fs::read(path).unwrap();
    let at = ((root - 1) * page_size) as usize;
    bytes[at] = 0x00; // no valid page type
    std::fs::write(path, bytes).unwrap();
}

/// Weakness: a file `check` calls damaged took writes (exit 0). Now the
/// quick check refuses them and says why.
#[test]
fn a_damaged_file_refuses_writes_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    drop(builtin(&path));
    damage_a_page(&path);
    let mut store = Store::open(&path, OpenMode::Auto).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = store
        .write("a save", |w| {
            w.conn()
                .execute("UPDATE unit SET name = 'x' WHERE id = 1", [])?;
            Ok(())
        })
        .unwrap_err();
    let StoreError::File(FileFault::Damaged { detail, total, .. }) = &err else {
        panic!("{err}");
    };
    assert!(*total >= 1 && !detail.is_empty(), "{err}");
    assert!(store.damage().unwrap().is_some());
    assert!(
        std::fs::read(&path).unwrap() == before,
        "nothing was written"
    );
    // A sound file passes.
    let sound = dir.path().join("sound.db");
    assert_eq!(builtin(&sound).damage().unwrap(), None);
}

/// Weakness: a killed build left a 0644 `NAME.new-PID` beside a 0600
/// database. The file being built has the database's mode from the start.
#[cfg(unix)]
#[test]
fn a_file_being_built_has_the_databases_mode_from_its_first_byte() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let mut modes = Vec::new();
    plan_only(&path, false, || {
        for e in std::fs::read_dir(dir.path()).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            modes.push((name, e.metadata().unwrap().permissions().mode() & 0o777));
        }
    })
    .unwrap();
    assert!(modes.iter().any(|(n, _)| n.contains(".new-")), "{modes:?}");
    for (name, mode) in &modes {
        assert_eq!(*mode, 0o600, "{name} is {mode:o}");
    }
}
