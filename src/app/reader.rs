//! The reading view's state: the article's layout at the current column
//! width, the first body line shown, and the current passage (a paragraph or
//! a sentence of one), which is always on screen: scrolling carries it.

use std::ops::Range;
use std::rc::Rc;

use crate::model::{Article, Passage};
use crate::text::{Layout, ScreenLine, wrap_to_strings};

use super::saved::Position;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderLine {
    Title,
    Subtitle,
    Meta,
    Rule,
}

#[derive(Debug, Clone)]
pub struct ReaderState {
    /// Index into `Library::articles`.
    pub article: usize,
    pub layout: Rc<Layout>,
    /// The header lines at the layout's width.
    pub header: Vec<(HeaderLine, String)>,
    /// First body line on screen.
    pub top: usize,
    /// What the reader points at: a whole paragraph or one sentence of it
    /// (`first == last`); motions, `v`, `m`, `y` and `/` start from it.
    pub passage: Passage,
    /// Where a selection started (`v`); the selection runs from there to the
    /// current passage.
    pub selection: Option<Passage>,
    /// The search within this article, if one is active.
    pub search: Option<super::find::ArticleSearch>,
}

/// Where the reader draws, for a terminal size and a wanted column width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub column: usize,
    pub left: u16,
    pub body_top: u16,
    pub body_height: usize,
}

/// The columns of text for a wanted width on a terminal this wide.
pub fn column_width(wanted: usize, terminal: u16) -> usize {
    wanted.min(terminal as usize).max(1)
}

impl ReaderState {
    /// What `m` bookmarks: the selection if one is open, else the current
    /// passage.
    pub fn marked(&self) -> Passage {
        let p = &self.passage;
        let (a, b) = match &self.selection {
            Some(anchor) if (anchor.first, anchor.start) <= (p.first, p.start) => (anchor, p),
            Some(anchor) => (p, anchor),
            None => (p, p),
        };
        Passage {
            first: a.first,
            last: b.last,
            start: a.start,
            end: if a.last == b.last {
                b.end.max(a.end)
            } else {
                b.end
            },
        }
    }

    /// The whole of paragraph `p`, as laid out.
    pub fn whole(&self, p: usize) -> Passage {
        Passage {
            first: p,
            last: p,
            start: 0,
            end: self.paragraph_end(p),
        }
    }

    /// The screen lines of the current passage, first and last.
    fn passage_lines(&self) -> Option<(usize, usize)> {
        let p = &self.passage;
        let first = self.layout.line_of(p.first, p.start)?;
        let last = (self.layout.line_of(p.last, p.end.saturating_sub(1))).unwrap_or(first);
        Some((first, last.max(first)))
    }

    /// After the view moved: a passage that left the screen gives way to the
    /// paragraph at the edge it left by, as vim keeps its cursor in the
    /// window; the selection's anchor stays where it was.
    pub fn keep_passage_on_screen(&mut self, body_height: usize) {
        let h = body_height.max(1);
        let end = (self.top + h).min(self.layout.lines.len());
        let text_at = |l: usize| match self.layout.lines.get(l) {
            Some(ScreenLine::Text(span)) => Some(span.paragraph),
            _ => None,
        };
        let on_screen = self
            .passage_lines()
            .is_some_and(|(first, last)| last >= self.top && first < end);
        if on_screen {
            return;
        }
        let below = self.passage_lines().is_none_or(|(first, _)| first >= end);
        let p = if below {
            (self.top..end).rev().find_map(text_at)
        } else {
            (self.top..end).find_map(text_at)
        };
        if let Some(p) = p {
            self.passage = self.whole(p);
        }
    }

    /// The end of a paragraph's text as laid out (its last line's end).
    pub fn paragraph_end(&self, p: usize) -> usize {
        let first = self.layout.paragraph_starts.get(p).copied().unwrap_or(0);
        let next = self
            .layout
            .paragraph_starts
            .get(p + 1)
            .copied()
            .unwrap_or(self.layout.lines.len());
        (first..next)
            .filter_map(|l| self.layout.span(l))
            .map(|s| s.range.end)
            .max()
            .unwrap_or(0)
    }

