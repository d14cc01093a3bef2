//! `bayu task …`: the outline and a node's fields from the command line —
//! add a sub-task, rename, move, delete, status, dates, progress, agencies —
//! through the same audited operations as the console.

use clap::{Args, Subcommand, ValueEnum};

use super::milestone::print_outcome;
use super::{CliError, CliResult, Context, emit, resolve};
use crate::db::edit::{Direction, Field, NodeRecord, NodeText, Op, StatusChange, validate};
use crate::i18n::Lang;

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Add a sub-task as the last child of a node (numbered automatically)
    Add(AddArgs),
    /// Change a task's title and/or body text
    Rename(RenameArgs),
    /// Set a task's status: 未启动 推进中 已完成 滞后 暂停 (or not-started, in-progress, done, late, paused)
    SetStatus(StatusArgs),
    /// Set or clear a task's start and due dates
    SetDates(DatesArgs),
    /// Set a task's progress by hand (0–100), or `auto` to derive it again
    SetProgress(ProgressArgs),
    /// Set a task's lead (牵头) and supporting (配合) agencies
    Assign(AssignArgs),
    /// Move a task up or down among its siblings (renumbers them)
    Move(MoveArgs),
    /// Delete a task with its sub-tasks, milestones, indicators and reports
    Delete(DeleteArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The parent: dotted code (2.1.1) or exact title
    #[arg(long, value_name = "TASK")]
    pub under: String,
    #[arg(long, value_name = "TITLE")]
    pub title: String,
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub body: String,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub body: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
    #[arg(value_name = "STATUS")]
    pub status: String,
    /// Why (required for 滞后/late and 暂停/paused)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct DatesArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
    /// Start date; `none` clears it; omitted keeps it
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Due date; `none` clears it; omitted keeps it
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
    /// 0 to 100 (65 or 65%), or auto
    #[arg(value_name = "PERCENT")]
    pub progress: String,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
    /// Lead agencies, comma-separated (市妇联,市科协); omitted keeps them, "" clears
    #[arg(long, value_name = "AGENCIES")]
    pub lead: Option<String>,
    /// Supporting agencies, comma-separated; omitted keeps them, "" clears
    #[arg(long, value_name = "AGENCIES")]
    pub support: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Way {
    Up,
    Down,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
    #[arg(value_name = "up|down")]
    pub way: Way,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
    /// Delete without asking; without it, only says what would go
    #[arg(long)]
    pub yes: bool,
}

pub fn run(ctx: &Context, cmd: &TaskCommand) -> CliResult {
    let mut store = ctx.open()?;
    let outline = store.outline()?;
    let out = match cmd {
        TaskCommand::Add(a) => {
            let parent = resolve::node(&outline, &a.under, "--under")?.id;
            let out = store.apply(&Op::AddSubtask {
                parent,
                title: a.title.clone(),
                body: a.body.clone(),
            })?;
            let code = store.outline()?.code(out.id);
            let line = match ctx.lang {
                Lang::Zh => format!("已新增{code}：{}", out.summary),
                Lang::En => format!("added {code}: {}", out.summary),
            };
            return emit(&format!("{}\n", crate::text::sanitize::for_display(&line)));
        }
        TaskCommand::Rename(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            if a.title.is_none() && a.body.is_none() {
                return Err(CliError::Usage(
                    "rename: give --title, --body or both".into(),
                ));
            }
            let text = NodeText {
                title: a.title.clone().unwrap_or_else(|| n.title.clone()),
                body: match &a.body {
                    Some(b) => resolve::text_arg(b)?,
                    None => n.body.clone(),
                },
            };
            store.apply(&Op::EditNodeText {
                id: n.id,
                version: n.version,
                text,
            })?
        }
        TaskCommand::SetStatus(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            let status = validate::status(&a.status)?;
            store.apply(&Op::SetStatus {
                id: n.id,
                version: n.version,
                change: StatusChange {
                    status,
                    reason: a.reason.clone(),
                },
            })?
        }
        TaskCommand::SetDates(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            if a.start.is_none() && a.due.is_none() {
                return Err(CliError::Usage(
                    "set-dates: give --start, --due or both".into(),
                ));
            }
            let start = match &a.start {
                Some(s) => validate::optional_date(Field::Start, s, ctx.as_of)?,
                None => n.start,
            };
            let due = match &a.due {
                Some(s) => validate::optional_date(Field::Due, s, ctx.as_of)?,
                None => n.due,
            };
            store.apply(&Op::SetDates {
                id: n.id,
                version: n.version,
                start,
                due,
            })?
        }
        TaskCommand::SetProgress(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            let p = validate::progress(&a.progress)?;
            store.apply(&Op::SetProgress {
                id: n.id,
                version: n.version,
                progress: p,
            })?
        }
        TaskCommand::Assign(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            if a.lead.is_none() && a.support.is_none() {
                return Err(CliError::Usage(
                    "assign: give --lead, --support or both".into(),
                ));
            }
            let all = store.agencies()?;
            let now = store.get::<NodeRecord>(n.id)?;
            let lead = match &a.lead {
                Some(l) => resolve::agencies(&all, l, "--lead")?,
                None => now.as_ref().map(|r| r.lead.clone()).unwrap_or_default(),
            };
            let support = match &a.support {
                Some(s) => resolve::agencies(&all, s, "--support")?,
                None => now.map(|r| r.support).unwrap_or_default(),
            };
            store.apply(&Op::SetAgencies {
                id: n.id,
                version: n.version,
                lead,
                support,
            })?
        }
        TaskCommand::Move(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            let d = match a.way {
                Way::Up => Direction::Up,
                Way::Down => Direction::Down,
            };
            store.apply(&Op::MoveNode {
                id: n.id,
                version: n.version,
                direction: d,
            })?
        }
        TaskCommand::Delete(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            let preview = store.delete_preview(n.id)?;
            let said = match ctx.lang {
                Lang::Zh => preview.describe_zh(),
                Lang::En => preview.describe(),
            };
            if !a.yes {
                emit(&format!("{}\n", crate::text::sanitize::for_display(&said)))?;
                return Err(CliError::Reported(
                    "nothing was deleted; run again with --yes to delete".into(),
                ));
            }
            store.apply(&Op::DeleteNode(Box::new(preview)))?
        }
    };
    print_outcome(ctx, &out)
}
