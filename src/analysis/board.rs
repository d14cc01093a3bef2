//! The figures a coordination board shows beside the snapshot's own: the
//! progress of each action (the groups a meeting reads progress by), what
//! each agency leads and how it stands, and the milestones ordered as a
//! meeting wants them — overdue first. Pure functions of a [`Snapshot`], so
//! the console and the exports show the same numbers.

use chrono::NaiveDate;

use super::{Light, Snapshot, progress};
use crate::model::{NodeKind, Role};

/// The nodes progress is reported by: the actions (（一）…), and the parts
/// (一、…) that hold tasks directly (such as 三、保障措施), in document order.
pub fn progress_groups(snap: &Snapshot) -> Vec<i64> {
    snap.outline
        .iter()
        .filter(|n| match NodeKind::of_level(n.level) {
            NodeKind::Action => true,
            NodeKind::Part => snap
                .outline
                .children(n.id)
                .iter()
                .any(|c| snap.outline.kind(*c) == Some(NodeKind::Task)),
            _ => false,
        })
        .map(|n| n.id)
        .collect()
}

/// 序时进度 of the plan as a whole: the elapsed share of its life.
pub fn plan_expected(snap: &Snapshot) -> Option<f64> {
    progress::expected(snap.plan.start, snap.plan.end, snap.as_of)
}

/// How an agency stands at the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyStat {
    pub agency_id: i64,
    /// Tasks and sub-tasks it leads (牵头).
    pub led: usize,
    /// Tasks and sub-tasks it supports (配合).
    pub supported: usize,
    /// Milestones past due and not done on nodes it leads (directly or as
    /// the nearest lead above them).
    pub overdue: usize,
    /// Of the items it leads: how many show a red light.
    pub red: usize,
    /// Mean progress of the items it leads; `None` when it leads none.
    pub progress: Option<f64>,
}

/// One line per agency, in the agencies' order.
pub fn agency_stats(snap: &Snapshot) -> Vec<AgencyStat> {
    let overdue = snap.overdue();
    snap.agencies
        .iter()
        .map(|a| {
            let items = |role: Role| {
                snap.work_items()
                    .filter(move |n| {
                        snap.assignments
                            .iter()
                            .any(|x| x.node_id == n.id && x.agency_id == a.id && x.role == role)
                    })
                    .map(|n| n.id)
                    .collect::<Vec<_>>()
            };
            let led = items(Role::Lead);
            let supported = items(Role::Support).len();
            let red = led
                .iter()
                .filter(|id| snap.stat(**id).is_some_and(|s| s.light == Light::Red))
                .count();
            let progress = progress::mean(
                led.iter()
                    .filter_map(|id| snap.stat(*id).map(|s| s.progress)),
            );
            let overdue = overdue
                .iter()
                .filter(|o| snap.lead_agency(o.node_id).is_some_and(|l| l.id == a.id))
                .count();
            AgencyStat {
                agency_id: a.id,
                led: led.len(),
                supported,
                overdue,
                red,
                progress,
            }
        })
        .collect()
}

/// Where a milestone stands at the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MilestoneState {
    /// Past due and not done.
    Overdue,
    /// Not done; falls due within the warning window.
    Soon,
    /// Not done; due later.
    Open,
    /// Done by the as-of date.
    Done,
}

/// A milestone's line on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneRow {
    pub milestone_id: i64,
    pub node_id: i64,
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
    /// Days from the as-of date to the due date: negative when late.
    pub days: i64,
    pub state: MilestoneState,
    pub light: Light,
}

/// Every milestone: overdue first (the latest first), then those still
/// open by due date, then the done ones by due date.
pub fn milestone_board(snap: &Snapshot) -> Vec<MilestoneRow> {
    let as_of = snap.as_of;
    let warn = snap.plan.warning_days;
    let mut rows: Vec<MilestoneRow> = snap
        .milestones
        .iter()
        .map(|m| {
            let done = m.done_by(as_of);
            let state = if done {
                MilestoneState::Done
            } else if m.due < as_of {
                MilestoneState::Overdue
            } else if progress::due_soon(m.due, as_of, warn) {
                MilestoneState::Soon
            } else {
                MilestoneState::Open
            };
            MilestoneRow {
                milestone_id: m.id,
                node_id: m.node_id,
                due: m.due,
                done: m.done.filter(|_| done),
                days: (m.due - as_of).num_days(),
                state,
                light: progress::milestone_light(m.due, done, as_of, warn),
            }
        })
        .collect();
    rows.sort_by_key(|r| {
        let open = matches!(r.state, MilestoneState::Soon | MilestoneState::Open);
        let rank = match r.state {
            MilestoneState::Overdue => 0,
            _ if open => 1,
            _ => 2,
        };
        (rank, r.due, r.milestone_id)
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_demo::demo_snapshot;

    #[test]
    fn groups_are_the_actions_and_parts_with_tasks() {
        let snap = demo_snapshot(2021, 12, 31);
        let titles: Vec<String> = progress_groups(&snap)
            .into_iter()
            .map(|id| snap.outline.numbered_title(id))
            .collect();
        assert_eq!(
            titles,
            [
                "（一）实施巾帼思想引领行动",
                "（二）实施科技创新建功行动",
                "（三）实施巾帼平台搭建行动",
                "三、保障措施"
            ]
        );
    }

    #[test]
    fn milestones_put_overdue_first_then_open_then_done() {
        let snap = demo_snapshot(2021, 12, 31);
        let board = milestone_board(&snap);
        assert_eq!(board.len(), snap.milestones.len());
        let states: Vec<MilestoneState> = board.iter().map(|r| r.state).collect();
        let first_open = states.iter().position(|s| *s != MilestoneState::Overdue);
        let first_done = states.iter().position(|s| *s == MilestoneState::Done);
        assert!(
            states[..first_open.unwrap()]
                .iter()
                .all(|s| *s == MilestoneState::Overdue)
        );
        assert!(
            states[first_done.unwrap()..]
                .iter()
                .all(|s| *s == MilestoneState::Done)
        );
        let overdue = snap.overdue();
        assert_eq!(
            states
                .iter()
                .filter(|s| **s == MilestoneState::Overdue)
                .count(),
            overdue.len()
        );
        assert!(board[0].days < 0 && board[0].light == Light::Red);
    }

    #[test]
    fn agencies_count_what_they_lead_and_support() {
        let snap = demo_snapshot(2021, 12, 31);
        let stats = agency_stats(&snap);
        let fulian = snap
            .agencies
            .iter()
            .find(|a| a.short_name == "市妇联")
            .unwrap();
        let s = stats.iter().find(|s| s.agency_id == fulian.id).unwrap();
        assert!(s.led >= 5 && s.supported >= 3, "{s:?}");
        let total_overdue: usize = stats.iter().map(|s| s.overdue).sum();
        assert_eq!(total_overdue, snap.overdue().len());
    }
}
