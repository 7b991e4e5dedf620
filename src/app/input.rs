//! A one-line text input that is right for CJK: characters arrive whole
//! (an IME commits composed text as chars), the cursor moves by grapheme and
//! is placed by display width. A paste arrives at once; nothing in it can
//! reach the terminal as a control sequence.

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
        if let Some(c) = one_line(c) {
            self.text.insert(self.cursor, c);
            self.cursor += c.len_utf8();
        }
    }

    /// Inserts a whole text at the cursor in one step (a paste of 100 KB
    /// costs one copy, not one per character). Line breaks and tabs become
    /// spaces (a CR LF pair one space); other control characters are left out.
    pub fn insert_str(&mut self, s: &str) {
        let cleaned: String = s
            .replace("\r\n", "\n")
            .chars()
            .filter_map(one_line)
            .collect();
        self.text.insert_str(self.cursor, &cleaned);
        self.cursor += cleaned.len();
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
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

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes everything before the cursor (`Ctrl-u`, as in a shell).
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Deletes the word before the cursor (`Ctrl-w`): the spaces before it,
    /// then back to the previous space; CJK text without spaces goes back
    /// to the start of its run, as in a shell.
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

    /// Replaces the text, with the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.clear();
        self.insert_str(text);
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

/// A character as a one-line input takes it.
fn one_line(c: char) -> Option<char> {
    match c {
        '\n' | '\r' | '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_comes_in_whole_without_control_characters() {
        let mut i = TextInput::default();
        i.insert('末');
        i.left();
        i.insert_str("第一行\r\n第二行\t\u{1b}[2J\u{7}x");
        assert_eq!(i.text(), "第一行 第二行 [2Jx末");
        assert_eq!(i.cursor_column(), 6 + 1 + 6 + 1 + 4);
        i.insert('\u{1b}');
        assert_eq!(i.text(), "第一行 第二行 [2Jx末");
    }

    #[test]
    fn shell_keys_delete_words_and_lines() {
        let mut i = TextInput::default();
        i.insert_str("深圳 对口帮扶  ");
        i.delete_word();
        assert_eq!(i.text(), "深圳 ");
        i.end();
        i.insert_str("百色");
        i.left();
        i.delete_to_start();
        assert_eq!((i.text(), i.cursor_column()), ("色", 0));
        i.end();
        assert_eq!(i.cursor_column(), 2);
        i.home();
        i.insert('x');
        assert_eq!(i.text(), "x色");
    }

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
