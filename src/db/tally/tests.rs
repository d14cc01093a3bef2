//! The kept aggregates against a recomputation straight from the reports,
//! after every kind of write: audited edits and their undo and redo, deletes
//! that cascade, an undone import, a migration from version 2, and a long
//! random mix of raw writes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::params;

use crate::db::edit::{IndicatorFields, ReportFields};
use crate::db::tests::builtin;
use crate::db::{InboxFilter, NewReport, OpenMode, Store, migrate};
use crate::model::Period;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn q(y: i32, n: u32) -> Period {
    Period::quarter(y, n).unwrap()
}

/// Indicator totals as of `as_of`, summed from every current value.
fn totals_by_scan(store: &Store, as_of: NaiveDate) -> HashMap<i64, f64> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT v.indicator_id, SUM(v.value) FROM report_value v
             JOIN report r ON r.id = v.report_id
             WHERE r.superseded = 0 AND r.reported_on <= ?1 GROUP BY v.indicator_id",
        )
        .unwrap();
    stmt.query_map([as_of], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// (period, unit) → (count, first, last) as of `as_of`, from every report.
type Stats = BTreeMap<(String, i64), (u32, NaiveDate, NaiveDate)>;

fn stats_by_scan(store: &Store, as_of: NaiveDate) -> Stats {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT period, unit_id, COUNT(*), MIN(reported_on), MAX(reported_on) FROM report
             WHERE superseded = 0 AND reported_on <= ?1 GROUP BY period, unit_id",
        )
        .unwrap();
    stmt.query_map([as_of], |r| {
        Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?, r.get(4)?)))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn last_by_scan(store: &Store, as_of: NaiveDate) -> HashMap<i64, NaiveDate> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT node_id, MAX(reported_on) FROM report
             WHERE superseded = 0 AND reported_on <= ?1 GROUP BY node_id",
        )
        .unwrap();
    stmt.query_map([as_of], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Dates worth asking about: every date reported on, the day before, the
/// first and last days of its month, and dates before and after it all.
fn probe_dates(store: &Store) -> BTreeSet<NaiveDate> {
    let mut stmt = store
        .conn()
        .prepare("SELECT DISTINCT reported_on FROM report")
        .unwrap();
    let days: Vec<NaiveDate> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeSet::from([d(2000, 1, 1), d(2099, 12, 31)]);
    for day in days {
        out.insert(day);
        out.insert(day - Days::new(1));
        let first = day.with_day(1).unwrap();
        out.insert(first);
        out.insert(first + Months::new(1) - Days::new(1));
    }
    out
}

/// Every figure built on the aggregates equals its recomputation, and
/// `check` finds nothing.
#[track_caller]
/// Per indicator, (accepted, returned) values of current reports reviewed
/// by `as_of`, from every report.
fn reviewed_by_scan(store: &Store, as_of: NaiveDate) -> HashMap<i64, (f64, f64)> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT v.indicator_id,
                    SUM(CASE r.review WHEN 'accepted' THEN v.value ELSE 0 END),
                    SUM(CASE r.review WHEN 'returned' THEN v.value ELSE 0 END)
             FROM report_value v JOIN report r ON r.id = v.report_id
             WHERE r.superseded = 0 AND r.review <> 'pending' AND r.reviewed_on <= ?1
             GROUP BY v.indicator_id",
        )
        .unwrap();
    stmt.query_map([as_of], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn agree(store: &Store, when: &str) {
    let problems = super::verify(store.conn()).unwrap();
    assert!(problems.is_empty(), "{when}: {problems:?}");
    for as_of in probe_dates(store) {
        let kept = store.reviewed_totals(as_of).unwrap();
        for (id, (accepted, returned)) in reviewed_by_scan(store, as_of) {
            let (a, r) = kept.get(&id).copied().unwrap_or_default();
            assert!(
                (a - accepted).abs() < 1e-9 && (r - returned).abs() < 1e-9,
                "{when}, as of {as_of}: reviewed values of indicator {id}: kept {a}/{r}, found {accepted}/{returned}"
            );
        }
        let kept = store.indicator_totals(as_of).unwrap();
        let scanned = totals_by_scan(store, as_of);
        assert_eq!(
            kept.keys().collect::<BTreeSet<_>>(),
            scanned.keys().collect::<BTreeSet<_>>(),
            "{when}, as of {as_of}"
        );
        for (id, total) in &scanned {
            assert!(
                (kept[id] - total).abs() < 1e-9,
                "{when}, as of {as_of}: indicator {id}"
            );
        }
        let scanned = stats_by_scan(store, as_of);
        let mut kept: Stats = BTreeMap::new();
        for p in store.unit_period_stats(as_of).unwrap() {
            let direct = store.period_stats(p.period, as_of).unwrap();
            assert_eq!(
                direct,
                p.units,
                "{when}, as of {as_of}, {}",
                p.period.code()
            );
            for u in p.units {
                kept.insert((p.period.code(), u.unit_id), (u.reports, u.first, u.last));
            }
        }
        assert_eq!(kept, scanned, "{when}, as of {as_of}");
        let count: u32 = scanned.values().map(|s| s.0).sum();
        assert_eq!(
            store.inbox_count(as_of, &InboxFilter::default()).unwrap(),
            u64::from(count),
            "{when}, as of {as_of}"
        );
        assert_eq!(
            store.last_report_per_node(as_of).unwrap(),
            last_by_scan(store, as_of),
            "{when}, as of {as_of}"
        );
    }
}

struct Fixture {
    store: Store,
    task: i64,
    other: i64,
    ind: i64,
    ind2: i64,
    units: Vec<i64>,
}

fn fixture(path: &std::path::Path) -> Fixture {
    let mut store = builtin(path);
    let outline = store.outline().unwrap();
    let task = outline.find_code("2.1.1").unwrap().id;
    let other = outline.find_code("2.1.2").unwrap().id;
    let units: Vec<i64> = store.units().unwrap().iter().map(|u| u.id).collect();
    let (ind, ind2) = store
        .write("fixture", |w| {
            Ok((
                w.insert_indicator(task, "学习宣传活动", "场", Some(200.0))?,
                w.insert_indicator(other, "科学家精神宣讲", "场", Some(80.0))?,
            ))
        })
        .unwrap();
    Fixture {
        store,
        task,
        other,
        ind,
        ind2,
        units,
    }
}

fn report(
    unit: i64,
    node: i64,
    period: Period,
    on: NaiveDate,
    body: &str,
    values: Vec<(i64, f64)>,
) -> NewReport {
    NewReport {
        unit_id: unit,
        node_id: node,
        period,
        reported_on: on,
        author: "张丽".into(),
        body: body.into(),
        values,
        batch_id: None,
    }
}

#[test]
fn tallies_follow_edits_revisions_and_their_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let Fixture {
        mut store,
        task,
        other,
        ind,
        ind2,
        units,
    } = fixture(&dir.path().join("a.db"));
    agree(&store, "empty");
    let mut steps = 0;
    let adds = [
        report(
            units[0],
            task,
            q(2021, 4),
            d(2021, 11, 30),
            "渝中区开展专题学习3场。",
            vec![(ind, 3.0)],
        ),
        report(
            units[1],
            task,
            q(2021, 4),
            d(2021, 12, 1),
            "江北区开展专题学习2.5场。",
            vec![(ind, 2.5)],
        ),
        report(
            units[1],
            other,
            q(2021, 4),
            d(2021, 12, 1),
            "江北区宣讲1场。",
            vec![(ind2, 1.0)],
        ),
        // A revision: the first report of 江北区 on the task is superseded.
        report(
            units[1],
            task,
            q(2021, 4),
            d(2022, 1, 8),
            "江北区开展专题学习4场（更正）。",
            vec![(ind, 4.0)],
        ),
        report(
            units[2],
            other,
            q(2022, 1),
            d(2022, 3, 31),
            "沙坪坝区未开展宣讲。",
            vec![],
        ),
    ];
    for r in &adds {
        store.add_report(r).unwrap();
        steps += 1;
        agree(&store, &format!("after add {steps}"));
    }
    let current = |store: &Store, unit: i64, node: i64| {
        store
            .conn()
            .query_row(
                "SELECT id, version FROM report WHERE unit_id = ?1 AND node_id = ?2 AND superseded = 0",
                params![unit, node],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )
            .unwrap()
    };
    // Move a report into another month, change its value, drop one value
    // and add another.
    let (id, v) = current(&store, units[0], task);
    let edits = [
        (d(2022, 1, 2), vec![(ind, 3.0)]),
        (d(2022, 1, 2), vec![(ind, 7.25)]),
        (d(2021, 12, 31), vec![]),
        (d(2021, 12, 31), vec![(ind, 1.0)]),
    ];
    for (version, (on, values)) in (v..).zip(edits) {
        store
            .edit_report(
                id,
                version,
                &ReportFields {
                    reported_on: on,
                    author: "张丽".into(),
                    body: "渝中区开展专题学习（修改）。".into(),
                    values,
                },
            )
            .unwrap();
        steps += 1;
        agree(&store, &format!("after edit {steps}"));
    }
    // A review changes no figure.
    let (id, v) = current(&store, units[1], other);
    store
        .review_report(
            id,
            v,
            &crate::db::edit::ReviewChange {
                review: crate::model::Review::Accepted,
                comment: None,
            },
        )
        .unwrap();
    agree(&store, "after a review");
    let done = store.undo_candidate().unwrap().is_some();
    assert!(done);
    let mut undone = 0;
    while store.undo_candidate().unwrap().is_some() {
        store.undo().unwrap();
        undone += 1;
        agree(&store, &format!("after undo {undone}"));
    }
    assert_eq!(store.report_count().unwrap(), 0);
    for i in 0..undone {
        store.redo().unwrap();
        agree(&store, &format!("after redo {}", i + 1));
    }
    assert_eq!(store.report_count().unwrap(), 4);
}

