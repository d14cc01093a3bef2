//! The words of the console's editing: form titles and labels, notes
//! beside fields, confirmations, the conflict dialog, refusals and what a
//! save, an undo or a redo did — in Chinese and English. Record summaries
//! come from the audit log and are shown as stored.

use chrono::{Datelike, NaiveDate, Weekday};

use super::Lang;
use crate::app::form::picker::Source;
use crate::db::edit::Field;
use crate::model::dates::{format_cn, format_iso};
use crate::model::{Node, Outline, Status};

/// A field's label: `截止日期` / `Due date`.
pub fn field(lang: Lang, f: Field) -> String {
    match lang {
        Lang::Zh => f.zh().to_string(),
        Lang::En => {
            let en = f.en();
            let mut c = en.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

fn weekday_zh(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// What a typed date resolves to: `2021年12月31日 周五`.
pub fn resolved_date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{} {}", format_cn(d), weekday_zh(d.weekday())),
        Lang::En => format!("{} {}", format_iso(d), d.format("%a")),
    }
}

pub fn no_date(lang: Lang) -> &'static str {
    lang.pick("不设日期", "no date")
}

pub fn progress_auto(lang: Lang) -> &'static str {
    lang.pick(
        "自动：按指标、节点和子任务推算（或填0到100）",
        "auto: from indicators, milestones and sub-tasks (or 0 to 100)",
    )
}

pub fn valid_from(lang: Lang) -> &'static str {
    lang.pick("设立日期", "Valid from")
}

/// `任务2.1.1「提高政治站位」` / `task 2.1.1 「提高政治站位」`.
pub fn node_what(lang: Lang, outline: &Outline, node: &Node) -> String {
    let (en, zh) = crate::db::edit::kind_words(node.level);
    let code = outline.code(node.id);
    match lang {
        Lang::Zh => format!("{zh}{code}「{}」", node.title),
        Lang::En => format!("{en} {code} 「{}」", node.title),
    }
}

pub fn edit_what(lang: Lang, what: &str) -> String {
    match lang {
        Lang::Zh => format!("编辑{what}"),
        Lang::En => format!("Edit {what}"),
    }
}

pub fn add_subtask(lang: Lang, parent: &str) -> String {
    match lang {
        Lang::Zh => format!("新增子任务（属 {parent}）"),
        Lang::En => format!("New sub-task under {parent}"),
    }
}

pub fn status_change(lang: Lang, node: &str, from: Status, to: Status) -> String {
    let ask = to.needs_reason();
    match lang {
        Lang::Zh => format!(
            "{node}：状态 {}→{}，{}",
            from.label_zh(),
            to.label_zh(),
            if ask {
                "请填写原因和生效日期"
            } else {
                "请确认生效日期"
            }
        ),
        Lang::En => format!(
            "{node}: status {} → {}, {}",
            from.label_en(),
            to.label_en(),
            if ask {
                "give the reason and the day it takes effect"
            } else {
                "confirm the day it takes effect"
            }
        ),
    }
}

pub fn add_milestone(lang: Lang, node: Option<&str>) -> String {
    match (lang, node) {
        (Lang::Zh, Some(n)) => format!("新增时间节点（{n}）"),
        (Lang::Zh, None) => "新增时间节点".into(),
        (Lang::En, Some(n)) => format!("New milestone of {n}"),
        (Lang::En, None) => "New milestone".into(),
    }
}

pub fn edit_milestone(lang: Lang, node: &str) -> String {
    match lang {
        Lang::Zh => format!("编辑时间节点（{node}）"),
        Lang::En => format!("Edit a milestone of {node}"),
    }
}

pub fn milestone_done(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Zh => format!("时间节点「{title}」标记完成"),
        Lang::En => format!("Mark 「{title}」 done"),
    }
}

pub fn add_indicator(lang: Lang, node: &str) -> String {
    match lang {
        Lang::Zh => format!("新增指标（{node}）"),
        Lang::En => format!("New indicator of {node}"),
    }
}

