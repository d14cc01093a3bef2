//! Editing from the console, without I/O: the keys that add, change,
//! delete, move, undo and redo (`keys`), the forms, confirmations, lists
//! and conflict dialogs they open (`modal`), and what is done with the
//! store's answers (`answer`). Writes are effects ([`EditEffect`]) that the
//! loop runs against the store; its answers come back as [`EditAction`]s.
//! After a change the views read everything again and the selection goes
//! to the record changed.

pub mod answer;
pub mod conflict;
pub mod keys;
pub mod modal;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::effect::Effect;
use super::form::Form;
use super::form::build::Ctx;
use super::keymap::Scope;
use super::state::{Message, MessageKind, Modal, ReportsMode, State, View};
use crate::db::AuditRecord;
use crate::db::edit::{DeletePreview, Invalid, Op, Record};
use crate::model::Report;

pub use crate::db::edit::Target;
pub use conflict::ConflictView;

/// What the loop is asked to do for editing.
#[derive(Debug, Clone, PartialEq)]
pub enum EditEffect {
    /// Read a record as stored now and open `kind` of form on it.
    Open {
        target: Target,
        kind: super::form::FormKind,
    },
    Save(Box<Op>),
    /// Read what deleting a node would take with it.
    Preview(i64),
    Undo,
    Redo,
    /// Read the log entries that touched a record (the detail panes).
    History {
        generation: u64,
        target: Target,
    },
    /// Read everything again after a change made here, before the next key.
    Reload {
        generation: u64,
        as_of: NaiveDate,
    },
}

impl EditEffect {
    /// The history scans the log: run it after the frame is drawn. Writes
    /// and single-record reads are quick.
    pub fn is_slow(&self) -> bool {
        matches!(self, EditEffect::History { .. })
    }
}

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
    /// The OS user the log records, the default author of a report.
    pub user: String,
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

/// The editing modal, if it is open.
pub fn modal(state: &State) -> Option<&EditModal> {
    match &state.modal {
        Some(Modal::Edit(m)) => Some(m),
        _ => None,
    }
}

pub fn modal_mut(state: &mut State) -> Option<&mut EditModal> {
    match &mut state.modal {
        Some(Modal::Edit(m)) => Some(m),
        _ => None,
    }
}

/// The open form, if one has the keyboard.
pub fn form_mut(state: &mut State) -> Option<&mut Form> {
    modal_mut(state).and_then(EditModal::form_mut)
}

/// What forms are built against, when the data is loaded.
pub fn ctx(state: &State) -> Option<Ctx<'_>> {
    state.data.as_ref().map(|data| Ctx {
        data,
        lang: state.lang(),
        as_of: state.as_of,
        today: state.today,
        user: &state.edit.user,
    })
}

pub(crate) fn say(state: &mut State, kind: MessageKind, text: String) {
    state.message = Some(Message { kind, text });
}

/// Opens a layer, over the list already open if any.
pub(crate) fn push(state: &mut State, layer: Layer) {
    match modal_mut(state) {
        Some(m) => m.stack.push(layer),
        None => {
            state.modal = Some(Modal::Edit(Box::new(EditModal {
                stack: vec![layer],
                overlay: None,
            })))
        }
    }
}

/// Shows a dialog over whatever is open (or over the view).
pub(crate) fn overlay(state: &mut State, o: Overlay) {
    match modal_mut(state) {
        Some(m) => m.overlay = Some(o),
        None => {
            state.modal = Some(Modal::Edit(Box::new(EditModal {
                stack: Vec::new(),
                overlay: Some(o),
            })))
        }
    }
}

/// Closes the top layer (and the modal when nothing is left).
pub(crate) fn pop(state: &mut State) {
    if let Some(m) = modal_mut(state) {
        m.overlay = None;
        m.stack.pop();
        if m.stack.is_empty() {
            state.modal = None;
        }
    }
}

/// Closes a dialog (and the modal when nothing is under it).
pub(crate) fn close_overlay(state: &mut State) {
    if let Some(m) = modal_mut(state) {
        m.overlay = None;
        if m.stack.is_empty() {
            state.modal = None;
        }
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
/// histories are read again, and the record just changed is selected.
pub fn after_load(state: &mut State) {
    state.edit.history.clear();
    state.edit.asked.clear();
    let Some(target) = state.edit.select.take() else {
        return;
    };
    let report = state.edit.report.take();
    let Some(data) = &state.data else { return };
    match target {
        Target::Node(id) => {
            for n in data.snap.outline.path(id) {
                if n.id != id {
                    state.plan.collapsed.remove(&n.id);
                }
            }
            state.plan.selected = Some(id);
            state.plan.detail_scroll = 0;
        }
        Target::Milestone(id) => state.milestones.selected = Some(id),
        Target::Agency(id) => state.units.agency = Some(id),
        Target::Unit(id) => state.units.unit = Some(id),
        Target::Indicator(_) | Target::History(_) | Target::Plan(_) => {}
        Target::Report(_) => {
            // The inbox reads its rows around the selected one: make the
            // changed report the selected one, and the read finds its place.
            if let Some(r) = report {
                let inbox = &mut state.reports.inbox;
                inbox.start = inbox.selected;
                inbox.rows = vec![*r];
            }
        }
    }
}

#[cfg(test)]
mod tests;
