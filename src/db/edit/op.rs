//! Every change a coordinator can make, as one value ([`Op`]), and the one
//! way to make it ([`Store::apply`]). The console's forms and keys and the
//! command line build an `Op` and hand it here; each arm calls the
//! operation that validates, checks the version, writes and logs.
//!
//! An operation on an existing record carries the `version` the caller
//! read; a conflict is refused with the record as stored now (see
//! [`super::Conflict`]) — the caller still holds its `Op` to try again.

use chrono::NaiveDate;

use super::directory::{AgencyFields, UnitFields};
use super::error::EditResult;
use super::forms::{NodeEdit, UnitEdit};
use super::history::HistoryFix;
use super::indicators::IndicatorFields;
use super::milestones::MilestoneFields;
use super::nodes::{DeletePreview, Direction, NodeText, StatusChange};
use super::record::Target;
use super::reports::{ReportFields, ReviewChange};
use crate::db::Store;
use crate::db::reports::{Added, NewReport};
use crate::model::Schedule;

/// A change to the plan's records.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    // The outline (`nodes.rs`, `forms.rs`).
    /// A sub-task as the last child of `parent`, at any depth.
    AddSubtask {
        parent: i64,
        title: String,
        body: String,
    },
    /// Title and body text.
    EditNodeText {
        id: i64,
        version: i64,
        text: NodeText,
    },
    /// The console's task form, saved whole: one entry, one undo.
    SaveNode {
        id: i64,
        version: i64,
        edit: NodeEdit,
    },
    SetStatus {
        id: i64,
        version: i64,
        change: StatusChange,
    },
    /// The next status in the cycle 未启动 → 推进中 → 已完成 → 滞后 → 暂停,
    /// after the one in effect on `on`, from `on`.
    CycleStatus {
        id: i64,
        version: i64,
        reason: Option<String>,
        on: NaiveDate,
    },
    /// The task's own dates from `on`.
    SetDates {
        id: i64,
        version: i64,
        start: Option<NaiveDate>,
        due: Option<NaiveDate>,
        on: NaiveDate,
    },
    /// Progress by hand from `on`, or `None` to derive it again.
    SetProgress {
        id: i64,
        version: i64,
        progress: Option<u8>,
        on: NaiveDate,
    },
    // A task's recorded history (`history.rs`).
    /// A recorded status, progress or dates corrected: its day or value.
    CorrectHistory {
        id: i64,
        version: i64,
        fix: HistoryFix,
    },
    /// A recorded status, progress or dates removed.
    RemoveHistory {
        id: i64,
        version: i64,
    },
    // The plan (`plan.rs`).
    /// The plan's schedule: start, end, warning window, grace, cycle.
    SetSchedule {
        version: i64,
        schedule: Schedule,
    },
    /// Lead (牵头) and supporting (配合) agencies, in order.
    SetAgencies {
        id: i64,
        version: i64,
        lead: Vec<i64>,
        support: Vec<i64>,
    },
    MoveNode {
        id: i64,
        version: i64,
        direction: Direction,
    },
    /// A node and everything under it, as previewed ([`Store::delete_preview`]).
    DeleteNode(Box<DeletePreview>),
    // Milestones (`milestones.rs`).
    AddMilestone {
        node: i64,
        fields: MilestoneFields,
    },
    EditMilestone {
        id: i64,
        version: i64,
        fields: MilestoneFields,
    },
    MilestoneDone {
        id: i64,
        version: i64,
        date: NaiveDate,
    },
    ReopenMilestone {
        id: i64,
        version: i64,
    },
    DeleteMilestone {
        id: i64,
        version: i64,
    },
    // Indicators (`indicators.rs`).
    AddIndicator {
        node: i64,
        fields: IndicatorFields,
    },
    EditIndicator {
        id: i64,
        version: i64,
        fields: IndicatorFields,
    },
    DeleteIndicator {
        id: i64,
        version: i64,
    },
    // Reports (`reports.rs`).
    /// A new report, a new revision of the current one, or nothing for a
    /// duplicate ([`Outcome::added`] says which).
    AddReport(NewReport),
    EditReport {
        id: i64,
        version: i64,
        fields: ReportFields,
    },
    Review {
        id: i64,
        version: i64,
        change: ReviewChange,
    },
    // The directory (`directory.rs`, `forms.rs`).
    AddAgency(AgencyFields),
    EditAgency {
        id: i64,
        version: i64,
        fields: AgencyFields,
    },
    AddUnit(UnitFields),
    RenameUnit {
        id: i64,
        version: i64,
        name: String,
        short_name: String,
    },
    /// The last day a unit existed, or `None` to clear it.
    SetUnitEnd {
        id: i64,
        version: i64,
        end: Option<NaiveDate>,
    },
    /// The console's unit form, saved whole.
    SaveUnit {
        id: i64,
        version: i64,
        edit: UnitEdit,
    },
}

