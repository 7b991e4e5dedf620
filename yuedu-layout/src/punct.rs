//! Half-width punctuation written in Chinese text (`好,走吧`, `时间:2022`),
//! common in scraped articles: it is broken as its full-width form, and
//! may be shown in that form.

use std::borrow::Cow;
use std::ops::Range;

/// The full-width form of a half-width mark that scraped Chinese text
/// uses in place of it.
#[inline]
pub(crate) fn fullwidth_form(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// A character of Chinese text: an ideograph, CJK punctuation or a
/// full-width form.
#[inline]
pub(crate) fn is_chinese(c: char) -> bool {
    let u = c as u32;
    (0x3000..=0x303F).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0x4E00..=0x9FFF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFF01..=0xFF60).contains(&u)
        || (0x20000..=0x3FFFF).contains(&u)
}

/// The full-width form `c` stands for when it is a half-width mark beside
/// Chinese text (`prev` and `next` are the characters around it).
#[inline]
pub(crate) fn chinese_mark(c: char, prev: Option<char>, next: Option<char>) -> Option<char> {
    let full = fullwidth_form(c)?;
    (prev.is_some_and(is_chinese) || next.is_some_and(is_chinese)).then_some(full)
}

/// `text[range]` with every half-width mark of Chinese text in its
/// full-width form (the context is read from the whole `text`).
pub(crate) fn display_form(text: &str, range: Range<usize>) -> Cow<'_, str> {
    let Some(part) = text.get(range.clone()) else {
        return Cow::Borrowed("");
    };
    if !part.bytes().any(|b| fullwidth_form(b as char).is_some()) {
        return Cow::Borrowed(part);
    }
    let mut out = String::with_capacity(part.len() + 8);
    for (i, c) in part.char_indices() {
        let at = range.start + i;
        let prev = text[..at].chars().next_back();
        let next = text[at + c.len_utf8()..].chars().next();
        out.push(chinese_mark(c, prev, next).unwrap_or(c));
    }
    Cow::Owned(out)
}
