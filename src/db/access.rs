//! Who may read and write the database file and its `-wal` and `-shm`
//! files. Several coordinators share one file through a group: the
//! directory is setgid (2770) so that new files get its group, and the
//! files are 0660. When that breaks — a file created elsewhere, a sidecar
//! left 0600 by someone's umask, a coordinator not yet in the group — this
//! module finds the file at fault and the missing right, and writes the
//! exact `chgrp`/`chmod` lines that repair it, for the error a user reads
//! and for `bayu check`.

use std::path::{Path, PathBuf};

use super::ids;

/// A right a user lacks on a file or directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    /// Read the file.
    Read,
    /// Write the file.
    Write,
    /// Go into the directory (its `x` bit).
    Enter,
    /// Create files in the directory (its `w` bit): SQLite creates `-wal`
    /// and `-shm` beside the database.
    Create,
}

/// Owner, group and mode of a file, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub user: String,
    pub group: String,
    /// Permission bits with setgid (e.g. `0o2770`, `0o660`).
    pub mode: u32,
}

/// A file whose owner, group or mode is wrong, or that the current user
/// cannot use: what it is now and the commands that repair it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub file: PathBuf,
    pub now: Owner,
    /// The right the current user lacks, when that is the complaint.
    pub right: Option<Right>,
    /// What it should be, e.g. "group bayu, mode 660".
    pub want: Option<Wanted>,
    /// Shell lines to run (as root or the file's owner).
    pub fix: Vec<String>,
}

/// What a file of a shared database should have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub user: Option<String>,
    pub group: String,
    pub mode: u32,
}

/// A permission problem met while opening: the first file the current user
/// lacks a right on, for the error sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessProblem {
    pub db: PathBuf,
    pub user: String,
    pub fault: Fault,
}

/// `path` with `-wal`, `-shm` … appended.
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The directory a database file lives in (`.` for a bare name).
pub fn directory(db: &Path) -> PathBuf {
    match db.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    }
}

/// A path as a shell word: quoted unless it is plainly safe.
pub fn shell_word(path: &Path) -> String {
    let s = path.to_string_lossy();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c));
    if plain {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(unix)]
mod unix {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    use super::*;

    pub(super) struct Stat {
        pub uid: u32,
        pub gid: u32,
        pub mode: u32,
    }

    pub(super) fn stat(path: &Path) -> Option<Stat> {
        std::fs::metadata(path).ok().map(|m| Stat {
            uid: m.uid(),
            gid: m.gid(),
            mode: m.mode() & 0o7777,
        })
    }

    /// Whether the current user has `right` on `path` (by the kernel's own
    /// rule, through `access(2)`).
    pub(super) fn has(path: &Path, right: Right) -> bool {
        let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        let how = match right {
            Right::Read => libc::R_OK,
            Right::Write | Right::Create => libc::W_OK,
            Right::Enter => libc::X_OK,
        };
        // SAFETY: `c` is a NUL-terminated path that outlives the call.
        unsafe { libc::access(c.as_ptr(), how) == 0 }
    }

    pub(super) fn owner(st: &Stat) -> Owner {
        Owner {
            user: ids::user_label(st.uid),
            group: ids::group_label(st.gid),
            mode: st.mode,
        }
    }
}

/// What the files of `db` should have: in a setgid directory, its group and
/// the database's group mode (0660, or 0664 where everyone may read); the
/// `-wal`/`-shm` otherwise follow the database file itself.
#[cfg(unix)]
fn wanted(db: &Path, sidecar: bool) -> Option<Wanted> {
    let dir = unix::stat(&directory(db))?;
    let main = unix::stat(db)?;
    if dir.mode & 0o2000 != 0 {
        let mode = if main.mode & 0o777 == 0o664 {
            0o664
        } else {
            0o660
        };
        Some(Wanted {
            user: None,
            group: ids::group_label(dir.gid),
            mode,
        })
    } else if sidecar {
        Some(Wanted {
            user: Some(ids::user_label(main.uid)),
            group: ids::group_label(main.gid),
            mode: main.mode & 0o777,
        })
    } else {
        None
    }
}

/// The lines that give `file` what it should have.
#[cfg(unix)]
fn repair(file: &Path, now: &unix::Stat, want: &Wanted) -> Vec<String> {
    let word = shell_word(file);
    let mut fix = Vec::new();
    if let Some(user) = &want.user
        && ids::user_label(now.uid) != *user
    {
        fix.push(format!("chown {user} {word}"));
    }
    if ids::group_label(now.gid) != want.group {
        fix.push(format!("chgrp {} {word}", want.group));
    }
    if now.mode & 0o777 != want.mode {
        fix.push(format!("chmod {:o} {word}", want.mode));
    }
    fix
}

