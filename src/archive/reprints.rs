//! Reprints: articles that carry the same story (a reprint in another
//! outlet, the same page saved as HTML and as text, a truncated copy),
//! found by near-duplicate detection over the article text.
//!
//! Each article's body paragraphs (captions and the page furniture the
//! store already left out are not in them; nor is the title, which outlets
//! rewrite) are folded (case, full-width forms, Traditional script), cut to
//! letters and digits, and read as shingles of five characters. A
//! consistent quarter of the shingles (those whose hash says so, the same in
//! every article) is summed up by a MinHash signature (gaoya's
//! `MinHasher32`), which the article cache keeps. Signatures are paired by
//! LSH banding (gaoya's `MinHashIndex`: 32 bands of 2 rows), so the work
//! grows with the library and the candidates, not with its square. A pair
//! is a reprint when the shorter text is mostly inside the longer
//! (containment, from the signatures' Jaccard estimate and the shingle
//! counts): a truncated copy is one, and two pages of one portal that share
//! only a template are not.

use std::sync::LazyLock;

use gaoya::minhash::{MinHashIndex, MinHasher, MinHasher32};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{Paragraph, ParagraphKind};

/// Values in a signature.
const HASHES: usize = 64;
const BANDS: usize = 32;
const ROWS: usize = HASHES / BANDS;
/// Characters in a shingle.
const SHINGLE: usize = 5;
/// One shingle in this many is summed up.
const SAMPLE: u64 = 4;
/// Sampled shingles a text needs to be compared at all (about 80
/// characters): shorter texts are too little to tell a reprint by.
const MIN_SHINGLES: u32 = 20;
/// How much longer one text of a pair may be than the other: a copy cut
/// to less than a fifth of its story is not told from a quotation.
const MAX_RATIO: u32 = 5;
/// The share of the shorter text that must be inside the longer.
const MIN_CONTAINMENT: f64 = 0.75;
/// The Jaccard estimate below which a pair is chance.
const MIN_JACCARD: f64 = 0.12;
/// Most copies listed for one article: a story held thousands of times
/// would otherwise make a list whose size is the square of the library's.
pub const MAX_COPIES: usize = 100;

/// The shingles' hashes are mixed already: the fast Fx hash is enough.
static HASHER: LazyLock<MinHasher32<rustc_hash::FxBuildHasher>> =
    LazyLock::new(|| MinHasher32::new_with_hasher(HASHES, rustc_hash::FxBuildHasher));

/// What an article's text is compared by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sketch {
    /// Distinct sampled shingles.
    shingles: u32,
    /// The MinHash signature; empty for a text too short to compare.
    mins: Vec<u32>,
}

