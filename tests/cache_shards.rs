//! The article cache of a large folder in shards: a touched, added or
//! removed file rewrites the one shard it falls in and leaves the others
//! as they are on disk; a damaged shard is dropped alone; a read-only
//! cache and two processes at once change nothing but speed; a file of
//! records keeps its copies from the cache.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

mod common;

/// Files enough for two shards (a shard is made for 1,024).
const FILES: usize = 1100;

struct Setup {
    _tmp: tempfile::TempDir,
    articles: PathBuf,
    cache: PathBuf,
}

fn text(i: usize) -> String {
    format!("第{i}篇报道\n\n赣州市寻乌县第{i}号果园的脐橙今年丰收，果农忙着采摘。\n")
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for i in 0..FILES {
        std::fs::write(articles.join(format!("a{i:04}.txt")), text(i)).unwrap();
    }
    settle();
    Setup {
        cache: tmp.path().join("cache"),
        articles,
        _tmp: tmp,
    }
}

/// Files changed within the last second are not cached.
fn settle() {
    std::thread::sleep(Duration::from_millis(1100));
}

fn run(s: &Setup, cache: Option<&Path>, args: &[&str]) -> (String, String) {
    common::run_cached(&s.articles, cache, args)
}

/// Each shard file and what says whether it was written again: its
/// length, modification time and inode.
fn shards(dir: &Path) -> Vec<(PathBuf, (u64, SystemTime, u64))> {
    use std::os::unix::fs::MetadataExt;
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cache"))
        .map(|p| {
            let m = std::fs::metadata(&p).unwrap();
            (p, (m.len(), m.modified().unwrap(), m.ino()))
        })
        .collect();
    out.sort();
    out
}

/// How many shards differ between two looks, the shard files being the same.
fn rewritten(
    before: &[(PathBuf, (u64, SystemTime, u64))],
    after: &[(PathBuf, (u64, SystemTime, u64))],
) -> usize {
    let names = |v: &[(PathBuf, _)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(before), names(after));
    before.iter().zip(after).filter(|(a, b)| a.1 != b.1).count()
}

#[test]
fn one_changed_added_or_removed_file_rewrites_one_shard() {
    let s = setup();
    let (want, _) = run(&s, None, &["list", "--json"]);
    assert_eq!(run(&s, Some(&s.cache), &["list", "--json"]).0, want);
    let first = shards(&s.cache);
    assert_eq!(first.len(), 2, "{first:?}");
    // Read again: nothing is written.
    assert_eq!(run(&s, Some(&s.cache), &["list", "--json"]).0, want);
    assert_eq!(rewritten(&first, &shards(&s.cache)), 0);

    // A touched file: its new text is found, from its shard rewritten.
    std::fs::write(
        s.articles.join("a0007.txt"),
        "改过的第七篇\n\n瑞金市的红色旅游也热了起来。\n",
    )
    .unwrap();
    settle();
    let (hits, _) = run(&s, Some(&s.cache), &["search", "红色旅游", "--json"]);
    assert!(hits.contains("\"a0007\""), "{hits}");
    let touched = shards(&s.cache);
    assert_eq!(rewritten(&first, &touched), 1);
    // ...and read from the cache from then on, as a fresh parse gives it.
    let (hits_fresh, _) = run(&s, None, &["search", "红色旅游", "--json"]);
    assert_eq!(
        run(&s, Some(&s.cache), &["search", "红色旅游", "--json"]).0,
        hits_fresh
    );
    assert_eq!(rewritten(&touched, &shards(&s.cache)), 0);

    // An added file, then a removed one: one shard each.
    std::fs::write(s.articles.join("b.txt"), "新来的文章\n\n于都县的新闻。\n").unwrap();
    settle();
    let (out, _) = run(&s, Some(&s.cache), &["list", "--json"]);
    assert!(out.contains("新来的文章"));
    let added = shards(&s.cache);
    assert_eq!(rewritten(&touched, &added), 1);
    std::fs::remove_file(s.articles.join("a0003.txt")).unwrap();
    let (out, _) = run(&s, Some(&s.cache), &["list", "--json"]);
    assert!(!out.contains("\"a0003\""));
    assert_eq!(out, run(&s, None, &["list", "--json"]).0);
    assert_eq!(rewritten(&added, &shards(&s.cache)), 1);
}

#[test]
fn a_damaged_shard_is_dropped_alone() {
    let s = setup();
    let (want, _) = run(&s, None, &["search", "脐橙", "--json"]);
    run(&s, Some(&s.cache), &["list"]);
    let before = shards(&s.cache);
    let (damaged, _) = &before[0];
    let whole = std::fs::read(damaged).unwrap();
    for damage in [
        whole[..whole.len() / 2].to_vec(),
        b"not a cache at all".to_vec(),
        {
            // The index garbled, every length as it was.
            let mut b = whole.clone();
            b[40..240].fill(0xff);
            b
        },
    ] {
        std::fs::write(damaged, &damage).unwrap();
        let (got, err) = run(&s, Some(&s.cache), &["search", "脐橙", "--json"]);
        assert_eq!(got, want);
        assert_eq!(err, "");
        let after = shards(&s.cache);
        // The other shard is as it was; the damaged one is written anew.
        assert_eq!(after[1], before[1]);
        assert_eq!(std::fs::read(damaged).unwrap().len(), whole.len());
    }
    // Text that is not UTF-8 where an article's text lies: that shard is
    // dropped, and the next start reads its files again.
    let mut b = whole.clone();
    let n = b.len();
    b[n - 60..].fill(0xff);
    std::fs::write(damaged, &b).unwrap();
    let (_, err) = run(&s, Some(&s.cache), &["search", "脐橙", "--json"]);
    assert_eq!(err, "");
    let (got, _) = run(&s, Some(&s.cache), &["search", "脐橙", "--json"]);
    assert_eq!(got, want);
    assert_eq!(shards(&s.cache)[1], before[1]);
}

