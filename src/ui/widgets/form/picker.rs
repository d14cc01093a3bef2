//! The pick list of a form field, under the field (or over it when there
//! is no room below): the filter line with the cursor, what is listed,
//! and the items — `*` before those picked, 已终止 after ended units. Its
//! state is the cursor in the filter line.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;

use super::visible;
use crate::app::data::Data;
use crate::app::form::picker::{self as pick, Picker};
use crate::app::form::{Form, Input};
use crate::app::state::State;
use crate::i18n::edit as words;
use crate::text::width::{pad_right, width};
use crate::ui::theme::Theme;
use crate::ui::widgets::popup::Popup;
use crate::ui::widgets::{clean, cut, put, scroll};

pub struct PickerPopup<'a> {
    pub state: &'a State,
    pub data: &'a Data,
    pub form: &'a Form,
    pub picker: &'a Picker,
    /// Where the field's input starts, and the field's row.
    pub x: u16,
    pub field_y: u16,
    pub theme: &'a Theme,
}

impl StatefulWidget for PickerPopup<'_> {
    type State = Option<Position>;

    /// Draws within `area` (the body).
    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let (p, t) = (self.picker, self.theme);
        let lang = self.state.lang();
        let items = pick::items(self.data, p.source, p.query.text(), self.state.as_of);
        let list_h = u16::try_from(items.len().max(1))
            .unwrap_or(u16::MAX)
            .min(10);
        let r = self.place(area, list_h + 4);
        let inner = Popup::untitled(t).show(r, buf);
        let iw = usize::from(inner.width);
        let label = lang.pick("筛选：", "Filter: ");
        let (shown, col) = visible(&p.query, iw.saturating_sub(width(label)));
        let filter = Line::from(vec![Span::styled(label, t.heading()), Span::raw(shown)]);
        put(buf, inner.x, inner.y, inner.width, &filter);
        let source = Line::styled(cut(words::source(lang, p.source), iw, t), t.plain());
        put(buf, inner.x, inner.y + 1, inner.width, &source);
        let rows = usize::from(inner.height.saturating_sub(2));
        if items.is_empty() {
            let line = Line::raw(words::no_match(lang));
            put(buf, inner.x, inner.y + 2, inner.width, &line);
        }
        let chosen: &[i64] = match self.form.fields.get(p.field).map(|f| &f.input) {
            Some(Input::Pick { chosen, .. }) => chosen,
            _ => &[],
        };
        let sel = p.cursor.min(items.len().saturating_sub(1));
        let top = scroll(0, sel, rows, items.len());
        for (i, item) in items.iter().enumerate().skip(top).take(rows) {
            // `*` rather than a check mark: it is one column on every
            // terminal.
            let mark = if chosen.contains(&item.id) {
                "* "
            } else {
                "  "
            };
            let mut text = format!("{mark}{}", clean(&item.label));
            if item.ended {
                text.push_str(words::ended(lang));
            }
            let mut style = if item.ended { t.plain() } else { Style::new() };
            if i == sel {
                style = t.selected();
            }
            let line = Line::styled(pad_right(&cut(&text, iw, t), iw), style);
            let y = inner.y + 2 + u16::try_from(i - top).unwrap_or(0);
            put(buf, inner.x, y, inner.width, &line);
        }
        *cursor = Some(Position::new(
            inner.x + u16::try_from(width(label) + col).unwrap_or(0),
            inner.y,
        ));
    }
}

impl PickerPopup<'_> {
    /// The list's box, `h` rows high: from the field's input, under the
    /// field when it fits in `area`, else as low as it fits.
    fn place(&self, area: Rect, h: u16) -> Rect {
        let w = area
            .width
            .saturating_sub(self.x - area.x)
            .clamp(24, 56)
            .min(area.width);
        let x = self.x.min(area.x + area.width - w);
        let below = self.field_y + 1;
        let y = if below + h <= area.y + area.height {
            below
        } else {
            (area.y + area.height).saturating_sub(h).max(area.y)
        };
        Rect {
            x,
            y,
            width: w,
            height: h.min(area.height),
        }
    }
}
