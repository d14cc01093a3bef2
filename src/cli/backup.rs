//! `bayu backup DEST`: a consistent copy of the database made with SQLite's
//! online backup API while others keep working, then checked.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, CliResult, Context, emit};
use crate::db::{OpenMode, Store};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// A new file, or an existing directory to put a dated copy in
    #[arg(value_name = "DEST")]
    pub dest: PathBuf,
}

/// `DIR/bayu-20211231-183000.db` for a directory, else the path itself.
fn destination(dest: &Path, db: &Path) -> PathBuf {
    if dest.is_dir() {
        let stem = db
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "bayu".into());
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        dest.join(format!("{stem}-{stamp}.db"))
    } else {
        dest.to_path_buf()
    }
}

pub fn run(ctx: &Context, args: &BackupArgs) -> CliResult {
    let store = ctx.open()?;
    let dest = destination(&args.dest, &ctx.db);
    store.backup(&dest)?;
    let copy = Store::open(&dest, OpenMode::ReadOnly)?;
    let report = copy.check()?;
    if !report.ok() {
        let sentences: Vec<String> = report
            .findings
            .iter()
            .map(|f| crate::i18n::check::finding(ctx.lang, f))
            .collect();
        return Err(CliError::Reported(crate::i18n::check::copy_failed(
            ctx.lang,
            &dest,
            &sentences.join("; "),
        )));
    }
    emit(&format!(
        "backed up {} to {} ({} reports, {} log entries; check passed)\n",
        ctx.db.display(),
        dest.display(),
        report.reports,
        report.audit_entries
    ))
}
