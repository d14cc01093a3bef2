//! Demo data for the built-in plan: who leads and supports each task,
//! milestones, indicators and five years of quarterly reports from the 41
//! units — with some units late, some tasks behind and some milestones
//! overdue, so that every warning the product shows has something to show.
//! Deterministic: the same every time. The definitions are data
//! (`fixtures/demo.json`); this module turns them into rows.

pub mod rng;
mod schedule;
pub mod synthetic;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::db::{AuditEntry, Result, StoreError, Writer};
use crate::model::{Period, Role, Status};

const DEFINITIONS: &str = include_str!("../../fixtures/demo.json");

#[derive(Debug, Deserialize)]
pub(crate) struct DemoDef {
    pub plan_end: String,
    pub first_period: String,
    pub last_period: String,
    pub late_units: Vec<String>,
    pub surnames: String,
    pub given_names: Vec<String>,
    pub tasks: Vec<TaskDef>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct TaskDef {
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
pub(crate) struct DemoTask {
    /// Index into the definitions' task list.
    pub index: usize,
    pub node_id: i64,
    /// (indicator id, target)
    pub indicators: Vec<(i64, f64)>,
}

/// The demo's structure in the database: roles, milestones, indicators,
/// sub-tasks — everything but the reports.
pub(crate) struct Structure {
    pub def: DemoDef,
    pub tasks: Vec<DemoTask>,
    pub summary: DemoSummary,
}

impl Structure {
    pub fn task_def(&self, task: &DemoTask) -> &TaskDef {
        &self.def.tasks[task.index]
    }

    pub fn periods(&self) -> Result<Vec<Period>> {
        let first = Period::from_code(&self.def.first_period)
            .ok_or_else(|| bad(format!("bad period {}", self.def.first_period)))?;
        let last = Period::from_code(&self.def.last_period)
            .ok_or_else(|| bad(format!("bad period {}", self.def.last_period)))?;
        Ok(first.iter_to(last).collect())
    }
}

/// Adds the demo data to a database holding the built-in plan.
pub fn add(w: &Writer<'_>) -> Result<DemoSummary> {
    let structure = add_structure(w)?;
    let units = w.units()?;
    let mut summary = structure.summary;
    summary.reports = schedule::add_reports(w, &structure, &units)?;
    record(w, "添加演示数据", &summary)?;
    Ok(summary)
}

/// The audit entry for generated data.
pub(crate) fn record(w: &Writer<'_>, what: &str, summary: &DemoSummary) -> Result<()> {
    w.audit(&AuditEntry {
        op: "demo".into(),
        entity: "plan".into(),
        entity_id: Some(1),
        summary: format!(
            "{what}：子任务{}个，时间节点{}个，指标{}个，进展报送{}条",
            summary.subtasks, summary.milestones, summary.indicators, summary.reports
        ),
        before: None,
        after: None,
    })?;
    Ok(())
}

/// Roles, milestones, indicators and sub-tasks of the demo.
pub(crate) fn add_structure(w: &Writer<'_>) -> Result<Structure> {
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
    for (index, t) in def.tasks.iter().enumerate() {
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
            index,
            node_id: node.id,
            indicators,
        });
    }
    Ok(Structure {
        def,
        tasks,
        summary,
    })
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

#[cfg(test)]
mod tests;
