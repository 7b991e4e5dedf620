//! HTML pages: the page's metadata (title, date, source, site name) and
//! the blocks of its article. The article's part of the page is found by
//! dom_smoothie (Readability); the HTML block walk reads what it keeps.
//! A page is parsed once: the walk over the whole page comes first, then
//! dom_smoothie works on the same tree.

use dom_query::{Document, NodeData, local_name};

use crate::store::blocks::{Block, Given, Hint, ends_like_sentence, find_date, push_text};
use crate::store::lists::cut_trailing_lists;
use crate::store::markup::{Edge, blocks_of, limit_depth, traverse};
use crate::store::news::{source_line, without_marks};
use crate::store::sources::{pick_source, site_of_title, sources_in, without_site_name};

/// What a page with no findable article is loaded with.
pub const NO_BODY: &str = "no article body found";

/// The blocks of a page, and what its markup says about the article.
pub fn read(text: &str) -> (Vec<Block>, Given) {
    let doc = Document::from(&*limit_depth(text));
    let (page, mut meta) = document(&doc);
    let main = main_content(doc);
    if meta.date.is_none() {
        meta.date = main.as_ref().and_then(|m| m.date.clone());
    }
    let mut note = None;
    let blocks = match main {
        Some(m) if has_body(&m.blocks) => {
            // The lines over the article (`2022-02-13 10:20 来源：某报`) are
            // often outside the part Readability keeps.
            let lines = page.iter().chain(&m.blocks).map(|b| b.text.as_str());
            let found = meta.source.take().into_iter().chain(sources_in(lines));
            meta.source = pick_source(found, meta.site.as_deref());
            if meta.date.is_none() {
                meta.date = date_near_heading(&page, meta.h1.as_deref());
            }
            let mut blocks = with_lead(m.blocks, &page, meta.h1.as_deref());
            cut_trailing_lists(&mut blocks);
            blocks
        }
        _ => {
            note = Some(NO_BODY);
            page
        }
    };
    let given = Given {
        title: meta.h1.or(meta.title),
        date: meta.date,
        source: meta.source,
        site: meta.site,
        note,
        page: true,
    };
    (blocks, given)
}

/// What Readability keeps of a page: its blocks, and the date its JSON-LD
/// or meta tags give.
struct Main {
    blocks: Vec<Block>,
    date: Option<String>,
}

fn main_content(page: Document) -> Option<Main> {
    let mut reader = dom_smoothie::Readability::with_document(page, None, None).ok()?;
    let article = reader.parse().ok()?;
    // The part it keeps is this element of the tree it leaves.
    let kept = reader.doc.select_single("#readability-page-1");
    let root = kept.nodes().first()?.id;
    let blocks = blocks_of(&reader.doc.tree, root, true);
    let date = article.published_time.as_deref().and_then(find_date);
    Some(Main { blocks, date })
}

/// Whether blocks hold a paragraph of running text.
fn has_body(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| {
        b.hint == Hint::None && b.text.chars().count() >= 20 && ends_like_sentence(&b.text)
    })
}

/// `main` with the paragraphs of running text that Readability left above
/// its chosen part, between the page's heading and that part (a lead
/// paragraph in a box of its own).
fn with_lead(main: Vec<Block>, page: &[Block], heading: Option<&str>) -> Vec<Block> {
    let Some(first) = main.first() else {
        return main;
    };
    let Some(at) = page.iter().position(|b| b.text == first.text) else {
        return main;
    };
    let from = heading
        .and_then(|h| page[..at].iter().rposition(|b| b.text == h))
        .map_or(at, |i| i + 1);
    let lead: Vec<Block> = page[from..at]
        .iter()
        .rev()
        .take_while(|b| is_running_text(b))
        .cloned()
        .collect();
    lead.into_iter().rev().chain(main).collect()
}

/// The date on a short line under the page's heading (or near the top of
/// the page when it has none).
fn date_near_heading(page: &[Block], heading: Option<&str>) -> Option<String> {
    let from = heading
        .and_then(|h| page.iter().position(|b| b.text == h))
        .unwrap_or(0);
    page.iter()
        .skip(from)
        .take(12)
        .filter(|b| b.text.chars().count() <= 80)
        .find_map(|b| find_date(&b.text))
}

fn is_running_text(b: &Block) -> bool {
    b.hint == Hint::None && b.text.chars().count() >= 40 && ends_like_sentence(&b.text)
}

/// What an HTML page says about itself.
#[derive(Debug, Default)]
pub struct PageMeta {
    pub title: Option<String>,
    pub h1: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    /// The site's name: the source when the text names none.
    pub site: Option<String>,
}

