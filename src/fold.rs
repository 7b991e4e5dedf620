//! Folding text for matching: Latin case, full-width forms and Traditional
//! Chinese (to Simplified) all fold to one form, one character to one
//! character, and every folded character remembers where it came from so a
//! match maps back to a byte range of the original text.
//!
//! Because the fold works on each character alone, it can be run backwards:
//! [`unfold`] gives every character that folds to a given one, which lets a
//! search look for a query's raw forms in unfolded text and fold only the
//! paragraphs that may match.

use std::sync::OnceLock;

/// Text in folded form, with the way back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// For each folded character: (byte offset in `text`, byte offset in the
    /// original), plus one entry for the end of both. Empty when every
    /// character kept its length, so offsets are the same in both.
    starts: Vec<(u32, u32)>,
}

/// First and last character of the table: the 3-byte UTF-8 range, the only
/// characters the Traditional→Simplified data converts.
const T2S_FIRST: u32 = 0x800;
const T2S_LAST: u32 = 0xFFFF;

/// Traditional→Simplified for every 3-byte character on its own, as a
/// dense table (index: character − 0x800), and a bit for each character
/// the table changes. The data is fast2s's, turned into (from, to) pairs
/// when the program is built (see build.rs). fast2s also converts a handful
/// of characters differently next to certain neighbours (藉口 → 借口);
/// search folds each character alone, the same way for the query and the
/// text, so both forms still find each other.
struct T2s {
    table: Vec<u16>,
    /// Simplified text changes almost nowhere: a look-up in these 8 KB
    /// stays in the processor's first cache, where one in the 126 KB
    /// table would wait on memory for every character.
    changes: Vec<u64>,
}

impl T2s {
    /// What the table makes of `u` (in `T2S_FIRST..=T2S_LAST`).
    #[inline]
    fn get(&self, u: u32) -> Option<char> {
        let i = u.checked_sub(T2S_FIRST)? as usize;
        let changed = self.changes.get(i / 64)? >> (i % 64) & 1 == 1;
        match changed {
            true => char::from_u32(u32::from(*self.table.get(i)?)),
            false => char::from_u32(u),
        }
    }
}

fn t2s() -> &'static T2s {
    static PAIRS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/t2s.bin"));
    static TABLE: OnceLock<T2s> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<u16> = (T2S_FIRST..=T2S_LAST).map(|u| u as u16).collect();
        let mut changes = vec![0u64; table.len().div_ceil(64)];
        for pair in PAIRS.chunks_exact(4) {
            let from = u16::from_le_bytes([pair[0], pair[1]]);
            let to = u16::from_le_bytes([pair[2], pair[3]]);
            let i = usize::from(from).wrapping_sub(T2S_FIRST as usize);
            if let Some(slot) = table.get_mut(i)
                && from != to
            {
                *slot = to;
                changes[i / 64] |= 1 << (i % 64);
            }
        }
        T2s { table, changes }
    })
}

/// Case and width: `A` → `a`, `Ａ` → `a`, `２` → `2`, ideographic space →
/// space, other upper case letters that lower to one character.
#[inline]
fn fold_case_width(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FF01}'..='\u{FF5E}' => {
            let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            a.to_ascii_lowercase()
        }
        '\u{3000}' => ' ',
        // Han, kana and Hangul have no case: skip the lookup for them.
        c if !c.is_ascii()
            && !('\u{3040}'..='\u{9FFF}').contains(&c)
            && !('\u{AC00}'..='\u{D7AF}').contains(&c)
            && c.is_uppercase() =>
        {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
        c => c,
    }
}

/// Folds one character.
#[inline]
pub fn fold_char(c: char) -> char {
    fold_t2s(fold_case_width(c))
}

/// [`fold_char`] for a loop over many characters: the table looked up
/// once, and the common CJK block and ASCII answered without the case and
/// width rules (CJK ideographs have no case; ASCII only lowers).
#[derive(Clone, Copy)]
pub struct Folder {
    t2s: &'static T2s,
}