#[test]
fn tallies_follow_deletes_that_cascade_and_their_undo() {
    let dir = tempfile::tempdir().unwrap();
    let Fixture {
        mut store,
        task,
        other,
        ind,
        ind2,
        units,
    } = fixture(&dir.path().join("a.db"));
    store
        .write("reports", |w| {
            for (k, &u) in units.iter().take(6).enumerate() {
                let day = d(2021, 12, 1 + k as u32 * 5);
                w.add_report(&report(
                    u,
                    task,
                    q(2021, 4),
                    day,
                    "开展学习。",
                    vec![(ind, k as f64)],
                ))?;
                w.add_report(&report(
                    u,
                    other,
                    q(2021, 4),
                    day,
                    "开展宣讲。",
                    vec![(ind2, 2.0)],
                ))?;
                // A revision in the next month, so older revisions are deleted too.
                w.add_report(&report(
                    u,
                    other,
                    q(2021, 4),
                    day + Days::new(40),
                    "开展宣讲（更正）。",
                    vec![(ind2, 3.0)],
                ))?;
            }
            Ok(())
        })
        .unwrap();
    agree(&store, "filled");
    let version = store
        .indicators()
        .unwrap()
        .into_iter()
        .find(|i| i.id == ind)
        .unwrap()
        .version;
    store.delete_indicator(ind, version).unwrap();
    agree(&store, "indicator deleted");
    let preview = store.delete_preview(other).unwrap();
    assert!(!preview.reports.is_empty());
    store.delete_node(&preview).unwrap();
    agree(&store, "task deleted with its reports");
    store.undo().unwrap();
    agree(&store, "task restored");
    store.undo().unwrap();
    agree(&store, "indicator restored");
    assert!(store.indicator_totals(d(2099, 1, 1)).unwrap()[&ind] > 0.0);
    // Re-adding an indicator after all this starts from nothing.
    let added = store
        .add_indicator(
            task,
            &IndicatorFields {
                name: "新指标".into(),
                measure: "个".into(),
                target: Some(10.0),
            },
        )
        .unwrap();
    assert!(
        !store
            .indicator_totals(d(2099, 1, 1))
            .unwrap()
            .contains_key(&added.id)
    );
}

