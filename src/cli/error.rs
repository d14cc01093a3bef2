//! Errors at the command line's boundary: each one is a sentence naming
//! the file, value or field at fault, printed once, with a non-zero exit.

use std::path::PathBuf;

use crate::db::StoreError;
use crate::db::edit::EditError;
use crate::plan_text::PlanTextError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{}: {source}", .path.display())]
    Plan {
        path: PathBuf,
        #[source]
        source: PlanTextError,
    },
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A settings file that cannot be used.
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    /// A value given on the command line that cannot be used.
    #[error("{0}")]
    Usage(String),
    /// The command ran and found problems it has already printed.
    #[error("{0}")]
    Reported(String),
    /// An edit refused: a conflict, an undo someone built on, a state that
    /// does not allow it.
    #[error("{0}")]
    Edit(EditError),
}

impl From<EditError> for CliError {
    /// A value at fault or a record that does not exist is a usage error
    /// (exit 2); any other refusal is a failure (exit 1).
    fn from(e: EditError) -> Self {
        match e {
            EditError::Invalid(_) | EditError::NotFound { .. } => CliError::Usage(e.to_string()),
            EditError::Store(s) => CliError::Store(s),
            other => CliError::Edit(other),
        }
    }
}

impl CliError {
    /// The sentence in `lang`, where the error has one in both languages.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            CliError::Config(e) => e.text(lang),
            CliError::Store(StoreError::Access(a)) => crate::i18n::deploy::access(lang, a),
            CliError::Store(StoreError::File(f)) => crate::i18n::store::fault(lang, f),
            other => other.to_string(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> CliError {
        CliError::Io {
            path: path.into(),
            source,
        }
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;
