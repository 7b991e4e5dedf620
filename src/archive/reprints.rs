//! Reprints: articles that carry the same story (a reprint in another
//! outlet, the same page saved as HTML and as text, a truncated copy),
//! found by near-duplicate detection over the article text.
//!
//! Each article's text is summed up by a sketch (see `sketch`): a MinHash
//! signature of its shingles. Signatures are paired by
//! LSH banding (32 bands of 2 rows), so the work grows with the library,
//! not with its square. The banding is written here: gaoya's
//! `MinHashIndex` compares an article with every other in its buckets, so
//! 3,000 copies of a few stories (scripts/gen-corpus.py) cost millions of
//! comparisons on every start, where a bucket's first and previous
//! article are enough to join a story. A pair
//! is a reprint when the shorter text is mostly inside the longer
//! (containment, from the signatures' Jaccard estimate and the shingle
//! counts): a truncated copy is one, and two pages of one portal that share
//! only a template are not.

use rayon::prelude::*;

use super::sketch::{HASHES, Sketch};

const BANDS: usize = 32;
const ROWS: usize = HASHES / BANDS;
/// Most copies listed for one article: a story held thousands of times
/// would otherwise make a list whose size is the square of the library's.
pub const MAX_COPIES: usize = 100;

/// The stories of a library: which articles carry the same one.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Reprints {
    /// Each article's story: the first article (in library order) of it.
    story: Vec<usize>,
    /// The articles of every story, one story after another, each in
    /// library order.
    members: Vec<usize>,
    /// Where the articles of story `s` (by its first article's index) lie
    /// in `members`: `starts[s]..starts[s + 1]`, empty for an article that
    /// is no story's first.
    starts: Vec<usize>,
}

/// Union–find over article indices.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The hash of one band of a signature.
fn band_hash(rows: &[u32]) -> u64 {
    rows.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, &v| {
        (h ^ u64::from(v)).wrapping_mul(0x1000_0000_01b3)
    })
}

/// A bucket this large or smaller has every pair in it compared; in a
/// larger one each article is compared with the bucket's first and with
/// the one before it, so a story held a thousand times costs a thousand
/// comparisons a band, not a million.
const SMALL_BUCKET: usize = 8;

impl Reprints {
    /// The stories of the articles whose sketches these are (in library
    /// order). Articles linked by pairs are one story.
    pub fn find(sketches: &[Sketch]) -> Reprints {
        let n = sketches.len();
        let ids: Vec<usize> = (0..n).filter(|&i| sketches[i].comparable()).collect();
        // Each band's buckets: the articles whose rows there are equal,
        // next to each other once sorted by the band's hash.
        let bands: Vec<Vec<(u64, usize)>> = (0..BANDS)
            .into_par_iter()
            .map(|b| {
                let mut keyed: Vec<(u64, usize)> = ids
                    .iter()
                    .map(|&i| (band_hash(&sketches[i].mins[b * ROWS..(b + 1) * ROWS]), i))
                    .collect();
                keyed.sort_unstable();
                keyed
            })
            .collect();
        let mut parent: Vec<usize> = (0..n).collect();
        let join = |parent: &mut Vec<usize>, a: usize, b: usize| {
            let (ra, rb) = (root(parent, a), root(parent, b));
            if ra != rb && sketches[a].same_story(&sketches[b]) {
                // The earlier article is the story's root.
                let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
                parent[hi] = lo;
            }
        };
        for keyed in &bands {
            for bucket in keyed.chunk_by(|x, y| x.0 == y.0) {
                let members: Vec<usize> = bucket.iter().map(|&(_, i)| i).collect();
                if members.len() <= SMALL_BUCKET {
                    for (k, &a) in members.iter().enumerate() {
                        for &b in &members[k + 1..] {
                            join(&mut parent, a, b);
                        }
                    }
                } else {
                    for k in 1..members.len() {
                        join(&mut parent, members[0], members[k]);
                        join(&mut parent, members[k - 1], members[k]);
                    }
                }
            }
        }
        let story: Vec<usize> = (0..n).map(|i| root(&mut parent, i)).collect();
        // The stories' articles laid out one story after another (a
        // counting sort by story), so that a story held thousands of times
        // costs one list, not one a copy.
        let mut starts = vec![0usize; n + 1];
        for &s in &story {
            starts[s + 1] += 1;
        }
        for s in 0..n {
            starts[s + 1] += starts[s];
        }
        let mut members = vec![0usize; n];
        let mut filled = starts.clone();
        for (i, &s) in story.iter().enumerate() {
            members[filled[s]] = i;
            filled[s] += 1;
        }
        Reprints {
            story,
            members,
            starts,
        }
    }

    /// The articles of article `i`'s story, in library order.
    fn members_of(&self, i: usize) -> &[usize] {
        let s = self.story(i);
        let end = s.checked_add(1).and_then(|e| self.starts.get(e));
        match (self.starts.get(s), end) {
            (Some(&a), Some(&b)) => self.members.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The story of article `i`: the index of its first article.
    pub fn story(&self, i: usize) -> usize {
        self.story.get(i).copied().unwrap_or(i)
    }

    /// The other articles that carry article `i`'s story, in library
    /// order, at most [`MAX_COPIES`] of them.
    pub fn copies(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (self.members_of(i).iter().copied())
            .filter(move |&j| j != i)
            .take(MAX_COPIES)
    }

    /// Whether another article carries article `i`'s story.
    pub fn has_copies(&self, i: usize) -> bool {
        self.members_of(i).len() > 1
    }
}

#[cfg(test)]
mod tests {
    use super::super::sketch::fixtures::{STORY, sketch};
    use super::*;

    #[test]
    fn one_text_split_and_written_differently_is_one_story() {
        let a = sketch(&STORY);
        let joined = STORY.concat().replace('，', ",").replace("（", "(");
        let b = sketch(&[&joined]);
        assert!(a.comparable());
        assert!(a.same_story(&b));
        let r = Reprints::find(&[a, sketch(&["太短了"]), b]);
        assert_eq!(r.copies(0).collect::<Vec<_>>(), [2]);
        assert_eq!(r.copies(2).collect::<Vec<_>>(), [0]);
        assert_eq!(r.story(2), 0);
        assert!(r.copies(1).next().is_none() && !r.has_copies(1));
        assert!(r.copies(9).next().is_none() && !r.has_copies(9));
    }

    #[test]
    fn a_story_held_many_times_lists_at_most_max_copies_of_the_others() {
        let held = MAX_COPIES + 50;
        let mut sketches = vec![sketch(&STORY); held];
        sketches.insert(3, sketch(&["太短了"]));
        let r = Reprints::find(&sketches);
        let others = |i: usize| (0..=held).filter(move |&j| j != i && j != 3);
        for i in [0, 1, 4, 77, held] {
            assert!(r.has_copies(i));
            assert_eq!(r.story(i), 0);
            let want: Vec<usize> = others(i).take(MAX_COPIES).collect();
            assert_eq!(r.copies(i).collect::<Vec<_>>(), want, "article {i}");
        }
        assert!(!r.has_copies(3) && r.copies(3).next().is_none());
    }
}
