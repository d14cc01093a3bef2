//! Drawing a form: a popup with one row per field — its label, what is
//! typed (underlined, scrolled to keep the cursor in sight), and beside it
//! the date a typed `月底` resolves to or what is wrong — a multi-line text
//! box for report text, a choice drawn as its options, a pick field as the
//! names picked (`input`), with its filtering list over the form when open
//! (`picker`). Its state is where the real terminal cursor belongs,
//! measured in columns, so that an input method's candidate window opens
//! where the user types.

mod input;
mod picker;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;

use super::popup::Popup;
use super::{clean, cut, drop_columns, put};
use crate::app::data::Data;
use crate::app::form::picker as pick;
use crate::app::form::{Form, FormField, Input};
use crate::app::input::LineInput;
use crate::app::state::State;
use crate::i18n::Lang;
use crate::text::width::{truncate, width};
use crate::ui::theme::Theme;
use input::InputBox;
use picker::PickerPopup;

/// Rows a multi-line field takes at least.
const TEXT_MIN: u16 = 3;
/// Rows a multi-line field takes at most (it scrolls).
const TEXT_MAX: u16 = 12;

/// The popup a form is drawn in: most of the body, at most 100 columns.
pub fn popup(area: Rect) -> Rect {
    let w = area.width.min(100);
    Rect {
        x: area.x + (area.width - w) / 2,
        width: w,
        ..area
    }
}

/// The visible part of a one-line input of `room` columns, and the cursor
/// column within it.
pub fn visible(input: &LineInput, room: usize) -> (String, usize) {
    let text = clean(input.text()).into_owned();
    let col = input.cursor_column();
    let skip = col.saturating_sub(room.saturating_sub(1));
    let shown = truncate(&drop_columns(&text, skip), room, "").into_owned();
    (shown, col.saturating_sub(skip).min(room))
}

/// The message under a field, or beside it when it fits: the problem, or
/// the note (and whether the note is one).
fn note_of(f: &FormField) -> Option<(String, bool)> {
    match (&f.error, &f.note) {
        (Some(e), _) => Some((e.clone(), true)),
        (None, Some(n)) => Some((n.text.clone(), n.error)),
        _ => None,
    }
}

fn field_text(f: &FormField, data: &Data, lang: Lang) -> String {
    match &f.input {
        Input::Line(l) => l.text().to_string(),
        Input::Pick { source, chosen, .. } => pick::labels(data, *source, chosen),
        Input::Choice { set, index } => set.label(*index, lang).to_string(),
        Input::Text(t) => t.text(),
    }
}

/// One field's rows: the field row(s), then a line for a message below it.
struct FieldBlock {
    field: usize,
    height: u16,
    below: Option<(String, bool)>,
}

impl FieldBlock {
    fn rows(&self) -> u16 {
        self.height + u16::from(self.below.is_some())
    }
}

/// Where everything of a form goes in the popup's column `outer`.
struct Layout {
    /// The text's width inside the border and a column of padding.
    w: usize,
    /// The labels' column, and the inputs' width after it.
    label_w: usize,
    room: usize,
    /// The labels' column of indicator values (long labels of their own).
    value_w: usize,
    blocks: Vec<FieldBlock>,
    /// Rows of the fields on screen, and the popup's rectangle.
    body_h: u16,
    popup: Rect,
}

impl Layout {
    fn new(form: &Form, data: &Data, lang: Lang, outer: Rect) -> Layout {
        let w = usize::from(outer.width - 4);
        // Indicator values have long labels of their own; the other
        // labels set the column.
        let label_w = form
            .fields
            .iter()
            .filter(|f| f.indicator.is_none())
            .map(|f| width(&f.label))
            .max()
            .unwrap_or(4)
            .min(w * 2 / 5);
        let room = w.saturating_sub(label_w + 2);
        let value_w = form
            .fields
            .iter()
            .filter(|f| f.indicator.is_some())
            .map(|f| width(&f.label))
            .max()
            .unwrap_or(0)
            .max(label_w)
            .min(w / 2);
        let mut blocks = field_blocks(form, data, lang, room);
        // The last row says what is wrong with the form as a whole.
        let error_row = u16::from(form.error.is_some());
        let max_body = outer.height.saturating_sub(2 + error_row);
        let natural = share_text_rows(form, &mut blocks, max_body);
        let body_h = natural.min(max_body);
        let h = (body_h + error_row + 2).min(outer.height);
        let popup = Rect {
            y: outer.y + (outer.height - h) / 2,
            height: h,
            ..outer
        };
        Layout {
            w,
            label_w,
            room,
            value_w,
            blocks,
            body_h,
            popup,
        }
    }

    /// Each block's first row, from the top of the fields.
    fn tops(&self) -> Vec<u16> {
        self.blocks
            .iter()
            .scan(0u16, |y, b| {
                let top = *y;
                *y += b.rows();
                Some(top)
            })
            .collect()
    }

    /// Rows scrolled off the top so the focused field is whole on screen.
    fn offset(&self, tops: &[u16], focus: usize) -> u16 {
        let total: u16 = self.blocks.iter().map(FieldBlock::rows).sum();
        let focus_block = self
            .blocks
            .iter()
            .position(|b| b.field == focus)
            .unwrap_or(0);
        let focus_end = tops.get(focus_block).copied().unwrap_or(0)
            + self.blocks.get(focus_block).map_or(1, FieldBlock::rows);
        if total <= self.body_h {
            0
        } else {
            focus_end.saturating_sub(self.body_h)
        }
    }
}

