//! 工作台账: one row per task and sub-task — 序号, 任务, 牵头单位, 配合单位,
//! 时间节点, 状态, 完成率, 最新进展 — laid out in columns that line up in a
//! monospace terminal although the text is Chinese.
//!
//! Alignment rests on three rules: widths are measured in terminal columns
//! (a Han character is two); long cells wrap inside their column; and no
//! cell holds a character whose width terminals disagree on (“” … — ·),
//! since those are replaced by unambiguous equivalents (「」 ... － ・) — see
//! [`crate::text::ambiguous`]. The same rows, unwrapped and with the text
//! as stored, make the tsv template.

use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

use super::phrases;
use super::text::{Doc, date, inline};
use super::{Ctx, Result};
use crate::analysis::{DataWarning, Pace, Scope, Snapshot, Statement};
use crate::model::numbers::percent0;
use crate::model::{Node, Report, Role, Status};
use crate::text::ambiguous::unambiguous;
use crate::text::width::{pad_right, width};
use crate::text::wrap::wrap;

/// Width of the table when `--wrap` does not say.
pub const DEFAULT_WIDTH: usize = 120;
/// Spaces between columns.
const GAP: usize = 2;
/// The narrowest the two flexible columns (任务, 最新进展) may be.
const MIN_TASK: usize = 8;
const MIN_PROGRESS: usize = 12;
/// The widest an agency column grows before names wrap.
const MAX_AGENCY: usize = 12;

pub const HEADERS: [&str; 8] = [
    "序号",
    "任务",
    "牵头单位",
    "配合单位",
    "时间节点",
    "状态",
    "完成率",
    "最新进展",
];

const TASK: usize = 1;
const PROGRESS: usize = 7;

/// A cell: its lines as logical units (one agency, one fact), and how the
/// tsv joins them into one line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub lines: Vec<String>,
    pub sep: &'static str,
}

impl Cell {
    fn new(lines: Vec<String>, sep: &'static str) -> Cell {
        Cell {
            lines: lines.into_iter().filter(|l| !l.is_empty()).collect(),
            sep,
        }
    }

    fn one(s: String) -> Cell {
        Cell::new(vec![s], "")
    }

    /// The lines joined for one-line output; no separator after a line that
    /// already ends a sentence.
    pub fn joined(&self) -> String {
        let mut out = String::new();
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 && !out.ends_with(['。', '；', '！', '？', '：']) {
                out.push_str(self.sep);
            }
            out.push_str(l);
        }
        out
    }
}

pub type Row = [Cell; 8];

/// The rows: tasks and sub-tasks in scope in document order, numbered 1,
/// 2 … with sub-tasks as 3.1, 3.2 ….
pub fn rows(ctx: &Ctx<'_>) -> Result<Vec<Row>> {
    let latest = ctx.store.latest_report_per_node(ctx.snap.as_of)?;
    Ok(numbered_items(ctx.snap, ctx.scope)
        .into_iter()
        .map(|(number, node)| row(ctx, &latest, number, node))
        .collect())
}

/// Work items in scope with their 序号: a running number, and for an
/// item under a shown item that item's number and its own place.
fn numbered_items(snap: &Snapshot, scope: Scope) -> Vec<(String, &Node)> {
    let mut numbers: HashMap<i64, String> = HashMap::new();
    let mut counts: HashMap<Option<i64>, usize> = HashMap::new();
    let mut out = Vec::new();
    for node in snap.work_items_in(scope) {
        let parent = node.parent.filter(|p| numbers.contains_key(p));
        let n = counts.entry(parent).or_insert(0);
        *n += 1;
        let number = match parent.and_then(|p| numbers.get(&p)) {
            Some(pn) => format!("{pn}.{n}"),
            None => n.to_string(),
        };
        numbers.insert(node.id, number.clone());
        out.push((number, node));
    }
    out
}

fn row(ctx: &Ctx<'_>, latest: &HashMap<i64, Report>, number: String, node: &Node) -> Row {
    let snap = ctx.snap;
    let said = snap.stat(node.id).map(|s| s.statement);
    [
        Cell::one(number),
        Cell::one(inline(&node.title)),
        Cell::new(phrases::agencies(snap, node.id, Role::Lead), "、"),
        Cell::new(phrases::agencies(snap, node.id, Role::Support), "、"),
        Cell::new(schedule(snap, node), "，"),
        Cell::new(status_cell(node, said), "，"),
        Cell::one(
            said.and_then(|s| s.progress)
                .map_or_else(|| "—".to_string(), percent0),
        ),
        Cell::new(progress(ctx, latest, node, said), "；"),
    ]
}

