//! Fitting text to a width: a first fit over the break opportunities of
//! [`crate::clusters`], then a last line of one character (孤字) is given a
//! companion from the line before where that keeps the number of lines.

use std::ops::Range;

use crate::breaks::{forbidden, inseparable_pair, may_hang, no_line_start};
use crate::clusters::{Cluster, clusters};

/// One wrapped line: the byte range it shows (line-end spaces left out),
/// its width in columns, and the indent before it.
///
/// ```
/// use yuedu_layout::wrap;
/// let lines = wrap("寻乌县长", 4, 0);
/// assert_eq!((lines[0].range.clone(), lines[0].columns, lines[0].indent), (0..6, 4, 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Bytes of the text shown on this line.
    pub range: Range<usize>,
    /// Columns the text takes (the indent not included).
    pub columns: usize,
    /// Columns of indent before the text: the first line's indent, or 0
    /// when the first word fits only without it.
    pub indent: usize,
}

/// How text is fitted to a width. The default keeps every character in its
/// place, within the width, at the widths of [`crate::char_width`].
///
/// ```
/// use yuedu_layout::Options;
/// let reader = Options { hang: true, ..Options::default() };
/// assert!(reader.hang && !reader.ambiguous_wide);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Options {
    /// Hanging punctuation (标点悬挂): one closing or stop mark may pass the
    /// right edge instead of pulling a character down to the next line.
    pub hang: bool,
    /// East Asian ambiguous characters (“ ” ‘ ’ … — · and the like) take
    /// two columns, as on terminals set up for CJK.
    pub ambiguous_wide: bool,
    /// Half-width punctuation in Chinese text (`,` `:` `;` `!` `?` `(` `)`
    /// beside Chinese characters) is shown in its full-width form, and so
    /// measured as two columns; see [`crate::LineSpan::render`].
    pub fullwidth_punctuation: bool,
    /// A column of space shown between Chinese and Latin letters or digits
    /// (盘古之白) where a line has a column to spare; where lines break is
    /// the same with or without it. See [`crate::LineSpan::gaps`].
    pub latin_gap: bool,
}

impl Options {
    /// The options as four bits (hang 1, ambiguous_wide 2,
    /// fullwidth_punctuation 4, latin_gap 8), to keep or pass in one byte.
    ///
    /// ```
    /// use yuedu_layout::Options;
    /// let o = Options { hang: true, latin_gap: true, ..Options::default() };
    /// assert_eq!(o.to_bits(), 9);
    /// assert_eq!(Options::from_bits(9), o);
    /// ```
    pub const fn to_bits(&self) -> u8 {
        self.hang as u8
            | (self.ambiguous_wide as u8) << 1
            | (self.fullwidth_punctuation as u8) << 2
            | (self.latin_gap as u8) << 3
    }

    /// The options of [`Options::to_bits`]; other bits are ignored.
    pub const fn from_bits(b: u8) -> Options {
        Options {
            hang: b & 1 != 0,
            ambiguous_wide: b & 2 != 0,
            fullwidth_punctuation: b & 4 != 0,
            latin_gap: b & 8 != 0,
        }
    }
}

/// Wraps `text` into lines of at most `width` columns; the first line has
/// `first_indent` columns fewer. A cluster wider than the line gets a line
/// of its own (the only way a line exceeds the width).
///
/// ```
/// use yuedu_layout::wrap;
/// let text = "规划期为2023—2027年。";
/// let lines: Vec<&str> = wrap(text, 14, 0).iter().map(|l| &text[l.range.clone()]).collect();
/// assert_eq!(lines, ["规划期为", "2023—2027年。"]);
/// ```
pub fn wrap(text: &str, width: usize, first_indent: usize) -> Vec<Line> {
    wrap_with(text, width, first_indent, &Options::default())
}

