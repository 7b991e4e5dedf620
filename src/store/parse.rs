//! Text to article: detects the format (plain text, Markdown with front
//! matter, HTML) from the content, splits paragraphs, and finds the title,
//! subtitle, date, source and captions. The rules are written here because
//! they are particular to Chinese news text.

use std::sync::LazyLock;

use regex::Regex;

use super::html;
use crate::model::{Paragraph, ParagraphKind};

/// What the markup says a block is, before the text rules look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    Title,
    Heading,
    Caption,
}

/// A run of text from the source, in reading order.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    pub hint: Hint,
}

impl Block {
    pub fn new(text: &str, hint: Hint) -> Block {
        Block {
            text: text.trim().to_string(),
            hint,
        }
    }
}

/// An article's text and metadata, before it gets its id and path.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub title: String,
    pub subtitle: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub format: &'static str,
}

/// Metadata the markup gave, overriding what the text rules would find.
#[derive(Debug, Default)]
struct Given {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    /// The site's name, the source when neither the markup nor the text
    /// names one.
    site: Option<String>,
}

/// A character two columns wide (CJK), where a line break is only wrapping.
fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// Appends `text` to `buf`, collapsing each run of white space to one
/// space; a run with a line break between two CJK characters becomes nothing,
/// as in the source it was only wrapping.
pub fn push_text(buf: &mut String, text: &str) {
    let is_space = |c: char| c.is_whitespace() && c != '\u{3000}' && c != '\u{a0}';
    let mut rest = text;
    while !rest.is_empty() {
        let ws_len = rest.len() - rest.trim_start_matches(is_space).len();
        if ws_len > 0 {
            let run = &rest[..ws_len];
            rest = &rest[ws_len..];
            let before = buf.chars().next_back();
            let after = rest.chars().next();
            let joins_cjk =
                run.contains('\n') && before.is_some_and(is_wide) && after.is_some_and(is_wide);
            if before.is_some_and(|c| c != ' ') && !joins_cjk {
                buf.push(' ');
            }
            continue;
        }
        let word_len = rest.find(is_space).unwrap_or(rest.len());
        buf.push_str(&rest[..word_len]);
        rest = &rest[word_len..];
    }
}

/// Parses decoded text. `name` is the file name, whose extension is a hint
/// only: the content decides.
pub fn parse(text: &str, name: &str) -> Result<Parsed, String> {
    let text = normalise_line_ends(text);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let (blocks, given, format) = if let Some((front, body)) = split_front_matter(&text) {
        let given = front_matter(front);
        // Markdown bodies may be written in HTML, or mix the two: the
        // Markdown reader hands HTML blocks to the HTML reader.
        (markdown(body), given, "markdown")
    } else if is_html_document(&text)
        || (matches!(ext.as_str(), "html" | "htm" | "xhtml") && looks_like_html(&text))
    {
        let (blocks, meta) = html::document(&text);
        let given = Given {
            title: meta.h1.or(meta.title),
            date: meta.date,
            source: meta.source,
            site: meta.site,
        };
        (blocks, given, "html")
    } else if matches!(ext.as_str(), "md" | "markdown") {
        (markdown(&text), Given::default(), "markdown")
    } else {
        (plain(&text), Given::default(), "text")
    };
    let mut parsed = assemble(blocks, given, format == "html");
    parsed.format = format;
    if parsed.title.is_empty() && parsed.paragraphs.is_empty() {
        return Err("no text in it".to_string());
    }
    Ok(parsed)
}

fn normalise_line_ends(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn plain(text: &str) -> Vec<Block> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .map(|l| Block::new(l, Hint::None))
        .collect()
}

/// `---` front matter `---` then the body.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
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
    let docs = match yaml_rust2::YamlLoader::load_from_str(front) {
        Ok(docs) => docs,
        // Front matter that is not valid YAML still often has `key: value`
        // lines worth reading.
        Err(_) => return front_matter_lines(front),
    };
    let Some(doc) = docs.first() else {
        return given;
    };
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

