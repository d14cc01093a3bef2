//! Changes with a date of effect: a status, progress or dates set from a
//! day hold from that day until the next recorded change; a past entry is
//! corrected or removed; every one is logged and undone exactly; a date of
//! effect in the future is refused; and the plan's schedule.

use super::*;
use crate::db::edit::{Field, HistoryFix, Op, StatusChange};
use crate::model::{HistoryValue, PeriodKind, Schedule, Status};

/// An operation built against the file as it is when it runs.
type MakeOp = Box<dyn Fn(&Store) -> Op>;

fn node_version(s: &Store, id: i64) -> i64 {
    s.outline().unwrap().get(id).unwrap().version
}

fn status_at(s: &Store, id: i64, day: NaiveDate) -> (Status, Option<String>) {
    let o = s.outline_at(day).unwrap();
    let n = o.get(id).unwrap();
    (n.status, n.status_reason.clone())
}

fn set_status(s: &mut Store, id: i64, status: Status, reason: Option<&str>, on: NaiveDate) {
    let v = node_version(s, id);
    s.apply(&Op::SetStatus {
        id,
        version: v,
        change: StatusChange {
            status,
            reason: reason.map(str::to_string),
            on,
        },
    })
    .unwrap();
}

#[test]
fn a_status_holds_from_its_day_until_the_next_one_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ids) = office(&dir.path().join("a.db"));
    set_status(&mut s, ids.task, Status::InProgress, None, d(2021, 9, 1));
    set_status(&mut s, ids.task, Status::Done, None, d(2022, 6, 30));
    // Recorded later, for a day in between: it holds until 2022-06-30.
    set_status(
        &mut s,
        ids.task,
        Status::Late,
        Some("经费未到位"),
        d(2022, 1, 10),
    );
    let at = |day| status_at(&s, ids.task, day).0;
    assert_eq!(at(d(2021, 8, 31)), Status::NotStarted);
    assert_eq!(at(d(2021, 12, 31)), Status::InProgress);
    assert_eq!(at(d(2022, 1, 10)), Status::Late);
    assert_eq!(at(d(2022, 6, 29)), Status::Late);
    assert_eq!(at(d(2022, 6, 30)), Status::Done);
    // The log says from when.
    let log = s.audit_log(&crate::db::AuditFilter::default()).unwrap();
    assert!(
        log[0]
            .summary
            .contains("状态：推进中→滞后（经费未到位），自2022-01-10起"),
        "{}",
        log[0].summary
    );
}

#[test]
fn a_second_change_for_the_same_day_rewrites_that_days_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ids) = office(&dir.path().join("a.db"));
    set_status(&mut s, ids.task, Status::InProgress, None, d(2021, 9, 1));
    set_status(
        &mut s,
        ids.task,
        Status::Paused,
        Some("待定"),
        d(2021, 9, 1),
    );
    let h = s.node_history(ids.task).unwrap();
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(status_at(&s, ids.task, d(2021, 9, 1)).0, Status::Paused);
    // The same value again, for a day it is already in effect: nothing.
    let v = node_version(&s, ids.task);
    let out = s
        .apply(&Op::SetStatus {
            id: ids.task,
            version: v,
            change: StatusChange {
                status: Status::Paused,
                reason: Some("待定".into()),
                on: d(2021, 10, 1),
            },
        })
        .unwrap();
    assert!(!out.changed());
}

#[test]
fn every_dated_change_is_undone_and_redone_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ids) = office(&dir.path().join("a.db"));
    set_status(&mut s, ids.task, Status::InProgress, None, d(2021, 9, 1));
    let entry = s.node_history(ids.task).unwrap()[0].clone();
    let ops: Vec<MakeOp> = vec![
        Box::new(move |s| Op::SetProgress {
            id: ids.task,
            version: node_version(s, ids.task),
            progress: Some(35),
            on: d(2021, 12, 1),
        }),
        Box::new(move |s| Op::SetDates {
            id: ids.task,
            version: node_version(s, ids.task),
            start: Some(d(2021, 6, 9)),
            due: Some(d(2022, 6, 30)),
            on: d(2021, 7, 1),
        }),
        Box::new(move |s| Op::CycleStatus {
            id: ids.task,
            version: node_version(s, ids.task),
            reason: None,
            on: d(2022, 3, 1),
        }),
        Box::new(move |s| {
            let e = s.history_entry(entry.id).unwrap().unwrap();
            Op::CorrectHistory {
                id: e.id,
                version: e.version,
                fix: HistoryFix {
                    effective: d(2021, 8, 15),
                    value: e.value.clone(),
                },
            }
        }),
        Box::new(move |s| {
            let e = s.history_entry(entry.id).unwrap().unwrap();
            Op::RemoveHistory {
                id: e.id,
                version: e.version,
            }
        }),
        Box::new(|s| {
            let p = s.plan().unwrap();
            Op::SetSchedule {
                version: p.version,
                schedule: Schedule {
                    end: Some(d(2025, 12, 31)),
                    warning_days: 15,
                    ..p.schedule()
                },
            }
        }),
    ];
    for (i, op) in ops.iter().enumerate() {
        let before = dump(&s);
        let out = s.apply(&op(&s)).unwrap();
        assert!(out.changed(), "op {i}");
        let after = dump(&s);
        assert_ne!(before, after, "op {i}");
        s.undo().unwrap();
        assert_eq!(dump(&s), before, "op {i}: undo restores every row");
        s.redo().unwrap();
        assert_eq!(dump(&s), after, "op {i}: redo applies it again");
    }
    // The cycle moved the status in effect on its day on: 推进中 → 已完成.
    assert_eq!(
        status_at(&s, ids.task, d(2022, 3, 1)).0,
        Status::Done,
        "the entry removed last left the cycle's"
    );
}

