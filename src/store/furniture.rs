//! Page furniture: the lines of a saved page, or of text copied out of
//! one, that are not its article (menus, breadcrumbs, log-in, share and
//! comment prompts, related lists, credits, notices, print buttons, image
//! file names). The phrases are data (assets/furniture.toml); the shapes
//! that no phrase list holds are the patterns here.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Deserialize;

use super::blocks::ends_like_sentence;

#[derive(Deserialize)]
struct Phrases {
    max_chars: usize,
    lines: Vec<String>,
    starts: Vec<String>,
    contains: Vec<String>,
}

struct Rules {
    max_chars: usize,
    lines: rustc_hash::FxHashSet<String>,
    /// Bytes of a line's start that decide the `lines` and `starts`
    /// checks: more than the longest of their phrases.
    head: usize,
    /// Searched anchored at the line's start: any phrase the line starts
    /// with, in one pass.
    starts: Option<AhoCorasick>,
    contains: Option<AhoCorasick>,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    // The bundled data is checked by the tests; a broken edit of it leaves
    // furniture in rather than stopping the program.
    let phrases: Option<Phrases> = toml::from_str(include_str!("../../assets/furniture.toml")).ok();
    let Some(p) = phrases else {
        return Rules {
            max_chars: 0,
            lines: Default::default(),
            head: 0,
            starts: None,
            contains: None,
        };
    };
    let longest = p.lines.iter().chain(&p.starts).map(String::len).max();
    Rules {
        max_chars: p.max_chars,
        head: longest.unwrap_or(0) + 4,
        lines: p.lines.into_iter().collect(),
        starts: AhoCorasick::builder()
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&p.starts)
            .ok(),
        contains: AhoCorasick::new(&p.contains).ok(),
    }
});

/// The shapes of furniture beside a breadcrumb trail and an image file
/// name (see [`is_image_name`]): a bare link, a comment count, an editor's credit in brackets
/// (`（某某网编辑 张三）`), a download prompt, a pager (`第1页/共3页 << 上一页 |
/// 下一页 >>`).
static SHAPES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^<?(?:https?:)?//\S+>?$|^https?://\S+$",
        r"|^(?:已有|共)?\d+\s*(?:人参与|条评论|人评论|评论)",
        r"|^[（(【\[]\s*\S{0,10}?(?:责任编辑|责编|编辑|审核|校对)\s*[：:\s]\s*\S{1,12}\s*[）)】\]]$",
        r"|^下载.{0,12}(?:客户端|应用|APP|App|app)",
        r"|^未经.{0,16}(?:授权|许可).{0,10}(?:转载|使用|复制|镜像)",
        r"|^第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页",
    ))
    .expect("valid regex")
});

/// The image extensions an image file name ends with.
const IMAGE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "gif", "webp", "bmp"];

/// An image file name (`11.jpg`, `IMG_2041.JPEG`): one to forty word
/// characters or hyphens, a dot and an image extension, as the pattern
/// `^[\w\-]{1,40}\.(?i:jpe?g|png|gif|webp|bmp)$` says. Told by hand: forty
/// repetitions of Unicode's word class took longer to compile than every
/// other pattern of the furniture together.
fn is_image_name(text: &str) -> bool {
    let Some((stem, ext)) = text.rsplit_once('.') else {
        return false;
    };
    IMAGE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
        && (1..=40).contains(&stem.chars().count())
        && stem
            .chars()
            .all(|c| c == '-' || regex_syntax::is_word_character(c))
}

/// The line without the brackets, bars, arrows and spaces around it.
fn bare(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || "【】[]（）()|｜丨<>《》»«›‹·•:：-_=~".contains(c)
    })
}

/// Whether `text`, a line or block of a page, is page furniture.
pub fn is_furniture(text: &str) -> bool {
    let rules = &*RULES;
    // Checked on every paragraph of every article: the cheap tests first.
    if text.is_empty() || text.len() > rules.max_chars.saturating_mul(4) {
        return false;
    }
    let n = text.chars().count();
    if n > rules.max_chars {
        return false;
    }
    let b = bare(text);
    // The line without its spaces, where they matter: a line that holds
    // none in its first `head` bytes is, for the phrases of `lines` and
    // `starts` (all shorter than that), the line as it is.
    let mut head_end = rules.head.min(b.len());
    while !b.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let squeezed: std::borrow::Cow<str> = if b[..head_end].contains(char::is_whitespace) {
        b.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .into()
    } else {
        b.into()
    };
    let short = |t: &str| t.len() < rules.head;
    if (short(b) && rules.lines.contains(b))
        || (short(&squeezed) && rules.lines.contains(squeezed.as_ref()))
    {
        return true;
    }
    let anchored =
        aho_corasick::Input::new(squeezed.as_ref()).anchored(aho_corasick::Anchored::Yes);
    if rules
        .starts
        .as_ref()
        .is_some_and(|ac| ac.is_match(anchored))
    {
        return true;
    }
    if rules.contains.as_ref().is_some_and(|ac| ac.is_match(text)) {
        return true;
    }
    !(n > 40 && ends_like_sentence(text))
        && may_be_shape(text.trim())
        && (is_breadcrumb(text.trim())
            || is_image_name(text.trim())
            || SHAPES.is_match(text.trim()))
}

