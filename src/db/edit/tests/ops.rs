//! Every operation, then its undo and its redo: the full table dump after
//! undo equals the dump before the operation, and after redo the dump
//! after it. The operations run one after another on one file, so each
//! undo and redo also proves it leaves the others' rows alone.

use super::*;
use crate::db::edit::{
    AgencyFields, Direction, IndicatorFields, MilestoneFields, NodeText, Outcome, ReportFields,
    ReviewChange, StatusChange, UnitFields,
};
use crate::db::{Added, AuditFilter};
use crate::model::{Review, Status};

type Op<'a> = (&'a str, Box<dyn Fn(&mut Store, &Ids) -> Outcome + 'a>);

fn subtask(store: &Store, parent: i64, title: &str) -> i64 {
    let o = store.outline().unwrap();
    *o.children(parent)
        .iter()
        .find(|c| o.get(**c).unwrap().title == title)
        .unwrap()
}

pub(super) fn report_on(
    unit: i64,
    node: i64,
    q: u32,
    text: &str,
    values: Vec<(i64, f64)>,
) -> NewReport {
    NewReport {
        unit_id: unit,
        node_id: node,
        period: Period::quarter(2021, q).unwrap(),
        reported_on: d(2021, q * 3, 28),
        author: "王敏".into(),
        body: text.into(),
        values,
        batch_id: None,
    }
}

fn newest_milestone(store: &Store) -> i64 {
    store
        .milestones()
        .unwrap()
        .iter()
        .map(|m| m.id)
        .max()
        .unwrap()
}

fn newest_indicator(store: &Store) -> i64 {
    store
        .indicators()
        .unwrap()
        .iter()
        .map(|m| m.id)
        .max()
        .unwrap()
}

