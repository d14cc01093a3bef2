//! Forms as the user meets them: opening, typing, Tab order, pick lists,
//! what is shown beside a field, Esc asking, what Ctrl-S asks to write.

use super::*;

#[test]
fn a_opens_an_empty_sub_task_form_under_the_selected_task() {
    let mut s = on_plan();
    assert!(
        cmd(&mut s, Command::Add).is_empty(),
        "no store needed to open it"
    );
    let f = form(&s);
    assert_eq!(f.kind, FormKind::AddSubtask { parent: 3 });
    assert_eq!(f.title, "新增子任务（属 1.1.1 提高政治站位）");
    assert_eq!(f.focus, 0);
    assert!(!f.dirty());
}

#[test]
fn typing_fills_the_focused_field_and_tab_moves_on_and_wraps() {
    let mut s = on_plan();
    cmd(&mut s, Command::Add);
    typed(&mut s, "组织专题学习");
    assert_eq!(text_of(&s, 0), "组织专题学习");
    cmd(&mut s, Command::NextField);
    typed(&mut s, "各区县妇联");
    cmd(&mut s, Command::Submit);
    typed(&mut s, "开展学习");
    assert_eq!(
        text_of(&s, 1),
        "各区县妇联\n开展学习",
        "Enter in text is a new line"
    );
    cmd(&mut s, Command::NextField);
    assert_eq!(form(&s).focus, 0, "Tab wraps to the first field");
    cmd(&mut s, Command::PrevField);
    assert_eq!(form(&s).focus, 1, "Shift-Tab wraps to the last");
    cmd(&mut s, Command::PrevField);
    cmd(&mut s, Command::Submit);
    assert_eq!(form(&s).focus, 1, "Enter in a one-line field moves on");
    cmd(&mut s, Command::DeleteBack);
    assert_eq!(text_of(&s, 1), "各区县妇联\n开展学");
}

