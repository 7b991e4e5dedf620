//! Whether a place name found in a text is a word of it: 临高 is one in
//! 走进临高 but not in 面临高放射性, 德州 in 山东德州 but not in 德州仪器.
//!
//! The text around the name is segmented with jieba (the standard Chinese
//! segmenter) over `assets/taxonomy/words.txt`, the part of jieba's
//! dictionary that can decide such a case (see `scripts/gen-words.py`), and
//! `words-extra.txt`. The name is a word where the segmentation cuts the
//! text at both its ends.

use std::collections::HashSet;
use std::sync::OnceLock;

use jieba_rs::Jieba;

const WORDS: &str = include_str!("../../assets/taxonomy/words.txt");
const WORDS_EXTRA: &str = include_str!("../../assets/taxonomy/words-extra.txt");

/// Characters of context taken on each side of a name: enough for the
/// longest words that decide a cut, few enough to segment in a microsecond.
const CONTEXT: usize = 6;

/// Pairs of neighbouring characters inside some word of the list. A cut
/// between two characters that no word holds side by side is certain, so
/// most names are settled without segmenting anything.
fn inner_pairs() -> &'static HashSet<(char, char)> {
    static PAIRS: OnceLock<HashSet<(char, char)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let words = WORDS
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .chain(extra_words());
        let mut pairs = HashSet::with_capacity(64 * 1024);
        for w in words {
            let mut chars = w.chars();
            let mut prev = chars.next();
            for c in chars {
                if let Some(p) = prev {
                    pairs.insert((p, c));
                }
                prev = Some(c);
            }
        }
        pairs
    })
}

fn extra_words() -> impl Iterator<Item = &'static str> {
    WORDS_EXTRA
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The segmenter, built once and only when a name needs it.
fn segmenter() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        // The list is part of the build and a test loads it; should it ever
        // be broken, an empty segmenter cuts everywhere and every name counts.
        let mut jieba = Jieba::with_dict(&mut WORDS.as_bytes()).unwrap_or_else(|_| Jieba::empty());
        for w in extra_words() {
            jieba.add_word(w, None, None);
        }
        jieba
    })
}

/// Whether `text[start..end]` (a name found there, on character
/// boundaries) stands as a word of `text`.
pub fn is_word(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(name), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return true;
    };
    let last_before = before.chars().next_back();
    let first_after = after.chars().next();
    let pairs = inner_pairs();
    let crossed = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) => pairs.contains(&(a, b)),
        _ => false,
    };
    if !crossed(last_before, name.chars().next()) && !crossed(name.chars().next_back(), first_after)
    {
        return true;
    }
    // A window of the sentence around the name, stopping at punctuation.
    let from = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .take(CONTEXT)
        .last()
        .map_or(start, |(i, _)| i);
    let to = end
        + after
            .char_indices()
            .take_while(|(_, c)| c.is_alphanumeric())
            .take(CONTEXT)
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    let Some(window) = text.get(from..to) else {
        return true;
    };
    let (s, e) = (start - from, end - from);
    let mut starts = false;
    let mut ends = false;
    for token in segmenter().cut(window, false) {
        starts |= token.byte_start == s;
        ends |= token.byte_end == e;
    }
    starts && ends
}

#[cfg(test)]
mod tests {
    use super::is_word;

    fn name_is_word(text: &str, name: &str) -> bool {
        let start = text.find(name).expect("the name is in the text");
        is_word(text, start, start + name.len())
    }

    #[test]
    fn the_word_list_loads() {
        let n = super::WORDS.lines().count();
        let jieba = jieba_rs::Jieba::with_dict(&mut super::WORDS.as_bytes());
        assert!(jieba.is_ok(), "words.txt parses");
        assert!(n > 10_000, "{n} words");
    }

    #[test]
    fn a_name_inside_a_longer_word_is_no_word() {
        for (text, name) in [
            ("专家称面临高放射性废物处理难题", "临高"),
            ("科考队在青海南部开展调查", "海南"),
            ("江淮南部普降暴雨", "淮南"),
            ("德州仪器发布新款芯片", "德州"),
            ("北京时间昨晚八点", "北京"),
            ("黄河口湿地迎来候鸟", "河口"),
            ("白山松水间的冰雪旅游", "白山"),
        ] {
            assert!(!name_is_word(text, name), "{name} in {text}");
        }
    }

    #[test]
    fn the_same_names_standing_alone_are_words() {
        for (text, name) in [
            ("记者走进临高，探访渔港", "临高"),
            ("海南文昌发射场", "海南"),
            ("安徽淮南的煤矿", "淮南"),
            ("来自山东德州的客人", "德州"),
            ("在北京召开会议", "北京"),
            ("云南河口口岸", "河口"),
            ("吉林白山的人参", "白山"),
            ("临高", "临高"),
        ] {
            assert!(name_is_word(text, name), "{name} in {text}");
        }
    }
}
