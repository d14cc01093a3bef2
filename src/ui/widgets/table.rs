//! Tables whose columns line up although the text is Chinese: widths are
//! shared out in terminal columns, every cell is cut at a character
//! boundary with an ellipsis and padded, and the selected row stays in
//! sight.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;

use super::{cell, put, right, scroll};
use crate::ui::theme::Theme;

/// How a column takes its width.
#[derive(Debug, Clone, Copy)]
pub enum Width {
    /// Exactly this many columns.
    Fixed(usize),
    /// A share of what the fixed columns leave, at least `min`.
    Flex { min: usize, weight: usize },
}

#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub width: Width,
    pub right: bool,
}

impl Col {
    pub const fn fixed(w: usize) -> Col {
        Col {
            width: Width::Fixed(w),
            right: false,
        }
    }

    pub const fn num(w: usize) -> Col {
        Col {
            width: Width::Fixed(w),
            right: true,
        }
    }

    pub const fn flex(min: usize, weight: usize) -> Col {
        Col {
            width: Width::Flex { min, weight },
            right: false,
        }
    }
}

/// Column widths for a table `total` columns wide, one space between
/// columns. Flexible columns share what is left by weight; when even their
/// minimum does not fit, they get what there is.
pub fn widths(total: usize, cols: &[Col]) -> Vec<usize> {
    let gaps = cols.len().saturating_sub(1);
    let fixed: usize = cols
        .iter()
        .map(|c| match c.width {
            Width::Fixed(w) => w,
            Width::Flex { .. } => 0,
        })
        .sum();
    let weights: usize = cols
        .iter()
        .map(|c| match c.width {
            Width::Flex { weight, .. } => weight,
            Width::Fixed(_) => 0,
        })
        .sum();
    let mut left = total.saturating_sub(fixed + gaps);
    let n_flex = cols
        .iter()
        .filter(|c| matches!(c.width, Width::Flex { .. }))
        .count();
    let mut out = Vec::with_capacity(cols.len());
    let mut seen = 0;
    let share_total = left;
    for c in cols {
        match c.width {
            Width::Fixed(w) => out.push(w),
            Width::Flex { min, weight } => {
                seen += 1;
                let share = if seen == n_flex {
                    left
                } else {
                    (share_total * weight)
                        .checked_div(weights)
                        .map_or(0, |s| s.max(min).min(left))
                };
                left -= share;
                out.push(share);
            }
        }
    }
    out
}

/// A line of cells laid out in `widths`.
pub fn row<'a>(cells: Vec<(String, Style)>, cols: &[Col], widths: &[usize], t: &Theme) -> Line<'a> {
    let mut spans = Vec::with_capacity(cells.len() * 2);
    for (i, ((text, style), (col, w))) in cells.into_iter().zip(cols.iter().zip(widths)).enumerate()
    {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        let text = if col.right {
            right(&super::cut(&text, *w, t), *w)
        } else {
            cell(&text, *w, t)
        };
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

/// A table ready to draw: its columns, an optional header and the rows.
/// Its state is the first row shown, moved as little as needed to keep
/// the selection in sight.
pub struct Table<'a> {
    pub cols: &'a [Col],
    pub header: Option<Vec<String>>,
    pub rows: Vec<Vec<(String, Style)>>,
    pub selected: Option<usize>,
    /// Style of the selected row.
    pub highlight: Style,
    pub theme: &'a Theme,
}

impl StatefulWidget for Table<'_> {
    type State = usize;

    fn render(self, area: Rect, buf: &mut Buffer, offset: &mut usize) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let t = self.theme;
        let w = usize::from(area.width);
        let ws = widths(w, self.cols);
        let mut y = area.y;
        if let Some(h) = self.header {
            let cells = h.into_iter().map(|s| (s, t.heading())).collect();
            put(buf, area.x, y, area.width, &row(cells, self.cols, &ws, t));
            y += 1;
        }
        let height = usize::from(area.y + area.height - y);
        let len = self.rows.len();
        let top = scroll(*offset, self.selected.unwrap_or(0), height, len);
        for (i, cells) in self.rows.into_iter().enumerate().skip(top).take(height) {
            let mut line = row(cells, self.cols, &ws, t);
            if Some(i) == self.selected {
                line = line.patch_style(self.highlight);
                // Fill to the edge so the whole row reads as selected.
                let pad = w.saturating_sub(line.width());
                if pad > 0 {
                    line.spans
                        .push(Span::styled(" ".repeat(pad), self.highlight));
                }
            }
            put(buf, area.x, y, area.width, &line);
            y += 1;
        }
        *offset = top;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flexible_columns_share_what_is_left() {
        let cols = [
            Col::fixed(10),
            Col::flex(8, 2),
            Col::flex(8, 1),
            Col::num(4),
        ];
        let w = widths(80, &cols);
        assert_eq!(w.iter().sum::<usize>() + 3, 80);
        assert_eq!(w[0], 10);
        assert_eq!(w[3], 4);
        assert!(w[1] > w[2], "{w:?}");
    }

    #[test]
    fn too_narrow_tables_give_flex_columns_what_there_is() {
        let cols = [Col::fixed(10), Col::flex(8, 1)];
        assert_eq!(widths(15, &cols), [10, 4]);
        assert_eq!(widths(5, &cols), [10, 0]);
    }
}
