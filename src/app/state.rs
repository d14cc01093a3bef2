//! Everything the console knows at one moment, as plain data: which view
//! is shown, where each view's selection is (by id, so that a reload keeps
//! the user's place), the filters, the open prompt or overlay, and the data
//! loaded from the store. No I/O and no terminal here; `update` changes it
//! and the views draw it.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::data::Data;
use super::export_view::ExportState;
use super::import_pane::ImportState;
use super::input::LineInput;
use super::io_modal::IoModal;
use crate::analysis::reporting::TaskCoverage;
use crate::db::InboxFilter;
use crate::i18n::Lang;
use crate::model::{Period, Report};

/// The views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Overview,
    Plan,
    Units,
    Milestones,
    Reports,
    Export,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Overview,
        View::Plan,
        View::Units,
        View::Milestones,
        View::Reports,
        View::Export,
    ];

    /// The number key that shows the view.
    pub fn number(self) -> u8 {
        match self {
            View::Overview => 1,
            View::Plan => 2,
            View::Units => 3,
            View::Milestones => 4,
            View::Reports => 5,
            View::Export => 6,
        }
    }

    fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    pub fn next(self) -> View {
        View::ALL[(self.index() + 1) % View::ALL.len()]
    }

    pub fn prev(self) -> View {
        View::ALL[(self.index() + View::ALL.len() - 1) % View::ALL.len()]
    }

    /// Whether `/` filters something in this view.
    pub fn filterable(self) -> bool {
        !matches!(self, View::Overview | View::Export)
    }
}

/// How the console draws, decided once at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    pub lang: Lang,
    /// Borders, bars and markers in plain ASCII.
    pub ascii: bool,
    /// Colours on (off with `NO_COLOR` or `color = never`).
    pub color: bool,
    /// "Due soon" in blue instead of yellow.
    pub soon_blue: bool,
}

/// Which of the two lists of the 单位 view has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitsPane {
    #[default]
    Agencies,
    Units,
}

#[derive(Debug, Clone, Default)]
pub struct PlanState {
    pub selected: Option<i64>,
    /// Nodes whose children are hidden. Starts with the tasks that have
    /// sub-tasks, so the first screen shows the plan's tasks.
    pub collapsed: HashSet<i64>,
    /// Whether `collapsed` has been set up for the loaded outline.
    pub folded_once: bool,
    pub filter: String,
    /// Lines scrolled in the detail pane.
    pub detail_scroll: u16,
    /// Latest reports per node, read when the node is first shown.
    pub reports: HashMap<i64, Vec<Report>>,
}

#[derive(Debug, Clone, Default)]
pub struct UnitsState {
    pub pane: UnitsPane,
    pub agency: Option<i64>,
    pub unit: Option<i64>,
    pub filter: String,
}

#[derive(Debug, Clone, Default)]
pub struct MilestonesState {
    pub selected: Option<i64>,
    pub filter: String,
}

/// What the 报送 view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportsMode {
    #[default]
    Inbox,
    /// Units × periods.
    Periods,
    /// Units × tasks for one period.
    Tasks,
}

impl ReportsMode {
    pub fn next(self) -> ReportsMode {
        match self {
            ReportsMode::Inbox => ReportsMode::Periods,
            ReportsMode::Periods => ReportsMode::Tasks,
            ReportsMode::Tasks => ReportsMode::Inbox,
        }
    }
}

/// The part of the inbox held in memory: rows `start..start + rows.len()`
/// of `total`, around the selection.
#[derive(Debug, Clone, Default)]
pub struct Inbox {
    /// Matching reports; `None` until first counted.
    pub total: Option<u64>,
    pub start: u64,
    pub rows: Vec<Report>,
    /// Index of the selection in the whole list.
    pub selected: u64,
    /// The filter the rows were read with.
    pub applied: InboxFilter,
    /// A read is due (the data, the as-of date or the filter changed).
    pub stale: bool,
    /// A read has been asked for and not answered yet.
    pub loading: bool,
}

impl Inbox {
    pub fn row(&self, index: u64) -> Option<&Report> {
        let i = index.checked_sub(self.start)?;
        self.rows.get(usize::try_from(i).ok()?)
    }

    pub fn selected_row(&self) -> Option<&Report> {
        self.row(self.selected)
    }
}

#[derive(Debug, Clone, Default)]
pub struct MatrixState {
    /// Selected row (unit) among the rows shown.
    pub row: usize,
    /// Selected column (period or task).
    pub col: usize,
    /// The period of the units × tasks matrix; the reporting period until
    /// the user picks another.
    pub period: Option<Period>,
    pub tasks: Option<TaskCoverage>,
}

#[derive(Debug, Clone, Default)]
pub struct ReportsState {
    pub mode: ReportsMode,
    pub filter: String,
    pub inbox: Inbox,
    pub matrix: MatrixState,
    pub detail_scroll: u16,
}

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
    Edit(Box<super::edit::EditModal>),
    Io(IoModal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

/// The one-line message shown in the footer until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
}

/// What the last frame had room for, as the views measured it: how far a
/// page key moves, and how far the detail pane can scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    /// Rows of the current view's main list.
    pub page: u16,
    /// Largest useful scroll of the current detail pane.
    pub detail_max: u16,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            page: 10,
            detail_max: u16::MAX,
        }
    }
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
    /// The database file when it held no report and no milestone at start:
    /// the overview says where it is and what to do first.
    pub new_database: Option<std::path::PathBuf>,
    /// What editing keeps between keys (see `app::edit`).
    pub edit: super::edit::EditState,
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
            new_database: None,
            edit: super::edit::EditState::default(),
        }
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
