//! 催办清单: what is overdue and what falls due within the warning window,
//! one section per lead agency, so that each section can be sent to that
//! agency as a reminder as it stands. Each item names the task, the date
//! and how late (or how near) it is, and the supporting agencies to copy.

use super::Ctx;
use super::phrases;
use super::text::{Doc, inline, join, numbered, section, subsection};
use crate::analysis::Deadline;
use crate::model::Role;

pub(crate) fn render(ctx: &Ctx<'_>) -> String {
    let snap = ctx.snap;
    let dl = snap.deadlines(ctx.scope);
    let warn = snap.plan.warning_days;
    let mut doc = Doc::new();
    doc.line(format!("{}催办清单", ctx.action_name()));
    doc.line(ctx.as_of_line());
    doc.blank();
    if dl.is_empty() {
        doc.para(phrases::due_counts(snap, &dl.counts()));
        return doc.render(ctx.opts.wrap);
    }
    // Lead agencies in their listed order; items with none last.
    let mut leads: Vec<Option<i64>> = dl
        .overdue
        .iter()
        .chain(&dl.today)
        .chain(&dl.soon)
        .map(|d| snap.lead_agency(d.node_id).map(|a| a.id))
        .collect();
    let order = |a: &Option<i64>| match a.and_then(|id| snap.agency(id)) {
        Some(ag) => (0, ag.position, ag.id),
        None => (1, 0, 0),
    };
    leads.sort_by_key(order);
    leads.dedup();
    let mut intro = phrases::due_counts(snap, &dl.counts());
    intro.pop();
    intro.push_str(&format!(
        "，涉及牵头单位{}个。请相关单位抓紧推进，按时完成。",
        leads.iter().filter(|a| a.is_some()).count()
    ));
    doc.para(intro);
    for (k, lead) in leads.iter().enumerate() {
        let mine = |list: &[Deadline]| -> Vec<Deadline> {
            list.iter()
                .filter(|d| snap.lead_agency(d.node_id).map(|a| a.id) == *lead)
                .cloned()
                .collect()
        };
        let (over, today, soon) = (mine(&dl.overdue), mine(&dl.today), mine(&dl.soon));
        let name = match lead.and_then(|id| snap.agency(id)) {
            Some(a) => inline(&a.short_name),
            None => "未明确牵头单位".to_string(),
        };
        let mut tally = Vec::new();
        if !over.is_empty() {
            tally.push(format!("逾期{}项", over.len()));
        }
        if !today.is_empty() {
            tally.push(format!("今日到期{}项", today.len()));
        }
        if !soon.is_empty() {
            tally.push(format!("{warn}日内到期{}项", soon.len()));
        }
        doc.line(format!("{}{name}（{}）", section(k + 1), tally.join("，")));
        let mut sub = 0;
        for (heading, list, late) in [
            ("逾期未完成", &over, true),
            ("今日到期", &today, false),
            (&*format!("{warn}日内到期"), &soon, false),
        ] {
            if list.is_empty() {
                continue;
            }
            sub += 1;
            doc.line(format!("{}{heading}", subsection(sub)));
            for (i, d) in list.iter().enumerate() {
                doc.para(format!("{}{}", numbered(2, i + 1), item(ctx, d, late)));
            }
        }
    }
    doc.render(ctx.opts.wrap)
}

/// `“首批认定”（“她力量”建功，应于2021年11月30日完成），已逾期31天；配合单位：市妇联、市国资委。`
fn item(ctx: &Ctx<'_>, d: &Deadline, late: bool) -> String {
    let snap = ctx.snap;
    let mut s = phrases::deadline(snap, d);
    if late {
        s.push_str(&format!("，已逾期{}天", d.days));
    } else if d.days == 0 {
        s.push_str("，今日到期");
    } else {
        s.push_str(&format!("，还有{}天", d.days));
    }
    let support = phrases::agencies(snap, d.node_id, Role::Support);
    if !support.is_empty() {
        s.push_str(&format!("；配合单位：{}", join(&support)));
    }
    s.push('。');
    s
}
