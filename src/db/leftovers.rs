//! Files a killed bayu leaves beside the database: a new database being
//! built (`NAME.new-PID`, with its `-journal`, `-wal` or `-shm`) is
//! renamed into place only when complete, so when its process has died
//! it is of no use to anyone. They are removed at the next start of any
//! command on the database, and only those of processes that no longer
//! run. The database's own sidecar files are never touched here: SQLite
//! needs a hot journal to roll back.

use std::fs;
use std::path::{Path, PathBuf};

/// Where a new database for `path` is built by this process.
pub fn build_path(path: &Path, dir: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".new-{}", std::process::id()));
    dir.join(name)
}

/// Removes the `NAME.new-PID*` files of processes that no longer run.
pub fn clean(path: &Path) {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d,
        None => Path::new("."),
    };
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!("{name}.new-");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let pid = ["-wal", "-shm", "-journal"]
            .iter()
            .find_map(|s| rest.strip_suffix(s))
            .unwrap_or(rest);
        if pid.parse::<u32>().is_ok() && !process_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs (Linux: /proc; elsewhere assume it does).
fn process_alive(pid: &str) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_of_dead_processes_go_and_live_ones_and_the_database_stay() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("office.db");
        let dead = u32::MAX - 7; // above pid_max: never a running process
        let mine = std::process::id();
        let names = [
            format!("office.db.new-{dead}"),
            format!("office.db.new-{dead}-journal"),
            format!("office.db.new-{dead}-wal"),
            format!("office.db.new-{mine}"),
            "office.db".to_string(),
            "office.db-journal".to_string(),
            "office.db-wal".to_string(),
            "office.db.new-notapid".to_string(),
            "other.db.new-1".to_string(),
        ];
        for n in &names {
            fs::write(dir.path().join(n), b"x").unwrap();
        }
        clean(&db);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want = vec![
            format!("office.db.new-{mine}"),
            "office.db".to_string(),
            "office.db-journal".to_string(),
            "office.db-wal".to_string(),
            "office.db.new-notapid".to_string(),
            "other.db.new-1".to_string(),
        ];
        want.sort();
        assert_eq!(left, want);
    }
}
