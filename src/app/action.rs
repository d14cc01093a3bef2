//! Everything that can happen to the console: a named command from the
//! keymap, typed text, a resize, or the answer of an effect the loop ran
//! against the store. `update` is the only consumer.

pub use super::command::Command;
use super::data::Loaded;
pub use super::effect::InboxPage;
use super::export_view::ExportAnswer;
use super::import_pane::ImportAnswer;
use super::path_prompt::Completions;
use super::view::Viewport;
use crate::analysis::reporting::{History, TaskCoverage};
use crate::model::Report;

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
    /// The console opened its store: why it may not write (`None`: it
    /// may), and the OS user whose changes it records.
    Session {
        read_only: Option<String>,
        user: String,
    },
    /// The console starts: read everything, before the first key.
    Start,
    /// The file can no longer be written (replaced, its rights taken
    /// away …): why, for every writing key to say, and the message line.
    FileFault {
        read_only: String,
        notice: String,
    },
    /// The user gave up waiting for another user's write (Esc while a
    /// save waited): the save was refused, nothing changed.
    GaveUpWaiting,
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
