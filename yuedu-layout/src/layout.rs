//! A laid-out sequence of paragraphs: every screen line knows the paragraph
//! and the byte range it shows, so positions map from text to screen and
//! back. Paragraphs are given as text and a [`ParagraphStyle`]; what kinds
//! of paragraph a document has is the caller's business.

use std::borrow::Cow;
use std::ops::Range;

use crate::width::sanitize;
use crate::wrap::{Options, wrap_with};

/// How one paragraph is set: for now, the indent of its first line.
///
/// ```
/// use yuedu_layout::ParagraphStyle;
/// assert_eq!(ParagraphStyle::indented(4).indent, 4);
/// assert_eq!(ParagraphStyle::default().indent, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ParagraphStyle {
    /// Columns of indent before the first line (drawn as ideographic spaces).
    pub indent: usize,
}

impl ParagraphStyle {
    /// A paragraph whose first line is indented by `columns`.
    pub fn indented(columns: usize) -> ParagraphStyle {
        ParagraphStyle { indent: columns }
    }
}

/// One screen line of a laid-out paragraph.
///
/// ```
/// use yuedu_layout::{Options, ParagraphStyle, paragraph_lines};
/// let spans = paragraph_lines(0, "寻乌县", 20, ParagraphStyle::indented(4), &Options::default());
/// assert_eq!((spans[0].indent, spans[0].columns, spans[0].range.clone()), (4, 10, 0..9));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSpan {
    /// Index of the paragraph in the input.
    pub paragraph: usize,
    /// Byte range of the paragraph's text shown on this line.
    pub range: Range<usize>,
    /// Columns of indent before the text (the first-line indent).
    pub indent: usize,
    /// Columns the line takes, indent and gaps included.
    pub columns: usize,
    /// Byte offsets in the paragraph's text before which a one-column gap
    /// is shown between Chinese and Latin text ([`Options::latin_gap`]),
    /// as many as the line has columns to spare.
    ///
    /// ```
    /// use yuedu_layout::{Options, ParagraphStyle, paragraph_lines};
    /// let gap = Options { latin_gap: true, ..Options::default() };
    /// let text = "用AI写作";
    /// let span = &paragraph_lines(0, text, 20, ParagraphStyle::default(), &gap)[0];
    /// assert_eq!(span.gaps, [3, 5]);
    /// assert_eq!(span.render(text, &gap), "用 AI 写作");
    /// // At 9 columns one gap fits (the line takes 8 without gaps).
    /// let span = &paragraph_lines(0, text, 9, ParagraphStyle::default(), &gap)[0];
    /// assert_eq!(span.render(text, &gap), "用 AI写作");
    /// ```
    pub gaps: Vec<usize>,
}

impl LineSpan {
    /// The characters shown for this line of `text` (the whole paragraph's
    /// text): the indent as ideographic spaces, then the text made safe
    /// for a terminal ([`crate::sanitize`]), with half-width punctuation
    /// in Chinese text in full-width form when `options` ask for it.
    ///
    /// ```
    /// use yuedu_layout::{Options, ParagraphStyle, paragraph_lines};
    /// let text = "好,走吧";
    /// let full = Options { fullwidth_punctuation: true, ..Options::default() };
    /// let span = &paragraph_lines(0, text, 20, ParagraphStyle::default(), &full)[0];
    /// assert_eq!(span.render(text, &full), "好，走吧");
    /// assert_eq!(span.render(text, &Options::default()), "好,走吧");
    /// ```
    pub fn render(&self, text: &str, options: &Options) -> String {
        let mut out = String::with_capacity(self.range.len() + self.indent * 3);
        for _ in 0..self.indent / 2 {
            out.push('\u{3000}');
        }
        if self.indent % 2 == 1 {
            out.push(' ');
        }
        let mut at = self.range.start;
        for &gap in self.gaps.iter().chain([&self.range.end]) {
            if gap > at {
                out.push_str(&shown(text, at..gap, options));
            }
            if gap < self.range.end {
                out.push(' ');
            }
            at = gap;
        }
        out
    }
}

