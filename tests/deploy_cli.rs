//! Deployment at the command line, as any user: which database the
//! settings files choose and what `bayu where` says about it, a settings
//! file named by BAYU_CONFIG that does not exist, backups into one folder
//! with rotation, `check` naming a sidecar file with the wrong mode, and
//! the generated completions, manual page and version line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(env.home()).unwrap();
        env
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// bayu with an empty home, the given settings files and variables.
    fn bayu(&self, vars: &[(&str, &Path)], args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bayu"));
        cmd.args(args)
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("XDG_DATA_HOME", self.home().join(".local/share"))
            .env("BAYU_SYSTEM_CONFIG", self.path("system-config"))
            .env_remove("BAYU_CONFIG")
            .env_remove("BAYU_DB")
            .env_remove("BAYU_LANG");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn ok(&self, vars: &[(&str, &Path)], args: &[&str]) -> String {
        let o = self.bayu(vars, args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn init(&self, name: &str) -> PathBuf {
        let db = self.path(name);
        self.ok(&[], &["--db", db.to_str().unwrap(), "init"]);
        db
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

#[test]
fn the_database_is_chosen_by_flag_variable_user_then_system_settings() {
    let env = Env::new();
    let (a, b, c, d) = (
        env.init("a.db"),
        env.init("b.db"),
        env.init("c.db"),
        env.init("d.db"),
    );
    std::fs::write(env.path("system-config"), format!("db = {}\n", a.display())).unwrap();
    let user = env.path("user-config");
    std::fs::write(&user, format!("# 我的设置\ndb = {}\n", b.display())).unwrap();

    // System settings alone.
    let out = env.ok(&[], &["where"]);
    assert_eq!(first_line(&out), format!("数据库：{}", a.display()));
    assert!(out.contains("系统设置") && out.contains("第 1 行"), "{out}");
    assert!(out.contains("您可以读写"), "{out}");
    // The user's file wins over the system's.
    let out = env.ok(&[("BAYU_CONFIG", &user)], &["where", "--lang", "en"]);
    assert_eq!(first_line(&out), format!("database: {}", b.display()));
    assert!(
        out.contains("the db = line 2 of the user settings"),
        "{out}"
    );
    // BAYU_DB over both, --db over everything.
    let out = env.ok(&[("BAYU_CONFIG", &user), ("BAYU_DB", &c)], &["where"]);
    assert_eq!(first_line(&out), format!("数据库：{}", c.display()));
    assert!(out.contains("环境变量 BAYU_DB"), "{out}");
    let out = env.ok(
        &[("BAYU_CONFIG", &user), ("BAYU_DB", &c)],
        &["--db", d.to_str().unwrap(), "where"],
    );
    assert_eq!(first_line(&out), format!("数据库：{}", d.display()));
    assert!(out.contains("命令行的 --db"), "{out}");
    // And the commands use that file: a report added lands in b.db only.
    env.ok(
        &[("BAYU_CONFIG", &user)],
        &[
            "--as-of",
            "2021-12-31",
            "report",
            "add",
            "--unit",
            "渝中区",
            "--task",
            "2.1.2",
            "--period",
            "2021Q4",
            "--text",
            "用户设置指定的库。",
        ],
    );
    let csv = |db: &Path| env.ok(&[], &["--db", db.to_str().unwrap(), "export", "csv"]);
    assert!(csv(&b).contains("用户设置指定的库"));
    assert!(!csv(&a).contains("用户设置指定的库"));

    // Nothing named: the per-user default, created on first use.
    std::fs::remove_file(env.path("system-config")).unwrap();
    let out = env.ok(&[], &["where"]);
    assert!(
        out.contains("默认位置") && out.contains("还不存在"),
        "{out}"
    );
}

#[test]
fn a_database_named_in_settings_must_exist() {
    let env = Env::new();
    let gone = env.path("没有这个库.db");
    std::fs::write(
        env.path("system-config"),
        format!("db = {}\n", gone.display()),
    )
    .unwrap();
    let o = env.bayu(&[], &["tree"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!gone.exists(), "a named file is never created by a typo");
}

#[test]
fn a_settings_file_named_by_bayu_config_must_exist() {
    let env = Env::new();
    let gone = env.path("no-such-config");
    let o = env.bayu(&[("BAYU_CONFIG", &gone)], &["tree"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("BAYU_CONFIG 指向的设置文件不存在") && err.contains("no-such-config"),
        "{err}"
    );
    let o = env.bayu(&[("BAYU_CONFIG", &gone)], &["--lang", "en", "tree"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the settings file named by BAYU_CONFIG does not exist"),
        "{err}"
    );
    // A relative db path is refused with its line.
    let bad = env.path("bad-config");
    std::fs::write(&bad, "lang = zh\ndb = bayu.db\n").unwrap();
    let o = env.bayu(&[("BAYU_CONFIG", &bad)], &["tree"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("第 2 行") && err.contains("完整路径"), "{err}");
}

#[test]
fn backups_into_one_folder_get_distinct_names_and_rotate() {
    let env = Env::new();
    let db = env.init("bayu.db");
    let dir = env.path("备份");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("说明.txt"), "不是备份").unwrap();
    let d = db.to_str().unwrap();
    let mut made = Vec::new();
    for _ in 0..4 {
        let out = env.ok(
            &[],
            &["--db", d, "backup", dir.to_str().unwrap(), "--keep", "2"],
        );
        assert!(out.contains("检查通过"), "{out}");
        made.push(out);
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "two copies and the note: {names:?}");
    assert!(names.contains(&"说明.txt".to_string()));
    assert!(made[2].contains("已删除旧备份"), "{}", made[2]);
    // --keep needs a folder, and at least 1.
    let o = env.bayu(
        &[],
        &[
            "--db",
            d,
            "backup",
            env.path("x.db").to_str().unwrap(),
            "--keep",
            "3",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = env.bayu(
        &[],
        &["--db", d, "backup", dir.to_str().unwrap(), "--keep", "0"],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_names_a_sidecar_with_the_wrong_mode_and_the_line_that_repairs_it() {
    let env = Env::new();
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let db = shared.join("bayu.db");
    env.ok(&[], &["--db", db.to_str().unwrap(), "init"]);
    let shm = shared.join("bayu.db-shm");
    assert!(shm.exists(), "the -shm is kept beside the database");
    assert_eq!(
        std::fs::metadata(&db).unwrap().permissions().mode() & 0o777,
        0o660
    );
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = env.bayu(&[], &["--db", db.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("{}：", shm.display()))
            && out.contains("权限 600，应为组")
            && out.contains(&format!("请运行：chmod 660 {}", shm.display())),
        "{out}"
    );
}

#[test]
fn completions_man_page_and_version_come_from_the_command_line_definition() {
    let env = Env::new();
    let version = env.ok(&[], &["--version"]);
    assert!(
        version.starts_with(&format!(
            "bayu {} (database schema ",
            env!("CARGO_PKG_VERSION")
        )),
        "{version}"
    );
    let bash = env.ok(&[], &["completions", "bash"]);
    for cmd in [
        "init",
        "tree",
        "backup",
        "where",
        "setup",
        "completions",
        "man",
        "export",
    ] {
        assert!(bash.contains(cmd), "bash completion lacks {cmd}");
    }
    assert!(
        env.ok(&[], &["completions", "zsh"])
            .contains("#compdef bayu")
    );
    assert!(
        env.ok(&[], &["completions", "fish"])
            .contains("complete -c bayu")
    );
    let o = env.bayu(&[], &["completions", "powershell"]);
    assert_eq!(o.status.code(), Some(2));
    let man = env.ok(&[], &["man"]);
    assert!(man.contains(".TH bayu 1") && man.contains("\\fBbayu setup shared\\fR"));
    // They need neither settings nor a database.
    let gone = env.path("no-such-config");
    let o = env.bayu(&[("BAYU_CONFIG", &gone)], &["man"]);
    assert!(o.status.success());
}

#[test]
fn the_license_matches_cargo_toml() {
    let toml = include_str!("../Cargo.toml");
    let license = include_str!("../LICENSE");
    assert!(toml.contains("license = \"MIT\""));
    assert!(license.starts_with("MIT License"));
}
