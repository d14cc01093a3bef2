//! The import end to end against a real store: template → fill → check →
//! apply, encodings, every bad row named, duplicates and re-submissions,
//! undo, and hostile cells.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::*;
use crate::db::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 5).unwrap()
}

fn opts() -> ImportOptions {
    ImportOptions {
        encoding: None,
        today: today(),
        lang: crate::i18n::Lang::En,
    }
}

fn q4() -> Period {
    Period::quarter(2021, 4).unwrap()
}

/// The built-in plan and units, with indicators on 2.1.1 and 2.2.1.
fn store(dir: &Path) -> Store {
    let mut store = crate::db::tests::builtin(&dir.join("bayu.db"));
    store
        .write("indicators", |w| {
            let o = w.outline()?;
            let n211 = o.find_code("2.1.1").map(|n| n.id).unwrap_or_default();
            let n221 = o.find_code("2.2.1").map(|n| n.id).unwrap_or_default();
            w.insert_indicator(n211, "学习宣传活动", "场", Some(2000.0))?;
            w.insert_indicator(n221, "女职工创新工作室", "个", Some(50.0))?;
            w.insert_indicator(n221, "技能竞赛和练兵比武", "场", None)?;
            Ok(())
        })
        .unwrap();
    store
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Parses a sheet's text (BOM dropped) into rows of cells.
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes)
        .unwrap()
        .trim_start_matches('\u{feff}');
    read::records(text).into_iter().map(|r| r.cells).collect()
}

fn to_csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

const HEADER: &str =
    "单位,任务编号,任务,期次,报送日期,填报人,进展情况,学习宣传活动（场）,女职工创新工作室（个）\n";

#[test]
fn a_filled_template_comes_back_as_reports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let yz = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.name == "渝中区")
        .unwrap();
    let sheet = template::reports(&store, Some(yz.id), q4()).unwrap();
    assert!(sheet.bytes.starts_with("\u{feff}".as_bytes()));
    let mut rows = cells(&sheet.bytes);
    assert_eq!(
        rows[0][..7],
        [
            "单位",
            "任务编号",
            "任务",
            "期次",
            "报送日期",
            "填报人",
            "进展情况"
        ]
    );
    assert_eq!(
        rows[0][7..],
        [
            "学习宣传活动（场）",
            "女职工创新工作室（个）",
            "技能竞赛和练兵比武（场）"
        ]
    );
    assert_eq!(rows.len(), 1 + 13, "one row per task of the built-in plan");
    assert_eq!(
        rows[1][..4],
        ["渝中区", "2.1.1", "提高政治站位", "2021年第四季度"]
    );
    // Fill two rows, leave the rest as they came.
    rows[1][4] = "2021/12/20".into();
    rows[1][5] = "李芳".into();
    rows[1][6] = "组织学习宣传活动3场。".into();
    rows[1][7] = "3".into();
    let r221 = rows.iter().position(|r| r[1] == "2.2.1").unwrap();
    rows[r221][6] = "新建女职工创新工作室2个。".into();
    rows[r221][8] = "２".into();
    rows[r221][9] = "1,050".into();
    let file = write(dir.path(), "渝中区.csv", to_csv(&rows).as_bytes());
    let plan = check(&store, &[file], &opts()).unwrap();
    assert!(plan.is_ok(), "{:?}", plan.problems);
    assert_eq!(plan.files[0].rows_read, 13);
    assert_eq!(plan.files[0].unfilled.len(), 11);
    let summary = apply(&mut store, &plan).unwrap();
    assert_eq!((summary.total.new, summary.total.unfilled), (2, 11));
    assert_eq!(summary.dates_defaulted, 1);
    assert_eq!(summary.authors_defaulted, 1);
    let reports = store.latest_reports(today(), 10).unwrap();
    assert_eq!(reports.len(), 2);
    let r = reports.iter().find(|r| r.body.starts_with("组织")).unwrap();
    assert_eq!(
        r.reported_on,
        NaiveDate::from_ymd_opt(2021, 12, 20).unwrap()
    );
    assert_eq!((r.author.as_str(), r.period), ("李芳", q4()));
    assert_eq!(r.values.iter().map(|v| v.1).collect::<Vec<_>>(), [3.0]);
    let other = reports.iter().find(|r| r.body.starts_with("新建")).unwrap();
    assert_eq!(other.reported_on, today());
    assert_eq!(other.author, store.user());
    assert_eq!(
        other.values.iter().map(|v| v.1).collect::<Vec<_>>(),
        [2.0, 1050.0]
    );
    assert_eq!(store.batches().unwrap()[0].rows_added, 2);
    assert!(store.check().unwrap().ok());
}

