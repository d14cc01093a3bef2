//! The 单位 view (3): the agencies (责任单位) and the units (区县) side by
//! side, each with its selection (by id) under one filter; Enter opens an
//! agency's tasks in 任务 or a unit's reports in 报送.

use super::command::Command;
use super::data::Data;
use super::step::{Step, keep_or_first, step_id};
use crate::text::pinyin_match::Query;

/// Which of the two lists has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitsPane {
    #[default]
    Agencies,
    Units,
}

#[derive(Debug, Clone, Default)]
pub struct UnitsState {
    pub pane: UnitsPane,
    pub agency: Option<i64>,
    pub unit: Option<i64>,
    pub filter: String,
}

/// What Enter opens elsewhere: the tasks of an agency (the plan filtered
/// by its name) or the reports of a unit (the inbox filtered by it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    AgencyTasks(String),
    UnitReports(String),
}

/// Agencies passing the filter, as indexes into `data.agencies`.
pub fn agency_rows(s: &UnitsState, data: &Data) -> Vec<usize> {
    let q = Query::new(&s.filter);
    data.agencies
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            q.is_empty()
                || data
                    .keys
                    .agencies
                    .get(&a.agency_id)
                    .is_some_and(|k| k.matches(&q))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Units passing `filter`, by id, in the units' order.
pub fn units_matching(data: &Data, filter: &str) -> Vec<i64> {
    let q = Query::new(filter);
    data.snap
        .units
        .iter()
        .filter(|u| q.is_empty() || data.keys.units.get(&u.id).is_some_and(|k| k.matches(&q)))
        .map(|u| u.id)
        .collect()
}

/// Units passing the view's filter.
pub fn unit_rows(s: &UnitsState, data: &Data) -> Vec<i64> {
    units_matching(data, &s.filter)
}

fn agency_ids(s: &UnitsState, data: &Data) -> Vec<i64> {
    agency_rows(s, data)
        .into_iter()
        .map(|i| data.agencies[i].agency_id)
        .collect()
}

/// Puts both selections back on listed items.
pub fn fix_selection(s: &mut UnitsState, data: &Data) {
    s.agency = keep_or_first(&agency_ids(s, data), s.agency);
    s.unit = keep_or_first(&unit_rows(s, data), s.unit);
}

/// After the filter changed: the keyboard follows the list that still has
/// something.
pub fn filtered(s: &mut UnitsState) {
    match (s.agency, s.unit) {
        (None, Some(_)) => s.pane = UnitsPane::Units,
        (Some(_), None) => s.pane = UnitsPane::Agencies,
        _ => {}
    }
}

/// The view's keys: moving in the pane that has the keyboard, switching
/// panes.
pub fn command(s: &mut UnitsState, data: &Data, page: usize, c: Command) {
    if let Some(step) = Step::of(c, page) {
        match s.pane {
            UnitsPane::Agencies => s.agency = step_id(&agency_ids(s, data), s.agency, step),
            UnitsPane::Units => s.unit = step_id(&unit_rows(s, data), s.unit, step),
        }
        return;
    }
    match c {
        Command::Left => s.pane = UnitsPane::Agencies,
        Command::Right => s.pane = UnitsPane::Units,
        _ => {}
    }
}

/// Enter: what the selection opens.
pub fn opened(s: &UnitsState, data: &Data) -> Option<Opened> {
    match s.pane {
        UnitsPane::Agencies => {
            let a = s.agency.and_then(|id| data.snap.agency(id))?;
            Some(Opened::AgencyTasks(a.short_name.clone()))
        }
        UnitsPane::Units => {
            let u = s.unit.and_then(|id| data.snap.unit(id))?;
            Some(Opened::UnitReports(u.name.clone()))
        }
    }
}
