//! Operations on the outline: add a sub-task under any node, rename and
//! edit the body, move up or down among siblings, delete a subtree (after
//! a preview of what goes with it), and a node's status, dates and
//! progress. Numbering is derived from level and position, so adding,
//! moving and deleting renumber by changing positions only.

use chrono::NaiveDate;
use rusqlite::params;

use super::changes::{Tracker, ids_where};
use super::error::{Conflict, EditError, EditResult, Field};
use super::record::{self, Label, Versioned};
use super::{Outcome, Record, commit, kind_words, node_label, validate};
use crate::db::directory::assignments_of;
use crate::db::history::of_node;
use crate::db::outline::{NewNode, code, insert, load, node};
use crate::db::{Store, Writer};
use crate::model::history::in_effect;
use crate::model::outline::label;
use crate::model::{HistoryEntry, HistoryValue, Node, Outline, Role, Status};

/// A node as its form edits it: the node and its agencies, in order (a
/// change of agencies moves the node's version too).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRecord {
    pub node: Node,
    /// Lead agencies (牵头), in order.
    pub lead: Vec<i64>,
    /// Supporting agencies (配合), in order.
    pub support: Vec<i64>,
    /// Its recorded statuses, progress and dates, in the order they take
    /// effect: a form shows the values in effect on the day it records.
    pub history: Vec<HistoryEntry>,
}

impl Versioned for NodeRecord {
    const TABLE: &'static str = "node";
    const NOUN: (&'static str, &'static str) = ("outline node", "任务");

    fn get(conn: &rusqlite::Connection, id: i64) -> crate::db::Result<Option<NodeRecord>> {
        let Some(node) = node(conn, id)? else {
            return Ok(None);
        };
        let mine = assignments_of(conn, id)?;
        let of = |role: Role| {
            mine.iter()
                .filter(|a| a.role == role)
                .map(|a| a.agency_id)
                .collect()
        };
        Ok(Some(NodeRecord {
            lead: of(Role::Lead),
            support: of(Role::Support),
            history: of_node(conn, id)?,
            node,
        }))
    }

    fn id(&self) -> i64 {
        self.node.id
    }

    fn version(&self) -> i64 {
        self.node.version
    }

    /// `task 2.1.1 「提高政治站位」` / `任务2.1.1「提高政治站位」`.
    fn label(&self, conn: &rusqlite::Connection) -> crate::db::Result<Label> {
        let (en, zh) = kind_words(self.node.level);
        let code = code(conn, self.node.id)?;
        Ok(Label::new(
            format!("{en} {code} 「{}」", self.node.title),
            format!("{zh}{code}「{}」", self.node.title),
        ))
    }
}

/// A node's title and body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeText {
    pub title: String,
    pub body: String,
}

/// Which way to move a node among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// A new status, the reason kept with it (required for 滞后 and 暂停) and
/// the day it takes effect (生效日期).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub status: Status,
    pub reason: Option<String>,
    pub on: NaiveDate,
}

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

fn missing_node(id: i64) -> EditError {
    record::not_found::<NodeRecord>(id)
}

/// Loads the outline and the node, checking the version the caller read.
pub(super) fn checked(w: &Writer<'_>, id: i64, expected: i64) -> EditResult<(Outline, Node)> {
    let stored = record::checked::<NodeRecord>(w, id, expected)?;
    Ok((load(w.conn())?, stored.node))
}

/// Applies an UPDATE to one node, tracked and versioned, and logs it.
fn update_node(
    w: &Writer<'_>,
    id: i64,
    set: &str,
    values: &[&dyn rusqlite::ToSql],
    summary: String,
) -> EditResult<Outcome> {
    let mut t = Tracker::default();
    t.track(w.conn(), "node", id)?;
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&id];
    all.extend_from_slice(values);
    w.conn().execute(
        &format!("UPDATE node SET {set}, version = version + 1 WHERE id = ?1"),
        all.as_slice(),
    )?;
    commit(w, t, "update", "node", id, summary)
}

impl Store {
    /// Adds a sub-task as the last child of `parent` (any depth); its
    /// numbering follows from its level and position.
    pub(in crate::db) fn add_subtask(
        &mut self,
        parent: i64,
        title: &str,
        body: &str,
    ) -> EditResult<Outcome> {
        let title = validate::line(Field::Title, title)?;
        let body = validate::text(Field::Body, body, false)?;
        self.edit("adding a sub-task", |w| {
            let outline = load(w.conn())?;
            let p = outline.get(parent).ok_or_else(|| missing_node(parent))?;
            let level = p.level.checked_add(1).ok_or_else(|| {
                EditError::refused("the outline cannot go deeper here", "大纲层级已到上限")
            })?;
            let position = outline
                .children(parent)
                .iter()
                .filter_map(|c| outline.get(*c).map(|n| n.position))
                .max()
                .unwrap_or(0)
                + 1;
            let id = insert(
                w.conn(),
                &NewNode {
                    parent: Some(parent),
                    position,
                    level,
                    title: &title,
                    body: &body,
                },
            )?;
            let mut t = Tracker::default();
            t.inserted("node", id)?;
            let code = format!("{}.{position}", outline.code(parent));
            let summary = format!(
                "新增{}{code}{}{title}（属{}{}）",
                kind_words(level).1,
                label(level, position),
                kind_words(p.level).1,
                outline.code(parent)
            );
            commit(w, t, "create", "node", id, summary)
        })
    }

