//! The rules of Chinese news text, written here because no library knows
//! them: source lines, captions, headings, datelines and titles.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{ends_like_sentence, find_date};

/// `来源：深圳特区报`, `（文章来源：寻乌县融媒体中心）`, `来源:《...》`, and
/// the line of a news page that gives the time first:
/// `2024年03月12日08:21 | 来源：人民网`.
pub fn source_line(s: &str) -> Option<String> {
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
pub fn is_caption(s: &str) -> bool {
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

/// A bare label such as `寻乌县城` under a photo: a few characters, no
/// spaces or punctuation. Section titles are longer or come in two parts.
pub fn is_place_label(s: &str) -> bool {
    let s = s.trim();
    (2..=8).contains(&s.chars().count())
        && s.chars().all(|c| {
            !c.is_whitespace() && !c.is_ascii_punctuation() && !"，。、：；！？“”（）".contains(c)
        })
}

/// A short line that reads as a section title rather than running text.
pub fn is_heading(s: &str) -> bool {
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
pub fn is_dateline(s: &str) -> bool {
    s.chars().count() <= 40
        && find_date(s).is_some()
        && !s.contains(['。', '，', '！', '？', '；', ',', ';', '!', '?'])
}

/// A title is a line, not a paragraph: from a long first block, the first
/// sentence (shortened if need be).
pub fn title_from(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