#[test]
fn a_date_of_effect_after_today_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ids) = office(&dir.path().join("a.db"));
    let before = dump(&s);
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    let e = s
        .apply(&Op::SetProgress {
            id: ids.task,
            version: node_version(&s, ids.task),
            progress: Some(10),
            on: tomorrow,
        })
        .unwrap_err();
    assert_eq!(e.field(), Some(Field::Effective));
    assert!(e.to_string().contains("after today"), "{e}");
    assert_eq!(dump(&s), before);
}

#[test]
fn a_correction_keeps_its_field_and_a_stale_one_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ids) = office(&dir.path().join("a.db"));
    set_status(&mut s, ids.task, Status::InProgress, None, d(2021, 9, 1));
    let e = s.node_history(ids.task).unwrap()[0].clone();
    let err = s
        .apply(&Op::CorrectHistory {
            id: e.id,
            version: e.version,
            fix: HistoryFix {
                effective: e.effective,
                value: HistoryValue::Progress(Some(10)),
            },
        })
        .unwrap_err();
    assert_eq!(err.field(), Some(Field::Value));
    s.apply(&Op::CorrectHistory {
        id: e.id,
        version: e.version,
        fix: HistoryFix {
            effective: d(2021, 10, 1),
            value: e.value.clone(),
        },
    })
    .unwrap();
    assert_eq!(
        status_at(&s, ids.task, d(2021, 9, 30)).0,
        Status::NotStarted
    );
    let stale = s
        .apply(&Op::RemoveHistory {
            id: e.id,
            version: e.version,
        })
        .unwrap_err();
    let c = stale.conflict().expect("a conflict");
    assert!(
        c.what_zh.contains("自2021-10-01起的状态记录"),
        "{}",
        c.what_zh
    );
}

#[test]
fn deleting_a_task_takes_its_history_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ids) = office(&dir.path().join("a.db"));
    set_status(
        &mut s,
        ids.task,
        Status::Late,
        Some("场地未落实"),
        d(2021, 11, 1),
    );
    let before = dump(&s);
    let preview = s.delete_preview(ids.task).unwrap();
    assert_eq!(preview.history.len(), 1);
    s.apply(&Op::DeleteNode(Box::new(preview))).unwrap();
    assert!(s.node_history(ids.task).unwrap().is_empty());
    s.undo().unwrap();
    assert_eq!(dump(&s), before);
}

#[test]
fn the_schedule_is_checked_and_its_cycle_is_fixed_once_reports_came_in() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = office(&dir.path().join("a.db"));
    let p = s.plan().unwrap();
    let e = s
        .apply(&Op::SetSchedule {
            version: p.version,
            schedule: Schedule {
                end: Some(d(2020, 1, 1)),
                ..p.schedule()
            },
        })
        .unwrap_err();
    assert_eq!(e.field(), Some(Field::EndDate));
    let e = s
        .apply(&Op::SetSchedule {
            version: p.version,
            schedule: Schedule {
                period_kind: PeriodKind::Month,
                ..p.schedule()
            },
        })
        .unwrap_err();
    assert_eq!(e.field(), Some(Field::Cycle), "the fixture has a report");
    let out = s
        .apply(&Op::SetSchedule {
            version: p.version,
            schedule: Schedule {
                end: Some(d(2025, 12, 31)),
                grace_days: 15,
                ..p.schedule()
            },
        })
        .unwrap();
    assert_eq!(
        out.summary,
        "方案进度安排：结束 无→2025-12-31；报送宽限 10→15天"
    );
    let stale = s
        .apply(&Op::SetSchedule {
            version: p.version,
            schedule: p.schedule(),
        })
        .unwrap_err();
    assert!(stale.conflict().is_some());
}
