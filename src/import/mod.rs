//! The spreadsheet round trip for reports: the sheets the joint office
//! sends the units ([`template`]) and the sheets that come back.
//!
//! An import happens in two steps, so that the console can show the first
//! in a pane and run the second on confirmation:
//! - [`check`] reads every file, parses and matches every row and says
//!   what would happen (new report, re-submission, duplicate) — a dry run
//!   that writes nothing and lists every problem, not only the first;
//! - [`apply`] adds the rows of a plan without problems in one IMMEDIATE
//!   transaction, one import batch and one audit entry per file; any error
//!   leaves the database as it was.
//!
//! Whether a row is a duplicate or a re-submission is decided when it is
//! added (`Writer::add_report`); the dry run predicts the same from the
//! current reports, and the summary of [`apply`] reports what actually
//! happened.

pub mod cells;
pub mod columns;
pub mod matching;
pub mod quotes;
pub mod read;
pub mod rows;
mod summary;
pub mod template;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::db::{Added, AuditEntry, NewReport, Result, Store, StoreError};
use crate::model::Period;
use crate::text::sanitize::for_display;
pub use read::Encoding;
use rows::{RowContext, RowOutcome};
pub use summary::{Counts, FileSummary, Summary};

/// How to read the files.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Overrides encoding detection.
    pub encoding: Option<Encoding>,
    /// The day of the import: blank 报送日期 default to it, and later
    /// dates and periods are refused.
    pub today: NaiveDate,
    /// The language of the problems and warnings worded in `i18n`.
    pub lang: crate::i18n::Lang,
}

/// A problem found in a file, printed as `FILE:LINE: column 单位: …`.
/// Column and message are one line with nothing a terminal would obey.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if let Some(col) = &self.column {
            write!(f, "column {col}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// What adding a row is expected to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    New,
    /// A changed re-submission: a new revision replacing report `replaces`.
    Revision {
        replaces: i64,
    },
    /// The same as the current report `of`, or (`None`) as an earlier row
    /// of this import: skipped.
    Duplicate {
        of: Option<i64>,
    },
}

/// A row ready to add.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRow {
    pub line: u64,
    pub report: NewReport,
    pub unit_name: String,
    pub task_code: String,
    pub outcome: Outcome,
    pub date_defaulted: bool,
    /// The date cell as typed, when it gave no year and took its period's.
    pub date_without_year: Option<String>,
    pub author_defaulted: bool,
}

/// One file of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct FilePlan {
    /// The path as given, which the batch and its audit entry record.
    pub name: String,
    pub sha256: String,
    pub encoding: Option<Encoding>,
    pub bom: bool,
    /// Data rows read (blank lines not counted).
    pub rows_read: usize,
    /// Template rows left unfilled, by unit (`None`: no known unit named).
    pub unfilled: Vec<Option<String>>,
    pub rows: Vec<PlannedRow>,
}

/// The outcome of [`check`]: every row parsed, matched and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub files: Vec<FilePlan>,
    /// Every problem, by file and line. Any problem: nothing is imported.
    pub problems: Vec<Problem>,
    /// Things worth knowing that do not stop the import.
    pub warnings: Vec<String>,
    pub today: NaiveDate,
    pub default_author: String,
}

impl ImportPlan {
    /// No problem: [`apply`] will import it.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Rows that reach the database (new, re-submissions, duplicates).
    pub fn row_count(&self) -> usize {
        self.files.iter().map(|f| f.rows.len()).sum()
    }

    /// What importing would do, as a summary (not applied).
    pub fn summary(&self, store: &Store) -> Result<Summary> {
        let mut s = Summary::new(self, store)?;
        for file in &self.files {
            let mut counts = Counts::default();
            for row in &file.rows {
                let c = s.unit_counts(&row.unit_name);
                c.count(row.outcome);
                counts.count(row.outcome);
            }
            s.add_file(file, counts, None);
        }
        Ok(s)
    }
}

