//! The names of what keys do, and where a key is heard: the vocabulary
//! the keymap binds and every feature's `update` understands. A leaf: it
//! knows nothing of the state, so any feature may use it.

use super::view::View;

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

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every view (unless the view binds the key itself).
    Global,
    View(View),
    /// A one-line prompt is open; other printable keys are typed.
    Prompt,
    Help,
    /// An editing form; other printable keys are typed into the field.
    Form,
    /// A pick list over a form field; other printable keys filter it.
    Picker,
    /// A question: delete? reopen? throw away what was typed?
    Confirm,
    /// Someone else changed the record: theirs or mine?
    Conflict,
    /// A task's milestones or indicators.
    Items,
    /// The export view's template list.
    Templates,
    /// The export view's agency picker (typing filters).
    Agencies,
    /// A path prompt (`w` in view 6, `i` in view 5); typing keys as in
    /// a prompt.
    Path,
    /// Whether to replace an existing file.
    Overwrite,
    /// The question before copying a long text.
    CopyWarning,
    /// The import pane: the dry run's summary and problems.
    ImportPane,
}
