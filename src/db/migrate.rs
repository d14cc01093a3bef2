//! Versioned schema migrations kept in `PRAGMA user_version`, and the
//! `application_id` that marks a file as bayu's. A file from an older bayu
//! is backed up next to itself before it is migrated forward; a file from a
//! newer bayu is refused, never migrated down.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::error::{FileFault, Result, StoreError};

/// `PRAGMA application_id` of bayu files: "bayu" in ASCII.
pub const APPLICATION_ID: i64 = 0x6261_7975;

/// The schema version this bayu writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Migration `i` takes a database from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    HISTORY,
    include_str!("schema_meetings.sql"),
];

/// The migration that gave tasks' statuses, progress and dates a history
/// with dates of effect, reports a review date and the plan's schedule its
/// place (`schema_v4.sql`).
const HISTORY: &str = include_str!("schema_v4.sql");

/// The version a file had before [`HISTORY`] was applied to it: for tests
/// that build a file as bayu wrote it before the history existed. Found in
/// the list, so that migrations added later change nothing here.
#[cfg(test)]
pub fn before_history() -> i64 {
    MIGRATIONS
        .iter()
        .position(|m| *m == HISTORY)
        .unwrap_or(MIGRATIONS.len()) as i64
}

/// Applies migrations up to `version` only: for tests that need a file as
/// an older bayu wrote it.
#[cfg(test)]
pub fn migrate_to(conn: &mut Connection, version: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (i, sql) in MIGRATIONS.iter().enumerate().take(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}

/// What the file says about itself.
pub struct FileSchema {
    pub application_id: i64,
    pub version: i64,
}

pub fn read_schema(conn: &Connection) -> rusqlite::Result<FileSchema> {
    let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(FileSchema {
        application_id,
        version,
    })
}

/// Refuses files that are not bayu's, that carry a version no bayu
/// writes, or that are too new for this bayu.
pub fn vet(path: &Path, schema: &FileSchema) -> Result<()> {
    if schema.application_id != APPLICATION_ID {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
        });
    }
    // Every bayu file is at version 1 or later from its first commit
    // (the version and the application id are set together).
    if schema.version < 1 {
        return Err(StoreError::File(FileFault::ImpossibleVersion {
            path: path.to_path_buf(),
            version: schema.version,
        }));
    }
    if schema.version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: schema.version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Applies every migration after `from`, in one transaction.
pub fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}

/// The path of the automatic backup made before migrating `path` forward
/// from version `from`.
pub fn backup_path(path: &Path, from: i64) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{from}-{stamp}.bak"));
    path.with_file_name(name)
}
