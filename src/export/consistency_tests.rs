//! No export ever says two contradictory things of one task
//! (`analysis::statement::CONTRADICTIONS`), whatever the history: random
//! statuses, progress figures, dates, milestones and reports, each taking
//! effect on a random day, a plan with or without an end date, and an
//! as-of date anywhere from before the plan to after its end. The unit of
//! a statement about one task is a memo paragraph (二、三), a ledger row, a
//! line of `tree` and an item of the reminder list.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::{ExportOptions, Template, render};
use crate::analysis::Snapshot;
use crate::analysis::statement::contradiction;
use crate::db::{NewReport, OpenMode, Store};
use crate::i18n::Lang;
use crate::model::{HistoryValue, Period, Review, Status};

fn day(offset: u16) -> NaiveDate {
    // 2021-01-01 plus up to about six years.
    NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + Days::new(u64::from(offset % 2200))
}

/// The built-in plan with its units, made once and copied for each case.
fn base() -> &'static Path {
    static BASE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = BASE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.db");
        drop(crate::db::tests::builtin(&path));
        (dir, path)
    });
    path
}

/// One thing the office recorded.
#[derive(Debug, Clone)]
enum Event {
    Status(usize, u16, u8),
    Progress(usize, u16, Option<u8>),
    Dates(usize, u16, u16),
    Milestone(usize, u16, Option<u16>),
    Report(usize, usize, u16, u8),
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (0..8usize, any::<u16>(), 0..5u8).prop_map(|(n, d, s)| Event::Status(n, d, s)),
        (0..8usize, any::<u16>(), prop::option::of(0..=100u8))
            .prop_map(|(n, d, p)| Event::Progress(n, d, p)),
        (0..8usize, any::<u16>(), any::<u16>()).prop_map(|(n, a, b)| Event::Dates(n, a, b)),
        (0..8usize, any::<u16>(), prop::option::of(any::<u16>()))
            .prop_map(|(n, due, done)| Event::Milestone(n, due, done)),
        (0..8usize, 0..5usize, any::<u16>(), 0..3u8)
            .prop_map(|(n, u, d, r)| Event::Report(n, u, d, r)),
    ]
}

