//! The index's terms: every character of the folded text on its own and
//! every two neighbouring characters (CJK bigrams plus unigrams, and the
//! same for Latin letters, digits and punctuation), whitespace left out.
//!
//! A query word (folded, never holding whitespace) that occurs in a
//! paragraph's folded text has each of its characters, and each pair of
//! neighbours, among that paragraph's terms: so a paragraph that lacks one
//! of the word's terms cannot match, and the terms of the query's words
//! find every paragraph the scan finds (and some more, which the scan's own
//! matching then turns away).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::fold::fold_char;

/// The name the tokenizer is registered under in the index.
pub const NAME: &str = "yuedu_ngram";

/// Folds the text (as the search folds it) and cuts it into unigrams and
/// bigrams.
#[derive(Debug, Clone, Default)]
pub struct NgramTokenizer;

pub struct NgramStream<'a> {
    chars: std::str::CharIndices<'a>,
    /// The previous character, folded, and where it started; `None` after
    /// whitespace.
    previous: Option<(char, usize)>,
    /// A unigram waiting to be given after the bigram that ends with it.
    pending: Option<(char, usize, usize)>,
    token: Token,
    position: usize,
}

impl Tokenizer for NgramTokenizer {
    type TokenStream<'a> = NgramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NgramStream<'a> {
        NgramStream {
            chars: text.char_indices(),
            previous: None,
            pending: None,
            token: Token::default(),
            position: 0,
        }
    }
}

impl NgramStream<'_> {
    fn emit(&mut self, text: &[char], from: usize, to: usize) {
        self.token.text.clear();
        self.token.text.extend(text);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.position;
        self.position += 1;
    }
}

impl TokenStream for NgramStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((c, from, to)) = self.pending.take() {
            self.emit(&[c], from, to);
            return true;
        }
        for (at, raw) in self.chars.by_ref() {
            let c = fold_char(raw);
            if c.is_whitespace() {
                self.previous = None;
                continue;
            }
            let end = at + raw.len_utf8();
            match self.previous.replace((c, at)) {
                Some((p, from)) => {
                    self.pending = Some((c, at, end));
                    self.emit(&[p, c], from, end);
                }
                None => self.emit(&[c], at, end),
            }
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

/// The terms every paragraph holding the folded `word` has: the word
/// itself when it is one character, else each pair of neighbours.
pub fn word_terms(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().filter(|c| !c.is_whitespace()).collect();
    let mut terms: Vec<String> = match chars.len() {
        0 => Vec::new(),
        1 => vec![chars[0].to_string()],
        _ => chars.windows(2).map(|w| w.iter().collect()).collect(),
    };
    terms.sort_unstable();
    terms.dedup();
    terms
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
    fn folds_and_cuts_into_unigrams_and_bigrams() {
        assert_eq!(terms("尋烏 ＡＩ"), ["寻", "寻乌", "乌", "a", "ai", "i"]);
        assert_eq!(word_terms("寻乌县"), ["乌县", "寻乌"]);
        assert_eq!(word_terms("县"), ["县"]);
    }
}
