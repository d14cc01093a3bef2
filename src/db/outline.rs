//! Reading and writing outline nodes.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::error::Result;
use super::{Store, Writer};
use crate::model::{Node, Outline, Status};

const COLUMNS: &str = "id, parent_id, position, level, title, body, status, status_reason,
                       start_date, due_date, progress, reportable, version";

fn node_from_row(r: &Row<'_>) -> rusqlite::Result<Node> {
    let status: String = r.get(6)?;
    Ok(Node {
        id: r.get(0)?,
        parent: r.get(1)?,
        position: r.get(2)?,
        level: r.get(3)?,
        title: r.get(4)?,
        body: r.get(5)?,
        status: Status::from_code(&status).unwrap_or(Status::NotStarted),
        status_reason: r.get(7)?,
        start: r.get(8)?,
        due: r.get(9)?,
        progress: r.get(10)?,
        reportable: r.get(11)?,
        version: r.get(12)?,
    })
}

/// One node by id.
pub(crate) fn node(conn: &Connection, id: i64) -> Result<Option<Node>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM node WHERE id = ?1"))?
        .query_row([id], node_from_row)
        .optional()?)
}

/// A node's dotted code (`2.1.1`: the positions from the top), read up
/// its ancestors by key.
pub(crate) fn code(conn: &Connection, id: i64) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE up(id, parent_id, position, depth) AS (
             SELECT id, parent_id, position, 0 FROM node WHERE id = ?1
             UNION ALL
             SELECT n.id, n.parent_id, n.position, up.depth + 1
             FROM node n JOIN up ON n.id = up.parent_id)
         SELECT position FROM up ORDER BY depth DESC",
    )?;
    let positions = stmt
        .query_map([id], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(positions
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join("."))
}

pub(crate) fn load(conn: &Connection) -> Result<Outline> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM node"))?;
    let nodes = stmt
        .query_map([], node_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Outline::new(nodes))
}

/// Fields of a new node.
#[derive(Debug, Clone)]
pub struct NewNode<'a> {
    pub parent: Option<i64>,
    pub position: u32,
    pub level: u8,
    pub title: &'a str,
    pub body: &'a str,
}

pub(crate) fn insert(conn: &Connection, n: &NewNode<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO node (parent_id, position, level, title, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![n.parent, n.position, n.level, n.title, n.body])?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// The whole outline (a few hundred nodes at most).
    pub fn outline(&self) -> Result<Outline> {
        self.read(load)
    }
}

impl Writer<'_> {
    pub fn outline(&self) -> Result<Outline> {
        load(self.conn())
    }
}
