//! The sheet the joint office sends out: a CSV that Excel and WPS open
//! correctly (UTF-8 with a byte-order mark), with the import's own Chinese
//! headers, one row per unit and task to report on, pre-filled with the
//! unit, the task and the period, and one column per indicator named with
//! its unit of measure (`女职工创新工作室（个）`). Every cell goes through
//! `text::sanitize::for_sheet`, the formula guard of every spreadsheet
//! bayu writes (a unit or task renamed `=HYPERLINK(…)` must not become a
//! live link in the districts' WPS). What comes back is read by
//! [`super::check`], which reads the guard back off.

use super::columns::{Field, indicator_header};
use super::matching::reportable_tasks;
use crate::db::{Result, Store, StoreError};
use crate::model::Period;
use crate::text::sanitize::for_export;
use crate::text::sheet::{LineEnd, SheetWriter};

/// A template, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The file's bytes: byte-order mark, then CSV with CRLF line ends.
    pub bytes: Vec<u8>,
    pub units: usize,
    pub tasks: usize,
    pub indicator_columns: usize,
}

impl Sheet {
    /// Data rows (one per unit and task).
    pub fn rows(&self) -> usize {
        self.units * self.tasks
    }
}

/// The reports sheet for `period`: for unit `unit`, or for every unit that
/// exists during the period.
pub fn reports(store: &Store, unit: Option<i64>, period: Period) -> Result<Sheet> {
    let outline = store.outline()?;
    let indicators = store.indicators()?;
    let units: Vec<_> = store
        .units()?
        .into_iter()
        .filter(|u| unit.is_none_or(|id| u.id == id))
        .filter(|u| u.active_between(period.start(), period.end()))
        .collect();
    if units.is_empty() {
        return Err(StoreError::Invalid(match unit {
            Some(_) => format!(
                "the unit did not exist during {}; no sheet to send",
                period.code()
            ),
            None => format!("no unit existed during {}; no sheet to send", period.code()),
        }));
    }
    let tasks = reportable_tasks(&outline, &indicators);
    if tasks.is_empty() {
        return Err(StoreError::Invalid(
            "no task of the plan is reported on by the units; no sheet to send".into(),
        ));
    }
    let mut headers: Vec<String> = Field::ALL.iter().map(|f| f.header().to_string()).collect();
    let fixed = headers.len();
    for task in &tasks {
        for ind in indicators.iter().filter(|i| i.node_id == task.id) {
            let h = for_export(&indicator_header(ind));
            if !headers.contains(&h) {
                headers.push(h);
            }
        }
    }
    let mut bytes = Vec::new();
    {
        let failed =
            |e: std::io::Error| StoreError::Invalid(format!("writing the sheet failed: {e}"));
        let mut w = SheetWriter::new(&mut bytes, LineEnd::CrLf).map_err(failed)?;
        w.row(&headers).map_err(failed)?;
        let label = period.label_cn();
        for u in &units {
            for task in &tasks {
                let mut row = vec![
                    for_export(&u.name),
                    outline.code(task.id),
                    for_export(&task.title),
                    label.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                ];
                row.resize(headers.len(), String::new());
                w.row(&row).map_err(failed)?;
            }
        }
        w.finish().map_err(failed)?;
    }
    Ok(Sheet {
        bytes,
        units: units.len(),
        tasks: tasks.len(),
        indicator_columns: headers.len() - fixed,
    })
}
