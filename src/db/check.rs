//! `bayu check`: SQLite's own integrity check plus the model's invariants
//! that SQL constraints cannot express.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::Store;
use super::error::{Result, StoreError};
use crate::model::{Period, PeriodKind};

/// The outcome of a check: empty `problems` means the file is sound.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckReport {
    pub problems: Vec<String>,
    pub nodes: u64,
    pub reports: u64,
    pub units: u64,
    pub audit_entries: u64,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
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
    let mut problems = Vec::new();
    let integrity = strings(conn, "PRAGMA integrity_check")?;
    if integrity != ["ok"] {
        problems.extend(
            integrity
                .into_iter()
                .take(10)
                .map(|m| format!("SQLite integrity: {m}")),
        );
        // The rest of the checks would read damaged pages.
        return Ok(CheckReport {
            problems,
            ..CheckReport::default()
        });
    }
    let fk = strings(
        conn,
        "SELECT \"table\" || ' row ' || rowid || ' points to a missing ' || parent FROM pragma_foreign_key_check",
    )?;
    problems.extend(fk);

    let plans = count(conn, "plan")?;
    if plans != 1 {
        problems.push(format!("expected one plan, found {plans}"));
    }

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
    let orphan_revisions = count(
        conn,
        "report r WHERE r.superseded = 1 AND NOT EXISTS (SELECT 1 FROM report n
           WHERE n.unit_id = r.unit_id AND n.node_id = r.node_id AND n.period = r.period
             AND n.revision > r.revision)",
    )?;
    if orphan_revisions > 0 {
        problems.push(format!(
            "{orphan_revisions} superseded reports have no newer revision"
        ));
    }
    problems.extend(super::tally::verify(conn)?);
    Ok(CheckReport {
        problems,
        nodes: nodes.len() as u64,
        reports: count(conn, "report WHERE superseded = 0")?,
        units: count(conn, "unit")?,
        audit_entries: count(conn, "audit")?,
    })
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
