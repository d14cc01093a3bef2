//! Two coordinators on one file: both read a record at the same version,
//! both save. The second save is a conflict that carries both versions;
//! nothing is lost, and saving again over theirs is a deliberate choice.

use super::*;
use crate::db::OpenMode;
use crate::db::edit::{DeletePreview, EditError, MilestoneFields, NodeText, Record};

fn two(path: &Path) -> (Store, Store, Ids) {
    let (mut a, ids) = office(path);
    a.user = "zhangli".into();
    let mut b = Store::open(path, OpenMode::Auto).unwrap();
    b.user = "lifang".into();
    (a, b, ids)
}

#[test]
fn the_second_save_from_the_same_version_is_a_conflict_with_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, ids) = two(&dir.path().join("a.db"));
    let read_a = node_version(&a, ids.task);
    let read_b = node_version(&b, ids.task);
    assert_eq!(read_a, read_b);
    let mine = NodeText {
        title: "提高政治站位（张）".into(),
        body: "张丽的正文。".into(),
    };
    let theirs = NodeText {
        title: "提高政治站位（李）".into(),
        body: "李芳的正文。".into(),
    };
    a.edit_node_text(ids.task, read_a, &mine).unwrap();
    let e = b.edit_node_text(ids.task, read_b, &theirs).unwrap_err();
    let EditError::Conflict(c) = &e else {
        panic!("expected a conflict, got {e}")
    };
    assert_eq!(c.expected, read_b);
    let Some(Record::Node(stored)) = &c.stored else {
        panic!("{c:?}")
    };
    assert_eq!(stored.node.title, "提高政治站位（张）");
    assert_eq!(stored.node.body, "张丽的正文。");
    assert_eq!(
        c.since.as_ref().map(|s| s.os_user.as_str()),
        Some("zhangli")
    );
    let msg = e.to_string();
    assert!(
        msg.starts_with("task 2.1.1 「提高政治站位（张）」 was changed by zhangli at"),
        "{msg}"
    );
    assert!(
        msg.contains(&format!(
            "you read version {read_b}, it is now version {}",
            stored.node.version
        )),
        "{msg}"
    );
    assert!(e.zh().contains("已被他人修改"), "{}", e.zh());
    // Nothing lost: the first save stands.
    assert_eq!(
        b.outline().unwrap().get(ids.task).unwrap().title,
        "提高政治站位（张）"
    );
    // Choosing to save over theirs is a new save from the stored version.
    b.edit_node_text(ids.task, stored.node.version, &theirs)
        .unwrap();
    assert_eq!(
        a.outline().unwrap().get(ids.task).unwrap().title,
        "提高政治站位（李）"
    );
    // Both changes are in the log, each under its author.
    let users: Vec<String> = a
        .audit_log(&Default::default())
        .unwrap()
        .into_iter()
        .map(|e| e.os_user)
        .collect();
    assert_eq!(users, ["lifang", "zhangli"]);
}

#[test]
fn conflicts_are_detected_on_every_kind_of_record() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, ids) = two(&dir.path().join("a.db"));
    let m = milestone_version(&a, ids.milestone);
    a.milestone_done(ids.milestone, m, d(2021, 9, 28)).unwrap();
    let e = b
        .edit_milestone(
            ids.milestone,
            m,
            &MilestoneFields {
                title: "制定学习方案".into(),
                due: d(2021, 10, 31),
            },
        )
        .unwrap_err();
    let c = e.conflict().expect("conflict");
    assert!(matches!(&c.stored, Some(Record::Milestone(x)) if x.done == Some(d(2021, 9, 28))));
    let r = report_version(&a, ids.report);
    let review = crate::db::edit::ReviewChange {
        review: crate::model::Review::Accepted,
        comment: None,
    };
    a.review_report(ids.report, r, &review).unwrap();
    assert!(
        b.review_report(ids.report, r, &review)
            .unwrap_err()
            .conflict()
            .is_some()
    );
    let u = a
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == ids.unit)
        .unwrap();
    a.rename_unit(u.id, u.version, "渝中区（新）", "渝中")
        .unwrap();
    assert!(
        b.set_unit_end(u.id, u.version, Some(d(2025, 1, 1)))
            .unwrap_err()
            .conflict()
            .is_some()
    );
}

#[test]
fn a_record_deleted_since_it_was_read_is_a_conflict_naming_who() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, ids) = two(&dir.path().join("a.db"));
    let m = milestone_version(&a, ids.milestone);
    a.delete_milestone(ids.milestone, m).unwrap();
    let e = b
        .milestone_done(ids.milestone, m, d(2021, 9, 28))
        .unwrap_err();
    let c = e.conflict().expect("conflict");
    assert!(c.stored.is_none());
    assert!(e.to_string().contains("was deleted by zhangli"), "{e}");
    let e = b.milestone_done(9999, 1, d(2021, 9, 28)).unwrap_err();
    assert!(matches!(e, EditError::NotFound { .. }), "{e}");
}

#[test]
fn a_delete_confirmed_before_a_report_arrived_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, ids) = two(&dir.path().join("a.db"));
    let preview: DeletePreview = a.delete_preview(ids.task).unwrap();
    b.add_report(&NewReport {
        unit_id: ids.unit2,
        node_id: ids.task,
        period: Period::quarter(2021, 3).unwrap(),
        reported_on: d(2021, 9, 29),
        author: "李芳".into(),
        body: "开展学习2场。".into(),
        values: vec![],
        batch_id: None,
    })
    .unwrap();
    let e = a.delete_node(&preview).unwrap_err();
    assert!(e.conflict().is_some());
    assert!(
        e.to_string()
            .contains("also deletes 1 milestone, 1 indicator and 2 reports"),
        "{e}"
    );
    assert!(a.outline().unwrap().get(ids.task).is_some());
}