fn looks_like_html(body: &str) -> bool {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)<(p|div|br|h[1-6]|span|img|section|article|table|strong|li)[\s>/]")
            .expect("valid regex")
    });
    TAG.is_match(body)
}

fn is_html_document(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") && head.contains("<html"))
        || (head.starts_with("<!--") && head.contains("<html"))
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
                blocks.extend(html::fragment(&html_block));
                html_block.clear();
            }
            Event::InlineHtml(h) if h.to_ascii_lowercase().starts_with("<br") => {
                flush(&mut blocks, &mut current, hint, image_only)
            }
            _ => {}
        }
    }
    if !html_block.is_empty() {
        blocks.extend(html::fragment(&html_block));
    }
    flush(&mut blocks, &mut current, hint, image_only);
    blocks
}

/// A full date in `s` (`2023年5月12日`, `2023-05-12`, `2023/5/12`,
/// `2023.05.12`), as `YYYY-MM-DD`.
pub fn find_date(s: &str) -> Option<String> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"((?:19|20)\d{2})\s*(?:年\s*|[-/.])(\d{1,2})\s*(?:月\s*|[-/.])(\d{1,2})(?:\s*日|\D|$)",
        )
        .expect("valid regex")
    });
    DATE.captures_iter(s).find_map(|c| {
        let y: u32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        let d: u32 = c[3].parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

/// `来源：深圳特区报`, `（文章来源：寻乌县融媒体中心）`, `来源:《...》`, and
/// the line of a news page that gives the time first:
/// `2024年03月12日08:21 | 来源：人民网`.
fn source_line(s: &str) -> Option<String> {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(.*?)[（(【\[]?\s*(?:文章|信息|稿件|新闻|本文)?来\s*源\s*[：:]\s*(.+?)\s*[）)】\]]?$",
        )
        .expect("valid regex")
    });
    if s.chars().count() > 80 {
        return None;
    }
    let c = SOURCE.captures(s)?;
    // Before `来源` only a date and time may stand, not words of a sentence
    // (`资金来源：…`).
    let before = c[1].trim();
    if !before.is_empty() && (find_date(before).is_none() || before.contains(['。', '，', ','])) {
        return None;
    }
    let mut v = c[2].trim().to_string();
    // `来源：某报 作者：某某`, `来源：某网 | 编辑：某某` keep only the source.
    for stop in [
        " 作者",
        " 编辑",
        " 记者",
        " 责任编辑",
        " 浏览",
        " 点击",
        " 阅读",
        " 字号",
        " 发布",
        "|",
        "｜",
        "丨",
        "　",
        "  ",
    ] {
        if let Some(i) = v.find(stop) {
            v.truncate(i);
        }
    }
    let v = v.trim().to_string();
    (!v.is_empty()).then_some(v)
}

/// Image captions and scraping leftovers.
fn is_caption(s: &str) -> bool {
    static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:转存图片|图为|图：|图:|▲|△|上图|下图|左图|右图|图片来源|（图片来源|\(图片来源)",
            r"|转存图片$",
            r"|图\s*[/／]\s*[^\s，。,；]{1,16}\s*$",
            r"|[（(]\s*(?:[^（）()]{0,16}\s)?(?:摄|供图|图|图片)\s*[/／:：]?\s*[^（）()]{0,16}[）)]\s*$",
            r"|(?:摄影?|供图)\s*[/／:：]\s*[^\s，。]{1,12}\s*$",
        ))
        .expect("valid regex")
    });
    CAPTION.is_match(s.trim())
}

pub(super) fn ends_like_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| "。！？；…!?;”\"’）)．.".contains(c))
}

/// A bare label such as `寻乌县城` under a photo: a few characters, no
/// spaces or punctuation. Section titles are longer or come in two parts.
fn is_place_label(s: &str) -> bool {
    let s = s.trim();
    (2..=8).contains(&s.chars().count())
        && s.chars().all(|c| {
            !c.is_whitespace() && !c.is_ascii_punctuation() && !"，。、：；！？“”（）".contains(c)
        })
}