#[test]
fn tallies_follow_an_undone_import() {
    let dir = tempfile::tempdir().unwrap();
    let Fixture {
        mut store,
        task,
        ind,
        units,
        ..
    } = fixture(&dir.path().join("a.db"));
    let first = store
        .write("first", |w| {
            Ok(w.add_report(&report(
                units[0],
                task,
                q(2021, 4),
                d(2021, 12, 20),
                "第一次报送。",
                vec![(ind, 5.0)],
            ))?
            .id())
        })
        .unwrap();
    let (batch, replaced) = store
        .write("import", |w| {
            let batch = w.insert_batch("表.xlsx", "abc")?;
            let mut replaced = Vec::new();
            for (k, &u) in units.iter().take(3).enumerate() {
                let mut r = report(
                    u,
                    task,
                    q(2021, 4),
                    d(2022, 1, 3 + k as u32),
                    "导入的报送。",
                    vec![(ind, 10.0)],
                );
                r.batch_id = Some(batch);
                if let crate::db::Added::Revision { replaced: old, .. } = w.add_report(&r)? {
                    replaced.push(old);
                }
            }
            Ok((batch, replaced))
        })
        .unwrap();
    assert_eq!(replaced, [first]);
    agree(&store, "imported");
    store
        .write("undo import", |w| w.undo_import(batch, &replaced))
        .unwrap();
    agree(&store, "import undone");
    assert_eq!(store.indicator_totals(d(2099, 1, 1)).unwrap()[&ind], 5.0);
}

