//! Changes with a date of effect (生效日期): a task's status, progress set
//! by hand and own dates are recorded as history entries (`node_history`,
//! rules in `model::history`). Setting a value adds an entry effective
//! from a day — or rewrites the entry already effective that day — and
//! leaves the entries before and after it alone, so a change recorded for
//! an earlier day holds until the next recorded change. A past entry can
//! be corrected (its day or its value) or removed; each is one audited
//! operation that `u` takes back.

use chrono::NaiveDate;

use super::changes::Tracker;
use super::error::{EditError, EditResult, Field};
use super::nodes::checked;
use super::record::{self, Label, Versioned};
use super::{Outcome, commit, kind_words, validate};
use crate::db::history::{get, insert, of_node, update};
use crate::db::outline::{code, load, node};
use crate::db::{Store, Writer};
use crate::model::dates::format_iso;
use crate::model::history::in_effect;
use crate::model::{HistoryEntry, HistoryValue, InEffect, Outline};

impl Versioned for HistoryEntry {
    const TABLE: &'static str = "node_history";
    const NOUN: (&'static str, &'static str) = ("recorded change", "变更记录");

    fn get(conn: &rusqlite::Connection, id: i64) -> crate::db::Result<Option<HistoryEntry>> {
        get(conn, id)
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    /// `the status of task 2.1.1 from 2022-01-10` / `任务2.1.1自2022-01-10起的状态记录`.
    fn label(&self, conn: &rusqlite::Connection) -> crate::db::Result<Label> {
        let task = match node(conn, self.node_id)? {
            Some(n) => {
                let (en, zh) = kind_words(n.level);
                let c = code(conn, n.id)?;
                (format!("{en} {c}"), format!("{zh}{c}"))
            }
            None => ("a deleted task".into(), "已删除的任务".into()),
        };
        let field = self.value.field();
        Ok(Label::new(
            format!(
                "the {} of {} from {}",
                field.label_en(),
                task.0,
                format_iso(self.effective)
            ),
            format!(
                "{}自{}起的{}记录",
                task.1,
                format_iso(self.effective),
                field.label_zh()
            ),
        ))
    }
}

/// A corrected entry: the day it takes effect and what it sets (of the
/// same field as before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryFix {
    pub effective: NaiveDate,
    pub value: HistoryValue,
}

/// A value as the log writes it: `滞后（经费未到位）`, `40%`, `自动`,
/// `2021-06-09至2025-12-31`.
pub(crate) fn value_words(v: &HistoryValue) -> String {
    match v {
        HistoryValue::Status { status, reason } => match reason {
            Some(r) => format!("{}（{r}）", status.label_zh()),
            None => status.label_zh().to_string(),
        },
        HistoryValue::Progress(p) => p.map_or_else(|| "自动".to_string(), |p| format!("{p}%")),
        HistoryValue::Dates { start, due } => {
            let d = |x: &Option<NaiveDate>| x.map_or_else(|| "无".to_string(), format_iso);
            format!("开始{}，截止{}", d(start), d(due))
        }
    }
}

/// A change in the log's words, naming only what changed:
/// `状态：推进中→滞后（原因）`, `进度：自动→40%`,
/// `开始 无→2021-07-01，截止 无→2021-12-31`.
pub(crate) fn change_words(before: &HistoryValue, after: &HistoryValue) -> String {
    match (before, after) {
        (
            HistoryValue::Dates { start: s0, due: d0 },
            HistoryValue::Dates { start: s1, due: d1 },
        ) => {
            let d = |x: &Option<NaiveDate>| x.map_or_else(|| "无".to_string(), format_iso);
            let mut parts = Vec::new();
            if s0 != s1 {
                parts.push(format!("开始 {}→{}", d(s0), d(s1)));
            }
            if d0 != d1 {
                parts.push(format!("截止 {}→{}", d(d0), d(d1)));
            }
            parts.join("，")
        }
        _ => format!(
            "{}：{}→{}",
            after.field().label_zh(),
            value_words(before),
            value_words(after)
        ),
    }
}

/// The value an entry's field holds in `v`.
pub(crate) fn current(v: &InEffect, like: &HistoryValue) -> HistoryValue {
    match like {
        HistoryValue::Status { .. } => HistoryValue::Status {
            status: v.status,
            reason: v.reason.clone(),
        },
        HistoryValue::Progress(_) => HistoryValue::Progress(v.progress),
        HistoryValue::Dates { .. } => HistoryValue::Dates {
            start: v.start,
            due: v.due,
        },
    }
}

/// A date of effect must not lie in the future: a change is recorded
/// when it has happened.
pub fn effective_date(on: NaiveDate) -> EditResult<NaiveDate> {
    let today = chrono::Local::now().date_naive();
    if on > today {
        return Err(EditError::invalid(
            Field::Effective,
            format!(
                "date of effect: {} is after today ({}); record a change once it has happened",
                format_iso(on),
                format_iso(today)
            ),
            format!(
                "生效日期：{}晚于今天（{}），变更发生后再记录",
                format_iso(on),
                format_iso(today)
            ),
        ));
    }
    Ok(on)
}

/// Checks a value's own rules (reason for 滞后/暂停, date order, 0–100).
fn checked_value(value: &HistoryValue) -> EditResult<HistoryValue> {
    Ok(match value {
        HistoryValue::Status { status, reason } => HistoryValue::Status {
            status: *status,
            reason: validate::status_reason(*status, reason.as_deref())?,
        },
        HistoryValue::Progress(p) => {
            if let Some(p) = p {
                validate::progress_value(f64::from(*p))?;
            }
            HistoryValue::Progress(*p)
        }
        HistoryValue::Dates { start, due } => {
            validate::date_order(*start, *due)?;
            HistoryValue::Dates {
                start: *start,
                due: *due,
            }
        }
    })
}

