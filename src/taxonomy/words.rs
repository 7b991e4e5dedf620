//! Whether a place name found in a text is a word of it: 临高 is one in
//! 走进临高 but not in 面临高放射性, 德州 in 山东德州 but not in 德州仪器.
//!
//! The text around the name is segmented with jieba (the standard Chinese
//! segmenter) over `assets/taxonomy/words.txt`, the part of jieba's
//! dictionary that can decide such a case (see `scripts/gen-words.py`), and
//! `words-extra.txt`. The name is a word where the segmentation cuts the
//! text at both its ends.

use std::cell::RefCell;
use std::sync::OnceLock;

use jieba_rs::Jieba;
use rustc_hash::{FxHashMap, FxHashSet};

const WORDS: &str = include_str!("../../assets/taxonomy/words.txt");
const WORDS_EXTRA: &str = include_str!("../../assets/taxonomy/words-extra.txt");

/// Characters of context taken on each side of a name: enough for the
/// longest words that decide a cut, few enough to segment in a microsecond.
const CONTEXT: usize = 4;

/// The words of the list (of two characters or more), for each first
/// character the length of the longest word it starts, and the pairs of
/// neighbouring characters inside some word. A cut that no word of the list
/// crosses is certain, so most names are settled by one or a few look-ups,
/// without segmenting anything.
struct Words {
    words: FxHashSet<&'static str>,
    longest: FxHashMap<char, usize>,
    pairs: FxHashSet<(char, char)>,
}

fn words() -> &'static Words {
    static WORDS_SET: OnceLock<Words> = OnceLock::new();
    WORDS_SET.get_or_init(|| {
        let mut words = FxHashSet::default();
        let mut longest: FxHashMap<char, usize> = FxHashMap::default();
        let mut pairs = FxHashSet::default();
        let all = WORDS
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .chain(extra_words());
        for w in all {
            let mut chars = w.chars();
            let (Some(first), n) = (chars.next(), w.chars().count()) else {
                continue;
            };
            if n >= 2 {
                words.insert(w);
                pairs.extend(w.chars().zip(w.chars().skip(1)));
                let l = longest.entry(first).or_insert(0);
                *l = (*l).max(n);
            }
        }
        Words {
            words,
            longest,
            pairs,
        }
    })
}

fn extra_words() -> impl Iterator<Item = &'static str> {
    WORDS_EXTRA
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether a word of the list runs across byte offset `at` of `window`.
fn crossed(window: &str, at: usize) -> bool {
    let list = words();
    let (Some(left), Some(right)) = (window.get(..at), window.get(at..)) else {
        return false;
    };
    let (Some(a), Some(b)) = (left.chars().next_back(), right.chars().next()) else {
        return false;
    };
    if !list.pairs.contains(&(a, b)) {
        return false;
    }
    // Each start before the cut, nearest first; each end after it, up to
    // the longest word that start can begin.
    left.char_indices()
        .rev()
        .enumerate()
        .any(|(back, (from, c))| {
            let longest = list.longest.get(&c).copied().unwrap_or(0);
            let reach = longest.saturating_sub(back + 1);
            right
                .char_indices()
                .skip(1)
                .map(|(i, _)| at + i)
                .chain(std::iter::once(window.len()))
                .take(reach)
                .any(|to| window.get(from..to).is_some_and(|w| list.words.contains(w)))
        })
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
    // Most names have neighbours no word of the list holds side by side.
    let pairs = &words().pairs;
    let joined = |a: Option<char>, b: Option<char>| a.zip(b).is_some_and(|p| pairs.contains(&p));
    if !joined(before.chars().next_back(), name.chars().next())
        && !joined(name.chars().next_back(), after.chars().next())
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
    if !crossed(window, s) && !crossed(window, e) {
        return true;
    }
    // The same phrase around a name comes back often (a city and the word
    // after it, a standing formula): each thread remembers what it found.
    // Keyed by the window, without a copy of it for the look-up.
    thread_local! {
        static SEEN: RefCell<FxHashMap<Box<str>, Vec<Seen>>> =
            RefCell::new(FxHashMap::default());
    }
    let known = SEEN.with(|m| {
        m.borrow()
            .get(window)
            .and_then(|v| v.iter().find(|k| (k.0, k.1) == (s, e)).map(|k| k.2))
    });
    if let Some(known) = known {
        return known;
    }
    let mut starts = false;
    let mut ends = false;
    for token in segmenter().cut(window, false) {
        starts |= token.byte_start == s;
        ends |= token.byte_end == e;
    }
    let word = starts && ends;
    SEEN.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= SEEN_MAX {
            m.clear();
        }
        m.entry(window.into()).or_default().push((s, e, word));
    });
    word
}

/// A name's byte range in a window, and whether it was a word there.
type Seen = (usize, usize, bool);

/// Phrases each thread remembers, at most (a few hundred kilobytes).
const SEEN_MAX: usize = 8192;

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
