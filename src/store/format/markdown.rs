//! Markdown, with or without YAML front matter (the form web clippers
//! save): the front matter gives the metadata, the body its blocks. HTML
//! inside the body goes through the HTML block walk.

use crate::store::blocks::{Block, Given, Hint, find_date, is_wide, push_text};
use crate::store::markup;

/// The blocks of a Markdown file, and what its front matter gives.
pub fn read(text: &str) -> (Vec<Block>, Given) {
    match split_front_matter(text) {
        Some((front, body)) => (markdown(body), front_matter(front)),
        None => (markdown(text), Given::default()),
    }
}

/// `---` front matter `---` then the body.
pub fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_start_matches(['\n', ' ', '\t']);
    let rest = t.strip_prefix("---")?;
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.trim_start_matches([' ', '\t']).strip_prefix('\n'))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return Some((&rest[..at], &rest[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

fn yaml_string(y: &yaml_rust2::Yaml) -> Option<String> {
    use yaml_rust2::Yaml;
    match y {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Real(r) => Some(r.clone()),
        Yaml::Array(a) => a.iter().find_map(yaml_string),
        _ => None,
    }
    .map(|s| s.trim().to_string())
    .filter(|s| !s.is_empty())
}

fn front_matter(front: &str) -> Given {
    let mut given = Given::default();
    let doc = match crate::store::yaml::load(front) {
        Ok(doc) => doc,
        // Front matter that is not valid YAML still often has `key: value`
        // lines worth reading; so has YAML too large to load (an alias
        // bomb), read the same way, line by line, in bounded memory.
        Err(_) => return front_matter_lines(front),
    };
    let doc = &doc;
    let get = |key: &str| yaml_string(&doc[key]);
    given.title = get("title");
    given.date = ["date", "published", "pubdate", "created"]
        .iter()
        .find_map(|k| get(k).and_then(|d| find_date(&d)));
    // Web clippers put the page's address under `source`: a name, where
    // one is given, says more.
    let names: Vec<String> = ["source", "publisher", "site", "author", "from"]
        .iter()
        .filter_map(|k| get(k))
        .map(|v| {
            v.trim_start_matches("[[")
                .trim_end_matches("]]")
                .trim()
                .to_string()
        })
        .filter(|v| !v.is_empty())
        .collect();
    given.source = names
        .iter()
        .find(|v| site_of(v).is_none())
        .or(names.first())
        .map(|v| site_of(v).unwrap_or(v).to_string());
    given
}

/// The host of a web address (`www.sznews.com`); `None` for anything else.
fn site_of(v: &str) -> Option<&str> {
    let rest = v
        .strip_prefix("http://")
        .or_else(|| v.strip_prefix("https://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

fn front_matter_lines(front: &str) -> Given {
    let mut given = Given::default();
    for line in front.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().trim_matches(['"', '\'']).trim();
        if v.is_empty() {
            continue;
        }
        match k.trim() {
            "title" => given.title = Some(v.to_string()),
            "date" => given.date = find_date(v),
            "source" => given.source = Some(v.to_string()),
            _ => {}
        }
    }
    given
}

/// Blocks of a Markdown body (inline or block HTML in it goes through the
/// HTML reader).
fn markdown(body: &str) -> Vec<Block> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut hint = Hint::None;
    let mut html_block = String::new();
    let mut image_only = true;
    let mut soft_break = false;
    let flush = |blocks: &mut Vec<Block>, current: &mut String, hint: Hint, image_only: bool| {
        let t = current.trim();
        if !t.is_empty() {
            let h = if image_only && hint == Hint::None {
                Hint::Caption
            } else {
                hint
            };
            blocks.push(Block::new(t, h));
        }
        current.clear();
    };
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut blocks, &mut current, hint, false);
                hint = if level == pulldown_cmark::HeadingLevel::H1 {
                    Hint::Title
                } else {
                    Hint::Heading
                };
                image_only = false;
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::BlockQuote(_)) => {
                flush(&mut blocks, &mut current, hint, image_only);
                hint = Hint::None;
                image_only = false;
            }
            Event::Start(Tag::Image { .. }) if current.trim().is_empty() => image_only = true,
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::BlockQuote(_),
            ) => {
                flush(&mut blocks, &mut current, hint, image_only);
                hint = Hint::None;
                image_only = false;
            }
            Event::Text(t) | Event::Code(t) => {
                if soft_break {
                    // A soft line break is a space in Latin text only.
                    let before = current.chars().next_back();
                    let after = t.chars().next();
                    if !(before.is_some_and(is_wide) && after.is_some_and(is_wide)) {
                        current.push(' ');
                    }
                    soft_break = false;
                }
                push_text(&mut current, &t);
            }
            Event::SoftBreak => soft_break = true,
            Event::HardBreak => flush(&mut blocks, &mut current, hint, image_only),
            Event::Html(h) => html_block.push_str(&h),
            Event::End(TagEnd::HtmlBlock) => {
                blocks.extend(markup::fragment(&html_block));
                html_block.clear();
            }
            Event::InlineHtml(h) if h.to_ascii_lowercase().starts_with("<br") => {
                flush(&mut blocks, &mut current, hint, image_only)
            }
            _ => {}
        }
    }
    if !html_block.is_empty() {
        blocks.extend(markup::fragment(&html_block));
    }
    flush(&mut blocks, &mut current, hint, image_only);
    blocks
}
