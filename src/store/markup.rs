//! Text out of HTML: a page or a fragment becomes blocks of text in reading
//! order. Entities are decoded and tags stripped by the HTML parser
//! (html5ever, through `dom_query`, the tree dom_smoothie works on, so a
//! page is parsed once); links keep their text.

use dom_query::{Document, NodeData, NodeId, Tree, local_name};

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Block, Hint, ends_like_sentence, push_text};
use super::news::source_line;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "nav", "head", "button", "select",
    "form", "canvas", "object",
];

/// Deeper nesting than this is flattened before parsing: no article needs
/// it, and the HTML tree builder slows down quadratically with depth.
const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `html` with the tags nested deeper than [`MAX_DEPTH`] left out (their
/// text stays). Borrowed when nothing is that deep.
pub fn limit_depth(html: &str) -> std::borrow::Cow<'_, str> {
    // One pass over the tags: (start, end, depth change).
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + off;
        let Some(len) = memchr::memchr(b'>', &bytes[start..]) else {
            break;
        };
        let end = start + len + 1;
        at = end;
        let tag = &html[start + 1..end - 1];
        if tag.starts_with('!') || tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || VOID.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if depth > MAX_DEPTH {
                drop.push((start, end));
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > MAX_DEPTH {
                drop.push((start, end));
            }
        }
    }
    if drop.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in drop {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    std::borrow::Cow::Owned(out)
}

/// Blocks of an HTML fragment (a Markdown body written in HTML).
pub fn fragment(html: &str) -> Vec<Block> {
    let doc = Document::fragment(&*limit_depth(html));
    blocks_of(&doc.tree, doc.root().id, false)
}

/// One step of a walk through a tree: into a node, or out of it.
pub enum Edge<'a> {
    Open(&'a NodeData),
    Close(&'a NodeData),
}

/// Walks the nodes under `root` (and `root`) in document order, telling
/// `f` of each node entered and left. Without recursion, so deeply nested
/// HTML cannot exhaust the stack.
pub fn traverse(tree: &Tree, root: NodeId, mut f: impl FnMut(Edge<'_>)) {
    let mut node = root;
    'down: loop {
        let first = tree.query_node(&node, |n| {
            f(Edge::Open(&n.data));
            n.first_child
        });
        if let Some(Some(child)) = first {
            node = child;
            continue;
        }
        loop {
            let (next, parent) = tree
                .query_node(&node, |n| {
                    f(Edge::Close(&n.data));
                    (n.next_sibling, n.parent)
                })
                .unwrap_or((None, None));
            if node == root {
                break 'down;
            }
            match (next, parent) {
                (Some(sibling), _) => {
                    node = sibling;
                    continue 'down;
                }
                (None, Some(up)) => node = up,
                (None, None) => break 'down,
            }
        }
    }
}

/// `text.chars().filter(|c| !c.is_whitespace()).count()`, counted in
/// bytes: the bytes that start a character and are no ASCII space, less
/// the spaces beyond ASCII (each led by one of four bytes).
fn non_space_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    let starts = super::blocks::count_bytes(bytes, |b| {
        let ascii_space = matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
        (b & 0xc0) != 0x80 && !ascii_space
    });
    let wide_spaces = memchr::memchr2_iter(0xc2, 0xe1, bytes)
        .chain(memchr::memchr2_iter(0xe2, 0xe3, bytes))
        .filter(|&i| {
            text.get(i..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_whitespace)
        })
        .count();
    starts - wide_spaces
}

/// Whether an element starts and ends a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "blockquote"
            | "figcaption"
            | "section"
            | "article"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "dd"
            | "dt"
            | "header"
            | "footer"
            | "table"
            | "ul"
            | "ol"
            | "figure"
            | "main"
            | "aside"
            | "center"
            | "address"
            | "caption"
            | "hr"
            | "body"
            | "html"
    )
}

/// Text of a block so far, and how much of it is link text.
#[derive(Default)]
struct Current {
    text: String,
    /// Characters other than spaces, and those of them inside links.
    chars: usize,
    link_chars: usize,
}

