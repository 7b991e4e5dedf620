//! How well lines are filled, beside the peers of the layout bench: on the
//! bundled articles' paragraphs at widths 20 to 80, the mean slack of the
//! lines that are not a paragraph's last, the share of those 2 or more
//! columns short (all of them, and those before a paragraph's
//! second-to-last line, which is where a character is pulled down to keep
//! the last line from holding one alone), and the paragraphs ending on a line of one character
//! (孤字). Prints a Markdown table for docs/PERFORMANCE.md.
//!
//!   cargo bench --bench layout_quality

use unicode_width::UnicodeWidthStr;

#[derive(Default)]
struct Tally {
    lines: usize,
    slack: usize,
    short: usize,
    /// Short lines that are not a paragraph's second-to-last: that line
    /// gives a character to the last where it would hold one alone (孤字).
    short_before: usize,
    paragraphs: usize,
    lone: usize,
}

impl Tally {
    fn add(&mut self, lines: &[&str], width: usize, measure: impl Fn(&str) -> usize) {
        if lines.len() < 2 {
            return;
        }
        self.paragraphs += 1;
        for (i, l) in lines[..lines.len() - 1].iter().enumerate() {
            let slack = width.saturating_sub(measure(l));
            self.lines += 1;
            self.slack += slack;
            self.short += usize::from(slack >= 2);
            self.short_before += usize::from(slack >= 2 && i + 2 < lines.len());
        }
        let last = lines[lines.len() - 1];
        let letters = last
            .chars()
            .filter(|&c| {
                !c.is_whitespace()
                    && !yuedu_layout::no_line_start(c)
                    && !yuedu_layout::no_line_end(c)
            })
            .count();
        self.lone += usize::from(letters == 1);
    }

    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {:.2} | {:.1}% | {:.1}% | {} of {} ({:.1}%) |",
            self.slack as f64 / self.lines.max(1) as f64,
            100.0 * self.short as f64 / self.lines.max(1) as f64,
            100.0 * self.short_before as f64 / self.lines.max(1) as f64,
            self.lone,
            self.paragraphs,
            100.0 * self.lone as f64 / self.paragraphs.max(1) as f64
        )
    }
}

/// A greedy first fit over icu_segmenter's UAX #14 break points.
fn icu_lines<'a>(
    seg: &icu_segmenter::LineSegmenterBorrowed<'_>,
    text: &'a str,
    width: usize,
) -> Vec<&'a str> {
    let mut out = Vec::new();
    let (mut line_start, mut last, mut used) = (0, 0, 0);
    for b in seg.segment_str(text) {
        if b == 0 {
            continue;
        }
        let w = text[last..b].width();
        if used + w > width && last > line_start {
            out.push(text[line_start..last].trim_end());
            line_start = last;
            used = 0;
        }
        used += w;
        last = b;
    }
    out.push(text[line_start..].trim_end());
    out
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let lib = yuedu::store::Library::load(
        &yuedu::store::LoadOptions {
            dirs: vec![],
            bundled: true,
            ..Default::default()
        },
        yuedu::taxonomy::Taxonomy::bundled(),
    )
    .expect("bundled articles load");
    let texts: Vec<&str> = lib
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| &*p.text))
        .collect();
    let seg = icu_segmenter::LineSegmenter::new_auto(Default::default());
    let hang = yuedu_layout::Options {
        hang: true,
        ..Default::default()
    };
    let (mut ours, mut hung, mut tw, mut icu) = Default::default();
    for width in 20..=80 {
        let tw_options = textwrap::Options::new(width)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::UnicodeBreakProperties);
        for t in &texts {
            let of = |o: &yuedu_layout::Options| -> Vec<&str> {
                yuedu_layout::wrap_with(t, width, 0, o)
                    .into_iter()
                    .map(|l| &t[l.range])
                    .collect()
            };
            Tally::add(
                &mut ours,
                &of(&Default::default()),
                width,
                yuedu_layout::str_width,
            );
            // A hanging mark fills the line: it counts as no slack.
            Tally::add(&mut hung, &of(&hang), width, yuedu_layout::str_width);
            let lines = textwrap::wrap(t, &tw_options);
            let lines: Vec<&str> = lines.iter().map(|l| l.as_ref()).collect();
            Tally::add(&mut tw, &lines, width, |s| s.width());
            Tally::add(&mut icu, &icu_lines(&seg, t, width), width, |s| s.width());
        }
    }
    println!(
        "| layout (widths 20–80, bundled articles) | mean slack (columns) | lines 2+ short | of them before the second-to-last line | paragraphs ending on one character |"
    );
    println!("|---|---|---|---|---|");
    println!("{}", ours.row("yuedu (CLREQ rules kept)"));
    println!("{}", hung.row("yuedu `--hang`"));
    println!("{}", tw.row("textwrap 0.16 first fit (no CLREQ)"));
    println!("{}", icu.row("icu_segmenter greedy (no CLREQ)"));
}
