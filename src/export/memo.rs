//! 情况通报: the memo a coordinator pastes into WPS or Word. Four sections
//! in the order bulletins use — 一、总体进展 (counts and rates),
//! 二、分项推进情况 (every action and task with agencies, standing and the
//! reported figures), 三、存在问题 (overdue milestones and tasks behind
//! pace, by lead agency), 四、报送情况 (coverage and the units still to
//! report). An empty section says so in one sentence; the wording stays
//! the same from one memo to the next so that they compare.

use std::collections::HashMap;

use super::phrases;
use super::text::{Doc, date, inline, join, numbered, section, subsection};
use super::{Ctx, Result, unit_names};
use crate::analysis::{Pace, UnitStanding};
use crate::model::numbers::{percent0, rate};
use crate::model::{Node, NodeKind, Status};

pub(crate) fn render(ctx: &Ctx<'_>) -> Result<String> {
    let reporting = ctx
        .store
        .units_reporting_per_node(ctx.coverage.period, ctx.snap.as_of)?;
    let mut doc = Doc::new();
    doc.line(format!("{}推进情况通报", ctx.action_name()));
    doc.line(ctx.as_of_line());
    doc.blank();
    doc.line(format!("{}总体进展", section(1)));
    overall(ctx, &mut doc);
    doc.line(format!("{}分项推进情况", section(2)));
    items(ctx, &reporting, &mut doc);
    doc.line(format!("{}存在问题", section(3)));
    problems(ctx, &mut doc);
    doc.line(format!("{}报送情况", section(4)));
    coverage(ctx, &mut doc);
    Ok(doc.render(ctx.opts.wrap))
}

/// 一、总体进展: tasks by status and pace, milestones and deadlines, this
/// period's coverage. Before the plan's start it says so instead.
fn overall(ctx: &Ctx<'_>, doc: &mut Doc) {
    let snap = ctx.snap;
    let scope = ctx.scope;
    let as_of = date(snap.as_of);
    let (tasks, subtasks) = snap.work_item_counts(scope);
    let total = tasks + subtasks;
    let mut p = match ctx.agency() {
        Some(a) => format!("{}牵头和配合", inline(&a.short_name)),
        None => format!("{}共分解", ctx.action_name()),
    };
    if total == 0 {
        p.push_str("的任务尚未明确。");
        doc.para(p);
    } else {
        p.push_str(&format!("任务{tasks}项"));
        if subtasks > 0 {
            p.push_str(&format!("、子任务{subtasks}项"));
        }
        p.push('。');
        if snap.before_plan() {
            p.push_str(&before_plan_sentence(ctx));
            doc.para(p);
        } else {
            p.push_str(&format!("截至{as_of}，{}。", standing_counts(ctx)));
            doc.para(p);
        }
    }
    if !snap.before_plan() {
        doc.para(milestones(ctx));
    }
    doc.para(coverage_sentence(ctx));
}

/// `方案自2021年6月9日起实施，截至2020年1月1日尚未实施。`
fn before_plan_sentence(ctx: &Ctx<'_>) -> String {
    let snap = ctx.snap;
    match snap.plan.begins() {
        Some(b) => format!(
            "方案自{}起实施，截至{}尚未实施。",
            date(b),
            date(snap.as_of)
        ),
        None => format!("截至{}方案尚未实施。", date(snap.as_of)),
    }
}