pub fn edit_indicator(lang: Lang, node: &str) -> String {
    match lang {
        Lang::Zh => format!("编辑指标（{node}）"),
        Lang::En => format!("Edit an indicator of {node}"),
    }
}

pub fn add_report(lang: Lang) -> &'static str {
    lang.pick("新增进展报送", "New report")
}

pub fn edit_report(lang: Lang, what: &str) -> String {
    match lang {
        Lang::Zh => format!("更正报送：{what}"),
        Lang::En => format!("Correct the report: {what}"),
    }
}

pub fn review_report(lang: Lang, what: &str) -> String {
    match lang {
        Lang::Zh => format!("审核报送：{what}"),
        Lang::En => format!("Review the report: {what}"),
    }
}

pub fn add_agency(lang: Lang) -> &'static str {
    lang.pick("新增责任单位", "New agency")
}

pub fn edit_agency(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("编辑责任单位「{name}」"),
        Lang::En => format!("Edit the agency 「{name}」"),
    }
}

pub fn add_unit(lang: Lang) -> &'static str {
    lang.pick("新增区县单位", "New unit")
}

pub fn edit_unit(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("编辑单位「{name}」（更名、终止日期）"),
        Lang::En => format!("Edit the unit 「{name}」 (names, end date)"),
    }
}

/// A pick field left empty.
pub fn pick_one(f: Field) -> (String, String) {
    (
        format!("{}: pick one from the list (Enter opens it)", f.en()),
        format!("{}：请从列表中选择（按 Enter 打开列表）", f.zh()),
    )
}

pub fn source(lang: Lang, s: Source) -> &'static str {
    match s {
        Source::Units => lang.pick(
            "输入名称或拼音首字母筛选单位",
            "type a name or pinyin initials",
        ),
        Source::Tasks => lang.pick(
            "输入任务名称、拼音首字母或编号（如 2.1.1）",
            "type a title, pinyin initials or a code (2.1.1)",
        ),
        Source::Agencies => lang.pick(
            "输入名称或拼音首字母；空格选中/取消",
            "type a name or pinyin initials; Space picks",
        ),
    }
}

/// Why an editing key did nothing: the file is read-only.
pub fn read_only(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => {
            let why = if why.contains("--read-only") {
                "启动时指定了 --read-only".to_string()
            } else if why.contains("not writable") {
                format!("文件或其目录不可写：{why}")
            } else {
                why.to_string()
            };
            format!("只读打开（{why}），不能修改。")
        }
        Lang::En => format!("Opened read-only ({why}): nothing can be changed here"),
    }
}

pub fn nothing_here(lang: Lang) -> &'static str {
    lang.pick(
        "总览不能编辑；按 2-5 到各视图后再按 a/e/d",
        "The overview has nothing to edit; press 2-5 for a view",
    )
}

pub fn no_status_here(lang: Lang) -> &'static str {
    lang.pick(
        "只有任务和子任务有状态；请选中任务（1.）或子任务（（1））",
        "Only tasks and sub-tasks have a status",
    )
}

pub fn inbox_only(lang: Lang) -> &'static str {
    lang.pick(
        "请在报送列表中选中一份报送（按 m 回到列表）",
        "Select a report in the inbox (m goes back to it)",
    )
}

pub fn all_filled(lang: Lang) -> &'static str {
    lang.pick(
        "已是最后一项：按 Ctrl-S（或 Ctrl-O）保存，Esc 取消",
        "Last field: Ctrl-S (or Ctrl-O) saves, Esc cancels",
    )
}

pub fn kept_theirs(lang: Lang) -> &'static str {
    lang.pick(
        "已保留对方的版本，您的修改未保存。",
        "Kept their version; yours was not saved.",
    )
}

pub fn was_deleted(lang: Lang) -> &'static str {
    lang.pick(
        "该记录已被他人删除，无法保存；按 t 关闭表单，或 e 返回复制您填写的内容",
        "The record was deleted; it cannot be saved. t closes the form, e goes back",
    )
}

pub fn delete_title(lang: Lang) -> &'static str {
    lang.pick("确认删除", "Delete?")
}

