//! The migration to dated values, on a file as bayu wrote it before they
//! had dates of effect, and what undo can still take back from its log.

use chrono::NaiveDate;

use crate::analysis::Snapshot;
use crate::db::migrate;
use crate::db::{OpenMode, Store};
use crate::model::{HistoryValue, Review, Status};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A node row as the older schema stored it, for the log's images.
fn node_image(status: &str, reason: Option<&str>, progress: Option<i64>, title: &str) -> String {
    serde_json::json!({
        "id": 2, "parent_id": 1, "position": 1, "level": 2, "title": title, "body": "",
        "status": status, "status_reason": reason,
        "start_date": "2021-06-09", "due_date": "2025-12-31",
        "progress": progress, "reportable": 1, "version": 3
    })
    .to_string()
}

fn entry(at: &str, summary: &str, before: &str, after: &str) -> String {
    format!(
        "INSERT INTO audit (at, os_user, op, entity, entity_id, summary, before, after)
         VALUES ('{at}', 'lifang', 'update', 'node', 2, '{summary}',
                 '{{\"rows\": {{\"node\": [{before}]}}}}', '{{\"rows\": {{\"node\": [{after}]}}}}');"
    )
}

/// A file at the version before the history: task 2 is 滞后 since a log
/// entry of 15 March 2022 and at 40% since one of 1 May 2022, its dates
/// were set with the plan (no log entry); task 3 is 推进中 with no log
/// entry at all; a report was accepted on 20 January 2022 (logged),
/// another accepted without a log entry.
fn old_file(path: &std::path::Path) {
    let mut c = rusqlite::Connection::open(path).unwrap();
    migrate::migrate_to(&mut c, migrate::before_history()).unwrap();
    let late = node_image("late", Some("经费未到位"), None, "开展学习");
    let progressing = node_image("in_progress", None, None, "开展学习");
    let forty = node_image("late", Some("经费未到位"), Some(40), "开展学习");
    let renamed = node_image("late", Some("经费未到位"), Some(40), "开展专题学习");
    let mut sql = String::from(
        "INSERT INTO plan (id, title, action_name, start_date) VALUES (1, '旧方案', '旧行动', '2021-06-09');
         INSERT INTO node (id, parent_id, position, level, title) VALUES (1, NULL, 1, 0, '一、总体要求');
         INSERT INTO node (id, parent_id, position, level, title, status, status_reason,
                           start_date, due_date, progress, version)
              VALUES (2, 1, 1, 2, '开展专题学习', 'late', '经费未到位', '2021-06-09', '2025-12-31', 40, 4);
         INSERT INTO node (id, parent_id, position, level, title, status)
              VALUES (3, 1, 2, 2, '开展宣讲', 'in_progress');
         INSERT INTO unit (id, name, short_name, position) VALUES (1, '渝中区', '渝中', 1);
         INSERT INTO indicator (id, node_id, name, target) VALUES (1, 2, '学习场次', 10);
         INSERT INTO report (id, unit_id, node_id, period, reported_on, author, body, review)
              VALUES (1, 1, 2, '2021Q4', '2021-12-20', '张丽', '第四季度。', 'accepted'),
                     (2, 1, 2, '2022Q1', '2022-03-25', '张丽', '第一季度。', 'accepted');
         INSERT INTO report_value (report_id, indicator_id, value) VALUES (1, 1, 4), (2, 1, 3);
         INSERT INTO audit (at, os_user, op, entity, entity_id, summary, before, after)
              VALUES ('2022-01-20T09:00:00+08:00', 'lifang', 'update', 'report', 1, '审核报送1',
                      '{\"rows\": {\"report\": [{\"id\": 1, \"review\": \"pending\"}]}}',
                      '{\"rows\": {\"report\": [{\"id\": 1, \"review\": \"accepted\"}]}}');",
    );
    sql.push_str(&entry(
        "2022-03-15T10:00:00+08:00",
        "状态：推进中→滞后",
        &progressing,
        &late,
    ));
    sql.push_str(&entry(
        "2022-05-01T10:00:00+08:00",
        "进度：自动→40%",
        &late,
        &forty,
    ));
    // A rename after those: it changed nothing the history now keeps.
    let renamed_after = renamed.replace("\"version\":3", "\"version\":4");
    sql.push_str(&entry(
        "2022-06-01T10:00:00+08:00",
        "更名",
        &forty,
        &renamed_after,
    ));
    c.execute_batch(&sql).unwrap();
}