/// Reads and checks `files` without writing anything.
pub fn check(store: &Store, files: &[PathBuf], opts: &ImportOptions) -> Result<ImportPlan> {
    check_with_progress(store, files, opts, &mut |_, _| {})
}

/// [`check`], calling `progress(rows done, rows in all files)` as it goes.
pub fn check_with_progress(
    store: &Store,
    files: &[PathBuf],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportPlan> {
    let plan_info = store.plan()?;
    let outline = store.outline()?;
    let indicators = store.indicators()?;
    let units = matching::UnitMatcher::new(store.units()?);
    let tasks = matching::TaskMatcher::new(&outline);
    let ctx = RowContext {
        units: &units,
        tasks: &tasks,
        indicator_node: indicators.iter().map(|i| (i.id, i.node_id)).collect(),
        period_kind: plan_info.period_kind,
        plan_start: plan_info.start.or(plan_info.issued_on),
        today: opts.today,
        default_author: store.user().to_string(),
        lang: opts.lang,
        suggestions: RefCell::new(HashMap::new()),
    };
    let mut plan = ImportPlan {
        files: Vec::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
        today: opts.today,
        default_author: store.user().to_string(),
    };
    let mut loaded = Vec::new();
    for path in files {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => loaded.push((name, bytes)),
            Err(e) => plan.problems.push(Problem {
                file: name,
                line: None,
                column: None,
                message: format!("cannot read the file: {}", io_sentence(path, &e)),
            }),
        }
    }
    let parsed: Vec<(String, String, read::Decoded, Vec<read::Record>)> = loaded
        .into_iter()
        .map(|(name, bytes)| {
            let sha = read::sha256_hex(&bytes);
            let decoded = read::decode(&bytes, opts.encoding);
            let records = read::records(&decoded.text);
            (name, sha, decoded, records)
        })
        .collect();
    // Rows below the header (a header is there in the sheets that count).
    let total: usize = parsed.iter().map(|p| p.3.len().saturating_sub(1)).sum();
    let mut done = 0;
    for (name, sha256, decoded, records) in parsed {
        let mut file = FilePlan {
            name: name.clone(),
            sha256,
            encoding: Some(decoded.encoding),
            bom: decoded.bom,
            rows_read: 0,
            unfilled: Vec::new(),
            rows: Vec::new(),
        };
        if decoded.malformed {
            plan.warnings.push(format!(
                "{name}: {}",
                crate::i18n::io::bytes_not_valid(opts.lang, decoded.encoding)
            ));
        }
        for line in &decoded.inner_boms {
            plan.warnings.push(format!(
                "{name}:{line}: {}",
                crate::i18n::io::inner_bom(opts.lang)
            ));
        }
        // Messages quote cells; made safe to print here, once.
        let problem = |line: Option<u64>, column: Option<String>, message: String| Problem {
            file: name.clone(),
            line,
            column: column.map(|c| for_display(&c).into_owned()),
            message: for_display(&message).into_owned(),
        };
        let Some(h) = columns::find_header(&records) else {
            plan.problems
                .push(problem(None, None, "the file is empty".into()));
            plan.files.push(file);
            continue;
        };
        let (cols, header_problems) = columns::map(&records[h], &indicators);
        let header_bad = !header_problems.is_empty();
        for f in quotes::check(&decoded.text, Some(&cols), &units, plan_info.period_kind) {
            let column = match &f {
                quotes::QuoteFault::SpansLines { column, .. } => Some(column.clone()),
                _ => None,
            };
            let message = crate::i18n::io::quote_fault(opts.lang, &f);
            plan.problems.push(problem(Some(f.line()), column, message));
        }
        for p in header_problems {
            plan.problems
                .push(problem(Some(cols.header_line), p.column, p.message));
        }
        if !cols.ignored.is_empty() {
            plan.warnings.push(format!(
                "{name}:{}: ignored column{} {} (not a column bayu reads)",
                cols.header_line,
                if cols.ignored.len() == 1 { "" } else { "s" },
                cols.ignored.join(", ")
            ));
        }
        if header_bad {
            plan.files.push(file);
            done += records.len().saturating_sub(1);
            progress(done.min(total), total);
            continue;
        }
        for record in &records[h + 1..] {
            done += 1;
            if done % 256 == 0 {
                progress(done.min(total), total);
            }
            match rows::validate(record, &cols, &ctx) {
                RowOutcome::Blank => {}
                RowOutcome::Unfilled { unit } => {
                    file.rows_read += 1;
                    file.unfilled.push(unit);
                }
                RowOutcome::Bad(errors) => {
                    file.rows_read += 1;
                    for e in errors {
                        plan.problems
                            .push(problem(Some(record.line), e.column, e.message));
                    }
                }
                RowOutcome::Report(d) => {
                    file.rows_read += 1;
                    file.rows.push(PlannedRow {
                        line: record.line,
                        report: d.report,
                        unit_name: d.unit_name,
                        task_code: d.task_code,
                        outcome: Outcome::New,
                        date_defaulted: d.date_defaulted,
                        date_without_year: d.date_without_year,
                        author_defaulted: d.author_defaulted,
                    });
                }
            }
        }
        if file.rows_read == 0 {
            plan.problems.push(problem(
                Some(cols.header_line),
                None,
                "no rows below the header".into(),
            ));
        }
        plan.files.push(file);
    }
    progress(total, total);
    predict(store, &mut plan)?;
    Ok(plan)
}

