//! Drawing a form: a popup with one row per field — its label, what is
//! typed (underlined, scrolled to keep the cursor in sight), and beside it
//! the date a typed `月底` resolves to or what is wrong — a multi-line text
//! box for report text, a choice drawn as its options, a pick field as the
//! names picked, with its filtering list over the form when open. Returns
//! where the real terminal cursor belongs, measured in columns, so that an
//! input method's candidate window opens where the user types.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::Theme;
use super::widgets::{clean, clear_wide, cut, put};
use crate::app::data::Data;
use crate::app::form::picker::{self, Picker};
use crate::app::form::{Form, FormField, Input};
use crate::app::input::LineInput;
use crate::app::state::State;
use crate::i18n::Lang;
use crate::i18n::edit as words;
use crate::text::width::{pad_right, truncate, width};

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
    let mut used = 0;
    let mut out = String::new();
    for ch in text.chars() {
        if used >= skip {
            out.push(ch);
        } else {
            used += width(ch.encode_utf8(&mut [0; 4]));
        }
    }
    let shown = truncate(&out, room, "").into_owned();
    (shown, col.saturating_sub(skip).min(room))
}

/// One field's rows: the field row(s), then a line for a message below it.
struct Block1 {
    field: usize,
    height: u16,
    below: Option<(String, bool)>,
}

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
        Input::Pick { source, chosen, .. } => picker::labels(data, *source, chosen),
        Input::Choice { set, index } => set.label(*index, lang).to_string(),
        Input::Text(t) => t.text(),
    }
}

