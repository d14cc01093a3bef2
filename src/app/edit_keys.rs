//! Editing, routed: the editing keys of the views (`a` add, `e` edit, `d`
//! delete, `s` status, `x` done or reopened, `[` `]` move a task, `r`
//! review, `m` / `i` a task's milestones and indicators, `u` undo, Ctrl-R
//! redo) decide from the view's selection what to open or write; the
//! keys inside the editing modal and the store's answers go to the edit
//! feature (`app::edit`) with the modal taken out of the state; after a
//! load the record just changed is selected in its view. On a read-only
//! file every writing key says why nothing can change.

use super::command::Command;
use super::edit::answer::Then;
use super::edit::{
    self, EditAction, EditEffect, EditModal, Items, ItemsKind, Layer, Slot, Target, form_ctx,
    items, modal::Keyed, push,
};
use super::effect::Effect;
use super::form::FormKind;
use super::form::build::{edit_kind, new_form};
use super::state::{MessageKind, Modal, ReportsMode, State, UnitsPane, View};
use super::{ctx::say, milestones, plan, reports};
use crate::db::edit::{Direction, Op};
use crate::i18n::edit as words;
use crate::model::NodeKind;

/// The editing modal, if it is open.
pub fn modal(state: &State) -> Option<&EditModal> {
    match &state.modal {
        Some(Modal::Edit(m)) => Some(m),
        _ => None,
    }
}

/// Runs `f` with the editing modal (or none) in a slot, and puts what the
/// slot holds afterwards in place — unless another overlay opened.
fn with_slot<T>(state: &mut State, f: impl FnOnce(&mut State, &mut Slot) -> T) -> T {
    let mut slot = match state.modal.take() {
        Some(Modal::Edit(m)) => Some(m),
        other => {
            state.modal = other;
            None
        }
    };
    let out = f(state, &mut slot);
    if state.modal.is_none() {
        state.modal = slot.map(Modal::Edit);
    }
    out
}

/// A key while the editing modal has the keyboard.
pub fn modal_command(state: &mut State, c: Command) -> Vec<Effect> {
    let keyed: Keyed = with_slot(state, |state, slot| {
        let (cx, p) = state.split();
        edit::modal::command(slot, &cx, p.message, c)
    });
    let mut effects = keyed.effects;
    if keyed.reload {
        effects.extend(state.load(true));
    }
    effects
}

/// A character typed into the modal.
pub fn input(state: &mut State, ch: char) -> Vec<Effect> {
    with_slot(state, |state, slot| {
        edit::modal::input(slot, &state.cx(), ch)
    })
}

/// Text pasted into the modal.
pub fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    with_slot(state, |state, slot| {
        edit::modal::paste(slot, &state.cx(), text)
    })
}

/// The store's answer to an editing effect.
pub fn answer(state: &mut State, action: EditAction) -> Vec<Effect> {
    let then = with_slot(state, |state, slot| {
        let (cx, p) = state.split();
        edit::answer::answer(slot, p.edit, &cx, p.message, action)
    });
    match then {
        Then::Stay => vec![],
        Then::Reload => state.load(true),
    }
}

/// The user gave up waiting for another user's write: the save was
/// refused and nothing changed; the form stays as typed and says so, and
/// so does the message line.
pub fn gave_up(state: &mut State) {
    let text = crate::i18n::store::gave_up_waiting(state.lang()).to_string();
    with_slot(state, |_, slot| {
        if let Some(form) = edit::form_mut(slot) {
            form.error = Some(text.clone());
        }
    });
    say(&mut state.message, MessageKind::Warning, text);
}

/// Whether a command is one of the editing keys of the views.
pub fn is_edit_key(c: Command) -> bool {
    matches!(
        c,
        Command::Add
            | Command::EditItem
            | Command::Delete
            | Command::CycleStatus
            | Command::Schedule
            | Command::MarkDone
            | Command::Undo
            | Command::Redo
            | Command::MoveUp
            | Command::MoveDown
            | Command::ReviewReport
            | Command::MilestoneList
            | Command::IndicatorList
    )
}

