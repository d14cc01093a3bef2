//! Everything the views and the exports compute from the data at an as-of
//! date — progress, 序时进度, warning lights, overdue and due-soon
//! milestones, reporting coverage — computed once per data change in one
//! [`Snapshot`] that the console and every export share, so no figure is
//! ever computed two ways.

pub mod board;
pub mod coverage;
pub mod progress;
pub mod reporting;
pub mod statement;
pub mod tally;
#[cfg(test)]
pub(crate) mod test_demo;

use std::collections::HashMap;

use chrono::NaiveDate;

pub use coverage::{Coverage, UnitCoverage, UnitStanding};
pub use progress::Light;
pub use statement::{DataWarning, Pace, Statement};
pub use tally::{Deadline, Deadlines, DueCounts, MilestoneTally, Scope};

use crate::db::{Result, Store};
use crate::model::{
    Agency, Assignment, History, Indicator, Milestone, Node, NodeKind, Outline, Period, PlanInfo,
    Role, Status, Unit,
};

/// Computed facts about one node at the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeStat {
    /// 0–100 (100 for 已完成): what means and roll-ups use.
    pub progress: f64,
    /// 序时进度 expected at the as-of date, where the node has a window.
    pub expected: Option<f64>,
    /// The class the rules give (see [`statement`]); the same as
    /// `statement.pace` for tasks and sub-tasks.
    pub pace: Pace,
    /// What may be said of it (tasks and sub-tasks; groups are judged as
    /// work in progress).
    pub statement: Statement,
    pub light: Light,
    /// The first milestone not done by the as-of date.
    pub next_milestone: Option<i64>,
    pub overdue_milestones: usize,
    pub soon_milestones: usize,
}

/// A milestone past due and not done, with how late it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    pub milestone_id: i64,
    pub node_id: i64,
    pub days_late: i64,
}

/// The data and its figures at one as-of date.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub as_of: NaiveDate,
    pub plan: PlanInfo,
    pub outline: Outline,
    pub agencies: Vec<Agency>,
    pub units: Vec<Unit>,
    pub assignments: Vec<Assignment>,
    pub milestones: Vec<Milestone>,
    pub indicators: Vec<Indicator>,
    /// Reported total per indicator: current reports received by the
    /// as-of date, less those returned (退回) by then.
    pub indicator_totals: HashMap<i64, f64>,
    /// The part of each total still pending review (待审核) on the as-of
    /// date: received by then and not reviewed by then.
    pub indicator_pending: HashMap<i64, f64>,
    /// Every task's recorded statuses, progress and dates.
    pub history: History,
    pub stats: HashMap<i64, NodeStat>,
    /// The period whose reports are due next.
    pub period: Period,
    pub coverage: Coverage,
    /// Newest report date per node.
    pub last_report: HashMap<i64, NaiveDate>,
}

impl Snapshot {
    /// Reads what the figures need and computes them.
    pub fn load(store: &Store, as_of: NaiveDate) -> Result<Snapshot> {
        let plan = store.plan()?;
        let period = coverage::reporting_period(&plan, as_of);
        let units = store.units()?;
        let period_stats = store.period_stats(period, as_of)?;
        let coverage =
            Coverage::compute(period, plan.report_grace_days, as_of, &units, &period_stats);
        let history = store.history()?;
        let received = store.indicator_totals(as_of)?;
        let reviewed = store.reviewed_totals(as_of)?;
        let (indicator_totals, indicator_pending) = figures(&received, &reviewed);
        let mut snap = Snapshot {
            as_of,
            outline: store.outline_from(&history, as_of)?,
            agencies: store.agencies()?,
            units,
            assignments: store.assignments()?,
            milestones: store.milestones()?,
            indicators: store.indicators()?,
            indicator_totals,
            indicator_pending,
            history,
            last_report: store.last_report_per_node(as_of)?,
            stats: HashMap::new(),
            period,
            coverage,
            plan,
        };
        snap.stats = snap.compute_stats();
        Ok(snap)
    }

