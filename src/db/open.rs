//! Opening and creating database files: where the default file lives, how
//! a file is vetted before use (is it SQLite, is it bayu's, is it too new,
//! does SQLite's quick check pass before it is migrated), and creating a
//! new one so that a failure leaves nothing behind and a replacement never
//! swaps a file another bayu has open (`lock.rs`).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::error::{FileFault, Result, StoreError, busy_timeout};
use super::lock::{self, Hold, HoldError};
use super::migrate::{self, SCHEMA_VERSION};
use super::{Store, leftovers};

/// How to open an existing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Writable when the file allows it, read-only otherwise.
    Auto,
    /// Never write.
    ReadOnly,
}

/// The database file used when neither `--db` nor `BAYU_DB` is given:
/// `bayu.db` in the platform's data directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "bayu").map(|d| d.data_dir().join("bayu.db"))
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

fn os_user() -> String {
    whoami::username().unwrap_or_else(|_| {
        std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "unknown".into())
    })
}

fn missing(path: &Path) -> StoreError {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => StoreError::NoDirectory {
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
        },
        _ => StoreError::Missing {
            path: path.to_path_buf(),
        },
    }
}

/// Checks the file's header without SQLite, so that a wrong file is named
/// as such and never modified.
fn check_header(path: &Path) -> Result<()> {
    let mut file = fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => missing(path),
        _ => StoreError::io(path, e),
    })?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    let mut head = [0u8; 16];
    let n = read_up_to(&mut file, &mut head).map_err(|e| StoreError::io(path, e))?;
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Why the file cannot be written by us, if it cannot. Opening for append
/// writes nothing.
fn file_not_writable(path: &Path) -> Option<String> {
    fs::OpenOptions::new()
        .append(true)
        .open(path)
        .err()
        .map(|_| "the file is not writable by you".to_string())
}

/// Per-connection settings; these change nothing in the file.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(busy_timeout())?;
    conn.pragma_update(None, "foreign_keys", true)
}

/// WAL lets readers and one writer work at once; FULL sync makes every
/// commit durable. Only done once the file is known to be bayu's.
fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    keep_wal_files(conn);
    Ok(())
}

/// Keeps the `-wal` and `-shm` files when the last connection closes. A
/// coordinator who may read the file but not write in its directory can
/// only open a WAL database whose sidecar files exist; without this, SQLite
/// deletes them whenever the last writer leaves.
fn keep_wal_files(conn: &Connection) {
    let mut on: std::ffi::c_int = 1;
    // SAFETY: `handle` is the live connection owned by `conn`, "main" is a
    // NUL-terminated schema name, and SQLITE_FCNTL_PERSIST_WAL takes a
    // pointer to an int that SQLite reads (and writes back) during the call.
    unsafe {
        rusqlite::ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
            (&raw mut on).cast(),
        );
    }
}

fn is_access_error(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly)
            | Some(rusqlite::ErrorCode::CannotOpen)
            | Some(rusqlite::ErrorCode::PermissionDenied)
    )
}

fn connect(path: &Path, read_only: bool) -> Result<Connection> {
    connect_with(path, read_only, false)
}

fn connect_with(path: &Path, read_only: bool, immutable: bool) -> Result<Connection> {
    let mut flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let sql = |e| StoreError::from_sqlite(path, e);
    let conn = if immutable {
        flags |= OpenFlags::SQLITE_OPEN_URI;
        Connection::open_with_flags(immutable_uri(path), flags).map_err(sql)?
    } else {
        Connection::open_with_flags(path, flags).map_err(sql)?
    };
    configure(&conn).map_err(sql)?;
    let schema = migrate::read_schema(&conn).map_err(sql)?;
    migrate::vet(path, &schema)?;
    Ok(conn)
}

