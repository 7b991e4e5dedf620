//! What an article's text is compared by to find its reprints: its body
//! paragraphs (captions and the page furniture the store already left out
//! are not in them; nor is the title, which outlets rewrite) folded (case,
//! full-width forms, Traditional script), cut to letters and digits and
//! read as shingles of five characters. A consistent eighth of the
//! shingles (those whose hash says so, the same in every article) is summed
//! up by a MinHash signature (gaoya's `MinHasher32`), which the article
//! cache keeps. Two sketches are of one story when the shorter text is
//! mostly inside the longer (containment, from the signatures' Jaccard
//! estimate and the shingle counts).

use std::sync::LazyLock;

use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use gaoya::minhash::{MinHasher, MinHasher32};
use serde::{Deserialize, Serialize};

use crate::model::{Paragraph, ParagraphKind};

/// Values in a signature.
pub(super) const HASHES: usize = 64;
/// Characters in a shingle.
const SHINGLE: usize = 5;
/// One shingle in this many is summed up.
const SAMPLE: u64 = 8;
/// Sampled shingles a text needs to be compared at all (about 100
/// characters): shorter texts are too little to tell a reprint by.
const MIN_SHINGLES: u32 = 12;
/// How much longer one text of a pair may be than the other: a copy cut
/// to less than a fifth of its story is not told from a quotation.
const MAX_RATIO: u32 = 5;
/// The share of the shorter text that must be inside the longer.
const MIN_CONTAINMENT: f64 = 0.75;
/// The Jaccard estimate below which a pair is chance.
const MIN_JACCARD: f64 = 0.12;
/// The multipliers and offsets of the signature's hash functions: those
/// of gaoya's `MinHasher32` for [`HASHES`] values (seeded, the same in
/// every run), read back through its public interface with a hasher that
/// gives each item as its own hash: a signature of the hash 0 is the
/// offsets, of the hash 1 the multipliers plus the offsets.
static FUNCTIONS: LazyLock<([u32; HASHES], [u32; HASHES])> = LazyLock::new(|| {
    let hasher = MinHasher32::new_with_hasher(HASHES, BuildHasherDefault::<Identity>::default());
    let offsets = hasher.create_signature(std::iter::once(0u32));
    let plus = hasher.create_signature(std::iter::once(1u32));
    let mut a = [0u32; HASHES];
    let mut b = [0u32; HASHES];
    for i in 0..HASHES {
        let (o, p) = (
            offsets.get(i).copied().unwrap_or(0),
            plus.get(i).copied().unwrap_or(0),
        );
        b[i] = o;
        // (a + b) mod P, with a and b below P.
        a[i] = if p >= o { p - o } else { p + PRIME - o };
    }
    (a, b)
});

/// gaoya's modulus, the Mersenne prime 2^31 − 1.
const PRIME: u32 = (1 << 31) - 1;

/// `x % PRIME`, without a division.
#[inline]
fn mod_prime(x: u32) -> u32 {
    let r = (x & PRIME) + (x >> 31);
    if r >= PRIME { r - PRIME } else { r }
}

/// A hasher that gives a `u32` as its own hash.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.0 = u64::from(v);
    }
}

/// The MinHash signature of distinct shingle hashes: what gaoya's
/// `MinHasher32` with the Fx hasher gives for them (a test checks it), in
/// one pass over the shingles with all the functions side by side.
fn signature(sampled: &[u64]) -> Vec<u32> {
    let (a, b) = &*FUNCTIONS;
    // As gaoya hashes an item: the Fx hash, cut to 32 bits.
    let hashes: Vec<u32> = sampled
        .iter()
        .map(|&s| rustc_hash::FxBuildHasher.hash_one(s) as u32)
        .collect();
    let mut mins = [u32::MAX; HASHES];
    lower_mins(&hashes, a, b, &mut mins);
    mins.to_vec()
}

/// Lowers each function's minimum by its value for each hash: the
/// functions side by side, so that the loop runs in SIMD lanes (8 at a
/// time with AVX2) where the processor has them.
#[multiversion::multiversion(targets("x86_64+avx2", "x86_64+sse4.1"))]
fn lower_mins(hashes: &[u32], a: &[u32; HASHES], b: &[u32; HASHES], mins: &mut [u32; HASHES]) {
    for &h in hashes {
        for i in 0..HASHES {
            mins[i] = mins[i].min(mod_prime(h.wrapping_mul(a[i]).wrapping_add(b[i])));
        }
    }
}

/// What an article's text is compared by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sketch {
    /// Distinct sampled shingles.
    shingles: u32,
    /// The MinHash signature; empty for a text too short to compare.
    pub(super) mins: Vec<u32>,
}

/// The base of the shingles' polynomial hash (odd, so multiplying by it
/// loses nothing).
const BASE: u64 = 0x9e37_79b9_7f4a_7c15;