fn ops<'a>() -> Vec<Op<'a>> {
    vec![
        (
            "add sub-task",
            Box::new(|s, i| {
                s.add_subtask(i.task, "组织专题学习", "各区县妇联组织学习。")
                    .unwrap()
            }),
        ),
        (
            "add a second sub-task",
            Box::new(|s, i| s.add_subtask(i.task, "开展宣讲活动", "").unwrap()),
        ),
        (
            "rename",
            Box::new(|s, i| {
                let id = subtask(s, i.task, "组织专题学习");
                let v = node_version(s, id);
                s.edit_node_text(
                    id,
                    v,
                    &NodeText {
                        title: "组织集中学习".into(),
                        body: "分批次组织。".into(),
                    },
                )
                .unwrap()
            }),
        ),
        (
            "move up",
            Box::new(|s, i| {
                let id = subtask(s, i.task, "开展宣讲活动");
                s.move_node(id, node_version(s, id), Direction::Up).unwrap()
            }),
        ),
        (
            "status late with reason",
            Box::new(|s, i| {
                let v = node_version(s, i.task);
                s.set_status(
                    i.task,
                    v,
                    &StatusChange {
                        status: Status::Late,
                        reason: Some("部分区县尚未启动".into()),
                        on: d(2021, 12, 31),
                    },
                )
                .unwrap()
            }),
        ),
        (
            "cycle status",
            Box::new(|s, i| {
                let v = node_version(s, i.task);
                s.cycle_status(i.task, v, Some("等待经费"), d(2021, 12, 31))
                    .unwrap()
            }),
        ),
        (
            "dates",
            Box::new(|s, i| {
                let v = node_version(s, i.task);
                s.set_dates(
                    i.task,
                    v,
                    Some(d(2021, 6, 9)),
                    Some(d(2022, 6, 30)),
                    d(2021, 12, 31),
                )
                .unwrap()
            }),
        ),
        (
            "manual progress",
            Box::new(|s, i| {
                s.set_progress(i.task, node_version(s, i.task), Some(40), d(2021, 12, 31))
                    .unwrap()
            }),
        ),
        (
            "derived progress",
            Box::new(|s, i| {
                s.set_progress(i.task, node_version(s, i.task), None, d(2021, 12, 31))
                    .unwrap()
            }),
        ),
        (
            "agencies",
            Box::new(|s, i| {
                let v = node_version(s, i.task);
                s.set_agencies(i.task, v, &[i.kexie], &[i.fulian]).unwrap()
            }),
        ),
        (
            "add agency",
            Box::new(|s, _| {
                s.add_agency(&AgencyFields {
                    name: "重庆市教育委员会".into(),
                    short_name: "市教委".into(),
                })
                .unwrap()
            }),
        ),
        (
            "rename agency",
            Box::new(|s, i| {
                let a = s
                    .agencies()
                    .unwrap()
                    .into_iter()
                    .find(|a| a.id == i.kexie)
                    .unwrap();
                s.rename_agency(
                    a.id,
                    a.version,
                    &AgencyFields {
                        name: "重庆市科学技术协会".into(),
                        short_name: "科协".into(),
                    },
                )
                .unwrap()
            }),
        ),
        (
            "add unit",
            Box::new(|s, _| {
                s.add_unit(&UnitFields {
                    name: "西部科学城重庆高新区".into(),
                    short_name: "西部科学城".into(),
                    code: None,
                    kind: "zone".into(),
                    valid_from: Some(d(2022, 1, 1)),
                })
                .unwrap()
            }),
        ),
        (
            "rename unit",
            Box::new(|s, i| {
                let u = s
                    .units()
                    .unwrap()
                    .into_iter()
                    .find(|u| u.id == i.unit2)
                    .unwrap();
                s.rename_unit(u.id, u.version, "綦江区（新）", "綦江")
                    .unwrap()
            }),
        ),
        (
            "unit end date",
            Box::new(|s, i| {
                let u = s
                    .units()
                    .unwrap()
                    .into_iter()
                    .find(|u| u.id == i.unit2)
                    .unwrap();
                s.set_unit_end(u.id, u.version, Some(d(2025, 6, 30)))
                    .unwrap()
            }),
        ),
        (
            "add milestone",
            Box::new(|s, i| {
                s.add_milestone(
                    i.task,
                    &MilestoneFields {
                        title: "完成首轮宣讲".into(),
                        due: d(2021, 12, 31),
                    },
                )
                .unwrap()
            }),
        ),
        (
            "edit milestone",
            Box::new(|s, _| {
                let m = newest_milestone(s);
                s.edit_milestone(
                    m,
                    milestone_version(s, m),
                    &MilestoneFields {
                        title: "完成首轮巡回宣讲".into(),
                        due: d(2022, 1, 15),
                    },
                )
                .unwrap()
            }),
        ),
        (
            "milestone done",
            Box::new(|s, _| {
                let m = newest_milestone(s);
                s.milestone_done(m, milestone_version(s, m), d(2022, 1, 10))
                    .unwrap()
            }),
        ),
        (
            "milestone reopen",
            Box::new(|s, _| {
                let m = newest_milestone(s);
                s.reopen_milestone(m, milestone_version(s, m)).unwrap()
            }),
        ),
        (
            "milestone delete",
            Box::new(|s, i| {
                s.delete_milestone(i.milestone, milestone_version(s, i.milestone))
                    .unwrap()
            }),
        ),
        (
            "add indicator",
            Box::new(|s, i| {
                s.add_indicator(
                    i.task,
                    &IndicatorFields {
                        name: "覆盖女科技工作者".into(),
                        measure: "人次".into(),
                        target: Some(13000.0),
                    },
                )
                .unwrap()
            }),
        ),
        (
            "edit indicator",
            Box::new(|s, _| {
                let id = newest_indicator(s);
                s.edit_indicator(
                    id,
                    indicator_version(s, id),
                    &IndicatorFields {
                        name: "覆盖女科技工作者".into(),
                        measure: "人次".into(),
                        target: Some(15000.5),
                    },
                )
                .unwrap()
            }),
        ),
        (
            "add report",
            Box::new(|s, i| {
                let ind = newest_indicator(s);
                let r = s
                    .add_report(&report_on(
                        i.unit,
                        i.task,
                        4,
                        "开展宣讲12场。",
                        vec![(i.indicator, 12.0), (ind, 860.0)],
                    ))
                    .unwrap();
                assert!(matches!(r.added, Some(Added::New(_))));
                r
            }),
        ),
        (
            "add revision",
            Box::new(|s, i| {
                let r = s
                    .add_report(&report_on(
                        i.unit,
                        i.task,
                        3,
                        "开展专题学习5场，覆盖300人次。",
                        vec![(i.indicator, 5.0)],
                    ))
                    .unwrap();
                assert!(
                    matches!(r.added, Some(Added::Revision { revision: 2, .. })),
                    "{:?}",
                    r.added
                );
                r
            }),
        ),
        (
            "edit report",
            Box::new(|s, i| {
                let r = s
                    .node_reports(i.task, d(2022, 12, 31), 1)
                    .unwrap()
                    .remove(0);
                s.edit_report(
                    r.id,
                    r.version,
                    &ReportFields {
                        reported_on: r.reported_on,
                        author: "王敏".into(),
                        body: "开展宣讲13场。".into(),
                        values: vec![(i.indicator, 13.0)],
                    },
                )
                .unwrap()
            }),
        ),
        (
            "return report",
            Box::new(|s, i| {
                let r = s
                    .node_reports(i.task, d(2022, 12, 31), 1)
                    .unwrap()
                    .remove(0);
                s.review_report(
                    r.id,
                    r.version,
                    &ReviewChange {
                        review: Review::Returned,
                        comment: Some("请补充活动清单。".into()),
                    },
                )
                .unwrap()
            }),
        ),
        (
            "delete indicator",
            Box::new(|s, i| {
                s.delete_indicator(i.indicator, indicator_version(s, i.indicator))
                    .unwrap()
            }),
        ),
        (
            "delete task",
            Box::new(|s, i| {
                let p = s.delete_preview(i.task).unwrap();
                assert_eq!(p.subtasks.len(), 2);
                assert!(p.reports.len() >= 3 && p.older_revisions == 1, "{p:?}");
                s.delete_node(&p).unwrap()
            }),
        ),
    ]
}

