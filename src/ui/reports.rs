//! 报送: the reports inbox, newest first — date, unit, task, summary, and
//! on wide screens period, author and review — with the full text of the
//! selected report below; `m` switches to the coverage matrices (see
//! `matrix`). Only the rows on screen are ever drawn or held; the position
//! `12/100000` comes from a SQL count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Memo;
use super::matrix;
use super::theme::Theme;
use super::widgets::table::{Col, Table};
use super::widgets::{clean, cut, put, scroll, scrolled, section, summary, wrapped};
use crate::app::data::Data;
use crate::app::state::{ReportsMode, State, Viewport};
use crate::i18n::Lang;
use crate::i18n::console::{colon, date, period, position, revision, tr};
use crate::model::numbers::quantity;
use crate::text::width::width;

pub fn render(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    data: &Data,
    t: &Theme,
    memo: &mut Memo,
) -> Viewport {
    let lang = state.lang();
    let words = tr(lang);
    let w = usize::from(area.width);
    // The mode line: which of the three is shown, and the key to switch.
    let modes = [
        (ReportsMode::Inbox, words.inbox),
        (ReportsMode::Periods, words.by_period),
        (ReportsMode::Tasks, words.by_task),
    ];
    let mut spans = Vec::new();
    for (mode, name) in modes {
        let style = if mode == state.reports.mode {
            t.tab_active()
        } else {
            t.plain()
        };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    spans.push(Span::raw("  m"));
    if !state.reports.filter.is_empty() {
        spans.push(Span::raw(format!(
            "  {}{}{}",
            words.filtered,
            colon(lang),
            cut(&state.reports.filter, w / 3, t)
        )));
    }
    if state.reports.mode == ReportsMode::Inbox {
        let ib = &state.reports.inbox;
        let mut pos = match ib.total {
            Some(total) => position(ib.selected, total),
            None => String::new(),
        };
        if ib.loading || ib.total.is_none() {
            pos.push_str(&format!("  {}", words.loading));
        }
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let gap = w.saturating_sub(used + width(&pos));
        if gap > 0 {
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(pos, t.heading()));
        }
    }
    put(buf, area.x, area.y, area.width, &Line::from(spans));
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    match state.reports.mode {
        ReportsMode::Inbox => inbox(buf, body, state, data, t, memo),
        ReportsMode::Periods => matrix::periods(buf, body, state, data, t, memo),
        ReportsMode::Tasks => matrix::tasks(buf, body, state, data, t, memo),
    }
}

fn inbox(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    data: &Data,
    t: &Theme,
    memo: &mut Memo,
) -> Viewport {
    let lang = state.lang();
    let words = tr(lang);
    let snap = &data.snap;
    let ib = &state.reports.inbox;
    let w = usize::from(area.width);
    let wide = w >= 100;
    let list_h = (area.height * 11 / 20).max(4).min(area.height);
    let rows_area = Rect {
        height: list_h,
        ..area
    };
    let h = usize::from(rows_area.height);
    let total = usize::try_from(ib.total.unwrap_or(0)).unwrap_or(usize::MAX);
    let selected = usize::try_from(ib.selected).unwrap_or(0);
    let top = scroll(usize::try_from(memo.inbox).unwrap_or(0), selected, h, total);
    memo.inbox = u64::try_from(top).unwrap_or(0);
    let cols_narrow = [
        Col::fixed(10),
        Col::fixed(6),
        Col::flex(10, 2),
        Col::flex(12, 5),
    ];
    let cols_wide = [
        Col::fixed(10),
        Col::fixed(6),
        Col::fixed(20),
        Col::flex(14, 2),
        Col::fixed(6),
        Col::fixed(6),
        Col::flex(20, 5),
    ];
    let cols: &[Col] = if wide { &cols_wide } else { &cols_narrow };
    let mut rows: Vec<Vec<(String, Style)>> = Vec::new();
    for i in top..(top + h).min(total) {
        let Some(r) = ib.row(i as u64) else {
            rows.push(vec![(String::new(), t.plain())]);
            continue;
        };
        let task = clean(&snap.outline.numbered_title(r.node_id)).into_owned();
        let mut cells = vec![(date(Lang::En, r.reported_on), t.plain())];
        if wide {
            cells.push((r.period.code(), t.plain()));
            cells.push((clean(data.unit_name(r.unit_id)).into_owned(), t.plain()));
            cells.push((task, t.plain()));
            cells.push((clean(&r.author).into_owned(), t.plain()));
            cells.push((
                lang.pick(
                    r.review_at(state.as_of).label_zh(),
                    r.review_at(state.as_of).label_en(),
                )
                .to_string(),
                t.plain(),
            ));
        } else {
            cells.push((clean(data.unit_short(r.unit_id)).into_owned(), t.plain()));
            cells.push((task, t.plain()));
        }
        cells.push((summary(&r.body), t.plain()));
        rows.push(cells);
    }
    if total == 0 && !ib.loading && ib.total.is_some() {
        let text = if state.reports.filter.is_empty() {
            words.no_reports
        } else {
            words.no_match
        };
        put(buf, area.x, rows_area.y, area.width, &Line::raw(text));
    }
    Table {
        cols,
        header: None,
        rows,
        selected: selected.checked_sub(top),
        highlight: t.selected(),
    }
    .render(rows_area, buf, 0, t);
    // The selected report in full.
    let detail_area = Rect {
        y: area.y + list_h,
        height: area.height.saturating_sub(list_h),
        ..area
    };
    let detail_max = match ib.selected_row() {
        Some(r) if detail_area.height > 0 => {
            let mut lines = vec![section(&date(lang, r.reported_on), "", w, t, t.heading())];
            let mut head = format!(
                "{}  {}  {}",
                data.unit_name(r.unit_id),
                period(lang, r.period),
                r.author
            );
            head.push_str(&format!(
                "  {}",
                lang.pick(
                    r.review_at(state.as_of).label_zh(),
                    r.review_at(state.as_of).label_en()
                )
            ));
            if r.revision > 1 {
                head.push_str(&format!("  {}", revision(lang, r.revision)));
            }
            for l in wrapped(&head, w) {
                lines.push(Line::styled(l, t.accent()));
            }
            for l in wrapped(&snap.outline.numbered_title(r.node_id), w) {
                lines.push(Line::styled(l, t.heading()));
            }
            for (id, value) in &r.values {
                if let Some(i) = snap.indicators.iter().find(|i| i.id == *id) {
                    let text =
                        format!("{}{}{}{}", i.name, colon(lang), quantity(*value), i.measure);
                    for l in wrapped(&text, w) {
                        lines.push(Line::raw(l));
                    }
                }
            }
            for l in wrapped(&r.body, w) {
                lines.push(Line::raw(l));
            }
            if let Some(c) = &r.review_comment {
                let text = format!(
                    "{}{}{c}",
                    crate::i18n::edit::review_comment(lang),
                    colon(lang)
                );
                for l in wrapped(&text, w) {
                    lines.push(Line::styled(l, t.warning()));
                }
            }
            lines.extend(super::history::lines(
                state,
                crate::app::edit::Target::Report(r.id),
                w,
                t,
            ));
            let scroll = state.reports.detail_scroll;
            scrolled(buf, detail_area, &lines, scroll, words.more_below, t)
        }
        _ => 0,
    };
    Viewport {
        page: rows_area.height.max(1),
        detail_max,
    }
}
