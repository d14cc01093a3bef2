//! Fewer bytes per frame, for a slow SSH link. ratatui's crossterm backend
//! moves the cursor (`ESC[y;xH`, 6–8 bytes) before any cell that does not
//! directly follow the previous one. Two cases are common in Chinese text
//! and cost more in moves than in text:
//!
//! - after a wide character the next cell is two columns on, so every
//!   Chinese character in a changed run paid a move on top of its own 3
//!   bytes; the terminal's cursor is already there (it advanced two
//!   columns when it printed the character), so the wrapper tells the
//!   backend so: it passes the hidden column as a cell of the same style
//!   with nothing in it, which the backend writes as nothing at all;
//! - where wide characters are replaced by narrow ones (a shorter line of
//!   text over a longer one), every other column changes, and each change
//!   paid a move to skip one column; the wrapper passes that column as a
//!   cell holding `ESC[C` (cursor forward, 3 bytes).
//!
//! Both rely on knowing where the cursor is, so they are used only after
//! characters whose width no terminal disputes: printable ASCII, and CJK
//! ideographs, kana, hangul, CJK punctuation and full-width forms. After
//! anything else (emoji, box drawing, “quotes”, whose widths vary between
//! terminals and fonts) the cursor is still placed explicitly.
//!
//! The writer is also buffered for a whole frame, so a frame leaves in one
//! write rather than one per kilobyte (ratatui flushes after each frame).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

/// The crossterm backend, writing a wide character's hidden column as
/// nothing instead of moving the cursor past it.
pub struct CompactBackend<W: Write> {
    inner: CrosstermBackend<W>,
}

impl<W: Write> CompactBackend<W> {
    pub fn new(writer: W) -> CompactBackend<W> {
        CompactBackend {
            inner: CrosstermBackend::new(writer),
        }
    }
}

/// Bytes written between frames (an OSC 52 copy) go straight through.
impl<W: Write> Write for CompactBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

/// Whether every terminal draws `c` two columns wide: CJK ideographs,
/// radicals, kana, bopomofo, hangul, CJK symbols and punctuation (。，、
/// 《》), enclosed CJK, and the full-width forms （）：；.
fn settled_wide_char(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF01}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{2FFFD}'
        | '\u{30000}'..='\u{3FFFD}')
}

/// How many columns printing `symbol` certainly advances the cursor: 1
/// for printable ASCII, 2 for a settled wide character, `None` when
/// terminals may disagree.
fn settled_width(symbol: &str) -> Option<u16> {
    let mut chars = symbol.chars();
    let first = chars.next()?;
    if first.is_ascii() && !first.is_ascii_control() && chars.next().is_none() {
        return Some(1);
    }
    (symbol.width() == 2 && symbol.chars().all(settled_wide_char)).then_some(2)
}

/// Cursor forward one column.
const FORWARD: &str = "\x1b[C";

/// Whether a cell's symbol holds a character no terminal may be sent.
fn unsafe_symbol(symbol: &str) -> bool {
    symbol.chars().any(crate::text::sanitize::is_unsafe_char)
}

