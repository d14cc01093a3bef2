//! The coverage matrices of the 报送 view: units down the side, periods
//! (or, for one period, tasks) across, one character per cell — 已 迟 缺 待
//! in Chinese, + ~ x . in English — coloured, so a meeting sees at a glance
//! who has not reported. The selected cell is spelled out below.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{StatefulWidget, Widget};

use crate::analysis::coverage::UnitStanding;
use crate::app::lists::matrix_units;
use crate::i18n::console::{cell_detail, colon, column_count, legend, period};
use crate::model::{NodeKind, PeriodKind};
use crate::text::width::{pad_left, width};
use crate::ui::ctx::ViewCtx;
use crate::ui::theme::Theme;
use crate::ui::widgets::{cell, clean, cut, put, scroll, wrapped};
use crate::ui::{Memo, Viewport};

/// Columns per cell: a two-column mark and a space.
const CELL: usize = 3;
/// Columns between side-by-side blocks.
const GAP: usize = 2;

/// A matrix to draw: column headers (two rows), row labels, and cells.
struct Grid {
    top: Vec<String>,
    bottom: Vec<String>,
    labels: Vec<String>,
    cells: Vec<Vec<Option<UnitStanding>>>,
}

/// Where the matrix's visible part starts.
#[derive(Debug, Clone, Copy, Default)]
pub struct GridOffset {
    pub row: usize,
    pub col: usize,
}

/// A grid on screen with the selected cell `(row, column)`. When every
/// column fits several times over, the units run on in side-by-side
/// blocks, so that all 41 fit on one screen. Its state is where the
/// visible part starts.
struct GridView<'a> {
    grid: &'a Grid,
    /// The grid laid out in the area it is drawn in.
    layout: Layout,
    selected: (usize, usize),
    theme: &'a Theme,
}

/// How a grid is laid out in an area.
struct Layout {
    label_w: usize,
    /// Side-by-side blocks of rows, each `block_w` columns wide.
    blocks: usize,
    block_w: usize,
    /// Rows in each block.
    rows_h: usize,
}

impl Layout {
    /// Rows on screen: a page.
    fn capacity(&self) -> usize {
        self.rows_h * self.blocks
    }

    fn new(grid: &Grid, area: Rect) -> Layout {
        let w = usize::from(area.width);
        let label_w = grid
            .labels
            .iter()
            .map(|l| width(l))
            .max()
            .unwrap_or(4)
            .clamp(4, 12);
        let (ncols, nrows) = (grid.bottom.len(), grid.labels.len());
        let rows_h = usize::from(area.height.saturating_sub(2)).max(1);
        let block_w = label_w + 1 + ncols * CELL;
        let blocks = if block_w + GAP <= w && nrows > rows_h {
            ((w + GAP) / (block_w + GAP))
                .min(nrows.div_ceil(rows_h))
                .max(1)
        } else {
            1
        };
        Layout {
            label_w,
            blocks,
            block_w,
            rows_h,
        }
    }
}

impl StatefulWidget for GridView<'_> {
    type State = GridOffset;

    fn render(self, area: Rect, buf: &mut Buffer, offset: &mut GridOffset) {
        let l = &self.layout;
        let (ncols, nrows) = (self.grid.bottom.len(), self.grid.labels.len());
        let w = usize::from(area.width);
        let cols = if l.blocks > 1 {
            offset.col = 0;
            0..ncols
        } else {
            let fit_cols = (w.saturating_sub(l.label_w + 1) / CELL).max(1);
            offset.col = scroll(offset.col, self.selected.1, fit_cols, ncols);
            offset.col..(offset.col + fit_cols).min(ncols)
        };
        offset.row = scroll(offset.row, self.selected.0, l.capacity(), nrows);
        for b in 0..l.blocks {
            let first = offset.row + b * l.rows_h;
            if b > 0 && first >= nrows {
                break;
            }
            let x = area.x + u16::try_from(b * (l.block_w + GAP)).unwrap_or(0);
            let bw = if l.blocks > 1 { l.block_w } else { w };
            let r = Rect {
                x,
                width: u16::try_from(bw)
                    .unwrap_or(area.width)
                    .min(area.x + area.width - x),
                ..area
            };
            Block {
                view: &self,
                cols: cols.clone(),
                rows: first..(first + l.rows_h).min(nrows),
                label_w: l.label_w,
            }
            .render(r, buf);
        }
    }
}

/// One block of the grid: the headers, then its rows with the columns
/// shown.
struct Block<'a> {
    view: &'a GridView<'a>,
    cols: Range<usize>,
    rows: Range<usize>,
    label_w: usize,
}

