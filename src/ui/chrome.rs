//! What surrounds the views: the tab line with the as-of date, the footer
//! (key hints generated from the keymap, a message, or the open prompt with
//! the real cursor where the user types), the `?` help generated from the
//! keymap, and the one line shown when the window is too small.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::MIN_SIZE;
use super::theme::Theme;
use super::widgets::{centered, clear_wide, cut, put};
use crate::app::keymap;
use crate::app::state::{MessageKind, PromptKind, State, View};
use crate::i18n::console::{date, too_small as too_small_text, tr};
use crate::text::width::width;

/// The tab line: views by number, the plan's name when there is room, and
/// the as-of date every figure is computed for.
pub fn header(buf: &mut Buffer, area: Rect, state: &State, t: &Theme) {
    let words = tr(state.lang());
    // While a load runs, the date says the figures are still being read.
    let as_of = if state.loading {
        format!(
            " {} {} {} ",
            words.loading,
            words.as_of,
            date(state.lang(), state.as_of)
        )
    } else {
        format!(" {} {} ", words.as_of, date(state.lang(), state.as_of))
    };
    let w = usize::from(area.width);
    let tab = |v: View, full: bool| {
        let name = words.tabs[usize::from(v.number() - 1)];
        if full {
            format!(" {} {name} ", v.number())
        } else {
            format!(" {} ", v.number())
        }
    };
    let full_width: usize = View::ALL.iter().map(|v| width(&tab(*v, true))).sum();
    let compact = full_width + width(&as_of) > w;
    let mut spans: Vec<Span<'static>> = Vec::new();
    for v in View::ALL {
        let text = tab(v, !compact || v == state.view);
        let style = if v == state.view {
            t.tab_active()
        } else {
            Style::new()
        };
        spans.push(Span::styled(text, style));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = w.saturating_sub(used + width(&as_of));
    let name = state
        .data
        .as_ref()
        .map(|d| super::widgets::clean(&d.snap.plan.action_name).into_owned())
        .unwrap_or_default();
    if room > width(&name) + 4 && !name.is_empty() {
        let gap = room - width(&name) - 2;
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(format!("{name}  "), t.plain()));
    } else {
        spans.push(Span::raw(" ".repeat(room)));
    }
    spans.push(Span::styled(as_of, t.heading()));
    put(buf, area.x, area.y, area.width, &Line::from(spans));
}

/// Rows the footer needs: two while a prompt has something to explain.
pub fn footer_height(state: &State) -> u16 {
    match state.prompt() {
        Some(p) if p.error.is_some() || p.kind == PromptKind::AsOf => 2,
        _ => 1,
    }
}

/// Draws the footer; returns where the terminal cursor belongs when the
/// user is typing.
pub fn footer(buf: &mut Buffer, area: Rect, state: &State, t: &Theme) -> Option<Position> {
    let words = tr(state.lang());
    let w = usize::from(area.width);
    let last = area.y + area.height - 1;
    if let Some(p) = state.prompt() {
        if area.height > 1 {
            let (text, style) = match &p.error {
                Some(e) => (e.as_str(), t.error()),
                None => (words.as_of_prompt_help, t.plain()),
            };
            put(
                buf,
                area.x,
                area.y,
                area.width,
                &Line::styled(cut(text, w, t), style),
            );
        }
        let label = match p.kind {
            PromptKind::Filter => words.filter_prompt,
            PromptKind::AsOf => words.as_of_prompt,
        };
        let hints = hint_text(state, t, w / 3);
        let room = w.saturating_sub(width(label) + width(&hints) + 2).max(1);
        // Scroll the input so the cursor stays in sight.
        let text = p.input.text();
        let col = p.input.cursor_column();
        let skip_cols = col.saturating_sub(room.saturating_sub(1));
        let visible = skip_columns(text, skip_cols);
        let visible = crate::text::width::truncate(&visible, room, "").into_owned();
        let pad = room.saturating_sub(width(&visible));
        let line = Line::from(vec![
            Span::styled(label.to_string(), t.heading()),
            Span::raw(visible),
            Span::raw(" ".repeat(pad + 2)),
            Span::styled(hints, t.plain()),
        ]);
        put(buf, area.x, last, area.width, &line);
        let x = area.x as usize + width(label) + col - skip_cols;
        return Some(Position::new(
            u16::try_from(x.min(usize::from(area.x + area.width - 1))).unwrap_or(area.x),
            last,
        ));
    }
    if let Some(m) = &state.message {
        let style = match m.kind {
            MessageKind::Info => t.accent(),
            MessageKind::Warning => t.warning(),
            MessageKind::Error => t.error(),
        };
        put(
            buf,
            area.x,
            last,
            area.width,
            &Line::styled(cut(&m.text, w, t), style),
        );
        return None;
    }
    let hints = hint_text(state, t, w);
    put(buf, area.x, last, area.width, &Line::raw(hints));
    None
}