/// A shingle's hash: its characters mixed (splitmix64's finaliser).
fn shingle_hash(window: &[u32]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &c in window {
        h = (h ^ u64::from(c)).wrapping_mul(0x1000_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

impl Sketch {
    /// The sketch of an article's paragraphs.
    pub fn of(paragraphs: &[Paragraph]) -> Sketch {
        let mut chars: Vec<u32> = Vec::new();
        let mut sampled: Vec<u64> = Vec::new();
        for p in paragraphs
            .iter()
            .filter(|p| p.kind != ParagraphKind::Caption)
        {
            // Shingles run on across paragraphs: how a text is split into
            // them differs between an HTML page and its text.
            chars.extend(
                p.text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .map(|c| crate::search::fold_char(c) as u32),
            );
        }
        sampled.extend(
            chars
                .windows(SHINGLE)
                .map(shingle_hash)
                .filter(|h| h % SAMPLE == 0),
        );
        sampled.sort_unstable();
        sampled.dedup();
        let shingles = u32::try_from(sampled.len()).unwrap_or(u32::MAX);
        if shingles < MIN_SHINGLES {
            return Sketch {
                shingles,
                mins: Vec::new(),
            };
        }
        Sketch {
            shingles,
            mins: HASHER.create_signature(sampled.iter()),
        }
    }

    fn comparable(&self) -> bool {
        self.mins.len() == HASHES
    }

    /// Whether two sketches are of one story.
    fn same_story(&self, other: &Sketch) -> bool {
        if !self.comparable() || !other.comparable() {
            return false;
        }
        let (short, long) = if self.shingles <= other.shingles {
            (self.shingles, other.shingles)
        } else {
            (other.shingles, self.shingles)
        };
        if long > short.saturating_mul(MAX_RATIO) {
            return false;
        }
        let equal = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        let jaccard = equal as f64 / HASHES as f64;
        // |A ∩ B| = J (|A| + |B|) / (1 + J), as a share of the shorter.
        let containment =
            jaccard * (f64::from(short) + f64::from(long)) / ((1.0 + jaccard) * f64::from(short));
        jaccard >= MIN_JACCARD && containment >= MIN_CONTAINMENT
    }
}

/// The stories of a library: which articles carry the same one.
#[derive(Debug, Clone, Default)]
pub struct Reprints {
    /// Each article's story: the first article (in library order) of it.
    story: Vec<usize>,
    /// Each article's copies, in library order.
    copies: Vec<Vec<usize>>,
}

/// Union–find over article indices.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

impl Reprints {
    /// The stories of the articles whose sketches these are (in library
    /// order). Articles linked by pairs are one story.
    pub fn find(sketches: &[Sketch]) -> Reprints {
        let n = sketches.len();
        let ids: Vec<usize> = (0..n).filter(|&i| sketches[i].comparable()).collect();
        let mut index: MinHashIndex<u32, usize> = MinHashIndex::new(BANDS, ROWS, 0.0);
        index.par_bulk_insert(
            ids.clone(),
            ids.iter().map(|&i| sketches[i].mins.clone()).collect(),
        );
        let pairs: Vec<(usize, usize)> = ids
            .par_iter()
            .flat_map_iter(|&i| {
                let candidates = index.query_owned(&sketches[i].mins);
                let mut found: Vec<(usize, usize)> = candidates
                    .into_iter()
                    .filter(|&j| j > i && sketches[i].same_story(&sketches[j]))
                    .map(|j| (i, j))
                    .collect();
                found.sort_unstable();
                found
            })
            .collect();
        let mut parent: Vec<usize> = (0..n).collect();
        for (a, b) in pairs {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            // The earlier article is the story's root.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent[hi] = lo;
        }
        let story: Vec<usize> = (0..n).map(|i| root(&mut parent, i)).collect();
        let mut members: std::collections::HashMap<usize, Vec<usize>> = Default::default();
        for (i, &s) in story.iter().enumerate() {
            members.entry(s).or_default().push(i);
        }
        let copies = (0..n)
            .map(|i| match members.get(&story[i]) {
                Some(m) if m.len() > 1 => m
                    .iter()
                    .copied()
                    .filter(|&j| j != i)
                    .take(MAX_COPIES)
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        Reprints { story, copies }
    }

    /// The story of article `i`: the index of its first article.
    pub fn story(&self, i: usize) -> usize {
        self.story.get(i).copied().unwrap_or(i)
    }

    /// The other articles that carry article `i`'s story, in library order.
    pub fn copies(&self, i: usize) -> &[usize] {
        self.copies.get(i).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paragraph;

    fn sketch(paragraphs: &[&str]) -> Sketch {
        let ps: Vec<Paragraph> = paragraphs
            .iter()
            .map(|t| Paragraph {
                kind: ParagraphKind::Body,
                text: (*t).into(),
            })
            .collect();
        Sketch::of(&ps)
    }

    const STORY: [&str; 3] = [
        "2016年以来，深圳市持续深化组织领导、人才支援、资金支持、产业合作、劳务协作、支医支教等重点工作，有力助推了百色脱贫攻坚。",
        "据不完全统计，“十三五”期间，深圳市各级政府和有关部门、社会各界共投入帮扶资金27.32亿元，其中财政资金19.11亿元。",
        "社会捐款（包括捐物折款）8.21亿元，实施帮扶项目690个，惠及805个贫困村64.9万建档立卡贫困人口。",
    ];

    #[test]
    fn one_text_split_and_written_differently_is_one_story() {
        let a = sketch(&STORY);
        let joined = STORY.concat().replace('，', ",").replace("（", "(");
        let b = sketch(&[&joined]);
        assert!(a.comparable());
        assert!(a.same_story(&b));
        let r = Reprints::find(&[a, sketch(&["太短了"]), b]);
        assert_eq!(r.copies(0), [2]);
        assert_eq!(r.copies(2), [0]);
        assert_eq!(r.story(2), 0);
        assert!(r.copies(1).is_empty());
        assert!(r.copies(9).is_empty());
    }

    #[test]
    fn a_short_text_is_never_compared() {
        let s = sketch(&["深圳市持续深化组织领导"]);
        assert!(!s.comparable());
        assert!(!s.same_story(&s));
    }
}