impl Op {
    /// The existing record the operation changes (none for an addition).
    pub fn target(&self) -> Option<Target> {
        use Target as T;
        Some(match self {
            Op::EditNodeText { id, .. }
            | Op::SaveNode { id, .. }
            | Op::SetStatus { id, .. }
            | Op::CycleStatus { id, .. }
            | Op::SetDates { id, .. }
            | Op::SetProgress { id, .. }
            | Op::SetAgencies { id, .. }
            | Op::MoveNode { id, .. } => T::Node(*id),
            Op::DeleteNode(p) => T::Node(p.node),
            Op::CorrectHistory { id, .. } | Op::RemoveHistory { id, .. } => T::History(*id),
            Op::SetSchedule { .. } => T::Plan(1),
            Op::EditMilestone { id, .. }
            | Op::MilestoneDone { id, .. }
            | Op::ReopenMilestone { id, .. }
            | Op::DeleteMilestone { id, .. } => T::Milestone(*id),
            Op::EditIndicator { id, .. } | Op::DeleteIndicator { id, .. } => T::Indicator(*id),
            Op::EditReport { id, .. } | Op::Review { id, .. } => T::Report(*id),
            Op::EditAgency { id, .. } => T::Agency(*id),
            Op::RenameUnit { id, .. } | Op::SetUnitEnd { id, .. } | Op::SaveUnit { id, .. } => {
                T::Unit(*id)
            }
            Op::AddSubtask { .. }
            | Op::AddMilestone { .. }
            | Op::AddIndicator { .. }
            | Op::AddReport(_)
            | Op::AddAgency(_)
            | Op::AddUnit(_) => return None,
        })
    }
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
    /// The record to show afterwards: the one created or changed, the
    /// parent of a task deleted; `None` after deleting anything else.
    pub record: Option<Target>,
    /// For a report added: new, a revision, or a duplicate (nothing written).
    pub added: Option<Added>,
}

impl Outcome {
    /// An entry was written (or, for a report, a report added).
    pub fn changed(&self) -> bool {
        self.entry.is_some()
    }

    /// Nothing to write: the record already holds what was asked.
    pub(crate) fn unchanged(id: i64) -> Outcome {
        Outcome {
            entry: None,
            id,
            summary: "nothing changed".into(),
            record: None,
            added: None,
        }
    }

    /// The record to show afterwards is this outcome's record, of `kind`.
    fn show(mut self, kind: fn(i64) -> Target) -> Outcome {
        self.record = Some(kind(self.id));
        self
    }
}

