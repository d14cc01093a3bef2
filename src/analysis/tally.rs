//! The counts a bulletin quotes — tasks by status and by 序时进度,
//! milestones due, done on time, done late and overdue, deadlines past or
//! near — over the whole plan or over what one agency leads or supports.
//! The memo, the reminder list and the console's overview read them from
//! here, so a count never differs between two of them.

use chrono::NaiveDate;

use super::Snapshot;
use super::progress::{self, Pace};
use crate::model::{Node, NodeKind, Status};

/// Which part of the plan a figure covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    /// What this agency (by id) leads or supports.
    Agency(i64),
}

/// Milestones of the nodes in scope at the as-of date. `due` is the sum
/// of `on_time`, `done_late`, `overdue`, `today` and `closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MilestoneTally {
    /// Every milestone.
    pub total: usize,
    /// Due by the as-of date, that day included (应完成).
    pub due: usize,
    /// Done by their due date (按期完成).
    pub on_time: usize,
    /// Done, but after their due date (逾期完成).
    pub done_late: usize,
    /// Past due and open (逾期未完成).
    pub overdue: usize,
    /// Due on the as-of date and open (今日到期).
    pub today: usize,
    /// Due by the as-of date, not marked done, of a task marked 已完成 (a
    /// data warning, not a deadline).
    pub closed: usize,
    /// Open, falling due after the as-of date within the warning window.
    pub soon: usize,
}

impl MilestoneTally {
    /// 按期完成率 as (part, whole): milestones done on time among those due.
    pub fn on_time_rate(&self) -> (usize, usize) {
        (self.on_time, self.due)
    }
}

/// A date something must be done by: a milestone, or a task's own due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub node_id: i64,
    /// The milestone, or `None` for the task's own due date.
    pub milestone_id: Option<i64>,
    pub due: NaiveDate,
    /// Days late (overdue) or days left (due soon), never negative.
    pub days: i64,
}

/// Deadlines past and near at the as-of date: the one list the overview,
/// the memo, the reminder list (催办清单) and `tree` count from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deadlines {
    /// Past due and open, the latest first (逾期).
    pub overdue: Vec<Deadline>,
    /// Due on the as-of date and open (今日到期).
    pub today: Vec<Deadline>,
    /// Open, due after the as-of date within the warning window, the
    /// soonest first (N日内到期).
    pub soon: Vec<Deadline>,
}

/// How many deadlines are overdue, due today and due soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DueCounts {
    pub overdue: usize,
    pub today: usize,
    pub soon: usize,
}

impl Deadlines {
    pub fn counts(&self) -> DueCounts {
        DueCounts {
            overdue: self.overdue.len(),
            today: self.today.len(),
            soon: self.soon.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty() && self.today.is_empty() && self.soon.is_empty()
    }
}

impl Snapshot {
    /// Whether a node is in scope. For an agency: the agency has a role on
    /// the node, or — when the node has no agencies of its own — on the
    /// nearest ancestor that has some.
    pub fn in_scope(&self, scope: Scope, node_id: i64) -> bool {
        let Scope::Agency(agency) = scope else {
            return true;
        };
        self.outline
            .path(node_id)
            .iter()
            .rev()
            .find(|n| self.assignments.iter().any(|a| a.node_id == n.id))
            .is_some_and(|n| {
                self.assignments
                    .iter()
                    .any(|a| a.node_id == n.id && a.agency_id == agency)
            })
    }

    /// Tasks and sub-tasks in scope, in document order.
    pub fn work_items_in(&self, scope: Scope) -> Vec<&Node> {
        self.work_items()
            .filter(|n| self.in_scope(scope, n.id))
            .collect()
    }

    /// (tasks, sub-tasks) in scope.
    pub fn work_item_counts(&self, scope: Scope) -> (usize, usize) {
        self.work_items_in(scope).iter().fold((0, 0), |(t, s), n| {
            match NodeKind::of_level(n.level) {
                NodeKind::Task => (t + 1, s),
                _ => (t, s + 1),
            }
        })
    }

    /// Tasks and sub-tasks in scope by the status in effect, in
    /// [`Status::ALL`] order (all 未启动 before the plan's start).
    pub fn status_counts(&self, scope: Scope) -> [(Status, usize); 5] {
        let items = self.work_items_in(scope);
        let status = |n: &&Node| self.stat(n.id).map_or(n.status, |s| s.statement.status);
        Status::ALL.map(|s| (s, items.iter().filter(|n| status(n) == s).count()))
    }