/// A reader who may read a WAL database but not create files beside it
/// cannot open it while its `-wal` and `-shm` are missing (just restored,
/// or removed by hand): SQLite needs them to coordinate with writers. With
/// no `-wal` nobody is writing and everything is in the file itself, so
/// it is read as it is on disk (SQLite's `immutable` parameter). The first
/// writer to open it creates the files again, and later readers read
/// normally.
fn connect_read_only(path: &Path) -> Result<(Connection, bool)> {
    match connect(path, true) {
        Ok(conn) => Ok((conn, false)),
        Err(e)
            if !super::access::sidecar(path, "-wal").exists()
                // A rollback journal left by a crash must be played back
                // first; reading past it would show half a transaction.
                && !super::access::sidecar(path, "-journal").exists()
                && !super::access::can_create_beside(path) =>
        {
            match connect_with(path, true, true) {
                Ok(conn) => Ok((conn, true)),
                Err(_) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// `file:/srv/bayu/bayu.db?immutable=1`, with the characters a URI gives a
/// meaning to escaped.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            _ => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Added to the read-only reason of a file read with `immutable`.
const READ_AS_ON_DISK: &str = "; with no -wal/-shm beside it and a directory you may not write in, it is read as it is on disk and others' later changes are seen on reopening";

impl Store {
    /// Opens an existing bayu database, migrating an older one forward
    /// (after a backup next to it).
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        // Wait for a replacement under way, then hold the file (lock.rs).
        let hold = Hold::shared(path).map_err(|e| match e {
            HoldError::Busy => StoreError::Busy {
                path: path.to_path_buf(),
            },
            HoldError::Io(e) => StoreError::io(path, e),
        })?;
        check_header(path)?;
        let sql = |e| StoreError::from_sqlite(path, e);
        let mut read_only = match mode {
            OpenMode::ReadOnly => Some("--read-only was given".to_string()),
            OpenMode::Auto => file_not_writable(path),
        };
        let mut conn = if let Some(why) = &mut read_only {
            let (conn, as_on_disk) = connect_read_only(path)?;
            if as_on_disk {
                why.push_str(READ_AS_ON_DISK);
            }
            conn
        } else {
            connect(path, false)?
        };
        if read_only.is_none() {
            match use_wal(&conn) {
                Ok(()) => {}
                Err(e) if is_access_error(&e) => {
                    let dir = path
                        .parent()
                        .filter(|d| !d.as_os_str().is_empty())
                        .unwrap_or(Path::new("."));
                    read_only = Some(format!(
                        "its directory {} is not writable by you",
                        dir.display()
                    ));
                    drop(conn);
                    let (again, as_on_disk) = connect_read_only(path)?;
                    if as_on_disk && let Some(why) = &mut read_only {
                        why.push_str(READ_AS_ON_DISK);
                    }
                    conn = again;
                }
                Err(e) => return Err(sql(e)),
            }
        }
        let schema = migrate::read_schema(&conn).map_err(sql)?;
        if schema.version < SCHEMA_VERSION {
            if let Some(why) = &read_only {
                return Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                    why: why.clone(),
                    what: format!(
                        "upgrading the file from schema version {} to {SCHEMA_VERSION}",
                        schema.version
                    ),
                });
            }
            // A damaged file is not migrated (nor backed up as if sound).
            let damage = quick_check(&conn).map_err(|e| e.at(path))?;
            if !damage.is_empty() {
                return Err(StoreError::File(damaged(path, &damage)));
            }
            let backup = migrate::backup_path(path, schema.version);
            backup_to(&conn, &backup).map_err(|e| e.at(path))?;
            migrate::migrate(&mut conn, schema.version).map_err(sql)?;
        }
        if read_only.is_none() {
            leftovers::clean(path);
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only,
            user: os_user(),
            hold,
            damage: std::cell::OnceCell::new(),
        })
    }

    /// Creates a new database at `path` and fills it with `fill`, all or
    /// nothing: it is built in a temporary file next to `path` and renamed
    /// into place only when complete. An existing file is refused unless
    /// `force`.
    pub fn create(
        path: &Path,
        force: bool,
        fill: impl FnOnce(&mut Store) -> Result<()>,
    ) -> Result<Store> {
        if path.exists() {
            if !force {
                return Err(StoreError::Exists {
                    path: path.to_path_buf(),
                    hint: "`init --force` replaces it",
                });
            }
            // Said before the build, so nobody waits for a refusal; asked
            // again at the swap, where it counts.
            drop(claim(path)?);
        }
        let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(d) if !d.is_dir() => return Err(missing(path)),
            Some(d) => d.to_path_buf(),
            None => PathBuf::from("."),
        };
        leftovers::clean(path);
        let tmp = leftovers::build_path(path, &dir);
        let result = build(&tmp, &dir, fill);
        if let Err(e) = result {
            remove_with_sidecars(&tmp);
            return Err(e.at(path));
        }
        let swapped = (|| {
            // Nobody may open the old file between this check and the
            // rename: a console that did would save into a deleted file.
            let claimed = if force { claim(path)? } else { None };
            restrict_permissions(&tmp, &dir).map_err(|e| StoreError::io(path, e))?;
            // The old file's WAL must not be replayed into the new file.
            remove_sidecars(path);
            fs::rename(&tmp, path).map_err(|e| StoreError::io(path, e))?;
            drop(claimed);
            Ok(())
        })();
        if let Err(e) = swapped {
            remove_with_sidecars(&tmp);
            return Err(e);
        }
        Store::open(path, OpenMode::Auto)
    }

    /// A consistent copy of the whole database at `dest`, made with
    /// SQLite's online backup while others may be using the file.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        backup_to(&self.conn, dest)
    }
}

