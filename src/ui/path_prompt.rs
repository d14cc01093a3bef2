//! The path prompt (`w` in 导出, `i` in 报送): the path being typed with
//! the real cursor in it, the directory relative paths start from, what
//! the last Tab offered, and a refusal or the question whether to replace
//! an existing file.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use super::export::{field, popup};
use super::theme::Theme;
use super::widgets::{clean, cut, put, wrapped};
use crate::app::path_prompt::{PathPrompt, PathPurpose};
use crate::app::state::State;
use crate::i18n::console::colon;
use crate::i18n::io::{self as words, tr};
use crate::text::width::width;

/// Candidates listed at most; the rest are counted.
const MAX_CANDIDATES: usize = 8;

pub fn render(
    buf: &mut Buffer,
    area: Rect,
    state: &State,
    p: &PathPrompt,
    t: &Theme,
) -> Option<Position> {
    let lang = state.lang();
    let w = tr(lang);
    let pw = area.width.saturating_sub(4).max(20);
    let text_w = usize::from(pw.saturating_sub(4));
    let (title, label, help) = match p.purpose {
        PathPurpose::Export => (w.write_title, w.file_label, w.write_help),
        PathPurpose::Import => (w.import_title, w.files_label, w.import_help),
    };
    let mut lines: Vec<Line<'static>> = vec![Line::raw("")];
    if let Some(cwd) = &state.export.cwd {
        let text = format!(
            "{}{}{}",
            w.cwd,
            colon(lang),
            clean(&cwd.display().to_string())
        );
        lines.push(Line::styled(cut(&text, text_w, t), t.plain()));
    }
    for l in wrapped(help, text_w) {
        lines.push(Line::styled(l, t.plain()));
    }
    if !p.candidates.is_empty() {
        lines.push(Line::raw(""));
        let names: Vec<String> = p
            .candidates
            .iter()
            .map(|c| {
                let mut n = clean(&c.name).into_owned();
                if c.is_dir {
                    n.push('/');
                }
                n
            })
            .collect();
        // Side by side when they fit, as a shell lists them.
        let col_w = names
            .iter()
            .map(|n| width(n))
            .max()
            .unwrap_or(1)
            .min(text_w)
            + 2;
        let per_row = (text_w / col_w).max(1);
        let rows_needed = names.len().div_ceil(per_row);
        let rows = rows_needed.min(MAX_CANDIDATES);
        for r in 0..rows {
            let mut line = String::new();
            for c in 0..per_row {
                if let Some(n) = names.get(r * per_row + c) {
                    line.push_str(&crate::text::width::pad_right(&cut(n, col_w - 2, t), col_w));
                }
            }
            lines.push(Line::styled(line.trim_end().to_string(), t.accent()));
        }
        let listed = rows * per_row;
        if names.len() > listed {
            lines.push(Line::styled(
                words::more(lang, names.len() - listed),
                t.plain(),
            ));
        }
    }
    if let Some(e) = &p.error {
        lines.push(Line::raw(""));
        for l in wrapped(e, text_w) {
            lines.push(Line::styled(l, t.error()));
        }
    } else if let Some(path) = &p.confirm {
        lines.push(Line::raw(""));
        for l in wrapped(&words::exists(lang, path), text_w) {
            lines.push(Line::styled(l, t.warning()));
        }
    } else if p.busy {
        lines.push(Line::raw(""));
        lines.push(Line::styled(w.writing, t.plain()));
    }
    let max_h = usize::from(area.height);
    let h = u16::try_from((lines.len() + 2).min(max_h)).unwrap_or(u16::MAX);
    let inner = popup(buf, area, pw, h, title, t);
    for (i, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        put(buf, inner.x + 1, y, inner.width.saturating_sub(2), line);
    }
    let cursor = field(
        buf,
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        label,
        &p.input,
        t,
    );
    // While the question is asked, the keys answer it: no cursor.
    (p.confirm.is_none() && !p.busy).then_some(cursor)
}
