//! Article parsing from raw bytes: any file must parse or be refused with a
//! reason, never panic or hang. The first byte picks the file name, so the
//! extension hint is fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = match data.first().map(|b| b % 4) {
        Some(0) => "a.html",
        Some(1) => "a.md",
        Some(2) => "a",
        _ => "a.txt",
    };
    let bytes = data.get(1..).unwrap_or_default();
    if let Ok(article) = yuedu::store::parse_article(std::path::Path::new(name), bytes) {
        // What is parsed can be laid out.
        let _ = yuedu::text::Layout::article(&article, 40);
    }
});