fn io_sentence(path: &Path, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if path.is_dir() => "it is a directory".into(),
        _ => e.to_string(),
    }
}

fn same_values(a: &[(i64, f64)], b: &[(i64, f64)]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort_by_key(|v| v.0);
    b.sort_by_key(|v| v.0);
    a == b
}

/// Says for each row whether it would be new, a re-submission or a
/// duplicate, and refuses two rows of this import that disagree about the
/// same unit, task and period (which one should win is not for bayu to
/// guess).
fn predict(store: &Store, plan: &mut ImportPlan) -> Result<()> {
    let mut current: HashMap<Period, HashMap<(i64, i64), crate::db::CurrentReport>> =
        HashMap::new();
    /// Where a unit, task and period was first reported in this import.
    struct First {
        file: String,
        line: u64,
        body: String,
        values: Vec<(i64, f64)>,
    }
    let mut seen: HashMap<(i64, i64, Period), First> = HashMap::new();
    let mut problems = Vec::new();
    for file in &mut plan.files {
        for row in &mut file.rows {
            let r = &row.report;
            let key = (r.unit_id, r.node_id, r.period);
            if let Some(first) = seen.get(&key) {
                if first.body == r.body && same_values(&first.values, &r.values) {
                    row.outcome = Outcome::Duplicate { of: None };
                } else {
                    let at = if first.file == file.name {
                        format!("line {}", first.line)
                    } else {
                        format!("{}:{}", first.file, first.line)
                    };
                    problems.push(Problem {
                        file: file.name.clone(),
                        line: Some(row.line),
                        column: None,
                        message: format!(
                            "{} already reports on task {} for {} at {at}, with different content; keep one of the two rows",
                            row.unit_name,
                            row.task_code,
                            r.period.code()
                        ),
                    });
                }
                continue;
            }
            seen.insert(
                key,
                First {
                    file: file.name.clone(),
                    line: row.line,
                    body: r.body.clone(),
                    values: r.values.clone(),
                },
            );
            if let std::collections::hash_map::Entry::Vacant(e) = current.entry(r.period) {
                e.insert(store.current_reports_in(r.period)?);
            }
            row.outcome = match current
                .get(&r.period)
                .and_then(|m| m.get(&(r.unit_id, r.node_id)))
            {
                None => Outcome::New,
                Some(c) if c.body == r.body && same_values(&c.values, &r.values) => {
                    Outcome::Duplicate { of: Some(c.id) }
                }
                Some(c) => Outcome::Revision { replaces: c.id },
            };
        }
    }
    plan.problems.extend(problems);
    plan.problems.sort_by(|a, b| {
        let file_index = |p: &Problem| plan.files.iter().position(|f| f.name == p.file);
        (file_index(a), a.line).cmp(&(file_index(b), b.line))
    });
    Ok(())
}

