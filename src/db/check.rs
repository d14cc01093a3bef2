//! `bayu check`: SQLite's own integrity check plus the model's invariants
//! that SQL constraints cannot express. What it finds is grouped by kind
//! (a damaged file gives SQLite's report of up to 100 lines, which is one
//! fact, not 100): each group becomes one sentence in `i18n::check`, and
//! its raw lines are there for `--verbose`.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::Store;
use super::error::{Result, StoreError};
use crate::model::{Period, PeriodKind};

/// A kind of problem a check finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// SQLite's integrity check fails: the file's pages are damaged (the
    /// other checks are not run: they would read damaged pages).
    Damaged,
    /// Rows that point to rows that do not exist.
    Dangling,
    /// Not exactly one plan.
    Plan,
    /// The outline's parents, levels or numbering.
    Outline,
    /// Date columns holding something else.
    Dates,
    /// Report periods that are not the plan's kind of period.
    Periods,
    /// Superseded reports without a newer revision.
    Revisions,
    /// The totals kept for speed differ from the reports.
    Tallies,
}

/// Problems of one kind, with the raw lines that show them.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: FindingKind,
    /// How many problems (rows, places, SQLite's lines) the lines show.
    pub count: u64,
    pub lines: Vec<String>,
}

/// The outcome of a check: no finding means the file is sound.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckReport {
    /// What was found, grouped by kind, in the order checked.
    pub findings: Vec<Finding>,
    /// Every raw line of every finding, in order.
    pub problems: Vec<String>,
    pub nodes: u64,
    pub reports: u64,
    pub units: u64,
    pub audit_entries: u64,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }

    /// Adds problems of `kind`, one per line.
    fn add(&mut self, kind: FindingKind, lines: Vec<String>) {
        let count = lines.len() as u64;
        self.add_counted(kind, count, lines);
    }

    fn add_counted(&mut self, kind: FindingKind, count: u64, lines: Vec<String>) {
        if lines.is_empty() {
            return;
        }
        self.problems.extend(lines.iter().cloned());
        match self.findings.iter_mut().find(|f| f.kind == kind) {
            Some(f) => {
                f.count += count;
                f.lines.extend(lines);
            }
            None => self.findings.push(Finding { kind, count, lines }),
        }
    }
}

fn count(conn: &Connection, table: &str) -> rusqlite::Result<u64> {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n.max(0) as u64)
}

