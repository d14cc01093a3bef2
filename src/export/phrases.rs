//! The sentences the templates share, worded once so that the memo, the
//! reminder list and the ledger say the same thing the same way, and so
//! that successive memos compare line by line. Every figure comes from the
//! snapshot; every number through `model::numbers`.

use super::text::{date, inline, join, quoted};
use crate::analysis::{DataWarning, Deadline, DueCounts, Pace, Snapshot};
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

/// What a data warning says, without the status word it questions:
/// `已收到进展报送、办结时间节点1个`, `2个时间节点未标记完成`.
pub fn warning_facts(w: DataWarning) -> String {
    match w {
        DataWarning::NotStartedButActive {
            reports,
            milestones_done,
            progress_set,
        } => {
            let mut parts = Vec::new();
            if reports {
                parts.push("收到进展报送".to_string());
            }
            if milestones_done > 0 {
                parts.push(format!("办结时间节点{milestones_done}个"));
            }
            if progress_set {
                parts.push("填报进度".to_string());
            }
            format!("已{}", parts.join("、"))
        }
        DataWarning::DoneWithOpenMilestones { open } => {
            format!("{open}个时间节点未标记完成")
        }
    }
}

/// A task's standing as the rules allow it to be said (see
/// `analysis::statement`): `推进中，完成率45%，序时进度40%，达进度。`,
/// `推进中，完成率45%，序时进度未设定。`, `滞后（原因），完成率15%，序时进度22%。`,
/// `未启动。`, `已完成。`, `方案尚未实施。`, or the data warning for a task
/// marked 未启动 with work recorded.
pub fn standing(snap: &Snapshot, node: &Node) -> String {
    let Some(said) = snap.stat(node.id).map(|s| s.statement) else {
        return format!("{}。", status(node));
    };
    if said.before_plan {
        return "方案尚未实施。".into();
    }
    match (said.status, said.warning) {
        (Status::NotStarted, Some(w)) => {
            return format!(
                "状态登记为未启动，但截至{}{}，状态待核实。",
                date(snap.as_of),
                warning_facts(w)
            );
        }
        (Status::Done, Some(w)) => return format!("已完成（{}，请核实）。", warning_facts(w)),
        (Status::Done, None) => return "已完成。".into(),
        _ => {}
    }
    let mut s = status(node);
    if let Some(p) = said.progress {
        s.push_str(&format!("，完成率{}", percent0(p)));
    }
    match (said.expected, said.pace) {
        (Some(e), p) if p.is_class() => {
            s.push_str(&format!("，序时进度{}，{}", percent0(e), pace(p)));
        }
        (Some(e), _) => s.push_str(&format!("，序时进度{}", percent0(e))),
        (None, Pace::Unset) => s.push_str("，序时进度未设定"),
        (None, _) => {}
    }
    s.push('。');
    s
}

pub fn pace(p: Pace) -> &'static str {
    p.label_zh()
}

/// One indicator's reported total, and the part of it still pending
/// review on the as-of date: `学习宣传活动412场（目标2000场，完成20.6%，
/// 其中待审核120场）`.
pub fn indicator(snap: &Snapshot, i: &Indicator) -> String {
    let total = snap.indicator_total(i.id);
    let pending = snap.indicator_pending(i.id);
    let measure = inline(&i.measure);
    let mut s = format!("{}{}{measure}", inline(&i.name), quantity(total));
    let mut notes = Vec::new();
    if let Some(t) = i.target.filter(|t| *t > 0.0) {
        notes.push(format!("目标{}{measure}", quantity(t)));
        notes.push(format!("完成{}", rate(total, t)));
    }
    if pending > 0.0 {
        notes.push(format!("其中待审核{}{measure}", quantity(pending)));
    }
    if !notes.is_empty() {
        s.push_str(&format!("（{}）", notes.join("，")));
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
/// 已逾期31天。下一时间节点为2022年3月31日“首批工作室挂牌”。` Nothing for a
/// task 已完成 (its open milestones are a data warning, said in its standing).
pub fn schedule(snap: &Snapshot, node: &Node) -> String {
    let said = snap.stat(node.id).map(|s| s.statement);
    if said.is_some_and(|s| s.status == Status::Done && !s.before_plan) {
        return String::new();
    }
    let as_of = snap.as_of;
    let mut open: Vec<_> = snap
        .milestones_of(node.id)
        .filter(|m| snap.milestone_open(m))
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
    if let Some(due) = node.due.filter(|d| *d < as_of)
        && !snap.milestones_of(node.id).any(|m| m.due == due)
    {
        s.push_str(&format!(
            "任务应于{}完成，已逾期{}天。",
            date(due),
            (as_of - due).num_days()
        ));
    }
    if let Some(m) = open.iter().find(|m| m.due >= as_of) {
        let when = if m.due == as_of {
            "今日到期".to_string()
        } else {
            date(m.due)
        };
        s.push_str(&format!(
            "下一时间节点为{when}{}。",
            quoted(&inline(&m.title))
        ));
    }
    s
}

/// The deadlines counted (milestones and tasks' own due dates), the same
/// figures the reminder list, the overview and `tree` give:
/// `截至2023年6月30日，逾期未完成事项3项，今日到期3项，另有1项将在30日内到期。`
pub fn due_counts(snap: &Snapshot, c: &DueCounts) -> String {
    let warn = snap.plan.warning_days;
    let mut parts = Vec::new();
    if c.overdue > 0 {
        parts.push(format!("逾期未完成事项{}项", c.overdue));
    }
    if c.today > 0 {
        parts.push(format!("今日到期{}项", c.today));
    }
    if c.soon > 0 {
        let lead = if parts.is_empty() { "" } else { "另有" };
        parts.push(format!("{lead}{}项将在{warn}日内到期", c.soon));
    }
    if parts.is_empty() {
        return format!(
            "截至{}，没有逾期未完成、今日到期或{warn}日内到期的事项。",
            date(snap.as_of)
        );
    }
    format!("截至{}，{}。", date(snap.as_of), parts.join("，"))
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

/// A task behind pace or marked 滞后, with its figures in brackets for a
/// list under a heading that names the trouble (部分任务欠进度 /
/// 部分任务滞后): `“资源共享平台”（完成率15%，序时进度22%）`. The reason
/// for 滞后 is given in 二、分项推进情况.
pub fn behind(snap: &Snapshot, node: &Node) -> String {
    let mut parts = Vec::new();
    if let Some(said) = snap.stat(node.id).map(|s| s.statement) {
        if let Some(p) = said.progress {
            parts.push(format!("完成率{}", percent0(p)));
        }
        if let Some(e) = said.expected {
            parts.push(format!("序时进度{}", percent0(e)));
        }
    }
    if parts.is_empty() {
        quoted(&inline(&node.title))
    } else {
        format!("{}（{}）", quoted(&inline(&node.title)), parts.join("，"))
    }
}

/// A task whose data contradicts its status, for the list of those to
/// check: `“参政议政平台”（登记为未启动，已收到进展报送）`.
pub fn questioned(node: &Node, w: DataWarning) -> String {
    let registered = match w {
        DataWarning::NotStartedButActive { .. } => "登记为未启动",
        DataWarning::DoneWithOpenMilestones { .. } => "登记为已完成",
    };
    format!(
        "{}（{registered}，{}）",
        quoted(&inline(&node.title)),
        warning_facts(w)
    )
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
