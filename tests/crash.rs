//! kill -9 at random moments: during an import, a bulk demo generation and
//! edits. Afterwards `bayu check` passes and every change is all there or
//! not there at all. Each case repeats with different timings.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bayu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("BAYU_CONFIG", "/dev/null")
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Starts `bayu` and kills it with SIGKILL after `delay`; true if it had
/// already finished by itself.
fn run_and_kill(db: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("BAYU_CONFIG", "/dev/null")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let finished = matches!(child.try_wait(), Ok(Some(_)));
    let _ = child.kill(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    finished && status.success()
}

fn count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn assert_sound(db: &Path, round: usize) {
    let o = bayu(db, &["check"]);
    assert!(
        o.status.success(),
        "round {round}: check failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A sheet of `rows` reports on distinct units, tasks and periods.
fn big_sheet(path: &Path, rows: usize) {
    let units = bayu::seed::parse_units(bayu::seed::UNITS_TSV, "units").unwrap();
    let tasks = [
        "2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3", "2.3.1", "2.3.2", "2.3.3", "2.3.4",
        "3.1", "3.2", "3.3",
    ];
    let mut csv = String::from("\u{feff}单位,任务编号,任务,期次,报送日期,填报人,进展情况\n");
    let mut n = 0;
    let mut period = bayu::model::Period::quarter(2021, 3).unwrap();
    'outer: loop {
        for u in &units {
            for t in tasks {
                if n == rows {
                    break 'outer;
                }
                csv.push_str(&format!(
                    "{},{t},,{},{},王丽,{}本期开展巾帼科技志愿服务活动{n}场，覆盖女科技工作者。\n",
                    u.name,
                    period.code(),
                    period.end(),
                    u.short_name
                ));
                n += 1;
            }
        }
        period = period.next();
    }
    std::fs::write(path, csv).unwrap();
}

#[test]
fn kill_during_an_import_leaves_all_of_it_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    ok(&bayu(&db, &["init"]));
    let sheet = dir.path().join("sheet.csv");
    const ROWS: i64 = 8000;
    big_sheet(&sheet, ROWS as usize);
    let sheet = sheet.to_str().unwrap().to_string();
    let mut imported = 0;
    let mut killed = 0;
    for round in 0..12usize {
        let before = count(&db, "SELECT COUNT(*) FROM report");
        let batches = count(&db, "SELECT COUNT(*) FROM import_batch");
        let delay = Duration::from_millis(40 + (round as u64 * 97) % 900);
        let finished = run_and_kill(&db, &["import", "reports", &sheet], delay);
        assert_sound(&db, round);
        let after = count(&db, "SELECT COUNT(*) FROM report");
        let new_batches = count(&db, "SELECT COUNT(*) FROM import_batch");
        assert!(
            after == before || after == before + ROWS,
            "round {round}: {} reports appeared, not 0 or {ROWS}",
            after - before
        );
        assert_eq!(
            new_batches - batches,
            (after - before) / ROWS,
            "round {round}: batch and rows agree"
        );
        if after > before {
            imported += 1;
            // Take it back so the next round imports again.
            let id = count(&db, "SELECT MAX(id) FROM import_batch").to_string();
            ok(&bayu(&db, &["import", "undo", &id]));
            assert_eq!(
                count(&db, "SELECT COUNT(*) FROM report WHERE superseded = 0"),
                0
            );
        } else {
            killed += 1;
        }
        let _ = finished;
    }
    eprintln!("import: {killed} killed, {imported} completed");
    assert!(
        killed > 0,
        "some rounds were killed mid-import ({imported} completed)"
    );
}

#[test]
fn kill_during_demo_generation_leaves_the_old_file_or_the_whole_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    ok(&bayu(&db, &["init"]));
    let mut killed = 0;
    for round in 0..8usize {
        let reports = count(&db, "SELECT COUNT(*) FROM report");
        let delay = Duration::from_millis(30 + (round as u64 * 131) % 700);
        let finished = run_and_kill(&db, &["demo", "--reports", "20000", "--force"], delay);
        assert_sound(&db, round);
        let now = count(&db, "SELECT COUNT(*) FROM report");
        assert!(
            now == reports || now == 20000,
            "round {round}: {now} reports (before {reports})"
        );
        if !finished {
            killed += 1;
        }
    }
    assert!(killed > 0);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-"))
        .collect();
    // Killed builds may leave their temporary file until the next create
    // cleans it up; it is never the database itself.
    ok(&bayu(&db, &["demo", "--reports", "100", "--force"]));
    let after: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-"))
        .collect();
    assert!(
        after.is_empty(),
        "left behind: {after:?} (before cleanup: {leftovers:?})"
    );
}

