//! A one-line text field after its label (the path, width and filter
//! prompts), scrolled sideways so the cursor stays in sight; its state is
//! where the real terminal cursor belongs, counted in columns so that an
//! input method opens its window where the user types.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;

use super::{put, skip_columns};
use crate::app::input::LineInput;
use crate::text::sanitize::for_display;
use crate::text::width::{truncate, width};
use crate::ui::theme::Theme;

pub struct Field<'a> {
    pub label: &'a str,
    pub input: &'a LineInput,
    pub theme: &'a Theme,
}

impl StatefulWidget for Field<'_> {
    type State = Option<Position>;

    /// Draws on the first row of `area`.
    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let Rect { x, y, width: w, .. } = area;
        let room = usize::from(w).saturating_sub(width(self.label) + 1).max(1);
        let col = self.input.cursor_column();
        let skip = col.saturating_sub(room.saturating_sub(1));
        let visible = skip_columns(&for_display(self.input.text()), skip);
        let visible = truncate(visible.trim_start(), room, "").into_owned();
        let line = Line::from(vec![
            Span::styled(self.label.to_string(), self.theme.heading()),
            Span::raw(visible),
        ]);
        put(buf, x, y, w, &line);
        let cx = usize::from(x) + width(self.label) + col - skip;
        *cursor = Some(Position::new(
            u16::try_from(cx.min(usize::from(x + w).saturating_sub(1))).unwrap_or(x),
            y,
        ));
    }
}
