//! Front matter: any text between `---` lines loads within its bounds
//! (aliases, nesting, size), or is refused, and the article still parses;
//! never a panic, a hang or memory exhausted (libFuzzer's RSS limit).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let front = String::from_utf8_lossy(data);
    let _ = yuedu::store::yaml::load(&front);
    let file = format!("---\n{front}\n---\n正文第一段。\n");
    let article = yuedu::store::parse_article(std::path::Path::new("a.md"), file.as_bytes());
    if let Ok(article) = article {
        let _ = yuedu::text::Layout::article(&article, 40);
    }
});
