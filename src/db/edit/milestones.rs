//! Milestones (时间节点) of a node: add, edit, mark done on a date,
//! reopen, delete.

use chrono::NaiveDate;
use rusqlite::params;

use rusqlite::Connection;

use super::changes::Tracker;
use super::error::{EditError, EditResult, Field};
use super::record::{Label, Versioned, checked};
use super::{Outcome, commit, validate};
use crate::db::error::Result;
use crate::db::outline::load;
use crate::db::records::{insert_milestone, milestone};
use crate::db::{Store, Writer};
use crate::model::Milestone;
use crate::model::dates::format_iso;

/// A milestone's title and due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneFields {
    pub title: String,
    pub due: NaiveDate,
}

impl Versioned for Milestone {
    const TABLE: &'static str = "milestone";
    const NOUN: (&'static str, &'static str) = ("milestone", "时间节点");

    fn get(conn: &Connection, id: i64) -> Result<Option<Milestone>> {
        milestone(conn, id)
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn label(&self, _: &Connection) -> Result<Label> {
        Ok(Label::new(
            format!("milestone {} 「{}」", self.id, self.title),
            format!("时间节点「{}」", self.title),
        ))
    }
}

fn where_is(w: &Writer<'_>, node_id: i64) -> EditResult<String> {
    let outline = load(w.conn())?;
    Ok(outline.code(node_id))
}

fn update(
    w: &Writer<'_>,
    id: i64,
    set: &str,
    values: &[&dyn rusqlite::ToSql],
    op: &str,
    summary: String,
) -> EditResult<Outcome> {
    let mut t = Tracker::default();
    t.track(w.conn(), "milestone", id)?;
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&id];
    all.extend_from_slice(values);
    w.conn().execute(
        &format!("UPDATE milestone SET {set}, version = version + 1 WHERE id = ?1"),
        all.as_slice(),
    )?;
    commit(w, t, op, "milestone", id, summary)
}

impl Store {
    /// Adds a milestone to a node.
    pub(in crate::db) fn add_milestone(
        &mut self,
        node_id: i64,
        fields: &MilestoneFields,
    ) -> EditResult<Outcome> {
        let title = validate::line(Field::Title, &fields.title)?;
        self.edit("adding a milestone", |w| {
            let outline = load(w.conn())?;
            let node = outline.get(node_id).ok_or_else(|| {
                EditError::not_found(
                    format!("there is no outline node {node_id}"),
                    format!("没有编号为{node_id}的任务"),
                )
            })?;
            let id = insert_milestone(w.conn(), node_id, &title, fields.due, None)?;
            let mut t = Tracker::default();
            t.inserted("milestone", id)?;
            let summary = format!(
                "新增时间节点「{title}」（{}「{}」，截止{}）",
                outline.code(node_id),
                node.title,
                format_iso(fields.due)
            );
            commit(w, t, "create", "milestone", id, summary)
        })
    }

    /// Changes a milestone's title and due date.
    pub(in crate::db) fn edit_milestone(
        &mut self,
        id: i64,
        expected: i64,
        fields: &MilestoneFields,
    ) -> EditResult<Outcome> {
        let title = validate::line(Field::Title, &fields.title)?;
        self.edit("editing a milestone", |w| {
            let m = checked::<Milestone>(w, id, expected)?;
            if m.title == title && m.due == fields.due {
                return Ok(Outcome::unchanged(id));
            }
            let summary = format!(
                "修改时间节点（{}）「{}」→「{title}」，截止{}→{}",
                where_is(w, m.node_id)?,
                m.title,
                format_iso(m.due),
                format_iso(fields.due)
            );
            update(
                w,
                id,
                "title = ?2, due_date = ?3",
                &[&title, &fields.due],
                "update",
                summary,
            )
        })
    }

    /// Marks a milestone done on `done`.
    pub(in crate::db) fn milestone_done(
        &mut self,
        id: i64,
        expected: i64,
        done: NaiveDate,
    ) -> EditResult<Outcome> {
        self.edit("marking a milestone done", |w| {
            let m = checked::<Milestone>(w, id, expected)?;
            if let Some(d) = m.done {
                return Err(EditError::refused(
                    format!(
                        "milestone {id} 「{}」 was already marked done on {}; reopen it first to change the date",
                        m.title,
                        format_iso(d)
                    ),
                    format!("时间节点「{}」已于{}完成；如需改日期请先重新打开", m.title, format_iso(d)),
                ));
            }
            let summary = format!(
                "时间节点（{}）「{}」标记完成，完成日期{}",
                where_is(w, m.node_id)?,
                m.title,
                format_iso(done)
            );
            update(w, id, "done_date = ?2", &[&done], "update", summary)
        })
    }

    /// Reopens a milestone marked done.
    pub(in crate::db) fn reopen_milestone(
        &mut self,
        id: i64,
        expected: i64,
    ) -> EditResult<Outcome> {
        self.edit("reopening a milestone", |w| {
            let m = checked::<Milestone>(w, id, expected)?;
            let Some(done) = m.done else {
                return Err(EditError::refused(
                    format!("milestone {id} 「{}」 is not marked done", m.title),
                    format!("时间节点「{}」尚未完成，无需重新打开", m.title),
                ));
            };
            let summary = format!(
                "时间节点（{}）「{}」重新打开（原完成日期{}）",
                where_is(w, m.node_id)?,
                m.title,
                format_iso(done)
            );
            update(w, id, "done_date = NULL", &[], "update", summary)
        })
    }

    /// Deletes a milestone.
    pub(in crate::db) fn delete_milestone(
        &mut self,
        id: i64,
        expected: i64,
    ) -> EditResult<Outcome> {
        self.edit("deleting a milestone", |w| {
            let m = checked::<Milestone>(w, id, expected)?;
            let mut t = Tracker::default();
            t.track(w.conn(), "milestone", id)?;
            let summary = format!("删除时间节点（{}）「{}」", where_is(w, m.node_id)?, m.title);
            w.conn()
                .execute("DELETE FROM milestone WHERE id = ?1", params![id])?;
            commit(w, t, "delete", "milestone", id, summary)
        })
    }
}
