//! Demo data for the built-in plan: who leads and supports each task,
//! milestones, indicators and five years of quarterly reports from the 41
//! units — with some units late, some tasks behind and some milestones
//! overdue, so that every warning the product shows has something to show.
//! Deterministic: the same every time. The definitions are data
//! (`fixtures/demo.json`); this module turns them into rows.

pub mod rng;
mod schedule;
mod story;
pub mod synthetic;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::db::{AuditEntry, Result, StoreError, Writer};
use crate::model::{Period, Role};

const DEFINITIONS: &str = include_str!("../../fixtures/demo.json");

#[derive(Debug, Deserialize)]
pub(crate) struct DemoDef {
    pub plan_start: String,
    pub plan_end: String,
    pub first_period: String,
    pub last_period: String,
    pub late_units: Vec<String>,
    pub surnames: String,
    pub given_names: Vec<String>,
    pub tasks: Vec<TaskDef>,
}

/// A milestone: title, due date, done date (none while open).
pub(crate) type MilestoneDef = (String, String, Option<String>);

#[derive(Debug, Deserialize)]
pub(crate) struct TaskDef {
    pub code: String,
    lead: Vec<String>,
    support: Vec<String>,
    /// Done on the day its last milestone is done.
    #[serde(default)]
    pub done: bool,
    /// A stretch marked 滞后, with its reason, until it recovered.
    #[serde(default)]
    pub late: Option<LateDef>,
    /// Units report on it from this period (default: the first).
    #[serde(default)]
    pub start_period: Option<String>,
    indicators: Vec<(String, String, f64)>,
    pub pace: f64,
    #[serde(default)]
    pub once: bool,
    pub milestones: Vec<MilestoneDef>,
    #[serde(default)]
    pub subtasks: Vec<SubtaskDef>,
    pub texts: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LateDef {
    pub from: String,
    pub to: Option<String>,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SubtaskDef {
    pub title: String,
    lead: Vec<String>,
    support: Vec<String>,
    /// The day the office set it going (推进中 from then).
    pub start: String,
    #[serde(default)]
    pub done: bool,
    /// How fast the office's progress figures run against time.
    pub pace: f64,
    /// Later changes of its due date: (day of effect, new due date).
    #[serde(default)]
    pub due_changes: Vec<(String, String)>,
    pub milestones: Vec<MilestoneDef>,
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

pub(crate) fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad(format!("{s:?} is not a date")))
}

/// A task the demo reports on, resolved against the database.
pub(crate) struct DemoTask {
    /// Index into the definitions' task list.
    pub index: usize,
    pub node_id: i64,
    /// (indicator id, target)
    pub indicators: Vec<(i64, f64)>,
    /// Its sub-tasks' nodes, in the definitions' order.
    pub subtasks: Vec<i64>,
}

/// The demo's structure in the database: roles, milestones, indicators,
/// sub-tasks — everything but the reports.
pub(crate) struct Structure {
    pub def: DemoDef,
    pub tasks: Vec<DemoTask>,
    pub summary: DemoSummary,
    pub plan_start: NaiveDate,
    pub plan_end: NaiveDate,
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

    /// The first period units report on a task in.
    pub fn first_period_of(&self, task: &DemoTask) -> Result<Option<Period>> {
        self.task_def(task)
            .start_period
            .as_deref()
            .map(|code| Period::from_code(code).ok_or_else(|| bad(format!("bad period {code}"))))
            .transpose()
    }
}

/// Adds the demo data to a database holding the built-in plan.
pub fn add(w: &Writer<'_>) -> Result<DemoSummary> {
    let structure = add_structure(w)?;
    let units = w.units()?;
    let mut summary = structure.summary;
    summary.reports = schedule::add_reports(w, &structure, &units)?;
    story::record(w, &structure)?;
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
    let plan_start = date(&def.plan_start)?;
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
        assign(w, node.id, &t.lead, &t.support, &agency)?;
        summary.milestones += milestones(w, node.id, &t.milestones)?;
        let mut indicators = Vec::new();
        for (name, measure, target) in &t.indicators {
            indicators.push((
                w.insert_indicator(node.id, name, measure, Some(*target))?,
                *target,
            ));
            summary.indicators += 1;
        }
        let mut subtasks = Vec::new();
        for (i, s) in t.subtasks.iter().enumerate() {
            let id = w.insert_subtask(node.id, i as u32 + 1, node.level + 1, &s.title)?;
            assign(w, id, &s.lead, &s.support, &agency)?;
            summary.milestones += milestones(w, id, &s.milestones)?;
            subtasks.push(id);
            summary.subtasks += 1;
        }
        if t.once {
            w.set_reportable(node.id, false)?;
        }
        tasks.push(DemoTask {
            index,
            node_id: node.id,
            indicators,
            subtasks,
        });
    }
    Ok(Structure {
        def,
        tasks,
        summary,
        plan_start,
        plan_end,
    })
}

fn milestones(w: &Writer<'_>, node: i64, list: &[MilestoneDef]) -> Result<usize> {
    for (title, due, done) in list {
        w.insert_milestone(
            node,
            title,
            date(due)?,
            done.as_deref().map(date).transpose()?,
        )?;
    }
    Ok(list.len())
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
