//! Meetings and decisions through `Store::apply`: every operation with
//! its undo and redo (whole-table dumps compared), the rules each one
//! keeps, and two coordinators on one decision.

use chrono::NaiveDate;

use crate::db::edit::tests::{Ids, d, dump, office};
use crate::db::edit::{DecisionFields, EditError, Field, MeetingFields, Op, Record, Target};
use crate::db::{AuditFilter, OpenMode, Store};
use crate::model::{Decision, Meeting};

fn meeting_fields(ids: &Ids, held_on: NaiveDate) -> MeetingFields {
    MeetingFields {
        held_on,
        title: "巴渝巾帼行动联席会议第一次会议".into(),
        place: "市妇联三楼会议室".into(),
        chair: "张丽".into(),
        agencies: vec![ids.fulian, ids.kexie],
    }
}

fn decision_fields(ids: &Ids, due: NaiveDate) -> DecisionFields {
    DecisionFields {
        text: "建立女科技工作者人才库，年底前完成首批入库。".into(),
        agency: ids.kexie,
        support: vec![ids.fulian],
        node: Some(ids.task),
        due,
    }
}

fn add_meeting(store: &mut Store, ids: &Ids) -> Meeting {
    let out = store
        .apply(&Op::AddMeeting(meeting_fields(ids, d(2021, 3, 15))))
        .unwrap();
    assert_eq!(out.record, Some(Target::Meeting(out.id)));
    store.get::<Meeting>(out.id).unwrap().unwrap()
}

fn add_decision(store: &mut Store, ids: &Ids, meeting: i64) -> Decision {
    let out = store
        .apply(&Op::AddDecision {
            meeting,
            fields: decision_fields(ids, d(2021, 12, 31)),
        })
        .unwrap();
    store.get::<Decision>(out.id).unwrap().unwrap()
}

#[test]
fn a_meeting_and_its_decisions_are_recorded_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let m = add_meeting(&mut store, &ids);
    assert_eq!(m.title, "巴渝巾帼行动联席会议第一次会议");
    assert_eq!(m.place, "市妇联三楼会议室");
    assert_eq!(m.chair, "张丽");
    assert_eq!(m.agencies, vec![ids.fulian, ids.kexie]);
    let dec = add_decision(&mut store, &ids, m.id);
    assert_eq!(dec.meeting_id, m.id);
    assert_eq!(dec.agency_id, ids.kexie);
    assert_eq!(dec.support, vec![ids.fulian]);
    assert_eq!(dec.node_id, Some(ids.task));
    assert_eq!(dec.due, d(2021, 12, 31));
    assert_eq!(dec.done, None);
    let log = store.audit_log(&AuditFilter::default()).unwrap();
    assert_eq!(
        log[0].summary,
        format!(
            "新增议定事项{}（会议「巴渝巾帼行动联席会议第一次会议」）「建立女科技工作者人才库，年底前完成首批入库。」，责任单位市科协，配合单位市妇联，任务2.1.1，完成时限2021-12-31",
            dec.id
        )
    );
    assert_eq!(
        log[1].summary,
        "新增会议「巴渝巾帼行动联席会议第一次会议」（2021-03-15），参会单位：市妇联、市科协"
    );
    assert_eq!(store.meetings().unwrap(), vec![m]);
    assert_eq!(store.decisions().unwrap(), vec![dec]);
}

