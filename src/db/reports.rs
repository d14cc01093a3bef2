//! Reports from the units, their indicator values and revisions, and the
//! aggregates over them that the views and exports need. Aggregates are
//! computed in SQL so that the program never holds every report.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::error::{Result, StoreError};
use super::{Store, Writer};
use crate::model::{Period, Report, Review};

/// A report to add.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    pub unit_id: i64,
    pub node_id: i64,
    pub period: Period,
    pub reported_on: NaiveDate,
    pub author: String,
    pub body: String,
    pub values: Vec<(i64, f64)>,
    pub batch_id: Option<i64>,
}

/// What adding a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A first report for its unit, node and period.
    New(i64),
    /// A changed re-submission: a new revision that supersedes `replaced`.
    Revision {
        id: i64,
        replaced: i64,
        revision: u32,
    },
    /// The same text and values as the current report: nothing added.
    Duplicate(i64),
}

impl Added {
    pub fn id(self) -> i64 {
        match self {
            Added::New(id) | Added::Revision { id, .. } | Added::Duplicate(id) => id,
        }
    }
}

/// A unit's reporting in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitPeriodStat {
    pub unit_id: i64,
    /// Current reports in the period (one per node at most).
    pub reports: u32,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A report with the names a list shows beside it.
pub type ReportRow = Report;

pub(super) const COLUMNS: &str =
    "r.id, r.unit_id, r.node_id, r.period, r.reported_on, r.author, r.body, r.review,
                       r.review_comment, r.revision, r.superseded, r.batch_id, r.version,
                       r.reviewed_on";

pub(super) fn report_from_row(r: &Row<'_>) -> rusqlite::Result<Report> {
    let period: String = r.get(3)?;
    let review: String = r.get(7)?;
    Ok(Report {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        node_id: r.get(2)?,
        period: Period::from_code(&period).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("bad period code {period:?}").into(),
            )
        })?,
        reported_on: r.get(4)?,
        author: r.get(5)?,
        body: r.get(6)?,
        review: Review::from_code(&review).unwrap_or(Review::Pending),
        review_comment: r.get(8)?,
        revision: r.get(9)?,
        superseded: r.get(10)?,
        batch_id: r.get(11)?,
        version: r.get(12)?,
        reviewed_on: r.get(13)?,
        values: Vec::new(),
    })
}

