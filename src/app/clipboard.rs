//! What `y` copies: the passage or selection with the article's title and
//! source, and the OSC 52 sequence that puts it on the clipboard of the
//! terminal (and of tmux with `set-clipboard on`, and over ssh).

use base64::Engine;

use crate::model::{Article, Passage};

/// The text of a passage as copied: its paragraphs, a blank line between
/// them, then `— title（source）`.
pub fn passage_text(article: &Article, passage: &Passage) -> String {
    let mut parts = Vec::new();
    for p in passage.first..=passage.last {
        let Some(para) = article.paragraphs.get(p) else {
            break;
        };
        let text = &para.text;
        let start = if p == passage.first { passage.start } else { 0 };
        let end = if p == passage.last {
            passage.end
        } else {
            text.len()
        };
        if let Some(s) = text.get(start.min(end)..end.min(text.len())) {
            parts.push(s.trim().to_string());
        }
    }
    let mut out = parts.join("\n\n");
    out.push_str("\n\n— ");
    out.push_str(&article.title);
    if let Some(source) = &article.source {
        out.push_str(&format!("（{source}）"));
    }
    out
}

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\u{1b}]52;c;{payload}\u{7}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(osc52("阅读"), "\u{1b}]52;c;6ZiF6K+7\u{7}");
    }
}
