//! Operations on the outline: add a sub-task under any node, rename and
//! edit the body, move up or down among siblings (deleting a subtree is
//! `delete.rs`), and a node's status, dates and progress. Numbering is derived from level and position, so adding,
//! moving and deleting renumber by changing positions only.

use chrono::NaiveDate;
use rusqlite::params;

use super::changes::Tracker;
use super::error::{EditError, EditResult, Field};
use super::record::{self, Label, Versioned};
use super::{Outcome, commit, kind_words, node_label, validate};
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

    /// `task 2.1.1 「提高政治站位」` (the code left out once the node is
    /// gone) / `任务2.1.1「提高政治站位」`.
    fn image_label(row: &super::changes::Row, conn: &rusqlite::Connection) -> Label {
        let s = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let n = |k: &str| row.get(k).and_then(|v| v.as_i64()).unwrap_or(0);
        let (en, zh) = kind_words(u8::try_from(n("level")).unwrap_or(3));
        let code = code(conn, n("id")).unwrap_or_default();
        let spaced = if code.is_empty() {
            String::new()
        } else {
            format!("{code} ")
        };
        Label::new(
            format!("{en} {spaced}「{}」", s("title")),
            format!("{zh}{code}「{}」", s("title")),
        )
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

pub(super) fn missing_node(id: i64) -> EditError {
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
