//! Reporting history (报送情况) over time: for every period up to the
//! current one, how each unit stood (on time, late, missing, not yet due),
//! each unit's last report and the periods it missed; and, for one period,
//! which unit reported on which task. Built on [`Coverage::compute`], so a
//! unit counts as missing in the matrix exactly when the overview says so.
//!
//! The history starts at the first period anyone reported for (or the
//! plan's first period when nobody has reported yet): before the office
//! started collecting, no unit can have missed a report.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Snapshot;
use super::coverage::{self, Coverage, UnitStanding};
use crate::db::{PeriodStats, Result, Store, UnitNodeStat};
use crate::model::{NodeKind, Period};

/// A unit's reporting record over the history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitRecord {
    /// Periods reported for (on time or late).
    pub reported: usize,
    pub late: usize,
    /// Periods whose deadline passed without a report, oldest first.
    pub missing: Vec<Period>,
    /// Date of its newest report received by the as-of date.
    pub last: Option<NaiveDate>,
}

/// Coverage of every period, oldest first; the last one is the snapshot's
/// reporting period.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub periods: Vec<Coverage>,
    last: HashMap<i64, NaiveDate>,
}

impl History {
    /// Reads the per-period aggregates and builds the history.
    pub fn load(store: &Store, snap: &Snapshot) -> Result<History> {
        Ok(History::compute(
            snap,
            &store.unit_period_stats(snap.as_of)?,
        ))
    }

    pub fn compute(snap: &Snapshot, stats: &[PeriodStats]) -> History {
        let plan = &snap.plan;
        let last_period = snap.period;
        let first = stats
            .iter()
            .map(|p| p.period)
            .filter(|p| p.kind() == last_period.kind() && *p <= last_period)
            .min();
        let periods: Vec<Period> = match first {
            Some(first) => first.iter_to(last_period).collect(),
            None => coverage::periods_until(plan, last_period),
        };
        let empty = Vec::new();
        let periods = periods
            .into_iter()
            .map(|p| {
                let units = stats
                    .iter()
                    .find(|s| s.period == p)
                    .map_or(&empty, |s| &s.units);
                Coverage::compute(p, plan.report_grace_days, snap.as_of, &snap.units, units)
            })
            .collect();
        let mut last: HashMap<i64, NaiveDate> = HashMap::new();
        for u in stats.iter().flat_map(|p| &p.units) {
            let e = last.entry(u.unit_id).or_insert(u.last);
            *e = (*e).max(u.last);
        }
        History { periods, last }
    }

    /// How `unit_id` stood in the `i`-th period; `None` when the unit did
    /// not exist then.
    pub fn standing(&self, i: usize, unit_id: i64) -> Option<UnitStanding> {
        self.periods
            .get(i)?
            .units
            .iter()
            .find(|u| u.unit_id == unit_id)
            .map(|u| u.standing)
    }

    /// A unit's record over the whole history.
    pub fn record(&self, unit_id: i64) -> UnitRecord {
        let mut rec = UnitRecord {
            last: self.last.get(&unit_id).copied(),
            ..UnitRecord::default()
        };
        for c in &self.periods {
            match c
                .units
                .iter()
                .find(|u| u.unit_id == unit_id)
                .map(|u| u.standing)
            {
                Some(UnitStanding::OnTime) => rec.reported += 1,
                Some(UnitStanding::Late) => {
                    rec.reported += 1;
                    rec.late += 1;
                }
                Some(UnitStanding::Missing) => rec.missing.push(c.period),
                Some(UnitStanding::Pending) | None => {}
            }
        }
        rec
    }
}

/// The period before the reporting period, while the reporting period's
/// own deadline has not passed (always, during the plan's life) and the
/// previous one lies within the plan: the units that never reported for it
/// are still to be chased. `None` otherwise.
pub fn previous_coverage(store: &Store, snap: &Snapshot) -> Result<Option<Coverage>> {
    if snap.as_of > snap.coverage.deadline {
        return Ok(None);
    }
    let prev = snap.period.prev();
    let first = coverage::periods_until(&snap.plan, snap.period)
        .first()
        .copied();
    if first.is_none_or(|f| prev < f) {
        return Ok(None);
    }
    let stats = store.period_stats(prev, snap.as_of)?;
    Ok(Some(Coverage::compute(
        prev,
        snap.plan.report_grace_days,
        snap.as_of,
        &snap.units,
        &stats,
    )))
}

/// Which unit reported on which task in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskCoverage {
    pub period: Period,
    pub deadline: NaiveDate,
    /// The columns: tasks units report on, and any node reported on in the
    /// period, in document order.
    pub nodes: Vec<i64>,
    /// The rows: units that exist during the period, in order.
    pub units: Vec<i64>,
    first: HashMap<(i64, i64), NaiveDate>,
    as_of: NaiveDate,
}

