//! `bayu task …`: the outline and a node's fields from the command line —
//! add a sub-task, rename, move, delete, status, dates, progress, agencies —
//! through the same audited operations as the console.

use clap::{Args, Subcommand, ValueEnum};

use super::milestone::print_outcome;
use super::{CliError, CliResult, Context, emit, resolve};
use crate::db::Store;
use crate::db::edit::{
    Direction, Field, HistoryFix, NodeRecord, NodeText, Op, Outcome, StatusChange, validate,
};
use crate::i18n::Lang;
use crate::model::dates::{default_effective, format_cn, format_iso};
use crate::model::{HistoryEntry, HistoryValue};
use crate::text::sanitize::for_display;

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Add a sub-task as the last child of a node (numbered automatically)
    Add(AddArgs),
    /// Change a task's title and/or body text
    Rename(RenameArgs),
    /// Set a task's status from a day on: 未启动 推进中 已完成 滞后 暂停 (or not-started, in-progress, done, late, paused)
    SetStatus(StatusArgs),
    /// Set or clear a task's start and due dates from a day on
    SetDates(DatesArgs),
    /// Set a task's progress by hand (0–100) from a day on, or `auto` to derive it again
    SetProgress(ProgressArgs),
    /// List a task's recorded statuses, progress and dates with the day each took effect
    History(HistoryArgs),
    /// Correct a recorded change (its day of effect or its value), or remove it
    Correct(CorrectArgs),
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
    #[command(flatten)]
    pub on: OnArg,
}

/// The day a change takes effect.
#[derive(Debug, Args)]
pub struct OnArg {
    /// The day the change takes effect (生效日期; 2021-12-31, 12月31日 …; not after today) [default: the as-of date, or today when that is later]
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

impl OnArg {
    /// The day given, or the as-of date (today when that lies ahead).
    fn day(&self, ctx: &Context) -> CliResult<chrono::NaiveDate> {
        let today = chrono::Local::now().date_naive();
        let on = match &self.on {
            Some(s) => validate::effective(s, ctx.as_of, today)?,
            None => default_effective(ctx.as_of, today),
        };
        Ok(on)
    }
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
}

#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// The entry's number, as `bayu task history` lists it
    #[arg(value_name = "ENTRY")]
    pub entry: i64,
    /// The day it takes effect instead
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// For a status entry: the status instead
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// For a status entry: the reason instead ("" clears it)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// For a progress entry: 0 to 100, or auto
    #[arg(long, value_name = "PERCENT")]
    pub progress: Option<String>,
    /// For a dates entry: the start date (`none` clears it)
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// For a dates entry: the due date (`none` clears it)
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Remove the entry: the value before it holds until the next one
    #[arg(long, conflicts_with_all = ["on", "status", "reason", "progress", "start", "due"])]
    pub delete: bool,
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
    #[command(flatten)]
    pub on: OnArg,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[arg(value_name = "TASK")]
    pub task: String,
    /// 0 to 100 (65 or 65%), or auto
    #[arg(value_name = "PERCENT")]
    pub progress: String,
    #[command(flatten)]
    pub on: OnArg,
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
            let on = a.on.day(ctx)?;
            let out = store.apply(&Op::SetStatus {
                id: n.id,
                version: n.version,
                change: StatusChange {
                    status,
                    reason: a.reason.clone(),
                    on,
                },
            })?;
            return print_dated(ctx, &out, on);
        }
        TaskCommand::SetDates(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            if a.start.is_none() && a.due.is_none() {
                return Err(CliError::Usage(
                    "set-dates: give --start, --due or both".into(),
                ));
            }
            let on = a.on.day(ctx)?;
            let held = store.outline_at(on)?;
            let was = held.get(n.id).unwrap_or(n);
            let start = match &a.start {
                Some(s) => validate::optional_date(Field::Start, s, ctx.as_of)?,
                None => was.start,
            };
            let due = match &a.due {
                Some(s) => validate::optional_date(Field::Due, s, ctx.as_of)?,
                None => was.due,
            };
            let out = store.apply(&Op::SetDates {
                id: n.id,
                version: n.version,
                start,
                due,
                on,
            })?;
            return print_dated(ctx, &out, on);
        }
        TaskCommand::SetProgress(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            let p = validate::progress(&a.progress)?;
            let on = a.on.day(ctx)?;
            let out = store.apply(&Op::SetProgress {
                id: n.id,
                version: n.version,
                progress: p,
                on,
            })?;
            return print_dated(ctx, &out, on);
        }
        TaskCommand::History(a) => {
            let n = resolve::node(&outline, &a.task, "TASK")?;
            let entries = store.node_history(n.id)?;
            let title = format!("{} {}", outline.code(n.id), outline.numbered_title(n.id));
            return emit(&history_text(ctx.lang, &title, &entries));
        }
        TaskCommand::Correct(a) => correct(ctx, &mut store, a)?,
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

