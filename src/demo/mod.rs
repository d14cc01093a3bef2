//! Demo data for the built-in plan: who leads and supports each task,
//! milestones, indicators and five years of quarterly reports from the 41
//! units — with some units late, some tasks behind and some milestones
//! overdue, so that every warning the product shows has something to show.
//! Deterministic: the same every time. The definitions are data
//! (`fixtures/demo.json`); this module turns them into rows.

pub mod rng;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::db::{AuditEntry, NewReport, Result, StoreError, Writer};
use crate::model::{Node, Period, PeriodKind, Role, Status, Unit};
use rng::{Rng, hash};

const DEFINITIONS: &str = include_str!("../../fixtures/demo.json");

#[derive(Debug, Deserialize)]
struct DemoDef {
    plan_end: String,
    first_period: String,
    last_period: String,
    late_units: Vec<String>,
    surnames: String,
    given_names: Vec<String>,
    tasks: Vec<TaskDef>,
}

#[derive(Debug, Deserialize)]
struct TaskDef {
    code: String,
    lead: Vec<String>,
    support: Vec<String>,
    status: String,
    #[serde(default)]
    reason: Option<String>,
    indicators: Vec<(String, String, f64)>,
    pace: f64,
    #[serde(default)]
    once: bool,
    milestones: Vec<(String, String, Option<String>)>,
    #[serde(default)]
    subtasks: Vec<SubtaskDef>,
    texts: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct SubtaskDef {
    title: String,
    lead: Vec<String>,
    support: Vec<String>,
    status: String,
    milestones: Vec<(String, String, Option<String>)>,
}

/// What the demo added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub subtasks: usize,
    pub milestones: usize,
    pub indicators: usize,
    pub reports: usize,
}

fn bad(what: String) -> StoreError {
    StoreError::Invalid(format!("demo data: {what}"))
}

fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad(format!("{s:?} is not a date")))
}

fn status(s: &str) -> Result<Status> {
    Status::from_code(s).ok_or_else(|| bad(format!("unknown status {s:?}")))
}

/// A task the demo reports on, resolved against the database.
struct DemoTask<'a> {
    def: &'a TaskDef,
    node: &'a Node,
    indicators: Vec<(i64, f64)>,
}

/// Adds the demo data to a database holding the built-in plan.
pub fn add(w: &Writer<'_>) -> Result<DemoSummary> {
    let def: DemoDef =
        serde_json::from_str(DEFINITIONS).map_err(|e| bad(format!("fixtures/demo.json: {e}")))?;
    let outline = w.outline()?;
    let plan = w.plan()?;
    let plan_start = plan
        .start
        .or(plan.issued_on)
        .ok_or_else(|| bad("the plan has no date to start from".into()))?;
    let plan_end = date(&def.plan_end)?;
    w.set_plan_span(Some(plan_start), Some(plan_end))?;
    let agencies: HashMap<String, i64> = w
        .agencies()?
        .into_iter()
        .map(|a| (a.short_name, a.id))
        .collect();
    let agency = |name: &str| {
        agencies.get(name).copied().ok_or_else(|| {
            bad(format!("agency {name} is not among the plan's issuers; the demo is written for the built-in plan"))
        })
    };
    let mut summary = DemoSummary::default();
    let mut tasks = Vec::new();
    for t in &def.tasks {
        let node = outline.find_code(&t.code).ok_or_else(|| {
            bad(format!(
                "the plan has no task {}; the demo is written for the built-in plan",
                t.code
            ))
        })?;
        let due = if t.once {
            let dues = t
                .milestones
                .iter()
                .map(|m| date(&m.1))
                .collect::<Result<Vec<_>>>()?;
            dues.into_iter().max()
        } else {
            Some(plan_end)
        };
        w.set_node_plan(
            node.id,
            Some(plan_start),
            due,
            status(&t.status)?,
            t.reason.as_deref(),
        )?;
        assign(w, node.id, &t.lead, &t.support, &agency)?;
        for (title, due, done) in &t.milestones {
            w.insert_milestone(
                node.id,
                title,
                date(due)?,
                done.as_deref().map(date).transpose()?,
            )?;
            summary.milestones += 1;
        }
        let mut indicators = Vec::new();
        for (name, measure, target) in &t.indicators {
            indicators.push((
                w.insert_indicator(node.id, name, measure, Some(*target))?,
                *target,
            ));
            summary.indicators += 1;
        }
        for (i, s) in t.subtasks.iter().enumerate() {
            let id = w.insert_subtask(node.id, i as u32 + 1, node.level + 1, &s.title)?;
            w.set_node_plan(
                id,
                Some(plan_start),
                Some(plan_end),
                status(&s.status)?,
                None,
            )?;
            assign(w, id, &s.lead, &s.support, &agency)?;
            for (title, due, done) in &s.milestones {
                w.insert_milestone(
                    id,
                    title,
                    date(due)?,
                    done.as_deref().map(date).transpose()?,
                )?;
                summary.milestones += 1;
            }
            summary.subtasks += 1;
        }
        if t.once {
            w.set_reportable(node.id, false)?;
        }
        tasks.push(DemoTask {
            def: t,
            node,
            indicators,
        });
    }
    let units = w.units()?;
    summary.reports = add_reports(w, &def, &tasks, &units)?;
    w.audit(&AuditEntry {
        op: "demo".into(),
        entity: "plan".into(),
        entity_id: Some(1),
        summary: format!(
            "added demo data: {} sub-tasks, {} milestones, {} indicators, {} reports",
            summary.subtasks, summary.milestones, summary.indicators, summary.reports
        ),
        before: None,
        after: None,
    })?;
    Ok(summary)
}

