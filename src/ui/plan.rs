//! 任务: the outline as a collapsible tree with the official numbering —
//! light and status word (so colour is never the only carrier), progress,
//! and on wider screens the lead agency and next milestone — beside a
//! detail pane for the selected node: the plan's own text wrapped the
//! Chinese way, agencies, indicators against target, milestones and the
//! latest reports.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Memo;
use super::theme::Theme;
use super::widgets::table::{Col, Table};
use super::widgets::{bar, clean, cut, put, scrolled, section, summary, wrapped};
use crate::analysis::progress::milestone_light;
use crate::app::data::Data;
use crate::app::lists::plan_rows;
use crate::app::state::{State, Viewport};
use crate::i18n::Lang;
use crate::i18n::console::{colon, date, days, paren, period, tr};
use crate::model::numbers::{percent0, quantity};
use crate::model::{NodeKind, Role};
use crate::text::width::width;

pub fn render(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    data: &Data,
    t: &Theme,
    memo: &mut Memo,
) -> Viewport {
    let w = usize::from(area.width);
    let tree_w = if w >= 110 { w * 58 / 100 } else { w * 56 / 100 };
    let tree_area = Rect {
        width: u16::try_from(tree_w).unwrap_or(area.width),
        ..area
    };
    let sep_x = area.x + tree_area.width;
    let detail_area = Rect {
        x: sep_x + 2,
        width: area.width.saturating_sub(tree_area.width + 2),
        ..area
    };
    let page = tree(buf, tree_area, state, data, t, memo);
    for y in area.y..area.y + area.height {
        put(buf, sep_x, y, 1, &Line::raw(t.bar_v()));
    }
    let detail_max = detail(buf, detail_area, state, data, t);
    Viewport { page, detail_max }
}

fn tree(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    data: &Data,
    t: &Theme,
    memo: &mut Memo,
) -> u16 {
    let lang = state.lang();
    let words = tr(lang);
    let snap = &data.snap;
    let w = usize::from(area.width);
    let rows = plan_rows(state, data);
    let work = snap.work_items().count();
    let extra = if state.plan.filter.is_empty() {
        String::new()
    } else {
        format!("{}{}{}", words.filtered, colon(lang), state.plan.filter)
    };
    let title = format!("{} {work}", words.tabs[1]);
    put(
        buf,
        area.x,
        area.y,
        area.width,
        &section(&title, &extra, w, t, t.heading()),
    );
    let list_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    if rows.is_empty() {
        put(
            buf,
            area.x,
            list_area.y,
            area.width,
            &Line::raw(words.no_match),
        );
        return list_area.height;
    }
    let wide = w >= 64;
    let status_w = if lang == Lang::Zh { 6 } else { 11 };
    let cols_narrow = [
        Col::flex(10, 1),
        Col::fixed(2),
        Col::fixed(status_w),
        Col::num(4),
    ];
    let cols_wide = [
        Col::flex(16, 1),
        Col::fixed(2),
        Col::fixed(status_w),
        Col::num(4),
        Col::fixed(8),
        Col::fixed(10),
    ];
    let cols: &[Col] = if wide { &cols_wide } else { &cols_narrow };
    let selected = rows.iter().position(|r| Some(r.id) == state.plan.selected);
    let table_rows = rows
        .iter()
        .map(|r| {
            let node = snap.outline.get(r.id);
            let stat = snap.stat(r.id);
            let is_work = node.is_some_and(|n| NodeKind::of_level(n.level).is_work());
            let title = format!(
                "{}{}{}",
                "  ".repeat(r.depth),
                t.fold(r.has_children, r.open),
                clean(&snap.outline.numbered_title(r.id))
            );
            let (light, light_style) = match stat.filter(|_| is_work) {
                Some(s) => (t.light_word(s.light).to_string(), t.light(s.light)),
                None => (String::new(), Style::new()),
            };
            let (status, status_style) = match (node.filter(|_| is_work), stat) {
                // Records that contradict the status: a data warning.
                (Some(_), Some(s)) if s.statement.warning.is_some() => (
                    lang.pick("待核实", "check").to_string(),
                    t.light(crate::analysis::Light::Yellow),
                ),
                (Some(_), Some(s)) if s.statement.before_plan => {
                    (lang.pick("未实施", "not yet").to_string(), t.plain())
                }
                (Some(n), _) => (
                    lang.pick(n.status.label_zh(), n.status.label_en())
                        .to_string(),
                    t.status(n.status),
                ),
                (None, _) => (String::new(), Style::new()),
            };
            // A rate only where the rules let one be said (none for 未启动).
            let pct = stat
                .filter(|_| has_work(snap, r.id))
                .filter(|s| !is_work || s.statement.progress.is_some())
                .map(|s| percent0(s.progress))
                .unwrap_or_default();
            let mut cells = vec![
                (title, t.plain()),
                (light, light_style),
                (status, status_style),
                (pct, t.plain()),
            ];
            if wide {
                let lead = snap.agency_names(r.id, Role::Lead);
                let next = stat
                    .and_then(|s| s.next_milestone)
                    .and_then(|m| snap.milestone(m))
                    .map(|m| date(Lang::En, m.due))
                    .unwrap_or_default();
                cells.push((clean(&lead).into_owned(), t.plain()));
                cells.push((next, t.plain()));
            }
            cells
        })
        .collect();
    memo.plan = Table {
        cols,
        header: None,
        rows: table_rows,
        selected,
        highlight: t.selected(),
    }
    .render(list_area, buf, memo.plan, t);
    list_area.height
}

