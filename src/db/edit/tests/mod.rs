//! Tests of the editing core against real database files: every operation
//! with its undo and redo (full table dumps compared), refusals, restarts,
//! and two coordinators on one file.

mod checks;
mod conflicts;
mod dated;
mod ops;
mod undo;

use std::path::Path;

use chrono::NaiveDate;

use super::changes::{TABLES, ids_where, read_row};
use crate::db::{NewReport, Store};
use crate::model::{Period, Role};

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every row of every edited table, as JSON text, in id order (the audit
/// log is left out: undo adds to it by design).
pub(super) fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for (t, name) in TABLES.iter().enumerate() {
        for id in ids_where(store.conn(), name, "1", &[]).unwrap() {
            let row = read_row(store.conn(), t, id).unwrap().unwrap();
            out.push(format!("{name} {}", serde_json::Value::Object(row)));
        }
    }
    out
}

/// Ids the fixture creates, for the tests to refer to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ids {
    /// 2.1.1 提高政治站位
    pub task: i64,
    /// 2.1.2 弘扬科学家精神
    pub other: i64,
    pub milestone: i64,
    pub indicator: i64,
    pub report: i64,
    pub unit: i64,
    pub unit2: i64,
    pub fulian: i64,
    pub kexie: i64,
}

/// The built-in plan plus a little data entered without the log (as
/// `init --demo` does), so that undo stacks start empty.
pub(super) fn office(path: &Path) -> (Store, Ids) {
    let mut store = crate::db::tests::builtin(path);
    let outline = store.outline().unwrap();
    let task = outline.find_code("2.1.1").unwrap().id;
    let other = outline.find_code("2.1.2").unwrap().id;
    let units = store.units().unwrap();
    let unit = units.iter().find(|u| u.name == "渝中区").unwrap().id;
    let unit2 = units.iter().find(|u| u.name == "綦江区").unwrap().id;
    let agencies = store.agencies().unwrap();
    let fulian = agencies
        .iter()
        .find(|a| a.short_name == "市妇联")
        .unwrap()
        .id;
    let kexie = agencies
        .iter()
        .find(|a| a.short_name == "市科协")
        .unwrap()
        .id;
    let ids = store
        .write("fixture", |w| {
            w.assign(task, fulian, Role::Lead)?;
            let milestone = w.insert_milestone(task, "制定学习计划", d(2021, 9, 30), None)?;
            let indicator = w.insert_indicator(task, "学习宣传活动", "场", Some(200.0))?;
            let report = w
                .add_report(&NewReport {
                    unit_id: unit,
                    node_id: task,
                    period: Period::quarter(2021, 3).unwrap(),
                    reported_on: d(2021, 9, 25),
                    author: "李芳".into(),
                    body: "开展专题学习3场。".into(),
                    values: vec![(indicator, 3.0)],
                    batch_id: None,
                })?
                .id();
            Ok(Ids {
                task,
                other,
                milestone,
                indicator,
                report,
                unit,
                unit2,
                fulian,
                kexie,
            })
        })
        .unwrap();
    (store, ids)
}

pub(super) fn node_version(store: &Store, id: i64) -> i64 {
    store.outline().unwrap().get(id).unwrap().version
}

pub(super) fn milestone_version(store: &Store, id: i64) -> i64 {
    store
        .milestones()
        .unwrap()
        .into_iter()
        .find(|m| m.id == id)
        .unwrap()
        .version
}

pub(super) fn indicator_version(store: &Store, id: i64) -> i64 {
    store
        .indicators()
        .unwrap()
        .into_iter()
        .find(|m| m.id == id)
        .unwrap()
        .version
}

pub(super) fn report_version(store: &Store, id: i64) -> i64 {
    store.report(id).unwrap().unwrap().version
}
