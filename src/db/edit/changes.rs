//! Row images: every audited change records, as JSON, each row it touched
//! as it was before and as it is after (all columns, every table touched —
//! a delete records every row that went with it). Undo and redo are then
//! one generic operation: check that the rows still equal one side, and
//! write the other side back.
//!
//! Stored form, in `audit.before` / `audit.after`:
//! `{"rows": {"node": [{"id": 7, "title": "…", …}], "milestone": […]}}`.
//! A row present on one side only was inserted or deleted.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde_json::{Map, Value};

use super::error::{EditError, EditResult};
use crate::db::AuditRecord;

/// Tables whose rows operations change, parents before children.
pub(crate) const TABLES: &[&str] = &[
    "plan",
    "import_batch",
    "agency",
    "unit",
    "node",
    "node_history",
    "assignment",
    "milestone",
    "indicator",
    "report",
    "report_value",
];

pub(crate) type Row = Map<String, Value>;

/// (index in [`TABLES`], row id).
pub(crate) type Key = (usize, i64);

pub(crate) fn table_index(table: &str) -> EditResult<usize> {
    TABLES.iter().position(|t| *t == table).ok_or_else(|| {
        EditError::refused(
            format!("the log names a table \"{table}\" that bayu does not edit"),
            format!("操作日志中的表“{table}”不可编辑"),
        )
    })
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Array(b.iter().map(|&x| Value::from(x)).collect()),
    }
}

fn sql_of(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => n.as_f64().map_or(SqlValue::Null, SqlValue::Real),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(a) => {
            let bytes: Option<Vec<u8>> = a
                .iter()
                .map(|x| x.as_u64().and_then(|u| u8::try_from(u).ok()))
                .collect();
            bytes.map_or_else(|| SqlValue::Text(v.to_string()), SqlValue::Blob)
        }
        Value::Object(_) => SqlValue::Text(v.to_string()),
    }
}

/// One row of a table as JSON, all columns.
pub(crate) fn read_row(conn: &Connection, table: usize, id: i64) -> EditResult<Option<Row>> {
    let name = TABLES[table];
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {name} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let row = stmt
        .query_row([id], |r| {
            let mut m = Map::new();
            for (i, n) in names.iter().enumerate() {
                m.insert(n.clone(), json_of(r.get_ref(i)?));
            }
            Ok(m)
        })
        .optional()?;
    Ok(row)
}

/// Ids of the rows of `table` that match `where_sql`.
pub(crate) fn ids_where(
    conn: &Connection,
    table: &str,
    where_sql: &str,
    params: &[i64],
) -> EditResult<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id FROM {table} WHERE {where_sql} ORDER BY id"
    ))?;
    let ids = stmt
        .query_map(params_from_iter(params.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// Rows keyed by table and id.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Images {
    pub rows: BTreeMap<Key, Row>,
}

impl Images {
    pub fn to_json(&self) -> Value {
        let mut tables = Map::new();
        for ((t, _), row) in &self.rows {
            let list = tables
                .entry(TABLES[*t].to_string())
                .or_insert_with(|| Value::Array(vec![]));
            if let Value::Array(a) = list {
                a.push(Value::Object(row.clone()));
            }
        }
        let mut top = Map::new();
        top.insert("rows".into(), Value::Object(tables));
        Value::Object(top)
    }

    /// Reads the stored form; `None` when `text` holds no row images.
    pub fn from_json(text: Option<&str>) -> EditResult<Option<Images>> {
        let Some(text) = text else { return Ok(None) };
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return Ok(None);
        };
        let Some(tables) = v.get("rows").and_then(Value::as_object) else {
            return Ok(None);
        };
        let mut rows = BTreeMap::new();
        for (name, list) in tables {
            let t = table_index(name)?;
            for row in list.as_array().into_iter().flatten() {
                let (Some(obj), Some(id)) =
                    (row.as_object(), row.get("id").and_then(Value::as_i64))
                else {
                    return Err(EditError::refused(
                        format!("a row image of {name} in the log has no id"),
                        format!("操作日志中{name}的行映像缺少id"),
                    ));
                };
                rows.insert((t, id), obj.clone());
            }
        }
        Ok(Some(Images { rows }))
    }
}

/// What a change did: the rows it touched, before and after.
#[derive(Debug, Clone, Default)]
pub(crate) struct Change {
    pub before: Images,
    pub after: Images,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.before.rows.is_empty() && self.after.rows.is_empty()
    }
}

