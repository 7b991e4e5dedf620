//! The article cache: a second start reads what the first one parsed, gives
//! exactly the same output, notices every change to a file, and shrugs off
//! a damaged or unwritable cache.

use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;

struct Setup {
    _tmp: tempfile::TempDir,
    articles: PathBuf,
    cache: PathBuf,
}

/// A folder of the store's fixture articles, old enough to be cached (a
/// file changed within the last second is not).
fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/good");
    for e in std::fs::read_dir(fixtures).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), articles.join(e.file_name())).unwrap();
    }
    std::thread::sleep(Duration::from_millis(1100));
    Setup {
        cache: tmp.path().join("cache"),
        articles,
        _tmp: tmp,
    }
}

/// `yuedu --no-bundled --articles DIR ARGS` with the cache in `cache`
/// (`None`: `--no-cache`): stdout and stderr.
fn run(s: &Setup, cache: Option<&Path>, args: &[&str]) -> (String, String) {
    common::run_cached(&s.articles, cache, args)
}

/// The article cache's files (the search index and the library table
/// beside them left out: caches of their own).
fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| {
            !p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with("text-index") || n.starts_with("library-")
            })
        })
        .collect()
}

const COMMANDS: &[&[&str]] = &[
    &["list", "--json"],
    &["list"],
    &["regions", "--json"],
    &["search", "深圳", "--json"],
    &["show", "plain_gbk", "--json"],
    &["show", "page", "--width", "33"],
];

#[test]
fn cached_output_is_the_same_as_parsed_output() {
    let s = setup();
    let fresh: Vec<_> = COMMANDS.iter().map(|a| run(&s, None, a)).collect();
    assert!(cache_files(&s.cache).is_empty());
    // The first run writes the cache, the next ones read it.
    for round in 0..2 {
        for (args, want) in COMMANDS.iter().zip(&fresh) {
            assert_eq!(
                &run(&s, Some(&s.cache), args),
                want,
                "round {round}: {args:?}"
            );
        }
    }
    let files = cache_files(&s.cache);
    assert_eq!(files.len(), 1, "{files:?}");
}

/// Replaces the first occurrence of `from` in the cache file by `to` (of the
/// same length), as damage would.
fn poke_cache(s: &Setup, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let file = &cache_files(&s.cache)[0];
    let mut bytes = std::fs::read(file).unwrap();
    let at = bytes
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("{from} is in the cache"));
    bytes[at..at + to.len()].copy_from_slice(to.as_bytes());
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn the_cache_is_read_and_a_changed_file_is_read_again() {
    let s = setup();
    run(&s, Some(&s.cache), &["list", "--json"]);
    let title = |out: &str| {
        let v: serde_json::Value = serde_json::from_str(out).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "caption_first")
            .unwrap()["title"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (out, _) = run(&s, Some(&s.cache), &["list", "--json"]);
    let original = title(&out);
    // A title changed inside the cache shows: list read the cache.
    let first = original.chars().next().unwrap().to_string();
    let other = if first == "寻" { "乌" } else { "寻" };
    assert_eq!(first.len(), other.len());
    poke_cache(&s, &original, &original.replacen(&first, other, 1));
    let (out, _) = run(&s, Some(&s.cache), &["list", "--json"]);
    assert_ne!(title(&out), original);

    // The file is rewritten with the same length and modification time: its
    // status-change time still differs, and it is read again.
    let path = s.articles.join("caption_first.txt");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let (out, _) = run(&s, Some(&s.cache), &["list", "--json"]);
    assert_eq!(title(&out), original);
}

#[test]
fn a_new_changed_or_removed_file_shows_at_once() {
    let s = setup();
    run(&s, Some(&s.cache), &["list", "--json"]);
    std::fs::write(
        s.articles.join("new.txt"),
        "新来的文章\n\n寻乌县的脐橙丰收了。\n",
    )
    .unwrap();
    std::fs::write(
        s.articles.join("page_as_txt.txt"),
        "改过的标题\n\n内容也改过了，提到了赣州。\n",
    )
    .unwrap();
    std::fs::remove_file(s.articles.join("plain_bom.txt")).unwrap();
    let (cached, _) = run(&s, Some(&s.cache), &["list", "--json"]);
    let (fresh, _) = run(&s, None, &["list", "--json"]);
    assert_eq!(cached, fresh);
    assert!(cached.contains("新来的文章") && cached.contains("改过的标题"));
    assert!(!cached.contains("\"plain_bom\""));
    let (hits, _) = run(&s, Some(&s.cache), &["search", "内容也改过", "--json"]);
    assert!(hits.contains("page_as_txt"), "{hits}");
}

#[test]
fn a_damaged_cache_is_ignored_and_rewritten() {
    let s = setup();
    let (want, _) = run(&s, None, &["search", "深圳", "--json"]);
    run(&s, Some(&s.cache), &["list"]);
    let file = cache_files(&s.cache)[0].clone();
    let whole = std::fs::read(&file).unwrap();
    for damage in [
        whole[..whole.len() / 2].to_vec(),
        whole[..10].to_vec(),
        Vec::new(),
        b"not a cache at all".to_vec(),
        // The index garbled, every length as it was.
        {
            let mut b = whole.clone();
            b[40..240].fill(0xff);
            b
        },
    ] {
        std::fs::write(&file, &damage).unwrap();
        let (got, err) = run(&s, Some(&s.cache), &["search", "深圳", "--json"]);
        assert_eq!(got, want);
        assert_eq!(err, "");
    }
    // Text that is not UTF-8: read as nothing where it lies (the text is
    // checked when first read, not at every start), and the cache file is
    // dropped, so that the next start reads every file again.
    run(&s, Some(&s.cache), &["list"]);
    let mut b = std::fs::read(&file).unwrap();
    let n = b.len();
    b[n - 200..].fill(0xff);
    std::fs::write(&file, &b).unwrap();
    let (_, err) = run(&s, Some(&s.cache), &["search", "深圳", "--json"]);
    assert_eq!(err, "");
    assert!(!file.exists());
    let (got, err) = run(&s, Some(&s.cache), &["search", "深圳", "--json"]);
    assert_eq!((got, err), (want, String::new()));
}

#[test]
fn an_unusable_cache_dir_changes_nothing() {
    let s = setup();
    let (want, _) = run(&s, None, &["list", "--json"]);
    let not_a_dir = s.articles.parent().unwrap().join("a-file");
    std::fs::write(&not_a_dir, b"keep me").unwrap();
    let (got, err) = run(&s, Some(&not_a_dir), &["list", "--json"]);
    assert_eq!((got, err), (want, String::new()));
    assert_eq!(std::fs::read(&not_a_dir).unwrap(), b"keep me");
}
