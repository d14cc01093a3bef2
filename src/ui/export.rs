//! 导出: the template and its options on one line, what the template is
//! for, then the export itself as it will be written — prose wrapped to
//! the window, tables and data line by line (scrolling sideways with
//! h/l). The text comes from `export::render`; it is already clean, but
//! every row still goes through the sanitiser on its way to the screen.
//! Also the view's overlays: the template list, the agency picker, the
//! width prompt and the question before a long copy (the path prompt is
//! in `path_prompt`, the import pane in `import`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::Memo;
use super::theme::Theme;
use super::widgets::{centered, clean, clear_wide, cut, put, section, wrapped};
use crate::app::data::Data;
use crate::app::export_view::{
    COPY_MAX_BASE64, Preview, PreviewText, agency_choices, fresh_preview, soft_wrap,
};
use crate::app::io_modal::{AgencyPicker, CopyWarning, IoModal, WrapPrompt};
use crate::app::state::{State, Viewport};
use crate::export::{ExportError, ExportOptions, TEMPLATES, Template};
use crate::i18n::console::{colon, period};
use crate::i18n::io::{self as words, tr};
use crate::text::sanitize::for_display;
use crate::text::width::{truncate, width};

pub fn render(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    data: &Data,
    t: &Theme,
    _memo: &mut Memo,
) -> Viewport {
    let lang = state.lang();
    let w = usize::from(area.width);
    let ex = &state.export;
    let info = ex.template.info();
    // The template's command-line name goes first when room is short.
    let mut options = options_line(state, data, t, true);
    if options.width() > w {
        options = options_line(state, data, t, false);
    }
    put(buf, area.x, area.y, area.width, &options);
    if area.height > 1 {
        let desc = cut(info.describe(lang), w, t);
        put(buf, area.x, area.y + 1, area.width, &Line::raw(desc));
    }
    let preview = fresh_preview(state);
    let rows_area = Rect {
        y: area.y + 3,
        height: area.height.saturating_sub(3),
        ..area
    };
    let h = usize::from(rows_area.height);
    // The rule: what the text is, and where the window is in it.
    let (size, place) = match preview.map(|p| &p.result) {
        Some(Ok(p)) => {
            let top = ex.scroll.min(p.rows.len().saturating_sub(h));
            let last = (top + h).min(p.rows.len());
            (
                words::text_size(lang, p.text.len(), p.lines, p.bom),
                words::rows_shown(lang, top + 1, last, p.rows.len()),
            )
        }
        _ => (String::new(), String::new()),
    };
    if area.height > 2 {
        let title = format!("{} {size}", tr(lang).preview);
        let mut rule = section(title.trim_end(), "", w, t, t.heading());
        if !place.is_empty() && w > width(&place) + 24 {
            // The position sits at the right end of the rule.
            let text: String = rule.spans.iter().map(|s| s.content.as_ref()).collect();
            let keep = truncate(&text, w - width(&place) - 3, "").into_owned();
            let fill = w.saturating_sub(width(&keep) + width(&place) + 2);
            rule = Line::from(vec![
                Span::styled(keep, t.heading()),
                Span::raw(t.rule().repeat(fill)),
                Span::styled(format!(" {place} "), t.plain()),
            ]);
        }
        put(buf, area.x, area.y + 2, area.width, &rule);
    }
    match preview {
        None => put(
            buf,
            area.x,
            rows_area.y,
            area.width,
            &Line::styled(tr(lang).rendering, t.plain()),
        ),
        Some(Preview { result: Err(e), .. }) => {
            for (i, l) in wrapped(e, w).iter().take(h).enumerate() {
                let y = rows_area.y + u16::try_from(i).unwrap_or(0);
                put(
                    buf,
                    area.x,
                    y,
                    area.width,
                    &Line::styled(l.clone(), t.error()),
                );
            }
        }
        Some(Preview { result: Ok(p), key }) => {
            rows(buf, rows_area, p, soft_wrap(key.template), state, t)
        }
    }
    Viewport {
        page: rows_area.height.max(1),
        detail_max: 0,
    }
}

