//! 报送情况: for one reporting period, every unit that should report,
//! under 已按时报送, 逾期报送 or 尚未报送 (with how many reports or when),
//! and the reporting rate. The period is the one due at the as-of date
//! unless `--period` names another.

use super::text::{Doc, date, join, section};
use super::{Ctx, unit_names};
use crate::analysis::UnitStanding;
use crate::model::numbers::rate;

pub(crate) fn render(ctx: &Ctx<'_>) -> String {
    let snap = ctx.snap;
    let c = &ctx.coverage;
    let label = c.period.label_cn();
    let as_of = date(snap.as_of);
    let deadline = date(c.deadline);
    let past = snap.as_of > c.deadline;
    let mut doc = Doc::new();
    doc.line(format!("{}进展报送情况", ctx.action_name()));
    doc.line(format!("（{label}，截至{as_of}）"));
    doc.blank();
    let expected = c.expected();
    if expected == 0 {
        doc.para(format!("{label}无应报送单位。"));
        return doc.render(ctx.opts.wrap);
    }
    let names = unit_names(snap);
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let on_time: Vec<String> = c
        .units
        .iter()
        .filter(|u| u.standing == UnitStanding::OnTime)
        .map(|u| format!("{}（{}条）", name(u.unit_id), u.reports))
        .collect();
    let late: Vec<String> = c
        .late()
        .map(|u| {
            let first = u.first.map(date).unwrap_or_default();
            format!("{}（{first}报送，{}条）", name(u.unit_id), u.reports)
        })
        .collect();
    let missing: Vec<String> = c.not_reported().map(|u| name(u.unit_id)).collect();
    let reported = c.reported();
    let mut p =
        format!("{label}进展报送截止日期为{deadline}。截至{as_of}，应报送单位{expected}个，");
    if reported == 0 {
        p.push_str("尚无单位报送。");
    } else {
        p.push_str(&format!("已报送{reported}个"));
        if !late.is_empty() {
            p.push_str(&format!(
                "（按时报送{}个，逾期报送{}个）",
                on_time.len(),
                late.len()
            ));
        }
        if !missing.is_empty() {
            p.push_str(&format!("，尚未报送{}个", missing.len()));
        }
        p.push_str(&format!(
            "，报送率{}。",
            rate(reported as f64, expected as f64)
        ));
    }
    doc.para(p);
    let groups: [(&str, &Vec<String>, String); 3] = [
        ("已按时报送", &on_time, "尚无按时报送的单位。".into()),
        ("逾期报送", &late, "没有逾期报送的单位。".into()),
        ("尚未报送", &missing, "各单位均已报送。".into()),
    ];
    for (k, (heading, list, empty)) in groups.iter().enumerate() {
        if list.is_empty() {
            doc.line(format!("{}{heading}", section(k + 1)));
            doc.para(empty.clone());
            continue;
        }
        doc.line(format!("{}{heading}（{}个）", section(k + 1), list.len()));
        let mut text = format!("{}。", join(list));
        if *heading == "尚未报送" {
            text.push_str(&if past {
                "以上单位已过报送截止日期，请尽快补报。".to_string()
            } else {
                format!("请以上单位于{deadline}前报送。")
            });
        }
        doc.para(text);
    }
    doc.render(ctx.opts.wrap)
}
