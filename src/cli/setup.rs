//! `bayu setup shared DIR --group GROUP`: one database several coordinators
//! share through a Unix group. The directory is setgid and group-writable
//! (2770) so that every file SQLite creates in it — the `-wal` and `-shm`
//! beside the database — gets the group; the database and those files are
//! 0660 (0664 with `--others-read`, for colleagues who only read). Run
//! again, it checks and repairs. The system settings file then names the
//! database for everyone (`db = …` in `/etc/bayu/config`), written when
//! bayu may, printed otherwise.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{CliError, CliResult, Context, emit};
use crate::config::{self, Scope};
use crate::db::access::{self, shell_word};
use crate::db::{OpenMode, Store, ids};
use crate::i18n::Lang;

#[derive(Debug, Subcommand)]
pub enum SetupCommand {
    /// Create or check a database shared by a group: DIR 2770, files 0660, system settings
    Shared(SharedArgs),
}

#[derive(Debug, Args)]
pub struct SharedArgs {
    /// The directory for the database (created when missing), e.g. /srv/bayu
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The Unix group of the coordinators who write (groupadd it first)
    #[arg(long, value_name = "GROUP")]
    pub group: String,
    /// The database's file name in DIR
    #[arg(long, value_name = "NAME", default_value = "bayu.db")]
    pub name: String,
    /// Also let every account on the server read it (not change it): DIR 2775, files 0664
    #[arg(long)]
    pub others_read: bool,
    /// Only print the system settings line; do not write the system settings file
    #[arg(long)]
    pub no_settings: bool,
}

pub fn run(ctx: &Context, cmd: &SetupCommand) -> CliResult {
    match cmd {
        SetupCommand::Shared(args) => shared(ctx, args),
    }
}

#[cfg(unix)]
fn shared(ctx: &Context, a: &SharedArgs) -> CliResult {
    let lang = ctx.lang;
    if ctx.read_only {
        return Err(CliError::Usage(
            lang.pick(
                "setup 要建立和修改文件，不能与 --read-only 同用",
                "setup creates and changes files; it cannot run with --read-only",
            )
            .into(),
        ));
    }
    let gid = ids::group_id(&a.group).ok_or_else(|| {
        CliError::Usage(match lang {
            Lang::Zh => format!(
                "没有名为 {:?} 的组；请先以管理员身份运行 groupadd {}",
                a.group, a.group
            ),
            Lang::En => format!(
                "there is no group {:?}; create it first (as root): groupadd {}",
                a.group, a.group
            ),
        })
    })?;
    if a.name.is_empty() || a.name.contains('/') {
        return Err(CliError::Usage(match lang {
            Lang::Zh => format!("--name {:?}：只写文件名，如 bayu.db", a.name),
            Lang::En => format!("--name {:?}: give a file name only, e.g. bayu.db", a.name),
        }));
    }
    let dir = std::path::absolute(&a.dir).map_err(|e| CliError::io(&a.dir, e))?;
    let (dir_mode, file_mode) = if a.others_read {
        (0o2775, 0o664)
    } else {
        (0o2770, 0o660)
    };
    let mut done: Vec<String> = Vec::new();

    // The directory: setgid, the group's, group-writable.
    if !dir.exists() {
        std::fs::create_dir_all(&dir).map_err(|e| CliError::io(&dir, e))?;
        done.push(match lang {
            Lang::Zh => format!("建立文件夹 {}", dir.display()),
            Lang::En => format!("created the directory {}", dir.display()),
        });
    } else if !dir.is_dir() {
        return Err(CliError::Usage(match lang {
            Lang::Zh => format!("{} 不是文件夹", dir.display()),
            Lang::En => format!("{} is not a directory", dir.display()),
        }));
    }
    set_owner_mode(&dir, gid, dir_mode, lang, &mut done)?;

    // The database: made from the built-in plan when missing.
    let db = dir.join(&a.name);
    if !db.exists() {
        drop(super::init::create_builtin(&db, false, false)?);
        done.push(match lang {
            Lang::Zh => format!("按内置实施方案建立数据库 {}", db.display()),
            Lang::En => format!(
                "created the database {} from the built-in plan",
                db.display()
            ),
        });
    }
    set_owner_mode(&db, gid, file_mode, lang, &mut done)?;
    // Opening it for writing puts the -wal and -shm in place (they are
    // kept: readers who may not create files in DIR need them).
    let store = Store::open(&db, OpenMode::Auto)?;
    if let Some(why) = store.read_only() {
        return Err(CliError::Usage(match lang {
            Lang::Zh => format!("{}：不能写入（{why}）", db.display()),
            Lang::En => format!("{}: cannot be written ({why})", db.display()),
        }));
    }
    drop(store);
    for suffix in ["-wal", "-shm"] {
        let side = access::sidecar(&db, suffix);
        if side.exists() {
            set_owner_mode(&side, gid, file_mode, lang, &mut done)?;
        }
    }
    let faults = access::faults(&db);
    if !faults.is_empty() {
        let lines: Vec<String> = faults
            .iter()
            .map(|f| crate::i18n::deploy::fault(lang, f))
            .collect();
        return Err(CliError::Reported(lines.join("\n")));
    }
    if let Some(kind) = crate::db::network_filesystem(&db) {
        eprintln!("{}", super::network_fs_warning(&db, kind));
    }

    let settings = settings_line(&db, a.no_settings, lang, &mut done)?;
    emit(&summary(lang, &db, &a.group, &done, &settings))
}