impl Widget for Block<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (grid, t) = (self.view.grid, self.view.theme);
        let (sel_row, sel_col) = self.view.selected;
        put(buf, area.x, area.y, area.width, &self.groups());
        let mut spans = vec![Span::raw(" ".repeat(self.label_w + 1))];
        for c in self.cols.clone() {
            let text = grid.bottom.get(c).cloned().unwrap_or_default();
            let style = if c == sel_col {
                t.selected()
            } else {
                t.heading()
            };
            spans.push(Span::styled(pad_left(&cut(&text, 2, t), 2), style));
            spans.push(Span::raw(" "));
        }
        put(buf, area.x, area.y + 1, area.width, &Line::from(spans));
        for (k, i) in self.rows.clone().enumerate() {
            let y = area.y + 2 + u16::try_from(k).unwrap_or(0);
            let label = grid.labels.get(i).map_or("", String::as_str);
            let label_style = if i == sel_row {
                t.selected()
            } else {
                t.plain()
            };
            let mut spans = vec![
                Span::styled(cell(label, self.label_w, t), label_style),
                Span::raw(" "),
            ];
            for c in self.cols.clone() {
                let s = grid.cells.get(i).and_then(|r| r.get(c)).copied().flatten();
                let mut style = s.map_or(Style::new(), |s| t.standing(s));
                if i == sel_row && c == sel_col {
                    style = style.patch(t.selected());
                }
                spans.push(Span::styled(t.standing_cell(s), style));
                spans.push(Span::raw(" "));
            }
            put(buf, area.x, y, area.width, &Line::from(spans));
        }
    }
}

impl Block<'_> {
    /// Groups (years, actions) over their columns; a group scrolled in
    /// from the left keeps its label.
    fn groups(&self) -> Line<'static> {
        let (grid, t) = (self.view.grid, self.view.theme);
        let shown: Vec<usize> = self.cols.clone().collect();
        let mut spans = vec![Span::raw(" ".repeat(self.label_w + 1))];
        let mut i = 0;
        while i < shown.len() {
            let mut j = i + 1;
            while j < shown.len() && grid.top.get(shown[j]).is_some_and(String::is_empty) {
                j += 1;
            }
            let label = grid
                .top
                .get(..=shown[i])
                .unwrap_or(&[])
                .iter()
                .rev()
                .find(|l| !l.is_empty())
                .cloned()
                .unwrap_or_default();
            spans.push(Span::styled(cell(&label, (j - i) * CELL, t), t.heading()));
            i = j;
        }
        Line::from(spans)
    }
}

/// The lines under a matrix, at the bottom of their area: the selected
/// cell in words, then the legend.
struct Footer<'a> {
    lines: &'a [String],
    theme: &'a Theme,
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let w = usize::from(area.width);
        let mut wrapped_lines = Vec::new();
        for l in self.lines {
            wrapped_lines.extend(wrapped(l, w));
        }
        let n = wrapped_lines.len().min(usize::from(area.height));
        let y0 = area.y + area.height - u16::try_from(n).unwrap_or(0);
        for (i, l) in wrapped_lines.iter().take(n).enumerate() {
            let style = if i + 1 == n { t.plain() } else { t.accent() };
            let y = y0 + u16::try_from(i).unwrap_or(0);
            put(
                buf,
                area.x,
                y,
                area.width,
                &Line::styled(cut(l, w, t), style),
            );
        }
    }
}

/// A grid with lines under it: the selected cell in words, the legend.
struct Matrix<'a> {
    ctx: ViewCtx<'a>,
    grid: Grid,
    footer: Vec<String>,
    /// Rows kept for the footer (at most a third of the area).
    footer_h: u16,
}

impl StatefulWidget for Matrix<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let footer_h = self.footer_h.min(area.height / 3);
        let grid_area = Rect {
            height: area.height - footer_h,
            ..area
        };
        let foot = Rect {
            y: area.y + grid_area.height,
            height: footer_h,
            ..area
        };
        let m = &self.ctx.state.reports.matrix;
        let layout = Layout::new(&self.grid, grid_area);
        let page = layout.capacity();
        let view = GridView {
            grid: &self.grid,
            layout,
            selected: (m.row, m.col),
            theme: self.ctx.theme,
        };
        view.render(grid_area, buf, &mut memo.matrix);
        Footer {
            lines: &self.footer,
            theme: self.ctx.theme,
        }
        .render(foot, buf);
        memo.viewport = Viewport {
            page: u16::try_from(page).unwrap_or(1),
            detail_max: 0,
        };
    }
}

/// Units × periods: who reported for which period.
pub struct PeriodsMatrix<'a> {
    pub ctx: ViewCtx<'a>,
}

