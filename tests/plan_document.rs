//! Regression (issue 13): the plan reader merged headings past 99, and
//! headings whose number was skipped or repeated, silently into the body
//! before them. `bayu init --plan` now warns with the file and line, and
//! says how many headings it read at each level.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn init_names_the_numbered_lines_it_did_not_take_as_headings_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("方案.txt");
    std::fs::write(
        &doc,
        "关于印发《测试方案》的通知\n测试方案\n一、总体要求\n1.第一项。\n3.第三项。\n2.第二项。\n100.第一百项。\n二、其他\n（一）分项。\n",
    )
    .unwrap();
    let db = dir.path().join("t.db");
    let o = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--lang",
            "en",
            "init",
            "--plan",
        ])
        .arg(&doc)
        .env("HOME", dir.path())
        .env("BAYU_CONFIG", "/dev/null")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let name = doc.display().to_string();
    assert!(
        err.contains(&format!("{name}:5: 「3.第三项。」 is numbered 3")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:7: 「100.第一百项。」 is numbered 100")),
        "{err}"
    );
    assert!(
        out.contains("headings read: 2 at 一、, 1 at （一）, 2 at 1."),
        "{out}"
    );
}
