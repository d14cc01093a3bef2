//! The plan tree (view 2, 任务): which node is selected (by id, so that a
//! reload or a filter keeps the place), which are folded, the filter, the
//! detail pane's scroll, and the latest reports read for the nodes shown.

use std::collections::{HashMap, HashSet};

use super::command::Command;
use super::ctx::Cx;
use super::data::Data;
use super::effect::Effect;
use super::step::{Step, step_id};
use crate::model::Report;
use crate::text::pinyin_match::{Query, SearchKey};

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
pub fn rows(s: &PlanState, data: &Data) -> Vec<PlanRow> {
    let outline = &data.snap.outline;
    let q = Query::new(&s.filter);
    let mut rows = Vec::new();
    if q.is_empty() {
        let mut stack: Vec<(i64, usize)> =
            outline.roots().iter().rev().map(|id| (*id, 0)).collect();
        while let Some((id, depth)) = stack.pop() {
            let kids = outline.children(id);
            let open = !kids.is_empty() && !s.collapsed.contains(&id);
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
    let mut keep = HashSet::new();
    let mut hits = HashSet::new();
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

/// A load arrived: the reports read per node belong to the old one. The
/// first time an outline is shown, tasks with sub-tasks start folded, so
/// the tree opens on the plan's parts, actions and tasks.
pub fn loaded(s: &mut PlanState, data: &Data, first: bool) {
    s.reports.clear();
    if first || !s.folded_once {
        let outline = &data.snap.outline;
        s.collapsed = outline
            .iter()
            .filter(|n| n.level >= 2 && !outline.children(n.id).is_empty())
            .map(|n| n.id)
            .collect();
        s.folded_once = true;
    }
}

/// Puts the selection back on a listed node (the tree opens on the first
/// task: its details say something).
pub fn fix_selection(s: &mut PlanState, data: &Data) {
    let plan: Vec<i64> = rows(s, data).iter().map(|r| r.id).collect();
    let sel = match s.selected {
        Some(c) if plan.contains(&c) => Some(c),
        _ => plan
            .iter()
            .find(|id| data.snap.outline.kind(**id).is_some_and(|k| k.is_work()))
            .or(plan.first())
            .copied(),
    };
    if sel != s.selected {
        s.detail_scroll = 0;
    }
    s.selected = sel;
}

/// When the tree is filtered and the selection is only an ancestor of what
/// matched, moves it to the first node that matched: the details then show
/// what the user looked for.
pub fn select_first_match(s: &mut PlanState, data: &Data) {
    let rows = rows(s, data);
    let on_match = rows.iter().any(|r| Some(r.id) == s.selected && r.matched);
    if on_match {
        return;
    }
    if let Some(first) = rows.iter().find(|r| r.matched) {
        s.selected = Some(first.id);
        s.detail_scroll = 0;
    }
}

/// Reads the selected node's latest reports if they are not at hand.
pub fn node_reports(s: &PlanState, cx: &Cx<'_>) -> Vec<Effect> {
    match s.selected {
        Some(id) if cx.data.is_some() && !s.reports.contains_key(&id) => {
            vec![Effect::NodeReports {
                generation: cx.generation,
                node_id: id,
                as_of: cx.as_of,
            }]
        }
        _ => vec![],
    }
}

/// Selects a node (the detail pane back at its top).
pub fn select(s: &mut PlanState, cx: &Cx<'_>, id: Option<i64>) -> Vec<Effect> {
    if id != s.selected {
        s.selected = id;
        s.detail_scroll = 0;
    }
    node_reports(s, cx)
}

/// Unfolds a node's ancestors, so that it is listed.
pub fn unfold_to(s: &mut PlanState, data: &Data, id: i64) {
    for n in data.snap.outline.path(id) {
        if n.id != id {
            s.collapsed.remove(&n.id);
        }
    }
}

/// Shows a node (after it was changed): listed, selected, its details
/// from the top.
pub fn reveal(s: &mut PlanState, data: &Data, id: i64) {
    unfold_to(s, data, id);
    s.selected = Some(id);
    s.detail_scroll = 0;
}

/// The view's keys: moving, folding, scrolling the details.
pub fn command(s: &mut PlanState, cx: &Cx<'_>, c: Command) -> Vec<Effect> {
    let Some(data) = cx.data else {
        return vec![];
    };
    if let Some(step) = Step::of(c, cx.page()) {
        let ids: Vec<i64> = rows(s, data).iter().map(|r| r.id).collect();
        let next = step_id(&ids, s.selected, step);
        return select(s, cx, next);
    }
    match c {
        Command::Left => left(s, cx, data),
        Command::Right => right(s, cx, data),
        Command::Open => {
            if let Some(id) = s.selected
                && !s.collapsed.remove(&id)
            {
                s.collapsed.insert(id);
            }
            vec![]
        }
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

/// Left folds an open node, or goes to its parent.
fn left(s: &mut PlanState, cx: &Cx<'_>, data: &Data) -> Vec<Effect> {
    let Some(id) = s.selected else {
        return vec![];
    };
    let rows = rows(s, data);
    let row = rows.iter().find(|r| r.id == id).copied();
    if let Some(r) = row.filter(|r| r.open && s.filter.is_empty()) {
        s.collapsed.insert(r.id);
        return vec![];
    }
    match data.snap.outline.get(id).and_then(|n| n.parent) {
        Some(p) => select(s, cx, Some(p)),
        None => vec![],
    }
}

/// Right unfolds a folded node, or goes to its first child.
fn right(s: &mut PlanState, cx: &Cx<'_>, data: &Data) -> Vec<Effect> {
    let Some(id) = s.selected else {
        return vec![];
    };
    let rows = rows(s, data);
    let Some(row) = rows.iter().find(|r| r.id == id).copied() else {
        return vec![];
    };
    if !row.has_children {
        return vec![];
    }
    if !row.open {
        s.collapsed.remove(&id);
        return vec![];
    }
    let child = rows.iter().skip_while(|r| r.id != id).nth(1).map(|r| r.id);
    select(s, cx, child)
}
