//! Queries behind the console's long lists. The office's file reaches
//! 100,000+ reports, so the console never holds them all: the reports inbox
//! asks for the rows around what is on screen (keyset paging on
//! `(reported_on, id)`, which the `report_date` index serves) and for
//! counts, with the user's filter pushed into SQL; the coverage matrices
//! ask for per-unit aggregates.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

use super::Store;
use super::error::Result;
use super::reports::UnitPeriodStat;
use crate::model::{Period, Report};

/// One term of an inbox filter, already translated by the caller: a report
/// matches when its unit or node is among the ids, its text or author
/// contains `text`, or its period is `period`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InboxTerm {
    pub units: Vec<i64>,
    pub nodes: Vec<i64>,
    pub text: String,
    pub period: Option<Period>,
}

/// Every term must match (AND); an empty filter matches every report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InboxFilter {
    pub terms: Vec<InboxTerm>,
}

/// Where an inbox row sits in the order newest first: reports are ordered
/// by date, then id, both descending.
pub type InboxKey = (NaiveDate, i64);

/// Which rows of the inbox to read, in display order (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxFrom {
    /// The newest rows.
    Newest,
    /// The oldest rows (the end of the list).
    Oldest,
    /// Rows after `key` in display order (older), `key` itself included.
    From(InboxKey),
    /// Rows before `key` in display order (newer), `key` excluded.
    Before(InboxKey),
}

/// A unit's current reports on one node in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitNodeStat {
    pub unit_id: i64,
    pub node_id: i64,
    pub first: NaiveDate,
}

/// What one unit sent on one day for one period: the overview's "latest
/// reports", one line per submission rather than per task.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub unit_id: i64,
    pub reported_on: NaiveDate,
    pub period: Period,
    /// The nodes reported on, in the order received.
    pub nodes: Vec<i64>,
}

/// A period's stats per unit, from [`Store::unit_period_stats`].
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodStats {
    pub period: Period,
    pub units: Vec<UnitPeriodStat>,
}

const COLUMNS: &str = "r.id, r.unit_id, r.node_id, r.period, r.reported_on, r.author, r.body,
     r.review, r.review_comment, r.revision, r.superseded, r.batch_id, r.version, r.reviewed_on,
     (SELECT group_concat(v.indicator_id || ':' || v.value, ',')
        FROM report_value v WHERE v.report_id = r.id)";

/// A report and its values, which the list query brings in column 14.
fn row_to_report(r: &Row<'_>) -> rusqlite::Result<Report> {
    let values: Option<String> = r.get(14)?;
    Ok(Report {
        values: parse_values(values.as_deref().unwrap_or("")),
        ..super::reports::report_from_row(r)?
    })
}

/// `3:12.0,5:4` → `[(3, 12.0), (5, 4.0)]`, ordered by indicator.
fn parse_values(s: &str) -> Vec<(i64, f64)> {
    let mut values: Vec<(i64, f64)> = s
        .split(',')
        .filter_map(|pair| {
            let (id, value) = pair.split_once(':')?;
            Some((id.trim().parse().ok()?, value.trim().parse().ok()?))
        })
        .collect();
    values.sort_by_key(|v| v.0);
    values
}

/// `%`, `_` and `\` stand for themselves in the user's text.
fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// The WHERE clause of the inbox and its parameters (as-of date first).
fn where_clause(as_of: NaiveDate, filter: &InboxFilter) -> (String, Vec<Value>) {
    let mut sql = String::from("r.superseded = 0 AND r.reported_on <= ?");
    let mut values = vec![Value::Text(as_of.to_string())];
    for term in &filter.terms {
        let mut alternatives: Vec<String> = Vec::new();
        if !term.units.is_empty() {
            alternatives.push(format!("r.unit_id IN ({})", id_list(&term.units)));
        }
        if !term.nodes.is_empty() {
            alternatives.push(format!("r.node_id IN ({})", id_list(&term.nodes)));
        }
        if !term.text.is_empty() {
            alternatives.push("r.body LIKE ? ESCAPE '\\'".into());
            alternatives.push("r.author LIKE ? ESCAPE '\\'".into());
            let pattern = like_pattern(&term.text);
            values.push(Value::Text(pattern.clone()));
            values.push(Value::Text(pattern));
        }
        if let Some(p) = term.period {
            alternatives.push("r.period = ?".into());
            values.push(Value::Text(p.code()));
        }
        if alternatives.is_empty() {
            // A term that can match nothing makes the whole filter match nothing.
            alternatives.push("0".into());
        }
        sql.push_str(" AND (");
        sql.push_str(&alternatives.join(" OR "));
        sql.push(')');
    }
    (sql, values)
}

