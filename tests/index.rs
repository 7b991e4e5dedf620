//! The full-text index: the same hits as the scan on generated text, kept
//! up to date one file at a time, and never trusted when it is damaged,
//! foreign, of another version, unwritable or busy.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use yuedu::model::{Article, Paragraph, ParagraphKind};
use yuedu::search::index::{TextIndex, sources};
use yuedu::search::{Query, search_index, search_library};
use yuedu::store::{Library, LoadOptions};

mod common;

fn article(i: usize, paragraphs: &[String]) -> Article {
    Article::new(
        format!("a{i}"),
        format!("/nonexistent/yuedu-index-test/a{i}.txt"),
        format!("a{i}"),
        paragraphs
            .iter()
            .map(|t| Paragraph {
                kind: ParagraphKind::Body,
                text: t.as_str().into(),
            })
            .collect(),
    )
}

/// Characters that fold into each other (case, full width, Traditional),
/// CJK, Latin, digits, punctuation and spaces.
const ALPHABET: &[char] = &[
    '寻', '尋', '乌', '烏', '县', '縣', '产', '業', '业', 'a', 'A', 'Ａ', 'b', 'B', '1', '２',
    '，', '-', ' ', '\u{3000}', 'ß', 'K', '\u{212A}',
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max)
        .prop_map(|cs| cs.into_iter().collect())
}

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&ALPHABET[..ALPHABET.len() - 4]), 1..4)
        .prop_map(|cs| cs.into_iter().filter(|c| !c.is_whitespace()).collect())
}

/// A query of one to three words, maybe with `OR` or a `-word`.
fn query() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(word(), 1..4),
        prop::option::of(word()),
        0..3u8,
    )
        .prop_map(|(words, other, form)| {
            let mut q = words.join(" ");
            match (form, other) {
                (1, Some(o)) => q = format!("{q} OR {o}"),
                (2, Some(o)) => q = format!("{q} -{o}"),
                _ => {}
            }
            q
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_index_finds_what_the_scan_finds(
        articles in prop::collection::vec(prop::collection::vec(text(24), 0..5), 1..6),
        queries in prop::collection::vec(query(), 1..6),
    ) {
        let cache = tempfile::tempdir().unwrap();
        let mut library = Library::default();
        for (i, ps) in articles.iter().enumerate() {
            library.articles.push(article(i, ps));
        }
        let files = sources(&library, false);
        let ix = TextIndex::ready(cache.path(), &files, &library).unwrap();
        for q in &queries {
            let Ok(query) = Query::parse(q) else { continue };
            let scan = search_library(&library, &query, |_| true);
            let found = search_index(&ix, &files, &library, &query, |_| true).unwrap();
            let hits: Vec<_> = found;
            prop_assert_eq!(hits, scan, "query {:?}", q);
        }
    }
}

/// A folder of articles on disk and a cache folder beside it.
struct Disk {
    tmp: tempfile::TempDir,
    /// Whether a file was written less than a second ago.
    fresh: std::cell::Cell<bool>,
}

impl Disk {
    fn new() -> Disk {
        let d = Disk {
            tmp: tempfile::tempdir().unwrap(),
            fresh: std::cell::Cell::new(false),
        };
        std::fs::create_dir(d.articles()).unwrap();
        d.write("a.md", "# 甲\n\n寻乌县的脐橙丰收。\n\n赣州的稀土。\n");
        d.write("b.md", "# 乙\n\n深圳的科技产业。\n");
        d.write(
            "c.jsonl",
            concat!(
                r#"{"id": 1, "title": "丙", "content": "喀什的产业园。\n寻乌的果园。"}"#,
                "\n",
                r#"{"id": 2, "title": "丁", "content": "延边的冷面。"}"#,
                "\n"
            ),
        );
        d
    }
    fn articles(&self) -> PathBuf {
        self.tmp.path().join("articles")
    }
    fn cache(&self) -> PathBuf {
        self.tmp.path().join("cache")
    }
    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.articles().join(name), text).unwrap();
        self.fresh.set(true);
    }
    /// Waits until the files written have settled: the index takes a file
    /// changed in the last second again on every update, in case it
    /// changes again within the clock's step.
    fn settle(&self) {
        if self.fresh.replace(false) {
            std::thread::sleep(std::time::Duration::from_millis(1100));
        }
    }
    fn library(&self) -> Library {
        self.settle();
        let options = LoadOptions {
            dirs: vec![self.articles()],
            bundled: false,
            metadata_only: false,
            cache_dir: None,
            keys: None,
            trust_cache: false,
        };
        Library::load(&options, yuedu::taxonomy::Taxonomy::bundled()).unwrap()
    }
    /// The index brought up to date with the folder, and what `query`
    /// finds through it: (article id, paragraph text).
    fn search(&self, query: &str) -> (TextIndex, Vec<(String, String)>) {
        let library = self.library();
        let files = sources(&library, false);
        let ix = TextIndex::ready(&self.cache(), &files, &library).unwrap();
        let q = Query::parse(query).unwrap();
        let found = search_index(&ix, &files, &library, &q, |_| true).unwrap();
        let scan = search_library(&library, &q, |_| true);
        assert_eq!(found.clone(), scan);
        let hits = found
            .iter()
            .map(|f| {
                let a = &library.articles[f.article];
                (a.id.clone(), a.paragraphs[f.paragraph].text.to_string())
            })
            .collect();
        (ix, hits)
    }
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_changed_file_rewrites_only_its_own_documents() {
    let d = Disk::new();
    let (ix, hits) = d.search("寻乌");
    assert_eq!(
        hits,
        pairs(&[("a", "寻乌县的脐橙丰收。"), ("c-1", "寻乌的果园。")])
    );
    let before = ix.segment_ids();
    let paragraphs = ix.paragraphs();
    drop(ix);

    d.write("b.md", "# 乙\n\n寻乌的新闻。\n\n又一段。\n");
    let (ix, hits) = d.search("寻乌");
    assert_eq!(
        hits,
        pairs(&[
            ("a", "寻乌县的脐橙丰收。"),
            ("b", "寻乌的新闻。"),
            ("c-1", "寻乌的果园。")
        ])
    );
    assert!(d.search("深圳").1.is_empty(), "the old text is gone");
    let after = ix.segment_ids();
    // The first segment is still there, untouched; one new segment holds
    // the changed file's two paragraphs.
    assert!(
        before.iter().all(|s| after.contains(s)),
        "{before:?} → {after:?}"
    );
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(ix.paragraphs(), paragraphs + 1);
}

