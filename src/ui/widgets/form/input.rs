//! One field's input in a form, by its kind: a line of text (a suggested
//! value shown selected, the resolved date or the problem beside it), a
//! choice drawn as its options, a pick field as the names picked, or a
//! multi-line text box. Its state is the cursor while it has the keyboard.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{StatefulWidget, Widget};

use super::{note_of, visible};
use crate::app::data::Data;
use crate::app::form::picker::{self as pick, Source};
use crate::app::form::text::TextBox;
use crate::app::form::{ChoiceSet, FormField, Input};
use crate::app::input::LineInput;
use crate::i18n::Lang;
use crate::text::width::width;
use crate::ui::theme::Theme;
use crate::ui::widgets::{clean, cut, put};

pub struct InputBox<'a> {
    pub field: &'a FormField,
    pub data: &'a Data,
    pub lang: Lang,
    pub focused: bool,
    /// The field's note goes beside the input (not on a row below).
    pub note_beside: bool,
    pub theme: &'a Theme,
}

impl StatefulWidget for InputBox<'_> {
    type State = Option<Position>;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let at = match &self.field.input {
            Input::Line(l) => self.line(area, buf, l),
            Input::Choice { set, index } => self.choice(area, buf, *set, *index),
            Input::Pick {
                source,
                chosen,
                multi,
            } => self.pick(area, buf, *source, chosen, *multi),
            Input::Text(tb) => self.text(area, buf, tb),
        };
        *cursor = at.filter(|_| self.focused);
    }
}

impl InputBox<'_> {
    fn line(&self, area: Rect, buf: &mut Buffer, l: &LineInput) -> Option<Position> {
        let t = self.theme;
        let room = usize::from(area.width);
        let (shown, col) = visible(l, room);
        let pad = room.saturating_sub(width(&shown));
        // A suggested date shows selected: typing replaces it.
        let style = if self.focused && self.field.fresh {
            t.selected()
        } else {
            t.selected_idle()
        };
        let mut spans = vec![Span::styled(shown.clone(), style)];
        // The note beside the input: the resolved date, or the problem.
        let note = if self.note_beside {
            note_of(self.field)
        } else {
            None
        };
        match note {
            Some((n, error)) if width(&shown) + 2 + width(&n) <= room => {
                let gap = room - width(&shown) - width(&n);
                spans.push(Span::raw(" ".repeat(gap)));
                spans.push(Span::styled(n, if error { t.error() } else { t.accent() }));
            }
            _ => spans.push(Span::styled(" ".repeat(pad.min(room)), t.selected_idle())),
        }
        put(buf, area.x, area.y, area.width, &Line::from(spans));
        Some(Position::new(
            area.x + u16::try_from(col).unwrap_or(0),
            area.y,
        ))
    }

    fn choice(
        &self,
        area: Rect,
        buf: &mut Buffer,
        set: ChoiceSet,
        index: usize,
    ) -> Option<Position> {
        let (t, lang) = (self.theme, self.lang);
        let mut spans = Vec::new();
        for i in 0..set.count() {
            let word = set.label(i, lang);
            if i == index {
                spans.push(Span::styled(format!("[{word}]"), t.selected()));
            } else {
                spans.push(Span::raw(format!(" {word} ")));
            }
            spans.push(Span::raw(" "));
        }
        if self.focused {
            spans.push(Span::styled(
                lang.pick("（←→ 切换）", "(Left/Right to change)"),
                t.accent(),
            ));
        }
        put(buf, area.x, area.y, area.width, &Line::from(spans));
        Some(Position::new(area.x + 1, area.y))
    }

    fn pick(
        &self,
        area: Rect,
        buf: &mut Buffer,
        source: Source,
        chosen: &[i64],
        multi: bool,
    ) -> Option<Position> {
        let (t, lang) = (self.theme, self.lang);
        let room = usize::from(area.width);
        let text = if chosen.is_empty() {
            let hint = if multi {
                lang.pick(
                    "（按 Enter 从列表选择，可多选）",
                    "(Enter opens the list; several allowed)",
                )
            } else {
                lang.pick("（按 Enter 从列表选择）", "(Enter opens the list)")
            };
            Span::styled(hint.to_string(), t.plain())
        } else {
            Span::styled(
                cut(&clean(&pick::labels(self.data, source, chosen)), room, t),
                t.selected_idle(),
            )
        };
        let w = width(&text.content);
        put(buf, area.x, area.y, area.width, &Line::from(text));
        let x = if chosen.is_empty() {
            0
        } else {
            w.min(room.saturating_sub(1))
        };
        Some(Position::new(
            area.x + u16::try_from(x).unwrap_or(0),
            area.y,
        ))
    }

    fn text(&self, area: Rect, buf: &mut Buffer, tb: &TextBox) -> Option<Position> {
        let t = self.theme;
        let room = usize::from(area.width);
        let ta = tb.area();
        ta.render(area, buf);
        if tb.text().is_empty() {
            let hint = self.lang.pick(
                "（可多行；Enter 换行，可粘贴）",
                "(several lines; Enter for a new line; paste works)",
            );
            put(
                buf,
                area.x,
                area.y,
                area.width,
                &Line::styled(hint, t.plain()),
            );
        }
        // An underline on the last row marks where the box ends.
        let last = area.y + area.height - 1;
        for x in area.x..area.x + area.width {
            if let Some(cell) = buf.cell_mut((x, last)) {
                cell.set_style(t.selected_idle());
            }
        }
        if !self.focused {
            return None;
        }
        let sc = ta.screen_cursor();
        let (top, left) = ta.scroll_offset();
        let row = sc.row.saturating_sub(usize::from(top));
        let col = sc.col.saturating_sub(usize::from(left));
        Some(Position::new(
            area.x + u16::try_from(col.min(room.saturating_sub(1))).unwrap_or(0),
            area.y + u16::try_from(row.min(usize::from(area.height) - 1)).unwrap_or(0),
        ))
    }
}
