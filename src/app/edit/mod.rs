//! Editing from the console, without I/O: the forms, confirmations, lists
//! and conflict dialogs (`modal`, `items`), and what is done with the
//! store's answers (`answer`), all over the editing modal's [`Slot`] and
//! [`EditState`]. The keys of the views that open them (add, change,
//! delete, move, undo, redo) are routed by `app::edit_keys`. Writes are effects ([`EditEffect`]) that the
//! loop runs against the store; its answers come back as [`EditAction`]s.
//! After a change the views read everything again and the selection goes
//! to the record changed.

pub mod answer;
pub mod conflict;
pub mod items;
pub mod modal;

use std::collections::{HashMap, HashSet};

use super::command::Scope;
use super::ctx::Cx;
pub use super::effect::EditEffect;
use super::form::Form;
use super::form::build::Ctx;
use crate::db::AuditRecord;
use crate::db::edit::{DeletePreview, Invalid, Op, Record};
use crate::model::Report;

pub use crate::db::edit::Target;
pub use conflict::ConflictView;

/// The store's answers.
#[derive(Debug, Clone)]
pub enum EditAction {
    Opened {
        kind: super::form::FormKind,
        fresh: Box<Record>,
    },
    /// A write (or undo, redo) went through. `message` says what was done;
    /// `select` is where the selection goes once the data is read again
    /// (`report`: the report itself, for the inbox to find it).
    Saved {
        message: String,
        select: Option<Target>,
        report: Option<Box<Report>>,
    },
    /// A field holds what cannot be saved.
    Invalid(Invalid),
    /// Someone else changed the record since the form read it; `theirs`
    /// is the record now (`None`: deleted).
    Conflict {
        message: String,
        theirs: Option<Box<Record>>,
    },
    /// Not done, with the sentence why (nothing to undo, not found …).
    Refused(String),
    Preview(Box<DeletePreview>),
    History {
        generation: u64,
        target: Target,
        entries: Vec<AuditRecord>,
    },
}

/// What the console keeps for editing between keys.
#[derive(Debug, Clone, Default)]
pub struct EditState {
    /// Log entries per record, read for the detail panes.
    pub history: HashMap<Target, Vec<AuditRecord>>,
    /// Histories asked for since the last load.
    pub asked: HashSet<Target>,
    /// Where the selection goes after the next load.
    pub select: Option<Target>,
    /// The report to select after the next load.
    pub report: Option<Box<Report>>,
}

/// The list of a node's milestones or indicators (from the 任务 view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemsKind {
    Milestones,
    Indicators,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Items {
    pub node: i64,
    pub kind: ItemsKind,
    pub selected: usize,
}

/// A layer of the editing modal: a list, or a form over it.
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    Items(Items),
    Form(Box<Form>),
}

/// A confirmation: what it asks, and the operation `y` runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub text: String,
    pub op: Box<Op>,
}

/// A dialog over the top layer.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Esc on a form with something typed: throw it away?
    Discard,
    Confirm(Confirm),
    Conflict(Box<ConflictView>),
}

/// Everything editing shows over the views.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EditModal {
    pub stack: Vec<Layer>,
    pub overlay: Option<Overlay>,
}

impl EditModal {
    pub fn form(&self) -> Option<&Form> {
        match self.stack.last() {
            Some(Layer::Form(f)) => Some(f),
            _ => None,
        }
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        match self.stack.last_mut() {
            Some(Layer::Form(f)) => Some(f),
            _ => None,
        }
    }

    /// Which keys apply.
    pub fn scope(&self) -> Scope {
        match (&self.overlay, self.stack.last()) {
            (Some(Overlay::Conflict(_)), _) => Scope::Conflict,
            (Some(_), _) => Scope::Confirm,
            (None, Some(Layer::Form(f))) if f.picker.is_some() => Scope::Picker,
            (None, Some(Layer::Form(_))) => Scope::Form,
            (None, _) => Scope::Items,
        }
    }

    /// Whether printable keys are typed into it.
    pub fn takes_text(&self) -> bool {
        matches!(self.scope(), Scope::Form | Scope::Picker)
    }
}

/// Where the editing modal lives while a key or an answer is handled:
/// the router takes it out of the state (`None` when none is open) and
/// puts back what is left.
pub type Slot = Option<Box<EditModal>>;

/// The open form, if one has the keyboard.
pub fn form_mut(slot: &mut Slot) -> Option<&mut Form> {
    slot.as_mut().and_then(|m| m.form_mut())
}

/// What forms are built against, once the data is loaded.
pub fn form_ctx<'a>(cx: &Cx<'a>) -> Option<Ctx<'a>> {
    cx.data.map(|data| Ctx {
        data,
        lang: cx.lang(),
        as_of: cx.as_of,
        today: cx.today,
        user: cx.user,
    })
}

/// Opens a layer, over the list already open if any.
pub(crate) fn push(slot: &mut Slot, layer: Layer) {
    match slot {
        Some(m) => m.stack.push(layer),
        None => {
            *slot = Some(Box::new(EditModal {
                stack: vec![layer],
                overlay: None,
            }))
        }
    }
}

/// Shows a dialog over whatever is open (or over the view).
pub(crate) fn overlay(slot: &mut Slot, o: Overlay) {
    match slot {
        Some(m) => m.overlay = Some(o),
        None => {
            *slot = Some(Box::new(EditModal {
                stack: Vec::new(),
                overlay: Some(o),
            }))
        }
    }
}

/// Closes the top layer (and the modal when nothing is left).
pub(crate) fn pop(slot: &mut Slot) {
    if let Some(m) = slot {
        m.overlay = None;
        m.stack.pop();
        if m.stack.is_empty() {
            *slot = None;
        }
    }
}

/// Closes a dialog (and the modal when nothing is under it).
pub(crate) fn close_overlay(slot: &mut Slot) {
    if let Some(m) = slot {
        m.overlay = None;
        if m.stack.is_empty() {
            *slot = None;
        }
    }
}

#[cfg(test)]
mod tests;
