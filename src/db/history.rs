//! Reading and writing the history of tasks' statuses, progress and dates
//! (`node_history`, schema `schema_v4.sql`; the rules in
//! `model::history`). The editing operations that add, correct and remove
//! entries are in `db::edit::history`; the demo writes entries directly.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::error::Result;
use super::{Store, Writer};
use crate::model::{History, HistoryEntry, HistoryField, HistoryValue, Status};

const COLUMNS: &str =
    "id, node_id, field, effective, status, reason, progress, start_date, due_date, version";

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let field: String = r.get(2)?;
    let value = match HistoryField::from_code(&field) {
        Some(HistoryField::Status) => {
            let code: Option<String> = r.get(4)?;
            HistoryValue::Status {
                status: code
                    .as_deref()
                    .and_then(Status::from_code)
                    .unwrap_or_default(),
                reason: r.get(5)?,
            }
        }
        Some(HistoryField::Progress) => HistoryValue::Progress(r.get(6)?),
        Some(HistoryField::Dates) | None => HistoryValue::Dates {
            start: r.get(7)?,
            due: r.get(8)?,
        },
    };
    Ok(HistoryEntry {
        id: r.get(0)?,
        node_id: r.get(1)?,
        effective: r.get(3)?,
        value,
        version: r.get(9)?,
    })
}

/// Every entry (a few per task: the whole plan's are a few thousand rows).
pub(crate) fn all(conn: &Connection) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM node_history ORDER BY node_id, effective, id"
    ))?;
    let rows = stmt
        .query_map([], entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One task's entries, in the order they take effect.
pub(crate) fn of_node(conn: &Connection, node: i64) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM node_history WHERE node_id = ?1 ORDER BY effective, id"
    ))?;
    let rows = stmt
        .query_map([node], entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Option<HistoryEntry>> {
    let found = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM node_history WHERE id = ?1"))?
        .query_row([id], entry_from_row)
        .optional()?;
    Ok(found)
}

/// The columns an entry's value fills: (status, reason, progress, start, due).
type Columns<'a> = (
    Option<&'static str>,
    Option<&'a str>,
    Option<u8>,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

fn columns(value: &HistoryValue) -> Columns<'_> {
    match value {
        HistoryValue::Status { status, reason } => {
            (Some(status.code()), reason.as_deref(), None, None, None)
        }
        HistoryValue::Progress(p) => (None, None, *p, None, None),
        HistoryValue::Dates { start, due } => (None, None, None, *start, *due),
    }
}

pub(crate) fn insert(
    conn: &Connection,
    node: i64,
    effective: NaiveDate,
    value: &HistoryValue,
) -> Result<i64> {
    let (status, reason, progress, start, due) = columns(value);
    conn.prepare_cached(
        "INSERT INTO node_history (node_id, field, effective, status, reason, progress,
                                   start_date, due_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        node,
        value.field().code(),
        effective,
        status,
        reason,
        progress,
        start,
        due
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Rewrites an entry's day and value (the field stays), one version up.
pub(crate) fn update(
    conn: &Connection,
    id: i64,
    effective: NaiveDate,
    value: &HistoryValue,
) -> Result<()> {
    let (status, reason, progress, start, due) = columns(value);
    conn.prepare_cached(
        "UPDATE node_history SET effective = ?2, status = ?3, reason = ?4, progress = ?5,
                start_date = ?6, due_date = ?7, version = version + 1
         WHERE id = ?1",
    )?
    .execute(params![id, effective, status, reason, progress, start, due])?;
    Ok(())
}

impl Store {
    /// Every task's history.
    pub fn history(&self) -> Result<History> {
        self.read(|c| Ok(History::new(all(c)?)))
    }

    /// One task's history, in the order the entries take effect.
    pub fn node_history(&self, node: i64) -> Result<Vec<HistoryEntry>> {
        self.read(|c| of_node(c, node))
    }

    /// One entry by its id.
    pub fn history_entry(&self, id: i64) -> Result<Option<HistoryEntry>> {
        self.read(|c| get(c, id))
    }
}

impl Writer<'_> {
    /// Records a value of a task effective from `effective`, without an
    /// audit entry (demo data, plans loaded with their values).
    pub fn record_history(
        &self,
        node: i64,
        effective: NaiveDate,
        value: &HistoryValue,
    ) -> Result<i64> {
        insert(self.conn(), node, effective, value)
    }
}

#[cfg(test)]
mod tests;
