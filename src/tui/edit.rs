//! Running the console's editing effects against the store: reading a
//! record fresh when a form opens (so the form carries the version as
//! stored now), calling the editing core's one operation per save, undo
//! and redo, and turning every answer — done, a field at fault, someone
//! else's change, a refusal — into an action in the interface's language.

use crate::app::Action;
use crate::app::edit::{EditAction, EditEffect, SaveOp, Target};
use crate::app::form::build::Fresh;
use crate::db::edit::{EditError, EditResult, Outcome};
use crate::db::{Store, StoreError};
use crate::i18n::Lang;
use crate::i18n::edit as words;
use crate::model::Role;

fn edit(a: EditAction) -> Option<Action> {
    Some(Action::Edit(Box::new(a)))
}

/// A record as stored now, with what its form needs besides.
pub fn fresh(store: &Store, target: Target) -> Result<Option<Fresh>, StoreError> {
    Ok(match target {
        Target::Node(id) => {
            let Some(node) = store.outline()?.get(id).cloned() else {
                return Ok(None);
            };
            let mut mine: Vec<_> = store
                .assignments()?
                .into_iter()
                .filter(|a| a.node_id == id)
                .collect();
            mine.sort_by_key(|a| a.position);
            let of = |role: Role| {
                mine.iter()
                    .filter(|a| a.role == role)
                    .map(|a| a.agency_id)
                    .collect()
            };
            Some(Fresh::Node {
                lead: of(Role::Lead),
                support: of(Role::Support),
                node,
            })
        }
        Target::Milestone(id) => store
            .milestones()?
            .into_iter()
            .find(|m| m.id == id)
            .map(Fresh::Milestone),
        Target::Indicator(id) => store
            .indicators()?
            .into_iter()
            .find(|i| i.id == id)
            .map(Fresh::Indicator),
        Target::Report(id) => store.report(id)?.map(Fresh::Report),
        Target::Agency(id) => store
            .agencies()?
            .into_iter()
            .find(|a| a.id == id)
            .map(Fresh::Agency),
        Target::Unit(id) => store
            .units()?
            .into_iter()
            .find(|u| u.id == id)
            .map(Fresh::Unit),
    })
}

/// The record in words, as the conflict dialog names it.
fn what(store: &Store, lang: Lang, f: &Fresh) -> String {
    let pick = |zh: String, en: String| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    match f {
        Fresh::Node { node, .. } => match store.outline() {
            Ok(o) => words::node_what(lang, &o, node),
            Err(_) => node.title.clone(),
        },
        Fresh::Milestone(m) => pick(
            format!("时间节点「{}」", m.title),
            format!("the milestone 「{}」", m.title),
        ),
        Fresh::Indicator(i) => pick(
            format!("指标「{}」", i.name),
            format!("the indicator 「{}」", i.name),
        ),
        Fresh::Report(r) => pick(format!("报送{}", r.id), format!("report {}", r.id)),
        Fresh::Agency(a) => pick(
            format!("责任单位「{}」", a.name),
            format!("the agency 「{}」", a.name),
        ),
        Fresh::Unit(u) => pick(
            format!("单位「{}」", u.name),
            format!("the unit 「{}」", u.name),
        ),
    }
}

fn message(lang: Lang, e: &EditError) -> String {
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.to_string(),
    }
}

