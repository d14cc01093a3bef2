//! 节点: every milestone, overdue first, then by due date — light word and
//! days late or left, due date, the milestone, its task and lead agency —
//! with the selected one spelled out at the bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{StatefulWidget, Widget};

use super::ctx::ViewCtx;
use super::widgets::table::{Col, Table};
use super::widgets::{clean, put, wrapped};
use super::{Memo, Viewport};
use crate::analysis::board::{MilestoneRow, MilestoneState};
use crate::app::lists::milestone_rows;
use crate::i18n::Lang;
use crate::i18n::console::{colon, date, days, paren};
use crate::model::{Milestone, Role};

type Cells = Vec<(String, Style)>;

pub struct MilestonesView<'a> {
    ctx: ViewCtx<'a>,
}

impl<'a> MilestonesView<'a> {
    pub fn new(ctx: ViewCtx<'a>) -> MilestonesView<'a> {
        MilestonesView { ctx }
    }
}

impl StatefulWidget for MilestonesView<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let ctx = self.ctx;
        let detail_h: u16 = if area.height >= 12 { 3 } else { 1 };
        let table_area = Rect {
            height: area.height.saturating_sub(detail_h),
            ..area
        };
        MilestoneTable { ctx }.render(table_area, buf, &mut memo.milestones);
        let selected = ctx.state.milestones.selected;
        if let Some(m) = selected.and_then(|id| ctx.snap().milestone(id)) {
            let detail_area = Rect {
                y: area.y + area.height - detail_h,
                height: detail_h,
                ..area
            };
            MilestoneDetail { ctx, milestone: m }.render(detail_area, buf);
        }
        // The table's rows under its heading and header.
        let list_h = table_area.height.saturating_sub(1);
        memo.viewport = Viewport {
            page: list_h.saturating_sub(1).max(1),
            detail_max: 0,
        };
    }
}

/// Every milestone, overdue first, under a heading with the count and
/// how many are overdue. Its state is the first row shown.
struct MilestoneTable<'a> {
    ctx: ViewCtx<'a>,
}

impl StatefulWidget for MilestoneTable<'_> {
    type State = usize;

    fn render(self, area: Rect, buf: &mut Buffer, top: &mut usize) {
        let (ctx, words) = (self.ctx, self.ctx.words);
        let w = usize::from(area.width);
        let wide = w >= 100;
        let rows = milestone_rows(ctx.state, ctx.data);
        let overdue = ctx
            .data
            .milestones
            .iter()
            .filter(|m| m.state == MilestoneState::Overdue)
            .count();
        let title = format!("{} {}", words.milestones, rows.len());
        let mut extra = format!("{} {overdue}", words.overdue);
        let filter = ctx.filtered(&ctx.state.milestones.filter);
        if !filter.is_empty() {
            extra.push_str(&format!("  {filter}"));
        }
        put(
            buf,
            area.x,
            area.y,
            area.width,
            &ctx.heading(&title, &extra, w),
        );
        let list_area = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        if rows.is_empty() {
            let line = Line::raw(words.no_match);
            put(buf, area.x, list_area.y, area.width, &line);
        }
        let selected = rows.iter().position(|i| {
            Some(ctx.data.milestones[*i].milestone_id) == ctx.state.milestones.selected
        });
        Table {
            cols: if wide { &COLS_WIDE } else { &COLS_NARROW },
            header: Some(self.header(wide)),
            rows: rows
                .iter()
                .map(|i| self.row(&ctx.data.milestones[*i], wide))
                .collect(),
            selected,
            highlight: ctx.theme.selected(),
            theme: ctx.theme,
        }
        .render(list_area, buf, top);
    }
}

/// The light word and the days late or left.
const STATE_W: usize = 13;

const COLS_NARROW: [Col; 5] = [
    Col::fixed(STATE_W),
    Col::fixed(10),
    Col::flex(10, 3),
    Col::flex(8, 2),
    Col::fixed(8),
];