#[test]
fn todays_values_take_effect_from_the_log_entry_that_set_them_or_the_plans_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    old_file(&path);
    let store = Store::open(&path, OpenMode::Auto).unwrap();
    assert!(
        store.check().unwrap().ok(),
        "{:?}",
        store.check().unwrap().problems
    );
    let h = store.node_history(2).unwrap();
    let find = |f: fn(&HistoryValue) -> bool| h.iter().find(|e| f(&e.value)).unwrap();
    let status = find(|v| matches!(v, HistoryValue::Status { .. }));
    assert_eq!(status.effective, d(2022, 3, 15), "the entry that set it");
    assert_eq!(
        status.value,
        HistoryValue::Status {
            status: Status::Late,
            reason: Some("经费未到位".into())
        }
    );
    let progress = find(|v| matches!(v, HistoryValue::Progress(_)));
    assert_eq!(
        (progress.effective, &progress.value),
        (d(2022, 5, 1), &HistoryValue::Progress(Some(40)))
    );
    let dates = find(|v| matches!(v, HistoryValue::Dates { .. }));
    assert_eq!(
        dates.effective,
        d(2021, 6, 9),
        "never logged: the plan's start"
    );
    let other = store.node_history(3).unwrap();
    assert_eq!(other.len(), 1);
    assert_eq!(other[0].effective, d(2021, 6, 9));
    // As of a day, what was in effect then.
    let at = |day| store.outline_at(day).unwrap().get(2).cloned().unwrap();
    assert_eq!(at(d(2022, 3, 14)).status, Status::NotStarted);
    assert_eq!(at(d(2022, 3, 15)).status, Status::Late);
    assert_eq!(at(d(2022, 4, 30)).progress, None);
    assert_eq!(at(d(2022, 5, 1)).progress, Some(40));
    assert_eq!(
        store.outline().unwrap().get(2).unwrap().title,
        "开展专题学习"
    );
    // Reviews: the day of the logged review, else the day received.
    let r1 = store.report(1).unwrap().unwrap();
    let r2 = store.report(2).unwrap().unwrap();
    assert_eq!(r1.reviewed_on, Some(d(2022, 1, 20)));
    assert_eq!(r2.reviewed_on, Some(d(2022, 3, 25)));
    assert_eq!(r1.review_at(d(2022, 1, 19)), Review::Pending);
    // At 31 December 2021 the December report was still pending review.
    let snap = Snapshot::load(&store, d(2021, 12, 31)).unwrap();
    assert_eq!(snap.indicator_total(1), 4.0);
    assert_eq!(snap.indicator_pending(1), 4.0);
    let snap = Snapshot::load(&store, d(2022, 3, 31)).unwrap();
    assert_eq!(
        (snap.indicator_total(1), snap.indicator_pending(1)),
        (7.0, 0.0)
    );
}

#[test]
fn an_old_entry_that_changed_a_dated_value_is_not_undone_but_an_old_rename_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    old_file(&path);
    let mut store = Store::open(&path, OpenMode::Auto).unwrap();
    let log = store.audit_log(&crate::db::AuditFilter::default()).unwrap();
    let id = |summary: &str| log.iter().find(|e| e.summary == summary).unwrap().id;
    let before = store.node_history(2).unwrap();
    let e = store.undo_entry(id("进度：自动→40%")).unwrap_err();
    assert!(
        e.to_string().contains("node.progress"),
        "names what it cannot restore: {e}"
    );
    assert_eq!(store.node_history(2).unwrap(), before, "nothing changed");
    // The rename touched no dated value: it comes back.
    store.undo_entry(id("更名")).unwrap();
    assert_eq!(store.outline().unwrap().get(2).unwrap().title, "开展学习");
}