/// Drops the first `cols` columns of `s` (whole characters).
fn skip_columns(s: &str, cols: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        if used >= cols {
            out.push(c);
        } else {
            used += width(c.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

/// `j/k 移动  / 筛选  ? 帮助  q 退出`, as many as fit in `w` columns.
fn hint_text(state: &State, _t: &Theme, w: usize) -> String {
    let mut out = String::new();
    for (keys, word) in keymap::hints(state) {
        let item = format!("{keys} {word}");
        let sep = if out.is_empty() { "" } else { "  " };
        if width(&out) + width(sep) + width(&item) > w {
            break;
        }
        out.push_str(sep);
        out.push_str(&item);
    }
    out
}

pub fn loading(buf: &mut Buffer, area: Rect, state: &State, t: &Theme) {
    let text = tr(state.lang()).loading;
    put(
        buf,
        area.x,
        area.y,
        area.width,
        &Line::styled(text, t.plain()),
    );
}

pub fn too_small(buf: &mut Buffer, area: Rect, state: &State, t: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = too_small_text(state.lang(), MIN_SIZE, (area.width, area.height));
    let line = Line::styled(cut(&text, usize::from(area.width), t), t.heading());
    put(buf, area.x, area.y, area.width, &line);
}

/// The keys of the current view, then the keys of every view, from the
/// keymap.
pub fn help(buf: &mut Buffer, area: Rect, state: &State, scroll: u16, t: &Theme) {
    let words = tr(state.lang());
    let lang = state.lang();
    let view_keys: Vec<_> = keymap::help_bindings(state.view)
        .into_iter()
        .filter(|b| b.scope != keymap::Scope::Global)
        .collect();
    let global: Vec<_> = keymap::help_bindings(state.view)
        .into_iter()
        .filter(|b| b.scope == keymap::Scope::Global)
        .collect();
    let key_w = view_keys
        .iter()
        .chain(&global)
        .map(|b| width(&b.keys_label()))
        .max()
        .unwrap_or(4);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let title = words.tabs[usize::from(state.view.number() - 1)];
    for (heading, list) in [
        (
            format!(
                "{}{}{title}",
                words.this_view,
                crate::i18n::console::colon(lang)
            ),
            &view_keys,
        ),
        (words.everywhere.to_string(), &global),
    ] {
        if list.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(heading, t.heading()));
        for b in list.iter() {
            let keys = crate::text::width::pad_right(&b.keys_label(), key_w);
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys}  "), t.accent()),
                Span::raw(b.describe(lang)),
            ]));
        }
    }
    let content_w = lines.iter().map(Line::width).max().unwrap_or(20);
    let w = u16::try_from(content_w + 4).unwrap_or(u16::MAX);
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let r = centered(area, w, h);
    clear_wide(buf, r);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(t.border())
        .title(format!(" {} ? ", words.keys));
    let inner = block.inner(r);
    block.render(r, buf);
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let skip = usize::from(scroll).min(max_scroll);
    for (i, line) in lines
        .iter()
        .skip(skip)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        put(buf, inner.x + 1, y, inner.width.saturating_sub(1), line);
    }
    if skip < max_scroll && r.height > 0 {
        let more = format!(" j {} ", lang.pick("向下", "for more"));
        let x = (r.x + r.width).saturating_sub(u16::try_from(width(&more) + 2).unwrap_or(0));
        put(
            buf,
            x,
            r.y + r.height - 1,
            r.width,
            &Line::styled(more, t.selected()),
        );
    }
}