/// [`wrap`] with [`Options`].
///
/// ```
/// use yuedu_layout::{Options, wrap_with};
/// let text = "一二三四五。六七";
/// let hang = Options { hang: true, ..Options::default() };
/// let lines: Vec<&str> = wrap_with(text, 10, 0, &hang).iter().map(|l| &text[l.range.clone()]).collect();
/// // The full stop hangs past the edge instead of taking 五 down with it.
/// assert_eq!(lines, ["一二三四五。", "六七"]);
/// ```
pub fn wrap_with(text: &str, width: usize, first_indent: usize, options: &Options) -> Vec<Line> {
    if text.len() > u32::MAX as usize {
        // Paragraphs of 4 GiB are refused when articles are read; keep the
        // arithmetic safe all the same.
        return vec![Line {
            range: 0..text.len(),
            columns: 0,
            indent: 0,
        }];
    }
    let cs = clusters(text, options);
    if cs.is_empty() {
        return Vec::new();
    }
    let width = width.max(1);
    let indent = first_indent_for(&cs, width, first_indent);
    let mut starts = fit(
        &cs,
        width,
        width.saturating_sub(indent).max(1),
        options.hang,
    );
    avoid_orphan(&cs, width, &mut starts);
    let mut lines = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(cs.len());
        emit(&cs, start, end, if n == 0 { indent } else { 0 }, &mut lines);
    }
    lines
}

/// Columns between the start of cluster `a` and the start of cluster `b`.
#[inline]
fn between(cs: &[Cluster], a: usize, b: usize) -> usize {
    let end = cs.get(b).map_or_else(
        || cs.last().map_or(0, |c| c.before + c.width as u32),
        |c| c.before,
    );
    end.saturating_sub(cs[a].before) as usize
}

/// The first line's indent: dropped when the first word fits only without it.
fn first_indent_for(cs: &[Cluster], width: usize, indent: usize) -> usize {
    if indent == 0 {
        return 0;
    }
    let end = (1..cs.len())
        .find(|&k| cs[k].may_break || cs[k].must_break)
        .unwrap_or(cs.len());
    let mut last = end;
    while last > 1 && cs[last - 1].space {
        last -= 1;
    }
    let word = between(cs, 0, last);
    if word > width.saturating_sub(indent) && word <= width {
        0
    } else {
        indent
    }
}

/// The first cluster of every line, by first fit: `first_room` columns on
/// the first line, `width` on the others.
fn fit(cs: &[Cluster], width: usize, first_room: usize, hang: bool) -> Vec<usize> {
    let mut starts = vec![0];
    let mut avail = first_room;
    let mut start = 0usize; // first cluster of the current line
    let mut last_break: Option<usize> = None;
    let mut i = 0usize;
    while i < cs.len() {
        if i > start {
            // Past the clusters that neither end the line nor overflow it.
            let limit = cs[start].before as u64 + avail as u64;
            while let Some(c) = cs.get(i) {
                if c.must_break || (!c.space && c.before as u64 + c.width as u64 > limit) {
                    break;
                }
                if c.may_break {
                    last_break = Some(i);
                }
                i += 1;
            }
            if i == cs.len() {
                break;
            }
        }
        let c = cs[i];
        if i > start && c.must_break {
            starts.push(i);
            start = i;
            last_break = None;
            avail = width;
        }
        if i > start && c.may_break {
            last_break = Some(i);
        }
        // Spaces may hang past the edge: they are dropped at the line end.
        if !c.space
            && i > start
            && (c.before.saturating_sub(cs[start].before) as usize) + c.width as usize > avail
        {
            if hang && may_hang(c.first) && c.width <= 2 && between(cs, start, i) <= avail {
                // One closing or stop mark may pass the edge, if a line may
                // break after it.
                let next = (i + 1..cs.len())
                    .find(|&k| !cs[k].space)
                    .unwrap_or(cs.len());
                if next == cs.len() || cs[next].may_break || cs[next].must_break {
                    if next < cs.len() {
                        starts.push(next);
                    }
                    start = next;
                    avail = width;
                    last_break = None;
                    i = next;
                    continue;
                }
            }
            // Break at the last opportunity; with none on this line, the run
            // is wider than the line and must be cut inside.
            let cut = match last_break {
                Some(b) if b > start => b,
                _ => emergency_cut(cs, start, i),
            };
            starts.push(cut);
            start = cut;
            avail = width;
            last_break = None;
            // No opportunity lies between the cut and here: look at this
            // cluster again against the new line.
            continue;
        }
        i += 1;
    }
    starts
}

