//! The gap between Chinese and Latin text (盘古之白): one column of space
//! shown between a Chinese character and a Latin letter or digit beside
//! it, where the line has a column to spare. The gap is taken from a line's
//! slack after the line is fitted, so it never changes where lines break,
//! and it is shown, not added to the text.

use std::ops::Range;

/// A character of Chinese or Japanese script: ideographs and kana.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A Latin letter or an ASCII digit.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || (('\u{C0}'..='\u{24F}').contains(&c) && c.is_alphabetic())
}

/// Byte offsets in `text[range]` before which a gap is shown: each place
/// where Chinese meets Latin with nothing between, from the left, at most
/// `room` of them.
pub(crate) fn gaps(text: &str, range: Range<usize>, room: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if room == 0 {
        return out;
    }
    let Some(line) = text.get(range.clone()) else {
        return out;
    };
    let mut previous: Option<char> = None;
    for (i, c) in line.char_indices() {
        if let Some(p) = previous
            && ((is_cjk(p) && is_latin(c)) || (is_latin(p) && is_cjk(c)))
        {
            out.push(range.start + i);
            if out.len() == room {
                break;
            }
        }
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_where_chinese_meets_latin_within_the_room() {
        let t = "共3.86亿元投向AI产业";
        assert_eq!(gaps(t, 0..t.len(), 9), [3, 7, 19, 21]);
        assert_eq!(gaps(t, 0..t.len(), 2), [3, 7]);
        assert!(gaps(t, 0..t.len(), 0).is_empty());
        // a space already there is the gap
        assert!(gaps("用 AI 写", 0..9, 4).is_empty());
    }
}
