//! The console's small shared vocabulary: the views, how it draws, the
//! footer message, what the last frame had room for. A leaf every
//! feature may use.

use crate::i18n::Lang;

/// The views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Overview,
    Plan,
    Units,
    Milestones,
    Reports,
    Export,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Overview,
        View::Plan,
        View::Units,
        View::Milestones,
        View::Reports,
        View::Export,
    ];

    /// The number key that shows the view.
    pub fn number(self) -> u8 {
        match self {
            View::Overview => 1,
            View::Plan => 2,
            View::Units => 3,
            View::Milestones => 4,
            View::Reports => 5,
            View::Export => 6,
        }
    }

    fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    pub fn next(self) -> View {
        View::ALL[(self.index() + 1) % View::ALL.len()]
    }

    pub fn prev(self) -> View {
        View::ALL[(self.index() + View::ALL.len() - 1) % View::ALL.len()]
    }

    /// Whether `/` filters something in this view.
    pub fn filterable(self) -> bool {
        !matches!(self, View::Overview | View::Export)
    }
}

/// How the console draws, decided once at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    pub lang: Lang,
    /// Borders, bars and markers in plain ASCII.
    pub ascii: bool,
    /// Colours on (off with `NO_COLOR` or `color = never`).
    pub color: bool,
    /// "Due soon" in blue instead of yellow.
    pub soon_blue: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

/// The one-line message shown in the footer until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
}

/// What the last frame had room for, as the views measured it: how far a
/// page key moves, and how far the detail pane can scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    /// Rows of the current view's main list.
    pub page: u16,
    /// Largest useful scroll of the current detail pane.
    pub detail_max: u16,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            page: 10,
            detail_max: u16::MAX,
        }
    }
}
