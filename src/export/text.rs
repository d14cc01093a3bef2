//! The rules of official Chinese text (公文) that every prose export
//! follows, in one place: paragraphs indented with two full-width spaces
//! and never hard-wrapped (unless `--wrap N` asks for terminal reading),
//! the outline numbering 一、（一）1.（1）, dates as 2021年12月31日,
//! full-width punctuation, quotation marks nested “‘’”, no control
//! characters, no trailing spaces, LF line ends (CRLF on request).

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::model::dates::format_cn;
use crate::model::outline;
use crate::text::sanitize::for_export;
use crate::text::wrap::wrap;

/// Paragraph indent: two full-width spaces (U+3000).
pub const INDENT: &str = "\u{3000}\u{3000}";

/// Section number: 一、 二、 …
pub fn section(n: usize) -> String {
    outline::label(0, to_u32(n))
}

/// Sub-section number: （一） （二） …
pub fn subsection(n: usize) -> String {
    outline::label(1, to_u32(n))
}

/// The number of the `n`-th item at an outline level (2 → `1.`, 3 → `（1）`).
pub fn numbered(level: u8, n: usize) -> String {
    outline::label(level, to_u32(n))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A date as official text: 2021年12月31日.
pub fn date(d: NaiveDate) -> String {
    format_cn(d)
}

/// Stored text made fit for one line of prose: cleaned of control, bidi
/// and zero-width characters, line breaks removed, half-width punctuation
/// next to Chinese made full-width (`完成,覆盖(集体)` → `完成，覆盖（集体）`).
pub fn inline(s: &str) -> String {
    let clean = for_export(s);
    let joined: String = clean
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("");
    cn_punct(&joined)
}

/// Whether `c` is Chinese text (Han, or CJK/full-width punctuation).
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Makes `, ; : ? ! ( )` full-width where they touch Chinese text; keeps
/// them where they belong to Latin text or numbers (`1,000`, `(a)`).
/// Brackets are converted in pairs.
pub fn cn_punct(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut open: Vec<bool> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let near_cjk = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        let mapped = match c {
            ',' if near_cjk => '，',
            ';' if near_cjk => '；',
            ':' if near_cjk => '：',
            '?' if near_cjk => '？',
            '!' if near_cjk => '！',
            '(' => {
                open.push(near_cjk);
                if near_cjk { '（' } else { '(' }
            }
            ')' => match open.pop() {
                Some(true) => '）',
                Some(false) => ')',
                None if near_cjk => '）',
                None => ')',
            },
            c => c,
        };
        out.push(mapped);
    }
    out
}

/// Text in Chinese quotation marks; quotation marks inside become single
/// ones: `“她力量”建功` → `“‘她力量’建功”`.
pub fn quoted(s: &str) -> String {
    let inner: String = s
        .chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            c => c,
        })
        .collect();
    format!("“{inner}”")
}

/// Items joined with the enumeration comma: 甲、乙、丙.
pub fn join<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("、")
}

/// A text document built of lines and paragraphs.
#[derive(Debug, Default)]
pub struct Doc {
    blocks: Vec<Block>,
}

#[derive(Debug)]
enum Block {
    /// A title or heading: not indented.
    Line(String),
    /// A paragraph: indented with [`INDENT`].
    Para(String),
    Blank,
    /// Lines already laid out (a table): never wrapped again.
    Pre(String),
}

impl Doc {
    pub fn new() -> Doc {
        Doc::default()
    }

    pub fn line(&mut self, s: impl Into<String>) {
        self.blocks.push(Block::Line(s.into()));
    }

    pub fn para(&mut self, s: impl Into<String>) {
        self.blocks.push(Block::Para(s.into()));
    }

    pub fn blank(&mut self) {
        self.blocks.push(Block::Blank);
    }

    pub fn pre(&mut self, s: impl Into<String>) {
        self.blocks.push(Block::Pre(s.into()));
    }

