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
    // As the target reads its input: width and indent, options, text.
    for (name, data) in inputs("layout") {
        let [w, o, rest @ ..] = &data[..] else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            continue;
        };
        let width = (*w as usize % 200) + 1;
        let indent = (*w as usize / 200) * 4;
        let options = yuedu::text::Options::from_bits(*o);
        if let Err(e) = yuedu::text::verify_wrap_with(text, width, indent, &options) {
            panic!("{name}: width {width}, indent {indent}, {options:?}: {e}");
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

/// As `fuzz/fuzz_targets/bookmarks_import.rs`.
#[test]
fn bookmarks_import() {
    use std::collections::HashSet;
    use yuedu::bookmarks::{Bookmark, merge, parse_export, problem, reanchor, to_json};
    let text = "标题\n第一段，讲的是开头。\n第二段，深圳与寻乌的合作。\n第三段。\n";
    let article = yuedu::store::parse_article(Path::new("a.txt"), text.as_bytes()).unwrap();
    #[derive(serde::Deserialize)]
    struct Stored {
        bookmarks: Vec<Bookmark>,
    }
    let mut read = 0;
    for (name, data) in inputs("bookmarks_import") {
        if let Ok(stored) = serde_json::from_slice::<Stored>(&data) {
            for mut b in stored.bookmarks {
                reanchor(&mut b, &article);
            }
        }
        let Ok(incoming) = parse_export(&data) else {
            continue;
        };
        read += 1;
        for b in &incoming {
            assert_eq!(problem(b), None, "{name}");
        }
        let mut all = Vec::new();
        let report = merge(&mut all, incoming.clone());
        assert_eq!(report.added + report.duplicates, incoming.len(), "{name}");
        let ids: HashSet<&str> = all.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids.len(), all.len(), "{name}: two bookmarks share an id");
        assert_eq!(merge(&mut all, incoming).added, 0, "{name}");
        let back = parse_export(to_json(&all).as_bytes()).unwrap();
        assert_eq!(back, all, "{name}");
        for b in &mut all {
            reanchor(b, &article);
        }
    }
    assert!(read > 0, "no input was read as an export");
}

/// Front matter loads within its bounds or is refused, and the article
/// around it is read either way, its body whole.
#[test]
fn front_matter() {
    for (name, data) in inputs("front_matter") {
        let front = String::from_utf8_lossy(&data);
        let yaml = yuedu::store::yaml::load(&front);
        let file = format!("---\n{front}\n---\n正文第一段。\n\n正文第二段。\n");
        let article = yuedu::store::parse_article(Path::new("a.md"), file.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            article.paragraphs.last().map(|p| p.text.as_str()),
            Some("正文第二段。"),
            "{name}"
        );
        if name.ends_with("plain.yaml") {
            let doc = yaml.clone().unwrap();
            assert_eq!(doc["more"]["x"].as_i64(), Some(1));
            assert_eq!(article.title, "寻乌县的脐橙");
            assert_eq!(article.source.as_deref(), Some("新华网"));
        }
        if name.ends_with("alias_bomb.yaml") || name.ends_with("long_text_aliases.yaml") {
            assert_eq!(yaml, Err(yuedu::store::yaml::YamlError::TooLarge), "{name}");
        }
    }
}
