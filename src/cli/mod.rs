//! The command line: one binary that opens the console by default and
//! scripts what the console does (create, show, check …) for cron jobs,
//! imports and tests. One file per subcommand; this file parses the
//! arguments, finds the database and maps errors to exit codes.

mod backup;
mod check;
mod completions;
mod console;
mod decision;
mod demo;
mod error;
mod export;
mod import;
mod init;
mod log;
mod meeting;
mod milestone;
mod plan;
mod progress;
mod report;
mod resolve;
mod setup;
mod task;
mod template;
mod tree;
mod where_;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use error::{CliError, CliResult};

use crate::config::DbSource;
use crate::db::{OpenMode, Store};
use crate::i18n::Lang;
use crate::model::dates::{YearRule, format_cn, format_iso, names_its_year, parse_date_with};
use crate::model::{Node, Outline};
use crate::text::sanitize::for_terminal;

#[derive(Debug, Parser)]
#[command(
    name = "bayu",
    version,
    about = "Terminal coordination console for an implementation plan (实施方案): tasks, agencies, milestones, reports, memo-ready exports.",
    long_about = None
)]
pub struct Cli {
    /// Database file [default: bayu.db in the platform's data directory]
    #[arg(long, global = true, env = "BAYU_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Compute everything as of this date (2021-12-31, 2021年12月31日, 月底 …) [default: today]
    #[arg(long, global = true, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Interface language: zh or en
    #[arg(long, global = true, env = "BAYU_LANG", value_name = "LANG")]
    pub lang: Option<String>,

    /// Never write to the database
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Draw the console with plain ASCII (also BAYU_ASCII=1 or `ascii = yes` in the settings file)
    #[arg(long, global = true)]
    pub ascii: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a database from the built-in plan or a plan document
    Init(init::InitArgs),
    /// Print the plan's outline with status, agencies and next milestone
    Tree(tree::TreeArgs),
    /// Verify the database file and print a one-line verdict
    Check(check::CheckArgs),
    /// Copy the database consistently while others use it (SQLite online backup)
    Backup(backup::BackupArgs),
    /// Create a database with N synthetic reports, for measuring bayu at size
    Demo(demo::DemoArgs),
    /// Import reports from the sheets units send back; list or undo imports
    Import(import::ImportArgs),
    /// Write the sheet to send the units (CSV for Excel/WPS)
    Template(template::TemplateArgs),
    /// Add and review progress reports (进展报送)
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Add, edit, complete, reopen and delete milestones (时间节点)
    #[command(subcommand)]
    Milestone(milestone::MilestoneCommand),
    /// Edit the outline and a task's status, dates, progress and agencies
    #[command(subcommand)]
    Task(task::TaskCommand),
    /// Record the joint office's meetings (会议) and list them
    Meeting(meeting::MeetingArgs),
    /// Record a meeting's decisions (议定事项), mark them done, list them
    #[command(subcommand)]
    Decision(decision::DecisionCommand),
    /// Show or set the plan's schedule: start, end, warning window, grace days, reporting cycle
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Print the audit log (操作日志): time, user, what changed
    Log(log::LogArgs),
    /// Take back your newest change (or a named log entry)
    Undo(log::UndoArgs),
    /// Apply again the change you last undid
    Redo,
    /// Export a memo, ledger, reminder list, coverage report, tsv, csv or json
    Export(export::ExportArgs),
    /// Say which database and which settings files are in force, and why
    Where,
    /// Set up a database several coordinators share (a group directory, modes, system settings)
    #[command(subcommand)]
    Setup(setup::SetupCommand),
    /// Print the shell completion script for bash, zsh or fish
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff; `bayu man | man -l -`)
    Man,
}

/// Settings every command shares, resolved from the arguments.
pub struct Context {
    pub db: PathBuf,
    /// Whether `db` is the default location (created on first use).
    pub default_db: bool,
    /// Why `db` is the file in use.
    pub db_source: DbSource,
    pub as_of: NaiveDate,
    pub lang: Lang,
    pub read_only: bool,
    /// The settings files, merged (`crate::config`).
    pub config: crate::config::Config,
    /// The settings files looked for, system file first.
    pub settings: Vec<crate::config::FileUse>,
}

