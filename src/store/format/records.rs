//! Records as articles: the fields of a scraper's record (a JSON object, a
//! CSV row) found by their usual names in English and Chinese, and the
//! record read as an article: HTML content as an HTML body, plain content
//! a paragraph a line. JSON Lines, JSON and CSV files give their records
//! through here; the store numbers them and makes them articles.

use crate::store::blocks::{Block, Given, Hint, find_date};
use crate::store::markup;

/// What a record of a collection file says of its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub title: Option<String>,
    pub content: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// One item of a collection file: a record, numbered from 1 in the file
/// (bad ones counted too, so a record's number never changes while the
/// file only grows), or a record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `at` names where it is, for a problem with it (`line 5`).
    Record {
        number: usize,
        at: String,
        fields: Fields,
    },
    /// `at` names where it is (`line 4`, `record 3`).
    Bad { at: String, reason: String },
}

/// Which field a record's key is, by its usual names. The content names
/// come in order of preference: a summary is the text only where nothing
/// else is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    /// The text; the number is the name's rank (lower is better).
    Content(u8),
    Date(u8),
    Source(u8),
    Url,
}

/// The field a key names, if any (case and surrounding space ignored).
pub fn field_of(key: &str) -> Option<Field> {
    let key = key.trim().trim_start_matches('\u{FEFF}').to_lowercase();
    let rank = |names: &[&str]| names.iter().position(|n| *n == key).map(|i| i as u8);
    const TITLE: &[&str] = &[
        "title",
        "headline",
        "news_title",
        "article_title",
        "标题",
        "新闻标题",
        "题目",
    ];
    const CONTENT: &[&str] = &[
        "content",
        "text",
        "body",
        "正文",
        "内容",
        "新闻内容",
        "article",
        "news_content",
        "content_html",
        "html",
        "summary",
        "description",
        "abstract",
        "摘要",
    ];
    const DATE: &[&str] = &[
        "date",
        "time",
        "pub_time",
        "publish_time",
        "pubtime",
        "pub_date",
        "publish_date",
        "published",
        "published_at",
        "datetime",
        "created_at",
        "发布时间",
        "发布日期",
        "日期",
        "时间",
    ];
    const SOURCE: &[&str] = &[
        "source",
        "来源",
        "media",
        "媒体",
        "publisher",
        "site_name",
        "site",
        "网站",
        "author",
        "作者",
    ];
    const URL: &[&str] = &["url", "link", "href", "source_url", "链接", "网址"];
    if rank(TITLE).is_some() {
        Some(Field::Title)
    } else if let Some(r) = rank(CONTENT) {
        Some(Field::Content(r))
    } else if let Some(r) = rank(DATE) {
        Some(Field::Date(r))
    } else if let Some(r) = rank(SOURCE) {
        Some(Field::Source(r))
    } else {
        rank(URL).map(|_| Field::Url)
    }
}

/// Fields in the making: each keeps the best-ranked name's value.
#[derive(Debug, Default)]
pub struct FieldsBuilder {
    fields: Fields,
    ranks: [u8; 3],
}

impl FieldsBuilder {
    /// Takes `value` as the field `key` names (an empty value is none).
    pub fn set(&mut self, key: &str, value: String) {
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        let Some(field) = field_of(key) else {
            return;
        };
        let ranked = |slot: &mut Option<String>, held: &mut u8, rank: u8| {
            if slot.is_none() || rank < *held {
                *slot = Some(value.clone());
                *held = rank;
            }
        };
        let f = &mut self.fields;
        match field {
            Field::Title => ranked(&mut f.title, &mut 0, 0),
            Field::Content(r) => ranked(&mut f.content, &mut self.ranks[0], r),
            Field::Date(r) => ranked(&mut f.date, &mut self.ranks[1], r),
            Field::Source(r) => ranked(&mut f.source, &mut self.ranks[2], r),
            Field::Url => ranked(&mut f.url, &mut 0, 0),
        }
    }

    pub fn build(self) -> Fields {
        self.fields
    }
}

/// A JSON value as a field's text: strings and numbers as they are, a list
/// of strings (a text given as its paragraphs) a line each.
pub fn json_text(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let lines: Vec<String> = items.iter().filter_map(json_text).collect();
            (!lines.is_empty()).then(|| lines.join("\n"))
        }
        _ => None,
    }
}

/// The fields of a JSON object, or `None` if none of its keys is one.
pub fn fields_of_object(map: &serde_json::Map<String, serde_json::Value>) -> Option<Fields> {
    let mut b = FieldsBuilder::default();
    let mut any = false;
    for (k, v) in map {
        if field_of(k).is_some()
            && let Some(text) = json_text(v)
        {
            any = true;
            b.set(k, text);
        }
    }
    any.then(|| b.build())
}

