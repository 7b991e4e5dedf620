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
        Regex::new(concat!(
            r"^(.*?)[（(【\[]?\s*(?:(?:文章|信息|稿件|新闻|本文|消息)?来\s*源\s*(?:[：:]|于|自)",
            r"|(?:转载?自|摘自|稿源)\s*[：:]?)\s*(.+?)\s*[）)】\]]?$",
        ))
        .expect("valid regex")
    });
    // Checked on every block: most hold none of the words the pattern
    // needs (each `contains` a memchr or substring pass, not a walk
    // through the characters; `自` alone is in too many sentences).
    if s.len() > 80 * 4 || !may_name_source(s) || s.chars().count() > 80 {
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
    // The bracket that closes the name's own (`中国新闻网(北京)`), not the line's.
    for (open, close) in [('(', ')'), ('（', '）')] {
        if v.matches(open).count() > v.matches(close).count() && s.trim_end().ends_with(close) {
            v.push(close);
        }
    }
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

/// A paper's name without the title marks a dateline or a closing line
/// puts around it (`《理财周刊》`).
pub fn without_title_marks(name: &str) -> &str {
    match name.strip_prefix('《').and_then(|n| n.strip_suffix('》')) {
        Some(inner) if !inner.contains(['《', '》']) && !inner.trim().is_empty() => inner.trim(),
        _ => name,
    }
}

/// A source as a publisher's name: without the brackets, icons, dates and
/// times, `举报`-style buttons and `内容简介`-style panel names a page
/// puts beside it (`[ 人民网 ]`, `央视网 2022-08-25 19:08 内容简介`,
/// `新京报 举报`, `四川在线编辑:梁庆`). `None` when nothing of a name is left.
pub fn publisher(source: &str) -> Option<String> {
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"\s*(?:(?:19|20)\d{2}\s*[-/.年]|\d{1,2}:\d{2}|举报|分享|评论|内容简介|视频简介",
            r"|主要内容|责任编辑|编辑\s*[：:]|作者\s*[：:]|记者|发布时间|时间\s*[：:]|浏览|点击|字号",
            r"|参与互动|我要评论|打印|收藏).*$",
        ))
        .expect("valid regex")
    });
    let cleaned: String = source
        .chars()
        .filter(|c| !matches!(*c, '\u{e000}'..='\u{f8ff}') && !c.is_control())
        .collect();
    let cut = AFTER.replace(&cleaned, "");
    let mut name = cut
        .trim_matches(|c: char| c.is_whitespace() || "[]【】［］()（）|｜:：,，".contains(c))
        .trim();
    // `中国新闻网(北京)`: the bureau or city after the name is no part of it
    // (its closing bracket may be gone with a `（来源：…）` line's).
    if let Some(i) = name.rfind(['(', '（'])
        && i > 0
        && !name[i..]
            .trim_end_matches([')', '）'])
            .contains([')', '）'])
        && name[i..].chars().count() <= 8
    {
        name = name[..i].trim_end();
    }
    // `人民网－广西频道`: a channel of the publisher is the publisher.
    if let Some((head, tail)) = name.rsplit_once(['－', '—', '-'])
        && tail.ends_with("频道")
        && head.trim().chars().count() >= 2
    {
        name = head.trim();
    }

    // `转载文章`, `网络`, `本站`-style words say no publisher.
    let none = ["转载", "转载文章", "网络", "本站", "互联网", "未知", "佚名"];
    (!name.is_empty() && !none.contains(&name)).then(|| name.to_string())
}

/// A headline without the marks a page puts around it: a `[视频]`- or
/// `【专题】`-style tag before it, a `(图)`/`（组图）` after it.
pub fn without_marks(title: &str) -> String {
    static MARKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^\s*(?:[【\[〔［][^】\]〕］]{1,10}[】\]〕］]\s*)+",
            r"|\s*[（(\[【][组多]?(?:图|表|图表|图片|视频|附视频|图文|高清|直播)[）)\]】]\s*$",
        ))
        .expect("valid regex")
    });
    let t = MARKS.replace_all(title, "");
    let t = t.trim();
    // A title that is nothing but marks keeps them.
    if t.chars().count() >= 4 {
        t.to_string()
    } else {
        title.trim().to_string()
    }
}

/// Whether `s` holds a word a source is named after: `来源`, `稿源`,
/// `转自`, `转载自`, `摘自`.
pub(super) fn may_name_source(s: &str) -> bool {
    // One pass for the last bytes of 源 (E6 BA 90) and 自 (E8 87 AA), each
    // hit checked against the two bytes before it: a `char` pattern is
    // searched by its last byte too, one pass a character.
    let b = s.as_bytes();
    memchr::memchr2_iter(0x90, 0xaa, b).any(|i| {
        let Some(start) = i.checked_sub(2) else {
            return false;
        };
        match b[start..=i] {
            [0xe6, 0xba, 0x90] => true,
            [0xe8, 0x87, 0xaa] => {
                let before = &s[..start];
                before.ends_with('转') || before.ends_with('摘') || before.ends_with("转载")
            }
            _ => false,
        }
    })
}

