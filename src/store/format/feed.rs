//! Feeds: RSS 2.0, RSS 1.0 and Atom, parsed by feed-rs (which decodes the
//! XML in the encoding its prolog names). Each item is a record: its title,
//! date (in the time zone it was written in), source (the item's source,
//! author, or the feed's title), link, and its content, summary or
//! description as an HTML body.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDateTime, Utc};
use regex::Regex;

use super::records::{Fields, Item};

/// Whether the start of a file is a feed's.
pub fn is_feed(head: &str) -> bool {
    let head = head.trim_start();
    let end = (0..=head.len().min(4096))
        .rev()
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(0);
    let t = head[..end].to_ascii_lowercase();
    if !(t.starts_with("<?xml")
        || t.starts_with("<rss")
        || t.starts_with("<feed")
        || t.starts_with("<rdf:rdf")
        || t.starts_with("<!--"))
    {
        return false;
    }
    let root = ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .filter_map(|r| t.find(r))
        .min();
    match (root, t.find("<html")) {
        (Some(r), Some(h)) => r < h,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Reads the feed in `bytes`, giving each item to `sink`.
pub fn each(bytes: &[u8], sink: &mut dyn FnMut(Item) -> bool) {
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(local_time)
        .build();
    let feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            // The whole file: no item to name.
            sink(Item::Bad {
                at: String::new(),
                reason: format!("not a feed that can be read ({e})"),
            });
            return;
        }
    };
    let feed_title = feed.title.map(|t| t.content);
    let sources = rss_sources(bytes, feed.entries.len());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let content = entry
            .content
            .and_then(|c| c.body)
            .filter(|b| !b.trim().is_empty())
            .or_else(|| entry.summary.map(|s| s.content));
        let item_source: Option<String> = sources.get(i).cloned().flatten();
        let author: Option<String> = entry.authors.first().and_then(|p| p.name.clone());
        let source = item_source
            .or(entry.source.filter(|s| !s.contains("://")))
            .or(author.filter(|a| !a.trim().is_empty()))
            .or_else(|| feed_title.clone());
        let fields = Fields {
            title: entry.title.map(|t| t.content),
            content,
            date: entry
                .published
                .or(entry.updated)
                .map(|d| d.format("%Y-%m-%d").to_string()),
            source,
            url: entry.links.first().map(|l| l.href.clone()),
        };
        if !sink(Item::Record {
            number: i + 1,
            at: format!("item {}", i + 1),
            fields,
        }) {
            return;
        }
    }
}

/// A feed's time read as the clock it was written on showed it: the
/// result is that wall-clock time (as if it were UTC), so its date is the
/// item's date where it was published.
fn local_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc2822(s).or_else(|_| DateTime::parse_from_rfc3339(s)) {
        return Some(t.naive_local().and_utc());
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    let date = crate::store::blocks::find_date(s)?;
    NaiveDateTime::parse_from_str(&format!("{date} 00:00:00"), "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|t| t.and_utc())
}

/// The `<source>` of each RSS item (feed-rs reads Atom's only), in order,
/// when the items can be told apart in the text.
fn rss_sources(bytes: &[u8], entries: usize) -> Vec<Option<String>> {
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)<item[\s>]").expect("valid regex"));
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<source(?:\s[^>]*)?>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</source>")
            .expect("valid regex")
    });
    let Ok(text) = crate::store::decode::decode(bytes) else {
        return Vec::new();
    };
    let text = text.text;
    let starts: Vec<usize> = ITEM.find_iter(&text).map(|m| m.start()).collect();
    if starts.len() != entries {
        return Vec::new();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            SOURCE
                .captures(&text[s..end])
                .map(|c| c[1].trim().to_string())
                .filter(|n| !n.is_empty())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_is_told_from_a_page() {
        assert!(is_feed("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"));
        assert!(is_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(!is_feed("<?xml version=\"1.0\"?><html><body>rss</body>"));
        assert!(!is_feed("<!doctype html><html>"));
    }

    #[test]
    fn times_keep_their_own_day() {
        let t = local_time("Fri, 12 May 2023 07:00:00 +0800").unwrap();
        assert_eq!(t.format("%Y-%m-%d").to_string(), "2023-05-12");
        let t = local_time("2023-05-12T23:30:00-05:00").unwrap();
        assert_eq!(t.format("%Y-%m-%d").to_string(), "2023-05-12");
    }
}
