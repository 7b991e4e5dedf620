//! A paragraph's text without a copy of its own: a slice of a buffer that
//! many paragraphs share (the article cache's text, read once), or a buffer
//! of its own for a paragraph parsed from a file.

use std::ops::Range;
use std::sync::Arc;

/// Immutable paragraph text; dereferences to `str`.
#[derive(Clone)]
pub struct Text {
    buf: Arc<String>,
    range: Range<usize>,
}

impl Text {
    /// `buf[range]`, if `range` lies on character boundaries of `buf`.
    pub fn slice(buf: &Arc<String>, range: Range<usize>) -> Option<Text> {
        buf.get(range.clone()).map(|_| Text {
            buf: Arc::clone(buf),
            range,
        })
    }

    pub fn as_str(&self) -> &str {
        // The range was checked when the Text was made.
        &self.buf[self.range.clone()]
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
            buf: Arc::new(s),
            range,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text {
            buf: Arc::new(s.to_string()),
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
