//! Editing as state transitions, one behaviour per test, on the small
//! hand-made plan of `update::tests`: typing, Tab order, validation shown
//! beside its field, Esc asking, what Ctrl-S asks the loop to write, the
//! store's answers, and the conflict choice — no terminal, no database.

mod answers;
mod forms;

pub(super) use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

pub(super) use super::*;
pub(super) use crate::app::action::{Action, Command};
pub(super) use crate::app::form::{FormKind, Input, Value};
pub(super) use crate::app::keymap;
pub(super) use crate::app::update::tests::{loaded, node, outline, ready};
pub(super) use crate::app::update::update;
pub(super) use crate::db::edit::{Field, Invalid, NodeRecord};
pub(super) use crate::i18n::Lang;
pub(super) use crate::model::{Node, Status};

pub(super) fn cmd(s: &mut State, c: Command) -> Vec<Effect> {
    update(s, Action::Command(c))
        .into_iter()
        .filter(|e| !matches!(e, Effect::Edit(EditEffect::History { .. })))
        .collect()
}

pub(super) fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Input(c));
    }
}

pub(super) fn form(s: &State) -> &Form {
    modal(s).and_then(EditModal::form).expect("a form is open")
}

pub(super) fn text_of(s: &State, i: usize) -> String {
    form(s).fields[i].text_value()
}

pub(super) fn saved_op(effects: &[Effect]) -> &Op {
    match effects {
        [Effect::Edit(EditEffect::Save(op))] => op,
        other => panic!("expected one save, got {other:?}"),
    }
}

pub(super) fn answer(s: &mut State, a: EditAction) -> Vec<Effect> {
    update(s, Action::Edit(Box::new(a)))
}

pub(super) fn plan_node(s: &State, id: i64) -> Node {
    s.data
        .as_ref()
        .unwrap()
        .snap
        .outline
        .get(id)
        .cloned()
        .unwrap()
}

/// The 任务 view with 1.提高政治站位 (node 3) selected.
pub(super) fn on_plan() -> State {
    let mut s = ready();
    cmd(&mut s, Command::Plan);
    assert_eq!(s.plan.selected, Some(3));
    s
}

/// The task form open on node 3, as the store would answer `e`.
pub(super) fn editing_node_3() -> State {
    let mut s = on_plan();
    let effects = cmd(&mut s, Command::EditItem);
    assert!(matches!(
        effects[..],
        [Effect::Edit(EditEffect::Open {
            target: Target::Node(3),
            kind: FormKind::EditNode { id: 3, work: true }
        })]
    ));
    let node = plan_node(&s, 3);
    let fresh = Record::Node(NodeRecord {
        history: history_of(&node),
        node,
        lead: vec![1],
        support: vec![],
    });
    answer(
        &mut s,
        EditAction::Opened {
            kind: FormKind::EditNode { id: 3, work: true },
            fresh: Box::new(fresh),
        },
    );
    s
}

/// A node's values as a history that took effect on the plan's first day:
/// what the store hands a form opening on it.
pub(super) fn history_of(n: &crate::model::Node) -> Vec<crate::model::HistoryEntry> {
    use crate::model::{HistoryEntry, HistoryValue};
    let on = chrono::NaiveDate::from_ymd_opt(2021, 6, 9).unwrap();
    [
        HistoryValue::Status {
            status: n.status,
            reason: n.status_reason.clone(),
        },
        HistoryValue::Dates {
            start: n.start,
            due: n.due,
        },
        HistoryValue::Progress(n.progress),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, value)| HistoryEntry {
        id: i as i64 + 1,
        node_id: n.id,
        effective: on,
        value,
        version: 1,
    })
    .collect()
}
