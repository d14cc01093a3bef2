//! A large import: 50,000 rows (184 units × 13 tasks × 21 quarters, with
//! indicator figures) checked and imported in one transaction. The time is
//! printed, not asserted (`cargo test --release --test import_large --
//! --nocapture` gives the figure quoted in docs/import.md).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::time::Instant;

use bayu::db::Store;
use bayu::import::{self, ImportOptions};
use bayu::model::{Period, Unit};
use chrono::NaiveDate;

const ROWS: usize = 50_000;

fn database(path: &std::path::Path) -> Store {
    let doc = bayu::plan_text::parse(bayu::seed::PLAN_TEXT).unwrap();
    let mut units = bayu::seed::parse_units(bayu::seed::UNITS_TSV, "units").unwrap();
    // Enough units for 50,000 distinct (unit, task, period) rows.
    for i in 0..143u32 {
        units.push(Unit {
            id: 0,
            code: Some(format!("59{i:04}")),
            name: format!("测试街道{i}"),
            short_name: format!("测试{i}"),
            kind: "test".into(),
            valid_from: None,
            valid_to: None,
            position: 100 + i,
            version: 1,
        });
    }
    Store::create(path, false, |s| {
        s.write("init", |w| {
            w.load_plan(&doc)?;
            w.insert_units(&units)?;
            let o = w.outline()?;
            let node = o.find_code("2.2.1").map(|n| n.id).unwrap_or_default();
            w.insert_indicator(node, "女职工创新工作室", "个", Some(50.0))?;
            Ok(())
        })
    })
    .unwrap()
}

#[test]
fn fifty_thousand_rows_import_in_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = database(&dir.path().join("bayu.db"));
    let units = store.units().unwrap();
    let outline = store.outline().unwrap();
    let tasks: Vec<String> = outline.work_items().map(|n| outline.code(n.id)).collect();
    let periods: Vec<Period> = Period::quarter(2021, 3)
        .unwrap()
        .iter_to(Period::quarter(2026, 3).unwrap())
        .collect();
    let mut text = String::from(
        "\u{feff}单位,任务编号,期次,报送日期,填报人,进展情况,女职工创新工作室（个）\r\n",
    );
    let mut n = 0;
    'fill: for p in &periods {
        for u in &units {
            for t in &tasks {
                if n == ROWS {
                    break 'fill;
                }
                let figure = if t == "2.2.1" { "\"1,024\"" } else { "" };
                let date = p.end().min(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
                writeln!(
                    text,
                    "{},{t},{},{date},李芳,\"{}{}开展工作，第{n}条。\",{figure}\r",
                    u.short_name,
                    p.label_cn(),
                    u.name,
                    p.label_cn()
                )
                .unwrap();
                n += 1;
            }
        }
    }
    assert_eq!(n, ROWS, "the fixture has enough units, tasks and periods");
    let file = dir.path().join("large.csv");
    std::fs::write(&file, &text).unwrap();
    let before = store.report_count().unwrap();
    let opts = ImportOptions {
        encoding: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        lang: bayu::i18n::Lang::En,
    };
    let started = Instant::now();
    let plan = import::check(&store, &[file], &opts).unwrap();
    let checked = started.elapsed();
    assert!(
        plan.is_ok(),
        "{:?}",
        &plan.problems[..plan.problems.len().min(5)]
    );
    assert_eq!(plan.row_count(), ROWS);
    let started = Instant::now();
    let summary = import::apply(&mut store, &plan).unwrap();
    let applied = started.elapsed();
    println!(
        "import of {ROWS} rows ({} MB): check {:.2} s, apply {:.2} s (one transaction)",
        text.len() / 1_000_000,
        checked.as_secs_f64(),
        applied.as_secs_f64()
    );
    assert_eq!(summary.total.new, ROWS);
    assert_eq!(store.report_count().unwrap(), before + ROWS as u64);
    let batches = store.batches().unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].rows_added as usize, ROWS);
    let log = store
        .audit_log(&bayu::db::AuditFilter {
            entity: Some("import_batch".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(log.len(), 1, "one audit entry for the whole import");
}
