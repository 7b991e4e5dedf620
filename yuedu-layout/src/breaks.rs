//! Where a line may break: UAX #14 opportunities (from `unicode-linebreak`),
//! adjusted by the CLREQ line-start and line-end prohibitions and by the
//! rule that a Latin word, number, URL or e-mail address is kept whole.
//!
//! The CLREQ layer is written here because no crate implements it.

/// Characters a line must not start with: closing and middle punctuation,
/// full-width and half-width (CLREQ §3.1.7, 行首禁则). `——` and `……` may
/// start a line; they are never split ([`inseparable_pair`]).
///
/// ```
/// use yuedu_layout::no_line_start;
/// assert!(no_line_start('。') && no_line_start('”') && no_line_start(','));
/// assert!(!no_line_start('中') && !no_line_start('“'));
/// ```
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
            | '–'
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
///
/// ```
/// use yuedu_layout::no_line_end;
/// assert!(no_line_end('“') && no_line_end('《') && no_line_end('('));
/// assert!(!no_line_end('。'));
/// ```
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
///
/// ```
/// use yuedu_layout::inseparable_pair;
/// assert!(inseparable_pair('—', '—') && inseparable_pair('…', '…'));
/// assert!(!inseparable_pair('—', '…'));
/// ```
pub fn inseparable_pair(a: char, b: char) -> bool {
    a == b && matches!(a, '—' | '…' | '‥' | '⸺' | '·')
}

/// Narrow, visible, non-space characters: the stuff of Latin words, numbers,
/// URLs and e-mail addresses. A break between two of them would split such a
/// token, so the layout only does that when the token is longer than a line.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_graphic();
    }
    !c.is_whitespace()
        && !c.is_control()
        && crate::width::char_width(c) == 1
        && !no_line_end(c)
        && !matches!(c, '”' | '’' | '…' | '—' | '·')
}

/// Whether CLREQ forbids a break between `a` (ending a line) and `b`
/// (starting the next).
///
/// ```
/// use yuedu_layout::forbidden;
/// assert!(forbidden('好', '。')); // a full stop may not start a line
/// assert!(forbidden('《', '书')); // an opening mark may not end one
/// assert!(!forbidden('。', '书'));
/// ```
#[inline]
pub fn forbidden(a: char, b: char) -> bool {
    no_line_start(b) || no_line_end(a) || inseparable_pair(a, b)
}

/// Whether the opportunity UAX #14 gives between `a` and `b` is withdrawn
/// because it would split a Latin word, number, URL or address; `2023—2027`
/// counts as one number.
#[inline]
pub(crate) fn inside_word(a: char, b: char, before_a: Option<char>, after_b: Option<char>) -> bool {
    if is_word_char(a) && is_word_char(b) {
        return true;
    }
    // A dash between digits: 2023—2027.
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    (matches!(b, '—' | '–' | '～' | '~') && digit(Some(a)) && digit(after_b))
        || (matches!(a, '—' | '–' | '～' | '~') && digit(before_a) && digit(Some(b)))
}

/// Quotation marks are ambiguous in UAX #14 (class QU), but in Chinese
/// text “ and ‘ open and ” and ’ close: a line may break before an opening
/// quote and after a closing one when Chinese text is on both sides of the
/// break (`的“好` and `”“`, not `的“Best` or German `„White“`); a dash or
/// an ellipsis may come before an opening quote or after a closing one
/// (`——|“`, `……|“`, `”|——`). `before_a` and `after_b` are the characters
/// around the pair.
#[inline]
pub(crate) fn quote_opportunity(
    a: char,
    b: char,
    before_a: Option<char>,
    after_b: Option<char>,
) -> bool {
    let chinese = |c: Option<char>| c.is_some_and(crate::punct::is_chinese);
    let opening = |c: char| matches!(c, '“' | '‘');
    let closing = |c: char| matches!(c, '”' | '’');
    let mark = |c: char| matches!(c, '—' | '…');
    if opening(b) && chinese(after_b) {
        if chinese(Some(a)) || mark(a) {
            return true;
        }
        if closing(a) && chinese(before_a) {
            return true;
        }
    }
    closing(a) && chinese(before_a) && (chinese(Some(b)) || mark(b))
}

/// A break before `……` or `——` that follows Chinese text (UAX #14 gives
/// none before an ellipsis).
#[inline]
pub(crate) fn mark_opportunity(a: char, b: char) -> bool {
    matches!(b, '…' | '—') && a != b && crate::punct::is_chinese(a)
}

/// A unit written after a number (`3.86亿元`, `80万人`, `2023年`): the
/// number keeps it on its line where the line allows.
#[inline]
pub(crate) fn is_unit(c: char) -> bool {
    matches!(
        c,
        '亿' | '万'
            | '千'
            | '百'
            | '元'
            | '角'
            | '年'
            | '月'
            | '日'
            | '时'
            | '点'
            | '分'
            | '秒'
            | '岁'
            | '个'
            | '人'
            | '次'
            | '件'
            | '台'
            | '辆'
            | '吨'
            | '米'
            | '斤'
            | '克'
            | '倍'
            | '户'
            | '家'
            | '所'
            | '项'
            | '条'
            | '名'
            | '位'
            | '亩'
            | '度'
            | '天'
            | '周'
            | '号'
            | '层'
            | '座'
            | '公'
            | '平'
    )
}

/// Whether a break between `a` and `b` would part a number from its unit
/// (`3.86|亿元`, `3.86亿|元`).
#[inline]
pub(crate) fn parts_number_and_unit(a: char, b: char, before_a: Option<char>) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    is_unit(b) && (digit(a) || (is_unit(a) && before_a.is_some_and(digit)))
}

/// Marks that may hang past the right edge (标点悬挂): the closing and stop
/// marks.
#[inline]
pub(crate) fn may_hang(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '〕'
            | '”'
            | '’'
            | '．'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
    )
}