/// `模板 情况通报 memo  期次 2021年第四季度  单位 全部  宽度 不换行  行尾 LF`,
/// only the options the template takes.
fn options_line<'a>(state: &State, data: &Data, t: &Theme, with_name: bool) -> Line<'a> {
    let lang = state.lang();
    let words = tr(lang);
    let ex = &state.export;
    let info = ex.template.info();
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut item = |label: &str, value: String| {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(format!("{label}{}", colon(lang)), t.plain()));
        spans.push(Span::styled(value, t.heading()));
    };
    let title = if with_name {
        format!("{} {}", info.title, info.name)
    } else {
        info.title.to_string()
    };
    item(words.template, title);
    if info.period {
        let p = match (ex.opts.period, ex.template) {
            (Some(p), _) => period(lang, p),
            (None, Template::Csv) => words.all_periods.to_string(),
            (None, _) => period(lang, data.snap.coverage.period),
        };
        item(words.period, p);
    }
    if info.agency {
        let a = ex
            .opts
            .agency
            .and_then(|id| data.snap.agency(id))
            .map_or_else(
                || lang.pick("全部", "all").to_string(),
                |a| clean(&a.short_name).into_owned(),
            );
        item(words.agency, a);
    }
    if info.wrap {
        let v = match ex.opts.wrap {
            Some(n) => format!("{n}{}", lang.pick("列", " cols")),
            None => words.no_wrap.to_string(),
        };
        item(words.wrap, v);
    }
    item(
        words.line_ends,
        if ex.opts.crlf { "CRLF" } else { "LF" }.to_string(),
    );
    Line::from(spans)
}

/// The preview's rows on screen.
fn rows(buf: &mut Buffer, area: Rect, p: &PreviewText, wraps: bool, state: &State, t: &Theme) {
    let h = usize::from(area.height);
    let w = usize::from(area.width);
    let top = state.export.scroll.min(p.rows.len().saturating_sub(h));
    let skip = if wraps { 0 } else { state.export.hscroll };
    for i in 0..h {
        let Some(row) = p.row(top + i) else { break };
        let shown = skip_columns(&display(row), skip);
        let text = cut(&shown, w, t);
        let y = area.y + u16::try_from(i).unwrap_or(0);
        put(buf, area.x, y, area.width, &Line::styled(text, t.plain()));
    }
}

/// A row as the screen shows it: tabs to the next multiple of 8 columns
/// (tsv), everything else through the sanitiser.
fn display(row: &str) -> String {
    if !row.contains('\t') {
        return for_display(row).into_owned();
    }
    let mut out = String::new();
    for (i, piece) in row.split('\t').enumerate() {
        if i > 0 {
            let pad = 8 - width(&out) % 8;
            out.push_str(&" ".repeat(pad));
        }
        out.push_str(&for_display(piece));
    }
    out
}