#[test]
fn kill_during_edits_never_leaves_a_change_without_its_log_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    ok(&bayu(&db, &["init", "--demo"]));
    for round in 0..16usize {
        let title_before: String = {
            let c = rusqlite::Connection::open(&db).unwrap();
            c.query_row(
                "SELECT title FROM node WHERE title LIKE '提高政治站位%'",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        let log_before = count(&db, "SELECT COUNT(*) FROM audit");
        let new_title = format!("提高政治站位（第{round}次修订）");
        let delay = Duration::from_millis(5 + (round as u64 * 13) % 120);
        run_and_kill(
            &db,
            &["task", "rename", "2.1.1", "--title", &new_title],
            delay,
        );
        assert_sound(&db, round);
        let title_after: String = {
            let c = rusqlite::Connection::open(&db).unwrap();
            c.query_row(
                "SELECT title FROM node WHERE title LIKE '提高政治站位%'",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        let log_after = count(&db, "SELECT COUNT(*) FROM audit");
        if title_after == title_before {
            assert_eq!(
                log_after, log_before,
                "round {round}: a log entry without its change"
            );
        } else {
            assert_eq!(title_after, new_title);
            assert_eq!(
                log_after,
                log_before + 1,
                "round {round}: a change without its log entry"
            );
        }
    }
}

#[test]
fn kill_during_a_form_save_in_the_console_leaves_the_change_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    ok(&bayu(&db, &["init", "--demo"]));
    let home = dir.path().to_str().unwrap().to_string();
    let mut saved = 0;
    for round in 0..10usize {
        let subtasks = count(
            &db,
            "SELECT COUNT(*) FROM node WHERE title LIKE '专项学习%'",
        );
        let log = count(&db, "SELECT COUNT(*) FROM audit");
        let mut s = pty::PtySession::spawn(
            Path::new(env!("CARGO_BIN_EXE_bayu")),
            &["--db", db.to_str().unwrap(), "--as-of", "2021-12-31"],
            &[("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")],
            80,
            24,
        );
        s.wait_for("─ 最新报送", pty::DEFAULT_TIMEOUT);
        s.send_key(pty::Key::Char('2'));
        s.wait_for("─ 任务", pty::DEFAULT_TIMEOUT);
        s.send_key(pty::Key::Char('a'));
        s.wait_for("新增子任务", pty::DEFAULT_TIMEOUT);
        s.send_str(&format!("专项学习{round}"));
        s.wait_for(&format!("专项学习{round}"), pty::DEFAULT_TIMEOUT);
        s.send_key(pty::Key::Ctrl('s'));
        std::thread::sleep(Duration::from_millis((round as u64 * 7) % 40));
        let pid = s.process_id().unwrap();
        // SAFETY: sending a signal to the child we spawned.
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
        let _ = s.wait_exit(pty::DEFAULT_TIMEOUT);
        drop(s);
        assert_sound(&db, round);
        let now = count(
            &db,
            "SELECT COUNT(*) FROM node WHERE title LIKE '专项学习%'",
        );
        let log_now = count(&db, "SELECT COUNT(*) FROM audit");
        assert!(now == subtasks || now == subtasks + 1, "round {round}");
        assert_eq!(
            log_now - log,
            now - subtasks,
            "round {round}: the change and its log entry together"
        );
        saved += now - subtasks;
    }
    eprintln!("form saves: {saved} of 10 landed before the kill");
}
