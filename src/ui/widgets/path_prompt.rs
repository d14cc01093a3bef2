//! The path prompt (`w` in 导出, `i` in 报送): the path being typed with
//! the real cursor in it, the directory relative paths start from, what
//! the last Tab offered, and a refusal or the question whether to replace
//! an existing file.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::StatefulWidget;

use super::field::Field;
use super::popup::{Popup, text_in};
use super::{clean, cut, wrapped};
use crate::app::path_prompt::{Entry, PathPrompt, PathPurpose};
use crate::app::state::State;
use crate::i18n::console::colon;
use crate::i18n::io::{self as words, tr};
use crate::text::width::{pad_right, width};
use crate::ui::theme::Theme;

/// Candidates listed at most; the rest are counted.
const MAX_CANDIDATES: usize = 8;

pub struct PathPopup<'a> {
    pub state: &'a State,
    pub prompt: &'a PathPrompt,
    pub theme: &'a Theme,
}

impl StatefulWidget for PathPopup<'_> {
    type State = Option<Position>;

    fn render(self, area: Rect, buf: &mut Buffer, cursor: &mut Option<Position>) {
        let (p, t) = (self.prompt, self.theme);
        let io = tr(self.state.lang());
        let pw = area.width.saturating_sub(4).max(20);
        let (title, label) = match p.purpose {
            PathPurpose::Export => (io.write_title, io.file_label),
            PathPurpose::Import => (io.import_title, io.files_label),
        };
        let lines = self.lines(usize::from(pw.saturating_sub(4)));
        let max_h = usize::from(area.height);
        let h = u16::try_from((lines.len() + 2).min(max_h)).unwrap_or(u16::MAX);
        let inner = Popup::new(format!(" {title} "), t).centered(area, pw, h, buf);
        text_in(buf, inner, &lines);
        let field_area = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            height: 1,
            ..inner
        };
        let mut at = None;
        Field {
            label,
            input: &p.input,
            theme: t,
        }
        .render(field_area, buf, &mut at);
        // While the question is asked, the keys answer it: no cursor.
        if p.confirm.is_none() && !p.busy {
            *cursor = at;
        }
    }
}

impl PathPopup<'_> {
    /// What the popup says under the field, `text_w` columns wide.
    fn lines(&self, text_w: usize) -> Vec<Line<'static>> {
        let (p, t) = (self.prompt, self.theme);
        let lang = self.state.lang();
        let io = tr(lang);
        let help = match p.purpose {
            PathPurpose::Export => io.write_help,
            PathPurpose::Import => io.import_help,
        };
        let mut lines: Vec<Line<'static>> = vec![Line::raw("")];
        if let Some(cwd) = &self.state.export.cwd {
            let text = format!(
                "{}{}{}",
                io.cwd,
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
            lines.extend(candidates(&p.candidates, text_w, self.state, t));
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
            lines.push(Line::styled(io.writing, t.plain()));
        }
        lines
    }
}

/// What the last Tab offered, side by side when they fit, as a shell
/// lists them; directories end in `/`.
fn candidates(list: &[Entry], text_w: usize, state: &State, t: &Theme) -> Vec<Line<'static>> {
    let names: Vec<String> = list
        .iter()
        .map(|c| {
            let mut n = clean(&c.name).into_owned();
            if c.is_dir {
                n.push('/');
            }
            n
        })
        .collect();
    let col_w = names
        .iter()
        .map(|n| width(n))
        .max()
        .unwrap_or(1)
        .min(text_w)
        + 2;
    let per_row = (text_w / col_w).max(1);
    let rows = names.len().div_ceil(per_row).min(MAX_CANDIDATES);
    let mut lines = Vec::new();
    for r in 0..rows {
        let mut line = String::new();
        for c in 0..per_row {
            if let Some(n) = names.get(r * per_row + c) {
                line.push_str(&pad_right(&cut(n, col_w - 2, t), col_w));
            }
        }
        lines.push(Line::styled(line.trim_end().to_string(), t.accent()));
    }
    let listed = rows * per_row;
    if names.len() > listed {
        lines.push(Line::styled(
            words::more(state.lang(), names.len() - listed),
            t.plain(),
        ));
    }
    lines
}
