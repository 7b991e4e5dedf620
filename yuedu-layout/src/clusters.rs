//! The text to be wrapped as grapheme clusters, each with its width and
//! whether a line may break before it: UAX #14 (from `unicode-linebreak`)
//! with the CLREQ rules of [`crate::breaks`] applied.

use std::cell::Cell;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use crate::breaks::{
    forbidden, inside_word, mark_opportunity, parts_number_and_unit, quote_opportunity,
};
use crate::punct::chinese_mark_at;
use crate::width::{char_width_with, grapheme_width_with};
use crate::wrap::Options;

/// One grapheme cluster of the text being wrapped.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cluster {
    pub start: u32,
    pub end: u32,
    /// Columns of all clusters before this one.
    pub before: u32,
    pub width: u16,
    /// First and last characters, a half-width mark of Chinese text as its
    /// full-width form.
    pub first: char,
    pub last: char,
    pub space: bool,
    /// A break is allowed before this cluster.
    pub may_break: bool,
    /// A break is required before this cluster (a hard line break).
    pub must_break: bool,
    /// UAX #14 (or a URL's punctuation) offers a break before this cluster
    /// that the layout withdrew to keep a word or number whole: where a run
    /// longer than the line is cut first.
    pub soft: bool,
}

/// Characters that always form a grapheme cluster of their own, whatever
/// follows them, and are not extended by what follows: most of Chinese news
/// text. Text made only of these skips grapheme segmentation.
#[inline]
fn stands_alone(c: char) -> bool {
    let u = c as u32;
    (0x20..0x7F).contains(&u)
        || (0xA0..0x300).contains(&u)
        || ((0x3000..=0x9FFF).contains(&u)
            && !(0x302A..=0x302F).contains(&u)
            && u != 0x3099
            && u != 0x309A)
        || ((0xFF01..=0xFF9D).contains(&u))
        || ((0x2010..=0x2027).contains(&u))
        || ((0x2030..=0x205E).contains(&u))
}

#[inline]
fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The full-width pause and stop marks that most often follow an ideograph
/// (，、。): a line may not start with one, and may break after one before
/// an ideograph.
#[inline]
fn is_pause(c: char) -> bool {
    matches!(c, '，' | '、' | '。')
}

/// What the last cluster was, where that lets the next be taken the short
/// way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    Ideograph,
    /// A pause mark (`is_pause`) after an ideograph.
    Pause,
    Other,
}

/// A grapheme cluster as found: start, end, first char, last char, width.
type Unit = (usize, usize, char, char, usize);

/// The characters of `text` as clusters of one character each, from byte
/// `at` on, while every character stands alone; `complex` is set at the
/// first one that does not.
struct Singles<'a> {
    text: &'a str,
    at: &'a Cell<usize>,
    ambiguous_wide: bool,
    complex: &'a Cell<bool>,
}

impl Iterator for Singles<'_> {
    type Item = Unit;

    #[inline(always)]
    fn next(&mut self) -> Option<Unit> {
        let i = self.at.get();
        let c = self.text.get(i..)?.chars().next()?;
        if is_ideograph(c) {
            // Two columns on every terminal.
            self.at.set(i + 3);
            return Some((i, i + 3, c, c, 2));
        }
        if stands_alone(c) {
            self.at.set(i + c.len_utf8());
            Some((
                i,
                i + c.len_utf8(),
                c,
                c,
                char_width_with(c, self.ambiguous_wide),
            ))
        } else {
            self.complex.set(true);
            // Nothing more is read from this text.
            self.at.set(self.text.len());
            None
        }
    }
}

pub(crate) fn clusters(text: &str, options: &Options) -> Vec<Cluster> {
    let ambiguous_wide = options.ambiguous_wide;
    // Optimistically one character per cluster, in one pass; a character
    // that may join its neighbours stops it, and segmentation takes over.
    let complex = Cell::new(false);
    let at = Cell::new(0);
    let singles = Singles {
        text,
        at: &at,
        ambiguous_wide,
        complex: &complex,
    };
    let out = build(text, singles, Some(&at), options);
    if !complex.get() {
        return out;
    }
    let units = text.grapheme_indices(true).map(|(i, g)| {
        let mut chars = g.chars();
        let first = chars.next().unwrap_or(' ');
        let last = chars.next_back().unwrap_or(first);
        (
            i,
            i + g.len(),
            first,
            last,
            grapheme_width_with(g, ambiguous_wide),
        )
    });
    build(text, units, None, options)
}

