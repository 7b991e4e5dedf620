//! Ranking hits by relevance: Okapi BM25 over the query's words as the
//! search matches them (so `寻乌` counts where the scan finds it, not where
//! two bigrams happen to meet), each paragraph a document of its length in
//! characters, the words' document frequencies counted among the hits.

use super::{Hit, Query};

/// The order of the library search's results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Most relevant first (BM25).
    #[default]
    Relevance,
    /// Library order, and paragraph order in each article.
    Library,
}

impl Order {
    /// The other order.
    pub fn toggled(self) -> Order {
        match self {
            Order::Relevance => Order::Library,
            Order::Library => Order::Relevance,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Order::Relevance => "by relevance",
            Order::Library => "in library order",
        }
    }
}

/// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Sorts `hits` (in library order) by relevance: the articles by their
/// most relevant paragraph, ties in library order, and each article's
/// paragraphs in reading order. `text` gives a hit's paragraph; `paragraphs` and `chars` are how
/// many paragraphs were searched and their characters in all.
pub fn rank<'a>(
    hits: &mut [Hit],
    query: &Query,
    text: impl Fn(&Hit) -> &'a str,
    paragraphs: usize,
    chars: usize,
) {
    let words = query.words().len();
    if hits.len() < 2 || words == 0 {
        return;
    }
    // Per hit: the count of each word, and its length.
    let counts: Vec<(Vec<u32>, usize)> = hits
        .iter()
        .map(|h| {
            let t = text(h);
            let mut tf = vec![0u32; words];
            query.each_match(t, |_, w| {
                if let Some(n) = tf.get_mut(w) {
                    *n = n.saturating_add(1);
                }
                true
            });
            (tf, t.chars().count())
        })
        .collect();
    let n = paragraphs.max(hits.len()) as f64;
    let avg = (chars as f64 / paragraphs.max(1) as f64).max(1.0);
    let idf: Vec<f64> = (0..words)
        .map(|w| {
            let df = counts.iter().filter(|(tf, _)| tf[w] > 0).count() as f64;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    let scores: Vec<f64> = counts
        .iter()
        .map(|(tf, len)| {
            let norm = K1 * (1.0 - B + B * *len as f64 / avg);
            (tf.iter().zip(&idf))
                .map(|(&f, idf)| {
                    let f = f64::from(f);
                    idf * f * (K1 + 1.0) / (f + norm)
                })
                .sum()
        })
        .collect();
    // Each article by its best paragraph; its paragraphs stay in reading
    // order, under one heading.
    let mut best: std::collections::HashMap<usize, f64> = std::collections::HashMap::new();
    for (h, &s) in hits.iter().zip(&scores) {
        let b = best.entry(h.article).or_insert(s);
        *b = b.max(s);
    }
    // Stable: equal scores keep library order.
    hits.sort_by(|a, b| {
        let (sa, sb) = (best[&a.article], best[&b.article]);
        sb.total_cmp(&sa)
            .then(a.article.cmp(&b.article))
            .then(a.paragraph.cmp(&b.paragraph))
    });
}
