//! 单位: the agencies (tasks led and supported, overdue milestones, red
//! lights, progress) above the units (this period's standing and reports,
//! last report, periods missed). `/` filters both lists at once; h/l move
//! between them; a line at the bottom spells out the selected item.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{StatefulWidget, Widget};

use super::ctx::ViewCtx;
use super::widgets::table::{Col, Table};
use super::widgets::{clean, cut, put, wrapped};
use super::{Memo, Viewport};
use crate::analysis::Light;
use crate::analysis::coverage::UnitStanding;
use crate::app::data::Data;
use crate::app::lists::{agency_rows, unit_rows};
use crate::app::state::UnitsPane;
use crate::i18n::Lang;
use crate::i18n::console::{colon, date, paren, period, report_count};
use crate::model::numbers::percent0;
use crate::text::width::width;

type Cells = Vec<(String, Style)>;

/// Rows of the line under the lists.
const SELECTION_H: u16 = 2;

pub struct UnitsView<'a> {
    ctx: ViewCtx<'a>,
}

impl<'a> UnitsView<'a> {
    pub fn new(ctx: ViewCtx<'a>) -> UnitsView<'a> {
        UnitsView { ctx }
    }
}

impl StatefulWidget for UnitsView<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let ctx = self.ctx;
        let agencies = AgencyTable {
            ctx,
            rows: agency_rows(ctx.state, ctx.data),
        };
        // Agencies get their rows (plus header and heading), at most 40%.
        let body_h = area.height.saturating_sub(SELECTION_H);
        let want = u16::try_from(agencies.rows.len().max(1) + 2).unwrap_or(u16::MAX);
        let agencies_h = want.min(body_h * 2 / 5).max(3.min(body_h));
        let agencies_area = Rect {
            height: agencies_h,
            ..area
        };
        let units_area = Rect {
            y: area.y + agencies_h,
            height: body_h.saturating_sub(agencies_h),
            ..area
        };
        agencies.render(agencies_area, buf, &mut memo.agencies);
        let units = UnitTable {
            ctx,
            rows: unit_rows(ctx.state, ctx.data),
        };
        units.render(units_area, buf, &mut memo.units);
        let selection_area = Rect {
            y: area.y + body_h,
            height: SELECTION_H,
            ..area
        };
        Selection { ctx }.render(selection_area, buf);
        // The units' rows under their heading and header.
        let units_rows = units_area.height.saturating_sub(1);
        let page = match ctx.state.units.pane {
            UnitsPane::Agencies => units_rows.min(agencies_h.saturating_sub(2)),
            UnitsPane::Units => units_rows.saturating_sub(1),
        };
        memo.viewport = Viewport {
            page: page.max(1),
            detail_max: 0,
        };
    }
}

/// A list's heading: its name and count, the filter; highlighted while
/// the list has the keyboard.
fn heading(ctx: ViewCtx<'_>, pane: UnitsPane, title: &str, w: usize) -> Line<'static> {
    let t = ctx.theme;
    let style = if pane == ctx.state.units.pane {
        t.tab_active()
    } else {
        t.heading()
    };
    let filter = ctx.filtered(&ctx.state.units.filter);
    super::widgets::section(title, &filter, w, t, style)
}

/// The selected row's style: reversed while the list has the keyboard,
/// underlined otherwise.
fn highlight(ctx: ViewCtx<'_>, pane: UnitsPane) -> Style {
    if pane == ctx.state.units.pane {
        ctx.theme.selected()
    } else {
        ctx.theme.selected_idle()
    }
}

/// The agencies: tasks led and supported, overdue milestones, red
/// lights, progress, and on wide windows the tasks not green. Its state
/// is the first row shown.
struct AgencyTable<'a> {
    ctx: ViewCtx<'a>,
    /// Indexes into `data.agencies`, filtered.
    rows: Vec<usize>,
}

impl StatefulWidget for AgencyTable<'_> {
    type State = usize;

    fn render(self, area: Rect, buf: &mut Buffer, top: &mut usize) {
        let (ctx, words) = (self.ctx, self.ctx.words);
        let w = usize::from(area.width);
        let wide = w >= 100;
        let title = format!("{} {}", words.agencies, self.rows.len());
        let line = heading(ctx, UnitsPane::Agencies, &title, w);
        put(buf, area.x, area.y, area.width, &line);
        let list_area = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        if self.rows.is_empty() {
            let line = Line::raw(words.no_match);
            put(buf, area.x, list_area.y + 1, area.width, &line);
        }
        let (header, cols) = self.columns(wide);
        let selected = self
            .rows
            .iter()
            .position(|i| Some(ctx.data.agencies[*i].agency_id) == ctx.state.units.agency);
        Table {
            cols: &cols,
            header: Some(header),
            rows: self.rows.iter().map(|i| self.row(*i, w)).collect(),
            selected,
            highlight: highlight(ctx, UnitsPane::Agencies),
            theme: ctx.theme,
        }
        .render(list_area, buf, top);
    }
}

