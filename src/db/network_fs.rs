//! Whether the database lives on a network filesystem. SQLite's WAL needs
//! shared memory and POSIX locks that work between every process using
//! the file; on NFS, SMB/CIFS, 9p or a FUSE mount such as sshfs they are
//! unreliable or missing, and several coordinators at once can damage the
//! file. bayu cannot fix that, but it can say so before it happens: the
//! office should keep the file on one server's local disk and work on it
//! over SSH.

use std::path::Path;

/// The network filesystem holding `path` (its directory when the file does
/// not exist yet), by name, or `None` for a local disk or when it cannot be
/// told.
pub fn network_filesystem(path: &Path) -> Option<&'static str> {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d,
        None => Path::new("."),
    };
    let probe = if path.exists() { path } else { dir };
    kind_of(filesystem_magic(probe)?)
}

/// The `f_type` that `statfs` reports for the filesystem holding `path`.
#[cfg(target_os = "linux")]
fn filesystem_magic(path: &Path) -> Option<i64> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut st = std::mem::MaybeUninit::<libc::statfs>::zeroed();
    // SAFETY: `c_path` is a NUL-terminated path and `st` is a writable
    // statfs struct that the call fills in; it is read only on success.
    let ok = unsafe { libc::statfs(c_path.as_ptr(), st.as_mut_ptr()) } == 0;
    if !ok {
        return None;
    }
    // SAFETY: statfs returned 0, so it initialised `st`.
    let st = unsafe { st.assume_init() };
    // `f_type` is a long on some targets and an int on others.
    #[allow(clippy::unnecessary_cast)]
    Some(st.f_type as i64)
}

#[cfg(not(target_os = "linux"))]
fn filesystem_magic(_path: &Path) -> Option<i64> {
    None
}

/// Names the network filesystems by their magic numbers (`man 2 statfs`).
fn kind_of(magic: i64) -> Option<&'static str> {
    // The CIFS and SMB2 magics have the high bit set: on some targets
    // `f_type` is signed and they arrive negative.
    let magic = magic & 0xFFFF_FFFF;
    match magic {
        0x6969 => Some("NFS"),
        0x517B => Some("SMB"),
        0xFF53_4D42 => Some("CIFS"),
        0xFE53_4D42 => Some("SMB2"),
        0x0102_1997 => Some("9p"),
        0x5346_414F => Some("AFS"),
        0x7375_7245 => Some("Coda"),
        0x564C => Some("NCP"),
        0x0BD0_0BD0 => Some("Lustre"),
        0x6573_5546 => Some("FUSE"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_filesystems_are_named_and_local_ones_are_not() {
        assert_eq!(kind_of(0x6969), Some("NFS"));
        assert_eq!(kind_of(0xFF53_4D42), Some("CIFS"));
        // The same magic as a signed 32-bit f_type.
        assert_eq!(kind_of(i64::from(0xFF53_4D42_u32 as i32)), Some("CIFS"));
        assert_eq!(kind_of(0x6573_5546), Some("FUSE"));
        for local in [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0x794C_7630] {
            // ext4, xfs, btrfs, tmpfs, overlayfs
            assert_eq!(kind_of(local), None, "{local:#x}");
        }
    }

    #[test]
    fn the_consoles_warning_fits_an_80_column_line_for_every_kind() {
        use unicode_width::UnicodeWidthStr;
        let magics = [
            0x6969,
            0x517B,
            0xFF53_4D42,
            0xFE53_4D42,
            0x0102_1997,
            0x5346_414F,
            0x7375_7245,
            0x564C,
            0x0BD0_0BD0,
            0x6573_5546,
        ];
        for m in magics {
            let kind = kind_of(m).unwrap();
            for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
                let w = crate::i18n::console::network_fs_warning(lang, kind);
                assert!(w.width() <= 80, "{w} is {} columns", w.width());
            }
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn statfs_answers_for_a_file_and_for_the_directory_of_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bayu.db");
        let of_dir = filesystem_magic(dir.path());
        assert!(of_dir.is_some());
        // A file not made yet is judged by its directory.
        assert_eq!(network_filesystem(&path), of_dir.and_then(kind_of));
        std::fs::write(&path, b"x").unwrap();
        assert_eq!(filesystem_magic(&path), of_dir);
    }
}