/// Image captions and scraping leftovers.
pub fn is_caption(s: &str) -> bool {
    // Two patterns, one anchored at each end, so that neither reads a long
    // paragraph through: the first stops within a few characters of the
    // start, the second is matched backwards from the end.
    static OPENING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:转存图片|图为|图：|图:|▲|△|上图|下图|左图|右图|图片来源|（图片来源|\(图片来源)",
        )
        .expect("valid regex")
    });
    static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?:转存图片",
            r"|图\s*[/／]\s*[^\s，。,；]{1,16}\s*",
            r"|[（(]\s*(?:[^（）()]{0,16}\s)?(?:摄|供图|图|图片)\s*[/／:：]?\s*[^（）()]{0,16}[）)]\s*",
            r"|(?:摄影?|供图)\s*[/／:：]\s*[^\s，。]{1,12}\s*)$",
        ))
        .expect("valid regex")
    });
    let s = s.trim();
    // What each closing pattern needs, told without running it (most
    // paragraphs end in a full stop and hold none of it): `转存图片` at the
    // end, a closing bracket at the end, or a slash or colon with `图` or
    // `摄` before it.
    // (Each `contains` of one character is a memchr pass, not a walk
    // through the paragraph's characters.)
    let may_close = s.ends_with(['）', ')'])
        || s.ends_with("转存图片")
        || ((s.contains('图') || s.contains('摄'))
            && ['/', '／', ':', '：'].iter().any(|&c| s.contains(c)));
    OPENING.is_match(s) || (may_close && CLOSING.is_match(s))
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
    // Forty characters are at most 160 bytes.
    if s.len() > 40 * 4 {
        return false;
    }
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
    fn only_the_words_of_a_source_let_a_line_be_read_for_one() {
        for s in [
            "来源：新华网",
            "稿源：南方日报",
            "转自《北京科技报》",
            "转载自人民网",
            "摘自新京报",
        ] {
            assert!(may_name_source(s), "{s}");
        }
        for s in ["他自己也说，自然而然。", "深圳市对口帮扶寻乌县", ""] {
            assert!(!may_name_source(s), "{s}");
        }
    }

    #[test]
    fn the_words_of_a_source_are_found_as_their_characters_find_them() {
        let by_chars = |s: &str| {
            s.contains('源')
                || s.match_indices('自').any(|(i, _)| {
                    let before = &s[..i];
                    before.ends_with('转') || before.ends_with('摘') || before.ends_with("转载")
                })
        };
        let words = ['源', '自', '转', '摘', '载', '来', 'a', '。'];
        let mut rng = fastrand::Rng::with_seed(12);
        for _ in 0..50_000 {
            let text: String = (0..rng.usize(0..12))
                .map(|_| match rng.u8(..4) {
                    0 => char::from_u32(rng.u32(0x4e00..0xa000)).unwrap_or('中'),
                    1 => char::from_u32(rng.u32(0x80..0x800)).unwrap_or('é'),
                    _ => words[rng.usize(..words.len())],
                })
                .collect();
            assert_eq!(may_name_source(&text), by_chars(&text), "{text:?}");
        }
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
    fn sources_are_publishers_names() {
        assert_eq!(publisher("[ 人民网 ]\u{e5c2}").as_deref(), Some("人民网"));
        assert_eq!(
            publisher("央视网 2022-08-25 19:08 内容简介").as_deref(),
            Some("央视网")
        );
        assert_eq!(publisher("新京报 举报").as_deref(), Some("新京报"));
        assert_eq!(publisher("四川在线编辑:梁庆").as_deref(), Some("四川在线"));
        assert_eq!(
            publisher("太原晚报 2021-11-25 16:26:07").as_deref(),
            Some("太原晚报")
        );
        assert_eq!(publisher("转载文章"), None);
        assert_eq!(publisher("中国新闻网(北京)").as_deref(), Some("中国新闻网"));
        assert_eq!(publisher("华夏时报(北京").as_deref(), Some("华夏时报"));
        assert_eq!(publisher("人民网－广西频道").as_deref(), Some("人民网"));
        assert_eq!(publisher("求是网参与互动").as_deref(), Some("求是网"));
        assert_eq!(publisher("新华日报").as_deref(), Some("新华日报"));
    }

    #[test]
    fn headlines_lose_their_marks() {
        assert_eq!(without_marks("[视频]寻乌脐橙丰收了"), "寻乌脐橙丰收了");
        assert_eq!(
            without_marks("【中国稳健前行】坚定实施扩大内需战略"),
            "坚定实施扩大内需战略"
        );
        assert_eq!(without_marks("明星挨打事件回顾(图)"), "明星挨打事件回顾");
        assert_eq!(without_marks("寻乌脐橙丰收（组图）"), "寻乌脐橙丰收");
        assert_eq!(without_marks("高温津贴数年未涨(表)"), "高温津贴数年未涨");
        assert_eq!(without_marks("【视频】"), "【视频】");
        assert_eq!(without_marks("图书馆里读《论语》"), "图书馆里读《论语》");
    }

    #[test]
    fn captions_are_recognised() {
        assert!(is_caption("转存图片"));
        assert!(is_caption(
            "大沙河已成为生态建设的生动缩影,这里是好去处。图/李玉龙"
        ));
        assert!(is_caption("图为寻乌县航拍。"));
        assert!(is_caption("寻乌县城一角（李明 摄）"));
        assert!(is_caption("寻乌县城一角 摄影：  李明"));
        assert!(is_caption("脐橙丰收 供图／寻乌县委宣传部 "));
        assert!(is_caption("果园 图 /  李明"));
        assert!(is_caption("果园（图片来源：寻乌县）"));
        assert!(!is_caption("图书馆里，孩子们正在读书。"));
        assert!(!is_caption("他说：图书馆每天都开。"));
        assert!(!is_caption("深圳投入帮扶资金3.86亿元"));
    }
}
