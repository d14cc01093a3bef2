//! The console's words, in Chinese and English. Fixed words are fields of
//! [`Strings`] (one table per language, so a missing translation does not
//! compile); words with figures in them are functions. Plan data — titles,
//! agencies, units, report text — is shown as stored, never translated.

use chrono::NaiveDate;

use super::Lang;
use crate::model::Period;
use crate::model::dates::{format_cn, format_iso};

pub struct Strings {
    pub tabs: [&'static str; 6],
    pub as_of: &'static str,
    pub filter_prompt: &'static str,
    pub as_of_prompt: &'static str,
    pub as_of_prompt_help: &'static str,
    pub no_filter_here: &'static str,
    pub filtered: &'static str,
    pub loading: &'static str,
    pub none: &'static str,
    pub progress: &'static str,
    pub overall: &'static str,
    pub expected: &'static str,
    pub overdue_milestones: &'static str,
    pub no_overdue: &'static str,
    pub nothing_due: &'static str,
    pub latest_reports: &'static str,
    pub no_reports: &'static str,
    pub all_reported: &'static str,
    pub late_reported: &'static str,
    pub status: &'static str,
    pub lead: &'static str,
    pub support: &'static str,
    pub next_milestone: &'static str,
    pub plan_text: &'static str,
    pub indicators: &'static str,
    pub milestones: &'static str,
    pub agencies: &'static str,
    pub units: &'static str,
    pub tasks_led: &'static str,
    pub tasks_supported: &'static str,
    pub overdue: &'static str,
    pub red: &'static str,
    pub this_period: &'static str,
    pub last_report: &'static str,
    pub missed: &'static str,
    pub missed_periods: &'static str,
    pub due: &'static str,
    pub milestone: &'static str,
    pub task: &'static str,
    pub state: &'static str,
    pub unit: &'static str,
    pub inbox: &'static str,
    pub by_period: &'static str,
    pub by_task: &'static str,
    pub keys: &'static str,
    pub this_view: &'static str,
    pub everywhere: &'static str,
    pub data_changed: &'static str,
    pub no_match: &'static str,
    pub more_below: &'static str,
    pub reason: &'static str,
    pub done: &'static str,
    /// The plan detail's list of recorded statuses, progress and dates.
    pub in_effect: &'static str,
    /// The overview's line when the plan has no end date.
    pub schedule_unset: &'static str,
}

static ZH: Strings = Strings {
    tabs: ["总览", "任务", "单位", "节点", "报送", "导出"],
    as_of: "截至",
    filter_prompt: "筛选：",
    as_of_prompt: "截至日期：",
    as_of_prompt_help: "如 2021-12-31、12月31日、季末、上月底、今天",
    no_filter_here: "总览没有可筛选的列表；按 2-5 到各视图后再按 / 筛选",
    filtered: "筛选",
    loading: "读取中",
    none: "（无）",
    progress: "总体进展",
    overall: "总体",
    expected: "序时",
    overdue_milestones: "逾期",
    no_overdue: "没有逾期未完成的节点或任务。",
    nothing_due: "预警期内没有到期的节点或任务。",
    latest_reports: "最新报送",
    no_reports: "截至该日尚无报送。",
    all_reported: "全部单位已报送。",
    late_reported: "逾期报送",
    status: "状态",
    lead: "牵头",
    support: "配合",
    next_milestone: "下一节点",
    plan_text: "方案原文",
    indicators: "指标",
    milestones: "时间节点",
    agencies: "责任单位",
    units: "区县",
    tasks_led: "牵头",
    tasks_supported: "配合",
    overdue: "逾期",
    red: "红灯",
    this_period: "本期",
    last_report: "最近报送",
    missed: "缺报",
    missed_periods: "缺报期次",
    due: "到期",
    milestone: "节点",
    task: "任务",
    state: "状态",
    unit: "单位",
    inbox: "报送列表",
    by_period: "按期次",
    by_task: "按任务",
    keys: "按键",
    this_view: "本视图",
    everywhere: "所有视图",
    data_changed: "数据已被他人更新，已重新读取。",
    no_match: "没有符合筛选的项。",
    more_below: "J 向下",
    reason: "原因",
    done: "已完成",
    in_effect: "生效记录",
    schedule_unset: "序时进度未设定：按P设方案结束日期",
};

static EN: Strings = Strings {
    tabs: [
        "Overview",
        "Plan",
        "Agencies",
        "Milestones",
        "Reports",
        "Export",
    ],
    as_of: "as of",
    filter_prompt: "Filter: ",
    as_of_prompt: "As of: ",
    as_of_prompt_help: "e.g. 2021-12-31, 12/31, 季末 (quarter end), -1m, today",
    no_filter_here: "The overview has no list to filter; press 2-5 for a view, then /",
    filtered: "filter",
    loading: "reading",
    none: "(none)",
    progress: "Progress",
    overall: "Overall",
    expected: "pace",
    overdue_milestones: "Overdue",
    no_overdue: "No milestone or task is overdue.",
    nothing_due: "Nothing falls due within the warning window.",
    latest_reports: "Latest reports",
    no_reports: "No reports by this date.",
    all_reported: "Every unit has reported.",
    late_reported: "late",
    status: "Status",
    lead: "Lead",
    support: "Support",
    next_milestone: "Next",
    plan_text: "Plan text",
    indicators: "Indicators",
    milestones: "Milestones",
    agencies: "Agencies",
    units: "Units",
    tasks_led: "Leads",
    tasks_supported: "Supports",
    overdue: "Overdue",
    red: "Red",
    this_period: "This period",
    last_report: "Last report",
    missed: "Missed",
    missed_periods: "Missed periods",
    due: "Due",
    milestone: "Milestone",
    task: "Task",
    state: "State",
    unit: "Unit",
    inbox: "Inbox",
    by_period: "By period",
    by_task: "By task",
    keys: "Keys",
    this_view: "This view",
    everywhere: "Every view",
    data_changed: "Someone else changed the data; read it again.",
    no_match: "Nothing matches the filter.",
    more_below: "J for more",
    reason: "reason",
    done: "done",
    in_effect: "Recorded, with dates of effect",
    schedule_unset: "Pace not set: P sets the plan's end",
};

/// The words of a language.
pub fn tr(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// A date as the interface writes it: `2021年12月31日` or `2021-12-31`.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format_cn(d),
        Lang::En => format_iso(d),
    }
}

