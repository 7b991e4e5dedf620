//! A one-line text input that is right for CJK: characters arrive whole
//! (an IME commits composed text as chars), the cursor moves by grapheme and
//! is placed by display width.

use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
}

impl TextInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Deletes the grapheme before the cursor (a whole 👍🏽 or e + accent).
    pub fn backspace(&mut self) {
        if let Some((start, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.text.replace_range(start..self.cursor, "");
            self.cursor = start;
        }
    }

    pub fn left(&mut self) {
        if let Some((start, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.cursor = start;
        }
    }

    pub fn right(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            self.cursor += g.len();
        }
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Display columns before the cursor.
    pub fn cursor_column(&self) -> usize {
        crate::text::str_width(&self.text[..self.cursor])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_cursor_and_backspace() {
        let mut i = TextInput::default();
        for c in "寻乌e\u{301}".chars() {
            i.insert(c);
        }
        assert_eq!(i.cursor_column(), 5);
        i.backspace();
        assert_eq!(i.text(), "寻乌");
        i.left();
        assert_eq!(i.cursor_column(), 2);
        i.insert('x');
        assert_eq!(i.text(), "寻x乌");
    }
}