/// A shingle's hash mixed (splitmix64's finaliser), so that its every bit
/// counts.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// `char::is_alphanumeric`, answered at once for the common CJK block and
/// ASCII (the standard check looks CJK up in a table, which costs a first
/// start more than all the hashing).
fn letter_or_digit(c: char) -> bool {
    match c {
        '\u{4e00}'..='\u{9fff}' => true,
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // CJK and general punctuation and the full-width marks, which the
        // standard check would look up.
        '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{303f}'
        | '\u{ff00}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff5b}'..='\u{ff65}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Appends the code (the folded character plus one) of each letter or
/// digit of `text` to `codes`: what
/// `text.chars().filter(letter_or_digit).map(fold)` gives, with the
/// ideographs of the common CJK block (nearly all of a Chinese text)
/// decoded from their three bytes at once and folded through the table's
/// parts, which stay in registers.
fn push_letters(text: &str, folder: crate::fold::Folder, codes: &mut Vec<u32>) {
    let parts = folder.cjk_parts();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphanumeric() {
                codes.push(u32::from(b.to_ascii_lowercase()) + 1);
            }
            continue;
        }
        // U+4E00–U+9FFF lead with E4–E9.
        if (0xe4..=0xe9).contains(&b)
            && let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2))
        {
            let u =
                (u32::from(b & 0x0f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f);
            if u >= 0x4e00 {
                i += 3;
                codes.push(crate::fold::Folder::cjk_with(parts, u) + 1);
                continue;
            }
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if letter_or_digit(c) {
            codes.push(u32::from(folder.fold(c)) + 1);
        }
    }
}

/// Each shingle's polynomial hash, the oldest letter's code times the
/// highest power of the base: what a hash rolled on a letter at a time
/// gives, without a chain from one shingle to the next.
fn shingle_hashes(codes: &[u32]) -> impl Iterator<Item = u64> + '_ {
    let powers: [u64; SHINGLE] =
        std::array::from_fn(|k| BASE.wrapping_pow((SHINGLE - 1 - k) as u32));
    codes.windows(SHINGLE).map(move |w| {
        w.iter().zip(&powers).fold(0u64, |h, (&c, &p)| {
            h.wrapping_add(u64::from(c).wrapping_mul(p))
        })
    })
}

/// Leaves each value of `sampled` once, where it first stands: an
/// open-addressing set of twice their count, indexed by the values'
/// own bits (they are mixed hashes already). What a sketch makes of them
/// (their count, their minima) does not depend on their order, so no sort.
fn keep_first_of_each(sampled: &mut Vec<u64>) {
    let size = (sampled.len() * 2).next_power_of_two().max(16);
    let mask = size - 1;
    // A sampled hash is a multiple of SAMPLE, so `h | 1` is never 0 (the
    // empty slot) and tells hashes apart as `h` does.
    let mut slots = vec![0u64; size];
    sampled.retain(|&h| {
        let v = h | 1;
        let mut i = (h >> SAMPLE.trailing_zeros()) as usize & mask;
        loop {
            match slots[i] {
                0 => {
                    slots[i] = v;
                    return true;
                }
                x if x == v => return false,
                _ => i = (i + 1) & mask,
            }
        }
    });
}

impl Sketch {
    /// The sketch of an article's paragraphs.
    pub fn of(paragraphs: &[Paragraph]) -> Sketch {
        // The letters' codes, run on across paragraphs, since how a text
        // is split into them differs between an HTML page and its text.
        let folder = crate::fold::Folder::new();
        let bytes: usize = paragraphs.iter().map(|p| p.text.len()).sum();
        let mut codes: Vec<u32> = Vec::with_capacity(bytes / 3 + 1);
        for p in paragraphs
            .iter()
            .filter(|p| p.kind != ParagraphKind::Caption)
        {
            push_letters(&p.text, folder, &mut codes);
        }
        let mut sampled: Vec<u64> = Vec::with_capacity(codes.len() / SAMPLE as usize + 1);
        sampled.extend(
            shingle_hashes(&codes)
                .map(mix)
                .filter(|h| h.is_multiple_of(SAMPLE)),
        );
        keep_first_of_each(&mut sampled);
        let shingles = u32::try_from(sampled.len()).unwrap_or(u32::MAX);
        if shingles < MIN_SHINGLES {
            return Sketch {
                shingles,
                mins: Vec::new(),
            };
        }
        Sketch {
            shingles,
            mins: signature(&sampled),
        }
    }

    pub(super) fn comparable(&self) -> bool {
        self.mins.len() == HASHES
    }

