//! The layout engine on text it was never tuned on: every test string of
//! Unicode's LineBreakTest.txt (tests/data, see its README), at many widths.
//! Every layout must keep the invariants: lines fit, no text lost or added,
//! no grapheme cluster split, and text that fits stays on one line.

use unicode_segmentation::UnicodeSegmentation;
use yuedu::text::{str_width, wrap};

fn cases() -> Vec<String> {
    let data = std::fs::read_to_string("tests/data/LineBreakTest.txt").unwrap();
    data.lines()
        .map(|line| {
            line.split_whitespace()
                .filter(|t| *t != "×" && *t != "÷")
                .filter_map(|hex| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn hard_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

#[test]
fn every_conformance_string_keeps_the_layout_invariants() {
    let cases = cases();
    assert!(cases.len() > 15_000, "{} cases", cases.len());
    for text in &cases {
        let bounds: Vec<usize> = text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for width in [1, 2, 3, 4, 5, 6, 8, 10, 13, 20, 40] {
            let lines = wrap(text, width, 0);
            let mut at = 0;
            for l in &lines {
                assert!(l.range.start >= at, "{text:?} at {width}: ranges go back");
                assert!(
                    text[at..l.range.start].chars().all(char::is_whitespace),
                    "{text:?} at {width}: text lost between lines"
                );
                assert!(
                    bounds.contains(&l.range.start) && bounds.contains(&l.range.end),
                    "{text:?} at {width}: a grapheme cluster is split"
                );
                let shown = &text[l.range.clone()];
                assert_eq!(l.columns, str_width(shown));
                assert!(
                    l.columns <= width || shown.graphemes(true).count() == 1,
                    "{text:?} at {width}: {shown:?} is {} columns",
                    l.columns
                );
                at = l.range.end;
            }
            assert!(
                text[at..].chars().all(char::is_whitespace),
                "{text:?}: tail lost"
            );
            if str_width(text) <= width && !text.chars().any(hard_break) {
                assert!(
                    lines.len() <= 1,
                    "{text:?} fits in {width} but took {} lines",
                    lines.len()
                );
            }
        }
    }
}
