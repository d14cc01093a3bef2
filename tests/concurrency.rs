//! Several coordinators' scripts writing one file at once: 8 processes
//! (each a loop of `bayu report add`), 200 reports each, all on the same
//! few units, tasks and period so that they contend for the same revision
//! chains. Every report must be there, every command must succeed, and no
//! "database is locked" may reach a user.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::process::Command;

const WORKERS: usize = 8;
const EACH: usize = 200;

#[test]
fn eight_processes_adding_200_reports_each_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db").display().to_string();
    let bin = env!("CARGO_BIN_EXE_bayu");
    let st = Command::new(bin)
        .args(["--db", &db, "init"])
        .output()
        .unwrap();
    assert!(st.status.success());
    let units = ["渝中区", "綦江区", "璧山区", "北碚区"];
    let tasks = ["2.1.1", "2.1.2", "2.2.1"];
    let started = std::time::Instant::now();
    let handles: Vec<_> = (0..WORKERS)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for k in 0..EACH {
                    let text = format!("第{w}组第{k}次报送：开展宣讲活动{k}场。");
                    let o = Command::new(bin)
                        .args(["--db", &db, "--as-of", "2021-12-31", "report", "add"])
                        .args(["--unit", units[k % units.len()]])
                        .args(["--task", tasks[(k / units.len()) % tasks.len()]])
                        .args(["--period", "2021Q4", "--text", &text, "--author", "脚本"])
                        .output()
                        .unwrap();
                    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
                    if !o.status.success() || !stderr.is_empty() {
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
    let elapsed = started.elapsed();
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    eprintln!(
        "{} reports through {} concurrent processes in {:.1} s",
        WORKERS * EACH,
        WORKERS,
        elapsed.as_secs_f64()
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    let total: i64 = conn
        .query_row("SELECT COUNT(*) FROM report", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, (WORKERS * EACH) as i64);
    let logged: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE entity = 'report'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, (WORKERS * EACH) as i64);
    // Each chain of revisions is 1..n with exactly the newest current.
    let mut chains: BTreeMap<(i64, i64), Vec<(i64, i64)>> = BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT unit_id, node_id, revision, superseded FROM report ORDER BY revision")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    for row in rows {
        let (u, n, rev, sup): (i64, i64, i64, i64) = row.unwrap();
        chains.entry((u, n)).or_default().push((rev, sup));
    }
    assert_eq!(chains.len(), units.len() * tasks.len());
    for (key, chain) in &chains {
        let revs: Vec<i64> = chain.iter().map(|c| c.0).collect();
        assert_eq!(
            revs,
            (1..=chain.len() as i64).collect::<Vec<_>>(),
            "{key:?}"
        );
        let current: Vec<i64> = chain.iter().filter(|c| c.1 == 0).map(|c| c.0).collect();
        assert_eq!(current, vec![chain.len() as i64], "{key:?}");
    }
    let check = Command::new(bin)
        .args(["--db", &db, "check"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
