//! Where a page names its publisher: every candidate line (`来源：…`, a
//! label with its value on the next line, a dateline's name, a source
//! after the last sentence), the site's name in the title, and the choice
//! among them of the paper over the portal that reprints it, and the title
//! without the site's name.

use std::sync::LazyLock;

use regex::Regex;

use super::news::{may_name_source, publisher, source_line, without_title_marks};

/// The sources a page's lines name, in reading order: each `来源：…`-style
/// line, a label (`来源：`) whose value the page set on the next line, and
/// a line of a date and a name only (`2005年03月31日03:18 北京娱乐信报`).
pub fn sources_in<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut found = Vec::new();
    let mut label: Option<&str> = None;
    for line in lines {
        let line = line.trim();
        if let Some(l) = label.take()
            && line.chars().count() <= 30
            && !line.contains(['。', '，', '！', '？'])
            && let Some(s) = source_line(&format!("{l}{line}"))
        {
            found.push(s);
            continue;
        }
        // A line without the words of a source can only be a dateline.
        let may = may_name_source(line);
        let named = |read: fn(&str) -> Option<String>| may.then(|| read(line)).flatten();
        if let Some(s) = named(source_line)
            .or_else(|| dateline_source(line))
            .or_else(|| named(closing_source))
        {
            found.push(s);
        } else if line.ends_with("来源：") || line.ends_with("来源:") {
            label = Some(line);
        }
    }
    found
}

/// A source named after the last sentence of a paragraph
/// (`…纸里包不住火。转自《北京科技报》`, `…一年。（来源：新华网）`).
fn closing_source(s: &str) -> Option<String> {
    static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"[。！？”]\s*[（(【\[]?\s*(?:(?:文章|稿件|本文)?来\s*源\s*[：:]|转载?自|摘自)",
            r"\s*([^\s\[【（()）\]】，。]{2,24})",
        ))
        .expect("valid regex")
    });
    if !may_name_source(s) {
        return None;
    }
    let c = CLOSING.captures_iter(s).last()?;
    Some(without_title_marks(&c[1]).to_string())
}

/// The publisher a page names, from its candidates in order of trust (meta
/// tags, then its lines): the first that is a publisher's name and not
/// the site's own (a portal names itself over a reprint whose 来源 line
/// names the paper), else the first, else the site's name.
pub fn pick_source(
    candidates: impl IntoIterator<Item = String>,
    site: Option<&str>,
) -> Option<String> {
    let names: Vec<String> = candidates
        .into_iter()
        .filter_map(|c| publisher(&c))
        .collect();
    let site = site.and_then(publisher);
    let own = |n: &str| {
        site.as_deref()
            .is_some_and(|s| n.starts_with(s) || (n.chars().count() >= 2 && s.contains(n)))
    };
    names
        .iter()
        .find(|n| !own(n))
        .or(names.first())
        .cloned()
        .or(site)
}

/// The name after the date on a dateline that gives nothing else
/// (`2022-02-13 09:57 光明网`, `2005年03月21日 11:21 《理财周刊》`).
pub fn dateline_source(s: &str) -> Option<String> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:\S+\s+)?(?:19|20)\d{2}(?:\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})",
            r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s+([\p{Han}A-Za-z《》·]{2,16})$",
        ))
        .expect("valid regex")
    });
    if s.len() > 60 * 4 || s.chars().count() > 60 || !s.contains(char::is_whitespace) {
        return None;
    }
    let name = LINE.captures(s)?.get(1)?.as_str();
    // `星期一`, `更新` and the like say when, not who.
    let when = ["星期", "周", "更新", "发布", "上午", "下午"];
    (!when.iter().any(|w| name.starts_with(w))).then(|| without_title_marks(name).to_string())
}

/// The site's name in a page's title (`标题_新华网`, `标题 - BBC中文网 -
/// 两岸三地`, `北医新闻网_(新闻)`): of the parts that are not the
/// headline (`heading`, when known), the one named like a medium
/// (`…网`, `…报`), else the last.
pub fn site_of_title(title: &str, heading: Option<&str>) -> Option<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:-{1,2}|_+|\s[–—]\s|[|｜])\s*").expect("valid regex"));
    let parts: Vec<&str> = SEP.split(title).map(str::trim).collect();
    if parts.len() < 2 {
        return None;
    }
    let is_headline = |i: usize, p: &str| match heading {
        Some(h) => !h.is_empty() && (p.contains(h) || h.contains(p)),
        None => i == 0,
    };
    let names: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|&(i, p)| !is_headline(i, p))
        .map(|(_, p)| p.trim_matches(|c: char| "()（）[]【】".contains(c)))
        .filter(|p| {
            (2..=16).contains(&p.chars().count()) && !p.contains(|c: char| c.is_ascii_digit())
        })
        .collect();
    let medium = |p: &&&str| p.ends_with(['网', '报', '台', '社', '刊']);
    names
        .iter()
        .find(medium)
        .or(names.last())
        .map(|p| p.to_string())
}

