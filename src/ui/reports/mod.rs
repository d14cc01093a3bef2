//! 报送: a mode line, then one of three — the reports inbox (`inbox`),
//! newest first, with the selected report in full below it; or the
//! coverage matrices (`matrix`), units by period or units by task for one
//! period. `m` switches between them.

mod inbox;
mod matrix;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{StatefulWidget, Widget};

use super::Memo;
use super::ctx::ViewCtx;
use super::widgets::{cut, put};
use crate::app::state::ReportsMode;
use crate::i18n::console::{colon, position};
use crate::text::width::width;
use inbox::Inbox;
pub use matrix::GridOffset;
use matrix::{PeriodsMatrix, TasksMatrix};

pub struct ReportsView<'a> {
    ctx: ViewCtx<'a>,
}

impl<'a> ReportsView<'a> {
    pub fn new(ctx: ViewCtx<'a>) -> ReportsView<'a> {
        ReportsView { ctx }
    }
}

impl StatefulWidget for ReportsView<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let ctx = self.ctx;
        ModeLine { ctx }.render(Rect { height: 1, ..area }, buf);
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        match ctx.state.reports.mode {
            ReportsMode::Inbox => Inbox { ctx }.render(body, buf, memo),
            ReportsMode::Periods => PeriodsMatrix { ctx }.render(body, buf, memo),
            ReportsMode::Tasks => TasksMatrix { ctx }.render(body, buf, memo),
        }
    }
}

/// Which of the three is shown and the key to switch, the filter, and in
/// the inbox the position `12/100000` at the right.
struct ModeLine<'a> {
    ctx: ViewCtx<'a>,
}

impl Widget for ModeLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, t, words) = (self.ctx, self.ctx.theme, self.ctx.words);
        let reports = &ctx.state.reports;
        let w = usize::from(area.width);
        let modes = [
            (ReportsMode::Inbox, words.inbox),
            (ReportsMode::Periods, words.by_period),
            (ReportsMode::Tasks, words.by_task),
        ];
        let mut spans = Vec::new();
        for (mode, name) in modes {
            let style = if mode == reports.mode {
                t.tab_active()
            } else {
                t.plain()
            };
            spans.push(Span::styled(format!(" {name} "), style));
        }
        spans.push(Span::raw("  m"));
        if !reports.filter.is_empty() {
            spans.push(Span::raw(format!(
                "  {}{}{}",
                words.filtered,
                colon(ctx.lang),
                cut(&reports.filter, w / 3, t)
            )));
        }
        if reports.mode == ReportsMode::Inbox {
            let ib = &reports.inbox;
            let mut pos = match ib.total {
                Some(total) => position(ib.selected, total),
                None => String::new(),
            };
            if ib.loading || ib.total.is_none() {
                pos.push_str(&format!("  {}", words.loading));
            }
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            let gap = w.saturating_sub(used + width(&pos));
            if gap > 0 {
                spans.push(Span::raw(" ".repeat(gap)));
                spans.push(Span::styled(pos, t.heading()));
            }
        }
        put(buf, area.x, area.y, area.width, &Line::from(spans));
    }
}
