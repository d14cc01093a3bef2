//! The width prompt of the export view (`n` in 导出): what wrapping does,
//! the narrowest width the template can be laid out for, and what is wrong
//! with a typed width.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::StatefulWidget;

use super::field::Field;
use super::popup::{Popup, popup_width, text_in};
use super::wrapped;
use crate::app::data::Data;
use crate::app::io_modal::WrapPrompt;
use crate::app::state::State;
use crate::export::{ExportError, ExportOptions, Template};
use crate::i18n::io::{self as words, tr};
use crate::ui::theme::Theme;

pub struct WrapPopup<'a> {
    pub state: &'a State,
    pub prompt: &'a WrapPrompt,
    pub theme: &'a Theme,
}

impl StatefulWidget for WrapPopup<'_> {
    type State = Option<Position>;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let (state, t) = (self.state, self.theme);
        let lang = state.lang();
        let io = tr(lang);
        let pw = popup_width(area, 64);
        let text_w = usize::from(pw.saturating_sub(4));
        let mut lines: Vec<Line<'static>> = vec![Line::raw("")];
        for l in wrapped(io.wrap_help, text_w) {
            lines.push(Line::raw(l));
        }
        if let Some(min) = state
            .data
            .as_ref()
            .and_then(|d| narrowest(state.export.template, d, &state.export.opts))
        {
            lines.push(Line::raw(words::wrap_min(lang, min)));
        }
        if let Some(e) = &self.prompt.error {
            for l in wrapped(e, text_w) {
                lines.push(Line::styled(l, t.error()));
            }
        }
        let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let title = format!(" {} ", io.wrap_title);
        let inner = Popup::new(title, t).centered(area, pw, h, buf);
        text_in(buf, inner, &lines);
        let field_area = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            height: 1,
            ..inner
        };
        Field {
            label: io.wrap_label,
            input: &self.prompt.input,
            theme: t,
        }
        .render(field_area, buf, cursor);
    }
}

/// The narrowest width the template can be laid out for, as the export
/// module says it.
fn narrowest(template: Template, data: &Data, opts: &ExportOptions) -> Option<usize> {
    let probe = ExportOptions {
        wrap: Some(1),
        ..opts.clone()
    };
    match crate::export::check(template, &data.snap, &probe) {
        Err(ExportError::TooNarrow { min, .. }) => Some(min),
        _ => None,
    }
}