fn key_value(key: InboxKey) -> [Value; 2] {
    [Value::Text(key.0.to_string()), Value::Integer(key.1)]
}

fn count(conn: &Connection, sql: &str, values: Vec<Value>) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached(sql)?
        .query_row(params_from_iter(values), |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

impl Store {
    /// Number of current reports received by `as_of` that match `filter`
    /// (with no filter, a sum over the kept per-day counts).
    pub fn inbox_count(&self, as_of: NaiveDate, filter: &InboxFilter) -> Result<u64> {
        self.read(|c| {
            if filter.terms.is_empty() {
                return count(
                    c,
                    "SELECT COALESCE(SUM(n), 0) FROM tally_report WHERE day <= ?",
                    vec![Value::Text(as_of.to_string())],
                );
            }
            let (cond, values) = where_clause(as_of, filter);
            count(
                c,
                &format!("SELECT COUNT(*) FROM report r WHERE {cond}"),
                values,
            )
        })
    }

    /// How many matching rows come before `key` in the inbox (are newer):
    /// the position `key` has, or would have, in the list.
    pub fn inbox_position(
        &self,
        as_of: NaiveDate,
        filter: &InboxFilter,
        key: InboxKey,
    ) -> Result<u64> {
        self.read(|c| {
            let (cond, mut values) = where_clause(as_of, filter);
            values.extend(key_value(key));
            count(
                c,
                &format!(
                    "SELECT COUNT(*) FROM report r WHERE {cond} AND (r.reported_on, r.id) > (?, ?)"
                ),
                values,
            )
        })
    }

    /// Up to `limit` matching rows in display order (newest first), starting
    /// where `from` says; each with its indicator values.
    pub fn inbox_rows(
        &self,
        as_of: NaiveDate,
        filter: &InboxFilter,
        from: InboxFrom,
        limit: usize,
    ) -> Result<Vec<Report>> {
        self.read(|c| {
            let (cond, mut values) = where_clause(as_of, filter);
            let (range, order, reverse) = match from {
                InboxFrom::Newest => ("", "DESC", false),
                InboxFrom::Oldest => ("", "ASC", true),
                InboxFrom::From(key) => {
                    values.extend(key_value(key));
                    (" AND (r.reported_on, r.id) <= (?, ?)", "DESC", false)
                }
                InboxFrom::Before(key) => {
                    values.extend(key_value(key));
                    (" AND (r.reported_on, r.id) > (?, ?)", "ASC", true)
                }
            };
            values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
            let sql = format!(
                "SELECT {COLUMNS} FROM report r WHERE {cond}{range}
                 ORDER BY r.reported_on {order}, r.id {order} LIMIT ?"
            );
            let mut rows = c
                .prepare_cached(&sql)?
                .query_map(params_from_iter(values), row_to_report)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if reverse {
                rows.reverse();
            }
            Ok(rows)
        })
    }

    /// The latest submissions received by `as_of`, newest first: the
    /// newest `rows` current reports, grouped by unit, day and period.
    pub fn latest_submissions(&self, as_of: NaiveDate, rows: usize) -> Result<Vec<Submission>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT unit_id, reported_on, period, node_id FROM report
                 WHERE superseded = 0 AND reported_on <= ?1
                 ORDER BY reported_on DESC, id DESC LIMIT ?2",
            )?;
            let limit = i64::try_from(rows).unwrap_or(i64::MAX);
            let mut out: Vec<Submission> = Vec::new();
            let found = stmt.query_map(rusqlite::params![as_of, limit], |r| {
                let period: String = r.get(2)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, NaiveDate>(1)?,
                    period,
                    r.get::<_, i64>(3)?,
                ))
            })?;
            for row in found {
                let (unit_id, reported_on, code, node_id) = row?;
                let Some(period) = Period::from_code(&code) else {
                    continue;
                };
                match out.iter_mut().find(|s| {
                    s.unit_id == unit_id && s.reported_on == reported_on && s.period == period
                }) {
                    Some(s) => s.nodes.push(node_id),
                    None => out.push(Submission {
                        unit_id,
                        reported_on,
                        period,
                        nodes: vec![node_id],
                    }),
                }
            }
            Ok(out)
        })
    }

    /// Per period and unit: current reports received by `as_of`, with the
    /// first and last dates — the whole reporting history in one pass over
    /// the kept per-day counts.
    pub fn unit_period_stats(&self, as_of: NaiveDate) -> Result<Vec<PeriodStats>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT period, unit_id, SUM(n), MIN(day), MAX(day) FROM tally_report
                 WHERE day <= ?1
                 GROUP BY period, unit_id ORDER BY period, unit_id",
            )?;
            let mut out: Vec<PeriodStats> = Vec::new();
            let rows = stmt.query_map([as_of], |r| {
                let period: String = r.get(0)?;
                Ok((
                    period,
                    UnitPeriodStat {
                        unit_id: r.get(1)?,
                        reports: r.get(2)?,
                        first: r.get(3)?,
                        last: r.get(4)?,
                    },
                ))
            })?;
            for row in rows {
                let (code, stat) = row?;
                // Rows under a code this bayu cannot read are not a period's.
                let Some(period) = Period::from_code(&code) else {
                    continue;
                };
                match out.last_mut() {
                    Some(last) if last.period == period => last.units.push(stat),
                    _ => out.push(PeriodStats {
                        period,
                        units: vec![stat],
                    }),
                }
            }
            Ok(out)
        })
    }

    /// Per unit and node: the first current report for `period` received
    /// by `as_of`.
    pub fn unit_node_stats(&self, period: Period, as_of: NaiveDate) -> Result<Vec<UnitNodeStat>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT unit_id, node_id, MIN(reported_on) FROM report
                 WHERE period = ?1 AND superseded = 0 AND reported_on <= ?2
                 GROUP BY unit_id, node_id",
            )?;
            let rows = stmt
                .query_map(rusqlite::params![period.code(), as_of], |r| {
                    Ok(UnitNodeStat {
                        unit_id: r.get(0)?,
                        node_id: r.get(1)?,
                        first: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn demo() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        let mut store = super::super::tests::builtin(&path);
        store
            .write("demo", |w| crate::demo::add(w).map(|_| ()))
            .unwrap();
        (dir, store)
    }

    #[test]
    fn inbox_pages_join_up_in_both_directions() {
        let (_dir, store) = demo();
        let as_of = d(2021, 12, 31);
        let all = InboxFilter::default();
        let total = store.inbox_count(as_of, &all).unwrap() as usize;
        assert!(total > 500, "{total}");
        let first = store
            .inbox_rows(as_of, &all, InboxFrom::Newest, 50)
            .unwrap();
        assert!(
            first
                .iter()
                .all(|r| r.reported_on <= as_of && !r.superseded)
        );
        assert!(
            first
                .windows(2)
                .all(|w| (w[0].reported_on, w[0].id) > (w[1].reported_on, w[1].id))
        );
        let key = (first[30].reported_on, first[30].id);
        let from = store
            .inbox_rows(as_of, &all, InboxFrom::From(key), 20)
            .unwrap();
        assert_eq!(from[0].id, first[30].id);
        assert_eq!(from[19].id, first[49].id);
        let before = store
            .inbox_rows(as_of, &all, InboxFrom::Before(key), 10)
            .unwrap();
        let ids: Vec<i64> = before.iter().map(|r| r.id).collect();
        let expected: Vec<i64> = first[20..30].iter().map(|r| r.id).collect();
        assert_eq!(ids, expected);
        assert_eq!(store.inbox_position(as_of, &all, key).unwrap(), 30);
        let last = store.inbox_rows(as_of, &all, InboxFrom::Oldest, 5).unwrap();
        let last_key = (last[4].reported_on, last[4].id);
        assert_eq!(
            store.inbox_position(as_of, &all, last_key).unwrap() as usize,
            total - 1
        );
    }

    #[test]
    fn inbox_filters_by_unit_node_text_and_period() {
        let (_dir, store) = demo();
        let as_of = d(2022, 3, 31);
        let yuzhong = store
            .units()
            .unwrap()
            .into_iter()
            .find(|u| u.name == "渝中区")
            .unwrap();
        let by_unit = InboxFilter {
            terms: vec![InboxTerm {
                units: vec![yuzhong.id],
                ..Default::default()
            }],
        };
        let rows = store
            .inbox_rows(as_of, &by_unit, InboxFrom::Newest, 500)
            .unwrap();
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| r.unit_id == yuzhong.id));
        assert_eq!(
            store.inbox_count(as_of, &by_unit).unwrap() as usize,
            rows.len()
        );
        let q4 = Period::quarter(2021, 4).unwrap();
        let unit_and_period = InboxFilter {
            terms: vec![
                by_unit.terms[0].clone(),
                InboxTerm {
                    period: Some(q4),
                    ..Default::default()
                },
            ],
        };
        let rows = store
            .inbox_rows(as_of, &unit_and_period, InboxFrom::Newest, 500)
            .unwrap();
        assert!(!rows.is_empty());
        assert!(
            rows.iter()
                .all(|r| r.unit_id == yuzhong.id && r.period == q4)
        );
        let text = InboxFilter {
            terms: vec![InboxTerm {
                text: "座谈会".into(),
                ..Default::default()
            }],
        };
        let rows = store
            .inbox_rows(as_of, &text, InboxFrom::Newest, 50)
            .unwrap();
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| r.body.contains("座谈会")));
    }

    #[test]
    fn submissions_group_a_units_reports_of_a_day() {
        let (_dir, store) = demo();
        let as_of = d(2021, 12, 31);
        let subs = store.latest_submissions(as_of, 100).unwrap();
        let rows: usize = subs.iter().map(|s| s.nodes.len()).sum();
        assert_eq!(rows, 100);
        assert!(subs.len() < 100, "the demo's units send all tasks at once");
        assert!(
            subs.windows(2)
                .all(|w| w[0].reported_on >= w[1].reported_on)
        );
        assert!(subs.iter().all(|s| s.reported_on <= as_of));
    }

    #[test]
    fn period_stats_cover_every_period_reported() {
        let (_dir, store) = demo();
        let as_of = d(2021, 12, 31);
        let stats = store.unit_period_stats(as_of).unwrap();
        let codes: Vec<String> = stats.iter().map(|p| p.period.code()).collect();
        assert_eq!(codes, ["2021Q3", "2021Q4"]);
        let q4 = &stats[1];
        let direct = store.period_stats(q4.period, as_of).unwrap();
        assert_eq!(q4.units.len(), direct.len());
        let by_node = store.unit_node_stats(q4.period, as_of).unwrap();
        let reports: u32 = q4.units.iter().map(|u| u.reports).sum();
        assert_eq!(by_node.len() as u32, reports);
    }

    #[test]
    fn values_parse_from_group_concat() {
        assert_eq!(parse_values("5:4.0,3:12.5"), vec![(3, 12.5), (5, 4.0)]);
        assert_eq!(parse_values(""), vec![]);
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("100%_完成"), "%100\\%\\_完成%");
    }

    #[test]
    fn a_term_without_alternatives_matches_nothing() {
        let filter = InboxFilter {
            terms: vec![InboxTerm::default()],
        };
        let (sql, _) = where_clause(NaiveDate::MIN, &filter);
        assert!(sql.ends_with("AND (0)"), "{sql}");
    }
}
