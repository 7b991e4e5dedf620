//! The index's terms: each character of the folded text with the one after
//! it (CJK bigrams, and the same for Latin letters, digits and
//! punctuation), the last character of a run of non-whitespace with
//! [`END`]; so there are as many terms as characters.
//!
//! A query word (folded, never holding whitespace) that occurs in a
//! paragraph's folded text has each pair of its neighbouring characters
//! among that paragraph's terms, and a word of one character starts one of
//! them: so a paragraph that lacks one of the word's terms cannot match,
//! and the terms of the query's words find every paragraph the scan finds
//! (and some more, which the scan's own matching then turns away).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::fold::fold_char;

/// The name the tokenizer is registered under in the index.
pub const NAME: &str = "yuedu_ngram";

/// Folds the text (as the search folds it) and cuts it into bigrams.
#[derive(Debug, Clone, Default)]
pub struct NgramTokenizer;

/// What follows the last character of a run in its term.
pub const END: char = '\u{0}';

pub struct NgramStream<'a> {
    chars: std::str::CharIndices<'a>,
    /// The previous character, folded, and where it started; `None` after
    /// whitespace.
    previous: Option<(char, usize)>,
    /// Where the text ends.
    len: usize,
    token: Token,
    position: usize,
}

impl Tokenizer for NgramTokenizer {
    type TokenStream<'a> = NgramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NgramStream<'a> {
        NgramStream {
            chars: text.char_indices(),
            previous: None,
            len: text.len(),
            token: Token::default(),
            position: 0,
        }
    }
}

impl NgramStream<'_> {
    fn emit(&mut self, pair: [char; 2], from: usize, to: usize) {
        self.token.text.clear();
        self.token.text.extend(pair);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.position;
        self.position += 1;
    }
}

impl TokenStream for NgramStream<'_> {
    fn advance(&mut self) -> bool {
        for (at, raw) in self.chars.by_ref() {
            let c = fold_char(raw);
            if c.is_whitespace() {
                if let Some((p, from)) = self.previous.take() {
                    self.emit([p, END], from, at);
                    return true;
                }
                continue;
            }
            if let Some((p, from)) = self.previous.replace((c, at)) {
                self.emit([p, c], from, at + raw.len_utf8());
                return true;
            }
        }
        if let Some((p, from)) = self.previous.take() {
            self.emit([p, END], from, self.len);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The terms a paragraph holding the folded `word` has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordTerms {
    /// Each pair of neighbouring characters: all of them.
    All(Vec<String>),
    /// A word of one character: a term starting with it.
    StartingWith(char),
    /// A word of nothing but whitespace: no term.
    None,
}

/// The terms every paragraph holding the folded `word` has.
pub fn word_terms(word: &str) -> WordTerms {
    let chars: Vec<char> = word.chars().filter(|c| !c.is_whitespace()).collect();
    match chars.len() {
        0 => WordTerms::None,
        1 => WordTerms::StartingWith(chars[0]),
        _ => {
            let mut terms: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
            terms.sort_unstable();
            terms.dedup();
            WordTerms::All(terms)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut t = NgramTokenizer;
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while let Some(tok) = s.next() {
            out.push(tok.text.clone());
        }
        out
    }

    #[test]
    fn folds_and_cuts_into_bigrams() {
        assert_eq!(terms("尋烏 ＡＩ"), ["寻乌", "乌\0", "ai", "i\0"]);
        assert_eq!(terms(" 县"), ["县\0"]);
        assert_eq!(terms(""), [] as [&str; 0]);
        let all = |t: &[&str]| WordTerms::All(t.iter().map(|s| s.to_string()).collect());
        assert_eq!(word_terms("寻乌县"), all(&["乌县", "寻乌"]));
        assert_eq!(word_terms("县"), WordTerms::StartingWith('县'));
    }
}
