//! The demo database as a test fixture for figures that need realistic
//! data: every agency, 41 units, milestones overdue and due soon.

use std::path::Path;

use chrono::NaiveDate;

use super::Snapshot;
use crate::db::Store;

/// A new database at `path` with the built-in plan, units and demo data.
pub(crate) fn demo_store(path: &Path) -> Store {
    let doc = crate::plan_text::parse(crate::seed::PLAN_TEXT).unwrap();
    let units = crate::seed::parse_units(crate::seed::UNITS_TSV, "units").unwrap();
    Store::create(path, false, |s| {
        s.write("init", |w| {
            w.load_plan(&doc)?;
            w.insert_units(&units)?;
            crate::demo::add(w)?;
            Ok(())
        })
    })
    .unwrap()
}

/// The demo data's snapshot at a date.
pub(crate) fn demo_snapshot(y: i32, m: u32, d: u32) -> Snapshot {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir.path().join("demo.db"));
    Snapshot::load(&store, NaiveDate::from_ymd_opt(y, m, d).unwrap()).unwrap()
}
