//! The plan's outline as a tree of nodes, with the official numbering
//! (一、 （一） 1. （1） …) and the dotted codes (`2.1.1`) that the command
//! line uses to name a node. Numbering is derived from each node's level and
//! position, never stored as text, so inserting or reordering renumbers.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::status::Status;
use crate::text::cn_num::cn_numeral;

/// A node of the outline: a part (一、), an action (（一）), a task (1.) or
/// a sub-task (（1） and deeper).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: i64,
    pub parent: Option<i64>,
    /// 1-based place among its siblings; the number shown in its label.
    pub position: u32,
    /// Numbering level: 0 一、, 1 （一）, 2 1., 3 （1）, 4 1）, 5+ a.
    pub level: u8,
    pub title: String,
    pub body: String,
    pub status: Status,
    pub status_reason: Option<String>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// Progress set by hand (0–100); `None` means derived.
    pub progress: Option<u8>,
    /// Whether units report on this node.
    pub reportable: bool,
    pub version: i64,
}

/// What a node is, from its numbering level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Part,
    Action,
    Task,
    SubTask,
}

impl NodeKind {
    pub fn of_level(level: u8) -> NodeKind {
        match level {
            0 => NodeKind::Part,
            1 => NodeKind::Action,
            2 => NodeKind::Task,
            _ => NodeKind::SubTask,
        }
    }

    /// Tasks and sub-tasks are what the office tracks and counts.
    pub fn is_work(self) -> bool {
        matches!(self, NodeKind::Task | NodeKind::SubTask)
    }
}

/// The official label of the `position`-th item at numbering `level`.
pub fn label(level: u8, position: u32) -> String {
    match level {
        0 => format!("{}、", cn_numeral(position)),
        1 => format!("（{}）", cn_numeral(position)),
        2 => format!("{position}."),
        3 => format!("（{position}）"),
        4 => format!("{position}）"),
        _ => {
            let letter =
                char::from_u32('a' as u32 + (position.saturating_sub(1) % 26)).unwrap_or('a');
            format!("{letter}.")
        }
    }
}

/// The whole outline, in document (pre-)order.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    nodes: Vec<Node>,
    index: HashMap<i64, usize>,
    children: HashMap<Option<i64>, Vec<i64>>,
}

impl Outline {
    /// Builds the tree from nodes in any order; siblings are ordered by
    /// position, then id. Nodes whose parent is missing are dropped (the
    /// store's invariants forbid them; `check` reports them).
    pub fn new(nodes: Vec<Node>) -> Outline {
        let mut children: HashMap<Option<i64>, Vec<(u32, i64)>> = HashMap::new();
        let mut by_id: HashMap<i64, Node> = HashMap::new();
        for n in nodes {
            children
                .entry(n.parent)
                .or_default()
                .push((n.position, n.id));
            by_id.insert(n.id, n);
        }
        let children: HashMap<Option<i64>, Vec<i64>> = children
            .into_iter()
            .map(|(k, mut v)| {
                v.sort();
                (k, v.into_iter().map(|(_, id)| id).collect())
            })
            .collect();
        let mut ordered = Vec::with_capacity(by_id.len());
        let mut stack: Vec<i64> = children.get(&None).cloned().unwrap_or_default();
        stack.reverse();
        while let Some(id) = stack.pop() {
            if let Some(node) = by_id.remove(&id) {
                ordered.push(node);
                if let Some(kids) = children.get(&Some(id)) {
                    stack.extend(kids.iter().rev());
                }
            }
        }
        let index = ordered.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        Outline {
            nodes: ordered,
            index,
            children,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// All nodes in document order.
    pub fn iter(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter()
    }

    pub fn get(&self, id: i64) -> Option<&Node> {
        self.index.get(&id).map(|&i| &self.nodes[i])
    }

    pub fn roots(&self) -> &[i64] {
        self.children.get(&None).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn children(&self, id: i64) -> &[i64] {
        self.children
            .get(&Some(id))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Every node below `id`, in document order (not including `id`).
    pub fn descendants(&self, id: i64) -> Vec<i64> {
        let mut out = Vec::new();
        let mut stack: Vec<i64> = self.children(id).iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.children(n).iter().rev());
        }
        out
    }

    /// From the root down to `id` (inclusive).
    pub fn path(&self, id: i64) -> Vec<&Node> {
        let mut path = Vec::new();
        let mut cur = self.get(id);
        while let Some(n) = cur {
            path.push(n);
            cur = n.parent.and_then(|p| self.get(p));
        }
        path.reverse();
        path
    }

    pub fn depth(&self, id: i64) -> usize {
        self.path(id).len().saturating_sub(1)
    }

    /// Dotted code of positions, e.g. `2.1.1` for 二、→（一）→1.
    pub fn code(&self, id: i64) -> String {
        self.path(id)
            .iter()
            .map(|n| n.position.to_string())
            .collect::<Vec<_>>()
            .join(".")
    }

    /// Official label of the node alone, e.g. `（一）`.
    pub fn label(&self, id: i64) -> String {
        self.get(id)
            .map(|n| label(n.level, n.position))
            .unwrap_or_default()
    }

    /// Label followed by title, as in the document: `1.提高政治站位`.
    pub fn numbered_title(&self, id: i64) -> String {
        match self.get(id) {
            Some(n) => format!("{}{}", label(n.level, n.position), n.title),
            None => String::new(),
        }
    }

    /// Finds a node by its dotted code (`2.1.1`); also accepts full-width
    /// digits and dots and surrounding spaces.
    pub fn find_code(&self, code: &str) -> Option<&Node> {
        let normal: String = code
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' | '。' | '、' => '.',
                c => c,
            })
            .collect();
        let mut level: &[i64] = self.roots();
        let mut found = None;
        for part in normal.split('.') {
            let pos: u32 = part.parse().ok()?;
            let id = *level
                .iter()
                .find(|&&id| self.get(id).map(|n| n.position) == Some(pos))?;
            found = Some(id);
            level = self.children(id);
        }
        found.and_then(|id| self.get(id))
    }