fn strings(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

fn check(conn: &Connection) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    let integrity = match strings(conn, "PRAGMA integrity_check") {
        Ok(rows) if rows == ["ok"] => Vec::new(),
        Ok(rows) => super::open::report_lines(rows),
        // Too damaged for the full check to finish: the quick one says
        // what it can.
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            match super::open::quick_check(conn) {
                Ok(lines) if !lines.is_empty() => lines,
                _ => vec![e.to_string()],
            }
        }
        Err(e) => return Err(e.into()),
    };
    if !integrity.is_empty() {
        report.add(FindingKind::Damaged, integrity);
        // The rest of the checks would read damaged pages.
        return Ok(report);
    }
    let fk = strings(
        conn,
        "SELECT \"table\" || ' row ' || rowid || ' points to a missing ' || parent FROM pragma_foreign_key_check",
    )?;
    report.add(FindingKind::Dangling, fk);

    let plans = count(conn, "plan")?;
    if plans != 1 {
        report.add(
            FindingKind::Plan,
            vec![format!("expected one plan, found {plans}")],
        );
    }
    let mut problems = Vec::new();

    // Outline: parents exist, no cycles, siblings numbered 1..n, a child is
    // numbered below its parent's level.
    let mut stmt = conn.prepare("SELECT id, parent_id, position, level FROM node")?;
    let nodes: Vec<(i64, Option<i64>, u32, u8)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let by_id: HashMap<i64, (Option<i64>, u32, u8)> = nodes
        .iter()
        .map(|&(id, p, pos, lvl)| (id, (p, pos, lvl)))
        .collect();
    let mut siblings: HashMap<Option<i64>, Vec<u32>> = HashMap::new();
    for &(id, parent, position, level) in &nodes {
        siblings.entry(parent).or_default().push(position);
        if let Some(p) = parent {
            match by_id.get(&p) {
                Some(&(_, _, plevel)) if plevel >= level => problems.push(format!(
                    "node {id} is numbered at level {level} under node {p} at level {plevel}"
                )),
                _ => {}
            }
        }
        let mut seen = HashSet::new();
        let mut cur = parent;
        while let Some(c) = cur {
            if !seen.insert(c) {
                problems.push(format!("node {id} is inside a cycle of parents"));
                break;
            }
            cur = by_id.get(&c).and_then(|n| n.0);
        }
    }
    for (parent, mut positions) in siblings {
        positions.sort_unstable();
        let expected: Vec<u32> = (1..=positions.len() as u32).collect();
        if positions != expected {
            let under = parent.map_or("the top level".to_string(), |p| format!("node {p}"));
            problems.push(format!(
                "the items under {under} are not numbered 1 to {}",
                positions.len()
            ));
        }
    }

    report.add(FindingKind::Outline, std::mem::take(&mut problems));

    // Dates are real dates; periods match the plan's reporting cycle.
    for (table, column) in [
        ("plan", "issued_on"),
        ("plan", "start_date"),
        ("plan", "end_date"),
        ("node_history", "effective"),
        ("node_history", "start_date"),
        ("node_history", "due_date"),
        ("report", "reviewed_on"),
        ("unit", "valid_from"),
        ("unit", "valid_to"),
        ("milestone", "due_date"),
        ("milestone", "done_date"),
        ("report", "reported_on"),
    ] {
        let bad = strings(
            conn,
            &format!(
                "SELECT DISTINCT {column} FROM {table}
                 WHERE {column} IS NOT NULL AND (date({column}) IS NULL OR date({column}) != {column}) LIMIT 5"
            ),
        )?;
        for value in bad {
            problems.push(format!(
                "{table}.{column} holds {value:?}, which is not a date"
            ));
        }
    }
    report.add(FindingKind::Dates, std::mem::take(&mut problems));
    let kind: String = conn
        .query_row("SELECT period_kind FROM plan WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap_or_else(|_| "quarter".into());
    let kind = if kind == "month" {
        PeriodKind::Month
    } else {
        PeriodKind::Quarter
    };
    for code in strings(conn, "SELECT DISTINCT period FROM report")? {
        match Period::from_code(&code) {
            Some(p) if p.kind() == kind => {}
            _ => problems.push(format!(
                "report period {code:?} is not a {} period code",
                kind.as_str()
            )),
        }
    }
    report.add(FindingKind::Periods, std::mem::take(&mut problems));
    let orphan_revisions = count(
        conn,
        "report r WHERE r.superseded = 1 AND NOT EXISTS (SELECT 1 FROM report n
           WHERE n.unit_id = r.unit_id AND n.node_id = r.node_id AND n.period = r.period
             AND n.revision > r.revision)",
    )?;
    if orphan_revisions > 0 {
        report.add_counted(
            FindingKind::Revisions,
            orphan_revisions,
            vec![format!(
                "{orphan_revisions} superseded reports have no newer revision"
            )],
        );
    }
    report.add(FindingKind::Tallies, super::tally::verify(conn)?);
    report.nodes = nodes.len() as u64;
    report.reports = count(conn, "report WHERE superseded = 0")?;
    report.units = count(conn, "unit")?;
    report.audit_entries = count(conn, "audit")?;
    Ok(report)
}

impl Store {
    /// Verifies the file; problems are listed, not raised. A file too
    /// damaged to be read at all is an error.
    pub fn check(&self) -> Result<CheckReport> {
        check(self.conn()).map_err(|e| match e.at(self.path()) {
            StoreError::Sqlite { path, source } => StoreError::Corrupt {
                path,
                detail: source.to_string(),
            },
            other => other,
        })
    }
}
