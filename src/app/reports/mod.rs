//! The 报送 view (5): the inbox of reports (`inbox`), and the coverage
//! matrices, units × periods and units × tasks (`matrix`), under one
//! filter; `m` steps through the three. The view's state is here, with
//! what the view does with its keys and with the store's answers.

pub mod inbox;
pub mod matrix;

use super::command::Command;
use super::ctx::Cx;
use super::effect::Effect;
use super::step::Step;
use crate::analysis::reporting::TaskCoverage;
use crate::db::InboxFilter;
use crate::model::{Period, Report};

/// What the view shows.
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

/// A load arrived: the inbox is read again, the task matrix belongs to
/// the old one.
pub fn loaded(s: &mut ReportsState) {
    s.inbox.stale = true;
    s.matrix.tasks = None;
}

/// What the view needs read when it is shown (or its data reloaded).
pub fn enter(s: &mut ReportsState, cx: &Cx<'_>) -> Vec<Effect> {
    match s.mode {
        ReportsMode::Inbox => inbox::refresh(s, cx, false),
        ReportsMode::Periods => {
            if s.matrix.col == 0 {
                matrix::to_current_period(s, cx);
            }
            matrix::history(cx)
        }
        ReportsMode::Tasks => matrix::task_matrix(s, cx),
    }
}

/// The view's keys.
pub fn command(s: &mut ReportsState, cx: &Cx<'_>, c: Command) -> Vec<Effect> {
    if let Some(step) = Step::of(c, cx.page()) {
        return match s.mode {
            ReportsMode::Inbox => {
                let before = s.inbox.selected;
                let effects = inbox::step(s, cx, step);
                if s.inbox.selected != before {
                    s.detail_scroll = 0;
                }
                effects
            }
            ReportsMode::Periods | ReportsMode::Tasks => {
                matrix::step_row(s, cx, step);
                vec![]
            }
        };
    }
    match c {
        Command::Mode => {
            s.mode = s.mode.next();
            s.matrix.col = 0;
            matrix::clamp(s, cx);
            enter(s, cx)
        }
        Command::Left => matrix::column(s, cx, false),
        Command::Right => matrix::column(s, cx, true),
        Command::PrevPeriod => matrix::period_step(s, cx, false),
        Command::NextPeriod => matrix::period_step(s, cx, true),
        Command::DetailDown => {
            s.detail_scroll = s.detail_scroll.saturating_add(3);
            vec![]
        }
        Command::DetailUp => {
            s.detail_scroll = s.detail_scroll.saturating_sub(3);
            vec![]
        }
        _ => vec![],
    }
}

/// Esc with no filter: a matrix goes back to the inbox. Whether it did.
pub fn back(s: &mut ReportsState) -> bool {
    if s.mode == ReportsMode::Inbox {
        return false;
    }
    s.mode = ReportsMode::Inbox;
    true
}

/// After the filter changed: the matrices start at their first row, the
/// inbox is read again (once typing pauses, when `typing`).
pub fn filtered(s: &mut ReportsState, cx: &Cx<'_>, typing: bool) -> Vec<Effect> {
    s.matrix.row = 0;
    if s.mode == ReportsMode::Inbox {
        return inbox::refresh(s, cx, typing);
    }
    vec![]
}

/// Shows a report (after it was changed): the inbox reads its rows around
/// it and finds its place.
pub fn reveal(s: &mut ReportsState, report: Report) {
    s.inbox.start = s.inbox.selected;
    s.inbox.rows = vec![report];
}
