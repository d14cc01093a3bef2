//! What surrounds the views: the tab line with the as-of date, the footer
//! (key hints generated from the keymap, a message, or the open prompt with
//! the real cursor where the user types), and the one line shown when the
//! window is too small. They draw with or without loaded data.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{StatefulWidget, Widget};

use super::MIN_SIZE;
use super::theme::Theme;
use super::widgets::{clean, cut, drop_columns, put};
use crate::app::keymap;
use crate::app::state::{MessageKind, Prompt, PromptKind, State, View};
use crate::i18n::console::{date, too_small as too_small_text, tr};
use crate::text::width::{truncate, width};

/// The tab line: views by number, the plan's name when there is room, and
/// the as-of date every figure is computed for.
pub struct Header<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, t) = (self.state, self.theme);
        let words = tr(state.lang());
        let as_of = self.as_of();
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
            .map(|d| clean(&d.snap.plan.action_name).into_owned())
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
}

impl Header<'_> {
    /// ` 截至 2021年12月31日 `; while a load runs, the date says the
    /// figures are still being read.
    fn as_of(&self) -> String {
        let (state, lang) = (self.state, self.state.lang());
        let words = tr(lang);
        if state.loading {
            format!(
                " {} {} {} ",
                words.loading,
                words.as_of,
                date(lang, state.as_of)
            )
        } else {
            format!(" {} {} ", words.as_of, date(lang, state.as_of))
        }
    }
}

/// The footer: the open prompt, a message, or the keys of the view. Its
/// state is where the terminal cursor belongs while the user types.
pub struct Footer<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

impl Footer<'_> {
    /// Rows the footer needs: two while a prompt has something to explain.
    pub fn height(state: &State) -> u16 {
        match state.prompt() {
            Some(p) if p.error.is_some() || p.kind == PromptKind::AsOf => 2,
            _ => 1,
        }
    }
}

impl StatefulWidget for Footer<'_> {
    type State = Option<Position>;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let (state, t) = (self.state, self.theme);
        let w = usize::from(area.width);
        let last = area.y + area.height - 1;
        if let Some(p) = state.prompt() {
            *cursor = Some(self.prompt(area, buf, p));
            return;
        }
        if let Some(m) = &state.message {
            let style = match m.kind {
                MessageKind::Info => t.accent(),
                MessageKind::Warning => t.warning(),
                MessageKind::Error => t.error(),
            };
            let line = Line::styled(cut(&m.text, w, t), style);
            put(buf, area.x, last, area.width, &line);
            return;
        }
        let hints = hint_text(state, w);
        put(buf, area.x, last, area.width, &Line::raw(hints));
    }
}

impl Footer<'_> {
    /// The prompt on the last row (what is wrong, or how to write a date,
    /// above it when there are two); returns the cursor.
    fn prompt(&self, area: Rect, buf: &mut Buffer, p: &Prompt) -> Position {
        let (state, t) = (self.state, self.theme);
        let words = tr(state.lang());
        let w = usize::from(area.width);
        let last = area.y + area.height - 1;
        if area.height > 1 {
            let (text, style) = match &p.error {
                Some(e) => (e.as_str(), t.error()),
                None => (words.as_of_prompt_help, t.plain()),
            };
            let line = Line::styled(cut(text, w, t), style);
            put(buf, area.x, area.y, area.width, &line);
        }
        let label = match p.kind {
            PromptKind::Filter => words.filter_prompt,
            PromptKind::AsOf => words.as_of_prompt,
        };
        let hints = hint_text(state, w / 3);
        let room = w.saturating_sub(width(label) + width(&hints) + 2).max(1);
        // Scroll the input so the cursor stays in sight.
        let text = p.input.text();
        let col = p.input.cursor_column();
        let skip_cols = col.saturating_sub(room.saturating_sub(1));
        let visible = drop_columns(text, skip_cols);
        let visible = truncate(&visible, room, "").into_owned();
        let pad = room.saturating_sub(width(&visible));
        let line = Line::from(vec![
            Span::styled(label.to_string(), t.heading()),
            Span::raw(visible),
            Span::raw(" ".repeat(pad + 2)),
            Span::styled(hints, t.plain()),
        ]);
        put(buf, area.x, last, area.width, &line);
        let x = area.x as usize + width(label) + col - skip_cols;
        Position::new(
            u16::try_from(x.min(usize::from(area.x + area.width - 1))).unwrap_or(area.x),
            last,
        )
    }
}

/// `j/k 移动  / 筛选  ? 帮助  q 退出`, as many as fit in `w` columns.
fn hint_text(state: &State, w: usize) -> String {
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

/// 读取中 where the view will be, until the data is loaded.
pub struct Loading<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

impl Widget for Loading<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let text = tr(self.state.lang()).loading;
        let line = Line::styled(text, self.theme.plain());
        put(buf, area.x, area.y, area.width, &line);
    }
}

/// The one line shown when the window is smaller than [`MIN_SIZE`].
pub struct TooSmall<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

impl Widget for TooSmall<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let t = self.theme;
        let text = too_small_text(self.state.lang(), MIN_SIZE, (area.width, area.height));
        let line = Line::styled(cut(&text, usize::from(area.width), t), t.heading());
        put(buf, area.x, area.y, area.width, &line);
    }
}
