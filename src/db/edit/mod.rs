//! The editing core: every change a coordinator can make is an [`Op`],
//! made by [`Store::apply`] — the console's forms and the command line
//! alike — so that both keep the same rules and leave the same trail.
//! Records are [`Versioned`] (`record.rs`); each kind's operations live
//! in its own file.
//!
//! Every operation
//! 1. validates its input (a typed [`EditError::Invalid`] names the field),
//! 2. in one IMMEDIATE transaction ([`Store::write`]) checks the record's
//!    `version` against the version the caller read ([`record::checked`])
//!    — a mismatch is a [`Conflict`] carrying the stored record, never a
//!    silent overwrite —
//! 3. applies the change, increases the version of every row it changed,
//! 4. writes one audit entry holding before/after images of every row it
//!    touched ([`changes`]), which is what undo and redo ([`undo`]) replay.

mod changes;
mod directory;
mod error;
mod forms;
mod history;
mod indicators;
mod milestones;
mod nodes;
mod op;
mod plan;
mod record;
mod reports;
mod undo;
pub mod validate;

pub use directory::{AgencyFields, UnitFields};
pub(crate) use error::short_time;
pub use error::{Conflict, EditError, EditResult, Field, Invalid};
pub use forms::{NodeEdit, UnitEdit};
pub use history::{HistoryFix, effective_date};
pub use indicators::IndicatorFields;
pub use milestones::MilestoneFields;
pub use nodes::{DeletePreview, Direction, NodeRecord, NodeText, StatusChange};
pub use op::{Op, Outcome};
pub use record::{Label, Record, Target, Versioned};
pub use reports::{ReportFields, ReviewChange};

use self::changes::Tracker;
use super::{AuditEntry, Store, StoreError, Writer};
use crate::model::{Node, NodeKind, Outline};

impl Store {
    /// Runs an operation in one IMMEDIATE transaction; any error rolls it
    /// back whole.
    pub(crate) fn edit<T>(
        &mut self,
        what: &str,
        f: impl FnOnce(&Writer<'_>) -> EditResult<T>,
    ) -> EditResult<T> {
        self.write(what, |w| f(w).map_err(StoreError::from))
            .map_err(EditError::from)
    }
}

/// Writes the audit entry of a change whose rows `tracker` followed.
pub(crate) fn commit(
    w: &Writer<'_>,
    tracker: Tracker,
    op: &str,
    entity: &str,
    id: i64,
    summary: String,
) -> EditResult<Outcome> {
    let change = tracker.finish(w.conn())?;
    if change.is_empty() {
        return Ok(Outcome {
            summary,
            ..Outcome::unchanged(id)
        });
    }
    let entry = w.audit(&AuditEntry {
        op: op.into(),
        entity: entity.into(),
        entity_id: Some(id),
        summary: summary.clone(),
        before: Some(change.before.to_json()),
        after: Some(change.after.to_json()),
    })?;
    Ok(Outcome {
        entry: Some(entry),
        summary,
        ..Outcome::unchanged(id)
    })
}

/// The word for a node of the outline.
pub(crate) fn kind_words(level: u8) -> (&'static str, &'static str) {
    match NodeKind::of_level(level) {
        NodeKind::Part => ("part", "部分"),
        NodeKind::Action => ("action", "行动"),
        NodeKind::Task => ("task", "任务"),
        NodeKind::SubTask => ("sub-task", "子任务"),
    }
}

/// `task 2.1.1 「提高政治站位」` / `任务2.1.1「提高政治站位」`.
pub(crate) fn node_label(outline: &Outline, node: &Node) -> (String, String) {
    let (en, zh) = kind_words(node.level);
    let code = outline.code(node.id);
    (
        format!("{en} {code} 「{}」", node.title),
        format!("{zh}{code}「{}」", node.title),
    )
}

#[cfg(test)]
mod tests;
