//! Reports (进展报送): adding one through the store's revision logic (a
//! changed re-submission supersedes the current report, an identical one
//! adds nothing), correcting one in place, and reviewing it (待审核 /
//! 已采纳 / 退回 with a comment).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use rusqlite::Connection;

use super::changes::{Tracker, ids_where};
use super::error::{EditError, EditResult, Field};
use super::record::{self, Label, Versioned};
use super::{Outcome, commit, validate};
use crate::db::directory::units;
use crate::db::error::Result;
use crate::db::outline::load;
use crate::db::records::indicators;
use crate::db::reports::{Added, NewReport, get};
use crate::db::{Store, Writer};
use crate::model::dates::format_iso;
use crate::model::numbers::quantity;
use crate::model::{NodeKind, Period, Report, Review, Unit};

/// The parts of a report the office may correct in place.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFields {
    pub reported_on: NaiveDate,
    pub author: String,
    pub body: String,
    pub values: Vec<(i64, f64)>,
}

/// A review decision and its comment (required for 退回).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewChange {
    pub review: Review,
    pub comment: Option<String>,
}

fn unit_of(w: &Writer<'_>, id: i64) -> EditResult<Unit> {
    units(w.conn())?
        .into_iter()
        .find(|u| u.id == id)
        .ok_or_else(|| {
            EditError::invalid(
                Field::Unit,
                format!("unit: there is no unit {id}"),
                format!("报送单位：没有编号为{id}的单位"),
            )
        })
}

/// Checks the values: each names an indicator of the report's node, once,
/// with a count that is not negative.
fn check_values(w: &Writer<'_>, node_id: i64, values: &[(i64, f64)]) -> EditResult<()> {
    let all = indicators(w.conn())?;
    let mut seen = Vec::new();
    for (ind, v) in values {
        let Some(i) = all.iter().find(|i| i.id == *ind) else {
            return Err(EditError::invalid(
                Field::Value,
                format!("value: there is no indicator {ind}"),
                format!("指标值：没有编号为{ind}的指标"),
            ));
        };
        if i.node_id != node_id {
            return Err(EditError::invalid(
                Field::Value,
                format!(
                    "value: 「{}」 is not an indicator of the report's task",
                    i.name
                ),
                format!("指标值：「{}」不是该任务的指标", i.name),
            ));
        }
        if seen.contains(ind) {
            return Err(EditError::invalid(
                Field::Value,
                format!("value: 「{}」 is given twice", i.name),
                format!("指标值：「{}」重复填写", i.name),
            ));
        }
        seen.push(*ind);
        validate::non_negative(Field::Value, *v).map_err(|_| {
            EditError::invalid(
                Field::Value,
                format!("value: 「{}」 = {v} is negative; counts start at 0", i.name),
                format!("指标值：「{}」为负数{v}", i.name),
            )
        })?;
    }
    Ok(())
}

fn check_date(period: Period, date: NaiveDate) -> EditResult<()> {
    if date < period.start() {
        return Err(EditError::invalid(
            Field::Date,
            format!(
                "date: {} is before period {} begins ({})",
                format_iso(date),
                period.code(),
                format_iso(period.start())
            ),
            format!(
                "报送日期：{}早于报送期次{}的开始日期{}",
                format_iso(date),
                period.label_cn(),
                format_iso(period.start())
            ),
        ));
    }
    Ok(())
}

fn track_report(w: &Writer<'_>, t: &mut Tracker, id: i64) -> EditResult<()> {
    t.track(w.conn(), "report", id)?;
    let values = ids_where(w.conn(), "report_value", "report_id = ?1", &[id])?;
    t.track_all(w.conn(), "report_value", &values)
}

/// `渝中区 · 2.1.2 · 2021Q4`
fn about(w: &Writer<'_>, r: &Report) -> EditResult<String> {
    let unit = unit_of(w, r.unit_id)?;
    let outline = load(w.conn())?;
    Ok(format!(
        "{}，{}，{}",
        unit.name,
        outline.code(r.node_id),
        r.period.code()
    ))
}

impl Versioned for Report {
    const TABLE: &'static str = "report";
    const NOUN: (&'static str, &'static str) = ("report", "报送");