fn is_arrow(c: char) -> bool {
    matches!(c, '>' | '＞' | '»' | '›')
}

/// A breadcrumb trail (`江苏 > 徐州 > 正文`): one to eight names of up to 16
/// characters without spaces, each followed by a run of arrows (with
/// spaces around it or not), then a last part of up to 16 characters.
/// Told by hand: as a pattern, its counted repetitions over Unicode classes
/// took longer to compile than all the other shapes together.
fn is_breadcrumb(text: &str) -> bool {
    let Some(last_arrow) = text.rfind(is_arrow) else {
        return false;
    };
    // The trail up to and with its last arrow, and what follows.
    let (trail, last) =
        text.split_at(last_arrow + text[last_arrow..].chars().next().map_or(0, char::len_utf8));
    let last = last.trim_start();
    if last.chars().nth(16).is_some() {
        return false;
    }
    let mut names = 0;
    let mut rest = trail;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| c.is_whitespace() || is_arrow(c))
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(end);
        let n = name.chars().count();
        names += 1;
        if n == 0 || n > 16 || names > 8 {
            return false;
        }
        // Spaces, one run of arrows, spaces.
        let after = after.trim_start();
        let arrows = after.trim_start_matches(is_arrow);
        if arrows.len() == after.len() {
            return false;
        }
        rest = arrows.trim_start();
    }
    names > 0
}

