//! What can go wrong with the database file, as sentences that name the
//! file and say what to do. rusqlite's codes are mapped here, once.

use std::io;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// Seconds a writer waits for another's lock before giving up.
pub const BUSY_TIMEOUT_SECS: u64 = 10;

/// The busy timeout in use: [`BUSY_TIMEOUT_SECS`], or `BAYU_BUSY_TIMEOUT_MS`
/// when set (tests shorten it to exercise the "locked too long" path).
pub fn busy_timeout() -> std::time::Duration {
    std::env::var("BAYU_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(std::time::Duration::from_millis)
        .unwrap_or(std::time::Duration::from_secs(BUSY_TIMEOUT_SECS))
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: no such database; create it with `bayu --db {} init`", .path.display(), .path.display())]
    Missing { path: PathBuf },
    #[error("{}: the directory {} does not exist", .path.display(), .dir.display())]
    NoDirectory { path: PathBuf, dir: PathBuf },
    #[error("{}: permission denied ({what})", .path.display())]
    Permission { path: PathBuf, what: String },
    /// A right the user lacks on the database, its `-wal`/`-shm` or its
    /// directory, found by [`super::access::diagnose`].
    #[error("{}", access_sentence(.0))]
    Access(Box<super::access::AccessProblem>),
    #[error("{}: not a SQLite database (is this the right file?)", .path.display())]
    NotSqlite { path: PathBuf },
    #[error("{}: a SQLite database, but not a bayu database", .path.display())]
    Foreign { path: PathBuf },
    #[error("{}: the database is damaged ({detail}); restore it from a backup", .path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{}: written by a newer bayu (schema version {found}, this bayu knows up to {supported}); upgrade bayu instead of risking the file",
        .path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{}: already exists; {hint}", .path.display())]
    Exists { path: PathBuf, hint: &'static str },
    #[error(
        "{}: open in another bayu right now (a console or a command); replacing it would lose what that one saves. Close it, then try again; nothing was changed",
        .path.display()
    )]
    InUse { path: PathBuf },
    #[error(
        "{}: another process has held the database locked for more than {} s; nothing was changed, try again in a moment",
        .path.display(), busy_timeout().as_secs_f32()
    )]
    Busy { path: PathBuf },
    #[error("{}: the disk is full; nothing was changed", .path.display())]
    DiskFull { path: PathBuf },
    /// The file itself stops the command (replaced, damaged, impossible).
    #[error("{0}")]
    File(FileFault),
    /// A read stopped because the user pressed a key (see
    /// [`Store::stoppable`](super::Store::stoppable)); never shown.
    #[error("{}: the read was stopped for a key", .path.display())]
    Interrupted { path: PathBuf },
    #[error("{}: opened read-only ({why}); {what} was refused", .path.display())]
    ReadOnly {
        path: PathBuf,
        why: String,
        what: String,
    },
    /// The database was changed by someone else since the record was read.
    #[error(
        "{what} was changed by someone else since you opened it (version {expected}, now {found})"
    )]
    Conflict {
        what: String,
        expected: i64,
        found: i64,
    },
    /// Input that breaks a rule of the model; the sentence names the field.
    #[error("{0}")]
    Invalid(String),
    /// An editing operation's own refusal (a field at fault, a conflict, an
    /// undo refused), carried through [`super::Store::write`] so that the
    /// transaction rolls back; [`super::edit::EditError`] unwraps it.
    #[error("{0}")]
    Edit(Box<super::edit::EditError>),
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: {source}", .path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// Maps a SQLite error on `path` to the sentence a user should read.
    pub fn from_sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        let code = e.sqlite_error_code();
        match code {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path }
            }
            Some(ErrorCode::NotADatabase) => StoreError::NotSqlite { path },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: e.to_string(),
            },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            Some(ErrorCode::OperationInterrupted) => StoreError::Interrupted { path },
            Some(ErrorCode::PermissionDenied) | Some(ErrorCode::CannotOpen) => {
                match super::access::diagnose(&path, false) {
                    Some(problem) => StoreError::Access(Box::new(problem)),
                    None => StoreError::Permission {
                        path,
                        what: e.to_string(),
                    },
                }
            }
            Some(ErrorCode::ReadOnly) => match super::access::diagnose(&path, true) {
                Some(problem) => StoreError::Access(Box::new(problem)),
                None => StoreError::ReadOnly {
                    path,
                    why: "the file or its directory is not writable".into(),
                    what: "the change".into(),
                },
            },
            _ => StoreError::Sqlite { path, source: e },
        }
    }

    pub fn io(path: &Path, e: io::Error) -> StoreError {
        match e.kind() {
            io::ErrorKind::PermissionDenied => match super::access::diagnose(path, false) {
                Some(problem) => StoreError::Access(Box::new(problem)),
                None => StoreError::Permission {
                    path: path.to_path_buf(),
                    what: "the system refused access".into(),
                },
            },
            io::ErrorKind::StorageFull => StoreError::DiskFull {
                path: path.to_path_buf(),
            },
            _ => StoreError::Io {
                path: path.to_path_buf(),
                source: e,
            },
        }
    }
}

/// A fact about the file itself that stops a command. The words, in
/// both languages, are `crate::i18n::store`'s (its `Display` is the
/// English one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFault {
    /// The file at the path is no longer the one this store opened
    /// (renamed over, restored, re-created): writing would save into a
    /// file nobody will open again.
    Replaced { path: PathBuf },
    /// SQLite's quick check finds the file damaged: `detail` holds the
    /// first lines of its report, `total` how many it gave.
    Damaged {
        path: PathBuf,
        detail: Vec<String>,
        total: usize,
    },
    /// Marked as bayu's, but with a schema version no bayu writes
    /// (below 1): another program's file, or a damaged one.
    ImpossibleVersion { path: PathBuf, version: i64 },
}

impl FileFault {
    pub fn path(&self) -> &Path {
        match self {
            FileFault::Replaced { path }
            | FileFault::Damaged { path, .. }
            | FileFault::ImpossibleVersion { path, .. } => path,
        }
    }
}

/// The English sentence for a missing right (the Chinese one is made by
/// `i18n::deploy::access`).
fn access_sentence(p: &super::access::AccessProblem) -> String {
    crate::i18n::deploy::access(crate::i18n::Lang::En, p)
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<rusqlite::Error> for StoreError {
    /// Inside a transaction the path is not at hand; [`StoreError::at`]
    /// fills it in at the store's boundary.
    fn from(source: rusqlite::Error) -> Self {
        StoreError::Sqlite {
            path: PathBuf::new(),
            source,
        }
    }
}

impl StoreError {
    /// Names the file in an error raised inside a query.
    pub fn at(self, path: &Path) -> StoreError {
        match self {
            StoreError::Sqlite { path: p, source } if p.as_os_str().is_empty() => {
                StoreError::from_sqlite(path, source)
            }
            other => other,
        }
    }
}
