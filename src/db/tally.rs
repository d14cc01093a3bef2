//! The aggregates that triggers keep (schema version 3, `schema_v3.sql`),
//! so that the figures never read every report:
//!
//! - `tally_report`: current reports per period, unit and day received —
//!   the reporting history, a period's coverage and the number of reports
//!   as of a date come from a few thousand rows at any size;
//! - `tally_value`: the sum and count of current indicator values per
//!   indicator in all, per month received and per day received — an
//!   indicator's total as of a date is its months before that date's month
//!   plus the days of that month up to the date, or, when the date lies in
//!   the later half of the reports, its total in all less the days and
//!   months after the date (nothing at all to subtract as of today).
//!
//! - `tally_review` (schema `schema_v4.sql`): the same sums for the
//!   values of current reports that were reviewed, per review (已采纳 /
//!   退回) and month and day reviewed — what was returned or still
//!   pending review as of a date.
//!
//! The triggers follow every write (a report added, revised, edited or
//! deleted, a value changed, a node or indicator deleted with its rows, an
//! undo or redo writing row images back, an import undone), because they
//! fire on the rows themselves. `bayu check` recomputes both tables from
//! the reports and names any difference; [`rebuild`] recomputes them.

use rusqlite::Connection;

/// The recomputation of `tally_report` from the reports.
const REPORT_COUNTS: &str = "SELECT period, unit_id, reported_on AS day, COUNT(*) AS n
     FROM report WHERE superseded = 0 GROUP BY period, unit_id, reported_on";

/// The recomputation of `tally_value` from the reports and their values.
const VALUE_SUMS: &str =
    "SELECT 'm' AS grain, substr(r.reported_on, 1, 7) AS bucket, v.indicator_id,
            SUM(v.value) AS total, COUNT(*) AS n
     FROM report_value v JOIN report r ON r.id = v.report_id
     WHERE r.superseded = 0 GROUP BY substr(r.reported_on, 1, 7), v.indicator_id
     UNION ALL
     SELECT 'd', r.reported_on, v.indicator_id, SUM(v.value), COUNT(*)
     FROM report_value v JOIN report r ON r.id = v.report_id
     WHERE r.superseded = 0 GROUP BY r.reported_on, v.indicator_id
     UNION ALL
     SELECT 'a', '', v.indicator_id, SUM(v.value), COUNT(*)
     FROM report_value v JOIN report r ON r.id = v.report_id
     WHERE r.superseded = 0 GROUP BY v.indicator_id";

/// The recomputation of `tally_review` (schema `schema_v4.sql`): values of
/// current reviewed reports by review and day reviewed.
const REVIEW_SUMS: &str = "SELECT r.review, 'm' AS grain, substr(r.reviewed_on, 1, 7) AS bucket,
            v.indicator_id, SUM(v.value) AS total, COUNT(*) AS n
     FROM report_value v JOIN report r ON r.id = v.report_id
     WHERE r.superseded = 0 AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
     GROUP BY r.review, substr(r.reviewed_on, 1, 7), v.indicator_id
     UNION ALL
     SELECT r.review, 'd', r.reviewed_on, v.indicator_id, SUM(v.value), COUNT(*)
     FROM report_value v JOIN report r ON r.id = v.report_id
     WHERE r.superseded = 0 AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
     GROUP BY r.review, r.reviewed_on, v.indicator_id
     UNION ALL
     SELECT r.review, 'a', '', v.indicator_id, SUM(v.value), COUNT(*)
     FROM report_value v JOIN report r ON r.id = v.report_id
     WHERE r.superseded = 0 AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
     GROUP BY r.review, v.indicator_id";

/// Totals kept by adding and subtracting may differ from a fresh sum in
/// the last bits; a difference beyond this share of the total is a fault.
const TOLERANCE: f64 = 1e-6;

/// How many differing rows a problem names.
const EXAMPLES: usize = 3;

