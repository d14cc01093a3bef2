//! The tree of 任务: one row per node shown, indented, with its fold
//! marker, the light word and status word of a task (so colour is never
//! the only carrier), its progress, and on wider panes the lead agency
//! and the next milestone. Its state is the first row shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::StatefulWidget;

use super::has_work;
use crate::app::lists::{PlanRow, plan_rows};
use crate::i18n::Lang;
use crate::i18n::console::date;
use crate::model::numbers::percent0;
use crate::model::{NodeKind, Role};
use crate::ui::ctx::ViewCtx;
use crate::ui::widgets::table::{Col, Table};
use crate::ui::widgets::{clean, put};

type Cells = Vec<(String, Style)>;

pub struct TreePane<'a> {
    pub ctx: ViewCtx<'a>,
}

impl StatefulWidget for TreePane<'_> {
    type State = usize;

    fn render(self, area: Rect, buf: &mut Buffer, top: &mut usize) {
        let (ctx, words) = (self.ctx, self.ctx.words);
        let w = usize::from(area.width);
        let rows = plan_rows(ctx.state, ctx.data);
        let work = ctx.snap().work_items().count();
        let title = format!("{} {work}", words.tabs[1]);
        let extra = ctx.filtered(&ctx.state.plan.filter);
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
            return;
        }
        let wide = w >= 64;
        let status_w = if ctx.lang == Lang::Zh { 6 } else { 11 };
        let cols_narrow = [
            Col::flex(10, 1),
            Col::fixed(2),
            Col::fixed(status_w),
            Col::num(4),
        ];
        let cols_wide = [
            Col::flex(16, 1),
            Col::fixed(2),
            Col::fixed(status_w),
            Col::num(4),
            Col::fixed(8),
            Col::fixed(10),
        ];
        let cols: &[Col] = if wide { &cols_wide } else { &cols_narrow };
        let selected = rows
            .iter()
            .position(|r| Some(r.id) == ctx.state.plan.selected);
        Table {
            cols,
            header: None,
            rows: rows.iter().map(|r| self.row(r, wide)).collect(),
            selected,
            highlight: ctx.theme.selected(),
            theme: ctx.theme,
        }
        .render(list_area, buf, top);
    }
}

impl TreePane<'_> {
    /// A node's cells: title, light, status, progress (lead, next due).
    fn row(&self, r: &PlanRow, wide: bool) -> Cells {
        let (ctx, t, lang) = (self.ctx, self.ctx.theme, self.ctx.lang);
        let snap = ctx.snap();
        let node = snap.outline.get(r.id);
        let stat = snap.stat(r.id);
        let is_work = node.is_some_and(|n| NodeKind::of_level(n.level).is_work());
        let title = format!(
            "{}{}{}",
            "  ".repeat(r.depth),
            t.fold(r.has_children, r.open),
            clean(&snap.outline.numbered_title(r.id))
        );
        let (light, light_style) = match stat.filter(|_| is_work) {
            Some(s) => (t.light_word(s.light).to_string(), t.light(s.light)),
            None => (String::new(), Style::new()),
        };
        let (status, status_style) = match (node.filter(|_| is_work), stat) {
            // Records that contradict the status: a data warning.
            (Some(_), Some(s)) if s.statement.warning.is_some() => (
                lang.pick("待核实", "check").to_string(),
                t.light(crate::analysis::Light::Yellow),
            ),
            (Some(_), Some(s)) if s.statement.before_plan => {
                (lang.pick("未实施", "not yet").to_string(), t.plain())
            }
            (Some(n), _) => (
                lang.pick(n.status.label_zh(), n.status.label_en())
                    .to_string(),
                t.status(n.status),
            ),
            (None, _) => (String::new(), Style::new()),
        };
        // A rate only where the rules let one be said (none for 未启动).
        let pct = stat
            .filter(|_| has_work(snap, r.id))
            .filter(|s| !is_work || s.statement.progress.is_some())
            .map(|s| percent0(s.progress))
            .unwrap_or_default();
        let mut cells = vec![
            (title, t.plain()),
            (light, light_style),
            (status, status_style),
            (pct, t.plain()),
        ];
        if wide {
            let lead = snap.agency_names(r.id, Role::Lead);
            let next = stat
                .and_then(|s| s.next_milestone)
                .and_then(|m| snap.milestone(m))
                .map(|m| date(Lang::En, m.due))
                .unwrap_or_default();
            cells.push((clean(&lead).into_owned(), t.plain()));
            cells.push((next, t.plain()));
        }
        cells
    }
}
