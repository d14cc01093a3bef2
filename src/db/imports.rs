//! What the spreadsheet import needs from the store beyond adding reports:
//! the current reports of the periods a sheet touches (so that a dry run
//! can say which rows would be new, re-submissions or duplicates without
//! writing), and undoing a whole import through its audit entry.
//!
//! The audit contract is the one in `batches.rs`: an import's entry has
//! `op = "import"`, `entity = "import_batch"`, `entity_id` = the batch, and
//! `after.superseded` lists the reports its re-submissions replaced.
//! Undoing records an `undo` entry whose `undo_of` is the import's entry,
//! and sets the import entry's `undone_by`.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::batches::UndoneImport;
use super::error::{Result, StoreError};
use super::{AuditEntry, Store, Writer};
use crate::model::Period;

/// The current report of a unit, node and period, as a dry run compares it.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentReport {
    pub id: i64,
    pub body: String,
    /// (indicator id, value), by indicator id.
    pub values: Vec<(i64, f64)>,
}

/// The audit entry that recorded an import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportEntry {
    pub audit_id: i64,
    pub batch_id: i64,
    pub superseded: Vec<i64>,
    pub undone_by: Option<i64>,
}

fn import_entry(conn: &rusqlite::Connection, batch_id: i64) -> Result<Option<ImportEntry>> {
    let row: Option<(i64, Option<String>, Option<i64>)> = conn
        .query_row(
            "SELECT id, after, undone_by FROM audit
             WHERE op = 'import' AND entity = 'import_batch' AND entity_id = ?1
             ORDER BY id DESC LIMIT 1",
            [batch_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((audit_id, after, undone_by)) = row else {
        return Ok(None);
    };
    let after: serde_json::Value = after
        .as_deref()
        .and_then(|a| serde_json::from_str(a).ok())
        .unwrap_or(serde_json::Value::Null);
    let superseded = match after.get("superseded").and_then(|s| s.as_array()) {
        Some(ids) => ids
            .iter()
            .map(|v| {
                v.as_i64().ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "the log entry {audit_id} of import batch {batch_id} lists a replaced report that is not an id ({v})"
                    ))
                })
            })
            .collect::<Result<Vec<_>>>()?,
        None => {
            return Err(StoreError::Invalid(format!(
                "the log entry {audit_id} of import batch {batch_id} does not say which reports it replaced; it cannot be undone safely"
            )));
        }
    };
    Ok(Some(ImportEntry {
        audit_id,
        batch_id,
        superseded,
        undone_by,
    }))
}

impl Store {
    /// Current reports of `period`, by (unit, node).
    pub fn current_reports_in(&self, period: Period) -> Result<HashMap<(i64, i64), CurrentReport>> {
        self.read(|c| {
            let mut out: HashMap<(i64, i64), CurrentReport> = HashMap::new();
            let mut by_id: HashMap<i64, (i64, i64)> = HashMap::new();
            let mut stmt = c.prepare_cached(
                "SELECT id, unit_id, node_id, body FROM report WHERE period = ?1 AND superseded = 0",
            )?;
            let rows = stmt.query_map([period.code()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
            for row in rows {
                let (id, unit, node, body) = row?;
                by_id.insert(id, (unit, node));
                out.insert(
                    (unit, node),
                    CurrentReport {
                        id,
                        body,
                        values: Vec::new(),
                    },
                );
            }
            let mut stmt = c.prepare_cached(
                "SELECT v.report_id, v.indicator_id, v.value FROM report_value v
                 JOIN report r ON r.id = v.report_id
                 WHERE r.period = ?1 AND r.superseded = 0
                 ORDER BY v.report_id, v.indicator_id",
            )?;
            let rows = stmt.query_map([period.code()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, f64>(2)?))
            })?;
            for row in rows {
                let (report, indicator, value) = row?;
                if let Some(current) = by_id.get(&report).and_then(|k| out.get_mut(k)) {
                    current.values.push((indicator, value));
                }
            }
            Ok(out)
        })
    }

    /// The audit entry of import batch `batch_id`, if it has one.
    pub fn import_entry(&self, batch_id: i64) -> Result<Option<ImportEntry>> {
        self.read(|c| import_entry(c, batch_id))
    }
}

impl Writer<'_> {
    /// Undoes a whole import as its audit entry describes it, and logs the
    /// undo against that entry.
    pub fn undo_logged_import(&self, batch_id: i64) -> Result<UndoneImport> {
        let entry = import_entry(self.conn(), batch_id)?;
        let Some(entry) = entry else {
            let exists: Option<i64> = self
                .conn()
                .query_row(
                    "SELECT id FROM import_batch WHERE id = ?1",
                    [batch_id],
                    |r| r.get(0),
                )
                .optional()?;
            return Err(StoreError::Invalid(match exists {
                Some(_) => format!(
                    "import batch {batch_id} has no log entry saying which reports it replaced; it cannot be undone safely"
                ),
                None => format!(
                    "import batch {batch_id} does not exist (`bayu import list` shows the imports)"
                ),
            }));
        };
        if let Some(by) = entry.undone_by {
            return Err(StoreError::Invalid(format!(
                "import batch {batch_id} was already undone (log entry {by})"
            )));
        }
        let undone = self.undo_import(batch_id, &entry.superseded)?;
        self.audit_undo(
            &AuditEntry {
            op: "undo".into(),
            entity: "import_batch".into(),
            entity_id: Some(batch_id),
            summary: format!(
                "undid import batch {batch_id}: removed {} reports, made {} replaced reports current again",
                undone.removed, undone.restored
            ),
            before: None,
            after: Some(serde_json::json!({
                "removed": undone.removed,
                "restored": undone.restored,
            })),
            },
            entry.audit_id,
        )?;
        Ok(undone)
    }
}
