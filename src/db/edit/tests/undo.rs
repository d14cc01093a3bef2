//! Undo and redo beyond the happy path: refused when someone built on the
//! change, per user, surviving a restart, and imports.

use super::*;
use crate::db::edit::{MilestoneFields, NodeText};
use crate::db::{AuditEntry, AuditFilter};

/// A second connection to the same file under another OS user name.
fn colleague(path: &Path, name: &str) -> Store {
    let mut s = Store::open(path, crate::db::OpenMode::Auto).unwrap();
    s.user = name.to_string();
    s
}

#[test]
fn undo_is_refused_when_a_colleague_changed_the_row_since() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let (mut me, ids) = office(&path);
    me.user = "zhangli".into();
    let v = node_version(&me, ids.task);
    me.edit_node_text(
        ids.task,
        v,
        &NodeText {
            title: "提高政治站位（修订）".into(),
            body: String::new(),
        },
    )
    .unwrap();
    let mut her = colleague(&path, "lifang");
    let v = node_version(&her, ids.task);
    her.set_progress(ids.task, v, Some(30), d(2021, 12, 31))
        .unwrap();
    let before = dump(&me);
    let e = me.undo().unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("cannot undo “任务2.1.1更名"), "{msg}");
    assert!(
        msg.contains("task 2.1.1 「提高政治站位（修订）」 has since been changed by lifang"),
        "{msg}"
    );
    assert!(msg.contains("进度：自动→30%"), "{msg}");
    assert!(e.zh().contains("lifang"), "{}", e.zh());
    assert_eq!(dump(&me), before);
    // Once she takes hers back, mine can be undone.
    her.undo().unwrap();
    me.undo().unwrap();
    assert_eq!(
        me.outline().unwrap().get(ids.task).unwrap().title,
        "提高政治站位"
    );
}

#[test]
fn undoing_an_added_sub_task_is_refused_once_someone_added_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let (mut me, ids) = office(&path);
    me.user = "zhangli".into();
    let sub = me.add_subtask(ids.task, "组织专题学习", "").unwrap().id;
    let mut her = colleague(&path, "lifang");
    her.add_milestone(
        sub,
        &MilestoneFields {
            title: "完成首轮学习".into(),
            due: d(2021, 10, 31),
        },
    )
    .unwrap();
    let e = me.undo().unwrap_err().to_string();
    assert!(
        e.contains("has since gained milestone 「完成首轮学习」")
            && e.contains("by lifang")
            && e.contains("nothing was changed"),
        "{e}"
    );
    assert!(me.outline().unwrap().get(sub).is_some());
}

#[test]
fn undoing_a_delete_is_refused_when_the_parent_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let (mut me, ids) = office(&path);
    me.user = "zhangli".into();
    me.delete_milestone(ids.milestone, milestone_version(&me, ids.milestone))
        .unwrap();
    let mut her = colleague(&path, "lifang");
    let p = her.delete_preview(ids.task).unwrap();
    her.delete_node(&p).unwrap();
    let e = me.undo().unwrap_err().to_string();
    assert!(
        e.contains("which milestone 「制定学习计划」 belongs to, has since been deleted by lifang"),
        "{e}"
    );
}

#[test]
fn undo_is_per_user_and_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let (mut me, ids) = office(&path);
    me.user = "zhangli".into();
    let a = me.add_subtask(ids.task, "组织专题学习", "").unwrap();
    let b = me.add_subtask(ids.task, "开展宣讲活动", "").unwrap();
    let mut her = colleague(&path, "lifang");
    let hers = her
        .add_subtask(ids.other, "评选最美科技工作者", "")
        .unwrap();
    drop(me);
    let mut me = colleague(&path, "zhangli");
    assert_eq!(me.undo_candidate().unwrap().unwrap().id, b.entry.unwrap());
    me.undo().unwrap();
    drop(me);
    let mut me = colleague(&path, "zhangli");
    me.undo().unwrap();
    let o = me.outline().unwrap();
    assert!(o.get(a.id).is_none() && o.get(b.id).is_none());
    assert!(o.get(hers.id).is_some(), "her change is not mine to undo");
    drop(me);
    let mut me = colleague(&path, "zhangli");
    me.redo().unwrap();
    drop(me);
    let mut me = colleague(&path, "zhangli");
    me.redo().unwrap();
    let o = me.outline().unwrap();
    assert!(o.get(a.id).is_some() && o.get(b.id).is_some());
    let log = me
        .audit_log(&AuditFilter {
            user: Some("zhangli".into()),
            ..Default::default()
        })
        .unwrap();
    let ops: Vec<&str> = log.iter().map(|e| e.op.as_str()).collect();
    assert_eq!(ops, ["redo", "redo", "undo", "undo", "create", "create"]);
    assert_eq!(
        log[0].undo_of,
        Some(log[3].id),
        "the last redo re-applies the first undo"
    );
}

#[test]
fn a_new_change_clears_what_could_be_redone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    store.add_subtask(ids.task, "组织专题学习", "").unwrap();
    store.undo().unwrap();
    store.add_subtask(ids.task, "开展宣讲活动", "").unwrap();
    let e = store.redo().unwrap_err().to_string();
    assert!(e.starts_with("nothing to redo"), "{e}");
}

