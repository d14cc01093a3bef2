//! Everything that can happen to the console: a named command from the
//! keymap, typed text, a resize, or the answer of an effect the loop ran
//! against the store. `update` is the only consumer.

use chrono::NaiveDate;

use super::data::Loaded;
use super::export_view::ExportAnswer;
use super::import_pane::ImportAnswer;
use super::path_prompt::Completions;
use super::state::Viewport;
use crate::analysis::reporting::{History, TaskCoverage};
use crate::db::InboxFilter;
use crate::model::Report;

/// The named commands keys are bound to (see `keymap`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    Redraw,
    NextView,
    PrevView,
    Overview,
    Plan,
    Units,
    Milestones,
    Reports,
    AsOf,
    Filter,
    /// Esc: close, clear the filter, back out.
    Back,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Collapse a node, or go to its parent (plan); previous pane (units);
    /// previous column (matrices).
    Left,
    /// Expand a node, or go to its first child (plan); next pane (units);
    /// next column (matrices).
    Right,
    /// Enter: toggle a node, or open what is selected in its own view.
    Open,
    DetailDown,
    DetailUp,
    /// Inbox → units × periods → units × tasks.
    Mode,
    PrevPeriod,
    NextPeriod,
    // In a prompt:
    Submit,
    DeleteBack,
    DeleteForward,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    ClearInput,
    DeleteWord,
    // Editing (app/edit):
    /// `a`: add in the current view.
    Add,
    /// `e`: edit the selected item.
    EditItem,
    /// `d`: delete the selected item (asks first).
    Delete,
    /// `s`: a task's status, cycled.
    CycleStatus,
    /// The plan's schedule (进度安排) form.
    Schedule,
    /// `x`: a milestone done, or reopened.
    MarkDone,
    Undo,
    Redo,
    /// Move a task up or down among its siblings.
    MoveUp,
    MoveDown,
    /// `r`: review a report.
    ReviewReport,
    /// A task's milestones / indicators, to edit.
    MilestoneList,
    IndicatorList,
    // In a form:
    NextField,
    PrevField,
    Save,
    /// Space in a pick list: pick or unpick.
    Toggle,
    // In a confirmation, a conflict or a question (replace the file,
    // copy anyway, import):
    Yes,
    KeepTheirs,
    SaveMine,
    BackToEdit,
    // The export view (6) and the import (5):
    /// Show view 6.
    Export,
    /// Open the template list.
    Template,
    /// Open the agency picker.
    Agency,
    /// Ask for the width the export is laid out for.
    WrapWidth,
    /// LF ↔ CRLF.
    LineEnds,
    /// Write the export to a file (or, in the copy question, instead).
    Write,
    /// Copy the export to the clipboard through the terminal (OSC 52).
    Copy,
    /// Import report sheets (报送 view).
    Import,
    /// Tab in a path prompt.
    Complete,
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

#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// A character typed into the open prompt.
    Input(char),
    Paste(String),
    Resize(u16, u16),
    /// What the last frame had room for (reported by the views).
    Viewport(Viewport),
    /// Another connection committed to the file.
    DataChanged,
    Loaded {
        generation: u64,
        loaded: Box<Loaded>,
    },
    NodeReports {
        generation: u64,
        node_id: i64,
        reports: Vec<Report>,
    },
    Inbox(Box<InboxPage>),
    History {
        generation: u64,
        history: Box<History>,
    },
    TaskMatrix {
        generation: u64,
        coverage: Box<TaskCoverage>,
    },
    /// An effect failed; the sentence says what and where.
    Failed(String),
    /// The store's answer to an editing effect.
    Edit(Box<super::edit::EditAction>),
    /// A preview rendered, a file written (export view).
    Export(ExportAnswer),
    /// A dry run's progress and result, an import done.
    Import(ImportAnswer),
    /// A directory listed for Tab in a path prompt.
    Completions(Completions),
}
