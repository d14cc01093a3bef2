//! The snapshot's figures on a small hand-made database.

use chrono::NaiveDate;

use super::*;
use crate::db::{NewReport, Store};
use crate::model::{Period, Role, Status};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn store(path: &std::path::Path) -> Store {
    let doc = crate::plan_text::parse(crate::seed::PLAN_TEXT).unwrap();
    let units = crate::seed::parse_units(crate::seed::UNITS_TSV, "units").unwrap();
    Store::create(path, false, |s| {
        s.write("init", |w| {
            w.load_plan(&doc)?;
            w.insert_units(&units)?;
            w.set_plan_span(Some(d(2021, 6, 9)), Some(d(2025, 12, 31)))?;
            Ok(())
        })
    })
    .unwrap()
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
            w.set_node_plan(sub, d(2021, 6, 9), (None, None), Status::InProgress, None)?;
            Ok(sub)
        })
        .unwrap();
    let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
    assert_eq!(snap.agency_names(task, Role::Lead), "市妇联");
    assert_eq!(snap.agency_names(task, Role::Support), "市科协");
    assert_eq!(snap.lead_agency(sub).unwrap().short_name, "市妇联");
    assert_eq!(snap.agency_names(sub, Role::Lead), "");
}

/// Regression: work measured by its milestones alone was classed by a
/// rule of its own (达进度 until a milestone was overdue), so two tasks at
/// 完成率0%, 序时进度12% were said to be 达进度 and 欠进度 two lines apart.
/// One tolerance now classes every task.
#[test]
fn every_task_is_classed_by_the_same_tolerance() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir.path().join("a.db"));
    let task = s.outline().unwrap().find_code("2.1.3").unwrap().id;
    let (milestones_only, measured) = s
        .write("t", |w| {
            let a = w.insert_subtask(task, 1, 3, "巾帼文明岗创建")?;
            w.set_node_plan(a, d(2021, 6, 9), (None, None), Status::InProgress, None)?;
            w.insert_milestone(a, "年度创建名单", d(2023, 3, 8), None)?;
            let b = w.insert_subtask(task, 2, 3, "女职工创新工作室培育")?;
            w.set_node_plan(b, d(2021, 6, 9), (None, None), Status::InProgress, None)?;
            w.record_history(
                b,
                d(2021, 12, 1),
                &crate::model::HistoryValue::Progress(Some(0)),
            )?;
            Ok((a, b))
        })
        .unwrap();
    let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
    let a = snap.stat(milestones_only).unwrap();
    let b = snap.stat(measured).unwrap();
    assert_eq!((a.progress, b.progress), (0.0, 0.0));
    assert!(a.expected.unwrap() > statement::PACE_TOLERANCE);
    assert_eq!(
        a.pace,
        Pace::Behind,
        "no milestone due yet, but 0% trails 序时进度"
    );
    assert_eq!(a.pace, b.pace, "the same figures, the same class");
}

/// Regression: without a plan schedule every task was 达进度 (and green) at
/// 0%: there was nothing to measure 序时进度 against.
#[test]
fn without_a_schedule_pace_is_unset_never_on_pace() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir.path().join("a.db"));
    let task = s.outline().unwrap().find_code("2.1.1").unwrap().id;
    s.write("t", |w| {
        w.set_plan_span(Some(d(2021, 6, 9)), None)?;
        w.set_node_plan(task, d(2021, 6, 9), (None, None), Status::InProgress, None)?;
        Ok(())
    })
    .unwrap();
    let snap = Snapshot::load(&s, d(2021, 12, 31)).unwrap();
    assert!(!snap.has_schedule());
    let st = snap.stat(task).unwrap();
    assert_eq!((st.expected, st.pace), (None, Pace::Unset));
    assert!(
        snap.work_items()
            .all(|n| snap.stat(n.id).unwrap().pace != Pace::OnPace)
    );
}