/// Draws the form; returns the cursor position.
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    data: &Data,
    form: &Form,
    t: &Theme,
) -> Option<Position> {
    let lang = state.lang();
    let outer = popup(area);
    if outer.width < 24 || outer.height < 5 {
        return None;
    }
    // Inside the border, a column of padding either side.
    let w = usize::from(outer.width - 4);
    // Indicator values have long labels of their own; the other labels
    // set the column.
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
    // Heights: one row per field, a row below for a long note or an
    // error; the text boxes share what is left.
    let mut blocks: Vec<Block1> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let text_w = width(&field_text(f, data, lang));
            let below = note_of(f).filter(|(n, _)| {
                f.error.is_some()
                    || text_w + 2 + width(n) > room
                    || matches!(f.input, Input::Text(_))
            });
            Block1 {
                field: i,
                height: 1,
                below,
            }
        })
        .collect();
    let texts = form
        .fields
        .iter()
        .filter(|f| matches!(f.input, Input::Text(_)))
        .count();
    let fixed: u16 = blocks
        .iter()
        .map(|b| b.height + u16::from(b.below.is_some()))
        .sum();
    // The last row says what is wrong with the form as a whole.
    let error_row = u16::from(form.error.is_some());
    let max_body = outer.height.saturating_sub(2 + error_row);
    let mut natural = fixed;
    if texts > 0 {
        let n = u16::try_from(texts).unwrap_or(1);
        let each = (max_body.saturating_sub(fixed) / n).clamp(TEXT_MIN, TEXT_MAX);
        for b in &mut blocks {
            if matches!(form.fields[b.field].input, Input::Text(_)) {
                b.height = each;
            }
        }
        natural += (each - 1) * n;
    }
    let body_h = natural.min(max_body);
    let h = (body_h + error_row + 2).min(outer.height);
    let r = Rect {
        y: outer.y + (outer.height - h) / 2,
        height: h,
        ..outer
    };
    clear_wide(buf, r);
    let title = format!(
        " {} ",
        cut(&clean(&form.title), usize::from(r.width) - 4, t)
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(t.border())
        .title(Span::styled(title, t.heading()));
    let inner = block.inner(r);
    block.render(r, buf);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let input_x = inner.x + u16::try_from(label_w + 2).unwrap_or(0);
    // Scroll so the focused field is whole on screen.
    let tops: Vec<u16> = blocks
        .iter()
        .scan(0u16, |y, b| {
            let top = *y;
            *y += b.height + u16::from(b.below.is_some());
            Some(top)
        })
        .collect();
    let total: u16 = blocks
        .iter()
        .map(|b| b.height + u16::from(b.below.is_some()))
        .sum();
    let focus_block = blocks
        .iter()
        .position(|b| b.field == form.focus)
        .unwrap_or(0);
    let focus_end = tops.get(focus_block).copied().unwrap_or(0)
        + blocks
            .get(focus_block)
            .map_or(1, |b| b.height + u16::from(b.below.is_some()));
    let offset = if total <= body_h {
        0
    } else {
        focus_end.saturating_sub(body_h)
    };
    let mut cursor = None;
    let mut picker_at: Option<u16> = None;
    for (b, top) in blocks.iter().zip(&tops) {
        let Some(rel) = top.checked_sub(offset) else {
            continue;
        };
        let h = b.height + u16::from(b.below.is_some());
        if rel + h > body_h {
            break;
        }
        let y = inner.y + rel;
        let f = &form.fields[b.field];
        let focused = b.field == form.focus;
        let label_style = if focused { t.selected() } else { t.heading() };
        let limit = if f.indicator.is_some() {
            w / 2
        } else {
            label_w
        };
        let label = cut(&f.label, limit, t);
        let mut spans = vec![Span::styled(label.clone(), label_style)];
        if f.required {
            spans.push(Span::styled("*", t.error()));
        }
        put(buf, inner.x, y, inner.width, &Line::from(spans));
        // Values line up with each other, as wide as their labels need
        // (within half the form).
        let (input_x, room) = match f.indicator {
            Some(_) => (
                inner.x + u16::try_from(value_w + 2).unwrap_or(0),
                w.saturating_sub(value_w + 2),
            ),
            None => (input_x, room),
        };
        let field_area = Rect {
            x: input_x,
            y,
            width: u16::try_from(room).unwrap_or(0),
            height: b.height,
        };
        let c = draw_input(
            buf,
            field_area,
            f,
            data,
            lang,
            focused,
            b.below.is_none(),
            t,
        );
        if focused {
            cursor = c;
            picker_at = Some(y);
        }
        if let Some((text, error)) = &b.below {
            let style = if *error { t.error() } else { t.accent() };
            put(
                buf,
                input_x,
                y + b.height,
                u16::try_from(room).unwrap_or(0),
                &Line::styled(cut(text, room, t), style),
            );
        }
    }
    if let Some(e) = &form.error {
        let last = inner.y + inner.height - 1;
        put(
            buf,
            inner.x,
            last,
            inner.width,
            &Line::styled(cut(e, w, t), t.error()),
        );
    }
    if let (Some(p), Some(y)) = (&form.picker, picker_at) {
        return draw_picker(buf, area, input_x, y, p, form, state, data, t);
    }
    cursor
}

