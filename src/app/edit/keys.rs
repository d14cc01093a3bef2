//! The editing keys in the views: `a` add, `e` edit, `d` delete, `s`
//! status, `x` milestone done or reopened, `[` `]` move a task among its
//! siblings, `r` review a report, `m` / `i` a task's milestones and
//! indicators, `u` undo, Ctrl-R redo. Each decides what the selection is,
//! then opens a form or a confirmation, or asks the loop to write. On a
//! read-only file every one of them says why nothing can change.

use super::{
    Confirm, EditEffect, Items, ItemsKind, Layer, Op, Overlay, Target, ctx, overlay, push, say,
};
use crate::app::action::Command;
use crate::app::effect::Effect;
use crate::app::form::FormKind;
use crate::app::form::build::{edit_kind, new_form};
use crate::app::lists;
use crate::app::state::{MessageKind, ReportsMode, State, UnitsPane, View};
use crate::db::edit::Direction;
use crate::i18n::edit as words;
use crate::model::NodeKind;

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

/// An editing key pressed in a view.
pub fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let lang = state.lang();
    if let Some(why) = state.read_only.clone() {
        say(state, MessageKind::Error, words::read_only(lang, &why));
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
        View::Plan => plan(state, c),
        View::Units => units(state, c),
        View::Milestones => milestones(state, c),
        View::Reports => reports(state, c),
        View::Overview | View::Export => {
            say(state, MessageKind::Info, words::nothing_here(lang).into());
            vec![]
        }
    }
}

fn plan(state: &mut State, c: Command) -> Vec<Effect> {
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
        Command::Add => {
            let Some(cx) = ctx(state) else { return vec![] };
            let form = new_form(&cx, FormKind::AddSubtask { parent: id });
            push(state, Layer::Form(Box::new(form)));
            vec![]
        }
        Command::EditItem => match edit_kind(data, Target::Node(id)) {
            Some(kind) => open(Target::Node(id), kind),
            None => vec![],
        },
        Command::Delete => vec![Effect::Edit(EditEffect::Preview(id))],
        Command::CycleStatus => {
            if !work {
                say(state, MessageKind::Info, words::no_status_here(lang).into());
                return vec![];
            }
            // The status at the as-of date moves on, from the day the form
            // says (the as-of date unless changed), with the reason for
            // 滞后 or 暂停.
            let next = node.status.cycled();
            let Some(cx) = ctx(state) else { return vec![] };
            let mut form = new_form(
                &cx,
                FormKind::StatusReason {
                    node: id,
                    status: next,
                },
            );
            form.version = node.version;
            push(state, Layer::Form(Box::new(form)));
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
            push(
                state,
                Layer::Items(Items {
                    node: id,
                    kind,
                    selected: 0,
                }),
            );
            vec![]
        }
        _ => vec![],
    }
}

fn units(state: &mut State, c: Command) -> Vec<Effect> {
    let pane = state.units.pane;
    match (c, pane) {
        (Command::Add, _) => {
            let Some(cx) = ctx(state) else { return vec![] };
            let kind = match pane {
                UnitsPane::Agencies => FormKind::AddAgency,
                UnitsPane::Units => FormKind::AddUnit,
            };
            let form = new_form(&cx, kind);
            push(state, Layer::Form(Box::new(form)));
            vec![]
        }
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

/// The milestone selected in the 节点 view.
fn selected_milestone(state: &State) -> Option<crate::model::Milestone> {
    let data = state.data.as_ref()?;
    let id = state.milestones.selected?;
    let listed = lists::milestone_rows(state, data)
        .into_iter()
        .any(|i| data.milestones[i].milestone_id == id);
    listed.then(|| data.snap.milestone(id).cloned()).flatten()
}

fn milestones(state: &mut State, c: Command) -> Vec<Effect> {
    match c {
        Command::Add => {
            let Some(cx) = ctx(state) else { return vec![] };
            let form = new_form(&cx, FormKind::AddMilestone { node: None });
            push(state, Layer::Form(Box::new(form)));
            vec![]
        }
        Command::EditItem | Command::Delete | Command::MarkDone => {
            match selected_milestone(state) {
                Some(m) => milestone_key(state, c, &m),
                None => vec![],
            }
        }
        _ => vec![],
    }
}

/// `e`, `d` or `x` on a milestone (in the 节点 view or a task's list).
pub fn milestone_key(state: &mut State, c: Command, m: &crate::model::Milestone) -> Vec<Effect> {
    let lang = state.lang();
    match c {
        Command::EditItem | Command::Open => open(
            Target::Milestone(m.id),
            FormKind::EditMilestone { id: m.id },
        ),
        Command::Delete => {
            overlay(
                state,
                Overlay::Confirm(Confirm {
                    title: words::delete_title(lang).into(),
                    text: words::delete_milestone(lang, &m.title),
                    op: Box::new(Op::DeleteMilestone {
                        id: m.id,
                        version: m.version,
                    }),
                }),
            );
            vec![]
        }
        Command::MarkDone => match m.done {
            Some(done) => {
                overlay(
                    state,
                    Overlay::Confirm(Confirm {
                        title: words::reopen_title(lang).into(),
                        text: words::reopen_milestone(lang, &m.title, done),
                        op: Box::new(Op::ReopenMilestone {
                            id: m.id,
                            version: m.version,
                        }),
                    }),
                );
                vec![]
            }
            None => open(
                Target::Milestone(m.id),
                FormKind::MilestoneDone { id: m.id },
            ),
        },
        _ => vec![],
    }
}

/// `e` or `d` on an indicator of a task's list.
pub fn indicator_key(state: &mut State, c: Command, i: &crate::model::Indicator) -> Vec<Effect> {
    let lang = state.lang();
    match c {
        Command::EditItem | Command::Open => open(
            Target::Indicator(i.id),
            FormKind::EditIndicator { id: i.id },
        ),
        Command::Delete => {
            overlay(
                state,
                Overlay::Confirm(Confirm {
                    title: words::delete_title(lang).into(),
                    text: words::delete_indicator(lang, &i.name),
                    op: Box::new(Op::DeleteIndicator {
                        id: i.id,
                        version: i.version,
                    }),
                }),
            );
            vec![]
        }
        _ => vec![],
    }
}

fn reports(state: &mut State, c: Command) -> Vec<Effect> {
    let lang = state.lang();
    if state.reports.mode != ReportsMode::Inbox && c != Command::Add {
        say(state, MessageKind::Info, words::inbox_only(lang).into());
        return vec![];
    }
    let selected = state.reports.inbox.selected_row().map(|r| r.id);
    match c {
        Command::Add => {
            let Some(cx) = ctx(state) else { return vec![] };
            let form = new_form(&cx, FormKind::AddReport);
            push(state, Layer::Form(Box::new(form)));
            vec![]
        }
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
