//! 导出: the template and its options on one line, what the template is
//! for, then the export itself as it will be written — prose wrapped to
//! the window, tables and data line by line (scrolling sideways with
//! h/l). The text comes from `export::render`; it is already clean, but
//! every row still goes through the sanitiser on its way to the screen.
//! The view's overlays (template list, agency picker, width and path
//! prompts, the copy question) are in `widgets/`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{StatefulWidget, Widget};

use super::ctx::ViewCtx;
use super::widgets::{clean, cut, put, skip_columns, wrapped};
use super::{Memo, Viewport};
use crate::app::export_view::{Preview, PreviewText, fresh_preview, soft_wrap};
use crate::export::Template;
use crate::i18n::console::{colon, period};
use crate::i18n::io::{self as words, IoStrings, tr};
use crate::text::sanitize::for_display;
use crate::text::width::{truncate, width};

pub struct ExportView<'a> {
    ctx: ViewCtx<'a>,
    io: &'static IoStrings,
}

impl<'a> ExportView<'a> {
    pub fn new(ctx: ViewCtx<'a>) -> ExportView<'a> {
        ExportView {
            ctx,
            io: tr(ctx.lang),
        }
    }
}

impl StatefulWidget for ExportView<'_> {
    type State = Memo;

    fn render(self, area: Rect, buf: &mut Buffer, memo: &mut Memo) {
        let ctx = self.ctx;
        let w = usize::from(area.width);
        // The template's command-line name goes first when room is short.
        let mut options = self.options_line(true);
        if options.width() > w {
            options = self.options_line(false);
        }
        put(buf, area.x, area.y, area.width, &options);
        if area.height > 1 {
            let info = ctx.state.export.template.info();
            let desc = cut(info.describe(ctx.lang), w, ctx.theme);
            put(buf, area.x, area.y + 1, area.width, &Line::raw(desc));
        }
        let preview = fresh_preview(ctx.state);
        let rows_area = Rect {
            y: area.y + 3,
            height: area.height.saturating_sub(3),
            ..area
        };
        if area.height > 2 {
            let rule = self.rule(preview, w, usize::from(rows_area.height));
            put(buf, area.x, area.y + 2, area.width, &rule);
        }
        PreviewBody { ctx, preview }.render(rows_area, buf);
        memo.viewport = Viewport {
            page: rows_area.height.max(1),
            detail_max: 0,
        };
    }
}

impl ExportView<'_> {
    /// `模板 情况通报 memo  期次 2021年第四季度  单位 全部  宽度 不换行  行尾 LF`,
    /// only the options the template takes.
    fn options_line(&self, with_name: bool) -> Line<'static> {
        let ctx = self.ctx;
        let (lang, t, io) = (ctx.lang, ctx.theme, self.io);
        let ex = &ctx.state.export;
        let info = ex.template.info();
        let mut spans: Vec<Span<'static>> = Vec::new();
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
        item(io.template, title);
        if info.period {
            let p = match (ex.opts.period, ex.template) {
                (Some(p), _) => period(lang, p),
                (None, Template::Csv) => io.all_periods.to_string(),
                (None, _) => period(lang, ctx.snap().coverage.period),
            };
            item(io.period, p);
        }
        if info.agency {
            let a = ex
                .opts
                .agency
                .and_then(|id| ctx.snap().agency(id))
                .map_or_else(
                    || ctx.pick("全部", "all").to_string(),
                    |a| clean(&a.short_name).into_owned(),
                );
            item(io.agency, a);
        }
        if info.wrap {
            let v = match ex.opts.wrap {
                Some(n) => format!("{n}{}", ctx.pick("列", " cols")),
                None => io.no_wrap.to_string(),
            };
            item(io.wrap, v);
        }
        item(
            io.line_ends,
            if ex.opts.crlf { "CRLF" } else { "LF" }.to_string(),
        );
        Line::from(spans)
    }

    /// The rule over the preview: what the text is, and where the window
    /// of `h` rows is in it.
    fn rule(&self, preview: Option<&Preview>, w: usize, h: usize) -> Line<'static> {
        let ctx = self.ctx;
        let (lang, t) = (ctx.lang, ctx.theme);
        let (size, place) = match preview.map(|p| &p.result) {
            Some(Ok(p)) => {
                let top = ctx.state.export.scroll.min(p.rows.len().saturating_sub(h));
                let last = (top + h).min(p.rows.len());
                (
                    words::text_size(lang, p.text.len(), p.lines, p.bom),
                    words::rows_shown(lang, top + 1, last, p.rows.len()),
                )
            }
            _ => (String::new(), String::new()),
        };
        let title = format!("{} {size}", self.io.preview);
        let rule = ctx.heading(title.trim_end(), "", w);
        if place.is_empty() || w <= width(&place) + 24 {
            return rule;
        }
        // The position sits at the right end of the rule.
        let text: String = rule.spans.iter().map(|s| s.content.as_ref()).collect();
        let keep = truncate(&text, w - width(&place) - 3, "").into_owned();
        let fill = w.saturating_sub(width(&keep) + width(&place) + 2);
        Line::from(vec![
            Span::styled(keep, t.heading()),
            Span::raw(t.rule().repeat(fill)),
            Span::styled(format!(" {place} "), t.plain()),
        ])
    }
}

/// The preview under the rule: its rows on screen, the error that stops
/// the template, or that it is being laid out.
struct PreviewBody<'a> {
    ctx: ViewCtx<'a>,
    preview: Option<&'a Preview>,
}

impl Widget for PreviewBody<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.ctx.theme;
        let (w, h) = (usize::from(area.width), usize::from(area.height));
        match self.preview {
            None => put(
                buf,
                area.x,
                area.y,
                area.width,
                &Line::styled(tr(self.ctx.lang).rendering, t.plain()),
            ),
            Some(Preview { result: Err(e), .. }) => {
                for (i, l) in wrapped(e, w).iter().take(h).enumerate() {
                    let y = area.y + u16::try_from(i).unwrap_or(0);
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
                self.rows(area, buf, p, soft_wrap(key.template));
            }
        }
    }
}

impl PreviewBody<'_> {
    /// The preview's rows on screen.
    fn rows(&self, area: Rect, buf: &mut Buffer, p: &PreviewText, wraps: bool) {
        let (ex, t) = (&self.ctx.state.export, self.ctx.theme);
        let h = usize::from(area.height);
        let w = usize::from(area.width);
        let top = ex.scroll.min(p.rows.len().saturating_sub(h));
        let skip = if wraps { 0 } else { ex.hscroll };
        for i in 0..h {
            let Some(row) = p.row(top + i) else { break };
            let shown = skip_columns(&display(row), skip);
            let text = cut(&shown, w, t);
            let y = area.y + u16::try_from(i).unwrap_or(0);
            put(buf, area.x, y, area.width, &Line::styled(text, t.plain()));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_go_to_the_next_stop_and_controls_are_shown() {
        assert_eq!(display("序号\t任务\t牵头"), "序号    任务    牵头");
        assert_eq!(display("a\x1b[2J"), "a^[[2J");
    }
}