#[test]
fn a_named_entry_is_undone_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let first = store.add_subtask(ids.task, "组织专题学习", "").unwrap();
    store.add_subtask(ids.other, "开展宣讲活动", "").unwrap();
    store.undo_entry(first.entry.unwrap()).unwrap();
    assert!(store.outline().unwrap().get(first.id).is_none());
    let e = store
        .undo_entry(first.entry.unwrap())
        .unwrap_err()
        .to_string();
    assert!(e.contains("was already undone"), "{e}");
    let history = store.record_history("node", first.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].op, "undo");
}

fn without_versions(dump: &[String]) -> Vec<String> {
    dump.iter()
        .map(|row| {
            let (table, json) = row.split_once(' ').unwrap();
            let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
            v.as_object_mut().unwrap().remove("version");
            format!("{table} {v}")
        })
        .collect()
}

#[test]
fn an_import_is_undone_through_its_batch_and_redone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let before = dump(&store);
    store
        .write("import", |w| {
            let batch = w.insert_batch("渝中区2021Q3.csv", "abc123")?;
            let mut superseded = vec![];
            let added = w.add_report(&NewReport {
                unit_id: ids.unit,
                node_id: ids.task,
                period: Period::quarter(2021, 3).unwrap(),
                reported_on: d(2021, 9, 28),
                author: "导入".into(),
                body: "开展专题学习6场。".into(),
                values: vec![(ids.indicator, 6.0)],
                batch_id: Some(batch),
            })?;
            if let crate::db::Added::Revision { replaced, .. } = added {
                superseded.push(replaced);
            }
            w.add_report(&NewReport {
                unit_id: ids.unit2,
                node_id: ids.task,
                period: Period::quarter(2021, 3).unwrap(),
                reported_on: d(2021, 9, 28),
                author: "导入".into(),
                body: "开展学习2场。".into(),
                values: vec![],
                batch_id: Some(batch),
            })?;
            w.finish_batch(batch, 2, 0)?;
            w.audit(&AuditEntry {
                op: "import".into(),
                entity: "import_batch".into(),
                entity_id: Some(batch),
                summary: "导入渝中区2021Q3.csv：2条".into(),
                before: None,
                after: Some(serde_json::json!({
                    "file": "渝中区2021Q3.csv", "sha256": "abc123", "added": 2, "skipped": 0,
                    "superseded": superseded,
                })),
            })?;
            Ok(())
        })
        .unwrap();
    let imported = dump(&store);
    let undone = store.undo().unwrap();
    assert!(
        undone.summary.starts_with("撤销：导入"),
        "{}",
        undone.summary
    );
    // Writer::undo_import counts making a report current again as a change
    // of it: its version moves on; everything else is as before.
    assert_eq!(without_versions(&dump(&store)), without_versions(&before));
    let restored = store.report(ids.report).unwrap().unwrap();
    assert!(!restored.superseded && restored.body == "开展专题学习3场。");
    let before = dump(&store);
    store.redo().unwrap();
    assert_eq!(without_versions(&dump(&store)), without_versions(&imported));
    store.undo().unwrap();
    assert_eq!(dump(&store), before);
    assert!(store.check().unwrap().ok());
}

#[test]
fn an_import_someone_reviewed_is_not_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let (mut store, ids) = office(&path);
    let report = store
        .write("import", |w| {
            let batch = w.insert_batch("a.csv", "x")?;
            let r = w.add_report(&NewReport {
                unit_id: ids.unit2,
                node_id: ids.task,
                period: Period::quarter(2021, 3).unwrap(),
                reported_on: d(2021, 9, 28),
                author: "导入".into(),
                body: "开展学习2场。".into(),
                values: vec![],
                batch_id: Some(batch),
            })?;
            w.audit(&AuditEntry {
                op: "import".into(),
                entity: "import_batch".into(),
                entity_id: Some(batch),
                summary: "导入a.csv".into(),
                before: None,
                after: Some(serde_json::json!({"superseded": []})),
            })?;
            Ok(r.id())
        })
        .unwrap();
    let mut her = colleague(&path, "lifang");
    let v = report_version(&her, report);
    her.review_report(
        report,
        v,
        &crate::db::edit::ReviewChange {
            review: crate::model::Review::Accepted,
            comment: None,
        },
    )
    .unwrap();
    let e = store.undo().unwrap_err().to_string();
    assert!(
        e.contains(&format!(
            "its report {report} has since been changed or replaced by lifang"
        )),
        "{e}"
    );
    assert!(store.report(report).unwrap().is_some());
}

#[test]
fn undo_that_would_break_the_numbering_of_siblings_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let (mut me, ids) = office(&path);
    me.user = "zhangli".into();
    let mine = me.add_subtask(ids.task, "组织专题学习", "").unwrap();
    let mut her = colleague(&path, "lifang");
    her.add_subtask(ids.task, "开展宣讲活动", "").unwrap();
    let before = dump(&me);
    let e = me.undo().unwrap_err().to_string();
    assert!(
        e.contains("sub-task 2.1.1.2 「开展宣讲活动」 has since been added or moved among the same siblings by lifang"),
        "{e}"
    );
    assert_eq!(
        dump(&me),
        before,
        "a refused undo leaves every row as it was"
    );
    // Deleting a task and then someone appending a sibling: the delete
    // cannot be undone without two tasks numbered alike.
    let p = me.delete_preview(mine.id).unwrap();
    me.delete_node(&p).unwrap();
    her.add_subtask(ids.task, "评选先进典型", "").unwrap();
    let e = me.undo().unwrap_err().to_string();
    assert!(
        e.contains("「评选先进典型」 has since been added or moved"),
        "{e}"
    );
    assert!(me.check().unwrap().ok());
}
