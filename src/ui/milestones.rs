//! 节点: every milestone, overdue first, then by due date — light word and
//! days late or left, due date, the milestone, its task and lead agency —
//! with the selected one spelled out at the bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::Memo;
use super::theme::Theme;
use super::widgets::table::{Col, Table};
use super::widgets::{clean, put, section, wrapped};
use crate::analysis::board::MilestoneState;
use crate::app::data::Data;
use crate::app::lists::milestone_rows;
use crate::app::state::{State, Viewport};
use crate::i18n::Lang;
use crate::i18n::console::{colon, date, days, paren, tr};
use crate::model::Role;
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
    let snap = &data.snap;
    let w = usize::from(area.width);
    let wide = w >= 100;
    let rows = milestone_rows(state, data);
    let overdue = data
        .milestones
        .iter()
        .filter(|m| m.state == MilestoneState::Overdue)
        .count();
    let title = format!("{} {}", words.milestones, rows.len());
    let mut extra = format!("{} {overdue}", words.overdue);
    if !state.milestones.filter.is_empty() {
        extra.push_str(&format!(
            "  {}{}{}",
            words.filtered,
            colon(lang),
            state.milestones.filter
        ));
    }
    put(
        buf,
        area.x,
        area.y,
        area.width,
        &section(&title, &extra, w, t, t.heading()),
    );
    let detail_h: u16 = if area.height >= 12 { 3 } else { 1 };
    let list_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1 + detail_h),
        ..area
    };
    let state_w = 13;
    let cols_narrow = [
        Col::fixed(state_w),
        Col::fixed(10),
        Col::flex(10, 3),
        Col::flex(8, 2),
        Col::fixed(8),
    ];
    let cols_wide = [
        Col::fixed(state_w),
        Col::fixed(10),
        Col::flex(16, 3),
        Col::flex(12, 2),
        Col::fixed(10),
        Col::fixed(16),
    ];
    let cols: &[Col] = if wide { &cols_wide } else { &cols_narrow };
    let mut header = vec![
        words.state.to_string(),
        words.due.to_string(),
        words.milestone.to_string(),
        words.task.to_string(),
        words.lead.to_string(),
    ];
    if wide {
        header.push(words.support.to_string());
    }
    let table_rows: Vec<Vec<(String, Style)>> = rows
        .iter()
        .map(|i| {
            let m = &data.milestones[*i];
            let title = snap
                .milestone(m.milestone_id)
                .map(|x| clean(&x.title).into_owned())
                .unwrap_or_default();
            let done = m.state == MilestoneState::Done;
            let state_text = format!("{} {}", t.light_word(m.light), days(lang, m.days, done));
            let mut cells = vec![
                (state_text, t.light(m.light)),
                (date(Lang::En, m.due), t.plain()),
                (title, t.plain()),
                (
                    clean(&snap.outline.numbered_title(m.node_id)).into_owned(),
                    t.plain(),
                ),
                (clean(data.lead_short(m.node_id)).into_owned(), t.plain()),
            ];
            if wide {
                cells.push((
                    clean(&snap.agency_names(m.node_id, Role::Support)).into_owned(),
                    t.plain(),
                ));
            }
            cells
        })
        .collect();
    if table_rows.is_empty() {
        put(
            buf,
            area.x,
            list_area.y,
            area.width,
            &Line::raw(words.no_match),
        );
    }
    let selected = rows
        .iter()
        .position(|i| Some(data.milestones[*i].milestone_id) == state.milestones.selected);
    Table {
        cols,
        header: Some(header),
        rows: table_rows,
        selected,
        highlight: t.selected(),
        theme: t,
    }
    .render(list_area, buf, &mut memo.milestones);
    // The selected milestone in full: title and days, the task's place in
    // the plan, the agencies.
    if let Some(m) = state.milestones.selected.and_then(|id| snap.milestone(id)) {
        let row = data.milestones.iter().find(|r| r.milestone_id == m.id);
        let mut lines: Vec<(String, Style)> = Vec::new();
        if let Some(r) = row {
            let when = days(lang, r.days, r.state == MilestoneState::Done);
            let mut head = format!("{}  {} {}", m.title, date(lang, m.due), when);
            if let Some(done) = r.done {
                head.push_str(&paren(
                    lang,
                    &format!("{} {}", words.done, date(lang, done)),
                ));
            }
            lines.push((head, t.light(r.light)));
        }
        let path: Vec<String> = snap
            .outline
            .path(m.node_id)
            .iter()
            .map(|n| snap.outline.numbered_title(n.id))
            .collect();
        lines.push((path.join(" / "), t.plain()));
        let mut agencies = Vec::new();
        for (role, label) in [(Role::Lead, words.lead), (Role::Support, words.support)] {
            let names = snap.agency_names(m.node_id, role);
            if !names.is_empty() {
                agencies.push(format!("{label}{}{names}", colon(lang)));
            }
        }
        if agencies.is_empty()
            && let Some(a) = snap.lead_agency(m.node_id)
        {
            agencies.push(format!("{}{}{}", words.lead, colon(lang), a.short_name));
        }
        lines.push((agencies.join("  "), t.plain()));
        let mut out: Vec<(String, Style)> = Vec::new();
        for (text, style) in lines {
            out.extend(wrapped(&text, w).into_iter().map(|l| (l, style)));
        }
        let y0 = area.y + area.height - detail_h;
        for (i, (l, style)) in out.iter().take(usize::from(detail_h)).enumerate() {
            put(
                buf,
                area.x,
                y0 + u16::try_from(i).unwrap_or(0),
                area.width,
                &Line::styled(l.clone(), *style),
            );
        }
    }
    Viewport {
        page: list_area.height.saturating_sub(1).max(1),
        detail_max: 0,
    }
}
