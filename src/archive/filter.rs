//! Narrowing the library by source and by date. A DATE is `YYYY`,
//! `YYYY-MM` or `YYYY-MM-DD`: as `--since` it means its first day, as
//! `--until` its last (`--until 2023-05` is through 2023-05-31). An article
//! without a date never passes a date bound, nor one without a source a
//! source filter.

use crate::archive::facets::source_key;
use crate::model::Article;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("'{0}' is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
    #[error("'{0}' is not a source's name")]
    BadSource(String),
}

/// A calendar day; days order as time does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A number of exactly `len` ASCII digits.
fn digits(s: &str, len: std::ops::RangeInclusive<usize>) -> Option<u16> {
    (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Which end of a period a DATE stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    First,
    Last,
}

impl Day {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (months and days may have one
    /// digit), as the first or last day of the period it names.
    pub fn parse(s: &str, end: End) -> Option<Day> {
        let mut parts = s.trim().split('-');
        let year = digits(parts.next()?, 4..=4)?;
        let month = match parts.next() {
            Some(m) => Some(u8::try_from(digits(m, 1..=2)?).ok()?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(u8::try_from(digits(d, 1..=2)?).ok()?),
            None => None,
        };
        if parts.next().is_some() || year == 0 {
            return None;
        }
        let month = match month {
            Some(m) if (1..=12).contains(&m) => m,
            Some(_) => return None,
            None if end == End::First => 1,
            None => 12,
        };
        let day = match day {
            Some(d) if (1..=days_in(year, month)).contains(&d) => d,
            Some(_) => return None,
            None if end == End::First => 1,
            None => days_in(year, month),
        };
        Some(Day { year, month, day })
    }

    /// An article's date (`YYYY-MM-DD`, as the store gives it).
    pub fn of(article: &Article) -> Option<Day> {
        let d = article.date.as_deref()?;
        Day::parse(d.get(..10).unwrap_or(d), End::First)
    }
}

/// The source and date filters of `list` and `search`; each is optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    source: Option<String>,
    since: Option<Day>,
    until: Option<Day>,
}

impl Filter {
    pub fn new(
        source: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Filter, FilterError> {
        let bound = |s: Option<&str>, end| {
            s.map(|s| Day::parse(s, end).ok_or_else(|| FilterError::BadDate(s.to_string())))
                .transpose()
        };
        let source = source
            .map(|s| source_key(s).ok_or_else(|| FilterError::BadSource(s.to_string())))
            .transpose()?;
        Ok(Filter {
            source,
            since: bound(since, End::First)?,
            until: bound(until, End::Last)?,
        })
    }

    /// Whether the filter lets everything through.
    pub fn is_empty(&self) -> bool {
        self.source.is_none() && self.since.is_none() && self.until.is_none()
    }

    pub fn admits(&self, article: &Article) -> bool {
        if let Some(want) = &self.source
            && article.source.as_deref().and_then(source_key).as_ref() != Some(want)
        {
            return false;
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(day) = Day::of(article) else {
            return false;
        };
        self.since.is_none_or(|s| day >= s) && self.until.is_none_or(|u| day <= u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Option<Day> {
        Some(Day {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn a_date_names_the_first_or_last_day_of_its_period() {
        assert_eq!(Day::parse("2023", End::First), day(2023, 1, 1));
        assert_eq!(Day::parse("2023", End::Last), day(2023, 12, 31));
        assert_eq!(Day::parse("2023-05", End::Last), day(2023, 5, 31));
        assert_eq!(Day::parse("2024-02", End::Last), day(2024, 2, 29));
        assert_eq!(Day::parse("2023-02", End::Last), day(2023, 2, 28));
        assert_eq!(Day::parse("1900-02", End::Last), day(1900, 2, 28));
        assert_eq!(Day::parse("2023-5-7", End::Last), day(2023, 5, 7));
        assert_eq!(Day::parse(" 2023-05-07 ", End::First), day(2023, 5, 7));
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for bad in [
            "",
            "23",
            "20230",
            "2023-13",
            "2023-00",
            "2023-02-30",
            "2023-05-07-1",
            "2023/05",
            "２０２３",
            "2023-",
            "-05",
            "0000",
            "2023-5-",
            "99999999999999999999",
        ] {
            assert_eq!(Day::parse(bad, End::First), None, "{bad:?}");
        }
    }
}