#[test]
fn a_read_only_cache_changes_nothing_but_speed() {
    use std::os::unix::fs::PermissionsExt;
    let s = setup();
    run(&s, Some(&s.cache), &["list"]);
    let before = shards(&s.cache);
    std::fs::set_permissions(&s.cache, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::write(s.articles.join("a0001.txt"), "只读时改的\n\n兴国县。\n").unwrap();
    settle();
    let (got, err) = run(&s, Some(&s.cache), &["list", "--json"]);
    std::fs::set_permissions(&s.cache, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(err, "");
    assert_eq!(got, run(&s, None, &["list", "--json"]).0);
    assert!(got.contains("只读时改的"));
    // Root writes where it likes; anyone else leaves the cache as it was.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        assert_eq!(rewritten(&before, &shards(&s.cache)), 0);
    }
}

#[test]
fn two_processes_at_once_leave_a_whole_cache() {
    let s = setup();
    let (mut want, _) = run(&s, None, &["list", "--json"]);
    for _ in 0..2 {
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_yuedu"))
                .arg("--no-bundled")
                .arg("--articles")
                .arg(&s.articles)
                .env("YUEDU_CACHE_DIR", &s.cache)
                .args(["list", "--json"])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success());
            assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
        }
        // A file changed before the second pair.
        std::fs::write(s.articles.join("a0002.txt"), text(2) + "又一段。\n").unwrap();
        settle();
        let (fresh, _) = run(&s, None, &["list", "--json"]);
        assert_eq!(run(&s, Some(&s.cache), &["list", "--json"]).0, fresh);
        want = fresh;
    }
    let (hits, _) = run(&s, Some(&s.cache), &["search", "又一段", "--json"]);
    assert!(hits.contains("\"a0002\""), "{hits}");
}

#[test]
fn records_keep_their_copies_from_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("dump.jsonl");
    // A story and its copy cut short, and another story, as records.
    let fixture = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/archive")
            .join(name);
        let text = std::fs::read_to_string(path).unwrap();
        let (title, body) = text.split_once('\n').unwrap();
        serde_json::json!({"title": title, "content": body}).to_string() + "\n"
    };
    std::fs::write(
        &dump,
        fixture("shenzhen-full.txt")
            + &fixture("shenzhen-short.txt")
            + &fixture("sports-person.txt"),
    )
    .unwrap();
    settle();
    let cache = tmp.path().join("cache");
    let list = || {
        let out = common::yuedu()
            .arg("--no-bundled")
            .arg("--articles")
            .arg(&dump)
            .env("YUEDU_CACHE_DIR", &cache)
            .args(["list", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|a| (a["id"].to_string(), a["copies"].to_string()))
            .collect::<Vec<_>>()
    };
    let first = list();
    assert_eq!(first[0].1, "[\"dump-2\"]", "{first:?}");
    assert_eq!(first[2].1, "[]", "{first:?}");
    assert_eq!(list(), first);
    assert_eq!(list(), first);
}

#[test]
fn a_start_from_the_cache_as_it_is_then_one_that_looks() {
    let s = setup();
    let load = |trust_cache: bool| {
        let options = yuedu::store::LoadOptions {
            dirs: vec![s.articles.clone()],
            cache_dir: Some(s.cache.clone()),
            trust_cache,
            ..Default::default()
        };
        yuedu::store::Library::load(&options, yuedu::taxonomy::Taxonomy::bundled()).unwrap()
    };
    let ids =
        |l: &yuedu::store::Library| l.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    // No cache yet: the folder is walked, nothing is left to look at.
    let first = load(true);
    assert!(!first.unchecked);
    assert_eq!(first.articles.len(), FILES);
    std::fs::write(s.articles.join("b.txt"), "新来的文章\n\n于都县。\n").unwrap();
    std::fs::remove_file(s.articles.join("a0005.txt")).unwrap();
    settle();
    // From the cache: the files as they were, in the same order, text and all.
    let trusted = load(true);
    assert!(trusted.unchecked);
    assert_eq!(ids(&trusted), ids(&first));
    let i = trusted.position("a0005").unwrap();
    assert_eq!(
        &*trusted.articles[i].paragraphs[0].text,
        text(5).lines().nth(2).unwrap()
    );
    // Looking: the added file is there, the removed one gone.
    let looked = load(false);
    assert!(!looked.unchecked);
    assert!(looked.get("b").is_some() && looked.get("a0005").is_none());
    assert_eq!(ids(&load(true)), ids(&looked));
}
