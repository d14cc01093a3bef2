//! 总览: the first screen answers what a meeting asks first — how far the
//! plan has come against 序时进度, how many items are red, yellow or green,
//! which milestones are overdue (with the lead agency and days late), what
//! falls due soon, who has not reported for the current period (by name),
//! and what came in last. Larger windows get more rows and more columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::table::{Col, Table};
use super::widgets::{bar, cell, clean, cut, put, section};
use crate::analysis::board::plan_expected;
use crate::analysis::{Light, Pace};
use crate::app::data::Data;
use crate::app::state::{State, Viewport};
use crate::i18n::Lang;
use crate::i18n::console::{
    coverage_line, date, days, deadline, due_within, more, not_reported_heading, pending_count,
    period, previous_missing, report_count, tr,
};
use crate::model::numbers::{percent0, rate};
use crate::text::width::width;

pub fn render(buf: &mut Buffer, area: Rect, state: &State, data: &Data, t: &Theme) -> Viewport {
    let area = new_database(buf, area, state, data, t);
    let lang = state.lang();
    let w = usize::from(area.width);
    let two_columns = w >= 70;
    let (left_w, right_w) = if two_columns {
        let left = if w >= 110 { w * 11 / 20 } else { w / 2 };
        (left, w - left - 2)
    } else {
        (w, w)
    };
    // The lists below (what is overdue, what falls due) matter most: keep
    // them room for a few rows each, and give the figures the rest.
    let snap = &data.snap;
    let list_min = 2 + snap.overdue().len().clamp(1, 4) + 1 + snap.due_soon().len().clamp(1, 2);
    let budget = usize::from(area.height).saturating_sub(list_min).max(4);
    let mut left = progress_lines(data, lang, left_w, t);
    let mut y = area.y;
    let bottom = area.y + area.height;
    if two_columns {
        left.truncate(budget);
        let right = coverage_lines(data, lang, right_w, left.len().max(6).min(budget), t);
        let top_h = left.len().max(right.len()).min(budget);
        for i in 0..top_h {
            let row = y + u16::try_from(i).unwrap_or(0);
            if let Some(l) = left.get(i) {
                put(buf, area.x, row, u16::try_from(left_w).unwrap_or(0), l);
            }
            if let Some(r) = right.get(i) {
                let x = area.x + u16::try_from(left_w + 2).unwrap_or(0);
                put(buf, x, row, u16::try_from(right_w).unwrap_or(0), r);
            }
        }
        y += u16::try_from(top_h).unwrap_or(0);
    } else {
        // One column: the coverage keeps its first lines (the names may be
        // cut); the per-action lines go first when rows are short.
        let right = coverage_lines(data, lang, right_w, 4.min(budget), t);
        left.truncate(budget.saturating_sub(right.len()).max(4.min(budget)));
        for l in left.iter().chain(right.iter()).take(budget) {
            if y >= bottom {
                break;
            }
            put(buf, area.x, y, area.width, l);
            y += 1;
        }
    }
    let rest = Rect {
        y,
        height: bottom.saturating_sub(y),
        ..area
    };
    lists(buf, rest, state, data, t);
    Viewport::default()
}

/// A new, empty database (no report, no milestone): where the file is and
/// the first steps, above the figures, until something is recorded.
fn new_database(buf: &mut Buffer, area: Rect, state: &State, data: &Data, t: &Theme) -> Rect {
    let Some(path) = &state.new_database else {
        return area;
    };
    if !data.latest.is_empty() || !data.snap.milestones.is_empty() || area.height < 12 {
        return area;
    }
    let w = usize::from(area.width);
    let path = clean(&path.to_string_lossy()).into_owned();
    let (title, lines) = crate::i18n::deploy::first_start(state.lang(), &path);
    let mut y = area.y;
    put(
        buf,
        area.x,
        y,
        area.width,
        &section(title, "", w, t, t.heading()),
    );
    for line in lines {
        y += 1;
        put(buf, area.x, y, area.width, &Line::raw(cut(&line, w, t)));
    }
    let used = y + 2 - area.y;
    Rect {
        y: area.y + used,
        height: area.height.saturating_sub(used),
        ..area
    }
}

