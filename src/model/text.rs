//! A paragraph's text without a copy of its own: a slice of a buffer that
//! many paragraphs share (the article cache's text, mapped from its file
//! and checked a block at a time when first read), or a buffer of its own
//! for a paragraph parsed from a file.

use std::ops::Range;
use std::sync::Arc;

/// Text shared by many paragraphs, in blocks: each block is checked when
/// first read, and a block that is not text (a damaged file) reads as
/// nothing.
pub trait SharedText: Send + Sync {
    /// `range` (offsets in the whole) of block `block`, or `""` if the
    /// block is not text or the range does not lie on its characters.
    fn text(&self, block: u32, range: Range<usize>) -> &str;
}

#[derive(Clone)]
enum Buf {
    Own(Arc<String>),
    Shared(Arc<dyn SharedText>, u32),
}

/// Immutable paragraph text; dereferences to `str`.
#[derive(Clone)]
pub struct Text {
    buf: Buf,
    range: Range<usize>,
}

impl Text {
    /// `buf[range]`, if `range` lies on character boundaries of `buf`.
    pub fn slice(buf: &Arc<String>, range: Range<usize>) -> Option<Text> {
        buf.get(range.clone()).map(|_| Text {
            buf: Buf::Own(Arc::clone(buf)),
            range,
        })
    }

    /// `range` of block `block` of shared text (checked when read).
    pub fn shared(buf: &Arc<dyn SharedText>, block: u32, range: Range<usize>) -> Text {
        Text {
            buf: Buf::Shared(Arc::clone(buf), block),
            range,
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.buf {
            // The range was checked when the Text was made.
            Buf::Own(s) => &s[self.range.clone()],
            Buf::Shared(s, block) => s.text(*block, self.range.clone()),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        let range = 0..s.len();
        Text {
            buf: Buf::Own(Arc::new(s)),
            range,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text {
            buf: Buf::Own(Arc::new(s.to_string())),
            range: 0..s.len(),
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_share_one_buffer_and_refuse_split_characters() {
        let buf = Arc::new("寻乌县的脐橙".to_string());
        let a = Text::slice(&buf, 0..9).unwrap();
        let b = Text::slice(&buf, 9..18).unwrap();
        assert_eq!(a, "寻乌县");
        assert_eq!(&*b, "的脐橙");
        assert!(Text::slice(&buf, 1..9).is_none());
        assert!(Text::slice(&buf, 0..99).is_none());
        assert_eq!(Arc::strong_count(&buf), 3);
        assert_eq!(Text::from("x".to_string()), Text::from("x"));
    }
}
