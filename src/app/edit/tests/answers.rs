//! The store's answers and the keys around them: conflicts (theirs or
//! mine), refusals, read-only files, status, undo and redo, delete, the
//! task's lists and the detail panes' history.

use super::*;

/// The form on node 3 with the body changed, and the store saying that
/// someone renamed the task meanwhile (version 2).
fn in_conflict() -> State {
    let mut s = editing_node_3();
    cmd(&mut s, Command::NextField);
    typed(&mut s, "我补充的正文");
    let effects = cmd(&mut s, Command::Save);
    assert!(matches!(
        saved_op(&effects),
        Op::SaveNode { version: 1, .. }
    ));
    let mut theirs = plan_node(&s, 3);
    theirs.title = "提高政治站位（市妇联修订）".into();
    theirs.version = 2;
    answer(
        &mut s,
        EditAction::Conflict {
            message: "您打开任务2.1.1之后，lifang 修改了它".into(),
            theirs: Some(Box::new(Record::Node(NodeRecord {
                history: history_of(&theirs),
                node: theirs,
                lead: vec![1],
                support: vec![],
            }))),
        },
    );
    s
}

#[test]
fn a_conflict_shows_theirs_beside_mine_field_by_field() {
    let s = in_conflict();
    let m = modal(&s).unwrap();
    assert_eq!(m.scope(), Scope::Conflict);
    let Some(Overlay::Conflict(view)) = &m.overlay else {
        panic!("{:?}", m.overlay);
    };
    let rows: Vec<_> = view
        .rows
        .iter()
        .map(|r| {
            (
                r.label.as_str(),
                r.theirs.as_str(),
                r.mine.as_str(),
                r.changed_by_them,
                r.changed_by_me,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "标题",
                "提高政治站位（市妇联修订）",
                "提高政治站位（市妇联修订）",
                true,
                false
            ),
            ("正文", "", "我补充的正文", false, true),
        ]
    );
    assert!(!view.rows.iter().any(conflict::Row::clash));
}

#[test]
fn saving_mine_over_theirs_keeps_their_other_changes_and_uses_their_version() {
    let mut s = in_conflict();
    let effects = cmd(&mut s, Command::SaveMine);
    let Op::SaveNode { version, edit, .. } = saved_op(&effects) else {
        panic!("{effects:?}");
    };
    assert_eq!(*version, 2);
    assert_eq!(edit.title, "提高政治站位（市妇联修订）");
    assert_eq!(edit.body, "我补充的正文");
}

#[test]
fn keeping_theirs_closes_the_form_and_reads_the_file_again() {
    let mut s = in_conflict();
    let effects = cmd(&mut s, Command::KeepTheirs);
    assert!(s.modal.is_none());
    assert!(matches!(
        effects[..],
        [Effect::Edit(EditEffect::Reload { .. })]
    ));
    assert_eq!(
        s.message.as_ref().unwrap().text,
        "已保留对方的版本，您的修改未保存。"
    );
}

#[test]
fn back_to_editing_puts_my_changes_on_top_of_theirs() {
    let mut s = in_conflict();
    assert!(cmd(&mut s, Command::BackToEdit).is_empty());
    let f = form(&s);
    assert_eq!(modal(&s).unwrap().overlay, None);
    assert_eq!(f.version, 2, "the next save goes over their version");
    assert_eq!(text_of(&s, 0), "提高政治站位（市妇联修订）");
    assert_eq!(text_of(&s, 1), "我补充的正文");
    assert!(f.dirty(), "my change is still a change, against theirs");
}

#[test]
fn a_one_key_change_in_conflict_says_so_and_reads_again() {
    let mut s = on_plan();
    let effects = cmd(&mut s, Command::MoveDown);
    assert!(matches!(saved_op(&effects), Op::MoveNode { id: 3, .. }));
    let effects = answer(
        &mut s,
        EditAction::Conflict {
            message: "任务2.1.1已被他人修改".into(),
            theirs: None,
        },
    );
    assert!(s.modal.is_none());
    assert!(matches!(
        effects[..],
        [Effect::Edit(EditEffect::Reload { .. })]
    ));
    assert_eq!(s.message.as_ref().unwrap().text, "任务2.1.1已被他人修改");
}

