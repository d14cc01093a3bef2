//! Saving a whole form in one go. The console's task form holds a node's
//! title, body, status (with its reason), dates, progress and agencies; its
//! unit form a unit's names and end date. Saving either is one operation:
//! one IMMEDIATE transaction, one version check, one audit entry (so one
//! `u` takes it back), with the same rules as the single-field operations
//! the command line uses.

use chrono::NaiveDate;
use rusqlite::params;

use super::changes::Tracker;
use super::directory::{apply_agencies, end_not_before_start, names, unit_name_free};
use super::error::{EditResult, Field};
use super::history::{change_words, effective_date, set_from};
use super::nodes::checked;
use super::record;
use super::{Outcome, commit, kind_words, validate};
use crate::db::Store;
use crate::model::dates::format_iso;
use crate::model::{HistoryValue, Status, Unit};

/// Everything the task form edits. The status, the dates and the progress
/// are recorded effective `on` when the form changed them (`Some`), and
/// left as they stand otherwise (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeEdit {
    pub title: String,
    pub body: String,
    /// A status and the reason kept with it (required for 滞后 and 暂停).
    pub status: Option<(Status, Option<String>)>,
    /// The task's own start and due dates.
    pub dates: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
    /// Progress set by hand; `Some(None)`: derived again.
    pub progress: Option<Option<u8>>,
    /// Lead agencies (牵头), in order.
    pub lead: Vec<i64>,
    /// Supporting agencies (配合), in order.
    pub support: Vec<i64>,
    /// The day the changed status, dates or progress take effect (生效日期).
    pub on: NaiveDate,
}

/// Everything the unit form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitEdit {
    pub name: String,
    /// The full name when empty.
    pub short_name: String,
    /// The last day the unit existed (after an administrative change).
    pub end: Option<NaiveDate>,
}

impl Store {
    /// Saves the task form: every field of a node and its agencies, in one
    /// transaction and one log entry.
    pub(in crate::db) fn save_node(
        &mut self,
        id: i64,
        expected: i64,
        edit: &NodeEdit,
    ) -> EditResult<Outcome> {
        let title = validate::line(Field::Title, &edit.title)?;
        let body = validate::text(Field::Body, &edit.body, false)?;
        let status = match &edit.status {
            Some((status, reason)) => Some(HistoryValue::Status {
                status: *status,
                reason: validate::status_reason(*status, reason.as_deref())?,
            }),
            None => None,
        };
        if let Some((start, due)) = edit.dates {
            validate::date_order(start, due)?;
        }
        if let Some(Some(p)) = edit.progress {
            validate::progress_value(f64::from(p))?;
        }
        let dated: Vec<HistoryValue> = status
            .into_iter()
            .chain(
                edit.dates
                    .map(|(start, due)| HistoryValue::Dates { start, due }),
            )
            .chain(edit.progress.map(HistoryValue::Progress))
            .collect();
        self.edit("editing a task", |w| {
            let (outline, node) = checked(w, id, expected)?;
            let mut t = Tracker::default();
            t.track(w.conn(), "node", id)?;
            let agencies = apply_agencies(w, &mut t, id, &edit.lead, &edit.support)?;
            let mut parts = Vec::new();
            if node.title != title {
                parts.push(format!("更名为「{title}」"));
            }
            if node.body != body {
                parts.push("修改正文".to_string());
            }
            let on = effective_date(edit.on)?;
            let mut changes = Vec::new();
            for value in &dated {
                if let Some(before) = set_from(w, &mut t, id, on, value)? {
                    changes.push(change_words(&before, value));
                }
            }
            if !changes.is_empty() {
                parts.push(format!("{}（自{}起）", changes.join("，"), format_iso(on)));
            }
            if let Some(list) = agencies {
                parts.push(format!("责任单位：{list}"));
            }
            if parts.is_empty() {
                return Ok(Outcome::unchanged(id));
            }
            w.conn().execute(
                "UPDATE node SET title = ?2, body = ?3, version = version + 1 WHERE id = ?1",
                params![id, title, body],
            )?;
            let summary = format!(
                "{}{}「{}」：{}",
                kind_words(node.level).1,
                outline.code(id),
                node.title,
                parts.join("；")
            );
            commit(w, t, "update", "node", id, summary)
        })
    }