impl AgencyTable<'_> {
    /// The header and the columns; figures are as wide as their headings
    /// (at least 6).
    fn columns(&self, wide: bool) -> (Vec<String>, Vec<Col>) {
        let (ctx, words) = (self.ctx, self.ctx.words);
        let num = |head: &str| Col::num(width(head).max(6));
        let mut header = vec![
            words.agencies.to_string(),
            words.tasks_led.to_string(),
            words.tasks_supported.to_string(),
            words.overdue.to_string(),
            words.red.to_string(),
            ctx.pick("进度", "Prog.").to_string(),
        ];
        let mut cols: Vec<Col> = vec![if wide {
            Col::fixed(28)
        } else {
            Col::flex(8, 1)
        }];
        cols.extend(header[1..].iter().map(|h| num(h)));
        if wide {
            header.push(
                ctx.pick("红灯、黄灯任务", "Red and yellow tasks")
                    .to_string(),
            );
            cols.push(Col::flex(10, 1));
        }
        (header, cols)
    }

    fn row(&self, i: usize, w: usize) -> Cells {
        let (ctx, t, lang) = (self.ctx, self.ctx.theme, self.ctx.lang);
        let s = &ctx.data.agencies[i];
        let agency = ctx.snap().agency(s.agency_id);
        let name = agency.map_or("?", |a| if w >= 70 { &a.name } else { &a.short_name });
        let red_if = |n: usize| {
            if n > 0 {
                t.light(Light::Red)
            } else {
                t.plain()
            }
        };
        let mut cells = vec![
            (clean(name).into_owned(), t.plain()),
            (s.led.to_string(), t.plain()),
            (s.supported.to_string(), t.plain()),
            (s.overdue.to_string(), red_if(s.overdue)),
            (s.red.to_string(), red_if(s.red)),
            (
                s.progress.map(percent0).unwrap_or_else(|| "-".into()),
                t.plain(),
            ),
        ];
        if w >= 100 {
            let list = led_items(ctx.data, s.agency_id, lang, true).join(lang.pick("、", "; "));
            cells.push((clean(&list).into_owned(), red_if(s.red)));
        }
        cells
    }
}

/// The units: this period's standing and reports, the last report, the
/// periods missed (on wide windows, which). The standing is the
/// snapshot's coverage; the last report and the missed periods need the
/// history, read when this view is first shown. Its state is the first
/// row shown.
struct UnitTable<'a> {
    ctx: ViewCtx<'a>,
    rows: Vec<i64>,
}

impl StatefulWidget for UnitTable<'_> {
    type State = usize;

    fn render(self, area: Rect, buf: &mut Buffer, top: &mut usize) {
        let (ctx, words) = (self.ctx, self.ctx.words);
        let w = usize::from(area.width);
        if self.rows.is_empty() {
            let line = Line::raw(words.no_match);
            put(buf, area.x, area.y + 2, area.width, &line);
        }
        let title = format!(
            "{} {}  {}",
            words.units,
            self.rows.len(),
            period(ctx.lang, ctx.snap().period)
        );
        let line = heading(ctx, UnitsPane::Units, &title, w);
        put(buf, area.x, area.y, area.width, &line);
        let (header, cols) = self.columns(w >= 100);
        let selected = self
            .rows
            .iter()
            .position(|u| Some(*u) == ctx.state.units.unit);
        let list_area = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        Table {
            cols: &cols,
            header: Some(header),
            rows: self.rows.iter().map(|id| self.row(*id, w)).collect(),
            selected,
            highlight: highlight(ctx, UnitsPane::Units),
            theme: ctx.theme,
        }
        .render(list_area, buf, top);
    }
}