/// Collects the rows an operation touches: call [`Tracker::track`] before
/// changing a row (or [`Tracker::inserted`] after inserting one), then
/// [`Tracker::finish`] to read them again.
#[derive(Debug, Default)]
pub(crate) struct Tracker {
    before: BTreeMap<Key, Option<Row>>,
}

impl Tracker {
    pub fn track(&mut self, conn: &Connection, table: &str, id: i64) -> EditResult<()> {
        let t = table_index(table)?;
        if let std::collections::btree_map::Entry::Vacant(slot) = self.before.entry((t, id)) {
            slot.insert(read_row(conn, t, id)?);
        }
        Ok(())
    }

    pub fn track_all(&mut self, conn: &Connection, table: &str, ids: &[i64]) -> EditResult<()> {
        for id in ids {
            self.track(conn, table, *id)?;
        }
        Ok(())
    }

    pub fn inserted(&mut self, table: &str, id: i64) -> EditResult<()> {
        let t = table_index(table)?;
        self.before.entry((t, id)).or_insert(None);
        Ok(())
    }

    /// Reads every tracked row again; rows that did not change are left out.
    pub fn finish(self, conn: &Connection) -> EditResult<Change> {
        let mut change = Change::default();
        for (key, before) in self.before {
            let after = read_row(conn, key.0, key.1)?;
            if before == after {
                continue;
            }
            if let Some(b) = before {
                change.before.rows.insert(key, b);
            }
            if let Some(a) = after {
                change.after.rows.insert(key, a);
            }
        }
        Ok(change)
    }
}

/// A foreign key: `table.column` points at `parent.id`.
#[derive(Debug, Clone)]
pub(crate) struct ForeignKey {
    pub table: String,
    pub column: String,
    pub parent: String,
}

/// Every foreign key of the schema, read from SQLite itself so that a
/// table added later is covered too.
pub(crate) fn foreign_keys(conn: &Connection) -> EditResult<Vec<ForeignKey>> {
    let mut tables = conn.prepare_cached(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )?;
    let names = tables
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for table in names {
        let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list(\"{table}\")"))?;
        let fks = stmt
            .query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (parent, column) in fks {
            out.push(ForeignKey {
                table: table.clone(),
                column,
                parent,
            });
        }
    }
    Ok(out)
}

/// Why a set of rows cannot be written back.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Obstacle {
    /// The row is not as the entry left it (`now` is `None` when deleted).
    Changed { key: Key, now: Option<Row> },
    /// Removing the row would take with it a row added since.
    Referenced { key: Key, table: String, id: i64 },
    /// The row belongs to a row that is gone.
    Orphaned { key: Key, parent: String, id: i64 },
    /// Writing the rows back would break the numbering of the siblings
    /// because of this node, added or moved under the same parent since.
    Crowded { node: i64 },
}

fn level_of(row: &Row) -> i64 {
    row.get("level").and_then(Value::as_i64).unwrap_or(0)
}

/// Checks that the database holds `from` exactly (rows absent from `from`
/// but present in `to` must be absent) and that writing `to` would neither
/// take other rows with it nor leave a row without its parent.
pub(crate) fn obstacles(
    conn: &Connection,
    from: &Images,
    to: &Images,
) -> EditResult<Vec<Obstacle>> {
    let mut out = Vec::new();
    let keys: BTreeSet<Key> = from.rows.keys().chain(to.rows.keys()).copied().collect();
    for key in &keys {
        let now = read_row(conn, key.0, key.1)?;
        let same = match (now.as_ref(), from.rows.get(key)) {
            // An image recorded before a column was added holds fewer
            // columns: the row must match it in those it holds.
            (Some(n), Some(f)) => f.iter().all(|(c, v)| n.get(c) == Some(v)),
            (None, None) => true,
            _ => false,
        };
        if !same {
            out.push(Obstacle::Changed { key: *key, now });
        }
    }
    if !out.is_empty() {
        return Ok(out);
    }
    let fks = foreign_keys(conn)?;
    let deleted: BTreeSet<Key> = from
        .rows
        .keys()
        .filter(|k| !to.rows.contains_key(k))
        .copied()
        .collect();
    for key in &deleted {
        for fk in fks.iter().filter(|f| f.parent == TABLES[key.0]) {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT rowid FROM \"{}\" WHERE \"{}\" = ?1",
                fk.table, fk.column
            ))?;
            let refs = stmt
                .query_map([key.1], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for id in refs {
                let going = table_index(&fk.table)
                    .map(|t| deleted.contains(&(t, id)))
                    .unwrap_or(false);
                if !going {
                    out.push(Obstacle::Referenced {
                        key: *key,
                        table: fk.table.clone(),
                        id,
                    });
                }
            }
        }
    }
    for (key, row) in &to.rows {
        for fk in fks.iter().filter(|f| f.table == TABLES[key.0]) {
            let Some(pid) = row.get(&fk.column).and_then(Value::as_i64) else {
                continue;
            };
            let Ok(pt) = table_index(&fk.parent) else {
                continue;
            };
            let pkey = (pt, pid);
            let there = to.rows.contains_key(&pkey)
                || (!deleted.contains(&pkey) && read_row(conn, pt, pid)?.is_some());
            if !there {
                out.push(Obstacle::Orphaned {
                    key: *key,
                    parent: fk.parent.clone(),
                    id: pid,
                });
            }
        }
    }
    Ok(out)
}