#[test]
fn gbk_and_utf8_with_or_without_bom_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let text =
        format!("{HEADER}渝中,2.1.1,,2021年第四季度,2021-12-20,李芳,开展活动。,\"1,200\",\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let files = [
        write(dir.path(), "gbk.csv", &gbk),
        write(dir.path(), "bom.csv", format!("\u{feff}{text}").as_bytes()),
        write(dir.path(), "plain.csv", text.as_bytes()),
    ];
    for f in &files {
        let plan = check(&store, std::slice::from_ref(f), &opts()).unwrap();
        assert!(plan.is_ok(), "{}: {:?}", f.display(), plan.problems);
        let row = &plan.files[0].rows[0];
        assert_eq!(row.unit_name, "渝中区");
        assert_eq!(row.report.body, "开展活动。");
        assert_eq!(
            row.report.values.iter().map(|v| v.1).collect::<Vec<_>>(),
            [1200.0]
        );
    }
    let plan = check(&store, &files[..1], &opts()).unwrap();
    assert_eq!(plan.files[0].encoding, Some(Encoding::Gb18030));
    let plan = check(&store, &files[1..2], &opts()).unwrap();
    assert!(plan.files[0].bom);
    // Forcing the wrong encoding is visible, not silent.
    let forced = ImportOptions {
        encoding: Some(Encoding::Utf8),
        ..opts()
    };
    let plan = check(&store, &files[..1], &forced).unwrap();
    assert!(!plan.warnings.is_empty());
}

#[test]
fn every_bad_row_is_named_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let text = format!(
        "{HEADER}\
渝中区,2.1.1,,2021Q4,2021-12-20,李芳,好的报送。,,\n\
火星区,2.1.1,,2021Q4,2021-12-20,李芳,报送。,,\n\
渝中区,2.1.9,,2021Q4,,,报送。,,\n\
渝中区,2.2.1,,2021Q4,2021-02-30,,报送。,,十二\n\
渝中区,2.2.2,,2021Q5,,,,5,\n\
渝中区,2.1,,2021Q4,2022-02-01,,报送。,,\n"
    );
    let file = write(dir.path(), "bad.csv", text.as_bytes());
    let plan = check(&store, &[file], &opts()).unwrap();
    let shown: Vec<String> = plan.problems.iter().map(|p| p.to_string()).collect();
    let name = dir.path().join("bad.csv").display().to_string();
    let expect = [
        format!("{name}:3: column 单位: unknown unit \"火星区\" (did you mean 万州区?)"),
        format!("{name}:4: column 任务编号: unknown task \"2.1.9\" (did you mean 2.1.1?)"),
        format!("{name}:5: column 报送日期: \"2021-02-30\" is not a real date"),
        format!("{name}:5: column 女职工创新工作室（个）: \"十二\" is not a number"),
        format!("{name}:6: column 期次: \"2021Q5\" names quarter 5"),
        format!("{name}:6: column 进展情况: the text is empty"),
        format!("{name}:6: column 学习宣传活动（场）: not an indicator of task 2.2.2"),
        format!("{name}:7: column 任务编号: 2.1 is an action"),
        format!("{name}:7: column 报送日期: 2022-02-01 is after today"),
    ];
    assert_eq!(shown.len(), expect.len(), "{shown:#?}");
    for (s, e) in shown.iter().zip(&expect) {
        assert!(
            s.starts_with(e.as_str()),
            "{s}\n  expected to start with\n{e}"
        );
    }
    let before = store.report_count().unwrap();
    let err = apply(&mut store, &plan).unwrap_err();
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    assert_eq!(store.report_count().unwrap(), before);
    assert!(store.batches().unwrap().is_empty());
}

