//! CJK-aware layout: break opportunities (UAX #14 plus the CLREQ rules),
//! display widths, and the [`Layout`] that maps every screen line to the text
//! it shows.
//!
//! PLACEHOLDER: a naive character fit, to be replaced by the real engine.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::store::{Article, ParagraphKind};

/// The first-line indent of a body paragraph: two ideographic spaces.
pub const INDENT: &str = "\u{3000}\u{3000}";
/// Columns taken by [`INDENT`].
pub const INDENT_COLUMNS: usize = 4;

/// One screen line of a laid-out paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSpan {
    /// Paragraph index in the article (or input paragraph for `wrap`).
    pub paragraph: usize,
    /// Byte range of the paragraph's text shown on this line.
    pub range: Range<usize>,
    /// Columns of indent before the text (the first-line indent).
    pub indent: usize,
    /// Columns the line takes, indent included.
    pub columns: usize,
}

/// One screen line of an article body: text, or the blank between paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreenLine {
    Text(LineSpan),
    Blank,
}

/// An article body laid out at one width.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<ScreenLine>,
    /// For each paragraph, the index of its first line in `lines`.
    pub paragraph_starts: Vec<usize>,
}

impl Layout {
    /// Lays out an article's paragraphs (not its title) at `width` columns.
    pub fn article(article: &Article, width: usize) -> Layout {
        let mut layout = Layout {
            width,
            ..Layout::default()
        };
        for (i, p) in article.paragraphs.iter().enumerate() {
            if i > 0 {
                layout.lines.push(ScreenLine::Blank);
            }
            layout.paragraph_starts.push(layout.lines.len());
            let indent = if p.kind == ParagraphKind::Body {
                INDENT_COLUMNS
            } else {
                0
            };
            for (range, columns, first) in wrap_ranges(&p.text, width, indent) {
                let ind = if first { indent } else { 0 };
                layout.lines.push(ScreenLine::Text(LineSpan {
                    paragraph: i,
                    range,
                    indent: ind,
                    columns: columns + ind,
                }));
            }
        }
        layout
    }
}

/// Wraps `text` to `width` columns; the first line has `first_indent` columns
/// less. Returns (byte range, columns of text, is first line).
pub fn wrap_ranges(
    text: &str,
    width: usize,
    first_indent: usize,
) -> Vec<(Range<usize>, usize, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut cols = 0;
    let mut avail = width.saturating_sub(first_indent).max(1);
    for (i, ch) in text.char_indices() {
        let w = UnicodeWidthStr::width(&text[i..i + ch.len_utf8()]);
        if cols + w > avail && i > start {
            out.push((start..i, cols, out.is_empty()));
            start = i;
            cols = 0;
            avail = width.max(1);
        }
        cols += w;
    }
    if start < text.len() || out.is_empty() {
        out.push((start..text.len(), cols, out.is_empty()));
    }
    out
}