/// Where the selection goes after an operation, and the log's sentence.
fn apply(store: &mut Store, lang: Lang, op: &SaveOp) -> EditResult<(String, Option<Target>)> {
    let said = |o: &Outcome| {
        if o.changed() {
            words::saved(lang, &o.summary)
        } else {
            words::unchanged(lang).to_string()
        }
    };
    let done = |o: Outcome, t: Target| (said(&o), Some(t));
    Ok(match op {
        SaveOp::AddSubtask {
            parent,
            title,
            body,
        } => {
            let o = store.add_subtask(*parent, title, body)?;
            let id = o.id;
            done(o, Target::Node(id))
        }
        SaveOp::SaveNode { id, version, edit } => {
            done(store.save_node(*id, *version, edit)?, Target::Node(*id))
        }
        SaveOp::SetStatus {
            id,
            version,
            change,
        } => done(store.set_status(*id, *version, change)?, Target::Node(*id)),
        SaveOp::MoveNode {
            id,
            version,
            direction,
        } => done(
            store.move_node(*id, *version, *direction)?,
            Target::Node(*id),
        ),
        SaveOp::DeleteNode(p) => {
            let parent = store.outline()?.get(p.node).and_then(|n| n.parent);
            let o = store.delete_node(p)?;
            (said(&o), parent.map(Target::Node))
        }
        SaveOp::AddMilestone { node, fields } => {
            let o = store.add_milestone(*node, fields)?;
            let id = o.id;
            done(o, Target::Milestone(id))
        }
        SaveOp::EditMilestone {
            id,
            version,
            fields,
        } => done(
            store.edit_milestone(*id, *version, fields)?,
            Target::Milestone(*id),
        ),
        SaveOp::MilestoneDone { id, version, date } => done(
            store.milestone_done(*id, *version, *date)?,
            Target::Milestone(*id),
        ),
        SaveOp::ReopenMilestone { id, version } => done(
            store.reopen_milestone(*id, *version)?,
            Target::Milestone(*id),
        ),
        SaveOp::DeleteMilestone { id, version } => {
            (said(&store.delete_milestone(*id, *version)?), None)
        }
        SaveOp::AddIndicator { node, fields } => {
            let o = store.add_indicator(*node, fields)?;
            let id = o.id;
            done(o, Target::Indicator(id))
        }
        SaveOp::EditIndicator {
            id,
            version,
            fields,
        } => done(
            store.edit_indicator(*id, *version, fields)?,
            Target::Indicator(*id),
        ),
        SaveOp::DeleteIndicator { id, version } => {
            (said(&store.delete_indicator(*id, *version)?), None)
        }
        SaveOp::AddReport(report) => {
            let o = store.add_report(report)?;
            let id = o.added.id();
            let text = match o.entry {
                Some(_) => words::saved(lang, &o.summary),
                None => words::duplicate(lang, id),
            };
            (text, Some(Target::Report(id)))
        }
        SaveOp::EditReport {
            id,
            version,
            fields,
        } => done(
            store.edit_report(*id, *version, fields)?,
            Target::Report(*id),
        ),
        SaveOp::Review {
            id,
            version,
            change,
        } => done(
            store.review_report(*id, *version, change)?,
            Target::Report(*id),
        ),
        SaveOp::AddAgency(fields) => {
            let o = store.add_agency(fields)?;
            let id = o.id;
            done(o, Target::Agency(id))
        }
        SaveOp::EditAgency {
            id,
            version,
            fields,
        } => done(
            store.rename_agency(*id, *version, fields)?,
            Target::Agency(*id),
        ),
        SaveOp::AddUnit(fields) => {
            let o = store.add_unit(fields)?;
            let id = o.id;
            done(o, Target::Unit(id))
        }
        SaveOp::SaveUnit { id, version, edit } => {
            done(store.save_unit(*id, *version, edit)?, Target::Unit(*id))
        }
    })
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

fn failed(store: &Store, lang: Lang, op: &SaveOp, e: EditError) -> Option<Action> {
    let text = message(lang, &e);
    match e {
        EditError::Invalid(i) => edit(EditAction::Invalid(i)),
        EditError::Conflict(c) => {
            let theirs = op
                .target()
                .and_then(|t| fresh(store, t).ok().flatten())
                .map(Box::new);
            let what = match (&theirs, lang) {
                (Some(f), _) => what(store, lang, f),
                (None, Lang::Zh) => words::the_record(lang).to_string(),
                (None, Lang::En) => c.what.clone(),
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
            edit(EditAction::Conflict { message, theirs })
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
            .outline()
            .ok()
            .and_then(|o| o.get(id).and_then(|n| n.parent)),
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
                    let still = store.outline().ok().is_some_and(|ol| ol.get(id).is_some());
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
        EditEffect::Open { target, kind } => match fresh(store, target) {
            Ok(Some(f)) => edit(EditAction::Opened {
                kind,
                fresh: Box::new(f),
            }),
            Ok(None) => edit(EditAction::Refused(words::gone(lang).to_string())),
            Err(e) => Some(Action::Failed(e.to_string())),
        },
        EditEffect::Save(op) => match apply(store, lang, &op) {
            Ok((text, select)) => saved(store, text, select),
            Err(e) => failed(store, lang, &op, e),
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