#[test]
fn every_edit_key_on_a_read_only_file_says_why_and_changes_nothing() {
    for view in [
        Command::Plan,
        Command::Units,
        Command::Milestones,
        Command::Reports,
    ] {
        for key in [
            Command::Add,
            Command::EditItem,
            Command::Delete,
            Command::CycleStatus,
            Command::MarkDone,
            Command::Undo,
            Command::Redo,
            Command::MoveUp,
            Command::MoveDown,
            Command::ReviewReport,
            Command::MilestoneList,
            Command::IndicatorList,
        ] {
            let mut s = ready();
            s.read_only = Some("--read-only was given".into());
            cmd(&mut s, view);
            let before = (s.view, s.plan.selected, s.generation);
            assert!(cmd(&mut s, key).is_empty(), "{view:?} {key:?}");
            assert!(s.modal.is_none());
            assert_eq!((s.view, s.plan.selected, s.generation), before);
            let m = s.message.as_ref().unwrap();
            assert_eq!(m.kind, MessageKind::Error);
            assert_eq!(m.text, "只读打开（启动时指定了 --read-only），不能修改。");
        }
    }
}

#[test]
fn s_moves_the_status_on_and_asks_for_a_reason_before_late() {
    let mut s = on_plan();
    // The next status opens a small form: the day it takes effect,
    // the as-of date unless changed.
    assert!(cmd(&mut s, Command::CycleStatus).is_empty());
    assert_eq!(
        form(&s).kind,
        FormKind::StatusReason {
            node: 3,
            status: Status::Done
        }
    );
    assert_eq!(
        form(&s).fields.iter().map(|f| f.key).collect::<Vec<_>>(),
        [Field::Effective]
    );
    let effects = cmd(&mut s, Command::Save);
    let Op::SetStatus {
        id,
        version,
        change,
    } = saved_op(&effects)
    else {
        panic!("{effects:?}");
    };
    assert_eq!((*id, *version, change.status), (3, 1, Status::Done));
    assert_eq!(change.on, s.as_of);
    // A task already done goes to 滞后 next: that needs a reason too.
    s.modal = None;
    let data = s.data.as_mut().unwrap();
    let mut nodes: Vec<Node> = data.snap.outline.iter().cloned().collect();
    nodes[2].status = Status::Done;
    data.snap.outline = crate::model::Outline::new(nodes);
    assert!(cmd(&mut s, Command::CycleStatus).is_empty());
    assert_eq!(
        form(&s).kind,
        FormKind::StatusReason {
            node: 3,
            status: Status::Late
        }
    );
    typed(&mut s, "经费未到位");
    cmd(&mut s, Command::NextField);
    typed(&mut s, "12月20日");
    let effects = cmd(&mut s, Command::Save);
    let Op::SetStatus { change, .. } = saved_op(&effects) else {
        panic!("{effects:?}");
    };
    assert_eq!(change.reason.as_deref(), Some("经费未到位"));
    assert_eq!(
        change.on,
        chrono::NaiveDate::from_ymd_opt(2021, 12, 20).unwrap()
    );
}

#[test]
fn u_and_ctrl_r_ask_for_undo_and_redo_anywhere() {
    let mut s = ready();
    assert_eq!(cmd(&mut s, Command::Undo), [Effect::Edit(EditEffect::Undo)]);
    assert_eq!(cmd(&mut s, Command::Redo), [Effect::Edit(EditEffect::Redo)]);
    answer(
        &mut s,
        EditAction::Refused("没有可撤销的操作（lifang）".into()),
    );
    assert_eq!(
        s.message.as_ref().unwrap().text,
        "没有可撤销的操作（lifang）"
    );
}

#[test]
fn d_reads_what_goes_with_the_task_then_y_deletes_exactly_that() {
    let mut s = on_plan();
    assert_eq!(
        cmd(&mut s, Command::Delete),
        [Effect::Edit(EditEffect::Preview(3))]
    );
    let preview = crate::db::edit::DeletePreview {
        node: 3,
        version: 1,
        what: "task 2.1.1 「提高政治站位」".into(),
        what_zh: "任务2.1.1「提高政治站位」".into(),
        parent: Some(2),
        subtasks: vec![4],
        milestones: vec![1],
        indicators: vec![],
        history: vec![],
        reports: vec![],
        older_revisions: 0,
        values: vec![],
        assignments: vec![1],
    };
    answer(&mut s, EditAction::Preview(Box::new(preview.clone())));
    let Some(Overlay::Confirm(c)) = &modal(&s).unwrap().overlay else {
        panic!();
    };
    assert_eq!(
        c.text,
        "删除任务2.1.1「提高政治站位」将一并删除：子任务1项、时间节点1个"
    );
    let effects = cmd(&mut s, Command::Yes);
    assert_eq!(saved_op(&effects), &Op::DeleteNode(Box::new(preview)));
    assert!(s.modal.is_none());
}

