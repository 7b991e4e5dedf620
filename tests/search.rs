//! Search: every paragraph holding the query is found and every hit holds
//! it, after folding case, full-width forms and Traditional/Simplified.

use assert_cmd::Command;
use serde_json::Value;

mod common;

fn search(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    common::json_array(&all)
}

fn library() -> Value {
    common::json(&["list", "--json"])
}

fn paragraphs(id: &str) -> Vec<String> {
    common::json(&["show", id, "--json"])["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

/// Checks hits against a plain reading of every paragraph: `expected` is the
/// text every matching paragraph contains, as the corpus writes it.
fn check_complete_and_sound(query: &str, expected: &[&str]) {
    let hits = search(&[query]);
    let mut want = Vec::new();
    for a in library().as_array().unwrap() {
        let id = a["id"].as_str().unwrap();
        for (i, p) in paragraphs(id).iter().enumerate() {
            if expected.iter().all(|w| p.contains(w)) {
                // Paragraphs counted from 1, as `open --paragraph` takes them.
                want.push((id.to_string(), i as u64 + 1));
            }
        }
    }
    let got: Vec<(String, u64)> = hits
        .iter()
        .map(|h| {
            (
                h["article"].as_str().unwrap().to_string(),
                h["paragraph"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        !want.is_empty(),
        "{query}: the corpus has no such paragraph"
    );
    assert_eq!(got, want, "{query}");
    for h in &hits {
        let p = &paragraphs(h["article"].as_str().unwrap())
            [h["paragraph"].as_u64().unwrap() as usize - 1];
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert!(expected.contains(&&p[s..e]), "{query}: {:?}", &p[s..e]);
        let snip = h["snippet"].as_str().unwrap();
        let (ss, se) = (
            h["snippet_start"].as_u64().unwrap() as usize,
            h["snippet_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&snip[ss..se], &p[s..e]);
    }
}

#[test]
fn chinese_query() {
    check_complete_and_sound("寻乌", &["寻乌"]);
}

#[test]
fn traditional_query_finds_simplified_text() {
    check_complete_and_sound("尋烏", &["寻乌"]);
}

#[test]
fn full_width_digits_find_ascii_digits() {
    check_complete_and_sound("２０２３", &["2023"]);
}

#[test]
fn latin_case_is_folded() {
    check_complete_and_sound("5g", &["5G"]);
}

#[test]
fn several_words_must_all_occur() {
    check_complete_and_sound("深圳 寻乌 产业", &["深圳", "寻乌", "产业"]);
}

#[test]
fn folds_both_ways_in_mixed_text() {
    let hits = search(&[
        "--no-bundled",
        "--articles",
        "tests/fixtures/search",
        "寻乌",
    ]);
    let ps: Vec<u64> = hits
        .iter()
        .map(|h| h["paragraph"].as_u64().unwrap())
        .collect();
    assert_eq!(ps, [1, 3]);
    let hits = search(&["--no-bundled", "--articles", "tests/fixtures/search", "ai"]);
    assert_eq!(hits.len(), 1);
    // The first match is the half-width one; both forms count.
    assert_eq!(
        hits[0]["snippet"].as_str().unwrap().matches("AI").count(),
        1
    );
    assert!(hits[0]["snippet"].as_str().unwrap().contains("ＡＩ"));
}

#[test]
fn snippets_never_split_a_grapheme() {
    let out = Command::cargo_bin("yuedu")
        .unwrap()
        .args([
            "--no-bundled",
            "--articles",
            "tests/fixtures/search",
            "search",
            "脐橙",
            "--json",
        ])
        .output()
        .unwrap();
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = hits[0]["snippet"].as_str().unwrap();
    assert!(s.contains("👨‍👩‍👧"), "{s}");
    assert!(s.contains("e\u{301}"), "{s}");
}

#[test]
fn filters_by_facet() {
    let all = search(&["深圳"]);
    let jx = search(&["深圳", "--region", "江西"]);
    assert!(!jx.is_empty() && jx.len() < all.len());
    assert!(jx.iter().all(|h| h["article"] != "002_f879ae6b00abf318"));
}

#[test]
fn no_match_prints_nothing_and_exits_1_as_grep() {
    Command::cargo_bin("yuedu")
        .unwrap()
        .args(["search", "没有这样的词语组合"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
    Command::cargo_bin("yuedu")
        .unwrap()
        .args(["search", "没有这样的词语组合", "--json"])
        .assert()
        .code(1)
        .stdout("[]\n");
}

#[test]
fn an_empty_query_is_a_usage_error() {
    for q in ["", "   ", "\u{3000}"] {
        Command::cargo_bin("yuedu")
            .unwrap()
            .args(["search", q])
            .assert()
            .code(2);
    }
}

mod same_as_folding {
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;
    use yuedu::search::{Query, fold, fold_str};

    /// What a query finds by definition: its folded words, leftmost-longest
    /// in the folded text, mapped back to the original.
    fn by_definition(query: &str, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut words: Vec<String> = Vec::new();
        for w in fold_str(query).split_whitespace() {
            if !words.iter().any(|x| x == w) {
                words.push(w.to_string());
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .unwrap();
        let folded = fold(text);
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for m in ac.find_iter(&folded.text) {
            seen.insert(m.pattern());
            out.push(folded.original_range(m.range()));
        }
        if seen.len() == words.len() {
            out
        } else {
            Vec::new()
        }
    }

    /// Characters with several spellings: Traditional and Simplified,
    /// upper and lower case, full and half width.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "寻", "尋", "乌", "烏", "县", "縣", "的", "a", "A", "ａ", "Ａ", "i", "I", "Ｉ", "2",
            "２", " ", "　", "，", "K", "\u{212A}", "k", "é", "É", "e\u{301}",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn raw_spellings_find_what_folding_finds(
            query in prop::collection::vec(piece(), 1..6),
            text in prop::collection::vec(piece(), 0..40),
        ) {
            let (query, text) = (query.concat(), text.concat());
            if let Ok(q) = Query::parse(&query) {
                prop_assert_eq!(q.find_in(&text), by_definition(&query, &text));
                prop_assert_eq!(
                    q.first_in(&text),
                    by_definition(&query, &text).first().cloned()
                );
            }
        }

        /// Long Latin words have too many spellings to list: those go
        /// through folding, after the prefilter.
        #[test]
        fn long_words_find_what_folding_finds(
            text in prop::collection::vec(prop::sample::select(vec![
                "shen", "SHEN", "ｓｈｅｎ", "zhen", "ＺＨＥＮ", "Zhen", "深圳", " ", "x",
            ]), 0..20),
        ) {
            let text = text.concat();
            for query in ["shenzhen", "ShenZhen 深圳", "zhen shen"] {
                let q = Query::parse(query).unwrap();
                prop_assert_eq!(q.find_in(&text), by_definition(query, &text));
            }
        }
    }
}
