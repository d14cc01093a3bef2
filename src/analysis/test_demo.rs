//! The demo database as a test fixture for figures that need realistic
//! data: every agency, 41 units, milestones overdue and due soon.

use std::path::Path;

use chrono::NaiveDate;

use super::Snapshot;
use crate::db::Store;

/// A new database at `path` with the built-in plan, units and demo data.
pub(crate) fn demo_store(path: &Path) -> Store {
    crate::test_support::demo(path)
}

/// The demo data's snapshot at a date.
pub(crate) fn demo_snapshot(y: i32, m: u32, d: u32) -> Snapshot {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir.path().join("demo.db"));
    Snapshot::load(&store, NaiveDate::from_ymd_opt(y, m, d).unwrap()).unwrap()
}
