//! `bayu decision add|done|reopen|list`: a meeting's decisions (议定事项)
//! from the command line — recorded with a responsible agency and a
//! deadline, marked done with a date and a note — through the audited
//! operations.

use clap::{Args, Subcommand};

use super::{CliError, CliResult, Context, emit, resolve, table};
use crate::db::Store;
use crate::db::edit::{DecisionFields, Field, Op, validate};
use crate::i18n::Lang;
use crate::model::dates::format_iso;
use crate::model::{Decision, Meeting};
use crate::text::sanitize::for_display;

#[derive(Debug, Subcommand)]
pub enum DecisionCommand {
    /// Record a decision of a meeting: what, who is responsible, by when
    Add(AddArgs),
    /// Mark a decision done (on --on, default the as-of date)
    Done(DoneArgs),
    /// Reopen a decision marked done
    Reopen(IdArg),
    /// List the decisions and their state at the as-of date
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The meeting's number (`bayu meeting list`)
    #[arg(long, value_name = "N")]
    pub meeting: i64,
    /// What was decided; `-` reads it from standard input
    #[arg(long, value_name = "TEXT")]
    pub text: String,
    /// The responsible agency (责任单位), by short or full name
    #[arg(long, value_name = "AGENCY")]
    pub agency: String,
    /// Supporting agencies (配合单位): 市科协,市教委
    #[arg(long, value_name = "AGENCIES", default_value = "")]
    pub support: String,
    /// The deadline (完成时限): 2021-06-30, 6月底, 季末 …
    #[arg(long, value_name = "DATE")]
    pub due: String,
    /// The task it is about: dotted code (2.1.2) or exact title
    #[arg(long, value_name = "TASK")]
    pub task: Option<String>,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The decision's number (`bayu decision list`)
    #[arg(value_name = "N")]
    pub id: i64,
    /// The day it was done [default: the as-of date]
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// How it was done (完成情况)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct IdArg {
    /// The decision's number (`bayu decision list`)
    #[arg(value_name = "N")]
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only those not done at the as-of date
    #[arg(long)]
    pub open: bool,
}

pub fn run(ctx: &Context, cmd: &DecisionCommand) -> CliResult {
    match cmd {
        DecisionCommand::Add(a) => add(ctx, a),
        DecisionCommand::Done(a) => done(ctx, a),
        DecisionCommand::Reopen(a) => reopen(ctx, a),
        DecisionCommand::List(a) => list(ctx, a),
    }
}

fn meeting(store: &Store, id: i64) -> CliResult<Meeting> {
    store.get::<Meeting>(id)?.ok_or_else(|| {
        CliError::Usage(format!(
            "--meeting: there is no meeting {id} (`bayu meeting list` shows their numbers)"
        ))
    })
}

fn decision(store: &Store, id: i64) -> CliResult<Decision> {
    store.get::<Decision>(id)?.ok_or_else(|| {
        CliError::Usage(format!(
            "decision {id}: there is no such decision (`bayu decision list` shows their numbers)"
        ))
    })
}

/// Prints an operation's log sentence, or that nothing changed.
fn said(ctx: &Context, out: &crate::db::edit::Outcome) -> CliResult {
    super::milestone::print_outcome(ctx, out)
}

fn add(ctx: &Context, a: &AddArgs) -> CliResult {
    let mut store = ctx.open()?;
    let m = meeting(&store, a.meeting)?;
    let all = store.agencies()?;
    let agency = resolve::agency(&all, &a.agency, "--agency")?;
    let support = resolve::agencies(&all, &a.support, "--support")?;
    let node = match &a.task {
        Some(t) => Some(resolve::node(&store.outline()?, t, "--task")?.id),
        None => None,
    };
    let due = validate::date(Field::Deadline, &a.due, ctx.as_of)
        .map_err(|e| CliError::Usage(format!("--due: {e}")))?;
    let text = resolve::text_arg(&a.text)?;
    let out = store.apply(&Op::AddDecision {
        meeting: m.id,
        fields: DecisionFields {
            text,
            agency,
            support,
            node,
            due,
        },
    })?;
    let lead = all
        .iter()
        .find(|x| x.id == agency)
        .map_or("", |x| x.short_name.as_str());
    let line = match ctx.lang {
        Lang::Zh => format!(
            "已新增议定事项{}（会议「{}」）：责任单位{lead}，完成时限{}",
            out.id,
            m.title,
            format_iso(due)
        ),
        Lang::En => format!(
            "added decision {} (meeting 「{}」): responsible {lead}, due {}",
            out.id,
            m.title,
            format_iso(due)
        ),
    };
    emit(&format!("{}\n", for_display(&line)))
}