/// Blocks of a whole HTML document, and its metadata.
pub fn document(doc: &Document) -> (Vec<Block>, PageMeta) {
    let mut meta = PageMeta::default();
    let mut owner = None;
    // The text of the first `title`, gathered while the walk is inside it.
    let mut title: Option<String> = None;
    let mut in_title = false;
    traverse(&doc.tree, doc.root().id, |edge| match edge {
        Edge::Open(NodeData::Element(el)) => match &*el.name.local {
            "title" if meta.title.is_none() => {
                in_title = true;
                title = Some(String::new());
            }
            "meta" => {
                let key = el
                    .attr_ref(local_name!("name"))
                    .or_else(|| el.attr_ref(local_name!("property")))
                    .or_else(|| el.attr_ref(local_name!("itemprop")))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = el
                    .attr_ref(local_name!("content"))
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                else {
                    return;
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
                        meta.date = find_date(content);
                    }
                    // The company or body that owns the site: its name
                    // only where the page names no outlet.
                    "dc.publisher" if owner.is_none() => owner = Some(content.to_string()),
                    "source" | "contentsource" if meta.source.is_none() => {
                        meta.source = source_line(content).or_else(|| Some(content.to_string()));
                    }
                    "og:site_name" if meta.site.is_none() => {
                        meta.site = Some(content.to_string());
                    }
                    _ => {}
                }
            }
            _ => {}
        },
        Edge::Open(NodeData::Text { contents }) if in_title => {
            if let Some(t) = title.as_mut() {
                push_text(t, contents);
            }
        }
        Edge::Close(NodeData::Element(el)) if in_title && &*el.name.local == "title" => {
            in_title = false;
            // An empty title leaves the next one to be read.
            let t = title.take().unwrap_or_default();
            let t = t.trim();
            if !t.is_empty() {
                meta.title = Some(t.to_string());
            }
        }
        _ => {}
    });
    let blocks = blocks_of(&doc.tree, doc.root().id, true);
    // The page's title without the site's and channel's names after it;
    // the article's heading is the `h1` that title holds or is part of (a
    // site may put its name in an `h1` too), else the first.
    let full_title = meta.title.take();
    meta.title = full_title
        .as_deref()
        .map(|t| without_marks(&without_site_name(t)));
    let h1s = || blocks.iter().filter(|b| b.hint == Hint::Title);
    // `标题 松花江网` with the site's name in an `h1` of its own: the
    // title without it, and that `h1` no heading.
    let named = meta.title.as_deref().and_then(|t| {
        h1s().find_map(|b| {
            let head = t.strip_suffix(b.text.as_str())?;
            (head.ends_with(char::is_whitespace) && head.trim().chars().count() >= 4)
                .then(|| (head.trim().to_string(), b.text.clone()))
        })
    });
    if let Some((head, site)) = named {
        meta.site = meta.site.or(Some(site));
        meta.title = Some(head);
    }
    // An `h1` that is not the title is the site's or channel's name when
    // the page's title is a headline of its own.
    let headline = |t: &str| t.chars().count() >= 8 && Some(t) != meta.site.as_deref();
    meta.h1 = match &meta.title {
        Some(t) => h1s()
            .find(|b| t.contains(b.text.as_str()) || b.text.contains(t.as_str()))
            .or_else(|| h1s().next().filter(|_| !headline(t))),
        None => h1s().next(),
    }
    .map(|b| without_marks(&b.text));
    if meta.site.is_none() {
        meta.site = full_title
            .and_then(|t| site_of_title(&t, meta.h1.as_deref()))
            .or(owner);
    }
    (blocks, meta)
}

#[cfg(test)]
mod tests {
    use super::document;
    use dom_query::Document;

    #[test]
    fn the_heading_is_the_h1_the_title_holds() {
        let page = "<html><head><title>寻乌脐橙丰收_新华网</title></head><body>\
            <h1>新华网</h1><h1>寻乌脐橙丰收</h1><p>正文。</p></body></html>";
        assert_eq!(
            document(&Document::from(page)).1.h1.as_deref(),
            Some("寻乌脐橙丰收")
        );
        let page = "<html><head><title>寻乌脐橙丰收_新华网</title></head><body>\
            <p>正文。</p></body></html>";
        let meta = document(&Document::from(page)).1;
        assert_eq!(
            (meta.h1, meta.title.as_deref()),
            (None, Some("寻乌脐橙丰收"))
        );
    }
}
