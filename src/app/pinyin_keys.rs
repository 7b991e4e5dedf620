//! Match keys for the as-you-type filters (library, bookmarks): fields as
//! folded characters (Traditional and Simplified, case and width alike) and
//! as pinyin with every reading of each character (藏 is both `zang` and
//! `cang`, so `xizang` and `xicang` both find 西藏), matched in full
//! (`xunwu`) or by initials (`xw`). Computed once per article at start.

use pinyin::ToPinyinMulti;

use crate::model::Article;
use crate::search::fold_str;

/// One field: its folded characters, and per character its readings.
#[derive(Debug, Clone, Default)]
struct Field {
    chars: String,
    /// For each character, its pinyin readings without tones (a Latin
    /// letter or digit stands for itself); characters with none are left
    /// out, so `xi'an` and `西 安` read alike.
    readings: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct MatchKeys {
    fields: Vec<Field>,
}

impl MatchKeys {
    pub fn of(article: &Article) -> MatchKeys {
        let mut fields: Vec<&str> = vec![&article.title];
        fields.extend(article.regions.iter().map(String::as_str));
        fields.extend(article.programmes.iter().map(String::as_str));
        MatchKeys::of_fields(&fields)
    }

    pub fn of_fields(fields: &[&str]) -> MatchKeys {
        let fields = fields
            .iter()
            .map(|f| Field {
                chars: fold_str(&f.to_lowercase()),
                readings: f.chars().filter_map(readings).collect(),
            })
            .collect();
        MatchKeys { fields }
    }

    /// Whether a query matches by characters (either script), full pinyin
    /// or initials; spaces in a pinyin query are ignored (`xun wu`).
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return true;
        }
        let folded = fold_str(&q);
        if self.fields.iter().any(|f| f.chars.contains(&folded)) {
            return true;
        }
        let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        self.fields.iter().any(|f| {
            (0..f.readings.len()).any(|start| {
                spells(&f.readings[start..], &compact, false)
                    || spells(&f.readings[start..], &compact, true)
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

/// Whether characters from the start of `chars`, one reading each, spell
/// `query`: in full (the query may end inside a reading: `xunw`) or, with
/// `initials`, a first letter each.
fn spells(chars: &[Vec<String>], query: &str, initials: bool) -> bool {
    if query.is_empty() {
        return true;
    }
    let Some((first, rest)) = chars.split_first() else {
        return false;
    };
    first.iter().any(|r| {
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
