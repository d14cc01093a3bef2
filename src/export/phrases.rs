//! The sentences the templates share, worded once so that the memo, the
//! reminder list and the ledger say the same thing the same way, and so
//! that successive memos compare line by line. Every figure comes from the
//! snapshot; every number through `model::numbers`.

use super::text::{date, inline, join, quoted};
use crate::analysis::{Deadline, Pace, Snapshot};
use crate::model::numbers::{percent0, quantity, rate};
use crate::model::{Indicator, Node, Role, Status};

/// Short names of the agencies with `role` on a node, cleaned.
pub fn agencies(snap: &Snapshot, node_id: i64, role: Role) -> Vec<String> {
    snap.agencies_of(node_id, role)
        .iter()
        .map(|a| inline(&a.short_name))
        .collect()
}

/// `（牵头：市妇联；配合：市科协）`, or the part that exists, or nothing.
pub fn roles(snap: &Snapshot, node_id: i64) -> String {
    let lead = agencies(snap, node_id, Role::Lead);
    let support = agencies(snap, node_id, Role::Support);
    let mut parts = Vec::new();
    if !lead.is_empty() {
        parts.push(format!("牵头：{}", join(&lead)));
    }
    if !support.is_empty() {
        parts.push(format!("配合：{}", join(&support)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("（{}）", parts.join("；"))
    }
}

/// The status word, with the reason for 滞后 or 暂停: `滞后（协同机制尚未建立）`.
pub fn status(node: &Node) -> String {
    let word = node.status.label_zh();
    match node.status_reason.as_deref().map(inline) {
        Some(r) if node.status.needs_reason() && !r.is_empty() => format!("{word}（{r}）"),
        _ => word.to_string(),
    }
}

/// `推进中，完成率45%，序时进度40%，达进度。` or `已完成。`
pub fn standing(snap: &Snapshot, node: &Node) -> String {
    if node.status == Status::Done {
        return "已完成。".into();
    }
    let mut s = status(node);
    if let Some(stat) = snap.stat(node.id) {
        s.push_str(&format!("，完成率{}", percent0(stat.progress)));
        if let Some(e) = stat.expected {
            s.push_str(&format!("，序时进度{}，{}", percent0(e), pace(stat.pace)));
        }
    }
    s.push('。');
    s
}

pub fn pace(p: Pace) -> &'static str {
    p.label_zh()
}

/// One indicator's reported total: `学习宣传活动412场（目标2000场，完成20.6%）`.
pub fn indicator(snap: &Snapshot, i: &Indicator) -> String {
    let total = snap.indicator_total(i.id);
    let measure = inline(&i.measure);
    let mut s = format!("{}{}{measure}", inline(&i.name), quantity(total));
    if let Some(t) = i.target.filter(|t| *t > 0.0) {
        s.push_str(&format!(
            "（目标{}{measure}，完成{}）",
            quantity(t),
            rate(total, t)
        ));
    }
    s
}

/// One indicator on a line of its own: its total as [`indicator`] words
/// it, or `推荐优秀女科技人才尚无报送数据` before anything is reported.
pub fn indicator_line(snap: &Snapshot, i: &Indicator) -> String {
    if snap.indicator_total(i.id) > 0.0 {
        indicator(snap, i)
    } else {
        format!("{}尚无报送数据", inline(&i.name))
    }
}

/// The reported totals of a node's indicators as a sentence:
/// `累计报送A 32个（…）、B 210场（…）。C尚无报送数据。`; empty without
/// indicators.
pub fn indicators(snap: &Snapshot, node_id: i64) -> String {
    let (reported, silent): (Vec<&Indicator>, Vec<&Indicator>) = snap
        .indicators_of(node_id)
        .partition(|i| snap.indicator_total(i.id) > 0.0);
    let mut s = String::new();
    if !reported.is_empty() {
        let parts: Vec<String> = reported.iter().map(|i| indicator(snap, i)).collect();
        s.push_str(&format!("累计报送{}。", join(&parts)));
    }
    if !silent.is_empty() {
        let names: Vec<String> = silent.iter().map(|i| inline(&i.name)).collect();
        s.push_str(&format!("{}尚无报送数据。", join(&names)));
    }
    s
}

/// What falls due on a node: its overdue milestones, its own overdue due
/// date, and the next milestone — `“首批认定”节点应于2021年11月30日完成，
/// 已逾期31天。下一时间节点为2022年3月31日“首批工作室挂牌”。`
pub fn schedule(snap: &Snapshot, node: &Node) -> String {
    if node.status == Status::Done {
        return String::new();
    }
    let as_of = snap.as_of;
    let mut open: Vec<_> = snap
        .milestones_of(node.id)
        .filter(|m| !m.done_by(as_of))
        .collect();
    open.sort_by_key(|m| (m.due, m.id));
    let mut s = String::new();
    let late: Vec<String> = open
        .iter()
        .filter(|m| m.due < as_of)
        .map(|m| {
            format!(
                "{}节点应于{}完成，已逾期{}天",
                quoted(&inline(&m.title)),
                date(m.due),
                (as_of - m.due).num_days()
            )
        })
        .collect();
    if !late.is_empty() {
        s.push_str(&late.join("；"));
        s.push('。');
    }
    if let Some(due) = node.due.filter(|d| *d < as_of) {
        s.push_str(&format!(
            "任务应于{}完成，已逾期{}天。",
            date(due),
            (as_of - due).num_days()
        ));
    }
    if let Some(m) = open.iter().find(|m| m.due >= as_of) {
        s.push_str(&format!(
            "下一时间节点为{}{}。",
            date(m.due),
            quoted(&inline(&m.title))
        ));
    }
    s
}

/// A deadline named for a list: `“首批认定”（“她力量”建功，应于2021年11月30日完成）`
/// for a milestone, `“资源共享平台”任务（应于2025年12月31日完成）` for a
/// task's own due date.
pub fn deadline(snap: &Snapshot, d: &Deadline) -> String {
    let task = snap
        .outline
        .get(d.node_id)
        .map(|n| inline(&n.title))
        .unwrap_or_default();
    match d.milestone_id.and_then(|id| snap.milestone(id)) {
        Some(m) => format!(
            "{}（{task}，应于{}完成）",
            quoted(&inline(&m.title)),
            date(d.due)
        ),
        None => format!("{}任务（应于{}完成）", quoted(&task), date(d.due)),
    }
}

/// A task behind pace or marked 滞后, its figures in brackets so that a
/// list of them reads clearly:
/// `“资源共享平台”（滞后，完成率15%，序时进度22%）`. The reason for 滞后 or
/// 暂停 is given in 二、分项推进情况.
pub fn behind(snap: &Snapshot, node: &Node) -> String {
    let mut parts = Vec::new();
    if node.status != Status::InProgress {
        parts.push(node.status.label_zh().to_string());
    }
    if let Some(stat) = snap.stat(node.id) {
        parts.push(format!("完成率{}", percent0(stat.progress)));
        if let Some(e) = stat.expected {
            parts.push(format!("序时进度{}", percent0(e)));
        }
    }
    format!("{}（{}）", quoted(&inline(&node.title)), parts.join("，"))
}

/// Items grouped by the lead agency of their node, agencies in their
/// listed order and items without one last:
/// `市总工会牵头的A、B；市科技局牵头的C`.
pub fn by_lead(snap: &Snapshot, items: &[(i64, String)]) -> String {
    let mut groups: Vec<(Option<i64>, Vec<&str>)> = Vec::new();
    for (node, text) in items {
        let lead = snap.lead_agency(*node).map(|a| a.id);
        match groups.iter_mut().find(|(a, _)| *a == lead) {
            Some((_, list)) => list.push(text),
            None => groups.push((lead, vec![text])),
        }
    }
    let order = |a: &Option<i64>| match a.and_then(|id| snap.agency(id)) {
        Some(ag) => (0, ag.position, ag.id),
        None => (1, 0, 0),
    };
    groups.sort_by_key(|(a, _)| order(a));
    groups
        .iter()
        .map(|(a, list)| {
            let who = match a.and_then(|id| snap.agency(id)) {
                Some(ag) => format!("{}牵头的", inline(&ag.short_name)),
                None => "未明确牵头单位的".to_string(),
            };
            format!("{who}{}", join(list))
        })
        .collect::<Vec<_>>()
        .join("；")
}
