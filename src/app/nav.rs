//! Moving around inside the views: the selection of each list (kept as an
//! id so that reloads and filters keep the user's place), folding the plan
//! tree, the panes of the 单位 view, the inbox and the coverage matrices,
//! and jumping from one view to the item's place in another.

use super::action::Command;
use super::data::Data;
use super::effect::Effect;
use super::inbox;
use super::lists::{self, Step, keep_or_first, step_id, step_index};
use super::state::{ReportsMode, State, UnitsPane, View};
use crate::model::Period;

/// How many rows a page key moves.
fn page(state: &State) -> usize {
    usize::from(state.viewport.page.max(1))
}

/// The first time an outline is shown, tasks with sub-tasks start folded,
/// so the tree opens on the plan's parts, actions and tasks.
pub fn fold_default(state: &mut State) {
    let Some(data) = &state.data else { return };
    let outline = &data.snap.outline;
    state.plan.collapsed = outline
        .iter()
        .filter(|n| n.level >= 2 && !outline.children(n.id).is_empty())
        .map(|n| n.id)
        .collect();
    state.plan.folded_once = true;
}

/// Puts every selection back on a listed item after the data or a filter
/// changed; a selection that is still listed stays where it is.
pub fn fix_selections(state: &mut State) {
    let Some(data) = &state.data else { return };
    let plan: Vec<i64> = lists::plan_rows(state, data).iter().map(|r| r.id).collect();
    // The tree opens on the first task: its details say something.
    let plan_sel = match state.plan.selected {
        Some(c) if plan.contains(&c) => Some(c),
        _ => plan
            .iter()
            .find(|id| data.snap.outline.kind(**id).is_some_and(|k| k.is_work()))
            .or(plan.first())
            .copied(),
    };
    let agencies: Vec<i64> = lists::agency_rows(state, data)
        .into_iter()
        .map(|i| data.agencies[i].agency_id)
        .collect();
    let agency_sel = keep_or_first(&agencies, state.units.agency);
    let units = lists::unit_rows(state, data);
    let unit_sel = keep_or_first(&units, state.units.unit);
    let milestones = milestone_ids(state, data);
    let milestone_sel = keep_or_first(&milestones, state.milestones.selected);
    if plan_sel != state.plan.selected {
        state.plan.detail_scroll = 0;
    }
    state.plan.selected = plan_sel;
    state.units.agency = agency_sel;
    state.units.unit = unit_sel;
    state.milestones.selected = milestone_sel;
    clamp_matrix(state);
}

/// When the tree is filtered and the selection is only an ancestor of what
/// matched, moves it to the first node that matched: the details then show
/// what the user looked for.
pub fn select_first_match(state: &mut State) {
    let Some(data) = &state.data else { return };
    let rows = lists::plan_rows(state, data);
    let on_match = rows
        .iter()
        .any(|r| Some(r.id) == state.plan.selected && r.matched);
    if on_match {
        return;
    }
    if let Some(first) = rows.iter().find(|r| r.matched) {
        state.plan.selected = Some(first.id);
        state.plan.detail_scroll = 0;
    }
}

fn milestone_ids(state: &State, data: &Data) -> Vec<i64> {
    lists::milestone_rows(state, data)
        .into_iter()
        .map(|i| data.milestones[i].milestone_id)
        .collect()
}

/// The period of the units × tasks matrix.
pub fn task_period(state: &State) -> Option<Period> {
    state
        .reports
        .matrix
        .period
        .or_else(|| state.data.as_ref().map(|d| d.snap.period))
}

/// Rows and columns of the matrix shown.
pub fn matrix_shape(state: &State) -> (usize, usize) {
    let Some(data) = &state.data else {
        return (0, 0);
    };
    let units = lists::matrix_units(state, data);
    match state.reports.mode {
        ReportsMode::Inbox => (0, 0),
        ReportsMode::Periods => (
            units.len(),
            data.history.as_ref().map_or(0, |h| h.periods.len()),
        ),
        ReportsMode::Tasks => match &state.reports.matrix.tasks {
            Some(tc) => (
                units.iter().filter(|u| tc.units.contains(u)).count(),
                tc.nodes.len(),
            ),
            None => (0, 0),
        },
    }
}

pub fn clamp_matrix(state: &mut State) {
    let (rows, cols) = matrix_shape(state);
    let m = &mut state.reports.matrix;
    m.row = m.row.min(rows.saturating_sub(1));
    m.col = m.col.min(cols.saturating_sub(1));
}

/// What a view needs read when it is shown (or its data reloaded).
pub fn enter_view(state: &mut State) -> Vec<Effect> {
    match state.view {
        View::Plan => node_reports(state),
        View::Units => history(state),
        View::Reports => match state.reports.mode {
            ReportsMode::Inbox => inbox::refresh(state, false),
            ReportsMode::Periods => {
                if state.reports.matrix.col == 0 {
                    matrix_to_current_period(state);
                }
                history(state)
            }
            ReportsMode::Tasks => task_matrix(state),
        },
        View::Export => super::export_view::enter(state),
        _ => vec![],
    }
}