pub fn reopen_title(lang: Lang) -> &'static str {
    lang.pick("重新打开", "Reopen?")
}

pub fn delete_milestone(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Zh => format!("删除时间节点「{title}」"),
        Lang::En => format!("Delete the milestone 「{title}」"),
    }
}

pub fn delete_indicator(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("删除指标「{name}」，各报送中填报的该指标数值一并删除"),
        Lang::En => format!("Delete the indicator 「{name}」 and the values reported for it"),
    }
}

pub fn reopen_milestone(lang: Lang, title: &str, done: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!(
            "时间节点「{title}」已于{}完成；重新打开将清除完成日期",
            format_cn(done)
        ),
        Lang::En => format!(
            "「{title}」 was done on {}; reopening clears the date",
            format_iso(done)
        ),
    }
}

pub fn discard(lang: Lang) -> &'static str {
    lang.pick("放弃已填写的内容？", "Throw away what you typed?")
}

pub fn confirm_keys(lang: Lang) -> &'static str {
    lang.pick("y 确定    n 或 Esc 取消", "y yes    n or Esc no")
}

pub fn discard_keys(lang: Lang) -> &'static str {
    lang.pick(
        "y 放弃    n 或 Esc 继续填写",
        "y throw away    n or Esc keep editing",
    )
}

/// The conflict dialog's words.
pub struct ConflictWords {
    pub title: &'static str,
    pub field: &'static str,
    pub theirs: &'static str,
    pub mine: &'static str,
    pub both: &'static str,
    pub none: &'static str,
    pub keys: &'static str,
    pub deleted_keys: &'static str,
}

pub fn conflict(lang: Lang) -> ConflictWords {
    match lang {
        Lang::Zh => ConflictWords {
            title: "修改冲突：他人已修改该记录",
            field: "项目",
            theirs: "对方的版本（已保存）",
            mine: "我的版本（未保存）",
            both: "双方都改了",
            none: "对方改动的内容不在本表单中；可直接保存您的修改。",
            keys: "t 保留对方的   m 用我的覆盖   e 或 Esc 返回编辑",
            deleted_keys: "t 关闭表单   e 或 Esc 返回编辑（复制您的内容）",
        },
        Lang::En => ConflictWords {
            title: "Conflict: someone else changed this record",
            field: "Field",
            theirs: "Theirs (saved)",
            mine: "Mine (not saved)",
            both: "both changed",
            none: "Their change is outside this form; saving yours keeps it.",
            keys: "t keep theirs   m save mine over theirs   e or Esc back to editing",
            deleted_keys: "t close the form   e or Esc back to editing",
        },
    }
}

pub fn history_heading(lang: Lang) -> &'static str {
    lang.pick("修改记录", "History")
}

pub fn no_history(lang: Lang) -> &'static str {
    lang.pick(
        "无修改记录（初始或导入数据）",
        "No changes recorded (initial or imported data)",
    )
}

pub fn items_heading(lang: Lang, milestones: bool, node: &str) -> String {
    match (lang, milestones) {
        (Lang::Zh, true) => format!("时间节点 — {node}"),
        (Lang::Zh, false) => format!("指标 — {node}"),
        (Lang::En, true) => format!("Milestones — {node}"),
        (Lang::En, false) => format!("Indicators — {node}"),
    }
}

pub fn items_empty(lang: Lang, milestones: bool) -> &'static str {
    match (lang, milestones) {
        (Lang::Zh, true) => "尚无时间节点；按 a 新增",
        (Lang::Zh, false) => "尚无指标；按 a 新增",
        (Lang::En, true) => "No milestones yet; a adds one",
        (Lang::En, false) => "No indicators yet; a adds one",
    }
}

pub fn items_keys(lang: Lang, milestones: bool) -> &'static str {
    match (lang, milestones) {
        (Lang::Zh, true) => "a 新增  e 编辑  x 完成/重开  d 删除  Esc 关闭",
        (Lang::Zh, false) => "a 新增  e 编辑  d 删除  Esc 关闭",
        (Lang::En, true) => "a add  e edit  x done/reopen  d delete  Esc close",
        (Lang::En, false) => "a add  e edit  d delete  Esc close",
    }
}