/// Whether `text` can be one of [`SHAPES`]: what each of them needs, told
/// without running the regex (most lines are none).
fn may_be_shape(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    // A breadcrumb's arrows; a link, a count, a bracketed credit, a
    // download prompt or a notice by its first character.
    first.is_numeric()
        || "<(（【[/h下未已共第".contains(first)
        || memchr::memchr(b'>', text.as_bytes()).is_some()
        || ["＞", "»", "›"].iter().any(|a| text.contains(a))
        || text
            .rsplit_once('.')
            .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// Whether a line is a run of short menu items (`首页 新闻 体育 财经 娱乐`):
/// four or more words of a few characters, no sentence.
pub fn is_menu(text: &str) -> bool {
    // Words as `split_whitespace` gives them, told without finding the end
    // of a long one: a paragraph of running text is let go at its seventh
    // character.
    let (mut words, mut run) = (0, 0);
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
            continue;
        }
        if run == 0 {
            words += 1;
        }
        run += 1;
        if run > 6 {
            return false;
        }
    }
    words >= 4 && !ends_like_sentence(text) && !text.contains(['，', '。'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_with_spaces_is_no_menu() {
        assert!(!is_menu("寻乌 脐橙 丰收了。"));
        assert!(is_menu("首页 新闻 体育 财经 娱乐"));
    }

    #[test]
    fn the_phrases_load() {
        assert!(RULES.max_chars > 0 && !RULES.lines.is_empty());
    }

    #[test]
    fn breadcrumbs_are_told_as_their_pattern_tells_them() {
        let pattern =
            Regex::new(r"^(?:[^>＞»›\s]{1,16}\s*[>＞»›]+\s*){1,8}[^>＞»›]{0,16}$").unwrap();
        // Separators often, or seldom (long names, many of them).
        let often = [
            '江', '苏', 'a', '1', ' ', '\u{3000}', '>', '＞', '»', '›', '\n',
        ];
        let seldom = ['江', '苏', 'a', '1', '江', '苏', 'a', '1', '江', ' ', '>'];
        let mut rng = fastrand::Rng::with_seed(11);
        for i in 0..200_000 {
            let alphabet = if i % 2 == 0 { often } else { seldom };
            let len = rng.usize(0..80);
            let text: String = (0..len)
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            let text = text.trim();
            assert_eq!(is_breadcrumb(text), pattern.is_match(text), "{text:?}");
        }
        for crumb in [
            "江苏 > 徐州 > 正文",
            "首页>>新闻",
            "首页 » 国内 »",
            "a>b>c>d>e>f>g>h>i",
        ] {
            assert_eq!(is_breadcrumb(crumb), pattern.is_match(crumb), "{crumb}");
        }
    }

    #[test]
    fn image_names_are_told_as_their_pattern_tells_them() {
        let pattern = Regex::new(r"^[\w\-]{1,40}\.(?i:jpe?g|png|gif|webp|bmp)$").unwrap();
        let alphabet = [
            'a', 'Z', '1', '_', '-', '图', '\u{301}', '.', ' ', '·', 'j', 'p', 'g', 'P', 'N', 'e',
        ];
        let mut rng = fastrand::Rng::with_seed(5);
        for i in 0..200_000 {
            let len = rng.usize(0..48);
            let mut text: String = (0..len)
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            if i % 2 == 0 {
                text.push_str([".jpg", ".JPEG", ".png", ".Gif", ".webp", ".bmp", ".jpgx"][i % 7]);
            }
            assert_eq!(is_image_name(&text), pattern.is_match(&text), "{text:?}");
        }
        for name in ["11.jpg", "IMG_2041.JPEG", "图片-1.png", ".jpg", "a.b.jpg"] {
            assert_eq!(is_image_name(name), pattern.is_match(name), "{name}");
        }
    }

    /// `is_furniture` as first written, squeezing the spaces out of every
    /// line: what the check that squeezes only where it matters must agree
    /// with.
    fn squeezing_every_line(text: &str) -> bool {
        let rules = &*RULES;
        let n = text.chars().count();
        if text.is_empty() || n > rules.max_chars {
            return false;
        }
        let b = bare(text);
        let squeezed: String = b.chars().filter(|c| !c.is_whitespace()).collect();
        let anchored = aho_corasick::Input::new(&squeezed).anchored(aho_corasick::Anchored::Yes);
        rules.lines.contains(b)
            || rules.lines.contains(&squeezed)
            || rules
                .starts
                .as_ref()
                .is_some_and(|ac| ac.is_match(anchored))
            || rules.contains.as_ref().is_some_and(|ac| ac.is_match(text))
            || (!(n > 40 && ends_like_sentence(text))
                && may_be_shape(text.trim())
                && (is_breadcrumb(text.trim())
                    || is_image_name(text.trim())
                    || SHAPES.is_match(text.trim())))
    }

    #[test]
    fn spaces_are_squeezed_out_only_where_they_matter() {
        // Lines built of the phrases' own pieces, spaces and text.
        let rules = &*RULES;
        let mut pieces: Vec<String> = rules.lines.iter().cloned().collect();
        pieces.extend(
            [
                "责任",
                "编辑",
                "：",
                "视频",
                "简介",
                "返回",
                "首页",
                "寻乌县",
            ]
            .map(String::from),
        );
        pieces.extend([" ", "\u{3000}", "  ", "【", "】", "。"].map(String::from));
        let mut rng = fastrand::Rng::with_seed(3);
        for _ in 0..50_000 {
            let text: String = (0..rng.usize(1..12))
                .map(|_| pieces[rng.usize(..pieces.len())].as_str())
                .collect();
            assert_eq!(is_furniture(&text), squeezing_every_line(&text), "{text:?}");
        }
    }

    #[test]
    fn furniture_is_told_from_text() {
        for f in [
            "责任编辑：张三",
            "（ 责任编辑：魏喆 ）",
            "【编辑:刘欢】",
            "（松花江网编辑 孙桂芳）",
            "江苏 > 徐州 > 正文",
            "11.jpg",
            "视频简介",
            "【打印本页】",
            "发布人:admin 浏览次数:123",
            "返回首页",
            "[返回首页]",
            "字体：大 中 小",
            "分享让更多人看到",
            "1234人参与",
            "第1页/共1页 << 上一页 | 下一页 >>",
            "第 2 页 共 5 页",
        ] {
            assert!(is_furniture(f), "{f}");
        }
        for t in [
            "图/李玉龙",
            "寻乌县城一角（李明 摄）",
            "深圳投入帮扶资金3.86亿元。",
            "返回家乡后，他办起了合作社。",
            "编辑部的同事们一起走访了三个村。",
            "第3页的表格列出了全县共12个项目。",
        ] {
            assert!(!is_furniture(t), "{t}");
        }
        assert!(is_menu("首页 新闻 体育 财经 娱乐"));
    }
}