    /// Finds a node by its exact title (after trimming).
    pub fn find_title(&self, title: &str) -> Option<&Node> {
        let t = title.trim();
        self.nodes.iter().find(|n| n.title == t)
    }

    pub fn kind(&self, id: i64) -> Option<NodeKind> {
        self.get(id).map(|n| NodeKind::of_level(n.level))
    }

    /// Tasks and sub-tasks in document order.
    pub fn work_items(&self) -> impl Iterator<Item = &Node> {
        self.nodes
            .iter()
            .filter(|n| NodeKind::of_level(n.level).is_work())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn node(
        id: i64,
        parent: Option<i64>,
        position: u32,
        level: u8,
        title: &str,
    ) -> Node {
        Node {
            id,
            parent,
            position,
            level,
            title: title.to_string(),
            body: String::new(),
            status: Status::NotStarted,
            status_reason: None,
            start: None,
            due: None,
            progress: None,
            reportable: true,
            version: 1,
        }
    }

    fn sample() -> Outline {
        // Deliberately out of order: the outline sorts by position.
        Outline::new(vec![
            node(5, Some(2), 2, 2, "弘扬科学家精神"),
            node(1, None, 1, 0, "总体要求"),
            node(2, None, 2, 0, "主要任务"),
            node(4, Some(2), 1, 1, "实施巾帼思想引领行动"),
            node(6, Some(4), 1, 2, "提高政治站位"),
            node(7, None, 3, 0, "保障措施"),
            node(8, Some(7), 2, 2, "认真开展调研"),
            node(9, Some(6), 1, 3, "组织专题学习"),
        ])
    }

    #[test]
    fn labels_follow_official_numbering() {
        assert_eq!(label(0, 2), "二、");
        assert_eq!(label(1, 3), "（三）");
        assert_eq!(label(2, 1), "1.");
        assert_eq!(label(3, 12), "（12）");
        assert_eq!(label(4, 2), "2）");
        assert_eq!(label(5, 3), "c.");
    }

    #[test]
    fn outline_is_in_document_order() {
        let o = sample();
        let titles: Vec<_> = o.iter().map(|n| n.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "总体要求",
                "主要任务",
                "实施巾帼思想引领行动",
                "提高政治站位",
                "组织专题学习",
                "弘扬科学家精神",
                "保障措施",
                "认真开展调研"
            ]
        );
    }

    #[test]
    fn codes_are_dotted_positions() {
        let o = sample();
        assert_eq!(o.code(6), "2.1.1");
        assert_eq!(o.code(9), "2.1.1.1");
        assert_eq!(o.code(8), "3.2");
        assert_eq!(o.find_code("2.1.1").map(|n| n.id), Some(6));
        assert_eq!(o.find_code("３．２").map(|n| n.id), Some(8));
        assert_eq!(o.find_code("3.1"), None);
        assert_eq!(o.find_code("x"), None);
    }

    #[test]
    fn numbered_title_reads_like_the_document() {
        let o = sample();
        assert_eq!(o.numbered_title(4), "（一）实施巾帼思想引领行动");
        assert_eq!(o.numbered_title(9), "（1）组织专题学习");
    }

    #[test]
    fn descendants_and_path() {
        let o = sample();
        assert_eq!(o.descendants(2), vec![4, 6, 9, 5]);
        let path: Vec<_> = o.path(9).iter().map(|n| n.id).collect();
        assert_eq!(path, vec![2, 4, 6, 9]);
        assert_eq!(o.depth(9), 3);
    }

    #[test]
    fn work_items_are_tasks_and_subtasks() {
        let o = sample();
        let ids: Vec<_> = o.work_items().map(|n| n.id).collect();
        assert_eq!(ids, vec![6, 9, 5, 8]);
    }
}
