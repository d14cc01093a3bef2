//! Milestones (时间节点) and indicators (指标) of nodes.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::Result;
use super::{Store, Writer};
use crate::model::{Indicator, Milestone};

const MILESTONE: &str = "SELECT id, node_id, title, due_date, done_date, version FROM milestone";

fn milestone_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: r.get(0)?,
        node_id: r.get(1)?,
        title: r.get(2)?,
        due: r.get(3)?,
        done: r.get(4)?,
        version: r.get(5)?,
    })
}

pub(crate) fn milestones(conn: &Connection) -> Result<Vec<Milestone>> {
    let mut stmt = conn.prepare_cached(&format!("{MILESTONE} ORDER BY due_date, node_id, id"))?;
    let rows = stmt
        .query_map([], milestone_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One milestone by id.
pub(crate) fn milestone(conn: &Connection, id: i64) -> Result<Option<Milestone>> {
    Ok(conn
        .prepare_cached(&format!("{MILESTONE} WHERE id = ?1"))?
        .query_row([id], milestone_from_row)
        .optional()?)
}

const INDICATOR: &str =
    "SELECT id, node_id, name, measure, target, position, version FROM indicator";

fn indicator_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Indicator> {
    Ok(Indicator {
        id: r.get(0)?,
        node_id: r.get(1)?,
        name: r.get(2)?,
        measure: r.get(3)?,
        target: r.get(4)?,
        position: r.get(5)?,
        version: r.get(6)?,
    })
}

pub(crate) fn indicators(conn: &Connection) -> Result<Vec<Indicator>> {
    let mut stmt = conn.prepare_cached(&format!("{INDICATOR} ORDER BY node_id, position, id"))?;
    let rows = stmt
        .query_map([], indicator_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One indicator by id.
pub(crate) fn indicator(conn: &Connection, id: i64) -> Result<Option<Indicator>> {
    Ok(conn
        .prepare_cached(&format!("{INDICATOR} WHERE id = ?1"))?
        .query_row([id], indicator_from_row)
        .optional()?)
}

pub(crate) fn insert_milestone(
    conn: &Connection,
    node_id: i64,
    title: &str,
    due: NaiveDate,
    done: Option<NaiveDate>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO milestone (node_id, title, due_date, done_date) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![node_id, title, due, done])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_indicator(
    conn: &Connection,
    node_id: i64,
    name: &str,
    measure: &str,
    target: Option<f64>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO indicator (node_id, name, measure, target, position)
         VALUES (?1, ?2, ?3, ?4,
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM indicator WHERE node_id = ?1))",
    )?
    .execute(params![node_id, name, measure, target])?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// Every milestone, by due date.
    pub fn milestones(&self) -> Result<Vec<Milestone>> {
        self.read(milestones)
    }

    pub fn indicators(&self) -> Result<Vec<Indicator>> {
        self.read(indicators)
    }
}

impl Writer<'_> {
    pub fn milestones(&self) -> Result<Vec<Milestone>> {
        milestones(self.conn())
    }

    pub fn indicators(&self) -> Result<Vec<Indicator>> {
        indicators(self.conn())
    }
}
