//! Several OS users share one database set up by `bayu setup shared`: two
//! coordinators in the group both write and read, a colleague with read
//! access only reads (also right after a restore, with no `-wal`/`-shm`
//! beside the file), and nobody's change is refused for a permission
//! problem. Needs root to create the users (and removes them again); run
//! as anyone else it says so and passes without checking anything.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn run(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// The test's users and group; removed when dropped, even after a failure.
struct Users {
    group: String,
    names: Vec<String>,
}

impl Users {
    fn create(tag: &str) -> Option<Users> {
        let group = format!("bayu{tag}g");
        let mut users = Users {
            group: group.clone(),
            names: Vec::new(),
        };
        if !run("groupadd", &[&group]) {
            return None;
        }
        for (who, in_group) in [("a", true), ("b", true), ("c", false)] {
            let name = format!("bayu{tag}{who}");
            let mut args = vec!["-M", "-N", "-s", "/bin/sh"];
            if in_group {
                args.extend(["-G", &group]);
            }
            args.push(&name);
            if !run("useradd", &args) {
                return None;
            }
            users.names.push(name);
        }
        Some(users)
    }
}

impl Drop for Users {
    fn drop(&mut self) {
        for name in &self.names {
            run("userdel", &[name]);
        }
        run("groupdel", &[&self.group]);
    }
}

struct Office {
    bin: PathBuf,
    system_config: PathBuf,
    homes: PathBuf,
}

impl Office {
    /// Runs bayu as `user` (None: root) with the office's system settings
    /// and an empty home.
    fn bayu(&self, user: Option<&str>, args: &[&str]) -> Output {
        let mut cmd = match user {
            Some(u) => {
                let mut c = Command::new("setpriv");
                c.args([
                    &format!("--reuid={u}"),
                    "--regid=users",
                    "--init-groups",
                    "--",
                ]);
                c.arg(&self.bin);
                c
            }
            None => Command::new(&self.bin),
        };
        let home = self.homes.join(user.unwrap_or("root"));
        cmd.args(args)
            .env("HOME", &home)
            .env("BAYU_SYSTEM_CONFIG", &self.system_config)
            .env_remove("BAYU_CONFIG")
            .env_remove("BAYU_DB")
            .env_remove("BAYU_LANG")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_DATA_HOME");
        cmd.output().unwrap()
    }

