//! A multi-line text field (a report's 进展情况, a task's body): a thin
//! layer over `ratatui-textarea`, which wraps long lines at character
//! boundaries and maps Chinese text to terminal columns correctly, so the
//! real cursor can be put where the user types. Pasted text is cleaned
//! (control characters and escape sequences removed, line ends unified)
//! before it goes in; its lines are kept.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::text::sanitize::normalize_input;

#[derive(Debug, Clone)]
pub struct TextBox {
    area: TextArea<'static>,
}

impl PartialEq for TextBox {
    fn eq(&self, other: &TextBox) -> bool {
        self.area.lines() == other.area.lines() && self.area.cursor() == other.area.cursor()
    }
}

impl Default for TextBox {
    fn default() -> TextBox {
        TextBox::new("")
    }
}

impl TextBox {
    /// A text box holding `text`, the cursor at its end.
    pub fn new(text: &str) -> TextBox {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        // The terminal's own cursor marks the place; no drawn one.
        area.set_cursor_style(Style::default());
        area.set_cursor_line_style(Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        TextBox { area }
    }

    /// The text, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The widget state, for drawing (it records its scroll as it draws).
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    pub fn insert(&mut self, c: char) {
        if !c.is_control() {
            self.area.insert_char(c);
        }
    }

    pub fn newline(&mut self) {
        self.area.insert_newline();
    }

    /// Inserts pasted text, cleaned, keeping its lines.
    pub fn paste(&mut self, s: &str) {
        let clean = normalize_input(s);
        self.area.insert_str(clean);
    }

    pub fn backspace(&mut self) {
        self.area.delete_char();
    }

    pub fn delete(&mut self) {
        self.area.delete_next_char();
    }

    pub fn left(&mut self) {
        self.area.move_cursor(CursorMove::Back);
    }

    pub fn right(&mut self) {
        self.area.move_cursor(CursorMove::Forward);
    }

    /// Moves up a line; `false` when the cursor is already on the first.
    pub fn up(&mut self) -> bool {
        let before = self.area.cursor();
        self.area.move_cursor(CursorMove::Up);
        self.area.cursor() != before
    }

    /// Moves down a line; `false` when the cursor is already on the last.
    pub fn down(&mut self) -> bool {
        let before = self.area.cursor();
        self.area.move_cursor(CursorMove::Down);
        self.area.cursor() != before
    }

    pub fn home(&mut self) {
        self.area.move_cursor(CursorMove::Head);
    }

    pub fn end(&mut self) {
        self.area.move_cursor(CursorMove::End);
    }

    /// Deletes the current line up to the cursor (as Ctrl-U does in a shell).
    pub fn clear_line(&mut self) {
        self.area.delete_line_by_head();
    }

    pub fn delete_word(&mut self) {
        self.area.delete_word();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    #[test]
    fn typed_chinese_and_new_lines_make_the_text() {
        let mut t = TextBox::default();
        for c in "渝中区开展".chars() {
            t.insert(c);
        }
        t.newline();
        for c in "活动3场".chars() {
            t.insert(c);
        }
        assert_eq!(t.text(), "渝中区开展\n活动3场");
        t.backspace();
        t.left();
        t.delete();
        assert_eq!(t.text(), "渝中区开展\n活动");
        assert!(t.up());
        assert!(!t.up(), "already on the first line");
    }

    #[test]
    fn a_paste_keeps_its_lines_and_loses_escape_sequences() {
        let mut t = TextBox::new("前言");
        t.paste("第一段\r\n第二段\x1b[2J\t完\n\n");
        assert_eq!(t.text(), "前言第一段\n第二段[2J 完");
    }

    #[test]
    fn the_cursor_is_counted_in_columns_after_wide_characters() {
        let t = TextBox::new("渝中区ab");
        let area = Rect::new(0, 0, 20, 3);
        let mut buf = Buffer::empty(area);
        t.area().render(area, &mut buf);
        let c = t.area().screen_cursor();
        assert_eq!((c.row, c.col), (0, 8));
        // Wrapped at 5 columns: 渝中 | 区ab | (cursor after b)
        let narrow = Rect::new(0, 0, 5, 3);
        let mut buf = Buffer::empty(narrow);
        t.area().render(narrow, &mut buf);
        let c = t.area().screen_cursor();
        assert_eq!((c.row, c.col), (1, 4));
    }
}
