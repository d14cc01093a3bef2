//! The export view's preview: the rendered text and how it is laid out
//! on screen — prose wrapped to the window the Chinese way, tables and
//! data line by line — as byte ranges of the text, so that a long export
//! (every report as csv) is held once and only the rows on screen are
//! ever sanitised and drawn.

use super::effect::PreviewKey;
use crate::export::Template;
use crate::text::wrap::wrap;

/// A rendered export, or why it could not be made.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub key: PreviewKey,
    pub result: Result<PreviewText, String>,
}

/// The text and how it is laid out on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewText {
    /// Exactly what `w` writes and `y` copies.
    pub text: String,
    /// Rows on screen as byte ranges of `text`: prose is wrapped to the
    /// window, tables and data keep their lines (and scroll sideways).
    pub rows: Vec<(usize, usize)>,
    /// The width `rows` were laid out for.
    pub width: usize,
    pub lines: usize,
    pub chars: usize,
    /// The text starts with a UTF-8 byte-order mark (csv).
    pub bom: bool,
}

impl PreviewText {
    pub fn new(text: String, soft_wrap: bool, width: usize) -> PreviewText {
        let bom = text.starts_with('\u{FEFF}');
        let lines = text.lines().count();
        let chars = text.chars().count();
        let mut p = PreviewText {
            text,
            rows: Vec::new(),
            width: 0,
            lines,
            chars,
            bom,
        };
        p.layout(soft_wrap, width);
        p
    }

    /// Lays the text out for `width` columns.
    pub fn layout(&mut self, soft_wrap: bool, width: usize) {
        self.width = width;
        self.rows = layout(&self.text, soft_wrap, width);
    }

    pub fn row(&self, i: usize) -> Option<&str> {
        let (s, e) = *self.rows.get(i)?;
        self.text.get(s..e)
    }
}

/// Rows of `text` for `width` columns.
fn layout(text: &str, soft_wrap: bool, width: usize) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let mut base = 0;
    let body = text.strip_suffix('\n').unwrap_or(text);
    for (n, raw) in body.split('\n').enumerate() {
        let next = base + raw.len() + 1;
        let mut start = base;
        let mut line = raw.strip_suffix('\r').unwrap_or(raw);
        if n == 0 && line.starts_with('\u{FEFF}') {
            start += '\u{FEFF}'.len_utf8();
            line = &line['\u{FEFF}'.len_utf8()..];
        }
        if !soft_wrap || line.is_empty() {
            rows.push((start, start + line.len()));
        } else {
            let mut pos = 0;
            for piece in wrap(line, width.max(2)) {
                match line[pos..].find(piece.as_str()) {
                    Some(i) if !piece.is_empty() => {
                        let s = pos + i;
                        rows.push((start + s, start + s + piece.len()));
                        pos = s + piece.len();
                    }
                    _ => rows.push((start + pos, start + pos)),
                }
            }
        }
        base = next;
    }
    rows
}

/// Whether the preview wraps a template's lines to the window: prose
/// does; tables and data keep their lines.
pub fn soft_wrap(t: Template) -> bool {
    matches!(t, Template::Memo | Template::Overdue | Template::Coverage)
}
