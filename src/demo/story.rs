//! How the demo's tasks stood over time, recorded as the office would have
//! recorded it: each task's own dates from the plan's start; 推进中 from
//! the day its first report or first done milestone arrived (a task nobody
//! has touched stays 未启动); 滞后 for the stretch the definitions give,
//! with its reason, and 推进中 again when it recovered; 已完成 on the day
//! its last milestone was done. Sub-tasks start on their own day, carry
//! the progress the office set by hand each quarter (they have no
//! indicators), and may have had their due date moved. So a memo at any
//! date states only what was true then.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::{MilestoneDef, Structure, bad, date};
use crate::db::{Result, Writer};
use crate::model::{HistoryValue, Status};

fn status(
    w: &Writer<'_>,
    node: i64,
    on: NaiveDate,
    status: Status,
    reason: Option<&str>,
) -> Result<()> {
    w.record_history(
        node,
        on,
        &HistoryValue::Status {
            status,
            reason: reason.map(str::to_string),
        },
    )?;
    Ok(())
}

/// Done dates of the milestones, and whether all are done.
fn done_days(list: &[MilestoneDef]) -> Result<(Vec<NaiveDate>, bool)> {
    let days = list
        .iter()
        .filter_map(|m| m.2.as_deref())
        .map(date)
        .collect::<Result<Vec<_>>>()?;
    let all = days.len() == list.len();
    Ok((days, all))
}

/// The last day of each quarter from `from` to `to`.
fn quarter_ends(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut y = from.year();
    let mut q = (from.month() - 1) / 3;
    loop {
        let end = match q {
            0 => NaiveDate::from_ymd_opt(y, 3, 31),
            1 => NaiveDate::from_ymd_opt(y, 6, 30),
            2 => NaiveDate::from_ymd_opt(y, 9, 30),
            _ => NaiveDate::from_ymd_opt(y, 12, 31),
        };
        let Some(end) = end else { break };
        if end > to {
            break;
        }
        if end >= from {
            out.push(end);
        }
        q += 1;
        if q == 4 {
            q = 0;
            y += 1;
        }
    }
    out
}

/// Records the statuses, dates and progress of every demo task.
pub(crate) fn record(w: &Writer<'_>, s: &Structure) -> Result<()> {
    let first_report: HashMap<i64, NaiveDate> = {
        let mut stmt = w
            .conn()
            .prepare("SELECT node_id, MIN(reported_on) FROM report GROUP BY node_id")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for task in &s.tasks {
        let def = s.task_def(task);
        let (dones, all_done) = done_days(&def.milestones)?;
        let due = if def.once {
            def.milestones
                .iter()
                .map(|m| date(&m.1))
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .max()
        } else {
            Some(s.plan_end)
        };
        w.record_history(
            task.node_id,
            s.plan_start,
            &HistoryValue::Dates {
                start: Some(s.plan_start),
                due,
            },
        )?;
        let started = dones
            .iter()
            .copied()
            .chain(first_report.get(&task.node_id).copied())
            .min();
        if let Some(day) = started {
            status(w, task.node_id, day, Status::InProgress, None)?;
        }
        if let Some(late) = &def.late {
            let from = date(&late.from)?;
            if started.is_none_or(|s| s > from) {
                return Err(bad(format!("task {} is late before it started", def.code)));
            }
            status(w, task.node_id, from, Status::Late, Some(&late.reason))?;
            if let Some(to) = late.to.as_deref().map(date).transpose()? {
                status(w, task.node_id, to, Status::InProgress, None)?;
            }
        }
        if def.done {
            let last = dones.iter().max().copied().filter(|_| all_done);
            let Some(day) = last else {
                return Err(bad(format!(
                    "task {} is marked done but has open milestones",
                    def.code
                )));
            };
            status(w, task.node_id, day, Status::Done, None)?;
        }
        for (sub, node) in def.subtasks.iter().zip(&task.subtasks) {
            let start = date(&sub.start)?;
            let dues = sub
                .milestones
                .iter()
                .map(|m| date(&m.1))
                .collect::<Result<Vec<_>>>()?;
            let mut due = dues.iter().max().copied().unwrap_or(s.plan_end);
            w.record_history(
                *node,
                start,
                &HistoryValue::Dates {
                    start: Some(start),
                    due: Some(due),
                },
            )?;
            for (on, new_due) in &sub.due_changes {
                due = date(new_due)?;
                w.record_history(
                    *node,
                    date(on)?,
                    &HistoryValue::Dates {
                        start: Some(start),
                        due: Some(due),
                    },
                )?;
            }
            status(w, *node, start, Status::InProgress, None)?;
            let (sub_dones, sub_all) = done_days(&sub.milestones)?;
            if sub_dones.iter().any(|d| *d < start) {
                return Err(bad(format!(
                    "{} has a milestone done before it started",
                    sub.title
                )));
            }
            let finished = sub
                .done
                .then(|| sub_dones.iter().max().copied().filter(|_| sub_all))
                .flatten();
            if sub.done && finished.is_none() {
                return Err(bad(format!(
                    "{} is marked done but has open milestones",
                    sub.title
                )));
            }
            // The office's figure each quarter while it runs: time elapsed
            // at the sub-task's pace, never below the share of milestones
            // done, never 100 before it is done.
            let until = finished.unwrap_or(s.plan_end);
            for q in quarter_ends(start, until) {
                if finished.is_some_and(|f| q >= f) {
                    break;
                }
                let span = (due - start).num_days().max(1) as f64;
                let elapsed = ((q - start).num_days() as f64 / span).clamp(0.0, 1.0);
                let done_share = sub_dones.iter().filter(|d| **d <= q).count() as f64
                    / sub.milestones.len().max(1) as f64;
                let figure = (elapsed * sub.pace).max(done_share) * 100.0;
                let figure = ((figure / 5.0).round() * 5.0).clamp(0.0, 95.0) as u8;
                w.record_history(*node, q, &HistoryValue::Progress(Some(figure)))?;
            }
            if let Some(day) = finished {
                status(w, *node, day, Status::Done, None)?;
            }
        }
    }
    // Work the definitions do not name (the synthetic data's extra
    // sub-tasks) starts with its first report.
    let named: std::collections::HashSet<i64> = s
        .tasks
        .iter()
        .flat_map(|t| std::iter::once(t.node_id).chain(t.subtasks.iter().copied()))
        .collect();
    let mut others: Vec<(&i64, &NaiveDate)> = first_report
        .iter()
        .filter(|(n, _)| !named.contains(n))
        .collect();
    others.sort();
    for (node, day) in others {
        status(w, *node, *day, Status::InProgress, None)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarter_ends_run_from_the_first_to_the_last_within_the_span() {
        assert_eq!(
            quarter_ends(d(2021, 11, 1), d(2022, 7, 1)),
            [d(2021, 12, 31), d(2022, 3, 31), d(2022, 6, 30)]
        );
        assert!(quarter_ends(d(2022, 1, 5), d(2022, 3, 30)).is_empty());
    }
}
