//! `bayu report add` and `bayu report review`: the command-line way in for
//! cron jobs and scripts, through the same operations (validation, audit
//! trail, revisions) as the console's forms.

use clap::{Args, Subcommand};

use super::{CliResult, Context, emit, resolve};
use crate::db::NewReport;
use crate::db::edit::{Field, Op, ReviewChange, validate};
use crate::db::reports::Added;
use crate::i18n::Lang;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Add a unit's report on a task for a period (a changed re-submission becomes a new revision; an identical one adds nothing)
    Add(AddArgs),
    /// Review a report: accept, return (with --comment) or pending
    Review(ReviewArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The reporting unit: full name (渝中区), short name (渝中) or code (500103)
    #[arg(long, value_name = "UNIT")]
    pub unit: String,
    /// The task: dotted code (2.1.2) or exact title
    #[arg(long, value_name = "TASK")]
    pub task: String,
    /// The period: 2021Q4, 2021年第四季度 … (or 2021-10 for a monthly plan)
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
    /// The report's text; `-` reads it from standard input
    #[arg(long, value_name = "TEXT")]
    pub text: String,
    /// An indicator value, NAME=NUMBER (repeatable), e.g. 学习宣传活动=12
    #[arg(long = "value", value_name = "NAME=N")]
    pub values: Vec<String>,
    /// Date received (2021-12-20, 12月20日, 今天 …) [default: the as-of date]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Who wrote it [default: your login name]
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The report's number
    #[arg(value_name = "ID")]
    pub id: i64,
    /// accept (采纳), return (退回) or pending (待审核)
    #[arg(value_name = "DECISION")]
    pub decision: String,
    /// The review comment (required to return a report)
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,
}

pub fn run(ctx: &Context, cmd: &ReportCommand) -> CliResult {
    match cmd {
        ReportCommand::Add(a) => add(ctx, a),
        ReportCommand::Review(a) => review(ctx, a),
    }
}

fn add(ctx: &Context, a: &AddArgs) -> CliResult {
    let mut store = ctx.open()?;
    let plan = store.plan()?;
    let unit = resolve::unit(&store, &a.unit)?;
    let outline = store.outline()?;
    let node = resolve::node(&outline, &a.task, "--task")?;
    let period = validate::period(&a.period, plan.period_kind)?;
    let reported_on = match &a.date {
        Some(d) => validate::date(Field::Date, d, ctx.as_of)?,
        None => ctx.as_of,
    };
    let values = resolve::values(&store.indicators()?, node, &a.values)?;
    let body = resolve::text_arg(&a.text)?;
    let author = a.author.clone().unwrap_or_else(|| store.user().to_string());
    let out = store.apply(&Op::AddReport(NewReport {
        unit_id: unit.id,
        node_id: node.id,
        period,
        reported_on,
        author,
        body,
        values,
        batch_id: None,
    }))?;
    let Some(added) = out.added else {
        return Err(super::CliError::Reported(format!(
            "report add: the store did not say whether report {} was added",
            out.id
        )));
    };
    let what = format!(
        "{} → {} {}{}{}",
        unit.name,
        outline.code(node.id),
        node.title,
        ctx.lang.pick("，", ", "),
        period.code()
    );
    let line = match (ctx.lang, added) {
        (Lang::En, Added::New(id)) => format!("added report {id}: {what}"),
        (Lang::Zh, Added::New(id)) => format!("已新增报送{id}：{what}"),
        (
            Lang::En,
            Added::Revision {
                id,
                replaced,
                revision,
            },
        ) => {
            format!("new revision {revision} replaces report {replaced}: report {id}, {what}")
        }
        (
            Lang::Zh,
            Added::Revision {
                id,
                replaced,
                revision,
            },
        ) => {
            format!("第{revision}版（报送{id}）替代报送{replaced}：{what}")
        }
        (Lang::En, Added::Duplicate(id)) => {
            format!("duplicate of report {id}, nothing added: {what}")
        }
        (Lang::Zh, Added::Duplicate(id)) => format!("与报送{id}相同，未新增：{what}"),
    };
    emit(&format!("{}\n", crate::text::sanitize::for_display(&line)))
}

fn review(ctx: &Context, a: &ReviewArgs) -> CliResult {
    let mut store = ctx.open()?;
    let decision = validate::review(&a.decision)?;
    let report = store.report(a.id)?.ok_or_else(|| {
        super::CliError::Usage(format!("report {}: there is no such report", a.id))
    })?;
    let out = store.apply(&Op::Review {
        id: report.id,
        version: report.version,
        change: ReviewChange {
            review: decision,
            comment: a.comment.clone(),
        },
    })?;
    let line = match (ctx.lang, out.changed()) {
        (Lang::En, true) => format!("report {}: {}", a.id, decision.label_en()),
        (Lang::Zh, true) => format!("报送{}：{}", a.id, decision.label_zh()),
        (Lang::En, false) => format!(
            "report {} is already {}; nothing changed",
            a.id,
            decision.label_en()
        ),
        (Lang::Zh, false) => format!("报送{}已是{}，未改动", a.id, decision.label_zh()),
    };
    emit(&format!("{line}\n"))
}
