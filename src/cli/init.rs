//! `bayu init`: create a database from the built-in plan or from a plan
//! document, optionally with demo data. Refuses to replace a file unless
//! `--force`; builds the new file aside and renames it into place, so a
//! failure leaves nothing behind and the old file untouched.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, CliResult, Context, emit};
use crate::db::{AuditEntry, Store};
use crate::plan_text::{self, PlanDoc};
use crate::seed;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Read the plan from this document (UTF-8 text) instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// Also add demo data (agencies' roles, milestones, indicators, five years of reports)
    #[arg(long)]
    pub demo: bool,
    /// Replace an existing database file
    #[arg(long)]
    pub force: bool,
}

/// Reads a plan document from a file: UTF-8 (with or without BOM).
fn read_plan_file(path: &Path) -> CliResult<PlanDoc> {
    let bytes = std::fs::read(path).map_err(|e| CliError::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::Usage(format!(
            "{}: not UTF-8 text (invalid byte at offset {}); save the document as UTF-8 text",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    plan_text::parse(&text).map_err(|source| CliError::Plan {
        path: path.to_path_buf(),
        source,
    })
}

/// Creates a database holding `doc`, the built-in units and, if asked, the
/// demo data.
pub fn create(
    path: &Path,
    doc: &PlanDoc,
    source: &str,
    demo: bool,
    force: bool,
) -> CliResult<Store> {
    let units = seed::parse_units(seed::UNITS_TSV, "built-in units").map_err(CliError::Usage)?;
    let store = Store::create(path, force, |store| {
        store.write("init", |w| {
            let summary = w.load_plan(doc)?;
            let units = w.insert_units(&units)?;
            w.audit(&AuditEntry {
                op: "init".into(),
                entity: "plan".into(),
                entity_id: Some(1),
                summary: format!(
                    "由{source}创建数据库：大纲节点{}个，责任单位{}个，基层单位{units}个",
                    summary.nodes, summary.agencies
                ),
                before: None,
                after: None,
            })?;
            if demo {
                crate::demo::add(w)?;
            }
            Ok(())
        })
    })?;
    Ok(store)
}

/// Creates a database from the built-in plan.
pub fn create_builtin(path: &Path, demo: bool, force: bool) -> CliResult<Store> {
    let doc = plan_text::parse(seed::PLAN_TEXT).map_err(|source| CliError::Plan {
        path: PathBuf::from("<built-in plan>"),
        source,
    })?;
    create(path, &doc, "内置实施方案", demo, force)
}

pub fn run(ctx: &Context, args: &InitArgs) -> CliResult {
    if ctx.read_only {
        return Err(CliError::Usage(
            "init writes a database; it cannot run with --read-only".into(),
        ));
    }
    // Read and check everything before touching the file system.
    let (doc, source) = match &args.plan {
        Some(p) => (read_plan_file(p)?, format!("方案文件 {}", p.display())),
        None => (
            plan_text::parse(seed::PLAN_TEXT).map_err(|source| CliError::Plan {
                path: PathBuf::from("<built-in plan>"),
                source,
            })?,
            "内置实施方案".to_string(),
        ),
    };
    if ctx.default_db
        && let Some(dir) = ctx.db.parent()
    {
        std::fs::create_dir_all(dir).map_err(|e| CliError::io(dir, e))?;
    }
    let store = create(&ctx.db, &doc, &source, args.demo, args.force)?;
    let outline = store.outline()?;
    let mut line = format!(
        "created {}: {}{}, {} outline nodes, {} agencies, {} units",
        ctx.db.display(),
        doc.title,
        doc.doc_number
            .as_deref()
            .map(|n| format!("（{n}）"))
            .unwrap_or_default(),
        outline.len(),
        store.agencies()?.len(),
        store.units()?.len(),
    );
    if args.demo {
        line.push_str(&format!(
            ", {} milestones, {} reports of demo data",
            store.milestones()?.len(),
            store.report_count()?
        ));
    }
    line.push('\n');
    if let Some(p) = &args.plan {
        line.push_str(&crate::i18n::plan::headings_read(
            ctx.lang,
            doc.headings_by_level(),
        ));
        line.push('\n');
        for w in &doc.warnings {
            super::say(&format!(
                "{}:{}: {}",
                p.display(),
                w.line(),
                crate::i18n::plan::warning(ctx.lang, w)
            ));
        }
    }
    emit(&line)
}