/// A record's blocks and metadata, as the news rules read them; content
/// that is HTML is read as an HTML body.
pub fn read(fields: &Fields) -> (Vec<Block>, Given) {
    let blocks = match fields.content.as_deref() {
        Some(c) if super::looks_like_html(c) || is_markup(c) => markup::fragment(c),
        Some(c) => paragraphs(c),
        None => Vec::new(),
    };
    let given = Given {
        title: fields
            .title
            .as_deref()
            .map(markup_free)
            .filter(|t| !t.is_empty()),
        date: fields.date.as_deref().and_then(date_of),
        source: fields.source.clone(),
        site: None,
        note: None,
        page: false,
    };
    (blocks, given)
}

/// Content that is HTML by its tags alone, without a block tag (`<a>`, `<b>`,
/// `<em>` around a few words).
fn is_markup(c: &str) -> bool {
    let t = c.trim_start();
    t.starts_with('<') && t.trim_end().ends_with('>')
}

/// A title as text: its tags left out and entities decoded, if it has any.
fn markup_free(title: &str) -> String {
    if title.contains('<') || title.contains('&') {
        markup::fragment(title)
            .into_iter()
            .map(|b| b.text)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        title.trim().to_string()
    }
}

/// Plain content: a paragraph a line; a run of two ideographic spaces (the
/// indent that starts a paragraph in Chinese text) inside a line starts one
/// too.
pub fn paragraphs(text: &str) -> Vec<Block> {
    text.lines()
        .flat_map(|l| l.split("\u{3000}\u{3000}"))
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .map(|l| {
            // Entities in plain text (`&nbsp;`, `&#8220;`), as feeds and
            // scrapers leave them, are decoded.
            if l.contains('&') {
                let text: Vec<String> = markup::fragment(l).into_iter().map(|b| b.text).collect();
                Block::new(&text.join(" "), Hint::None)
            } else {
                Block::new(l, Hint::None)
            }
        })
        .filter(|b| !b.text.is_empty())
        .collect()
}

/// A record's date as `YYYY-MM-DD`: written out (`2023-05-12 10:20`,
/// `2023年5月12日`, RFC 2822 as feeds write it), or a Unix time in seconds
/// or milliseconds (read in China's time zone, where these dumps come from).
pub fn date_of(value: &str) -> Option<String> {
    let v = value.trim();
    if let Some(d) = find_date(v) {
        return Some(d);
    }
    if !v.is_empty() && v.len() <= 13 && v.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = v.parse().ok()?;
        let secs = if v.len() > 10 { n / 1000 } else { n };
        let at = time::OffsetDateTime::from_unix_timestamp(secs).ok()?;
        let at = at.to_offset(time::UtcOffset::from_hms(8, 0, 0).ok()?);
        return Some(format!(
            "{:04}-{:02}-{:02}",
            at.year(),
            u8::from(at.month()),
            at.day()
        ));
    }
    let at = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        at.year(),
        u8::from(at.month()),
        at.day()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_english_and_chinese() {
        assert_eq!(field_of("Title"), Some(Field::Title));
        assert_eq!(field_of("正文"), Some(Field::Content(3)));
        assert_eq!(field_of("发布时间"), Some(Field::Date(11)));
        assert_eq!(field_of("来源"), Some(Field::Source(1)));
        assert_eq!(field_of("link"), Some(Field::Url));
        assert_eq!(field_of("id"), None);
    }

    #[test]
    fn the_best_named_content_wins() {
        let mut b = FieldsBuilder::default();
        b.set("summary", "摘要。".into());
        b.set("content", "正文。".into());
        b.set("description", "描述。".into());
        assert_eq!(b.build().content.as_deref(), Some("正文。"));
    }

    #[test]
    fn dates_written_out_or_as_unix_times() {
        assert_eq!(
            date_of("2023-05-12 10:20:00").as_deref(),
            Some("2023-05-12")
        );
        assert_eq!(date_of("1683858000").as_deref(), Some("2023-05-12"));
        assert_eq!(date_of("1683858000000").as_deref(), Some("2023-05-12"));
        assert_eq!(
            date_of("Fri, 12 May 2023 10:20:00 +0800").as_deref(),
            Some("2023-05-12")
        );
        assert_eq!(date_of("昨天"), None);
    }

    #[test]
    fn plain_content_splits_at_lines_and_indents() {
        let b = paragraphs("　　第一段。　　第二段。\n\n第三段。");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["第一段。", "第二段。", "第三段。"]);
    }
}
