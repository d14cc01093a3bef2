//! `bayu demo --reports N [--seed S]`: a new database with the demo's
//! structure and N synthetic reports, for measuring bayu at any size. Built
//! in one transaction in a file beside the target and renamed into place,
//! so an interrupted run leaves nothing half made.

use std::io::IsTerminal;
use std::time::Instant;

use clap::Args;

use super::{CliError, CliResult, Context, emit};
use crate::db::{AuditEntry, Store};
use crate::plan_text;
use crate::seed;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many reports to generate
    #[arg(long, value_name = "N")]
    pub reports: usize,
    /// Seed of the generator: the same seed gives the same data
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Replace an existing database file
    #[arg(long)]
    pub force: bool,
}

/// Rows done, rate and time left, on one rewritten line of stderr.
fn progress_line(done: usize, total: usize, started: Instant) -> String {
    let secs = started.elapsed().as_secs_f64().max(1e-3);
    let rate = done as f64 / secs;
    let left = if rate > 0.0 {
        (total - done) as f64 / rate
    } else {
        0.0
    };
    format!("\r{done}/{total} reports, {rate:.0}/s, {left:.0} s left   ")
}

pub fn run(ctx: &Context, args: &DemoArgs) -> CliResult {
    if ctx.read_only {
        return Err(CliError::Usage(
            "demo writes a database; it cannot run with --read-only".into(),
        ));
    }
    let doc = plan_text::parse(seed::PLAN_TEXT).map_err(|source| CliError::Plan {
        path: "<built-in plan>".into(),
        source,
    })?;
    let units = seed::parse_units(seed::UNITS_TSV, "built-in units").map_err(CliError::Usage)?;
    if ctx.default_db
        && let Some(dir) = ctx.db.parent()
    {
        std::fs::create_dir_all(dir).map_err(|e| CliError::io(dir, e))?;
    }
    let started = Instant::now();
    let show = std::io::stderr().is_terminal();
    let mut last_shown = Instant::now();
    let mut summary = None;
    Store::create(&ctx.db, args.force, |store| {
        store.write("demo", |w| {
            w.load_plan(&doc)?;
            w.insert_units(&units)?;
            w.audit(&AuditEntry {
                op: "init".into(),
                entity: "plan".into(),
                entity_id: Some(1),
                summary: "由内置实施方案创建数据库".into(),
                before: None,
                after: None,
            })?;
            let mut report = |done: usize, total: usize| {
                if show && (last_shown.elapsed().as_millis() >= 100 || done == total) {
                    eprint!("{}", progress_line(done, total, started));
                    last_shown = Instant::now();
                }
            };
            summary = Some(crate::demo::synthetic::add(
                w,
                args.reports,
                args.seed,
                &mut report,
            )?);
            Ok(())
        })
    })?;
    if show {
        eprintln!();
    }
    let s = summary.unwrap_or_default();
    emit(&format!(
        "created {}: {} synthetic reports (seed {}), {} milestones, {} sub-tasks, in {:.1} s\n",
        ctx.db.display(),
        s.reports,
        args.seed,
        s.milestones,
        s.subtasks,
        started.elapsed().as_secs_f64()
    ))
}
