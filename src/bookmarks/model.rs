//! What a bookmark is: a passage of an article (a paragraph, a sentence or a
//! selection), quoted with some context so it can be found again, and a note.

use serde::{Deserialize, Serialize};

use crate::model::{Article, Passage};

/// Characters of context kept before and after the quoted passage.
pub const CONTEXT_CHARS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Short, stable, typeable id.
    pub id: String,
    /// The article's id.
    pub article: String,
    /// Where the article was read from when the bookmark was made.
    #[serde(default)]
    pub path: String,
    /// First paragraph of the passage: from 0 in memory, as the article's
    /// paragraphs; from 1 in files, exports and JSON output (schema 2 on,
    /// see [`Bookmark::counted_from_one`]).
    pub paragraph: usize,
    /// Last paragraph of the passage, inclusive.
    #[serde(default)]
    pub end_paragraph: Option<usize>,
    /// Byte offset of the passage in its first paragraph.
    #[serde(default)]
    pub start: usize,
    /// Byte offset of the passage's end in its last paragraph.
    #[serde(default)]
    pub end: usize,
    /// The passage's text (paragraphs joined by a line break), as a W3C
    /// TextQuoteSelector's `exact`.
    pub quote: String,
    /// Text just before the passage.
    #[serde(default)]
    pub prefix: String,
    /// Text just after the passage.
    #[serde(default)]
    pub suffix: String,
    #[serde(default)]
    pub note: String,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    #[serde(default)]
    pub updated: String,
    /// The passage could not be found in the article as it now is; the
    /// bookmark is kept and shown as such.
    #[serde(default)]
    pub orphaned: bool,
}

/// The first schema whose paragraph numbers count from 1, as people count
/// them; schema 1 counted from 0.
pub const COUNTED_FROM_ONE: u32 = 2;

impl Bookmark {
    /// As written to a file or shown as JSON: paragraphs counted from 1.
    pub fn counted_from_one(&self) -> Bookmark {
        let mut b = self.clone();
        b.paragraph = b.paragraph.saturating_add(1);
        b.end_paragraph = b.end_paragraph.map(|p| p.saturating_add(1));
        b
    }

    /// As read from a file or an export of `schema`: paragraphs counted
    /// from 0 from then on (a 0 where counting starts at 1 stays 0).
    pub fn read_in(mut self, schema: u32) -> Bookmark {
        if schema >= COUNTED_FROM_ONE {
            self.paragraph = self.paragraph.saturating_sub(1);
            self.end_paragraph = self.end_paragraph.map(|p| p.saturating_sub(1));
        }
        self
    }
}

/// Bookmarks as JSON shows them: paragraphs counted from 1.
pub fn counted_from_one(bookmarks: &[Bookmark]) -> Vec<Bookmark> {
    bookmarks.iter().map(Bookmark::counted_from_one).collect()
}

pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A new id: 8 characters of a to z and 2 to 9, easy to type and read.
pub fn new_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..8)
        .map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char)
        .collect()
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The last `n` characters before byte `at` and the first `n` after byte `to`.
pub fn context(text: &str, at: usize, to: usize) -> (String, String) {
    let at = floor_boundary(text, at);
    let to = floor_boundary(text, to);
    let before: Vec<char> = text[..at].chars().rev().take(CONTEXT_CHARS).collect();
    let prefix: String = before.into_iter().rev().collect();
    let suffix: String = text[to..].chars().take(CONTEXT_CHARS).collect();
    (prefix, suffix)
}

impl Bookmark {
    /// A bookmark on `passage` of `article`, or `None` if the passage lies
    /// outside the article.
    pub fn new(article: &Article, passage: Passage, note: &str) -> Option<Bookmark> {
        let ps = &article.paragraphs;
        if passage.first > passage.last || passage.last >= ps.len() {
            return None;
        }
        let first = &ps[passage.first].text;
        let last = &ps[passage.last].text;
        let start = floor_boundary(first, passage.start);
        let end = floor_boundary(last, passage.end);
        let quote = if passage.first == passage.last {
            first.get(start..end.max(start))?.to_string()
        } else {
            let mut q = first[start..].to_string();
            for p in &ps[passage.first + 1..passage.last] {
                q.push('\n');
                q.push_str(&p.text);
            }
            q.push('\n');
            q.push_str(&last[..end]);
            q
        };
        let (prefix, _) = context(first, start, start);
        let (_, suffix) = context(last, end, end);
        let now = now();
        Some(Bookmark {
            id: new_id(),
            article: article.id.clone(),
            path: article.path.display().to_string(),
            paragraph: passage.first,
            end_paragraph: (passage.last != passage.first).then_some(passage.last),
            start,
            end,
            quote,
            prefix,
            suffix,
            note: note.to_string(),
            created: now.clone(),
            updated: now,
            orphaned: false,
        })
    }

    pub fn last_paragraph(&self) -> usize {
        self.end_paragraph.unwrap_or(self.paragraph)
    }
}
