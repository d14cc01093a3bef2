//! How fast the console is on a large file: the demo's reports copied back
//! over decades until the file holds about 107,000 current reports. Prints
//! start-to-first-frame and per-keystroke (update + render) times; run with
//! `cargo test --release --test console_perf -- --ignored --nocapture`.
//! Ignored by default: building the file takes a while in a debug build.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/console.rs"]
mod support;

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use support::{Options, console_on, draw, key, make_demo};

/// Copies every current demo report 12 times, 5, 10, … 60 years earlier.
fn big_db(path: &std::path::Path) {
    make_demo(path);
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 12)
         INSERT INTO report (unit_id, node_id, period, reported_on, author, body, review, revision, superseded)
         SELECT r.unit_id, r.node_id,
                printf('%04dQ%s', CAST(substr(r.period, 1, 4) AS INTEGER) - 5 * k.n, substr(r.period, 6, 1)),
                date(r.reported_on, printf('-%d years', 5 * k.n)),
                r.author, r.body, r.review, 1, 0
         FROM report r, k WHERE r.superseded = 0;",
    )
    .unwrap();
}

fn time(what: &str, f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    let d = start.elapsed();
    println!("{what:<44} {:>8.2} ms", d.as_secs_f64() * 1000.0);
    d
}

#[test]
#[ignore = "builds a 100,000-report file; run with --ignored in a release build"]
fn keystrokes_on_a_hundred_thousand_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    big_db(&db);
    let store = bayu::db::Store::open(&db, bayu::db::OpenMode::ReadOnly).unwrap();
    let n = store.report_count().unwrap();
    println!("current reports: {n}");
    assert!(n > 100_000);
    let as_of = support::date(support::AS_OF);
    let mut snap = None;
    time("  Snapshot::load", || {
        snap = Some(bayu::analysis::Snapshot::load(&store, as_of).unwrap())
    });
    let snap = snap.unwrap();
    time("  History::load", || {
        bayu::analysis::reporting::History::load(&store, &snap).unwrap();
    });
    time("  latest_submissions", || {
        store.latest_submissions(as_of, 400).unwrap();
    });
    time("  inbox_count", || {
        store.inbox_count(as_of, &Default::default()).unwrap();
    });
    drop(store);
    let o = Options {
        size: (120, 40),
        ..Options::default()
    };
    let mut c = None;
    let first = time("start to first frame", || {
        let mut console = console_on(&db, &o);
        draw(&mut console);
        c = Some(console);
    });
    let mut c = c.unwrap();
    let mut worst = Duration::ZERO;
    let mut press = |c: &mut bayu::tui::Console, what: &str, code: KeyCode| {
        let d = time(what, || {
            key(c, code);
            draw(c);
        });
        worst = worst.max(d);
    };
    for (k, what) in [
        ('2', "view 2 任务"),
        ('3', "view 3 单位"),
        ('4', "view 4 节点"),
    ] {
        press(&mut c, what, KeyCode::Char(k));
        press(&mut c, "  j", KeyCode::Char('j'));
    }
    press(
        &mut c,
        "view 5 报送 (first time: counts the inbox)",
        KeyCode::Char('5'),
    );
    for _ in 0..3 {
        press(&mut c, "  j", KeyCode::Char('j'));
    }
    for _ in 0..12 {
        press(&mut c, "  PgDn", KeyCode::PageDown);
    }
    press(&mut c, "  G (to the oldest)", KeyCode::Char('G'));
    press(&mut c, "  k", KeyCode::Char('k'));
    press(&mut c, "  g (to the newest)", KeyCode::Char('g'));
    press(&mut c, "  m (by period: 170 periods)", KeyCode::Char('m'));
    press(&mut c, "  l", KeyCode::Char('l'));
    press(&mut c, "  m (by task)", KeyCode::Char('m'));
    press(&mut c, "  m (inbox)", KeyCode::Char('m'));
    press(&mut c, "view 1 总览", KeyCode::Char('1'));
    // Typing a filter: each key is cheap, the query runs once typing stops
    // (here: `run_pending` inside `key`, so it is counted in the last key).
    press(&mut c, "view 5", KeyCode::Char('5'));
    press(&mut c, "  /", KeyCode::Char('/'));
    for ch in "yzq".chars() {
        let d = time("  typed (query runs after the pause)", || {
            support::keys(&mut c, &ch.to_string());
            draw(&mut c);
        });
        println!("    {ch}");
        let _ = d;
    }
    let reload = time("another coordinator's change: reload", || {
        c.dispatch(bayu::app::Action::DataChanged);
        draw(&mut c);
    });
    println!(
        "worst plain keystroke: {:.2} ms",
        worst.as_secs_f64() * 1000.0
    );
    // Generous bounds so that a debug build passes too; the figures above
    // are what to read.
    assert!(first < Duration::from_secs(5), "{first:?}");
    assert!(reload < Duration::from_secs(5), "{reload:?}");
}
