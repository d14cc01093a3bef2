//! `json`: all data as it stood at the as-of date, for other systems — the
//! plan, agencies, units, the outline with each node's figures, milestones,
//! indicators with their reported totals, the period's coverage and every
//! current report received by the as-of date (streamed, one per line).
//!
//! The layout is fixed: keys in the order written here, one array element
//! per line, dates as ISO text, figures rounded to two decimals, stored
//! text cleaned of control, bidi and zero-width characters. The same
//! database and as-of date give the same bytes.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::{Ctx, ExportError, Result};
use crate::analysis::{DataWarning, Light, Pace, UnitStanding};
use crate::db::ReportFilter;
use crate::model::dates::format_iso;
use crate::model::{NodeKind, Role};
use crate::text::sanitize::for_export;

/// Format name and version, so a reader can tell what it holds.
pub const FORMAT: &str = "bayu-export";
pub const VERSION: u32 = 2;

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn iso(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(format_iso)
}

/// The pace as other systems read it; `None` where a task is not classed
/// (未启动, 滞后, 暂停, before the plan's start).
fn pace_code(p: Pace) -> Option<&'static str> {
    match p {
        Pace::Behind => Some("behind"),
        Pace::OnPace => Some("on_pace"),
        Pace::Ahead => Some("ahead"),
        Pace::Unset => Some("unset"),
        Pace::Done => Some("done"),
        Pace::NotClassed => None,
    }
}

fn warning_code(w: DataWarning) -> &'static str {
    match w {
        DataWarning::NotStartedButActive { .. } => "not_started_but_active",
        DataWarning::DoneWithOpenMilestones { .. } => "done_with_open_milestones",
    }
}

fn light_code(l: Light) -> &'static str {
    match l {
        Light::Red => "red",
        Light::Yellow => "yellow",
        Light::Green => "green",
    }
}

fn standing_code(s: UnitStanding) -> &'static str {
    match s {
        UnitStanding::Missing => "missing",
        UnitStanding::Pending => "pending",
        UnitStanding::Late => "late",
        UnitStanding::OnTime => "on_time",
    }
}

fn kind_code(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Part => "part",
        NodeKind::Action => "action",
        NodeKind::Task => "task",
        NodeKind::SubTask => "subtask",
    }
}

#[derive(Serialize)]
struct Plan {
    title: String,
    action_name: String,
    doc_number: Option<String>,
    issued_on: Option<String>,
    period_kind: &'static str,
    start: Option<String>,
    end: Option<String>,
    warning_days: u32,
    report_grace_days: u32,
}

#[derive(Serialize)]
struct Summary {
    overall_progress: f64,
    tasks: usize,
    subtasks: usize,
    status: BTreeMap<&'static str, usize>,
    pace: BTreeMap<&'static str, usize>,
    lights: BTreeMap<&'static str, usize>,
    milestones_total: usize,
    milestones_due: usize,
    milestones_on_time: usize,
    milestones_done_late: usize,
    milestones_overdue: usize,
    milestones_due_today: usize,
    milestones_closed: usize,
    milestones_due_soon: usize,
    deadlines_overdue: usize,
    deadlines_due_today: usize,
    deadlines_due_soon: usize,
    before_plan: bool,
    schedule_set: bool,
}

#[derive(Serialize)]
struct Agency {
    id: i64,
    name: String,
    short_name: String,
    is_issuer: bool,
}

#[derive(Serialize)]
struct Unit {
    id: i64,
    code: Option<String>,
    name: String,
    short_name: String,
    kind: String,
    valid_from: Option<String>,
    valid_to: Option<String>,
}

#[derive(Serialize)]
struct Node {
    id: i64,
    parent_id: Option<i64>,
    code: String,
    label: String,
    kind: &'static str,
    title: String,
    status: &'static str,
    status_reason: Option<String>,
    start: Option<String>,
    due: Option<String>,
    lead: Vec<i64>,
    support: Vec<i64>,
    progress: Option<f64>,
    expected: Option<f64>,
    pace: Option<&'static str>,
    light: Option<&'static str>,
    warning: Option<&'static str>,
    last_report: Option<String>,
    body: String,
}

