//! Regression (issue 13): the console's form capped a report at 20,000
//! characters while the command line and the import took 1.75 million.
//! One limit now holds whichever way a report arrives, and the refusal
//! states it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

use bayu::db::edit::validate::MAX_TEXT;

fn bayu(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .arg("--db")
        .arg(dir.join("bayu.db"))
        .args(args)
        .env("HOME", dir)
        .env("BAYU_CONFIG", "/dev/null")
        .env_remove("BAYU_DB")
        .output()
        .unwrap()
}

#[test]
fn a_report_over_the_limit_is_refused_by_the_command_line_and_the_import_alike() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(bayu(d, &["init", "--demo"]).status.success());
    let long = "进".repeat(MAX_TEXT + 1);
    let limit = format!("at most {MAX_TEXT}");

    let o = bayu(
        d,
        &[
            "--lang",
            "en",
            "report",
            "add",
            "--unit",
            "渝中区",
            "--task",
            "2.1.1",
            "--period",
            "2026Q1",
            "--text",
            &long,
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains(&limit), "{err}");

    let sheet = d.join("long.csv");
    std::fs::write(
        &sheet,
        format!(
            "单位,任务编号,任务,期次,报送日期,填报人,进展情况\n渝中区,2.1.1,,2026年第一季度,2026/3/25,李芳,{long}\n"
        ),
    )
    .unwrap();
    let o = bayu(
        d,
        &["--lang", "en", "import", "reports", sheet.to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "imported: {err}");
    assert!(
        err.contains("column 进展情况") && err.contains(&limit),
        "{err}"
    );

    // Exactly at the limit is fine, both ways.
    let fits = "进".repeat(MAX_TEXT);
    std::fs::write(
        &sheet,
        format!(
            "单位,任务编号,任务,期次,报送日期,填报人,进展情况\n渝中区,2.1.1,,2026年第一季度,2026/3/25,李芳,{fits}\n"
        ),
    )
    .unwrap();
    let o = bayu(d, &["import", "reports", sheet.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
