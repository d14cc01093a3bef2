//! Colours and drawing characters. Only the 16 ANSI colours plus bold and
//! reverse, which read on dark, light and projected screens over any SSH
//! link; no colour at all with `NO_COLOR`. Meaning is never carried by
//! colour alone: every light has its word (红/黄/绿) beside the colour.
//!
//! ASCII mode draws borders with `+-|`, bars with `#` and cuts text with
//! `...`, for terminals that draw box-drawing and other ambiguous-width
//! characters two columns wide (many Chinese terminal setups do).

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::analysis::Light;
use crate::analysis::coverage::UnitStanding;
use crate::app::state::Settings;
use crate::i18n::Lang;
use crate::model::Status;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub ascii: bool,
    pub color: bool,
    pub lang: Lang,
    soon: Color,
}

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub fn new(s: &Settings) -> Theme {
        Theme {
            ascii: s.ascii,
            color: s.color,
            lang: s.lang,
            soon: if s.soon_blue {
                Color::Blue
            } else {
                Color::Yellow
            },
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    /// The character of a horizontal rule.
    pub fn rule(&self) -> &'static str {
        if self.ascii { "-" } else { "─" }
    }

    /// The character of a vertical separator.
    pub fn bar_v(&self) -> &'static str {
        if self.ascii { "|" } else { "│" }
    }

    pub fn ellipsis(&self) -> &'static str {
        if self.ascii { "..." } else { "…" }
    }

    pub fn bar_full(&self) -> &'static str {
        if self.ascii { "#" } else { "█" }
    }

    pub fn bar_empty(&self) -> &'static str {
        if self.ascii { "." } else { "░" }
    }

    /// Where 序时进度 falls on a progress bar.
    pub fn pace_mark(&self) -> &'static str {
        if self.ascii { "|" } else { "┃" }
    }

    /// Fold markers of the tree: open, closed, leaf.
    pub fn fold(&self, has_children: bool, open: bool) -> &'static str {
        match (has_children, open, self.ascii) {
            (false, _, _) => "  ",
            (true, true, false) => "▾ ",
            (true, false, false) => "▸ ",
            (true, true, true) => "- ",
            (true, false, true) => "+ ",
        }
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The selected row of the list that has the keyboard.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a list that does not have the keyboard.
    pub fn selected_idle(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Secondary text (ids, dates beside names). Plain: faint colours
    /// vanish on projectors.
    pub fn plain(&self) -> Style {
        Style::new()
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(self.soon).add_modifier(Modifier::BOLD)
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn light(&self, l: Light) -> Style {
        match l {
            Light::Red => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Light::Yellow => self.fg(self.soon),
            Light::Green => self.fg(Color::Green),
        }
    }

    /// The light's word in a 2-column cell: 红/黄/绿, or R/Y/G in English.
    pub fn light_word(&self, l: Light) -> &'static str {
        match (self.lang, l) {
            (Lang::Zh, Light::Red) => "红",
            (Lang::Zh, Light::Yellow) => "黄",
            (Lang::Zh, Light::Green) => "绿",
            (Lang::En, Light::Red) => "R ",
            (Lang::En, Light::Yellow) => "Y ",
            (Lang::En, Light::Green) => "G ",
        }
    }

    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::Late => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::Done => self.fg(Color::Green),
            Status::Paused => self.fg(Color::Magenta),
            Status::InProgress | Status::NotStarted => Style::new(),
        }
    }

    pub fn standing(&self, s: UnitStanding) -> Style {
        match s {
            UnitStanding::Missing => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            UnitStanding::Late => self.fg(self.soon),
            UnitStanding::OnTime => self.fg(Color::Green),
            UnitStanding::Pending => Style::new(),
        }
    }

    /// A coverage matrix cell: one meaningful character, two columns.
    pub fn standing_cell(&self, s: Option<UnitStanding>) -> &'static str {
        match (self.lang, s) {
            (_, None) => " -",
            (Lang::Zh, Some(UnitStanding::OnTime)) => "已",
            (Lang::Zh, Some(UnitStanding::Late)) => "迟",
            (Lang::Zh, Some(UnitStanding::Missing)) => "缺",
            (Lang::Zh, Some(UnitStanding::Pending)) => "待",
            (Lang::En, Some(UnitStanding::OnTime)) => " +",
            (Lang::En, Some(UnitStanding::Late)) => " ~",
            (Lang::En, Some(UnitStanding::Missing)) => " x",
            (Lang::En, Some(UnitStanding::Pending)) => " .",
        }
    }

    pub fn standing_word(&self, s: UnitStanding) -> &'static str {
        self.lang.pick(s.label_zh(), s.label_en())
    }
}