#[test]
fn every_meeting_operation_is_one_entry_undone_and_redone_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    type Step = Box<dyn Fn(&Store, &Ids) -> Op>;
    let meeting = |s: &Store| s.meetings().unwrap().pop().unwrap();
    let decision = |s: &Store| s.decisions().unwrap().pop().unwrap();
    let steps: Vec<(&str, Step)> = vec![
        (
            "add meeting",
            Box::new(|_, i| Op::AddMeeting(meeting_fields(i, d(2021, 3, 15)))),
        ),
        (
            "edit meeting",
            Box::new(move |s, i| {
                let m = meeting(s);
                let mut fields = meeting_fields(i, d(2021, 3, 16));
                fields.title = "联席会议第一次全体会议".into();
                fields.agencies = vec![i.kexie];
                Op::EditMeeting {
                    id: m.id,
                    version: m.version,
                    fields,
                }
            }),
        ),
        (
            "add decision",
            Box::new(move |s, i| Op::AddDecision {
                meeting: meeting(s).id,
                fields: decision_fields(i, d(2021, 12, 31)),
            }),
        ),
        (
            "edit decision",
            Box::new(move |s, i| {
                let dec = decision(s);
                let mut fields = decision_fields(i, d(2022, 3, 31));
                fields.support = vec![];
                fields.node = None;
                Op::EditDecision {
                    id: dec.id,
                    version: dec.version,
                    fields,
                }
            }),
        ),
        (
            "decision done",
            Box::new(move |s, _| {
                let dec = decision(s);
                Op::DecisionDone {
                    id: dec.id,
                    version: dec.version,
                    date: d(2021, 11, 20),
                    note: Some("首批入库312人".into()),
                }
            }),
        ),
        (
            "reopen decision",
            Box::new(move |s, _| {
                let dec = decision(s);
                Op::ReopenDecision {
                    id: dec.id,
                    version: dec.version,
                }
            }),
        ),
        (
            "add a second decision",
            Box::new(move |s, i| Op::AddDecision {
                meeting: meeting(s).id,
                fields: DecisionFields {
                    text: "各区县妇联按季度报送进展。".into(),
                    agency: i.fulian,
                    support: vec![],
                    node: None,
                    due: d(2021, 6, 30),
                },
            }),
        ),
        (
            "delete decision",
            Box::new(move |s, _| {
                let dec = decision(s);
                Op::DeleteDecision {
                    id: dec.id,
                    version: dec.version,
                }
            }),
        ),
        (
            "delete meeting with its decision",
            Box::new(move |s, _| {
                let m = meeting(s);
                Op::DeleteMeeting {
                    id: m.id,
                    version: m.version,
                }
            }),
        ),
    ];
    let mut dumps = vec![dump(&store)];
    for (name, step) in &steps {
        let op = step(&store, &ids);
        let out = store.apply(&op).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(out.changed(), "{name}: nothing written");
        let after = dump(&store);
        assert_ne!(dumps.last(), Some(&after), "{name}: no row changed");
        store.undo().unwrap_or_else(|e| panic!("{name}: undo: {e}"));
        assert_eq!(dumps.last(), Some(&dump(&store)), "{name}: undo");
        store.redo().unwrap_or_else(|e| panic!("{name}: redo: {e}"));
        assert_eq!(after, dump(&store), "{name}: redo");
        dumps.push(after);
    }
    assert!(store.meetings().unwrap().is_empty());
}

#[test]
fn a_decision_keeps_its_rules_and_writes_nothing_when_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let m = add_meeting(&mut store, &ids);
    let before = dump(&store);
    let refused = |store: &mut Store, fields: DecisionFields| {
        store
            .apply(&Op::AddDecision {
                meeting: m.id,
                fields,
            })
            .unwrap_err()
    };
    let mut early = decision_fields(&ids, d(2021, 3, 1));
    let e = refused(&mut store, early.clone());
    assert_eq!(e.field(), Some(Field::Deadline));
    assert!(
        e.to_string()
            .contains("deadline: 2021-03-01 is before the meeting"),
        "{e}"
    );
    assert!(
        e.zh().contains("完成时限：2021-03-01早于会议"),
        "{}",
        e.zh()
    );
    early.due = d(2021, 6, 30);
    early.support = vec![ids.kexie];
    let e = refused(&mut store, early.clone());
    assert_eq!(e.field(), Some(Field::Support));
    assert!(e.zh().contains("市科协已是责任单位"), "{}", e.zh());
    early.support = vec![ids.fulian, ids.fulian];
    assert_eq!(
        refused(&mut store, early.clone()).field(),
        Some(Field::Support)
    );
    early.support = vec![];
    early.agency = 9999;
    assert_eq!(
        refused(&mut store, early.clone()).field(),
        Some(Field::Agency)
    );
    early.agency = ids.kexie;
    early.text = "  ".into();
    assert_eq!(
        refused(&mut store, early.clone()).field(),
        Some(Field::Text)
    );
    early.text = "有内容。".into();
    let e = store
        .apply(&Op::AddDecision {
            meeting: 9999,
            fields: early,
        })
        .unwrap_err();
    assert_eq!(e.field(), Some(Field::Meeting));
    assert_eq!(dump(&store), before, "nothing written by a refusal");
}