/// A small deterministic generator (the tests must not depend on luck).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn a_random_mix_of_raw_writes_keeps_the_tallies_exact() {
    let dir = tempfile::tempdir().unwrap();
    let Fixture {
        mut store,
        task,
        other,
        ind,
        ind2,
        units,
    } = fixture(&dir.path().join("a.db"));
    let ind3 = store
        .write("third", |w| {
            w.insert_indicator(task, "专题学习", "次", Some(50.0))
        })
        .unwrap();
    let mut rng = Lcg(20_211_231);
    let days: Vec<NaiveDate> = (0..90).map(|k| d(2021, 11, 1) + Days::new(k * 2)).collect();
    for round in 0..40 {
        store
            .write("mix", |w| {
                let c = w.conn();
                for _ in 0..8 {
                    let ids: Vec<i64> = c
                        .prepare("SELECT id FROM report ORDER BY id")?
                        .query_map([], |r| r.get(0))?
                        .collect::<Result<_, _>>()?;
                    let values: Vec<i64> = c
                        .prepare("SELECT id FROM report_value ORDER BY id")?
                        .query_map([], |r| r.get(0))?
                        .collect::<Result<_, _>>()?;
                    let pick = |rng: &mut Lcg, v: &[i64]| v.get(rng.below(v.len())).copied();
                    let day = days[rng.below(days.len())];
                    let value = (rng.below(40) as f64) * 0.25 - 2.0;
                    match rng.below(10) {
                        9 => {
                            // A review, with its day (none back to pending).
                            if let Some(id) = pick(&mut rng, &ids) {
                                let review = ["pending", "accepted", "returned"][rng.below(3)];
                                let on = (review != "pending").then_some(day);
                                c.execute(
                                    "UPDATE report SET review = ?2, reviewed_on = ?3 WHERE id = ?1",
                                    params![id, review, on],
                                )?;
                            }
                        }
                        0 | 1 => {
                            let node = if rng.below(2) == 0 { task } else { other };
                            c.execute(
                                "INSERT INTO report (unit_id, node_id, period, reported_on, author, body, superseded)
                                 VALUES (?1, ?2, ?3, ?4, '王敏', '随机报送。', 1)",
                                params![units[rng.below(units.len())], node, format!("2021Q{}", 1 + rng.below(4)), day],
                            )?;
                            let id = c.last_insert_rowid();
                            let inds: &[i64] = if node == task { &[ind, ind3] } else { &[ind2] };
                            for &i in inds.iter().take(1 + rng.below(inds.len())) {
                                c.execute(
                                    "INSERT INTO report_value (report_id, indicator_id, value) VALUES (?1, ?2, ?3)",
                                    params![id, i, value],
                                )?;
                            }
                            // Half of them become current; a clash with the
                            // current one is simply skipped.
                            if rng.below(2) == 0 {
                                let _ = c.execute("UPDATE report SET superseded = 0 WHERE id = ?1", [id]);
                            }
                        }
                        2 => {
                            if let Some(id) = pick(&mut rng, &ids) {
                                let _ = c.execute("UPDATE report SET superseded = 1 - superseded WHERE id = ?1", [id]);
                            }
                        }
                        3 => {
                            if let Some(id) = pick(&mut rng, &ids) {
                                c.execute("UPDATE report SET reported_on = ?2 WHERE id = ?1", params![id, day])?;
                            }
                        }
                        4 => {
                            if let Some(id) = pick(&mut rng, &values) {
                                c.execute("UPDATE report_value SET value = ?2 WHERE id = ?1", params![id, value])?;
                            }
                        }
                        5 => {
                            if let Some(id) = pick(&mut rng, &values) {
                                c.execute("DELETE FROM report_value WHERE id = ?1", [id])?;
                            }
                        }
                        6 => {
                            if let Some(id) = pick(&mut rng, &ids) {
                                c.execute("DELETE FROM report WHERE id = ?1", [id])?;
                            }
                        }
                        7 => {
                            // A value moved to another report (of the same node's indicators).
                            if let (Some(v), Some(r)) = (pick(&mut rng, &values), pick(&mut rng, &ids)) {
                                let _ = c.execute("UPDATE report_value SET report_id = ?2 WHERE id = ?1", params![v, r]);
                            }
                        }
                        _ => {
                            if let Some(id) = pick(&mut rng, &ids) {
                                c.execute(
                                    "UPDATE report SET period = ?2, unit_id = ?3 WHERE id = ?1 AND superseded = 1",
                                    params![id, format!("2021Q{}", 1 + rng.below(4)), units[rng.below(units.len())]],
                                )?;
                            }
                        }
                    }
                }
                Ok(())
            })
            .unwrap();
        agree(&store, &format!("round {round}"));
    }
    let n: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM report", [], |r| r.get(0))
        .unwrap();
    assert!(n > 30, "the mix should leave reports to count: {n}");
}