/// A period: `2021年第四季度` or `2021 Q4`.
pub fn period(lang: Lang, p: Period) -> String {
    match lang {
        Lang::Zh => p.label_cn(),
        Lang::En => p.label_en(),
    }
}

pub fn as_of_changed(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("截至日期：{}，各项数据按该日计算。", format_cn(d)),
        Lang::En => format!(
            "As of {}: every figure is computed for that day.",
            format_iso(d)
        ),
    }
}

/// Days to or past a due date, as a milestone list shows it.
pub fn days(lang: Lang, days: i64, done: bool) -> String {
    match (lang, done) {
        (Lang::Zh, true) => "已完成".into(),
        (Lang::En, true) => "done".into(),
        (Lang::Zh, false) if days < 0 => format!("逾期{}天", -days),
        (Lang::Zh, false) if days == 0 => "今天到期".into(),
        (Lang::Zh, false) => format!("还有{days}天"),
        (Lang::En, false) if days < 0 => format!("{} d late", -days),
        (Lang::En, false) if days == 0 => "due today".into(),
        (Lang::En, false) => format!("in {days} d"),
    }
}

/// The heading of the due-soon list.
pub fn due_within(lang: Lang, days: u32) -> String {
    match lang {
        Lang::Zh => format!("{days}天内到期"),
        Lang::En => format!("Due within {days} days"),
    }
}

/// `还有3项，按 4 查看` — what a cut list says on its last line.
pub fn more(lang: Lang, n: usize, key: &str) -> String {
    match lang {
        Lang::Zh => format!("还有{n}项，按 {key} 查看全部"),
        Lang::En => format!("{n} more; press {key} for all"),
    }
}

/// `已报送 33/41（80.5%）`.
pub fn coverage_line(lang: Lang, reported: usize, expected: usize, rate: &str) -> String {
    match lang {
        Lang::Zh => format!("已报送 {reported}/{expected}（{rate}）"),
        Lang::En => format!("reported {reported}/{expected} ({rate})"),
    }
}

/// The deadline of a period's reports.
pub fn deadline(lang: Lang, d: NaiveDate, passed: bool) -> String {
    match (lang, passed) {
        (Lang::Zh, false) => format!("截止 {}", format_cn(d)),
        (Lang::Zh, true) => format!("已于 {} 截止", format_cn(d)),
        (Lang::En, false) => format!("due {}", format_iso(d)),
        (Lang::En, true) => format!("closed {}", format_iso(d)),
    }
}

/// Heading of the units still to report.
pub fn not_reported_heading(lang: Lang, n: usize, deadline_passed: bool) -> String {
    match (lang, deadline_passed) {
        (Lang::Zh, true) => format!("未报送（{n}）："),
        (Lang::Zh, false) => format!("待报送（{n}）："),
        (Lang::En, true) => format!("Missing ({n}): "),
        (Lang::En, false) => format!("Not yet ({n}): "),
    }
}

pub fn revision(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("第{n}次报送"),
        Lang::En => format!("revision {n}"),
    }
}

/// `12 / 8,358` position in a long list.
pub fn position(sel: u64, total: u64) -> String {
    if total == 0 {
        "0".into()
    } else {
        format!("{}/{}", sel + 1, total)
    }
}

pub fn too_small(lang: Lang, need: (u16, u16), have: (u16, u16)) -> String {
    match lang {
        Lang::Zh => format!(
            "窗口太小：至少需要 {}x{}，现在是 {}x{}",
            need.0, need.1, have.0, have.1
        ),
        Lang::En => format!(
            "Window too small: needs {}x{}, is {}x{}",
            need.0, need.1, have.0, have.1
        ),
    }
}

