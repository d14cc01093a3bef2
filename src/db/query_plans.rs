//! The queries behind the overview, the lists and the exports use their
//! indexes: every statement they run is captured (SQLite's trace, with the
//! parameters filled in) and put through `EXPLAIN QUERY PLAN`; none may
//! scan the reports or their values from end to end. A typed filter over
//! report text is the one deliberate exception (it must read the text; it
//! runs once typing pauses, after the frame).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::{InboxFilter, InboxFrom, InboxTerm, Store};
use crate::analysis::Snapshot;
use crate::analysis::reporting::{History, TaskCoverage};
use crate::export::{ExportOptions, Template};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A file of the built-in plan with 3,000 synthetic reports.
fn synthetic(path: &std::path::Path) -> Store {
    let doc = crate::plan_text::parse(crate::seed::PLAN_TEXT).unwrap();
    let units = crate::seed::parse_units(crate::seed::UNITS_TSV, "units").unwrap();
    Store::create(path, false, |s| {
        s.write("demo", |w| {
            w.load_plan(&doc)?;
            w.insert_units(&units)?;
            crate::demo::synthetic::add(w, 3000, 1, &mut |_, _| {})?;
            Ok(())
        })
    })
    .unwrap()
}

/// Runs `f` and returns every distinct statement it ran, parameters filled in.
fn statements(store: &mut Store, f: impl FnOnce(&Store)) -> BTreeSet<String> {
    let seen = Arc::new(Mutex::new(BTreeSet::new()));
    let sink = Arc::clone(&seen);
    store
        .conn
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |e: TraceEvent<'_>| {
                if let TraceEvent::Stmt(s, sql) = e {
                    let text = s.expanded_sql().unwrap_or_else(|| sql.to_string());
                    sink.lock().unwrap().insert(text);
                }
            }),
        )
        .unwrap();
    f(store);
    store
        .conn
        .trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)
        .unwrap();
    seen.lock().unwrap().clone()
}

