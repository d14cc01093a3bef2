//! Decisions of a meeting (议定事项): add, edit and delete one (text,
//! responsible agency, supporting agencies, the task it is about,
//! deadline), mark one done on a date with a note, reopen it. Audited and
//! undoable like every record.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde_json::Value;

use super::changes::{Row, Tracker, ids_where};
use super::error::{EditError, EditResult, Field};
use super::meetings::{agency_names, excerpt, list, meeting_of, not_before_meeting, sync_agencies};
use super::record::{Label, Versioned, checked};
use super::{Outcome, commit, validate};
use crate::db::Store;
use crate::db::Writer;
use crate::db::error::Result;
use crate::db::meetings::decision;
use crate::db::outline::{code, node};
use crate::model::dates::format_iso;
use crate::model::{Decision, Meeting};

/// What the decision form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionFields {
    pub text: String,
    /// The responsible agency (责任单位).
    pub agency: i64,
    /// Supporting agencies (配合单位), in order.
    pub support: Vec<i64>,
    /// The task it is about, if any.
    pub node: Option<i64>,
    /// The deadline (完成时限).
    pub due: NaiveDate,
}

impl Versioned for Decision {
    const TABLE: &'static str = "decision";
    const NOUN: (&'static str, &'static str) = ("decision", "议定事项");
    const NAMED_BY: Option<&'static str> = Some("text");

    fn get(conn: &Connection, id: i64) -> Result<Option<Decision>> {
        decision(conn, id)
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn label(&self, _: &Connection) -> Result<Label> {
        let text = excerpt(&self.text);
        Ok(Label::new(
            format!("decision {} 「{text}」", self.id),
            format!("议定事项{}「{text}」", self.id),
        ))
    }

    fn image_label(row: &Row, _: &Connection) -> Label {
        let id = row.get("id").and_then(Value::as_i64).unwrap_or(0);
        let text = excerpt(row.get("text").and_then(Value::as_str).unwrap_or(""));
        Label::new(
            format!("decision {id} 「{text}」"),
            format!("议定事项{id}「{text}」"),
        )
    }
}

/// Checks a decision's fields against the data: the agencies exist, the
/// responsible one does not also support, the task exists, the deadline
/// is not before the meeting. Returns the short names for the log.
fn check_decision(
    w: &Writer<'_>,
    m: &Meeting,
    f: &DecisionFields,
) -> EditResult<(String, Vec<String>)> {
    let lead = agency_names(w, Field::Agency, &[f.agency])?
        .pop()
        .unwrap_or_default();
    let support = agency_names(w, Field::Support, &f.support)?;
    if f.support.contains(&f.agency) {
        return Err(EditError::invalid(
            Field::Support,
            format!(
                "{}: {lead} is already the responsible agency",
                Field::Support.en()
            ),
            format!("{}：{lead}已是责任单位", Field::Support.zh()),
        ));
    }
    if let Some(n) = f.node
        && node(w.conn(), n)?.is_none()
    {
        return Err(EditError::invalid(
            Field::Task,
            format!("task: there is no outline node {n}"),
            format!("任务：没有编号为{n}的任务"),
        ));
    }
    not_before_meeting(Field::Deadline, f.due, m)?;
    Ok((lead, support))
}

fn update_decision(
    w: &Writer<'_>,
    id: i64,
    set: &str,
    values: &[&dyn rusqlite::ToSql],
    summary: String,
) -> EditResult<Outcome> {
    let mut t = Tracker::default();
    t.track(w.conn(), "decision", id)?;
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&id];
    all.extend_from_slice(values);
    w.conn().execute(
        &format!("UPDATE decision SET {set}, version = version + 1 WHERE id = ?1"),
        all.as_slice(),
    )?;
    commit(w, t, "update", "decision", id, summary)
}

impl Store {
    /// Records a decision of a meeting.
    pub(in crate::db) fn add_decision(
        &mut self,
        meeting_id: i64,
        f: &DecisionFields,
    ) -> EditResult<Outcome> {
        let text = validate::text(Field::Text, &f.text, true)?;
        self.edit("adding a decision", |w| {
            let m = meeting_of(w, meeting_id)?;
            let (lead, support) = check_decision(w, &m, f)?;
            w.conn().execute(
                "INSERT INTO decision (meeting_id, text, agency_id, node_id, due_date)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![meeting_id, text, f.agency, f.node, f.due],
            )?;
            let id = w.conn().last_insert_rowid();
            let mut t = Tracker::default();
            t.inserted("decision", id)?;
            sync_agencies(w, &mut t, "decision_agency", id, &f.support)?;
            let mut summary = format!(
                "新增议定事项{id}（会议「{}」）「{}」，责任单位{lead}",
                m.title,
                excerpt(&text)
            );
            if !support.is_empty() {
                summary.push_str(&format!("，配合单位{}", list(&support)));
            }
            if let Some(n) = f.node {
                summary.push_str(&format!("，任务{}", code(w.conn(), n)?));
            }
            summary.push_str(&format!("，完成时限{}", format_iso(f.due)));
            commit(w, t, "create", "decision", id, summary)
        })
    }