    fn ok(&self, user: Option<&str>, args: &[&str]) -> String {
        let o = self.bayu(user, args);
        assert!(
            o.status.success(),
            "{user:?} {args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

fn mode_group(path: &Path) -> (u32, u32) {
    let m = std::fs::metadata(path).unwrap();
    (m.mode() & 0o7777, m.gid())
}

fn report(unit: &str, text: &str) -> Vec<String> {
    [
        "--as-of",
        "2021-12-31",
        "report",
        "add",
        "--unit",
        unit,
        "--task",
        "2.1.2",
        "--period",
        "2021Q4",
        "--text",
        text,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn two_coordinators_write_and_a_reader_reads_one_shared_database() {
    if !is_root() {
        println!(
            "SKIPPED two_coordinators_write_and_a_reader_reads_one_shared_database: creating OS users needs root"
        );
        return;
    }
    let tag = format!("{}", std::process::id() % 100_000);
    let Some(users) = Users::create(&tag) else {
        println!("SKIPPED: groupadd/useradd are not available here");
        return;
    };
    let (alice, bob, carol) = (
        users.names[0].as_str(),
        users.names[1].as_str(),
        users.names[2].as_str(),
    );
    let base = tempfile::tempdir().unwrap();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let homes = base.path().join("home");
    for name in ["root", alice, bob, carol] {
        let h = homes.join(name);
        std::fs::create_dir_all(&h).unwrap();
        if name != "root" {
            assert!(run("chown", &[name, h.to_str().unwrap()]));
        }
    }
    std::fs::set_permissions(&homes, std::fs::Permissions::from_mode(0o755)).unwrap();
    let office = Office {
        bin: PathBuf::from(env!("CARGO_BIN_EXE_bayu")),
        system_config: base.path().join("etc/bayu/config"),
        homes,
    };
    let dir = base.path().join("联合办公室");
    let db = dir.join("bayu.db");

    // IT sets it up, as root; the settings line goes into the system file.
    let out = office.ok(
        None,
        &[
            "setup",
            "shared",
            dir.to_str().unwrap(),
            "--group",
            &users.group,
            "--others-read",
        ],
    );
    assert!(out.contains("共享数据库已就绪"), "{out}");
    let settings = std::fs::read_to_string(&office.system_config).unwrap();
    assert!(
        settings.contains(&format!("db = {}", db.display())),
        "{settings}"
    );
    let group_id = std::fs::metadata(&dir).unwrap().gid();
    assert_eq!(mode_group(&dir), (0o2775, group_id));
    for f in ["bayu.db", "bayu.db-wal", "bayu.db-shm"] {
        assert_eq!(mode_group(&dir.join(f)), (0o664, group_id), "{f}");
    }
    // Run again, it only checks.
    let again = office.ok(
        None,
        &[
            "setup",
            "shared",
            dir.to_str().unwrap(),
            "--group",
            &users.group,
            "--others-read",
        ],
    );
    assert!(again.contains("没有更改"), "{again}");

    // Both coordinators find it through the system settings, and both write.
    let where_a = office.ok(Some(alice), &["where"]);
    assert!(where_a.contains(&db.display().to_string()), "{where_a}");
    assert!(
        where_a.contains("系统设置") && where_a.contains("可以读写"),
        "{where_a}"
    );
    let args: Vec<String> = report("渝中区", "渝中区由甲填报。");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    office.ok(Some(alice), &args);
    let args: Vec<String> = report("綦江区", "綦江区由乙填报。");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    office.ok(Some(bob), &args);
    let log = office.ok(Some(alice), &["log"]);
    assert!(log.contains(alice) && log.contains(bob), "{log}");
    let check = office.ok(Some(bob), &["check"]);
    assert!(check.starts_with("ok:"), "{check}");
    // Whatever the writers' umask, the files kept their group and mode.
    for f in ["bayu.db", "bayu.db-wal", "bayu.db-shm"] {
        assert_eq!(mode_group(&dir.join(f)), (0o664, group_id), "{f}");
    }

    // The colleague outside the group reads and exports, and may not write.
    let where_c = office.ok(Some(carol), &["where"]);
    assert!(where_c.contains("只能读取"), "{where_c}");
    let tree = office.ok(Some(carol), &["--as-of", "2021-12-31", "tree"]);
    assert!(tree.contains("弘扬科学家精神"), "{tree}");
    let memo = office.ok(Some(carol), &["--as-of", "2021-12-31", "export", "csv"]);
    assert!(memo.contains("渝中区由甲填报") && memo.contains("綦江区由乙填报"));
    let before = std::fs::read(&db).unwrap();
    let args: Vec<String> = report("渝北区", "不应写入。");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = office.bayu(Some(carol), &args);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not writable by you"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // Restore from a backup: the copy replaces the file, the old -wal and
    // -shm go. The reader reads at once, before any writer came by.
    let backups = base.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let out = office.ok(None, &["backup", backups.to_str().unwrap(), "--keep", "3"]);
    assert!(out.contains("检查通过"), "{out}");
    let copy = std::fs::read_dir(&backups)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    restore(&copy, &db);
    let tree = office.ok(Some(carol), &["--as-of", "2021-12-31", "tree"]);
    assert!(tree.contains("弘扬科学家精神"), "{tree}");

    // A file left in WAL mode with its -wal and -shm removed (copied from
    // a live server, say) is read as it is on disk.
    office.ok(Some(alice), &["check"]);
    assert!(dir.join("bayu.db-wal").exists());
    for f in ["bayu.db-wal", "bayu.db-shm"] {
        std::fs::remove_file(dir.join(f)).unwrap();
    }
    let memo = office.ok(Some(carol), &["--as-of", "2021-12-31", "export", "csv"]);
    assert!(memo.contains("綦江区由乙填报"), "{memo}");
    let o = office.bayu(Some(carol), &args);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("as it is on disk"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The next writer puts them back with the group and mode of the file.
    let args: Vec<String> = report("渝中区", "渝中区由甲补充。");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    office.ok(Some(alice), &args);
    for f in ["bayu.db-wal", "bayu.db-shm"] {
        assert_eq!(mode_group(&dir.join(f)), (0o664, group_id), "{f}");
    }
    let memo = office.ok(Some(carol), &["--as-of", "2021-12-31", "export", "csv"]);
    assert!(memo.contains("渝中区由甲补充"), "{memo}");
    drop(users);
}

/// The restore the guide describes: copy the backup over the file and
/// remove the old -wal and -shm, keeping the file's group and mode.
fn restore(copy: &Path, db: &Path) {
    let meta = std::fs::metadata(db).unwrap();
    std::fs::copy(copy, db).unwrap();
    std::fs::set_permissions(db, std::fs::Permissions::from_mode(meta.mode() & 0o7777)).unwrap();
    std::os::unix::fs::chown(db, None, Some(meta.gid())).unwrap();
    for f in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(f);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

#[test]
fn a_private_shm_file_is_named_with_its_repair() {
    if !is_root() {
        println!(
            "SKIPPED a_private_shm_file_is_named_with_its_repair: creating OS users needs root"
        );
        return;
    }
    let tag = format!("{}", (std::process::id() + 50_000) % 100_000);
    let Some(users) = Users::create(&tag) else {
        println!("SKIPPED: groupadd/useradd are not available here");
        return;
    };
    let alice = users.names[0].as_str();
    let base = tempfile::tempdir().unwrap();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let homes = base.path().join("home");
    std::fs::create_dir_all(homes.join(alice)).unwrap();
    std::fs::create_dir_all(homes.join("root")).unwrap();
    let office = Office {
        bin: PathBuf::from(env!("CARGO_BIN_EXE_bayu")),
        system_config: base.path().join("config"),
        homes,
    };
    let dir = base.path().join("shared");
    let db = dir.join("bayu.db");
    office.ok(
        None,
        &[
            "setup",
            "shared",
            dir.to_str().unwrap(),
            "--group",
            &users.group,
        ],
    );
    // Someone's umask or a hand-made copy left the -shm private to root.
    let shm = dir.join("bayu.db-shm");
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = office.bayu(Some(alice), &["tree"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{}-shm", db.display())), "{err}");
    assert!(err.contains("没有读取这个文件的权限"), "{err}");
    assert!(
        err.contains(&format!("chmod 660 {}-shm", db.display())),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    // check (as root) lists it with the same repair; after it, alice reads.
    let o = office.bayu(None, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("chmod 660 {}-shm", db.display())),
        "{out}"
    );
    assert!(run("chmod", &["660", shm.to_str().unwrap()]));
    office.ok(Some(alice), &["tree"]);
    office.ok(None, &["check"]);

    // A coordinator not yet in the group is told the usermod line.
    let carol = users.names[2].as_str();
    std::fs::create_dir_all(office.homes.join(carol)).unwrap();
    let o = office.bayu(Some(carol), &["tree"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("进入这个文件夹"), "{err}");
    assert!(
        err.contains(&format!("usermod -aG {} {carol}", users.group)),
        "{err}"
    );
}
