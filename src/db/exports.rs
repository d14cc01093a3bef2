//! Queries that only the exports need: the newest report on each task (the
//! ledger's 最新进展), how many units reported on each task in a period
//! (the memo), and every report in one pass for the csv and json dumps —
//! streamed row by row, so a large database is never held in memory.
//!
//! A report counts "as of" a date the way the snapshot counts it: current
//! (not superseded) and received by that date.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use super::error::{Result, StoreError};
use super::reports::{COLUMNS, report_from_row, with_values};
use crate::model::{Period, Report};

/// Which reports a dump holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportFilter {
    /// Reports received after this date are left out.
    pub as_of: NaiveDate,
    /// Only this period's reports, when set.
    pub period: Option<Period>,
}

impl Store {
    /// Per node, its newest current report received by `as_of` (on the
    /// same day, the one entered last), with its indicator values: one look
    /// into the `report_current_node` index per node.
    pub fn latest_report_per_node(&self, as_of: NaiveDate) -> Result<HashMap<i64, Report>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM node n
                 JOIN report r ON r.id = (
                     SELECT l.id FROM report l
                     WHERE l.node_id = n.id AND l.superseded = 0 AND l.reported_on <= ?1
                     ORDER BY l.reported_on DESC, l.id DESC LIMIT 1)
                 ORDER BY r.node_id"
            ))?;
            let rows = stmt
                .query_map([as_of], report_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(with_values(c, rows)?
                .into_iter()
                .map(|r| (r.node_id, r))
                .collect())
        })
    }

    /// Per node, how many units have a current report for `period`
    /// received by `as_of`.
    pub fn units_reporting_per_node(
        &self,
        period: Period,
        as_of: NaiveDate,
    ) -> Result<HashMap<i64, u32>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT node_id, COUNT(DISTINCT unit_id) FROM report
                 WHERE period = ?1 AND superseded = 0 AND reported_on <= ?2
                 GROUP BY node_id",
            )?;
            let rows = stmt
                .query_map(params![period.code(), as_of], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<HashMap<_, _>>>()?;
            Ok(rows)
        })
    }

    /// Calls `f` with every current report the filter selects, with its
    /// indicator values, ordered by period, unit (in the units' order),
    /// node and id. One report is held at a time; an error from `f` stops
    /// the walk and is returned.
    pub fn for_each_report<E: From<StoreError>>(
        &self,
        filter: ReportFilter,
        mut f: impl FnMut(Report) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let sql_err = |e: rusqlite::Error| E::from(StoreError::from_sqlite(self.path(), e));
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT {COLUMNS}, v.indicator_id, v.value FROM report r
                 JOIN unit u ON u.id = r.unit_id
                 LEFT JOIN report_value v ON v.report_id = r.id
                 WHERE r.superseded = 0 AND r.reported_on <= ?1
                   AND (?2 IS NULL OR r.period = ?2)
                 ORDER BY r.period, u.position, u.id, r.node_id, r.id, v.indicator_id"
            ))
            .map_err(sql_err)?;
        let period = filter.period.map(|p| p.code());
        let mut rows = stmt.query(params![filter.as_of, period]).map_err(sql_err)?;
        let mut current: Option<Report> = None;
        while let Some(row) = rows.next().map_err(sql_err)? {
            let id: i64 = row.get(0).map_err(sql_err)?;
            let value: Option<(i64, f64)> = match row.get::<_, Option<i64>>(14).map_err(sql_err)? {
                Some(indicator) => Some((indicator, row.get(15).map_err(sql_err)?)),
                None => None,
            };
            match &mut current {
                Some(r) if r.id == id => r.values.extend(value),
                _ => {
                    if let Some(done) = current.take() {
                        f(done)?;
                    }
                    let mut r = report_from_row(row).map_err(sql_err)?;
                    r.values.extend(value);
                    current = Some(r);
                }
            }
        }
        if let Some(done) = current {
            f(done)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::NewReport;
    use crate::db::tests::builtin;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Two units reporting on one task in 2021Q4, one of them twice (a
    /// revision), and one report after the as-of date.
    fn reported(path: &std::path::Path) -> (Store, i64, i64) {
        let mut s = builtin(path);
        let task = s.outline().unwrap().find_code("2.2.1").unwrap().id;
        let units = s.units().unwrap();
        let q4 = Period::quarter(2021, 4).unwrap();
        let ind = s
            .write("t", |w| {
                let ind = w.insert_indicator(task, "女职工创新工作室", "个", Some(50.0))?;
                for (unit, day, body, v) in [
                    (units[0].id, d(2021, 12, 20), "渝中区新建工作室3个。", 3.0),
                    (units[1].id, d(2021, 12, 22), "江北区新建工作室2个。", 2.0),
                    (
                        units[1].id,
                        d(2021, 12, 23),
                        "江北区新建工作室4个（更正）。",
                        4.0,
                    ),
                    (units[2].id, d(2022, 1, 5), "沙坪坝区新建工作室1个。", 1.0),
                ] {
                    w.add_report(&NewReport {
                        unit_id: unit,
                        node_id: task,
                        period: q4,
                        reported_on: day,
                        author: "张丽".into(),
                        body: body.into(),
                        values: vec![(ind, v)],
                        batch_id: None,
                    })?;
                }
                Ok(ind)
            })
            .unwrap();
        (s, task, ind)
    }

    #[test]
    fn the_latest_report_is_the_newest_current_one_by_the_as_of_date() {
        let dir = tempfile::tempdir().unwrap();
        let (s, task, ind) = reported(&dir.path().join("a.db"));
        let latest = s.latest_report_per_node(d(2021, 12, 31)).unwrap();
        let r = &latest[&task];
        assert_eq!(r.body, "江北区新建工作室4个（更正）。");
        assert_eq!(r.values, vec![(ind, 4.0)]);
        let later = s.latest_report_per_node(d(2022, 1, 31)).unwrap();
        assert_eq!(later[&task].body, "沙坪坝区新建工作室1个。");
        assert!(s.latest_report_per_node(d(2021, 12, 1)).unwrap().is_empty());
    }

    #[test]
    fn units_reporting_counts_each_unit_once() {
        let dir = tempfile::tempdir().unwrap();
        let (s, task, _) = reported(&dir.path().join("a.db"));
        let q4 = Period::quarter(2021, 4).unwrap();
        assert_eq!(
            s.units_reporting_per_node(q4, d(2021, 12, 31)).unwrap()[&task],
            2
        );
        assert_eq!(
            s.units_reporting_per_node(q4, d(2022, 1, 31)).unwrap()[&task],
            3
        );
    }

    #[test]
    fn every_report_is_streamed_once_with_its_values() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _, ind) = reported(&dir.path().join("a.db"));
        let mut seen = Vec::new();
        let filter = ReportFilter {
            as_of: d(2022, 1, 31),
            period: None,
        };
        s.for_each_report::<StoreError>(filter, |r| {
            seen.push((r.body.clone(), r.values.clone()));
            Ok(())
        })
        .unwrap();
        let bodies: Vec<&str> = seen.iter().map(|(b, _)| b.as_str()).collect();
        assert_eq!(
            bodies,
            [
                "渝中区新建工作室3个。",
                "江北区新建工作室4个（更正）。",
                "沙坪坝区新建工作室1个。"
            ]
        );
        assert!(seen.iter().all(|(_, v)| v.len() == 1 && v[0].0 == ind));
        let q3 = ReportFilter {
            as_of: d(2022, 1, 31),
            period: Some(Period::quarter(2021, 3).unwrap()),
        };
        let mut n = 0;
        s.for_each_report::<StoreError>(q3, |_| {
            n += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn an_error_from_the_callback_stops_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _, _) = reported(&dir.path().join("a.db"));
        let mut n = 0;
        let filter = ReportFilter {
            as_of: d(2022, 1, 31),
            period: None,
        };
        let err = s
            .for_each_report(filter, |_| {
                n += 1;
                Err(StoreError::Invalid("stop".into()))
            })
            .unwrap_err();
        assert_eq!(n, 1);
        assert_eq!(err.to_string(), "stop");
    }
}