    /// Tasks and sub-tasks in progress in scope by class against 序时进度
    /// (欠, 达, 超), and last those whose 序时进度 is 未设定. Only work in
    /// progress is classed: the four add up to the 推进中 count.
    pub fn pace_counts_in(&self, scope: Scope) -> [(Pace, usize); 4] {
        let items = self.work_items_in(scope);
        [Pace::Behind, Pace::OnPace, Pace::Ahead, Pace::Unset].map(|p| {
            let n = items
                .iter()
                .filter(|n| self.stat(n.id).is_some_and(|s| s.pace == p))
                .count();
            (p, n)
        })
    }

    /// Mean progress of the tasks (not sub-tasks) in scope; the whole
    /// plan's is [`Snapshot::overall_progress`].
    pub fn progress_in(&self, scope: Scope) -> f64 {
        progress::mean(
            self.work_items_in(scope)
                .iter()
                .filter(|n| NodeKind::of_level(n.level) == NodeKind::Task)
                .filter_map(|n| self.stat(n.id).map(|s| s.progress)),
        )
        .unwrap_or(0.0)
    }

    /// The milestones of the nodes in scope, counted.
    pub fn milestone_tally(&self, scope: Scope) -> MilestoneTally {
        let as_of = self.as_of;
        let mut t = MilestoneTally::default();
        for m in self
            .milestones
            .iter()
            .filter(|m| self.in_scope(scope, m.node_id))
        {
            t.total += 1;
            let done = m.done.filter(|d| *d <= as_of);
            let open = self.milestone_open(m);
            if m.due <= as_of {
                t.due += 1;
                match done {
                    Some(d) if d <= m.due => t.on_time += 1,
                    Some(_) => t.done_late += 1,
                    None if !open => t.closed += 1,
                    None if m.due < as_of => t.overdue += 1,
                    None => t.today += 1,
                }
            } else if open && progress::due_soon(m.due, as_of, self.plan.warning_days) {
                t.soon += 1;
            }
        }
        t
    }