/// Takes the short way from byte `at` for as long as it can (every such
/// character is three bytes and two columns wide), pushing a cluster for
/// each character; returns where it stopped and what came last.
#[inline(never)]
fn short_run(
    text: &str,
    mut at: usize,
    mut after: After,
    columns: &mut u32,
    resume: &mut Option<usize>,
    out: &mut Vec<Cluster>,
) -> (usize, After) {
    let b = text.as_bytes();
    let mut before = *columns;
    let mut restart = *resume;
    while let Some(&[b0, b1, b2]) = b.get(at..at + 3) {
        if b0 & 0xF0 != 0xE0 {
            break;
        }
        // `text` is UTF-8: a lead byte 0xE0..=0xEF starts a character of
        // three bytes.
        let u = (b0 as u32 & 0x0F) << 12 | (b1 as u32 & 0x3F) << 6 | (b2 as u32 & 0x3F);
        let ideograph = (0x4E00..=0x9FFF).contains(&u);
        let short = match after {
            After::Ideograph => ideograph || matches!(u, 0x3001 | 0x3002 | 0xFF0C),
            After::Pause => ideograph,
            After::Other => false,
        };
        let Some(c) = char::from_u32(u).filter(|_| short) else {
            break;
        };
        if ideograph && after == After::Ideograph {
            restart = Some(at);
        }
        out.push(Cluster {
            start: at as u32,
            end: (at + 3) as u32,
            before,
            width: 2,
            first: c,
            last: c,
            space: false,
            may_break: ideograph,
            must_break: false,
            soft: false,
        });
        before = before.saturating_add(2);
        after = if ideograph {
            After::Ideograph
        } else {
            After::Pause
        };
        at += 3;
    }
    *columns = before;
    *resume = restart;
    (at, after)
}

/// The clusters of `units`. With `singles` every unit is one character,
/// read from the byte `singles` holds, and a run of ideographs takes the
/// short way: between two ideographs UAX #14 always allows a break and no
/// CLREQ rule applies.
fn build(
    text: &str,
    mut units: impl Iterator<Item = Unit>,
    singles: Option<&Cell<usize>>,
    options: &Options,
) -> Vec<Cluster> {
    // Chinese text is three bytes a character.
    let mut out: Vec<Cluster> = Vec::with_capacity(text.len() / 3 + 8);
    // UAX #14 opportunities, at `base +` the offsets they give.
    let mut base = 0usize;
    let mut opportunities = linebreaks(text);
    let mut opportunity = opportunities.next();
    // The start of the last ideograph taken the short way (an ideograph
    // follows an ideograph there), when the opportunities have not been
    // read past it: they are read again from there, where UAX #14 keeps no
    // state from before.
    let mut resume: Option<usize> = None;
    // What the last cluster was, for the short way.
    let mut after = After::Other;
    // The last character that would be seen at the end of a line broken
    // here: line-end spaces are dropped, so they do not count.
    let mut visible_end: Option<char> = None;
    let mut before_visible: Option<char> = None;
    let mut before_prev: Option<char> = None;
    // The previous cluster was a half-width mark of Chinese text.
    let mut prev_translated = false;
    let mut columns = 0u32;
    let mut next = units.next();
    while let Some((start, end, mut first, mut last, mut width)) = next {
        next = units.next();
        // The short way: a break before an ideograph that follows an
        // ideograph, or a pause mark that follows one; none before the mark.
        if let Some(read) = singles
            && match after {
                After::Ideograph => is_ideograph(first) || is_pause(first),
                After::Pause => is_ideograph(first),
                After::Other => false,
            }
            && let before = visible_end
            && let (at, now) = short_run(text, start, after, &mut columns, &mut resume, &mut out)
            && at > start
        {
            after = now;
            // At least this cluster was taken, after at least one other.
            let n = out.len();
            let prev = out.get(n.wrapping_sub(2)).map(|c| c.last);
            visible_end = out.last().map(|c| c.last);
            before_visible = if at == end { before } else { prev };
            before_prev = prev;
            prev_translated = false;
            read.set(at);
            next = units.next();
            continue;
        }
        if let Some(at) = resume.take() {
            base = at;
            opportunities = linebreaks(&text[at..]);
            opportunity = opportunities.next();
        }
        let mut uax14 = None;
        while let Some((at, kind)) = opportunity {
            if base + at < start {
                opportunity = opportunities.next();
            } else {
                if base + at == start {
                    uax14 = Some(kind);
                }
                break;
            }
        }
        let after_b = next.map(|u| u.2);
        let mut translated = false;
        if first == last
            && first.is_ascii_punctuation()
            && let Some(full) = chinese_mark_at(text, start, first)
        {
            first = full;
            last = full;
            translated = true;
            if options.fullwidth_punctuation {
                width = 2;
            }
        }
        let must_break = uax14 == Some(BreakOpportunity::Mandatory);
        let mut soft = false;
        let may_break = match out.last() {
            None => false,
            Some(prev) => {
                let a = visible_end.unwrap_or(prev.last);
                if is_ideograph(a) && is_ideograph(first) && !prev.space {
                    // Between two ideographs a break is always allowed and
                    // no rule applies: the common case, decided at once.
                    uax14.is_some()
                } else {
                    // CLREQ looks at what is seen at the line end; word
                    // integrity looks at the characters that actually touch.
                    // After a half-width mark of Chinese text, or before
                    // its opening bracket, as after and before their
                    // full-width forms.
                    let allowed = uax14.is_some()
                        || prev_translated
                        || (translated && first == '（')
                        || quote_opportunity(a, first, before_visible, after_b)
                        || mark_opportunity(a, first);
                    let kept_whole = inside_word(prev.last, first, before_prev, after_b)
                        || (!prev.space && parts_number_and_unit(prev.last, first, before_prev));
                    let rules = !forbidden(a, first);
                    soft = rules
                        && kept_whole
                        && (uax14.is_some() || matches!(prev.last, '/' | '?' | '&' | '-' | '='));
                    // A hard break is kept whatever the punctuation around it.
                    must_break || (allowed && rules && !kept_whole)
                }
            }
        };
        let space = first.is_whitespace()
            && (first == last || text[start..end].chars().all(char::is_whitespace));
        if !space {
            before_visible = visible_end;
            visible_end = Some(last);
        }
        before_prev = out.last().map(|c| c.last);
        prev_translated = translated && !space;
        after = if is_ideograph(last) && first == last {
            After::Ideograph
        } else {
            After::Other
        };
        let width = width.min(u16::MAX as usize) as u16;
        out.push(Cluster {
            start: start as u32,
            end: end as u32,
            before: columns,
            width,
            first,
            last,
            space,
            may_break,
            must_break,
            soft,
        });
        columns = columns.saturating_add(width as u32);
    }
    out
}

