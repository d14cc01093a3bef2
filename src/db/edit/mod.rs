//! The editing core: one function per thing a coordinator can change,
//! shared by the console's forms and the command line so that both keep
//! the same rules and leave the same trail.
//!
//! Every operation
//! 1. validates its input (a typed [`EditError::Invalid`] names the field),
//! 2. in one IMMEDIATE transaction ([`Store::write`]) checks the record's
//!    `version` against the version the caller read — a mismatch is a
//!    [`Conflict`] carrying the stored record and the caller's [`Intent`],
//!    never a silent overwrite —
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
mod plan;
mod reports;
mod undo;
pub mod validate;

use chrono::NaiveDate;

pub use directory::{AgencyFields, UnitFields};
pub(crate) use error::short_time;
pub use error::{Conflict, EditError, EditResult, Field, Invalid};
pub use forms::{NodeEdit, UnitEdit};
pub use history::{HistoryFix, effective_date};
pub use indicators::IndicatorFields;
pub use milestones::MilestoneFields;
pub use nodes::{DeletePreview, Direction, NodeText, StatusChange};
pub use reports::{ReportFields, ReportOutcome, ReviewChange};

use self::changes::Tracker;
use super::{AuditEntry, Store, StoreError, Writer};
use crate::model::{
    Agency, HistoryEntry, Indicator, Milestone, Node, NodeKind, Outline, PlanInfo, Report,
    Schedule, Unit,
};

/// A record as stored, as a conflict shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Node(Node),
    Milestone(Milestone),
    Indicator(Indicator),
    Report(Report),
    Agency(Agency),
    Unit(Unit),
    /// A recorded status, progress or dates of a task.
    History(HistoryEntry),
    /// The plan, for its schedule.
    Plan(PlanInfo),
}

impl Record {
    pub fn version(&self) -> i64 {
        match self {
            Record::History(e) => e.version,
            Record::Plan(p) => p.version,
            Record::Node(n) => n.version,
            Record::Milestone(m) => m.version,
            Record::Indicator(i) => i.version,
            Record::Report(r) => r.version,
            Record::Agency(a) => a.version,
            Record::Unit(u) => u.version,
        }
    }
}

/// The change a caller asked for, carried by a [`Conflict`] so that the
/// form can show it beside the stored version and apply it again.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    NodeText {
        node: i64,
        text: NodeText,
    },
    Move {
        node: i64,
        direction: Direction,
    },
    Delete(DeletePreview),
    Status {
        node: i64,
        change: StatusChange,
    },
    CycleStatus {
        node: i64,
        reason: Option<String>,
        on: NaiveDate,
    },
    Dates {
        node: i64,
        start: Option<NaiveDate>,
        due: Option<NaiveDate>,
        on: NaiveDate,
    },
    Progress {
        node: i64,
        progress: Option<u8>,
        on: NaiveDate,
    },
    /// A recorded change corrected.
    HistoryFix {
        entry: i64,
        fix: HistoryFix,
    },
    /// A recorded change removed.
    HistoryRemove {
        entry: i64,
    },
    /// The plan's schedule.
    Schedule(Schedule),
    Agencies {
        node: i64,
        lead: Vec<i64>,
        support: Vec<i64>,
    },
    Agency {
        agency: i64,
        fields: AgencyFields,
    },
    UnitNames {
        unit: i64,
        name: String,
        short_name: String,
    },
    UnitEnd {
        unit: i64,
        end: Option<NaiveDate>,
    },
    Milestone {
        milestone: i64,
        fields: MilestoneFields,
    },
    MilestoneDone {
        milestone: i64,
        done: NaiveDate,
    },
    MilestoneReopen {
        milestone: i64,
    },
    MilestoneDelete {
        milestone: i64,
    },
    Indicator {
        indicator: i64,
        fields: IndicatorFields,
    },
    IndicatorDelete {
        indicator: i64,
    },
    Report {
        report: i64,
        fields: ReportFields,
    },
    Review {
        report: i64,
        change: ReviewChange,
    },
    /// The console's task form, saved whole.
    Node {
        node: i64,
        edit: NodeEdit,
    },
    /// The console's unit form, saved whole.
    Unit {
        unit: i64,
        edit: UnitEdit,
    },
}

/// What an operation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The audit entry written; `None` when nothing changed.
    pub entry: Option<i64>,
    /// The record created or changed.
    pub id: i64,
    /// The log's sentence for it.
    pub summary: String,
}

impl Outcome {
    pub fn changed(&self) -> bool {
        self.entry.is_some()
    }
}

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
            entry: None,
            id,
            summary,
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
        id,
        summary,
    })
}

/// Refuses a change to a record that is not at the version the caller read.
pub(crate) fn check_version(
    w: &Writer<'_>,
    table: &str,
    id: i64,
    stored: Option<Record>,
    expected: i64,
    what: (String, String),
    intent: impl FnOnce() -> Intent,
) -> EditResult<Record> {
    match stored {
        Some(r) if r.version() == expected => Ok(r),
        stored => {
            let since = changes::last_touch(w.conn(), table, id, 0)?;
            if stored.is_none() && since.is_none() {
                return Err(EditError::not_found(
                    format!("there is no {} {id}", what.0),
                    format!("没有编号为{id}的{}", what.1),
                ));
            }
            Err(EditError::Conflict(Box::new(Conflict {
                what: what.0,
                expected,
                stored,
                intended: intent(),
                since,
                detail: None,
            })))
        }
    }
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
