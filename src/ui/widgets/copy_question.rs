//! The question before a long copy (`y` in 导出): how much would go to the
//! clipboard over the terminal, and whether tmux or the size refuses it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::popup::{Popup, popup_width, text_in};
use super::wrapped;
use crate::app::export_view::COPY_MAX_BASE64;
use crate::app::io_modal::CopyWarning;
use crate::app::state::State;
use crate::i18n::io::{self as words, tr};
use crate::ui::theme::Theme;

pub struct CopyPopup<'a> {
    pub state: &'a State,
    pub warning: &'a CopyWarning,
    pub theme: &'a Theme,
}

impl Widget for CopyPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (c, t) = (self.warning, self.theme);
        let lang = self.state.lang();
        let pw = popup_width(area, 72);
        let text_w = usize::from(pw.saturating_sub(4));
        let mut lines: Vec<Line<'static>> = Vec::new();
        let refused = c.encoded > COPY_MAX_BASE64;
        let paras = words::copy_warning(lang, c.bytes, c.encoded, refused, self.state.export.tmux);
        for (i, para) in paras.iter().enumerate() {
            let style = if i == 0 { t.heading() } else { t.plain() };
            for l in wrapped(para, text_w) {
                lines.push(Line::styled(l, style));
            }
        }
        let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let title = format!(" {} ", tr(lang).copy_title);
        let inner = Popup::new(title, t).centered(area, pw, h, buf);
        text_in(buf, inner, &lines);
    }
}