/// 状态: the status word and, for work in progress, its class against
/// 序时进度 (or that 序时进度 is 未设定); `状态待核实` where the records
/// contradict a 未启动; `方案尚未实施` before the plan's start.
fn status_cell(node: &Node, said: Option<Statement>) -> Vec<String> {
    let Some(said) = said else {
        return vec![node.status.label_zh().to_string()];
    };
    if said.before_plan {
        return vec!["方案尚未实施".into()];
    }
    if said.status == Status::NotStarted && said.warning.is_some() {
        return vec!["状态待核实".into()];
    }
    let mut cell = vec![said.status.label_zh().to_string()];
    if said.pace.is_class() || said.pace == Pace::Unset {
        cell.push(phrases::pace(said.pace).to_string());
    }
    cell
}

/// 时间节点: the next milestone not done (date, how late, title); else the
/// task's own due date; else what there is to say.
fn schedule(snap: &Snapshot, node: &Node) -> Vec<String> {
    let as_of = snap.as_of;
    let said = snap.stat(node.id).map(|s| s.statement);
    if let Some(DataWarning::DoneWithOpenMilestones { open }) = said.and_then(|s| s.warning) {
        return vec![format!("{open}个节点未标记完成")];
    }
    // Before the plan's start nothing is said to be done: the first
    // milestone stands, whatever is recorded of it.
    let before_plan = said.is_some_and(|s| s.before_plan);
    let next = snap
        .milestones_of(node.id)
        .filter(|m| before_plan || snap.milestone_open(m))
        .min_by_key(|m| (m.due, m.id));
    match next {
        Some(m) => {
            let mut lines = vec![date(m.due)];
            if before_plan {
            } else if m.due < as_of {
                lines.push(format!("逾期{}天", (as_of - m.due).num_days()));
            } else if m.due == as_of {
                lines.push("今日到期".into());
            }
            lines.push(inline(&m.title));
            lines
        }
        None if snap.milestones_of(node.id).next().is_some() => vec!["节点均已办结".into()],
        None => match node.due {
            Some(d) if node.status != Status::Done && d < as_of => {
                vec![date(d), format!("逾期{}天", (as_of - d).num_days())]
            }
            Some(d) => vec![date(d)],
            None => vec!["未设节点".into()],
        },
    }
}

/// 最新进展: the reason for 滞后/暂停, the indicators' reported totals and
/// the newest report with its unit and date.
fn progress(
    ctx: &Ctx<'_>,
    latest: &HashMap<i64, Report>,
    node: &Node,
    said: Option<Statement>,
) -> Vec<String> {
    let snap = ctx.snap;
    let mut lines = Vec::new();
    if said.is_some_and(|s| s.says_reason())
        && let Some(r) = node.status_reason.as_deref().map(inline)
    {
        lines.push(format!("{}原因：{r}", node.status.label_zh()));
    }
    if let Some(s) = said
        && let Some(w) = s.warning
        && s.status == Status::NotStarted
    {
        lines.push(format!(
            "登记为未启动，但{}，请核实状态",
            phrases::warning_facts(w)
        ));
    }
    for i in snap.indicators_of(node.id) {
        lines.push(phrases::indicator_line(snap, i));
    }
    match latest.get(&node.id) {
        Some(r) => {
            let unit = snap
                .unit(r.unit_id)
                .map(|u| inline(&u.name))
                .unwrap_or_default();
            lines.push(format!(
                "{unit}（{}）：{}",
                date(r.reported_on),
                inline(&r.body)
            ));
        }
        None if lines.is_empty() => lines.push("尚无报送".into()),
        None => {}
    }
    lines
}

/// A cell line made safe for aligned output whatever it holds: cleaned
/// like all exported text, on one line, no ambiguous-width characters, no
/// zero-width leftovers (a lone combining mark would sit on the padding
/// before it), no spaces at either end.
pub fn aligned(s: &str) -> String {
    let one_line = inline(s);
    let kept: String = unambiguous(&one_line)
        .graphemes(true)
        .filter(|g| width(g) > 0)
        // A mark combined with a space would ride on the column's edge.
        .map(|g| {
            if g.starts_with(char::is_whitespace) {
                " "
            } else {
                g
            }
        })
        .collect();
    kept.trim().to_string()
}