#[test]
fn a_records_file_is_indexed_again_whole_and_a_removed_file_leaves() {
    let d = Disk::new();
    assert_eq!(d.search("冷面").1, pairs(&[("c-2", "延边的冷面。")]));
    d.write(
        "c.jsonl",
        concat!(
            r#"{"id": 2, "title": "丁", "content": "延边的冷面店。"}"#,
            "\n"
        ),
    );
    std::fs::remove_file(d.articles().join("a.md")).unwrap();
    assert_eq!(d.search("冷面").1, pairs(&[("c-1", "延边的冷面店。")]));
    let (ix, hits) = d.search("寻乌");
    assert!(hits.is_empty(), "{hits:?}");
    // b's paragraph and c's one article are all that is left.
    assert_eq!(ix.paragraphs(), 2);
}

/// `yuedu --no-bundled --articles DIR search ARGS --json` with the cache in
/// `cache` (`None`: `--no-cache`): stdout, and stderr, which must say
/// nothing.
fn cli(d: &Disk, cache: Option<&Path>, query: &str) -> String {
    d.settle();
    let mut cmd = common::yuedu();
    cmd.arg("--no-bundled").arg("--articles").arg(d.articles());
    match cache {
        Some(c) => cmd.env("YUEDU_CACHE_DIR", c),
        None => cmd.arg("--no-cache"),
    };
    let out = cmd.args(["search", query, "--json"]).output().unwrap();
    // No match: exit status 1, as grep's.
    assert!(out.status.success() || out.stdout == b"[]\n", "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    String::from_utf8(out.stdout).unwrap()
}

/// The index's folder in a cache folder.
fn index_dir(cache: &Path) -> PathBuf {
    cache.join("text-index")
}

/// The index's files and their lengths: the same before and after a
/// search when the search trusted the index as it was.
fn index_files(cache: &Path) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = walk(&index_dir(cache));
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push((
                p.display().to_string(),
                std::fs::metadata(&p).unwrap().len(),
            ));
        }
    }
    out
}

/// The index the CLI left is sound: the version file is there, and the
/// next search answers from it as it is, writing nothing.
fn sound(d: &Disk, query: &str, expected: &str) {
    assert!(index_dir(&d.cache()).join("version").is_file());
    let before = index_files(&d.cache());
    assert_eq!(cli(d, Some(&d.cache()), query), expected);
    assert_eq!(index_files(&d.cache()), before);
}

#[test]
fn the_cli_finds_through_the_index_what_the_scan_finds() {
    let d = Disk::new();
    let scan = cli(&d, None, "寻乌");
    assert!(scan.contains("寻乌县的脐橙丰收"), "{scan}");
    assert!(
        !index_dir(&d.cache()).exists(),
        "--no-cache writes no index"
    );
    assert_eq!(cli(&d, Some(&d.cache()), "寻乌"), scan);
    assert!(index_dir(&d.cache()).join("version").is_file());
    // Second time: from the index as it is.
    assert_eq!(cli(&d, Some(&d.cache()), "寻乌"), scan);
    d.write("b.md", "# 乙\n\n寻乌的新闻。\n");
    let changed = cli(&d, Some(&d.cache()), "寻乌");
    assert!(changed.contains("寻乌的新闻"), "{changed}");
    assert_eq!(changed, cli(&d, None, "寻乌"));
    assert_eq!(cli(&d, Some(&d.cache()), "深圳"), "[]\n");
    sound(&d, "寻乌", &changed);
}