/// After [`apply`]: the siblings of every node written back must still be
/// numbered 1..n. A node that is not among the rows written back and
/// breaks that (one added since under the same parent) is named.
pub(crate) fn numbering_obstacles(
    conn: &Connection,
    from: &Images,
    to: &Images,
) -> EditResult<Vec<Obstacle>> {
    let node = table_index("node")?;
    let mut parents: BTreeSet<Option<i64>> = BTreeSet::new();
    for ((t, _), row) in from.rows.iter().chain(to.rows.iter()) {
        if *t == node {
            parents.insert(row.get("parent_id").and_then(Value::as_i64));
        }
    }
    let mut out = Vec::new();
    for parent in parents {
        let mut stmt = conn.prepare_cached(
            "SELECT id, position FROM node WHERE parent_id IS ?1 ORDER BY position, id",
        )?;
        let kids = stmt
            .query_map([parent], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let broken = kids
            .iter()
            .enumerate()
            .any(|(i, (_, pos))| *pos != i as i64 + 1);
        if broken {
            let untracked = kids.iter().find(|(id, _)| {
                !from.rows.contains_key(&(node, *id)) && !to.rows.contains_key(&(node, *id))
            });
            if let Some((id, _)) = untracked {
                out.push(Obstacle::Crowded { node: *id });
            }
        }
    }
    Ok(out)
}

/// A column an entry's images hold that its table no longer has, and
/// whose value the entry changed or a row it added or removed carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GoneColumn {
    pub table: &'static str,
    pub column: String,
}

/// Fits the images of an entry recorded under an older schema to the
/// tables as they are: columns a table no longer has are dropped when the
/// entry left them as they were (the same value on both sides of a row
/// both sides hold); otherwise writing the images back could not restore
/// what the entry changed, and the column is named. Columns added since
/// are absent from old images and left as they are.
pub(crate) fn fit(
    conn: &Connection,
    before: Images,
    after: Images,
) -> EditResult<Result<(Images, Images), GoneColumn>> {
    let mut known: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (t, _) in before.rows.keys().chain(after.rows.keys()) {
        if let std::collections::btree_map::Entry::Vacant(slot) = known.entry(*t) {
            slot.insert(columns(conn, TABLES[*t])?);
        }
    }
    let keys: BTreeSet<Key> = before
        .rows
        .keys()
        .chain(after.rows.keys())
        .copied()
        .collect();
    for key in &keys {
        let cols = &known[&key.0];
        let (b, a) = (before.rows.get(key), after.rows.get(key));
        for side in [b, a].into_iter().flatten() {
            for (c, v) in side {
                if cols.contains(c) {
                    continue;
                }
                let kept = match (b, a) {
                    (Some(b), Some(a)) => b.get(c) == a.get(c),
                    _ => v.is_null(),
                };
                if !kept {
                    return Ok(Err(GoneColumn {
                        table: TABLES[key.0],
                        column: c.clone(),
                    }));
                }
            }
        }
    }
    let strip = |images: Images| Images {
        rows: images
            .rows
            .into_iter()
            .map(|(key, row)| {
                let cols = &known[&key.0];
                let row: Row = row.into_iter().filter(|(c, _)| cols.contains(c)).collect();
                (key, row)
            })
            .collect(),
    };
    Ok(Ok((strip(before), strip(after))))
}

fn columns(conn: &Connection, table: &str) -> EditResult<BTreeSet<String>> {
    let mut stmt = conn.prepare_cached(&format!("PRAGMA table_info({table})"))?;
    let cols = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<BTreeSet<_>>>()?;
    Ok(cols)
}

