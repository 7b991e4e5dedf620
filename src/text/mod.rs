//! CJK-aware layout: break opportunities (UAX #14 plus the CLREQ rules),
//! display widths, and the [`Layout`] that maps every screen line to the text
//! it shows, so a cursor, a search hit or a bookmark maps to text and back.

mod breaks;
mod width;
mod wrap;

use std::ops::Range;

pub use breaks::{forbidden, no_line_end, no_line_start};
pub use width::{char_width, grapheme_width, sanitize, str_width};
pub use wrap::{Line, wrap};

use crate::model::{Article, ParagraphKind};

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

/// An article body laid out at one width. Compute it once per width and keep
/// it: drawing needs only the lines in view.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<ScreenLine>,
    /// For each paragraph, the index of its first line in `lines`.
    pub paragraph_starts: Vec<usize>,
    /// For a prefix, the estimated number of lines of the whole.
    estimated: Option<usize>,
}

/// The indent a paragraph of `kind` gets at `width`: body paragraphs get two
/// ideographic spaces when there is room for text beside them.
pub fn indent_for(kind: ParagraphKind, width: usize) -> usize {
    if kind == ParagraphKind::Body && width >= INDENT_COLUMNS + 2 {
        INDENT_COLUMNS
    } else {
        0
    }
}

impl Layout {
    /// Lays out an article's paragraphs (not its title) at `width` columns.
    pub fn article(article: &Article, width: usize) -> Layout {
        Layout::paragraphs(&article.paragraphs, width)
    }

    /// Lays out paragraphs at `width` columns.
    pub fn paragraphs(paragraphs: &[crate::model::Paragraph], width: usize) -> Layout {
        Layout::paragraphs_with(paragraphs, width, true)
    }

    /// [`Layout::paragraphs`] on this thread alone: for a thread of its
    /// own, which should not crowd the shared pool.
    pub fn paragraphs_on_this_thread(
        paragraphs: &[crate::model::Paragraph],
        width: usize,
    ) -> Layout {
        Layout::paragraphs_with(paragraphs, width, false)
    }

    fn paragraphs_with(
        paragraphs: &[crate::model::Paragraph],
        width: usize,
        parallel: bool,
    ) -> Layout {
        let width = width.max(1);
        // Paragraphs are independent: large articles are laid out in
        // parallel, small ones (most of them) on this thread.
        let wrap_one = |(i, p): (usize, &crate::model::Paragraph)| {
            paragraph_lines(i, &p.text, width, indent_for(p.kind, width))
        };
        let per_paragraph: Vec<Vec<LineSpan>> = if parallel && paragraphs.len() > 64 {
            use rayon::prelude::*;
            paragraphs.par_iter().enumerate().map(wrap_one).collect()
        } else {
            paragraphs.iter().enumerate().map(wrap_one).collect()
        };
        let mut layout = Layout::empty(width, per_paragraph.iter().map(|l| l.len() + 1).sum());
        for spans in per_paragraph {
            layout.push_paragraph(spans);
        }
        layout
    }

    /// The first paragraphs of an article: at least `min_paragraphs` of
    /// them, and `min_lines` lines after the start of the last of those;
    /// enough to show a screen of a long article at once while the rest is
    /// laid out elsewhere. Its lines
    /// are the first lines of the whole article's layout, numbered alike;
    /// [`Layout::estimated_lines`] guesses the whole's length.
    pub fn prefix(
        article: &Article,
        width: usize,
        min_paragraphs: usize,
        min_lines: usize,
    ) -> Layout {
        let width = width.max(1);
        let mut layout = Layout::empty(width, min_lines + 64);
        let mut bytes = 0;
        for (i, p) in article.paragraphs.iter().enumerate() {
            let from = match min_paragraphs {
                0 => 0,
                n => layout
                    .paragraph_starts
                    .get(n - 1)
                    .copied()
                    .unwrap_or(usize::MAX),
            };
            if i >= min_paragraphs && layout.lines.len() >= from.saturating_add(min_lines) {
                break;
            }
            bytes += p.text.len();
            layout.push_paragraph(paragraph_lines(
                i,
                &p.text,
                width,
                indent_for(p.kind, width),
            ));
        }
        let total: usize = article.paragraphs.iter().map(|p| p.text.len()).sum();
        if layout.paragraph_starts.len() < article.paragraphs.len() {
            layout.estimated = Some(layout.lines.len() * total / bytes.max(1));
        }
        layout
    }

    fn empty(width: usize, capacity: usize) -> Layout {
        Layout {
            width,
            lines: Vec::with_capacity(capacity),
            paragraph_starts: Vec::new(),
            estimated: None,
        }
    }

    fn push_paragraph(&mut self, spans: Vec<LineSpan>) {
        if !self.paragraph_starts.is_empty() {
            self.lines.push(ScreenLine::Blank);
        }
        self.paragraph_starts.push(self.lines.len());
        self.lines.extend(spans.into_iter().map(ScreenLine::Text));
    }

    /// Whether this lays out the whole article (not a [`Layout::prefix`]).
    pub fn is_complete(&self) -> bool {
        self.estimated.is_none()
    }

    /// The number of lines of the whole article: exact when complete.
    pub fn estimated_lines(&self) -> usize {
        self.estimated.unwrap_or(self.lines.len())
    }

    /// The span of screen line `index`, if it shows text.
    pub fn span(&self, index: usize) -> Option<&LineSpan> {
        match self.lines.get(index)? {
            ScreenLine::Text(span) => Some(span),
            ScreenLine::Blank => None,
        }
    }

