//! Running the console's editing effects against the store: reading a
//! record fresh when a form opens (so the form carries the version as
//! stored now), `Store::apply` for every save, undo and redo, and turning
//! every answer — done, a field at fault, someone else's change, a
//! refusal — into an action in the interface's language.

use crate::app::Action;
use crate::app::edit::{EditAction, EditEffect};
use crate::db::edit::{EditError, NodeRecord, Outcome, Target};
use crate::db::{Added, Store};
use crate::i18n::Lang;
use crate::i18n::edit as words;

fn edit(a: EditAction) -> Option<Action> {
    Some(Action::Edit(Box::new(a)))
}

fn message(lang: Lang, e: &EditError) -> String {
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.to_string(),
    }
}

/// What the message line says after an operation went through.
fn said(lang: Lang, o: &Outcome) -> String {
    match (o.changed(), o.added) {
        (true, _) => words::saved(lang, &o.summary),
        (false, Some(Added::Duplicate(id))) => words::duplicate(lang, id),
        (false, _) => words::unchanged(lang).to_string(),
    }
}

/// The action that says where to go after a change, with the report
/// itself when it is one (the inbox finds its place by it).
fn saved(store: &Store, message: String, select: Option<Target>) -> Option<Action> {
    let report = match select {
        Some(Target::Report(id)) => store.report(id).ok().flatten().map(Box::new),
        _ => None,
    };
    edit(EditAction::Saved {
        message,
        select,
        report,
    })
}

fn failed(lang: Lang, e: EditError) -> Option<Action> {
    let text = message(lang, &e);
    match e {
        EditError::Invalid(i) => edit(EditAction::Invalid(i)),
        EditError::Conflict(c) => {
            let what = match (&c.stored, lang) {
                (Some(_), Lang::Zh) => c.what_zh.clone(),
                (None, Lang::Zh) => words::the_record(lang).to_string(),
                (_, Lang::En) => c.what.clone(),
            };
            let versions = c
                .stored
                .as_ref()
                .filter(|_| c.detail.is_none())
                .map(|r| (c.expected, r.version()));
            let message = match &c.detail {
                // A delete confirmed before something was added under it.
                Some(_) => text,
                None => words::conflict_message(lang, &what, c.since.as_ref(), versions),
            };
            edit(EditAction::Conflict {
                message,
                theirs: c.stored.map(Box::new),
            })
        }
        EditError::NotFound { .. } | EditError::Refused { .. } | EditError::Store(_) => {
            edit(EditAction::Refused(text))
        }
    }
}

/// Takes back (or applies again) the user's newest change, then selects
/// the record it was about (or the parent of a task it removed).
fn undo_redo(store: &mut Store, lang: Lang, redo: bool) -> Option<Action> {
    let candidate = if redo {
        store.redo_candidate()
    } else {
        store.undo_candidate()
    };
    let target = candidate
        .ok()
        .flatten()
        .and_then(|e| Target::from_entity(&e.entity, e.entity_id?));
    let parent = match target {
        Some(Target::Node(id)) => store
            .get::<NodeRecord>(id)
            .ok()
            .flatten()
            .and_then(|r| r.node.parent),
        _ => None,
    };
    let result = if redo { store.redo() } else { store.undo() };
    match result {
        Ok(o) => {
            let text = if redo {
                words::redone(lang, &o.summary)
            } else {
                words::undone(lang, &o.summary)
            };
            let select = match target {
                Some(Target::Node(id)) => {
                    let still = store.get::<NodeRecord>(id).ok().flatten().is_some();
                    if still {
                        Some(Target::Node(id))
                    } else {
                        parent.map(Target::Node)
                    }
                }
                other => other,
            };
            saved(store, text, select)
        }
        Err(e) => edit(EditAction::Refused(message(lang, &e))),
    }
}

/// Runs an editing effect; writes need the store mutable.
pub fn run(store: &mut Store, lang: Lang, effect: EditEffect) -> Option<Action> {
    match effect {
        EditEffect::Open { target, kind } => match store.record(target) {
            Ok(Some(f)) => edit(EditAction::Opened {
                kind,
                fresh: Box::new(f),
            }),
            Ok(None) => edit(EditAction::Refused(words::gone(lang).to_string())),
            Err(e) => Some(Action::Failed(e.to_string())),
        },
        EditEffect::Save(op) => match store.apply(&op) {
            Ok(o) => saved(store, said(lang, &o), o.record),
            Err(e) => failed(lang, e),
        },
        EditEffect::Preview(id) => match store.delete_preview(id) {
            Ok(p) => edit(EditAction::Preview(Box::new(p))),
            Err(e) => edit(EditAction::Refused(message(lang, &e))),
        },
        EditEffect::Undo => undo_redo(store, lang, false),
        EditEffect::Redo => undo_redo(store, lang, true),
        history @ EditEffect::History { .. } => read(store, history),
        EditEffect::Reload { generation, as_of } => {
            Some(match super::console::load(store, as_of) {
                Ok(loaded) => Action::Loaded {
                    generation,
                    loaded: Box::new(loaded),
                },
                Err(e) => Action::Failed(e.to_string()),
            })
        }
    }
}

/// Runs a read (the history of a record).
pub fn read(store: &Store, effect: EditEffect) -> Option<Action> {
    match effect {
        EditEffect::History { generation, target } => {
            match store.record_history(target.table(), target.id()) {
                Ok(entries) => edit(EditAction::History {
                    generation,
                    target,
                    entries,
                }),
                Err(e) => Some(Action::Failed(e.to_string())),
            }
        }
        _ => None,
    }
}