impl Folder {
    pub fn new() -> Folder {
        Folder { t2s: t2s() }
    }

    /// `fold_char(c)`.
    #[inline(always)]
    pub fn fold(self, c: char) -> char {
        match c {
            '\u{4e00}'..='\u{9fff}' => self.t2s.get(c as u32).unwrap_or(c),
            _ if c.is_ascii() => c.to_ascii_lowercase(),
            _ => fold_char(c),
        }
    }
}

impl Folder {
    /// The Simplified form of a character of the common CJK block
    /// (U+4E00–U+9FFF), as [`Folder::fold`] gives it, as a number; for
    /// loops that keep the table's parts in registers ([`Folder::cjk_parts`]).
    #[inline(always)]
    pub fn cjk_with(parts: (&[u64], &[u16]), u: u32) -> u32 {
        let (changes, table) = parts;
        let i = u.wrapping_sub(T2S_FIRST) as usize;
        let changed = changes.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1);
        match (changed, table.get(i)) {
            (true, Some(&t)) => char::from_u32(u32::from(t)).map_or(u, u32::from),
            _ => u,
        }
    }

    /// The bits of the characters the table changes, and the table.
    pub fn cjk_parts(&self) -> (&'static [u64], &'static [u16]) {
        (&self.t2s.changes, &self.t2s.table)
    }
}

impl Default for Folder {
    fn default() -> Folder {
        Folder::new()
    }
}

/// Every character that folds to `q` (`q` itself among them when it folds
/// to itself).
pub fn unfold(q: char) -> Vec<char> {
    // Before Traditional→Simplified.
    let mut before: Vec<char> = t2s_inverse().get(&q).cloned().unwrap_or_default();
    if fold_t2s(q) == q {
        before.push(q);
    }
    let mut out = Vec::new();
    for x in before {
        if fold_case_width(x) == x {
            out.push(x);
        }
        if x.is_ascii_graphic() {
            let full = |a: char| char::from_u32(a as u32 + 0xFEE0);
            out.extend(full(x));
            if x.is_ascii_lowercase() {
                let upper = x.to_ascii_uppercase();
                out.push(upper);
                out.extend(full(upper));
            }
        }
        if x == ' ' {
            out.push('\u{3000}');
        }
        if x.is_lowercase() {
            // Upper-case letters beyond ASCII that lower to `x` (the Kelvin
            // sign to k, Å to å, Greek, Cyrillic…).
            out.extend(lower_to_upper().get(&x).into_iter().flatten());
        }
    }
    out.retain(|&c| fold_char(c) == q);
    out.sort_unstable();
    out.dedup();
    out
}

/// Traditional→Simplified of one character.
#[inline]
fn fold_t2s(c: char) -> char {
    let u = c as u32;
    if (T2S_FIRST..=T2S_LAST).contains(&u) {
        t2s().get(u).unwrap_or(c)
    } else {
        c
    }
}

/// The characters Traditional→Simplified changes, by what they become.
fn t2s_inverse() -> &'static std::collections::HashMap<char, Vec<char>> {
    static INVERSE: OnceLock<std::collections::HashMap<char, Vec<char>>> = OnceLock::new();
    INVERSE.get_or_init(|| {
        let mut inverse: std::collections::HashMap<char, Vec<char>> = Default::default();
        for c in (T2S_FIRST..=T2S_LAST).filter_map(char::from_u32) {
            let to = fold_t2s(c);
            if to != c {
                inverse.entry(to).or_default().push(c);
            }
        }
        inverse
    })
}

/// Upper-case characters beyond ASCII that lower to one character, by it.
fn lower_to_upper() -> &'static std::collections::HashMap<char, Vec<char>> {
    static PAIRS: OnceLock<std::collections::HashMap<char, Vec<char>>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut pairs: std::collections::HashMap<char, Vec<char>> = Default::default();
        for c in ('\u{80}'..=char::MAX).filter(|c| c.is_uppercase()) {
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next())
                && l != c
            {
                pairs.entry(l).or_default().push(c);
            }
        }
        pairs
    })
}