/// Column widths that fit `total` columns.
fn widths(fixed: [usize; 8], rows: &[Row], total: usize) -> [usize; 8] {
    let mut w = fixed;
    let used: usize = fixed.iter().sum::<usize>() + GAP * (HEADERS.len() - 1);
    let flex = total.saturating_sub(used).max(MIN_TASK + MIN_PROGRESS);
    let longest_task = rows
        .iter()
        .flat_map(|r| r[TASK].lines.iter())
        .map(|l| width(&aligned(l)))
        .max()
        .unwrap_or(0)
        .max(width(HEADERS[TASK]));
    w[TASK] = (flex * 2 / 5).clamp(MIN_TASK, longest_task.max(MIN_TASK));
    w[PROGRESS] = flex - w[TASK];
    w
}

/// Widths of the columns that do not flex: as wide as their widest
/// content (agencies up to a limit), at least as wide as their heading.
fn fixed_widths(snap: &Snapshot, scope: Scope) -> [usize; 8] {
    let mut w = HEADERS.map(width);
    let items = numbered_items(snap, scope);
    for (number, node) in &items {
        w[0] = w[0].max(width(number));
        for (col, role) in [(2, Role::Lead), (3, Role::Support)] {
            for a in phrases::agencies(snap, node.id, role) {
                w[col] = w[col].max(width(&aligned(&a)).min(MAX_AGENCY));
            }
        }
        for m in snap.milestones_of(node.id) {
            w[4] = w[4].max(width(&date(m.due)));
        }
        if let Some(d) = node.due {
            w[4] = w[4].max(width(&date(d)));
        }
        w[5] = w[5].max(width(node.status.label_zh()));
    }
    w[TASK] = 0;
    w[PROGRESS] = 0;
    w
}

/// The narrowest table the rows of this snapshot fit in.
pub fn min_width(snap: &Snapshot, scope: Scope) -> usize {
    fixed_widths(snap, scope).iter().sum::<usize>()
        + GAP * (HEADERS.len() - 1)
        + MIN_TASK
        + MIN_PROGRESS
}

/// Lays out rows in columns of the given widths: the heading, a rule of
/// dashes, then each row's cells wrapped in their columns, rows apart by a
/// blank line. No line ends in spaces.
pub fn table(rows: &[Row], w: [usize; 8]) -> String {
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str(&" ".repeat(GAP));
            }
            s.push_str(&pad_right(c, w[i]));
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(HEADERS.iter().map(|h| h.to_string()).collect());
    line(w.iter().map(|n| "-".repeat(*n)).collect());
    for (r, row) in rows.iter().enumerate() {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .zip(w)
            .map(|(cell, cw)| {
                cell.lines
                    .iter()
                    .flat_map(|l| wrap(&aligned(l), cw))
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        if r > 0 {
            line(Vec::new());
        }
        for i in 0..height {
            line(
                wrapped
                    .iter()
                    .map(|c| c.get(i).cloned().unwrap_or_default())
                    .collect(),
            );
        }
    }
    out
}

pub(crate) fn render(ctx: &Ctx<'_>) -> Result<String> {
    let total = ctx.opts.wrap.unwrap_or(DEFAULT_WIDTH);
    let rows = rows(ctx)?;
    let w = widths(fixed_widths(ctx.snap, ctx.scope), &rows, total);
    let mut doc = Doc::new();
    doc.line(aligned(&format!("{}工作台账", ctx.action_name())));
    doc.line(aligned(&ctx.as_of_line()));
    doc.blank();
    if rows.is_empty() {
        doc.line("尚无任务。");
    } else {
        doc.pre(table(&rows, w));
    }
    Ok(doc.render(Some(total)))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn cell(s: &str) -> Cell {
        Cell::one(s.to_string())
    }

    #[test]
    fn cells_join_without_doubling_sentence_ends() {
        let c = Cell::new(vec!["甲。".into(), "乙".into(), "丙".into()], "；");
        assert_eq!(c.joined(), "甲。乙；丙");
    }

    #[test]
    fn long_cells_wrap_inside_their_columns() {
        let mut row: Row = Default::default();
        row[0] = cell("1");
        row[1] = cell("科技创新三八红旗手（集体）评选");
        row[7] = cell("“百千万巾帼大宣讲”320场……");
        let w = [4, 8, 8, 8, 8, 6, 6, 12];
        let t = table(&[row], w);
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines.len() > 3, "{t}");
        assert!(t.contains("「百千万巾"), "{t}");
        assert!(!t.contains('“') && !t.contains('…'), "{t}");
        assert!(
            lines
                .iter()
                .all(|l| width(l) <= w.iter().sum::<usize>() + 14)
        );
    }
}
