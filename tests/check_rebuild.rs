//! `bayu check` verifies the totals kept for speed (schema v3) against the
//! reports, names a difference, and `bayu check --rebuild` recomputes them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn bayu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("BAYU_CONFIG", "/dev/null")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run bayu")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_names_a_damaged_total_and_rebuild_mends_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let o = bayu(&db, &["init", "--demo"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = bayu(&db, &["check"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("ok: "), "{}", text(&o.stdout));
    let tree = bayu(&db, &["--as-of", "2021-12-31", "tree"]);
    // Someone edits the kept totals behind bayu's back.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        // (A WITHOUT ROWID table: one row, named by its key.)
        c.execute(
            "UPDATE tally_value SET total = total + 1000
             WHERE (grain, bucket, indicator_id) IN
                   (SELECT grain, bucket, indicator_id FROM tally_value WHERE n > 0 LIMIT 1)",
            [],
        )
        .unwrap();
    }
    let o = bayu(&db, &["check", "--verbose"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("the kept indicator totals (tally_value) differ from the reports in 1 place")
            && out.contains("`bayu check --rebuild` recomputes them"),
        "{out}"
    );
    let o = bayu(&db, &["check", "--rebuild"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("ok: "), "{}", text(&o.stdout));
    let again = bayu(&db, &["--as-of", "2021-12-31", "tree"]);
    assert_eq!(text(&again.stdout), text(&tree.stdout));
}
