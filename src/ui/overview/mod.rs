//! 总览: the first screen answers what a meeting asks first — how far the
//! plan has come against 序时进度, how many items are red, yellow or green,
//! which milestones are overdue (with the lead agency and days late), what
//! falls due soon, who has not reported for the current period (by name),
//! and what came in last. Larger windows get more rows and more columns.
//!
//! The view lays out its parts from the top: a notice on a new, empty
//! database (`first_start`), the figures (`figures`: the progress pane
//! beside the reporting pane, or one under the other on a narrow window)
//! and under them the lists (`lists`), which share the rows that are left.
//! A notice of its own is one more part: a widget with its height, placed
//! here above the figures.

mod figures;
mod first_start;
mod lists;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::ctx::ViewCtx;
use figures::Figures;
use first_start::FirstStart;
use lists::Lists;

pub struct OverviewView<'a> {
    ctx: ViewCtx<'a>,
}

impl<'a> OverviewView<'a> {
    pub fn new(ctx: ViewCtx<'a>) -> OverviewView<'a> {
        OverviewView { ctx }
    }
}

impl Widget for OverviewView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let notice = FirstStart::new(self.ctx, area.height);
        let used = notice.height();
        notice.render(area, buf);
        let area = Rect {
            y: area.y + used,
            height: area.height.saturating_sub(used),
            ..area
        };
        let snap = self.ctx.snap();
        let lists = Lists {
            ctx: self.ctx,
            due: snap.deadlines(crate::analysis::Scope::All),
        };
        // The lists (what is overdue, what falls due) matter most: keep
        // them room for a few rows each, and give the figures the rest.
        let budget = usize::from(area.height)
            .saturating_sub(lists.least_rows())
            .max(4);
        let figures = Figures::new(self.ctx, usize::from(area.width), budget);
        let top = figures.height(area.height);
        figures.render(area, buf);
        let rest = Rect {
            y: area.y + top,
            height: area.height.saturating_sub(top),
            ..area
        };
        lists.render(rest, buf);
    }
}
