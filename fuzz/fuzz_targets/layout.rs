//! Layout of arbitrary text at arbitrary widths, checking the layout's
//! invariants (`text::verify_wrap`), not only that it does not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let width = (w as usize % 200) + 1;
    let indent = (w as usize / 200) * 4;
    if let Err(e) = yuedu::text::verify_wrap(text, width, indent) {
        panic!("width {width}, indent {indent}: {e}");
    }
});