impl Context {
    fn from_cli(cli: &Cli, db_flag: Option<ValueSource>) -> CliResult<Context> {
        let today = chrono::Local::now().date_naive();
        let loaded = crate::config::load()?;
        let config = loaded.config;
        let lang = match &cli.lang {
            Some(s) => Lang::parse(s).ok_or_else(|| {
                CliError::Usage(format!("--lang: unknown language {s:?} (use zh or en)"))
            })?,
            None => config.lang.unwrap_or(Lang::Zh),
        };
        let as_of = match &cli.as_of {
            Some(s) => {
                // 12月31日 is the latest 31 December not after today.
                let d = parse_date_with(s, today, YearRule::LatestNotAfter)
                    .map_err(|e| CliError::Usage(format!("--as-of: {e}")))?;
                if !names_its_year(s, d) {
                    eprintln!("{}", as_of_resolved(lang, s, d));
                }
                d
            }
            None => today,
        };
        let (db, db_source) = match (&cli.db, &config.db) {
            (Some(p), _) if p.as_os_str().is_empty() => {
                return Err(CliError::Usage("--db: the path is empty".into()));
            }
            (Some(p), _) => (
                p.clone(),
                if db_flag == Some(ValueSource::EnvVariable) {
                    DbSource::Env
                } else {
                    DbSource::Flag
                },
            ),
            (None, Some(setting)) => {
                let scope = loaded
                    .files
                    .iter()
                    .find(|f| f.path == setting.file)
                    .map_or(crate::config::Scope::User, |f| f.scope);
                (
                    setting.path.clone(),
                    DbSource::Settings(scope, setting.clone()),
                )
            }
            (None, None) => (
                crate::db::default_path().ok_or_else(|| {
                    CliError::Usage(
                        "no home directory to keep the database in; give --db PATH".into(),
                    )
                })?,
                DbSource::Default,
            ),
        };
        Ok(Context {
            db,
            default_db: db_source == DbSource::Default,
            db_source,
            as_of,
            lang,
            read_only: cli.read_only,
            config,
            settings: loaded.files,
        })
    }

    fn mode(&self) -> OpenMode {
        if self.read_only {
            OpenMode::ReadOnly
        } else {
            OpenMode::Auto
        }
    }

    /// Opens the database. The default location is created from the
    /// built-in plan on first use; a path given by the user must exist, so
    /// that a typo never starts a new, empty file beside the shared one.
    pub fn open(&self) -> CliResult<Store> {
        let store = self.open_for_check()?;
        // A damaged file still shows what can be read, with a warning;
        // its writes are refused by the store.
        if let Some(fault) = store.damage()? {
            say(&format!(
                "bayu: {}",
                crate::i18n::store::damage_warning(self.lang, &fault)
            ));
        }
        Ok(store)
    }

    /// [`Context::open`] without the quick check's warning, for `check`,
    /// which says more.
    pub fn open_for_check(&self) -> CliResult<Store> {
        let store = self.open_quietly()?;
        if let Some(kind) = crate::db::network_filesystem(store.path()) {
            say(&network_fs_warning(store.path(), kind));
        }
        Ok(store)
    }

    /// [`Context::open`] without the warnings on stderr (the console shows
    /// them on screen instead).
    pub fn open_quietly(&self) -> CliResult<Store> {
        if self.default_db && !self.db.exists() {
            if let Some(dir) = self.db.parent() {
                std::fs::create_dir_all(dir).map_err(|e| CliError::io(dir, e))?;
            }
            let store = init::create_builtin(&self.db, false, false)?;
            say(&format!(
                "bayu: created {} from the built-in plan",
                self.db.display()
            ));
            return Ok(store);
        }
        Ok(Store::open(&self.db, self.mode())?)
    }
}

/// Says which day an `--as-of` typed without its year (`12月31日`, `月底`)
/// stands for, so that nobody signs a memo dated a year off.
fn as_of_resolved(lang: Lang, typed: &str, d: NaiveDate) -> String {
    let typed = crate::text::sanitize::for_display(typed.trim());
    match lang {
        Lang::Zh => format!("bayu: --as-of {typed} 即{}", format_cn(d)),
        Lang::En => format!("bayu: --as-of {typed} is {}", format_iso(d)),
    }
}

/// The sentence for a database on a network filesystem: said on every
/// command, since the damage comes from using it together.
fn network_fs_warning(path: &std::path::Path, kind: &str) -> String {
    format!(
        "bayu: warning: {} is on a network filesystem ({kind}), where SQLite's locks are unreliable; several coordinators using it at once can damage it. Keep it on one server's local disk and work there over SSH",
        path.display()
    )
}

/// `bayu 0.1.0 (database schema 3)`: which files this binary can open
/// matters as much as its version when an office upgrades.
pub fn version_line() -> &'static str {
    static LINE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    LINE.get_or_init(|| {
        format!(
            "{} (database schema {})",
            env!("CARGO_PKG_VERSION"),
            crate::db::SCHEMA_VERSION
        )
    })
}

