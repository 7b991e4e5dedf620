//! The archive's own facets beside region and programme: sources (the
//! publishers, one outlet one row) and dates (years, each with its months),
//! with counts over the articles a caller has chosen. Each story is counted
//! once in a row, however many of its copies the row holds.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::archive::Reprints;
use crate::archive::filter::Day;
use crate::model::Article;

/// The names (regions or programmes, as `names` gives them) of each story
/// among the `members`: an article without copies keeps its own list, the
/// copies of a story share the union of theirs, so that a tree's counts over
/// these lists count the story once in a node however many copies are there.
pub fn story_names<'a>(
    articles: &'a [Article],
    members: impl IntoIterator<Item = usize>,
    reprints: &Reprints,
    names: impl Fn(&'a Article) -> &'a [String],
) -> Vec<Cow<'a, [String]>> {
    let mut lists: Vec<Cow<'a, [String]>> = Vec::new();
    // Each story's names in the order met, and the set of them.
    let mut merged: HashMap<usize, (Vec<String>, HashSet<&'a str>)> = HashMap::new();
    for i in members {
        let Some(article) = articles.get(i) else {
            continue;
        };
        let own = names(article);
        if !reprints.has_copies(i) {
            lists.push(Cow::Borrowed(own));
            continue;
        }
        let (list, seen) = merged.entry(reprints.story(i)).or_default();
        for n in own {
            if seen.insert(n) {
                list.push(n.clone());
            }
        }
    }
    lists.extend(merged.into_values().map(|(list, _)| Cow::Owned(list)));
    lists
}

/// What a source's name is compared by: folded (case, full-width forms,
/// Traditional script) and without spaces, so `新华网`, ` 新华网` and
/// `新華網` are one outlet while `新华网` and `新华社` stay two. `None` for
/// what names no outlet: nothing, a web address or a person.
pub fn source_key(raw: &str) -> Option<String> {
    let key: String = crate::fold::fold_str(unquoted(raw))
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    (!key.is_empty() && !is_address(&key) && !is_person(&key)).then_some(key)
}

/// A name without the title marks around it: `《人民日报》` is `人民日报`.
fn unquoted(raw: &str) -> &str {
    let t = raw.trim();
    t.strip_prefix('《')
        .and_then(|t| t.strip_suffix('》'))
        .filter(|t| !t.contains(['《', '》']))
        .unwrap_or(t)
}

/// A source as it is shown: trimmed, without title marks around it, inner
/// runs of spaces made one, and full-width Latin letters and digits made
/// half-width (`ＣＣＴＶ` → `CCTV`). `None` where [`source_key`] is.
pub fn source_name(raw: &str) -> Option<String> {
    source_key(raw)?;
    let narrow: String = unquoted(raw)
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' if c.is_alphanumeric() => {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            }
            '\u{3000}' => ' ',
            _ => c,
        })
        .filter(|c| !c.is_control())
        .collect();
    Some(narrow.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `http://…`, `www.….com`, `people.com.cn`: an address, not an outlet.
fn is_address(key: &str) -> bool {
    key.contains("://")
        || key.starts_with("www.")
        || (key.is_ascii()
            && key.contains('.')
            && key
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')))
}

/// Common surnames, for telling a person's name (`张伟`, `欧阳娜娜`) from an
/// outlet's (which ends in 报, 网, 社, 台 …).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const DOUBLE_SURNAMES: [&str; 8] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容",
];
/// Last characters of outlets' and places' names.
const NAME_ENDS: &str =
    "网报社台刊站局厅委办院会部所处县市省区州镇乡村团队馆校司厂港山江湖河岛城讯视播闻道线号刊誌志";

fn is_person(key: &str) -> bool {
    if ["记者", "作者", "编辑", "通讯员", "责编", "撰文", "摄影"]
        .iter()
        .any(|p| key.starts_with(p))
    {
        return true;
    }
    let chars: Vec<char> = key.chars().collect();
    let han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(han) {
        return false;
    }
    let surname = if DOUBLE_SURNAMES.iter().any(|d| key.starts_with(d)) {
        2
    } else if SURNAMES.contains(chars[0]) {
        1
    } else {
        return false;
    };
    let given = chars.len() - surname;
    (1..=2).contains(&given) && chars.last().is_some_and(|c| !NAME_ENDS.contains(*c))
}

/// A source and how many stories it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    pub name: String,
    pub count: usize,
}

/// A year, its stories, and its months that have any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// `2023`
    pub name: String,
    pub year: u16,
    pub count: usize,
    pub months: Vec<MonthCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `2023-05`
    pub name: String,
    pub month: u8,
    pub count: usize,
}

