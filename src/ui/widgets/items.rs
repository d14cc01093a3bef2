//! A task's milestones or indicators in a popup over the 任务 view (`m`,
//! `i`), to add, edit, mark done, reopen or delete from there.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::popup::Popup;
use super::{clean, cut, put, scroll};
use crate::analysis::progress::milestone_light;
use crate::app::data::Data;
use crate::app::edit::{Items, ItemsKind};
use crate::app::state::State;
use crate::i18n::Lang;
use crate::i18n::console::{date, days, paren};
use crate::i18n::edit as words;
use crate::model::numbers::quantity;
use crate::text::width::pad_right;
use crate::ui::theme::Theme;

pub struct ItemsPopup<'a> {
    pub state: &'a State,
    pub data: &'a Data,
    pub items: &'a Items,
    pub theme: &'a Theme,
}

impl Widget for ItemsPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (items, t) = (self.items, self.theme);
        let lang = self.state.lang();
        let milestones = items.kind == ItemsKind::Milestones;
        let rows = if milestones {
            self.milestones()
        } else {
            self.indicators()
        };
        let snap = &self.data.snap;
        let node = format!(
            "{} {}",
            snap.outline.code(items.node),
            snap.outline
                .get(items.node)
                .map_or("", |n| n.title.as_str())
        );
        let w = area.width.min(90);
        let h = u16::try_from(rows.len().max(1) + 4)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let r = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        };
        let title = words::items_heading(lang, milestones, &node);
        let title = Span::styled(
            format!(" {} ", cut(&clean(&title), usize::from(w) - 4, t)),
            t.heading(),
        );
        let inner = Popup::new(title, t).show(r, buf);
        let iw = usize::from(inner.width.saturating_sub(2));
        let list_h = usize::from(inner.height.saturating_sub(2));
        if rows.is_empty() {
            put(
                buf,
                inner.x + 1,
                inner.y,
                inner.width,
                &Line::raw(words::items_empty(lang, milestones)),
            );
        }
        let sel = items.selected.min(rows.len().saturating_sub(1));
        let top = scroll(0, sel, list_h, rows.len());
        for (i, (text, style)) in rows.iter().enumerate().skip(top).take(list_h) {
            let line = pad_right(&cut(text, iw, t), iw);
            let style = if i == sel { t.selected() } else { *style };
            put(
                buf,
                inner.x + 1,
                inner.y + u16::try_from(i - top).unwrap_or(0),
                inner.width.saturating_sub(1),
                &Line::styled(line, style),
            );
        }
        put(
            buf,
            inner.x + 1,
            inner.y + inner.height - 1,
            inner.width.saturating_sub(1),
            &Line::styled(cut(words::items_keys(lang, milestones), iw, t), t.accent()),
        );
    }
}

impl ItemsPopup<'_> {
    /// Light word, due date, title, and when done or how far off.
    fn milestones(&self) -> Vec<(String, Style)> {
        let (t, lang, snap) = (self.theme, self.state.lang(), &self.data.snap);
        snap.milestones_of(self.items.node)
            .map(|m| {
                let done = m.done_by(snap.as_of);
                let light = milestone_light(m.due, done, snap.as_of, snap.plan.warning_days);
                let state_text = match m.done {
                    Some(d) => format!("{} {}", lang.pick("完成于", "done"), date(Lang::En, d)),
                    None => days(lang, (m.due - snap.as_of).num_days(), false),
                };
                (
                    format!(
                        "{} {} {}{}",
                        t.light_word(light),
                        date(Lang::En, m.due),
                        clean(&m.title),
                        paren(lang, &state_text)
                    ),
                    t.light(light),
                )
            })
            .collect()
    }

    /// Name, total against target, measure.
    fn indicators(&self) -> Vec<(String, Style)> {
        let (t, snap) = (self.theme, &self.data.snap);
        snap.indicators_of(self.items.node)
            .map(|i| {
                let total = snap.indicator_total(i.id);
                let target = i
                    .target
                    .map(|x| format!("/{}", quantity(x)))
                    .unwrap_or_default();
                (
                    format!(
                        "{}  {}{target}{}",
                        clean(&i.name),
                        quantity(total),
                        clean(&i.measure)
                    ),
                    t.plain(),
                )
            })
            .collect()
    }
}
