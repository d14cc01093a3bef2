//! How fast the console is on a large file: `bayu demo --reports 100000`
//! (the demo plan with 130 sub-tasks and 100,000 reports over 18
//! quarters), as of the end of 2025. Prints start-to-first-frame and
//! per-keystroke (update + render) times; run with
//! `cargo test --release --test console_perf -- --ignored --nocapture`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/console.rs"]
mod support;

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use support::{Options, console_on, draw};

/// `bayu demo --reports 100000` at `path`.
fn big_db(path: &std::path::Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args([
            "--db",
            path.to_str().unwrap(),
            "demo",
            "--reports",
            "100000",
        ])
        .env("BAYU_CONFIG", "/nonexistent/bayu-config")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    assert!(n >= 100_000);
    let as_of = support::date((2025, 12, 31));
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
        as_of,
        ..Options::default()
    };
    let mut c = None;
    // The console draws a frame (header, 读取中) before it reads the data,
    // as `tui::run` does; then the first frame with the figures.
    time("first frame (before the data is read)", || {
        let store = bayu::db::Store::open(&db, bayu::db::OpenMode::ReadOnly).unwrap();
        let state = bayu::app::State::new(
            bayu::app::state::Settings::default(),
            support::date(support::TODAY),
            as_of,
            o.size,
        );
        let mut console = bayu::tui::Console::new(store, state);
        draw(&mut console);
    });
    let first = time("start to the first frame with figures", || {
        let mut console = console_on(&db, &o);
        draw(&mut console);
        c = Some(console);
    });
    let mut c = c.unwrap();
    let mut worst = Duration::ZERO;
    // A key: update and the frame it answers with; then, if it asked for a
    // slow read (drawn meanwhile as 读取中), the read and the next frame.
    let mut press = |c: &mut bayu::tui::Console, what: &str, code: KeyCode| {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        let d = time(what, || {
            c.handle(&event);
            draw(c);
        });
        worst = worst.max(d);
        if c.has_deferred() || c.has_pending() {
            time("    then the read it asked for", || {
                c.run_pending();
                draw(c);
            });
        }
    };
    for (k, what) in [
        ('2', "view 2 任务"),
        ('3', "view 3 单位"),
        ('4', "view 4 节点"),
    ] {
        press(&mut c, what, KeyCode::Char(k));
        press(&mut c, "  j", KeyCode::Char('j'));
    }
    press(&mut c, "view 5 报送", KeyCode::Char('5'));
    for _ in 0..3 {
        press(&mut c, "  j", KeyCode::Char('j'));
    }
    for _ in 0..12 {
        press(&mut c, "  PgDn", KeyCode::PageDown);
    }
    press(&mut c, "  G (to the oldest)", KeyCode::Char('G'));
    press(&mut c, "  k", KeyCode::Char('k'));
    press(&mut c, "  g (to the newest)", KeyCode::Char('g'));
    press(&mut c, "  m (by period)", KeyCode::Char('m'));
    press(&mut c, "  l", KeyCode::Char('l'));
    press(&mut c, "  m (by task)", KeyCode::Char('m'));
    press(&mut c, "  m (inbox)", KeyCode::Char('m'));
    press(&mut c, "view 1 总览", KeyCode::Char('1'));
    press(&mut c, "view 5", KeyCode::Char('5'));
    // Typing a filter: the query runs once typing pauses.
    press(&mut c, "  /", KeyCode::Char('/'));
    for ch in "yzq".chars() {
        press(&mut c, "  typed", KeyCode::Char(ch));
    }
    let reload = time("another coordinator's change: reload", || {
        c.dispatch(bayu::app::Action::DataChanged);
        c.run_pending();
        draw(&mut c);
    });
    println!("worst key to frame: {:.2} ms", worst.as_secs_f64() * 1000.0);
    // Generous bounds so that a debug build passes too; the figures above
    // are what to read.
    assert!(first < Duration::from_secs(5), "{first:?}");
    assert!(reload < Duration::from_secs(5), "{reload:?}");
}
