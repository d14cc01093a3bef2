//! `bayu check`: SQLite's integrity check and the model's invariants, and
//! the owner, group and mode of the database's files where several
//! coordinators share them. A one-line verdict; when there are problems,
//! one sentence per kind of problem (with the `chgrp`/`chmod` lines that
//! repair the files' modes), and with `--verbose` the raw lines behind each.

use clap::Args;

use super::{CliError, CliResult, Context, emit};
use crate::db::SCHEMA_VERSION;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// First recompute the totals kept for speed (tally_report, tally_value) from the reports
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
    drop(store);
    let access: Vec<String> = crate::db::access::faults(&ctx.db)
        .iter()
        .map(|f| crate::i18n::deploy::fault(ctx.lang, f))
        .collect();
    if report.ok() && access.is_empty() {
        return emit(&format!(
            "ok: {} is sound (schema v{SCHEMA_VERSION}; {} outline nodes, {} units, {} reports, {} log entries)\n",
            ctx.db.display(),
            report.nodes,
            report.units,
            report.reports,
            report.audit_entries
        ));
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
    emit(&text)?;
    Err(CliError::Reported(crate::i18n::check::found(
        ctx.lang,
        &ctx.db,
        report.findings.len() + access.len(),
    )))
}
