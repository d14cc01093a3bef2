//! The conflict dialog: who changed the record and when, then the fields
//! either side changed, theirs beside mine, each wrapped the Chinese way
//! in its column; a field both changed differently is marked. The keys
//! at the bottom: keep theirs, save mine over theirs, back to editing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::popup::Popup;
use super::{cut, put, wrapped};
use crate::app::edit::ConflictView;
use crate::app::edit::conflict::Row;
use crate::app::state::State;
use crate::i18n::edit::{self as words, ConflictWords};
use crate::text::width::{pad_right, width};
use crate::ui::theme::Theme;

/// Lines a cell shows at most before it is cut.
const CELL_LINES: usize = 4;

fn cell(text: &str, w: usize, t: &Theme) -> Vec<String> {
    let text = if text.trim().is_empty() {
        "—".to_string()
    } else {
        text.to_string()
    };
    let mut lines = wrapped(&text, w.max(2));
    if lines.len() > CELL_LINES {
        lines.truncate(CELL_LINES);
        if let Some(last) = lines.last_mut() {
            let cut_to = w.saturating_sub(width(t.ellipsis()));
            *last = format!("{}{}", cut(last, cut_to, t), t.ellipsis());
        }
    }
    lines
}

/// Two long texts that differ late (an added sentence at the end of a
/// report): both shown from a little before the first difference, so the
/// difference is in sight.
fn from_difference(theirs: &str, mine: &str, w: usize, t: &Theme) -> (String, String) {
    let same = theirs
        .chars()
        .zip(mine.chars())
        .take_while(|(a, b)| a == b)
        .count();
    // What fits in a cell's first line is enough context.
    let context = w / 4;
    let shown_before: usize = theirs
        .chars()
        .take(same)
        .map(|c| width(c.encode_utf8(&mut [0; 4])))
        .sum();
    if shown_before <= w || same <= context {
        return (theirs.to_string(), mine.to_string());
    }
    let skip = same - context;
    let tail = |s: &str| {
        format!(
            "{}{}",
            t.ellipsis(),
            s.chars().skip(skip).collect::<String>()
        )
    };
    (tail(theirs), tail(mine))
}

pub struct ConflictPopup<'a> {
    pub state: &'a State,
    pub view: &'a ConflictView,
    pub theme: &'a Theme,
}

impl Widget for ConflictPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (view, t) = (self.view, self.theme);
        let cw = words::conflict(self.state.lang());
        let outer = super::form::popup(area);
        if outer.width < 24 || outer.height < 6 {
            return;
        }
        let w = usize::from(outer.width - 4);
        let mut lines: Vec<Line<'static>> = wrapped(&view.message, w)
            .into_iter()
            .map(|l| Line::styled(l, t.warning()))
            .collect();
        lines.push(Line::raw(""));
        if view.theirs.is_some() && view.rows.is_empty() {
            for l in wrapped(cw.none, w) {
                lines.push(Line::raw(l));
            }
        } else if !view.rows.is_empty() {
            lines.extend(self.table(&cw, w));
        }
        let keys = if view.theirs.is_some() {
            cw.keys
        } else {
            cw.deleted_keys
        };
        // As tall as it needs, the keys on its last row.
        let h = u16::try_from(lines.len() + 4)
            .unwrap_or(u16::MAX)
            .min(outer.height);
        let r = Rect {
            y: outer.y + (outer.height - h) / 2,
            height: h,
            ..outer
        };
        let title = Span::styled(format!(" {} ", cw.title), t.error());
        let inner = Popup::new(title, t).show(r, buf);
        let inner = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            ..inner
        };
        let body_h = usize::from(inner.height.saturating_sub(2));
        for (i, line) in lines.iter().take(body_h).enumerate() {
            let y = inner.y + u16::try_from(i).unwrap_or(0);
            put(buf, inner.x, y, inner.width, line);
        }
        let last = inner.y + inner.height - 1;
        put(
            buf,
            inner.x,
            last,
            inner.width,
            &Line::styled(cut(keys, w, t), t.accent()),
        );
    }
}

impl ConflictPopup<'_> {
    /// The fields either side changed, theirs beside mine, `w` columns in
    /// all; a field both changed differently marked `!`.
    fn table(&self, cw: &ConflictWords, w: usize) -> Vec<Line<'static>> {
        let (view, t) = (self.view, self.theme);
        let label_w = view
            .rows
            .iter()
            .map(|r| width(&r.label) + 2)
            .max()
            .unwrap_or(4)
            .max(width(cw.field))
            .min(w / 4);
        let col_w = w.saturating_sub(label_w + 2) / 2;
        let mut lines = vec![Line::from(vec![
            Span::styled(pad_right(cw.field, label_w), t.heading()),
            Span::raw(" "),
            Span::styled(pad_right(&cut(cw.theirs, col_w, t), col_w), t.heading()),
            Span::raw(" "),
            Span::styled(cut(cw.mine, col_w, t), t.heading()),
        ])];
        for row in &view.rows {
            lines.extend(self.row(row, label_w, col_w));
        }
        if view.rows.iter().any(|r| r.clash()) {
            lines.push(Line::styled(
                cut(&format!("! {}", cw.both), w, t),
                t.error(),
            ));
        }
        lines
    }

    /// One field: its label, then theirs and mine, each wrapped in its
    /// column and highlighted where that side changed it.
    fn row(&self, row: &Row, label_w: usize, col_w: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let (their_text, my_text) = from_difference(&row.theirs, &row.mine, col_w, t);
        let theirs = cell(&their_text, col_w, t);
        let mine = cell(&my_text, col_w, t);
        let label = if row.clash() {
            format!("! {}", row.label)
        } else {
            format!("  {}", row.label)
        };
        let label_style = if row.clash() { t.error() } else { t.heading() };
        let changed = |yes: bool| if yes { t.accent() } else { Style::new() };
        let mut lines = Vec::new();
        for i in 0..theirs.len().max(mine.len()) {
            let l = if i == 0 {
                cut(&label, label_w, t)
            } else {
                String::new()
            };
            lines.push(Line::from(vec![
                Span::styled(pad_right(&l, label_w), label_style),
                Span::raw(" "),
                Span::styled(
                    pad_right(theirs.get(i).map_or("", String::as_str), col_w),
                    changed(row.changed_by_them),
                ),
                Span::raw(" "),
                Span::styled(
                    mine.get(i).cloned().unwrap_or_default(),
                    changed(row.changed_by_me),
                ),
            ]));
        }
        lines
    }
}
