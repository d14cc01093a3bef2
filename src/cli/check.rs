//! `bayu check`: SQLite's integrity check and the model's invariants, and
//! the owner, group and mode of the database's files where several
//! coordinators share them. A one-line verdict; when there are problems,
//! one sentence per kind of problem (with the `chgrp`/`chmod` lines that
//! repair the files' modes), and with `--verbose` the raw lines behind each.
//! A sound file is then read for the tasks whose status their records
//! contradict: the office's data to check, not a fault of the file.

use clap::Args;

use super::{CliError, CliResult, Context, emit};
use crate::analysis::{DataWarning, Snapshot};
use crate::db::SCHEMA_VERSION;
use crate::i18n::Lang;
use crate::model::dates::format_iso;
use crate::text::sanitize::for_display;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// First recompute the totals kept for speed (tally_report, tally_value, tally_review) from the reports
    #[arg(long)]
    pub rebuild: bool,
    /// List every raw line behind each problem (SQLite's own report, the rows at fault)
    #[arg(long)]
    pub verbose: bool,
}

pub fn run(ctx: &Context, args: &CheckArgs) -> CliResult {
    let mut store = ctx.open_for_check()?;
    if args.rebuild {
        store.rebuild_tallies()?;
    }
    let report = store.check()?;
    // The office's data to check, read while the file is open (only from
    // a file that is sound).
    let warned = if report.ok() {
        warnings(&Snapshot::load(&store, ctx.as_of)?, ctx.lang)
    } else {
        String::new()
    };
    drop(store);
    let access: Vec<String> = crate::db::access::faults(&ctx.db)
        .iter()
        .map(|f| crate::i18n::deploy::fault(ctx.lang, f))
        .collect();
    if report.ok() && access.is_empty() {
        emit(&format!(
            "ok: {} is sound (schema v{SCHEMA_VERSION}; {} outline nodes, {} units, {} reports, {} log entries)\n",
            ctx.db.display(),
            report.nodes,
            report.units,
            report.reports,
            report.audit_entries
        ))?;
        return emit(&warned);
    }
    let words = crate::i18n::check::finding;
    let mut text = String::new();
    for f in &report.findings {
        text.push_str(&format!("- {}\n", words(ctx.lang, f)));
        if args.verbose {
            for line in &f.lines {
                text.push_str(&format!("    {line}\n"));
            }
        }
    }
    for a in &access {
        text.push_str(&format!("- {a}\n"));
    }
    if !args.verbose && !report.problems.is_empty() {
        text.push_str(&crate::i18n::check::more_with_verbose(
            ctx.lang,
            report.problems.len(),
        ));
        text.push('\n');
    }
    text.push_str(&warned);
    emit(&text)?;
    Err(CliError::Reported(crate::i18n::check::found(
        ctx.lang,
        &ctx.db,
        report.findings.len() + access.len(),
    )))
}

/// Tasks whose status the records contradict at the as-of date (not a
/// fault of the file: the office's data to check), one per line.
pub fn warnings(snap: &Snapshot, lang: Lang) -> String {
    let list = snap.warnings();
    if list.is_empty() {
        return String::new();
    }
    let mut out = match lang {
        Lang::Zh => format!(
            "截至{}，{}项任务的状态与进展记录不符，请核实：\n",
            format_iso(snap.as_of),
            list.len()
        ),
        Lang::En => format!(
            "as of {}, the status of {} task{} contradicts the records; please check:\n",
            format_iso(snap.as_of),
            list.len(),
            if list.len() == 1 { "" } else { "s" }
        ),
    };
    for (node, w) in list {
        let what = match (lang, w) {
            (Lang::Zh, DataWarning::NotStartedButActive { .. }) => {
                format!("登记为未启动，但{}", crate::export::warning_words(w))
            }
            (Lang::Zh, DataWarning::DoneWithOpenMilestones { .. }) => {
                format!("登记为已完成，但{}", crate::export::warning_words(w))
            }
            (
                Lang::En,
                DataWarning::NotStartedButActive {
                    reports,
                    milestones_done,
                    progress_set,
                },
            ) => {
                let mut facts = Vec::new();
                if reports {
                    facts.push("reports have come in".to_string());
                }
                if milestones_done > 0 {
                    facts.push(format!("{milestones_done} milestones are done"));
                }
                if progress_set {
                    facts.push("a progress figure is set".to_string());
                }
                format!("marked not started, but {}", facts.join(", "))
            }
            (Lang::En, DataWarning::DoneWithOpenMilestones { open }) => {
                format!("marked done, but {open} milestones are not marked done")
            }
        };
        out.push_str(&format!(
            "  {} {}: {what}\n",
            snap.outline.code(node.id),
            for_display(&node.title)
        ));
    }
    out
}