    /// Saves the unit form: names and end date, in one transaction and one
    /// log entry. The unit keeps its reports whatever changes.
    pub(in crate::db) fn save_unit(
        &mut self,
        id: i64,
        expected: i64,
        edit: &UnitEdit,
    ) -> EditResult<Outcome> {
        let (name, short) = names(&edit.name, &edit.short_name)?;
        self.edit("editing a unit", |w| {
            let u = record::checked::<Unit>(w, id, expected)?;
            end_not_before_start(&u, edit.end)?;
            if u.name == name && u.short_name == short && u.valid_to == edit.end {
                return Ok(Outcome::unchanged(id));
            }
            unit_name_free(w, id, &name)?;
            let mut parts = Vec::new();
            if u.name != name || u.short_name != short {
                parts.push(format!("更名为「{name}」（简称{short}）"));
            }
            if u.valid_to != edit.end {
                parts.push(match edit.end {
                    Some(d) => format!("终止于{}", format_iso(d)),
                    None => "取消终止日期".to_string(),
                });
            }
            let mut t = Tracker::default();
            t.track(w.conn(), "unit", id)?;
            w.conn().execute(
                "UPDATE unit SET name = ?2, short_name = ?3, valid_to = ?4, version = version + 1
                 WHERE id = ?1",
                params![id, name, short, edit.end],
            )?;
            let summary = format!("单位「{}」：{}", u.name, parts.join("；"));
            commit(w, t, "update", "unit", id, summary)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::AuditFilter;
    use crate::db::edit::Record;
    use crate::db::edit::tests::{d, dump, office};
    use crate::model::Role;

    fn node_edit(store: &Store, id: i64) -> (i64, NodeEdit) {
        let n = store.outline().unwrap().get(id).cloned().unwrap();
        let roles = |role: Role| {
            store
                .assignments()
                .unwrap()
                .into_iter()
                .filter(|a| a.node_id == id && a.role == role)
                .map(|a| a.agency_id)
                .collect()
        };
        let edit = NodeEdit {
            title: n.title.clone(),
            body: n.body.clone(),
            status: None,
            dates: None,
            progress: None,
            lead: roles(Role::Lead),
            support: roles(Role::Support),
            on: d(2021, 12, 31),
        };
        (n.version, edit)
    }

    #[test]
    fn a_whole_task_form_is_one_entry_and_one_undo() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, ids) = office(&dir.path().join("a.db"));
        let before = dump(&store);
        let (version, mut edit) = node_edit(&store, ids.task);
        edit.title = "提高政治站位（修订）".into();
        edit.status = Some((Status::Late, Some("经费未到位".into())));
        edit.dates = Some((None, Some(d(2021, 12, 31))));
        edit.progress = Some(Some(40));
        edit.lead = vec![ids.kexie];
        edit.support = vec![ids.fulian];
        let out = store.save_node(ids.task, version, &edit).unwrap();
        assert!(out.changed());
        assert!(
            out.summary.contains("更名为「提高政治站位（修订）」")
                && out.summary.contains("→滞后（经费未到位）")
                && out.summary.contains("进度：自动→40%")
                && out.summary.contains("牵头 市科协；配合 市妇联"),
            "{}",
            out.summary
        );
        let log = store.audit_log(&AuditFilter::default()).unwrap();
        assert_eq!(log[0].id, out.entry.unwrap());
        let (v2, saved) = node_edit(&store, ids.task);
        assert_eq!(v2, version + 1, "one version step for the whole form");
        assert_eq!(
            (saved.title, saved.lead),
            (edit.title.clone(), edit.lead.clone())
        );
        let n = store.outline_at(d(2021, 12, 31)).unwrap();
        let n = n.get(ids.task).unwrap();
        assert_eq!(
            (n.status, n.status_reason.as_deref(), n.due, n.progress),
            (
                Status::Late,
                Some("经费未到位"),
                Some(d(2021, 12, 31)),
                Some(40)
            )
        );
        // In effect from the form's date of effect, not before it.
        let before_on = store.outline_at(d(2021, 12, 30)).unwrap();
        assert_eq!(before_on.get(ids.task).unwrap().status, Status::NotStarted);
        // The same values again change nothing.
        assert!(!store.save_node(ids.task, v2, &edit).unwrap().changed());
        store.undo().unwrap();
        assert_eq!(dump(&store), before, "one undo takes the whole form back");
    }

    #[test]
    fn a_task_form_is_checked_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, ids) = office(&dir.path().join("a.db"));
        let before = dump(&store);
        let (version, mut edit) = node_edit(&store, ids.task);
        edit.status = Some((Status::Paused, None));
        let e = store.save_node(ids.task, version, &edit).unwrap_err();
        assert_eq!(e.field(), Some(Field::Reason));
        edit.status = Some((Status::Paused, Some("待定".into())));
        edit.lead = vec![ids.fulian];
        edit.support = vec![ids.fulian];
        let e = store.save_node(ids.task, version, &edit).unwrap_err();
        assert_eq!(e.field(), Some(Field::Support));
        assert_eq!(dump(&store), before);
        // A stale version is a conflict carrying the whole form.
        let e = store.save_node(ids.task, version - 1, &edit).unwrap_err();
        let c = e.conflict().unwrap();
        assert_eq!(c.expected, version - 1);
        assert!(matches!(&c.stored, Some(Record::Node(n)) if n.node.version == version));
    }

    #[test]
    fn a_unit_form_renames_and_ends_in_one_entry() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, ids) = office(&dir.path().join("a.db"));
        let before = dump(&store);
        let u = store
            .units()
            .unwrap()
            .into_iter()
            .find(|u| u.id == ids.unit)
            .unwrap();
        let edit = UnitEdit {
            name: "渝中区（新）".into(),
            short_name: "渝中".into(),
            end: Some(d(2025, 6, 30)),
        };
        let out = store.save_unit(ids.unit, u.version, &edit).unwrap();
        assert_eq!(
            out.summary,
            "单位「渝中区」：更名为「渝中区（新）」（简称渝中）；终止于2025-06-30"
        );
        let e = store
            .save_unit(
                ids.unit2,
                1,
                &UnitEdit {
                    name: "渝中区（新）".into(),
                    short_name: String::new(),
                    end: None,
                },
            )
            .unwrap_err();
        assert_eq!(e.field(), Some(Field::Name));
        store.undo().unwrap();
        assert_eq!(dump(&store), before);
    }
}