impl TaskCoverage {
    pub fn load(store: &Store, snap: &Snapshot, period: Period) -> Result<TaskCoverage> {
        Ok(TaskCoverage::compute(
            snap,
            period,
            &store.unit_node_stats(period, snap.as_of)?,
        ))
    }

    pub fn compute(snap: &Snapshot, period: Period, stats: &[UnitNodeStat]) -> TaskCoverage {
        let nodes = snap
            .outline
            .iter()
            .filter(|n| {
                (n.reportable && NodeKind::of_level(n.level) == NodeKind::Task)
                    || stats.iter().any(|s| s.node_id == n.id)
            })
            .map(|n| n.id)
            .collect();
        let units = snap
            .units
            .iter()
            .filter(|u| u.active_between(period.start(), period.end()))
            .map(|u| u.id)
            .collect();
        TaskCoverage {
            period,
            deadline: coverage::deadline(period, snap.plan.report_grace_days),
            nodes,
            units,
            first: stats
                .iter()
                .map(|s| ((s.unit_id, s.node_id), s.first))
                .collect(),
            as_of: snap.as_of,
        }
    }

    /// The unit's first report on the node in the period, if any.
    pub fn first(&self, unit_id: i64, node_id: i64) -> Option<NaiveDate> {
        self.first.get(&(unit_id, node_id)).copied()
    }

    /// How the unit stands on the node, by the same rule as [`Coverage`].
    pub fn standing(&self, unit_id: i64, node_id: i64) -> UnitStanding {
        match self.first(unit_id, node_id) {
            Some(d) if d <= self.deadline => UnitStanding::OnTime,
            Some(_) => UnitStanding::Late,
            None if self.as_of > self.deadline => UnitStanding::Missing,
            None => UnitStanding::Pending,
        }
    }

    /// How many units reported on the node.
    pub fn reported_on(&self, node_id: i64) -> usize {
        self.units
            .iter()
            .filter(|u| self.first.contains_key(&(**u, node_id)))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_demo::demo_store;

    #[test]
    fn history_starts_with_the_first_period_reported_and_ends_now() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(&dir.path().join("demo.db"));
        let as_of = NaiveDate::from_ymd_opt(2022, 1, 31).unwrap();
        let snap = Snapshot::load(&store, as_of).unwrap();
        let h = History::load(&store, &snap).unwrap();
        let codes: Vec<String> = h.periods.iter().map(|c| c.period.code()).collect();
        // On 31 January the fourth quarter's grace has run out: 2022Q1 is chased.
        assert_eq!(codes, ["2021Q3", "2021Q4", "2022Q1"]);
        // The last period is the overview's coverage, unit for unit.
        assert_eq!(h.periods.last(), Some(&snap.coverage));
        let chengkou = snap.units.iter().find(|u| u.name == "城口县").unwrap();
        let rec = h.record(chengkou.id);
        assert!(rec.late + rec.missing.len() >= 1, "{rec:?}");
        assert!(rec.last.is_none_or(|d| d <= as_of));
    }

    #[test]
    fn the_previous_period_counts_while_the_current_one_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(&dir.path().join("demo.db"));
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let snap = Snapshot::load(&store, d(2022, 1, 31)).unwrap();
        let prev = previous_coverage(&store, &snap).unwrap().unwrap();
        assert_eq!(prev.period.code(), "2021Q4");
        // The demo's late units: 城口县 and 巫溪县 report late, 酉阳 never.
        assert!(prev.not_reported().count() >= 1);
        let snap = Snapshot::load(&store, d(2022, 4, 30)).unwrap();
        let prev = previous_coverage(&store, &snap).unwrap().unwrap();
        assert_eq!(prev.period.code(), "2022Q1");
        // After the plan, its last period is the one chased, alone.
        let snap = Snapshot::load(&store, d(2026, 6, 30)).unwrap();
        assert_eq!(previous_coverage(&store, &snap).unwrap(), None);
        // The plan's first period has no previous one.
        let snap = Snapshot::load(&store, d(2021, 6, 30)).unwrap();
        assert_eq!(previous_coverage(&store, &snap).unwrap(), None);
    }

    #[test]
    fn task_coverage_agrees_with_the_units_coverage() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(&dir.path().join("demo.db"));
        let as_of = NaiveDate::from_ymd_opt(2022, 1, 31).unwrap();
        let snap = Snapshot::load(&store, as_of).unwrap();
        let tc = TaskCoverage::load(&store, &snap, snap.period).unwrap();
        assert_eq!(tc.units.len(), 41);
        assert!(tc.nodes.len() >= 12, "{}", tc.nodes.len());
        for u in &snap.coverage.units {
            let any = tc
                .nodes
                .iter()
                .any(|n| tc.standing(u.unit_id, *n).reported());
            assert_eq!(any, u.standing.reported(), "unit {}", u.unit_id);
        }
    }
}
