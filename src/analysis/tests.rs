//! The snapshot's figures on a small hand-made database.

use chrono::NaiveDate;

use super::*;
use crate::db::{NewReport, Store};
use crate::model::{Period, Role, Status};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn store(path: &std::path::Path) -> Store {
    crate::test_support::store_with(path, |w| {
        w.set_plan_span(Some(d(2021, 6, 9)), Some(d(2025, 12, 31)))
    })
}

#[test]
fn progress_rolls_up_from_indicators_and_milestones() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir.path().join("a.db"));
    let outline = s.outline().unwrap();
    let task = outline.find_code("2.2.1").unwrap().id;
    let action = outline.find_code("2.2").unwrap().id;
    let unit = s.units().unwrap()[0].id;
    s.write("t", |w| {
        let ind = w.insert_indicator(task, "女职工创新工作室", "个", Some(50.0))?;
        w.insert_milestone(task, "首批认定", d(2021, 11, 30), None)?;
        w.insert_milestone(task, "部署", d(2021, 9, 15), Some(d(2021, 9, 10)))?;
        w.add_report(&NewReport {
            unit_id: unit,
            node_id: task,
            period: Period::quarter(2021, 4).unwrap(),
            reported_on: d(2021, 12, 20),
            author: "张丽".into(),
            body: "已建成女职工创新工作室32个。".into(),
            values: vec![(ind, 32.0)],
            batch_id: None,
        })?;
        Ok(())
    })
    .unwrap();
    let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
    let st = snap.stat(task).unwrap();
    // (64% + 50%) / 2
    assert!((st.progress - 57.0).abs() < 1e-9, "{}", st.progress);
    assert_eq!(st.light, Light::Red, "a milestone is overdue");
    assert_eq!(st.overdue_milestones, 1);
    // The action's progress is the mean of its three tasks (two at 0).
    assert!((snap.stat(action).unwrap().progress - 19.0).abs() < 1e-9);
    let overdue = snap.overdue();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].days_late, 31);
    // Before the report arrived the indicator counted nothing.
    let earlier = Snapshot::load(&s, d(2021, 12, 1)).unwrap();
    assert!((earlier.stat(task).unwrap().progress - 25.0).abs() < 1e-9);
}

#[test]
fn lead_agency_is_inherited_from_the_nearest_ancestor() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir.path().join("a.db"));
    let outline = s.outline().unwrap();
    let task = outline.find_code("2.1.1").unwrap().id;
    let agencies = s.agencies().unwrap();
    let sub = s
        .write("t", |w| {
            w.assign(task, agencies[0].id, Role::Lead)?;
            w.assign(task, agencies[4].id, Role::Support)?;
            let sub = w.insert_subtask(task, 1, 3, "组织专题学习")?;
            w.set_node_plan(sub, None, None, Status::InProgress, None)?;
            Ok(sub)
        })
        .unwrap();
    let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
    assert_eq!(snap.agency_names(task, Role::Lead), "市妇联");
    assert_eq!(snap.agency_names(task, Role::Support), "市科协");
    assert_eq!(snap.lead_agency(sub).unwrap().short_name, "市妇联");
    assert_eq!(snap.agency_names(sub, Role::Lead), "");
}

#[test]
fn milestone_only_work_is_behind_only_when_a_milestone_is_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir.path().join("a.db"));
    let task = s.outline().unwrap().find_code("2.1.3").unwrap().id;
    let (on_time, late) = s
        .write("t", |w| {
            let a = w.insert_subtask(task, 1, 3, "巾帼文明岗创建")?;
            w.set_node_plan(a, None, None, Status::InProgress, None)?;
            w.insert_milestone(a, "年度创建名单", d(2023, 3, 8), None)?;
            let b = w.insert_subtask(task, 2, 3, "女职工创新工作室培育")?;
            w.set_node_plan(b, None, None, Status::InProgress, None)?;
            w.insert_milestone(b, "首批挂牌", d(2021, 11, 30), None)?;
            w.insert_milestone(b, "第二批认定", d(2023, 6, 30), None)?;
            Ok((a, b))
        })
        .unwrap();
    let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
    let a = snap.stat(on_time).unwrap();
    assert_eq!(a.progress, 0.0);
    assert_eq!(a.pace, Pace::OnPace, "no milestone due yet");
    let b = snap.stat(late).unwrap();
    assert_eq!(b.pace, Pace::Behind, "a milestone is overdue");
}
