//! The template list of the export view (Enter in 导出): every template
//! by its title and command-line name, and under the list what the
//! selected one is for and which options it takes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::popup::{Popup, popup_width, text_in};
use super::wrapped;
use crate::export::TEMPLATES;
use crate::i18n::Lang;
use crate::i18n::console::colon;
use crate::i18n::io::tr;
use crate::text::width::width;
use crate::ui::theme::Theme;

pub struct TemplatesPopup<'a> {
    pub lang: Lang,
    pub selected: usize,
    pub theme: &'a Theme,
}

impl Widget for TemplatesPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, t) = (self.lang, self.theme);
        let words = tr(lang);
        let pw = popup_width(area, 76);
        let text_w = usize::from(pw.saturating_sub(4));
        let title_w = TEMPLATES.iter().map(|i| width(i.title)).max().unwrap_or(8);
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (i, info) in TEMPLATES.iter().enumerate() {
            let pad = " ".repeat(title_w - width(info.title));
            let text = format!(" {}{pad}  {} ", info.title, info.name);
            let style = if i == self.selected {
                t.selected()
            } else {
                t.plain()
            };
            lines.push(Line::styled(text, style));
        }
        let info = &TEMPLATES[self.selected.min(TEMPLATES.len() - 1)];
        lines.push(Line::raw(t.rule().repeat(text_w)));
        // As many lines as the longest description takes, so the list
        // stays put.
        let desc_h = TEMPLATES
            .iter()
            .map(|i| wrapped(i.describe(lang), text_w).len())
            .max()
            .unwrap_or(1);
        let mut desc = wrapped(info.describe(lang), text_w);
        desc.resize(desc_h, String::new());
        lines.extend(desc.into_iter().map(Line::raw));
        let mut takes = Vec::new();
        if info.period {
            takes.push(words.period);
        }
        if info.agency {
            takes.push(words.agency);
        }
        if info.wrap {
            takes.push(words.wrap);
        }
        let takes = if takes.is_empty() {
            words.takes_nothing.to_string()
        } else {
            format!(
                "{}{}{}",
                words.takes,
                colon(lang),
                takes.join(lang.pick("、", ", "))
            )
        };
        lines.push(Line::styled(takes, t.accent()));
        let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let title = format!(" {} ", words.choose_template);
        let inner = Popup::new(title, t).centered(area, pw, h, buf);
        text_in(buf, inner, &lines);
    }
}
