//! What a feature reads of the rest of the console, and the footer it may
//! write to: every feature's `update` takes its own state, a [`Cx`] and
//! (when it speaks) the footer, never the whole `State`. `state.rs` hands
//! them out (`State::cx`, `State::split`).

use chrono::NaiveDate;

use super::data::Data;
use super::view::{Message, MessageKind, Settings, Viewport};
use crate::i18n::Lang;

/// The console's shared facts at one moment, read-only.
#[derive(Debug, Clone, Copy)]
pub struct Cx<'a> {
    /// The loaded data, once the first load has answered.
    pub data: Option<&'a Data>,
    pub settings: Settings,
    /// The wall-clock date (`今天` in date prompts).
    pub today: NaiveDate,
    pub as_of: NaiveDate,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// What the last frame had room for.
    pub viewport: Viewport,
    /// The load the data comes from; a read asked for now carries it.
    pub generation: u64,
    /// Why the store refuses writes, when it does.
    pub read_only: Option<&'a str>,
    /// The OS user the log records.
    pub user: &'a str,
}

impl Cx<'_> {
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// How many rows a page key moves.
    pub fn page(&self) -> usize {
        usize::from(self.viewport.page.max(1))
    }
}

/// Writes the footer line (shown until the next key).
pub fn say(footer: &mut Option<Message>, kind: MessageKind, text: impl Into<String>) {
    *footer = Some(Message {
        kind,
        text: text.into(),
    });
}
