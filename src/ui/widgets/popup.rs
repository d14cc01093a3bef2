//! The box every overlay is drawn in: what is under it cleared (one column
//! wider either side, so a Chinese character cut by its edge leaves no
//! half glyph), a border in the theme's characters, and a title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

use super::{centered, clear_wide};
use crate::ui::theme::Theme;

pub struct Popup<'a> {
    title: Option<Line<'a>>,
    theme: &'a Theme,
}

impl<'a> Popup<'a> {
    /// A box titled `title` (a string, or a styled span).
    pub fn new(title: impl Into<Line<'a>>, theme: &'a Theme) -> Popup<'a> {
        Popup {
            title: Some(title.into()),
            theme,
        }
    }

    pub fn untitled(theme: &'a Theme) -> Popup<'a> {
        Popup { title: None, theme }
    }

    fn block(&self) -> Block<'a> {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_set(self.theme.border());
        match &self.title {
            Some(t) => block.title(t.clone()),
            None => block,
        }
    }

    /// The inside of the box drawn at `r`.
    pub fn inner(&self, r: Rect) -> Rect {
        self.block().inner(r)
    }

    /// Draws the box at `r`; returns its inside.
    pub fn show(self, r: Rect, buf: &mut Buffer) -> Rect {
        let inner = self.inner(r);
        self.render(r, buf);
        inner
    }

    /// Draws a box of `w` x `h` centred in `area`; returns its inside.
    pub fn centered(self, area: Rect, w: u16, h: u16, buf: &mut Buffer) -> Rect {
        self.show(centered(area, w, h), buf)
    }
}

impl Widget for Popup<'_> {
    fn render(self, r: Rect, buf: &mut Buffer) {
        clear_wide(buf, r);
        self.block().render(r, buf);
    }
}

/// Writes `lines` from the top of a popup's inside `inner`, one column in
/// from either border.
pub fn text_in(buf: &mut Buffer, inner: Rect, lines: &[Line<'_>]) {
    for (i, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        super::put(buf, inner.x + 1, y, inner.width.saturating_sub(2), line);
    }
}

/// A popup `want` columns wide when the window has room (four columns to
/// spare), never narrower than 20.
pub fn popup_width(area: Rect, want: u16) -> u16 {
    want.min(area.width.saturating_sub(4)).max(20)
}