impl<W: Write> Backend for CompactBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let content: Vec<(u16, u16, &Cell)> = content.collect();
        // The last guard on the way out: the views sanitise what they
        // draw, and a cell that still holds a control, bidi or invisible
        // character is drawn as `?` rather than obeyed.
        let defused: Vec<Cell> = content
            .iter()
            .filter(|(_, _, c)| unsafe_symbol(c.symbol()))
            .map(|(_, _, c)| {
                let mut safe = (*c).clone();
                safe.set_symbol("?");
                safe
            })
            .collect();
        let mut next_defused = defused.iter();
        let cells: Vec<(u16, u16, &Cell)> = content
            .into_iter()
            .map(|(x, y, c)| match unsafe_symbol(c.symbol()) {
                true => (x, y, next_defused.next().unwrap_or(c)),
                false => (x, y, c),
            })
            .collect();
        // Cells to pass after the cell of the same index: the hidden column
        // of a wide character (drawn as nothing), then, for a one-column
        // gap, a cursor-forward. The backend takes each as the cell right
        // after the previous one, so it moves the cursor for none of them.
        let mut fillers: Vec<(usize, u16, Cell)> = Vec::new();
        for (i, pair) in cells.windows(2).enumerate() {
            let (x, y, cell) = pair[0];
            let (next_x, next_y, _) = pair[1];
            if next_y != y {
                continue;
            }
            let Some(width) = settled_width(cell.symbol()) else {
                continue;
            };
            let at = u32::from(x) + u32::from(width);
            let gap = u32::from(next_x).checked_sub(at);
            if !matches!(gap, Some(0 | 1)) {
                continue;
            }
            if width == 2 {
                let mut hidden = cell.clone();
                hidden.set_symbol("");
                fillers.push((i, x + 1, hidden));
            }
            if gap == Some(1) {
                let mut forward = cell.clone();
                forward.set_symbol(FORWARD);
                fillers.push((i, x + width, forward));
            }
        }
        if fillers.is_empty() {
            return self.inner.draw(cells.into_iter());
        }
        let mut out: Vec<(u16, u16, &Cell)> = Vec::with_capacity(cells.len() + fillers.len());
        let mut pending = fillers.iter().peekable();
        for (i, &(x, y, cell)) in cells.iter().enumerate() {
            out.push((x, y, cell));
            while let Some((_, fx, filler)) = pending.next_if(|(at, _, _)| *at == i) {
                out.push((*fx, y, filler));
            }
        }
        self.inner.draw(out.into_iter())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use ratatui::Terminal;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};
    use ratatui::{TerminalOptions, Viewport};

    use super::*;

    /// What a backend wrote, shared with the test.
    #[derive(Clone, Default)]
    struct Sink(Rc<RefCell<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Cursor moves (`ESC[row;colH`) in `bytes`.
    fn moves(bytes: &[u8]) -> usize {
        let text = String::from_utf8_lossy(bytes);
        text.split("\x1b[")
            .skip(1)
            .filter(|seq| {
                let end = seq.find(|c: char| !(c.is_ascii_digit() || c == ';'));
                end.is_some_and(|e| seq[e..].starts_with('H') && seq[..e].contains(';'))
            })
            .count()
    }

    fn paint(lines: &[&str]) -> impl FnOnce(&mut ratatui::Frame<'_>) {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        move |f: &mut ratatui::Frame<'_>| {
            for (y, line) in lines.iter().enumerate() {
                let style = Style::new().fg(Color::Yellow);
                f.buffer_mut().set_string(0, y as u16, line, style);
            }
        }
    }

    /// The bytes written for `second` after `first` was on screen, and the
    /// screen a terminal shows after both, with this backend or the plain
    /// one.
    fn frames(compact: bool, first: &[&str], second: &[&str]) -> (Vec<u8>, String) {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 24, 3)),
        };
        let sink = Sink::default();
        let mark = if compact {
            let mut t = Terminal::with_options(CompactBackend::new(sink.clone()), options).unwrap();
            t.draw(paint(first)).unwrap();
            let mark = sink.0.borrow().len();
            t.draw(paint(second)).unwrap();
            mark
        } else {
            let mut t =
                Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap();
            t.draw(paint(first)).unwrap();
            let mark = sink.0.borrow().len();
            t.draw(paint(second)).unwrap();
            mark
        };
        let all = sink.0.borrow().clone();
        let rows = std::num::NonZeroU16::new(3).unwrap();
        let cols = std::num::NonZeroU16::new(24).unwrap();
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&all);
        (all[mark..].to_vec(), parser.screen().contents())
    }

    /// A cell that still holds a bidi or invisible character (a view that
    /// forgot to sanitise) is drawn as `?`. (ratatui itself keeps C0 and
    /// C1 controls out of cells.)
    #[test]
    fn a_cell_holding_a_bidi_or_invisible_character_is_drawn_as_a_question_mark() {
        let sink = Sink::default();
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 24, 1)),
        };
        let mut t = Terminal::with_options(CompactBackend::new(sink.clone()), options).unwrap();
        t.draw(|f| {
            let buf = f.buffer_mut();
            buf.set_string(0, 0, "渝中区", Style::new());
            for (x, hostile) in [
                (6, "\u{202E}"),
                (7, "\u{200B}"),
                (8, "\u{E0041}"),
                (9, "\u{AD}"),
            ] {
                if let Some(cell) = buf.cell_mut((x, 0)) {
                    cell.set_symbol(hostile);
                }
            }
        })
        .unwrap();
        let out = String::from_utf8(sink.0.borrow().clone()).unwrap();
        let text: String = out
            .split('\x1b')
            .map(|seq| seq.trim_start_matches(|c: char| "[0123456789;?HJKmlhC".contains(c)))
            .collect();
        assert!(text.contains("渝中区????"), "{out:?}");
        assert!(
            !out.contains(['\u{202E}', '\u{200B}', '\u{E0041}', '\u{AD}']),
            "{out:?}"
        );
    }

    #[test]
    fn chinese_text_needs_no_cursor_move_per_character() {
        let first = ["渝中区 已报送 3/5", "江北区 未报送", ""];
        let second = [
            "沙坪坝区 已报送 5/5",
            "九龙坡区（迟报）",
            "綦江区、璧山区。",
        ];
        let (plain, plain_screen) = frames(false, &first, &second);
        let (compact, screen) = frames(true, &first, &second);
        assert_eq!(screen, plain_screen, "the terminal shows the same");
        assert!(screen.contains("沙坪坝区 已报送 5/5"), "{screen}");
        assert!(screen.contains("綦江区、璧山区。"), "{screen}");
        assert!(
            compact.len() * 3 < plain.len() * 2,
            "compact {} bytes, plain {} bytes",
            compact.len(),
            plain.len()
        );
        assert!(
            moves(&compact) * 3 < moves(&plain),
            "{} {}",
            moves(&compact),
            moves(&plain)
        );
    }

    #[test]
    fn after_an_emoji_the_cursor_is_still_placed() {
        // Terminals disagree about some emoji widths: keep the explicit move.
        let (compact, screen) = frames(true, &["ab"], &["👍x"]);
        let (plain, plain_screen) = frames(false, &["ab"], &["👍x"]);
        assert_eq!(screen, plain_screen);
        assert_eq!(compact, plain);
    }

    #[test]
    fn a_shorter_line_over_chinese_text_skips_columns_cheaply() {
        let first = ["綦江区、璧山区、铜梁区", "", ""];
        let second = ["綦江区", "", ""];
        let (plain, plain_screen) = frames(false, &first, &second);
        let (compact, screen) = frames(true, &first, &second);
        assert_eq!(screen, plain_screen);
        assert_eq!(screen.lines().next().map(str::trim_end), Some("綦江区"));
        assert_eq!(moves(&compact), 1, "{}", String::from_utf8_lossy(&compact));
        assert_eq!(moves(&plain), 8);
        assert!(
            compact.len() + 25 < plain.len(),
            "{} {}",
            compact.len(),
            plain.len()
        );
    }

    #[test]
    fn random_frames_look_the_same_as_with_the_plain_backend() {
        const PIECES: &[&str] = &[
            "中",
            "綦江区",
            "、",
            "。",
            "（一）",
            "ab",
            " ",
            "  ",
            "1.",
            "─",
            "“",
            "”",
            "👍",
            "…",
            "已报送",
            "x",
        ];
        let mut seed: u64 = 7;
        let mut next = move |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % n as u64) as usize
        };
        let mut frames_text: Vec<Vec<String>> = Vec::new();
        for _ in 0..60 {
            let rows = (0..3)
                .map(|_| {
                    let k = next(8);
                    (0..k)
                        .map(|_| PIECES[next(PIECES.len())])
                        .collect::<String>()
                })
                .collect();
            frames_text.push(rows);
        }
        let options = || TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 24, 3)),
        };
        let compact_sink = Sink::default();
        let plain_sink = Sink::default();
        let mut compact =
            Terminal::with_options(CompactBackend::new(compact_sink.clone()), options()).unwrap();
        let mut plain =
            Terminal::with_options(CrosstermBackend::new(plain_sink.clone()), options()).unwrap();
        let size = || std::num::NonZeroU16::new(24).unwrap();
        let rows = std::num::NonZeroU16::new(3).unwrap();
        for (i, f) in frames_text.iter().enumerate() {
            let lines: Vec<&str> = f.iter().map(String::as_str).collect();
            compact.draw(paint(&lines)).unwrap();
            plain.draw(paint(&lines)).unwrap();
            let mut a = vt100::Parser::new(rows, size(), 0);
            a.process(&compact_sink.0.borrow());
            let mut b = vt100::Parser::new(rows, size(), 0);
            b.process(&plain_sink.0.borrow());
            assert_eq!(
                a.screen().contents(),
                b.screen().contents(),
                "frame {i}: {f:?}"
            );
        }
        assert!(compact_sink.0.borrow().len() < plain_sink.0.borrow().len());
    }

    #[test]
    fn settled_widths_are_ascii_and_the_cjk_characters() {
        for s in ["中", "綦", "。", "（", "：", "ア", "한", "𠀀"] {
            assert_eq!(settled_width(s), Some(2), "{s}");
        }
        for s in ["a", " ", "~"] {
            assert_eq!(settled_width(s), Some(1), "{s}");
        }
        for s in ["─", "“", "…", "●", "👍", "", "\t", "e\u{301}"] {
            assert_eq!(settled_width(s), None, "{s}");
        }
    }
}