/// `已完成2项，推进中15项，…；推进中的15项按序时进度，超进度5项、达进度7项、
/// 欠进度3项（占20%）；任务平均完成率24%`, with 序时进度 未设定 said where
/// there is nothing to measure against, and the tasks to check.
fn standing_counts(ctx: &Ctx<'_>) -> String {
    let snap = ctx.snap;
    let scope = ctx.scope;
    let by_status = snap.status_counts(scope);
    let count = |s: Status| by_status.iter().find(|(x, _)| *x == s).map_or(0, |x| x.1);
    let order = [
        Status::Done,
        Status::InProgress,
        Status::Late,
        Status::Paused,
        Status::NotStarted,
    ];
    let statuses: Vec<String> = order
        .iter()
        .filter(|s| count(**s) > 0)
        .map(|s| format!("{}{}项", s.label_zh(), count(*s)))
        .collect();
    let mut parts = vec![statuses.join("，")];
    let in_progress = count(Status::InProgress);
    let paces = snap.pace_counts_in(scope);
    let unset = paces
        .iter()
        .find(|(p, _)| *p == Pace::Unset)
        .map_or(0, |x| x.1);
    let classed: Vec<String> = paces
        .iter()
        .filter(|(p, n)| p.is_class() && *n > 0)
        .map(|(p, n)| {
            let mut w = format!("{}{n}项", phrases::pace(*p));
            if *p == Pace::Behind {
                w.push_str(&format!("（占{}）", rate(*n as f64, in_progress as f64)));
            }
            w
        })
        .collect();
    if snap.plan.end.is_none() {
        parts.push(if snap.has_schedule() {
            "方案未设定结束日期，序时进度仅按任务自身起止日期或时间节点计算，其余任务序时进度未设定"
                .to_string()
        } else {
            "方案未设定结束日期，序时进度未设定".to_string()
        });
    }
    if in_progress > 0 && snap.has_schedule() {
        let mut w = format!("推进中的{in_progress}项");
        if !classed.is_empty() {
            w.push_str(&format!("按序时进度，{}", classed.join("、")));
            if unset > 0 {
                w.push_str(&format!("，另有{unset}项序时进度未设定"));
            }
        } else {
            w.push_str("序时进度未设定");
        }
        parts.push(w);
    }
    let warnings = snap
        .warnings()
        .iter()
        .filter(|(n, _)| snap.in_scope(scope, n.id))
        .count();
    if warnings > 0 {
        parts.push(format!("另有{warnings}项状态与进展记录不符，待核实"));
    }
    // An average over tasks none of which has started says nothing.
    if count(Status::NotStarted) < by_status.iter().map(|x| x.1).sum::<usize>() {
        parts.push(format!(
            "任务平均完成率{}",
            percent0(snap.progress_in(scope))
        ));
    }
    parts.join("；")
}

/// `设置时间节点47个，截至…应完成20个，其中按期完成15个、逾期完成2个、
/// 尚未完成3个，按期完成率75%。截至…，逾期未完成事项3项、今日到期1项，另有
/// 2项将在30日内到期。` The counts of the second sentence are those of the
/// reminder list, the overview and `tree`.
fn milestones(ctx: &Ctx<'_>) -> String {
    let snap = ctx.snap;
    let as_of = date(snap.as_of);
    let t = snap.milestone_tally(ctx.scope);
    let mut s = if t.total == 0 {
        "尚未设置时间节点。".to_string()
    } else if t.due == 0 {
        format!("设置时间节点{}个，截至{as_of}尚无到期节点。", t.total)
    } else {
        let open = t.due - t.on_time - t.done_late;
        let parts: Vec<String> = [
            ("按期完成", t.on_time),
            ("逾期完成", t.done_late),
            ("尚未完成", open),
        ]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(w, n)| format!("{w}{n}个"))
        .collect();
        let (on_time, due) = t.on_time_rate();
        format!(
            "设置时间节点{}个，截至{as_of}应完成{}个，其中{}，按期完成率{}。",
            t.total,
            t.due,
            parts.join("、"),
            rate(on_time as f64, due as f64)
        )
    };
    s.push_str(&phrases::due_counts(
        snap,
        &snap.deadlines(ctx.scope).counts(),
    ));
    s
}

/// `2021年第四季度应报送单位41个，已报送30个，报送率73.2%。`
fn coverage_sentence(ctx: &Ctx<'_>) -> String {
    if ctx.snap.before_plan() {
        return "方案尚未实施，尚未开始报送。".into();
    }
    let c = &ctx.coverage;
    let label = c.period.label_cn();
    let (expected, reported) = (c.expected(), c.reported());
    if expected == 0 {
        return format!("{label}无应报送单位。");
    }
    if reported == 0 {
        return format!("{label}应报送单位{expected}个，尚无单位报送。");
    }
    let late = c.late().count();
    let mut s = format!("{label}应报送单位{expected}个，已报送{reported}个");
    if late > 0 {
        s.push_str(&format!("（其中逾期报送{late}个）"));
    }
    s.push_str(&format!(
        "，报送率{}。",
        rate(reported as f64, expected as f64)
    ));
    s
}

