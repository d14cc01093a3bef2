//! A one-line text input: the filter and as-of prompts now, the editing
//! forms later. The cursor moves by grapheme, so a Chinese character or an
//! emoji is never split, and its screen column is measured in terminal
//! columns so the real cursor (and the input method's candidate window)
//! sits where the user types.

use unicode_segmentation::UnicodeSegmentation;

use crate::text::sanitize::normalize_input;
use crate::text::width::width;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor, always at a grapheme boundary.
    cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Columns from the start of the text to the cursor.
    pub fn cursor_column(&self) -> usize {
        width(&self.text[..self.cursor])
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        // A combining mark joins the grapheme before it; keep the cursor
        // on a boundary.
        self.snap();
    }

    /// Inserts pasted text: cleaned, on one line.
    pub fn insert_str(&mut self, s: &str) {
        let clean = normalize_input(s).replace('\n', " ");
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        self.snap();
    }

    fn snap(&mut self) {
        if !self.text.is_char_boundary(self.cursor) || !self.at_boundary(self.cursor) {
            self.cursor = self
                .text
                .grapheme_indices(true)
                .map(|(i, g)| i + g.len())
                .find(|&end| end >= self.cursor)
                .unwrap_or(self.text.len());
        }
    }

    fn at_boundary(&self, at: usize) -> bool {
        at == self.text.len() || self.text.grapheme_indices(true).any(|(i, _)| i == at)
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    pub fn backspace(&mut self) {
        let start = self.prev_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.prev_boundary();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Deletes the word before the cursor (spaces, then non-spaces).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_moves_and_deletes_by_character() {
        let mut s = LineInput::default();
        for c in "渝中区".chars() {
            s.insert(c);
        }
        assert_eq!(s.cursor_column(), 6);
        s.left();
        assert_eq!(s.cursor_column(), 4);
        s.backspace();
        assert_eq!(s.text(), "渝区");
        assert_eq!(s.cursor_column(), 2);
        s.delete();
        assert_eq!(s.text(), "渝");
        s.home();
        s.insert('重');
        assert_eq!(s.text(), "重渝");
        assert_eq!(s.cursor_column(), 2);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let mut s = LineInput::new("e");
        s.insert('\u{301}');
        assert_eq!(s.text(), "e\u{301}");
        s.backspace();
        assert_eq!(s.text(), "");
    }

    #[test]
    fn paste_is_cleaned_onto_one_line() {
        let mut s = LineInput::default();
        s.insert_str("渝中\x1b[2J\n区\t");
        assert_eq!(s.text(), "渝中[2J 区");
        s.delete_word();
        assert_eq!(s.text(), "渝中[2J ");
        s.delete_word();
        assert_eq!(s.text(), "");
    }

    #[test]
    fn control_characters_are_not_typed() {
        let mut s = LineInput::default();
        s.insert('\u{7}');
        s.insert('a');
        assert_eq!(s.text(), "a");
    }
}