fn plan_of(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Names by which `sql` refers to the reports or their values: the table
/// names and the aliases given to them after FROM or JOIN.
fn report_names(sql: &str) -> BTreeSet<String> {
    const KEYWORDS: &[&str] = &[
        "where", "join", "left", "inner", "on", "order", "group", "limit", "as", "using",
    ];
    let tokens: Vec<String> = sql
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut names = BTreeSet::from(["report".to_string(), "report_value".to_string()]);
    for w in tokens.windows(4) {
        if (w[0] == "from" || w[0] == "join") && (w[1] == "report" || w[1] == "report_value") {
            let alias = if w[2] == "as" { &w[3] } else { &w[2] };
            if !KEYWORDS.contains(&alias.as_str()) {
                names.insert(alias.clone());
            }
        }
    }
    names
}

/// The lines of `sql`'s plan that read the reports or their values from
/// end to end: a table scan, a scan of a whole index, or — in a statement
/// that no LIMIT stops early — a search bounded only by the as-of date,
/// which every report before it satisfies.
fn full_scans(store: &Store, sql: &str) -> Vec<String> {
    let names = report_names(sql);
    let limited = sql.to_ascii_uppercase().contains(" LIMIT ");
    let on_reports = |rest: &str| {
        rest.split_whitespace()
            .next()
            .is_some_and(|name| names.contains(&name.to_ascii_lowercase()))
    };
    plan_of(store, sql)
        .into_iter()
        .filter(|line| {
            if let Some(rest) = line.strip_prefix("SCAN ") {
                return on_reports(rest);
            }
            match line.strip_prefix("SEARCH ") {
                Some(rest) => on_reports(rest) && !limited && rest.ends_with("(reported_on<?)"),
                None => false,
            }
        })
        .collect()
}

#[test]
fn the_overview_lists_and_exports_read_the_reports_through_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = synthetic(&dir.path().join("a.db"));
    let as_of = d(2025, 12, 31);
    let seen = statements(&mut store, |s| {
        // The overview (what the console reads at start and on a change).
        let loaded = crate::tui::console::load(s, as_of).unwrap();
        let snap: &Snapshot = &loaded.snap;
        // 任务: a node's latest reports. 单位: the reporting history.
        let node = snap.work_items().next().unwrap().id;
        s.node_reports(node, as_of, 3).unwrap();
        History::load(s, snap).unwrap();
        // 报送: the inbox unfiltered, by unit, by period; the matrix by task.
        TaskCoverage::load(s, snap, snap.period).unwrap();
        let unit = InboxTerm {
            units: vec![snap.units[0].id],
            ..InboxTerm::default()
        };
        let period = InboxTerm {
            period: Some(snap.period),
            ..InboxTerm::default()
        };
        for filter in [
            InboxFilter::default(),
            InboxFilter { terms: vec![unit] },
            InboxFilter {
                terms: vec![period],
            },
        ] {
            s.inbox_count(as_of, &filter).unwrap();
            let rows = s.inbox_rows(as_of, &filter, InboxFrom::Newest, 80).unwrap();
            s.inbox_rows(as_of, &filter, InboxFrom::Oldest, 80).unwrap();
            let key = (rows[20].reported_on, rows[20].id);
            s.inbox_rows(as_of, &filter, InboxFrom::From(key), 40)
                .unwrap();
            s.inbox_rows(as_of, &filter, InboxFrom::Before(key), 40)
                .unwrap();
            s.inbox_position(as_of, &filter, key).unwrap();
        }
        s.latest_reports(as_of, 10).unwrap();
        // Indicator totals as of a date in the later and the earlier half
        // of the reports (as of today they are read whole).
        s.indicator_totals(d(2025, 3, 31)).unwrap();
        s.indicator_totals(d(2022, 3, 31)).unwrap();
        // What was reviewed (or still pending) by then, and the tasks'
        // recorded values.
        s.reviewed_totals(d(2025, 3, 31)).unwrap();
        s.reviewed_totals(d(2022, 3, 31)).unwrap();
        s.outline_at(d(2022, 3, 31)).unwrap();
        s.node_history(node).unwrap();
        // The exports a meeting waits for.
        for t in [
            Template::Memo,
            Template::Ledger,
            Template::Coverage,
            Template::Overdue,
        ] {
            crate::export::render(t, snap, s, &ExportOptions::default()).unwrap();
        }
    });
    assert!(
        seen.len() > 20,
        "the trace should see every statement: {seen:?}"
    );
    assert!(
        seen.iter().any(|sql| sql.contains("tally_value")),
        "indicator totals come from the kept totals"
    );
    assert!(
        seen.iter().any(|sql| sql.contains("tally_review")),
        "what is pending review comes from the kept totals"
    );
    let scans: Vec<String> = seen
        .iter()
        .flat_map(|sql| {
            full_scans(&store, sql)
                .into_iter()
                .map(move |line| format!("{line}\n  in: {sql}"))
        })
        .collect();
    assert!(
        scans.is_empty(),
        "full scans of the reports:\n{}",
        scans.join("\n")
    );
}

#[test]
fn a_scan_of_the_reports_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let store = synthetic(&dir.path().join("a.db"));
    let sql = "SELECT COUNT(*) FROM report r WHERE r.body LIKE '%座谈会%'";
    assert_eq!(
        report_names(sql),
        BTreeSet::from(["r".into(), "report".into(), "report_value".into()])
    );
    assert_eq!(full_scans(&store, sql), ["SCAN r"]);
    let sql = "SELECT SUM(v.value) FROM report_value AS v";
    assert!(!full_scans(&store, sql).is_empty());
    let sql = "SELECT COUNT(*) FROM report WHERE superseded = 0";
    assert!(
        !full_scans(&store, sql).is_empty(),
        "{:?}",
        plan_of(&store, sql)
    );
    assert!(full_scans(&store, "SELECT * FROM report WHERE id = 3").is_empty());
    let sql = "SELECT COUNT(*) FROM report WHERE superseded = 0 AND reported_on <= '2025-12-31'";
    assert!(
        !full_scans(&store, sql).is_empty(),
        "{:?}",
        plan_of(&store, sql)
    );
    let sql = "SELECT id FROM report WHERE superseded = 0 AND reported_on <= '2025-12-31'
               ORDER BY reported_on DESC, id DESC LIMIT 40";
    assert!(
        full_scans(&store, sql).is_empty(),
        "{:?}",
        plan_of(&store, sql)
    );
}