/// A short line that reads as a section title rather than running text.
fn is_heading(s: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^[（(【\[]?\s*(?:责任编辑|责编|编辑|审核|审校|校对|监制|统筹|作者|记者|通讯员",
            r"|摄影|摄像|出品|策划|制作|排版|设计|文字|图片|撰稿|初审|复审|终审|原标题|文|图)",
            r"\s*[：:丨|｜/／]",
        ))
        .expect("valid regex")
    });
    let n = s.chars().count();
    (2..=40).contains(&n)
        && !ends_like_sentence(s)
        && !s.ends_with(['：', ':', '，', ','])
        && find_date(s).is_none()
        // Credits (`编辑：张三`) are a line of text, not a title.
        && !CREDIT.is_match(s)
}

/// A line of a date and a name or two, no sentence: `寻乌发布 2023-11-20`.
fn is_dateline(s: &str) -> bool {
    s.chars().count() <= 40
        && find_date(s).is_some()
        && !s.contains(['。', '，', '！', '？', '；', ',', ';', '!', '?'])
}

/// A title is a line, not a paragraph: from a long first block, the first
/// sentence (shortened if need be).
fn title_from(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let sentence: String = s
        .split_inclusive(['。', '！', '？', '!', '?'])
        .next()
        .unwrap_or(s)
        .trim_end_matches(['。', '！', '？', '!', '?'])
        .to_string();
    if sentence.chars().count() <= MAX {
        return sentence;
    }
    let mut t: String = sentence.chars().take(MAX - 1).collect();
    t.push('…');
    t
}

