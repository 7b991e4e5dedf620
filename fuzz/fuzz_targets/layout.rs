//! Layout of arbitrary text at arbitrary widths and with every combination
//! of options, checking the layout's invariants (`text::verify_wrap_with`:
//! lines fit, nothing lost, no cluster split, each line as shown as wide as
//! it claims), not only that it does not panic. The first byte gives the
//! width and indent, the second the options.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu::text::{Options, verify_wrap_with};

fuzz_target!(|data: &[u8]| {
    let [w, o, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let width = (*w as usize % 200) + 1;
    let indent = (*w as usize / 200) * 4;
    let options = Options::from_bits(*o);
    if let Err(e) = verify_wrap_with(text, width, indent, &options) {
        panic!("width {width}, indent {indent}, {options:?}: {e}");
    }
});
