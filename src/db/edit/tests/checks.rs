//! Single operations checked in detail: numbering, the delete preview,
//! the rules a report must keep, field-named refusals, no-op saves.

use super::ops::report_on;
use super::*;
use crate::db::edit::{
    AgencyFields, Direction, IndicatorFields, NodeText, ReviewChange, StatusChange,
};
use crate::db::{Added, AuditFilter};
use crate::model::{Review, Status};

#[test]
fn a_sub_task_is_numbered_after_its_siblings_at_the_next_level() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    store.add_subtask(ids.task, "组织专题学习", "").unwrap();
    let second = store.add_subtask(ids.task, "开展宣讲活动", "").unwrap();
    let deeper = store.add_subtask(second.id, "制作宣讲课件", "").unwrap();
    let o = store.outline().unwrap();
    assert_eq!(o.code(second.id), "2.1.1.2");
    assert_eq!(o.numbered_title(second.id), "（2）开展宣讲活动");
    assert_eq!(o.numbered_title(deeper.id), "1）制作宣讲课件");
    assert_eq!(
        second.summary,
        "新增子任务2.1.1.2（2）开展宣讲活动（属任务2.1.1）"
    );
    let v = node_version(&store, second.id);
    store.move_node(second.id, v, Direction::Up).unwrap();
    let o = store.outline().unwrap();
    assert_eq!(o.code(second.id), "2.1.1.1");
    assert_eq!(o.code(deeper.id), "2.1.1.1.1");
    let e = store
        .move_node(second.id, v + 1, Direction::Up)
        .unwrap_err();
    assert!(e.to_string().contains("already the first"), "{e}");
}

#[test]
fn deleting_a_task_says_what_goes_with_it_and_renumbers_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    store.add_subtask(ids.task, "组织专题学习", "").unwrap();
    let p = store.delete_preview(ids.task).unwrap();
    assert_eq!(
        p.describe(),
        "deleting task 2.1.1 「提高政治站位」 also deletes 1 sub-task, 1 milestone, 1 indicator and 1 report"
    );
    assert_eq!(
        p.describe_zh(),
        "删除任务2.1.1「提高政治站位」将一并删除：子任务1项、时间节点1个、指标1个、报送1份"
    );
    store.delete_node(&p).unwrap();
    let o = store.outline().unwrap();
    assert_eq!(
        o.get(ids.other).map(|_| o.code(ids.other)).as_deref(),
        Some("2.1.1")
    );
    assert!(store.report(ids.report).unwrap().is_none());
    assert!(store.check().unwrap().ok());
}

#[test]
fn a_report_adds_revisions_and_duplicates_add_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let same = report_on(
        ids.unit,
        ids.task,
        3,
        "开展专题学习3场。",
        vec![(ids.indicator, 3.0)],
    );
    let mut same = same;
    same.reported_on = d(2021, 9, 25);
    let dup = store.add_report(&same).unwrap();
    assert_eq!(dup.added, Some(Added::Duplicate(ids.report)));
    assert_eq!(dup.entry, None);
    let e = store.undo().unwrap_err();
    assert!(e.to_string().starts_with("nothing to undo"), "{e}");
    let rev = store
        .add_report(&report_on(
            ids.unit,
            ids.task,
            3,
            "开展专题学习4场。",
            vec![],
        ))
        .unwrap();
    assert!(
        rev.summary.contains("第2版") && rev.summary.contains(&format!("替代报送{}", ids.report)),
        "{}",
        rev.summary
    );
}