/// Whether a node, or something under it, is in the memo's scope.
fn visible(ctx: &Ctx<'_>, id: i64) -> bool {
    let outline = &ctx.snap.outline;
    ctx.snap.in_scope(ctx.scope, id)
        || outline.descendants(id).iter().any(|d| {
            outline.kind(*d).is_some_and(NodeKind::is_work) && ctx.snap.in_scope(ctx.scope, *d)
        })
}

/// Work items directly under `parent` that the memo shows.
fn shown_children<'a>(ctx: &Ctx<'a>, parent: i64) -> Vec<&'a Node> {
    let outline = &ctx.snap.outline;
    outline
        .children(parent)
        .iter()
        .filter_map(|id| outline.get(*id))
        .filter(|n| NodeKind::of_level(n.level).is_work() && visible(ctx, n.id))
        .collect()
}

/// 二、分项推进情况: each node that holds tasks (an action, or a part
/// with tasks of its own) as （一）, its tasks as 1., sub-tasks as （1）.
/// Numbers count what the memo shows, so a memo narrowed to one agency
/// has no gaps.
fn items(ctx: &Ctx<'_>, reporting: &HashMap<i64, u32>, doc: &mut Doc) {
    let snap = ctx.snap;
    let mut groups = 0;
    for group in snap.outline.iter() {
        if NodeKind::of_level(group.level).is_work() {
            continue;
        }
        let tasks = shown_children(ctx, group.id);
        if tasks.is_empty() {
            continue;
        }
        groups += 1;
        doc.line(format!("{}{}", subsection(groups), inline(&group.title)));
        for (i, t) in tasks.iter().enumerate() {
            item(ctx, reporting, doc, t, i + 1);
        }
    }
    if groups == 0 {
        doc.para(match ctx.agency() {
            Some(a) => format!("{}尚无牵头或配合的任务。", inline(&a.short_name)),
            None => "方案尚未分解任务。".to_string(),
        });
    }
}

fn item(ctx: &Ctx<'_>, reporting: &HashMap<i64, u32>, doc: &mut Doc, node: &Node, n: usize) {
    let snap = ctx.snap;
    let mut p = format!(
        "{}{}{}。",
        numbered(node.level, n),
        inline(&node.title),
        phrases::roles(snap, node.id)
    );
    p.push_str(&phrases::standing(snap, node));
    p.push_str(&phrases::indicators(snap, node.id));
    let has_indicators = snap.indicators_of(node.id).next().is_some();
    if node.reportable
        && !snap.before_plan()
        && (has_indicators || snap.last_report.contains_key(&node.id))
    {
        p.push_str(&units_reporting(ctx, reporting.get(&node.id).copied()));
    }
    p.push_str(&phrases::schedule(snap, node));
    doc.para(p);
    for (i, child) in shown_children(ctx, node.id).iter().enumerate() {
        item(ctx, reporting, doc, child, i + 1);
    }
}

/// `2021年第四季度已有38个单位报送进展。`
fn units_reporting(ctx: &Ctx<'_>, n: Option<u32>) -> String {
    let label = ctx.coverage.period.label_cn();
    let expected = ctx.coverage.expected();
    match n.unwrap_or(0) as usize {
        0 => format!("{label}尚无单位报送进展。"),
        n if n >= expected => format!("{label}{expected}个单位均已报送进展。"),
        n => format!("{label}已有{n}个单位报送进展。"),
    }
}