    /// Milestones and tasks' own due dates, past due, due today or due
    /// soon, in scope. A task's own due date counts for tasks and sub-tasks
    /// not 已完成, unless one of its milestones falls due that same day
    /// (that milestone stands for it). A done task's open milestones count
    /// for nothing (a data warning).
    pub fn deadlines(&self, scope: Scope) -> Deadlines {
        let as_of = self.as_of;
        let mut overdue: Vec<Deadline> = self
            .overdue()
            .into_iter()
            .filter(|o| self.in_scope(scope, o.node_id))
            .filter_map(|o| {
                let m = self.milestone(o.milestone_id)?;
                Some(Deadline {
                    node_id: o.node_id,
                    milestone_id: Some(o.milestone_id),
                    due: m.due,
                    days: o.days_late,
                })
            })
            .collect();
        let mut soon: Vec<Deadline> = self
            .due_soon()
            .into_iter()
            .filter(|m| self.in_scope(scope, m.node_id))
            .map(|m| Deadline {
                node_id: m.node_id,
                milestone_id: Some(m.id),
                due: m.due,
                days: (m.due - as_of).num_days(),
            })
            .collect();
        for n in self.work_items_in(scope) {
            let Some(due) = n.due.filter(|_| n.status != Status::Done) else {
                continue;
            };
            if self.milestones_of(n.id).any(|m| m.due == due) {
                continue;
            }
            let task = |days| Deadline {
                node_id: n.id,
                milestone_id: None,
                due,
                days,
            };
            if due < as_of {
                overdue.push(task((as_of - due).num_days()));
            } else if progress::due_soon(due, as_of, self.plan.warning_days) {
                soon.push(task((due - as_of).num_days()));
            }
        }
        overdue.sort_by_key(|d| (std::cmp::Reverse(d.days), d.node_id, d.milestone_id));
        soon.sort_by_key(|d| (d.days, d.node_id, d.milestone_id));
        let (today, soon): (Vec<Deadline>, Vec<Deadline>) =
            soon.into_iter().partition(|d| d.days == 0);
        Deadlines {
            overdue,
            today,
            soon,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Store;
    use crate::db::tests::builtin;
    use crate::model::Role;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// 2.2.1 led by 市总工会 with 市妇联 supporting, a sub-task under it
    /// with no agencies of its own, 2.3.2 led by 市科技局; milestones on
    /// time, late, overdue and due soon.
    fn store(path: &std::path::Path) -> (Store, [i64; 4]) {
        let mut s = builtin(path);
        let outline = s.outline().unwrap();
        let a = outline.find_code("2.2.1").unwrap().id;
        let b = outline.find_code("2.3.2").unwrap().id;
        let agencies = s.agencies().unwrap();
        let id = |short: &str| agencies.iter().find(|x| x.short_name == short).unwrap().id;
        let (union, women, tech) = (id("市总工会"), id("市妇联"), id("市科技局"));
        let sub = s
            .write("t", |w| {
                w.set_plan_span(Some(d(2021, 6, 9)), Some(d(2025, 12, 31)))?;
                let sub = w.insert_subtask(a, 1, 3, "女职工创新工作室培育")?;
                w.assign(a, union, Role::Lead)?;
                w.assign(a, women, Role::Support)?;
                w.assign(b, tech, Role::Lead)?;
                w.insert_milestone(a, "部署", d(2021, 9, 15), Some(d(2021, 9, 10)))?;
                w.insert_milestone(a, "首批认定", d(2021, 11, 30), None)?;
                w.insert_milestone(sub, "挂牌", d(2021, 10, 31), Some(d(2021, 11, 20)))?;
                w.set_node_plan(
                    b,
                    d(2021, 6, 9),
                    (Some(d(2021, 6, 9)), Some(d(2025, 12, 31))),
                    Status::Late,
                    Some("协同机制尚未建立"),
                )?;
                w.insert_milestone(b, "机制", d(2021, 12, 15), None)?;
                w.insert_milestone(b, "交流", d(2022, 1, 20), None)?;
                w.insert_milestone(b, "以后", d(2023, 1, 20), None)?;
                Ok(sub)
            })
            .unwrap();
        (s, [a, sub, b, union])
    }

    #[test]
    fn an_agency_scope_covers_its_roles_and_what_inherits_them() {
        let dir = tempfile::tempdir().unwrap();
        let (s, [a, sub, b, union]) = store(&dir.path().join("a.db"));
        let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
        assert!(snap.in_scope(Scope::Agency(union), a));
        assert!(snap.in_scope(Scope::Agency(union), sub));
        assert!(!snap.in_scope(Scope::Agency(union), b));
        assert!(snap.in_scope(Scope::All, b));
        assert_eq!(snap.work_item_counts(Scope::Agency(union)), (1, 1));
    }

    #[test]
    fn milestones_are_counted_as_due_on_time_late_and_overdue() {
        let dir = tempfile::tempdir().unwrap();
        let (s, [.., union]) = store(&dir.path().join("a.db"));
        let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
        let all = snap.milestone_tally(Scope::All);
        assert_eq!(
            all,
            MilestoneTally {
                total: 6,
                due: 4,
                on_time: 1,
                done_late: 1,
                overdue: 2,
                today: 0,
                closed: 0,
                soon: 1
            }
        );
        assert_eq!(all.on_time_rate(), (1, 4));
        let mine = snap.milestone_tally(Scope::Agency(union));
        assert_eq!((mine.total, mine.overdue, mine.soon), (3, 1, 0));
        // A completion recorded after the as-of date does not count yet.
        let early = Snapshot::load(&s, d(2021, 11, 10)).unwrap();
        let t = early.milestone_tally(Scope::All);
        assert_eq!((t.due, t.on_time, t.overdue), (2, 1, 1));
    }

    #[test]
    fn deadlines_include_milestones_and_tasks_own_due_dates() {
        let dir = tempfile::tempdir().unwrap();
        let (s, [a, _, b, _]) = store(&dir.path().join("a.db"));
        let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
        let dl = snap.deadlines(Scope::All);
        let over: Vec<(i64, i64)> = dl.overdue.iter().map(|x| (x.node_id, x.days)).collect();
        assert_eq!(over, [(a, 31), (b, 16)]);
        assert_eq!(dl.soon.len(), 1);
        assert_eq!((dl.soon[0].node_id, dl.soon[0].days), (b, 20));
        // Near the plan's end every open task's own due date is near too.
        let end = Snapshot::load(&s, d(2025, 12, 20)).unwrap();
        assert!(
            end.deadlines(Scope::All)
                .soon
                .iter()
                .any(|x| x.milestone_id.is_none() && x.days == 11)
        );
    }

    #[test]
    fn status_and_pace_counts_cover_the_scope() {
        let dir = tempfile::tempdir().unwrap();
        let (s, [.., union]) = store(&dir.path().join("a.db"));
        let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
        let items = snap.work_items().count();
        let by_status: usize = snap.status_counts(Scope::All).iter().map(|x| x.1).sum();
        let by_pace: usize = snap.pace_counts_in(Scope::All).iter().map(|x| x.1).sum();
        let in_progress = snap
            .status_counts(Scope::All)
            .iter()
            .find(|x| x.0 == Status::InProgress)
            .map_or(0, |x| x.1);
        assert_eq!(by_status, items);
        assert_eq!(by_pace, in_progress, "only work in progress is classed");
        let mine: usize = snap
            .status_counts(Scope::Agency(union))
            .iter()
            .map(|x| x.1)
            .sum();
        assert_eq!(mine, 2);
        assert_eq!(snap.progress_in(Scope::All), snap.overall_progress());
    }
}