/// Draws the selected node's details; returns how far they can scroll.
fn detail(buf: &mut Buffer, area: Rect, state: &State, data: &Data, t: &Theme) -> u16 {
    let Some(id) = state.plan.selected else {
        return 0;
    };
    let w = usize::from(area.width);
    if w < 4 {
        return 0;
    }
    let lines = detail_lines(state, data, id, w, t);
    let more = tr(state.lang()).more_below;
    scrolled(buf, area, &lines, state.plan.detail_scroll, more, t)
}

fn detail_lines(state: &State, data: &Data, id: i64, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let lang = state.lang();
    let words = tr(lang);
    let snap = &data.snap;
    let Some(node) = snap.outline.get(id) else {
        return vec![];
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    let push_wrapped = |lines: &mut Vec<Line<'static>>, text: &str, style: Style| {
        for l in wrapped(text, w) {
            lines.push(Line::styled(l, style));
        }
    };
    let path: Vec<String> = snap
        .outline
        .path(id)
        .iter()
        .filter(|n| n.id != id)
        .map(|n| snap.outline.numbered_title(n.id))
        .collect();
    if !path.is_empty() {
        push_wrapped(&mut lines, &path.join(" / "), t.plain());
    }
    push_wrapped(&mut lines, &snap.outline.numbered_title(id), t.heading());
    let stat = snap.stat(id);
    let is_work = NodeKind::of_level(node.level).is_work();
    if is_work {
        let mut spans = vec![
            Span::styled(format!("{} ", words.status), t.heading()),
            Span::styled(
                lang.pick(node.status.label_zh(), node.status.label_en())
                    .to_string(),
                t.status(node.status),
            ),
        ];
        if let Some(s) = stat {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                lang.pick(s.light.label_zh(), s.light.label_en())
                    .to_string(),
                t.light(s.light),
            ));
        }
        lines.push(Line::from(spans));
        if let Some(reason) = node
            .status_reason
            .as_deref()
            .filter(|_| node.status.needs_reason())
        {
            push_wrapped(
                &mut lines,
                &format!("{}{}{}", words.reason, colon(lang), reason),
                t.plain(),
            );
        }
    }
    if let Some(w) = stat.and_then(|s| s.statement.warning).filter(|_| is_work) {
        push_wrapped(
            &mut lines,
            &crate::i18n::console::data_warning(lang, node.status, w),
            t.light(crate::analysis::Light::Yellow),
        );
    }
    if let Some(s) = stat
        .filter(|_| has_work(snap, id))
        .filter(|s| !is_work || s.statement.progress.is_some())
    {
        let mut text = percent0(s.progress);
        if let Some(e) = s.expected.filter(|_| s.pace != crate::analysis::Pace::Done) {
            text.push_str(&format!("  {} {}", words.expected, percent0(e)));
        }
        let pace = lang.pick(s.pace.label_zh(), s.pace.label_en());
        if !pace.is_empty() {
            text.push_str(&format!("  {pace}"));
        }
        let bar_w = w.saturating_sub(width(&text) + 1).min(16);
        let mut spans = bar(s.progress, s.expected, bar_w, t, t.accent());
        spans.push(Span::raw(" "));
        spans.push(Span::styled(text, t.plain()));
        lines.push(Line::from(spans));
    }
    for (role, label) in [(Role::Lead, words.lead), (Role::Support, words.support)] {
        let names = snap.agency_names(id, role);
        if !names.is_empty() {
            push_wrapped(
                &mut lines,
                &format!("{label}{}{names}", colon(lang)),
                t.plain(),
            );
        }
    }
    if let Some(m) = stat
        .and_then(|s| s.next_milestone)
        .and_then(|m| snap.milestone(m))
    {
        let d = (m.due - snap.as_of).num_days();
        let text = format!(
            "{}{}{} {}{}",
            words.next_milestone,
            colon(lang),
            date(Lang::En, m.due),
            m.title,
            paren(lang, &days(lang, d, false))
        );
        let light = milestone_light(m.due, false, snap.as_of, snap.plan.warning_days);
        push_wrapped(&mut lines, &text, t.light(light));
    }
    if !node.body.trim().is_empty() {
        lines.push(section(words.plan_text, "", w, t, t.heading()));
        push_wrapped(&mut lines, &node.body, t.plain());
    }
    let indicators: Vec<_> = snap.indicators_of(id).collect();
    if !indicators.is_empty() {
        lines.push(section(words.indicators, "", w, t, t.heading()));
        for i in indicators {
            let total = snap.indicator_total(i.id);
            let figure = match i.target {
                Some(target) if target > 0.0 => format!(
                    "{}/{}{}  {}",
                    quantity(total),
                    quantity(target),
                    i.measure,
                    percent0((total / target * 100.0).min(100.0))
                ),
                _ => format!("{}{}", quantity(total), i.measure),
            };
            // The part still pending review on the as-of date.
            let pending = snap.indicator_pending(i.id);
            let figure = if pending > 0.0 {
                let note = match lang {
                    Lang::Zh => format!("其中待审核{}", quantity(pending)),
                    Lang::En => format!("{} pending review", quantity(pending)),
                };
                format!("{figure}{}", paren(lang, &note))
            } else {
                figure
            };
            push_wrapped(&mut lines, &format!("{}  {figure}", i.name), t.plain());
        }
    }
    let milestones: Vec<_> = snap.milestones_of(id).collect();
    if !milestones.is_empty() {
        lines.push(section(words.milestones, "", w, t, t.heading()));
        for m in milestones {
            let done = m.done_by(snap.as_of);
            let light = milestone_light(m.due, done, snap.as_of, snap.plan.warning_days);
            let state_text = if done {
                format!(
                    "{} {}",
                    words.done,
                    m.done.map(|d| date(Lang::En, d)).unwrap_or_default()
                )
            } else {
                days(lang, (m.due - snap.as_of).num_days(), false)
            };
            let head = format!("{} {} ", t.light_word(light), date(Lang::En, m.due));
            let rest = w.saturating_sub(width(&head));
            let mut first = true;
            for l in wrapped(
                &format!("{}{}", m.title, paren(lang, &state_text)),
                rest.max(4),
            ) {
                let lead = if first {
                    head.clone()
                } else {
                    " ".repeat(width(&head))
                };
                lines.push(Line::from(vec![
                    Span::styled(lead, t.light(light)),
                    Span::raw(l),
                ]));
                first = false;
            }
        }
    }
    if is_work || state.plan.reports.get(&id).is_some_and(|r| !r.is_empty()) {
        lines.push(section(words.latest_reports, "", w, t, t.heading()));
        match state.plan.reports.get(&id) {
            None => lines.push(Line::raw(words.loading)),
            Some(r) if r.is_empty() => lines.push(Line::raw(words.no_reports)),
            Some(reports) => {
                for r in reports {
                    let head = format!(
                        "{} {} {}",
                        date(Lang::En, r.reported_on),
                        clean(data.unit_name(r.unit_id)),
                        period(lang, r.period)
                    );
                    lines.push(Line::styled(cut(&head, w, t), t.accent()));
                    let body = wrapped(&summary(&r.body), w.saturating_sub(2));
                    for l in body.iter().take(3) {
                        lines.push(Line::raw(format!("  {l}")));
                    }
                }
            }
        }
    }
    let recorded = snap.history.of(id);
    if is_work && !recorded.is_empty() {
        lines.push(section(words.in_effect, "", w, t, t.heading()));
        for e in recorded {
            let text = crate::i18n::console::history_entry(lang, e, snap.as_of);
            let style = if e.effective > snap.as_of {
                t.plain()
            } else {
                t.accent()
            };
            push_wrapped(&mut lines, &text, style);
        }
    }
    lines.extend(super::history::lines(
        state,
        crate::app::edit::Target::Node(id),
        w,
        t,
    ));
    lines
}

/// Whether a node is a task or holds one: only then do progress and pace
/// mean something (一、总体要求 has none).
fn has_work(snap: &crate::analysis::Snapshot, id: i64) -> bool {
    let work = |n: i64| snap.outline.kind(n).is_some_and(NodeKind::is_work);
    work(id) || snap.outline.descendants(id).into_iter().any(work)
}