/// Builds the index, spoils it with `spoil`, and checks the next search
/// answers as the scan does and leaves a sound index behind.
fn rebuilt_after(spoil: impl Fn(&Path)) {
    let d = Disk::new();
    let scan = cli(&d, None, "寻乌 OR 产业");
    assert_eq!(cli(&d, Some(&d.cache()), "寻乌 OR 产业"), scan);
    let built = index_files(&d.cache());
    spoil(&index_dir(&d.cache()));
    assert_ne!(index_files(&d.cache()), built);
    // The first search after may answer by the scan; the index is built
    // again by then or by the next one.
    assert_eq!(cli(&d, Some(&d.cache()), "寻乌 OR 产业"), scan);
    assert_eq!(cli(&d, Some(&d.cache()), "寻乌 OR 产业"), scan);
    sound(&d, "寻乌 OR 产业", &scan);
}

#[test]
fn a_damaged_index_is_built_again() {
    rebuilt_after(|dir| std::fs::write(dir.join("tantivy/meta.json"), "{not json").unwrap());
    rebuilt_after(|dir| std::fs::write(dir.join("manifest"), [0xff; 7]).unwrap());
    // Every file of the index cut short.
    rebuilt_after(|dir| {
        for e in std::fs::read_dir(dir.join("tantivy")).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x != "json" && x != "lock") {
                let len = std::fs::metadata(&p).unwrap().len();
                std::fs::File::options()
                    .write(true)
                    .open(&p)
                    .unwrap()
                    .set_len(len / 2)
                    .unwrap();
            }
        }
    });
}

#[test]
fn a_foreign_index_or_one_of_another_version_is_built_again() {
    rebuilt_after(|dir| {
        std::fs::remove_dir_all(dir).unwrap();
        std::fs::create_dir_all(dir.join("tantivy")).unwrap();
        std::fs::write(dir.join("tantivy/meta.json"), "{}").unwrap();
        std::fs::write(dir.join("notes.txt"), "not an index").unwrap();
    });
    rebuilt_after(|dir| {
        let v = std::fs::read_to_string(dir.join("version")).unwrap();
        std::fs::write(dir.join("version"), v.replace("schema ", "schema 0")).unwrap();
    });
}

#[test]
fn an_unwritable_cache_changes_nothing_but_speed() {
    let d = Disk::new();
    let scan = cli(&d, None, "寻乌");
    // The lock file cannot be made (a folder holds its name): nothing can
    // be written there, as in a read-only folder (which the tests, run as
    // root, cannot make).
    std::fs::create_dir_all(d.cache().join("text-index.lock")).unwrap();
    assert_eq!(cli(&d, Some(&d.cache()), "寻乌"), scan);
    assert!(!index_dir(&d.cache()).exists());
}

#[test]
fn another_instance_updating_the_index_is_waited_for_then_the_scan_answers() {
    let d = Disk::new();
    let scan = cli(&d, None, "寻乌");
    std::fs::create_dir_all(d.cache()).unwrap();
    let lock = std::fs::File::create(d.cache().join("text-index.lock")).unwrap();
    lock.lock().unwrap();
    assert_eq!(cli(&d, Some(&d.cache()), "寻乌"), scan);
    assert!(!index_dir(&d.cache()).exists());
    drop(lock);
    assert_eq!(cli(&d, Some(&d.cache()), "寻乌"), scan);
    sound(&d, "寻乌", &scan);
}

#[test]
fn two_instances_at_once_leave_a_sound_index() {
    let d = Disk::new();
    let scan = cli(&d, None, "寻乌 OR 冷面");
    d.settle();
    let spawn = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_yuedu"));
        cmd.env("YUEDU_CACHE_DIR", d.cache())
            .arg("--no-bundled")
            .arg("--articles")
            .arg(d.articles())
            .args(["search", "寻乌 OR 冷面", "--json"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), scan);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    }
    sound(&d, "寻乌 OR 冷面", &scan);
}

#[test]
fn ranking_puts_the_article_with_the_most_relevant_paragraph_first() {
    let mut library = Library::default();
    let texts = [
        vec![
            "寻乌在赣南，一段很长很长很长很长很长很长很长的话。".to_string(),
            "又提到寻乌。".to_string(),
        ],
        vec!["寻乌，寻乌，寻乌。".to_string()],
        vec!["没有。".to_string()],
    ];
    for (i, ps) in texts.iter().enumerate() {
        library.articles.push(article(i, ps));
    }
    let q = Query::parse("寻乌").unwrap();
    let mut hits = search_library(&library, &q, |_| true);
    let in_order: Vec<_> = hits.iter().map(|h| (h.article, h.paragraph)).collect();
    assert_eq!(in_order, [(0, 0), (0, 1), (1, 0)]);
    let text = |h: &yuedu::search::Hit| -> &str {
        &library.articles[h.article].paragraphs[h.paragraph].text
    };
    yuedu::search::rank(&mut hits, &q, text, 4, 60);
    // Three matches in a short paragraph outrank one in a long one; the
    // first article's paragraphs stay together, in reading order.
    let ranked: Vec<_> = hits.iter().map(|h| (h.article, h.paragraph)).collect();
    assert_eq!(ranked, [(1, 0), (0, 0), (0, 1)]);
}