#[cfg(test)]
mod tests {
    use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

    /// One character of every UAX #14 class.
    fn one_of_each_class() -> Vec<char> {
        let mut classes = Vec::new();
        let mut chars = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let class = break_property(c as u32);
            if !classes.contains(&class) {
                classes.push(class);
                chars.push(c);
            }
        }
        chars
    }

    #[test]
    fn every_ideograph_is_of_class_id() {
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert_eq!(break_property(c as u32), BreakClass::Ideographic, "{c}");
        }
    }

    /// What the short way for ideograph runs relies on: whatever comes
    /// before, a break is allowed between two ideographs and after a pause
    /// mark that follows an ideograph, and the opportunities after the
    /// second of two ideographs are those of the text from it on.
    #[test]
    fn uax14_keeps_no_state_across_two_ideographs() {
        let chars = one_of_each_class();
        assert!(chars.len() > 40, "{} classes", chars.len());
        for &a in &chars {
            for &b in &chars {
                for &c in &chars {
                    let text = format!("{a}{b}中国{c}x");
                    let q = a.len_utf8() + b.len_utf8() + 3;
                    let whole: Vec<_> = linebreaks(&text).filter(|&(at, _)| at >= q).collect();
                    assert_eq!(
                        whole.first(),
                        Some(&(q, BreakOpportunity::Allowed)),
                        "{text:?}"
                    );
                    let again: Vec<_> = linebreaks(&text[q..])
                        .map(|(at, kind)| (at + q, kind))
                        .filter(|&(at, _)| at > q)
                        .collect();
                    assert_eq!(whole[1..], again[..], "{text:?}");
                }
                for mark in ['，', '、', '。'] {
                    let text = format!("{a}{b}中{mark}国");
                    let at = a.len_utf8() + b.len_utf8() + 6;
                    assert!(
                        linebreaks(&text).any(|o| o == (at, BreakOpportunity::Allowed)),
                        "{text:?}"
                    );
                }
            }
        }
    }
}
