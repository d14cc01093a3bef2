//! Records: the things the editing core changes one at a time, each a row
//! of a table with an id and a `version`. [`Versioned`] is all the core
//! needs to know about one — its table, how to read it by id, what it is
//! called, which version it is at — and the version check every change
//! makes ([`checked`]) is written once against it.
//!
//! [`Record`] (a record of any kind, as a conflict carries it and a form
//! opens on it) and [`Target`] (a record by kind and id, as the audit log
//! and the console's selections name it) are generated from one list at
//! the bottom of this file: a new kind of record adds one line there.

use rusqlite::Connection;

use super::changes;
use super::error::{Conflict, EditError, EditResult};
use crate::db::Writer;
use crate::db::error::Result;

/// A row the office edits, with optimistic concurrency.
pub trait Versioned: Sized + Clone + Into<Record> {
    /// The table it lives in; the audit log names it so too.
    const TABLE: &'static str;
    /// What one is called when there is nothing more to say:
    /// `("milestone", "时间节点")`.
    const NOUN: (&'static str, &'static str);

    /// The record as stored now, by id (one keyed read).
    fn get(conn: &Connection, id: i64) -> Result<Option<Self>>;

    fn id(&self) -> i64;

    fn version(&self) -> i64;

    /// The record in words, as a conflict names it: English and Chinese.
    fn label(&self, conn: &Connection) -> Result<Label>;
}

/// A record in words, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub en: String,
    pub zh: String,
}

impl Label {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Label {
        Label {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

/// `there is no milestone 12` / `没有编号为12的时间节点`.
pub(crate) fn not_found<R: Versioned>(id: i64) -> EditError {
    EditError::not_found(
        format!("there is no {} {id}", R::NOUN.0),
        format!("没有编号为{id}的{}", R::NOUN.1),
    )
}

/// Reads the record and checks that it is at the version the caller read.
/// A mismatch (or a record deleted since) is a [`Conflict`] carrying the
/// record as stored now and the log entry that last touched it; a record
/// that never existed is [`EditError::NotFound`].
pub(crate) fn checked<R: Versioned>(w: &Writer<'_>, id: i64, expected: i64) -> EditResult<R> {
    let stored = R::get(w.conn(), id)?;
    match stored {
        Some(r) if r.version() == expected => Ok(r),
        stored => {
            let since = changes::last_touch(w.conn(), R::TABLE, id, 0)?;
            if stored.is_none() && since.is_none() {
                return Err(not_found::<R>(id));
            }
            let what = match &stored {
                Some(r) => r.label(w.conn())?,
                None => Label::new(R::NOUN.0, R::NOUN.1),
            };
            Err(EditError::Conflict(Box::new(Conflict {
                what: what.en,
                what_zh: what.zh,
                expected,
                stored: stored.map(Into::into),
                since,
                detail: None,
            })))
        }
    }
}

/// Declares every kind of record: `Kind(Type)` where `Type: Versioned`.
macro_rules! records {
    ($($kind:ident($ty:ty)),* $(,)?) => {
        /// A record of any kind, as stored.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Record {
            $($kind($ty),)*
        }

        /// A record by kind and id: what the log's `entity`/`entity_id`
        /// name, and where the console's selection goes after a change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Target {
            $($kind(i64),)*
        }

        $(impl From<$ty> for Record {
            fn from(r: $ty) -> Record {
                Record::$kind(r)
            }
        })*

        impl Record {
            pub fn version(&self) -> i64 {
                match self {
                    $(Record::$kind(r) => r.version(),)*
                }
            }

            pub fn target(&self) -> Target {
                match self {
                    $(Record::$kind(r) => Target::$kind(r.id()),)*
                }
            }

            pub fn label(&self, conn: &Connection) -> Result<Label> {
                match self {
                    $(Record::$kind(r) => r.label(conn),)*
                }
            }

            /// The record a target names, as stored now.
            pub(crate) fn read(conn: &Connection, target: Target) -> Result<Option<Record>> {
                Ok(match target {
                    $(Target::$kind(id) => <$ty as Versioned>::get(conn, id)?.map(Record::$kind),)*
                })
            }
        }

        impl Target {
            /// The table the audit log names it by.
            pub fn table(self) -> &'static str {
                match self {
                    $(Target::$kind(_) => <$ty as Versioned>::TABLE,)*
                }
            }

            pub fn id(self) -> i64 {
                match self {
                    $(Target::$kind(id) => id,)*
                }
            }

            /// The record an audit entry is about.
            pub fn from_entity(entity: &str, id: i64) -> Option<Target> {
                $(if entity == <$ty as Versioned>::TABLE {
                    return Some(Target::$kind(id));
                })*
                None
            }
        }
    };
}

records! {
    Node(super::NodeRecord),
    Milestone(crate::model::Milestone),
    Indicator(crate::model::Indicator),
    Report(crate::model::Report),
    Agency(crate::model::Agency),
    Unit(crate::model::Unit),
    History(crate::model::HistoryEntry),
    Plan(crate::model::PlanInfo),
}

impl crate::db::Store {
    /// One record as stored now, by id.
    pub fn get<R: Versioned>(&self, id: i64) -> Result<Option<R>> {
        self.read(|c| R::get(c, id))
    }

    /// A record as stored now (a form opens on it), or `None` if it is gone.
    pub fn record(&self, target: Target) -> Result<Option<Record>> {
        self.read(|c| Record::read(c, target))
    }
}