impl UnitTable<'_> {
    fn columns(&self, wide: bool) -> (Vec<String>, Vec<Col>) {
        let (ctx, words) = (self.ctx, self.ctx.words);
        let mut header = vec![
            words.unit.to_string(),
            words.this_period.to_string(),
            ctx.pick("份数", "Count").to_string(),
            words.last_report.to_string(),
            words.missed.to_string(),
        ];
        let standing_w = if ctx.lang == Lang::Zh { 8 } else { 7 };
        let mut cols = vec![
            if wide {
                Col::fixed(20)
            } else {
                Col::flex(8, 1)
            },
            Col::fixed(standing_w.max(width(&header[1]))),
            Col::num(width(&header[2]).max(5)),
            Col::fixed(width(&header[3]).max(10)),
            Col::num(width(&header[4]).max(4)),
        ];
        if wide {
            header.push(words.missed_periods.to_string());
            cols.push(Col::flex(10, 1));
        }
        (header, cols)
    }

    fn row(&self, id: i64, w: usize) -> Cells {
        let (ctx, t) = (self.ctx, self.ctx.theme);
        let data = ctx.data;
        let history = data.history.as_ref();
        let name = if w >= 70 {
            data.unit_name(id)
        } else {
            data.unit_short(id)
        };
        let c = data.snap.coverage.units.iter().find(|u| u.unit_id == id);
        let count = c.map_or(0, |u| u.reports);
        let rec = history.map(|h| h.record(id)).unwrap_or_default();
        let pending = if history.is_none() {
            ctx.words.loading
        } else {
            "-"
        };
        let missed_style = if rec.missing.is_empty() {
            t.plain()
        } else {
            t.light(Light::Red)
        };
        let mut cells = vec![
            (clean(name).into_owned(), t.plain()),
            match c.map(|c| c.standing) {
                Some(s) => (t.standing_word(s).to_string(), t.standing(s)),
                None => ("-".into(), t.plain()),
            },
            (count.to_string(), t.plain()),
            (
                rec.last
                    .map(|d| date(Lang::En, d))
                    .unwrap_or_else(|| pending.into()),
                t.plain(),
            ),
            (
                if history.is_some() {
                    rec.missing.len().to_string()
                } else {
                    String::new()
                },
                missed_style,
            ),
        ];
        if w >= 100 {
            let list: Vec<String> = rec.missing.iter().map(|p| p.code()).collect();
            cells.push((list.join(" "), missed_style));
        }
        cells
    }
}

/// The selected agency or unit in words, under the lists.
struct Selection<'a> {
    ctx: ViewCtx<'a>,
}

impl Widget for Selection<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let w = usize::from(area.width);
        let text = match self.ctx.state.units.pane {
            UnitsPane::Agencies => self.agency(),
            UnitsPane::Units => self.unit(),
        };
        for (i, l) in wrapped(&text, w)
            .iter()
            .take(usize::from(area.height))
            .enumerate()
        {
            let y = area.y + u16::try_from(i).unwrap_or(0);
            put(
                buf,
                area.x,
                y,
                area.width,
                &Line::raw(cut(l, w, self.ctx.theme)),
            );
        }
    }
}

/// The items an agency leads, with their light when it is not green;
/// only those when `attention_only`.
fn led_items(data: &Data, agency_id: i64, lang: Lang, attention_only: bool) -> Vec<String> {
    let snap = &data.snap;
    snap.work_items()
        .filter(|n| {
            snap.agencies_of(n.id, crate::model::Role::Lead)
                .iter()
                .any(|a| a.id == agency_id)
        })
        .filter_map(|n| {
            let light = snap.stat(n.id).map(|s| s.light);
            match light {
                Some(l) if l != Light::Green => Some(format!(
                    "{}{}",
                    snap.outline.numbered_title(n.id),
                    paren(lang, lang.pick(l.label_zh(), l.label_en()))
                )),
                _ if attention_only => None,
                _ => Some(snap.outline.numbered_title(n.id)),
            }
        })
        .collect()
}

impl Selection<'_> {
    /// `重庆市妇女联合会 牵头：1.提高政治站位、…` for the selected agency.
    fn agency(&self) -> String {
        let (lang, words, data) = (self.ctx.lang, self.ctx.words, self.ctx.data);
        let Some(id) = self.ctx.state.units.agency else {
            return String::new();
        };
        let led = led_items(data, id, lang, false);
        let name = data.snap.agency(id).map_or("", |a| a.name.as_str());
        if led.is_empty() {
            return format!("{name} {}{}{}", words.tasks_led, colon(lang), words.none);
        }
        format!(
            "{name} {}{}{}",
            words.tasks_led,
            colon(lang),
            led.join(lang.pick("、", "; "))
        )
    }

    /// `渝中区：本期已报送 13 份；缺报 2021Q3` for the selected unit.
    fn unit(&self) -> String {
        let (lang, words, data) = (self.ctx.lang, self.ctx.words, self.ctx.data);
        let Some(id) = self.ctx.state.units.unit else {
            return String::new();
        };
        let rec = data
            .history
            .as_ref()
            .map(|h| h.record(id))
            .unwrap_or_default();
        let c = data.snap.coverage.units.iter().find(|u| u.unit_id == id);
        let standing = c.map(|c| (c.standing, c.reports));
        let mut parts = Vec::new();
        if let Some((s, n)) = standing {
            let word = lang.pick(s.label_zh(), s.label_en());
            if s == UnitStanding::OnTime || s == UnitStanding::Late {
                parts.push(format!(
                    "{} {word} {}",
                    words.this_period,
                    report_count(lang, n)
                ));
            } else {
                parts.push(format!("{} {word}", words.this_period));
            }
        }
        if !rec.missing.is_empty() {
            let list: Vec<String> = rec.missing.iter().map(|p| period(lang, *p)).collect();
            parts.push(format!(
                "{}{}{}",
                words.missed_periods,
                colon(lang),
                list.join(lang.pick("、", ", "))
            ));
        }
        format!(
            "{}{}{}",
            data.unit_name(id),
            colon(lang),
            parts.join(lang.pick("；", "; "))
        )
    }
}