const COLS_WIDE: [Col; 6] = [
    Col::fixed(STATE_W),
    Col::fixed(10),
    Col::flex(16, 3),
    Col::flex(12, 2),
    Col::fixed(10),
    Col::fixed(16),
];

impl MilestoneTable<'_> {
    fn header(&self, wide: bool) -> Vec<String> {
        let words = self.ctx.words;
        let mut header = vec![
            words.state.to_string(),
            words.due.to_string(),
            words.milestone.to_string(),
            words.task.to_string(),
            words.lead.to_string(),
        ];
        if wide {
            header.push(words.support.to_string());
        }
        header
    }

    /// Light and days, due date, the milestone, its task, the lead (and
    /// supporting) agencies.
    fn row(&self, m: &MilestoneRow, wide: bool) -> Cells {
        let (ctx, t) = (self.ctx, self.ctx.theme);
        let snap = ctx.snap();
        let title = snap
            .milestone(m.milestone_id)
            .map(|x| clean(&x.title).into_owned())
            .unwrap_or_default();
        let done = m.state == MilestoneState::Done;
        let state_text = format!("{} {}", t.light_word(m.light), days(ctx.lang, m.days, done));
        let mut cells = vec![
            (state_text, t.light(m.light)),
            (date(Lang::En, m.due), t.plain()),
            (title, t.plain()),
            (
                clean(&snap.outline.numbered_title(m.node_id)).into_owned(),
                t.plain(),
            ),
            (
                clean(ctx.data.lead_short(m.node_id)).into_owned(),
                t.plain(),
            ),
        ];
        if wide {
            cells.push((
                clean(&snap.agency_names(m.node_id, Role::Support)).into_owned(),
                t.plain(),
            ));
        }
        cells
    }
}

/// The selected milestone in full, at the bottom: title and days, the
/// task's place in the plan, the agencies.
struct MilestoneDetail<'a> {
    ctx: ViewCtx<'a>,
    milestone: &'a Milestone,
}

impl Widget for MilestoneDetail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let w = usize::from(area.width);
        let mut out: Vec<(String, Style)> = Vec::new();
        for (text, style) in self.parts() {
            out.extend(wrapped(&text, w).into_iter().map(|l| (l, style)));
        }
        for (i, (l, style)) in out.iter().take(usize::from(area.height)).enumerate() {
            let y = area.y + u16::try_from(i).unwrap_or(0);
            put(buf, area.x, y, area.width, &Line::styled(l.clone(), *style));
        }
    }
}

impl MilestoneDetail<'_> {
    fn parts(&self) -> Vec<(String, Style)> {
        let (ctx, t, lang, m) = (self.ctx, self.ctx.theme, self.ctx.lang, self.milestone);
        let (snap, words) = (ctx.snap(), ctx.words);
        let mut parts: Vec<(String, Style)> = Vec::new();
        if let Some(r) = ctx.data.milestones.iter().find(|r| r.milestone_id == m.id) {
            let when = days(lang, r.days, r.state == MilestoneState::Done);
            let mut head = format!("{}  {} {}", m.title, date(lang, m.due), when);
            if let Some(done) = r.done {
                head.push_str(&paren(
                    lang,
                    &format!("{} {}", words.done, date(lang, done)),
                ));
            }
            parts.push((head, t.light(r.light)));
        }
        let path: Vec<String> = snap
            .outline
            .path(m.node_id)
            .iter()
            .map(|n| snap.outline.numbered_title(n.id))
            .collect();
        parts.push((path.join(" / "), t.plain()));
        let mut agencies = Vec::new();
        for (role, label) in [(Role::Lead, words.lead), (Role::Support, words.support)] {
            let names = snap.agency_names(m.node_id, role);
            if !names.is_empty() {
                agencies.push(format!("{label}{}{names}", colon(lang)));
            }
        }
        if agencies.is_empty()
            && let Some(a) = snap.lead_agency(m.node_id)
        {
            agencies.push(format!("{}{}{}", words.lead, colon(lang), a.short_name));
        }
        parts.push((agencies.join("  "), t.plain()));
        parts
    }
}