    fn compute_stats(&self) -> HashMap<i64, NodeStat> {
        let as_of = self.as_of;
        let warn = self.plan.warning_days;
        let before_plan = statement::before_plan(self.plan.begins(), as_of);
        let mut milestones_of: HashMap<i64, Vec<&Milestone>> = HashMap::new();
        for m in &self.milestones {
            milestones_of.entry(m.node_id).or_default().push(m);
        }
        let mut indicators_of: HashMap<i64, Vec<(f64, f64)>> = HashMap::new();
        for i in &self.indicators {
            if let Some(target) = i.target.filter(|t| *t > 0.0) {
                let total = self.indicator_total(i.id);
                indicators_of
                    .entry(i.node_id)
                    .or_default()
                    .push((total, target));
            }
        }
        let mut stats: HashMap<i64, NodeStat> = HashMap::new();
        // Children before parents: reverse document order.
        let order: Vec<&Node> = self.outline.iter().collect();
        for node in order.into_iter().rev() {
            let ms = milestones_of
                .get(&node.id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let done = ms.iter().filter(|m| m.done_by(as_of)).count();
            let finished = node.status == Status::Done && !before_plan;
            // A done task's open milestones are a data warning, not
            // deadlines: nothing of it is overdue or due.
            let open: Vec<&&Milestone> = ms
                .iter()
                .filter(|m| !m.done_by(as_of) && !finished)
                .collect();
            let overdue = open.iter().filter(|m| m.due < as_of).count();
            let soon = open
                .iter()
                .filter(|m| progress::due_soon(m.due, as_of, warn))
                .count();
            let children: Vec<f64> = self
                .outline
                .children(node.id)
                .iter()
                .filter_map(|c| stats.get(c).map(|s| s.progress))
                .collect();
            let value = progress::progress(&progress::ProgressInputs {
                status_done: finished,
                manual: node.progress,
                indicators: indicators_of.get(&node.id).cloned().unwrap_or_default(),
                milestones: (done, ms.len()),
                children,
            });
            let (start, end) = self.window(node, ms);
            let expected = progress::expected(start, end, as_of);
            let work = NodeKind::of_level(node.level).is_work();
            // A group of tasks (一、 （一）) stands as its parts do: done
            // when all are, not started while none has started, in
            // progress otherwise.
            let group_status = || {
                let kids: Vec<Status> = self
                    .outline
                    .children(node.id)
                    .iter()
                    .filter_map(|c| stats.get(c).map(|s| s.statement.status))
                    .collect();
                if !kids.is_empty() && kids.iter().all(|s| *s == Status::Done) {
                    Status::Done
                } else if kids.iter().all(|s| *s == Status::NotStarted) {
                    Status::NotStarted
                } else {
                    Status::InProgress
                }
            };
            let facts = statement::Facts {
                status: if work { node.status } else { group_status() },
                progress: value,
                expected,
                before_plan,
                reports: self.last_report.contains_key(&node.id),
                milestones_done: done,
                milestones_open: ms.len() - done,
                manual: node.progress,
            };
            let said = statement::judge(&facts);
            let light = if before_plan {
                Light::Green
            } else {
                progress::light(
                    &progress::LightInputs {
                        status: node.status,
                        due: node.due.filter(|_| work),
                        pace: said.pace,
                        overdue_milestones: overdue,
                        soon_milestones: soon,
                    },
                    as_of,
                    warn,
                )
            };
            let next_milestone = open.iter().min_by_key(|m| (m.due, m.id)).map(|m| m.id);
            stats.insert(
                node.id,
                NodeStat {
                    progress: value,
                    expected,
                    pace: said.pace,
                    statement: said,
                    light,
                    next_milestone,
                    overdue_milestones: overdue,
                    soon_milestones: soon,
                },
            );
        }
        stats
    }

    /// A node's time window: its own dates, else its milestones' span
    /// within the plan's life, else the plan's life.
    fn window(&self, node: &Node, ms: &[&Milestone]) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let start = node.start.or(self.plan.start);
        let end = node
            .due
            .or_else(|| ms.iter().map(|m| m.due).max())
            .or(self.plan.end);
        (start, end)
    }

    pub fn stat(&self, node_id: i64) -> Option<&NodeStat> {
        self.stats.get(&node_id)
    }

    pub fn agency(&self, id: i64) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    pub fn unit(&self, id: i64) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn milestone(&self, id: i64) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// Agencies with `role` on a node, in their assigned order.
    pub fn agencies_of(&self, node_id: i64, role: Role) -> Vec<&Agency> {
        self.assignments
            .iter()
            .filter(|a| a.node_id == node_id && a.role == role)
            .filter_map(|a| self.agency(a.agency_id))
            .collect()
    }

