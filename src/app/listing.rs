//! The library's article list as rows: in the order chosen (the library's,
//! by date, title, source or reading progress), each story one row however
//! many copies of it the list holds, its copies shown beneath it when it is
//! expanded; and each article's reading progress as the list marks it.

use std::collections::{HashMap, HashSet};

use crate::archive::{Reprints, SortKey, sort};
use crate::model::Article;

/// The orders the list can be in; `o` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListOrder {
    #[default]
    Library,
    Date,
    Title,
    Source,
    Progress,
}

impl ListOrder {
    pub fn next(self) -> ListOrder {
        match self {
            ListOrder::Library => ListOrder::Date,
            ListOrder::Date => ListOrder::Title,
            ListOrder::Title => ListOrder::Source,
            ListOrder::Source => ListOrder::Progress,
            ListOrder::Progress => ListOrder::Library,
        }
    }

    /// How the list's title and the status line name the order.
    pub fn describe(self) -> &'static str {
        match self {
            ListOrder::Library => "in library order",
            ListOrder::Date => "by date, newest first",
            ListOrder::Title => "by title",
            ListOrder::Source => "by source",
            ListOrder::Progress => "by progress, unread first",
        }
    }

    fn key(self) -> Option<SortKey> {
        match self {
            ListOrder::Date => Some(SortKey::Date),
            ListOrder::Title => Some(SortKey::Title),
            ListOrder::Source => Some(SortKey::Source),
            ListOrder::Library | ListOrder::Progress => None,
        }
    }
}

/// How far an article has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Progress {
    Unread,
    /// Per cent of it shown, 0 to 99.
    Reading(u8),
    Read,
}

impl Progress {
    /// From a stored percentage; whatever the file says, never over 100 %.
    pub fn of(percent: Option<u32>) -> Progress {
        match percent {
            None => Progress::Unread,
            Some(p) if p >= 100 => Progress::Read,
            Some(p) => Progress::Reading(p as u8),
        }
    }

    /// How a row shows it.
    pub fn label(self) -> String {
        match self {
            Progress::Unread => "unread".into(),
            Progress::Reading(p) => format!("{p}%"),
            Progress::Read => "read".into(),
        }
    }
}

/// Each article's place in an order, by library index: sorting the list by
/// it is sorting by the order's key, at the cost of comparing numbers.
pub fn ranks(articles: &[Article], order: ListOrder) -> Option<Vec<usize>> {
    let key = order.key()?;
    let mut all: Vec<(usize, &Article)> = articles.iter().enumerate().collect();
    sort::sort_by(&mut all, |(_, a)| a, key);
    let mut rank = vec![0; articles.len()];
    for (place, (i, _)) in all.into_iter().enumerate() {
        rank[i] = place;
    }
    Some(rank)
}

/// One row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRow {
    /// Index into `Library::articles`.
    pub article: usize,
    /// The other articles of its story in the list (for a story's row).
    pub copies: usize,
    /// Whether this is a copy, shown beneath its story's row.
    pub copy: bool,
}

/// The rows of `shown` (in list order): a story's first article stands for
/// it, with its other articles beneath it when its story is `expanded`.
pub fn group(shown: &[usize], reprints: &Reprints, expanded: &HashSet<usize>) -> Vec<ListRow> {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::with_capacity(shown.len());
    let mut of_story: HashMap<usize, usize> = HashMap::new();
    for &i in shown {
        if !reprints.has_copies(i) {
            groups.push((i, Vec::new()));
            continue;
        }
        match of_story.get(&reprints.story(i)) {
            Some(&g) => groups[g].1.push(i),
            None => {
                of_story.insert(reprints.story(i), groups.len());
                groups.push((i, Vec::new()));
            }
        }
    }
    let mut rows = Vec::with_capacity(shown.len());
    for (lead, copies) in groups {
        rows.push(ListRow {
            article: lead,
            copies: copies.len(),
            copy: false,
        });
        if expanded.contains(&reprints.story(lead)) {
            rows.extend(copies.into_iter().map(|article| ListRow {
                article,
                copies: 0,
                copy: true,
            }));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_from_a_file_is_never_over_a_hundred() {
        assert_eq!(Progress::of(None), Progress::Unread);
        assert_eq!(Progress::of(Some(42)), Progress::Reading(42));
        assert_eq!(Progress::of(Some(100)), Progress::Read);
        assert_eq!(Progress::of(Some(u32::MAX)), Progress::Read);
        assert_eq!(Progress::Reading(7).label(), "7%");
    }

    #[test]
    fn the_orders_come_round() {
        let mut o = ListOrder::Library;
        for _ in 0..5 {
            o = o.next();
        }
        assert_eq!(o, ListOrder::Library);
    }
}