fn done(ctx: &Context, a: &DoneArgs) -> CliResult {
    let mut store = ctx.open()?;
    let d = decision(&store, a.id)?;
    let date = match &a.on {
        Some(s) => validate::date(Field::Done, s, ctx.as_of)
            .map_err(|e| CliError::Usage(format!("--on: {e}")))?,
        None => ctx.as_of,
    };
    let out = store.apply(&Op::DecisionDone {
        id: d.id,
        version: d.version,
        date,
        note: a.note.clone(),
    })?;
    said(ctx, &out)
}

fn reopen(ctx: &Context, a: &IdArg) -> CliResult {
    let mut store = ctx.open()?;
    let d = decision(&store, a.id)?;
    let out = store.apply(&Op::ReopenDecision {
        id: d.id,
        version: d.version,
    })?;
    said(ctx, &out)
}

/// The decision's state at `as_of`: done (on a date), overdue (by how
/// many days) or open.
fn state(lang: Lang, d: &Decision, as_of: chrono::NaiveDate) -> String {
    match d.done.filter(|on| *on <= as_of) {
        Some(on) => match lang {
            Lang::Zh => format!("已完成（{}）", format_iso(on)),
            Lang::En => format!("done ({})", format_iso(on)),
        },
        None if d.overdue(as_of) => {
            let days = (as_of - d.due).num_days();
            match lang {
                Lang::Zh => format!("逾期{days}天"),
                Lang::En => format!("overdue {days} d"),
            }
        }
        None => lang.pick("未完成", "open").to_string(),
    }
}

fn list(ctx: &Context, a: &ListArgs) -> CliResult {
    let store = ctx.open()?;
    let lang = ctx.lang;
    let as_of = ctx.as_of;
    let meetings = store.meetings()?;
    // A meeting after the as-of date had decided nothing yet.
    let held = |id: i64| {
        meetings
            .iter()
            .find(|m| m.id == id)
            .filter(|m| m.held_on <= as_of)
    };
    let agencies = store.agencies()?;
    let short = |id: i64| {
        agencies
            .iter()
            .find(|x| x.id == id)
            .map_or_else(|| id.to_string(), |x| x.short_name.clone())
    };
    let outline = store.outline()?;
    let rows: Vec<Vec<String>> = store
        .decisions()?
        .iter()
        .filter(|d| !a.open || !d.done_by(as_of))
        .filter_map(|d| held(d.meeting_id).map(|m| (d, m)))
        .map(|(d, m)| {
            let mut who = short(d.agency_id);
            if !d.support.is_empty() {
                let support: Vec<String> = d.support.iter().map(|s| short(*s)).collect();
                who.push_str(&match lang {
                    Lang::Zh => format!("（配合：{}）", support.join("、")),
                    Lang::En => format!(" (with {})", support.join(", ")),
                });
            }
            let mut text = for_display(&d.text).replace('\n', " ");
            if let Some(n) = d.node_id {
                text.push_str(&format!(" [{}]", outline.code(n)));
            }
            vec![
                d.id.to_string(),
                format_iso(m.held_on),
                for_display(&m.title).into_owned(),
                format_iso(d.due),
                state(lang, d, as_of),
                for_display(&who).into_owned(),
                text,
            ]
        })
        .collect();
    if rows.is_empty() {
        return emit(match (a.open, lang) {
            (true, Lang::Zh) => "（没有未完成的议定事项）\n",
            (true, Lang::En) => "(no open decisions)\n",
            (false, Lang::Zh) => "（尚无议定事项）\n",
            (false, Lang::En) => "(no decisions yet)\n",
        });
    }
    let head = [
        lang.pick("编号", "no."),
        lang.pick("会议日期", "held"),
        lang.pick("会议", "meeting"),
        lang.pick("完成时限", "due"),
        lang.pick("状态", "state"),
        lang.pick("责任单位", "responsible"),
        lang.pick("议定事项", "decision"),
    ];
    emit(&table(&head, &rows))
}
