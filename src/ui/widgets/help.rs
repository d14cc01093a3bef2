//! The `?` help: the keys of the current view, then the keys of every
//! view, generated from the keymap, in a popup that scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::popup::Popup;
use super::put;
use crate::app::keymap::{self, Scope};
use crate::app::state::State;
use crate::i18n::console::{colon, tr};
use crate::text::width::{pad_right, width};
use crate::ui::theme::Theme;

pub struct HelpPopup<'a> {
    pub state: &'a State,
    pub scroll: u16,
    pub theme: &'a Theme,
}

impl Widget for HelpPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (t, lang) = (self.theme, self.state.lang());
        let lines = self.lines();
        let content_w = lines.iter().map(Line::width).max().unwrap_or(20);
        let w = u16::try_from(content_w + 4).unwrap_or(u16::MAX);
        let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let title = format!(" {} ? ", tr(lang).keys);
        let r = super::centered(area, w, h);
        let inner = Popup::new(title, t).show(r, buf);
        let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
        let skip = usize::from(self.scroll).min(max_scroll);
        let shown = lines.iter().skip(skip).take(usize::from(inner.height));
        for (i, line) in shown.enumerate() {
            let y = inner.y + u16::try_from(i).unwrap_or(0);
            put(buf, inner.x + 1, y, inner.width.saturating_sub(1), line);
        }
        if skip < max_scroll && r.height > 0 {
            let more = format!(" j {} ", lang.pick("向下", "for more"));
            let x = (r.x + r.width).saturating_sub(u16::try_from(width(&more) + 2).unwrap_or(0));
            let line = Line::styled(more, t.selected());
            put(buf, x, r.y + r.height - 1, r.width, &line);
        }
    }
}

impl HelpPopup<'_> {
    /// 本视图 and its keys, then 所有视图 and theirs.
    fn lines(&self) -> Vec<Line<'static>> {
        let (state, t, lang) = (self.state, self.theme, self.state.lang());
        let words = tr(lang);
        let (global, view_keys): (Vec<_>, Vec<_>) = keymap::help_bindings(state.view)
            .into_iter()
            .partition(|b| b.scope == Scope::Global);
        let key_w = view_keys
            .iter()
            .chain(&global)
            .map(|b| width(&b.keys_label()))
            .max()
            .unwrap_or(4);
        let title = words.tabs[usize::from(state.view.number() - 1)];
        let this_view = format!("{}{}{title}", words.this_view, colon(lang));
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (heading, list) in [
            (this_view, &view_keys),
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
                let keys = pad_right(&b.keys_label(), key_w);
                lines.push(Line::from(vec![
                    Span::styled(format!(" {keys}  "), t.accent()),
                    Span::raw(b.describe(lang)),
                ]));
            }
        }
        lines
    }
}
