//! The aggregates behind the figures, three ways: bayu's own call (the
//! kept totals and partial indexes of schema v3, rows turned into model
//! types), the same SQL in the `sqlite3` shell (the floor: SQLite alone,
//! no Rust), and in the `sqlite3` shell the obvious alternative — the
//! aggregate computed over every report, as bayu did before schema v3.
//! The shell runs each query wrapped in `SELECT count(*) FROM (...)` so
//! that printing rows costs nothing, many times over, its start and the
//! opening of the file subtracted. `cargo bench --bench queries`;
//! `SQLITE3=/path/to/sqlite3` names another shell.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/cache.rs"]
mod cache;
#[path = "support/stats.rs"]
mod stats;

use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bayu::db::{InboxFilter, InboxTerm, OpenMode, Store};
use bayu::model::Period;
use stats::{Samples, measure, report};

const AS_OF: &str = "2025-12-31";
const PERIOD: &str = "2025Q4";
/// Dates in the later and the earlier half of the reports.
const LATER: &str = "2024-06-30";
const EARLIER: &str = "2023-06-30";

/// (name, kept SQL, every-report SQL)
fn queries() -> Vec<(&'static str, String, String)> {
    vec![
        (
            "indicator totals (after the last report)",
            "SELECT indicator_id, total FROM tally_value
             WHERE grain = 'a' AND bucket = '' AND n > 0"
                .to_string(),
            format!(
                "SELECT v.indicator_id, SUM(v.value) FROM report_value v
                 JOIN report r ON r.id = v.report_id
                 WHERE r.superseded = 0 AND r.reported_on <= '{AS_OF}' GROUP BY v.indicator_id"
            ),
        ),
        (
            "indicator totals as of 2024-06-30 (all less after)",
            format!(
                "SELECT indicator_id, SUM(CASE grain WHEN 'a' THEN total ELSE -total END)
                 FROM tally_value
                 WHERE (grain = 'a' AND bucket = '')
                    OR (grain = 'm' AND bucket > substr('{LATER}', 1, 7))
                    OR (grain = 'd' AND bucket > '{LATER}'
                        AND bucket <= substr('{LATER}', 1, 7) || '-99')
                 GROUP BY indicator_id
                 HAVING SUM(CASE grain WHEN 'a' THEN n ELSE -n END) > 0"
            ),
            format!(
                "SELECT v.indicator_id, SUM(v.value) FROM report_value v
                 JOIN report r ON r.id = v.report_id
                 WHERE r.superseded = 0 AND r.reported_on <= '{LATER}' GROUP BY v.indicator_id"
            ),
        ),
        (
            "indicator totals as of 2023-06-30 (months and days before)",
            format!(
                "SELECT indicator_id, SUM(total) FROM tally_value
                 WHERE (grain = 'm' AND bucket < substr('{EARLIER}', 1, 7))
                    OR (grain = 'd' AND bucket > substr('{EARLIER}', 1, 7) AND bucket <= '{EARLIER}')
                 GROUP BY indicator_id HAVING SUM(n) > 0"
            ),
            format!(
                "SELECT v.indicator_id, SUM(v.value) FROM report_value v
                 JOIN report r ON r.id = v.report_id
                 WHERE r.superseded = 0 AND r.reported_on <= '{EARLIER}' GROUP BY v.indicator_id"
            ),
        ),
        (
            "last report per node",
            format!(
                "SELECT id, last FROM (SELECT n.id, (SELECT MAX(r.reported_on) FROM report r
                   WHERE r.node_id = n.id AND r.superseded = 0 AND r.reported_on <= '{AS_OF}') AS last
                 FROM node n) WHERE last IS NOT NULL"
            ),
            format!(
                "SELECT node_id, MAX(reported_on) FROM report
                 WHERE superseded = 0 AND reported_on <= '{AS_OF}' GROUP BY node_id"
            ),
        ),
        (
            "reporting history (period x unit)",
            format!(
                "SELECT period, unit_id, SUM(n), MIN(day), MAX(day) FROM tally_report
                 WHERE day <= '{AS_OF}' GROUP BY period, unit_id ORDER BY period, unit_id"
            ),
            format!(
                "SELECT period, unit_id, COUNT(*), MIN(reported_on), MAX(reported_on) FROM report
                 WHERE superseded = 0 AND reported_on <= '{AS_OF}'
                 GROUP BY period, unit_id ORDER BY period, unit_id"
            ),
        ),
        (
            "a period's coverage (per unit)",
            format!(
                "SELECT unit_id, SUM(n), MIN(day), MAX(day) FROM tally_report
                 WHERE period = '{PERIOD}' AND day <= '{AS_OF}' GROUP BY unit_id"
            ),
            format!(
                "SELECT unit_id, COUNT(*), MIN(reported_on), MAX(reported_on) FROM report
                 WHERE period = '{PERIOD}' AND superseded = 0 AND reported_on <= '{AS_OF}'
                 GROUP BY unit_id"
            ),
        ),
        (
            "reports as of the date (inbox count)",
            format!("SELECT COALESCE(SUM(n), 0) FROM tally_report WHERE day <= '{AS_OF}'"),
            format!(
                "SELECT COUNT(*) FROM report WHERE superseded = 0 AND reported_on <= '{AS_OF}'"
            ),
        ),
        (
            "latest report per node (ledger)",
            format!(
                "SELECT r.id FROM node n JOIN report r ON r.id = (SELECT l.id FROM report l
                   WHERE l.node_id = n.id AND l.superseded = 0 AND l.reported_on <= '{AS_OF}'
                   ORDER BY l.reported_on DESC, l.id DESC LIMIT 1)"
            ),
            format!(
                "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY node_id
                   ORDER BY reported_on DESC, id DESC) AS n
                 FROM report WHERE superseded = 0 AND reported_on <= '{AS_OF}') WHERE n = 1"
            ),
        ),
        (
            "inbox filter by text (no index can serve)",
            format!(
                "SELECT COUNT(*) FROM report r WHERE r.superseded = 0 AND r.reported_on <= '{AS_OF}'
                 AND (r.body LIKE '%座谈会%' OR r.author LIKE '%座谈会%')"
            ),
            String::new(),
        ),
    ]
}

