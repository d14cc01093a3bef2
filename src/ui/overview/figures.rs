//! The figures at the top of 总览: the progress pane (the plan against
//! 序时进度, the lights, the paces, one bar per action) beside the
//! reporting pane (this period's count, who reported late, who has not
//! reported — by name — and the previous period while it is still
//! chased). On a narrow window the reporting pane goes under the
//! progress pane and keeps its first lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::analysis::board::plan_expected;
use crate::analysis::{Light, Pace};
use crate::i18n::Lang;
use crate::i18n::console::{
    coverage_line, deadline, not_reported_heading, pending_count, period, previous_missing,
};
use crate::model::numbers::{percent0, rate};
use crate::text::width::width;
use crate::ui::ctx::ViewCtx;
use crate::ui::widgets::{bar, cell, clean, cut, put};

/// The two panes, laid out for a width and a budget of rows.
pub struct Figures {
    /// Side by side (`left_w` columns, two between, the rest), or the
    /// reporting lines under the progress lines.
    two_columns: bool,
    left_w: usize,
    right_w: usize,
    left: Vec<Line<'static>>,
    right: Vec<Line<'static>>,
    budget: usize,
}

impl Figures {
    pub fn new(ctx: ViewCtx<'_>, w: usize, budget: usize) -> Figures {
        let two_columns = w >= 70;
        let (left_w, right_w) = if two_columns {
            let left = if w >= 110 { w * 11 / 20 } else { w / 2 };
            (left, w - left - 2)
        } else {
            (w, w)
        };
        let mut left = ProgressPane { ctx }.lines(left_w);
        let right = if two_columns {
            left.truncate(budget);
            CoveragePane { ctx }.lines(right_w, left.len().max(6).min(budget))
        } else {
            // The coverage keeps its first lines (the names may be cut);
            // the per-action lines go first when rows are short.
            let right = CoveragePane { ctx }.lines(right_w, 4.min(budget));
            left.truncate(budget.saturating_sub(right.len()).max(4.min(budget)));
            right
        };
        Figures {
            two_columns,
            left_w,
            right_w,
            left,
            right,
            budget,
        }
    }

    /// Rows the figures take in a body `height` rows high.
    pub fn height(&self, height: u16) -> u16 {
        let rows = if self.two_columns {
            self.left.len().max(self.right.len()).min(self.budget)
        } else {
            (self.left.len() + self.right.len())
                .min(self.budget)
                .min(usize::from(height))
        };
        u16::try_from(rows).unwrap_or(0)
    }
}

impl Widget for Figures {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if !self.two_columns {
            let lines = self.left.iter().chain(self.right.iter());
            let bottom = area.y + area.height;
            for (y, l) in (area.y..bottom).zip(lines.take(self.budget)) {
                put(buf, area.x, y, area.width, l);
            }
            return;
        }
        let top_h = self.height(area.height);
        let right_x = area.x + u16::try_from(self.left_w + 2).unwrap_or(0);
        for i in 0..usize::from(top_h) {
            let row = area.y + u16::try_from(i).unwrap_or(0);
            if let Some(l) = self.left.get(i) {
                put(buf, area.x, row, u16::try_from(self.left_w).unwrap_or(0), l);
            }
            if let Some(r) = self.right.get(i) {
                put(
                    buf,
                    right_x,
                    row,
                    u16::try_from(self.right_w).unwrap_or(0),
                    r,
                );
            }
        }
    }
}

/// How far the plan has come: overall against 序时进度, the lights, the
/// paces, then one line per action.
struct ProgressPane<'a> {
    ctx: ViewCtx<'a>,
}