/// The blocks of the part of a document or fragment under `root`. A whole
/// page (`page`) also holds what surrounds its article: sidebars (`aside`),
/// menus and lists of links to other pages, breadcrumbs and the copyright
/// notice; those are left out.
pub fn blocks_of(tree: &Tree, root: NodeId, page: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = Current::default();
    let mut hint = Hint::None;
    let mut skip = 0usize;
    let mut in_link = 0usize;
    let skipped = |name: &str| SKIPPED.contains(&name) || (page && name == "aside");
    let flush = |blocks: &mut Vec<Block>, current: &mut Current, hint: Hint| {
        let text = current.text.trim();
        let furniture = page && is_page_furniture(text, current, hint);
        if !text.is_empty() && !furniture {
            blocks.extend(indented_paragraphs(text).map(|t| Block::new(t, hint)));
        }
        *current = Current::default();
    };
    traverse(tree, root, |edge| match edge {
        Edge::Open(NodeData::Element(el)) => {
            let name: &str = &el.name.local;
            if skipped(name) {
                skip += 1;
            } else if skip == 0 && name == "a" && el.has_attr("href") {
                in_link += 1;
            } else if skip == 0 && (name == "br" || is_block(name)) && joins(&current, hint) {
                // A headline set in two parts (`<h1>标题<div>副题</div></h1>`)
                // is one line.
                current.text.push(' ');
            } else if skip == 0 && name == "br" {
                flush(&mut blocks, &mut current, hint);
            } else if skip == 0 && is_block(name) {
                flush(&mut blocks, &mut current, hint);
                hint = match name {
                    "h1" => Hint::Title,
                    "h2" | "h3" | "h4" | "h5" | "h6" => Hint::Heading,
                    "figcaption" | "caption" => Hint::Caption,
                    _ => Hint::None,
                };
            } else if skip == 0
                && name == "img"
                && let Some(alt) = el
                    .attr_ref(local_name!("alt"))
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
            {
                flush(&mut blocks, &mut current, hint);
                blocks.push(Block::new(alt, Hint::Caption));
            }
        }
        Edge::Open(NodeData::Text { contents }) if skip == 0 => {
            let text: &str = contents;
            let n = non_space_chars(text);
            current.chars += n;
            if in_link > 0 {
                current.link_chars += n;
            }
            push_text(&mut current.text, text)
        }
        Edge::Close(NodeData::Element(el)) => {
            let name: &str = &el.name.local;
            if skipped(name) {
                skip = skip.saturating_sub(1);
            } else if skip == 0 && name == "a" && el.has_attr("href") {
                in_link = in_link.saturating_sub(1);
            } else if skip == 0
                && is_block(name)
                && !matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                && joins(&current, hint)
            {
                current.text.push(' ');
            } else if skip == 0 && is_block(name) {
                flush(&mut blocks, &mut current, hint);
                hint = Hint::None;
            }
        }
        _ => {}
    });
    flush(&mut blocks, &mut current, hint);
    blocks
}

/// The paragraphs of a block whose markup was lost, told by the two
/// ideographic spaces that indent each (`…一年。　　历史总是…`): only after
/// a sentence's end, so a spaced-out name or heading stays whole.
fn indented_paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = rest.match_indices("\u{3000}\u{3000}").find_map(|(i, _)| {
            let before = rest[..i].trim_end_matches('\u{3000}');
            (!before.is_empty() && ends_like_sentence(before)).then_some(i)
        });
        let (head, tail) = match cut {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        rest = tail.trim_start_matches(|c: char| c.is_whitespace());
        Some(head.trim())
    })
    .filter(|t| !t.is_empty())
}

/// Whether a block element inside a heading continues it: the heading has
/// begun and is still a line's length (a heading left open does not take
/// in the page).
fn joins(current: &Current, hint: Hint) -> bool {
    matches!(hint, Hint::Title | Hint::Heading)
        && !current.text.trim().is_empty()
        && current.text.chars().count() <= 40
}

/// Whether a block of a page is not the article's: mostly link text that
/// is not a sentence (menus, lists of other articles, "next article"
/// links), a breadcrumb trail, or the site's copyright notice.
fn is_page_furniture(text: &str, current: &Current, hint: Hint) -> bool {
    static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[：:]",
            r"|版权所有|Copyright|©|ICP备|ICP证|公网安备",
            r"|未经.{0,12}(?:授权|许可).{0,8}(?:转载|使用|复制|镜像)",
            r"|^阅读原文|^微信扫一扫|关注该公众号|^分享到\s*[：:]|长按(?:识别)?二维码|扫码关注",
            r"|^[【\[]?\s*字[体号]\s*[：:]?\s*[【\[]?大[】\]]?\s*[【\[]?中|打印本页|关闭窗口",
        ))
        .expect("valid regex")
    });
    if matches!(hint, Hint::Title | Hint::Caption) {
        return false;
    }
    // A source line's name is often a link to the paper (`来源：[新京报]`).
    let links = current.link_chars * 10 >= current.chars * 6
        && !ends_like_sentence(text)
        && source_line(text).is_none();
    links || (text.chars().count() <= 100 && FURNITURE.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_other_than_spaces_are_counted_as_chars_counts_them() {
        let alphabet = [
            'a', ' ', '\t', '\n', '\u{b}', '\u{85}', '\u{a0}', '\u{1680}', '\u{2003}', '\u{2028}',
            '\u{202f}', '\u{205f}', '\u{3000}', '。', '“', '寻', 'é', '𝄞', '\u{1c}',
        ];
        let mut rng = fastrand::Rng::with_seed(9);
        for _ in 0..20_000 {
            let text: String = (0..rng.usize(0..600))
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            let want = text.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(non_space_chars(&text), want, "{text:?}");
        }
    }

    #[test]
    fn indented_paragraphs_run_together_are_told_apart() {
        let blocks = fragment("<div>　　一年过去了。　　历史总是由细节串在一起。</div>");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["一年过去了。", "历史总是由细节串在一起。"]);
        let blocks = fragment("<p>深圳　　百色</p>");
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn a_headline_in_two_parts_is_one_heading() {
        let page = Document::from(
            "<html><body><h1>税收优惠政策延续<div>预计减负180亿元</div></h1><p>正文。</p></body></html>",
        );
        let blocks = blocks_of(&page.tree, page.root().id, true);
        assert_eq!(blocks[0].text, "税收优惠政策延续 预计减负180亿元");
        assert_eq!(blocks[0].hint, Hint::Title);
        assert_eq!(blocks[1].text, "正文。");
    }

    #[test]
    fn a_source_line_whose_name_is_a_link_stays() {
        let page = Document::from(
            "<html><body><div>来源:<a href=\"/x\">中国新闻网</a></div><p>正文。</p></body></html>",
        );
        assert_eq!(
            blocks_of(&page.tree, page.root().id, true)[0].text,
            "来源:中国新闻网"
        );
    }
}
