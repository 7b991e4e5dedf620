//! The input formats: which one a file is, told from its text (the file
//! name's extension is a hint only), and one module per format that turns
//! the text into blocks and the metadata its markup gives. A new format is
//! one module and one [`Format`] variant.

mod html;
mod markdown;
mod plain;

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
}

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

    /// The blocks of `text` in this format, and the metadata it gives.
    pub fn read(self, text: &str) -> (Vec<Block>, Given) {
        match self {
            Format::Plain => plain::read(text),
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
        }
    }
}

pub fn normalise_line_ends(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn looks_like_html(body: &str) -> bool {
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
