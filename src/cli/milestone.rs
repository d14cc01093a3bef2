//! `bayu milestone add|edit|done|reopen|delete`: milestones (时间节点) from
//! the command line, through the audited operations.

use clap::{Args, Subcommand};

use super::{CliError, CliResult, Context, emit, resolve};
use crate::db::Store;
use crate::db::edit::{Field, MilestoneFields, Op, Outcome, validate};
use crate::i18n::Lang;
use crate::model::Milestone;
use crate::model::dates::format_iso;

#[derive(Debug, Subcommand)]
pub enum MilestoneCommand {
    /// Add a milestone to a task
    Add(AddArgs),
    /// Change a milestone's title or due date
    Edit(EditArgs),
    /// Mark a milestone done (on --date, default the as-of date)
    Done(DoneArgs),
    /// Reopen a milestone marked done
    Reopen(IdArg),
    /// Delete a milestone
    Delete(IdArg),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The task: dotted code (2.1.2) or exact title
    #[arg(long, value_name = "TASK")]
    pub task: String,
    #[arg(long, value_name = "TITLE")]
    pub title: String,
    /// Due date (2021-12-31, 12月31日, 季末, +2w …)
    #[arg(long, value_name = "DATE")]
    pub due: String,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    #[arg(value_name = "ID")]
    pub id: i64,
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    #[arg(value_name = "ID")]
    pub id: i64,
    /// The day it was done [default: the as-of date]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct IdArg {
    /// The milestone's number (shown by `bayu log` and the console)
    #[arg(value_name = "ID")]
    pub id: i64,
}

fn find(store: &Store, id: i64) -> CliResult<Milestone> {
    store
        .get::<Milestone>(id)?
        .ok_or_else(|| CliError::Usage(format!("milestone {id}: there is no such milestone")))
}

fn said(ctx: &Context, out: &Outcome) -> CliResult {
    let line = match (out.changed(), ctx.lang) {
        (true, _) => crate::text::sanitize::for_display(&out.summary).into_owned(),
        (false, Lang::Zh) => "未改动".to_string(),
        (false, Lang::En) => "nothing changed".to_string(),
    };
    emit(&format!("{line}\n"))
}

pub fn run(ctx: &Context, cmd: &MilestoneCommand) -> CliResult {
    let mut store = ctx.open()?;
    let out = match cmd {
        MilestoneCommand::Add(a) => {
            let outline = store.outline()?;
            let node = resolve::node(&outline, &a.task, "--task")?.id;
            let fields = MilestoneFields {
                title: a.title.clone(),
                due: validate::date(Field::Due, &a.due, ctx.as_of)?,
            };
            let due = fields.due;
            let out = store.apply(&Op::AddMilestone { node, fields })?;
            let line = match ctx.lang {
                Lang::Zh => format!(
                    "已新增时间节点{}：{}（截止{}）",
                    out.id,
                    a.title.trim(),
                    format_iso(due)
                ),
                Lang::En => format!(
                    "added milestone {}: {} (due {})",
                    out.id,
                    a.title.trim(),
                    format_iso(due)
                ),
            };
            return emit(&format!("{}\n", crate::text::sanitize::for_display(&line)));
        }
        MilestoneCommand::Edit(a) => {
            let m = find(&store, a.id)?;
            let fields = MilestoneFields {
                title: a.title.clone().unwrap_or(m.title),
                due: match &a.due {
                    Some(d) => validate::date(Field::Due, d, ctx.as_of)?,
                    None => m.due,
                },
            };
            store.apply(&Op::EditMilestone {
                id: m.id,
                version: m.version,
                fields,
            })?
        }
        MilestoneCommand::Done(a) => {
            let m = find(&store, a.id)?;
            let date = match &a.date {
                Some(d) => validate::date(Field::Done, d, ctx.as_of)?,
                None => ctx.as_of,
            };
            store.apply(&Op::MilestoneDone {
                id: m.id,
                version: m.version,
                date,
            })?
        }
        MilestoneCommand::Reopen(a) => {
            let m = find(&store, a.id)?;
            store.apply(&Op::ReopenMilestone {
                id: m.id,
                version: m.version,
            })?
        }
        MilestoneCommand::Delete(a) => {
            let m = find(&store, a.id)?;
            store.apply(&Op::DeleteMilestone {
                id: m.id,
                version: m.version,
            })?
        }
    };
    said(ctx, &out)
}

/// Prints an operation's outcome: its log sentence, or that nothing changed.
pub fn print_outcome(ctx: &Context, out: &Outcome) -> CliResult {
    said(ctx, out)
}
