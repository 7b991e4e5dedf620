//! Text to article: the format's blocks become the title, subtitle, date,
//! source and the paragraphs with their kinds, by the news rules.

use super::ParseError;
use super::blocks::{Block, Given, Hint, find_date};
use super::format::{Format, normalise_line_ends};
use super::furniture::{is_furniture, is_menu};
use super::news::{
    is_caption, is_dateline, is_heading, is_place_label, publisher, source_line, title_from,
};
use crate::model::{Paragraph, ParagraphKind};

/// An article's text and metadata, before it gets its id and path.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub title: String,
    pub subtitle: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub format: &'static str,
    /// What the reader should know about how the text was read.
    pub note: Option<&'static str>,
}

/// Parses decoded text. `name` is the file name, whose extension is a hint
/// only: the content decides.
pub fn parse(text: &str, name: &str) -> Result<Parsed, ParseError> {
    let text = normalise_line_ends(text);
    let format = Format::detect(&text, name);
    let (blocks, given) = format.read(&text);
    let page = format == Format::Html || given.page;
    let mut parsed = assemble(blocks, given, page);
    parsed.format = format.name();
    if parsed.title.is_empty() && parsed.paragraphs.is_empty() {
        return Err(ParseError::NoText);
    }
    Ok(parsed)
}

/// `page`: the blocks are a web page's, whose line under the title gives
/// the date and the account or author (`寻乌发布 2023-11-20 18:30`).
pub(crate) fn assemble(blocks: Vec<Block>, given: Given, page: bool) -> Parsed {
    let mut parsed = Parsed {
        note: given.note,
        date: given.date,
        source: given.source,
        ..Parsed::default()
    };
    // Source lines are metadata, not text (with the date some give first);
    // read before the furniture goes, since a line such as
    // `发布日期：… 信息来源：某报 浏览次数：123` is both.
    let mut blocks = blocks;
    blocks.retain(|b| match source_line(&b.text) {
        Some(src) => {
            if parsed.source.is_none() {
                parsed.source = Some(src);
            }
            if parsed.date.is_none() {
                parsed.date = find_date(&b.text);
            }
            false
        }
        None => true,
    });
    // Page furniture is never text; a caption or heading the markup marks
    // is kept.
    blocks.retain(|b| {
        !b.text.is_empty()
            && (b.hint == Hint::Caption
                || b.hint == Hint::Title
                || b.clean
                || !(is_furniture(&b.text) || is_menu(&b.text)))
    });

    if parsed.source.is_none() {
        parsed.source = given.site;
    }
    parsed.source = parsed.source.as_deref().and_then(publisher);

    // The title: what the markup says, else the first block that is not a
    // caption. A title block from the markup leaves the body.
    let mut title_at = None;
    if let Some(t) = given.title {
        parsed.title = t;
        title_at = blocks
            .iter()
            .position(|b| b.text == parsed.title)
            .filter(|&i| i < 3);
    } else if let Some(i) = blocks
        .iter()
        .position(|b| b.hint != Hint::Caption && !is_caption(&b.text))
    {
        parsed.title = title_from(&blocks[i].text);
        if parsed.title == blocks[i].text {
            title_at = Some(i);
        }
    }
    let mut next = 0;
    if let Some(i) = title_at {
        blocks.remove(i);
        next = i;
    }
    // The title said again (a page repeats it over the text, or in a
    // caption bar) is not a paragraph.
    let title_key = squeeze(&parsed.title);
    if !title_key.is_empty() {
        let mut at = 0;
        blocks.retain(|b| {
            at += 1;
            let repeat = b
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .eq(title_key.chars());
            if repeat && at <= next {
                next = next.saturating_sub(1);
            }
            !repeat
        });
    }
    if page
        && let Some(b) = blocks.get(next)
        && is_dateline(&b.text)
    {
        if parsed.date.is_none() {
            parsed.date = find_date(&b.text);
        }
        blocks.remove(next);
    }
    // A subtitle (`——写在...之际`) follows the title.
    if let Some(b) = blocks.get(next) {
        let t = b.text.trim();
        if (t.starts_with("——") || t.starts_with("—") || t.starts_with("--"))
            && t.chars().count() <= 80
        {
            parsed.subtitle = Some(t.to_string());
            blocks.remove(next);
        }
    }

    if parsed.date.is_none() {
        let n = blocks.len();
        let near_ends = (0..n.min(6)).chain(n.saturating_sub(6)..n);
        parsed.date = near_ends
            .filter(|&i| blocks[i].text.chars().count() <= 60)
            .find_map(|i| find_date(&blocks[i].text))
            .or_else(|| {
                // A dateline at the start of the first paragraph.
                blocks.first().and_then(|b| {
                    let head: String = b.text.chars().take(30).collect();
                    find_date(&head)
                })
            });
    }

    let count = blocks.len();
    let mut after_image = false;
    let mut after_caption = false;
    parsed.paragraphs = blocks
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let image_marker = b.text.starts_with("转存图片");
            let kind = match b.hint {
                Hint::Caption => ParagraphKind::Caption,
                _ if is_caption(&b.text) => ParagraphKind::Caption,
                // The line under an image placeholder, or a short line that
                // is not a sentence yet holds a full stop, describes a photo.
                Hint::None
                    if is_heading(&b.text)
                        && (after_image
                            || b.text.contains('。')
                            || (after_caption && is_place_label(&b.text))) =>
                {
                    ParagraphKind::Caption
                }
                Hint::Title | Hint::Heading => ParagraphKind::Heading,
                // The last line of an article is a closing remark or a
                // credit, not a heading over nothing.
                Hint::None if i + 1 < count && is_heading(&b.text) => ParagraphKind::Heading,
                Hint::None => ParagraphKind::Body,
            };
            after_image = image_marker;
            after_caption = kind == ParagraphKind::Caption;
            Paragraph {
                kind,
                text: b.text.into(),
            }
        })
        .collect();
    parsed
}

/// Text without its white space, to compare lines as a reader would.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
