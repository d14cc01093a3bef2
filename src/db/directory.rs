//! Agencies (责任单位), their roles on nodes (牵头/配合), and the units
//! (区县) that report.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::Result;
use super::{Store, Writer};
use crate::model::{Agency, Assignment, Role, Unit};

const AGENCY: &str = "SELECT id, name, short_name, is_issuer, position, version FROM agency";

fn agency_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Agency> {
    Ok(Agency {
        id: r.get(0)?,
        name: r.get(1)?,
        short_name: r.get(2)?,
        is_issuer: r.get(3)?,
        position: r.get(4)?,
        version: r.get(5)?,
    })
}

pub(crate) fn agencies(conn: &Connection) -> Result<Vec<Agency>> {
    let mut stmt = conn.prepare_cached(&format!("{AGENCY} ORDER BY position, id"))?;
    let rows = stmt
        .query_map([], agency_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One agency by id.
pub(crate) fn agency(conn: &Connection, id: i64) -> Result<Option<Agency>> {
    Ok(conn
        .prepare_cached(&format!("{AGENCY} WHERE id = ?1"))?
        .query_row([id], agency_from_row)
        .optional()?)
}

const UNIT: &str =
    "SELECT id, code, name, short_name, kind, valid_from, valid_to, position, version
                    FROM unit";

fn unit_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        short_name: r.get(3)?,
        kind: r.get(4)?,
        valid_from: r.get(5)?,
        valid_to: r.get(6)?,
        position: r.get(7)?,
        version: r.get(8)?,
    })
}

pub(crate) fn units(conn: &Connection) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(&format!("{UNIT} ORDER BY position, id"))?;
    let rows = stmt
        .query_map([], unit_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One unit by id.
pub(crate) fn unit(conn: &Connection, id: i64) -> Result<Option<Unit>> {
    Ok(conn
        .prepare_cached(&format!("{UNIT} WHERE id = ?1"))?
        .query_row([id], unit_from_row)
        .optional()?)
}

const ASSIGNMENT: &str = "SELECT id, node_id, agency_id, role, position FROM assignment";

fn assignment_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Assignment> {
    let role: String = r.get(3)?;
    Ok(Assignment {
        id: r.get(0)?,
        node_id: r.get(1)?,
        agency_id: r.get(2)?,
        role: Role::from_code(&role).unwrap_or(Role::Support),
        position: r.get(4)?,
    })
}

pub(crate) fn assignments(conn: &Connection) -> Result<Vec<Assignment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ASSIGNMENT} ORDER BY node_id, role, position, id"
    ))?;
    let rows = stmt
        .query_map([], assignment_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A node's agencies (its roles in order).
pub(crate) fn assignments_of(conn: &Connection, node_id: i64) -> Result<Vec<Assignment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ASSIGNMENT} WHERE node_id = ?1 ORDER BY role, position, id"
    ))?;
    let rows = stmt
        .query_map([node_id], assignment_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn insert_agency(
    conn: &Connection,
    name: &str,
    short_name: &str,
    is_issuer: bool,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO agency (name, short_name, is_issuer, position)
         VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM agency))",
        params![name, short_name, is_issuer],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_unit(conn: &Connection, u: &Unit) -> Result<i64> {
    conn.execute(
        "INSERT INTO unit (code, name, short_name, kind, valid_from, valid_to, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            u.code,
            u.name,
            u.short_name,
            u.kind,
            u.valid_from,
            u.valid_to,
            u.position
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn assign(conn: &Connection, node_id: i64, agency_id: i64, role: Role) -> Result<i64> {
    conn.execute(
        "INSERT INTO assignment (node_id, agency_id, role, position)
         VALUES (?1, ?2, ?3,
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM assignment WHERE node_id = ?1 AND role = ?3))",
        params![node_id, agency_id, role.code()],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    pub fn agencies(&self) -> Result<Vec<Agency>> {
        self.read(agencies)
    }

    pub fn units(&self) -> Result<Vec<Unit>> {
        self.read(units)
    }

    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        self.read(assignments)
    }
}

impl Writer<'_> {
    pub fn agencies(&self) -> Result<Vec<Agency>> {
        agencies(self.conn())
    }

    pub fn units(&self) -> Result<Vec<Unit>> {
        units(self.conn())
    }
}
