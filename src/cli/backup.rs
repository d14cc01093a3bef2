//! `bayu backup DEST [--keep N]`: a consistent copy of the database made
//! with SQLite's online backup API while others keep working, then checked.
//! Into a directory, each copy gets a new dated name, and `--keep N`
//! removes the oldest of bayu's dated copies there beyond the newest N — a
//! nightly job's whole rotation.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, CliResult, Context, emit};
use crate::db::{OpenMode, Store};
use crate::i18n::Lang;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// A new file, or an existing directory to put a dated copy in
    #[arg(value_name = "DEST")]
    pub dest: PathBuf,
    /// Into a directory: afterwards keep only the newest N dated copies of this database there
    #[arg(long, value_name = "N")]
    pub keep: Option<usize>,
}

/// `bayu-20211231-183000.db`, or `bayu-20211231-183000-2.db` when a copy
/// was already made in that second.
fn dated_name(stem: &str, stamp: &str, n: u32) -> String {
    if n <= 1 {
        format!("{stem}-{stamp}.db")
    } else {
        format!("{stem}-{stamp}-{n}.db")
    }
}

/// The order of a dated copy's name (`stamp`, `n`), or `None` for any
/// other file, which rotation never touches.
fn dated_key(stem: &str, name: &str) -> Option<(String, u32)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let (stamp, n) = match rest.get(15..) {
        Some("") => (rest, 1),
        Some(tail) => (&rest[..15], tail.strip_prefix('-')?.parse::<u32>().ok()?),
        None => return None,
    };
    let (day, time) = stamp.split_once('-')?;
    let digits = |s: &str, len| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    (digits(day, 8) && digits(time, 6) && n >= 1).then(|| (stamp.to_string(), n))
}

fn stem_of(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bayu".into())
}

/// A new dated file in `dir`: never one that exists.
fn new_dated_file(dir: &Path, db: &Path) -> PathBuf {
    let stem = stem_of(db);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut n = 1;
    loop {
        let candidate = dir.join(dated_name(&stem, &stamp, n));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// The dated copies of `db` in `dir` beyond the newest `keep`, oldest first.
fn beyond(dir: &Path, db: &Path, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let stem = stem_of(db);
    let mut copies: Vec<((String, u32), PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(key) = dated_key(&stem, &name)
            && entry.file_type()?.is_file()
        {
            copies.push((key, entry.path()));
        }
    }
    copies.sort();
    let old = copies.len().saturating_sub(keep);
    Ok(copies.into_iter().take(old).map(|(_, p)| p).collect())
}

pub fn run(ctx: &Context, args: &BackupArgs) -> CliResult {
    let into_dir = args.dest.is_dir();
    if let Some(keep) = args.keep {
        if !into_dir {
            return Err(CliError::Usage(match ctx.lang {
                Lang::Zh => format!(
                    "--keep 只用于备份到文件夹：{} 不是已有的文件夹",
                    args.dest.display()
                ),
                Lang::En => format!(
                    "--keep needs a directory to rotate in: {} is not an existing directory",
                    args.dest.display()
                ),
            }));
        }
        if keep == 0 {
            return Err(CliError::Usage(
                ctx.lang
                    .pick(
                        "--keep 0 会删掉刚做好的备份；至少保留 1 份",
                        "--keep 0 would remove the copy just made; keep at least 1",
                    )
                    .into(),
            ));
        }
    }
    let store = ctx.open()?;
    let dest = if into_dir {
        new_dated_file(&args.dest, &ctx.db)
    } else {
        args.dest.clone()
    };
    store.backup(&dest)?;
    let copy = Store::open(&dest, OpenMode::ReadOnly)?;
    let report = copy.check()?;
    drop(copy);
    if !report.ok() {
        let sentences: Vec<String> = report
            .findings
            .iter()
            .map(|f| crate::i18n::check::finding(ctx.lang, f))
            .collect();
        return Err(CliError::Reported(crate::i18n::check::copy_failed(
            ctx.lang,
            &dest,
            &sentences.join("; "),
        )));
    }
    let mut out = match ctx.lang {
        Lang::Zh => format!(
            "已将 {} 备份到 {}（报送 {} 条，操作日志 {} 条；检查通过）\n",
            ctx.db.display(),
            dest.display(),
            report.reports,
            report.audit_entries
        ),
        Lang::En => format!(
            "backed up {} to {} ({} reports, {} log entries; check passed)\n",
            ctx.db.display(),
            dest.display(),
            report.reports,
            report.audit_entries
        ),
    };
    if let Some(keep) = args.keep {
        let old = beyond(&args.dest, &ctx.db, keep).map_err(|e| CliError::io(&args.dest, e))?;
        for file in &old {
            std::fs::remove_file(file).map_err(|e| CliError::io(file, e))?;
            out.push_str(&match ctx.lang {
                Lang::Zh => format!("已删除旧备份 {}（保留最新 {keep} 份）\n", file.display()),
                Lang::En => format!(
                    "removed the old copy {} (keeping the newest {keep})\n",
                    file.display()
                ),
            });
        }
    }
    emit(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_names_order_by_time_then_number() {
        assert_eq!(
            dated_key("bayu", "bayu-20211231-183000.db"),
            Some(("20211231-183000".into(), 1))
        );
        assert_eq!(
            dated_key("bayu", "bayu-20211231-183000-2.db"),
            Some(("20211231-183000".into(), 2))
        );
        assert_eq!(
            dated_key("bayu", "bayu-20211231-183000-10.db"),
            Some(("20211231-183000".into(), 10))
        );
        for other in [
            "bayu.db",
            "bayu-2021-12-31.db",
            "bayu-20211231-183000.db.bak",
            "bayu-20211231-1830000.db",
            "bayu-20211231-183000-x.db",
            "other-20211231-183000.db",
            "bayu-v2-20211231-183000.db",
        ] {
            assert_eq!(dated_key("bayu", other), None, "{other}");
        }
    }

    #[test]
    fn rotation_keeps_the_newest_and_leaves_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "bayu-20211230-235900.db",
            "bayu-20211231-183000.db",
            "bayu-20211231-183000-2.db",
            "bayu-20211231-183000-10.db",
            "bayu-20220101-000000.db",
            "notes.txt",
            "bayu.db",
            "other-20200101-000000.db",
        ];
        for n in names {
            std::fs::write(dir.path().join(n), b"").unwrap();
        }
        let old = beyond(dir.path(), Path::new("/srv/bayu/bayu.db"), 2).unwrap();
        let old: Vec<String> = old
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            old,
            [
                "bayu-20211230-235900.db",
                "bayu-20211231-183000.db",
                "bayu-20211231-183000-2.db"
            ]
        );
    }

    #[test]
    fn a_second_copy_in_the_same_second_gets_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = Path::new("/srv/bayu/bayu.db");
        let first = new_dated_file(dir.path(), db);
        std::fs::write(&first, b"").unwrap();
        let second = new_dated_file(dir.path(), db);
        assert_ne!(first, second);
        // Unless the clock moved to the next second meanwhile, the second
        // is numbered; either way it sorts after the first.
        let key = |p: &Path| dated_key("bayu", &p.file_name().unwrap().to_string_lossy()).unwrap();
        assert!(key(&first) < key(&second));
    }
}
