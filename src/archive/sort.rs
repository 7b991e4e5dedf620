//! The orders of an article list: by date (newest first, undated last), by
//! title or by source (each by pinyin, as a Chinese index is ordered: 北京
//! before 上海; characters without a reading by code point, Latin letters
//! without case, and equal readings by code point). Ties keep library order.

use std::cmp::Ordering;

use pinyin::ToPinyin;

use crate::archive::facets::source_name;
use crate::archive::filter::Day;
use crate::model::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortKey {
    /// Newest first, undated last
    Date,
    /// By the title's pinyin
    Title,
    /// By the source's pinyin, articles without a source last
    Source,
}

/// What a text is ordered by: each character's toneless pinyin, or the
/// character itself (lowercased) where it has none; then the text itself.
fn reading(text: &str) -> (Vec<String>, String) {
    let syllables = text
        .chars()
        .zip(text.to_pinyin())
        .filter(|(c, _)| !c.is_whitespace())
        .map(|(c, p)| match p {
            Some(p) => p.plain().to_string(),
            None => c.to_lowercase().collect(),
        })
        .collect();
    (syllables, text.to_string())
}

/// Sorts `articles` (stably) by `key`.
pub fn sort(articles: &mut [&Article], key: SortKey) {
    sort_by(articles, |a| a, key);
}

/// Sorts `items` (stably) by `key` of the article each one stands for.
pub fn sort_by<T>(items: &mut [T], article: impl Fn(&T) -> &Article, key: SortKey) {
    match key {
        SortKey::Date => {
            // Newest first; `None` (undated) after every date.
            items.sort_by(|a, b| match (Day::of(article(a)), Day::of(article(b))) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            });
        }
        SortKey::Title => {
            items.sort_by_cached_key(|a| reading(&article(a).title));
        }
        SortKey::Source => {
            items.sort_by_cached_key(|a| {
                let name = article(a).source.as_deref().and_then(source_name);
                (name.is_none(), name.map(|n| reading(&n)))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_order_by_pinyin() {
        let mut titles = vec!["上海", "北京", "Zhuhai", "安徽", "2023年"];
        titles.sort_by_cached_key(|t| reading(t));
        assert_eq!(titles, ["2023年", "安徽", "北京", "上海", "Zhuhai"]);
    }
}
