//! The coverage matrices of the 报送 view: units × periods (from the
//! reporting history, read when first shown) and units × tasks for one
//! period (read per period); the selected cell, and `[` `]` through the
//! periods.

use super::{ReportsMode, ReportsState};
use crate::app::ctx::Cx;
use crate::app::data::Data;
use crate::app::effect::Effect;
use crate::app::step::{Step, step_index};
use crate::app::units::units_matching;
use crate::model::Period;

/// The rows of the coverage matrices: units passing the view's filter
/// (all units when nothing is filtered).
pub fn units(s: &ReportsState, data: &Data) -> Vec<i64> {
    units_matching(data, &s.filter)
}

/// The period of the units × tasks matrix.
pub fn task_period(s: &ReportsState, cx: &Cx<'_>) -> Option<Period> {
    s.matrix.period.or_else(|| cx.data.map(|d| d.snap.period))
}

/// Rows and columns of the matrix shown.
pub fn shape(s: &ReportsState, cx: &Cx<'_>) -> (usize, usize) {
    let Some(data) = cx.data else {
        return (0, 0);
    };
    let units = units(s, data);
    match s.mode {
        ReportsMode::Inbox => (0, 0),
        ReportsMode::Periods => (
            units.len(),
            data.history.as_ref().map_or(0, |h| h.periods.len()),
        ),
        ReportsMode::Tasks => match &s.matrix.tasks {
            Some(tc) => (
                units.iter().filter(|u| tc.units.contains(u)).count(),
                tc.nodes.len(),
            ),
            None => (0, 0),
        },
    }
}

/// Keeps the selected cell within the matrix.
pub fn clamp(s: &mut ReportsState, cx: &Cx<'_>) {
    let (rows, cols) = shape(s, cx);
    let m = &mut s.matrix;
    m.row = m.row.min(rows.saturating_sub(1));
    m.col = m.col.min(cols.saturating_sub(1));
}

/// The matrix by period opens on the current period, its last column.
pub fn to_current_period(s: &mut ReportsState, cx: &Cx<'_>) {
    s.matrix.col = usize::MAX;
    clamp(s, cx);
}

/// Reads the reporting history if it is not at hand.
pub fn history(cx: &Cx<'_>) -> Vec<Effect> {
    match cx.data {
        Some(d) if d.history.is_none() => vec![Effect::LoadHistory {
            generation: cx.generation,
            as_of: cx.as_of,
        }],
        _ => vec![],
    }
}

/// Reads who reported on which task in the matrix's period, unless read.
pub fn task_matrix(s: &ReportsState, cx: &Cx<'_>) -> Vec<Effect> {
    let Some(period) = task_period(s, cx) else {
        return vec![];
    };
    if s.matrix.tasks.as_ref().is_some_and(|t| t.period == period) {
        return vec![];
    }
    vec![Effect::TaskMatrix {
        generation: cx.generation,
        period,
        as_of: cx.as_of,
    }]
}

/// The history arrived: the matrix by period starts on the current period.
pub fn history_read(s: &mut ReportsState, cx: &Cx<'_>, in_view: bool) {
    if in_view && s.mode == ReportsMode::Periods && s.matrix.col == 0 {
        to_current_period(s, cx);
    }
    clamp(s, cx);
}

pub fn step_row(s: &mut ReportsState, cx: &Cx<'_>, step: Step) {
    let (rows, _) = shape(s, cx);
    if let Some(r) = step_index(rows, Some(s.matrix.row), step) {
        s.matrix.row = r;
    }
}

pub fn column(s: &mut ReportsState, cx: &Cx<'_>, right: bool) -> Vec<Effect> {
    let (_, cols) = shape(s, cx);
    let m = &mut s.matrix;
    m.col = if right {
        (m.col + 1).min(cols.saturating_sub(1))
    } else {
        m.col.saturating_sub(1)
    };
    vec![]
}

/// `[` / `]`: the units × tasks matrix for the previous or next period
/// (within the history); in units × periods, a column.
pub fn period_step(s: &mut ReportsState, cx: &Cx<'_>, next: bool) -> Vec<Effect> {
    match s.mode {
        ReportsMode::Inbox => vec![],
        ReportsMode::Periods => column(s, cx, next),
        ReportsMode::Tasks => {
            let Some(data) = cx.data else {
                return vec![];
            };
            let Some(cur) = task_period(s, cx) else {
                return vec![];
            };
            let first = data
                .history
                .as_ref()
                .and_then(|h| h.periods.first())
                .map(|c| c.period);
            let last = data.snap.period;
            let to = if next { cur.next() } else { cur.prev() };
            if first.is_some_and(|f| to < f) || to > last {
                return vec![];
            }
            s.matrix.period = Some(to);
            task_matrix(s, cx)
        }
    }
}