fn progress_lines(data: &Data, lang: Lang, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let words = tr(lang);
    let snap = &data.snap;
    let mut lines = vec![section(words.progress, "", w, t, t.heading())];
    let overall = snap.overall_progress();
    let expected = plan_expected(snap);
    let label = format!("{} ", words.overall);
    let figures = match expected {
        Some(e) => format!(" {}  {} {}", percent0(overall), words.expected, percent0(e)),
        None => format!(" {}", percent0(overall)),
    };
    let bar_w = w.saturating_sub(width(&label) + width(&figures)).min(30);
    let mut spans = vec![Span::styled(label, t.heading())];
    spans.extend(bar(overall, expected, bar_w, t, t.accent()));
    spans.push(Span::styled(figures, t.heading()));
    lines.push(Line::from(spans));
    let mut lights = Vec::new();
    for (light, n) in snap.light_counts() {
        if !lights.is_empty() {
            lights.push(Span::raw("  "));
        }
        lights.push(Span::styled(
            format!("{} {n}", lang.pick(light.label_zh(), light.label_en())),
            t.light(light),
        ));
    }
    lines.push(Line::from(lights));
    let mut paces = Vec::new();
    for (pace, n) in snap.pace_counts() {
        if !paces.is_empty() {
            paces.push(Span::raw("  "));
        }
        let style = if pace == Pace::Behind && n > 0 {
            t.light(Light::Yellow)
        } else {
            t.plain()
        };
        paces.push(Span::styled(
            format!("{} {n}", lang.pick(pace.label_zh(), pace.label_en())),
            style,
        ));
    }
    lines.push(Line::from(paces));
    // One line per action: name, bar with the pace mark, figure, pace word.
    let pace_w = if lang == Lang::Zh { 6 } else { 7 };
    let name_w = (w / 2).clamp(10, 40);
    let bar_w = w.saturating_sub(name_w + 1 + 1 + 4 + 1 + pace_w).min(24);
    for id in &data.groups {
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
            cell(
                lang.pick(stat.pace.label_zh(), stat.pace.label_en()),
                pace_w,
                t,
            ),
            pace_style,
        ));
        lines.push(Line::from(spans));
    }
    lines
}

fn coverage_lines(
    data: &Data,
    lang: Lang,
    w: usize,
    budget: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let words = tr(lang);
    let c = &data.snap.coverage;
    let title = format!("{} {}", tr(lang).tabs[4], period(lang, c.period));
    let mut lines = vec![section(&title, "", w, t, t.heading())];
    let (reported, expected) = (c.reported(), c.expected());
    let passed = data.snap.as_of > c.deadline;
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
    let late: Vec<&str> = c.late().map(|u| data.unit_short(u.unit_id)).collect();
    if !late.is_empty() {
        let text = format!(
            "{}（{}）：{}",
            words.late_reported,
            late.len(),
            late.join("、")
        );
        let text = if lang == Lang::En {
            format!(
                "{} ({}): {}",
                words.late_reported,
                late.len(),
                late.join(", ")
            )
        } else {
            text
        };
        lines.push(Line::styled(cut(&text, w, t), t.light(Light::Yellow)));
    }
    // The previous period, while this one is still open: who never
    // reported for it is what a meeting chases now.
    if let Some(prev) = data.previous.as_ref() {
        let missing: Vec<&str> = prev
            .not_reported()
            .map(|u| data.unit_name(u.unit_id))
            .collect();
        if !missing.is_empty() {
            let head = previous_missing(lang, &period(lang, prev.period), missing.len());
            let room = budget.saturating_sub(lines.len() + 1).max(1);
            names(
                &mut lines,
                &head,
                &missing,
                t.light(Light::Red),
                room,
                lang,
                w,
                t,
            );
        }
    }
    let missing: Vec<&str> = c
        .not_reported()
        .map(|u| data.unit_name(u.unit_id))
        .collect();
    if missing.is_empty() {
        lines.push(Line::styled(words.all_reported, t.light(Light::Green)));
    } else if !passed && reported == 0 {
        // Nobody has reported yet and there is time: a count, not 41 names.
        lines.push(Line::raw(pending_count(lang, missing.len())));
    } else {
        let head = not_reported_heading(lang, missing.len(), passed);
        let style = if passed {
            t.light(Light::Red)
        } else {
            t.heading()
        };
        let room = budget.saturating_sub(lines.len()).max(1);
        names(&mut lines, &head, &missing, style, room, lang, w, t);
    }
    lines
}

