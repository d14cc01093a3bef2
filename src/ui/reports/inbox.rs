//! The reports inbox of 报送: date, unit, task, summary, and on wide
//! screens period, author and review — with the full text of the selected
//! report below. Only the rows on screen are ever drawn or held; the
//! position `12/100000` comes from a SQL count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{StatefulWidget, Widget};

use crate::app::edit::Target;
use crate::i18n::Lang;
use crate::i18n::console::{colon, date, period, revision};
use crate::model::Report;
use crate::model::numbers::quantity;
use crate::ui::ctx::ViewCtx;
use crate::ui::widgets::table::{Col, Table};
use crate::ui::widgets::{Scrolled, clean, put, scroll, summary, wrapped};
use crate::ui::{Memo, Viewport, history};

type Cells = Vec<(String, Style)>;

pub struct Inbox<'a> {
    pub ctx: ViewCtx<'a>,
}

impl StatefulWidget for Inbox<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let ctx = self.ctx;
        let list_h = (area.height * 11 / 20).max(4).min(area.height);
        let rows_area = Rect {
            height: list_h,
            ..area
        };
        InboxList { ctx }.render(rows_area, buf, &mut memo.inbox);
        let detail_area = Rect {
            y: area.y + list_h,
            height: area.height.saturating_sub(list_h),
            ..area
        };
        let mut detail_max = 0;
        if let Some(report) = ctx.state.reports.inbox.selected_row()
            && detail_area.height > 0
        {
            ReportDetail { ctx, report }.render(detail_area, buf, &mut detail_max);
        }
        memo.viewport = Viewport {
            page: rows_area.height.max(1),
            detail_max,
        };
    }
}

/// The rows of the inbox on screen. Its state is the first row shown.
struct InboxList<'a> {
    ctx: ViewCtx<'a>,
}

const COLS_NARROW: [Col; 4] = [
    Col::fixed(10),
    Col::fixed(6),
    Col::flex(10, 2),
    Col::flex(12, 5),
];

const COLS_WIDE: [Col; 7] = [
    Col::fixed(10),
    Col::fixed(6),
    Col::fixed(20),
    Col::flex(14, 2),
    Col::fixed(6),
    Col::fixed(6),
    Col::flex(20, 5),
];

impl StatefulWidget for InboxList<'_> {
    type State = u64;

    fn render(self, area: Rect, buf: &mut Buffer, offset: &mut u64) {
        let (ctx, t) = (self.ctx, self.ctx.theme);
        let ib = &ctx.state.reports.inbox;
        let wide = area.width >= 100;
        let h = usize::from(area.height);
        let total = usize::try_from(ib.total.unwrap_or(0)).unwrap_or(usize::MAX);
        let selected = usize::try_from(ib.selected).unwrap_or(0);
        let top = scroll(usize::try_from(*offset).unwrap_or(0), selected, h, total);
        *offset = u64::try_from(top).unwrap_or(0);
        let mut rows: Vec<Cells> = Vec::new();
        for i in top..(top + h).min(total) {
            match ib.row(i as u64) {
                Some(r) => rows.push(self.row(r, wide)),
                None => rows.push(vec![(String::new(), t.plain())]),
            }
        }
        if total == 0 && !ib.loading && ib.total.is_some() {
            let text = if ctx.state.reports.filter.is_empty() {
                ctx.words.no_reports
            } else {
                ctx.words.no_match
            };
            put(buf, area.x, area.y, area.width, &Line::raw(text));
        }
        Table {
            cols: if wide { &COLS_WIDE } else { &COLS_NARROW },
            header: None,
            rows,
            selected: selected.checked_sub(top),
            highlight: t.selected(),
            theme: t,
        }
        .render(area, buf, &mut 0);
    }
}

impl InboxList<'_> {
    fn row(&self, r: &Report, wide: bool) -> Cells {
        let (ctx, t, data) = (self.ctx, self.ctx.theme, self.ctx.data);
        let task = clean(&ctx.snap().outline.numbered_title(r.node_id)).into_owned();
        let mut cells = vec![(date(Lang::En, r.reported_on), t.plain())];
        if wide {
            cells.push((r.period.code(), t.plain()));
            cells.push((clean(data.unit_name(r.unit_id)).into_owned(), t.plain()));
            cells.push((task, t.plain()));
            cells.push((clean(&r.author).into_owned(), t.plain()));
            // As it stood on the as-of date: reviewed later, pending then.
            let review = r.review_at(ctx.snap().as_of);
            cells.push((
                ctx.pick(review.label_zh(), review.label_en()).to_string(),
                t.plain(),
            ));
        } else {
            cells.push((clean(data.unit_short(r.unit_id)).into_owned(), t.plain()));
            cells.push((task, t.plain()));
        }
        cells.push((summary(&r.body), t.plain()));
        cells
    }
}

/// The selected report in full: who, for which period, its review, the
/// task, the indicator values, the text, the review comment and the
/// record's history. It scrolls (J/K); its state is how far it can.
struct ReportDetail<'a> {
    ctx: ViewCtx<'a>,
    report: &'a Report,
}

impl StatefulWidget for ReportDetail<'_> {
    type State = u16;

    fn render(self, area: Rect, buf: &mut Buffer, max: &mut u16) {
        let ctx = self.ctx;
        let lines = self.lines(usize::from(area.width));
        let pane = Scrolled {
            lines: &lines,
            scroll: ctx.state.reports.detail_scroll,
            more: ctx.words.more_below,
            theme: ctx.theme,
        };
        *max = pane.max_scroll(area.height);
        pane.render(area, buf);
    }
}

impl ReportDetail<'_> {
    fn lines(&self, w: usize) -> Vec<Line<'static>> {
        let (ctx, t, lang, r) = (self.ctx, self.ctx.theme, self.ctx.lang, self.report);
        let snap = ctx.snap();
        let styled = |text: &str, style: Style| {
            wrapped(text, w)
                .into_iter()
                .map(move |l| Line::styled(l, style))
        };
        let mut lines = vec![ctx.heading(&date(lang, r.reported_on), "", w)];
        let mut head = format!(
            "{}  {}  {}",
            ctx.data.unit_name(r.unit_id),
            period(lang, r.period),
            r.author
        );
        let review = r.review_at(ctx.snap().as_of);
        head.push_str(&format!(
            "  {}",
            lang.pick(review.label_zh(), review.label_en())
        ));
        if r.revision > 1 {
            head.push_str(&format!("  {}", revision(lang, r.revision)));
        }
        lines.extend(styled(&head, t.accent()));
        lines.extend(styled(&snap.outline.numbered_title(r.node_id), t.heading()));
        for (id, value) in &r.values {
            if let Some(i) = snap.indicators.iter().find(|i| i.id == *id) {
                let text = format!("{}{}{}{}", i.name, colon(lang), quantity(*value), i.measure);
                lines.extend(wrapped(&text, w).into_iter().map(Line::raw));
            }
        }
        lines.extend(wrapped(&r.body, w).into_iter().map(Line::raw));
        if let Some(c) = &r.review_comment {
            let label = crate::i18n::edit::review_comment(lang);
            lines.extend(styled(&format!("{label}{}{c}", colon(lang)), t.warning()));
        }
        lines.extend(history::lines(ctx, Target::Report(r.id), w));
        lines
    }
}
