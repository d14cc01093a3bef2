//! Shared-server hygiene: new files are private to their owner (or to the
//! office's group in a group-shared directory), bayu writes nothing outside
//! its data file, its backups and the files a user names, and every change
//! in the log carries the OS user who made it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn bayu(home: &Path, tmp: &Path, args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("TMPDIR", tmp)
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_new_database_is_private_or_shared_with_the_directorys_group() {
    let root = tempfile::tempdir().unwrap();
    let (home, tmp) = (root.path().join("home"), root.path().join("tmp"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    let private = root.path().join("private.db");
    bayu(&home, &tmp, &["--db", private.to_str().unwrap(), "init"]);
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    let office = root.path().join("office");
    std::fs::create_dir(&office).unwrap();
    std::fs::set_permissions(&office, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let shared = office.join("bayu.db");
    bayu(&home, &tmp, &["--db", shared.to_str().unwrap(), "init"]);
    let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660, "{mode:o}");
    // Backups follow the same rule.
    let copy = office.join("copy.db");
    bayu(
        &home,
        &tmp,
        &[
            "--db",
            shared.to_str().unwrap(),
            "backup",
            copy.to_str().unwrap(),
        ],
    );
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660, "{mode:o}");
}

#[test]
fn nothing_is_written_outside_the_data_file_backups_and_named_files() {
    let root = tempfile::tempdir().unwrap();
    let (home, tmp, work) = (
        root.path().join("home"),
        root.path().join("tmp"),
        root.path().join("work"),
    );
    for d in [&home, &tmp, &work] {
        std::fs::create_dir_all(d).unwrap();
    }
    let db = work.join("bayu.db");
    let d = db.to_str().unwrap();
    let backups = work.join("backups");
    std::fs::create_dir(&backups).unwrap();
    let memo = work.join("memo.txt");
    let sheet = work.join("sheet.csv");
    for args in [
        vec!["--db", d, "init", "--demo"],
        vec!["--db", d, "tree"],
        vec!["--db", d, "check"],
        vec![
            "--db",
            d,
            "--as-of",
            "2021-12-31",
            "report",
            "add",
            "--unit",
            "渝北区",
            "--task",
            "2.1.1",
            "--period",
            "2021Q4",
            "--text",
            "渝北区开展学习宣传活动2场。",
        ],
        vec!["--db", d, "undo"],
        vec!["--db", d, "redo"],
        vec![
            "--db",
            d,
            "--as-of",
            "2021-12-31",
            "export",
            "memo",
            "--out",
            memo.to_str().unwrap(),
        ],
        vec![
            "--db",
            d,
            "--as-of",
            "2021-12-31",
            "template",
            "reports",
            "--unit",
            "城口县",
            "--out",
            sheet.to_str().unwrap(),
        ],
        vec!["--db", d, "backup", backups.to_str().unwrap()],
        vec!["--db", d, "log"],
    ] {
        bayu(&home, &tmp, &args);
    }
    assert!(names(&home).is_empty(), "home: {:?}", names(&home));
    assert!(names(&tmp).is_empty(), "tmp: {:?}", names(&tmp));
    let expected: BTreeSet<String> = [
        "backups",
        "bayu.db",
        "bayu.db-shm",
        "bayu.db-wal",
        "memo.txt",
        "sheet.csv",
    ]
    .map(String::from)
    .into();
    let found: BTreeSet<String> = names(&work);
    let unexpected: Vec<&String> = found.difference(&expected).collect();
    assert!(unexpected.is_empty(), "work: {found:?}");
    assert_eq!(names(&backups).len(), 1);
}

#[test]
fn every_change_in_the_log_names_the_os_user() {
    let root = tempfile::tempdir().unwrap();
    let (home, tmp) = (root.path().join("home"), root.path().join("tmp"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    let db = root.path().join("bayu.db");
    let d = db.to_str().unwrap();
    bayu(&home, &tmp, &["--db", d, "init", "--demo"]);
    bayu(
        &home,
        &tmp,
        &[
            "--db",
            d,
            "--as-of",
            "2021-12-31",
            "task",
            "set-status",
            "2.3.4",
            "推进中",
        ],
    );
    let me = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
    let c = rusqlite::Connection::open(&db).unwrap();
    let users: Vec<String> = c
        .prepare("SELECT DISTINCT os_user FROM audit")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(users, vec![me.trim().to_string()]);
    // The log cannot be edited behind bayu's back either.
    let err = c.execute("DELETE FROM audit", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}