/// The characters shown for `text[range]` (a part of a line; `text` is the
/// whole paragraph, for the context of its punctuation): made safe for a
/// terminal ([`crate::sanitize`]), with half-width punctuation of Chinese
/// text in full-width form when `options` ask for it.
///
/// ```
/// use yuedu_layout::{Options, shown};
/// let full = Options { fullwidth_punctuation: true, ..Options::default() };
/// assert_eq!(shown("时间:2022", 0..7, &full), "时间：");
/// assert_eq!(shown("11:32", 0..5, &full), "11:32");
/// ```
pub fn shown<'a>(text: &'a str, range: Range<usize>, options: &Options) -> Cow<'a, str> {
    if options.fullwidth_punctuation {
        match crate::punct::display_form(text, range) {
            Cow::Borrowed(s) => sanitize(s),
            Cow::Owned(s) => Cow::Owned(sanitize(&s).into_owned()),
        }
    } else {
        sanitize(text.get(range).unwrap_or(""))
    }
}

/// One screen line: text, or the blank between paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreenLine {
    /// A line of a paragraph's text.
    Text(LineSpan),
    /// The blank line between two paragraphs.
    Blank,
}

/// Paragraphs laid out at one width, a blank line between two paragraphs.
/// Compute it once per width and keep it: drawing needs only the lines in
/// view.
///
/// ```
/// use yuedu_layout::{Layout, Options, ParagraphStyle, ScreenLine};
/// let layout = Layout::new([("一二三四五六", ParagraphStyle::default())], 6, &Options::default());
/// assert_eq!(layout.lines.len(), 2);
/// assert!(matches!(&layout.lines[1], ScreenLine::Text(s) if s.range == (9..18)));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Columns of the text column.
    pub width: usize,
    /// How the text was fitted.
    pub options: Options,
    /// Every screen line, in order.
    pub lines: Vec<ScreenLine>,
    /// For each paragraph, the index of its first line in `lines`.
    pub paragraph_starts: Vec<usize>,
    /// For a layout of the first paragraphs only, the estimated number of
    /// lines of the whole.
    estimated: Option<usize>,
}

/// The screen lines of one paragraph (numbered `paragraph`); an empty
/// paragraph still takes a line. The indent is dropped when the first word
/// fits the line only without it.
///
/// ```
/// use yuedu_layout::{Options, ParagraphStyle, paragraph_lines};
/// let spans = paragraph_lines(3, "", 20, ParagraphStyle::default(), &Options::default());
/// assert_eq!((spans.len(), spans[0].paragraph, spans[0].range.clone()), (1, 3, 0..0));
/// ```
pub fn paragraph_lines(
    paragraph: usize,
    text: &str,
    width: usize,
    style: ParagraphStyle,
    options: &Options,
) -> Vec<LineSpan> {
    let lines = wrap_with(text, width, style.indent, options);
    if lines.is_empty() {
        return vec![LineSpan {
            paragraph,
            range: 0..0,
            indent: 0,
            columns: 0,
            gaps: Vec::new(),
        }];
    }
    lines
        .into_iter()
        .map(|line| {
            let columns = line.columns + line.indent;
            let gaps = if options.latin_gap {
                crate::gap::gaps(text, line.range.clone(), width.saturating_sub(columns))
            } else {
                Vec::new()
            };
            LineSpan {
                paragraph,
                columns: columns + gaps.len(),
                range: line.range,
                indent: line.indent,
                gaps,
            }
        })
        .collect()
}

