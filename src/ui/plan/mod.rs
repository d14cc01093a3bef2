//! 任务: the outline as a collapsible tree with the official numbering
//! (`tree`) beside a detail pane for the selected node (`detail`): the
//! plan's own text wrapped the Chinese way, agencies, indicators against
//! target, milestones, the latest reports and the record's history.

mod detail;
mod tree;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::StatefulWidget;

use super::ctx::ViewCtx;
use super::widgets::put;
use super::{Memo, Viewport};
use crate::analysis::Snapshot;
use crate::model::NodeKind;
use detail::DetailPane;
use tree::TreePane;

pub struct PlanView<'a> {
    ctx: ViewCtx<'a>,
}

impl<'a> PlanView<'a> {
    pub fn new(ctx: ViewCtx<'a>) -> PlanView<'a> {
        PlanView { ctx }
    }
}

impl StatefulWidget for PlanView<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let w = usize::from(area.width);
        let tree_w = if w >= 110 { w * 58 / 100 } else { w * 56 / 100 };
        let tree_area = Rect {
            width: u16::try_from(tree_w).unwrap_or(area.width),
            ..area
        };
        let sep_x = area.x + tree_area.width;
        let detail_area = Rect {
            x: sep_x + 2,
            width: area.width.saturating_sub(tree_area.width + 2),
            ..area
        };
        TreePane { ctx: self.ctx }.render(tree_area, buf, &mut memo.plan);
        for y in area.y..area.y + area.height {
            put(buf, sep_x, y, 1, &Line::raw(self.ctx.theme.bar_v()));
        }
        let mut detail_max = 0;
        DetailPane { ctx: self.ctx }.render(detail_area, buf, &mut detail_max);
        memo.viewport = Viewport {
            // The tree's rows under its heading.
            page: tree_area.height.saturating_sub(1),
            detail_max,
        };
    }
}

/// Whether a node is a task or holds one: only then do progress and pace
/// mean something (一、总体要求 has none).
fn has_work(snap: &Snapshot, id: i64) -> bool {
    let work = |n: i64| snap.outline.kind(n).is_some_and(NodeKind::is_work);
    work(id) || snap.outline.descendants(id).into_iter().any(work)
}