#[test]
fn keys_in_a_form_are_text_except_the_forms_own() {
    let mut s = on_plan();
    cmd(&mut s, Command::Add);
    let press = |code, modifiers| KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    };
    let q = keymap::action_for(&s, &press(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(matches!(q, Some(Action::Input('q'))), "{q:?}");
    let u = keymap::action_for(&s, &press(KeyCode::Char('u'), KeyModifiers::NONE));
    assert!(
        matches!(u, Some(Action::Input('u'))),
        "u is typed, not undo"
    );
    for (key, want) in [
        (
            press(KeyCode::Char('s'), KeyModifiers::CONTROL),
            Command::Save,
        ),
        (
            press(KeyCode::Char('o'), KeyModifiers::CONTROL),
            Command::Save,
        ),
        (press(KeyCode::Tab, KeyModifiers::NONE), Command::NextField),
        (
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            Command::PrevField,
        ),
        (press(KeyCode::Esc, KeyModifiers::NONE), Command::Back),
    ] {
        let got = keymap::action_for(&s, &key);
        assert!(
            matches!(got, Some(Action::Command(c)) if c == want),
            "{key:?} → {got:?}"
        );
    }
}

#[test]
fn ctrl_s_with_an_empty_title_puts_the_message_beside_it_and_writes_nothing() {
    let mut s = on_plan();
    cmd(&mut s, Command::Add);
    cmd(&mut s, Command::NextField);
    typed(&mut s, "正文");
    assert!(cmd(&mut s, Command::Save).is_empty(), "nothing to write");
    let f = form(&s);
    assert_eq!(f.fields[0].error.as_deref(), Some("标题不能为空"));
    assert_eq!(f.focus, 0, "the keyboard goes to the field at fault");
    typed(&mut s, "标");
    assert_eq!(
        form(&s).fields[0].error,
        None,
        "editing the field clears it"
    );
}

#[test]
fn validation_speaks_english_with_lang_en() {
    let mut s = on_plan();
    s.settings.lang = Lang::En;
    cmd(&mut s, Command::Add);
    cmd(&mut s, Command::Save);
    assert_eq!(form(&s).fields[0].error.as_deref(), Some("title is empty"));
}

#[test]
fn ctrl_s_asks_the_loop_to_save_what_was_typed() {
    let mut s = on_plan();
    cmd(&mut s, Command::Add);
    typed(&mut s, "  组织专题学习  ");
    cmd(&mut s, Command::NextField);
    update(&mut s, Action::Paste("第一段\r\n第二段\x1b[2J".into()));
    let effects = cmd(&mut s, Command::Save);
    assert_eq!(
        saved_op(&effects),
        &Op::AddSubtask {
            parent: 3,
            title: "组织专题学习".into(),
            body: "第一段\n第二段[2J".into(),
        }
    );
    assert!(
        modal(&s).is_some(),
        "the form stays until the store answers"
    );
}

#[test]
fn esc_closes_an_untouched_form_at_once_and_asks_after_typing() {
    let mut s = on_plan();
    cmd(&mut s, Command::Add);
    cmd(&mut s, Command::Back);
    assert!(s.modal.is_none());
    cmd(&mut s, Command::Add);
    typed(&mut s, "组织");
    cmd(&mut s, Command::Back);
    assert_eq!(modal(&s).unwrap().overlay, Some(Overlay::Discard));
    assert_eq!(modal(&s).unwrap().scope(), Scope::Confirm);
    cmd(&mut s, Command::Back);
    assert_eq!(text_of(&s, 0), "组织", "n keeps what was typed");
    cmd(&mut s, Command::Back);
    cmd(&mut s, Command::Yes);
    assert!(s.modal.is_none(), "y throws it away");
}

#[test]
fn a_date_field_says_what_it_resolves_to_or_why_not_as_it_is_typed() {
    let mut s = ready();
    cmd(&mut s, Command::Milestones);
    cmd(&mut s, Command::Add);
    assert_eq!(form(&s).kind, FormKind::AddMilestone { node: None });
    cmd(&mut s, Command::NextField);
    cmd(&mut s, Command::NextField);
    assert_eq!(form(&s).fields[2].key, Field::Due);
    typed(&mut s, "2021-02-30");
    let note = form(&s).fields[2].note.clone().unwrap();
    assert!(
        note.error && note.text.contains("2021年2月只有28天"),
        "{note:?}"
    );
    cmd(&mut s, Command::ClearInput);
    typed(&mut s, "季末");
    let note = form(&s).fields[2].note.clone().unwrap();
    assert_eq!(note.text, "2021年12月31日 周五");
    assert!(!note.error);
}

#[test]
fn a_pick_list_filters_by_pinyin_initials_and_enter_picks() {
    let mut s = ready();
    cmd(&mut s, Command::Milestones);
    cmd(&mut s, Command::Add);
    // Typing on a pick field opens its list with what was typed.
    typed(&mut s, "hy");
    assert_eq!(modal(&s).unwrap().scope(), Scope::Picker);
    let data = s.data.as_ref().unwrap();
    let p = form(&s).picker.as_ref().unwrap();
    let items = crate::app::form::picker::items(data, p.source, p.query.text(), s.as_of);
    assert_eq!(
        items.iter().map(|i| i.label.as_str()).collect::<Vec<_>>(),
        ["1.1.2 弘扬科学家精神"]
    );
    cmd(&mut s, Command::Submit);
    let f = form(&s);
    assert!(f.picker.is_none());
    assert_eq!(f.fields[0].value(), Value::Ids(vec![5]));
    assert_eq!(f.focus, 1, "on to the next field");
    // A task by its code.
    cmd(&mut s, Command::PrevField);
    cmd(&mut s, Command::Submit);
    typed(&mut s, "1.1.1.1");
    cmd(&mut s, Command::Submit);
    assert_eq!(form(&s).fields[0].value(), Value::Ids(vec![4]));
}

#[test]
fn lead_agencies_are_picked_several_in_order() {
    let mut s = editing_node_3();
    let lead = form(&s).index_of(Field::Lead).unwrap();
    form_mut(&mut s).unwrap().focus = lead;
    cmd(&mut s, Command::Submit);
    typed(&mut s, "skx");
    cmd(&mut s, Command::Toggle);
    cmd(&mut s, Command::Back);
    assert_eq!(form(&s).fields[lead].value(), Value::Ids(vec![1, 2]));
    cmd(&mut s, Command::Submit);
    cmd(&mut s, Command::Toggle);
    cmd(&mut s, Command::Back);
    assert_eq!(
        form(&s).fields[lead].value(),
        Value::Ids(vec![2]),
        "the first listed, 市妇联, unpicked"
    );
}

#[test]
fn the_task_form_saves_every_field_in_one_operation() {
    let mut s = editing_node_3();
    let f = form(&s);
    assert_eq!(f.version, 1);
    assert_eq!(
        f.fields.iter().map(|f| f.key).collect::<Vec<_>>(),
        [
            Field::Title,
            Field::Body,
            Field::Status,
            Field::Reason,
            Field::Start,
            Field::Due,
            Field::Progress,
            Field::Effective,
            Field::Lead,
            Field::Support
        ]
    );
    let status = f.index_of(Field::Status).unwrap();
    form_mut(&mut s).unwrap().focus = status;
    typed(&mut s, "滞");
    assert_eq!(
        form(&s).fields[status].value(),
        Value::Index(3),
        "滞 → 滞后"
    );
    assert!(cmd(&mut s, Command::Save).is_empty());
    assert_eq!(
        form(&s).fields[status + 1].error.as_deref(),
        Some("状态设为滞后时须填写原因")
    );
    typed(&mut s, "经费未到位");
    cmd(&mut s, Command::NextField);
    cmd(&mut s, Command::NextField);
    typed(&mut s, "年底");
    cmd(&mut s, Command::NextField);
    typed(&mut s, "40%");
    let effects = cmd(&mut s, Command::Save);
    let Op::SaveNode { id, version, edit } = saved_op(&effects) else {
        panic!("{effects:?}");
    };
    assert_eq!((*id, *version), (3, 1));
    assert_eq!(
        edit.status,
        Some((Status::Late, Some("经费未到位".to_string())))
    );
    assert_eq!(
        edit.dates.map(|(_, due)| due),
        Some(NaiveDate::from_ymd_opt(2021, 12, 31))
    );
    assert_eq!(edit.progress, Some(Some(40)));
    assert_eq!(edit.lead, [1]);
    // Recorded from the form's date of effect: the as-of date.
    assert_eq!(edit.on, s.as_of);
}

#[test]
fn a_save_closes_the_form_reloads_and_selects_the_new_record() {
    let mut s = on_plan();
    cmd(&mut s, Command::Add);
    typed(&mut s, "组织专题学习");
    cmd(&mut s, Command::Save);
    let effects = answer(
        &mut s,
        EditAction::Saved {
            message: "已保存：新增子任务".into(),
            select: Some(Target::Node(8)),
            report: None,
        },
    );
    assert!(s.modal.is_none());
    assert_eq!(s.message.as_ref().unwrap().text, "已保存：新增子任务");
    let generation = s.generation;
    assert!(
        matches!(effects[..], [Effect::Edit(EditEffect::Reload { generation: g, .. })] if g == generation)
    );
    // The reload brings the new sub-task, under the folded task 3.
    s.plan.collapsed.insert(3);
    let mut nodes = outline();
    nodes.push(node(8, Some(3), 2, 3, "组织专题学习"));
    let data = loaded(s.as_of, nodes);
    update(
        &mut s,
        Action::Loaded {
            generation,
            loaded: Box::new(data),
        },
    );
    assert_eq!(s.plan.selected, Some(8));
    assert!(!s.plan.collapsed.contains(&3), "its parent unfolds");
}

#[test]
fn a_field_the_store_refuses_gets_the_message_and_the_form_stays() {
    let mut s = on_plan();
    cmd(&mut s, Command::Add);
    typed(&mut s, "组织专题学习");
    cmd(&mut s, Command::Save);
    answer(
        &mut s,
        EditAction::Invalid(Invalid {
            field: Field::Body,
            message: "body text is too long".into(),
            message_zh: "正文过长（20001字，最多20000字）".into(),
        }),
    );
    let f = form(&s);
    assert_eq!(f.focus, 1);
    assert_eq!(
        f.fields[1].error.as_deref(),
        Some("正文过长（20001字，最多20000字）")
    );
    assert_eq!(text_of(&s, 0), "组织专题学习", "nothing typed is lost");
}

#[test]
fn typing_on_arrival_at_a_suggested_date_replaces_it_and_moving_keeps_it() {
    let mut s = ready();
    cmd(&mut s, Command::Reports);
    cmd(&mut s, Command::Add);
    let date = form(&s).index_of(Field::Date).unwrap();
    for _ in 0..date {
        cmd(&mut s, Command::NextField);
    }
    assert_eq!(text_of(&s, date), "2021-12-31");
    typed(&mut s, "月底");
    assert_eq!(text_of(&s, date), "月底", "the suggestion is replaced");
    typed(&mut s, "x");
    assert_eq!(text_of(&s, date), "月底x", "then typing adds");
    // Arriving again and moving the cursor first: the text stays.
    cmd(&mut s, Command::NextField);
    cmd(&mut s, Command::PrevField);
    cmd(&mut s, Command::DeleteBack);
    assert_eq!(text_of(&s, date), "月底");
    // A title is never replaced: typing adds to it.
    let mut s = editing_node_3();
    typed(&mut s, "（修订）");
    assert_eq!(text_of(&s, 0), "提高政治站位（修订）");
}
