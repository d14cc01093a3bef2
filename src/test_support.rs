//! Test databases, made one way for every test of the library: a new file
//! with the built-in plan and units, and whatever the test adds in the
//! same transaction (the demo data, synthetic reports, a plan span).

use std::path::Path;

use crate::db::{self, Store, Writer};

/// A new file at `path` with the built-in plan and units, and `more`.
pub(crate) fn store_with(path: &Path, more: impl FnOnce(&Writer<'_>) -> db::Result<()>) -> Store {
    let doc = crate::plan_text::parse(crate::seed::PLAN_TEXT).unwrap();
    let units = crate::seed::parse_units(crate::seed::UNITS_TSV, "units").unwrap();
    Store::create(path, false, |s| {
        s.write("init", |w| {
            w.load_plan(&doc)?;
            w.insert_units(&units)?;
            more(w)
        })
    })
    .unwrap()
}

/// The built-in plan and units, nothing else.
pub(crate) fn builtin(path: &Path) -> Store {
    store_with(path, |_| Ok(()))
}

/// The built-in plan with the demo data (`bayu init --demo`).
pub(crate) fn demo(path: &Path) -> Store {
    store_with(path, |w| crate::demo::add(w).map(|_| ()))
}

/// The built-in plan with `reports` synthetic reports (`bayu demo`).
pub(crate) fn synthetic(path: &Path, reports: usize, seed: u64) -> Store {
    store_with(path, |w| {
        crate::demo::synthetic::add(w, reports, seed, &mut |_, _| {}).map(|_| ())
    })
}