/// The matrix by period opens on the current period, its last column.
pub fn matrix_to_current_period(state: &mut State) {
    state.reports.matrix.col = usize::MAX;
    clamp_matrix(state);
}

/// Reads the reporting history if it is not at hand.
fn history(state: &State) -> Vec<Effect> {
    match &state.data {
        Some(d) if d.history.is_none() => vec![Effect::LoadHistory {
            generation: state.generation,
            as_of: state.as_of,
        }],
        _ => vec![],
    }
}

/// Reads the selected node's latest reports if they are not at hand.
fn node_reports(state: &State) -> Vec<Effect> {
    match state.plan.selected {
        Some(id) if state.data.is_some() && !state.plan.reports.contains_key(&id) => {
            vec![Effect::NodeReports {
                generation: state.generation,
                node_id: id,
                as_of: state.as_of,
            }]
        }
        _ => vec![],
    }
}

fn task_matrix(state: &State) -> Vec<Effect> {
    let Some(period) = task_period(state) else {
        return vec![];
    };
    if state
        .reports
        .matrix
        .tasks
        .as_ref()
        .is_some_and(|t| t.period == period)
    {
        return vec![];
    }
    vec![Effect::TaskMatrix {
        generation: state.generation,
        period,
        as_of: state.as_of,
    }]
}

/// Commands that move within the current view.
pub fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let step = match c {
        Command::Down => Some(Step::Down(1)),
        Command::Up => Some(Step::Up(1)),
        Command::PageDown => Some(Step::Down(page(state))),
        Command::PageUp => Some(Step::Up(page(state))),
        Command::Top => Some(Step::Top),
        Command::Bottom => Some(Step::Bottom),
        _ => None,
    };
    if let Some(step) = step {
        return move_selection(state, step);
    }
    match (state.view, c) {
        (View::Plan, Command::Left) => plan_left(state),
        (View::Plan, Command::Right) => plan_right(state),
        (View::Plan, Command::Open) => {
            if let Some(id) = state.plan.selected
                && !state.plan.collapsed.remove(&id)
            {
                state.plan.collapsed.insert(id);
            }
            vec![]
        }
        (View::Plan, Command::DetailDown) => {
            state.plan.detail_scroll = state.plan.detail_scroll.saturating_add(3);
            vec![]
        }
        (View::Plan, Command::DetailUp) => {
            state.plan.detail_scroll = state.plan.detail_scroll.saturating_sub(3);
            vec![]
        }
        (View::Units, Command::Left) => {
            state.units.pane = UnitsPane::Agencies;
            vec![]
        }
        (View::Units, Command::Right) => {
            state.units.pane = UnitsPane::Units;
            vec![]
        }
        (View::Units, Command::Open) => open_from_units(state),
        (View::Milestones, Command::Open) => open_milestone(state),
        (View::Reports, Command::Mode) => {
            state.reports.mode = state.reports.mode.next();
            state.reports.matrix.col = 0;
            clamp_matrix(state);
            enter_view(state)
        }
        (View::Reports, Command::Left) => matrix_column(state, false),
        (View::Reports, Command::Right) => matrix_column(state, true),
        (View::Reports, Command::PrevPeriod) => period_step(state, false),
        (View::Reports, Command::NextPeriod) => period_step(state, true),
        (View::Reports, Command::DetailDown) => {
            state.reports.detail_scroll = state.reports.detail_scroll.saturating_add(3);
            vec![]
        }
        (View::Reports, Command::DetailUp) => {
            state.reports.detail_scroll = state.reports.detail_scroll.saturating_sub(3);
            vec![]
        }
        (View::Reports, Command::Import) => super::import_pane::open(state),
        (View::Export, c) => super::export_view::command(state, c),
        _ => vec![],
    }
}

