//! Everything the views and the exports compute from the data at an as-of
//! date — progress, 序时进度, warning lights, overdue and due-soon
//! milestones, reporting coverage — computed once per data change in one
//! [`Snapshot`] that the console and every export share, so no figure is
//! ever computed two ways.

pub mod board;
pub mod coverage;
pub mod progress;
pub mod reporting;
pub mod tally;
#[cfg(test)]
pub(crate) mod test_demo;

use std::collections::HashMap;

use chrono::NaiveDate;

pub use coverage::{Coverage, UnitCoverage, UnitStanding};
pub use progress::{Light, Pace};
pub use tally::{Deadline, Deadlines, MilestoneTally, Scope};

use crate::db::{Result, Store};
use crate::model::{
    Agency, Assignment, Indicator, Milestone, Node, NodeKind, Outline, Period, PlanInfo, Role,
    Status, Unit,
};

/// Computed facts about one node at the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeStat {
    /// 0–100.
    pub progress: f64,
    /// 序时进度 expected at the as-of date, where the node has a window.
    pub expected: Option<f64>,
    pub pace: Pace,
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
    /// Reported total per indicator received by the as-of date.
    pub indicator_totals: HashMap<i64, f64>,
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
        let mut snap = Snapshot {
            as_of,
            outline: store.outline()?,
            agencies: store.agencies()?,
            units,
            assignments: store.assignments()?,
            milestones: store.milestones()?,
            indicators: store.indicators()?,
            indicator_totals: store.indicator_totals(as_of)?,
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
        let mut milestones_of: HashMap<i64, Vec<&Milestone>> = HashMap::new();
        for m in &self.milestones {
            milestones_of.entry(m.node_id).or_default().push(m);
        }
        let mut indicators_of: HashMap<i64, Vec<(f64, f64)>> = HashMap::new();
        for i in &self.indicators {
            if let Some(target) = i.target.filter(|t| *t > 0.0) {
                let total = self.indicator_totals.get(&i.id).copied().unwrap_or(0.0);
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
            let open: Vec<&&Milestone> = ms.iter().filter(|m| !m.done_by(as_of)).collect();
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
                status_done: node.status == Status::Done,
                manual: node.progress,
                indicators: indicators_of.get(&node.id).cloned().unwrap_or_default(),
                milestones: (done, ms.len()),
                children,
            });
            let (start, end) = self.window(node, ms);
            let expected = progress::expected(start, end, as_of);
            // Work measured by its milestones alone advances in steps: it is
            // on pace while none is overdue, whatever the share done.
            let milestones_only = node.progress.is_none()
                && !indicators_of.contains_key(&node.id)
                && self.outline.children(node.id).is_empty()
                && !ms.is_empty();
            let pace = if milestones_only && node.status != Status::Done {
                if overdue > 0 {
                    Pace::Behind
                } else {
                    Pace::OnPace
                }
            } else {
                progress::pace(node.status, value, expected)
            };
            let light = progress::light(
                &progress::LightInputs {
                    status: node.status,
                    due: node.due,
                    pace,
                    overdue_milestones: overdue,
                    soon_milestones: soon,
                },
                as_of,
                warn,
            );
            let next_milestone = open.iter().min_by_key(|m| (m.due, m.id)).map(|m| m.id);
            stats.insert(
                node.id,
                NodeStat {
                    progress: value,
                    expected,
                    pace,
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

    /// Count of tasks and sub-tasks by pace.
    pub fn pace_counts(&self) -> [(Pace, usize); 4] {
        Pace::ALL.map(|p| {
            let n = self
                .work_items()
                .filter(|n| self.stat(n.id).is_some_and(|s| s.pace == p))
                .count();
            (p, n)
        })
    }

    /// Milestones past due and not done, the latest first.
    pub fn overdue(&self) -> Vec<Overdue> {
        let mut list: Vec<Overdue> = self
            .milestones
            .iter()
            .filter(|m| m.due < self.as_of && !m.done_by(self.as_of))
            .map(|m| Overdue {
                milestone_id: m.id,
                node_id: m.node_id,
                days_late: (self.as_of - m.due).num_days(),
            })
            .collect();
        list.sort_by_key(|o| (std::cmp::Reverse(o.days_late), o.milestone_id));
        list
    }

    /// Milestones not done that fall due within the warning window, soonest first.
    pub fn due_soon(&self) -> Vec<&Milestone> {
        let mut list: Vec<&Milestone> = self
            .milestones
            .iter()
            .filter(|m| {
                !m.done_by(self.as_of)
                    && progress::due_soon(m.due, self.as_of, self.plan.warning_days)
            })
            .collect();
        list.sort_by_key(|m| (m.due, m.id));
        list
    }
}

#[cfg(test)]
mod tests;