/// One row per field, and a row below for a long note or an error.
fn field_blocks(form: &Form, data: &Data, lang: Lang, room: usize) -> Vec<FieldBlock> {
    form.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let text_w = width(&field_text(f, data, lang));
            let below = note_of(f).filter(|(n, _)| {
                f.error.is_some()
                    || text_w + 2 + width(n) > room
                    || matches!(f.input, Input::Text(_))
            });
            FieldBlock {
                field: i,
                height: 1,
                below,
            }
        })
        .collect()
}

/// The text boxes share what the other rows leave of `max_body`, each
/// between TEXT_MIN and TEXT_MAX rows; returns the rows all the fields
/// would take.
fn share_text_rows(form: &Form, blocks: &mut [FieldBlock], max_body: u16) -> u16 {
    let is_text = |i: usize| matches!(form.fields[i].input, Input::Text(_));
    let texts = form
        .fields
        .iter()
        .filter(|f| matches!(f.input, Input::Text(_)))
        .count();
    let fixed: u16 = blocks.iter().map(FieldBlock::rows).sum();
    if texts == 0 {
        return fixed;
    }
    let n = u16::try_from(texts).unwrap_or(1);
    let each = (max_body.saturating_sub(fixed) / n).clamp(TEXT_MIN, TEXT_MAX);
    for b in blocks.iter_mut().filter(|b| is_text(b.field)) {
        b.height = each;
    }
    fixed + (each - 1) * n
}

pub struct FormPopup<'a> {
    pub state: &'a State,
    pub data: &'a Data,
    pub form: &'a Form,
    pub theme: &'a Theme,
}

impl StatefulWidget for FormPopup<'_> {
    type State = Option<Position>;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let (form, t) = (self.form, self.theme);
        let outer = popup(area);
        if outer.width < 24 || outer.height < 5 {
            return;
        }
        let layout = Layout::new(form, self.data, self.state.lang(), outer);
        let r = layout.popup;
        let title = format!(
            " {} ",
            cut(&clean(&form.title), usize::from(r.width) - 4, t)
        );
        let inner = Popup::new(Span::styled(title, t.heading()), t).show(r, buf);
        let inner = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            ..inner
        };
        let tops = layout.tops();
        let offset = layout.offset(&tops, form.focus);
        let mut picker_at: Option<u16> = None;
        for (b, top) in layout.blocks.iter().zip(&tops) {
            let Some(rel) = top.checked_sub(offset) else {
                continue;
            };
            if rel + b.rows() > layout.body_h {
                break;
            }
            let y = inner.y + rel;
            let at = self.field(buf, &layout, inner, b, y);
            if b.field == form.focus {
                *cursor = at;
                picker_at = Some(y);
            }
        }
        if let Some(e) = &form.error {
            let last = inner.y + inner.height - 1;
            let line = Line::styled(cut(e, layout.w, t), t.error());
            put(buf, inner.x, last, inner.width, &line);
        }
        if let (Some(p), Some(field_y)) = (&form.picker, picker_at) {
            *cursor = None;
            PickerPopup {
                state: self.state,
                data: self.data,
                form,
                picker: p,
                x: inner.x + u16::try_from(layout.label_w + 2).unwrap_or(0),
                field_y,
                theme: t,
            }
            .render(area, buf, cursor);
        }
    }
}

impl FormPopup<'_> {
    /// A field's row(s) at `y`: its label (`*` when required), its input,
    /// and the message below it; returns the cursor when it has the
    /// keyboard.
    fn field(
        &self,
        buf: &mut Buffer,
        layout: &Layout,
        inner: Rect,
        b: &FieldBlock,
        y: u16,
    ) -> Option<Position> {
        let t = self.theme;
        let f = &self.form.fields[b.field];
        let focused = b.field == self.form.focus;
        let label_style = if focused { t.selected() } else { t.heading() };
        let limit = if f.indicator.is_some() {
            layout.w / 2
        } else {
            layout.label_w
        };
        let mut spans = vec![Span::styled(cut(&f.label, limit, t), label_style)];
        if f.required {
            spans.push(Span::styled("*", t.error()));
        }
        put(buf, inner.x, y, inner.width, &Line::from(spans));
        // Values line up with each other, as wide as their labels need
        // (within half the form).
        let (label_w, room) = match f.indicator {
            Some(_) => (layout.value_w, layout.w.saturating_sub(layout.value_w + 2)),
            None => (layout.label_w, layout.room),
        };
        let input_area = Rect {
            x: inner.x + u16::try_from(label_w + 2).unwrap_or(0),
            y,
            width: u16::try_from(room).unwrap_or(0),
            height: b.height,
        };
        let mut at = None;
        InputBox {
            field: f,
            data: self.data,
            lang: self.state.lang(),
            focused,
            note_beside: b.below.is_none(),
            theme: t,
        }
        .render(input_area, buf, &mut at);
        if let Some((text, error)) = &b.below {
            let style = if *error { t.error() } else { t.accent() };
            let line = Line::styled(cut(text, room, t), style);
            put(buf, input_area.x, y + b.height, input_area.width, &line);
        }
        at
    }
}
