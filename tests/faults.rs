//! Bad files and crashes, as a user meets them through the command line.
//! Each case: a clear sentence naming the path, a non-zero exit, and the
//! file byte-for-byte as it was (or, after a crash, whole: old or new).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn bayu(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args(args)
        .env("HOME", home)
        .env_remove("BAYU_DB")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("bayu.db");
    let o = bayu(dir, &["--db", db.to_str().unwrap(), "init", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

/// Fails with one line naming `path`, leaving the file unchanged.
fn refused(dir: &Path, db: &Path, args: &[&str], says: &str) {
    let before = std::fs::read(db).unwrap();
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = bayu(dir, &all);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    assert!(
        err.contains(db.file_name().unwrap().to_str().unwrap()),
        "names the file: {err}"
    );
    assert!(err.contains(says), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(std::fs::read(db).unwrap(), before, "file unchanged");
}

#[test]
fn a_truncated_database_is_named_and_check_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 3]).unwrap();
    let before = std::fs::read(&db).unwrap();
    let o = bayu(dir.path(), &["--db", db.to_str().unwrap(), "check"]);
    assert_ne!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stderr(&o).contains("bayu.db"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let o = bayu(dir.path(), &["--db", db.to_str().unwrap(), "tree"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_database_from_a_newer_bayu_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        c.pragma_update(None, "journal_mode", "delete").unwrap();
    }
    refused(dir.path(), &db, &["tree"], "newer bayu (schema version 99");
}

#[test]
fn a_sqlite_file_of_another_program_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('张三');")
            .unwrap();
    }
    refused(dir.path(), &db, &["tree"], "not a bayu database");
    assert!(!dir.path().join("other.sqlite-wal").exists());
}

#[test]
fn a_database_from_an_older_bayu_is_backed_up_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(include_str!("../src/db/schema_v1.sql"))
            .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.pragma_update(None, "application_id", 0x6261_7975)
            .unwrap();
        c.execute(
            "INSERT INTO plan (id, title, action_name) VALUES (1, '旧版方案', '旧版行动')",
            [],
        )
        .unwrap();
    }
    let o = bayu(dir.path(), &["--db", db.to_str().unwrap(), "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let backups: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("old.db.v1-"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let o = bayu(
        dir.path(),
        &[
            "--db",
            dir.path().join(&backups[0]).to_str().unwrap(),
            "--read-only",
            "check",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "the backup is the old version: {}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("upgrading the file from schema version 1"),
        "{}",
        stderr(&o)
    );
}

/// Runs bayu as the unprivileged user `nobody` (tests run as root here).
fn as_nobody(home: &Path, args: &[&str]) -> Option<Output> {
    let root = Command::new("id").arg("-u").output().ok()?;
    let args_owned: Vec<&str> = args.to_vec();
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        return Some(bayu(home, &args_owned));
    }
    let o = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_bayu"))
        .args(args)
        .env("HOME", home)
        .env_remove("BAYU_DB")
        .output()
        .ok()?;
    Some(o)
}