/// Imports a plan without problems; see [`apply_with_progress`].
pub fn apply(store: &mut Store, plan: &ImportPlan) -> Result<Summary> {
    apply_with_progress(store, plan, &mut |_, _| {})
}

/// Adds the rows of `plan` in one transaction: per file, one import batch
/// and one audit entry (`op` "import", `entity` "import_batch", `after`
/// {"file", "sha256", "added", "skipped", "superseded"}). A plan with
/// problems is refused; a failure leaves the database as it was.
pub fn apply_with_progress(
    store: &mut Store,
    plan: &ImportPlan,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Summary> {
    if !plan.is_ok() {
        return Err(StoreError::Invalid(format!(
            "the import has {} problem{}; nothing was imported",
            plan.problems.len(),
            if plan.problems.len() == 1 { "" } else { "s" }
        )));
    }
    let mut summary = Summary::new(plan, store)?;
    summary.applied = true;
    let total = plan.row_count();
    let results = store.write("the import", |w| {
        let mut done = 0;
        let mut results = Vec::new();
        for file in &plan.files {
            if file.rows.is_empty() {
                results.push((Vec::new(), Counts::default(), None));
                continue;
            }
            let batch = w.insert_batch(&file.name, &file.sha256)?;
            let mut superseded = Vec::new();
            let mut counts = Counts::default();
            let mut outcomes = Vec::with_capacity(file.rows.len());
            for row in &file.rows {
                let report = NewReport {
                    batch_id: Some(batch),
                    ..row.report.clone()
                };
                let added = w.add_report(&report).map_err(|e| match e {
                    StoreError::Invalid(m) => {
                        StoreError::Invalid(format!("{}:{}: {m}", file.name, row.line))
                    }
                    other => other,
                })?;
                let outcome = match added {
                    Added::New(_) => Outcome::New,
                    Added::Revision { replaced, .. } => {
                        superseded.push(replaced);
                        Outcome::Revision { replaces: replaced }
                    }
                    Added::Duplicate(id) => Outcome::Duplicate { of: Some(id) },
                };
                counts.count(outcome);
                outcomes.push(outcome);
                done += 1;
                if done % 64 == 0 || done == total {
                    progress(done, total);
                }
            }
            let added = u32::try_from(counts.new + counts.revisions).unwrap_or(u32::MAX);
            let skipped = u32::try_from(counts.duplicates).unwrap_or(u32::MAX);
            w.finish_batch(batch, added, skipped)?;
            w.audit(&AuditEntry {
                op: "import".into(),
                entity: "import_batch".into(),
                entity_id: Some(batch),
                summary: format!(
                    "imported {}: {} reports added ({} of them re-submissions), {} duplicates skipped",
                    file.name, added, counts.revisions, skipped
                ),
                before: None,
                after: Some(serde_json::json!({
                    "file": file.name,
                    "sha256": file.sha256,
                    "added": added,
                    "skipped": skipped,
                    "superseded": superseded,
                })),
            })?;
            results.push((outcomes, counts, Some(batch)));
        }
        Ok(results)
    })?;
    for (file, (outcomes, counts, batch)) in plan.files.iter().zip(results) {
        for (row, outcome) in file.rows.iter().zip(outcomes) {
            summary.unit_counts(&row.unit_name).count(outcome);
        }
        summary.add_file(file, counts, batch);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests;
