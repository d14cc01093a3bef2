//! `bayu check`: SQLite's integrity check and the model's invariants, with
//! a one-line verdict (and the problems, one per line, when there are any),
//! and the owner, group and mode of the database's files where several
//! coordinators share them, with the `chgrp`/`chmod` lines that repair them.

use clap::Args;

use super::{CliError, CliResult, Context, emit};
use crate::db::SCHEMA_VERSION;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// First recompute the totals kept for speed (tally_report, tally_value) from the reports
    #[arg(long)]
    pub rebuild: bool,
}

pub fn run(ctx: &Context, args: &CheckArgs) -> CliResult {
    let mut store = ctx.open()?;
    if args.rebuild {
        store.rebuild_tallies()?;
    }
    let mut report = store.check()?;
    drop(store);
    report.problems.extend(
        crate::db::access::faults(&ctx.db)
            .iter()
            .map(|f| crate::i18n::deploy::fault(ctx.lang, f)),
    );
    if report.ok() {
        emit(&format!(
            "ok: {} is sound (schema v{SCHEMA_VERSION}; {} outline nodes, {} units, {} reports, {} log entries)\n",
            ctx.db.display(),
            report.nodes,
            report.units,
            report.reports,
            report.audit_entries
        ))
    } else {
        let mut text = String::new();
        for p in &report.problems {
            text.push_str(&format!("  {p}\n"));
        }
        emit(&text)?;
        Err(CliError::Reported(format!(
            "{}: {} problem{} found",
            ctx.db.display(),
            report.problems.len(),
            if report.problems.len() == 1 { "" } else { "s" }
        )))
    }
}