#[test]
fn check_names_a_kept_total_that_disagrees_and_rebuild_mends_it() {
    let dir = tempfile::tempdir().unwrap();
    let Fixture {
        mut store,
        task,
        ind,
        units,
        ..
    } = fixture(&dir.path().join("a.db"));
    store
        .write("r", |w| {
            w.add_report(&report(
                units[0],
                task,
                q(2021, 4),
                d(2021, 12, 20),
                "渝中区学习3场。",
                vec![(ind, 3.0)],
            ))?;
            Ok(())
        })
        .unwrap();
    store
        .conn()
        .execute(
            "UPDATE tally_value SET total = total + 1 WHERE grain = 'd'",
            [],
        )
        .unwrap();
    store
        .conn()
        .execute("DELETE FROM tally_report", [])
        .unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    assert!(
        report.problems[0].contains("2021Q4 unit")
            && report.problems[0].contains("kept 0, counted 1"),
        "{}",
        report.problems[0]
    );
    assert!(
        report.problems[1].contains(&format!(
            "indicator {ind} in 2021-12-20: kept 1 values totalling 4.0, found 1 totalling 3.0"
        )),
        "{}",
        report.problems[1]
    );
    store.rebuild_tallies().unwrap();
    assert!(store.check().unwrap().ok());
    agree(&store, "rebuilt");
}

#[test]
fn a_version_2_file_gets_its_tallies_when_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        migrate::migrate_to(&mut c, 2).unwrap();
        c.execute_batch(
            "INSERT INTO plan (id, title, action_name) VALUES (1, '旧方案', '旧行动');
             INSERT INTO node (id, parent_id, position, level, title) VALUES (1, NULL, 1, 0, '一、总体要求');
             INSERT INTO node (id, parent_id, position, level, title) VALUES (2, 1, 1, 2, '开展学习');
             INSERT INTO unit (id, name, short_name, position) VALUES (1, '渝中区', '渝中', 1), (2, '江北区', '江北', 2);
             INSERT INTO indicator (id, node_id, name, target) VALUES (1, 2, '学习场次', 10);
             INSERT INTO report (id, unit_id, node_id, period, reported_on, author, body, superseded, revision)
               VALUES (1, 1, 2, '2021Q4', '2021-12-20', '张丽', '第一版。', 1, 1),
                      (2, 1, 2, '2021Q4', '2022-01-05', '张丽', '第二版。', 0, 2),
                      (3, 2, 2, '2021Q4', '2021-12-28', '李芳', '江北。', 0, 1);
             INSERT INTO report_value (report_id, indicator_id, value) VALUES (1, 1, 9), (2, 1, 4), (3, 1, 2.5);",
        )
        .unwrap();
    }
    let store = Store::open(&path, OpenMode::Auto).unwrap();
    assert!(
        store.check().unwrap().ok(),
        "{:?}",
        store.check().unwrap().problems
    );
    assert_eq!(store.indicator_totals(d(2021, 12, 31)).unwrap()[&1], 2.5);
    assert_eq!(store.indicator_totals(d(2022, 1, 5)).unwrap()[&1], 6.5);
    agree(&store, "migrated");
}
