//! The store: the only module that speaks SQL. It opens the file the way a
//! shared SQLite file must be opened (WAL, foreign keys, a busy timeout,
//! IMMEDIATE write transactions), migrates it, and hands the rest of the
//! program model types.

pub mod access;
mod audit;
mod batches;
mod check;
mod directory;
pub mod edit;
mod error;
mod exports;
mod history;
pub mod ids;
mod imports;
mod leftovers;
mod lock;
mod meetings;
mod migrate;
mod network_fs;
mod open;
mod outline;
mod plan;
#[cfg(test)]
mod query_plans;
mod records;
pub(crate) mod reports;
mod seed;
mod tally;
mod views;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use audit::{AuditEntry, AuditFilter, AuditRecord};
pub use batches::{Batch, UndoneImport};
pub use check::{CheckReport, Finding, FindingKind};
pub use error::{BUSY_TIMEOUT_SECS, FileFault, Result, StoreError, busy_timeout};
pub use network_fs::network_filesystem;

pub use exports::ReportFilter;
pub use imports::{CurrentReport, ImportEntry};
pub use migrate::SCHEMA_VERSION;
pub use open::{OpenMode, default_path, quick_check_file};
pub use reports::{Added, NewReport, ReportRow, UnitPeriodStat};
pub use seed::SeedSummary;
pub use views::{
    InboxFilter, InboxFrom, InboxKey, InboxTerm, PeriodStats, Submission, UnitNodeStat,
};

/// An open bayu database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Why writes are refused, when they are.
    read_only: Option<String>,
    /// The OS user recorded in the audit log.
    user: String,
    /// The shared lock on the file and its identity (`lock.rs`).
    hold: lock::Hold,
    /// SQLite's quick check of the file, once asked: the lines of its
    /// report when it found damage, empty when the file is sound.
    damage: std::cell::OnceCell<Vec<String>>,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the store refuses writes, or `None` when it accepts them.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// The OS user whose changes this store records.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The underlying connection, for reading.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is saved, or none.
    /// Refused on a file opened read-only, on a file that is no longer the
    /// one at the path, and on a file SQLite's quick check finds damaged.
    pub fn write<T>(&mut self, what: &str, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                why: why.clone(),
                what: what.to_string(),
            });
        }
        if let Some(fault) = self.file_fault()? {
            return Err(StoreError::File(fault));
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        let writer = Writer {
            tx,
            user: &self.user,
        };
        let value = f(&writer).map_err(|e| e.at(&path))?;
        writer
            .tx
            .commit()
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        Ok(value)
    }

    /// Whether the file at the path is no longer the one this store
    /// opened (renamed over, restored from a backup, re-created).
    pub fn replaced(&self) -> bool {
        self.hold.replaced(&self.path)
    }

    /// What SQLite's quick check says of the file (run once per store,
    /// on first asking): `None` when sound, else the fault.
    pub fn damage(&self) -> Result<Option<FileFault>> {
        let lines = match self.damage.get() {
            Some(lines) => lines,
            None => {
                let lines = open::quick_check(&self.conn).map_err(|e| e.at(&self.path))?;
                self.damage.get_or_init(|| lines)
            }
        };
        Ok((!lines.is_empty()).then(|| open::damaged(&self.path, lines)))
    }

    /// Records what a quick check run elsewhere (the console's background
    /// check, with its own connection) found, so that writes need not
    /// run it again.
    pub fn set_damage(&self, lines: Vec<String>) {
        let _ = self.damage.set(lines);
    }

    /// Why the file itself refuses a write now, if it does.
    fn file_fault(&self) -> Result<Option<FileFault>> {
        if self.replaced() {
            return Ok(Some(FileFault::Replaced {
                path: self.path.clone(),
            }));
        }
        self.damage()
    }

    /// Replaces the busy timeout with `wait`, asked (with the number of
    /// times it was asked in this wait) each time another connection holds
    /// the lock: true to try again, false to give up with
    /// [`StoreError::Busy`]. The console uses it to go on drawing and to
    /// let the user give up.
    pub fn wait_for_locks_with(
        &mut self,
        wait: impl FnMut(i32) -> bool + Send + 'static,
    ) -> Result<()> {
        self.conn
            .busy_handler(Some(wait))
            .map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    /// A counter that changes when another connection commits: cheap to
    /// poll for "someone else edited the file".
    pub fn data_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    /// Maps a query's error to one that names this file.
    /// Runs `f` asking `stop` every 10,000 steps of SQLite; when it says
    /// true the statement under way ends with [`StoreError::Interrupted`].
    /// For a read a newer key may make moot (a filter over every report's
    /// text takes a second at 1,000,000 reports).
    pub fn stoppable<T>(&mut self, stop: fn() -> bool, f: impl FnOnce(&Store) -> T) -> T {
        let watched = self.conn.progress_handler(10_000, Some(stop)).is_ok();
        let out = f(self);
        if watched {
            // Only fails for a closed connection, which then has no handler.
            let _ = self.conn.progress_handler(0, None::<fn() -> bool>);
        }
        out
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn).map_err(|e| e.at(&self.path))
    }
}

/// A write transaction in progress, with the user it records changes for.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    user: &'a str,
}

impl Writer<'_> {
    pub fn user(&self) -> &str {
        self.user
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Gives this connection a page cache of `kib` KiB for a large write in
    /// one transaction, so that the growing indexes stay in memory instead
    /// of being spilled and rewritten (demo data, big imports).
    pub fn bulk_cache(&self, kib: i64) -> Result<()> {
        self.tx.pragma_update(None, "cache_size", -kib)?;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
pub(crate) use open::tests::damage_a_page;
