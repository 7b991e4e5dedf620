//! Where a line may break: UAX #14 opportunities (from `unicode-linebreak`),
//! adjusted by the CLREQ line-start and line-end prohibitions and by the
//! rule that a Latin word, number, URL or e-mail address is kept whole.
//!
//! The CLREQ layer is written here because no crate implements it.

/// Characters a line must not start with: closing and middle punctuation,
/// full-width and half-width (CLREQ §3.1.7, 行首禁则).
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〙'
            | '〗'
            | '〟'
            | '’'
            | '”'
            | '｠'
            | '»'
            | '・'
            | '·'
            | '～'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '…'
            | '‥'
            | '—'
            | '–'
            | '⸺'
            | '〜'
            | '％'
            | '‰'
            | '℃'
            | '°'
            | '．'
            | '﹐'
            | '﹑'
            | '﹒'
            | '﹔'
            | '﹕'
            | '﹖'
            | '﹗'
            | '﹚'
            | '﹜'
            | '﹞'
            | '〃'
            | '々'
            | '＂'
            | '＇'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Characters a line must not end with: opening punctuation (行尾禁则).
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '［'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｟'
            | '«'
            | '﹙'
            | '﹛'
            | '﹝'
            | '('
            | '['
            | '{'
    )
}

/// Marks that come in pairs and are never split across lines (——, ……).
pub fn inseparable_pair(a: char, b: char) -> bool {
    a == b && matches!(a, '—' | '…' | '‥' | '⸺' | '·')
}

/// Narrow, visible, non-space characters: the stuff of Latin words, numbers,
/// URLs and e-mail addresses. A break between two of them would split such a
/// token, so the layout only does that when the token is longer than a line.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_graphic();
    }
    !c.is_whitespace()
        && !c.is_control()
        && super::width::char_width(c) == 1
        && !no_line_end(c)
        && !matches!(c, '”' | '’' | '…' | '—' | '·')
}

/// Whether CLREQ forbids a break between `a` (ending a line) and `b`
/// (starting the next).
#[inline]
pub fn forbidden(a: char, b: char) -> bool {
    no_line_start(b) || no_line_end(a) || inseparable_pair(a, b)
}

/// Whether the opportunity UAX #14 gives between `a` and `b` is withdrawn
/// because it would split a Latin word, number, URL or address; `2023—2027`
/// counts as one number.
#[inline]
pub fn inside_word(a: char, b: char, before_a: Option<char>, after_b: Option<char>) -> bool {
    if is_word_char(a) && is_word_char(b) {
        return true;
    }
    // A dash between digits: 2023—2027.
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    (matches!(b, '—' | '–' | '～' | '~') && digit(Some(a)) && digit(after_b))
        || (matches!(a, '—' | '–' | '～' | '~') && digit(before_a) && digit(Some(b)))
}

/// Quotation marks are ambiguous in UAX #14 (class QU, no break on either
/// side), but in Chinese text “ and ‘ open and ” and ’ close: CLREQ lets a
/// line break before an opening quote and after a closing one.
#[inline]
pub fn quote_opportunity(a: char, b: char) -> bool {
    let wide = |c: char| super::width::char_width(c) == 2;
    (matches!(b, '“' | '‘') && wide(a)) || (matches!(a, '”' | '’') && wide(b))
}
