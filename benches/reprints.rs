//! Finding reprints: an article's sketch (shingles and MinHash signature)
//! and the pairing of a whole library's sketches by LSH banding, on the
//! bundled articles and on 3,000 variants of them (paragraphs dropped and
//! shuffled, as scripts/gen-corpus.py makes them: every variant of one
//! article is a copy of the others, the hardest case for the pairing).
//!
//!   cargo bench --bench reprints

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use yuedu::archive::{Reprints, Sketch};
use yuedu::model::Paragraph;

fn bundled() -> Vec<Vec<Paragraph>> {
    yuedu::store::bundled_files()
        .into_iter()
        .map(|(name, bytes)| {
            yuedu::store::parse_article(std::path::Path::new(name), bytes)
                .expect("a bundled article")
                .paragraphs
        })
        .collect()
}

/// `count` variants of the articles: about one paragraph in seven
/// dropped, the rest shuffled.
fn variants(articles: &[Vec<Paragraph>], count: usize) -> Vec<Vec<Paragraph>> {
    let mut rng = fastrand::Rng::with_seed(1);
    (0..count)
        .map(|i| {
            let mut ps: Vec<Paragraph> = articles[i % articles.len()]
                .iter()
                .filter(|_| rng.u8(..) > 38)
                .cloned()
                .collect();
            rng.shuffle(&mut ps);
            ps
        })
        .collect()
}

fn reprints(c: &mut Criterion) {
    let articles = bundled();
    let chars: usize = articles
        .iter()
        .flatten()
        .map(|p| p.text.chars().count())
        .sum();
    let mut group = c.benchmark_group("reprints");
    group.throughput(Throughput::Elements(chars as u64));
    group.bench_function("sketch the bundled articles (per character)", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(Sketch::of(a));
            }
        })
    });
    group.finish();

    let sketches: Vec<Sketch> = variants(&articles, 3000)
        .iter()
        .map(|ps| Sketch::of(ps))
        .collect();
    let mut group = c.benchmark_group("reprints");
    group.throughput(Throughput::Elements(sketches.len() as u64));
    group.sample_size(10);
    group.bench_function("pair 3,000 sketches (per article)", |b| {
        b.iter(|| black_box(Reprints::find(&sketches)))
    });
    group.finish();
}

criterion_group!(benches, reprints);
criterion_main!(benches);
