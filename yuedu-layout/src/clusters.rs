//! The text to be wrapped as grapheme clusters, each with its width and
//! whether a line may break before it: UAX #14 (from `unicode-linebreak`)
//! with the CLREQ rules of [`crate::breaks`] applied.

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

/// A grapheme cluster as found: start, end, first char, last char, width.
type Unit = (usize, usize, char, char, usize);

/// The characters of `text` as clusters of one character each, while every
/// character stands alone; `complex` is set at the first one that does not.
struct Singles<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    ambiguous_wide: bool,
    complex: &'a std::cell::Cell<bool>,
}

impl Iterator for Singles<'_> {
    type Item = Unit;

    #[inline(always)]
    fn next(&mut self) -> Option<Unit> {
        let (i, c) = self.chars.next()?;
        if is_ideograph(c) {
            // Two columns on every terminal.
            return Some((i, i + 3, c, c, 2));
        }
        if stands_alone(c) {
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
            self.chars = self.text[..0].char_indices();
            None
        }
    }
}

pub(crate) fn clusters(text: &str, options: &Options) -> Vec<Cluster> {
    let ambiguous_wide = options.ambiguous_wide;
    // Optimistically one character per cluster, in one pass; a character
    // that may join its neighbours stops it, and segmentation takes over.
    let complex = std::cell::Cell::new(false);
    let singles = Singles {
        text,
        chars: text.char_indices(),
        ambiguous_wide,
        complex: &complex,
    };
    let out = build(text, singles, true, options);
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
    build(text, units, false, options)
}

/// The clusters of `units`. With `singles` every unit is one character,
/// and a run of ideographs takes the short way: between two ideographs
/// UAX #14 always allows a break and no CLREQ rule applies.
fn build(
    text: &str,
    mut units: impl Iterator<Item = Unit>,
    singles: bool,
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
    // The last cluster was an ideograph (and so not a space).
    let mut after_ideograph = false;
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
        if singles && after_ideograph && is_ideograph(first) {
            before_visible = visible_end;
            visible_end = Some(first);
            before_prev = out.last().map(|c| c.last);
            prev_translated = false;
            resume = Some(start);
            let width = width as u16;
            out.push(Cluster {
                start: start as u32,
                end: end as u32,
                before: columns,
                width,
                first,
                last,
                space: false,
                may_break: true,
                must_break: false,
                soft: false,
            });
            columns = columns.saturating_add(width as u32);
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
        after_ideograph = is_ideograph(last) && first == last;
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
    /// before, a break is allowed between two ideographs, and the
    /// opportunities after the second are those of the text from it on.
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
            }
        }
    }
}
