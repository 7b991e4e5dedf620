//! Finding a bookmarked passage again after its article file changed: the
//! quote where it was, else the quote elsewhere (its context and nearness
//! deciding between copies), else the most similar paragraph or sentence.
//! Written here because it is particular to how bookmarks are stored.

use super::model::Bookmark;
use crate::model::Article;

/// Similarity (0–1) a changed passage must keep to be taken as the same.
const FUZZY_THRESHOLD: f64 = 0.6;
/// Characters compared in fuzzy matching (a longer quote is cut).
const FUZZY_CHARS: usize = 400;

/// Where the passage is in the article's paragraphs now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    paragraph: usize,
    end_paragraph: usize,
    start: usize,
    end: usize,
}

/// Re-anchors `b` on `article`; returns whether the bookmark changed.
pub fn reanchor(b: &mut Bookmark, article: &Article) -> bool {
    let before = (b.paragraph, b.end_paragraph, b.start, b.end, b.orphaned);
    match find(b, article) {
        Some(a) => {
            b.paragraph = a.paragraph;
            b.end_paragraph = (a.end_paragraph != a.paragraph).then_some(a.end_paragraph);
            b.start = a.start;
            b.end = a.end;
            b.orphaned = false;
        }
        None => b.orphaned = true,
    }
    before != (b.paragraph, b.end_paragraph, b.start, b.end, b.orphaned)
}

fn lines(quote: &str) -> Vec<&str> {
    quote.split('\n').collect()
}

/// Whether the quote's lines stand at paragraphs `p..` from byte `start`.
/// `p` and `start` may come from a hostile file: nothing here wraps.
fn matches_at(article: &Article, quote_lines: &[&str], p: usize, start: usize) -> Option<Anchor> {
    let ps = &article.paragraphs;
    let last = p.checked_add(quote_lines.len().checked_sub(1)?)?;
    if last >= ps.len() {
        return None;
    }
    if quote_lines.len() == 1 {
        let text = &ps[p].text;
        let end = start.checked_add(quote_lines[0].len())?;
        return (text.get(start..end) == Some(quote_lines[0])).then_some(Anchor {
            paragraph: p,
            end_paragraph: p,
            start,
            end,
        });
    }
    let first_ok = ps[p].text.get(start..) == Some(quote_lines[0]);
    let middle_ok = (1..quote_lines.len() - 1).all(|k| ps[p + k].text == quote_lines[k]);
    let tail = quote_lines[quote_lines.len() - 1];
    let last_ok = ps[last].text.starts_with(tail);
    (first_ok && middle_ok && last_ok).then_some(Anchor {
        paragraph: p,
        end_paragraph: last,
        start,
        end: tail.len(),
    })
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn find(b: &Bookmark, article: &Article) -> Option<Anchor> {
    let quote_lines = lines(&b.quote);
    // Where it was.
    if let Some(a) = matches_at(article, &quote_lines, b.paragraph, b.start) {
        return Some(a);
    }
    // The same text elsewhere: the copy with the most matching context, then
    // the nearest to where it was.
    let first_line = quote_lines[0];
    let mut best: Option<(usize, usize, Anchor)> = None;
    if !first_line.is_empty() {
        for (p, para) in article.paragraphs.iter().enumerate() {
            for (start, _) in para.text.match_indices(first_line) {
                let Some(a) = matches_at(article, &quote_lines, p, start) else {
                    continue;
                };
                let context = common_suffix_chars(&para.text[..start], &b.prefix)
                    + common_prefix_chars(
                        article.paragraphs[a.end_paragraph]
                            .text
                            .get(a.end..)
                            .unwrap_or(""),
                        &b.suffix,
                    );
                let distance = p.abs_diff(b.paragraph);
                let better =
                    best.is_none_or(|(c, d, _)| context > c || (context == c && distance < d));
                if better {
                    best = Some((context, distance, a));
                }
            }
        }
    }
    if let Some((_, _, a)) = best {
        return Some(a);
    }
    fuzzy(b, article)
}

/// The paragraph or sentence most like the quote, if like enough.
fn fuzzy(b: &Bookmark, article: &Article) -> Option<Anchor> {
    let quote: String = b.quote.chars().take(FUZZY_CHARS).collect();
    if quote.chars().count() < 4 {
        return None;
    }
    let whole_paragraph = b.end_paragraph.is_none() && b.prefix.is_empty() && b.suffix.is_empty();
    let mut best: Option<(f64, Anchor)> = None;
    let mut consider = |score: f64, a: Anchor| {
        let near = |x: &Anchor| x.paragraph.abs_diff(b.paragraph);
        let better = best.as_ref().is_none_or(|(s, x)| {
            score > *s + 1e-9 || ((score - *s).abs() <= 1e-9 && near(&a) < near(x))
        });
        if better {
            best = Some((score, a));
        }
    };
    for (p, para) in article.paragraphs.iter().enumerate() {
        let text = &para.text;
        let cut: String = text.chars().take(FUZZY_CHARS).collect();
        consider(
            strsim::normalized_levenshtein(&quote, &cut),
            Anchor {
                paragraph: p,
                end_paragraph: p,
                start: 0,
                end: text.len(),
            },
        );
        if whole_paragraph {
            continue;
        }
        // Sentences, for a bookmark on part of a paragraph.
        let mut start = 0;
        for sentence in text.split_inclusive(['。', '！', '？', '!', '?', '；']) {
            let end = start + sentence.len();
            let cut: String = sentence.chars().take(FUZZY_CHARS).collect();
            consider(
                strsim::normalized_levenshtein(&quote, &cut),
                Anchor {
                    paragraph: p,
                    end_paragraph: p,
                    start,
                    end,
                },
            );
            start = end;
        }
    }
    best.filter(|(s, _)| *s >= FUZZY_THRESHOLD).map(|(_, a)| a)
}
