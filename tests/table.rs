//! The library table: a load of a library whose every article came from the
//! cache writes it; it is used only while it describes the library on disk
//! (the same files at the same versions, the same cache files), and a
//! search answered through it prints what a search of the loaded library
//! prints.

use std::path::PathBuf;
use std::time::Duration;

use yuedu::store::{Library, LoadOptions, Table};

mod common;

struct Setup {
    _tmp: tempfile::TempDir,
    articles: PathBuf,
    cache: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir_all(articles.join("sub")).unwrap();
    let s = Setup {
        cache: tmp.path().join("cache"),
        articles,
        _tmp: tmp,
    };
    s.write(
        "a.md",
        "# 寻乌脐橙\n\n赣州市寻乌县的脐橙丰收。\n\n果农忙着采摘。\n",
    );
    s.write("b.txt", "深圳的产业\n\n深圳的科技产业发展很快。\n");
    // The same stem again: its id is `a-2`.
    s.write("sub/a.md", "# 又一篇\n\n寻乌的果园，深圳的客商。\n");
    s.write(
        "c.jsonl",
        concat!(
            r#"{"id": 1, "title": "丙", "content": "喀什的产业园。\n寻乌的果园。"}"#,
            "\n",
            r#"{"id": 2, "title": "丁", "content": "延边的冷面。"}"#,
            "\n",
            "not json\n"
        ),
    );
    // No text: a problem the load reports.
    s.write("empty.md", "   \n");
    settle();
    s
}

impl Setup {
    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.articles.join(name), text).unwrap();
    }
    fn options(&self, cache: bool) -> LoadOptions {
        LoadOptions {
            dirs: vec![self.articles.clone()],
            bundled: false,
            metadata_only: false,
            cache_dir: cache.then(|| self.cache.clone()),
            keys: None,
            trust_cache: false,
        }
    }
    fn load(&self) -> Library {
        Library::load(&self.options(true), yuedu::taxonomy::Taxonomy::bundled()).unwrap()
    }
    /// The table after one load of the library as it is now (its files
    /// settled): a load writes it whenever every article is in the article
    /// cache as the load leaves it, a first start included.
    fn table_after_one_load(&self) -> Table {
        self.load();
        Table::current(&self.options(true)).expect("one load writes the table")
    }
    /// Loads until the table is written.
    fn table(&self) -> Table {
        for _ in 0..3 {
            self.load();
            settle();
            if let Some(t) = Table::current(&self.options(true)) {
                return t;
            }
        }
        panic!("no table written");
    }
    fn table_file(&self) -> PathBuf {
        let found = std::fs::read_dir(&self.cache).unwrap().find_map(|e| {
            let p = e.unwrap().path();
            p.extension().is_some_and(|e| e == "table").then_some(p)
        });
        found.expect("a table file")
    }
}

/// Files (and cache files) changed within the last second are not used.
fn settle() {
    std::thread::sleep(Duration::from_millis(1100));
}

#[test]
fn the_table_holds_what_the_load_gave() {
    let s = setup();
    let table = s.table_after_one_load();
    let library = s.load();
    assert_eq!(table.len(), library.articles.len());
    assert_eq!(table.len(), 5, "a, b, sub/a and two records");
    for (i, a) in library.articles.iter().enumerate() {
        let t = table.article(i).unwrap();
        assert_eq!(
            (&t.id, &t.path, &t.title, &t.date, &t.source),
            (&a.id, &a.path, &a.title, &a.date, &a.source)
        );
        assert_eq!((&t.regions, &t.programmes), (&a.regions, &a.programmes));
        assert_eq!(
            (t.paragraph_count, t.char_count),
            (a.paragraph_count, a.char_count)
        );
        for (p, para) in a.paragraphs.iter().enumerate() {
            assert_eq!(table.paragraph(i, p), Ok(Some(&*para.text)), "{} {p}", a.id);
        }
        assert_eq!(table.paragraph(i, a.paragraphs.len()), Ok(None));
    }
    assert!(table.article(library.articles.len()).is_none());
    let ids: Vec<&str> = library.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c-1", "c-2", "a-2"]);
    let problems = |p: &[yuedu::store::LoadProblem]| -> Vec<String> {
        p.iter().map(ToString::to_string).collect()
    };
    assert_eq!(problems(table.problems()), problems(&library.problems));
    assert_eq!(table.problems().len(), 2, "{:?}", table.problems());
}