/// 三、存在问题: what is overdue, the tasks marked 滞后, the tasks in
/// progress behind pace, and the tasks whose records contradict their
/// status — each list under its own heading, by lead agency.
fn problems(ctx: &Ctx<'_>, doc: &mut Doc) {
    let snap = ctx.snap;
    if snap.before_plan() {
        doc.para(format!(
            "截至{}，方案尚未实施，没有需要通报的问题。",
            date(snap.as_of)
        ));
        return;
    }
    let overdue: Vec<(i64, String)> = snap
        .deadlines(ctx.scope)
        .overdue
        .iter()
        .map(|d| {
            (
                d.node_id,
                format!("{}逾期{}天", phrases::deadline(snap, d), d.days),
            )
        })
        .collect();
    let items = snap.work_items_in(ctx.scope);
    let said = |n: &Node| snap.stat(n.id).map(|s| s.statement);
    let late: Vec<(i64, String)> = items
        .iter()
        .filter(|n| said(n).is_some_and(|s| s.status == Status::Late))
        .map(|n| (n.id, phrases::behind(snap, n)))
        .collect();
    let behind: Vec<(i64, String)> = items
        .iter()
        .filter(|n| said(n).is_some_and(|s| s.pace == Pace::Behind))
        .map(|n| (n.id, phrases::behind(snap, n)))
        .collect();
    let questioned: Vec<(i64, String)> = items
        .iter()
        .filter_map(|n| Some((n, said(n)?.warning?)))
        .map(|(n, w)| (n.id, phrases::questioned(n, w)))
        .collect();
    if overdue.is_empty() && late.is_empty() && behind.is_empty() && questioned.is_empty() {
        doc.para(format!(
            "截至{}，没有逾期未完成的事项，也没有滞后或欠进度的任务。",
            date(snap.as_of)
        ));
        return;
    }
    let mut n = 0;
    for (heading, list) in [
        ("部分事项逾期未完成。", &overdue),
        ("部分任务滞后。", &late),
        ("部分任务欠进度。", &behind),
        ("部分任务状态与进展记录不符，请核实。", &questioned),
    ] {
        if list.is_empty() {
            continue;
        }
        n += 1;
        doc.para(format!(
            "{}{heading}{}。",
            subsection(n),
            phrases::by_lead(snap, list)
        ));
    }
}

/// 四、报送情况: the period's deadline, the counts, and by name the units
/// that have not reported or reported late.
fn coverage(ctx: &Ctx<'_>, doc: &mut Doc) {
    let snap = ctx.snap;
    let c = &ctx.coverage;
    let label = c.period.label_cn();
    let deadline = date(c.deadline);
    let expected = c.expected();
    if expected == 0 {
        doc.para(format!("{label}无应报送单位。"));
        return;
    }
    if snap.before_plan() {
        doc.para("方案尚未实施，尚未开始报送。");
        return;
    }
    let names = unit_names(snap);
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let on_time = c
        .units
        .iter()
        .filter(|u| u.standing == UnitStanding::OnTime)
        .count();
    let late: Vec<String> = c.late().map(|u| name(u.unit_id)).collect();
    let missing: Vec<String> = c.not_reported().map(|u| name(u.unit_id)).collect();
    let past = snap.as_of > c.deadline;
    let mut p = format!(
        "{label}进展报送截止日期为{deadline}。截至{}，应报送单位{expected}个，",
        date(snap.as_of)
    );
    if c.reported() == 0 {
        p.push_str("尚无单位报送");
    } else {
        p.push_str(&format!("已按时报送{on_time}个"));
        if !late.is_empty() {
            p.push_str(&format!("，逾期报送{}个", late.len()));
        }
        p.push_str(&format!(
            "，报送率{}",
            rate(c.reported() as f64, expected as f64)
        ));
    }
    p.push('。');
    if missing.len() == expected {
        p.push_str(if past {
            "各单位均未报送，请尽快补报。"
        } else {
            "请各单位按时报送。"
        });
    } else if !missing.is_empty() {
        p.push_str(&join(&missing));
        p.push_str(&if past {
            "未按时报送，请尽快补报。".to_string()
        } else {
            format!("尚未报送，请于{deadline}前报送。")
        });
    } else if late.is_empty() {
        p.push_str("各单位均已按时报送。");
    }
    if !late.is_empty() {
        p.push_str(&format!("{}逾期报送。", join(&late)));
    }
    doc.para(p);
}