    /// Short names joined with 、 (e.g. `市妇联、市科协`), empty if none.
    pub fn agency_names(&self, node_id: i64, role: Role) -> String {
        self.agencies_of(node_id, role)
            .iter()
            .map(|a| a.short_name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The first lead agency of a node, or of its nearest ancestor that has one.
    pub fn lead_agency(&self, node_id: i64) -> Option<&Agency> {
        self.outline
            .path(node_id)
            .iter()
            .rev()
            .find_map(|n| self.agencies_of(n.id, Role::Lead).into_iter().next())
    }

    pub fn milestones_of(&self, node_id: i64) -> impl Iterator<Item = &Milestone> {
        self.milestones.iter().filter(move |m| m.node_id == node_id)
    }

    pub fn indicators_of(&self, node_id: i64) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(move |i| i.node_id == node_id)
    }

    pub fn indicator_total(&self, indicator_id: i64) -> f64 {
        self.indicator_totals
            .get(&indicator_id)
            .copied()
            .unwrap_or(0.0)
    }

    /// Tasks and sub-tasks, in document order.
    pub fn work_items(&self) -> impl Iterator<Item = &Node> {
        self.outline.work_items()
    }

    /// Overall progress: the mean over the plan's tasks.
    pub fn overall_progress(&self) -> f64 {
        progress::mean(
            self.outline
                .iter()
                .filter(|n| NodeKind::of_level(n.level) == NodeKind::Task)
                .filter_map(|n| self.stat(n.id).map(|s| s.progress)),
        )
        .unwrap_or(0.0)
    }

    /// Count of tasks and sub-tasks by light.
    pub fn light_counts(&self) -> [(Light, usize); 3] {
        Light::ALL.map(|l| {
            let n = self
                .work_items()
                .filter(|n| self.stat(n.id).is_some_and(|s| s.light == l))
                .count();
            (l, n)
        })
    }

    /// Count of tasks and sub-tasks in progress by class, and of those in
    /// progress with 序时进度 未设定 (last).
    pub fn pace_counts(&self) -> [(Pace, usize); 4] {
        self.pace_counts_in(Scope::All)
    }

    /// Whether the as-of date lies before the plan's start.
    pub fn before_plan(&self) -> bool {
        statement::before_plan(self.plan.begins(), self.as_of)
    }

    /// Whether there is a plan schedule to measure 序时进度 against: the
    /// plan's life, or at least one task's own window.
    pub fn has_schedule(&self) -> bool {
        (self.plan.begins().is_some() && self.plan.end.is_some())
            || self.stats.values().any(|s| s.expected.is_some())
    }

    /// Tasks and sub-tasks whose data contradicts their status, in
    /// document order.
    pub fn warnings(&self) -> Vec<(&Node, DataWarning)> {
        self.work_items()
            .filter_map(|n| Some((n, self.stat(n.id)?.statement.warning?)))
            .collect()
    }

    /// The part of an indicator's total still pending review on the as-of date.
    pub fn indicator_pending(&self, indicator_id: i64) -> f64 {
        self.indicator_pending
            .get(&indicator_id)
            .copied()
            .unwrap_or(0.0)
    }

    /// Whether a milestone is open at the as-of date: not done by then,
    /// and its task not 已完成 (a done task's open milestones are a data
    /// warning, not deadlines).
    pub fn milestone_open(&self, m: &Milestone) -> bool {
        let task_done = self
            .outline
            .get(m.node_id)
            .is_some_and(|n| n.status == Status::Done);
        !m.done_by(self.as_of) && (!task_done || self.before_plan())
    }

    /// Milestones past due and still open, the latest first.
    pub fn overdue(&self) -> Vec<Overdue> {
        let mut list: Vec<Overdue> = self
            .milestones
            .iter()
            .filter(|m| m.due < self.as_of && self.milestone_open(m))
            .map(|m| Overdue {
                milestone_id: m.id,
                node_id: m.node_id,
                days_late: (self.as_of - m.due).num_days(),
            })
            .collect();
        list.sort_by_key(|o| (std::cmp::Reverse(o.days_late), o.milestone_id));
        list
    }

    /// Open milestones that fall due from the as-of date (that day
    /// included) to the end of the warning window, soonest first.
    pub fn due_soon(&self) -> Vec<&Milestone> {
        let mut list: Vec<&Milestone> = self
            .milestones
            .iter()
            .filter(|m| {
                self.milestone_open(m)
                    && progress::due_soon(m.due, self.as_of, self.plan.warning_days)
            })
            .collect();
        list.sort_by_key(|m| (m.due, m.id));
        list
    }
}

/// Counted and pending figures per indicator from what was received and
/// what was reviewed by the as-of date: counted = received less returned;
/// pending = received less accepted and returned.
fn figures(
    received: &HashMap<i64, f64>,
    reviewed: &HashMap<i64, (f64, f64)>,
) -> (HashMap<i64, f64>, HashMap<i64, f64>) {
    let mut counted = HashMap::new();
    let mut pending = HashMap::new();
    for (id, total) in received {
        let (accepted, returned) = reviewed.get(id).copied().unwrap_or_default();
        let tidy = |v: f64| if v.abs() < 1e-9 { 0.0 } else { v.max(0.0) };
        counted.insert(*id, tidy(total - returned));
        pending.insert(*id, tidy(total - accepted - returned));
    }
    (counted, pending)
}

#[cfg(test)]
mod tests;
