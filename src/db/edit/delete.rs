//! Deleting a node: first what goes with it — sub-tasks, milestones,
//! indicators, reports (older revisions included), values, roles — shown
//! for confirmation, then the delete of exactly that, refused as a
//! conflict when it changed since the preview, and refused when a
//! meeting's decision names the task.

use super::changes::{Tracker, ids_where};
use super::error::{Conflict, EditError, EditResult};
use super::nodes::{NodeRecord, checked, missing_node};
use super::record::{Label, Versioned};
use super::{Outcome, Record, commit, node_label};
use crate::db::Store;
use crate::db::outline::load;
use crate::model::{Node, Outline};

/// What deleting a node takes with it, shown for confirmation and then
/// handed back to [`Store::delete_node`], which refuses if it has changed.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletePreview {
    pub node: i64,
    pub version: i64,
    /// Where the node was (the record to show once it is gone).
    pub parent: Option<i64>,
    /// `task 2.1.1 「提高政治站位」`
    pub what: String,
    pub what_zh: String,
    pub subtasks: Vec<i64>,
    pub milestones: Vec<i64>,
    pub indicators: Vec<i64>,
    /// Every report on the subtree, older revisions included.
    pub reports: Vec<i64>,
    /// How many of `reports` are older revisions.
    pub older_revisions: usize,
    pub values: Vec<i64>,
    pub assignments: Vec<i64>,
    /// The recorded statuses, progress and dates of the subtree.
    pub history: Vec<i64>,
}

fn counted(parts: &mut Vec<String>, n: usize, one: &str, many: &str) {
    match n {
        0 => {}
        1 => parts.push(format!("1 {one}")),
        n => parts.push(format!("{n} {many}")),
    }
}

impl DeletePreview {
    /// One sentence for the confirmation: what goes with the node.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        counted(&mut parts, self.subtasks.len(), "sub-task", "sub-tasks");
        counted(&mut parts, self.milestones.len(), "milestone", "milestones");
        counted(&mut parts, self.indicators.len(), "indicator", "indicators");
        let mut reports = Vec::new();
        counted(&mut reports, self.reports.len(), "report", "reports");
        if let Some(r) = reports.pop() {
            parts.push(if self.older_revisions > 0 {
                format!("{r} (including {} older revisions)", self.older_revisions)
            } else {
                r
            });
        }
        match parts.len() {
            0 => format!("deleting {} deletes nothing else", self.what),
            _ => {
                let last = parts.pop().unwrap_or_default();
                let list = if parts.is_empty() {
                    last
                } else {
                    format!("{} and {last}", parts.join(", "))
                };
                format!("deleting {} also deletes {list}", self.what)
            }
        }
    }

    pub fn describe_zh(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [
            (self.subtasks.len(), "子任务{}项"),
            (self.milestones.len(), "时间节点{}个"),
            (self.indicators.len(), "指标{}个"),
            (self.reports.len(), "报送{}份"),
        ] {
            if n > 0 {
                parts.push(what.replace("{}", &n.to_string()));
            }
        }
        if self.older_revisions > 0
            && let Some(last) = parts.last_mut()
        {
            last.push_str(&format!("（含旧修订{}份）", self.older_revisions));
        }
        if parts.is_empty() {
            format!("删除{}，无其他内容随之删除", self.what_zh)
        } else {
            format!("删除{}将一并删除：{}", self.what_zh, parts.join("、"))
        }
    }

    fn same_rows(&self, other: &DeletePreview) -> bool {
        self.subtasks == other.subtasks
            && self.milestones == other.milestones
            && self.indicators == other.indicators
            && self.reports == other.reports
            && self.values == other.values
            && self.assignments == other.assignments
            && self.history == other.history
    }
}

fn in_list(ids: &[i64]) -> String {
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    if list.is_empty() { "NULL".into() } else { list }
}