/// The clap definition of the command line, as parsed, completed and
/// documented (`bayu completions`, `bayu man`).
pub fn command() -> clap::Command {
    Cli::command().version(version_line())
}

/// Runs the command line; the exit code is 0 on success, 1 when the command
/// failed, 2 for usage errors.
pub fn main() -> ExitCode {
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m.value_source("db"))));
    let (cli, db_flag) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Errors before the settings are read speak the language asked for.
    let mut lang = cli
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    match run(cli, db_flag, &mut lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ (CliError::Usage(_) | CliError::Config(_))) => {
            say(&format!("bayu: {}", e.text(lang)));
            ExitCode::from(2)
        }
        Err(e) => {
            say(&format!("bayu: {}", e.text(lang)));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, db_flag: Option<ValueSource>, lang: &mut Lang) -> CliResult {
    // These need no settings and no database.
    match &cli.command {
        Some(Command::Completions(args)) => return completions::completions(args),
        Some(Command::Man) => return completions::man(),
        _ => {}
    }
    let ctx = Context::from_cli(&cli, db_flag)?;
    *lang = ctx.lang;
    match cli.command {
        Some(Command::Init(args)) => init::run(&ctx, &args),
        Some(Command::Tree(args)) => tree::run(&ctx, &args),
        Some(Command::Check(args)) => check::run(&ctx, &args),
        Some(Command::Backup(args)) => backup::run(&ctx, &args),
        Some(Command::Demo(args)) => demo::run(&ctx, &args),
        Some(Command::Import(args)) => import::run(&ctx, &args),
        Some(Command::Template(args)) => template::run(&ctx, &args),
        Some(Command::Report(cmd)) => report::run(&ctx, &cmd),
        Some(Command::Milestone(cmd)) => milestone::run(&ctx, &cmd),
        Some(Command::Task(cmd)) => task::run(&ctx, &cmd),
        Some(Command::Meeting(args)) => meeting::run(&ctx, &args),
        Some(Command::Decision(cmd)) => decision::run(&ctx, &cmd),
        Some(Command::Plan(cmd)) => plan::run(&ctx, &cmd),
        Some(Command::Log(args)) => log::run(&ctx, &args),
        Some(Command::Undo(args)) => log::undo(&ctx, &args),
        Some(Command::Redo) => log::redo(&ctx),
        Some(Command::Export(args)) => export::run(&ctx, &args),
        Some(Command::Where) => where_::run(&ctx),
        Some(Command::Setup(cmd)) => setup::run(&ctx, &cmd),
        Some(Command::Completions(_) | Command::Man) => Ok(()),
        None => console::run(&ctx, cli.ascii),
    }
}

/// `bayu tree`'s text for the whole outline (for the tests of what the
/// exports and `tree` say).
#[cfg(test)]
pub(crate) fn tree_text(snap: &crate::analysis::Snapshot, lang: Lang) -> String {
    tree::render(snap, lang, false, None)
}

/// Finds a node by its dotted code, or says which codes exist.
pub fn find_node<'a>(outline: &'a Outline, code: &str) -> CliResult<&'a Node> {
    outline.find_code(code).ok_or_else(|| {
        let tops: Vec<String> = outline
            .roots()
            .iter()
            .map(|id| outline.code(*id))
            .collect();
        CliError::Usage(format!(
            "no node {:?} in the outline (codes are dotted positions such as 2.1.1; `bayu tree --codes` lists them; top level: {})",
            code.trim(),
            tops.join(", ")
        ))
    })
}

/// Writes text to stdout; a closed pipe (`bayu tree | head`) is not an error.
/// Whatever it holds from the database (names, titles, reports, the log)
/// reaches the terminal only as `text::sanitize::for_terminal` leaves it.
pub fn emit(text: &str) -> CliResult {
    let text = for_terminal(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::io(Path::new("<stdout>"), e)),
    }
}

/// Rows as aligned columns (widths in terminal columns, so Chinese lines
/// up); the last column is not padded.
pub fn table(head: &[&str], rows: &[Vec<String>]) -> String {
    use crate::text::width::{pad_right, width};
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| width(c))
                .chain([width(head[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut out = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.to_string()
                } else {
                    pad_right(c, widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ");
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    };
    let mut out = line(head.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

/// Prints a message line on stderr, sanitised as [`emit`] does: errors
/// and warnings quote names and cells from the database and the files.
pub fn say(line: &str) {
    eprintln!("{}", for_terminal(line));
}
