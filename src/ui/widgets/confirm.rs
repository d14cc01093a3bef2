//! The questions editing asks: delete this (and what goes with it)?
//! reopen this milestone? throw away what was typed? A small popup with
//! the sentence wrapped the Chinese way and the keys that answer it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::popup::Popup;
use super::{put, wrapped};
use crate::app::edit::{Confirm, Overlay};
use crate::app::state::State;
use crate::i18n::edit as words;
use crate::ui::theme::Theme;

pub struct ConfirmPopup<'a> {
    pub state: &'a State,
    pub overlay: &'a Overlay,
    pub theme: &'a Theme,
}

impl Widget for ConfirmPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let lang = self.state.lang();
        let (title, text, keys) = match self.overlay {
            Overlay::Discard => (
                lang.pick("取消", "Cancel").to_string(),
                words::discard(lang).to_string(),
                words::discard_keys(lang),
            ),
            Overlay::Confirm(Confirm { title, text, .. }) => {
                (title.clone(), text.clone(), words::confirm_keys(lang))
            }
            Overlay::Conflict(_) => return,
        };
        let w = area.width.clamp(20, 64).min(area.width);
        let text_w = usize::from(w.saturating_sub(4));
        let mut lines: Vec<Line<'static>> =
            wrapped(&text, text_w).into_iter().map(Line::raw).collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(keys.to_string(), t.accent()));
        let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let title = Span::styled(format!(" {title} "), t.heading());
        let inner = Popup::new(title, t).centered(area, w, h, buf);
        for (i, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
            let y = inner.y + u16::try_from(i).unwrap_or(0);
            put(buf, inner.x + 1, y, inner.width.saturating_sub(1), line);
        }
    }
}
