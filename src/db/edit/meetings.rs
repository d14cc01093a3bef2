//! Meetings (会议): add, edit and delete one (date, title, place, chair,
//! attending agencies; deleting takes its decisions along), audited and
//! undoable like every record; and what a meeting's decisions
//! (`decisions.rs`) share with it: ordered agency lists, the rule that
//! nothing a meeting decided falls before it.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::changes::{Tracker, ids_where};
use super::error::{EditError, EditResult, Field};
use super::record::{Label, Versioned, checked};
use super::{Outcome, commit, validate};
use crate::db::directory::agency;
use crate::db::error::Result;
use crate::db::meetings::{decision, decisions_of, meeting, owner_column};
use crate::db::{Store, Writer};
use crate::model::Meeting;
use crate::model::dates::format_iso;

/// What the meeting form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFields {
    pub held_on: NaiveDate,
    pub title: String,
    /// 地点 (may be empty).
    pub place: String,
    /// 主持 (may be empty).
    pub chair: String,
    /// Attending agencies (参会单位), in order.
    pub agencies: Vec<i64>,
}

/// `「建立女科技工作者人才库…」`: a decision's text, short enough for a
/// log line or a message.
pub(super) fn excerpt(text: &str) -> String {
    const MAX: usize = 24;
    let line = text.lines().next().unwrap_or("");
    let cut: String = line.chars().take(MAX).collect();
    if cut.chars().count() < text.chars().count() {
        format!("{cut}…")
    } else {
        cut
    }
}

impl Versioned for Meeting {
    const TABLE: &'static str = "meeting";
    const NOUN: (&'static str, &'static str) = ("meeting", "会议");
    const NAMED_BY: Option<&'static str> = Some("title");

    fn get(conn: &Connection, id: i64) -> Result<Option<Meeting>> {
        meeting(conn, id)
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn label(&self, _: &Connection) -> Result<Label> {
        Ok(Label::new(
            format!("meeting {} 「{}」", self.id, self.title),
            format!("会议「{}」", self.title),
        ))
    }
}

/// Checks a list of agencies (each exists, none twice) and returns their
/// short names.
pub(super) fn agency_names(w: &Writer<'_>, field: Field, ids: &[i64]) -> EditResult<Vec<String>> {
    let mut names = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
        let Some(a) = agency(w.conn(), id)? else {
            return Err(EditError::invalid(
                field,
                format!("{}: there is no agency {id}", field.en()),
                format!("{}：没有编号为{id}的责任单位", field.zh()),
            ));
        };
        if ids[..i].contains(&id) {
            return Err(EditError::invalid(
                field,
                format!("{}: {} is listed twice", field.en(), a.short_name),
                format!("{}：{}重复", field.zh(), a.short_name),
            ));
        }
        names.push(a.short_name);
    }
    Ok(names)
}

