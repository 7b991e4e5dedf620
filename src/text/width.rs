//! Display widths in terminal columns, and the safe form of text for the
//! screen: control, tab, bidi-control and other invisible characters never
//! reach the terminal raw.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

/// What a character looks like on screen: itself, a replacement, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Itself,
    As(char),
    Nothing,
}

#[inline]
fn shown(c: char) -> Shown {
    let u = c as u32;
    // Most text: printable ASCII, then the ranges of CJK and other scripts
    // that hold no control or bidi character.
    if (0x20..0x7F).contains(&u)
        || (0x3000..0xFE00).contains(&u)
        || (0xFF00..0xFFF0).contains(&u)
        || (0x2070..0x2E00).contains(&u)
    {
        return Shown::Itself;
    }
    match c {
        // A tab has no fixed width inside a wrapped line: one space.
        '\t' => Shown::As(' '),
        // Line and paragraph separators inside a paragraph: a space.
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => Shown::As(' '),
        // Bidi embeddings, overrides and isolates could reorder what follows
        // on the terminal (and hide text): dropped.
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Shown::Nothing,
        // Byte order mark, soft hyphen and other invisible format characters
        // that terminals disagree about: dropped. ZWJ (U+200D) and variation
        // selectors stay, since emoji sequences need them.
        '\u{FEFF}' | '\u{00AD}' | '\u{200B}' | '\u{2060}'..='\u{2064}' => Shown::Nothing,
        c if c.is_control() => Shown::As('\u{FFFD}'),
        _ => Shown::Itself,
    }
}

/// Whether `s` can be shown as it is.
fn is_clean(s: &str) -> bool {
    s.chars().all(|c| shown(c) == Shown::Itself)
}

/// The text as it is drawn: every string the reader puts on screen goes
/// through this (article text, titles, notes, file names).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
        return Cow::Borrowed(s);
    }
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match shown(c) {
            Shown::Itself => out.push(c),
            Shown::As(r) => out.push(r),
            Shown::Nothing => {}
        }
    }
    Cow::Owned(out)
}

/// Columns a single character takes when shown.
#[inline]
pub fn char_width(c: char) -> usize {
    if (c as u32) < 0x7F && c >= ' ' {
        return 1;
    }
    // Ideographs, and the full-width punctuation of Chinese text.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3001}'..='\u{3029}').contains(&c)
        || ('\u{3030}'..='\u{303E}').contains(&c)
        || ('\u{FF01}'..='\u{FF60}').contains(&c)
    {
        return 2;
    }
    match shown(c) {
        Shown::Itself => c.width().unwrap_or(0),
        Shown::As(r) => r.width().unwrap_or(1),
        Shown::Nothing => 0,
    }
}

/// Columns a grapheme cluster takes when shown.
///
/// Terminals and checkers disagree on sequences (an emoji ZWJ sequence is two
/// columns in a modern terminal, but one per pictograph in a per-character
/// count): the layout takes the larger, so a line never overflows under
/// either measure.
#[inline]
pub fn grapheme_width(g: &str) -> usize {
    let mut chars = g.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.as_str().is_empty() {
        return char_width(first);
    }
    let per_char: usize = g.chars().map(char_width).sum();
    let clean = sanitize(g);
    per_char.max(clean.width())
}

/// Columns a string takes when shown.
pub fn str_width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    if s.is_ascii() {
        // Every ASCII character is one column: printable ones as themselves,
        // controls as U+FFFD, a tab as a space.
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_common_text() {
        assert_eq!(str_width("abc"), 3);
        assert_eq!(str_width("寻乌县"), 6);
        assert_eq!(str_width("，。"), 4);
        assert_eq!(str_width("“好”"), 4);
        assert_eq!(str_width("e\u{301}"), 1);
        assert_eq!(str_width("👍🏽"), 4);
        // Ideographic tone marks combine: no column of their own.
        assert_eq!(str_width("字\u{302A}"), 2);
        assert_eq!(str_width("《》〈〉「」"), 12);
    }

    #[test]
    fn controls_never_reach_the_screen() {
        let s = sanitize("a\u{1b}[31mb\u{202E}c\td\u{7}");
        assert_eq!(s, "a\u{FFFD}[31mbc d\u{FFFD}");
        assert_eq!(str_width("a\u{1b}b"), 3);
        assert_eq!(str_width("a\u{202E}b"), 2);
    }
}
