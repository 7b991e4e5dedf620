//! Fitting text to a width: a greedy first fit over the break opportunities
//! of [`super::breaks`], measured in grapheme clusters.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::breaks::{forbidden, inseparable_pair, inside_word, quote_opportunity};
use super::width::grapheme_width;

/// One grapheme cluster of the text being wrapped.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    start: u32,
    end: u32,
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

fn clusters(text: &str) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::with_capacity(text.len() / 2);
    let mut opportunities = linebreaks(text).peekable();
    // The last character that would be seen at the end of a line broken
    // here: line-end spaces are dropped, so they do not count.
    let mut visible_end: Option<char> = None;
    for (start, g) in text.grapheme_indices(true) {
        let mut chars = g.chars();
        let first = chars.next().unwrap_or(' ');
        let last = chars.next_back().unwrap_or(first);
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
        let (may_break, must_break) = match out.last() {
            None => (false, false),
            Some(prev) => {
                // CLREQ looks at what is seen at the line end; word
                // integrity looks at the characters that actually touch.
                let (a, b) = (visible_end.unwrap_or(prev.last), first);
                let touching = prev.last;
                let before_touching = out.len().checked_sub(2).map(|i| out[i].last);
                let after_b = text[start + g.len()..].chars().next();
                let must = uax14 == Some(BreakOpportunity::Mandatory);
                let allowed = uax14.is_some() || quote_opportunity(a, b);
                // A hard break is kept whatever the punctuation around it.
                let may = must
                    || (allowed
                        && !forbidden(a, b)
                        && !inside_word(touching, b, before_touching, after_b));
                (may, must)
            }
        };
        let space = g.chars().all(char::is_whitespace);
        if !space {
            visible_end = Some(last);
        }
        out.push(Cluster {
            start: start as u32,
            end: (start + g.len()) as u32,
            width: grapheme_width(g).min(u16::MAX as usize) as u16,
            first,
            last,
            space,
            may_break,
            must_break,
        });
    }
    out
}

/// Wraps `text` into lines of at most `width` columns; the first line has
/// `first_indent` columns fewer. A cluster wider than the line gets a line
/// of its own (the only way a line exceeds the width).
pub fn wrap(text: &str, width: usize, first_indent: usize) -> Vec<Line> {
    if text.len() > u32::MAX as usize {
        // Paragraphs of 4 GiB are refused upstream; keep the arithmetic safe.
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
    let mut used = 0usize; // columns of clusters start..i, spaces included
    let mut last_break: Option<usize> = None;
    let mut i = 0usize;
    while i < cs.len() {
        let c = cs[i];
        if i > start && c.must_break {
            emit(&cs, start, i, &mut lines);
            start = i;
            used = 0;
            last_break = None;
            avail = width;
        }
        if i > start && c.may_break {
            last_break = Some(i);
        }
        // Spaces may hang past the edge: they are dropped at the line end.
        if !c.space && used + c.width as usize > avail && i > start {
            let cut = match last_break {
                Some(b) if b > start => b,
                _ => emergency_cut(&cs, start, i),
            };
            emit(&cs, start, cut, &mut lines);
            start = cut;
            avail = width;
            last_break = None;
            // Re-examine the clusters between the cut and here: they may hold
            // break opportunities for the new line, and may not fit either.
            i = start;
            used = 0;
            continue;
        }
        used += c.width as usize;
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
    if last == start && end > start && lines.last().is_some() {
        // Only spaces: they belong to the end of the previous line.
        return;
    }
    let columns = cs[start..last].iter().map(|c| c.width as usize).sum();
    let range = cs[start].start as usize..if last > start {
        cs[last - 1].end as usize
    } else {
        cs[start].start as usize
    };
    lines.push(Line { range, columns });
}