/// Folds a query or a paragraph.
pub fn fold(original: &str) -> Folded {
    if original
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Folded {
            text: original.to_string(),
            starts: Vec::new(),
        };
    }
    let mut text = String::with_capacity(original.len());
    let mut same_lengths = true;
    for c in original.chars() {
        let f = fold_char(c);
        same_lengths &= f.len_utf8() == c.len_utf8();
        text.push(f);
    }
    if same_lengths {
        return Folded {
            text,
            starts: Vec::new(),
        };
    }
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
    s.chars().map(fold_char).collect()
}

impl Folded {
    /// The byte range in the original text of a byte range of the folded one.
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if self.starts.is_empty() {
            return range;
        }
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
    #[test]
    fn the_folder_folds_every_character_as_fold_char_does() {
        let folder = super::Folder::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(folder.fold(c), super::fold_char(c), "{c:?}");
        }
    }

    use super::*;

    #[test]
    fn the_changed_bits_are_the_characters_the_table_changes() {
        let t = t2s();
        let mut changed = 0;
        for u in T2S_FIRST..=T2S_LAST {
            let i = (u - T2S_FIRST) as usize;
            let bit = t.changes[i / 64] >> (i % 64) & 1 == 1;
            assert_eq!(bit, u32::from(t.table[i]) != u, "{u:x}");
            changed += usize::from(bit);
        }
        // The Traditional forms fast2s knows: thousands, not a few.
        assert!(changed > 2000, "{changed}");
        assert_eq!(fold_char('縣'), '县');
    }

    #[test]
    fn folds_case_width_and_script() {
        assert_eq!(fold_str("ＡＩ与２０２３"), "ai与2023");
        assert_eq!(fold_str("尋烏縣"), "寻乌县");
        assert_eq!(fold_str("Shenzhen"), "shenzhen");
        assert_eq!(fold("尋烏縣").text, "寻乌县");
    }

    #[test]
    fn maps_back_to_the_original() {
        let f = fold("在尋烏ＡＩ");
        let i = f.text.find("寻乌").unwrap();
        assert_eq!(f.original_range(i..i + "寻乌".len()), 3..9);
        let j = f.text.find("ai").unwrap();
        assert_eq!(f.original_range(j..j + 2), 9..15);
        let same = fold("尋烏縣的ai");
        assert_eq!(same.original_range(3..9), 3..9);
    }

    #[test]
    fn traditional_to_simplified_keeps_three_byte_characters_three_bytes() {
        let all: String = ('\u{800}'..='\u{FFFF}').collect();
        let folded = fold_str(&all);
        assert_eq!(folded.chars().count(), all.chars().count());
        assert!(
            all.chars()
                .zip(folded.chars())
                .all(|(a, f)| a.len_utf8() != 3 || f.len_utf8() == 3 || fold_case_width(a) != a)
        );
    }

    /// `unfold` is the exact inverse of `fold_char`: checked for every
    /// character that some other character folds to.
    #[test]
    fn unfold_finds_every_character_that_folds_to_one() {
        let mut inverse: std::collections::HashMap<char, Vec<char>> = Default::default();
        for c in '\0'..=char::MAX {
            let f = fold_char(c);
            if f != c || inverse.contains_key(&f) {
                inverse.entry(f).or_default().push(c);
            }
        }
        for (q, from) in &mut inverse {
            if fold_char(*q) == *q && !from.contains(q) {
                from.push(*q);
            }
            from.sort_unstable();
            assert_eq!(&unfold(*q), from, "{q}");
        }
        for q in ['寻', 'a', '。', '𠀀', 'x'] {
            assert!(unfold(q).contains(&q));
        }
        assert!(unfold('乌').contains(&'烏'));
        assert!(unfold('k').contains(&'\u{212A}'));
    }
}
