//! Layout speed: yuedu's CLREQ-aware wrap against two peers that keep none of
//! the CLREQ rules — textwrap (first fit, UAX #14 through unicode-linebreak)
//! and a plain greedy fit over icu_segmenter's line breaks — on the bundled
//! articles' paragraphs repeated to several MB, at 80 columns.
//!
//!   cargo bench --bench layout

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use unicode_width::UnicodeWidthStr;

/// The bundled articles' paragraphs, repeated to about `bytes`.
fn corpus(bytes: usize) -> Vec<String> {
    let lib = yuedu::store::Library::load(
        &yuedu::store::LoadOptions {
            dirs: vec![],
            bundled: true,
            ..Default::default()
        },
        yuedu::taxonomy::Taxonomy::bundled(),
    )
    .expect("bundled articles load");
    let paragraphs: Vec<String> = lib
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| p.text.to_string()))
        .collect();
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        for p in &paragraphs {
            total += p.len();
            out.push(p.clone());
        }
    }
    out
}

/// A greedy first fit over icu_segmenter's UAX #14 break points.
fn icu_greedy(seg: &icu_segmenter::LineSegmenterBorrowed<'_>, text: &str, width: usize) -> usize {
    let mut lines = 0;
    let mut line_start = 0;
    let mut last = 0;
    let mut used = 0;
    for b in seg.segment_str(text) {
        if b == 0 {
            continue;
        }
        let w = text[last..b].width();
        if used + w > width && last > line_start {
            lines += 1;
            line_start = last;
            used = 0;
        }
        used += w;
        last = b;
    }
    lines + 1
}

fn bench(c: &mut Criterion) {
    let paragraphs = corpus(4 << 20);
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("wrap 80 columns");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("yuedu (CLREQ)", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| yuedu::text::wrap(black_box(p), 80, 0).len())
                .sum::<usize>()
        })
    });
    g.bench_function("textwrap first-fit", |b| {
        let options = textwrap::Options::new(80)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::UnicodeBreakProperties);
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| textwrap::wrap(black_box(p), &options).len())
                .sum::<usize>()
        })
    });
    g.bench_function("icu_segmenter greedy", |b| {
        let seg = icu_segmenter::LineSegmenter::new_auto(Default::default());
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| icu_greedy(&seg, black_box(p), 80))
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("components");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("linebreaks", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| unicode_linebreak::linebreaks(black_box(p)).count())
                .sum::<usize>()
        })
    });
    g.bench_function("graphemes", |b| {
        use unicode_segmentation::UnicodeSegmentation;
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| black_box(p).graphemes(true).count())
                .sum::<usize>()
        })
    });
    g.bench_function("chars width", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| {
                    black_box(p)
                        .chars()
                        .map(yuedu::text::char_width)
                        .sum::<usize>()
                })
                .sum::<usize>()
        })
    });
    g.finish();

    // One article of 5 MB, laid out whole.
    let mut body = String::from("五兆字节的文章\n");
    for p in paragraphs.iter().cycle() {
        if body.len() >= 5 << 20 {
            break;
        }
        body.push_str(p);
        body.push('\n');
    }
    let article = yuedu::store::parse_article(std::path::Path::new("big.txt"), body.as_bytes())
        .expect("the corpus parses");
    let mut g = c.benchmark_group("article layout");
    g.sample_size(10);
    g.bench_function("5 MB article at 80 columns", |b| {
        b.iter(|| {
            yuedu::text::Layout::article(black_box(&article), 80)
                .lines
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