    /// Renames a node and/or edits its body text.
    pub(in crate::db) fn edit_node_text(
        &mut self,
        id: i64,
        expected: i64,
        text: &NodeText,
    ) -> EditResult<Outcome> {
        let title = validate::line(Field::Title, &text.title)?;
        let body = validate::text(Field::Body, &text.body, false)?;
        self.edit("editing a task", |w| {
            let (outline, node) = checked(w, id, expected)?;
            if node.title == title && node.body == body {
                return Ok(Outcome::unchanged(id));
            }
            let code = outline.code(id);
            let summary = if node.title != title {
                format!(
                    "{}{code}更名：「{}」→「{title}」",
                    kind_words(node.level).1,
                    node.title
                )
            } else {
                format!("修改{}{code}「{title}」的正文", kind_words(node.level).1)
            };
            update_node(w, id, "title = ?2, body = ?3", &[&title, &body], summary)
        })
    }

    /// Moves a node one place up or down among its siblings.
    pub(in crate::db) fn move_node(
        &mut self,
        id: i64,
        expected: i64,
        direction: Direction,
    ) -> EditResult<Outcome> {
        self.edit("moving a task", |w| {
            let (outline, node) = checked(w, id, expected)?;
            let siblings: Vec<i64> = match node.parent {
                Some(p) => outline.children(p).to_vec(),
                None => outline.roots().to_vec(),
            };
            let at = siblings.iter().position(|s| *s == id).unwrap_or(0);
            let to = match direction {
                Direction::Up if at > 0 => at - 1,
                Direction::Down if at + 1 < siblings.len() => at + 1,
                _ => {
                    let (en, zh) = node_label(&outline, &node);
                    let (wen, wzh) = match direction {
                        Direction::Up => ("first", "第一"),
                        Direction::Down => ("last", "最后"),
                    };
                    return Err(EditError::refused(
                        format!("{en} is already the {wen} among its siblings"),
                        format!("{zh}已排在同级{wzh}"),
                    ));
                }
            };
            let mut order = siblings.clone();
            order.swap(at, to);
            let mut t = Tracker::default();
            for (i, sid) in order.iter().enumerate() {
                let pos = i as u32 + 1;
                if outline.get(*sid).map(|n| n.position) != Some(pos) {
                    t.track(w.conn(), "node", *sid)?;
                    w.conn().execute(
                        "UPDATE node SET position = ?2, version = version + 1 WHERE id = ?1",
                        params![sid, pos],
                    )?;
                }
            }
            let old = outline.code(id);
            let new = format!(
                "{}{}",
                old.rsplit_once('.')
                    .map(|(p, _)| format!("{p}."))
                    .unwrap_or_default(),
                to + 1
            );
            let summary = format!(
                "{}{old}「{}」{}，改为{new}",
                kind_words(node.level).1,
                node.title,
                if direction == Direction::Up {
                    "上移"
                } else {
                    "下移"
                }
            );
            commit(w, t, "update", "node", id, summary)
        })
    }

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

    /// Sets a node's status from `change.on` (not after today); 滞后 and
    /// 暂停 need a reason.
    pub(in crate::db) fn set_status(
        &mut self,
        id: i64,
        expected: i64,
        change: &StatusChange,
    ) -> EditResult<Outcome> {
        self.set_value(
            id,
            expected,
            change.on,
            &HistoryValue::Status {
                status: change.status,
                reason: change.reason.clone(),
            },
        )
    }

    /// Moves the status in effect on `on` on to the next in the console's
    /// cycle (未启动 → 推进中 → 已完成 → 滞后 → 暂停 → 未启动), from `on`; a
    /// reason is needed when the next is 滞后 or 暂停.
    pub(in crate::db) fn cycle_status(
        &mut self,
        id: i64,
        expected: i64,
        reason: Option<&str>,
        on: NaiveDate,
    ) -> EditResult<Outcome> {
        let status = self
            .read(|c| Ok(in_effect(&of_node(c, id)?, on).status))
            .map_err(EditError::from)?
            .cycled();
        self.set_value(
            id,
            expected,
            on,
            &HistoryValue::Status {
                status,
                reason: reason.map(str::to_string),
            },
        )
    }

    /// Sets a node's start and due dates (either may be cleared) from `on`.
    pub(in crate::db) fn set_dates(
        &mut self,
        id: i64,
        expected: i64,
        start: Option<NaiveDate>,
        due: Option<NaiveDate>,
        on: NaiveDate,
    ) -> EditResult<Outcome> {
        self.set_value(id, expected, on, &HistoryValue::Dates { start, due })
    }

    /// Sets progress by hand (0–100) from `on`, or `None` to derive it again.
    pub(in crate::db) fn set_progress(
        &mut self,
        id: i64,
        expected: i64,
        progress: Option<u8>,
        on: NaiveDate,
    ) -> EditResult<Outcome> {
        self.set_value(id, expected, on, &HistoryValue::Progress(progress))
    }
}
