//! What the console does with the store's answers to editing: open the
//! form on the record read, close it after a save and read everything
//! again (the selection going to the record changed), put a refused
//! field's message beside it, show a conflict side by side, ask before a
//! delete, keep the histories for the detail panes.

use super::conflict;
use super::{
    Confirm, EditAction, EditEffect, Layer, Op, Overlay, ctx, form_mut, modal, modal_mut, overlay,
    push, say,
};
use crate::app::effect::Effect;
use crate::app::form::build::from_record;
use crate::app::state::{MessageKind, State};
use crate::i18n::Lang;
use crate::i18n::edit as words;

/// Reads everything again at the current as-of date, before the next key
/// (unlike a reload that another coordinator's change causes): a key
/// pressed right after a save acts on the data and selection the save
/// left, not on what was there before.
pub fn reload(state: &mut State) -> Vec<Effect> {
    state.generation += 1;
    state.loading = true;
    vec![Effect::Edit(EditEffect::Reload {
        generation: state.generation,
        as_of: state.as_of,
    })]
}

pub fn answer(state: &mut State, action: EditAction) -> Vec<Effect> {
    let lang = state.lang();
    match action {
        EditAction::Opened { kind, fresh } => {
            let Some(cx) = ctx(state) else {
                return vec![];
            };
            let form = from_record(&cx, kind, &fresh);
            push(state, Layer::Form(Box::new(form)));
            vec![]
        }
        EditAction::Saved {
            message,
            select,
            report,
        } => {
            if modal(state).is_some_and(|m| m.form().is_some()) {
                super::pop(state);
            }
            say(state, MessageKind::Info, message);
            state.edit.select = select;
            state.edit.report = report;
            reload(state)
        }
        EditAction::Invalid(inv) => {
            let msg = match lang {
                Lang::Zh => inv.message_zh,
                Lang::En => inv.message,
            };
            match form_mut(state) {
                Some(form) => form.show_error(inv.field, msg),
                None => say(state, MessageKind::Error, msg),
            }
            vec![]
        }
        EditAction::Conflict { message, theirs } => {
            let view = match (ctx(state), modal(state).and_then(|m| m.form())) {
                (Some(cx), Some(form)) => Some(conflict::build(
                    form,
                    theirs.as_deref(),
                    message.clone(),
                    &cx,
                )),
                _ => None,
            };
            match view {
                Some(v) => {
                    if let Some(m) = modal_mut(state) {
                        m.overlay = Some(Overlay::Conflict(Box::new(v)));
                    }
                    vec![]
                }
                None => {
                    // A one-key change (status, move, delete): nothing typed
                    // is at stake; say so and show the file as it is now.
                    say(state, MessageKind::Error, message);
                    reload(state)
                }
            }
        }
        EditAction::Refused(msg) => {
            if let Some(form) = form_mut(state) {
                form.error = Some(msg.clone());
            }
            say(state, MessageKind::Error, msg);
            vec![]
        }
        EditAction::Preview(p) => {
            let text = match lang {
                Lang::Zh => p.describe_zh(),
                Lang::En => p.describe(),
            };
            overlay(
                state,
                Overlay::Confirm(Confirm {
                    title: words::delete_title(lang).into(),
                    text,
                    op: Box::new(Op::DeleteNode(p)),
                }),
            );
            vec![]
        }
        EditAction::History {
            generation,
            target,
            entries,
        } => {
            if generation == state.generation {
                state.edit.history.insert(target, entries);
            }
            vec![]
        }
    }
}