fn move_selection(state: &mut State, step: Step) -> Vec<Effect> {
    let Some(data) = &state.data else {
        return vec![];
    };
    match state.view {
        View::Overview => vec![],
        View::Export => super::export_view::step(state, step),
        View::Plan => {
            let ids: Vec<i64> = lists::plan_rows(state, data).iter().map(|r| r.id).collect();
            let next = step_id(&ids, state.plan.selected, step);
            select_node(state, next)
        }
        View::Units => {
            match state.units.pane {
                UnitsPane::Agencies => {
                    let ids: Vec<i64> = lists::agency_rows(state, data)
                        .into_iter()
                        .map(|i| data.agencies[i].agency_id)
                        .collect();
                    state.units.agency = step_id(&ids, state.units.agency, step);
                }
                UnitsPane::Units => {
                    let ids = lists::unit_rows(state, data);
                    state.units.unit = step_id(&ids, state.units.unit, step);
                }
            }
            vec![]
        }
        View::Milestones => {
            let ids = milestone_ids(state, data);
            state.milestones.selected = step_id(&ids, state.milestones.selected, step);
            vec![]
        }
        View::Reports => match state.reports.mode {
            ReportsMode::Inbox => {
                let before = state.reports.inbox.selected;
                let effects = inbox::step(state, step);
                if state.reports.inbox.selected != before {
                    state.reports.detail_scroll = 0;
                }
                effects
            }
            ReportsMode::Periods | ReportsMode::Tasks => {
                let (rows, _) = matrix_shape(state);
                if let Some(r) = step_index(rows, Some(state.reports.matrix.row), step) {
                    state.reports.matrix.row = r;
                }
                vec![]
            }
        },
    }
}

fn select_node(state: &mut State, id: Option<i64>) -> Vec<Effect> {
    if id != state.plan.selected {
        state.plan.selected = id;
        state.plan.detail_scroll = 0;
    }
    node_reports(state)
}

fn plan_left(state: &mut State) -> Vec<Effect> {
    let Some(data) = &state.data else {
        return vec![];
    };
    let Some(id) = state.plan.selected else {
        return vec![];
    };
    let rows = lists::plan_rows(state, data);
    let row = rows.iter().find(|r| r.id == id).copied();
    if let Some(r) = row.filter(|r| r.open && state.plan.filter.is_empty()) {
        state.plan.collapsed.insert(r.id);
        return vec![];
    }
    let parent = data.snap.outline.get(id).and_then(|n| n.parent);
    match parent {
        Some(p) => select_node(state, Some(p)),
        None => vec![],
    }
}

fn plan_right(state: &mut State) -> Vec<Effect> {
    let Some(data) = &state.data else {
        return vec![];
    };
    let Some(id) = state.plan.selected else {
        return vec![];
    };
    let rows = lists::plan_rows(state, data);
    let Some(row) = rows.iter().find(|r| r.id == id).copied() else {
        return vec![];
    };
    if !row.has_children {
        return vec![];
    }
    if !row.open {
        state.plan.collapsed.remove(&id);
        return vec![];
    }
    let child = rows.iter().skip_while(|r| r.id != id).nth(1).map(|r| r.id);
    select_node(state, child)
}

/// Enter in 单位: an agency's tasks in 任务, a unit's reports in 报送.
fn open_from_units(state: &mut State) -> Vec<Effect> {
    let Some(data) = &state.data else {
        return vec![];
    };
    match state.units.pane {
        UnitsPane::Agencies => {
            let Some(a) = state.units.agency.and_then(|id| data.snap.agency(id)) else {
                return vec![];
            };
            state.plan.filter = a.short_name.clone();
            state.plan.selected = None;
            state.view = View::Plan;
            fix_selections(state);
            enter_view(state)
        }
        UnitsPane::Units => {
            let Some(u) = state.units.unit.and_then(|id| data.snap.unit(id)) else {
                return vec![];
            };
            state.reports.filter = u.name.clone();
            state.reports.mode = ReportsMode::Inbox;
            state.view = View::Reports;
            enter_view(state)
        }
    }
}

/// Enter in 节点: the milestone's task in 任务, unfolded and selected.
fn open_milestone(state: &mut State) -> Vec<Effect> {
    let Some(data) = &state.data else {
        return vec![];
    };
    let Some(node) = state
        .milestones
        .selected
        .and_then(|id| data.snap.milestone(id))
        .map(|m| m.node_id)
    else {
        return vec![];
    };
    for n in data.snap.outline.path(node) {
        if n.id != node {
            state.plan.collapsed.remove(&n.id);
        }
    }
    state.plan.filter.clear();
    state.view = View::Plan;
    select_node(state, Some(node))
}

fn matrix_column(state: &mut State, right: bool) -> Vec<Effect> {
    let (_, cols) = matrix_shape(state);
    let m = &mut state.reports.matrix;
    m.col = if right {
        (m.col + 1).min(cols.saturating_sub(1))
    } else {
        m.col.saturating_sub(1)
    };
    vec![]
}

/// `[` / `]`: the units × tasks matrix for the previous or next period
/// (within the history); in units × periods, a column.
fn period_step(state: &mut State, next: bool) -> Vec<Effect> {
    match state.reports.mode {
        ReportsMode::Inbox => vec![],
        ReportsMode::Periods => matrix_column(state, next),
        ReportsMode::Tasks => {
            let Some(data) = &state.data else {
                return vec![];
            };
            let Some(cur) = task_period(state) else {
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
            state.reports.matrix.period = Some(to);
            task_matrix(state)
        }
    }
}