/// Makes `value` the one in effect from `on` on a node (an entry added, or
/// the one already effective that day rewritten), tracked in `t`. Returns
/// the value it replaced, or `None` when it was already in effect.
pub(super) fn set_from(
    w: &Writer<'_>,
    t: &mut Tracker,
    node: i64,
    on: NaiveDate,
    value: &HistoryValue,
) -> EditResult<Option<HistoryValue>> {
    let entries = of_node(w.conn(), node)?;
    let before = current(&in_effect(&entries, on), value);
    if before == *value {
        return Ok(None);
    }
    let same_day = entries
        .iter()
        .filter(|e| e.effective == on && e.value.field() == value.field())
        .max_by_key(|e| e.id);
    match same_day {
        Some(e) => {
            t.track(w.conn(), "node_history", e.id)?;
            update(w.conn(), e.id, on, value)?;
        }
        None => {
            let id = insert(w.conn(), node, on, value)?;
            t.inserted("node_history", id)?;
        }
    }
    Ok(Some(before))
}

/// Raises a node's version after its history changed, so that a form
/// opened on the older values meets a conflict rather than overwriting.
pub(super) fn touch_node(w: &Writer<'_>, t: &mut Tracker, node: i64) -> EditResult<()> {
    t.track(w.conn(), "node", node)?;
    w.conn().execute(
        "UPDATE node SET version = version + 1 WHERE id = ?1",
        [node],
    )?;
    Ok(())
}

/// `任务2.1.1「提高政治站位」`
fn node_words(outline: &Outline, node: i64) -> String {
    outline.get(node).map_or_else(
        || format!("任务{node}"),
        |n| {
            format!(
                "{}{}「{}」",
                kind_words(n.level).1,
                outline.code(node),
                n.title
            )
        },
    )
}

impl Store {
    /// Sets one of a node's values effective from `on` (not after today):
    /// the general form of `set_status`, `set_progress` and `set_dates`.
    pub(in crate::db) fn set_value(
        &mut self,
        id: i64,
        expected: i64,
        on: NaiveDate,
        value: &HistoryValue,
    ) -> EditResult<Outcome> {
        let on = effective_date(on)?;
        let value = checked_value(value)?;
        self.edit("recording a change", |w| {
            let (outline, _) = checked(w, id, expected)?;
            let mut t = Tracker::default();
            let Some(before) = set_from(w, &mut t, id, on, &value)? else {
                return Ok(Outcome::unchanged(id));
            };
            touch_node(w, &mut t, id)?;
            let summary = format!(
                "{}{}，自{}起",
                node_words(&outline, id),
                change_words(&before, &value),
                format_iso(on)
            );
            commit(w, t, "update", "node", id, summary)
        })
    }

    /// Corrects a recorded entry: the day it takes effect and/or what it
    /// sets (the field stays). Audited; `u` takes it back.
    pub(in crate::db) fn correct_history(
        &mut self,
        entry: i64,
        expected: i64,
        fix: &HistoryFix,
    ) -> EditResult<Outcome> {
        let on = effective_date(fix.effective)?;
        let value = checked_value(&fix.value)?;
        self.edit("correcting a recorded change", |w| {
            let e = record::checked::<HistoryEntry>(w, entry, expected)?;
            if e.value.field() != value.field() {
                return Err(EditError::invalid(
                    Field::Value,
                    format!(
                        "entry {entry} records the {}; it cannot be corrected into the {}",
                        e.value.field().label_en(),
                        value.field().label_en()
                    ),
                    format!(
                        "变更记录{entry}记的是{}，不能改为{}",
                        e.value.field().label_zh(),
                        value.field().label_zh()
                    ),
                ));
            }
            if e.effective == on && e.value == value {
                return Ok(Outcome::unchanged(entry));
            }
            let outline = load(w.conn())?;
            let mut t = Tracker::default();
            t.track(w.conn(), "node_history", entry)?;
            update(w.conn(), entry, on, &value)?;
            touch_node(w, &mut t, e.node_id)?;
            let mut parts = Vec::new();
            if e.effective != on {
                parts.push(format!(
                    "生效日期{}→{}",
                    format_iso(e.effective),
                    format_iso(on)
                ));
            }
            if e.value != value {
                parts.push(format!("{}→{}", value_words(&e.value), value_words(&value)));
            }
            let summary = format!(
                "更正{}的{}记录（原自{}起）：{}",
                node_words(&outline, e.node_id),
                e.value.field().label_zh(),
                format_iso(e.effective),
                parts.join("，")
            );
            commit(w, t, "update", "node_history", entry, summary)
        })
    }

    /// Removes a recorded entry: the value before it holds until the next.
    pub(in crate::db) fn remove_history(
        &mut self,
        entry: i64,
        expected: i64,
    ) -> EditResult<Outcome> {
        self.edit("removing a recorded change", |w| {
            let e = record::checked::<HistoryEntry>(w, entry, expected)?;
            let outline = load(w.conn())?;
            let mut t = Tracker::default();
            t.track(w.conn(), "node_history", entry)?;
            w.conn()
                .execute("DELETE FROM node_history WHERE id = ?1", [entry])?;
            touch_node(w, &mut t, e.node_id)?;
            let summary = format!(
                "删除{}自{}起的{}记录：{}",
                node_words(&outline, e.node_id),
                format_iso(e.effective),
                e.value.field().label_zh(),
                value_words(&e.value)
            );
            commit(w, t, "delete", "node_history", entry, summary)
        })
    }
}