/// The files of `db` (the directory, the database, its `-wal` and `-shm`)
/// whose owner, group or mode is not what a shared database needs.
#[cfg(unix)]
pub fn faults(db: &Path) -> Vec<Fault> {
    let mut out = Vec::new();
    let dir = directory(db);
    if let Some(st) = unix::stat(&dir)
        && st.mode & 0o2000 != 0
        && st.mode & 0o070 != 0o070
    {
        let want = Wanted {
            user: None,
            group: ids::group_label(st.gid),
            mode: 0o2770 | (st.mode & 0o005),
        };
        out.push(Fault {
            file: dir.clone(),
            now: unix::owner(&st),
            right: None,
            fix: vec![format!("chmod {:o} {}", want.mode, shell_word(&dir))],
            want: Some(want),
        });
    }
    for (file, is_sidecar) in [
        (db.to_path_buf(), false),
        (sidecar(db, "-wal"), true),
        (sidecar(db, "-shm"), true),
    ] {
        let (Some(st), Some(want)) = (unix::stat(&file), wanted(db, is_sidecar)) else {
            continue;
        };
        let fix = repair(&file, &st, &want);
        if !fix.is_empty() {
            out.push(Fault {
                file,
                now: unix::owner(&st),
                right: None,
                want: Some(want),
                fix,
            });
        }
    }
    out
}

#[cfg(not(unix))]
pub fn faults(_db: &Path) -> Vec<Fault> {
    Vec::new()
}

/// The first file of `db` on which the current user lacks a right needed
/// to open it (to write when `write`), with the lines that repair it.
#[cfg(unix)]
pub fn diagnose(db: &Path, write: bool) -> Option<AccessProblem> {
    let dir = directory(db);
    let wal = sidecar(db, "-wal");
    let shm = sidecar(db, "-shm");
    let mut needs: Vec<(PathBuf, Right)> =
        vec![(dir.clone(), Right::Enter), (db.into(), Right::Read)];
    if write {
        needs.push((db.into(), Right::Write));
    }
    for side in [&wal, &shm] {
        if side.exists() {
            needs.push((side.clone(), Right::Read));
            if write {
                needs.push((side.clone(), Right::Write));
            }
        } else {
            needs.push((dir.clone(), Right::Create));
        }
    }
    let (file, right) = needs.into_iter().find(|(f, r)| !unix::has(f, *r))?;
    let st = unix::stat(&file)?;
    let me = ids::user_label(ids::uid());
    let is_sidecar = file == wal || file == shm;
    let mut fix = match (file == dir, wanted(db, is_sidecar)) {
        (false, Some(want)) => repair(&file, &st, &want),
        _ => Vec::new(),
    };
    // Right group and mode: the user is not in the group yet.
    if fix.is_empty() && st.mode & 0o060 != 0 && !ids::in_group(st.gid) {
        fix.push(format!("usermod -aG {} {me}", ids::group_label(st.gid)));
    }
    Some(AccessProblem {
        db: db.to_path_buf(),
        user: me,
        fault: Fault {
            file,
            now: unix::owner(&st),
            right: Some(right),
            want: None,
            fix,
        },
    })
}

#[cfg(not(unix))]
pub fn diagnose(_db: &Path, _write: bool) -> Option<AccessProblem> {
    None
}

/// Whether the current user may create files in the database's directory.
#[cfg(unix)]
pub fn can_create_beside(db: &Path) -> bool {
    unix::has(&directory(db), Right::Create)
}

#[cfg(not(unix))]
pub fn can_create_beside(_db: &Path) -> bool {
    true
}

/// Owner, group and mode of `path`, by name.
#[cfg(unix)]
pub fn owner(path: &Path) -> Option<Owner> {
    unix::stat(path).map(|st| unix::owner(&st))
}

#[cfg(not(unix))]
pub fn owner(_path: &Path) -> Option<Owner> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(
            shell_word(Path::new("/srv/bayu/bayu.db")),
            "/srv/bayu/bayu.db"
        );
        assert_eq!(
            shell_word(Path::new("/srv/联合办公室/a b.db")),
            "'/srv/联合办公室/a b.db'"
        );
        assert_eq!(shell_word(Path::new("/tmp/it's.db")), r"'/tmp/it'\''s.db'");
    }

    #[cfg(unix)]
    #[test]
    fn a_sidecar_left_private_in_a_group_directory_is_named_with_its_repair() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("共享");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2770)).unwrap();
        let db = shared.join("bayu.db");
        for (f, mode) in [
            (db.clone(), 0o660),
            (sidecar(&db, "-wal"), 0o660),
            (sidecar(&db, "-shm"), 0o600),
        ] {
            std::fs::write(&f, b"").unwrap();
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let found = faults(&db);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file, sidecar(&db, "-shm"));
        assert_eq!(found[0].now.mode, 0o600);
        assert_eq!(
            found[0].fix,
            vec![format!("chmod 660 '{}-shm'", db.display())]
        );

        // A directory the group cannot write in is named too.
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2750)).unwrap();
        let found = faults(&db);
        assert_eq!(found[0].file, shared);
        assert_eq!(
            found[0].fix,
            vec![format!("chmod 2770 '{}'", shared.display())]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_private_database_has_no_faults_until_its_sidecars_differ() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bayu.db");
        std::fs::write(&db, b"").unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(faults(&db).is_empty());
        let wal = sidecar(&db, "-wal");
        std::fs::write(&wal, b"").unwrap();
        std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o644)).unwrap();
        let found = faults(&db);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].fix,
            vec![format!("chmod 600 {}", shell_word(&wal))]
        );
    }
}