/// Brings an owner's ordered agencies (`meeting_agency` or
/// `decision_agency`) in line with `wanted`, following the rows in `t`.
/// Returns whether anything changed.
pub(super) fn sync_agencies(
    w: &Writer<'_>,
    t: &mut Tracker,
    table: &str,
    owner: i64,
    wanted: &[i64],
) -> EditResult<bool> {
    let column = owner_column(table);
    let rows: Vec<(i64, i64, i64)> = w
        .conn()
        .prepare_cached(&format!(
            "SELECT id, agency_id, position FROM {table} WHERE {column} = ?1"
        ))?
        .query_map([owner], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = false;
    for (id, agency, position) in &rows {
        match wanted.iter().position(|a| a == agency) {
            Some(i) if i as i64 + 1 == *position => {}
            Some(i) => {
                t.track(w.conn(), table, *id)?;
                w.conn().execute(
                    &format!("UPDATE {table} SET position = ?2 WHERE id = ?1"),
                    params![id, i as i64 + 1],
                )?;
                changed = true;
            }
            None => {
                t.track(w.conn(), table, *id)?;
                w.conn()
                    .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
                changed = true;
            }
        }
    }
    for (i, agency) in wanted.iter().enumerate() {
        if !rows.iter().any(|(_, a, _)| a == agency) {
            w.conn().execute(
                &format!("INSERT INTO {table} ({column}, agency_id, position) VALUES (?1, ?2, ?3)"),
                params![owner, agency, i as i64 + 1],
            )?;
            t.inserted(table, w.conn().last_insert_rowid())?;
            changed = true;
        }
    }
    Ok(changed)
}

pub(super) fn list(names: &[String]) -> String {
    if names.is_empty() {
        "无".into()
    } else {
        names.join("、")
    }
}

/// A decision's deadline and done date cannot come before its meeting.
pub(super) fn not_before_meeting(field: Field, date: NaiveDate, m: &Meeting) -> EditResult<()> {
    if date < m.held_on {
        return Err(EditError::invalid(
            field,
            format!(
                "{}: {} is before the meeting 「{}」 ({})",
                field.en(),
                format_iso(date),
                m.title,
                format_iso(m.held_on)
            ),
            format!(
                "{}：{}早于会议「{}」的日期{}",
                field.zh(),
                format_iso(date),
                m.title,
                format_iso(m.held_on)
            ),
        ));
    }
    Ok(())
}

struct CleanMeeting {
    title: String,
    place: String,
    chair: String,
}

fn clean_meeting(f: &MeetingFields) -> EditResult<CleanMeeting> {
    Ok(CleanMeeting {
        title: validate::line(Field::Title, &f.title)?,
        place: validate::optional_line(Field::Place, &f.place)?.unwrap_or_default(),
        chair: validate::optional_line(Field::Chair, &f.chair)?.unwrap_or_default(),
    })
}

pub(super) fn meeting_of(w: &Writer<'_>, id: i64) -> EditResult<Meeting> {
    meeting(w.conn(), id)?.ok_or_else(|| {
        EditError::invalid(
            Field::Meeting,
            format!("meeting: there is no meeting {id}"),
            format!("会议：没有编号为{id}的会议"),
        )
    })
}

impl Store {
    /// Records a meeting.
    pub(in crate::db) fn add_meeting(&mut self, f: &MeetingFields) -> EditResult<Outcome> {
        let c = clean_meeting(f)?;
        self.edit("adding a meeting", |w| {
            let names = agency_names(w, Field::Attending, &f.agencies)?;
            w.conn().execute(
                "INSERT INTO meeting (held_on, title, place, chair) VALUES (?1, ?2, ?3, ?4)",
                params![f.held_on, c.title, c.place, c.chair],
            )?;
            let id = w.conn().last_insert_rowid();
            let mut t = Tracker::default();
            t.inserted("meeting", id)?;
            sync_agencies(w, &mut t, "meeting_agency", id, &f.agencies)?;
            let mut summary = format!("新增会议「{}」（{}）", c.title, format_iso(f.held_on));
            if !names.is_empty() {
                summary.push_str(&format!("，参会单位：{}", list(&names)));
            }
            commit(w, t, "create", "meeting", id, summary)
        })
    }

    /// Changes a meeting's date, title, place, chair or attending agencies.
    pub(in crate::db) fn edit_meeting(
        &mut self,
        id: i64,
        expected: i64,
        f: &MeetingFields,
    ) -> EditResult<Outcome> {
        let c = clean_meeting(f)?;
        self.edit("editing a meeting", |w| {
            let m = checked::<Meeting>(w, id, expected)?;
            let names = agency_names(w, Field::Attending, &f.agencies)?;
            // Its decisions were made at the meeting: none may fall due
            // before it.
            for d in decisions_of(w.conn(), id)? {
                if let Some(d) = decision(w.conn(), d)?
                    && d.due < f.held_on
                {
                    return Err(EditError::invalid(
                        Field::Held,
                        format!(
                            "meeting date: {} is after the deadline of decision {} 「{}」 ({})",
                            format_iso(f.held_on),
                            d.id,
                            excerpt(&d.text),
                            format_iso(d.due)
                        ),
                        format!(
                            "会议日期：{}晚于议定事项{}「{}」的完成时限{}",
                            format_iso(f.held_on),
                            d.id,
                            excerpt(&d.text),
                            format_iso(d.due)
                        ),
                    ));
                }
            }
            let mut t = Tracker::default();
            t.track(w.conn(), "meeting", id)?;
            let mut parts = Vec::new();
            if m.title != c.title {
                parts.push(format!("更名为「{}」", c.title));
            }
            if m.held_on != f.held_on {
                parts.push(format!(
                    "日期 {}→{}",
                    format_iso(m.held_on),
                    format_iso(f.held_on)
                ));
            }
            if m.place != c.place {
                parts.push(format!(
                    "地点：{}",
                    if c.place.is_empty() { "无" } else { &c.place }
                ));
            }
            if m.chair != c.chair {
                parts.push(format!(
                    "主持：{}",
                    if c.chair.is_empty() { "无" } else { &c.chair }
                ));
            }
            if sync_agencies(w, &mut t, "meeting_agency", id, &f.agencies)? {
                parts.push(format!("参会单位：{}", list(&names)));
            }
            if parts.is_empty() {
                return Ok(Outcome::unchanged(id));
            }
            w.conn().execute(
                "UPDATE meeting SET held_on = ?2, title = ?3, place = ?4, chair = ?5,
                        version = version + 1
                 WHERE id = ?1",
                params![id, f.held_on, c.title, c.place, c.chair],
            )?;
            let summary = format!("修改会议「{}」：{}", m.title, parts.join("；"));
            commit(w, t, "update", "meeting", id, summary)
        })
    }

    /// Deletes a meeting with its decisions.
    pub(in crate::db) fn delete_meeting(&mut self, id: i64, expected: i64) -> EditResult<Outcome> {
        self.edit("deleting a meeting", |w| {
            let m = checked::<Meeting>(w, id, expected)?;
            let decisions = decisions_of(w.conn(), id)?;
            let mut t = Tracker::default();
            t.track(w.conn(), "meeting", id)?;
            let attending = ids_where(w.conn(), "meeting_agency", "meeting_id = ?1", &[id])?;
            t.track_all(w.conn(), "meeting_agency", &attending)?;
            t.track_all(w.conn(), "decision", &decisions)?;
            for d in &decisions {
                let support = ids_where(w.conn(), "decision_agency", "decision_id = ?1", &[*d])?;
                t.track_all(w.conn(), "decision_agency", &support)?;
            }
            w.conn()
                .execute("DELETE FROM meeting WHERE id = ?1", [id])?;
            let mut summary = format!("删除会议「{}」（{}）", m.title, format_iso(m.held_on));
            if !decisions.is_empty() {
                summary.push_str(&format!("及其议定事项{}项", decisions.len()));
            }
            commit(w, t, "delete", "meeting", id, summary)
        })
    }
}

#[cfg(test)]
mod tests;