fn assign(
    w: &Writer<'_>,
    node: i64,
    lead: &[String],
    support: &[String],
    agency: &impl Fn(&str) -> Result<i64>,
) -> Result<()> {
    for name in lead {
        w.assign(node, agency(name)?, Role::Lead)?;
    }
    for name in support {
        w.assign(node, agency(name)?, Role::Support)?;
    }
    Ok(())
}

/// The unit's contact person, the same in every period.
fn author(def: &DemoDef, unit: &Unit) -> String {
    let surnames: Vec<char> = def.surnames.chars().collect();
    let h = hash(&unit.name);
    let surname = surnames
        .get((h % surnames.len().max(1) as u64) as usize)
        .copied()
        .unwrap_or('王');
    let given = def
        .given_names
        .get(((h >> 16) % def.given_names.len().max(1) as u64) as usize)
        .map(String::as_str)
        .unwrap_or("丽");
    format!("{surname}{given}")
}

fn add_reports(
    w: &Writer<'_>,
    def: &DemoDef,
    tasks: &[DemoTask<'_>],
    units: &[Unit],
) -> Result<usize> {
    let kind = PeriodKind::Quarter;
    let first = Period::from_code(&def.first_period)
        .ok_or_else(|| bad(format!("bad period {}", def.first_period)))?;
    let last = Period::from_code(&def.last_period)
        .ok_or_else(|| bad(format!("bad period {}", def.last_period)))?;
    let periods: Vec<Period> = first.iter_to(last).collect();
    debug_assert!(periods.iter().all(|p| p.kind() == kind));
    let share = (units.len() * periods.len()).max(1) as f64;
    let mut rng = Rng::new(20210609);
    let mut added = 0;
    for (pi, period) in periods.iter().enumerate() {
        for unit in units {
            let late_unit = def.late_units.contains(&unit.name);
            let skip_period = if late_unit {
                rng.chance(0.2)
            } else {
                rng.chance(0.015)
            };
            // The newest period is still coming in: late units have not reported.
            if skip_period || (late_unit && pi + 1 == periods.len()) {
                continue;
            }
            let day = if late_unit {
                period.end() + chrono::Days::new(rng.range(12, 40) as u64)
            } else {
                period.end() - chrono::Days::new(rng.range(2, 20) as u64)
            };
            let name = author(def, unit);
            for task in tasks {
                if task.def.once && pi >= 2 || rng.chance(0.03) {
                    continue;
                }
                let mut values = Vec::new();
                for (id, target) in &task.indicators {
                    let v = if task.def.once {
                        if pi == 0 || late_unit && pi == 1 {
                            1.0
                        } else {
                            continue;
                        }
                    } else {
                        let mean = target / share * task.def.pace;
                        (mean * (0.4 + 1.2 * rng.unit())).round()
                    };
                    values.push((*id, v));
                }
                let text = task
                    .def
                    .texts
                    .get((rng.next_u64() % task.def.texts.len().max(1) as u64) as usize)
                    .cloned()
                    .unwrap_or_default();
                let mut body = text.replace("{unit}", &unit.short_name);
                for (i, (_, v)) in values.iter().enumerate() {
                    body = body.replace(&format!("{{v{i}}}"), &crate::model::numbers::quantity(*v));
                }
                let report = NewReport {
                    unit_id: unit.id,
                    node_id: task.node.id,
                    period: *period,
                    reported_on: day,
                    author: name.clone(),
                    body,
                    values,
                    batch_id: None,
                };
                let id = w.add_report(&report)?.id();
                added += 1;
                review(w, &mut rng, id, &report, periods.len() - pi)?;
            }
        }
    }
    Ok(added)
}

/// Older reports are reviewed; a few were returned and sent again.
fn review(w: &Writer<'_>, rng: &mut Rng, id: i64, report: &NewReport, age: usize) -> Result<()> {
    if age <= 2 {
        return Ok(());
    }
    if rng.chance(0.02) {
        w.set_review(
            id,
            crate::model::Review::Returned,
            Some("请补充具体数据和佐证材料。"),
        )?;
        let again = NewReport {
            reported_on: report.reported_on + chrono::Days::new(7),
            body: format!("{}（已按要求补充活动清单和佐证材料。）", report.body),
            ..report.clone()
        };
        let new_id = w.add_report(&again)?.id();
        w.set_review(new_id, crate::model::Review::Accepted, None)?;
    } else {
        w.set_review(id, crate::model::Review::Accepted, None)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
