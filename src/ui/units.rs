//! 单位: the agencies (tasks led and supported, overdue milestones, red
//! lights, progress) above the units (this period's standing and reports,
//! last report, periods missed). `/` filters both lists at once; h/l move
//! between them; a line at the bottom spells out the selected item.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::Memo;
use super::theme::Theme;
use super::widgets::table::{Col, Table};
use super::widgets::{clean, cut, put, section};
use crate::analysis::Light;
use crate::analysis::coverage::UnitStanding;
use crate::app::data::Data;
use crate::app::lists::{agency_rows, unit_rows};
use crate::app::state::{State, UnitsPane, Viewport};
use crate::i18n::Lang;
use crate::i18n::console::{colon, date, paren, period, report_count, tr};
use crate::model::numbers::percent0;
use crate::text::width::width;
use ratatui::widgets::StatefulWidget;

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
    let wide = w >= 100;
    let agencies = agency_rows(state, data);
    let units = unit_rows(state, data);
    let focus = state.units.pane;
    let filter = if state.units.filter.is_empty() {
        String::new()
    } else {
        format!("{}{}{}", words.filtered, colon(lang), state.units.filter)
    };
    // Agencies get their rows (plus header and heading), at most 40%.
    let detail_h: u16 = 2;
    let body_h = area.height.saturating_sub(detail_h);
    let want = u16::try_from(agencies.len().max(1) + 2).unwrap_or(u16::MAX);
    let agencies_h = want.min(body_h * 2 / 5).max(3.min(body_h));
    let units_area = Rect {
        y: area.y + agencies_h,
        height: body_h.saturating_sub(agencies_h),
        ..area
    };
    let heading = |pane: UnitsPane| {
        if pane == focus {
            t.tab_active()
        } else {
            t.heading()
        }
    };
    // Agencies.
    let title = format!("{} {}", words.agencies, agencies.len());
    put(
        buf,
        area.x,
        area.y,
        area.width,
        &section(&title, &filter, w, t, heading(UnitsPane::Agencies)),
    );
    // Figures are as wide as their headings (at least 6).
    let num = |head: &str| Col::num(width(head).max(6));
    let mut a_header = vec![
        words.agencies.to_string(),
        words.tasks_led.to_string(),
        words.tasks_supported.to_string(),
        words.overdue.to_string(),
        words.red.to_string(),
        lang.pick("进度", "Prog.").to_string(),
    ];
    let mut a_cols: Vec<Col> = vec![if wide {
        Col::fixed(28)
    } else {
        Col::flex(8, 1)
    }];
    a_cols.extend(a_header[1..].iter().map(|h| num(h)));
    if wide {
        a_header.push(
            lang.pick("红灯、黄灯任务", "Red and yellow tasks")
                .to_string(),
        );
        a_cols.push(Col::flex(10, 1));
    }
    let a_rows: Vec<Vec<(String, Style)>> = agencies
        .iter()
        .map(|i| {
            let s = &data.agencies[*i];
            let agency = data.snap.agency(s.agency_id);
            let name = agency.map_or("?", |a| if w >= 70 { &a.name } else { &a.short_name });
            let overdue_style = if s.overdue > 0 {
                t.light(Light::Red)
            } else {
                t.plain()
            };
            let red_style = if s.red > 0 {
                t.light(Light::Red)
            } else {
                t.plain()
            };
            let mut cells = vec![
                (clean(name).into_owned(), t.plain()),
                (s.led.to_string(), t.plain()),
                (s.supported.to_string(), t.plain()),
                (s.overdue.to_string(), overdue_style),
                (s.red.to_string(), red_style),
                (
                    s.progress.map(percent0).unwrap_or_else(|| "-".into()),
                    t.plain(),
                ),
            ];
            if wide {
                let list = led_items(data, s.agency_id, lang, true).join(lang.pick("、", "; "));
                cells.push((clean(&list).into_owned(), red_style));
            }
            cells
        })
        .collect();
    let a_sel = agencies
        .iter()
        .position(|i| Some(data.agencies[*i].agency_id) == state.units.agency);
    let list_area = Rect {
        y: area.y + 1,
        height: agencies_h.saturating_sub(1),
        ..area
    };
    if agencies.is_empty() {
        put(
            buf,
            area.x,
            list_area.y + 1,
            area.width,
            &Line::raw(words.no_match),
        );
    }
    if units.is_empty() {
        put(
            buf,
            area.x,
            units_area.y + 2,
            area.width,
            &Line::raw(words.no_match),
        );
    }
    Table {
        cols: &a_cols,
        header: Some(a_header),
        rows: a_rows,
        selected: a_sel,
        highlight: if focus == UnitsPane::Agencies {
            t.selected()
        } else {
            t.selected_idle()
        },
        theme: t,
    }
    .render(list_area, buf, &mut memo.agencies);
    // Units.
    // The standing in the current period is the snapshot's coverage; the
    // last report and the missed periods need the history, read when this
    // view is first shown.
    let history = data.history.as_ref();
    let title = format!(
        "{} {}  {}",
        words.units,
        units.len(),
        period(lang, data.snap.period)
    );
    put(
        buf,
        area.x,
        units_area.y,
        area.width,
        &section(&title, &filter, w, t, heading(UnitsPane::Units)),
    );
    let full_names = w >= 70;
    let mut u_header = vec![
        words.unit.to_string(),
        words.this_period.to_string(),
        lang.pick("份数", "Count").to_string(),
        words.last_report.to_string(),
        words.missed.to_string(),
    ];
    let standing_w = if lang == Lang::Zh { 8 } else { 7 };
    let mut u_cols = vec![
        if wide {
            Col::fixed(20)
        } else {
            Col::flex(8, 1)
        },
        Col::fixed(standing_w.max(width(&u_header[1]))),
        Col::num(width(&u_header[2]).max(5)),
        Col::fixed(width(&u_header[3]).max(10)),
        Col::num(width(&u_header[4]).max(4)),
    ];
    if wide {
        u_header.push(words.missed_periods.to_string());
        u_cols.push(Col::flex(10, 1));
    }
    let u_rows: Vec<Vec<(String, Style)>> = units
        .iter()
        .map(|id| {
            let name = if full_names {
                data.unit_name(*id)
            } else {
                data.unit_short(*id)
            };
            let c = data.snap.coverage.units.iter().find(|u| u.unit_id == *id);
            let standing = c.map(|c| c.standing);
            let count = c.map_or(0, |u| u.reports);
            let rec = history.map(|h| h.record(*id)).unwrap_or_default();
            let pending = if history.is_none() {
                words.loading
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
                match standing {
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
            if wide {
                let list = rec
                    .missing
                    .iter()
                    .map(|p| p.code())
                    .collect::<Vec<_>>()
                    .join(" ");
                cells.push((list, missed_style));
            }
            cells
        })
        .collect();
    let u_sel = units.iter().position(|u| Some(*u) == state.units.unit);
    let list_area = Rect {
        y: units_area.y + 1,
        height: units_area.height.saturating_sub(1),
        ..area
    };
    Table {
        cols: &u_cols,
        header: Some(u_header),
        rows: u_rows,
        selected: u_sel,
        highlight: if focus == UnitsPane::Units {
            t.selected()
        } else {
            t.selected_idle()
        },
        theme: t,
    }
    .render(list_area, buf, &mut memo.units);
    // The selected item in words.
    let detail_y = area.y + body_h;
    let text = match focus {
        UnitsPane::Agencies => agency_detail(state, data),
        UnitsPane::Units => unit_detail(state, data),
    };
    let lines = super::widgets::wrapped(&text, w);
    for (i, l) in lines.iter().take(usize::from(detail_h)).enumerate() {
        put(
            buf,
            area.x,
            detail_y + u16::try_from(i).unwrap_or(0),
            area.width,
            &Line::raw(cut(l, w, t)),
        );
    }
    let page = match focus {
        UnitsPane::Agencies => list_area.height.min(agencies_h.saturating_sub(2)),
        UnitsPane::Units => list_area.height.saturating_sub(1),
    };
    Viewport {
        page: page.max(1),
        detail_max: 0,
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

/// `重庆市妇女联合会 牵头：1.提高政治站位、…` for the selected agency.
fn agency_detail(state: &State, data: &Data) -> String {
    let lang = state.lang();
    let words = tr(lang);
    let Some(id) = state.units.agency else {
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
fn unit_detail(state: &State, data: &Data) -> String {
    let lang = state.lang();
    let words = tr(lang);
    let Some(id) = state.units.unit else {
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
