//! Import batches: every spreadsheet import is one batch, recorded with its
//! file name and hash, and can be taken back as a whole — unless someone
//! has since built on what it added.
//!
//! Contract with the audit log: an import writes one entry with
//! `op = "import"`, `entity = "import_batch"`, `entity_id = batch id`, and
//! `after = {"file", "sha256", "added", "skipped", "superseded": [ids]}`
//! where `superseded` lists the reports that the batch's re-submissions
//! replaced. [`Writer::undo_import`] reverses exactly that.

use rusqlite::{OptionalExtension, params};

use super::error::{Result, StoreError};
use super::{Store, Writer};

/// A recorded import.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub imported_at: String,
    pub os_user: String,
    pub rows_added: u32,
    pub rows_skipped: u32,
}

/// What undoing an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UndoneImport {
    pub removed: usize,
    pub restored: usize,
}

impl Writer<'_> {
    /// Records a batch; its reports then carry its id.
    pub fn insert_batch(&self, file_name: &str, sha256: &str) -> Result<i64> {
        let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        self.conn().execute(
            "INSERT INTO import_batch (file_name, sha256, imported_at, os_user, rows_added, rows_skipped)
             VALUES (?1, ?2, ?3, ?4, 0, 0)",
            params![file_name, sha256, at, self.user()],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Sets a batch's final counts once its rows are in.
    pub fn finish_batch(&self, batch_id: i64, added: u32, skipped: u32) -> Result<()> {
        self.conn().execute(
            "UPDATE import_batch SET rows_added = ?2, rows_skipped = ?3 WHERE id = ?1",
            params![batch_id, added, skipped],
        )?;
        Ok(())
    }

    /// Takes back a whole import: removes the reports it added and makes
    /// current again the reports its re-submissions replaced. Refused when
    /// a report of the batch has since been replaced, reviewed or edited.
    pub fn undo_import(&self, batch_id: i64, superseded: &[i64]) -> Result<UndoneImport> {
        let conn = self.conn();
        let exists: Option<i64> = conn
            .query_row(
                "SELECT id FROM import_batch WHERE id = ?1",
                [batch_id],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(StoreError::Invalid(format!(
                "import batch {batch_id} does not exist (already undone?)"
            )));
        }
        let built_on: Option<(i64, bool)> = conn
            .query_row(
                "SELECT id, superseded FROM report
                 WHERE batch_id = ?1 AND (superseded = 1 OR version > 1) LIMIT 1",
                [batch_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((id, replaced)) = built_on {
            let what = if replaced {
                "has since been replaced by a newer revision"
            } else {
                "has since been reviewed or edited"
            };
            return Err(StoreError::Invalid(format!(
                "cannot undo import batch {batch_id}: its report {id} {what}"
            )));
        }
        let removed = conn.execute("DELETE FROM report WHERE batch_id = ?1", [batch_id])?;
        let mut restored = 0;
        for id in superseded {
            restored += conn.execute(
                "UPDATE report SET superseded = 0, version = version + 1 WHERE id = ?1 AND superseded = 1",
                [id],
            )?;
        }
        conn.execute("DELETE FROM import_batch WHERE id = ?1", [batch_id])?;
        Ok(UndoneImport { removed, restored })
    }
}

impl Store {
    /// Recorded imports, newest first.
    pub fn batches(&self) -> Result<Vec<Batch>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, file_name, sha256, imported_at, os_user, rows_added, rows_skipped
                 FROM import_batch ORDER BY id DESC",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(Batch {
                        id: r.get(0)?,
                        file_name: r.get(1)?,
                        sha256: r.get(2)?,
                        imported_at: r.get(3)?,
                        os_user: r.get(4)?,
                        rows_added: r.get(5)?,
                        rows_skipped: r.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::db::NewReport;
    use crate::db::reports::Added;
    use crate::model::Period;

    fn report(unit: i64, node: i64, text: &str, batch: Option<i64>) -> NewReport {
        NewReport {
            unit_id: unit,
            node_id: node,
            period: Period::quarter(2021, 4).unwrap(),
            reported_on: NaiveDate::from_ymd_opt(2021, 12, 20).unwrap(),
            author: "李芳".into(),
            body: text.into(),
            values: vec![],
            batch_id: batch,
        }
    }

    #[test]
    fn undoing_an_import_removes_its_reports_and_restores_replaced_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::db::tests::builtin(&dir.path().join("a.db"));
        let node = store.outline().unwrap().find_code("2.1.1").unwrap().id;
        let units: Vec<i64> = store.units().unwrap().iter().map(|u| u.id).collect();
        let old = store
            .write("t", |w| {
                w.add_report(&report(units[0], node, "原报送。", None))
            })
            .unwrap()
            .id();
        let (batch, superseded) = store
            .write("t", |w| {
                let b = w.insert_batch("渝中区.csv", "abc")?;
                let mut superseded = vec![];
                for (u, text) in [(units[0], "修改后的报送。"), (units[1], "新报送。")] {
                    if let Added::Revision { replaced, .. } =
                        w.add_report(&report(u, node, text, Some(b)))?
                    {
                        superseded.push(replaced);
                    }
                }
                w.finish_batch(b, 2, 0)?;
                Ok((b, superseded))
            })
            .unwrap();
        assert_eq!(superseded, vec![old]);
        assert_eq!(store.batches().unwrap()[0].rows_added, 2);
        let undone = store
            .write("t", |w| w.undo_import(batch, &superseded))
            .unwrap();
        assert_eq!(
            undone,
            UndoneImport {
                removed: 2,
                restored: 1
            }
        );
        assert_eq!(store.report_count().unwrap(), 1);
        assert_eq!(store.report(old).unwrap().unwrap().body, "原报送。");
        assert!(!store.report(old).unwrap().unwrap().superseded);
        assert!(store.batches().unwrap().is_empty());
        assert!(store.check().unwrap().ok());
        let again = store
            .write("t", |w| w.undo_import(batch, &superseded))
            .unwrap_err();
        assert!(again.to_string().contains("does not exist"), "{again}");
    }

    #[test]
    fn an_import_someone_built_on_is_not_undone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::db::tests::builtin(&dir.path().join("a.db"));
        let node = store.outline().unwrap().find_code("2.1.1").unwrap().id;
        let unit = store.units().unwrap()[0].id;
        let batch = store
            .write("t", |w| {
                let b = w.insert_batch("a.csv", "x")?;
                w.add_report(&report(unit, node, "导入的报送。", Some(b)))?;
                Ok(b)
            })
            .unwrap();
        store
            .write("t", |w| {
                w.add_report(&report(unit, node, "此后的修订。", None))
            })
            .unwrap();
        let err = store.write("t", |w| w.undo_import(batch, &[])).unwrap_err();
        assert!(
            err.to_string().contains("replaced by a newer revision"),
            "{err}"
        );
        assert_eq!(store.report_count().unwrap(), 1);
    }
}
