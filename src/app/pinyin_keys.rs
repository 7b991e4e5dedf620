//! Match keys for the as-you-type filters (library, bookmarks): fields as
//! folded characters (Traditional and Simplified, case and width alike) and
//! as pinyin with every reading of each character (藏 is both `zang` and
//! `cang`, so `xizang` and `xicang` both find 西藏), matched in full
//! (`xunwu`) or by initials (`xw`). Computed once per article when it is
//! parsed, and kept with it in the article cache.

use pinyin::ToPinyinMulti;

use crate::model::Article;
use crate::search::fold_str;

/// Between fields.
const FIELD: char = '\u{1e}';
/// Between a field's characters and its readings.
const READINGS: char = '\u{1f}';

/// The keys of one article or bookmark, packed in one string (what the
/// article cache keeps): per field its folded characters, then per
/// character its pinyin readings without tones (a Latin letter or digit
/// stands for itself), characters apart by a space and readings by a
/// comma; characters with none are left out, so `xi'an` and `西 安` read
/// alike.
#[derive(Debug, Clone, Default)]
pub struct MatchKeys {
    packed: String,
}

impl MatchKeys {
    pub fn of(article: &Article) -> MatchKeys {
        let mut fields: Vec<&str> = vec![&article.title];
        fields.extend(article.regions.iter().map(String::as_str));
        fields.extend(article.programmes.iter().map(String::as_str));
        MatchKeys::of_fields(&fields)
    }

    /// An article's keys, packed: what the store keeps for the library.
    pub fn packed_of(article: &Article) -> String {
        MatchKeys::of(article).packed
    }

    /// Keys packed by [`MatchKeys::packed_of`].
    pub fn from_packed(packed: String) -> MatchKeys {
        MatchKeys { packed }
    }

    pub fn of_fields(fields: &[&str]) -> MatchKeys {
        let mut packed = String::new();
        let ours = |c: &char| *c != FIELD && *c != READINGS;
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                packed.push(FIELD);
            }
            packed.extend(fold_str(&f.to_lowercase()).chars().filter(ours));
            packed.push(READINGS);
            for (j, r) in f.chars().filter_map(readings).enumerate() {
                if j > 0 {
                    packed.push(' ');
                }
                packed.push_str(&r.join(","));
            }
        }
        MatchKeys { packed }
    }

    /// The fields: (folded characters, readings packed).
    fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.packed
            .split(FIELD)
            .map(|f| f.split_once(READINGS).unwrap_or((f, "")))
    }

    /// Whether a query matches by characters (either script), full pinyin
    /// or initials; spaces in a pinyin query are ignored (`xun wu`).
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return true;
        }
        let folded = fold_str(&q);
        if self.fields().any(|(chars, _)| chars.contains(&folded)) {
            return true;
        }
        let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        self.fields().any(|(_, readings)| {
            if readings.is_empty() {
                return false;
            }
            let chars: Vec<&str> = readings.split(' ').collect();
            (0..chars.len()).any(|start| {
                spells(&chars[start..], &compact, false) || spells(&chars[start..], &compact, true)
            })
        })
    }
}

/// The readings of a character: its pinyin, or a Latin letter or digit
/// lowercased; nothing for punctuation and spaces.
fn readings(c: char) -> Option<Vec<String>> {
    if let Some(multi) = c.to_pinyin_multi() {
        let mut all: Vec<String> = multi.into_iter().map(|p| p.plain().to_string()).collect();
        all.dedup();
        return Some(all);
    }
    c.is_alphanumeric()
        .then(|| vec![c.to_lowercase().collect::<String>()])
}

/// Whether characters from the start of `chars` (each its readings apart
/// by commas), one reading each, spell `query`: in full (the query may end
/// inside a reading: `xunw`) or, with `initials`, a first letter each.
fn spells(chars: &[&str], query: &str, initials: bool) -> bool {
    if query.is_empty() {
        return true;
    }
    let Some((first, rest)) = chars.split_first() else {
        return false;
    };
    first.split(',').any(|r| {
        let r = if initials { r.get(..1).unwrap_or(r) } else { r };
        match query.strip_prefix(r) {
            Some(after) => spells(rest, after, initials),
            None => !initials && r.starts_with(query),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> MatchKeys {
        MatchKeys::of_fields(&[s])
    }

    #[test]
    fn every_reading_of_a_character_finds_it() {
        for q in ["xizang", "xicang", "xz", "xc", "xi zang"] {
            assert!(keys("西藏自治区").matches(q), "{q}");
        }
        assert!(keys("喀什地区").matches("kashi"));
        assert!(keys("援藏干部").matches("yuanzang"));
        assert!(keys("寻乌县").matches("xunw"));
        assert!(!keys("寻乌县").matches("xunx"));
        assert!(!keys("寻乌县").matches("xunwuxianz"));
    }

    #[test]
    fn traditional_characters_find_simplified_text() {
        assert!(keys("宁夏回族自治区").matches("寧夏"));
        assert!(keys("闽宁协作").matches("閩寧"));
        assert!(keys("5G基站").matches("5g"));
    }
}