#[test]
fn no_permission_to_read_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    let Some(o) = as_nobody(dir.path(), &["--db", db.to_str().unwrap(), "tree"]) else {
        panic!("cannot run as another user: setpriv is needed when tests run as root");
    };
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // The file, the right and what to run instead of "os error 13".
    assert!(
        err.contains("bayu.db：您（nobody）没有读取这个文件的权限（属主 root，组 root，权限 600）"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_file_others_may_only_read_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    // The WAL sidecars must be readable too for a reader in WAL mode.
    for side in ["bayu.db-wal", "bayu.db-shm"] {
        let p = dir.path().join(side);
        if p.exists() {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let before = std::fs::read(&db).unwrap();
    let o = as_nobody(
        dir.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "--as-of",
            "2021-12-31",
            "tree",
        ],
    )
    .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("提高政治站位"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn backup_copies_while_a_writer_holds_a_transaction_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('uncommitted', 'x');",
        )
        .unwrap();
    let dest = dir.path().join("copy.db");
    let o = bayu(
        dir.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "backup",
            dest.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("检查通过"), "{}", stdout(&o));
    writer.execute_batch("COMMIT").unwrap();
    let copy = rusqlite::Connection::open(&dest).unwrap();
    let n: i64 = copy
        .query_row("SELECT COUNT(*) FROM meta", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "the copy holds only committed data");
    let o = bayu(dir.path(), &["--db", dest.to_str().unwrap(), "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A backup never overwrites.
    let o = bayu(
        dir.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "backup",
            dest.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("never overwrites"), "{}", stderr(&o));
}

#[test]
fn kill_during_init_leaves_the_old_file_or_the_new_one_never_half() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let original = std::fs::read(&db).unwrap();
    let mut outcomes = (0, 0);
    for round in 0..16u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bayu"))
            .args(["--db", db.to_str().unwrap(), "init", "--demo", "--force"])
            .env("HOME", dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(10 + (round * 37) % 400));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let o = bayu(dir.path(), &["--db", db.to_str().unwrap(), "check"]);
        assert!(
            o.status.success(),
            "round {round}: check failed after kill: {}",
            stderr(&o)
        );
        if status.success() {
            outcomes.1 += 1;
        } else {
            outcomes.0 += 1;
        }
        let tree = bayu(dir.path(), &["--db", db.to_str().unwrap(), "tree"]);
        assert!(
            stdout(&tree).contains("三、保障措施"),
            "round {round}: whole outline"
        );
    }
    assert!(
        outcomes.0 > 0,
        "some rounds were killed mid-way: {outcomes:?}"
    );
    let _ = original;
    // The next init cleans up what killed ones left behind.
    let o = bayu(
        dir.path(),
        &["--db", db.to_str().unwrap(), "init", "--force"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn escape_sequences_in_a_plan_document_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("hostile.txt");
    std::fs::write(
        &doc,
        "恶意方案\n一、任务\n1.清屏\u{1b}[2J标题。正文\u{1b}]52;c;SGVsbG8=\u{7}。\n2.链接\u{1b}]8;;http://x\u{1b}\\点我\u{1b}]8;;\u{1b}\\。\n3.反转\u{202e}文字\u{200b}。\n",
    )
    .unwrap();
    let db = dir.path().join("h.db");
    let o = bayu(
        dir.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "init",
            "--plan",
            doc.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bayu(dir.path(), &["--db", db.to_str().unwrap(), "tree"]);
    let out = stdout(&o);
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}'] {
        assert!(!out.contains(bad), "{bad:?} reached the terminal: {out:?}");
    }
    assert!(out.contains("清屏"), "{out}");
}

#[test]
fn a_lock_held_longer_than_the_busy_timeout_is_named_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE node SET title = title;")
        .unwrap();
    let before: i64 = holder
        .query_row("SELECT COUNT(*) FROM report", [], |r| r.get(0))
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_bayu"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--as-of",
            "2021-12-31",
            "report",
            "add",
        ])
        .args([
            "--unit",
            "渝中区",
            "--task",
            "2.1.1",
            "--period",
            "2021Q4",
            "--text",
            "锁等待测试。",
        ])
        .env("HOME", dir.path())
        .env("BAYU_BUSY_TIMEOUT_MS", "300")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bayu.db") && err.contains("locked") && err.contains("nothing was changed"),
        "{err}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    let after: i64 = holder
        .query_row("SELECT COUNT(*) FROM report", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn read_only_refuses_every_write_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    let d = db.to_str().unwrap();
    for args in [
        vec![
            "--read-only",
            "report",
            "add",
            "--unit",
            "渝中区",
            "--task",
            "2.1.1",
            "--period",
            "2021Q4",
            "--text",
            "只读测试。",
        ],
        vec!["--read-only", "task", "rename", "2.1.1", "--title", "改名"],
        vec!["--read-only", "milestone", "done", "1"],
        vec!["--read-only", "undo"],
    ] {
        let mut all = vec!["--db", d, "--as-of", "2021-12-31"];
        all.extend(args.iter().copied());
        let o = bayu(dir.path(), &all);
        assert_ne!(o.status.code(), Some(0), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("read-only") && err.contains("--read-only was given"),
            "{args:?}: {err}"
        );
    }
    // Reading and exporting work.
    let o = bayu(
        dir.path(),
        &[
            "--db",
            d,
            "--read-only",
            "--as-of",
            "2021-12-31",
            "export",
            "memo",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("助力科技创新巴渝巾帼行动推进情况通报"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_file_you_cannot_write_opens_read_only_and_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for f in ["bayu.db", "bayu.db-wal", "bayu.db-shm"] {
        let p = dir.path().join(f);
        if p.exists() {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let before = std::fs::read(&db).unwrap();
    let d = db.to_str().unwrap();
    let o = as_nobody(
        dir.path(),
        &[
            "--db",
            d,
            "--as-of",
            "2021-12-31",
            "task",
            "rename",
            "2.1.1",
            "--title",
            "改名",
        ],
    )
    .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("not writable by you"), "{}", stderr(&o));
    let o = as_nobody(
        dir.path(),
        &["--db", d, "--as-of", "2021-12-31", "export", "ledger"],
    )
    .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