impl ProgressPane<'_> {
    fn lines(&self, w: usize) -> Vec<Line<'static>> {
        let ctx = self.ctx;
        let mut lines = vec![ctx.heading(ctx.words.progress, "", w)];
        lines.push(self.overall(w));
        lines.push(self.lights());
        // Where the plan has no end date the pane says so, and how to set
        // it: 序时进度 is not measured against a guess.
        if ctx.snap().plan.end.is_none() {
            lines.push(Line::styled(
                cut(ctx.words.schedule_unset, w, ctx.theme),
                ctx.theme.light(Light::Yellow),
            ));
        }
        lines.push(self.paces());
        lines.extend(self.actions(w));
        lines
    }

    /// `总体 ████░░┃░░ 45%  序时进度 52%`.
    fn overall(&self, w: usize) -> Line<'static> {
        let (ctx, t) = (self.ctx, self.ctx.theme);
        let snap = ctx.snap();
        let overall = snap.overall_progress();
        let expected = plan_expected(snap);
        let label = format!("{} ", ctx.words.overall);
        let figures = match expected {
            Some(e) => format!(
                " {}  {} {}",
                percent0(overall),
                ctx.words.expected,
                percent0(e)
            ),
            None => format!(" {}", percent0(overall)),
        };
        let bar_w = w.saturating_sub(width(&label) + width(&figures)).min(30);
        let mut spans = vec![Span::styled(label, t.heading())];
        spans.extend(bar(overall, expected, bar_w, t, t.accent()));
        spans.push(Span::styled(figures, t.heading()));
        Line::from(spans)
    }

    /// `红灯 3  黄灯 5  绿灯 12`.
    fn lights(&self) -> Line<'static> {
        let (lang, t) = (self.ctx.lang, self.ctx.theme);
        let mut spans = Vec::new();
        for (light, n) in self.ctx.snap().light_counts() {
            if !spans.is_empty() {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(
                format!("{} {n}", lang.pick(light.label_zh(), light.label_en())),
                t.light(light),
            ));
        }
        Line::from(spans)
    }

    /// `欠进度 4  达进度 9  超进度 2` over the work in progress (未设定 when
    /// some have nothing to be measured against), 欠进度 in yellow when
    /// there are any, and the tasks whose records contradict their status.
    fn paces(&self) -> Line<'static> {
        let (lang, t) = (self.ctx.lang, self.ctx.theme);
        let snap = self.ctx.snap();
        let mut spans = Vec::new();
        for (pace, n) in snap.pace_counts() {
            if pace == Pace::Unset && n == 0 {
                continue;
            }
            if !spans.is_empty() {
                spans.push(Span::raw("  "));
            }
            let style = if pace == Pace::Behind && n > 0 {
                t.light(Light::Yellow)
            } else {
                t.plain()
            };
            spans.push(Span::styled(
                format!("{} {n}", pace_word(lang, pace)),
                style,
            ));
        }
        let warnings = snap.warnings().len();
        if warnings > 0 {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                format!("{} {warnings}", lang.pick("待核实", "to check")),
                t.light(Light::Yellow),
            ));
        }
        Line::from(spans)
    }

    /// One line per action: name, bar with the pace mark, figure, pace word.
    fn actions(&self, w: usize) -> Vec<Line<'static>> {
        let (ctx, t, lang) = (self.ctx, self.ctx.theme, self.ctx.lang);
        let snap = ctx.snap();
        let pace_w = if lang == Lang::Zh { 6 } else { 7 };
        let name_w = (w / 2).clamp(10, 40);
        let bar_w = w.saturating_sub(name_w + 1 + 1 + 4 + 1 + pace_w).min(24);
        let mut lines = Vec::new();
        for id in &ctx.data.groups {
            let Some(stat) = snap.stat(*id) else { continue };
            let name = clean(&snap.outline.numbered_title(*id)).into_owned();
            let mut spans = vec![Span::raw(cell(&name, name_w, t)), Span::raw(" ")];
            spans.extend(bar(stat.progress, stat.expected, bar_w, t, t.accent()));
            let pace_style = if stat.pace == Pace::Behind {
                t.light(Light::Yellow)
            } else {
                t.plain()
            };
            spans.push(Span::raw(format!(" {:>4} ", percent0(stat.progress))));
            spans.push(Span::styled(
                cell(pace_word(lang, stat.pace), pace_w, t),
                pace_style,
            ));
            lines.push(Line::from(spans));
        }
        lines
    }
}

/// A pace as the overview's narrow columns say it: `未设定` rather than
/// the long `序时进度未设定`.
fn pace_word(lang: Lang, pace: Pace) -> &'static str {
    if pace == Pace::Unset {
        lang.pick("未设定", "not set")
    } else {
        lang.pick(pace.label_zh(), pace.label_en())
    }
}

/// Who has reported for the reporting period, and who has not.
struct CoveragePane<'a> {
    ctx: ViewCtx<'a>,
}

