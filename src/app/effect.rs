//! What `update` asks the outside world to do, as values: read from the
//! store, write, render or write an export, check or apply an import,
//! clear the screen, quit. The loop in `tui` runs them and feeds the
//! answers back as actions; tests run them against a real store without a
//! terminal. The requests' payloads live here too, so that every feature
//! can ask without knowing the others.

use chrono::NaiveDate;

use super::form::FormKind;
use super::path_prompt::ListDir;
use crate::db::edit::{Op, Target};
use crate::db::{InboxFilter, InboxKey};
use crate::export::{ExportOptions, Template};
use crate::i18n::Lang;
use crate::import::ImportPlan;
use crate::model::{Period, Report};

/// Where an inbox read starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The newest reports; the selection goes to the first.
    Top,
    /// The oldest reports of the `total` matching; the selection goes to
    /// the last.
    Bottom { total: u64 },
    /// Around a report. `index` is its place in the list when known; when
    /// not (after a reload), the read finds it and moves the selection there.
    Key { key: InboxKey, index: Option<u64> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct InboxRequest {
    pub generation: u64,
    pub as_of: NaiveDate,
    pub filter: InboxFilter,
    pub anchor: Anchor,
    /// How many rows to read on each side of the anchor.
    pub window: usize,
    /// Count the matching reports too.
    pub count: bool,
    /// Run it once the user stops typing rather than at once.
    pub debounce: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the reporting history (every unit, every period).
    LoadHistory {
        generation: u64,
        as_of: NaiveDate,
    },
    /// Read the snapshot and the latest submissions at a date: after the
    /// frame that says 读取中, or `at_once` — before the next key, after a
    /// change made here, so that a key pressed right after a save acts on
    /// the data the save left.
    Load {
        generation: u64,
        as_of: NaiveDate,
        at_once: bool,
    },
    /// Read a node's latest reports (the plan's detail pane).
    NodeReports {
        generation: u64,
        node_id: i64,
        as_of: NaiveDate,
    },
    Inbox(InboxRequest),
    /// Forget the inbox read that waits for typing to pause: the filter
    /// is back to the one the list shows (typed, then erased or Esc).
    ForgetTypedInbox,
    /// Read who reported on which task in a period.
    TaskMatrix {
        generation: u64,
        period: Period,
        as_of: NaiveDate,
    },
    /// Clear the terminal and draw everything again (Ctrl-L).
    ClearScreen,
    Quit,
    /// A write, or a read for editing (see `app::edit`).
    Edit(EditEffect),
    /// Render an export for the preview (`export::render`).
    RenderExport(PreviewKey),
    /// Write an export to a file (`export::write_file`).
    WriteExport(WriteRequest),
    /// Send the text to the user's clipboard through the terminal (OSC 52).
    Copy(String),
    /// List a directory for Tab completion.
    ListDir(ListDir),
    /// Check report sheets (`import::check`, a dry run) in the background.
    CheckImport(CheckRequest),
    /// Import a checked plan (`import::apply`).
    ApplyImport(ApplyRequest),
}

impl Effect {
    /// Whether the effect may read through the whole file (a load, a count,
    /// an aggregate): the loop then draws the frame first — showing that a
    /// read is under way — and runs it right after, so a key is answered
    /// at once even on a file of 100,000 reports. Paging the inbox reads a
    /// few hundred rows by index and is not slow.
    pub fn is_slow(&self) -> bool {
        match self {
            Effect::Load { at_once, .. } => !at_once,
            Effect::LoadHistory { .. } | Effect::NodeReports { .. } | Effect::TaskMatrix { .. } => {
                true
            }
            Effect::Inbox(r) => r.count || matches!(r.anchor, Anchor::Key { index: None, .. }),
            Effect::ClearScreen | Effect::Quit | Effect::ForgetTypedInbox => false,
            Effect::Edit(e) => e.is_slow(),
            Effect::RenderExport(_) | Effect::WriteExport(_) | Effect::ApplyImport(_) => true,
            Effect::Copy(_) | Effect::ListDir(_) | Effect::CheckImport(_) => false,
        }
    }

    /// Effects of the same kind: a newer one makes an older, unrun one moot.
    pub fn same_kind(&self, other: &Effect) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// An inbox read, answered.
#[derive(Debug, Clone)]
pub struct InboxPage {
    pub generation: u64,
    pub as_of: NaiveDate,
    pub filter: InboxFilter,
    pub total: Option<u64>,
    pub start: u64,
    pub rows: Vec<Report>,
    /// Where the selection belongs, when the read decided it (a jump to
    /// the end, a re-anchoring after a reload).
    pub selected: Option<u64>,
}

/// What a preview is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewKey {
    pub generation: u64,
    pub as_of: NaiveDate,
    pub template: Template,
    pub opts: ExportOptions,
}

/// Asks the loop to write the export to `path` (as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteRequest {
    pub path: String,
    pub overwrite: bool,
    pub key: PreviewKey,
}

/// Asks the loop to check files (as typed: `~`, wildcards).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRequest {
    pub job: u64,
    pub paths: Vec<String>,
    pub lang: Lang,
    pub today: NaiveDate,
}

/// Asks the loop to import a checked plan.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyRequest {
    pub job: u64,
    pub plan: Box<ImportPlan>,
    pub lang: Lang,
}

/// What the loop is asked to do for editing.
#[derive(Debug, Clone, PartialEq)]
pub enum EditEffect {
    /// Read a record as stored now and open `kind` of form on it.
    Open {
        target: Target,
        kind: FormKind,
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
}

impl EditEffect {
    /// The history scans the log: run it after the frame is drawn. Writes
    /// and single-record reads are quick.
    pub fn is_slow(&self) -> bool {
        matches!(self, EditEffect::History { .. })
    }
}