/// The outcome, and the day the change takes effect.
fn print_dated(ctx: &Context, out: &Outcome, on: chrono::NaiveDate) -> CliResult {
    print_outcome(ctx, out)?;
    if out.changed() {
        let line = match ctx.lang {
            Lang::Zh => format!("生效日期：{}\n", format_cn(on)),
            Lang::En => format!("takes effect on {}\n", format_iso(on)),
        };
        emit(&line)?;
    }
    Ok(())
}

/// A value as a list shows it.
fn value_text(lang: Lang, v: &HistoryValue) -> String {
    match v {
        HistoryValue::Status { status, reason } => {
            let word = lang.pick(status.label_zh(), status.label_en());
            match reason.as_deref().map(for_display) {
                Some(r) => match lang {
                    Lang::Zh => format!("{word}（{r}）"),
                    Lang::En => format!("{word} ({r})"),
                },
                None => word.to_string(),
            }
        }
        HistoryValue::Progress(Some(p)) => format!("{p}%"),
        HistoryValue::Progress(None) => lang.pick("自动", "auto").to_string(),
        HistoryValue::Dates { start, due } => {
            let d = |x: &Option<chrono::NaiveDate>| {
                x.map_or_else(|| lang.pick("无", "none").to_string(), format_iso)
            };
            match lang {
                Lang::Zh => format!("开始 {}，截止 {}", d(start), d(due)),
                Lang::En => format!("start {}, due {}", d(start), d(due)),
            }
        }
    }
}

/// `bayu task history`: one line per entry, in the order they take effect.
pub fn history_text(lang: Lang, title: &str, entries: &[HistoryEntry]) -> String {
    let mut out = format!("{}\n", for_display(title));
    if entries.is_empty() {
        out.push_str(lang.pick(
            "  尚无记录：状态为未启动，进度自动计算，无自身起止日期\n",
            "  nothing recorded: not started, progress derived, no dates of its own\n",
        ));
        return out;
    }
    for e in entries {
        let field = lang.pick(e.value.field().label_zh(), e.value.field().label_en());
        let from = match lang {
            Lang::Zh => format!("{}起", format_iso(e.effective)),
            Lang::En => format!("from {}", format_iso(e.effective)),
        };
        out.push_str(&format!(
            "  {:>5}  {from}  {field}  {}\n",
            e.id,
            value_text(lang, &e.value)
        ));
    }
    out
}

/// `bayu task correct ENTRY …`: the entry with what the options change.
fn correct(ctx: &Context, store: &mut Store, a: &CorrectArgs) -> CliResult<Outcome> {
    let e = store.history_entry(a.entry)?.ok_or_else(|| {
        CliError::Usage(format!(
            "there is no recorded change {} (`bayu task history TASK` lists them)",
            a.entry
        ))
    })?;
    if a.delete {
        return Ok(store.apply(&Op::RemoveHistory {
            id: e.id,
            version: e.version,
        })?);
    }
    let today = chrono::Local::now().date_naive();
    let effective = match &a.on {
        Some(s) => validate::effective(s, ctx.as_of, today)?,
        None => e.effective,
    };
    let misplaced = |what: &str| {
        CliError::Usage(format!(
            "entry {} records the {}; {what} does not apply to it",
            e.id,
            e.value.field().label_en()
        ))
    };
    let value = match &e.value {
        HistoryValue::Status { status, reason } => {
            if a.progress.is_some() || a.start.is_some() || a.due.is_some() {
                return Err(misplaced("--progress, --start or --due"));
            }
            HistoryValue::Status {
                status: match &a.status {
                    Some(s) => validate::status(s)?,
                    None => *status,
                },
                reason: match &a.reason {
                    Some(r) => Some(r.clone()).filter(|r| !r.trim().is_empty()),
                    None => reason.clone(),
                },
            }
        }
        HistoryValue::Progress(p) => {
            if a.status.is_some() || a.reason.is_some() || a.start.is_some() || a.due.is_some() {
                return Err(misplaced("--status, --reason, --start or --due"));
            }
            HistoryValue::Progress(match &a.progress {
                Some(s) => validate::progress(s)?,
                None => *p,
            })
        }
        HistoryValue::Dates { start, due } => {
            if a.status.is_some() || a.reason.is_some() || a.progress.is_some() {
                return Err(misplaced("--status, --reason or --progress"));
            }
            HistoryValue::Dates {
                start: match &a.start {
                    Some(s) => validate::optional_date(Field::Start, s, ctx.as_of)?,
                    None => *start,
                },
                due: match &a.due {
                    Some(s) => validate::optional_date(Field::Due, s, ctx.as_of)?,
                    None => *due,
                },
            }
        }
    };
    Ok(store.apply(&Op::CorrectHistory {
        id: e.id,
        version: e.version,
        fix: HistoryFix { effective, value },
    })?)
}