impl StatefulWidget for PeriodsMatrix<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let (ctx, lang, data) = (self.ctx, self.ctx.lang, self.ctx.data);
        let Some(h) = &data.history else {
            put(
                buf,
                area.x,
                area.y,
                area.width,
                &Line::raw(ctx.words.loading),
            );
            return;
        };
        let units = matrix_units(ctx.state, data);
        let mut top = Vec::new();
        let mut bottom = Vec::new();
        let mut year = None;
        for c in &h.periods {
            let p = c.period;
            top.push(if year != Some(p.year()) {
                p.year().to_string()
            } else {
                String::new()
            });
            year = Some(p.year());
            bottom.push(match p.kind() {
                PeriodKind::Quarter => format!("Q{}", p.index()),
                PeriodKind::Month => format!("{:02}", p.index()),
            });
        }
        let grid = Grid {
            top,
            bottom,
            labels: labels(ctx, &units),
            cells: units
                .iter()
                .map(|u| (0..h.periods.len()).map(|i| h.standing(i, *u)).collect())
                .collect(),
        };
        let m = &ctx.state.reports.matrix;
        let mut footer = Vec::new();
        if let (Some(u), Some(c)) = (units.get(m.row), h.periods.get(m.col)) {
            let standing = c.units.iter().find(|x| x.unit_id == *u);
            let word = standing.map_or("-", |s| ctx.theme.standing_word(s.standing));
            footer.push(cell_detail(
                lang,
                data.unit_name(*u),
                &period(lang, c.period),
                word,
                standing.and_then(|s| s.first),
            ));
            footer.push(format!(
                "{}{}{}",
                period(lang, c.period),
                colon(lang),
                column_count(lang, c.reported(), c.expected())
            ));
        } else if units.is_empty() {
            footer.push(ctx.words.no_match.to_string());
        }
        footer.push(legend(lang).to_string());
        let matrix = Matrix {
            ctx,
            grid,
            footer,
            footer_h: 3,
        };
        matrix.render(area, buf, memo);
    }
}

/// Units × tasks for one period: who reported on which task.
pub struct TasksMatrix<'a> {
    pub ctx: ViewCtx<'a>,
}

impl StatefulWidget for TasksMatrix<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let (ctx, lang, data) = (self.ctx, self.ctx.lang, self.ctx.data);
        let Some(tc) = &ctx.state.reports.matrix.tasks else {
            put(
                buf,
                area.x,
                area.y,
                area.width,
                &Line::raw(ctx.words.loading),
            );
            return;
        };
        let snap = ctx.snap();
        let units: Vec<i64> = matrix_units(ctx.state, data)
            .into_iter()
            .filter(|u| tc.units.contains(u))
            .collect();
        let grid = Grid {
            top: task_groups(ctx, &tc.nodes),
            bottom: tc
                .nodes
                .iter()
                .map(|n| {
                    snap.outline
                        .get(*n)
                        .map(|x| x.position.to_string())
                        .unwrap_or_default()
                })
                .collect(),
            labels: labels(ctx, &units),
            cells: units
                .iter()
                .map(|u| tc.nodes.iter().map(|n| Some(tc.standing(*u, *n))).collect())
                .collect(),
        };
        let m = &ctx.state.reports.matrix;
        let mut footer = vec![format!(
            "{}  {}",
            period(lang, tc.period),
            ctx.pick("[ ] 换一期", "[ ] another period")
        )];
        if let Some(n) = tc.nodes.get(m.col) {
            let title = snap.outline.numbered_title(*n);
            footer.push(format!(
                "{title}{}{}",
                colon(lang),
                column_count(lang, tc.reported_on(*n), tc.units.len())
            ));
            if let Some(u) = units.get(m.row) {
                let s = tc.standing(*u, *n);
                footer.push(cell_detail(
                    lang,
                    data.unit_name(*u),
                    &title,
                    ctx.theme.standing_word(s),
                    tc.first(*u, *n),
                ));
            }
        }
        if units.is_empty() {
            footer.push(ctx.words.no_match.to_string());
        }
        footer.push(legend(lang).to_string());
        let matrix = Matrix {
            ctx,
            grid,
            footer,
            footer_h: 4,
        };
        matrix.render(area, buf, memo);
    }
}

/// The units' short names down the side.
fn labels(ctx: ViewCtx<'_>, units: &[i64]) -> Vec<String> {
    units
        .iter()
        .map(|u| clean(ctx.data.unit_short(*u)).into_owned())
        .collect()
}

/// The group over each task's column: the action (（一）) or part (三、)
/// it belongs to, named where a group starts.
fn task_groups(ctx: ViewCtx<'_>, nodes: &[i64]) -> Vec<String> {
    let outline = &ctx.snap().outline;
    let mut top = Vec::new();
    let mut last_group = None;
    for n in nodes {
        let group = outline
            .path(*n)
            .iter()
            .rev()
            .find(|p| p.id != *n && NodeKind::of_level(p.level) != NodeKind::Task)
            .map(|p| p.id);
        top.push(if group != last_group {
            group.map(|g| outline.label(g)).unwrap_or_default()
        } else {
            String::new()
        });
        last_group = group;
    }
    top
}
