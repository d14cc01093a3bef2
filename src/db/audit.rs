//! The audit log (操作日志): who changed what, when, before and after.
//! Every change bayu makes writes one entry in the same transaction as the
//! change itself, so the log and the data never disagree.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::error::Result;
use super::{Store, Writer};

/// An entry to record.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// What was done: `init`, `create`, `update`, `delete`, `import`, `undo` …
    pub op: String,
    /// What it was done to: `plan`, `node`, `milestone`, `report` …
    pub entity: String,
    pub entity_id: Option<i64>,
    /// One sentence for people reading the log.
    pub summary: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub id: i64,
    /// Local time with offset, RFC 3339.
    pub at: String,
    pub os_user: String,
    pub op: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub summary: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub undo_of: Option<i64>,
    pub undone_by: Option<i64>,
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub user: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: Option<usize>,
}

pub(crate) fn record(
    conn: &Connection,
    user: &str,
    e: &AuditEntry,
    undo_of: Option<i64>,
) -> Result<i64> {
    let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    conn.prepare_cached(
        "INSERT INTO audit (at, os_user, op, entity, entity_id, summary, before, after, undo_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        at,
        user,
        e.op,
        e.entity,
        e.entity_id,
        e.summary,
        e.before.as_ref().map(|v| v.to_string()),
        e.after.as_ref().map(|v| v.to_string()),
        undo_of,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The columns of an entry, for `a.*` of a query over `audit a`, in the
/// order [`from_row`] reads them.
pub(crate) const COLUMNS: &str = "a.id, a.at, a.os_user, a.op, a.entity, a.entity_id, a.summary, a.before, a.after, a.undo_of, a.undone_by";

/// An entry from a row of [`COLUMNS`].
pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRecord> {
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

pub(crate) fn list(conn: &Connection, f: &AuditFilter) -> Result<Vec<AuditRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}
         FROM audit a
         WHERE (?1 IS NULL OR os_user = ?1)
           AND (?2 IS NULL OR entity = ?2)
           AND (?3 IS NULL OR entity_id = ?3)
           AND (?4 IS NULL OR substr(at, 1, 10) >= ?4)
           AND (?5 IS NULL OR substr(at, 1, 10) <= ?5)
         ORDER BY id DESC
         LIMIT ?6"
    ))?;
    let limit = f.limit.map(|l| l as i64).unwrap_or(-1);
    let rows = stmt
        .query_map(
            params![f.user, f.entity, f.entity_id, f.since, f.until, limit],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl Store {
    /// Log entries, newest first.
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditRecord>> {
        self.read(|c| list(c, filter))
    }
}

impl Writer<'_> {
    /// Records an entry for the change being made in this transaction.
    pub fn audit(&self, entry: &AuditEntry) -> Result<i64> {
        record(self.conn(), self.user(), entry, None)
    }

    /// Records an entry that undoes entry `undoes` (its `undo_of`), and
    /// marks that entry as undone by it. The log is append-only: these two
    /// links are the only thing ever written to an existing entry.
    pub fn audit_undo(&self, entry: &AuditEntry, undoes: i64) -> Result<i64> {
        let id = record(self.conn(), self.user(), entry, Some(undoes))?;
        self.conn().execute(
            "UPDATE audit SET undone_by = ?2 WHERE id = ?1",
            params![undoes, id],
        )?;
        Ok(id)
    }
}