#[test]
fn done_needs_an_open_decision_and_a_date_not_before_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let m = add_meeting(&mut store, &ids);
    let dec = add_decision(&mut store, &ids, m.id);
    let e = store
        .apply(&Op::ReopenDecision {
            id: dec.id,
            version: dec.version,
        })
        .unwrap_err();
    assert!(e.to_string().contains("is not marked done"), "{e}");
    let e = store
        .apply(&Op::DecisionDone {
            id: dec.id,
            version: dec.version,
            date: d(2021, 3, 14),
            note: None,
        })
        .unwrap_err();
    assert_eq!(e.field(), Some(Field::Done));
    let out = store
        .apply(&Op::DecisionDone {
            id: dec.id,
            version: dec.version,
            date: d(2021, 11, 20),
            note: Some("首批入库312人".into()),
        })
        .unwrap();
    assert!(
        out.summary
            .ends_with("标记完成，完成日期2021-11-20（首批入库312人）")
    );
    let now = store.get::<Decision>(dec.id).unwrap().unwrap();
    assert_eq!(now.done, Some(d(2021, 11, 20)));
    assert_eq!(now.done_note.as_deref(), Some("首批入库312人"));
    let e = store
        .apply(&Op::DecisionDone {
            id: now.id,
            version: now.version,
            date: d(2021, 12, 1),
            note: None,
        })
        .unwrap_err();
    assert!(e.zh().contains("已于2021-11-20完成"), "{}", e.zh());
}

#[test]
fn a_meeting_cannot_move_after_a_deadline_of_its_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let m = add_meeting(&mut store, &ids);
    add_decision(&mut store, &ids, m.id);
    let e = store
        .apply(&Op::EditMeeting {
            id: m.id,
            version: m.version,
            fields: meeting_fields(&ids, d(2022, 1, 10)),
        })
        .unwrap_err();
    assert_eq!(e.field(), Some(Field::Held));
    assert!(e.zh().contains("晚于议定事项"), "{}", e.zh());
}

#[test]
fn a_stale_decision_is_a_conflict_carrying_it_as_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let (mut a, ids) = office(&path);
    let m = add_meeting(&mut a, &ids);
    let dec = add_decision(&mut a, &ids, m.id);
    let mut b = Store::open(&path, OpenMode::Auto).unwrap();
    a.apply(&Op::DecisionDone {
        id: dec.id,
        version: dec.version,
        date: d(2021, 11, 20),
        note: None,
    })
    .unwrap();
    let e = b
        .apply(&Op::EditDecision {
            id: dec.id,
            version: dec.version,
            fields: decision_fields(&ids, d(2022, 6, 30)),
        })
        .unwrap_err();
    let EditError::Conflict(c) = &e else {
        panic!("{e}")
    };
    assert!(
        matches!(&c.stored, Some(Record::Decision(s)) if s.done == Some(d(2021, 11, 20))),
        "{c:?}"
    );
    assert!(c.what_zh.starts_with(&format!("议定事项{}「", dec.id)));
}

#[test]
fn a_task_a_decision_names_cannot_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let m = add_meeting(&mut store, &ids);
    let dec = add_decision(&mut store, &ids, m.id);
    let e = store.delete_preview(ids.task).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("task 2.1.1 「提高政治站位」 cannot be deleted: decision"),
        "{e}"
    );
    assert!(
        e.zh().contains("请先修改该议定事项的关联任务"),
        "{}",
        e.zh()
    );
    // Unlinked, the task can go.
    let mut fields = decision_fields(&ids, d(2021, 12, 31));
    fields.node = None;
    store
        .apply(&Op::EditDecision {
            id: dec.id,
            version: dec.version,
            fields,
        })
        .unwrap();
    let preview = store.delete_preview(ids.task).unwrap();
    store.apply(&Op::DeleteNode(Box::new(preview))).unwrap();
}

#[test]
fn the_log_names_meetings_and_decisions_in_an_undo_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = office(&dir.path().join("a.db"));
    let m = add_meeting(&mut store, &ids);
    add_decision(&mut store, &ids, m.id);
    // Undoing the meeting's creation would take the decision added since.
    let e = store.undo_entry(1 + first_entry(&store)).unwrap_err();
    assert!(
        e.zh()
            .contains("会议「巴渝巾帼行动联席会议第一次会议」此后新增了议定事项"),
        "{}",
        e.zh()
    );
}

/// The id of the oldest log entry minus one (the fixture writes none).
fn first_entry(store: &Store) -> i64 {
    store
        .audit_log(&AuditFilter::default())
        .unwrap()
        .iter()
        .map(|e| e.id)
        .min()
        .unwrap()
        - 1
}