#[test]
fn a_touched_added_or_removed_file_puts_the_table_out_of_use() {
    let s = setup();
    s.table();
    s.write("b.txt", "深圳的产业\n\n深圳的科技产业发展更快。\n");
    assert!(Table::current(&s.options(true)).is_none(), "touched");
    settle();
    // The load that reads the file again writes the table again.
    let t = s.table_after_one_load();
    let b = (0..t.len())
        .find(|&i| t.article(i).unwrap().id == "b")
        .unwrap();
    assert_eq!(t.paragraph(b, 0), Ok(Some("深圳的科技产业发展更快。")));

    s.write("d.md", "# 新的\n\n新的一篇。\n");
    assert!(Table::current(&s.options(true)).is_none(), "added");
    settle();
    assert_eq!(s.table_after_one_load().len(), 6);

    std::fs::remove_file(s.articles.join("a.md")).unwrap();
    assert!(Table::current(&s.options(true)).is_none(), "removed");
    let t = s.table_after_one_load();
    assert_eq!(t.len(), 5);
    // With `a.md` gone, `sub/a.md` is `a`.
    assert!((0..t.len()).any(|i| t.article(i).unwrap().id == "a"));
}

#[test]
fn a_damaged_table_or_a_changed_cache_file_is_not_used() {
    let s = setup();
    s.table();
    let file = s.table_file();
    let bytes = std::fs::read(&file).unwrap();
    // Cut short, then garbage after a good header.
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    assert!(Table::current(&s.options(true)).is_none());
    let mut garbage = bytes.clone();
    for b in &mut garbage[40..] {
        *b = 0xff;
    }
    std::fs::write(&file, &garbage).unwrap();
    assert!(Table::current(&s.options(true)).is_none());
    // The next loads write it again.
    s.table();
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    // A cache file replaced since (another yuedu wrote it).
    let shard = std::fs::read_dir(&s.cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "cache"))
        .unwrap();
    let copy = shard.with_extension("copy");
    std::fs::copy(&shard, &copy).unwrap();
    std::fs::rename(&copy, &shard).unwrap();
    assert!(Table::current(&s.options(true)).is_none());
    assert!(
        Table::current(&s.options(false)).is_none(),
        "never without a cache"
    );
}

/// `search ARGS --json` through the cache, and with `--no-cache`.
fn searches(s: &Setup, args: &[&str]) -> ((String, String), (String, String)) {
    let args: Vec<&str> = ["search"].iter().chain(args).copied().collect();
    let cached = common::run_cached(&s.articles, Some(&s.cache), &args);
    let scanned = common::run_cached(&s.articles, None, &args);
    (cached, scanned)
}

/// Searches with the program until its table is written (a cache is made
/// for one build of yuedu, so the table of this test's own loads is not
/// the program's): the table's file.
fn cli_table(s: &Setup) -> PathBuf {
    for _ in 0..3 {
        common::run_cached(&s.articles, Some(&s.cache), &["search", "寻乌"]);
        settle();
        let table = std::fs::read_dir(&s.cache).unwrap().find_map(|e| {
            let p = e.unwrap().path();
            p.extension().is_some_and(|e| e == "table").then_some(p)
        });
        if let Some(t) = table {
            return t;
        }
    }
    panic!("no table written");
}

