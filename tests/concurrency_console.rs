//! Eight coordinators' scripts add 200 reports each through the command
//! line while a console is open on the same file: all 1,600 arrive, no
//! "database is locked" reaches anyone, and the console shows them. And
//! `init --force` refuses to pull the file from under an open console.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use pty::{DEFAULT_TIMEOUT, Key, PtySession};

const WORKERS: usize = 8;
const EACH: usize = 200;

#[test]
fn eight_writers_and_an_open_console_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    let db_arg = db.to_str().unwrap().to_string();
    let bin = env!("CARGO_BIN_EXE_bayu");
    let o = Command::new(bin)
        .args(["--db", &db_arg, "init"])
        .output()
        .unwrap();
    assert!(o.status.success());

    let home = dir.path().to_str().unwrap().to_string();
    let mut console = PtySession::spawn(
        Path::new(bin),
        &["--db", &db_arg, "--as-of", "2023-12-31"],
        &[("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")],
        120,
        40,
    );
    console.wait_for("截至 2023年12月31日", DEFAULT_TIMEOUT);
    console.send_key(Key::Char('5'));
    console.wait_for("报送列表", DEFAULT_TIMEOUT);

    let units = bayu::seed::parse_units(bayu::seed::UNITS_TSV, "units").unwrap();
    let tasks = ["2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2"];
    let periods = [
        "2021Q3", "2021Q4", "2022Q1", "2022Q2", "2022Q3", "2022Q4", "2023Q1", "2023Q2",
    ];
    let handles: Vec<_> = (0..WORKERS)
        .map(|w| {
            let db = db_arg.clone();
            let units: Vec<String> = units.iter().map(|u| u.name.clone()).collect();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for k in 0..EACH {
                    let unit = &units[k % units.len()];
                    let task = tasks[k / units.len()];
                    let text = format!("{unit}第{w}组第{k}份报送：开展科技志愿服务活动{k}场。");
                    let o = Command::new(bin)
                        .args(["--db", &db, "--as-of", "2023-12-31", "report", "add"])
                        .args(["--unit", unit, "--task", task, "--period", periods[w]])
                        .args(["--date", "2023-06-30", "--text", &text])
                        .env("BAYU_CONFIG", "/dev/null")
                        .output()
                        .unwrap();
                    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
                    if !o.status.success() || stderr.contains("locked") || stderr.contains("busy") {
                        failures.push(format!("{w}/{k}: {:?} {stderr}", o.status.code()));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );

    let c = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM report WHERE superseded = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, (WORKERS * EACH) as i64);
    // The console noticed the other processes' writes by itself.
    console.wait_for(&format!("/{}", WORKERS * EACH), Duration::from_secs(5));
    let screen = console.screen_text();
    assert!(!screen.contains("locked"), "{screen}");
    console.send_key(Key::Char('q'));
    let status = console.wait_exit(DEFAULT_TIMEOUT);
    assert!(status.success());
    assert_eq!(console.restoration_problems(), Vec::<String>::new());
    let o = Command::new(bin)
        .args(["--db", &db_arg, "check"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn init_force_refuses_a_file_a_console_has_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    let db_arg = db.to_str().unwrap().to_string();
    let bin = env!("CARGO_BIN_EXE_bayu");
    let run = |args: &[&str]| {
        Command::new(bin)
            .args(["--db", &db_arg])
            .args(args)
            .env("BAYU_CONFIG", "/dev/null")
            .output()
            .unwrap()
    };
    assert!(run(&["init", "--demo"]).status.success());
    let before = std::fs::read(&db).unwrap();
    let home = dir.path().to_str().unwrap().to_string();
    let mut console = PtySession::spawn(
        Path::new(bin),
        &["--db", &db_arg, "--as-of", "2023-12-31"],
        &[("HOME", home.as_str()), ("BAYU_CONFIG", "/dev/null")],
        120,
        40,
    );
    console.wait_for("截至 2023年12月31日", DEFAULT_TIMEOUT);

    let o = run(&["init", "--force"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bayu.db: open in another bayu") && stderr.contains("nothing was changed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is as it was");

    // The console still works on its file; once it quits, --force replaces it.
    console.send_key(Key::Char('4'));
    console.wait_for("逾期", DEFAULT_TIMEOUT);
    console.send_key(Key::Char('q'));
    assert!(console.wait_exit(DEFAULT_TIMEOUT).success());
    let o = run(&["init", "--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