#[test]
fn m_lists_the_tasks_milestones_and_x_opens_the_done_form_on_one() {
    let mut s = on_plan();
    cmd(&mut s, Command::MilestoneList);
    assert_eq!(modal(&s).unwrap().scope(), Scope::Items);
    assert_eq!(
        cmd(&mut s, Command::MarkDone),
        [Effect::Edit(EditEffect::Open {
            target: Target::Milestone(1),
            kind: FormKind::MilestoneDone { id: 1 }
        })]
    );
    cmd(&mut s, Command::Add);
    assert_eq!(form(&s).kind, FormKind::AddMilestone { node: Some(3) });
    cmd(&mut s, Command::Back);
    assert_eq!(modal(&s).unwrap().scope(), Scope::Items, "back to the list");
    cmd(&mut s, Command::Back);
    assert!(s.modal.is_none());
}

#[test]
fn the_selected_tasks_history_is_read_once_per_load() {
    let mut s = ready();
    let effects = update(&mut s, Action::Command(Command::Plan));
    let history = |e: &[Effect]| {
        e.iter()
            .filter(|e| {
                matches!(
                    e,
                    Effect::Edit(EditEffect::History {
                        target: Target::Node(3),
                        ..
                    })
                )
            })
            .count()
    };
    assert_eq!(history(&effects), 1);
    assert!(effects.iter().any(Effect::is_slow));
    let effects = update(&mut s, Action::Command(Command::Down));
    let effects2 = update(&mut s, Action::Command(Command::Up));
    assert_eq!(history(&effects) + history(&effects2), 0, "asked already");
    let generation = s.generation;
    answer(
        &mut s,
        EditAction::History {
            generation,
            target: Target::Node(3),
            entries: vec![],
        },
    );
    assert_eq!(s.edit.history.get(&Target::Node(3)), Some(&vec![]));
}

#[test]
fn a_choice_field_is_changed_by_arrows_or_its_first_character_not_by_space() {
    let mut s = editing_node_3();
    let status = form(&s).index_of(Field::Status).unwrap();
    form_mut(&mut s).unwrap().focus = status;
    assert_eq!(form(&s).fields[status].value(), Value::Index(1));
    typed(&mut s, "  ");
    assert_eq!(form(&s).fields[status].value(), Value::Index(1));
    cmd(&mut s, Command::CursorRight);
    assert_eq!(form(&s).fields[status].value(), Value::Index(2));
    cmd(&mut s, Command::CursorLeft);
    cmd(&mut s, Command::CursorLeft);
    assert_eq!(form(&s).fields[status].value(), Value::Index(0));
    typed(&mut s, "暂");
    assert!(matches!(
        &form(&s).fields[status].input,
        Input::Choice { index: 4, .. }
    ));
}

#[test]
fn a_record_deleted_meanwhile_cannot_be_saved_over_only_closed() {
    let mut s = editing_node_3();
    typed(&mut s, "（修订）");
    cmd(&mut s, Command::Save);
    answer(
        &mut s,
        EditAction::Conflict {
            message: "任务2.1.1已被 lifang 于 2021-12-20 10:03 删除，您的修改未保存。".into(),
            theirs: None,
        },
    );
    assert!(
        cmd(&mut s, Command::SaveMine).is_empty(),
        "nothing to save over"
    );
    assert_eq!(modal(&s).unwrap().scope(), Scope::Conflict);
    assert!(s.message.as_ref().unwrap().text.contains("已被他人删除"));
    cmd(&mut s, Command::BackToEdit);
    assert_eq!(
        text_of(&s, 0),
        "提高政治站位（修订）",
        "the text can still be copied"
    );
    cmd(&mut s, Command::Save);
    answer(
        &mut s,
        EditAction::Conflict {
            message: "已删除".into(),
            theirs: None,
        },
    );
    cmd(&mut s, Command::KeepTheirs);
    assert!(s.modal.is_none());
}

#[test]
fn a_report_needs_its_unit_and_task_picked() {
    let mut s = ready();
    cmd(&mut s, Command::Reports);
    cmd(&mut s, Command::Add);
    let effects = cmd(&mut s, Command::Save);
    assert!(effects.is_empty());
    assert_eq!(
        form(&s).fields[0].error.as_deref(),
        Some("报送单位：请从列表中选择（按 Enter 打开列表）")
    );
}
