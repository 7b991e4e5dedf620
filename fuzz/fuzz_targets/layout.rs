//! Layout of arbitrary text at arbitrary widths and with every combination
//! of options, checking the layout's invariants (`text::verify_wrap_with`),
//! not only that it does not panic; with the gap between Chinese and Latin
//! text, that the gaps never push a line past the width and that a line
//! shows its text and the gaps, nothing else.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu::text::{Options, ParagraphStyle, paragraph_lines, str_width_with, verify_wrap_with};

fuzz_target!(|data: &[u8]| {
    let [w, o, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let width = (*w as usize % 200) + 1;
    let indent = (*w as usize / 200) * 4;
    let options = Options {
        hang: o & 1 != 0,
        ambiguous_wide: o & 2 != 0,
        fullwidth_punctuation: o & 4 != 0,
        latin_gap: o & 8 != 0,
    };
    if let Err(e) = verify_wrap_with(text, width, indent, &options) {
        panic!("width {width}, indent {indent}, {options:?}: {e}");
    }
    if options.latin_gap {
        let style = ParagraphStyle::indented(indent);
        for span in paragraph_lines(0, text, width, style, &options) {
            let without = span.columns - span.gaps.len();
            assert!(
                span.gaps.is_empty() || span.columns <= width,
                "width {width}: gaps push {span:?} past the edge"
            );
            assert!(without <= width || span.gaps.is_empty());
            let shown = span.render(text, &options);
            assert_eq!(
                str_width_with(&shown, options.ambiguous_wide),
                span.columns,
                "{span:?} shows {shown:?}"
            );
        }
    }
});
