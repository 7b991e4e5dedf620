//! Finding the taxonomy's names in a text: every leftmost-longest
//! occurrence of any of its 6,500 place and programme names, in one pass.
//!
//! Written here rather than with aho-corasick, which the classifier used
//! first: its DFA over 6,500 names of Chinese characters is a table of
//! megabytes walked a byte at a time, three bytes a character, and nearly
//! every step missed the cache (a fifth of a first start went there). Every
//! name has two characters or more, so each pair of neighbouring
//! characters is hashed to a bit of an 8 KB filter that stays in the cache;
//! only where the bit is set (one pair in twenty or so) is the pair looked
//! up, and the few names that start with it compared with the text,
//! longest first.

use rustc_hash::FxHashMap;

/// The names, indexed for the scan.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The pairs of characters a name starts with, hashed to a bit each
    /// (a filter: a pair whose bit is clear starts no name).
    pairs: Vec<u64>,
    /// Per first two characters: the names (index, text) that begin with
    /// them, longest first.
    by_pair: FxHashMap<(char, char), Vec<Named>>,
}

/// A name's index and its text.
type Named = (usize, Box<str>);

/// Bits of the pair filter: 3,000 pairs set about one bit in twenty.
const PAIR_BITS: usize = 1 << 16;

fn pair_bit(a: char, b: char) -> usize {
    let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32);
    (h.wrapping_mul(0x85EB_CA6B) >> 16) as usize % PAIR_BITS
}

/// One name found: its index among the names given to [`Names::new`], and
/// its byte range in the text.
pub type Hit = (usize, usize, usize);

impl Names {
    /// Indexes `names` (a name's index is its position). A name of fewer
    /// than two characters is never found; the taxonomy has none.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Names {
        let mut pairs = vec![0u64; PAIR_BITS / 64];
        let mut by_pair: FxHashMap<(char, char), Vec<Named>> = FxHashMap::default();
        for (i, name) in names.into_iter().enumerate() {
            let mut chars = name.chars();
            let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
                continue;
            };
            let h = pair_bit(a, b);
            pairs[h / 64] |= 1 << (h % 64);
            by_pair.entry((a, b)).or_default().push((i, name.into()));
        }
        for list in by_pair.values_mut() {
            list.sort_by_key(|(_, n)| std::cmp::Reverse(n.len()));
        }
        Names { pairs, by_pair }
    }

    /// The names in `text`, leftmost first, the longest where several start
    /// at one place, none overlapping (as aho-corasick's leftmost-longest
    /// search gives them), into `hits`.
    pub fn find(&self, text: &str, hits: &mut Vec<Hit>) {
        self.find_unless(text, hits, |_| false);
    }

    /// [`Names::find`], given up (with `hits` cleared and `false`
    /// returned) at the first character of `text` for which `stop` holds:
    /// a scan that also tells whether the text needed another form first.
    pub fn find_unless(
        &self,
        text: &str,
        hits: &mut Vec<Hit>,
        stop: impl Fn(char) -> bool,
    ) -> bool {
        hits.clear();
        // Each pair of neighbouring characters, a name's start where its
        // bit is set; none inside a name already found.
        let mut chars = text.char_indices();
        let Some(mut prev) = chars.next() else {
            return true;
        };
        if stop(prev.1) {
            return false;
        }
        let mut free_from = 0;
        for (at, c) in chars {
            if stop(c) {
                hits.clear();
                return false;
            }
            let (start, first) = std::mem::replace(&mut prev, (at, c));
            let h = pair_bit(first, c);
            if start < free_from || self.pairs[h / 64] & (1 << (h % 64)) == 0 {
                continue;
            }
            let Some(list) = self.by_pair.get(&(first, c)) else {
                continue;
            };
            let rest = &text[start..];
            if let Some((i, name)) = list.iter().find(|(_, n)| rest.starts_with(&**n)) {
                free_from = start + name.len();
                hits.push((*i, start, free_from));
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::Names;

    fn found(names: &[&str], text: &str) -> Vec<(usize, &'static str)> {
        let index = Names::new(names.iter().copied());
        let mut hits = Vec::new();
        index.find(text, &mut hits);
        hits.into_iter()
            .map(|(i, s, e)| {
                assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                (i, &*String::leak(text[s..e].to_string()))
            })
            .collect()
    }

    #[test]
    fn the_leftmost_then_the_longest_name_is_found() {
        let names = ["寻乌", "寻乌县", "乌县", "赣州", "赣州市", "深圳"];
        assert_eq!(
            found(&names, "深圳与寻乌县，赣州市的寻乌。"),
            [(5, "深圳"), (1, "寻乌县"), (4, "赣州市"), (0, "寻乌")]
        );
        // A match is not overlapped by the next one.
        assert_eq!(found(&names, "寻乌县"), [(1, "寻乌县")]);
        assert_eq!(found(&names, "县寻"), []);
        assert_eq!(found(&names, ""), []);
        assert_eq!(found(&names, "寻"), []);
    }

    /// The same hits as aho-corasick's leftmost-longest search, which the
    /// classifier used before, on texts of the names' characters.
    #[test]
    fn the_hits_are_aho_corasicks_leftmost_longest() {
        let names = [
            "北京",
            "北京市",
            "京市",
            "南京",
            "南京市",
            "市南",
            "市南区",
            "海南",
            "海南省",
            "南省",
            "江南",
            "江南区",
            "南区",
            "北京南",
            "京南",
        ];
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(names)
            .expect("builds");
        let index = Names::new(names.iter().copied());
        let alphabet: Vec<char> = "北京市南海省江区，a".chars().collect();
        let mut seed = 7u64;
        let mut hits = Vec::new();
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(seed % 17) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let want: Vec<(usize, usize, usize)> = ac
                .find_iter(&text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            index.find(&text, &mut hits);
            assert_eq!(hits, want, "{text}");
        }
    }
}
