//! What `update` asks the outside world to do, as values: read from the
//! store, clear the screen, quit. The loop in `tui` runs them and feeds
//! the answers back as actions; tests run them against a real store
//! without a terminal. The editing issue adds the writes here.

use chrono::NaiveDate;

use crate::db::{InboxFilter, InboxKey};
use crate::model::Period;

/// Where an inbox read starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The newest reports; the selection goes to the first.
    Top,
    /// The oldest reports of the `total` matching; the selection goes to
    /// the last.
    Bottom { total: u64 },
    /// Around a report. `index` is its place in the list when known; when
    /// not (after a reload), the read finds it and moves the selection there.
    Key { key: InboxKey, index: Option<u64> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct InboxRequest {
    pub generation: u64,
    pub as_of: NaiveDate,
    pub filter: InboxFilter,
    pub anchor: Anchor,
    /// How many rows to read on each side of the anchor.
    pub window: usize,
    /// Count the matching reports too.
    pub count: bool,
    /// Run it once the user stops typing rather than at once.
    pub debounce: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the snapshot, history and latest reports at a date.
    Load {
        generation: u64,
        as_of: NaiveDate,
    },
    /// Read a node's latest reports (the plan's detail pane).
    NodeReports {
        generation: u64,
        node_id: i64,
        as_of: NaiveDate,
    },
    Inbox(InboxRequest),
    /// Read who reported on which task in a period.
    TaskMatrix {
        generation: u64,
        period: Period,
        as_of: NaiveDate,
    },
    /// Clear the terminal and draw everything again (Ctrl-L).
    ClearScreen,
    Quit,
}
