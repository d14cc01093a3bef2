//! `bayu log`: the audit log (操作日志) as a table — entry, time, user,
//! summary — filtered by user, record and dates; and `bayu undo` / `bayu
//! redo`, which take back or re-apply the user's own changes from it.

use clap::Args;

use super::{CliError, CliResult, Context, emit};
use crate::db::edit::Field;
use crate::db::edit::validate;
use crate::db::{AuditFilter, AuditRecord, Store};
use crate::i18n::Lang;
use crate::text::sanitize::for_display;
use crate::text::width::{pad_right, width};

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only this OS user's entries
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// Only entries about this: node (or task), milestone, indicator, report, agency, unit, meeting, decision, import_batch; `KIND:ID` (milestone:12) or a task code (2.1.1) for one record's history
    #[arg(long, value_name = "ENTITY")]
    pub entity: Option<String>,
    /// From this day (2021-12-01, 12月1日, 月初 …)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to and including this day
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// At most this many entries, newest first
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Undo this log entry instead of your newest change
    #[arg(value_name = "ENTRY")]
    pub entry: Option<i64>,
}

fn table_of(kind: &str) -> Option<&'static str> {
    Some(match kind.trim().to_ascii_lowercase().as_str() {
        "node" | "task" | "任务" => "node",
        "milestone" | "节点" | "时间节点" => "milestone",
        "indicator" | "指标" => "indicator",
        "report" | "报送" => "report",
        "agency" | "责任单位" => "agency",
        "unit" | "单位" => "unit",
        "import" | "import_batch" | "batch" | "导入" => "import_batch",
        "plan" => "plan",
        // Any other kind of record by its table's name (meeting, decision …).
        other => return crate::db::edit::Target::from_entity(other, 0).map(|t| t.table()),
    })
}

/// `milestone`, `milestone:12` or `2.1.1` → (table, id).
fn entity(store: &Store, e: &str) -> CliResult<(&'static str, Option<i64>)> {
    let bad = || {
        CliError::Usage(format!(
            "--entity: {e:?} is not node, milestone, indicator, report, agency, unit, meeting, decision or import_batch (optionally :ID), nor a task code"
        ))
    };
    if let Some((kind, id)) = e.split_once([':', '：']) {
        let table = table_of(kind).ok_or_else(bad)?;
        let id = id.trim().parse().map_err(|_| bad())?;
        return Ok((table, Some(id)));
    }
    if let Some(t) = table_of(e) {
        return Ok((t, None));
    }
    let outline = store.outline()?;
    let node = outline.find_code(e).ok_or_else(bad)?;
    Ok(("node", Some(node.id)))
}

pub fn run(ctx: &Context, a: &LogArgs) -> CliResult {
    let store = ctx.open()?;
    let since = a
        .since
        .as_deref()
        .map(|s| validate::date(Field::Date, s, ctx.as_of))
        .transpose()?;
    let until = a
        .until
        .as_deref()
        .map(|s| validate::date(Field::Date, s, ctx.as_of))
        .transpose()?;
    let (table, id) = match &a.entity {
        Some(e) => {
            let (t, id) = entity(&store, e)?;
            (Some(t), id)
        }
        None => (None, None),
    };
    let mut entries: Vec<AuditRecord> = match (table, id) {
        (Some(t), Some(id)) => store
            .record_history(t, id)?
            .into_iter()
            .filter(|e| a.user.as_ref().is_none_or(|u| &e.os_user == u))
            .filter(|e| {
                since.is_none_or(|s| e.at.get(..10).is_some_and(|d| d >= s.to_string().as_str()))
            })
            .filter(|e| {
                until.is_none_or(|s| e.at.get(..10).is_some_and(|d| d <= s.to_string().as_str()))
            })
            .take(a.limit + 1)
            .collect(),
        _ => store.audit_log(&AuditFilter {
            user: a.user.clone(),
            entity: table.map(str::to_string),
            entity_id: None,
            since,
            until,
            limit: Some(a.limit + 1),
        })?,
    };
    let more = entries.len() > a.limit;
    entries.truncate(a.limit);
    emit(&render(&entries, ctx.lang, more, a.limit))
}

/// The log as aligned columns (widths in terminal columns).
pub fn render(entries: &[AuditRecord], lang: Lang, more: bool, limit: usize) -> String {
    if entries.is_empty() {
        return format!("{}\n", lang.pick("（无记录）", "(no entries)"));
    }
    let head = [
        lang.pick("编号", "entry"),
        lang.pick("时间", "time"),
        lang.pick("用户", "user"),
        lang.pick("摘要", "summary"),
    ];
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| {
            let mut summary = for_display(&e.summary).into_owned();
            if let Some(by) = e.undone_by {
                summary.push_str(&match lang {
                    Lang::Zh => format!("（已撤销，见{by}）"),
                    Lang::En => format!(" (undone by {by})"),
                });
            }
            [
                e.id.to_string(),
                crate::db::edit::short_time(&e.at),
                for_display(&e.os_user).into_owned(),
                summary,
            ]
        })
        .collect();
    let w = |i: usize| {
        rows.iter()
            .map(|r| width(&r[i]))
            .chain([width(head[i])])
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (w(0), w(1), w(2));
    let mut out = format!(
        "{}  {}  {}  {}\n",
        pad_right(head[0], w0),
        pad_right(head[1], w1),
        pad_right(head[2], w2),
        head[3]
    );
    for r in &rows {
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            pad_right(&r[0], w0),
            pad_right(&r[1], w1),
            pad_right(&r[2], w2),
            r[3]
        ));
    }
    if more {
        out.push_str(&match lang {
            Lang::Zh => format!("（仅显示最近{limit}条；--limit N 显示更多）\n"),
            Lang::En => format!("(the newest {limit} shown; --limit N shows more)\n"),
        });
    }
    out
}

pub fn undo(ctx: &Context, a: &UndoArgs) -> CliResult {
    let mut store = ctx.open()?;
    let out = match a.entry {
        Some(id) => store.undo_entry(id)?,
        None => store.undo()?,
    };
    emit(&done_line(ctx.lang, &out))
}

pub fn redo(ctx: &Context) -> CliResult {
    let mut store = ctx.open()?;
    let out = store.redo()?;
    emit(&done_line(ctx.lang, &out))
}

/// `撤销：…（日志12）` / `撤销：… (log entry 12)`.
fn done_line(lang: Lang, out: &crate::db::edit::Outcome) -> String {
    let entry = out.entry.unwrap_or(0);
    match lang {
        Lang::Zh => format!("{}（日志{entry}）\n", for_display(&out.summary)),
        Lang::En => format!("{} (log entry {entry})\n", for_display(&out.summary)),
    }
}
