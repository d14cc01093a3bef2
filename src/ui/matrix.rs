//! The coverage matrices of the 报送 view: units down the side, periods
//! (or, for one period, tasks) across, one character per cell — 已 迟 缺 待
//! in Chinese, + ~ x . in English — coloured, so a meeting sees at a glance
//! who has not reported. The selected cell is spelled out below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Memo;
use super::theme::Theme;
use super::widgets::{cell, clean, cut, put, scroll, wrapped};
use crate::analysis::coverage::UnitStanding;
use crate::app::data::Data;
use crate::app::lists::matrix_units;
use crate::app::state::{State, Viewport};
use crate::i18n::console::{cell_detail, colon, column_count, legend, period, tr};
use crate::model::NodeKind;
use crate::text::width::width;

/// Columns per cell: a two-column mark and a space.
const CELL: usize = 3;

/// A matrix to draw: column headers (two rows), row labels, and cells.
struct Grid {
    top: Vec<String>,
    bottom: Vec<String>,
    labels: Vec<String>,
    cells: Vec<Vec<Option<UnitStanding>>>,
}

/// Draws the grid; returns how many rows a page is. When every column
/// fits several times over, the units run on in side-by-side blocks, so
/// that all 41 fit on one screen.
fn draw(
    buf: &mut Buffer,
    area: Rect,
    grid: &Grid,
    state: &State,
    t: &Theme,
    memo: &mut Memo,
) -> u16 {
    let w = usize::from(area.width);
    let label_w = grid
        .labels
        .iter()
        .map(|l| width(l))
        .max()
        .unwrap_or(4)
        .clamp(4, 12);
    let ncols = grid.bottom.len();
    let nrows = grid.labels.len();
    let rows_h = usize::from(area.height.saturating_sub(2)).max(1);
    let sel = (state.reports.matrix.row, state.reports.matrix.col);
    let block_w = label_w + 1 + ncols * CELL;
    const GAP: usize = 2;
    let blocks = if block_w + GAP <= w && nrows > rows_h {
        ((w + GAP) / (block_w + GAP))
            .min(nrows.div_ceil(rows_h))
            .max(1)
    } else {
        1
    };
    let (cols, capacity) = if blocks > 1 {
        memo.matrix_col = 0;
        (0..ncols, rows_h * blocks)
    } else {
        let fit_cols = (w.saturating_sub(label_w + 1) / CELL).max(1);
        let left = scroll(memo.matrix_col, sel.1, fit_cols, ncols);
        memo.matrix_col = left;
        (left..(left + fit_cols).min(ncols), rows_h)
    };
    let top = scroll(memo.matrix_row, sel.0, capacity, nrows);
    memo.matrix_row = top;
    for b in 0..blocks {
        let first = top + b * rows_h;
        if b > 0 && first >= nrows {
            break;
        }
        let x = area.x + u16::try_from(b * (block_w + GAP)).unwrap_or(0);
        let bw = if blocks > 1 { block_w } else { w };
        let r = Rect {
            x,
            width: u16::try_from(bw)
                .unwrap_or(area.width)
                .min(area.x + area.width - x),
            ..area
        };
        draw_block(
            buf,
            r,
            grid,
            cols.clone(),
            first..(first + rows_h).min(nrows),
            label_w,
            sel,
            t,
        );
    }
    u16::try_from(capacity).unwrap_or(1)
}