pub fn no_match(lang: Lang) -> &'static str {
    lang.pick("没有符合的项", "Nothing matches")
}

pub fn ended(lang: Lang) -> &'static str {
    lang.pick("（已撤销）", " (ended)")
}

/// What a save did, for the message line.
pub fn saved(lang: Lang, summary: &str) -> String {
    match lang {
        Lang::Zh => format!("已保存：{summary}"),
        Lang::En => format!("Saved: {summary}"),
    }
}

pub fn unchanged(lang: Lang) -> &'static str {
    lang.pick("没有改动，未保存。", "Nothing changed; nothing saved.")
}

pub fn duplicate(lang: Lang, id: i64) -> String {
    match lang {
        Lang::Zh => format!("与已有报送{id}完全相同，未新增。"),
        Lang::En => format!("Identical to report {id}; nothing added."),
    }
}

/// The log's sentence without its `撤销：` / `重做：` head.
fn bare(summary: &str) -> &str {
    summary
        .strip_prefix("撤销：")
        .or_else(|| summary.strip_prefix("重做："))
        .unwrap_or(summary)
}

pub fn undone(lang: Lang, summary: &str) -> String {
    match lang {
        Lang::Zh => format!("已撤销：{}（Ctrl-R 重做）", bare(summary)),
        Lang::En => format!("Undone: {} (Ctrl-R redoes it)", bare(summary)),
    }
}

pub fn redone(lang: Lang, summary: &str) -> String {
    match lang {
        Lang::Zh => format!("已重做：{}", bare(summary)),
        Lang::En => format!("Redone: {}", bare(summary)),
    }
}

pub fn review_comment(lang: Lang) -> &'static str {
    lang.pick("审核意见", "Review comment")
}

pub fn gone(lang: Lang) -> &'static str {
    lang.pick(
        "该记录已不存在（可能已被他人删除），已重新读取。",
        "The record no longer exists (someone may have deleted it).",
    )
}

/// Someone else changed (or deleted) the record since the form read it.
pub fn conflict_message(
    lang: Lang,
    what: &str,
    since: Option<&crate::db::AuditRecord>,
    versions: Option<(i64, i64)>,
) -> String {
    let who = since.map(|e| {
        (
            e.os_user.as_str(),
            crate::db::edit::short_time(&e.at),
            e.summary.as_str(),
        )
    });
    match (lang, versions, who) {
        (Lang::Zh, None, Some((u, at, _))) => {
            format!("{what}已被 {u} 于 {at} 删除，您的修改未保存。")
        }
        (Lang::Zh, None, None) => format!("{what}已被他人删除，您的修改未保存。"),
        (Lang::Zh, Some((mine, now)), who) => {
            let by = who
                .map(|(u, at, s)| format!("{u} 于 {at} 修改了它：{s}。"))
                .unwrap_or_default();
            format!(
                "您打开{what}之后，{by}您读取的是第{mine}版，现为第{now}版。您的修改尚未保存，请选择："
            )
        }
        (Lang::En, None, Some((u, at, _))) => {
            format!("{what} was deleted by {u} at {at}; your change was not saved.")
        }
        (Lang::En, None, None) => format!("{what} was deleted; your change was not saved."),
        (Lang::En, Some((mine, now)), who) => {
            let by = who
                .map(|(u, at, s)| format!(" {u} changed it at {at}: {s}."))
                .unwrap_or_default();
            format!(
                "Since you opened {what}:{by} You read version {mine}, it is now version {now}. Your change is not saved yet; choose:"
            )
        }
    }
}

pub fn the_record(lang: Lang) -> &'static str {
    lang.pick("该记录", "the record")
}

/// The plan's schedule form.
pub fn edit_schedule(lang: Lang) -> &'static str {
    lang.pick(
        "方案进度安排（起止日期用于计算序时进度）",
        "The plan's schedule (start and end measure 序时进度)",
    )
}
