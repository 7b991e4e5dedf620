//! Plain text: each non-empty line is a block. Text copied out of a whole
//! web page (menus, link lists and footers around the article, a line per
//! block) is cut to its article: the longest run of sentence lines is the
//! body, and the headline is the title-like line just above it.

use crate::store::blocks::{Block, Given, Hint, ends_like_sentence, find_date};
use crate::store::furniture::{is_furniture, is_menu};
use crate::store::news::{source_line, title_from, without_marks};
use crate::store::sources::{pick_source, site_of_title, sources_in, without_site_name};

/// Lines of at most this many characters that are not sentences are what
/// menus, tabs and link bars leave in copied text.
const SHORT: usize = 10;
/// Lines to look back from the body for its headline.
const TITLE_REACH: usize = 10;
/// Lines to look back from the body for a headline over its dateline.
const DATELINE_REACH: usize = 30;
/// Non-sentence lines the body may hold in a row (subheadings, captions).
const GAP: usize = 2;

pub fn read(text: &str) -> (Vec<Block>, Given) {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .collect();
    // A label whose value the page set in its own element (`来源:` then
    // `中国经营报(北京)`) is one line of copied text.
    let mut joined: Vec<String> = Vec::with_capacity(lines.len());
    for l in &lines {
        match joined.last_mut() {
            Some(prev) if prev.ends_with("来源:") || prev.ends_with("来源：") => {
                prev.push_str(l);
            }
            _ => joined.push((*l).to_string()),
        }
    }
    let page_lines: Vec<&str> = joined.iter().map(String::as_str).collect();
    // The lines found to be neither furniture nor menus on the way.
    let mut clean = vec![false; page_lines.len()];
    if let Some((blocks, title, dateline)) = copied_page(&page_lines, &mut clean) {
        let lines = page_lines;
        // A 来源 line may stand anywhere on the page (under the title, or
        // `本文来源：…` at the end), and may be cut off with the furniture.
        let source = pick_source(sources_in(lines.iter().copied()), None);
        let date = dateline.or_else(|| blocks.iter().take(6).find_map(|b| find_date(&b.text)));
        // A window's title (`标题_某某网`) loses the site's name; a column's
        // name before the headline (`图说洛阳| 标题`) stays.
        let title = match site_of_title(&title, None) {
            Some(_) => without_site_name(&title),
            None => title,
        };
        let given = Given {
            title: Some(without_marks(&title_from(&title))),
            source,
            date,
            page: true,
            ..Given::default()
        };
        return (blocks, given);
    }
    let joins = page_lines.len() != lines.len();
    let blocks = lines
        .iter()
        .enumerate()
        .map(|(i, l)| Block {
            clean: !joins && clean[i],
            ..Block::new(l, Hint::None)
        })
        .collect();
    // A paper named on a dateline (`2005年03月31日03:18 北京娱乐信报`) or
    // after the last sentence is a source here too.
    let source = pick_source(sources_in(lines.iter().copied()), None);
    (
        blocks,
        Given {
            source,
            ..Given::default()
        },
    )
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A line of running text: long, or a sentence.
fn is_prose(s: &str) -> bool {
    // A character is at most four bytes: 120 bytes are 30 characters or more.
    if s.len() >= 30 * 4 {
        return true;
    }
    let n = chars(s);
    n >= 30 || (n >= 12 && ends_like_sentence(s))
}

/// The article of a copied page, with its headline; `None` when the text
/// does not look like a whole page (most lines are text, not menus). The
/// lines it finds to be neither furniture nor menus are marked in `clean`.
fn copied_page(lines: &[&str], clean: &mut [bool]) -> Option<(Vec<Block>, String, Option<String>)> {
    // Enough lines that are not text: the short ones first, the menus
    // and furniture (dearer to tell) only while they are still wanted.
    let wanted = (lines.len() / 4).max(6);
    let cheap = |l: &str| l.len() <= SHORT * 4 && chars(l) <= SHORT && !ends_like_sentence(l);
    if lines.len() < 12 {
        return None;
    }
    let short = lines.iter().filter(|l| cheap(l)).count();
    let need = wanted.saturating_sub(short);
    let mut found = 0;
    for (l, clean) in lines.iter().zip(clean.iter_mut()) {
        if found >= need {
            break;
        }
        if cheap(l) {
            continue;
        }
        if is_menu(l) || is_furniture(l) {
            found += 1;
        } else {
            *clean = true;
        }
    }
    if short + found < wanted {
        return None;
    }
    let (start, mut end) = body_run(lines)?;
    // A short closing sentence (`通车后。`) is still the article's.
    while lines
        .get(end + 1)
        .is_some_and(|l| l.ends_with(['。', '！', '？', '”']) && !is_furniture(l))
    {
        end += 1;
    }
    let candidates: Vec<usize> = (start.saturating_sub(TITLE_REACH)..start)
        .rev()
        .filter(|&i| is_headline(lines[i]) && !(i > 0 && ends_with_colon(lines[i - 1])))
        .collect();
    // A headline the page gives twice (over the text and in the window's
    // title, a breadcrumb or a share bar) beats a subtitle or a kicker.
    let repeated = candidates.iter().copied().find(|&i| {
        let t = title_from(lines[i]);
        lines
            .iter()
            .enumerate()
            .any(|(j, l)| j != i && chars(&t) >= 6 && l.contains(t.as_str()))
    });
    // The headline stands over the line of its date or source
    // (`更新时间 2012年12月10日`, `2020-11-26 08:04 来源: 某报`), which
    // a page may set far above its text, past share bars and a summary.
    // A headline that ends in a question mark reads as a sentence and may
    // open the run of text.
    let over_dateline = (start.saturating_sub(DATELINE_REACH)..=start).find(|&i| {
        lines.get(i + 1).is_some_and(|next| {
            chars(next) <= 60 && (find_date(next).is_some() || source_line(next).is_some())
        }) && is_headline(lines[i])
            && !(i > 0 && ends_with_colon(lines[i - 1]))
    });
    let title_at = over_dateline.or(repeated).or(candidates.first().copied())?;
    // Far above the text, what stands between the dateline and the text
    // is the page's (share bars, links); near it, it may be the article's.
    // The dateline under the headline is metadata.
    let from = if title_at + TITLE_REACH < start {
        start
    } else if over_dateline == Some(title_at) {
        title_at + 2
    } else {
        title_at + 1
    };
    let blocks = std::iter::once(Block::new(lines[title_at], Hint::Title))
        .chain((from..=end).map(|i| Block::new(lines[i], Hint::None)))
        .collect();
    let date = lines.get(title_at + 1).and_then(|l| find_date(l));
    Some((blocks, lines[title_at].to_string(), date))
}

/// The first and last line of the run of prose lines with the most text,
/// where a run may hold up to [`GAP`] other lines in a row.
fn body_run(lines: &[&str]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    let mut run: Option<(usize, usize, usize)> = None;
    let mut gap = 0;
    for (i, l) in lines.iter().enumerate() {
        if is_prose(l) && !is_furniture(l) && !is_menu(l) {
            run = Some(match run {
                Some((s, _, total)) => (s, i, total.saturating_add(chars(l))),
                None => (i, i, chars(l)),
            });
            gap = 0;
        } else {
            gap += 1;
            if gap > GAP {
                run = None;
            }
        }
        if let Some(r) = run
            && best.is_none_or(|b| r.2 > b.2)
        {
            best = Some(r);
        }
    }
    best.map(|(s, e, _)| (s, e))
}

fn ends_with_colon(s: &str) -> bool {
    s.ends_with(':') || s.ends_with('：')
}

/// A line that can be an article's headline: not a date, source, byline or
/// menu line, not a sentence of text.
fn is_headline(s: &str) -> bool {
    let n = chars(s);
    (6..=60).contains(&n)
        && !s.ends_with('。')
        && find_date(s).is_none()
        && source_line(s).is_none()
        && !is_furniture(s)
        && !is_menu(s)
        && !s.starts_with("原标题")
        && !(s.starts_with('第') && s.contains('页'))
        && !["记者", "作者", "编辑", "来源", "发布"]
            .iter()
            .any(|w| s.contains(w))
}

#[cfg(test)]
mod tests {
    use super::read;

    /// A copied page: menus, the headline over its dateline, a share bar
    /// longer than the reach for a headline, then the text.
    fn page(title_line: &str) -> String {
        let mut lines = vec![
            "首页",
            "新闻",
            "体育",
            "财经",
            "娱乐",
            "科技",
            "全国版  安徽省  北京市  重庆市  福建省  贵州省  广东省  广西省  甘肃省  河北省",
            title_line,
            "更新时间 2012年12月10日, 格林尼治标准时间10:41",
        ];
        lines.extend([
            "分享",
            "微博",
            "微信",
            "QQ空间",
            "豆瓣",
            "人人",
            "开心网",
            "书签",
            "转寄",
            "打印",
            "订阅",
        ]);
        lines.extend([
            "香港行政长官在各方压力下就其大宅的违章建筑问题到立法会接受质询，并向香港民众道歉。",
            "他说，自己在处理问题时有疏忽，对此感到非常抱歉，并会全力配合调查。",
            "议员们随后就此事提出了多项质询，会议持续了大约两个小时才结束。",
            "关于我们",
            "联系我们",
            "版权所有",
        ]);
        lines.join("\n")
    }

    #[test]
    fn the_headline_over_its_dateline_is_the_title() {
        let (blocks, given) = read(&page("港特首就住宅违建事件道歉"));
        assert_eq!(given.title.as_deref(), Some("港特首就住宅违建事件道歉"));
        assert_eq!(given.date.as_deref(), Some("2012-12-10"));
        // the share bar between the dateline and the text is left out
        assert!(blocks.iter().all(|b| b.text != "开心网"), "{blocks:?}");
        assert!(blocks[1].text.starts_with("香港行政长官"), "{blocks:?}");
    }

    #[test]
    fn plain_text_names_the_paper_on_its_dateline() {
        let (_, given) = read(
            "拿出10万元投资房产\n2005年03月31日03:18 北京娱乐信报\n小两口决定拿出10万元投资房产。",
        );
        assert_eq!(given.source.as_deref(), Some("北京娱乐信报"));
    }

    #[test]
    fn a_window_title_loses_the_site_name_and_a_column_name_stays() {
        let (_, given) = read(&page("拿出10万元投资房产(图)_新浪房产_新浪网"));
        assert_eq!(given.title.as_deref(), Some("拿出10万元投资房产"));
        let (_, given) = read(&page("图说洛阳| 洛阳职业技术学院：剪“廉洁窗花” 过廉洁之年"));
        assert_eq!(
            given.title.as_deref(),
            Some("图说洛阳| 洛阳职业技术学院：剪“廉洁窗花” 过廉洁之年")
        );
    }
}