fn values_of(conn: &Connection, report_id: i64) -> Result<Vec<(i64, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT indicator_id, value FROM report_value WHERE report_id = ?1 ORDER BY indicator_id",
    )?;
    let rows = stmt
        .query_map([report_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn with_values(conn: &Connection, mut reports: Vec<Report>) -> Result<Vec<Report>> {
    for r in &mut reports {
        r.values = values_of(conn, r.id)?;
    }
    Ok(reports)
}

fn same_values(a: &[(i64, f64)], b: &[(i64, f64)]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort_by_key(|v| v.0);
    b.sort_by_key(|v| v.0);
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.0 == y.0 && x.1 == y.1)
}

/// Adds a report, or a new revision of the current one, or nothing when it
/// repeats the current one.
pub(crate) fn add(conn: &Connection, n: &NewReport) -> Result<Added> {
    if n.body.trim().is_empty() {
        return Err(StoreError::Invalid(
            "a report needs text (进展情况 is empty)".into(),
        ));
    }
    // The one length limit of a report, for every path that adds one
    // (an import comes this way).
    super::edit::validate::text(super::edit::Field::Text, &n.body, true)
        .map_err(|e| StoreError::Edit(Box::new(e)))?;
    let current: Option<(i64, String, u32)> = conn
        .prepare_cached(
            "SELECT id, body, revision FROM report
             WHERE unit_id = ?1 AND node_id = ?2 AND period = ?3 AND superseded = 0",
        )?
        .query_row(params![n.unit_id, n.node_id, n.period.code()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let mut revision = 1;
    let mut replaced = None;
    if let Some((id, body, rev)) = current {
        if body == n.body && same_values(&values_of(conn, id)?, &n.values) {
            return Ok(Added::Duplicate(id));
        }
        conn.prepare_cached(
            "UPDATE report SET superseded = 1, version = version + 1 WHERE id = ?1",
        )?
        .execute([id])?;
        revision = rev + 1;
        replaced = Some(id);
    }
    conn.prepare_cached(
        "INSERT INTO report (unit_id, node_id, period, reported_on, author, body, revision, batch_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        n.unit_id,
        n.node_id,
        n.period.code(),
        n.reported_on,
        n.author,
        n.body,
        revision,
        n.batch_id
    ])?;
    let id = conn.last_insert_rowid();
    let mut insert_value = conn.prepare_cached(
        "INSERT INTO report_value (report_id, indicator_id, value) VALUES (?1, ?2, ?3)",
    )?;
    for (indicator, value) in &n.values {
        insert_value.execute(params![id, indicator, value])?;
    }
    Ok(match replaced {
        Some(old) => Added::Revision {
            id,
            replaced: old,
            revision,
        },
        None => Added::New(id),
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Option<Report>> {
    let report = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM report r WHERE r.id = ?1"))?
        .query_row([id], report_from_row)
        .optional()?;
    match report {
        Some(r) => Ok(with_values(conn, vec![r])?.pop()),
        None => Ok(None),
    }
}

impl Store {
    /// Number of current reports (older revisions not counted).
    pub fn report_count(&self) -> Result<u64> {
        self.read(|c| {
            let n: i64 = c.query_row(
                "SELECT COUNT(*) FROM report WHERE superseded = 0",
                [],
                |r| r.get(0),
            )?;
            Ok(n.max(0) as u64)
        })
    }

    pub fn report(&self, id: i64) -> Result<Option<Report>> {
        self.read(|c| get(c, id))
    }

    /// The newest current reports received by `as_of`, newest first.
    pub fn latest_reports(&self, as_of: NaiveDate, limit: usize) -> Result<Vec<Report>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM report r
                 WHERE r.reported_on <= ?1 AND r.superseded = 0
                 ORDER BY r.reported_on DESC, r.id DESC LIMIT ?2"
            ))?;
            let rows = stmt
                .query_map(params![as_of, limit as i64], report_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            with_values(c, rows)
        })
    }

    /// The newest current reports on one node received by `as_of`.
    pub fn node_reports(
        &self,
        node_id: i64,
        as_of: NaiveDate,
        limit: usize,
    ) -> Result<Vec<Report>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM report r
                 WHERE r.node_id = ?1 AND r.reported_on <= ?2 AND r.superseded = 0
                 ORDER BY r.reported_on DESC, r.id DESC LIMIT ?3"
            ))?;
            let rows = stmt
                .query_map(params![node_id, as_of, limit as i64], report_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            with_values(c, rows)
        })
    }

    /// Sum of every indicator's reported values received by `as_of`, from
    /// the totals the triggers keep (src/db/tally.rs): the months before
    /// `as_of`'s month plus that month's days up to `as_of`; or, when
    /// `as_of` lies in the later half of the reports' dates, the total in
    /// all less the days and months after it — nothing to subtract when
    /// `as_of` is after the last report, as it is on the day.
    pub fn indicator_totals(&self, as_of: NaiveDate) -> Result<HashMap<i64, f64>> {
        self.read(|c| {
            let span: (Option<String>, Option<String>) = c
                .prepare_cached(
                    "SELECT (SELECT MIN(bucket) FROM tally_value WHERE grain = 'd'),
                            (SELECT MAX(bucket) FROM tally_value WHERE grain = 'd')",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let (Some(first), Some(last)) = span else {
                return Ok(HashMap::new());
            };
            let day = as_of.to_string();
            let totals =
                |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<HashMap<i64, f64>> {
                    let rows = c
                        .prepare_cached(sql)?
                        .query_map(params, |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
                    Ok(rows)
                };
            if day >= last {
                return totals(
                    "SELECT indicator_id, total FROM tally_value
                     WHERE grain = 'a' AND bucket = '' AND n > 0",
                    &[],
                );
            }
            let middle = match (first.parse::<NaiveDate>(), last.parse::<NaiveDate>()) {
                (Ok(f), Ok(l)) => Some(f + (l - f) / 2),
                _ => None,
            };
            if middle.is_some_and(|m| as_of >= m) {
                totals(
                    "SELECT indicator_id,
                            SUM(CASE grain WHEN 'a' THEN total ELSE -total END) FROM tally_value
                     WHERE (grain = 'a' AND bucket = '')
                        OR (grain = 'm' AND bucket > substr(?1, 1, 7))
                        OR (grain = 'd' AND bucket > ?1 AND bucket <= substr(?1, 1, 7) || '-99')
                     GROUP BY indicator_id
                     HAVING SUM(CASE grain WHEN 'a' THEN n ELSE -n END) > 0",
                    &[&day],
                )
            } else {
                totals(
                    "SELECT indicator_id, SUM(total) FROM tally_value
                     WHERE (grain = 'm' AND bucket < substr(?1, 1, 7))
                        OR (grain = 'd' AND bucket > substr(?1, 1, 7) AND bucket <= ?1)
                     GROUP BY indicator_id HAVING SUM(n) > 0",
                    &[&day],
                )
            }
        })
    }

    /// Per indicator, the values of current reports reviewed by `as_of`:
    /// (accepted, returned). From the kept totals (`tally_review`), never
    /// the reports.
    pub fn reviewed_totals(&self, as_of: NaiveDate) -> Result<HashMap<i64, (f64, f64)>> {
        self.read(|c| {
            let mut out: HashMap<i64, (f64, f64)> = HashMap::new();
            let mut stmt = c.prepare_cached(
                "SELECT review, indicator_id, SUM(total) FROM tally_review
                 WHERE (grain = 'm' AND bucket < substr(?1, 1, 7))
                    OR (grain = 'd' AND bucket > substr(?1, 1, 7) AND bucket <= ?1)
                 GROUP BY review, indicator_id HAVING SUM(n) > 0",
            )?;
            let rows = stmt.query_map([as_of.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, f64>(2)?,
                ))
            })?;
            for row in rows {
                let (review, indicator, total) = row?;
                let slot = out.entry(indicator).or_default();
                match review.as_str() {
                    "accepted" => slot.0 += total,
                    _ => slot.1 += total,
                }
            }
            Ok(out)
        })
    }

    /// Per unit, its current reports for `period` received by `as_of`.
    pub fn period_stats(&self, period: Period, as_of: NaiveDate) -> Result<Vec<UnitPeriodStat>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT unit_id, SUM(n), MIN(day), MAX(day) FROM tally_report
                 WHERE period = ?1 AND day <= ?2
                 GROUP BY unit_id",
            )?;
            let rows = stmt
                .query_map(params![period.code(), as_of], |r| {
                    Ok(UnitPeriodStat {
                        unit_id: r.get(0)?,
                        reports: r.get(1)?,
                        first: r.get(2)?,
                        last: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }

    /// Per node, the date of its newest current report received by `as_of`:
    /// one look into the `report_current_node` index per node.
    pub fn last_report_per_node(&self, as_of: NaiveDate) -> Result<HashMap<i64, NaiveDate>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, last FROM (
                     SELECT n.id, (SELECT MAX(r.reported_on) FROM report r
                                   WHERE r.node_id = n.id AND r.superseded = 0
                                     AND r.reported_on <= ?1) AS last
                     FROM node n)
                 WHERE last IS NOT NULL",
            )?;
            let rows = stmt
                .query_map([as_of], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<HashMap<_, _>>>()?;
            Ok(rows)
        })
    }
}

impl Writer<'_> {
    /// Adds a report (or a revision, or nothing for a duplicate).
    pub fn add_report(&self, n: &NewReport) -> Result<Added> {
        add(self.conn(), n)
    }
}
