//! The databases the benchmarks read: `bayu demo --reports N` made once
//! with the built binary and kept in a cache directory (the target
//! directory's `tmp/bench-cache`, or `BAYU_BENCH_CACHE`), named for the
//! size and the schema version. Delete the directory after changing the
//! generator.
//!
//! Sizes: 10,000 and 100,000 reports by default; `BAYU_BENCH_1M=1` adds
//! 1,000,000 (about a minute to generate the first time);
//! `BAYU_BENCH_SIZES=10000,1000000` names them exactly.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use chrono::NaiveDate;

/// The as-of date of every measurement: the end of the plan, when every
/// report counts (the most work for the figures).
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("a real date")
}

pub fn as_of_text() -> &'static str {
    "2025-12-31"
}

/// The sizes to measure, from the environment.
pub fn sizes() -> Vec<usize> {
    if let Ok(list) = std::env::var("BAYU_BENCH_SIZES") {
        let sizes: Vec<usize> = list
            .split(',')
            .filter_map(|s| s.trim().replace('_', "").parse().ok())
            .collect();
        if !sizes.is_empty() {
            return sizes;
        }
    }
    let mut sizes = vec![10_000, 100_000];
    if std::env::var("BAYU_BENCH_1M").is_ok_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

/// The bayu binary this bench was built with, or `BAYU_BENCH_BIN` (an
/// older build, to measure "before": give it its own `BAYU_BENCH_CACHE`,
/// since an older bayu cannot open a newer file; the in-process parts of
/// the benches are then skipped).
pub fn bayu() -> PathBuf {
    std::env::var_os("BAYU_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_bayu")))
}

/// Whether the benches measure another build (`BAYU_BENCH_BIN`).
pub fn other_build() -> bool {
    std::env::var_os("BAYU_BENCH_BIN").is_some()
}

fn cache_dir() -> PathBuf {
    std::env::var_os("BAYU_BENCH_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-cache"))
}

/// A database of `n` synthetic reports (seed 1), generated on first use.
pub fn database(n: usize) -> PathBuf {
    let dir = cache_dir();
    std::fs::create_dir_all(&dir).expect("create the bench cache directory");
    let version = if other_build() {
        "other".to_string()
    } else {
        format!("v{}", bayu::db::SCHEMA_VERSION)
    };
    let path = dir.join(format!("r{n}-{version}.db"));
    if !path.exists() {
        eprintln!("generating {} ...", path.display());
        let out = Command::new(bayu())
            .arg("--db")
            .arg(&path)
            .args(["demo", "--reports", &n.to_string(), "--seed", "1"])
            .env("BAYU_CONFIG", "/dev/null")
            .output()
            .expect("run bayu demo");
        assert!(
            out.status.success(),
            "bayu demo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        eprint!("{}", String::from_utf8_lossy(&out.stdout));
    }
    path
}

/// `10k`, `100k`, `1M`.
pub fn label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}
