//! The import pane over the 报送 view: a headline (checking, with its
//! progress; no problem; how many problems and that nothing was
//! imported), then every problem as `FILE:LINE: column 单位: …`, the
//! warnings and the summary, scrolling. The lines are wrapped once by the
//! app (`import_pane`), which also knows how far they scroll; this only
//! draws them. The pane is as tall as its content, up to the whole body.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::popup::Popup;
use super::{cut, put};
use crate::app::import_pane::{ImportPane, LineKind, headline, pane_size};
use crate::app::state::State;
use crate::i18n::io::tr;
use crate::text::width::width;
use crate::ui::theme::Theme;

pub struct ImportPopup<'a> {
    pub state: &'a State,
    pub pane: &'a ImportPane,
    pub theme: &'a Theme,
}

impl Widget for ImportPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, pane, t) = (self.state, self.pane, self.theme);
        let lang = state.lang();
        // As tall as the content (borders, headline, a blank line, the rows),
        // at most the body; centred.
        let want = u16::try_from(pane.rows.len() + 4).unwrap_or(u16::MAX);
        let height = want.min(area.height);
        let r = Rect {
            x: area.x + 2,
            y: area.y + (area.height - height) / 2,
            width: area.width.saturating_sub(4),
            height,
        };
        let inner = Popup::new(format!(" {} ", tr(lang).import_title), t).show(r, buf);
        let (text_w, page) = pane_size(state.size);
        let x = inner.x + 1;
        let w = u16::try_from(text_w)
            .unwrap_or(inner.width)
            .min(inner.width.saturating_sub(2));
        let style = |k: LineKind| match k {
            LineKind::Heading => t.heading(),
            LineKind::Plain => t.plain(),
            LineKind::Problem => t.error(),
            LineKind::Warning => t.warning(),
        };
        let head = headline(pane, lang);
        put(
            buf,
            x,
            inner.y,
            w,
            &Line::styled(cut(&head.text, usize::from(w), t), style(head.kind)),
        );
        let top = pane.scroll.min(pane.rows.len().saturating_sub(page));
        for (i, row) in pane.rows.iter().skip(top).take(page).enumerate() {
            let y = inner.y + 2 + u16::try_from(i).unwrap_or(0);
            if y >= inner.y + inner.height {
                break;
            }
            put(
                buf,
                x,
                y,
                w,
                &Line::styled(cut(&row.text, usize::from(w), t), style(row.kind)),
            );
        }
        // More below: say so on the bottom border, as the help does.
        if top + page < pane.rows.len() && r.height > 0 {
            let more = format!(
                " j {} {}/{} ",
                lang.pick("向下", "for more"),
                top + page,
                pane.rows.len()
            );
            let mx = (r.x + r.width).saturating_sub(u16::try_from(width(&more) + 2).unwrap_or(0));
            put(
                buf,
                mx,
                r.y + r.height - 1,
                r.width,
                &Line::styled(more, t.selected()),
            );
        }
    }
}
