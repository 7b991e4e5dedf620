//! Text out of HTML: a page or a fragment becomes blocks of text in reading
//! order. Entities are decoded and tags stripped by the HTML parser
//! (html5ever, through `scraper`); links keep their text.

use scraper::{Html, Node};

use super::parse::{Block, Hint, push_text};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "nav", "head", "button", "select",
    "form", "canvas", "object",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "section",
    "article",
    "tr",
    "td",
    "th",
    "pre",
    "dd",
    "dt",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
    "figure",
    "main",
    "aside",
    "center",
    "address",
    "caption",
    "hr",
    "body",
    "html",
];

/// What an HTML page says about itself.
#[derive(Debug, Default)]
pub struct PageMeta {
    pub title: Option<String>,
    pub h1: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
}

/// Deeper nesting than this is flattened before parsing: no article needs
/// it, and the HTML tree builder slows down quadratically with depth.
const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `html` with the tags nested deeper than [`MAX_DEPTH`] left out (their
/// text stays). Borrowed when nothing is that deep.
fn limit_depth(html: &str) -> std::borrow::Cow<'_, str> {
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

/// Blocks of a whole HTML document, and its metadata.
pub fn document(html: &str) -> (Vec<Block>, PageMeta) {
    let doc = Html::parse_document(&limit_depth(html));
    let mut meta = PageMeta::default();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        match el.name() {
            "title" if meta.title.is_none() => {
                let mut t = String::new();
                for d in node.descendants() {
                    if let Node::Text(text) = d.value() {
                        push_text(&mut t, text);
                    }
                }
                let t = t.trim().to_string();
                if !t.is_empty() {
                    meta.title = Some(t);
                }
            }
            "meta" => {
                let key = el
                    .attr("name")
                    .or_else(|| el.attr("property"))
                    .or_else(|| el.attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty())
                else {
                    continue;
                };
                match key.as_str() {
                    "publishdate"
                    | "pubdate"
                    | "date"
                    | "article:published_time"
                    | "datepublished"
                    | "publish_date"
                    | "dc.date"
                        if meta.date.is_none() =>
                    {
                        meta.date = super::parse::find_date(content);
                    }
                    "source" | "og:site_name" | "contentsource" | "dc.publisher"
                        if meta.source.is_none() =>
                    {
                        meta.source = Some(content.to_string());
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let blocks = blocks_of(&doc);
    meta.h1 = blocks
        .iter()
        .find(|b| b.hint == Hint::Title)
        .map(|b| b.text.clone());
    (blocks, meta)
}

/// Blocks of an HTML fragment (a Markdown body written in HTML).
pub fn fragment(html: &str) -> Vec<Block> {
    blocks_of(&Html::parse_fragment(&limit_depth(html)))
}

fn blocks_of(doc: &Html) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut hint = Hint::None;
    let mut skip = 0usize;
    // `traverse` walks the tree without recursion, so deeply nested HTML
    // cannot exhaust the stack.
    for edge in doc.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if SKIPPED.contains(&name) {
                        skip += 1;
                    } else if skip == 0 && name == "br" {
                        flush(&mut blocks, &mut current, hint);
                    } else if skip == 0 && BLOCKS.contains(&name) {
                        flush(&mut blocks, &mut current, hint);
                        hint = match name {
                            "h1" => Hint::Title,
                            "h2" | "h3" | "h4" | "h5" | "h6" => Hint::Heading,
                            "figcaption" | "caption" => Hint::Caption,
                            _ => Hint::None,
                        };
                    } else if skip == 0
                        && name == "img"
                        && let Some(alt) = el.attr("alt").map(str::trim).filter(|a| !a.is_empty())
                    {
                        flush(&mut blocks, &mut current, hint);
                        blocks.push(Block::new(alt, Hint::Caption));
                    }
                }
                Node::Text(text) if skip == 0 => push_text(&mut current, text),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if SKIPPED.contains(&name) {
                        skip = skip.saturating_sub(1);
                    } else if skip == 0 && BLOCKS.contains(&name) {
                        flush(&mut blocks, &mut current, hint);
                        hint = Hint::None;
                    }
                }
            }
        }
    }
    flush(&mut blocks, &mut current, hint);
    blocks
}

fn flush(blocks: &mut Vec<Block>, current: &mut String, hint: Hint) {
    let text = current.trim();
    if !text.is_empty() {
        blocks.push(Block::new(text, hint));
    }
    current.clear();
}