/// Drops the first `cols` columns (whole characters; a wide character cut
/// in half leaves a space).
fn skip_columns(s: &str, cols: usize) -> String {
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

/// Draws an overlay of the export view or the import; returns where the
/// terminal cursor belongs when the overlay takes text.
pub fn overlay(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    m: &IoModal,
    t: &Theme,
) -> Option<Position> {
    match m {
        IoModal::Templates { selected } => {
            templates(buf, area, state, *selected, t);
            None
        }
        IoModal::Agencies(a) => agencies(buf, area, state, a, t),
        IoModal::Wrap(wp) => wrap_prompt(buf, area, state, wp, t),
        IoModal::Path(p) => super::path_prompt::render(buf, area, state, p, t),
        IoModal::CopyWarning(c) => {
            copy_warning(buf, area, state, c, t);
            None
        }
        IoModal::Import(pane) => {
            super::import::render(buf, area, state, pane, t);
            None
        }
    }
}

/// A bordered popup of `w` x `h` centred in `area`; returns its inside.
pub fn popup(buf: &mut Buffer, area: Rect, w: u16, h: u16, title: &str, t: &Theme) -> Rect {
    let r = centered(area, w, h);
    clear_wide(buf, r);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(t.border())
        .title(format!(" {title} "));
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

/// Writes `lines` from the top of `inner`, one column in.
fn lines_in(buf: &mut Buffer, inner: Rect, lines: &[Line<'_>]) {
    for (i, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        put(buf, inner.x + 1, y, inner.width.saturating_sub(2), line);
    }
}

fn popup_width(area: Rect, want: u16) -> u16 {
    want.min(area.width.saturating_sub(4)).max(20)
}

fn templates(buf: &mut Buffer, area: Rect, state: &State, selected: usize, t: &Theme) {
    let lang = state.lang();
    let words = tr(lang);
    let pw = popup_width(area, 76);
    let text_w = usize::from(pw.saturating_sub(4));
    let title_w = TEMPLATES.iter().map(|i| width(i.title)).max().unwrap_or(8);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, info) in TEMPLATES.iter().enumerate() {
        let pad = " ".repeat(title_w - width(info.title));
        let text = format!(" {}{pad}  {} ", info.title, info.name);
        let style = if i == selected {
            t.selected()
        } else {
            t.plain()
        };
        lines.push(Line::styled(text, style));
    }
    let info = &TEMPLATES[selected.min(TEMPLATES.len() - 1)];
    lines.push(Line::raw(t.rule().repeat(text_w)));
    // As many lines as the longest description takes, so the list stays put.
    let desc_h = TEMPLATES
        .iter()
        .map(|i| wrapped(i.describe(lang), text_w).len())
        .max()
        .unwrap_or(1);
    let mut desc = wrapped(info.describe(lang), text_w);
    desc.resize(desc_h, String::new());
    lines.extend(desc.into_iter().map(Line::raw));
    let mut takes = Vec::new();
    if info.period {
        takes.push(words.period);
    }
    if info.agency {
        takes.push(words.agency);
    }
    if info.wrap {
        takes.push(words.wrap);
    }
    let takes = if takes.is_empty() {
        words.takes_nothing.to_string()
    } else {
        format!(
            "{}{}{}",
            words.takes,
            colon(lang),
            takes.join(lang.pick("、", ", "))
        )
    };
    lines.push(Line::styled(takes, t.accent()));
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = popup(buf, area, pw, h, words.choose_template, t);
    lines_in(buf, inner, &lines);
}

/// A text field on one line after `label`, scrolled so the cursor shows;
/// returns the cursor's position.
pub fn field(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    w: u16,
    label: &str,
    input: &crate::app::input::LineInput,
    t: &Theme,
) -> Position {
    let room = usize::from(w).saturating_sub(width(label) + 1).max(1);
    let col = input.cursor_column();
    let skip = col.saturating_sub(room.saturating_sub(1));
    let visible = skip_columns(&for_display(input.text()), skip);
    let visible = truncate(visible.trim_start(), room, "").into_owned();
    let line = Line::from(vec![
        Span::styled(label.to_string(), t.heading()),
        Span::raw(visible),
    ]);
    put(buf, x, y, w, &line);
    let cx = usize::from(x) + width(label) + col - skip;
    Position::new(
        u16::try_from(cx.min(usize::from(x + w).saturating_sub(1))).unwrap_or(x),
        y,
    )
}

fn agencies(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    a: &AgencyPicker,
    t: &Theme,
) -> Option<Position> {
    let lang = state.lang();
    let words = tr(lang);
    let data = state.data.as_ref()?;
    let choices = agency_choices(data, a.input.text());
    let pw = popup_width(area, 60);
    let list_room = usize::from(area.height.saturating_sub(4)).max(1);
    let shown = choices.len().clamp(1, list_room);
    // Borders, the filter line, the list.
    let h = u16::try_from(shown + 3).unwrap_or(u16::MAX);
    let inner = popup(buf, area, pw, h, words.choose_agency, t);
    let cursor = field(
        buf,
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        words.filter_label,
        &a.input,
        t,
    );
    let mut lines: Vec<Line<'static>> = vec![Line::raw("")];
    if choices.is_empty() {
        lines.push(Line::styled(words.no_agency_matches, t.plain()));
    }
    let sel = a.selected.min(choices.len().saturating_sub(1));
    let top = super::widgets::scroll(0, sel, shown, choices.len());
    let short_w = data
        .snap
        .agencies
        .iter()
        .map(|a| width(&clean(&a.short_name)))
        .max()
        .unwrap_or(0);
    for (i, c) in choices.iter().enumerate().skip(top).take(shown) {
        let text = match c.and_then(|id| data.snap.agency(id)) {
            Some(ag) => format!(
                " {}  {} ",
                crate::text::width::pad_right(&clean(&ag.short_name), short_w),
                clean(&ag.name)
            ),
            None => format!(" {} ", words.all_agencies),
        };
        let style = if i == sel { t.selected() } else { t.plain() };
        lines.push(Line::styled(
            cut(&text, usize::from(inner.width) - 2, t),
            style,
        ));
    }
    lines_in(buf, inner, &lines);
    Some(cursor)
}

fn wrap_prompt(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    wp: &WrapPrompt,
    t: &Theme,
) -> Option<Position> {
    let lang = state.lang();
    let words = tr(lang);
    let pw = popup_width(area, 64);
    let text_w = usize::from(pw.saturating_sub(4));
    let mut lines: Vec<Line<'static>> = vec![Line::raw("")];
    for l in wrapped(words.wrap_help, text_w) {
        lines.push(Line::raw(l));
    }
    if let Some(min) = state
        .data
        .as_ref()
        .and_then(|d| narrowest(state.export.template, d, &state.export.opts))
    {
        lines.push(Line::raw(words::wrap_min(lang, min)));
    }
    if let Some(e) = &wp.error {
        for l in wrapped(e, text_w) {
            lines.push(Line::styled(l, t.error()));
        }
    }
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = popup(buf, area, pw, h, words.wrap_title, t);
    lines_in(buf, inner, &lines);
    Some(field(
        buf,
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        words.wrap_label,
        &wp.input,
        t,
    ))
}

/// The narrowest width the template can be laid out for, as the export
/// module says it.
fn narrowest(template: Template, data: &Data, opts: &ExportOptions) -> Option<usize> {
    let probe = ExportOptions {
        wrap: Some(1),
        ..opts.clone()
    };
    match crate::export::check(template, &data.snap, &probe) {
        Err(ExportError::TooNarrow { min, .. }) => Some(min),
        _ => None,
    }
}

fn copy_warning(buf: &mut Buffer, area: Rect, state: &State, c: &CopyWarning, t: &Theme) {
    let lang = state.lang();
    let pw = popup_width(area, 72);
    let text_w = usize::from(pw.saturating_sub(4));
    let mut lines: Vec<Line<'static>> = Vec::new();
    let refused = c.encoded > COPY_MAX_BASE64;
    for (i, para) in words::copy_warning(lang, c.bytes, c.encoded, refused, state.export.tmux)
        .iter()
        .enumerate()
    {
        let style = if i == 0 { t.heading() } else { t.plain() };
        for l in wrapped(para, text_w) {
            lines.push(Line::styled(l, style));
        }
    }
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = popup(buf, area, pw, h, tr(lang).copy_title, t);
    lines_in(buf, inner, &lines);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_go_to_the_next_stop_and_controls_are_shown() {
        assert_eq!(display("序号\t任务\t牵头"), "序号    任务    牵头");
        assert_eq!(display("a\x1b[2J"), "a^[[2J");
    }

    #[test]
    fn skipping_columns_never_leaves_half_a_character() {
        assert_eq!(skip_columns("渝中区abc", 2), "中区abc");
        assert_eq!(skip_columns("渝中区abc", 3), " 区abc");
        assert_eq!(skip_columns("ab", 5), "");
    }
}
