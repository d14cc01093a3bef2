//! The agency picker of the export view (`a` in 导出): a filter line
//! (Chinese or pinyin initials) over the agencies, 全部 first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::StatefulWidget;

use super::field::Field;
use super::popup::{Popup, popup_width, text_in};
use super::{clean, cut, scroll};
use crate::app::export_view::agency_choices;
use crate::app::io_modal::AgencyPicker;
use crate::app::state::State;
use crate::i18n::io::tr;
use crate::text::width::{pad_right, width};
use crate::ui::theme::Theme;

pub struct AgencyPopup<'a> {
    pub state: &'a State,
    pub picker: &'a AgencyPicker,
    pub theme: &'a Theme,
}

impl StatefulWidget for AgencyPopup<'_> {
    type State = Option<Position>;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let (a, t) = (self.picker, self.theme);
        let words = tr(self.state.lang());
        let Some(data) = self.state.data.as_ref() else {
            return;
        };
        let choices = agency_choices(data, a.input.text());
        let pw = popup_width(area, 60);
        let list_room = usize::from(area.height.saturating_sub(4)).max(1);
        let shown = choices.len().clamp(1, list_room);
        // Borders, the filter line, the list.
        let h = u16::try_from(shown + 3).unwrap_or(u16::MAX);
        let title = format!(" {} ", words.choose_agency);
        let inner = Popup::new(title, t).centered(area, pw, h, buf);
        let field_area = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            height: 1,
            ..inner
        };
        let mut at = None;
        Field {
            label: words.filter_label,
            input: &a.input,
            theme: t,
        }
        .render(field_area, buf, &mut at);
        let mut lines: Vec<Line<'static>> = vec![Line::raw("")];
        if choices.is_empty() {
            lines.push(Line::styled(words.no_agency_matches, t.plain()));
        }
        let sel = a.selected.min(choices.len().saturating_sub(1));
        let top = scroll(0, sel, shown, choices.len());
        let short_w = data
            .snap
            .agencies
            .iter()
            .map(|a| width(&clean(&a.short_name)))
            .max()
            .unwrap_or(0);
        for (i, c) in choices.iter().enumerate().skip(top).take(shown) {
            let text = match c.and_then(|id| data.snap.agency(id)) {
                Some(ag) => format!(
                    " {}  {} ",
                    pad_right(&clean(&ag.short_name), short_w),
                    clean(&ag.name)
                ),
                None => format!(" {} ", words.all_agencies),
            };
            let style = if i == sel { t.selected() } else { t.plain() };
            lines.push(Line::styled(
                cut(&text, usize::from(inner.width) - 2, t),
                style,
            ));
        }
        text_in(buf, inner, &lines);
        *cursor = at;
    }
}