/// One block of the grid: the headers, then `rows` with `cols`.
#[allow(clippy::too_many_arguments)]
fn draw_block(
    buf: &mut Buffer,
    area: Rect,
    grid: &Grid,
    cols: std::ops::Range<usize>,
    rows: std::ops::Range<usize>,
    label_w: usize,
    (sel_row, sel_col): (usize, usize),
    t: &Theme,
) {
    // Groups (years, actions) over their columns; a group scrolled in from
    // the left keeps its label.
    let shown: Vec<usize> = cols.clone().collect();
    let mut spans = vec![Span::raw(" ".repeat(label_w + 1))];
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
    put(buf, area.x, area.y, area.width, &Line::from(spans));
    let mut spans = vec![Span::raw(" ".repeat(label_w + 1))];
    for c in cols.clone() {
        let text = grid.bottom.get(c).cloned().unwrap_or_default();
        let style = if c == sel_col {
            t.selected()
        } else {
            t.heading()
        };
        spans.push(Span::styled(
            crate::text::width::pad_left(&cut(&text, 2, t), 2),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    put(buf, area.x, area.y + 1, area.width, &Line::from(spans));
    for (k, i) in rows.enumerate() {
        let y = area.y + 2 + u16::try_from(k).unwrap_or(0);
        let label = grid.labels.get(i).map_or("", String::as_str);
        let label_style = if i == sel_row {
            t.selected()
        } else {
            t.plain()
        };
        let mut spans = vec![
            Span::styled(cell(label, label_w, t), label_style),
            Span::raw(" "),
        ];
        for c in cols.clone() {
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

/// The lines under a matrix: the selected cell in words, then the legend.
fn footer(buf: &mut Buffer, area: Rect, lines: &[String], t: &Theme) {
    let w = usize::from(area.width);
    let mut wrapped_lines = Vec::new();
    for l in lines {
        wrapped_lines.extend(wrapped(l, w));
    }
    let n = wrapped_lines.len().min(usize::from(area.height));
    let y0 = area.y + area.height - u16::try_from(n).unwrap_or(0);
    for (i, l) in wrapped_lines.iter().take(n).enumerate() {
        let style = if i + 1 == n { t.plain() } else { t.accent() };
        put(
            buf,
            area.x,
            y0 + u16::try_from(i).unwrap_or(0),
            area.width,
            &Line::styled(cut(l, w, t), style),
        );
    }
}

fn split(area: Rect, footer_h: u16) -> (Rect, Rect) {
    let footer_h = footer_h.min(area.height / 3);
    let grid = Rect {
        height: area.height - footer_h,
        ..area
    };
    let foot = Rect {
        y: area.y + grid.height,
        height: footer_h,
        ..area
    };
    (grid, foot)
}

/// Units × periods: who reported for which period.
pub fn periods(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    data: &Data,
    t: &Theme,
    memo: &mut Memo,
) -> Viewport {
    let lang = state.lang();
    let Some(h) = &data.history else {
        put(
            buf,
            area.x,
            area.y,
            area.width,
            &Line::raw(tr(lang).loading),
        );
        return Viewport::default();
    };
    let units = matrix_units(state, data);
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
            crate::model::PeriodKind::Quarter => format!("Q{}", p.index()),
            crate::model::PeriodKind::Month => format!("{:02}", p.index()),
        });
    }
    let grid = Grid {
        top,
        bottom,
        labels: units
            .iter()
            .map(|u| clean(data.unit_short(*u)).into_owned())
            .collect(),
        cells: units
            .iter()
            .map(|u| (0..h.periods.len()).map(|i| h.standing(i, *u)).collect())
            .collect(),
    };
    let (grid_area, foot) = split(area, 3);
    let page = draw(buf, grid_area, &grid, state, t, memo);
    let m = &state.reports.matrix;
    let mut lines = Vec::new();
    if let (Some(u), Some(c)) = (units.get(m.row), h.periods.get(m.col)) {
        let standing = c.units.iter().find(|x| x.unit_id == *u);
        let word = standing.map_or("-", |s| t.standing_word(s.standing));
        lines.push(cell_detail(
            lang,
            data.unit_name(*u),
            &period(lang, c.period),
            word,
            standing.and_then(|s| s.first),
        ));
        lines.push(format!(
            "{}{}{}",
            period(lang, c.period),
            colon(lang),
            column_count(lang, c.reported(), c.expected())
        ));
    } else if units.is_empty() {
        lines.push(tr(lang).no_match.to_string());
    }
    lines.push(legend(lang).to_string());
    footer(buf, foot, &lines, t);
    Viewport {
        page,
        detail_max: 0,
    }
}

/// Units × tasks for one period: who reported on which task.
pub fn tasks(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    data: &Data,
    t: &Theme,
    memo: &mut Memo,
) -> Viewport {
    let lang = state.lang();
    let words = tr(lang);
    let Some(tc) = &state.reports.matrix.tasks else {
        put(buf, area.x, area.y, area.width, &Line::raw(words.loading));
        return Viewport::default();
    };
    let snap = &data.snap;
    let units: Vec<i64> = matrix_units(state, data)
        .into_iter()
        .filter(|u| tc.units.contains(u))
        .collect();
    // Group header: the action (（一）) or part (三、) a task belongs to.
    let mut top = Vec::new();
    let mut last_group = None;
    for n in &tc.nodes {
        let group = snap
            .outline
            .path(*n)
            .iter()
            .rev()
            .find(|p| p.id != *n && NodeKind::of_level(p.level) != NodeKind::Task)
            .map(|p| p.id);
        top.push(if group != last_group {
            group.map(|g| snap.outline.label(g)).unwrap_or_default()
        } else {
            String::new()
        });
        last_group = group;
    }
    let grid = Grid {
        top,
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
        labels: units
            .iter()
            .map(|u| clean(data.unit_short(*u)).into_owned())
            .collect(),
        cells: units
            .iter()
            .map(|u| tc.nodes.iter().map(|n| Some(tc.standing(*u, *n))).collect())
            .collect(),
    };
    let (grid_area, foot) = split(area, 4);
    let page = draw(buf, grid_area, &grid, state, t, memo);
    let m = &state.reports.matrix;
    let mut lines = Vec::new();
    lines.push(format!(
        "{}  {}",
        period(lang, tc.period),
        lang.pick("[ ] 换一期", "[ ] another period")
    ));
    if let Some(n) = tc.nodes.get(m.col) {
        let title = snap.outline.numbered_title(*n);
        lines.push(format!(
            "{title}{}{}",
            colon(lang),
            column_count(lang, tc.reported_on(*n), tc.units.len())
        ));
        if let Some(u) = units.get(m.row) {
            let s = tc.standing(*u, *n);
            lines.push(cell_detail(
                lang,
                data.unit_name(*u),
                &title,
                t.standing_word(s),
                tc.first(*u, *n),
            ));
        }
    }
    if units.is_empty() {
        lines.push(words.no_match.to_string());
    }
    lines.push(legend(lang).to_string());
    footer(buf, foot, &lines, t);
    Viewport {
        page,
        detail_max: 0,
    }
}
