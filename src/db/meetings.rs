//! Meetings and their decisions (议定事项), read: one by id, or all in
//! date order with their agencies.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row};

use super::Store;
use super::error::Result;
use crate::model::{Decision, Meeting};

const MEETING: &str = "SELECT id, held_on, title, place, chair, version FROM meeting";

fn meeting_from_row(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        held_on: r.get(1)?,
        title: r.get(2)?,
        place: r.get(3)?,
        chair: r.get(4)?,
        agencies: Vec::new(),
        version: r.get(5)?,
    })
}

const DECISION: &str = "SELECT d.id, d.meeting_id, d.text, d.agency_id, d.node_id, d.due_date,
                               d.done_date, d.done_note, d.version
                        FROM decision d";

fn decision_from_row(r: &Row<'_>) -> rusqlite::Result<Decision> {
    Ok(Decision {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        text: r.get(2)?,
        agency_id: r.get(3)?,
        support: Vec::new(),
        node_id: r.get(4)?,
        due: r.get(5)?,
        done: r.get(6)?,
        done_note: r.get(7)?,
        version: r.get(8)?,
    })
}

/// The agencies of one owner row (`meeting_agency` / `decision_agency`),
/// in order.
pub(crate) fn agencies_of(conn: &Connection, table: &str, owner: i64) -> Result<Vec<i64>> {
    let column = owner_column(table);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT agency_id FROM {table} WHERE {column} = ?1 ORDER BY position, id"
    ))?;
    let ids = stmt
        .query_map([owner], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// Every owner's agencies, in order.
fn all_agencies(conn: &Connection, table: &str) -> Result<HashMap<i64, Vec<i64>>> {
    let column = owner_column(table);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {column}, agency_id FROM {table} ORDER BY {column}, position, id"
    ))?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (owner, agency) = row?;
        out.entry(owner).or_default().push(agency);
    }
    Ok(out)
}

pub(crate) fn owner_column(table: &str) -> &'static str {
    if table == "meeting_agency" {
        "meeting_id"
    } else {
        "decision_id"
    }
}

pub(crate) fn meeting(conn: &Connection, id: i64) -> Result<Option<Meeting>> {
    let found = conn
        .prepare_cached(&format!("{MEETING} WHERE id = ?1"))?
        .query_row([id], meeting_from_row)
        .optional()?;
    let Some(mut m) = found else { return Ok(None) };
    m.agencies = agencies_of(conn, "meeting_agency", id)?;
    Ok(Some(m))
}

pub(crate) fn meetings(conn: &Connection) -> Result<Vec<Meeting>> {
    let mut attending = all_agencies(conn, "meeting_agency")?;
    let mut stmt = conn.prepare_cached(&format!("{MEETING} ORDER BY held_on, id"))?;
    let mut rows = stmt
        .query_map([], meeting_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for m in &mut rows {
        m.agencies = attending.remove(&m.id).unwrap_or_default();
    }
    Ok(rows)
}

pub(crate) fn decision(conn: &Connection, id: i64) -> Result<Option<Decision>> {
    let found = conn
        .prepare_cached(&format!("{DECISION} WHERE d.id = ?1"))?
        .query_row([id], decision_from_row)
        .optional()?;
    let Some(mut d) = found else { return Ok(None) };
    d.support = agencies_of(conn, "decision_agency", id)?;
    Ok(Some(d))
}

/// Every decision, in the order of their meetings, then as recorded.
pub(crate) fn decisions(conn: &Connection) -> Result<Vec<Decision>> {
    let mut support = all_agencies(conn, "decision_agency")?;
    let mut stmt = conn.prepare_cached(&format!(
        "{DECISION} JOIN meeting m ON m.id = d.meeting_id ORDER BY m.held_on, m.id, d.id"
    ))?;
    let mut rows = stmt
        .query_map([], decision_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for d in &mut rows {
        d.support = support.remove(&d.id).unwrap_or_default();
    }
    Ok(rows)
}

/// The ids of a meeting's decisions, in their order (一、二、…).
pub(crate) fn decisions_of(conn: &Connection, meeting: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM decision WHERE meeting_id = ?1 ORDER BY id")?;
    let ids = stmt
        .query_map([meeting], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

impl Store {
    /// Every meeting, by date.
    pub fn meetings(&self) -> Result<Vec<Meeting>> {
        self.read(meetings)
    }

    /// Every decision, in the order of their meetings.
    pub fn decisions(&self) -> Result<Vec<Decision>> {
        self.read(decisions)
    }
}
