//! Extraction speed: yuedu's whole reading of a saved page (decoding, the
//! main content found by dom_smoothie, the block walk, furniture and the
//! news rules) beside dom_smoothie alone on the same decoded pages, over
//! the saved pages in tests/fixtures/pages, in pages per second.
//!
//!   cargo bench --bench extraction

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn pages() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut pages: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the saved pages")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a saved page");
            (p, bytes)
        })
        .collect();
    pages.sort();
    pages
}

fn extraction(c: &mut Criterion) {
    let pages = pages();
    let decoded: Vec<String> = pages
        .iter()
        .map(|(_, b)| {
            yuedu::store::decode::decode(b)
                .expect("a page that decodes")
                .text
        })
        .collect();
    let mut group = c.benchmark_group("extraction");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.sample_size(10);
    group.bench_function("yuedu", |b| {
        b.iter(|| {
            for (path, bytes) in &pages {
                black_box(yuedu::store::parse_article(path, bytes).ok());
            }
        })
    });
    group.bench_function("dom_smoothie", |b| {
        b.iter(|| {
            for text in &decoded {
                let article = dom_smoothie::Readability::new(text.as_str(), None, None)
                    .ok()
                    .and_then(|mut r| r.parse().ok());
                black_box(article);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
