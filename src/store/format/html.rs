//! HTML pages: the page's metadata (title, date, source, site name) and
//! the blocks of its article, through the HTML block walk.

use scraper::{Html, Node};

use crate::store::blocks::{Block, Given, Hint, find_date, push_text};
use crate::store::markup::{blocks_of, limit_depth};

/// The blocks of a page, and what its markup says about the article.
pub fn read(text: &str) -> (Vec<Block>, Given) {
    let (blocks, meta) = document(text);
    let given = Given {
        title: meta.h1.or(meta.title),
        date: meta.date,
        source: meta.source,
        site: meta.site,
    };
    (blocks, given)
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
                        meta.date = find_date(content);
                    }
                    "source" | "contentsource" | "dc.publisher" if meta.source.is_none() => {
                        meta.source = Some(content.to_string());
                    }
                    "og:site_name" if meta.site.is_none() => {
                        meta.site = Some(content.to_string());
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let blocks = blocks_of(&doc, true);
    // The page's title without the site's and channel's names after it;
    // the article's heading is the `h1` that title holds or is part of (a
    // site may put its name in an `h1` too), else the first.
    meta.title = meta.title.map(|t| without_site_name(&t));
    let h1s = || blocks.iter().filter(|b| b.hint == Hint::Title);
    meta.h1 = match &meta.title {
        Some(t) => h1s()
            .find(|b| t.contains(b.text.as_str()) || b.text.contains(t.as_str()))
            .or_else(|| h1s().next()),
        None => h1s().next(),
    }
    .map(|b| b.text.clone());
    (blocks, meta)
}

/// A page title such as `标题--地方--人民网`, `标题_新华网` or `标题 | 某报`
/// without the names after the article's title.
fn without_site_name(title: &str) -> String {
    let first = ["--", "_", " - ", " – ", " | ", "|", "｜"]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .map_or(title, |i| title[..i].trim());
    // A first part this short is not the title (`新闻_标题`).
    if first.chars().count() >= 4 {
        first.to_string()
    } else {
        title.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{document, without_site_name};

    #[test]
    fn page_titles_lose_the_site_name() {
        assert_eq!(
            without_site_name("广东深圳：对口帮扶见实效--地方--人民网"),
            "广东深圳：对口帮扶见实效"
        );
        assert_eq!(without_site_name("寻乌脐橙丰收_新华网"), "寻乌脐橙丰收");
        assert_eq!(
            without_site_name("深圳—百色：协作十年 | 深圳特区报"),
            "深圳—百色：协作十年"
        );
        assert_eq!(
            without_site_name("深圳—百色：协作十年"),
            "深圳—百色：协作十年"
        );
        assert_eq!(without_site_name("新闻_寻乌脐橙丰收"), "新闻_寻乌脐橙丰收");
    }

    #[test]
    fn the_heading_is_the_h1_the_title_holds() {
        let page = "<html><head><title>寻乌脐橙丰收_新华网</title></head><body>\
            <h1>新华网</h1><h1>寻乌脐橙丰收</h1><p>正文。</p></body></html>";
        assert_eq!(document(page).1.h1.as_deref(), Some("寻乌脐橙丰收"));
        let page = "<html><head><title>寻乌脐橙丰收_新华网</title></head><body>\
            <p>正文。</p></body></html>";
        let meta = document(page).1;
        assert_eq!(
            (meta.h1, meta.title.as_deref()),
            (None, Some("寻乌脐橙丰收"))
        );
    }
}
