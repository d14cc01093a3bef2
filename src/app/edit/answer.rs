//! What the console does with the store's answers to editing: open the
//! form on the record read, close it after a save and have everything
//! read again (the selection going to the record changed), put a refused
//! field's message beside it, show a conflict side by side, ask before a
//! delete, keep the histories for the detail panes.

use super::conflict;
use super::{
    Confirm, EditAction, EditState, Layer, Overlay, Slot, form_ctx, form_mut, overlay, pop, push,
};
use crate::app::ctx::{Cx, say};
use crate::app::form::build::from_record;
use crate::app::view::{Message, MessageKind};
use crate::db::edit::Op;
use crate::i18n::Lang;
use crate::i18n::edit as words;

/// Whether an answer asks the router to read everything again, before
/// the next key (unlike a reload that another coordinator's change
/// causes): a key pressed right after a save acts on the data and
/// selection the save left, not on what was there before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Stay,
    Reload,
}

pub fn answer(
    slot: &mut Slot,
    s: &mut EditState,
    cx: &Cx<'_>,
    footer: &mut Option<Message>,
    action: EditAction,
) -> Then {
    let lang = cx.lang();
    match action {
        EditAction::Opened { kind, fresh } => {
            if let Some(fcx) = form_ctx(cx) {
                let form = from_record(&fcx, kind, &fresh);
                push(slot, Layer::Form(Box::new(form)));
            }
            Then::Stay
        }
        EditAction::Saved {
            message,
            select,
            report,
        } => {
            if slot.as_ref().is_some_and(|m| m.form().is_some()) {
                pop(slot);
            }
            say(footer, MessageKind::Info, message);
            s.select = select;
            s.report = report;
            Then::Reload
        }
        EditAction::Invalid(inv) => {
            let msg = match lang {
                Lang::Zh => inv.message_zh,
                Lang::En => inv.message,
            };
            match form_mut(slot) {
                Some(form) => form.show_error(inv.field, msg),
                None => say(footer, MessageKind::Error, msg),
            }
            Then::Stay
        }
        EditAction::Conflict { message, theirs } => {
            let view = match (form_ctx(cx), slot.as_ref().and_then(|m| m.form())) {
                (Some(fcx), Some(form)) => Some(conflict::build(
                    form,
                    theirs.as_deref(),
                    message.clone(),
                    &fcx,
                )),
                _ => None,
            };
            match (view, slot.as_mut()) {
                (Some(v), Some(m)) => {
                    m.overlay = Some(Overlay::Conflict(Box::new(v)));
                    Then::Stay
                }
                _ => {
                    // A one-key change (status, move, delete): nothing typed
                    // is at stake; say so and show the file as it is now.
                    say(footer, MessageKind::Error, message);
                    Then::Reload
                }
            }
        }
        EditAction::Refused(msg) => {
            if let Some(form) = form_mut(slot) {
                form.error = Some(msg.clone());
            }
            say(footer, MessageKind::Error, msg);
            Then::Stay
        }
        EditAction::Preview(p) => {
            let text = match lang {
                Lang::Zh => p.describe_zh(),
                Lang::En => p.describe(),
            };
            overlay(
                slot,
                Overlay::Confirm(Confirm {
                    title: words::delete_title(lang).into(),
                    text,
                    op: Box::new(Op::DeleteNode(p)),
                }),
            );
            Then::Stay
        }
        EditAction::History {
            generation,
            target,
            entries,
        } => {
            if generation == cx.generation {
                s.history.insert(target, entries);
            }
            Then::Stay
        }
    }
}
