//! Small drawing helpers every view uses: cells cut to a width in terminal
//! columns (never half a Chinese character), section rules, progress bars
//! with the 序时进度 mark, Chinese-aware wrapped text, scrolling that keeps
//! the selection in sight, and popups that do not leave half glyphs behind.

pub mod agency_picker;
pub mod confirm;
pub mod conflict;
pub mod copy_question;
pub mod edit;
pub mod field;
pub mod form;
pub mod help;
pub mod import_pane;
pub mod io;
pub mod items;
pub mod path_prompt;
pub mod popup;
pub mod table;
pub mod templates;
pub mod wrap_prompt;

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::text::sanitize::{for_display, for_display_multiline};
use crate::text::width::{fit, truncate, width};
use crate::text::wrap::wrap;

/// Text from the database, made safe to print on one line.
pub fn clean(s: &str) -> Cow<'_, str> {
    for_display(s)
}

/// Cut (with the theme's ellipsis) and padded to exactly `w` columns.
pub fn cell(s: &str, w: usize, t: &Theme) -> String {
    fit(s, w, t.ellipsis())
}

/// Cut to at most `w` columns, not padded.
pub fn cut(s: &str, w: usize, t: &Theme) -> String {
    truncate(s, w, t.ellipsis()).into_owned()
}

/// Right-aligned in `w` columns (numbers).
pub fn right(s: &str, w: usize) -> String {
    crate::text::width::pad_left(s, w)
}

/// A section heading drawn as a rule: `─ 逾期节点 5 ──────`.
pub fn section<'a>(title: &str, extra: &str, w: usize, t: &Theme, style: Style) -> Line<'a> {
    let rule = t.rule();
    let mut head = format!("{rule} {title}");
    if !extra.is_empty() {
        head.push(' ');
        head.push_str(extra);
    }
    head.push(' ');
    let head = cut(&head, w, t);
    let fill = w.saturating_sub(width(&head));
    Line::from(vec![
        Span::styled(head, style),
        Span::raw(rule.repeat(fill)),
    ])
}

/// A progress bar of `w` columns for `pct` (0–100), with the expected
/// progress (序时进度) marked where it falls.
pub fn bar<'a>(
    pct: f64,
    expected: Option<f64>,
    w: usize,
    t: &Theme,
    style: Style,
) -> Vec<Span<'a>> {
    if w == 0 {
        return vec![];
    }
    let cells = |p: f64| ((p.clamp(0.0, 100.0) / 100.0) * w as f64).round() as usize;
    let filled = cells(pct).min(w);
    let mark = expected.map(|e| cells(e).min(w.saturating_sub(1)));
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_full = true;
    for i in 0..w {
        if Some(i) == mark {
            if !run.is_empty() {
                spans.push(bar_run(std::mem::take(&mut run), run_full, style));
            }
            spans.push(Span::raw(t.pace_mark()));
            continue;
        }
        let full = i < filled;
        if full != run_full && !run.is_empty() {
            spans.push(bar_run(std::mem::take(&mut run), run_full, style));
        }
        run_full = full;
        run.push_str(if full { t.bar_full() } else { t.bar_empty() });
    }
    if !run.is_empty() {
        spans.push(bar_run(run, run_full, style));
    }
    spans
}

fn bar_run<'a>(s: String, full: bool, style: Style) -> Span<'a> {
    if full {
        Span::styled(s, style)
    } else {
        Span::raw(s)
    }
}

/// Text from the database wrapped to `w` columns the Chinese way (breaks
/// between characters, no line starting with `，。）`).
pub fn wrapped(s: &str, w: usize) -> Vec<String> {
    let clean = for_display_multiline(s);
    wrap(clean.trim_end(), w.max(2))
}

/// The first line of a text, made safe, for a list's summary column.
pub fn summary(s: &str) -> String {
    let first = s.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    for_display(first.trim()).into_owned()
}

/// The first row to show so that `selected` is in sight, moving the view
/// as little as possible from `prev`.
pub fn scroll(prev: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let max = len - height;
    let mut top = prev.min(max);
    if selected < top {
        top = selected;
    } else if selected >= top + height {
        top = selected + 1 - height;
    }
    top.min(max)
}

/// A rectangle of `w` x `h` centred in `area` (shrunk to fit).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Blanks `r` and one column either side of it, so a wide character cut
/// by the popup's edge leaves no half glyph.
pub fn clear_wide(buf: &mut Buffer, r: Rect) {
    let area = buf.area;
    let x0 = r.x.saturating_sub(1).max(area.x);
    let x1 = (r.x + r.width + 1).min(area.x + area.width);
    for y in r.y..(r.y + r.height).min(area.y + area.height) {
        for x in x0..x1 {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.reset();
            }
        }
    }
}

/// Lines drawn from line `scroll` on (clamped to how far they can
/// scroll), with `more` on the last row when some are below: a detail
/// pane the user scrolls.
pub struct Scrolled<'a> {
    pub lines: &'a [Line<'a>],
    pub scroll: u16,
    pub more: &'a str,
    pub theme: &'a Theme,
}

