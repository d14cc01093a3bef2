//! Each export, as of the end of the plan: the whole `bayu export T`
//! process as a user runs it (start, open, figures, text, exit), and the
//! same work in-process (open, `Snapshot::load`, render) to show what the
//! process adds. `cargo bench --bench exports`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/cache.rs"]
mod cache;
#[path = "support/stats.rs"]
mod stats;

use std::process::{Command, Stdio};

use bayu::analysis::Snapshot;
use bayu::db::{OpenMode, Store};
use bayu::export::{ExportOptions, Template};
use stats::{measure, report};

const TEMPLATES: &[(&str, Template)] = &[
    ("memo", Template::Memo),
    ("ledger", Template::Ledger),
    ("coverage", Template::Coverage),
    ("overdue", Template::Overdue),
    ("tsv", Template::Tsv),
    ("csv", Template::Csv),
    ("json", Template::Json),
];

/// Whole dumps read every report: fewer samples at the larger sizes.
fn samples(name: &str, n: usize) -> usize {
    if cache::other_build() && n >= 1_000_000 {
        return 3;
    }
    match (name, n) {
        ("csv" | "json", n) if n >= 1_000_000 => 3,
        ("csv" | "json", n) if n >= 100_000 => 5,
        _ => 15,
    }
}

fn main() {
    println!("# exports, as of {}", cache::as_of_text());
    for n in cache::sizes() {
        let db = cache::database(n);
        let size = cache::label(n);
        stats::heading(&format!("{size} reports"));
        for &(name, template) in TEMPLATES {
            let k = samples(name, n);
            let process = measure(1, k, || {
                let status = Command::new(cache::bayu())
                    .arg("--db")
                    .arg(&db)
                    .args([
                        "--read-only",
                        "--as-of",
                        cache::as_of_text(),
                        "export",
                        name,
                    ])
                    .env("BAYU_CONFIG", "/dev/null")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("run bayu export");
                assert!(status.success(), "bayu export {name} failed");
            });
            report(
                &format!("bayu export {name} (the process)"),
                &size,
                &process,
            );
            if cache::other_build() {
                continue;
            }
            let mut bytes = 0;
            let inside = measure(1, k, || {
                let store = Store::open(&db, OpenMode::ReadOnly).expect("open");
                let snap = Snapshot::load(&store, cache::as_of()).expect("load");
                let text = bayu::export::render(template, &snap, &store, &ExportOptions::default())
                    .expect("render");
                bytes = text.len();
            });
            report(
                &format!("  in-process: open, load, render ({} KB)", bytes / 1024),
                &size,
                &inside,
            );
        }
    }
}