/// A page title such as `标题--地方--人民网`, `标题_新华网` or `标题 | 某报`
/// without the names after the article's title.
pub fn without_site_name(title: &str) -> String {
    // `标题-某某财经`: a bare hyphen only before a short name without digits
    // (not in `2022-2023赛季`).
    if let Some((head, tail)) = title.rsplit_once('-')
        && head.chars().count() >= 6
        && (2..=12).contains(&tail.chars().count())
        && !tail
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_whitespace())
        && !head.ends_with('-')
    {
        return without_site_name(head.trim());
    }
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
    use super::*;

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
        assert_eq!(
            without_site_name("劳伦斯：一个无法定义的“洛克菲勒”-搜狐财经"),
            "劳伦斯：一个无法定义的“洛克菲勒”"
        );
        assert_eq!(
            without_site_name("2022-2023赛季中超联赛开幕"),
            "2022-2023赛季中超联赛开幕"
        );
    }

    #[test]
    fn reprint_lines_name_their_source() {
        assert_eq!(
            source_line("转自《北京科技报》").as_deref(),
            Some("《北京科技报》")
        );
        assert_eq!(source_line("本文来源于新华网").as_deref(), Some("新华网"));
        assert_eq!(source_line("稿源：南方日报").as_deref(), Some("南方日报"));
        assert_eq!(source_line("他转自一位朋友的消息"), None);
        assert_eq!(source_line("资金来源于中央财政，共计三亿元。"), None);
    }

    #[test]
    fn a_label_and_its_value_on_the_next_line_are_one_source() {
        assert_eq!(
            sources_in(["2015-07-04 00:12:00　来源:", "中国新闻网(北京)", "分享到"]),
            ["中国新闻网(北京)"]
        );
        assert_eq!(
            sources_in(["2005年03月31日03:18 北京娱乐信报", "正文。"]),
            ["北京娱乐信报"]
        );
        assert!(
            sources_in([
                "2005年03月31日 星期四",
                "来源：",
                "这是一句正文，不是名字。"
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_source_after_the_last_sentence_is_found() {
        assert_eq!(
            sources_in(["我们相信：纸里包不住火。转自《北京科技报》[图片说明1：漫画] 相关报道："]),
            ["北京科技报"]
        );
        assert_eq!(
            sources_in(["全年增长百分之五。（来源：新华网）"]),
            ["新华网"]
        );
        assert!(sources_in(["资金来源：中央财政。"]).is_empty());
    }

    #[test]
    fn datelines_name_their_paper() {
        assert_eq!(
            dateline_source("2022-02-13 09:57 　　光明网").as_deref(),
            Some("光明网")
        );
        assert_eq!(
            dateline_source("http://www.example.net 2005年03月21日 11:21 《理财周刊》").as_deref(),
            Some("理财周刊")
        );
        assert_eq!(dateline_source("2022-02-13 星期日"), None);
        assert_eq!(dateline_source("2022年2月13日，全市开会。"), None);
    }

    #[test]
    fn the_source_is_the_paper_not_the_site_that_reprints_it() {
        let found = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            pick_source(found(&["转载文章", "新闻晨报"]), None).as_deref(),
            Some("新闻晨报")
        );
        assert_eq!(
            pick_source(found(&["网易财经", "中国经营报"]), Some("网易财经")).as_deref(),
            Some("中国经营报")
        );
        assert_eq!(
            pick_source(found(&["千龙新闻网", "千龙网"]), Some("雅虎新闻")).as_deref(),
            Some("千龙新闻网")
        );
        assert_eq!(
            pick_source(found(&["网易财经"]), Some("网易财经")).as_deref(),
            Some("网易财经")
        );
        assert_eq!(
            pick_source(found(&[]), Some("大河网")).as_deref(),
            Some("大河网")
        );
    }

    #[test]
    fn the_site_is_named_in_the_title() {
        assert_eq!(
            site_of_title("寻乌脐橙丰收_新华网", None).as_deref(),
            Some("新华网")
        );
        assert_eq!(
            site_of_title("港特首道歉 - BBC中文网 - 两岸三地", None).as_deref(),
            Some("BBC中文网")
        );
        assert_eq!(
            site_of_title("脱发该吃什么-报社新闻-查报纸网", None).as_deref(),
            Some("查报纸网")
        );
        assert_eq!(
            site_of_title("北医新闻网_(新闻)", Some("新外科运动向我们走来")).as_deref(),
            Some("北医新闻网")
        );
        assert_eq!(site_of_title("寻乌脐橙丰收", None), None);
    }
}