impl Scrolled<'_> {
    /// How far the lines can scroll in `height` rows.
    pub fn max_scroll(&self, height: u16) -> u16 {
        let max = self.lines.len().saturating_sub(usize::from(height));
        u16::try_from(max).unwrap_or(u16::MAX)
    }
}

impl Widget for Scrolled<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let h = usize::from(area.height);
        let max = self.lines.len().saturating_sub(h);
        let skip = usize::from(self.scroll).min(max);
        for (i, line) in self.lines.iter().skip(skip).take(h).enumerate() {
            put(
                buf,
                area.x,
                area.y + u16::try_from(i).unwrap_or(0),
                area.width,
                line,
            );
        }
        if skip < max && h > 0 {
            let more = format!(" {} ", self.more);
            let x = area.x
                + area
                    .width
                    .saturating_sub(u16::try_from(width(&more)).unwrap_or(0));
            put(
                buf,
                x,
                area.y + area.height - 1,
                area.width,
                &Line::styled(more, self.theme.selected()),
            );
        }
    }
}

/// Drops the first `cols` columns of `s`; a wide character cut in half
/// leaves a space (a preview scrolled sideways, a text field).
pub fn skip_columns(s: &str, cols: usize) -> String {
    if cols == 0 {
        return s.to_string();
    }
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]));
        if used >= cols {
            out.push(c);
        } else if used + cw > cols {
            out.push(' ');
        }
        used += cw;
    }
    out
}

/// Drops whole characters from the start of `s` until `cols` columns are
/// gone (an input scrolled to keep its cursor in sight).
pub fn drop_columns(s: &str, cols: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        if used >= cols {
            out.push(c);
        } else {
            used += width(c.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

pub fn put(buf: &mut Buffer, x: u16, y: u16, w: u16, line: &Line<'_>) {
    if y >= buf.area.y + buf.area.height || w == 0 {
        return;
    }
    buf.set_line(x, y, line, w);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Settings;

    fn ascii() -> Theme {
        Theme::new(&Settings {
            ascii: true,
            ..Settings::default()
        })
    }

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn bars_fill_and_mark_the_pace() {
        let t = ascii();
        assert_eq!(text(&bar(50.0, None, 10, &t, Style::new())), "#####.....");
        assert_eq!(
            text(&bar(50.0, Some(70.0), 10, &t, Style::new())),
            "#####..|.."
        );
        assert_eq!(text(&bar(100.0, Some(100.0), 4, &t, Style::new())), "###|");
        assert_eq!(text(&bar(0.0, Some(0.0), 4, &t, Style::new())), "|...");
    }

    #[test]
    fn sections_fill_the_width_and_cut_long_titles() {
        let t = ascii();
        let line = section("逾期节点", "5", 20, &t, Style::new());
        assert_eq!(line.width(), 20);
        assert_eq!(line.to_string(), "- 逾期节点 5 -------");
        let line = section("女职工创新工作室首批认定节点逾期", "", 12, &t, Style::new());
        assert_eq!(line.width(), 12);
        assert_eq!(line.to_string(), "- 女职工...-");
    }

    #[test]
    fn cells_never_split_a_chinese_character() {
        let t = ascii();
        assert_eq!(cell("渝中区", 5, &t), "渝...");
        assert_eq!(cell("渝中区", 4, &t), "... ");
        assert_eq!(cell("渝中区", 6, &t), "渝中区");
        assert_eq!(cell("酉阳土家族苗族自治县", 9, &t), "酉阳土...");
        // A character that would straddle the cut is left out whole.
        assert_eq!(cell("酉阳土家族苗族自治县", 8, &t), "酉阳... ");
    }

    #[test]
    fn scrolling_moves_only_as_far_as_needed() {
        assert_eq!(scroll(0, 5, 10, 100), 0);
        assert_eq!(scroll(0, 12, 10, 100), 3);
        assert_eq!(scroll(3, 8, 10, 100), 3);
        assert_eq!(scroll(30, 8, 10, 100), 8);
        assert_eq!(scroll(95, 99, 10, 100), 90);
        assert_eq!(scroll(5, 3, 10, 5), 0);
    }

    #[test]
    fn skipping_columns_never_leaves_half_a_character() {
        assert_eq!(skip_columns("渝中区abc", 2), "中区abc");
        assert_eq!(skip_columns("渝中区abc", 3), " 区abc");
        assert_eq!(skip_columns("ab", 5), "");
        assert_eq!(drop_columns("渝中区abc", 2), "中区abc");
        assert_eq!(drop_columns("渝中区abc", 3), "区abc");
    }

    #[test]
    fn wrapped_text_is_sanitised_and_fits() {
        let lines = wrapped(
            "开展学习宣传活动218场，\x1b[2J覆盖女科技工作者1.3万人次。",
            12,
        );
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
        assert!(lines.concat().contains("^[[2J"));
        assert!(!lines.iter().any(|l| l.starts_with('，')));
    }
}