    pub fn header_lines(article: &Article, width: usize) -> Vec<(HeaderLine, String)> {
        // The title and the subtitle take two lines each at most; what is
        // left out is shown to be by `…`.
        let mut out: Vec<(HeaderLine, String)> = two_lines(&article.title, width)
            .into_iter()
            .map(|l| (HeaderLine::Title, l))
            .collect();
        if let Some(s) = &article.subtitle {
            out.extend(
                two_lines(s, width)
                    .into_iter()
                    .map(|l| (HeaderLine::Subtitle, l)),
            );
        }
        // The date and source come from the file: made safe for the screen.
        if let Some(l) = crate::text::meta_lines(article, width).into_iter().next() {
            out.push((HeaderLine::Meta, crate::safe::for_terminal(&l).into_owned()));
        }
        out.push((HeaderLine::Rule, String::new()));
        out
    }

    pub fn geometry(&self, size: (u16, u16)) -> Geometry {
        let column = self.layout.width;
        let left = (size.0 as usize).saturating_sub(column) / 2;
        // On a short terminal the header gives way to the text.
        let header = if (size.1 as usize) < self.header.len() + 6 {
            0
        } else {
            self.header.len()
        };
        Geometry {
            column,
            left: left as u16,
            body_top: header as u16,
            body_height: (size.1 as usize).saturating_sub(header + 1),
        }
    }

    /// The text position at the top of the screen.
    pub fn position(&self) -> Position {
        let line = self.top.min(self.layout.lines.len().saturating_sub(1));
        // A blank line belongs to the paragraph before it; take the next text line.
        let span = (line..self.layout.lines.len()).find_map(|l| self.layout.span(l));
        match span {
            Some(s) => Position {
                paragraph: s.paragraph,
                offset: s.range.start,
            },
            None => Position {
                paragraph: 0,
                offset: 0,
            },
        }
    }

    pub fn last_top(&self, body_height: usize) -> usize {
        self.layout.lines.len().saturating_sub(body_height.max(1))
    }

    /// Scrolls so that the passage's first line is on screen.
    pub fn reveal_passage(&mut self, body_height: usize) {
        let Some((line, end)) = self.passage_lines() else {
            return;
        };
        let h = body_height.max(1);
        if line < self.top {
            self.top = line;
        } else if end >= self.top + h {
            self.top = (end + 1).saturating_sub(h).min(line);
        }
    }
}

/// A text wrapped to `width`, the first two lines of it; a second line that
/// is not the last ends with `…` (room made for it).
fn two_lines(text: &str, width: usize) -> Vec<String> {
    let mut lines = wrap_to_strings(text, width);
    if lines.len() > 2 {
        lines.truncate(2);
        let last = &mut lines[1];
        while !last.is_empty() && crate::text::str_width(last) + 1 > width {
            last.pop();
        }
        last.push('…');
    }
    lines
}

/// The sentences of a paragraph: each ends after 。！？… (or a run of them)
/// and any closing quotes or brackets that follow. Written here because the
/// rule is the reader's own, not UAX #29's (which splits inside 「…」).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    const ENDS: &[char] = &['。', '！', '？', '…', '!', '?'];
    const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '】', '"', '\''];
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !ENDS.contains(&c) {
            continue;
        }
        while let Some(&(_, n)) = chars.peek() {
            if ENDS.contains(&n) || CLOSERS.contains(&n) {
                chars.next();
            } else {
                break;
            }
        }
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        out.push(start..end);
        start = end;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_or_subtitle_is_cut_with_an_ellipsis() {
        let t = "深圳对口帮扶广西百色".repeat(3);
        let lines = two_lines(&t, 12);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(
            lines.iter().all(|l| crate::text::str_width(l) <= 12),
            "{lines:?}"
        );
        assert_eq!(two_lines("深圳", 12), ["深圳"]);
    }

    #[test]
    fn sentences_keep_their_closing_quotes() {
        let t = "他说：“好。”然后走了！真的？……是";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(s, ["他说：“好。”", "然后走了！", "真的？……", "是"]);
    }
}