#[test]
fn a_missing_required_column_is_reported_at_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let file = write(
        dir.path(),
        "a.csv",
        "单位,任务编号,期次\n渝中区,2.1.1,2021Q4\n".as_bytes(),
    );
    let plan = check(&store, &[file], &opts()).unwrap();
    let shown: Vec<String> = plan.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].ends_with("a.csv:1: missing required column 进展情况"),
        "{shown:?}"
    );
}

#[test]
fn duplicates_are_skipped_and_resubmissions_become_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let first = format!(
        "{HEADER}渝中区,2.1.1,,2021Q4,2021-12-20,李芳,第一次报送。,3,\n万州区,2.1.1,,2021Q4,2021-12-21,王丽,万州报送。,,\n"
    );
    let a = write(dir.path(), "a.csv", first.as_bytes());
    let plan = check(&store, &[a], &opts()).unwrap();
    apply(&mut store, &plan).unwrap();
    // The same rows again, one of them changed, one repeated within the file.
    let second = format!(
        "{HEADER}渝中区,2.1.1,,2021Q4,2021-12-28,李芳,补充后的报送。,4,\n万州区,2.1.1,,2021Q4,2021-12-21,王丽,万州报送。,,\n渝中,2.1.1,,2021年第四季度,2021-12-28,李芳,补充后的报送。,4,\n"
    );
    let b = write(dir.path(), "b.csv", second.as_bytes());
    let plan = check(&store, &[b], &opts()).unwrap();
    assert!(plan.is_ok(), "{:?}", plan.problems);
    let outcomes: Vec<Outcome> = plan.files[0].rows.iter().map(|r| r.outcome).collect();
    assert!(matches!(outcomes[0], Outcome::Revision { .. }));
    assert!(matches!(outcomes[1], Outcome::Duplicate { of: Some(_) }));
    assert_eq!(outcomes[2], Outcome::Duplicate { of: None });
    let summary = apply(&mut store, &plan).unwrap();
    assert_eq!(
        (
            summary.total.new,
            summary.total.revisions,
            summary.total.duplicates
        ),
        (0, 1, 2)
    );
    assert_eq!(store.report_count().unwrap(), 2);
    let current = store.latest_reports(today(), 5).unwrap();
    let yz = current.iter().find(|r| r.author == "李芳").unwrap();
    assert_eq!((yz.body.as_str(), yz.revision), ("补充后的报送。", 2));
    // Two rows of one import that disagree are refused: which one wins is
    // not for bayu to guess.
    let clash = format!("{HEADER}涪陵区,2.1.1,,2021Q4,,,甲。,,\n涪陵区,2.1.1,,2021Q4,,,乙。,,\n");
    let c = write(dir.path(), "c.csv", clash.as_bytes());
    let plan = check(&store, &[c], &opts()).unwrap();
    assert_eq!(plan.problems.len(), 1);
    assert!(
        plan.problems[0]
            .to_string()
            .contains(":3: 涪陵区 already reports on task 2.1.1 for 2021Q4 at line 2"),
        "{}",
        plan.problems[0]
    );
}

