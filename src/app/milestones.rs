//! The 节点 view (4): every milestone with its state at the as-of date,
//! filtered, one selected (by id); Enter shows its task in 任务.

use super::command::Command;
use super::data::Data;
use super::step::{Step, keep_or_first, step_id};
use crate::model::Milestone;
use crate::text::pinyin_match::Query;

#[derive(Debug, Clone, Default)]
pub struct MilestonesState {
    pub selected: Option<i64>,
    pub filter: String,
}

/// Milestones passing the filter, as indexes into `data.milestones`.
pub fn rows(s: &MilestonesState, data: &Data) -> Vec<usize> {
    let q = Query::new(&s.filter);
    data.milestones
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            q.is_empty()
                || data
                    .keys
                    .milestones
                    .get(&m.milestone_id)
                    .is_some_and(|k| k.matches(&q))
        })
        .map(|(i, _)| i)
        .collect()
}

fn ids(s: &MilestonesState, data: &Data) -> Vec<i64> {
    rows(s, data)
        .into_iter()
        .map(|i| data.milestones[i].milestone_id)
        .collect()
}

/// Puts the selection back on a listed milestone.
pub fn fix_selection(s: &mut MilestonesState, data: &Data) {
    s.selected = keep_or_first(&ids(s, data), s.selected);
}

/// Moving the selection.
pub fn command(s: &mut MilestonesState, data: &Data, page: usize, c: Command) {
    if let Some(step) = Step::of(c, page) {
        s.selected = step_id(&ids(s, data), s.selected, step);
    }
}

/// The selected milestone, if it is listed.
pub fn selected<'d>(s: &MilestonesState, data: &'d Data) -> Option<&'d Milestone> {
    let id = s.selected?;
    ids(s, data)
        .contains(&id)
        .then(|| data.snap.milestone(id))
        .flatten()
}

/// Enter: the task of the selected milestone, to show in 任务.
pub fn opened(s: &MilestonesState, data: &Data) -> Option<i64> {
    s.selected
        .and_then(|id| data.snap.milestone(id))
        .map(|m| m.node_id)
}