fn save(op: Op) -> Vec<Effect> {
    vec![Effect::Edit(EditEffect::Save(Box::new(op)))]
}

fn open(target: Target, kind: FormKind) -> Vec<Effect> {
    vec![Effect::Edit(EditEffect::Open { target, kind })]
}

/// Opens a form for a new record.
fn new(state: &mut State, kind: FormKind) -> Vec<Effect> {
    with_slot(state, |state, slot| {
        if let Some(fcx) = form_ctx(&state.cx()) {
            push(slot, Layer::Form(Box::new(new_form(&fcx, kind))));
        }
        vec![]
    })
}

/// An editing key pressed in a view.
pub fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let lang = state.lang();
    if let Some(why) = state.read_only.clone() {
        say(
            &mut state.message,
            MessageKind::Error,
            words::read_only(lang, &why),
        );
        return vec![];
    }
    match c {
        Command::Undo => return vec![Effect::Edit(EditEffect::Undo)],
        Command::Redo => return vec![Effect::Edit(EditEffect::Redo)],
        Command::Schedule => return open(Target::Plan(1), FormKind::Schedule),
        _ => {}
    }
    if state.data.is_none() {
        return vec![];
    }
    match state.view {
        View::Plan => on_plan(state, c),
        View::Units => on_units(state, c),
        View::Milestones => on_milestones(state, c),
        View::Reports => on_reports(state, c),
        View::Overview | View::Export => {
            say(
                &mut state.message,
                MessageKind::Info,
                words::nothing_here(lang),
            );
            vec![]
        }
    }
}

fn on_plan(state: &mut State, c: Command) -> Vec<Effect> {
    let lang = state.lang();
    let Some(id) = state.plan.selected else {
        return vec![];
    };
    let Some(data) = &state.data else {
        return vec![];
    };
    let Some(node) = data.snap.outline.get(id).cloned() else {
        return vec![];
    };
    let work = NodeKind::of_level(node.level).is_work();
    match c {
        Command::Add => new(state, FormKind::AddSubtask { parent: id }),
        Command::EditItem => match edit_kind(data, Target::Node(id)) {
            Some(kind) => open(Target::Node(id), kind),
            None => vec![],
        },
        Command::Delete => vec![Effect::Edit(EditEffect::Preview(id))],
        Command::CycleStatus => {
            if !work {
                say(
                    &mut state.message,
                    MessageKind::Info,
                    words::no_status_here(lang),
                );
                return vec![];
            }
            // The status at the as-of date moves on, from the day the form
            // says (the as-of date unless changed), with the reason for
            // 滞后 or 暂停.
            let next = node.status.cycled();
            with_slot(state, |state, slot| {
                if let Some(fcx) = form_ctx(&state.cx()) {
                    let mut form = new_form(
                        &fcx,
                        FormKind::StatusReason {
                            node: id,
                            status: next,
                        },
                    );
                    form.version = node.version;
                    push(slot, Layer::Form(Box::new(form)));
                }
            });
            vec![]
        }
        Command::MoveUp | Command::MoveDown => save(Op::MoveNode {
            id,
            version: node.version,
            direction: if c == Command::MoveUp {
                Direction::Up
            } else {
                Direction::Down
            },
        }),
        Command::MilestoneList | Command::IndicatorList => {
            let kind = if c == Command::MilestoneList {
                ItemsKind::Milestones
            } else {
                ItemsKind::Indicators
            };
            with_slot(state, |_, slot| {
                push(
                    slot,
                    Layer::Items(Items {
                        node: id,
                        kind,
                        selected: 0,
                    }),
                )
            });
            vec![]
        }
        _ => vec![],
    }
}

