//! `bayu plan show|set`: the plan's schedule (进度安排) — start and end
//! dates (the plan's life, which 序时进度 measures against where a task has
//! no window of its own), the warning window, the days of grace after a
//! reporting period and the reporting cycle. It belongs to the plan in the
//! shared file: every coordinator sees the same, and a change is logged
//! and undone like any other.

use clap::{Args, Subcommand};

use super::milestone::print_outcome;
use super::{CliError, CliResult, Context, emit};
use crate::db::edit::{Field, Op, validate};
use crate::i18n::Lang;
use crate::model::dates::{format_cn, format_iso};
use crate::model::{PeriodKind, PlanInfo, Schedule};
use crate::text::sanitize::for_display;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Print the plan and its schedule
    Show,
    /// Set the plan's schedule; what is not given is kept
    Set(SetArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The day the plan starts (`none` clears it: the issue date is used)
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// The day the plan ends; 序时进度 is measured against start–end (`none` clears it)
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    /// Days before a due date that count as due soon (yellow)
    #[arg(long, value_name = "N")]
    pub warning_days: Option<String>,
    /// Days after a reporting period's end by which its reports are due
    #[arg(long, value_name = "N")]
    pub grace_days: Option<String>,
    /// Reporting cycle: quarter (季度) or month (月度); only before any report
    #[arg(long, value_name = "quarter|month")]
    pub period: Option<String>,
}

pub fn run(ctx: &Context, cmd: &PlanCommand) -> CliResult {
    match cmd {
        PlanCommand::Show => {
            let store = ctx.open()?;
            emit(&show(&store.plan()?, ctx.lang))
        }
        PlanCommand::Set(a) => set(ctx, a),
    }
}

fn days(field: Field, option: &str, s: &str) -> CliResult<u32> {
    let t = s.trim().trim_end_matches(['天', 'd']);
    t.parse::<u32>().map_err(|_| {
        CliError::Usage(format!(
            "{option}: {s:?} is not a number of days ({} is a whole number such as 30)",
            field.en()
        ))
    })
}

fn kind(s: &str) -> CliResult<PeriodKind> {
    match s.trim().to_ascii_lowercase().as_str() {
        "quarter" | "quarterly" | "季度" | "季" => Ok(PeriodKind::Quarter),
        "month" | "monthly" | "月度" | "月" => Ok(PeriodKind::Month),
        other => Err(CliError::Usage(format!(
            "--period: {other:?} is not a reporting cycle (use quarter or month, 季度 or 月度)"
        ))),
    }
}

fn set(ctx: &Context, a: &SetArgs) -> CliResult {
    if a.start.is_none()
        && a.end.is_none()
        && a.warning_days.is_none()
        && a.grace_days.is_none()
        && a.period.is_none()
    {
        return Err(CliError::Usage(
            "plan set: give --start, --end, --warning-days, --grace-days or --period (`bayu plan show` prints the schedule)".into(),
        ));
    }
    let mut store = ctx.open()?;
    let plan = store.plan()?;
    let old = plan.schedule();
    let schedule = Schedule {
        start: match &a.start {
            Some(s) => validate::optional_date(Field::Start, s, ctx.as_of)?,
            None => old.start,
        },
        end: match &a.end {
            Some(s) => validate::optional_date(Field::EndDate, s, ctx.as_of)?,
            None => old.end,
        },
        warning_days: match &a.warning_days {
            Some(s) => days(Field::WarningDays, "--warning-days", s)?,
            None => old.warning_days,
        },
        grace_days: match &a.grace_days {
            Some(s) => days(Field::GraceDays, "--grace-days", s)?,
            None => old.grace_days,
        },
        period_kind: match &a.period {
            Some(s) => kind(s)?,
            None => old.period_kind,
        },
    };
    let out = store.apply(&Op::SetSchedule {
        version: plan.version,
        schedule,
    })?;
    print_outcome(ctx, &out)?;
    if out.changed() {
        emit(&show(&store.plan()?, ctx.lang))?;
    }
    Ok(())
}

/// The plan and its schedule, as `bayu plan show` prints it. A missing
/// end date is said, with how to set it, never filled in.
pub fn show(p: &PlanInfo, lang: Lang) -> String {
    let date = |d: chrono::NaiveDate| match lang {
        Lang::Zh => format_cn(d),
        Lang::En => format_iso(d),
    };
    let mut out = for_display(&p.title).into_owned();
    if let Some(n) = &p.doc_number {
        out.push_str(&format!("（{}）", for_display(n)));
    }
    out.push('\n');
    let line = |out: &mut String, zh: &str, en: &str, value: String| {
        out.push_str(&format!("  {}{value}\n", lang.pick(zh, en)));
    };
    if let Some(d) = p.issued_on {
        out.push_str(&format!(
            "{}{}\n",
            lang.pick("印发日期：", "Issued: "),
            date(d)
        ));
    }
    out.push_str(lang.pick("进度安排：\n", "Schedule:\n"));
    line(
        &mut out,
        "开始日期：",
        "start:         ",
        match (p.start, p.issued_on) {
            (Some(d), _) => date(d),
            (None, Some(d)) => match lang {
                Lang::Zh => format!("未设定（按印发日期{}计）", date(d)),
                Lang::En => format!("not set (the issue date {} is used)", date(d)),
            },
            (None, None) => lang.pick("未设定", "not set").into(),
        },
    );
    line(
        &mut out,
        "结束日期：",
        "end:           ",
        match p.end {
            Some(d) => date(d),
            None => lang
                .pick(
                    "未设定（方案文件未载明结束日期）；序时进度未设定，可用 bayu plan set --end 日期 设定",
                    "not set (the plan document gives no end date); 序时进度 is not set until it is: bayu plan set --end DATE",
                )
                .into(),
        },
    );
    line(
        &mut out,
        "预警天数：",
        "warning days:  ",
        match lang {
            Lang::Zh => format!("{}天（到期前{}天内为黄灯）", p.warning_days, p.warning_days),
            Lang::En => format!(
                "{} (due within {} days shows yellow)",
                p.warning_days, p.warning_days
            ),
        },
    );
    line(
        &mut out,
        "报送宽限：",
        "grace days:    ",
        match lang {
            Lang::Zh => format!(
                "{}天（期次结束后{}天内报送为按时）",
                p.report_grace_days, p.report_grace_days
            ),
            Lang::En => format!(
                "{} (reports due within {} days after a period ends)",
                p.report_grace_days, p.report_grace_days
            ),
        },
    );
    line(
        &mut out,
        "报送周期：",
        "reporting:     ",
        match (p.period_kind, lang) {
            (PeriodKind::Quarter, Lang::Zh) => "季度".into(),
            (PeriodKind::Month, Lang::Zh) => "月度".into(),
            (PeriodKind::Quarter, Lang::En) => "quarterly".into(),
            (PeriodKind::Month, Lang::En) => "monthly".into(),
        },
    );
    out
}
