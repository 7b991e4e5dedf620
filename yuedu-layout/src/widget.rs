//! A ratatui widget for wrapped CJK text (the `ratatui` feature): ratatui's
//! own `Paragraph` wrap lets wide characters pass the edge and knows none
//! of the CLREQ rules.

use ratatui_core::buffer::Buffer;
use ratatui_core::layout::Rect;
use ratatui_core::style::Style;
use ratatui_core::widgets::Widget;

use crate::layout::{ParagraphStyle, paragraph_lines};
use crate::wrap::Options;

/// Text wrapped to the area's width by this engine, from line `scroll` on.
///
/// ```
/// use ratatui_core::{buffer::Buffer, layout::Rect, widgets::Widget};
/// use yuedu_layout::Wrapped;
///
/// let area = Rect::new(0, 0, 8, 2);
/// let mut buf = Buffer::empty(area);
/// Wrapped::new("他说：“好的。”").render(area, &mut buf);
/// assert_eq!(buf, Buffer::with_lines(["他说：  ", "“好的。”"]));
/// ```
#[derive(Debug, Clone)]
pub struct Wrapped<'a> {
    text: &'a str,
    paragraph: ParagraphStyle,
    options: Options,
    style: Style,
    scroll: usize,
}

impl<'a> Wrapped<'a> {
    /// `text` as one paragraph, unindented, with the default [`Options`].
    pub fn new(text: &'a str) -> Wrapped<'a> {
        Wrapped {
            text,
            paragraph: ParagraphStyle::default(),
            options: Options::default(),
            style: Style::default(),
            scroll: 0,
        }
    }

    /// The first line's indent.
    ///
    /// ```
    /// use yuedu_layout::{ParagraphStyle, Wrapped};
    /// let w = Wrapped::new("一二").paragraph_style(ParagraphStyle::indented(4));
    /// assert_eq!(w.line_count(10), 1);
    /// ```
    pub fn paragraph_style(mut self, style: ParagraphStyle) -> Wrapped<'a> {
        self.paragraph = style;
        self
    }

    /// How the text is fitted.
    ///
    /// ```
    /// use yuedu_layout::{Options, Wrapped};
    /// let w = Wrapped::new("一二三四五。").options(Options { hang: true, ..Options::default() });
    /// assert_eq!(w.line_count(10), 1);
    /// ```
    pub fn options(mut self, options: Options) -> Wrapped<'a> {
        self.options = options;
        self
    }

    /// The style of the text.
    ///
    /// ```
    /// use ratatui_core::style::{Style, Stylize};
    /// let w = yuedu_layout::Wrapped::new("一").style(Style::new().bold());
    /// # let _ = w;
    /// ```
    pub fn style(mut self, style: Style) -> Wrapped<'a> {
        self.style = style;
        self
    }

    /// Lines skipped at the top.
    ///
    /// ```
    /// use ratatui_core::{buffer::Buffer, layout::Rect, widgets::Widget};
    /// let area = Rect::new(0, 0, 4, 1);
    /// let mut buf = Buffer::empty(area);
    /// yuedu_layout::Wrapped::new("一二三四").scroll(1).render(area, &mut buf);
    /// assert_eq!(buf, Buffer::with_lines(["三四"]));
    /// ```
    pub fn scroll(mut self, lines: usize) -> Wrapped<'a> {
        self.scroll = lines;
        self
    }

    /// The lines the text takes at `width` columns.
    ///
    /// ```
    /// assert_eq!(yuedu_layout::Wrapped::new("一二三四五").line_count(4), 3);
    /// ```
    pub fn line_count(&self, width: u16) -> usize {
        paragraph_lines(0, self.text, width.into(), self.paragraph, &self.options).len()
    }
}

impl Widget for Wrapped<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        buf.set_style(area, self.style);
        let spans = paragraph_lines(
            0,
            self.text,
            area.width.into(),
            self.paragraph,
            &self.options,
        );
        for (row, span) in spans
            .iter()
            .skip(self.scroll)
            .take(area.height.into())
            .enumerate()
        {
            let shown = span.render(self.text, &self.options);
            // The row is below area.height, which is a u16.
            let y = area.y + row as u16;
            buf.set_stringn(area.x, y, shown, area.width.into(), self.style);
        }
    }
}
