//! `bayu import`: reports from the sheets the units send back
//! (`import reports FILE…`), the imports recorded so far (`import list`),
//! and taking one back as a whole (`import undo BATCH`).
//!
//! All or nothing: every row of every file is checked first and every
//! problem printed as `FILE:LINE: column 单位: …`; only when there is none
//! are the rows added, in one transaction.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::progress::Progress;
use super::{CliError, CliResult, Context, emit};
use crate::i18n::Lang;
use crate::import::{self, Encoding, ImportOptions, ImportPlan, Outcome};
use crate::text::sanitize::for_display;
use crate::text::width::{pad_left, pad_right, width};

/// Problems (or dry-run rows) printed before the rest is only counted.
const MAX_LINES: usize = 200;

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub what: ImportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import reports from CSV sheets (all or nothing)
    Reports(ReportsArgs),
    /// List recorded imports, newest first
    List,
    /// Take back a whole import: remove what it added, restore what it replaced
    Undo {
        /// The batch number (`bayu import list` shows them)
        #[arg(value_name = "BATCH")]
        batch: i64,
    },
}

#[derive(Debug, Args)]
pub struct ReportsArgs {
    /// CSV files (UTF-8 with or without BOM, GBK/GB18030)
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Check and show what would be added, without writing
    #[arg(long)]
    pub dry_run: bool,
    /// The files' encoding: utf-8, gbk, gb18030, utf-16le or utf-16be [default: detected]
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

pub fn run(ctx: &Context, args: &ImportArgs) -> CliResult {
    match &args.what {
        ImportCommand::Reports(a) => reports(ctx, a),
        ImportCommand::List => list(ctx),
        ImportCommand::Undo { batch } => undo(ctx, *batch),
    }
}

fn reports(ctx: &Context, args: &ReportsArgs) -> CliResult {
    let encoding = match &args.encoding {
        Some(e) => Some(Encoding::parse(e).ok_or_else(|| {
            CliError::Usage(format!(
                "--encoding: unknown encoding {e:?} (use one of {})",
                Encoding::NAMES
            ))
        })?),
        None => None,
    };
    let opts = ImportOptions {
        encoding,
        today: chrono::Local::now().date_naive(),
        lang: ctx.lang,
    };
    let mut store = ctx.open()?;
    let mut progress = Progress::new(ctx.lang, ctx.lang.pick("检查", "checking"));
    let plan = import::check_with_progress(&store, &args.files, &opts, &mut |d, t| {
        progress.update(d, t)
    })?;
    progress.finish();
    for w in &plan.warnings {
        super::say(&format!("bayu: warning: {}", for_display(w)));
    }
    if !plan.is_ok() {
        print_problems(&plan);
        let n = plan.problems.len();
        return Err(CliError::Reported(format!(
            "{n} problem{} found; nothing was imported",
            if n == 1 { "" } else { "s" }
        )));
    }
    if args.dry_run {
        let mut out = dry_run_rows(&plan, ctx.lang);
        out.push_str(&plan.summary(&store)?.render(ctx.lang));
        return emit(&out);
    }
    let mut progress = Progress::new(ctx.lang, ctx.lang.pick("导入", "importing"));
    let summary =
        import::apply_with_progress(&mut store, &plan, &mut |d, t| progress.update(d, t))?;
    progress.finish();
    let mut out = summary.render(ctx.lang);
    let batches: Vec<String> = summary
        .files
        .iter()
        .filter_map(|f| f.batch)
        .map(|b| b.to_string())
        .collect();
    if !batches.is_empty() {
        out.push_str(&match ctx.lang {
            Lang::Zh => format!(
                "如需撤销：bayu import undo {}\n",
                batches.join("；bayu import undo ")
            ),
            Lang::En => format!(
                "To take it back: bayu import undo {}\n",
                batches.join(", bayu import undo ")
            ),
        });
    }
    emit(&out)
}

fn print_problems(plan: &ImportPlan) {
    let mut err = String::new();
    for p in plan.problems.iter().take(MAX_LINES) {
        err.push_str(&for_display(&p.to_string()));
        err.push('\n');
    }
    if plan.problems.len() > MAX_LINES {
        err.push_str(&format!(
            "… and {} more problems\n",
            plan.problems.len() - MAX_LINES
        ));
    }
    eprint!("{}", crate::text::sanitize::for_terminal(&err));
}

/// One line per row a dry run would add (or skip).
fn dry_run_rows(plan: &ImportPlan, lang: Lang) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for file in &plan.files {
        for row in &file.rows {
            shown += 1;
            if shown > MAX_LINES {
                continue;
            }
            let what = match (row.outcome, lang) {
                (Outcome::New, Lang::Zh) => "新增".to_string(),
                (Outcome::New, Lang::En) => "new".to_string(),
                (Outcome::Revision { replaces }, Lang::Zh) => {
                    format!("重报，替换报送 {replaces}")
                }
                (Outcome::Revision { replaces }, Lang::En) => {
                    format!("re-submission, replaces report {replaces}")
                }
                (Outcome::Duplicate { .. }, Lang::Zh) => "重复，跳过".to_string(),
                (Outcome::Duplicate { .. }, Lang::En) => "duplicate, skipped".to_string(),
            };
            let r = &row.report;
            out.push_str(&for_display(&format!(
                "{}:{}: {} {} {} {} {} — {what}",
                file.name,
                row.line,
                row.unit_name,
                row.task_code,
                r.period.code(),
                r.reported_on,
                r.author
            )));
            out.push('\n');
        }
    }
    if shown > MAX_LINES {
        out.push_str(&format!("… {} more rows\n", shown - MAX_LINES));
    }
    out
}

