//! The blocks every input format gives, in reading order, and the text
//! helpers the formats and the news rules share: joining wrapped lines,
//! finding a date, telling a sentence's end, counting bytes.

use std::sync::LazyLock;

use regex::Regex;

/// How many of `bytes` `keep` holds for: in chunks of at most 255 bytes,
/// so that a chunk's count fits the byte-wide lanes the compiler turns the
/// loop into (a byte test of a few comparisons runs a lane a byte).
#[inline]
pub fn count_bytes(bytes: &[u8], keep: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let mut n = 0u8;
            for &b in chunk {
                n += u8::from(keep(b));
            }
            usize::from(n)
        })
        .sum()
}

/// What the markup says a block is, before the text rules look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    Title,
    Heading,
    Caption,
}

/// A run of text from the source, in reading order.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    pub hint: Hint,
    /// The text was already found to be neither furniture nor a menu line,
    /// so those tests need not run on it again.
    pub clean: bool,
}

impl Block {
    pub fn new(text: &str, hint: Hint) -> Block {
        Block {
            text: text.trim().to_string(),
            hint,
            clean: false,
        }
    }
}

/// Metadata the markup gave, overriding what the text rules would find.
#[derive(Debug, Default)]
pub struct Given {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    /// The site's name, the source when neither the markup nor the text
    /// names one.
    pub site: Option<String>,
    /// What the reader should know about how the text was read (a page
    /// with no findable article).
    pub note: Option<&'static str>,
    /// The text is a whole web page's (saved, or copied out of a browser),
    /// whose line under the title gives the date and the account or author.
    pub page: bool,
}

/// A character two columns wide (CJK), where a line break is only wrapping.
pub fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// Appends `text` to `buf`, collapsing each run of white space to one
/// space; a run with a line break between two CJK characters becomes nothing,
/// as in the source it was only wrapping.
pub fn push_text(buf: &mut String, text: &str) {
    let is_space = |c: char| c.is_whitespace() && c != '\u{3000}' && c != '\u{a0}';
    let mut rest = text;
    while !rest.is_empty() {
        let ws_len = rest.len() - rest.trim_start_matches(is_space).len();
        if ws_len > 0 {
            let run = &rest[..ws_len];
            rest = &rest[ws_len..];
            let before = buf.chars().next_back();
            let after = rest.chars().next();
            let joins_cjk =
                run.contains('\n') && before.is_some_and(is_wide) && after.is_some_and(is_wide);
            if before.is_some_and(|c| c != ' ') && !joins_cjk {
                buf.push(' ');
            }
            continue;
        }
        let word_len = rest.find(is_space).unwrap_or(rest.len());
        buf.push_str(&rest[..word_len]);
        rest = &rest[word_len..];
    }
}

/// A full date in `s` (`2023年5月12日`, `2023-05-12`, `2023/5/12`,
/// `2023.05.12`), as `YYYY-MM-DD`.
pub fn find_date(s: &str) -> Option<String> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"((?:19|20)\d{2})\s*(?:年\s*|[-/.])(\d{1,2})\s*(?:月\s*|[-/.])(\d{1,2})(?:\s*日|\D|$)",
        )
        .expect("valid regex")
    });
    DATE.captures_iter(s).find_map(|c| {
        let y: u32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        let d: u32 = c[3].parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

pub fn ends_like_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| "。！？；…!?;”\"’）)．.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_their_usual_forms() {
        assert_eq!(
            find_date("2023年5月12日 10:20").as_deref(),
            Some("2023-05-12")
        );
        assert_eq!(
            find_date("发布时间：2022-01-10 08:03").as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(find_date("2021/3/9").as_deref(), Some("2021-03-09"));
        assert_eq!(find_date("2018年5月，在中央").as_deref(), None);
        assert_eq!(find_date("2023年13月1日"), None);
    }

    #[test]
    fn lines_join_without_spaces_between_cjk() {
        let mut s = String::new();
        push_text(&mut s, "深圳\n寻乌 and\nmore");
        assert_eq!(s, "深圳寻乌 and more");
    }
}