#[test]
fn every_operation_is_undone_and_redone_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    for (name, op) in ops() {
        let before = dump(&store);
        let done = op(&mut store, &ids);
        assert!(done.changed(), "{name}: nothing was recorded");
        let after = dump(&store);
        assert_ne!(before, after, "{name}: the data did not change");
        let entry = store
            .audit_log(&AuditFilter {
                limit: Some(1),
                ..Default::default()
            })
            .unwrap()
            .remove(0);
        assert_eq!(
            Some(entry.id),
            done.entry,
            "{name}: one audit entry, the newest"
        );
        let undone = store
            .undo()
            .unwrap_or_else(|e| panic!("{name}: undo failed: {e}"));
        assert!(undone.summary.starts_with("撤销："), "{}", undone.summary);
        assert_eq!(
            dump(&store),
            before,
            "{name}: undo did not restore the rows"
        );
        store
            .redo()
            .unwrap_or_else(|e| panic!("{name}: redo failed: {e}"));
        assert_eq!(
            dump(&store),
            after,
            "{name}: redo did not re-apply the rows"
        );
        assert!(
            store.check().unwrap().ok(),
            "{name}: {:?}",
            store.check().unwrap().problems
        );
    }
}

#[test]
fn every_operation_can_be_undone_back_to_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let start = dump(&store);
    let mut dumps = vec![start.clone()];
    for (_, op) in ops() {
        op(&mut store, &ids);
        dumps.push(dump(&store));
    }
    for expected in dumps.iter().rev().skip(1) {
        store.undo().unwrap();
        assert_eq!(&dump(&store), expected);
    }
    let e = store.undo().unwrap_err();
    assert!(e.to_string().starts_with("nothing to undo"), "{e}");
    for expected in dumps.iter().skip(1) {
        store.redo().unwrap();
        assert_eq!(&dump(&store), expected);
    }
    assert!(
        store
            .redo()
            .unwrap_err()
            .to_string()
            .starts_with("nothing to redo")
    );
}

#[test]
fn apply_says_which_record_to_show_afterwards() {
    use crate::db::edit::{Op as Change, Target};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let added = store
        .apply(&Change::AddMilestone {
            node: ids.task,
            fields: MilestoneFields {
                title: "完成调研".into(),
                due: d(2021, 11, 30),
            },
        })
        .unwrap();
    assert!(added.changed());
    assert_eq!(added.record, Some(Target::Milestone(added.id)));
    let m = store
        .get::<crate::model::Milestone>(added.id)
        .unwrap()
        .unwrap();
    let gone = store
        .apply(&Change::DeleteMilestone {
            id: m.id,
            version: m.version,
        })
        .unwrap();
    assert_eq!(gone.record, None, "nothing to show after a deletion");
    let sub = store
        .apply(&Change::AddSubtask {
            parent: ids.task,
            title: "专题学习".into(),
            body: String::new(),
        })
        .unwrap();
    let preview = store.delete_preview(sub.id).unwrap();
    let deleted = store.apply(&Change::DeleteNode(Box::new(preview))).unwrap();
    assert_eq!(
        deleted.record,
        Some(Target::Node(ids.task)),
        "a deleted task's parent"
    );
    // A stale version through apply is a conflict carrying the record now.
    let v = node_version(&store, ids.task);
    let e = store
        .apply(&Change::SetProgress {
            id: ids.task,
            version: v - 1,
            progress: Some(10),
            on: d(2021, 12, 31),
        })
        .unwrap_err();
    let c = e.conflict().unwrap();
    assert_eq!(c.stored.as_ref().map(|r| r.version()), Some(v));
    assert_eq!(c.what_zh, "任务2.1.1「提高政治站位」");
}
