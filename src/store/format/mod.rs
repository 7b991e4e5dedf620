//! The input formats: which one a file is, told from its text (the file
//! name's extension is a hint only), and one module per format that turns
//! the text into blocks and the metadata its markup gives. A new format is
//! one module and one [`Format`] variant. Collections (JSON Lines, JSON,
//! CSV, feeds) hold many articles: their modules give records
//! ([`records::Item`]), which the store makes articles.

pub mod csv;
pub mod feed;
mod html;
pub mod json;
pub mod jsonl;
mod markdown;
mod plain;
pub mod records;

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Block, Given};

/// A format an article file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, a paragraph a line.
    Plain,
    /// Markdown, with or without front matter.
    Markdown,
    /// An HTML page.
    Html,
    /// JSON Lines: a record a line.
    JsonLines,
    /// A JSON array of records, or an object holding one, or one record.
    Json,
    /// CSV (or TSV) with a header row; `legacy`: GB18030, not UTF-8.
    Csv { delimiter: u8, legacy: bool },
    /// RSS 2.0, RSS 1.0 or Atom.
    Feed,
}

/// How much of a file's start [`Format::collection`] looks at.
pub const HEAD_BYTES: usize = 256 << 10;

impl Format {
    /// The format of (line-end normalised) `text`; `name` is the file name.
    pub fn detect(text: &str, name: &str) -> Format {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if markdown::split_front_matter(text).is_some() {
            // Markdown bodies may be written in HTML, or mix the two: the
            // Markdown reader hands HTML blocks to the HTML block walk.
            Format::Markdown
        } else if is_html_document(text)
            || (matches!(ext.as_str(), "html" | "htm" | "xhtml") && looks_like_html(text))
        {
            Format::Html
        } else if matches!(ext.as_str(), "md" | "markdown") {
            Format::Markdown
        } else {
            Format::Plain
        }
    }

    /// The collection format of a file from its first bytes (at most
    /// [`HEAD_BYTES`] of them; `whole`: they are the whole file), or `None`
    /// for a file of one article. `name` is the file name.
    pub fn collection(head: &[u8], whole: bool, name: &str) -> Option<Format> {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let bytes = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        // Cut anywhere: a character cut at the end is not a legacy encoding.
        let legacy = || simdutf8::compat::from_utf8(bytes).is_err_and(|e| e.error_len().is_some());
        // Most files are one article: their first line, read alone, tells
        // that they are no collection (no copy of the head, no decoding of
        // it all).
        if let Some(first) = first_line(bytes, legacy) {
            let delimiter = csv::delimiter_of(&first);
            return csv::is_header(&first, delimiter).then(|| Format::Csv {
                delimiter,
                legacy: legacy(),
            });
        }
        let legacy = legacy();
        let text = if legacy {
            encoding_rs::GB18030.decode_without_bom_handling(bytes).0
        } else {
            String::from_utf8_lossy(bytes)
        };
        let t = text.trim_start();
        let after = |prefix: char| t[prefix.len_utf8()..].trim_start().chars().next();
        if t.starts_with('[') {
            return matches!(after('['), Some('{' | ']')).then_some(Format::Json);
        }
        if t.starts_with('{') {
            if !matches!(after('{'), Some('"' | '}')) {
                return None;
            }
            let mut lines = t.lines().filter(|l| !l.trim().is_empty());
            let first = lines.next().unwrap_or_default();
            let complete = t.contains('\n') || whole;
            let one_line = complete
                && serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| v.is_object());
            let more = lines.next().is_some();
            return Some(
                if matches!(ext.as_str(), "jsonl" | "ndjson") || (one_line && (more || !whole)) {
                    Format::JsonLines
                } else {
                    Format::Json
                },
            );
        }
        if t.starts_with('<') {
            return feed::is_feed(t).then_some(Format::Feed);
        }
        let first = t.lines().next().unwrap_or_default();
        let delimiter = csv::delimiter_of(first);
        csv::is_header(first, delimiter).then_some(Format::Csv { delimiter, legacy })
    }

    /// The blocks of `text` in this format, and the metadata it gives. A
    /// collection read as one document reads as its text.
    pub fn read(self, text: &str) -> (Vec<Block>, Given) {
        match self {
            Format::Plain
            | Format::JsonLines
            | Format::Json
            | Format::Csv { .. }
            | Format::Feed => plain::read(text),
            Format::Markdown => markdown::read(text),
            Format::Html => html::read(text),
        }
    }

    /// Its name, as `list --json` and the tests show it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::JsonLines => "jsonl",
            Format::Json => "json",
            Format::Csv { .. } => "csv",
            Format::Feed => "feed",
        }
    }
}

/// The first line of a file that starts like no JSON, XML or feed (its
/// first character, after white space, is not `[`, `{` or `<`), without
/// the white space before it; `None` for any other file.
/// `legacy`: whether the file is GB18030 rather than UTF-8.
fn first_line(bytes: &[u8], legacy: impl Fn() -> bool) -> Option<String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &bytes[start..];
    let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
    let text = if line.is_ascii() {
        // ASCII reads the same in both.
        std::borrow::Cow::Borrowed(std::str::from_utf8(line).unwrap_or_default())
    } else if legacy() {
        encoding_rs::GB18030.decode_without_bom_handling(line).0
    } else {
        String::from_utf8_lossy(line)
    };
    let t = text.trim_start();
    // A line of white space only, or a collection's first character: the
    // whole head decides.
    (!t.is_empty() && !t.starts_with(['[', '{', '<'])).then(|| t.to_string())
}

pub fn normalise_line_ends(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

pub fn looks_like_html(body: &str) -> bool {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)<(p|div|br|h[1-6]|span|img|section|article|table|strong|li)[\s>/]")
            .expect("valid regex")
    });
    TAG.is_match(body)
}

fn is_html_document(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") && head.contains("<html"))
        || (head.starts_with("<!--") && head.contains("<html"))
}
