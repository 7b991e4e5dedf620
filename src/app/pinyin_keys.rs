//! Match keys for the library filter: each article's title, regions and
//! programmes as characters, full pinyin (`xunwu`) and initials (`xw`),
//! computed once at start.

use pinyin::ToPinyin;

use crate::model::Article;

#[derive(Debug, Clone, Default)]
pub struct MatchKeys {
    chars: String,
    full: String,
    initials: String,
}

/// Fields are joined with a separator no query contains, so a match never
/// spans two fields.
const SEP: char = '\u{1}';

impl MatchKeys {
    pub fn of(article: &Article) -> MatchKeys {
        let mut fields: Vec<&str> = vec![&article.title];
        fields.extend(article.regions.iter().map(String::as_str));
        fields.extend(article.programmes.iter().map(String::as_str));
        let mut keys = MatchKeys::default();
        for f in fields {
            keys.chars.push_str(&f.to_lowercase());
            keys.chars.push(SEP);
            for (c, p) in f.chars().zip(f.to_pinyin()) {
                match p {
                    Some(p) => {
                        keys.full.push_str(p.plain());
                        keys.initials.push_str(p.first_letter());
                    }
                    None if c.is_alphanumeric() => {
                        for l in c.to_lowercase() {
                            keys.full.push(l);
                            keys.initials.push(l);
                        }
                    }
                    None => {}
                }
            }
            keys.full.push(SEP);
            keys.initials.push(SEP);
        }
        keys
    }

    /// Whether a query matches by characters, full pinyin or initials;
    /// spaces in a pinyin query are ignored (`xun wu`).
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return true;
        }
        if self.chars.contains(&q) {
            return true;
        }
        let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        self.full.contains(&compact) || self.initials.contains(&compact)
    }
}
