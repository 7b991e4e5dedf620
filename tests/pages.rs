//! Real saved news pages (tests/fixtures/pages/) and the text copied out of
//! such pages (tests/fixtures/page-text/) read as their articles: title,
//! first body paragraph, source, date, furniture left out, last paragraph
//! kept and regions, checked against each folder's expected.toml through
//! `yuedu show ID --json`.
//!
//! Today's extractor does not pass every page, so the test asserts that each
//! check passes on at least as many pages as it does now (it cannot regress)
//! and prints every failure. `YUEDU_PAGES_STRICT=1` makes every check on
//! every page a failure of its own. Raise the minimums as extraction improves.

mod common;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// Saved pages each check passes on today; a lower count fails the test.
const PAGES_MINIMUM: &[(&str, usize)] = &[
    ("title", 41),
    ("first", 45),
    ("source", 39),
    ("date", 42),
    ("clean", 42),
    ("last", 45),
    ("regions", 43),
];

#[derive(Debug, Deserialize)]
struct Manifest {
    page: Vec<Page>,
}

#[derive(Debug, Deserialize)]
struct Page {
    file: String,
    title: String,
    first_paragraph_starts: String,
    #[serde(default)]
    allowed_before: Vec<String>,
    last_paragraph_starts: String,
    source: Option<String>,
    date: Option<String>,
    furniture: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
}

/// Page-text dumps each check passes on today.
const PAGE_TEXT_MINIMUM: &[(&str, usize)] = &[
    ("title", 12),
    ("first", 12),
    ("source", 12),
    ("date", 15),
    ("clean", 12),
    ("last", 15),
    ("regions", 14),
];

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Text with every kind of white space removed, as the manifest compares it.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}'))
        .collect()
}

/// The first paragraph that is neither a heading, a caption, nor one of the
/// lines the page allows before its first body paragraph.
fn first_body<'a>(paragraphs: &'a [String], kinds: &[String], page: &Page) -> Option<&'a str> {
    let allowed: Vec<String> = page.allowed_before.iter().map(|a| norm(a)).collect();
    paragraphs.iter().enumerate().find_map(|(i, p)| {
        let n = norm(p);
        let kind = kinds.get(i).map(String::as_str);
        let skipped = matches!(kind, Some("heading" | "caption"))
            || allowed
                .iter()
                .any(|a| !n.is_empty() && (a.starts_with(&n) || n.starts_with(a.as_str())));
        (!skipped).then_some(p.as_str())
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Each check's name and whether the article passes it, with what was seen.
fn check(page: &Page, article: &Value) -> Vec<(&'static str, bool, String)> {
    let text = |k: &str| article[k].as_str().unwrap_or("").to_string();
    let paragraphs = strings(&article["paragraphs"]);
    let kinds = strings(&article["kinds"]);
    let normed: Vec<String> = paragraphs.iter().map(|p| norm(p)).collect();
    let first = first_body(&paragraphs, &kinds, page);
    let source = text("source");
    let date = text("date");
    let dirty: Vec<&String> = page
        .furniture
        .iter()
        .filter(|f| normed.iter().any(|p| p.contains(&norm(f))))
        .collect();
    let last = norm(&page.last_paragraph_starts);
    let regions = strings(&article["regions"]);
    let missing: Vec<&String> = page
        .regions
        .iter()
        .filter(|r| !regions.contains(r))
        .collect();
    vec![
        (
            "title",
            norm(&text("title")) == norm(&page.title),
            text("title"),
        ),
        (
            "first",
            first.is_some_and(|p| norm(p).starts_with(&norm(&page.first_paragraph_starts))),
            first.unwrap_or("").chars().take(40).collect(),
        ),
        (
            "source",
            match &page.source {
                Some(s) => norm(&source) == norm(s),
                None => norm(&source).is_empty(),
            },
            source.clone(),
        ),
        (
            "date",
            match &page.date {
                Some(d) => date.get(..10) == Some(d.as_str()),
                None => date.is_empty(),
            },
            date.clone(),
        ),
        ("clean", dirty.is_empty(), format!("{dirty:?}")),
        (
            "last",
            normed.iter().any(|p| p.starts_with(&last)),
            String::new(),
        ),
        (
            "regions",
            missing.is_empty(),
            format!("missing {missing:?}"),
        ),
    ]
}

#[test]
fn saved_pages_read_as_their_articles() {
    read_as_articles("pages", PAGES_MINIMUM);
}

#[test]
fn text_copied_from_pages_reads_as_its_articles() {
    read_as_articles("page-text", PAGE_TEXT_MINIMUM);
}

/// Loads every file of the folder's manifest as one library and scores each
/// article against its expectations.
fn read_as_articles(name: &str, minimum: &[(&str, usize)]) {
    let folder = fixtures(name);
    let manifest: Manifest = toml::from_str(
        &std::fs::read_to_string(folder.join("expected.toml")).expect("the manifest"),
    )
    .expect("a valid manifest");
    // only the pages, not this folder's README and manifest
    let library = tempfile::tempdir().expect("a temporary folder");
    for page in &manifest.page {
        std::fs::copy(folder.join(&page.file), library.path().join(&page.file))
            .expect("the page is copied");
    }
    let data = tempfile::tempdir().expect("a temporary folder");
    let articles = library.path().to_str().expect("a UTF-8 path");
    let data_dir = data.path().to_str().expect("a UTF-8 path");

    let mut passed = std::collections::BTreeMap::<&str, usize>::new();
    let mut failures = Vec::new();
    for page in &manifest.page {
        let id = page
            .file
            .rsplit_once('.')
            .map_or(page.file.as_str(), |(s, _)| s);
        let args = [
            "--no-bundled",
            "--data-dir",
            data_dir,
            "--articles",
            articles,
            "show",
            id,
            "--json",
        ];
        let article = common::json(&args);
        for (name, ok, seen) in check(page, &article) {
            if ok {
                *passed.entry(name).or_default() += 1;
            } else {
                failures.push(format!("{} {name}: {seen}", page.file));
            }
        }
    }

    let n = manifest.page.len();
    eprintln!("{name}: {} failed checks:", failures.len());
    for f in &failures {
        eprintln!("  {f}");
    }
    for (check, min) in minimum {
        let got = passed.get(check).copied().unwrap_or(0);
        eprintln!("{name} {check}: {got}/{n} (at least {min})");
    }
    if std::env::var_os("YUEDU_PAGES_STRICT").is_some() {
        assert!(failures.is_empty(), "{} checks failed", failures.len());
    }
    for (check, min) in minimum {
        let got = passed.get(check).copied().unwrap_or(0);
        assert!(
            got >= *min,
            "{name}: {check} passes on {got} of {n} files, fewer than {min}"
        );
    }
}