/// One field's input; returns the cursor when it has the keyboard.
#[allow(clippy::too_many_arguments)]
fn draw_input(
    buf: &mut Buffer,
    area: Rect,
    f: &FormField,
    data: &Data,
    lang: Lang,
    focused: bool,
    note_beside: bool,
    t: &Theme,
) -> Option<Position> {
    let room = usize::from(area.width);
    match &f.input {
        Input::Line(l) => {
            let (shown, col) = visible(l, room);
            let pad = room.saturating_sub(width(&shown));
            // A suggested date shows selected: typing replaces it.
            let style = if focused && f.fresh {
                t.selected()
            } else {
                t.selected_idle()
            };
            let mut spans = vec![Span::styled(shown.clone(), style)];
            // The note beside the input: the resolved date, or the problem.
            let note = if note_beside { note_of(f) } else { None };
            match note {
                Some((n, error)) if width(&shown) + 2 + width(&n) <= room => {
                    let gap = room - width(&shown) - width(&n);
                    spans.push(Span::raw(" ".repeat(gap)));
                    spans.push(Span::styled(n, if error { t.error() } else { t.accent() }));
                }
                _ => spans.push(Span::styled(" ".repeat(pad.min(room)), t.selected_idle())),
            }
            put(buf, area.x, area.y, area.width, &Line::from(spans));
            focused.then(|| Position::new(area.x + u16::try_from(col).unwrap_or(0), area.y))
        }
        Input::Choice { set, index } => {
            let mut spans = Vec::new();
            for i in 0..set.count() {
                let word = set.label(i, lang);
                if i == *index {
                    spans.push(Span::styled(format!("[{word}]"), t.selected()));
                } else {
                    spans.push(Span::raw(format!(" {word} ")));
                }
                spans.push(Span::raw(" "));
            }
            if focused {
                spans.push(Span::styled(
                    lang.pick("（←→ 切换）", "(Left/Right to change)"),
                    t.accent(),
                ));
            }
            put(buf, area.x, area.y, area.width, &Line::from(spans));
            focused.then(|| Position::new(area.x + 1, area.y))
        }
        Input::Pick {
            source,
            chosen,
            multi,
        } => {
            let text = if chosen.is_empty() {
                let hint = if *multi {
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
                    cut(&clean(&picker::labels(data, *source, chosen)), room, t),
                    t.selected_idle(),
                )
            };
            let w = width(&text.content);
            put(buf, area.x, area.y, area.width, &Line::from(text));
            focused.then(|| {
                let x = if chosen.is_empty() {
                    0
                } else {
                    w.min(room.saturating_sub(1))
                };
                Position::new(area.x + u16::try_from(x).unwrap_or(0), area.y)
            })
        }
        Input::Text(tb) => {
            let ta = tb.area();
            ta.render(area, buf);
            if tb.text().is_empty() {
                let hint = lang.pick(
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
            if !focused {
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
}

/// The pick list under (or over) its field: the filter line and the items.
#[allow(clippy::too_many_arguments)]
fn draw_picker(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    field_y: u16,
    p: &Picker,
    form: &Form,
    state: &State,
    data: &Data,
    t: &Theme,
) -> Option<Position> {
    let lang = state.lang();
    let items = picker::items(data, p.source, p.query.text(), state.as_of);
    let chosen: &[i64] = match form.fields.get(p.field).map(|f| &f.input) {
        Some(Input::Pick { chosen, .. }) => chosen,
        _ => &[],
    };
    let w = area
        .width
        .saturating_sub(x - area.x)
        .clamp(24, 56)
        .min(area.width);
    let x = x.min(area.x + area.width - w);
    let list_h = u16::try_from(items.len().max(1))
        .unwrap_or(u16::MAX)
        .min(10);
    let h = list_h + 4;
    let below = field_y + 1;
    let y = if below + h <= area.y + area.height {
        below
    } else {
        (area.y + area.height).saturating_sub(h).max(area.y)
    };
    let r = Rect {
        x,
        y,
        width: w,
        height: h.min(area.height),
    };
    clear_wide(buf, r);
    let block = Block::new().borders(Borders::ALL).border_set(t.border());
    let inner = block.inner(r);
    block.render(r, buf);
    let iw = usize::from(inner.width);
    let label = lang.pick("筛选：", "Filter: ");
    let (shown, col) = visible(&p.query, iw.saturating_sub(width(label)));
    put(
        buf,
        inner.x,
        inner.y,
        inner.width,
        &Line::from(vec![Span::styled(label, t.heading()), Span::raw(shown)]),
    );
    put(
        buf,
        inner.x,
        inner.y + 1,
        inner.width,
        &Line::styled(cut(words::source(lang, p.source), iw, t), t.plain()),
    );
    let rows = usize::from(inner.height.saturating_sub(2));
    if items.is_empty() {
        put(
            buf,
            inner.x,
            inner.y + 2,
            inner.width,
            &Line::raw(words::no_match(lang)),
        );
    }
    let sel = p.cursor.min(items.len().saturating_sub(1));
    let top = super::widgets::scroll(0, sel, rows, items.len());
    for (i, item) in items.iter().enumerate().skip(top).take(rows) {
        // `*` rather than a check mark: it is one column on every terminal.
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
        let line = pad_right(&cut(&text, iw, t), iw);
        put(
            buf,
            inner.x,
            inner.y + 2 + u16::try_from(i - top).unwrap_or(0),
            inner.width,
            &Line::styled(line, style),
        );
    }
    Some(Position::new(
        inner.x + u16::try_from(width(label) + col).unwrap_or(0),
        inner.y,
    ))
}
