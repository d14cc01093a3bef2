//! Everything the console knows at one moment, as plain data: which view
//! is shown, where each view's selection is (by id, so that a reload keeps
//! the user's place), the filters, the open prompt or overlay, and the data
//! loaded from the store. No I/O and no terminal here; `update` changes it
//! and the views draw it.

use chrono::NaiveDate;

use super::ctx::Cx;
use super::data::Data;
use super::edit::{EditModal, EditState};
use super::effect::Effect;
use super::export_view::ExportState;
use super::import_pane::ImportState;
use super::input::LineInput;
use super::io_modal::IoModal;
pub use super::milestones::MilestonesState;
pub use super::plan::PlanState;
pub use super::reports::{Inbox, MatrixState, ReportsMode, ReportsState};
pub use super::units::{UnitsPane, UnitsState};
pub use super::view::{Message, MessageKind, Settings, View, Viewport};
use crate::i18n::Lang;

/// What a one-line prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Filter the current view's list, live.
    Filter,
    /// Change the as-of date.
    AsOf,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    /// Why the last submission was refused.
    pub error: Option<String>,
    /// The text is a suggestion (the current date): the first character
    /// typed replaces it, as a selected text would be.
    pub fresh: bool,
}

/// A layer over the views that takes the keyboard. The editing issue adds
/// its forms and confirmations here.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Help {
        scroll: u16,
    },
    Prompt(Prompt),
    /// Forms, confirmations, lists and conflicts (see `app::edit`).
    Edit(Box<EditModal>),
    Io(IoModal),
}

#[derive(Debug, Clone)]
pub struct State {
    pub settings: Settings,
    /// The wall-clock date, for `今天` in the as-of prompt.
    pub today: NaiveDate,
    pub as_of: NaiveDate,
    pub view: View,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub viewport: Viewport,
    pub data: Option<Data>,
    /// A load has been asked for and not answered yet.
    pub loading: bool,
    /// Counts loads, so that an answer to an older request is recognised.
    pub generation: u64,
    pub plan: PlanState,
    pub units: UnitsState,
    pub milestones: MilestonesState,
    pub reports: ReportsState,
    pub export: ExportState,
    pub import: ImportState,
    pub modal: Option<Modal>,
    pub message: Option<Message>,
    pub quit: bool,
    /// Why the store refuses writes (`--read-only`, a file or directory not
    /// writable); every writing key says so instead of acting.
    pub read_only: Option<String>,
    /// The OS user the log records, the default author of a report.
    pub user: String,
    /// The database file when it held no report and no milestone at start:
    /// the overview says where it is and what to do first.
    pub new_database: Option<std::path::PathBuf>,
    /// What editing keeps between keys (see `app::edit`).
    pub edit: EditState,
}

impl super::export_view::PreviewSource for State {
    fn export_state(&self) -> &ExportState {
        &self.export
    }

    fn cx(&self) -> Cx<'_> {
        State::cx(self)
    }
}

/// Every feature's state, each borrowed on its own, beside the [`Cx`] they
/// all read: what the router hands a feature's `update`.
pub struct Parts<'a> {
    pub view: &'a mut View,
    pub plan: &'a mut PlanState,
    pub units: &'a mut UnitsState,
    pub milestones: &'a mut MilestonesState,
    pub reports: &'a mut ReportsState,
    pub export: &'a mut ExportState,
    pub import: &'a mut ImportState,
    pub edit: &'a mut EditState,
    pub modal: &'a mut Option<Modal>,
    pub message: &'a mut Option<Message>,
}

impl State {
    pub fn new(settings: Settings, today: NaiveDate, as_of: NaiveDate, size: (u16, u16)) -> State {
        State {
            settings,
            today,
            as_of,
            view: View::Overview,
            size,
            viewport: Viewport::default(),
            data: None,
            loading: false,
            generation: 0,
            plan: PlanState::default(),
            units: UnitsState::default(),
            milestones: MilestonesState::default(),
            reports: ReportsState::default(),
            export: ExportState::default(),
            import: ImportState::default(),
            modal: None,
            message: None,
            quit: false,
            read_only: None,
            user: String::new(),
            new_database: None,
            edit: EditState::default(),
        }
    }

    /// Reads everything again at the current as-of date (the selections
    /// stay: they are ids): after the frame that says 读取中, or `at_once`,
    /// before the next key (after a change made here). A newer load makes
    /// the answer to an older one moot (`generation`).
    pub fn load(&mut self, at_once: bool) -> Vec<Effect> {
        self.generation += 1;
        self.loading = true;
        vec![Effect::Load {
            generation: self.generation,
            as_of: self.as_of,
            at_once,
        }]
    }

    /// What every feature reads.
    pub fn cx(&self) -> Cx<'_> {
        Cx {
            data: self.data.as_ref(),
            settings: self.settings,
            today: self.today,
            as_of: self.as_of,
            size: self.size,
            viewport: self.viewport,
            generation: self.generation,
            read_only: self.read_only.as_deref(),
            user: &self.user,
        }
    }

    /// The features' states to change, beside what they read.
    pub fn split(&mut self) -> (Cx<'_>, Parts<'_>) {
        let State {
            settings,
            today,
            as_of,
            view,
            size,
            viewport,
            data,
            generation,
            plan,
            units,
            milestones,
            reports,
            export,
            import,
            modal,
            message,
            read_only,
            user,
            edit,
            ..
        } = self;
        let cx = Cx {
            data: data.as_ref(),
            settings: *settings,
            today: *today,
            as_of: *as_of,
            size: *size,
            viewport: *viewport,
            generation: *generation,
            read_only: read_only.as_deref(),
            user,
        };
        let parts = Parts {
            view,
            plan,
            units,
            milestones,
            reports,
            export,
            import,
            edit,
            modal,
            message,
        };
        (cx, parts)
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// The filter text of a view.
    pub fn filter(&self, view: View) -> &str {
        match view {
            View::Overview | View::Export => "",
            View::Plan => &self.plan.filter,
            View::Units => &self.units.filter,
            View::Milestones => &self.milestones.filter,
            View::Reports => &self.reports.filter,
        }
    }

    pub fn filter_mut(&mut self, view: View) -> Option<&mut String> {
        match view {
            View::Overview | View::Export => None,
            View::Plan => Some(&mut self.plan.filter),
            View::Units => Some(&mut self.units.filter),
            View::Milestones => Some(&mut self.milestones.filter),
            View::Reports => Some(&mut self.reports.filter),
        }
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.modal {
            Some(Modal::Prompt(p)) => Some(p),
            _ => None,
        }
    }
}
