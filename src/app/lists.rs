//! What each view lists right now — the visible rows of the tree, the
//! agencies, units and milestones that pass the filter — computed the same
//! way for `update` (to move the selection) and for the views (to draw).
//! All in memory: these lists are a few dozen items.

use super::data::Data;
use super::state::State;
use crate::text::pinyin_match::{Query, SearchKey};

/// A visible line of the plan tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanRow {
    pub id: i64,
    pub depth: usize,
    pub has_children: bool,
    /// Children shown.
    pub open: bool,
    /// The node itself matches the filter (not only one of its
    /// descendants); every node does when there is no filter.
    pub matched: bool,
}

fn matches(key: Option<&SearchKey>, q: &Query) -> bool {
    key.is_some_and(|k| k.matches(q))
}

/// The tree as shown: collapsed nodes hide their children; with a filter,
/// the matching nodes and their ancestors, all open.
pub fn plan_rows(state: &State, data: &Data) -> Vec<PlanRow> {
    let outline = &data.snap.outline;
    let q = Query::new(&state.plan.filter);
    let mut rows = Vec::new();
    if q.is_empty() {
        let mut stack: Vec<(i64, usize)> =
            outline.roots().iter().rev().map(|id| (*id, 0)).collect();
        while let Some((id, depth)) = stack.pop() {
            let kids = outline.children(id);
            let open = !kids.is_empty() && !state.plan.collapsed.contains(&id);
            rows.push(PlanRow {
                id,
                depth,
                has_children: !kids.is_empty(),
                open,
                matched: true,
            });
            if open {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
        return rows;
    }
    let mut keep = std::collections::HashSet::new();
    let mut hits = std::collections::HashSet::new();
    for n in outline.iter() {
        if matches(data.keys.nodes.get(&n.id), &q) {
            hits.insert(n.id);
            for p in outline.path(n.id) {
                keep.insert(p.id);
            }
        }
    }
    for n in outline.iter().filter(|n| keep.contains(&n.id)) {
        let kids = outline.children(n.id);
        rows.push(PlanRow {
            id: n.id,
            depth: outline.depth(n.id),
            has_children: !kids.is_empty(),
            open: kids.iter().any(|k| keep.contains(k)),
            matched: hits.contains(&n.id),
        });
    }
    rows
}

/// Agencies passing the 单位 view's filter, as indexes into `data.agencies`.
pub fn agency_rows(state: &State, data: &Data) -> Vec<usize> {
    let q = Query::new(&state.units.filter);
    data.agencies
        .iter()
        .enumerate()
        .filter(|(_, a)| q.is_empty() || matches(data.keys.agencies.get(&a.agency_id), &q))
        .map(|(i, _)| i)
        .collect()
}

/// Units passing `filter`, by id, in the units' order.
pub fn units_matching(data: &Data, filter: &str) -> Vec<i64> {
    let q = Query::new(filter);
    data.snap
        .units
        .iter()
        .filter(|u| q.is_empty() || matches(data.keys.units.get(&u.id), &q))
        .map(|u| u.id)
        .collect()
}

/// Units passing the 单位 view's filter.
pub fn unit_rows(state: &State, data: &Data) -> Vec<i64> {
    units_matching(data, &state.units.filter)
}

/// Milestones passing the filter, as indexes into `data.milestones`.
pub fn milestone_rows(state: &State, data: &Data) -> Vec<usize> {
    let q = Query::new(&state.milestones.filter);
    data.milestones
        .iter()
        .enumerate()
        .filter(|(_, m)| q.is_empty() || matches(data.keys.milestones.get(&m.milestone_id), &q))
        .map(|(i, _)| i)
        .collect()
}

/// The rows of the coverage matrices: units passing the 报送 filter that
/// exist in the history's periods (all units when nothing is filtered).
pub fn matrix_units(state: &State, data: &Data) -> Vec<i64> {
    units_matching(data, &state.reports.filter)
}

/// A movement of the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Down(usize),
    Up(usize),
    Top,
    Bottom,
}

/// The index `step` leads to from `current` in a list of `len`.
pub fn step_index(len: usize, current: Option<usize>, step: Step) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let last = len - 1;
    let cur = current.unwrap_or(0).min(last);
    Some(match step {
        Step::Down(n) => cur.saturating_add(n).min(last),
        Step::Up(n) => cur.saturating_sub(n),
        Step::Top => 0,
        Step::Bottom => last,
    })
}

/// The id `step` leads to from `current` among `ids`; a current id that is
/// not listed (filtered out) counts as the first.
pub fn step_id(ids: &[i64], current: Option<i64>, step: Step) -> Option<i64> {
    let pos = current.and_then(|c| ids.iter().position(|i| *i == c));
    let step = match (pos, step) {
        (None, Step::Down(_) | Step::Up(_)) => Step::Top,
        _ => step,
    };
    step_index(ids.len(), pos, step).map(|i| ids[i])
}

/// `current` if it is listed, else the first id (or none).
pub fn keep_or_first(ids: &[i64], current: Option<i64>) -> Option<i64> {
    match current {
        Some(c) if ids.contains(&c) => Some(c),
        _ => ids.first().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_the_ends() {
        assert_eq!(step_index(5, Some(3), Step::Down(10)), Some(4));
        assert_eq!(step_index(5, Some(3), Step::Up(10)), Some(0));
        assert_eq!(step_index(5, None, Step::Bottom), Some(4));
        assert_eq!(step_index(0, Some(1), Step::Down(1)), None);
    }

    #[test]
    fn a_filtered_out_selection_restarts_at_the_top() {
        let ids = [10, 20, 30];
        assert_eq!(step_id(&ids, Some(99), Step::Down(1)), Some(10));
        assert_eq!(step_id(&ids, Some(20), Step::Down(1)), Some(30));
        assert_eq!(step_id(&ids, Some(20), Step::Bottom), Some(30));
        assert_eq!(keep_or_first(&ids, Some(99)), Some(10));
        assert_eq!(keep_or_first(&[], Some(99)), None);
    }
}