/// The warning shown when the terminal's locale is not UTF-8.
pub fn locale_warning(lang: Lang, var: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "警告：区域设置 {var}={value} 不是 UTF-8，中文可能显示为乱码（可设 LANG=C.UTF-8）"
        ),
        Lang::En => format!(
            "Warning: locale {var}={value} is not UTF-8; Chinese may show as garbage (try LANG=C.UTF-8)"
        ),
    }
}

/// The database is on a network filesystem (`kind`: NFS, SMB …), where
/// SQLite's locks are unreliable.
pub fn network_fs_warning(lang: Lang, kind: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("警告：数据库在网络文件系统（{kind}）上，多人同用可能损坏；应放在服务器本地盘")
        }
        Lang::En => {
            format!(
                "Warning: database on {kind}: shared use can damage it; keep it on a local disk"
            )
        }
    }
}

/// `已报送 13 份` — a unit's reports in a period.
pub fn report_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("{n}份"),
        Lang::En => format!("{n} rep."),
    }
}

/// A cell of a coverage matrix, explained.
pub fn cell_detail(
    lang: Lang,
    unit: &str,
    column: &str,
    standing: &str,
    first: Option<NaiveDate>,
) -> String {
    let first = first.map(|d| date(lang, d));
    match (lang, first) {
        (Lang::Zh, Some(d)) => format!("{unit}，{column}：{standing}（首次报送 {d}）"),
        (Lang::Zh, None) => format!("{unit}，{column}：{standing}"),
        (Lang::En, Some(d)) => format!("{unit}, {column}: {standing} (first report {d})"),
        (Lang::En, None) => format!("{unit}, {column}: {standing}"),
    }
}

/// `12/41 已报` — how many units reported on a task.
pub fn column_count(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::Zh => format!("{n}/{of} 个单位已报"),
        Lang::En => format!("{n}/{of} units reported"),
    }
}

/// The legend under a coverage matrix.
pub fn legend(lang: Lang) -> &'static str {
    lang.pick(
        "已=按时报送  迟=逾期报送  缺=未报送  待=未到截止  -=当期不存在",
        "+ on time  ~ late  x missing  . not due yet  - not a unit then",
    )
}

/// The colon after a label: full-width in Chinese.
pub fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

/// `（text）` in Chinese, ` (text)` in English.
pub fn paren(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// Heading of the units that never reported for the previous period.
pub fn previous_missing(lang: Lang, period: &str, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{period}未报送（{n}）："),
        Lang::En => format!("{period} still missing ({n}): "),
    }
}

/// `待报送 41 个单位` — the period has just begun.
pub fn pending_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("待报送 {n} 个单位"),
        Lang::En => format!("{n} units yet to report"),
    }
}

/// A task's records that contradict its status, for its details:
/// `状态待核实：登记为未启动，但已收到进展报送`.
pub fn data_warning(
    lang: Lang,
    status: crate::model::Status,
    w: crate::analysis::DataWarning,
) -> String {
    use crate::analysis::DataWarning as W;
    match (lang, w) {
        (Lang::Zh, _) => format!(
            "状态待核实：登记为{}，但{}",
            status.label_zh(),
            crate::export::warning_words(w)
        ),
        (Lang::En, W::NotStartedButActive { .. }) => {
            "Status to check: marked not started, but work is recorded".into()
        }
        (Lang::En, W::DoneWithOpenMilestones { open }) => {
            format!("Status to check: marked done, but {open} milestones are not marked done")
        }
    }
}

/// One recorded change of a task, for its details:
/// `2022-01-05起 状态 滞后（协同机制尚未建立）`, `2023-06-20起 起止日期 …`.
pub fn history_entry(lang: Lang, e: &crate::model::HistoryEntry, as_of: NaiveDate) -> String {
    use crate::model::HistoryValue as V;
    let value = match &e.value {
        V::Status { status, reason } => {
            let word = lang.pick(status.label_zh(), status.label_en());
            match reason {
                Some(r) => format!("{word}{}", paren(lang, r)),
                None => word.to_string(),
            }
        }
        V::Progress(Some(p)) => format!("{p}%"),
        V::Progress(None) => lang.pick("自动", "derived").to_string(),
        V::Dates { start, due } => {
            let d = |x: &Option<NaiveDate>| {
                x.map_or_else(|| lang.pick("无", "none").to_string(), format_iso)
            };
            match lang {
                Lang::Zh => format!("{}至{}", d(start), d(due)),
                Lang::En => format!("{} to {}", d(start), d(due)),
            }
        }
    };
    let field = lang.pick(e.value.field().label_zh(), e.value.field().label_en());
    let later = if e.effective > as_of {
        lang.pick("（截至日期之后）", " (after the as-of date)")
    } else {
        ""
    };
    match lang {
        Lang::Zh => format!("{}起 {field} {value}{later}", format_iso(e.effective)),
        Lang::En => format!("from {} {field} {value}{later}", format_iso(e.effective)),
    }
}