    /// Whether two sketches are of one story.
    pub(super) fn same_story(&self, other: &Sketch) -> bool {
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

/// A sketch of paragraphs of body text, and a story of three of them, for
/// the tests here and of the reprints.
#[cfg(test)]
pub(super) mod fixtures {
    use super::Sketch;
    use crate::model::{Paragraph, ParagraphKind};

    pub fn sketch(paragraphs: &[&str]) -> Sketch {
        let ps: Vec<Paragraph> = paragraphs
            .iter()
            .map(|t| Paragraph {
                kind: ParagraphKind::Body,
                text: (*t).into(),
            })
            .collect();
        Sketch::of(&ps)
    }

    pub const STORY: [&str; 3] = [
        "2016年以来，深圳市持续深化组织领导、人才支援、资金支持、产业合作、劳务协作、支医支教等重点工作，有力助推了百色脱贫攻坚。",
        "据不完全统计，“十三五”期间，深圳市各级政府和有关部门、社会各界共投入帮扶资金27.32亿元，其中财政资金19.11亿元。",
        "社会捐款（包括捐物折款）8.21亿元，实施帮扶项目690个，惠及805个贫困村64.9万建档立卡贫困人口。",
    ];
}

#[cfg(test)]
mod tests {
    use super::fixtures::{STORY, sketch};
    use super::*;

    #[test]
    fn the_signature_is_gaoyas_with_the_fx_hasher() {
        let gaoya = MinHasher32::new_with_hasher(HASHES, rustc_hash::FxBuildHasher);
        let mut rng = fastrand::Rng::with_seed(7);
        for n in [1, 12, 300, 5000] {
            let sampled: Vec<u64> = (0..n).map(|_| rng.u64(..)).collect();
            assert_eq!(signature(&sampled), gaoya.create_signature(sampled.iter()));
        }
        let story = sketch(&STORY);
        assert_eq!(story.mins.len(), HASHES);
    }

    #[test]
    fn letters_and_digits_are_the_standard_ones_outside_cjk_punctuation() {
        for c in (0u32..0x3_0000).filter_map(char::from_u32) {
            if !('\u{3000}'..='\u{303f}').contains(&c) {
                assert_eq!(letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn each_sampled_hash_is_kept_once() {
        let mut rng = fastrand::Rng::with_seed(4);
        for n in [0, 1, 7, 100, 3000] {
            // Few distinct values, so that most repeat.
            let mut sampled: Vec<u64> = (0..n).map(|_| rng.u64(0..n / 3 + 2) * SAMPLE).collect();
            let mut sorted = sampled.clone();
            sorted.sort_unstable();
            sorted.dedup();
            keep_first_of_each(&mut sampled);
            let mut kept = sampled.clone();
            kept.sort_unstable();
            assert_eq!(kept, sorted);
        }
    }

    #[test]
    fn a_shingles_hash_is_the_hash_rolled_on_a_letter_at_a_time() {
        let mut rng = fastrand::Rng::with_seed(8);
        let codes: Vec<u32> = (0..500).map(|_| rng.u32(1..0x11_0000)).collect();
        let out = BASE.wrapping_pow(SHINGLE as u32);
        let mut rolled = 0u64;
        let mut want = Vec::new();
        for (i, &c) in codes.iter().enumerate() {
            let leaving = if i >= SHINGLE { codes[i - SHINGLE] } else { 0 };
            rolled = rolled
                .wrapping_mul(BASE)
                .wrapping_add(u64::from(c))
                .wrapping_sub(u64::from(leaving).wrapping_mul(out));
            if i + 1 >= SHINGLE {
                want.push(rolled);
            }
        }
        let got: Vec<u64> = shingle_hashes(&codes).collect();
        assert_eq!(got, want);
        assert_eq!(shingle_hashes(&codes[..SHINGLE - 1]).count(), 0);
    }

    #[test]
    fn the_letters_are_the_folded_letters_and_digits_of_the_text() {
        let folder = crate::fold::Folder::new();
        let expected = |t: &str| -> Vec<u32> {
            t.chars()
                .filter(|&c| letter_or_digit(c))
                .map(|c| u32::from(folder.fold(c)) + 1)
                .collect()
        };
        let found = |t: &str| {
            let mut out = Vec::new();
            push_letters(t, folder, &mut out);
            out
        };
        let every: String = (0u32..0x3_0000).filter_map(char::from_u32).collect();
        assert_eq!(found(&every), expected(&every));
        let alphabet = [
            '深', '圳', '縣', '乾', '\u{4dff}', '\u{4e00}', '\u{9fff}', '\u{a000}', 'A', 'z', '7',
            '，', '“', 'Ａ', '２', '々', 'é', 'Ω', '😀', ' ', '\n', '·',
        ];
        let mut rng = fastrand::Rng::with_seed(3);
        for _ in 0..20_000 {
            let t: String = (0..rng.usize(0..40))
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            assert_eq!(found(&t), expected(&t), "{t:?}");
        }
    }

    #[test]
    fn a_short_text_is_never_compared() {
        let s = sketch(&["深圳市持续深化组织领导"]);
        assert!(!s.comparable());
        assert!(!s.same_story(&s));
    }
}
