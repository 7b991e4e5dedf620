//! Lists of links to other articles that a page sets under its article
//! (the `·`-led related and hot lists) or runs into its last paragraph
//! (`…一年。 相关报道： ·标题`): the article without them.

use super::blocks::{Block, Hint};
use super::furniture::is_furniture;

/// A line of a list of links to other pages: a bullet item (`·标题`), or
/// a label and its first item (`财经新闻TOP10: ·标题`).
fn is_list_item(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 60 * 4 {
        return false;
    }
    // An article's own points end like clauses (`·加强组织领导；`); the
    // headlines of a list of links do not.
    t.chars().count() <= 60
        && !t.contains('。')
        && !t.ends_with(['；', ';', '，', ',', '、', '：', ':'])
        && (t.starts_with(['·', '•', '●', '▪', '■', '◆', '►'])
            || t.contains(" ·")
            || t.contains("：·")
            || t.contains(":·"))
}

/// The labels of a list of links to other articles.
const LIST_LABELS: [&str; 6] = [
    "相关报道",
    "相关新闻",
    "相关阅读",
    "延伸阅读",
    "相关链接",
    "推荐阅读",
];

/// Where a list of links run into the block before it begins
/// (`…纸里包不住火。 相关报道： ·标题（日期）`): a list's label after a space
/// or a sentence's end, then a colon and a bullet. The end of the text
/// before it, trimmed.
fn inline_list_at(text: &str) -> Option<usize> {
    LIST_LABELS
        .iter()
        .flat_map(|label| text.match_indices(label))
        .filter(|&(at, label)| {
            let before = &text[..at];
            let after = text[at + label.len()..].trim_start();
            before.trim_end().chars().next_back().is_some()
                && before
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_whitespace() || "。！？”）)]】".contains(c))
                && after
                    .strip_prefix(['：', ':'])
                    .is_some_and(|rest| rest.trim_start().starts_with(['·', '•']))
        })
        .map(|(at, _)| text[..at].trim_end().len())
        .min()
}

/// The body without what follows it on a page: from the first run of three
/// or more list items (the `·`-led related and hot lists under an
/// article) to the end, when what comes after that run is a small part of
/// the text before it. A list inside the article, with the article going
/// on after it, stays.
pub fn cut_trailing_lists(blocks: &mut Vec<Block>) {
    const RUN: usize = 3;
    for b in blocks.iter_mut().filter(|b| b.hint != Hint::Caption) {
        if let Some(end) = inline_list_at(&b.text) {
            b.text.truncate(end);
        }
    }
    // Most articles hold no list item at all.
    if blocks
        .iter()
        .filter(|b| is_list_item(&b.text))
        .take(RUN)
        .count()
        < RUN
    {
        return;
    }
    // Lines that are furniture of their own (`点击阅读更多`) leave later
    // and do not break a run.
    let lines: Vec<usize> = (0..blocks.len())
        .filter(|&i| !is_furniture(&blocks[i].text))
        .collect();
    let Some(at) = lines
        .windows(RUN)
        .find(|w| {
            w.iter()
                .all(|&i| blocks[i].hint != Hint::Caption && is_list_item(&blocks[i].text))
        })
        .map(|w| w[0])
    else {
        return;
    };
    let size = |bs: &[Block]| -> usize {
        bs.iter()
            .filter(|b| !is_list_item(&b.text))
            .map(|b| b.text.chars().count())
            .sum()
    };
    let (before, after) = (size(&blocks[..at]), size(&blocks[at..]));
    if before > 0 && after.saturating_mul(4) < before {
        blocks.truncate(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_links_run_into_a_paragraph_leaves_it() {
        let block = |t: &str| Block::new(t, Hint::None);
        let mut blocks = vec![
            block("正文第一段。"),
            block("我们相信：纸里包不住火。 相关报道： ·57岁小学肄业 广西骗子（2004-12-30）"),
        ];
        cut_trailing_lists(&mut blocks);
        assert_eq!(blocks[1].text, "我们相信：纸里包不住火。");
        // A label inside a sentence, or without a list after it, stays.
        for t in [
            "他说，相关报道：·不实。",
            "文章发表后，相关报道：媒体纷纷跟进。",
            "相关报道： ·标题一",
        ] {
            let mut blocks = vec![block(t)];
            cut_trailing_lists(&mut blocks);
            assert_eq!(blocks[0].text, t);
        }
    }

    #[test]
    fn the_link_lists_under_an_article_are_cut() {
        let body = "这是文章的一段正文，讲了一件事情的来龙去脉，写得很长很长。";
        let mut blocks: Vec<Block> = [body, body, body, "最后一段，但愿这是个干净的一年。"]
            .into_iter()
            .chain([
                "·骗子演绎惊天骗局",
                "财经新闻TOP10: ·高管被批捕",
                "·房价走高",
                "·汽油降价",
            ])
            .chain(["网站上的资料仅作参考之用。"])
            .map(|t| Block::new(t, Hint::None))
            .collect();
        cut_trailing_lists(&mut blocks);
        let last = blocks.last().map(|b| b.text.as_str());
        assert_eq!(last, Some("最后一段，但愿这是个干净的一年。"));
        // a list the article goes on after stays
        let mut blocks: Vec<Block> = [body, "·第一项", "·第二项", "·第三项", body, body]
            .into_iter()
            .map(|t| Block::new(t, Hint::None))
            .collect();
        cut_trailing_lists(&mut blocks);
        assert_eq!(blocks.len(), 6);
        // an article that ends on its own points keeps them
        let points = ["·加强组织领导；", "·落实资金保障；", "·强化督导考核；"];
        let mut blocks: Vec<Block> = [body, body, body, body]
            .into_iter()
            .chain(points)
            .map(|t| Block::new(t, Hint::None))
            .collect();
        cut_trailing_lists(&mut blocks);
        assert_eq!(blocks.len(), 7);
    }
}
