//! Folding text for matching: Latin case, full-width forms and Traditional
//! Chinese (to Simplified, by `fast2s`, which maps one character to one) all
//! fold to one form, and every folded character remembers where it came from
//! so a match maps back to a byte range of the original text.

/// Text in folded form, with the way back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// For each folded character: (byte offset in `text`, byte offset in the
    /// original), plus one entry for the end of both.
    starts: Vec<(u32, u32)>,
}

/// Folds one character, before Traditional→Simplified.
#[inline]
fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        // Full-width ASCII forms: ＡＩ → ai, ２０２３ → 2023.
        '\u{FF01}'..='\u{FF5E}' => {
            let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            a.to_ascii_lowercase()
        }
        '\u{3000}' => ' ',
        c if !c.is_ascii() && c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
        c => c,
    }
}

/// Whether `text` folds to itself apart from Traditional characters: most
/// Simplified news text.
fn folds_to_itself(text: &str) -> bool {
    !text.chars().any(|c| {
        c.is_ascii_uppercase()
            || ('\u{FF01}'..='\u{FF5E}').contains(&c)
            || c == '\u{3000}'
            || (!c.is_ascii() && c.is_uppercase())
    })
}

/// Folds a query or a paragraph.
pub fn fold(original: &str) -> Folded {
    let pre: String = if folds_to_itself(original) {
        original.to_string()
    } else {
        original.chars().map(fold_char).collect()
    };
    // fast2s keeps the number of characters.
    let text = fast2s::convert(&pre);
    let mut starts = Vec::with_capacity(original.len() / 2 + 1);
    let mut folded_chars = text.char_indices();
    for (o, _) in original.char_indices() {
        let f = folded_chars.next().map_or(text.len(), |(i, _)| i);
        starts.push((f as u32, o as u32));
    }
    starts.push((text.len() as u32, original.len() as u32));
    Folded { text, starts }
}

/// Folds text for comparison only, with no way back.
pub fn fold_str(s: &str) -> String {
    fold(s).text
}

impl Folded {
    /// The byte range in the original text of a byte range of the folded one.
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let at = |b: usize| -> usize {
            match self.starts.binary_search_by_key(&(b as u32), |&(f, _)| f) {
                Ok(i) => self.starts[i].1 as usize,
                // Inside a folded character: the start of its original.
                Err(i) => self.starts[i.saturating_sub(1)].1 as usize,
            }
        };
        at(range.start)..at(range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_width_and_script() {
        assert_eq!(fold_str("ＡＩ与２０２３"), "ai与2023");
        assert_eq!(fold_str("尋烏縣"), "寻乌县");
        assert_eq!(fold_str("Shenzhen"), "shenzhen");
    }

    #[test]
    fn maps_back_to_the_original() {
        let f = fold("在尋烏ＡＩ");
        let i = f.text.find("寻乌").unwrap();
        assert_eq!(f.original_range(i..i + "寻乌".len()), 3..9);
        let j = f.text.find("ai").unwrap();
        assert_eq!(f.original_range(j..j + 2), 9..15);
    }
}
