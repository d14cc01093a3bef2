//! `bayu template reports`: the sheet to send the units — one row per unit
//! and task to report on, pre-filled, with a column per indicator — as a
//! CSV that Excel and WPS open correctly. Written to stdout, or atomically
//! to a file (`--out`): a reader never sees half a sheet.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{CliError, CliResult, Context};
use crate::analysis::coverage::reporting_period;
use crate::import::matching::UnitMatcher;
use crate::import::template;
use crate::model::Period;

#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub what: TemplateCommand,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// The reports sheet (CSV, UTF-8 with BOM) for the units to fill in
    Reports(ReportsTemplateArgs),
}

#[derive(Debug, Args)]
pub struct ReportsTemplateArgs {
    /// Only this unit (name, short name or code: 渝中区, 渝中, 500103) [default: every unit]
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// The period (2021Q4, 2021年第四季度 …) [default: the reporting period at the as-of date]
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &TemplateArgs) -> CliResult {
    match &args.what {
        TemplateCommand::Reports(a) => reports(ctx, a),
    }
}

fn reports(ctx: &Context, args: &ReportsTemplateArgs) -> CliResult {
    let store = ctx.open()?;
    let plan = store.plan()?;
    let period = match &args.period {
        Some(p) => Period::parse(p, plan.period_kind)
            .map_err(|e| CliError::Usage(format!("--period: {e}")))?,
        None => reporting_period(&plan, ctx.as_of),
    };
    let unit = match &args.unit {
        Some(u) => {
            let units = UnitMatcher::new(store.units()?);
            let found = units.find(u).map(|x| x.id);
            Some(found.ok_or_else(|| {
                let shown = crate::text::sanitize::normalize_input(u);
                CliError::Usage(match units.suggest(&shown) {
                    Some(s) => format!("--unit: unknown unit \"{shown}\" (did you mean {s}?)"),
                    None => format!("--unit: unknown unit \"{shown}\""),
                })
            })?)
        }
        None => None,
    };
    let sheet = template::reports(&store, unit, period)?;
    match &args.out {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(&sheet.bytes).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(CliError::io(Path::new("<stdout>"), e)),
            }
        }
        Some(path) => {
            write_atomically(path, &sheet.bytes)?;
            super::say(&format!(
                "bayu: wrote {}: {} for {} unit{} × {} task{} ({} rows, {} indicator columns)",
                path.display(),
                period.label_cn(),
                sheet.units,
                if sheet.units == 1 { "" } else { "s" },
                sheet.tasks,
                if sheet.tasks == 1 { "" } else { "s" },
                sheet.rows(),
                sheet.indicator_columns
            ));
            Ok(())
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into
/// place. A missing directory is refused before anything is written.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> CliResult {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(CliError::Reported(format!(
            "cannot write {}: the directory {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    if path.is_dir() {
        return Err(CliError::Reported(format!(
            "cannot write {}: it is a directory; give a file name",
            path.display()
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sheet".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        CliError::io(path, e)
    })
}
