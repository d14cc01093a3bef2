//! The plan's schedule (进度安排): start and end dates (the plan's life,
//! which 序时进度 measures against where a task has no window of its own),
//! the warning window, the days of grace after a reporting period and the
//! reporting cycle. One audited operation, undone like any other; it
//! belongs to the plan in the shared file, not to one coordinator.

use rusqlite::params;

use super::changes::Tracker;
use super::error::{EditError, EditResult, Field};
use super::record::{self, Label, Versioned};
use super::{Outcome, commit};
use crate::db::Store;
use crate::db::plan::load;
use crate::model::dates::format_iso;
use crate::model::{PeriodKind, PlanInfo, Schedule};

impl Versioned for PlanInfo {
    const TABLE: &'static str = "plan";
    const NOUN: (&'static str, &'static str) = ("the plan's schedule", "方案的进度安排");

    fn get(conn: &rusqlite::Connection, _id: i64) -> crate::db::Result<Option<PlanInfo>> {
        load(conn).map(Some)
    }

    /// There is one plan, row 1.
    fn id(&self) -> i64 {
        1
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn label(&self, _conn: &rusqlite::Connection) -> crate::db::Result<Label> {
        Ok(Label::new(Self::NOUN.0, Self::NOUN.1))
    }
}

/// The longest warning window or grace, in days.
pub const MAX_DAYS: u32 = 366;

fn kind_zh(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Quarter => "季度",
        PeriodKind::Month => "月度",
    }
}

/// A schedule's own rules: the end not before the start, windows of at
/// most [`MAX_DAYS`].
pub fn check_schedule(s: &Schedule) -> EditResult<()> {
    if let (Some(start), Some(end)) = (s.start, s.end)
        && end < start
    {
        return Err(EditError::invalid(
            Field::EndDate,
            format!(
                "end date: {} is before the start date {}",
                format_iso(end),
                format_iso(start)
            ),
            format!(
                "结束日期：{}早于开始日期{}",
                format_iso(end),
                format_iso(start)
            ),
        ));
    }
    for (field, n) in [
        (Field::WarningDays, s.warning_days),
        (Field::GraceDays, s.grace_days),
    ] {
        if n > MAX_DAYS {
            return Err(EditError::invalid(
                field,
                format!("{}: {n} is more than {MAX_DAYS} days", field.en()),
                format!("{}：{n}天超过了{MAX_DAYS}天", field.zh()),
            ));
        }
    }
    Ok(())
}

impl Store {
    /// Sets the plan's schedule. The reporting cycle cannot change once
    /// reports have come in (their periods are of the old cycle).
    pub(in crate::db) fn set_schedule(
        &mut self,
        expected: i64,
        schedule: &Schedule,
    ) -> EditResult<Outcome> {
        check_schedule(schedule)?;
        self.edit("setting the plan's schedule", |w| {
            let plan = record::checked::<PlanInfo>(w, 1, expected)?;
            let old = plan.schedule();
            if old == *schedule {
                return Ok(Outcome::unchanged(1));
            }
            if schedule.start.is_none() && schedule.end.is_some() && plan.issued_on.is_none() {
                return Err(EditError::invalid(
                    Field::Start,
                    "start date: an end date needs a start date (the plan has no issue date to start from)",
                    "开始日期：设定结束日期须同时设定开始日期（方案没有印发日期可作起点）",
                ));
            }
            if old.period_kind != schedule.period_kind {
                let reports: i64 =
                    w.conn()
                        .query_row("SELECT COUNT(*) FROM report", [], |r| r.get(0))?;
                if reports > 0 {
                    return Err(EditError::invalid(
                        Field::Cycle,
                        format!(
                            "reporting cycle: {reports} reports are filed under {} periods; the cycle cannot change once reports have come in",
                            old.period_kind.as_str()
                        ),
                        format!(
                            "报送周期：已有{reports}份报送按{}期次报送，有报送后不能更改报送周期",
                            kind_zh(old.period_kind)
                        ),
                    ));
                }
            }
            let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "无".to_string(), format_iso);
            let mut parts = Vec::new();
            if old.start != schedule.start {
                parts.push(format!("开始 {}→{}", date(old.start), date(schedule.start)));
            }
            if old.end != schedule.end {
                parts.push(format!("结束 {}→{}", date(old.end), date(schedule.end)));
            }
            if old.warning_days != schedule.warning_days {
                parts.push(format!(
                    "预警 {}→{}天",
                    old.warning_days, schedule.warning_days
                ));
            }
            if old.grace_days != schedule.grace_days {
                parts.push(format!(
                    "报送宽限 {}→{}天",
                    old.grace_days, schedule.grace_days
                ));
            }
            if old.period_kind != schedule.period_kind {
                parts.push(format!(
                    "报送周期 {}→{}",
                    kind_zh(old.period_kind),
                    kind_zh(schedule.period_kind)
                ));
            }
            let mut t = Tracker::default();
            t.track(w.conn(), "plan", 1)?;
            w.conn().execute(
                "UPDATE plan SET start_date = ?1, end_date = ?2, warning_days = ?3,
                        report_grace_days = ?4, period_kind = ?5, version = version + 1
                 WHERE id = 1",
                params![
                    schedule.start,
                    schedule.end,
                    schedule.warning_days,
                    schedule.grace_days,
                    schedule.period_kind.as_str()
                ],
            )?;
            let summary = format!("方案进度安排：{}", parts.join("；"));
            commit(w, t, "update", "plan", 1, summary)
        })
    }
}