    /// The screen line showing byte `offset` of `paragraph` (the paragraph's
    /// last line for an offset at or past its end).
    pub fn line_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        let first = *self.paragraph_starts.get(paragraph)?;
        let end = self
            .paragraph_starts
            .get(paragraph + 1)
            .map_or(self.lines.len(), |&next| next.saturating_sub(1));
        let mut found = first;
        for i in first..end {
            match &self.lines[i] {
                ScreenLine::Text(span) if span.range.start <= offset => found = i,
                _ => break,
            }
        }
        Some(found)
    }

    /// The paragraph a screen line belongs to (a blank belongs to the one
    /// before it).
    pub fn paragraph_at(&self, line: usize) -> Option<usize> {
        if self.lines.is_empty() {
            return None;
        }
        let line = line.min(self.lines.len() - 1);
        match self.paragraph_starts.binary_search(&line) {
            Ok(p) => Some(p),
            Err(0) => None,
            Err(p) => Some(p - 1),
        }
    }
}

/// The screen lines of one paragraph; an empty paragraph still takes a line.
fn paragraph_lines(paragraph: usize, text: &str, width: usize, indent: usize) -> Vec<LineSpan> {
    let lines = wrap(text, width, indent);
    if lines.is_empty() {
        return vec![LineSpan {
            paragraph,
            range: 0..0,
            indent: 0,
            columns: 0,
        }];
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(n, line)| {
            let indent = if n == 0 { indent } else { 0 };
            LineSpan {
                paragraph,
                range: line.range,
                indent,
                columns: line.columns + indent,
            }
        })
        .collect()
}

/// Renders a laid-out line as the characters shown: the indent, then the
/// paragraph's text with control characters made safe.
pub fn render_span(text: &str, span: &LineSpan) -> String {
    let mut out = String::new();
    for _ in 0..span.indent / 2 {
        out.push('\u{3000}');
    }
    out.push_str(&sanitize(&text[span.range.clone()]));
    out
}

/// Wraps a free-standing piece of text (a title, a metadata line) into the
/// strings shown, without indent.
pub fn wrap_to_strings(text: &str, width: usize) -> Vec<String> {
    wrap(text, width, 0)
        .into_iter()
        .map(|l| sanitize(&text[l.range]).into_owned())
        .collect()
}

/// The header's line of date · source · the first three regions, on lines
/// of `width` columns broken only between its parts, so that no name is cut
/// (a part wider than a line is wrapped on its own).
pub fn meta_lines(article: &Article, width: usize) -> Vec<String> {
    let mut parts: Vec<(&str, &str)> = Vec::new();
    for field in [&article.date, &article.source].into_iter().flatten() {
        parts.push((" · ", field));
    }
    for (i, region) in article.regions.iter().take(3).enumerate() {
        parts.push((if i == 0 { " · " } else { " " }, region));
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for (sep, part) in parts {
        let w = str_width(part);
        if !line.is_empty() && used + str_width(sep) + w <= width {
            line.push_str(sep);
            line.push_str(part);
            used += str_width(sep) + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= width {
            line.push_str(part);
        } else {
            let mut wrapped = wrap_to_strings(part, width);
            line = wrapped.pop().unwrap_or_default();
            lines.extend(wrapped);
        }
        used = str_width(&line);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The whole article as `yuedu show` prints it: header, a blank line, then
/// the body, one string per screen line.
pub fn render_article(article: &Article, layout: &Layout) -> Vec<String> {
    let width = layout.width;
    let mut out = wrap_to_strings(&article.title, width);
    if let Some(s) = &article.subtitle {
        out.extend(wrap_to_strings(s, width));
    }
    out.extend(meta_lines(article, width));
    out.push(String::new());
    for line in &layout.lines {
        match line {
            ScreenLine::Blank => out.push(String::new()),
            ScreenLine::Text(span) => {
                out.push(render_span(&article.paragraphs[span.paragraph].text, span))
            }
        }
    }
    out
}

/// Checks the engine's promises for one wrap of `text`: lines in order,
/// nothing lost between them but spaces, no grapheme cluster split, widths
/// right, and every line within the width unless it is a single cluster
/// wider than the line. For tests and fuzzing; `Err` says what broke.
pub fn verify_wrap(text: &str, width: usize, first_indent: usize) -> Result<(), String> {
    use unicode_segmentation::UnicodeSegmentation;
    let bounds: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut at = 0;
    for (n, line) in wrap(text, width, first_indent).iter().enumerate() {
        let r = line.range.clone();
        if r.start < at || r.end < r.start {
            return Err(format!("line {n}: range {r:?} goes back"));
        }
        if !text[at..r.start].chars().all(char::is_whitespace) {
            return Err(format!("line {n}: text lost before it"));
        }
        if bounds.binary_search(&r.start).is_err() || bounds.binary_search(&r.end).is_err() {
            return Err(format!("line {n}: a grapheme cluster is split"));
        }
        let shown = &text[r.clone()];
        if line.columns != str_width(shown) {
            return Err(format!(
                "line {n}: {} columns claimed, {} shown",
                line.columns,
                str_width(shown)
            ));
        }
        let room = if n == 0 {
            width.max(1).saturating_sub(first_indent).max(1)
        } else {
            width.max(1)
        };
        if line.columns > room && shown.graphemes(true).count() > 1 {
            return Err(format!(
                "line {n}: {shown:?} is {} columns, room for {room}",
                line.columns
            ));
        }
        at = r.end;
    }
    if !text[at..].chars().all(char::is_whitespace) {
        return Err("text lost after the last line".into());
    }
    Ok(())
}