    /// Changes a decision's text, agencies, task or deadline.
    pub(in crate::db) fn edit_decision(
        &mut self,
        id: i64,
        expected: i64,
        f: &DecisionFields,
    ) -> EditResult<Outcome> {
        let text = validate::text(Field::Text, &f.text, true)?;
        self.edit("editing a decision", |w| {
            let d = checked::<Decision>(w, id, expected)?;
            let m = meeting_of(w, d.meeting_id)?;
            let (lead, support) = check_decision(w, &m, f)?;
            let mut t = Tracker::default();
            t.track(w.conn(), "decision", id)?;
            let mut parts = Vec::new();
            if d.text != text {
                parts.push(format!("内容改为「{}」", excerpt(&text)));
            }
            if d.agency_id != f.agency {
                parts.push(format!("责任单位改为{lead}"));
            }
            if sync_agencies(w, &mut t, "decision_agency", id, &f.support)? {
                parts.push(format!("配合单位：{}", list(&support)));
            }
            if d.node_id != f.node {
                parts.push(match f.node {
                    Some(n) => format!("任务改为{}", code(w.conn(), n)?),
                    None => "不再关联任务".to_string(),
                });
            }
            if d.due != f.due {
                parts.push(format!(
                    "完成时限 {}→{}",
                    format_iso(d.due),
                    format_iso(f.due)
                ));
            }
            if parts.is_empty() {
                return Ok(Outcome::unchanged(id));
            }
            w.conn().execute(
                "UPDATE decision SET text = ?2, agency_id = ?3, node_id = ?4, due_date = ?5,
                        version = version + 1
                 WHERE id = ?1",
                params![id, text, f.agency, f.node, f.due],
            )?;
            let summary = format!(
                "修改议定事项{id}「{}」：{}",
                excerpt(&d.text),
                parts.join("；")
            );
            commit(w, t, "update", "decision", id, summary)
        })
    }

    /// Marks a decision done on `date`, with how it was done.
    pub(in crate::db) fn decision_done(
        &mut self,
        id: i64,
        expected: i64,
        date: NaiveDate,
        note: Option<&str>,
    ) -> EditResult<Outcome> {
        let note = match note {
            Some(n) => validate::optional_line(Field::Note, n)?,
            None => None,
        };
        self.edit("marking a decision done", |w| {
            let d = checked::<Decision>(w, id, expected)?;
            if let Some(on) = d.done {
                return Err(EditError::refused(
                    format!(
                        "decision {id} 「{}」 was already marked done on {}; reopen it first to change the date",
                        excerpt(&d.text),
                        format_iso(on)
                    ),
                    format!(
                        "议定事项{id}「{}」已于{}完成；如需改日期请先重新打开",
                        excerpt(&d.text),
                        format_iso(on)
                    ),
                ));
            }
            let m = meeting_of(w, d.meeting_id)?;
            not_before_meeting(Field::Done, date, &m)?;
            let mut summary = format!(
                "议定事项{id}「{}」标记完成，完成日期{}",
                excerpt(&d.text),
                format_iso(date)
            );
            if let Some(n) = &note {
                summary.push_str(&format!("（{n}）"));
            }
            update_decision(
                w,
                id,
                "done_date = ?2, done_note = ?3",
                &[&date, &note],
                summary,
            )
        })
    }

    /// Reopens a decision marked done.
    pub(in crate::db) fn reopen_decision(&mut self, id: i64, expected: i64) -> EditResult<Outcome> {
        self.edit("reopening a decision", |w| {
            let d = checked::<Decision>(w, id, expected)?;
            let Some(on) = d.done else {
                return Err(EditError::refused(
                    format!("decision {id} 「{}」 is not marked done", excerpt(&d.text)),
                    format!("议定事项{id}「{}」尚未完成，无需重新打开", excerpt(&d.text)),
                ));
            };
            let summary = format!(
                "议定事项{id}「{}」重新打开（原完成日期{}）",
                excerpt(&d.text),
                format_iso(on)
            );
            update_decision(w, id, "done_date = NULL, done_note = NULL", &[], summary)
        })
    }

    /// Deletes a decision.
    pub(in crate::db) fn delete_decision(&mut self, id: i64, expected: i64) -> EditResult<Outcome> {
        self.edit("deleting a decision", |w| {
            let d = checked::<Decision>(w, id, expected)?;
            let mut t = Tracker::default();
            t.track(w.conn(), "decision", id)?;
            let support = ids_where(w.conn(), "decision_agency", "decision_id = ?1", &[id])?;
            t.track_all(w.conn(), "decision_agency", &support)?;
            w.conn()
                .execute("DELETE FROM decision WHERE id = ?1", [id])?;
            let summary = format!("删除议定事项{id}「{}」", excerpt(&d.text));
            commit(w, t, "delete", "decision", id, summary)
        })
    }
}