#[test]
fn an_import_is_undone_as_a_whole_through_its_log_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let a = write(
        dir.path(),
        "a.csv",
        format!("{HEADER}渝中区,2.1.1,,2021Q4,2021-12-20,李芳,原报送。,,\n").as_bytes(),
    );
    let plan = check(&store, &[a], &opts()).unwrap();
    apply(&mut store, &plan).unwrap();
    let b = write(
        dir.path(),
        "b.csv",
        format!("{HEADER}渝中区,2.1.1,,2021Q4,2021-12-28,李芳,修改后的报送。,,\n万州区,2.2.1,,2021Q4,,,新报送。,,2\n").as_bytes(),
    );
    let plan = check(&store, &[b], &opts()).unwrap();
    let summary = apply(&mut store, &plan).unwrap();
    let batch = summary.files[0].batch.unwrap();
    let entry = store.import_entry(batch).unwrap().unwrap();
    assert_eq!(entry.superseded.len(), 1);
    let log = store
        .audit_log(&crate::db::AuditFilter {
            entity: Some("import_batch".into()),
            entity_id: Some(batch),
            ..Default::default()
        })
        .unwrap();
    let after: serde_json::Value = serde_json::from_str(log[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(after["added"], 2);
    assert_eq!(after["skipped"], 0);
    assert_eq!(
        after["file"],
        dir.path().join("b.csv").display().to_string()
    );
    assert_eq!(after["sha256"].as_str().unwrap().len(), 64);
    let undone = store
        .write("undo", |w| w.undo_logged_import(batch))
        .unwrap();
    assert_eq!((undone.removed, undone.restored), (2, 1));
    let current = store.latest_reports(today(), 5).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].body, "原报送。");
    let log = store
        .audit_log(&crate::db::AuditFilter {
            entity: Some("import_batch".into()),
            entity_id: Some(batch),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(log[0].op, "undo");
    assert_eq!(log[0].undo_of, Some(log[1].id));
    assert_eq!(log[1].undone_by, Some(log[0].id));
    let again = store
        .write("undo", |w| w.undo_logged_import(batch))
        .unwrap_err();
    assert!(again.to_string().contains("already undone"), "{again}");
    assert!(store.check().unwrap().ok());
}

#[test]
fn hostile_cells_are_normalised_on_the_way_in() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(
        "渝中区,2.1.1,,2021Q4,,\"李\u{202e}芳\",\"第一段\u{1b}[2J\u{7}\r\n\t第二段\u{200b}\",,\n"
            .as_bytes(),
    );
    let file = write(dir.path(), "h.csv", &bytes);
    let plan = check(&store, &[file], &opts()).unwrap();
    assert!(plan.is_ok(), "{:?}", plan.problems);
    let r = &plan.files[0].rows[0].report;
    assert_eq!(r.body, "第一段[2J\n 第二段");
    assert_eq!(r.author, "李芳");
    assert!(crate::text::sanitize::is_clean(&r.body));
    // Invalid bytes become U+FFFD (and a warning), never a failure.
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(
        b"\xe6\xb8\x9d\xe4\xb8\xad\xe5\x8c\xba,2.1.1,,2021Q4,,,\xff\xfe\xe6\x96,,\n",
    );
    let file = write(dir.path(), "x.csv", &bytes);
    let plan = check(&store, &[file], &opts()).unwrap();
    assert!(!plan.warnings.is_empty());
    // Problems quote the cells, but never pass an escape sequence on.
    let text = format!("{HEADER}\u{1b}]52;c;QUJD\u{7}渝中,2.1.1,,2021Q\u{1b}[2J,,,报送。,,\n");
    let file = write(dir.path(), "e.csv", text.as_bytes());
    let plan = check(&store, &[file], &opts()).unwrap();
    assert_eq!(plan.problems.len(), 2, "{:?}", plan.problems);
    for p in &plan.problems {
        let shown = p.to_string();
        assert!(crate::text::sanitize::is_clean(&shown), "{shown:?}");
        assert!(!shown.contains('\n'), "{shown:?}");
    }
}

#[test]
fn a_title_identifies_the_task_when_excel_mangled_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let text = format!("{HEADER}渝中区,3月2日,认真开展调研,2021Q4,,,开展调研。,,\n");
    let file = write(dir.path(), "m.csv", text.as_bytes());
    let plan = check(&store, &[file], &opts()).unwrap();
    assert!(plan.is_ok(), "{:?}", plan.problems);
    assert_eq!(plan.files[0].rows[0].task_code, "3.2");
}

