//! Routing within and between the views: each view's keys go to its
//! feature (`plan`, `units`, `milestones`, `reports`, `export_view`),
//! what a view needs read when it is shown, every selection put back on a
//! listed item after the data or a filter changed, and the jumps from one
//! view to an item's place in another (Enter on an agency, a unit, a
//! milestone).

use super::command::Command;
use super::effect::Effect;
use super::io_modal::IoModal;
use super::state::{Modal, ReportsMode, State, View};
use super::units::Opened;
use super::{export_view, import_pane, milestones, plan, reports, units};

/// Puts every selection back on a listed item after the data or a filter
/// changed; a selection that is still listed stays where it is.
pub fn fix_selections(state: &mut State) {
    let (cx, p) = state.split();
    let Some(data) = cx.data else { return };
    plan::fix_selection(p.plan, data);
    units::fix_selection(p.units, data);
    milestones::fix_selection(p.milestones, data);
    reports::matrix::clamp(p.reports, &cx);
}

/// What the view shown needs read (or its data reloaded).
pub fn enter_view(state: &mut State) -> Vec<Effect> {
    let (cx, p) = state.split();
    match *p.view {
        View::Plan => plan::node_reports(p.plan, &cx),
        View::Units => reports::matrix::history(&cx),
        View::Reports => reports::enter(p.reports, &cx),
        View::Export => export_view::enter(p.export, &cx),
        View::Overview | View::Milestones => vec![],
    }
}

/// A command of the view shown.
pub fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let view = state.view;
    let (cx, p) = state.split();
    if view == View::Reports && c == Command::Import {
        if let Some(prompt) = import_pane::open(p.import, &cx, p.message) {
            *p.modal = Some(Modal::Io(IoModal::Path(prompt)));
        }
        return vec![];
    }
    let Some(data) = cx.data else {
        return vec![];
    };
    match view {
        View::Overview => vec![],
        View::Plan => plan::command(p.plan, &cx, c),
        View::Units if c == Command::Open => match units::opened(p.units, data) {
            Some(to) => open(state, to),
            None => vec![],
        },
        View::Units => {
            units::command(p.units, data, cx.page(), c);
            vec![]
        }
        View::Milestones if c == Command::Open => match milestones::opened(p.milestones, data) {
            Some(node) => show_task(state, node),
            None => vec![],
        },
        View::Milestones => {
            milestones::command(p.milestones, data, cx.page(), c);
            vec![]
        }
        View::Reports => reports::command(p.reports, &cx, c),
        View::Export => {
            let mut io = None;
            let effects = export_view::command(p.export, &cx, &mut io, p.message, c);
            if let Some(m) = io {
                *p.modal = Some(Modal::Io(m));
            }
            effects
        }
    }
}

/// Enter in 单位: an agency's tasks in 任务, a unit's reports in 报送.
fn open(state: &mut State, to: Opened) -> Vec<Effect> {
    match to {
        Opened::AgencyTasks(name) => {
            state.plan.filter = name;
            state.plan.selected = None;
            state.view = View::Plan;
            fix_selections(state);
        }
        Opened::UnitReports(name) => {
            state.reports.filter = name;
            state.reports.mode = ReportsMode::Inbox;
            state.view = View::Reports;
        }
    }
    enter_view(state)
}

/// Enter in 节点: the milestone's task in 任务, unfolded and selected.
fn show_task(state: &mut State, node: i64) -> Vec<Effect> {
    state.plan.filter.clear();
    state.view = View::Plan;
    let (cx, p) = state.split();
    if let Some(data) = cx.data {
        plan::unfold_to(p.plan, data, node);
    }
    plan::select(p.plan, &cx, Some(node))
}
