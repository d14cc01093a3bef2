//! `bayu meeting add|list`: the joint office's meetings (联席会议) from the
//! command line, through the audited operations. `bayu meeting` alone
//! lists them.

use clap::{Args, Subcommand};

use super::{CliResult, Context, emit, resolve, table};
use crate::db::edit::{Field, MeetingFields, Op, validate};
use crate::i18n::Lang;
use crate::model::dates::format_iso;
use crate::text::sanitize::for_display;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MeetingArgs {
    #[command(subcommand)]
    pub command: Option<MeetingCommand>,
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Record a meeting; prints its number (for `bayu decision add --meeting N`)
    Add(AddArgs),
    /// List the meetings: number, date, title, place, chair, attending agencies, decisions
    List,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The day it was held (2021-03-15, 3月15日, 今天 …)
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// 会议名称, e.g. 巴渝巾帼行动联席会议第一次会议
    #[arg(long, value_name = "TITLE")]
    pub title: String,
    /// 地点
    #[arg(long, value_name = "PLACE", default_value = "")]
    pub place: String,
    /// 主持
    #[arg(long, value_name = "NAME", default_value = "")]
    pub chair: String,
    /// Attending agencies (参会单位) by short or full name: 市妇联,市科协
    #[arg(long, value_name = "AGENCIES", default_value = "")]
    pub agencies: String,
}

pub fn run(ctx: &Context, args: &MeetingArgs) -> CliResult {
    match &args.command {
        Some(MeetingCommand::Add(a)) => add(ctx, a),
        Some(MeetingCommand::List) | None => list(ctx),
    }
}

fn add(ctx: &Context, a: &AddArgs) -> CliResult {
    let mut store = ctx.open()?;
    let held_on = validate::date(Field::Held, &a.date, ctx.as_of)
        .map_err(|e| super::CliError::Usage(format!("--date: {e}")))?;
    let agencies = resolve::agencies(&store.agencies()?, &a.agencies, "--agencies")?;
    let out = store.apply(&Op::AddMeeting(MeetingFields {
        held_on,
        title: a.title.clone(),
        place: a.place.clone(),
        chair: a.chair.clone(),
        agencies,
    }))?;
    let line = match ctx.lang {
        Lang::Zh => format!(
            "已新增会议{}：{}（{}）",
            out.id,
            a.title.trim(),
            format_iso(held_on)
        ),
        Lang::En => format!(
            "added meeting {}: {} ({})",
            out.id,
            a.title.trim(),
            format_iso(held_on)
        ),
    };
    emit(&format!("{}\n", for_display(&line)))
}

fn list(ctx: &Context) -> CliResult {
    let store = ctx.open()?;
    let meetings = store.meetings()?;
    let lang = ctx.lang;
    if meetings.is_empty() {
        return emit(lang.pick(
            "（尚无会议；用 bayu meeting add --date 日期 --title 名称 记录一次）\n",
            "(no meetings yet; record one with bayu meeting add --date DATE --title TITLE)\n",
        ));
    }
    let agencies = store.agencies()?;
    let short = |id: i64| {
        agencies
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_string(), |a| a.short_name.clone())
    };
    let decisions = store.decisions()?;
    let head = [
        lang.pick("编号", "no."),
        lang.pick("日期", "date"),
        lang.pick("会议", "meeting"),
        lang.pick("地点", "place"),
        lang.pick("主持", "chair"),
        lang.pick("议定事项", "decisions"),
        lang.pick("参会单位", "attending"),
    ];
    let rows: Vec<Vec<String>> = meetings
        .iter()
        .map(|m| {
            let mine: Vec<_> = decisions.iter().filter(|d| d.meeting_id == m.id).collect();
            let open = mine.iter().filter(|d| !d.done_by(ctx.as_of)).count();
            let tally = match lang {
                Lang::Zh => format!("{}项（未完成{open}）", mine.len()),
                Lang::En => format!("{} ({open} open)", mine.len()),
            };
            vec![
                m.id.to_string(),
                format_iso(m.held_on),
                for_display(&m.title).into_owned(),
                for_display(&m.place).into_owned(),
                for_display(&m.chair).into_owned(),
                tally,
                m.agencies
                    .iter()
                    .map(|a| short(*a))
                    .collect::<Vec<_>>()
                    .join(lang.pick("、", ", ")),
            ]
        })
        .collect();
    emit(&table(&head, &rows))
}
