//! Half-width punctuation written in Chinese text (`好,走吧`, `时间:2022`),
//! common in scraped articles: it is broken as its full-width form, and
//! may be shown in that form.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

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

/// How far a run of half-width marks (`)!`, `?!`) is looked through for
/// the text around it.
const RUN: usize = 8;

/// The full-width form of the half-width mark `c` at byte `at` of `text`
/// when it stands in Chinese text: the nearest character before or after
/// it, past other such marks, is Chinese.
#[inline]
pub(crate) fn chinese_mark_at(text: &str, at: usize, c: char) -> Option<char> {
    let full = fullwidth_form(c)?;
    let mark = |c: &char| fullwidth_form(*c).is_some();
    let before = text.get(..at)?.chars().rev().take(RUN).find(|c| !mark(c));
    let after = text
        .get(at + c.len_utf8()..)?
        .chars()
        .take(RUN)
        .find(|c| !mark(c));
    (before.is_some_and(is_chinese) || after.is_some_and(is_chinese)).then_some(full)
}

/// `text[range]` with every half-width mark of Chinese text in its
/// full-width form (the context is read from the whole `text`). Only a mark
/// that is a grapheme cluster of its own is changed, as the line breaker
/// measures it: one carrying a combining mark (`,\u{610}`) stays as it is.
pub(crate) fn display_form(text: &str, range: Range<usize>) -> Cow<'_, str> {
    let Some(part) = text.get(range.clone()) else {
        return Cow::Borrowed("");
    };
    if !part.bytes().any(|b| fullwidth_form(b as char).is_some()) {
        return Cow::Borrowed(part);
    }
    let mut out = String::with_capacity(part.len() + 8);
    for (i, g) in part.grapheme_indices(true) {
        let mut chars = g.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => out.push(chinese_mark_at(text, range.start + i, c).unwrap_or(c)),
            _ => out.push_str(g),
        }
    }
    Cow::Owned(out)
}