#[test]
fn reports_are_checked_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let before = dump(&store);
    let heading = store.outline().unwrap().find_code("2.1").unwrap().id;
    let cases: Vec<(NewReport, &str)> = vec![
        (
            report_on(ids.unit, heading, 4, "内容", vec![]),
            "task: action 2.1",
        ),
        (
            report_on(ids.unit, ids.other, 4, "内容", vec![(ids.indicator, 1.0)]),
            "is not an indicator of the report's task",
        ),
        (
            report_on(ids.unit, ids.task, 4, "内容", vec![(ids.indicator, -1.0)]),
            "negative",
        ),
        (
            report_on(ids.unit, ids.task, 4, "　\n", vec![]),
            "text is empty",
        ),
        (
            NewReport {
                reported_on: d(2021, 9, 1),
                ..report_on(ids.unit, ids.task, 4, "内容", vec![])
            },
            "date: 2021-09-01 is before period 2021Q4 begins",
        ),
        (
            NewReport {
                period: Period::month(2021, 10).unwrap(),
                ..report_on(ids.unit, ids.task, 4, "内容", vec![])
            },
            "period: 2021-10 is a month period, but this plan reports per quarter",
        ),
    ];
    for (r, expected) in cases {
        let e = store.add_report(&r).unwrap_err();
        assert!(
            e.to_string().contains(expected),
            "{e} should say {expected}"
        );
        assert!(e.field().is_some(), "{e}");
    }
    let u = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == ids.unit2)
        .unwrap();
    store
        .set_unit_end(u.id, u.version, Some(d(2021, 6, 30)))
        .unwrap();
    let e = store
        .add_report(&report_on(ids.unit2, ids.task, 4, "内容", vec![]))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("unit: 綦江区 did not exist in 2021Q4"),
        "{e}"
    );
    store.undo().unwrap();
    assert_eq!(dump(&store), before);
}

#[test]
fn invalid_input_names_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let before = dump(&store);
    let v = node_version(&store, ids.task);
    let e = store.add_subtask(ids.task, " ", "").unwrap_err();
    assert_eq!(e.to_string(), "title is empty");
    let e = store
        .set_status(
            ids.task,
            v,
            &StatusChange {
                status: Status::Paused,
                reason: None,
                on: d(2021, 12, 31),
            },
        )
        .unwrap_err();
    assert_eq!(e.field(), Some(crate::db::edit::Field::Reason));
    let e = store
        .set_dates(
            ids.task,
            v,
            Some(d(2021, 7, 1)),
            Some(d(2021, 6, 30)),
            d(2021, 12, 31),
        )
        .unwrap_err();
    assert_eq!(e.field(), Some(crate::db::edit::Field::Due));
    let e = store
        .set_agencies(ids.task, v, &[ids.fulian], &[ids.fulian])
        .unwrap_err();
    assert!(
        e.to_string().contains("cannot both lead and support"),
        "{e}"
    );
    let e = store
        .add_indicator(
            ids.task,
            &IndicatorFields {
                name: "学习宣传活动".into(),
                measure: "场".into(),
                target: None,
            },
        )
        .unwrap_err();
    assert!(e.to_string().contains("already has an indicator"), "{e}");
    let e = store
        .add_agency(&AgencyFields {
            name: "重庆市妇女联合会".into(),
            short_name: "".into(),
        })
        .unwrap_err();
    assert_eq!(e.field(), Some(crate::db::edit::Field::Name));
    let m = milestone_version(&store, ids.milestone);
    let e = store.reopen_milestone(ids.milestone, m).unwrap_err();
    assert!(e.to_string().contains("is not marked done"), "{e}");
    let e = store
        .review_report(
            ids.report,
            report_version(&store, ids.report),
            &ReviewChange {
                review: Review::Returned,
                comment: None,
            },
        )
        .unwrap_err();
    assert_eq!(e.field(), Some(crate::db::edit::Field::Comment));
    assert_eq!(dump(&store), before);
    assert_eq!(store.audit_log(&AuditFilter::default()).unwrap().len(), 0);
}

#[test]
fn a_change_to_the_same_values_writes_no_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let v = node_version(&store, ids.task);
    let title = store
        .outline()
        .unwrap()
        .get(ids.task)
        .unwrap()
        .title
        .clone();
    let body = store.outline().unwrap().get(ids.task).unwrap().body.clone();
    let o = store
        .edit_node_text(ids.task, v, &NodeText { title, body })
        .unwrap();
    assert!(!o.changed());
    let o = store.set_agencies(ids.task, v, &[ids.fulian], &[]).unwrap();
    assert!(!o.changed());
    assert_eq!(node_version(&store, ids.task), v);
}