/// The file for one case: the base, with the events recorded.
fn build(dir: &Path, events: &[Event], plan_end: bool) -> Store {
    let path = dir.join("case.db");
    std::fs::copy(base(), &path).unwrap();
    let mut store = Store::open(&path, OpenMode::Auto).unwrap();
    let tasks: Vec<i64> = store
        .outline()
        .unwrap()
        .work_items()
        .take(8)
        .map(|n| n.id)
        .collect();
    let units: Vec<i64> = store.units().unwrap().iter().map(|u| u.id).collect();
    store
        .write("case", |w| {
            let start = NaiveDate::from_ymd_opt(2021, 6, 9).unwrap();
            let end = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
            w.set_plan_span(Some(start), plan_end.then_some(end))?;
            let mut indicators = std::collections::HashMap::new();
            for (i, t) in tasks.iter().enumerate() {
                if i % 2 == 0 {
                    indicators.insert(*t, w.insert_indicator(*t, "活动", "场", Some(20.0))?);
                }
            }
            for (k, e) in events.iter().enumerate() {
                match e {
                    Event::Status(n, d, s) => {
                        let status = Status::ALL[usize::from(*s) % 5];
                        let reason = status.needs_reason().then(|| "经费未到位".to_string());
                        w.record_history(
                            tasks[*n],
                            day(*d),
                            &HistoryValue::Status { status, reason },
                        )?;
                    }
                    Event::Progress(n, d, p) => {
                        w.record_history(tasks[*n], day(*d), &HistoryValue::Progress(*p))?;
                    }
                    Event::Dates(n, a, b) => {
                        let (x, y) = (day(*a), day(*b));
                        w.record_history(
                            tasks[*n],
                            x.min(y),
                            &HistoryValue::Dates {
                                start: Some(x.min(y)),
                                due: Some(x.max(y)),
                            },
                        )?;
                    }
                    Event::Milestone(n, due, done) => {
                        w.insert_milestone(
                            tasks[*n],
                            &format!("节点{k}"),
                            day(*due),
                            done.map(day),
                        )?;
                    }
                    Event::Report(n, u, d, r) => {
                        let on = day(*d);
                        let period = Period::containing(crate::model::PeriodKind::Quarter, on);
                        let values = indicators
                            .get(&tasks[*n])
                            .map(|i| vec![(*i, 3.0)])
                            .unwrap_or_default();
                        let added = w.add_report(&NewReport {
                            unit_id: units[*u],
                            node_id: tasks[*n],
                            period,
                            reported_on: on,
                            author: "张丽".into(),
                            body: "开展活动。".into(),
                            values,
                            batch_id: None,
                        })?;
                        let review = [Review::Pending, Review::Accepted, Review::Returned]
                            [usize::from(*r) % 3];
                        w.set_review(
                            added.id(),
                            review,
                            Some("请补充").filter(|_| review == Review::Returned),
                            on + Days::new(20),
                        )?;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    store
}

/// The statements about one task in each export, with what is wrong.
pub(super) fn faults(store: &Store, as_of: NaiveDate) -> Vec<String> {
    let snap = Snapshot::load(store, as_of).unwrap();
    let opts = ExportOptions::default();
    let mut out = Vec::new();
    let check = |out: &mut Vec<String>, what: &str, unit: &str| {
        if let Some((a, b)) = contradiction(unit) {
            out.push(format!("{what} pairs {a} with {b}: {unit}"));
        }
    };
    let memo = render(Template::Memo, &snap, store, &opts).unwrap();
    let mut section = 0;
    for line in memo.lines() {
        if line.starts_with("二、") || line.starts_with("三、") || line.starts_with("四、") {
            section += 1;
        }
        // A task's paragraph (二), a list of tasks under its heading (三);
        // not the sentence saying there is nothing to list.
        let about_tasks = match section {
            1 => line.starts_with('\u{3000}'),
            2 => line.starts_with("\u{3000}\u{3000}（"),
            _ => false,
        };
        if about_tasks {
            check(&mut out, "memo", line);
        }
    }
    let tsv = render(Template::Tsv, &snap, store, &opts).unwrap();
    for row in tsv.lines().skip(1) {
        check(&mut out, "ledger", row);
        let cells: Vec<&str> = row.split('\t').collect();
        if cells.get(5).is_some_and(|s| s.starts_with("未启动")) && cells.get(6) != Some(&"—")
        {
            out.push(format!("ledger gives a 未启动 task a rate: {row}"));
        }
    }
    for line in crate::cli::tree_text(&snap, Lang::Zh).lines() {
        check(&mut out, "tree", line);
    }
    let overdue = render(Template::Overdue, &snap, store, &opts).unwrap();
    for line in overdue
        .lines()
        .filter(|l| l.starts_with('\u{3000}'))
        .skip(1)
    {
        check(&mut out, "overdue", line);
    }
    if snap.before_plan() {
        for line in memo.lines().filter(|l| l.starts_with('\u{3000}')) {
            if line.contains("已完成") || line.contains("滞后") {
                out.push(format!("before the plan: {line}"));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_export_pairs_contradictory_words(
        events in prop::collection::vec(event(), 0..40),
        plan_end in any::<bool>(),
        as_of in any::<u16>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = build(dir.path(), &events, plan_end);
        // Before the plan, during it, after it.
        let days = [day(as_of), day(100), day(as_of / 3 + 200)];
        for d in days {
            let found = faults(&store, d);
            prop_assert!(found.is_empty(), "as of {d}:\n{}", found.join("\n"));
        }
    }
}

#[test]
fn the_check_finds_a_contradiction_written_the_old_way() {
    // What the memo said before the rules: a status beside a rate.
    assert!(contradiction("　　4.参政议政平台（牵头：市妇联）。未启动，完成率25%。").is_some());
    assert!(contradiction("　　1.X。推进中，完成率0%，序时进度12%，达进度。").is_none());
}