/// The exclusive lock on the file at `path`, once no other bayu holds it
/// and no other SQLite connection has it open; refused with
/// [`StoreError::InUse`] otherwise. Held until dropped.
fn claim(path: &Path) -> Result<Option<fs::File>> {
    let held = match lock::exclusive(path).map_err(|e| StoreError::io(path, e))? {
        lock::Exclusive::InUse => {
            return Err(StoreError::InUse {
                path: path.to_path_buf(),
            });
        }
        lock::Exclusive::NoFile => None,
        lock::Exclusive::Held(file) => Some(file),
    };
    ensure_unused(path)?;
    Ok(held)
}

/// Refuses to replace a database that another connection has open: its
/// writes would go to the old file, unlinked, and be lost. Leaving WAL mode
/// needs the only connection to the file, so asking for it (and going back
/// at once) is the test; the file is left as it was. A file that is not a
/// WAL database (or not one at all) has nobody to protect.
fn ensure_unused(path: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else {
        return Ok(());
    };
    // A command in another process may hold the file for a moment.
    if conn.busy_timeout(Duration::from_millis(500)).is_err() {
        return Ok(());
    }
    let mode =
        |m: &str| conn.pragma_update_and_check(None, "journal_mode", m, |r| r.get::<_, String>(0));
    match conn.pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0)) {
        Ok(m) if m.eq_ignore_ascii_case("wal") => {}
        _ => return Ok(()),
    }
    match mode("delete") {
        Ok(_) => {
            // Only this connection has the file: back as it was.
            let _ = mode("wal");
            Ok(())
        }
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            Err(StoreError::InUse {
                path: path.to_path_buf(),
            })
        }
        Err(_) => Ok(()),
    }
}

