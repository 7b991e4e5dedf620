//! `bookmarks import` input: any bytes are read as an export or refused;
//! what is read passes the checks, merges without losing or doubling a
//! bookmark, round-trips through an export, and finds its passage again
//! without a panic. The same bytes taken as a stored bookmarks file (no
//! checks) are re-anchored without a panic too.
#![no_main]

use libfuzzer_sys::fuzz_target;

use std::collections::HashSet;
use std::path::Path;

use yuedu::bookmarks::{Bookmark, merge, parse_export, problem, reanchor, to_json};

fuzz_target!(|data: &[u8]| check(data));

const ARTICLE: &str = "标题\n第一段，讲的是开头。\n第二段，深圳与寻乌的合作。\n第三段。\n";

pub fn check(data: &[u8]) {
    let article = yuedu::store::parse_article(Path::new("a.txt"), ARTICLE.as_bytes())
        .expect("the article parses");
    #[derive(serde::Deserialize)]
    struct Stored {
        bookmarks: Vec<Bookmark>,
    }
    if let Ok(stored) = serde_json::from_slice::<Stored>(data) {
        for mut b in stored.bookmarks {
            reanchor(&mut b, &article);
        }
    }
    let Ok(incoming) = parse_export(data) else {
        return;
    };
    for b in &incoming {
        assert_eq!(problem(b), None);
    }
    let mut all = Vec::new();
    let report = merge(&mut all, incoming.clone());
    assert_eq!(report.added + report.duplicates, incoming.len());
    assert_eq!(all.len(), report.added);
    let ids: HashSet<&str> = all.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "two bookmarks share an id");
    let _ = report.to_string();
    let again = merge(&mut all, incoming);
    assert_eq!(again.added, 0);
    let back = parse_export(to_json(&all).as_bytes()).expect("an export reads back");
    assert_eq!(back, all);
    for b in &mut all {
        reanchor(b, &article);
    }
}