fn list(ctx: &Context) -> CliResult {
    let store = ctx.open()?;
    let batches = store.batches()?;
    if batches.is_empty() {
        return emit(ctx.lang.pick("尚无导入记录。\n", "No imports yet.\n"));
    }
    let heads = match ctx.lang {
        Lang::Zh => ["批次", "导入时间", "用户", "新增", "跳过", "文件"],
        Lang::En => ["batch", "imported", "user", "added", "skipped", "file"],
    };
    let rows: Vec<[String; 6]> = batches
        .iter()
        .map(|b| {
            [
                b.id.to_string(),
                b.imported_at.clone(),
                for_display(&b.os_user).into_owned(),
                b.rows_added.to_string(),
                b.rows_skipped.to_string(),
                for_display(&b.file_name).into_owned(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(heads[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: [&str; 6]| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let cell = match i {
                0 | 3 | 4 => pad_left(c, widths[i]),
                5 => c.to_string(),
                _ => pad_right(c, widths[i]),
            };
            l.push_str(&cell);
            l.push_str("  ");
        }
        format!("{}\n", l.trim_end())
    };
    let mut out = line(heads);
    for r in &rows {
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]]));
    }
    emit(&out)
}

fn undo(ctx: &Context, batch: i64) -> CliResult {
    let mut store = ctx.open()?;
    let file = store
        .batches()?
        .into_iter()
        .find(|b| b.id == batch)
        .map(|b| b.file_name);
    let undone = store.write(&format!("undoing import batch {batch}"), |w| {
        w.undo_logged_import(batch)
    })?;
    let file = file
        .map(|f| format!(" ({})", for_display(&f)))
        .unwrap_or_default();
    emit(&match ctx.lang {
        Lang::Zh => format!(
            "已撤销导入批次 {batch}{file}：删除报送 {} 条，恢复被替换的报送 {} 条。\n",
            undone.removed, undone.restored
        ),
        Lang::En => format!(
            "undid import batch {batch}{file}: removed {} report{}, made {} replaced report{} current again\n",
            undone.removed,
            if undone.removed == 1 { "" } else { "s" },
            undone.restored,
            if undone.restored == 1 { "" } else { "s" }
        ),
    })
}