#[derive(Serialize)]
struct Milestone {
    id: i64,
    node_id: i64,
    title: String,
    due: String,
    done: Option<String>,
}

#[derive(Serialize)]
struct Indicator {
    id: i64,
    node_id: i64,
    name: String,
    measure: String,
    target: Option<f64>,
    total: f64,
    pending_review: f64,
}

#[derive(Serialize)]
struct CoverageUnit {
    unit_id: i64,
    standing: &'static str,
    reports: u32,
    first: Option<String>,
}

#[derive(Serialize)]
struct Coverage {
    period: String,
    deadline: String,
    expected: usize,
    reported: usize,
    units: Vec<CoverageUnit>,
}

#[derive(Serialize)]
struct Value {
    indicator_id: i64,
    value: f64,
}

#[derive(Serialize)]
struct Report {
    id: i64,
    unit_id: i64,
    node_id: i64,
    period: String,
    reported_on: String,
    author: String,
    body: String,
    review: &'static str,
    review_comment: Option<String>,
    revision: u32,
    values: Vec<Value>,
}

fn line<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| ExportError::Write(std::io::Error::other(e)))
}

/// `  "key": [` one element per line `]`.
fn array<T: Serialize>(
    out: &mut dyn Write,
    key: &str,
    items: impl IntoIterator<Item = T>,
) -> Result<()> {
    write!(out, "  \"{key}\": [")?;
    let mut first = true;
    for item in items {
        write!(
            out,
            "{}\n    {}",
            if first { "" } else { "," },
            line(&item)?
        )?;
        first = false;
    }
    writeln!(out, "{}],", if first { "" } else { "\n  " })?;
    Ok(())
}

pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> Result<()> {
    let snap = ctx.snap;
    let scope = ctx.scope;
    let p = &snap.plan;
    writeln!(out, "{{")?;
    writeln!(out, "  \"format\": {},", line(&FORMAT)?)?;
    writeln!(out, "  \"version\": {VERSION},")?;
    writeln!(out, "  \"as_of\": {},", line(&format_iso(snap.as_of))?)?;
    let plan = Plan {
        title: for_export(&p.title),
        action_name: for_export(&p.action_name),
        doc_number: p.doc_number.as_deref().map(for_export),
        issued_on: iso(p.issued_on),
        period_kind: p.period_kind.as_str(),
        start: iso(p.start),
        end: iso(p.end),
        warning_days: p.warning_days,
        report_grace_days: p.report_grace_days,
    };
    writeln!(out, "  \"plan\": {},", line(&plan)?)?;
    let (tasks, subtasks) = snap.work_item_counts(scope);
    let t = snap.milestone_tally(scope);
    let due = snap.deadlines(scope).counts();
    let summary = Summary {
        overall_progress: round2(snap.overall_progress()),
        tasks,
        subtasks,
        status: snap
            .status_counts(scope)
            .iter()
            .map(|(s, n)| (s.code(), *n))
            .collect(),
        pace: snap
            .pace_counts_in(scope)
            .iter()
            .filter_map(|(x, n)| Some((pace_code(*x)?, *n)))
            .collect(),
        lights: snap
            .light_counts()
            .iter()
            .map(|(l, n)| (light_code(*l), *n))
            .collect(),
        milestones_total: t.total,
        milestones_due: t.due,
        milestones_on_time: t.on_time,
        milestones_done_late: t.done_late,
        milestones_overdue: t.overdue,
        milestones_due_today: t.today,
        milestones_closed: t.closed,
        milestones_due_soon: t.soon,
        deadlines_overdue: due.overdue,
        deadlines_due_today: due.today,
        deadlines_due_soon: due.soon,
        before_plan: snap.before_plan(),
        schedule_set: snap.has_schedule(),
    };
    writeln!(out, "  \"summary\": {},", line(&summary)?)?;
    array(
        out,
        "agencies",
        snap.agencies.iter().map(|a| Agency {
            id: a.id,
            name: for_export(&a.name),
            short_name: for_export(&a.short_name),
            is_issuer: a.is_issuer,
        }),
    )?;
    array(
        out,
        "units",
        snap.units.iter().map(|u| Unit {
            id: u.id,
            code: u.code.as_deref().map(for_export),
            name: for_export(&u.name),
            short_name: for_export(&u.short_name),
            kind: for_export(&u.kind),
            valid_from: iso(u.valid_from),
            valid_to: iso(u.valid_to),
        }),
    )?;
    let ids = |node_id: i64, role: Role| -> Vec<i64> {
        snap.agencies_of(node_id, role)
            .iter()
            .map(|a| a.id)
            .collect()
    };
    array(
        out,
        "nodes",
        snap.outline.iter().map(|n| {
            let stat = snap.stat(n.id);
            Node {
                id: n.id,
                parent_id: n.parent,
                code: snap.outline.code(n.id),
                label: snap.outline.label(n.id),
                kind: kind_code(NodeKind::of_level(n.level)),
                title: for_export(&n.title),
                status: stat.map_or(n.status, |s| s.statement.status).code(),
                status_reason: n
                    .status_reason
                    .as_deref()
                    .filter(|_| stat.is_some_and(|s| s.statement.says_reason()))
                    .map(for_export),
                start: iso(n.start),
                due: iso(n.due),
                lead: ids(n.id, Role::Lead),
                support: ids(n.id, Role::Support),
                progress: stat.map(|s| round2(s.progress)),
                expected: stat.and_then(|s| s.expected).map(round2),
                pace: stat.and_then(|s| pace_code(s.pace)),
                light: stat.map(|s| light_code(s.light)),
                warning: stat.and_then(|s| s.statement.warning).map(warning_code),
                last_report: iso(snap.last_report.get(&n.id).copied()),
                body: for_export(&n.body),
            }
        }),
    )?;
    array(
        out,
        "milestones",
        snap.milestones.iter().map(|m| Milestone {
            id: m.id,
            node_id: m.node_id,
            title: for_export(&m.title),
            due: format_iso(m.due),
            done: iso(m.done.filter(|d| *d <= snap.as_of)),
        }),
    )?;
    array(
        out,
        "indicators",
        snap.indicators.iter().map(|i| Indicator {
            id: i.id,
            node_id: i.node_id,
            name: for_export(&i.name),
            measure: for_export(&i.measure),
            target: i.target,
            total: round2(snap.indicator_total(i.id)),
            pending_review: round2(snap.indicator_pending(i.id)),
        }),
    )?;
    let c = &ctx.coverage;
    let coverage = Coverage {
        period: c.period.code(),
        deadline: format_iso(c.deadline),
        expected: c.expected(),
        reported: c.reported(),
        units: c
            .units
            .iter()
            .map(|u| CoverageUnit {
                unit_id: u.unit_id,
                standing: standing_code(u.standing),
                reports: u.reports,
                first: iso(u.first),
            })
            .collect(),
    };
    writeln!(out, "  \"coverage\": {},", line(&coverage)?)?;
    write!(out, "  \"reports\": [")?;
    let mut first = true;
    let filter = ReportFilter {
        as_of: snap.as_of,
        period: None,
    };
    ctx.store.for_each_report(filter, |r| -> Result<()> {
        let report = Report {
            id: r.id,
            unit_id: r.unit_id,
            node_id: r.node_id,
            period: r.period.code(),
            reported_on: format_iso(r.reported_on),
            author: for_export(&r.author),
            body: for_export(&r.body),
            review: r.review_at(snap.as_of).code(),
            review_comment: r.review_comment.as_deref().map(for_export),
            revision: r.revision,
            values: r
                .values
                .iter()
                .map(|(indicator_id, value)| Value {
                    indicator_id: *indicator_id,
                    value: *value,
                })
                .collect(),
        };
        write!(
            out,
            "{}\n    {}",
            if first { "" } else { "," },
            line(&report)?
        )?;
        first = false;
        Ok(())
    })?;
    writeln!(out, "{}]", if first { "" } else { "\n  " })?;
    writeln!(out, "}}")?;
    Ok(())
}