#[test]
fn a_search_through_the_table_prints_what_a_loaded_search_prints() {
    let s = setup();
    let file = cli_table(&s);
    let before = std::fs::read(&file).unwrap();
    for args in [
        &["寻乌", "--json"][..],
        &["寻乌"],
        &["深圳 产业", "--json"],
        &["果园 OR 冷面", "--json"],
        &["寻乌", "--region", "赣州", "--json"],
        &["寻乌", "-果园", "--json"],
    ] {
        let (cached, scanned) = searches(&s, args);
        assert_eq!(cached, scanned, "{args:?}");
        assert!(cached.1.contains("empty.md"), "{:?}", cached.1);
    }
    let (hits, _) = searches(&s, &["寻乌", "--json"]).0;
    assert!(hits.contains(r#""article": "a-2""#), "{hits}");
    assert_eq!(std::fs::read(&file).unwrap(), before, "no search wrote it");

    // A changed file is searched as it is now.
    s.write("sub/a.md", "# 又一篇\n\n没有那个地名了。\n");
    settle();
    let (cached, scanned) = searches(&s, &["寻乌", "--json"]);
    assert_eq!(cached, scanned);
    assert!(!cached.0.contains(r#""article": "a-2""#), "{}", cached.0);
}

#[test]
fn a_search_answers_from_the_table_without_loading_the_library() {
    let s = setup();
    let file = cli_table(&s);
    // A title changed in the table (the same length, so that it decodes)
    // is what a search prints: the articles were not loaded.
    let mut bytes = std::fs::read(&file).unwrap();
    let (from, to) = ("寻乌脐橙".as_bytes(), "寻乌橙子".as_bytes());
    let at = bytes.windows(from.len()).position(|w| w == from).unwrap();
    bytes[at..at + to.len()].copy_from_slice(to);
    std::fs::write(&file, &bytes).unwrap();
    let ((cached, _), (scanned, _)) = searches(&s, &["丰收", "--json"]);
    assert!(cached.contains(r#""title": "寻乌橙子""#), "{cached}");
    assert!(scanned.contains(r#""title": "寻乌脐橙""#), "{scanned}");
    // Once the file changes, the table is made again from the articles.
    s.write("a.md", "# 寻乌脐橙\n\n赣州市寻乌县的脐橙又丰收。\n");
    settle();
    let ((cached, _), (scanned, _)) = searches(&s, &["丰收", "--json"]);
    assert_eq!(cached, scanned);
}

#[test]
fn a_search_in_no_article_exits_as_grep_does() {
    let s = setup();
    let file = cli_table(&s);
    let before = std::fs::read(&file).unwrap();
    let out = common::yuedu()
        .arg("--no-bundled")
        .arg("--articles")
        .arg(&s.articles)
        .env("YUEDU_CACHE_DIR", &s.cache)
        .args(["search", "拉萨", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, b"[]\n");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_list_through_the_table_prints_what_a_loaded_list_prints() {
    let s = setup();
    // A story and its reprint in another outlet: `list --json` names each
    // the other's copy.
    for name in ["xunwu-gannan.txt", "xunwu-xinhua.md"] {
        let fixture = std::path::Path::new("tests/fixtures/archive").join(name);
        std::fs::copy(fixture, s.articles.join(name)).unwrap();
    }
    settle();
    let file = cli_table(&s);
    let before = std::fs::read(&file).unwrap();
    for args in [
        &["list", "--json"][..],
        &["list"],
        &["list", "--sort", "title", "--json"],
        &["list", "--region", "赣州"],
    ] {
        let cached = common::run_cached(&s.articles, Some(&s.cache), args);
        let scanned = common::run_cached(&s.articles, None, args);
        assert_eq!(cached, scanned, "{args:?}");
        assert!(cached.1.contains("empty.md"), "{:?}", cached.1);
    }
    let (list, _) = common::run_cached(&s.articles, Some(&s.cache), &["list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let copies = |id: &str| {
        let a = list.as_array().unwrap().iter().find(|a| a["id"] == id);
        a.unwrap()["copies"].clone()
    };
    assert_eq!(copies("xunwu-gannan"), serde_json::json!(["xunwu-xinhua"]));
    assert_eq!(copies("xunwu-xinhua"), serde_json::json!(["xunwu-gannan"]));
    assert_eq!(std::fs::read(&file).unwrap(), before, "no list wrote it");

    // The title changed in the table shows: the list is the table's.
    let mut bytes = before;
    let (from, to) = ("寻乌脐橙".as_bytes(), "寻乌橙子".as_bytes());
    let at = bytes.windows(from.len()).position(|w| w == from).unwrap();
    bytes[at..at + to.len()].copy_from_slice(to);
    std::fs::write(&file, &bytes).unwrap();
    let (list, _) = common::run_cached(&s.articles, Some(&s.cache), &["list"]);
    assert!(list.contains("寻乌橙子"), "{list}");
}

#[test]
fn a_single_file_given_as_the_articles_has_its_table_too() {
    let s = setup();
    let file = s.articles.join("c.jsonl");
    let search = |cache: Option<&std::path::Path>| {
        common::run_cached(&file, cache, &["search", "寻乌", "--json"]).0
    };
    // The first search writes the article cache and the table.
    let scanned = search(None);
    assert_eq!(search(Some(&s.cache)), scanned);
    let table = std::fs::read_dir(&s.cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "table"))
        .expect("a table for the file");
    // A title changed in the table is what the next search prints.
    let mut bytes = std::fs::read(&table).unwrap();
    let at = bytes.windows(3).position(|w| w == "丙".as_bytes()).unwrap();
    bytes[at..at + 3].copy_from_slice("丁".as_bytes());
    std::fs::write(&table, &bytes).unwrap();
    let tabled = search(Some(&s.cache));
    assert!(tabled.contains(r#""title": "丁""#), "{tabled}");
    assert!(scanned.contains(r#""title": "丙""#), "{scanned}");
}