fn on_units(state: &mut State, c: Command) -> Vec<Effect> {
    let pane = state.units.pane;
    match (c, pane) {
        (Command::Add, UnitsPane::Agencies) => new(state, FormKind::AddAgency),
        (Command::Add, UnitsPane::Units) => new(state, FormKind::AddUnit),
        (Command::EditItem, UnitsPane::Agencies) => match state.units.agency {
            Some(id) => open(Target::Agency(id), FormKind::EditAgency { id }),
            None => vec![],
        },
        (Command::EditItem, UnitsPane::Units) => match state.units.unit {
            Some(id) => open(Target::Unit(id), FormKind::EditUnit { id }),
            None => vec![],
        },
        _ => vec![],
    }
}

fn on_milestones(state: &mut State, c: Command) -> Vec<Effect> {
    match c {
        Command::Add => new(state, FormKind::AddMilestone { node: None }),
        Command::EditItem | Command::Delete | Command::MarkDone => {
            let lang = state.lang();
            let selected = state
                .data
                .as_ref()
                .and_then(|data| milestones::selected(&state.milestones, data).cloned());
            match selected {
                Some(m) => with_slot(state, |_, slot| items::milestone_key(slot, lang, c, &m)),
                None => vec![],
            }
        }
        _ => vec![],
    }
}

fn on_reports(state: &mut State, c: Command) -> Vec<Effect> {
    let lang = state.lang();
    if state.reports.mode != ReportsMode::Inbox && c != Command::Add {
        say(
            &mut state.message,
            MessageKind::Info,
            words::inbox_only(lang),
        );
        return vec![];
    }
    let selected = state.reports.inbox.selected_row().map(|r| r.id);
    match c {
        Command::Add => new(state, FormKind::AddReport),
        Command::EditItem => match selected {
            Some(id) => open(Target::Report(id), FormKind::EditReport { id }),
            None => vec![],
        },
        Command::ReviewReport => match selected {
            Some(id) => open(Target::Report(id), FormKind::Review { id }),
            None => vec![],
        },
        _ => vec![],
    }
}

/// The record the current view's detail pane shows, whose history it lists.
pub fn detail_target(state: &State) -> Option<Target> {
    match state.view {
        View::Plan => state.plan.selected.map(Target::Node),
        View::Reports if state.reports.mode == ReportsMode::Inbox => state
            .reports
            .inbox
            .selected_row()
            .map(|r| Target::Report(r.id)),
        _ => None,
    }
}

/// After any action: read the history of the record the detail pane shows,
/// once per load.
pub fn follow(state: &mut State) -> Vec<Effect> {
    if state.data.is_none() || state.loading {
        return vec![];
    }
    let Some(target) = detail_target(state) else {
        return vec![];
    };
    if state.edit.history.contains_key(&target) || !state.edit.asked.insert(target) {
        return vec![];
    }
    vec![Effect::Edit(EditEffect::History {
        generation: state.generation,
        target,
    })]
}

/// Called when a load arrives, before the selections are checked: the
/// histories are read again, and the record just changed is selected in
/// its view.
pub fn after_load(state: &mut State) {
    state.edit.history.clear();
    state.edit.asked.clear();
    let Some(target) = state.edit.select.take() else {
        return;
    };
    let report = state.edit.report.take();
    let Some(data) = &state.data else { return };
    match target {
        Target::Node(id) => plan::reveal(&mut state.plan, data, id),
        Target::Milestone(id) => state.milestones.selected = Some(id),
        Target::Agency(id) => state.units.agency = Some(id),
        Target::Unit(id) => state.units.unit = Some(id),
        // The inbox reads its rows around the selected one: make the
        // changed report the selected one, and the read finds its place.
        Target::Report(_) => {
            if let Some(r) = report {
                reports::reveal(&mut state.reports, *r);
            }
        }
        // Records no view selects: an indicator is shown in its task's
        // list, meetings and decisions in no view yet.
        _ => {}
    }
}
