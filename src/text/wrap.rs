//! Fitting text to a width: a greedy first fit over the break opportunities
//! of [`super::breaks`], measured in grapheme clusters.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::breaks::{forbidden, inseparable_pair, inside_word, quote_opportunity};
use super::width::{char_width, grapheme_width};

/// One grapheme cluster of the text being wrapped.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    start: u32,
    end: u32,
    /// Columns of all clusters before this one.
    before: u32,
    width: u16,
    first: char,
    last: char,
    space: bool,
    /// A break is allowed before this cluster.
    may_break: bool,
    /// A break is required before this cluster (a hard line break).
    must_break: bool,
}

/// One wrapped line: the byte range it shows (line-end spaces left out) and
/// its width in columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub range: Range<usize>,
    pub columns: usize,
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

fn clusters(text: &str) -> Vec<Cluster> {
    // Optimistically one character per cluster, in one pass; a character
    // that may join its neighbours stops it, and segmentation takes over.
    let complex = std::cell::Cell::new(false);
    let units = text.char_indices().map_while(|(i, c)| {
        if stands_alone(c) {
            Some((i, i + c.len_utf8(), c, c, char_width(c)))
        } else {
            complex.set(true);
            None
        }
    });
    let out = build(text, units);
    if !complex.get() {
        return out;
    }
    let units = text.grapheme_indices(true).map(|(i, g)| {
        let mut chars = g.chars();
        let first = chars.next().unwrap_or(' ');
        let last = chars.next_back().unwrap_or(first);
        (i, i + g.len(), first, last, grapheme_width(g))
    });
    build(text, units)
}

fn build(text: &str, units: impl Iterator<Item = Unit>) -> Vec<Cluster> {
    let mut units = units.peekable();
    // Chinese text is three bytes a character.
    let mut out: Vec<Cluster> = Vec::with_capacity(text.len() / 3 + 8);
    let mut opportunities = linebreaks(text).peekable();
    // The last character that would be seen at the end of a line broken
    // here: line-end spaces are dropped, so they do not count.
    let mut visible_end: Option<char> = None;
    let mut before_prev: Option<char> = None;
    let mut columns = 0u32;
    while let Some((start, end, first, last, width)) = units.next() {
        let mut uax14 = None;
        while let Some(&(at, kind)) = opportunities.peek() {
            if at < start {
                opportunities.next();
            } else {
                if at == start {
                    uax14 = Some(kind);
                }
                break;
            }
        }
        let must_break = uax14 == Some(BreakOpportunity::Mandatory);
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
                    let after_b = units.peek().map(|u| u.2);
                    let allowed = uax14.is_some() || quote_opportunity(a, first);
                    // A hard break is kept whatever the punctuation around it.
                    must_break
                        || (allowed
                            && !forbidden(a, first)
                            && !inside_word(prev.last, first, before_prev, after_b))
                }
            }
        };
        let space = first.is_whitespace()
            && (first == last || text[start..end].chars().all(char::is_whitespace));
        if !space {
            visible_end = Some(last);
        }
        before_prev = out.last().map(|c| c.last);
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
        });
        columns = columns.saturating_add(width as u32);
    }
    out
}

/// Wraps `text` into lines of at most `width` columns; the first line has
/// `first_indent` columns fewer. A cluster wider than the line gets a line
/// of its own (the only way a line exceeds the width).
pub fn wrap(text: &str, width: usize, first_indent: usize) -> Vec<Line> {
    if text.len() > u32::MAX as usize {
        // Paragraphs of 4 GiB are refused when articles are read; keep the
        // arithmetic safe all the same.
        return vec![Line {
            range: 0..text.len(),
            columns: 0,
        }];
    }
    let cs = clusters(text);
    let mut lines = Vec::new();
    if cs.is_empty() {
        return lines;
    }
    let width = width.max(1);
    let mut avail = width.saturating_sub(first_indent).max(1);
    let mut start = 0usize; // first cluster of the current line
    let mut last_break: Option<usize> = None;
    let columns_between = |a: usize, b: usize| (cs[b].before - cs[a].before) as usize;
    let mut i = 0usize;
    while i < cs.len() {
        let c = cs[i];
        if i > start && c.must_break {
            emit(&cs, start, i, &mut lines);
            start = i;
            last_break = None;
            avail = width;
        }
        if i > start && c.may_break {
            last_break = Some(i);
        }
        // Spaces may hang past the edge: they are dropped at the line end.
        if !c.space && i > start && columns_between(start, i) + c.width as usize > avail {
            // Break at the last opportunity; with none on this line, the run
            // is wider than the line and must be cut inside.
            let cut = match last_break {
                Some(b) if b > start => b,
                _ => emergency_cut(&cs, start, i),
            };
            emit(&cs, start, cut, &mut lines);
            start = cut;
            avail = width;
            last_break = None;
            // No opportunity lies between the cut and here: look at this
            // cluster again against the new line.
            continue;
        }
        i += 1;
    }
    emit(&cs, start, cs.len(), &mut lines);
    lines
}

/// A cut inside an unbreakable run that is wider than the line. Prefers the
/// last grapheme boundary that keeps the CLREQ rules; when none does, the
/// width wins and the line-start/line-end rule gives way, but a —— or ……
/// is still kept whole where any other cut exists.
fn emergency_cut(cs: &[Cluster], start: usize, overflow: usize) -> usize {
    let candidates = || (start + 1..=overflow).rev();
    candidates()
        .find(|&k| !forbidden(cs[k - 1].last, cs[k].first))
        .or_else(|| candidates().find(|&k| !inseparable_pair(cs[k - 1].last, cs[k].first)))
        .unwrap_or(overflow)
}

fn emit(cs: &[Cluster], start: usize, end: usize, lines: &mut Vec<Line>) {
    let mut last = end;
    while last > start && cs[last - 1].space {
        last -= 1;
    }
    if last == start && end > start && !lines.is_empty() {
        // Only spaces: they belong to the end of the previous line.
        return;
    }
    let (range, columns) = if last > start {
        let columns = (cs[last - 1].before + cs[last - 1].width as u32 - cs[start].before) as usize;
        (cs[start].start as usize..cs[last - 1].end as usize, columns)
    } else {
        (cs[start].start as usize..cs[start].start as usize, 0)
    };
    lines.push(Line { range, columns });
}