    /// The text: one line per block (wrapped to `wrap` columns when set),
    /// LF line ends, no trailing whitespace, a final line end.
    pub fn render(&self, wrap_at: Option<usize>) -> String {
        let mut out = String::new();
        let mut push = |line: &str| {
            out.push_str(line.trim_end());
            out.push('\n');
        };
        for b in &self.blocks {
            let text = match b {
                Block::Blank => {
                    push("");
                    continue;
                }
                Block::Pre(s) => {
                    s.lines().for_each(&mut push);
                    continue;
                }
                Block::Line(s) => s.clone(),
                Block::Para(s) => format!("{INDENT}{s}"),
            };
            match wrap_at {
                Some(w) => wrap(&text, w).iter().for_each(|l| push(l)),
                None => push(&text),
            }
        }
        out
    }
}

/// A writer that turns each `\n` into `\r\n` when asked, so that every
/// template — prose, tables, streamed dumps — gets the same line ends.
pub struct LineEnds<W: Write> {
    inner: W,
    crlf: bool,
}

impl<W: Write> LineEnds<W> {
    pub fn new(inner: W, crlf: bool) -> LineEnds<W> {
        LineEnds { inner, crlf }
    }
}

impl<W: Write> Write for LineEnds<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.crlf {
            return self.inner.write(buf);
        }
        let mut start = 0;
        for (i, &b) in buf.iter().enumerate() {
            if b == b'\n' {
                self.inner.write_all(&buf[start..i])?;
                self.inner.write_all(b"\r\n")?;
                start = i + 1;
            }
        }
        self.inner.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::width;

    #[test]
    fn numbering_follows_the_official_levels() {
        assert_eq!(section(1), "一、");
        assert_eq!(subsection(4), "（四）");
        assert_eq!(numbered(2, 3), "3.");
        assert_eq!(numbered(3, 2), "（2）");
    }

    #[test]
    fn punctuation_next_to_chinese_becomes_full_width() {
        assert_eq!(
            cn_punct("完成3场,覆盖200人;评选(集体)结束!"),
            "完成3场，覆盖200人；评选（集体）结束！"
        );
        assert_eq!(cn_punct("共1,000人(a)"), "共1,000人（a）");
        assert_eq!(cn_punct("version (2) ok"), "version (2) ok");
        assert_eq!(cn_punct("方案(2021)"), "方案（2021）");
    }

    #[test]
    fn inline_text_is_clean_and_on_one_line() {
        assert_eq!(inline("第一行\r\n\u{202E}第二行\x1b[2J"), "第一行第二行[2J");
    }

    #[test]
    fn quotes_nest() {
        assert_eq!(quoted("“她力量”建功"), "“‘她力量’建功”");
        assert_eq!(quoted("首批认定"), "“首批认定”");
    }

    #[test]
    fn paragraphs_are_indented_and_wrapped_only_on_request() {
        let mut doc = Doc::new();
        doc.line("一、总体进展");
        doc.para("行动共分解任务13项、子任务8项，已完成2项。 ");
        doc.blank();
        let plain = doc.render(None);
        assert_eq!(
            plain,
            "一、总体进展\n\u{3000}\u{3000}行动共分解任务13项、子任务8项，已完成2项。\n\n"
        );
        let wrapped = doc.render(Some(20));
        assert!(wrapped.lines().count() > 3);
        assert!(wrapped.lines().all(|l| width(l) <= 20), "{wrapped}");
        assert!(wrapped.lines().all(|l| l.trim_end() == l));
    }

    #[test]
    fn crlf_changes_only_line_ends() {
        let mut out = LineEnds::new(Vec::new(), true);
        out.write_all("甲\n乙\n\n".as_bytes()).unwrap();
        assert_eq!(out.inner, "甲\r\n乙\r\n\r\n".as_bytes());
        let mut out = LineEnds::new(Vec::new(), false);
        out.write_all("甲\n".as_bytes()).unwrap();
        assert_eq!(out.inner, "甲\n".as_bytes());
    }
}
