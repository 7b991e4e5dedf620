//! The layout engine on text it was never tuned on: every test string of
//! Unicode's LineBreakTest.txt (tests/data, see its README), at many widths.
//! Every layout must keep the invariants: lines fit, no text lost or added,
//! no grapheme cluster split, and text that fits stays on one line.

use yuedu::text::{str_width, verify_wrap, wrap};

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
        for width in [1, 2, 3, 4, 5, 6, 8, 10, 13, 20, 40] {
            if let Err(e) = verify_wrap(text, width, 0) {
                panic!("{text:?} at {width}: {e}");
            }
            let lines = wrap(text, width, 0);
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