fn build(tmp: &Path, dir: &Path, fill: impl FnOnce(&mut Store) -> Result<()>) -> Result<()> {
    remove_with_sidecars(tmp);
    // Made with the database's mode from its first byte: a build killed
    // half-way leaves nothing others may read (SQLite gives its journal
    // the same mode).
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
        .and_then(|_| restrict_permissions(tmp, dir))
        .map_err(|e| StoreError::io(tmp, e))?;
    let sql = |e| StoreError::from_sqlite(tmp, e);
    let mut conn = Connection::open(tmp).map_err(sql)?;
    conn.busy_timeout(busy_timeout()).map_err(sql)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(sql)?;
    // The fill is one long transaction whose statements fire triggers:
    // their statement journals stay in memory instead of a temporary file
    // rewritten for every report.
    conn.pragma_update(None, "temp_store", "memory")
        .map_err(sql)?;
    migrate::migrate(&mut conn, 0).map_err(sql)?;
    let mut store = Store {
        conn,
        path: tmp.to_path_buf(),
        read_only: None,
        user: os_user(),
        hold: Hold::none(),
        damage: std::cell::OnceCell::new(),
    };
    fill(&mut store)?;
    // Leave a single self-contained file in WAL mode for later users.
    let Store { conn, .. } = store;
    conn.pragma_update(None, "journal_mode", "wal")
        .map_err(sql)?;
    conn.close().map_err(|(_, e)| sql(e))?;
    Ok(())
}

/// SQLite's quick check (the page structure, not index contents): the
/// lines of its report, empty when the file is sound. A file too damaged
/// for the check to run is damaged too.
pub(super) fn quick_check(conn: &Connection) -> Result<Vec<String>> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("PRAGMA quick_check(100)")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match run() {
        Ok(lines) if lines == ["ok"] => Ok(Vec::new()),
        Ok(lines) => Ok(report_lines(lines)),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            Ok(vec![e.to_string()])
        }
        Err(e) => Err(e.into()),
    }
}

/// SQLite's quick check of the file at `path` on a connection of its
/// own (read-only), for a check run beside the console's loop.
pub fn quick_check_file(path: &Path) -> Result<Vec<String>> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_sqlite(path, e))?;
    conn.busy_timeout(busy_timeout())
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    quick_check(&conn).map_err(|e| e.at(path))
}

/// The lines of an integrity or quick check's report: a row may hold
/// several lines, under a `*** in database main ***` heading.
pub(super) fn report_lines(rows: Vec<String>) -> Vec<String> {
    rows.iter()
        .flat_map(|r| r.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("*** in database"))
        .map(str::to_string)
        .collect()
}

/// How many of the quick check's lines a message carries.
const DAMAGE_LINES: usize = 3;

/// The fault for a file whose quick check gave `lines`.
pub(super) fn damaged(path: &Path, lines: &[String]) -> FileFault {
    FileFault::Damaged {
        path: path.to_path_buf(),
        detail: lines.iter().take(DAMAGE_LINES).cloned().collect(),
        total: lines.len(),
    }
}

fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(StoreError::Exists {
            path: dest.to_path_buf(),
            hint: "a backup never overwrites a file; name a new file or a directory",
        });
    }
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(missing(dest));
    }
    let sql = |e| StoreError::from_sqlite(dest, e);
    let mut out = Connection::open(dest).map_err(sql)?;
    let copied = {
        let backup = rusqlite::backup::Backup::new(conn, &mut out).map_err(sql)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)
    };
    if let Err(e) = copied {
        drop(out);
        remove_with_sidecars(dest);
        return Err(sql(e));
    }
    out.pragma_update(None, "journal_mode", "delete")
        .map_err(sql)?;
    drop(out);
    if let Some(dir) = dest.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        restrict_permissions(dest, dir).map_err(|e| StoreError::io(dest, e))?;
    }
    Ok(())
}

pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_sidecars(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(sidecar(path, suffix));
    }
}

pub(super) fn remove_with_sidecars(path: &Path) {
    let _ = fs::remove_file(path);
    remove_sidecars(path);
}

/// New files are readable and writable by their owner only, or also by the
/// group when the directory is shared by a group (setgid bit set).
#[cfg(unix)]
pub(super) fn restrict_permissions(file: &Path, dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let group_shared = fs::metadata(dir)
        .map(|m| m.permissions().mode() & 0o2000 != 0)
        .unwrap_or(false);
    let mode = if group_shared { 0o660 } else { 0o600 };
    fs::set_permissions(file, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
pub(super) fn restrict_permissions(_file: &Path, _dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
#[path = "open_tests.rs"]
pub(crate) mod tests;