/// Compares both aggregates with a recomputation; one sentence per table
/// that differs, naming a few of the rows.
pub(crate) fn verify(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems = Vec::new();
    let reports = differences(
        conn,
        &format!(
            "WITH c AS MATERIALIZED ({REPORT_COUNTS})
             SELECT period || ' unit ' || unit_id || ' on ' || day
                    || ': kept ' || kept || ', counted ' || counted
             FROM (
               SELECT c.period, c.unit_id, c.day, COALESCE(t.n, 0) AS kept, c.n AS counted
               FROM c LEFT JOIN tally_report t
                 ON t.period = c.period AND t.unit_id = c.unit_id AND t.day = c.day
               WHERE t.n IS NOT c.n
               UNION ALL
               SELECT t.period, t.unit_id, t.day, t.n, 0
               FROM tally_report t LEFT JOIN c
                 ON t.period = c.period AND t.unit_id = c.unit_id AND t.day = c.day
               WHERE c.n IS NULL)
             ORDER BY 1"
        ),
        [],
    )?;
    if let Some(p) = problem("the kept report counts (tally_report)", &reports) {
        problems.push(p);
    }
    let values = differences(
        conn,
        &format!(
            "WITH c AS MATERIALIZED ({VALUE_SUMS})
             SELECT 'indicator ' || indicator_id || ' in ' || bucket || ': kept ' || kept_n
                    || ' values totalling ' || kept_total || ', found ' || n || ' totalling ' || total
             FROM (
               SELECT c.indicator_id,
                      CASE c.grain WHEN 'a' THEN 'all' ELSE c.bucket END AS bucket,
                      COALESCE(t.n, 0) AS kept_n,
                      COALESCE(t.total, 0) AS kept_total, c.n, c.total
               FROM c LEFT JOIN tally_value t
                 ON t.grain = c.grain AND t.bucket = c.bucket AND t.indicator_id = c.indicator_id
               WHERE t.n IS NOT c.n
                  OR abs(t.total - c.total) > ?1 * max(1.0, abs(c.total))
               UNION ALL
               SELECT t.indicator_id, CASE t.grain WHEN 'a' THEN 'all' ELSE t.bucket END, t.n, t.total, 0, 0
               FROM tally_value t LEFT JOIN c
                 ON t.grain = c.grain AND t.bucket = c.bucket AND t.indicator_id = c.indicator_id
               WHERE c.n IS NULL AND (t.n != 0 OR t.total != 0))
             ORDER BY 1"
        ),
        [TOLERANCE],
    )?;
    if let Some(p) = problem("the kept indicator totals (tally_value)", &values) {
        problems.push(p);
    }
    let reviewed = differences(
        conn,
        &format!(
            "WITH c AS MATERIALIZED ({REVIEW_SUMS})
             SELECT review || ' indicator ' || indicator_id || ' in ' || bucket || ': kept ' || kept_n
                    || ' values totalling ' || kept_total || ', found ' || n || ' totalling ' || total
             FROM (
               SELECT c.review, c.indicator_id,
                      CASE c.grain WHEN 'a' THEN 'all' ELSE c.bucket END AS bucket,
                      COALESCE(t.n, 0) AS kept_n,
                      COALESCE(t.total, 0) AS kept_total, c.n, c.total
               FROM c LEFT JOIN tally_review t
                 ON t.review = c.review AND t.grain = c.grain AND t.bucket = c.bucket
                AND t.indicator_id = c.indicator_id
               WHERE t.n IS NOT c.n
                  OR abs(t.total - c.total) > ?1 * max(1.0, abs(c.total))
               UNION ALL
               SELECT t.review, t.indicator_id, CASE t.grain WHEN 'a' THEN 'all' ELSE t.bucket END,
                      t.n, t.total, 0, 0
               FROM tally_review t LEFT JOIN c
                 ON t.review = c.review AND t.grain = c.grain AND t.bucket = c.bucket
                AND t.indicator_id = c.indicator_id
               WHERE c.n IS NULL AND (t.n != 0 OR t.total != 0))
             ORDER BY 1"
        ),
        [TOLERANCE],
    )?;
    if let Some(p) = problem(
        "the kept totals of reviewed reports (tally_review)",
        &reviewed,
    ) {
        problems.push(p);
    }
    Ok(problems)
}

/// One sentence about the rows in which an aggregate differs, if any.
fn problem(what: &str, rows: &[String]) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let examples: Vec<&str> = rows.iter().take(EXAMPLES).map(String::as_str).collect();
    Some(format!(
        "{what} differ from the reports in {} place{}, e.g. {}; `bayu check --rebuild` recomputes them",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        examples.join("; ")
    ))
}

fn differences(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params, |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// Recomputes both aggregates from the reports (inside the caller's
/// write transaction).
pub(crate) fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM tally_report", [])?;
    conn.execute("DELETE FROM tally_value", [])?;
    conn.execute("DELETE FROM tally_review", [])?;
    conn.execute(
        &format!("INSERT INTO tally_report (period, unit_id, day, n) {REPORT_COUNTS}"),
        [],
    )?;
    conn.execute(
        &format!("INSERT INTO tally_value (grain, bucket, indicator_id, total, n) {VALUE_SUMS}"),
        [],
    )?;
    conn.execute(
        &format!(
            "INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n) {REVIEW_SUMS}"
        ),
        [],
    )?;
    Ok(())
}

impl super::Store {
    /// Recomputes the kept aggregates from the reports, in one write
    /// transaction (`bayu check --rebuild`). Only derived rows change, so
    /// nothing is logged.
    pub fn rebuild_tallies(&mut self) -> super::Result<()> {
        self.write("rebuilding the kept totals", |w| Ok(rebuild(w.conn())?))
    }
}

#[cfg(test)]
mod tests;