/// How many distinct stories a list of story ids holds.
fn distinct(mut stories: Vec<usize>) -> usize {
    stories.sort_unstable();
    stories.dedup();
    stories.len()
}

/// The sources of `articles` (each with the id of its story), most stories
/// first, then by name. A source is shown as its most common spelling.
pub fn sources(articles: &[(&Article, usize)]) -> Vec<SourceCount> {
    struct Row {
        stories: Vec<usize>,
        spellings: Vec<(String, usize)>,
        first: usize,
    }
    let mut rows: HashMap<String, Row> = HashMap::new();
    // A library holds each outlet's name many times: each spelling is
    // folded once.
    let mut named: HashMap<&str, Option<(String, String)>> = HashMap::new();
    for (i, (a, story)) in articles.iter().enumerate() {
        let Some(raw) = a.source.as_deref() else {
            continue;
        };
        let Some((key, name)) = named
            .entry(raw)
            .or_insert_with(|| Some((source_key(raw)?, source_name(raw)?)))
            .clone()
        else {
            continue;
        };
        let row = rows.entry(key).or_insert_with(|| Row {
            stories: Vec::new(),
            spellings: Vec::new(),
            first: i,
        });
        row.stories.push(*story);
        match row.spellings.iter_mut().find(|(s, _)| *s == name) {
            Some((_, n)) => *n += 1,
            None => row.spellings.push((name, 1)),
        }
    }
    let mut out: Vec<(usize, SourceCount)> = rows
        .into_values()
        .map(|row| {
            // The most common spelling; of equals, one in Simplified
            // script, then the first met.
            let simplified = |s: &str| crate::fold::fold_str(s) == s.to_lowercase();
            let name = row
                .spellings
                .iter()
                .rev()
                .max_by_key(|(s, n)| (*n, simplified(s)))
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            let count = distinct(row.stories);
            (row.first, SourceCount { name, count })
        })
        .collect();
    out.sort_by(|(fa, a), (fb, b)| b.count.cmp(&a.count).then(fa.cmp(fb)));
    out.into_iter().map(|(_, s)| s).collect()
}

/// The years of `articles` (each with the id of its story), newest first,
/// each with its months, newest first. Undated articles are in none.
pub fn dates(articles: &[(&Article, usize)]) -> Vec<YearCount> {
    /// A year's stories, and each month's.
    type Year = (Vec<usize>, HashMap<u8, Vec<usize>>);
    let mut years: HashMap<u16, Year> = HashMap::new();
    for (a, story) in articles {
        let Some(day) = Day::of(a) else {
            continue;
        };
        let (all, months) = years.entry(day.year).or_default();
        all.push(*story);
        months.entry(day.month).or_default().push(*story);
    }
    let mut out: Vec<YearCount> = years
        .into_iter()
        .map(|(year, (all, months))| {
            let mut months: Vec<MonthCount> = months
                .into_iter()
                .map(|(month, stories)| MonthCount {
                    name: format!("{year:04}-{month:02}"),
                    month,
                    count: distinct(stories),
                })
                .collect();
            months.sort_by_key(|m| std::cmp::Reverse(m.month));
            YearCount {
                name: format!("{year:04}"),
                year,
                count: distinct(all),
                months,
            }
        })
        .collect();
    out.sort_by_key(|y| std::cmp::Reverse(y.year));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_outlet_is_one_key() {
        assert_eq!(source_key(" 新华网 "), source_key("新华网"));
        assert_eq!(source_key("新華網"), source_key("新华网"));
        assert_eq!(source_key("ＣＣＴＶ"), source_key("cctv"));
        assert_ne!(source_key("新华网"), source_key("新华社"));
        assert_eq!(
            source_name("　ＣＣＴＶ  新闻 ").as_deref(),
            Some("CCTV 新闻")
        );
        assert_eq!(source_name("《人民日报》").as_deref(), Some("人民日报"));
        assert_eq!(source_key("《人民日报》"), source_key("人民日报"));
    }

    #[test]
    fn addresses_and_people_name_no_outlet() {
        for none in [
            "http://www.people.com.cn/",
            "www.xinhuanet.com",
            "people.com.cn",
            "张伟",
            "欧阳娜娜",
            "王小明",
            "记者 李华",
            "",
            "  ",
        ] {
            assert_eq!(source_key(none), None, "{none:?}");
        }
        for outlet in [
            "新华社",
            "人民日报",
            "央视网",
            "深圳特区报",
            "王府井网",
            "张家港",
            "CCTV",
            "Reuters",
            "南方+",
            "学习强国",
        ] {
            assert!(source_key(outlet).is_some(), "{outlet:?}");
        }
    }
}
