//! Reading and writing outline nodes. A node's status, progress set by
//! hand and own dates come from its history (`db::history`): an outline is
//! read as of a day, and [`load`] reads the values in effect from now on.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::error::Result;
use super::history;
use super::{Store, Writer};
use crate::model::{History, Node, Outline};

const COLUMNS: &str = "id, parent_id, position, level, title, body, reportable, version";

fn node_from_row(r: &Row<'_>) -> rusqlite::Result<Node> {
    Ok(Node {
        id: r.get(0)?,
        parent: r.get(1)?,
        position: r.get(2)?,
        level: r.get(3)?,
        title: r.get(4)?,
        body: r.get(5)?,
        status: Default::default(),
        status_reason: None,
        start: None,
        due: None,
        progress: None,
        reportable: r.get(6)?,
        version: r.get(7)?,
    })
}

/// One node by id, with the values in effect from now on.
pub(crate) fn node(conn: &Connection, id: i64) -> Result<Option<Node>> {
    let Some(mut n) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM node WHERE id = ?1"))?
        .query_row([id], node_from_row)
        .optional()?
    else {
        return Ok(None);
    };
    let v = crate::model::history::in_effect(&history::of_node(conn, id)?, NaiveDate::MAX);
    n.status = v.status;
    n.status_reason = v.reason;
    n.progress = v.progress;
    n.start = v.start;
    n.due = v.due;
    Ok(Some(n))
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

/// The outline with the values in effect on `day`.
pub(crate) fn load_at(conn: &Connection, day: NaiveDate) -> Result<Outline> {
    let history = History::new(history::all(conn)?);
    load_with(conn, &history, day)
}

/// The outline with the values `history` holds in effect on `day`.
pub(crate) fn load_with(conn: &Connection, history: &History, day: NaiveDate) -> Result<Outline> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM node"))?;
    let mut nodes = stmt
        .query_map([], node_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for n in &mut nodes {
        let v = history.at(n.id, day);
        n.status = v.status;
        n.status_reason = v.reason;
        n.progress = v.progress;
        n.start = v.start;
        n.due = v.due;
    }
    Ok(Outline::new(nodes))
}

/// The outline with the values in effect from now on (the latest entries).
pub(crate) fn load(conn: &Connection) -> Result<Outline> {
    load_at(conn, NaiveDate::MAX)
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
    /// The whole outline (a few hundred nodes at most) with the values in
    /// effect from now on: the latest of each task's history.
    pub fn outline(&self) -> Result<Outline> {
        self.read(load)
    }

    /// The outline with each task's status, progress and dates as they
    /// were in effect on `day`.
    pub fn outline_at(&self, day: NaiveDate) -> Result<Outline> {
        self.read(|c| load_at(c, day))
    }

    /// The outline with the values `history` (read with
    /// [`Store::history`]) holds in effect on `day`.
    pub fn outline_from(&self, history: &History, day: NaiveDate) -> Result<Outline> {
        self.read(|c| load_with(c, history, day))
    }
}

impl Writer<'_> {
    pub fn outline(&self) -> Result<Outline> {
        load(self.conn())
    }
}