impl Store {
    /// Makes a change: validates it, checks the version the caller read,
    /// writes it in one IMMEDIATE transaction with one audit entry (none
    /// when nothing changes). Any error leaves the file as it was.
    pub fn apply(&mut self, op: &Op) -> EditResult<Outcome> {
        use Target as T;
        Ok(match op {
            Op::AddSubtask {
                parent,
                title,
                body,
            } => self.add_subtask(*parent, title, body)?.show(T::Node),
            Op::EditNodeText { id, version, text } => {
                self.edit_node_text(*id, *version, text)?.show(T::Node)
            }
            Op::SaveNode { id, version, edit } => {
                self.save_node(*id, *version, edit)?.show(T::Node)
            }
            Op::SetStatus {
                id,
                version,
                change,
            } => self.set_status(*id, *version, change)?.show(T::Node),
            Op::CycleStatus {
                id,
                version,
                reason,
                on,
            } => self
                .cycle_status(*id, *version, reason.as_deref(), *on)?
                .show(T::Node),
            Op::SetDates {
                id,
                version,
                start,
                due,
                on,
            } => self
                .set_dates(*id, *version, *start, *due, *on)?
                .show(T::Node),
            Op::SetProgress {
                id,
                version,
                progress,
                on,
            } => self
                .set_progress(*id, *version, *progress, *on)?
                .show(T::Node),
            Op::CorrectHistory { id, version, fix } => {
                self.correct_history(*id, *version, fix)?.show(T::History)
            }
            Op::RemoveHistory { id, version } => self.remove_history(*id, *version)?,
            Op::SetSchedule { version, schedule } => {
                self.set_schedule(*version, schedule)?.show(T::Plan)
            }
            Op::SetAgencies {
                id,
                version,
                lead,
                support,
            } => self
                .set_agencies(*id, *version, lead, support)?
                .show(T::Node),
            Op::MoveNode {
                id,
                version,
                direction,
            } => self.move_node(*id, *version, *direction)?.show(T::Node),
            Op::DeleteNode(preview) => Outcome {
                record: preview.parent.map(T::Node),
                ..self.delete_node(preview)?
            },
            Op::AddMilestone { node, fields } => {
                self.add_milestone(*node, fields)?.show(T::Milestone)
            }
            Op::EditMilestone {
                id,
                version,
                fields,
            } => self
                .edit_milestone(*id, *version, fields)?
                .show(T::Milestone),
            Op::MilestoneDone { id, version, date } => self
                .milestone_done(*id, *version, *date)?
                .show(T::Milestone),
            Op::ReopenMilestone { id, version } => {
                self.reopen_milestone(*id, *version)?.show(T::Milestone)
            }
            Op::DeleteMilestone { id, version } => self.delete_milestone(*id, *version)?,
            Op::AddIndicator { node, fields } => {
                self.add_indicator(*node, fields)?.show(T::Indicator)
            }
            Op::EditIndicator {
                id,
                version,
                fields,
            } => self
                .edit_indicator(*id, *version, fields)?
                .show(T::Indicator),
            Op::DeleteIndicator { id, version } => self.delete_indicator(*id, *version)?,
            Op::AddReport(report) => self.add_report(report)?.show(T::Report),
            Op::EditReport {
                id,
                version,
                fields,
            } => self.edit_report(*id, *version, fields)?.show(T::Report),
            Op::Review {
                id,
                version,
                change,
            } => self.review_report(*id, *version, change)?.show(T::Report),
            Op::AddAgency(fields) => self.add_agency(fields)?.show(T::Agency),
            Op::EditAgency {
                id,
                version,
                fields,
            } => self.rename_agency(*id, *version, fields)?.show(T::Agency),
            Op::AddUnit(fields) => self.add_unit(fields)?.show(T::Unit),
            Op::RenameUnit {
                id,
                version,
                name,
                short_name,
            } => self
                .rename_unit(*id, *version, name, short_name)?
                .show(T::Unit),
            Op::SetUnitEnd { id, version, end } => {
                self.set_unit_end(*id, *version, *end)?.show(T::Unit)
            }
            Op::SaveUnit { id, version, edit } => {
                self.save_unit(*id, *version, edit)?.show(T::Unit)
            }
        })
    }
}