/// Whether the clusters `from..to` hold a single character besides
/// punctuation and spaces (a 孤字 when they are a paragraph's last line).
fn lone_character(cs: &[Cluster], from: usize, to: usize) -> bool {
    let mut count = 0;
    for c in &cs[from..to] {
        if !c.space && !no_line_start(c.first) && !matches!(c.first, '“' | '‘' | '（' | '《')
        {
            count += 1;
            if count > 1 {
                return false;
            }
        }
    }
    count == 1
}

/// When the last line holds one character, moves the last break back to an
/// earlier opportunity of the line before, if the new last line still fits:
/// the same number of lines, no 孤字.
fn avoid_orphan(cs: &[Cluster], width: usize, starts: &mut [usize]) {
    let n = starts.len();
    if n < 2 {
        return;
    }
    let (prev, last) = (starts[n - 2], starts[n - 1]);
    if cs[last].must_break || !lone_character(cs, last, cs.len()) {
        return;
    }
    let mut end = cs.len();
    while end > last && cs[end - 1].space {
        end -= 1;
    }
    for b in (prev + 1..last).rev() {
        if between(cs, b, end) > width {
            return;
        }
        if cs[b].may_break && !lone_character(cs, b, end) {
            starts[n - 1] = b;
            return;
        }
    }
}

/// A cut inside an unbreakable run that is wider than the line. Prefers a
/// place UAX #14 or a URL's punctuation offers (`2023—|2027`, `a/|b`), then
/// any grapheme boundary that keeps the CLREQ rules and does not split a
/// word, then one that keeps them; when none does, the width wins and the
/// line-start/line-end rule gives way, but a —— or …… is still kept whole
/// where any other cut exists.
fn emergency_cut(cs: &[Cluster], start: usize, overflow: usize) -> usize {
    let candidates = || (start + 1..=overflow).rev();
    // CLREQ looks at what is seen at the line's end: line-end spaces are
    // dropped, so the mark before them is what the line would end with.
    let allowed = |k: usize| {
        let seen = (start..k).rev().find(|&j| !cs[j].space).unwrap_or(k - 1);
        !forbidden(cs[seen].last, cs[k].first)
    };
    let letter = |c: char| c.is_alphanumeric() && crate::width::char_width(c) == 1;
    candidates()
        .find(|&k| cs[k].soft && allowed(k))
        .or_else(|| {
            candidates().find(|&k| allowed(k) && !(letter(cs[k - 1].last) && letter(cs[k].first)))
        })
        .or_else(|| candidates().find(|&k| allowed(k)))
        .or_else(|| candidates().find(|&k| !inseparable_pair(cs[k - 1].last, cs[k].first)))
        .unwrap_or(overflow)
}

fn emit(cs: &[Cluster], start: usize, end: usize, indent: usize, lines: &mut Vec<Line>) {
    let mut last = end;
    while last > start && cs[last - 1].space {
        last -= 1;
    }
    if last == start && end > start && !lines.is_empty() {
        // Only spaces: they belong to the end of the previous line.
        return;
    }
    let (range, columns) = if last > start {
        (
            cs[start].start as usize..cs[last - 1].end as usize,
            between(cs, start, last),
        )
    } else {
        (cs[start].start as usize..cs[start].start as usize, 0)
    };
    lines.push(Line {
        range,
        columns,
        indent: if lines.is_empty() { indent } else { 0 },
    });
}