/// `page`: the blocks are a web page's, whose line under the title gives
/// the date and the account or author (`寻乌发布 2023-11-20 18:30`).
fn assemble(blocks: Vec<Block>, given: Given, page: bool) -> Parsed {
    let mut parsed = Parsed {
        date: given.date,
        source: given.source,
        ..Parsed::default()
    };
    let mut blocks: Vec<Block> = blocks.into_iter().filter(|b| !b.text.is_empty()).collect();

    // Source lines are metadata, not text (with the date some give first).
    blocks.retain(|b| match source_line(&b.text) {
        Some(src) => {
            if parsed.source.is_none() {
                parsed.source = Some(src);
            }
            if parsed.date.is_none() {
                parsed.date = find_date(&b.text);
            }
            false
        }
        None => true,
    });
    if parsed.source.is_none() {
        parsed.source = given.site;
    }

    // The title: what the markup says, else the first block that is not a
    // caption. A title block from the markup leaves the body.
    let mut title_at = None;
    if let Some(t) = given.title {
        parsed.title = t;
        title_at = blocks
            .iter()
            .position(|b| b.text == parsed.title)
            .filter(|&i| i < 3);
    } else if let Some(i) = blocks
        .iter()
        .position(|b| b.hint != Hint::Caption && !is_caption(&b.text))
    {
        parsed.title = title_from(&blocks[i].text);
        if parsed.title == blocks[i].text {
            title_at = Some(i);
        }
    }
    let mut next = 0;
    if let Some(i) = title_at {
        blocks.remove(i);
        next = i;
    }
    if page
        && let Some(b) = blocks.get(next)
        && is_dateline(&b.text)
    {
        if parsed.date.is_none() {
            parsed.date = find_date(&b.text);
        }
        blocks.remove(next);
    }
    // A subtitle (`——写在...之际`) follows the title.
    if let Some(b) = blocks.get(next) {
        let t = b.text.trim();
        if (t.starts_with("——") || t.starts_with("—") || t.starts_with("--"))
            && t.chars().count() <= 80
        {
            parsed.subtitle = Some(t.to_string());
            blocks.remove(next);
        }
    }

    if parsed.date.is_none() {
        let n = blocks.len();
        let near_ends = (0..n.min(6)).chain(n.saturating_sub(6)..n);
        parsed.date = near_ends
            .filter(|&i| blocks[i].text.chars().count() <= 60)
            .find_map(|i| find_date(&blocks[i].text))
            .or_else(|| {
                // A dateline at the start of the first paragraph.
                blocks.first().and_then(|b| {
                    let head: String = b.text.chars().take(30).collect();
                    find_date(&head)
                })
            });
    }

    let count = blocks.len();
    let mut after_image = false;
    let mut after_caption = false;
    parsed.paragraphs = blocks
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let image_marker = b.text.starts_with("转存图片");
            let kind = match b.hint {
                Hint::Caption => ParagraphKind::Caption,
                _ if is_caption(&b.text) => ParagraphKind::Caption,
                // The line under an image placeholder, or a short line that
                // is not a sentence yet holds a full stop, describes a photo.
                Hint::None
                    if is_heading(&b.text)
                        && (after_image
                            || b.text.contains('。')
                            || (after_caption && is_place_label(&b.text))) =>
                {
                    ParagraphKind::Caption
                }
                Hint::Title | Hint::Heading => ParagraphKind::Heading,
                // The last line of an article is a closing remark or a
                // credit, not a heading over nothing.
                Hint::None if i + 1 < count && is_heading(&b.text) => ParagraphKind::Heading,
                Hint::None => ParagraphKind::Body,
            };
            after_image = image_marker;
            after_caption = kind == ParagraphKind::Caption;
            Paragraph {
                kind,
                text: b.text.into(),
            }
        })
        .collect();
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_their_usual_forms() {
        assert_eq!(
            find_date("2023年5月12日 10:20").as_deref(),
            Some("2023-05-12")
        );
        assert_eq!(
            find_date("发布时间：2022-01-10 08:03").as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(find_date("2021/3/9").as_deref(), Some("2021-03-09"));
        assert_eq!(find_date("2018年5月，在中央").as_deref(), None);
        assert_eq!(find_date("2023年13月1日"), None);
    }

    #[test]
    fn sources_in_their_usual_forms() {
        assert_eq!(
            source_line("来源：深圳特区报").as_deref(),
            Some("深圳特区报")
        );
        assert_eq!(
            source_line("（文章来源：寻乌县融媒体中心）").as_deref(),
            Some("寻乌县融媒体中心")
        );
        assert_eq!(
            source_line("来源:《“百千万工程”广东实践》").as_deref(),
            Some("《“百千万工程”广东实践》")
        );
        assert_eq!(source_line("资金来源于中央财政，共计三亿元。"), None);
        assert_eq!(source_line("资金来源：中央财政"), None);
        assert_eq!(
            source_line("2024年03月12日08:21 | 来源：人民网－广西频道").as_deref(),
            Some("人民网－广西频道")
        );
        assert_eq!(
            source_line("发布时间：2024-03-12 08:21:00　来源：新华网　作者：张三").as_deref(),
            Some("新华网")
        );
        assert_eq!(
            source_line("来源：赣南日报 | 编辑：李四").as_deref(),
            Some("赣南日报")
        );
        assert_eq!(
            source_line("发布日期：2023-11-20 16:30 信息来源：寻乌县人民政府 浏览次数：123")
                .as_deref(),
            Some("寻乌县人民政府")
        );
    }

    #[test]
    fn captions_are_recognised() {
        assert!(is_caption("转存图片"));
        assert!(is_caption(
            "大沙河已成为生态建设的生动缩影,这里是好去处。图/李玉龙"
        ));
        assert!(is_caption("图为寻乌县航拍。"));
        assert!(is_caption("寻乌县城一角（李明 摄）"));
        assert!(!is_caption("图书馆里，孩子们正在读书。"));
        assert!(!is_caption("深圳投入帮扶资金3.86亿元"));
    }

    #[test]
    fn lines_join_without_spaces_between_cjk() {
        let mut s = String::new();
        push_text(&mut s, "深圳\n寻乌 and\nmore");
        assert_eq!(s, "深圳寻乌 and more");
    }
}