fn checked_columns<'r>(
    conn: &Connection,
    table: &str,
    row: &'r Row,
) -> EditResult<Vec<(&'r String, &'r Value)>> {
    let known = columns(conn, table)?;
    row.iter()
        .map(|(c, v)| {
            if known.contains(c) {
                Ok((c, v))
            } else {
                Err(EditError::refused(
                    format!("the log's image of a {table} row has a column \"{c}\" the table does not have"),
                    format!("操作日志中{table}行映像的列“{c}”不存在"),
                ))
            }
        })
        .collect()
}

/// Writes `to` over `from` (which [`obstacles`] found in place): deletes
/// children first, then updates, then inserts parents first.
pub(crate) fn apply(conn: &Connection, from: &Images, to: &Images) -> EditResult<()> {
    let mut deletes: Vec<(&Key, &Row)> = from
        .rows
        .iter()
        .filter(|(k, _)| !to.rows.contains_key(k))
        .collect();
    deletes.sort_by_key(|(k, r)| (std::cmp::Reverse(k.0), std::cmp::Reverse(level_of(r))));
    for (key, _) in deletes {
        conn.execute(
            &format!("DELETE FROM {} WHERE id = ?1", TABLES[key.0]),
            [key.1],
        )?;
    }
    for (key, row) in to.rows.iter().filter(|(k, _)| from.rows.contains_key(k)) {
        let table = TABLES[key.0];
        let cols = checked_columns(conn, table, row)?;
        let set = cols
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("\"{c}\" = ?{}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let mut values = vec![SqlValue::Integer(key.1)];
        values.extend(cols.iter().map(|(_, v)| sql_of(v)));
        conn.execute(
            &format!("UPDATE {table} SET {set} WHERE id = ?1"),
            params_from_iter(values),
        )?;
    }
    let mut inserts: Vec<(&Key, &Row)> = to
        .rows
        .iter()
        .filter(|(k, _)| !from.rows.contains_key(k))
        .collect();
    inserts.sort_by_key(|(k, r)| (k.0, level_of(r), k.1));
    for (key, row) in inserts {
        let table = TABLES[key.0];
        let cols = checked_columns(conn, table, row)?;
        let names = cols
            .iter()
            .map(|(c, _)| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let marks = (1..=cols.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        conn.execute(
            &format!("INSERT INTO {table} ({names}) VALUES ({marks})"),
            params_from_iter(cols.iter().map(|(_, v)| sql_of(v))),
        )?;
    }
    Ok(())
}

pub(crate) fn audit_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        id: r.get(0)?,
        at: r.get(1)?,
        os_user: r.get(2)?,
        op: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        summary: r.get(6)?,
        before: r.get(7)?,
        after: r.get(8)?,
        undo_of: r.get(9)?,
        undone_by: r.get(10)?,
    })
}

pub(crate) const AUDIT_COLUMNS: &str = "a.id, a.at, a.os_user, a.op, a.entity, a.entity_id, a.summary, a.before, a.after, a.undo_of, a.undone_by";

/// The newest log entry after `after_entry` whose row images hold the row
/// `table`/`id`: who last changed it. For a report an import added, the
/// import's entry.
pub(crate) fn last_touch(
    conn: &Connection,
    table: &str,
    id: i64,
    after_entry: i64,
) -> EditResult<Option<AuditRecord>> {
    table_index(table)?;
    let sql = format!(
        "SELECT {AUDIT_COLUMNS} FROM audit a
         WHERE a.id > ?1 AND (
           EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(a.after) THEN a.after END, '$.rows.{table}') j
                   WHERE json_extract(j.value, '$.id') = ?2)
           OR EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(a.before) THEN a.before END, '$.rows.{table}') j
                   WHERE json_extract(j.value, '$.id') = ?2))
         ORDER BY a.id DESC LIMIT 1"
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params![after_entry, id], audit_from_row)
        .optional()?;
    if found.is_some() || table != "report" {
        return Ok(found);
    }
    let batch: Option<i64> = conn
        .query_row("SELECT batch_id FROM report WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    let Some(batch) = batch else { return Ok(None) };
    let entry = conn
        .prepare_cached(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit a
             WHERE a.op = 'import' AND a.entity = 'import_batch' AND a.entity_id = ?1 AND a.id > ?2
             ORDER BY a.id DESC LIMIT 1"
        ))?
        .query_row(rusqlite::params![batch, after_entry], audit_from_row)
        .optional()?;
    Ok(entry)
}