/// bayu's own call for each query, by name.
fn bayu_call(store: &Store, name: &str) {
    let as_of = cache::as_of();
    let period = Period::from_code(PERIOD).expect("a period code");
    match name {
        "indicator totals (after the last report)" => {
            black_box(store.indicator_totals(as_of).expect("totals"));
        }
        "indicator totals as of 2024-06-30 (all less after)" => {
            let day = LATER.parse().expect("a date");
            black_box(store.indicator_totals(day).expect("totals"));
        }
        "indicator totals as of 2023-06-30 (months and days before)" => {
            let day = EARLIER.parse().expect("a date");
            black_box(store.indicator_totals(day).expect("totals"));
        }
        "last report per node" => {
            black_box(store.last_report_per_node(as_of).expect("last"));
        }
        "reporting history (period x unit)" => {
            black_box(store.unit_period_stats(as_of).expect("history"));
        }
        "a period's coverage (per unit)" => {
            black_box(store.period_stats(period, as_of).expect("stats"));
        }
        "reports as of the date (inbox count)" => {
            black_box(
                store
                    .inbox_count(as_of, &InboxFilter::default())
                    .expect("count"),
            );
        }
        "latest report per node (ledger)" => {
            black_box(store.latest_report_per_node(as_of).expect("latest"));
        }
        "inbox filter by text (no index can serve)" => {
            let filter = InboxFilter {
                terms: vec![InboxTerm {
                    text: "座谈会".into(),
                    ..InboxTerm::default()
                }],
            };
            black_box(store.inbox_count(as_of, &filter).expect("filtered count"));
        }
        other => panic!("no bayu call for {other}"),
    }
}

fn shell() -> String {
    std::env::var("SQLITE3").unwrap_or_else(|_| "/usr/bin/sqlite3".into())
}

/// Wall time of the shell running `script` on `db`.
fn run_shell(db: &Path, script: &str) -> Option<Duration> {
    let started = Instant::now();
    let mut child = Command::new(shell())
        .arg("-readonly")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let status = child.wait().ok()?;
    status.success().then(|| started.elapsed())
}

/// The shell's time for one run of `sql`: the wall time of a shell that
/// runs it `r` times, less that of a shell that opens the file and runs a
/// trivial query, divided by `r` (the shell's own `.timer` counts whole
/// milliseconds only). `k` such measurements.
fn sqlite3(db: &Path, sql: &str, k: usize) -> Option<Samples> {
    let one = format!("SELECT count(*) FROM ({sql});\n");
    // Calibrate: a few repetitions for slow queries, many for fast ones.
    let single = run_shell(db, &one)?;
    let r: u32 = if single > Duration::from_millis(50) {
        3
    } else {
        50
    };
    let script = one.repeat(r as usize);
    let mut times = Vec::new();
    for _ in 0..k {
        let base = run_shell(db, "SELECT 1;\n")?;
        let all = run_shell(db, &script)?;
        times.push(all.saturating_sub(base) / r);
    }
    Some(Samples::new(times))
}

fn sqlite3_version() -> Option<String> {
    let out = Command::new(shell()).arg("-version").output().ok()?;
    Some(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()?
            .to_string(),
    )
}

fn main() {
    let version = sqlite3_version();
    println!(
        "# aggregate queries as of {AS_OF}: bayu (SQLite {} in-process) vs the sqlite3 shell ({})",
        rusqlite::version(),
        version
            .as_deref()
            .unwrap_or("not found: floor not measured")
    );
    for n in cache::sizes() {
        let db = cache::database(n);
        let size = cache::label(n);
        stats::heading(&format!("{size} reports"));
        let store = Store::open(&db, OpenMode::ReadOnly).expect("open");
        for (name, kept, every) in queries() {
            let k = if n >= 1_000_000 { 5 } else { 15 };
            let ours = measure(2, k, || bayu_call(&store, name));
            report(&format!("{name}: bayu"), &size, &ours);
            if version.is_some() {
                if let Some(s) = sqlite3(&db, &kept, k) {
                    report("  sqlite3 shell, the same SQL (floor)", &size, &s);
                }
                if !every.is_empty()
                    && let Some(s) = sqlite3(&db, &every, k.min(5))
                {
                    report("  sqlite3 shell, over every report", &size, &s);
                }
            }
        }
    }
}