fn preview(
    conn: &rusqlite::Connection,
    outline: &Outline,
    node: &Node,
) -> EditResult<DeletePreview> {
    let subtasks = outline.descendants(node.id);
    let mut all = vec![node.id];
    all.extend(&subtasks);
    let nodes = in_list(&all);
    let by_node = |table: &str| ids_where(conn, table, &format!("node_id IN ({nodes})"), &[]);
    // A decision of a meeting names the task: the record of what was
    // decided must not lose it silently.
    if let Some(d) = by_node("decision")?.first() {
        let (en, zh) = node_label(outline, node);
        let said = match crate::db::meetings::decision(conn, *d)? {
            Some(dec) => dec.label(conn)?,
            None => Label::new(format!("decision {d}"), format!("议定事项{d}")),
        };
        return Err(EditError::refused(
            format!(
                "{en} cannot be deleted: {} names it (or a sub-task); link that decision to another task first",
                said.en
            ),
            format!(
                "{zh}不能删除：{}关联了它（或其子任务），请先修改该议定事项的关联任务",
                said.zh
            ),
        ));
    }
    let reports = by_node("report")?;
    let indicators = by_node("indicator")?;
    let older_revisions = ids_where(
        conn,
        "report",
        &format!("node_id IN ({nodes}) AND superseded = 1"),
        &[],
    )?
    .len();
    let values = ids_where(
        conn,
        "report_value",
        &format!(
            "report_id IN ({}) OR indicator_id IN ({})",
            in_list(&reports),
            in_list(&indicators)
        ),
        &[],
    )?;
    let (what, what_zh) = node_label(outline, node);
    Ok(DeletePreview {
        node: node.id,
        version: node.version,
        parent: node.parent,
        what,
        what_zh,
        subtasks,
        milestones: by_node("milestone")?,
        indicators,
        reports,
        older_revisions,
        values,
        assignments: by_node("assignment")?,
        history: by_node("node_history")?,
    })
}

impl Store {
    /// What deleting `id` would take with it (for the confirmation).
    pub fn delete_preview(&self, id: i64) -> EditResult<DeletePreview> {
        let outline = load(self.conn()).map_err(|e| EditError::from(e.at(self.path())))?;
        let node = outline.get(id).ok_or_else(|| missing_node(id))?;
        preview(self.conn(), &outline, node)
    }

    /// Deletes a node with everything under and on it, as previewed;
    /// refused as a conflict when the node or what goes with it changed
    /// since the preview.
    pub(in crate::db) fn delete_node(&mut self, confirmed: &DeletePreview) -> EditResult<Outcome> {
        let id = confirmed.node;
        self.edit("deleting a task", |w| {
            let (outline, node) = checked(w, id, confirmed.version)?;
            let now = preview(w.conn(), &outline, &node)?;
            if !now.same_rows(confirmed) {
                return Err(EditError::Conflict(Box::new(Conflict {
                    what: now.what.clone(),
                    expected: confirmed.version,
                    what_zh: now.what_zh.clone(),
                    stored: NodeRecord::get(w.conn(), id)?.map(Record::Node),
                    since: None,
                    detail: Some(format!("what goes with it changed: {}", now.describe())),
                })));
            }
            let mut t = Tracker::default();
            t.track(w.conn(), "node", id)?;
            t.track_all(w.conn(), "node", &now.subtasks)?;
            t.track_all(w.conn(), "assignment", &now.assignments)?;
            t.track_all(w.conn(), "node_history", &now.history)?;
            t.track_all(w.conn(), "milestone", &now.milestones)?;
            t.track_all(w.conn(), "indicator", &now.indicators)?;
            t.track_all(w.conn(), "report", &now.reports)?;
            t.track_all(w.conn(), "report_value", &now.values)?;
            let siblings: Vec<i64> = match node.parent {
                Some(p) => outline.children(p).to_vec(),
                None => outline.roots().to_vec(),
            };
            let later: Vec<i64> = siblings
                .into_iter()
                .filter(|s| outline.get(*s).is_some_and(|n| n.position > node.position))
                .collect();
            t.track_all(w.conn(), "node", &later)?;
            w.conn().execute("DELETE FROM node WHERE id = ?1", [id])?;
            for s in &later {
                w.conn().execute(
                    "UPDATE node SET position = position - 1, version = version + 1 WHERE id = ?1",
                    [s],
                )?;
            }
            commit(w, t, "delete", "node", id, now.describe_zh())
        })
    }
}