impl CoveragePane<'_> {
    /// The pane's lines, `w` columns wide; the lists of names take no
    /// more than `budget` lines in all.
    fn lines(&self, w: usize, budget: usize) -> Vec<Line<'static>> {
        let (ctx, lang, t) = (self.ctx, self.ctx.lang, self.ctx.theme);
        let c = &ctx.snap().coverage;
        let title = format!("{} {}", ctx.words.tabs[4], period(lang, c.period));
        let mut lines = vec![ctx.heading(&title, "", w)];
        self.count(&mut lines, w);
        let late: Vec<&str> = c.late().map(|u| ctx.data.unit_short(u.unit_id)).collect();
        if !late.is_empty() {
            let text = match lang {
                Lang::Zh => format!(
                    "{}（{}）：{}",
                    ctx.words.late_reported,
                    late.len(),
                    late.join("、")
                ),
                Lang::En => format!(
                    "{} ({}): {}",
                    ctx.words.late_reported,
                    late.len(),
                    late.join(", ")
                ),
            };
            lines.push(Line::styled(cut(&text, w, t), t.light(Light::Yellow)));
        }
        self.previous(&mut lines, w, budget);
        self.missing(&mut lines, w, budget);
        lines
    }

    /// `已报送 33/41（80.5%）  截止 1月10日`, on two lines when narrow;
    /// red once the deadline passed with reports missing.
    fn count(&self, lines: &mut Vec<Line<'static>>, w: usize) {
        let (ctx, lang, t) = (self.ctx, self.ctx.lang, self.ctx.theme);
        let c = &ctx.snap().coverage;
        let (reported, expected) = (c.reported(), c.expected());
        let passed = ctx.snap().as_of > c.deadline;
        let head = coverage_line(
            lang,
            reported,
            expected,
            &rate(reported as f64, expected as f64),
        );
        let due = deadline(lang, c.deadline, passed);
        let head_style = if passed && reported < expected {
            t.light(Light::Red)
        } else {
            t.heading()
        };
        if width(&head) + 2 + width(&due) <= w {
            lines.push(Line::from(vec![
                Span::styled(head, head_style),
                Span::raw("  "),
                Span::raw(due),
            ]));
        } else {
            lines.push(Line::styled(head, head_style));
            lines.push(Line::raw(cut(&due, w, t)));
        }
    }

    /// The previous period, while this one is still open: who never
    /// reported for it is what a meeting chases now.
    fn previous(&self, lines: &mut Vec<Line<'static>>, w: usize, budget: usize) {
        let (ctx, lang) = (self.ctx, self.ctx.lang);
        let Some(prev) = ctx.data.previous.as_ref() else {
            return;
        };
        let missing: Vec<&str> = prev
            .not_reported()
            .map(|u| ctx.data.unit_name(u.unit_id))
            .collect();
        if missing.is_empty() {
            return;
        }
        let names = Names {
            head: previous_missing(lang, &period(lang, prev.period), missing.len()),
            names: missing,
            style: ctx.theme.light(Light::Red),
        };
        let room = budget.saturating_sub(lines.len() + 1).max(1);
        lines.extend(names.lines(ctx, room, w));
    }

    /// Who has not reported for this period: all reported, a count while
    /// nobody has and there is time, or the names.
    fn missing(&self, lines: &mut Vec<Line<'static>>, w: usize, budget: usize) {
        let (ctx, lang, t) = (self.ctx, self.ctx.lang, self.ctx.theme);
        let c = &ctx.snap().coverage;
        let passed = ctx.snap().as_of > c.deadline;
        let missing: Vec<&str> = c
            .not_reported()
            .map(|u| ctx.data.unit_name(u.unit_id))
            .collect();
        if missing.is_empty() {
            lines.push(Line::styled(ctx.words.all_reported, t.light(Light::Green)));
        } else if !passed && c.reported() == 0 {
            // Nobody has reported yet and there is time: a count, not 41
            // names.
            lines.push(Line::raw(pending_count(lang, missing.len())));
        } else {
            let names = Names {
                head: not_reported_heading(lang, missing.len(), passed),
                style: if passed {
                    t.light(Light::Red)
                } else {
                    t.heading()
                },
                names: missing,
            };
            let room = budget.saturating_sub(lines.len()).max(1);
            lines.extend(names.lines(ctx, room, w));
        }
    }
}

/// A heading then unit names, run on as one wrapped text.
struct Names<'a> {
    head: String,
    names: Vec<&'a str>,
    /// The heading's style.
    style: Style,
}

impl Names<'_> {
    /// At most `room` lines of `w` columns, the last one ending in 等 when
    /// names are left out.
    fn lines(&self, ctx: ViewCtx<'_>, room: usize, w: usize) -> Vec<Line<'static>> {
        let (lang, t) = (ctx.lang, ctx.theme);
        let sep = lang.pick("、", ", ");
        let names: Vec<_> = self.names.iter().map(|m| clean(m)).collect();
        let text = format!("{}{}", self.head, names.join(sep));
        let mut wrapped = crate::text::wrap::wrap(&text, w.max(2));
        if wrapped.len() > room {
            wrapped.truncate(room);
            if let Some(last) = wrapped.last_mut() {
                let tail = lang.pick("等", " …");
                *last = cut(&format!("{last}{tail}"), w, t);
            }
        }
        let mut lines = Vec::new();
        for (i, l) in wrapped.into_iter().enumerate() {
            if i == 0 {
                let head_w = width(&self.head).min(width(&l));
                let (a, b) = split_at_width(&l, head_w);
                lines.push(Line::from(vec![Span::styled(a, self.style), Span::raw(b)]));
            } else {
                lines.push(Line::raw(l));
            }
        }
        lines
    }
}

fn split_at_width(s: &str, cols: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        if used >= cols {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += width(c.encode_utf8(&mut [0; 4]));
    }
    (s.to_string(), String::new())
}