impl Layout {
    /// Lays out `paragraphs` (text and style) at `width` columns.
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options, ParagraphStyle};
    /// let texts = ["第一段", "第二段"];
    /// let layout = Layout::new(texts.iter().map(|t| (*t, ParagraphStyle::default())), 40, &Options::default());
    /// assert_eq!(layout.lines.len(), 3);
    /// ```
    pub fn new<'a>(
        paragraphs: impl IntoIterator<Item = (&'a str, ParagraphStyle)>,
        width: usize,
        options: &Options,
    ) -> Layout {
        let width = width.max(1);
        let mut layout = Layout::empty(width, *options);
        for (i, (text, style)) in paragraphs.into_iter().enumerate() {
            layout.push_paragraph(paragraph_lines(i, text, width, style, options));
        }
        layout
    }

    /// A layout with no lines yet, to be filled with
    /// [`Layout::push_paragraph`] (for example from paragraphs laid out on
    /// several threads with [`paragraph_lines`]).
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options, ParagraphStyle, paragraph_lines};
    /// let options = Options::default();
    /// let mut layout = Layout::empty(20, options);
    /// layout.push_paragraph(paragraph_lines(0, "一", 20, ParagraphStyle::default(), &options));
    /// assert_eq!(layout.lines.len(), 1);
    /// ```
    pub fn empty(width: usize, options: Options) -> Layout {
        Layout {
            width: width.max(1),
            options,
            lines: Vec::new(),
            paragraph_starts: Vec::new(),
            estimated: None,
        }
    }

    /// Adds the next paragraph's lines, after a blank line if one came
    /// before. The spans' paragraph numbers should count up from 0.
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options, ParagraphStyle, paragraph_lines};
    /// let o = Options::default();
    /// let mut layout = Layout::empty(20, o);
    /// for (i, t) in ["一", "二"].iter().enumerate() {
    ///     layout.push_paragraph(paragraph_lines(i, t, 20, ParagraphStyle::default(), &o));
    /// }
    /// assert_eq!(layout.paragraph_starts, [0, 2]);
    /// ```
    pub fn push_paragraph(&mut self, spans: Vec<LineSpan>) {
        if !self.paragraph_starts.is_empty() {
            self.lines.push(ScreenLine::Blank);
        }
        self.paragraph_starts.push(self.lines.len());
        self.lines.extend(spans.into_iter().map(ScreenLine::Text));
    }

    /// Marks this as the layout of the first paragraphs of a longer text
    /// that would take about `lines` lines in all.
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options};
    /// let mut layout = Layout::empty(20, Options::default());
    /// layout.set_estimated_lines(500);
    /// assert!(!layout.is_complete());
    /// assert_eq!(layout.estimated_lines(), 500);
    /// ```
    pub fn set_estimated_lines(&mut self, lines: usize) {
        self.estimated = Some(lines);
    }

    /// Whether this lays out the whole text (see [`Layout::set_estimated_lines`]).
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options};
    /// assert!(Layout::empty(20, Options::default()).is_complete());
    /// ```
    pub fn is_complete(&self) -> bool {
        self.estimated.is_none()
    }

    /// The number of lines of the whole text: exact when complete.
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options, ParagraphStyle};
    /// let layout = Layout::new([("一", ParagraphStyle::default())], 20, &Options::default());
    /// assert_eq!(layout.estimated_lines(), 1);
    /// ```
    pub fn estimated_lines(&self) -> usize {
        self.estimated.unwrap_or(self.lines.len())
    }

    /// The span of screen line `index`, if it shows text.
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options, ParagraphStyle};
    /// let s = ParagraphStyle::default();
    /// let layout = Layout::new([("一", s), ("二", s)], 20, &Options::default());
    /// assert!(layout.span(0).is_some() && layout.span(1).is_none());
    /// ```
    pub fn span(&self, index: usize) -> Option<&LineSpan> {
        match self.lines.get(index)? {
            ScreenLine::Text(span) => Some(span),
            ScreenLine::Blank => None,
        }
    }

    /// The screen line showing byte `offset` of `paragraph` (the paragraph's
    /// last line for an offset at or past its end).
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options, ParagraphStyle};
    /// let layout = Layout::new([("一二三四五六", ParagraphStyle::default())], 6, &Options::default());
    /// assert_eq!(layout.line_of(0, 0), Some(0));
    /// assert_eq!(layout.line_of(0, 9), Some(1));
    /// assert_eq!(layout.line_of(1, 0), None);
    /// ```
    pub fn line_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        let first = *self.paragraph_starts.get(paragraph)?;
        let end = self
            .paragraph_starts
            .get(paragraph + 1)
            .map_or(self.lines.len(), |&next| next.saturating_sub(1));
        let mut found = first;
        for (i, line) in self.lines.iter().enumerate().take(end).skip(first) {
            match line {
                ScreenLine::Text(span) if span.range.start <= offset => found = i,
                _ => break,
            }
        }
        Some(found)
    }

    /// The paragraph a screen line belongs to (a blank belongs to the one
    /// before it; a line past the end to the last paragraph).
    ///
    /// ```
    /// use yuedu_layout::{Layout, Options, ParagraphStyle};
    /// let s = ParagraphStyle::default();
    /// let layout = Layout::new([("一", s), ("二", s)], 20, &Options::default());
    /// assert_eq!(layout.paragraph_at(1), Some(0));
    /// assert_eq!(layout.paragraph_at(2), Some(1));
    /// ```
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