/// Gives `path` the group and mode, saying what changed.
#[cfg(unix)]
fn set_owner_mode(
    path: &Path,
    gid: u32,
    mode: u32,
    lang: Lang,
    done: &mut Vec<String>,
) -> CliResult {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, chown};
    let meta = std::fs::metadata(path).map_err(|e| CliError::io(path, e))?;
    let refused = |what: String| {
        CliError::Usage(match lang {
            Lang::Zh => format!(
                "{}：无权更改（{what}）；请以 root 或文件属主的身份运行 bayu setup shared",
                path.display()
            ),
            Lang::En => format!(
                "{}: not allowed to change it ({what}); run bayu setup shared as root or as the file's owner",
                path.display()
            ),
        })
    };
    if meta.gid() != gid {
        chown(path, None, Some(gid))
            .map_err(|_| refused(format!("chgrp {}", ids::group_label(gid))))?;
        done.push(format!(
            "chgrp {} {}",
            ids::group_label(gid),
            shell_word(path)
        ));
    }
    if meta.mode() & 0o7777 != mode {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(|_| refused(format!("chmod {mode:o}")))?;
        done.push(format!("chmod {mode:o} {}", shell_word(path)));
    }
    Ok(())
}

/// What became of the system settings line.
enum Settings {
    AlreadyThere(PathBuf),
    Written,
    /// The file and the line to put in it.
    Print(PathBuf, String),
}

/// Writes `db = PATH` into the system settings file, replacing an older
/// `db =` line and keeping the others; prints it when that is not allowed.
fn settings_line(
    db: &Path,
    no_write: bool,
    lang: Lang,
    done: &mut Vec<String>,
) -> CliResult<Settings> {
    let Some((file, _)) = config::path_of(Scope::System) else {
        return Ok(Settings::Print(
            PathBuf::from(config::SYSTEM_PATH),
            line_for(db),
        ));
    };
    let line = line_for(db);
    let old = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(_) => return Ok(Settings::Print(file, line)),
    };
    // The file must stay valid: it is read by every bayu on the server.
    config::parse(&old, &file)?;
    if old.lines().any(|l| l.trim() == line) {
        return Ok(Settings::AlreadyThere(file));
    }
    if no_write {
        return Ok(Settings::Print(file, line));
    }
    let mut text: String = old
        .lines()
        .filter(|l| !is_db_line(l))
        .map(|l| format!("{l}\n"))
        .collect();
    if text.is_empty() {
        text.push_str(lang.pick(
            "# bayu 的系统设置：本机所有用户共用（用户自己的设置优先）\n",
            "# bayu system settings, for every user of this server (a user's own settings win)\n",
        ));
    }
    text.push_str(&line);
    text.push('\n');
    let written = file
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&file, &text));
    match written {
        Ok(()) => {
            done.push(match lang {
                Lang::Zh => format!("在 {} 中写入 {line}", file.display()),
                Lang::En => format!("wrote {line} into {}", file.display()),
            });
            Ok(Settings::Written)
        }
        Err(_) => Ok(Settings::Print(file, line)),
    }
}

fn is_db_line(l: &str) -> bool {
    l.split_once('=').is_some_and(|(k, _)| k.trim() == "db") && !l.trim_start().starts_with('#')
}

fn line_for(db: &Path) -> String {
    format!("db = {}", db.display())
}

fn summary(lang: Lang, db: &Path, group: &str, done: &[String], settings: &Settings) -> String {
    let mut out = String::new();
    match lang {
        Lang::Zh => {
            out.push_str(&format!(
                "共享数据库已就绪：{}（组 {group}）\n",
                db.display()
            ));
            if done.is_empty() {
                out.push_str("  权限原本就正确，没有更改。\n");
            }
        }
        Lang::En => {
            out.push_str(&format!(
                "shared database ready: {} (group {group})\n",
                db.display()
            ));
            if done.is_empty() {
                out.push_str("  owner, group and modes were already right; nothing changed.\n");
            }
        }
    }
    for d in done {
        out.push_str(&format!("  {d}\n"));
    }
    match (settings, lang) {
        (Settings::AlreadyThere(f), Lang::Zh) => out.push_str(&format!("系统设置 {} 已指向这个数据库。\n", f.display())),
        (Settings::AlreadyThere(f), Lang::En) => out.push_str(&format!("the system settings {} already name this database.\n", f.display())),
        (Settings::Written, _) => {}
        (Settings::Print(f, line), Lang::Zh) => out.push_str(&format!(
            "请管理员把下面一行写入系统设置 {}（本机所有用户都会用这个数据库）：\n  {line}\n",
            f.display()
        )),
        (Settings::Print(f, line), Lang::En) => out.push_str(&format!(
            "put this line into the system settings {} (as root), so that every user of this server uses this database:\n  {line}\n",
            f.display()
        )),
    }
    match lang {
        Lang::Zh => out.push_str(&format!(
            "添加协调员：usermod -aG {group} 用户名（该用户重新登录后生效），然后用 bayu where 核对。\n"
        )),
        Lang::En => out.push_str(&format!(
            "to add a coordinator: usermod -aG {group} USER (effective at their next login); bayu where shows what they use.\n"
        )),
    }
    out
}

#[cfg(not(unix))]
fn shared(ctx: &Context, _a: &SharedArgs) -> CliResult {
    Err(CliError::Usage(
        ctx.lang
            .pick(
                "共享数据库的设置只支持 Linux/Unix",
                "shared setup needs Linux or another Unix",
            )
            .into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_db_lines_are_replaced() {
        assert!(is_db_line("db = /srv/bayu/bayu.db"));
        assert!(is_db_line("  db=/x"));
        assert!(!is_db_line("# db = /old"));
        assert!(!is_db_line("lang = zh"));
        assert!(!is_db_line("dbx = 1"));
    }
}
