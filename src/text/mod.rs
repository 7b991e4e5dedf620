//! An article as the reader lays it out, on the `yuedu-layout` engine:
//! which paragraphs are indented, the header's lines, and the text `show`
//! prints. The engine (breaks, widths, wrapping, the line map) is
//! re-exported from here.

pub use yuedu_layout::{
    Line, LineSpan, Options, ParagraphStyle, ScreenLine, char_width, char_width_with, forbidden,
    grapheme_width, no_line_end, no_line_start, paragraph_lines, sanitize, shown, str_width,
    str_width_with, verify_wrap, verify_wrap_with, wrap, wrap_with,
};

use std::sync::atomic::{AtomicU8, Ordering};

use crate::model::{Article, Paragraph, ParagraphKind};

/// The first-line indent of a body paragraph: two ideographic spaces.
pub const INDENT: &str = "\u{3000}\u{3000}";
/// Columns taken by [`INDENT`].
pub const INDENT_COLUMNS: usize = 4;

/// An article body laid out at one width: the engine's [`yuedu_layout::Layout`]
/// of the article's paragraphs, each indented as its kind is. Compute it
/// once per width and keep it: drawing needs only the lines in view.
#[derive(Debug, Clone, Default)]
pub struct Layout(yuedu_layout::Layout);

impl std::ops::Deref for Layout {
    type Target = yuedu_layout::Layout;
    fn deref(&self) -> &yuedu_layout::Layout {
        &self.0
    }
}

/// How the reader fits text unless the config says otherwise: half-width
/// punctuation of Chinese text is shown full-width.
pub const READER_OPTIONS: Options = Options {
    hang: false,
    ambiguous_wide: false,
    fullwidth_punctuation: true,
    latin_gap: false,
};

/// The reader's layout options in force (set once from the config when the
/// reader starts), as bits: the options are read where articles are laid
/// out, far from where the config is read.
static IN_FORCE: AtomicU8 = AtomicU8::new(READER_OPTIONS.to_bits());

/// Sets the options the reader lays articles out with ([`Layout::article`]).
pub fn set_reader_options(options: Options) {
    IN_FORCE.store(options.to_bits(), Ordering::Relaxed);
}

/// The options the reader lays articles out with.
pub fn reader_options() -> Options {
    Options::from_bits(IN_FORCE.load(Ordering::Relaxed))
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
    /// Lays out an article's paragraphs (not its title) at `width` columns,
    /// as the reader does by default.
    pub fn article(article: &Article, width: usize) -> Layout {
        Layout::article_with(article, width, &reader_options())
    }

    /// [`Layout::article`] with the given [`Options`].
    pub fn article_with(article: &Article, width: usize, options: &Options) -> Layout {
        Layout::paragraphs_with(&article.paragraphs, width, options, true)
    }

    /// Lays out paragraphs at `width` columns.
    pub fn paragraphs(paragraphs: &[Paragraph], width: usize) -> Layout {
        Layout::paragraphs_with(paragraphs, width, &reader_options(), true)
    }

    /// [`Layout::paragraphs`] on this thread alone: for a thread of its
    /// own, which should not crowd the shared pool.
    pub fn paragraphs_on_this_thread(paragraphs: &[Paragraph], width: usize) -> Layout {
        Layout::paragraphs_with(paragraphs, width, &reader_options(), false)
    }

    /// Lays out paragraphs with `options`, on the shared pool if `parallel`.
    pub fn paragraphs_with(
        paragraphs: &[Paragraph],
        width: usize,
        options: &Options,
        parallel: bool,
    ) -> Layout {
        let width = width.max(1);
        // Paragraphs are independent: large articles are laid out in
        // parallel, small ones (most of them) on this thread.
        let wrap_one = |(i, p): (usize, &Paragraph)| {
            yuedu_layout::paragraph_lines(i, &p.text, width, style_for(p.kind, width), options)
        };
        let per_paragraph: Vec<Vec<LineSpan>> = if parallel && paragraphs.len() > 64 {
            use rayon::prelude::*;
            paragraphs.par_iter().enumerate().map(wrap_one).collect()
        } else {
            paragraphs.iter().enumerate().map(wrap_one).collect()
        };
        let mut layout = yuedu_layout::Layout::empty(width, *options);
        layout
            .lines
            .reserve(per_paragraph.iter().map(|l| l.len() + 1).sum());
        for spans in per_paragraph {
            layout.push_paragraph(spans);
        }
        Layout(layout)
    }

    /// The first paragraphs of an article: at least `min_paragraphs` of
    /// them, and `min_lines` lines after the start of the last of those;
    /// enough to show a screen of a long article at once while the rest is
    /// laid out elsewhere. Its lines are the first lines of the whole
    /// article's layout, numbered alike; [`yuedu_layout::Layout::estimated_lines`]
    /// guesses the whole's length.
    pub fn prefix(
        article: &Article,
        width: usize,
        min_paragraphs: usize,
        min_lines: usize,
    ) -> Layout {
        let options = reader_options();
        let width = width.max(1);
        let mut layout = yuedu_layout::Layout::empty(width, options);
        layout.lines.reserve(min_lines + 64);
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
            layout.push_paragraph(yuedu_layout::paragraph_lines(
                i,
                &p.text,
                width,
                style_for(p.kind, width),
                &options,
            ));
        }
        let total: usize = article.paragraphs.iter().map(|p| p.text.len()).sum();
        if layout.paragraph_starts.len() < article.paragraphs.len() {
            layout.set_estimated_lines(layout.lines.len().saturating_mul(total) / bytes.max(1));
        }
        Layout(layout)
    }
}

/// The style of a paragraph of `kind` at `width`.
fn style_for(kind: ParagraphKind, width: usize) -> ParagraphStyle {
    ParagraphStyle::indented(indent_for(kind, width))
}

/// Renders a laid-out line as the characters shown: the indent, then the
/// paragraph's text with control characters made safe, and half-width
/// punctuation of Chinese text full-width as the reader shows it.
pub fn render_span(text: &str, span: &LineSpan) -> String {
    span.render(text, &reader_options())
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
            ScreenLine::Text(span) => match article.paragraphs.get(span.paragraph) {
                Some(p) => out.push(span.render(&p.text, &layout.options)),
                None => out.push(String::new()),
            },
        }
    }
    out
}