    fn get(conn: &Connection, id: i64) -> Result<Option<Report>> {
        get(conn, id)
    }

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn label(&self, _: &Connection) -> Result<Label> {
        Ok(Label::new(
            format!("report {}", self.id),
            format!("报送{}", self.id),
        ))
    }
}

/// The current report at the version the caller read (an older revision
/// is history, not changed in place).
fn checked(w: &Writer<'_>, id: i64, expected: i64) -> EditResult<Report> {
    let r = record::checked::<Report>(w, id, expected)?;
    if r.superseded {
        return Err(EditError::refused(
            format!(
                "report {id} is an older revision, replaced by a newer one; change the current report instead"
            ),
            format!("报送{id}是已被替代的旧修订，请修改当前版本"),
        ));
    }
    Ok(r)
}

impl Store {
    /// Adds a unit's report (or a new revision of its current one, or
    /// nothing for a duplicate), after checking that the unit existed in
    /// the period, the node is a task or sub-task, the period is of the
    /// plan's kind, the date is not before the period, and every value
    /// names an indicator of the node.
    pub(in crate::db) fn add_report(&mut self, report: &NewReport) -> EditResult<Outcome> {
        let body = validate::text(Field::Text, &report.body, true)?;
        let author = validate::line(Field::Author, &report.author)?;
        let clean = NewReport {
            body,
            author,
            ..report.clone()
        };
        self.edit("adding a report", |w| {
            let n = &clean;
            let unit = unit_of(w, n.unit_id)?;
            if !unit.active_between(n.period.start(), n.period.end()) {
                return Err(EditError::invalid(
                    Field::Unit,
                    format!(
                        "unit: {} did not exist in {} (valid {} to {})",
                        unit.name,
                        n.period.code(),
                        unit.valid_from.map_or("…".into(), format_iso),
                        unit.valid_to.map_or("…".into(), format_iso)
                    ),
                    format!("报送单位：{}在{}已不存在", unit.name, n.period.label_cn()),
                ));
            }
            let outline = load(w.conn())?;
            let node = outline.get(n.node_id).ok_or_else(|| {
                EditError::invalid(
                    Field::Task,
                    format!("task: there is no outline node {}", n.node_id),
                    format!("任务：没有编号为{}的任务", n.node_id),
                )
            })?;
            if !NodeKind::of_level(node.level).is_work() {
                let (en, zh) = super::node_label(&outline, node);
                return Err(EditError::invalid(
                    Field::Task,
                    format!("task: {en} is a heading; reports are made on tasks (1.) and sub-tasks"),
                    format!("任务：{zh}是标题层级，报送应针对任务或子任务"),
                ));
            }
            let kind = w.plan()?.period_kind;
            if n.period.kind() != kind {
                return Err(EditError::invalid(
                    Field::Period,
                    format!(
                        "period: {} is a {} period, but this plan reports per {kind}",
                        n.period.code(),
                        n.period.kind()
                    ),
                    format!("报送期次：{}与本方案的报送周期不符", n.period.code()),
                ));
            }
            check_date(n.period, n.reported_on)?;
            check_values(w, n.node_id, &n.values)?;
            let mut t = Tracker::default();
            let current: Option<i64> = w
                .conn()
                .query_row(
                    "SELECT id FROM report WHERE unit_id = ?1 AND node_id = ?2 AND period = ?3 AND superseded = 0",
                    params![n.unit_id, n.node_id, n.period.code()],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(c) = current {
                track_report(w, &mut t, c)?;
            }
            let added = w.add_report(n)?;
            let head = format!(
                "{}报送{}「{}」{}",
                unit.name,
                outline.code(node.id),
                node.title,
                n.period.code()
            );
            let summary = match added {
                Added::Duplicate(id) => {
                    return Ok(Outcome {
                        summary: format!("{head}：与报送{id}相同，未新增"),
                        added: Some(added),
                        ..Outcome::unchanged(id)
                    });
                }
                Added::New(id) => {
                    t.inserted("report", id)?;
                    format!("{head}（报送{id}）")
                }
                Added::Revision { id, replaced, revision } => {
                    t.inserted("report", id)?;
                    format!("{head}：第{revision}版（报送{id}）替代报送{replaced}")
                }
            };
            let values = ids_where(w.conn(), "report_value", "report_id = ?1", &[added.id()])?;
            for v in values {
                t.inserted("report_value", v)?;
            }
            let out = commit(w, t, "create", "report", added.id(), summary)?;
            Ok(Outcome {
                added: Some(added),
                ..out
            })
        })
    }

    /// Corrects the current report in place: date, author, text, values.
    pub(in crate::db) fn edit_report(
        &mut self,
        id: i64,
        expected: i64,
        fields: &ReportFields,
    ) -> EditResult<Outcome> {
        let body = validate::text(Field::Text, &fields.body, true)?;
        let author = validate::line(Field::Author, &fields.author)?;
        self.edit("editing a report", |w| {
            let r = checked(w, id, expected)?;
            check_date(r.period, fields.reported_on)?;
            check_values(w, r.node_id, &fields.values)?;
            let mut values = fields.values.clone();
            values.sort_by_key(|v| v.0);
            let mut old_values = r.values.clone();
            old_values.sort_by_key(|v| v.0);
            if r.reported_on == fields.reported_on
                && r.author == author
                && r.body == body
                && old_values == values
            {
                return Ok(Outcome::unchanged(id));
            }
            let mut t = Tracker::default();
            track_report(w, &mut t, id)?;
            w.conn().execute(
                "UPDATE report SET reported_on = ?2, author = ?3, body = ?4,
                        reviewed_on = CASE WHEN reviewed_on < ?2 THEN ?2 ELSE reviewed_on END
                 WHERE id = ?1",
                params![id, fields.reported_on, author, body],
            )?;
            // A value that stays keeps its row, so the log shows it changed
            // rather than replaced.
            for (ind, _) in old_values.iter().filter(|(i, _)| !values.iter().any(|v| v.0 == *i)) {
                w.conn().execute(
                    "DELETE FROM report_value WHERE report_id = ?1 AND indicator_id = ?2",
                    params![id, ind],
                )?;
            }
            for (ind, v) in &values {
                match old_values.iter().find(|o| o.0 == *ind) {
                    Some((_, old)) if old == v => {}
                    Some(_) => {
                        w.conn().execute(
                            "UPDATE report_value SET value = ?3 WHERE report_id = ?1 AND indicator_id = ?2",
                            params![id, ind, v],
                        )?;
                    }
                    None => {
                        w.conn().execute(
                            "INSERT INTO report_value (report_id, indicator_id, value) VALUES (?1, ?2, ?3)",
                            params![id, ind, v],
                        )?;
                        t.inserted("report_value", w.conn().last_insert_rowid())?;
                    }
                }
            }
            w.conn().execute("UPDATE report SET version = version + 1 WHERE id = ?1", [id])?;
            let vals = values
                .iter()
                .map(|(_, v)| quantity(*v))
                .collect::<Vec<_>>()
                .join("、");
            let mut summary = format!("修改报送{id}（{}）", about(w, &r)?);
            if !vals.is_empty() {
                summary.push_str(&format!("，指标值{vals}"));
            }
            commit(w, t, "update", "report", id, summary)
        })
    }

    /// Records a review decision on the current report.
    pub(in crate::db) fn review_report(
        &mut self,
        id: i64,
        expected: i64,
        change: &ReviewChange,
    ) -> EditResult<Outcome> {
        let comment = validate::review_comment(change.review, change.comment.as_deref())?;
        self.edit("reviewing a report", |w| {
            let r = checked(w, id, expected)?;
            if r.review == change.review && r.review_comment == comment {
                return Ok(Outcome::unchanged(id));
            }
            let mut t = Tracker::default();
            t.track(w.conn(), "report", id)?;
            // The day of the review, never before the day the report came
            // in: a figure as of an earlier day counts it as still pending.
            let today = chrono::Local::now().date_naive();
            let reviewed_on = (change.review != Review::Pending).then(|| today.max(r.reported_on));
            w.conn().execute(
                "UPDATE report SET review = ?2, review_comment = ?3, reviewed_on = ?4,
                        version = version + 1
                 WHERE id = ?1",
                params![id, change.review.code(), comment, reviewed_on],
            )?;
            let mut summary = format!(
                "审核报送{id}（{}）：{}→{}",
                about(w, &r)?,
                r.review.label_zh(),
                change.review.label_zh()
            );
            if let Some(c) = &comment {
                summary.push_str(&format!("，意见：{c}"));
            }
            commit(w, t, "update", "report", id, summary)
        })
    }
}
