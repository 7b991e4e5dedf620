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

/// Whether `s` can be shown as it is: no character of it is one that
/// [`shown`] replaces or drops. Read a byte at a time, as those characters
/// are ASCII controls or start with one of four lead bytes.
fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    for (i, &x) in b.iter().enumerate() {
        let replaced = match x {
            0x00..=0x1F | 0x7F => true,
            // U+0080..U+009F (C1 controls, NEL) and U+00AD (soft hyphen)
            0xC2 => matches!(at(i + 1), 0x80..=0x9F | 0xAD),
            // U+061C (Arabic letter mark)
            0xD8 => at(i + 1) == 0x9C,
            // U+200B, U+200E, U+200F, U+2028..U+202E, U+2060..U+2064,
            // U+2066..U+2069
            0xE2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x8B | 0x8E | 0x8F | 0xA8..=0xAE),
                0x81 => matches!(at(i + 2), 0xA0..=0xA4 | 0xA6..=0xA9),
                _ => false,
            },
            // U+FEFF (byte order mark)
            0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
            // ASCII shown as itself, other lead bytes, continuation bytes
            _ => false,
        };
        if replaced {
            return false;
        }
    }
    true
}

/// The text as it is drawn: control characters become U+FFFD, a tab or
/// line separator a space, bidi controls and invisible format characters
/// are dropped. Every string from a file that reaches a terminal should go
/// through this.
///
/// ```
/// use yuedu_layout::sanitize;
/// assert_eq!(sanitize("a\u{1b}[31mb\tc"), "a\u{FFFD}[31mb c");
/// ```
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
///
/// ```
/// use yuedu_layout::char_width;
/// assert_eq!(char_width('中'), 2);
/// assert_eq!(char_width('，'), 2);
/// assert_eq!(char_width('a'), 1);
/// assert_eq!(char_width('“'), 1); // East Asian ambiguous: one column here
/// ```
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

/// Columns a character takes on a terminal that counts East Asian
/// ambiguous characters (“ ” ‘ ’ … — · and the like) as two columns when
/// `ambiguous_wide` is set, and as [`char_width`] does otherwise.
///
/// ```
/// use yuedu_layout::char_width_with;
/// assert_eq!(char_width_with('“', true), 2);
/// assert_eq!(char_width_with('“', false), 1);
/// assert_eq!(char_width_with('a', true), 1);
/// // a control character is shown as `�`, ambiguous too
/// assert_eq!(char_width_with('\u{1a}', true), 2);
/// ```
#[inline]
pub fn char_width_with(c: char, ambiguous_wide: bool) -> usize {
    if !ambiguous_wide || ((c as u32) < 0x7F && c >= ' ') {
        return char_width(c);
    }
    match shown(c) {
        Shown::Itself => char_width(c).max(c.width_cjk().unwrap_or(0)),
        // A control character is shown as U+FFFD, itself ambiguous.
        Shown::As(r) => char_width(c).max(r.width_cjk().unwrap_or(1)),
        Shown::Nothing => 0,
    }
}

/// Columns a grapheme cluster takes when shown.
///
/// ```
/// use yuedu_layout::grapheme_width;
/// assert_eq!(grapheme_width("e\u{301}"), 1);
/// assert_eq!(grapheme_width("👍🏽"), 4);
/// ```
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
///
/// ```
/// use yuedu_layout::str_width;
/// assert_eq!(str_width("寻乌县 2024"), 11);
/// ```
pub fn str_width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    if s.is_ascii() {
        // Every ASCII character is one column: printable ones as themselves,
        // controls as U+FFFD, a tab as a space.
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// [`str_width`] on a terminal that may count East Asian ambiguous
/// characters as two columns (see [`char_width_with`]).
///
/// ```
/// use yuedu_layout::str_width_with;
/// assert_eq!(str_width_with("“好”", true), 6);
/// assert_eq!(str_width_with("“好”", false), 4);
/// ```
pub fn str_width_with(s: &str, ambiguous_wide: bool) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    // Printable ASCII is never ambiguous; a control character is shown as
    // U+FFFD, which is.
    if !ambiguous_wide || (s.is_ascii() && !s.bytes().any(|b| b < 0x20 || b == 0x7F)) {
        return str_width(s);
    }
    s.graphemes(true)
        .map(|g| grapheme_width_with(g, true))
        .sum()
}

/// [`grapheme_width`], with ambiguous characters counted as two columns
/// when `ambiguous_wide` is set.
pub(crate) fn grapheme_width_with(g: &str, ambiguous_wide: bool) -> usize {
    let mut chars = g.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.as_str().is_empty() {
        return char_width_with(first, ambiguous_wide);
    }
    let per_char: usize = g.chars().map(|c| char_width_with(c, ambiguous_wide)).sum();
    let clean = sanitize(g);
    let whole = if ambiguous_wide {
        clean.width_cjk()
    } else {
        clean.width()
    };
    per_char.max(whole)
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
    fn clean_text_is_found_byte_by_byte_as_char_by_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let itself = shown(c) == Shown::Itself;
            for s in [c.to_string(), format!("中{c}a"), format!("a{c}“")] {
                assert_eq!(is_clean(&s), itself, "{c:?} in {s:?}");
            }
        }
    }

    #[test]
    fn controls_never_reach_the_screen() {
        let s = sanitize("a\u{1b}[31mb\u{202E}c\td\u{7}");
        assert_eq!(s, "a\u{FFFD}[31mbc d\u{FFFD}");
        assert_eq!(str_width("a\u{1b}b"), 3);
        assert_eq!(str_width("a\u{202E}b"), 2);
    }
}
