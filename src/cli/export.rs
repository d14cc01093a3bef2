//! `bayu export TEMPLATE`: a memo, ledger, reminder list, coverage report,
//! tsv, csv or json to stdout or, with `--out`, to a file written
//! atomically. Everything is checked before anything is written, so a
//! mistake leaves no half file and prints nothing but one sentence.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{CliError, CliResult, Context};
use crate::analysis::Snapshot;
use crate::export::{self, ExportError, ExportOptions, Template};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// memo (情况通报), ledger (工作台账), overdue (催办清单), coverage (报送情况), tsv, csv or json
    #[arg(value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// Reporting period to show (2021Q4, 2021年第四季度 …) [default: the one due at the as-of date]
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Only what this agency leads or supports (full or short name: 市总工会)
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Lay out for N terminal columns: wrap paragraphs, fit the ledger
    #[arg(long, value_name = "N")]
    pub wrap: Option<usize>,
    /// Windows line ends (CRLF)
    #[arg(long)]
    pub crlf: bool,
}

/// Errors about values the user typed (template, agency, period, width,
/// output path) are usage errors (exit 2); the rest exit 1.
fn cli_error(e: ExportError) -> CliError {
    match e {
        ExportError::Store(e) => CliError::Store(e),
        ExportError::Io { path, source } => CliError::Io { path, source },
        ExportError::Write(source) => CliError::Io {
            path: PathBuf::from("<stdout>"),
            source,
        },
        other => CliError::Usage(other.to_string()),
    }
}

pub fn run(ctx: &Context, args: &ExportArgs) -> CliResult {
    let Some(name) = &args.template else {
        return Err(CliError::Usage(format!(
            "name a template to export: {}",
            export::template_list()
        )));
    };
    let template = Template::parse(name).map_err(cli_error)?;
    if let Some(out) = args.out.as_deref().filter(|o| !o.is_dir()) {
        export::check_target(out).map_err(cli_error)?;
    }
    let store = ctx.open()?;
    let snap = Snapshot::load(&store, ctx.as_of)?;
    let opts = options(&snap, args).map_err(cli_error)?;
    export::check(template, &snap, &opts).map_err(cli_error)?;
    match &args.out {
        Some(out) => {
            // A directory gets the file under the name the console proposes.
            let path = if out.is_dir() {
                out.join(export::default_file_name(template, &snap, &opts))
            } else {
                out.clone()
            };
            export::write_file(&path, template, &snap, &store, &opts).map_err(cli_error)?;
            super::say(&format!(
                "bayu: wrote {} ({})",
                path.display(),
                template.info().title
            ));
            Ok(())
        }
        None => to_stdout(template, &snap, &store, &opts),
    }
}

fn options(snap: &Snapshot, args: &ExportArgs) -> export::Result<ExportOptions> {
    Ok(ExportOptions {
        agency: match &args.agency {
            Some(name) => Some(export::find_agency(snap, name)?.id),
            None => None,
        },
        period: match &args.period {
            Some(p) => Some(export::parse_period(snap, p)?),
            None => None,
        },
        wrap: args.wrap,
        crlf: args.crlf,
    })
}

/// Streams to stdout; a reader that stops early (`| head`) is not an error.
fn to_stdout(
    template: Template,
    snap: &Snapshot,
    store: &crate::db::Store,
    opts: &ExportOptions,
) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = export::write(template, snap, store, opts, &mut out)
        .and_then(|()| out.flush().map_err(ExportError::Write));
    match result {
        Err(ExportError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(cli_error(e)),
        Ok(()) => Ok(()),
    }
}