#[test]
fn unreadable_and_empty_files_are_problems_not_failures() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let empty = write(dir.path(), "empty.csv", b"");
    let header_only = write(dir.path(), "h.csv", HEADER.as_bytes());
    let missing = dir.path().join("none.csv");
    let plan = check(&store, &[empty, header_only, missing], &opts()).unwrap();
    let shown: Vec<String> = plan.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(
        shown
            .iter()
            .any(|s| s.ends_with("empty.csv: the file is empty"))
    );
    assert!(
        shown
            .iter()
            .any(|s| s.ends_with("h.csv:1: no rows below the header"))
    );
    assert!(
        shown
            .iter()
            .any(|s| s.ends_with("none.csv: cannot read the file: no such file"))
    );
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    fn cell() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "渝中区",
                "2.1.1",
                "2021Q4",
                "1,2",
                "\"",
                ",",
                "\n",
                "\r",
                "\t",
                "\u{1b}",
                "x",
                "",
                "１",
                "（个）",
                "2021-13-01",
                "进展",
                " ",
                "\u{feff}",
                "-",
            ]),
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn random_bytes_never_panic_the_reader_or_validator(
            bytes in prop::collection::vec(any::<u8>(), 0..400),
            rows in prop::collection::vec(prop::collection::vec(cell(), 0..12), 0..8),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let store = store(dir.path());
            let raw = write(dir.path(), "raw.csv", &bytes);
            let mut text = HEADER.to_string();
            for r in &rows {
                text.push_str(&r.join(","));
                text.push('\n');
            }
            let shaped = write(dir.path(), "shaped.csv", text.as_bytes());
            let mut prefixed = HEADER.as_bytes().to_vec();
            prefixed.extend_from_slice(&bytes);
            let tail = write(dir.path(), "tail.csv", &prefixed);
            for f in [raw, shaped, tail] {
                let plan = check(&store, std::slice::from_ref(&f), &opts()).unwrap();
                for p in &plan.problems {
                    prop_assert!(!p.to_string().is_empty());
                }
                for row in plan.files.iter().flat_map(|f| &f.rows) {
                    prop_assert!(crate::text::sanitize::is_clean(&row.report.body));
                    prop_assert!(!row.report.body.is_empty());
                }
            }
        }
    }
}

/// Regression: `12月31日` in a row for 2021Q4 meant the current calendar
/// year, and was then refused as after today. A date without a year takes
/// its period's year (the next one when that would put it before the
/// period, a report for 2021Q4 sent on 1月5日), and the summary says so.
#[test]
fn a_date_without_a_year_takes_the_year_of_the_rows_period() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let text = format!(
        "{HEADER}\
渝中区,2.1.1,,2021Q4,12月31日,李芳,年底报送。,,\n\
江北区,2.1.1,,2021Q4,1月5日,李芳,补报。,,\n\
南岸区,2.1.1,,2021Q4,2021-12-20,李芳,报送。,,\n"
    );
    let file = write(dir.path(), "yearless.csv", text.as_bytes());
    let plan = check(&store, &[file], &opts()).unwrap();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let days: Vec<NaiveDate> = plan.files[0]
        .rows
        .iter()
        .map(|r| r.report.reported_on)
        .collect();
    assert_eq!(
        days,
        [
            NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(2022, 1, 5).unwrap(),
            NaiveDate::from_ymd_opt(2021, 12, 20).unwrap(),
        ]
    );
    let summary = Summary::new(&plan, &store).unwrap();
    assert_eq!(summary.dates_without_year, 2);
    let text = summary.render(crate::i18n::Lang::Zh);
    assert!(
        text.contains("2 行报送日期未写年份，按所属期次补全（如第2行“12月31日”→2021-12-31）"),
        "{text}"
    );
}
