//! Plain text: each non-empty line is a block. Text copied out of a whole
//! web page (menus, link lists and footers around the article, a line per
//! block) is cut to its article: the longest run of sentence lines is the
//! body, and the headline is the title-like line just above it.

use crate::store::blocks::{Block, Given, Hint, ends_like_sentence, find_date};
use crate::store::furniture::{is_furniture, is_menu};
use crate::store::news::{pick_source, source_line, sources_in, title_from, without_marks};

/// Lines of at most this many characters that are not sentences are what
/// menus, tabs and link bars leave in copied text.
const SHORT: usize = 10;
/// Lines to look back from the body for its headline.
const TITLE_REACH: usize = 10;
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
    if let Some((blocks, title)) = copied_page(&page_lines) {
        let lines = page_lines;
        // A 来源 line may stand anywhere on the page (under the title, or
        // `本文来源：…` at the end), and may be cut off with the furniture.
        let source = pick_source(sources_in(lines.iter().copied()), None);
        let date = blocks.iter().take(6).find_map(|b| find_date(&b.text));
        let given = Given {
            title: Some(without_marks(&title_from(&title))),
            source,
            date,
            page: true,
            ..Given::default()
        };
        return (blocks, given);
    }
    let blocks = lines.iter().map(|l| Block::new(l, Hint::None)).collect();
    (blocks, Given::default())
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A line of running text: long, or a sentence.
fn is_prose(s: &str) -> bool {
    let n = chars(s);
    n >= 30 || (n >= 12 && ends_like_sentence(s))
}

/// The article of a copied page, with its headline; `None` when the text
/// does not look like a whole page (most lines are text, not menus).
fn copied_page(lines: &[&str]) -> Option<(Vec<Block>, String)> {
    let short = lines
        .iter()
        .filter(|l| chars(l) <= SHORT && !ends_like_sentence(l))
        .count();
    if lines.len() < 12 || short < (lines.len() / 4).max(6) {
        return None;
    }
    let (start, end) = body_run(lines)?;
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
    let title_at = repeated.or(candidates.first().copied())?;
    let blocks = (title_at..=end)
        .map(|i| {
            let hint = if i == title_at {
                Hint::Title
            } else {
                Hint::None
            };
            Block::new(lines[i], hint)
        })
        .collect();
    Some((blocks, lines[title_at].to_string()))
}

/// The first and last line of the run of prose lines with the most text,
/// where a run may hold up to [`GAP`] other lines in a row.
fn body_run(lines: &[&str]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    let mut run: Option<(usize, usize, usize)> = None;
    let mut gap = 0;
    for (i, l) in lines.iter().enumerate() {
        if is_prose(l) && !is_furniture(l) {
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