/// `head` then the unit names, wrapped into at most `room` lines, the last
/// one ending in 等 when names are left out.
#[allow(clippy::too_many_arguments)]
fn names(
    lines: &mut Vec<Line<'static>>,
    head: &str,
    names: &[&str],
    style: Style,
    room: usize,
    lang: Lang,
    w: usize,
    t: &Theme,
) {
    let sep = lang.pick("、", ", ");
    let text = format!(
        "{head}{}",
        names.iter().map(|m| clean(m)).collect::<Vec<_>>().join(sep)
    );
    let mut wrapped = crate::text::wrap::wrap(&text, w.max(2));
    if wrapped.len() > room {
        wrapped.truncate(room);
        if let Some(last) = wrapped.last_mut() {
            let tail = lang.pick("等", " …");
            *last = cut(&format!("{last}{tail}"), w, t);
        }
    }
    for (i, l) in wrapped.into_iter().enumerate() {
        if i == 0 {
            let head_w = width(head).min(width(&l));
            let (a, b) = split_at_width(&l, head_w);
            lines.push(Line::from(vec![Span::styled(a, style), Span::raw(b)]));
        } else {
            lines.push(Line::raw(l));
        }
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

/// The three lists under the figures, sharing the rows that are left.
fn lists(buf: &mut Buffer, area: Rect, state: &State, data: &Data, t: &Theme) {
    let lang = state.lang();
    let words = tr(lang);
    let snap = &data.snap;
    let overdue = snap.overdue();
    let soon = snap.due_soon();
    let latest = &data.latest;
    let avail = usize::from(area.height);
    if avail < 2 {
        return;
    }
    // Headings plus at least one row each, then rows by priority.
    let want = [overdue.len().max(1), soon.len().max(1), latest.len().max(1)];
    // The latest submissions only when the first two lists fit.
    let first_two = 2 + want[0].min(4) + want[1].min(2);
    let sections = if avail >= first_two + 2 {
        3
    } else if avail >= 4 {
        2
    } else {
        1
    };
    let mut rows = [0usize; 3];
    let mut left = avail.saturating_sub(sections);
    for i in 0..sections {
        let r = want[i].min(1).min(left);
        rows[i] = r;
        left -= r;
    }
    for i in 0..sections {
        let extra = (want[i] - rows[i]).min(left);
        rows[i] += extra;
        left -= extra;
    }
    let w = usize::from(area.width);
    let wide = w >= 100;
    let mut y = area.y;
    let section_at = |buf: &mut Buffer, y: &mut u16, title: &str, extra: &str| {
        put(
            buf,
            area.x,
            *y,
            area.width,
            &section(title, extra, w, t, t.heading()),
        );
        *y += 1;
    };
    // Overdue milestones.
    let ms_cols_wide = [
        Col::fixed(11),
        Col::fixed(10),
        Col::flex(10, 3),
        Col::flex(10, 2),
        Col::fixed(10),
    ];
    let ms_cols = [
        Col::fixed(10),
        Col::flex(10, 3),
        Col::flex(8, 2),
        Col::fixed(8),
    ];
    let cols: &[Col] = if wide { &ms_cols_wide } else { &ms_cols };
    let milestone_row = |m_id: i64, node_id: i64, d: i64, light: Light| {
        let m = snap.milestone(m_id);
        let title = m.map(|m| clean(&m.title).into_owned()).unwrap_or_default();
        let task = clean(&snap.outline.numbered_title(node_id)).into_owned();
        let lead = data.lead_short(node_id).to_string();
        let mut cells = vec![(days(lang, d, false), t.light(light))];
        if wide {
            cells.push((
                m.map(|m| date(Lang::En, m.due)).unwrap_or_default(),
                t.plain(),
            ));
        }
        cells.extend([(title, t.plain()), (task, t.plain()), (lead, t.plain())]);
        cells
    };
    if sections >= 1 {
        section_at(
            buf,
            &mut y,
            words.overdue_milestones,
            &overdue.len().to_string(),
        );
        let n = rows[0];
        let mut table_rows: Vec<Vec<(String, Style)>> = overdue
            .iter()
            .map(|o| milestone_row(o.milestone_id, o.node_id, -o.days_late, Light::Red))
            .collect();
        if table_rows.is_empty() {
            table_rows.push(vec![(words.no_overdue.to_string(), t.light(Light::Green))]);
        }
        y = list(buf, area, y, n, table_rows, cols, (lang, "4"), t);
    }
    if sections >= 2 {
        section_at(
            buf,
            &mut y,
            &due_within(lang, snap.plan.warning_days),
            &soon.len().to_string(),
        );
        let mut table_rows: Vec<Vec<(String, Style)>> = soon
            .iter()
            .map(|m| {
                milestone_row(
                    m.id,
                    m.node_id,
                    (m.due - snap.as_of).num_days(),
                    Light::Yellow,
                )
            })
            .collect();
        if table_rows.is_empty() {
            table_rows.push(vec![(words.nothing_due.to_string(), t.plain())]);
        }
        y = list(buf, area, y, rows[1], table_rows, cols, (lang, "4"), t);
    }
    if sections >= 3 {
        section_at(buf, &mut y, words.latest_reports, "");
        let cols_wide = [
            Col::fixed(10),
            Col::fixed(20),
            Col::fixed(14),
            Col::num(5),
            Col::flex(20, 5),
        ];
        let cols_narrow = [
            Col::fixed(5),
            Col::fixed(8),
            Col::fixed(8),
            Col::num(5),
            Col::flex(16, 5),
        ];
        let cols: &[Col] = if wide { &cols_wide } else { &cols_narrow };
        let mut table_rows: Vec<Vec<(String, Style)>> = latest
            .iter()
            .map(|s| {
                let day = if wide {
                    date(Lang::En, s.reported_on)
                } else {
                    s.reported_on.format("%m-%d").to_string()
                };
                let unit = if wide {
                    data.unit_name(s.unit_id)
                } else {
                    data.unit_short(s.unit_id)
                };
                let label = if wide {
                    period(lang, s.period)
                } else {
                    s.period.code()
                };
                let mut nodes = s.nodes.clone();
                nodes.sort_by_key(|n| snap.outline.iter().position(|x| x.id == *n));
                let tasks: Vec<String> = nodes
                    .iter()
                    .map(|n| snap.outline.numbered_title(*n))
                    .collect();
                vec![
                    (day, t.plain()),
                    (clean(unit).into_owned(), t.plain()),
                    (label, t.plain()),
                    (
                        report_count(lang, u32::try_from(s.nodes.len()).unwrap_or(u32::MAX)),
                        t.plain(),
                    ),
                    (
                        clean(&tasks.join(lang.pick("、", ", "))).into_owned(),
                        t.plain(),
                    ),
                ]
            })
            .collect();
        if table_rows.is_empty() {
            table_rows.push(vec![(words.no_reports.to_string(), t.plain())]);
        }
        list(buf, area, y, rows[2], table_rows, cols, (lang, ""), t);
    }
}

/// Draws up to `n` rows; when there are more, the last row says how many
/// more and which view (`key`) lists them all (unless `key` is empty: a
/// list of the latest is never complete). Returns the next free row.
#[allow(clippy::too_many_arguments)]
fn list(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    n: usize,
    mut rows: Vec<Vec<(String, Style)>>,
    cols: &[Col],
    (lang, key): (Lang, &str),
    t: &Theme,
) -> u16 {
    if n == 0 {
        return y;
    }
    let total = rows.len();
    let single = rows.first().is_some_and(|r| r.len() == 1);
    let mut tail = None;
    if total > n && (key.is_empty() || n < 2) {
        // No room to say how many more: the heading's count says it.
        rows.truncate(n);
    } else if total > n {
        rows.truncate(n - 1);
        tail = Some(more(lang, total - (n - 1), key));
    }
    let shown = rows.len();
    if single {
        for (i, r) in rows.into_iter().enumerate() {
            let (text, style) = r.into_iter().next().unwrap_or_default();
            let line = Line::styled(cut(&text, usize::from(area.width), t), style);
            put(
                buf,
                area.x,
                y + u16::try_from(i).unwrap_or(0),
                area.width,
                &line,
            );
        }
    } else {
        let r = Rect {
            y,
            height: u16::try_from(shown).unwrap_or(0),
            ..area
        };
        Table {
            cols,
            header: None,
            rows,
            selected: None,
            highlight: Style::new(),
        }
        .render(r, buf, 0, t);
    }
    let mut next = y + u16::try_from(shown).unwrap_or(0);
    if let Some(text) = tail {
        put(
            buf,
            area.x,
            next,
            area.width,
            &Line::styled(cut(&text, usize::from(area.width), t), t.plain()),
        );
        next += 1;
    }
    next
}
