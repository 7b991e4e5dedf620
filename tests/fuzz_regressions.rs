//! Inputs the fuzz targets (`fuzz/`) found or that stress them, replayed
//! with the same checks in ordinary `cargo test`.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new("tests/fixtures/fuzz").join(target);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

#[test]
fn parse_article() {
    for (name, data) in inputs("parse_article") {
        let file = match data.first().map(|b| b % 4) {
            Some(0) => "a.html",
            Some(1) => "a.md",
            Some(2) => "a",
            _ => "a.txt",
        };
        let bytes = data.get(1..).unwrap_or_default();
        if let Ok(article) = yuedu::store::parse_article(Path::new(file), bytes) {
            let _ = yuedu::text::Layout::article(&article, 40);
            assert!(!article.title.contains('\u{0}'), "{name}");
        }
    }
}

#[test]
fn layout() {
    for (name, data) in inputs("layout") {
        let Some((&w, rest)) = data.split_first() else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            continue;
        };
        let width = (w as usize % 200) + 1;
        let indent = (w as usize / 200) * 4;
        if let Err(e) = yuedu::text::verify_wrap(text, width, indent) {
            panic!("{name}: width {width}, indent {indent}: {e}");
        }
    }
}

#[test]
fn bookmarks_file() {
    for (name, data) in inputs("bookmarks_file") {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bookmarks.json");
        std::fs::write(&file, &data).unwrap();
        match yuedu::bookmarks::BookmarkStore::open(dir.path()) {
            Ok((_, warnings)) if warnings.is_empty() => {
                assert_eq!(std::fs::read(&file).unwrap(), data, "{name}")
            }
            Ok(_) => {
                let kept = std::fs::read_dir(dir.path())
                    .unwrap()
                    .filter_map(Result::ok)
                    .any(|e| std::fs::read(e.path()).is_ok_and(|b| b == data));
                assert!(kept, "{name}: the original bytes were lost");
            }
            Err(_) => assert_eq!(std::fs::read(&file).unwrap(), data, "{name}"),
        }
    }
}

#[test]
fn config() {
    for (name, data) in inputs("config") {
        let Ok(src) = std::str::from_utf8(&data) else {
            continue;
        };
        let (config, problems) = yuedu::config::Config::parse(src, "config.toml");
        let (_, more) = yuedu::app::keymap::Keymap::with_overrides(&config.keys, "config.toml");
        assert!(
            !problems.is_empty() || !more.is_empty(),
            "{name}: bad input reported no problem"
        );
    }
}
