//! Bookmarks and search in the TUI: key scripts through `App`, the files
//! they leave on disk, and the views drawn on TestBackend.

use std::path::Path;

use serde_json::Value;
use yuedu::app::{App, View};

mod common;
use common::tui::{press, press_type_press, screen};

fn app_in(data: &Path) -> App {
    common::tui::app_in(data, None)
}

/// Snapshots at a normal and a small size; bookmark dates are today's, so
/// they are masked.
fn snap_both(app: &mut App, name: &str) {
    let (big, small) = (screen(app, 100, 30), screen(app, 40, 12));
    insta::with_settings!({ filters => vec![(r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD")] }, {
        insta::assert_snapshot!(format!("{name}_100x30"), big);
        insta::assert_snapshot!(format!("{name}_40x12"), small);
    });
    app.resize(100, 30);
}

fn saved(data: &Path) -> Vec<Value> {
    let v: Value =
        serde_json::from_slice(&std::fs::read(data.join("bookmarks.json")).unwrap()).unwrap();
    v["bookmarks"].as_array().unwrap().clone()
}

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";

#[test]
fn bookmark_a_sentence_with_a_chinese_note() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    app.open(ARTICLE, Some(6)).unwrap();
    press_type_press(&mut app, ") m", "深寻合作👍🏽", "Backspace");
    snap_both(&mut app, "note_prompt");
    press(&mut app, "Enter");
    let b = saved(d.path());
    assert_eq!(b.len(), 1);
    assert_eq!(b[0]["note"], "深寻合作");
    // The file counts paragraphs from 1: index 6 is the 7th.
    assert_eq!(b[0]["paragraph"], 7);
    let para = app.library.get(ARTICLE).unwrap().paragraphs[6].text.clone();
    let quote = b[0]["quote"].as_str().unwrap();
    assert!(
        para.starts_with(quote) && quote.len() < para.len(),
        "{quote}"
    );
    assert!(quote.ends_with(['。', '；', '！', '？']), "{quote}");
}

#[test]
fn esc_cancels_the_note_and_saves_nothing() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    app.open(ARTICLE, Some(2)).unwrap();
    press_type_press(&mut app, "m", "不要", "Esc");
    assert!(!d.path().join("bookmarks.json").exists());
    assert!(matches!(app.view(), View::Reader(_)));
}

#[test]
fn a_selection_spans_paragraphs() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    app.open(ARTICLE, Some(4)).unwrap();
    press(&mut app, "v } } m Enter");
    let b = saved(d.path());
    assert_eq!(
        (b[0]["paragraph"].as_u64(), b[0]["end_paragraph"].as_u64()),
        (Some(5), Some(7))
    );
    assert_eq!(b[0]["quote"].as_str().unwrap().lines().count(), 3);
}

#[test]
fn bookmarks_view_jump_edit_delete_undo() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    app.open(ARTICLE, Some(5)).unwrap();
    press_type_press(&mut app, "m", "第一条", "Enter q q");
    app.open("002_f879ae6b00abf318", Some(0)).unwrap();
    press(&mut app, "m Enter B");
    snap_both(&mut app, "bookmarks_view");
    // Edit the note of the first (in library order: article 001).
    press_type_press(
        &mut app,
        "g e Backspace Backspace Backspace",
        "改过的",
        "Enter",
    );
    assert!(saved(d.path()).iter().any(|b| b["note"] == "改过的"));
    // Delete it, then undo.
    press(&mut app, "d");
    assert_eq!(saved(d.path()).len(), 1);
    press(&mut app, "u");
    assert_eq!(saved(d.path()).len(), 2);
    // Jump to it.
    press(&mut app, "g Enter");
    match app.view() {
        View::Reader(r) => {
            assert_eq!(app.library.articles[r.article].id, ARTICLE);
            assert_eq!(r.passage.first, 5);
        }
        _ => panic!("not in the reader"),
    }
    // Back goes to the bookmarks view.
    press(&mut app, "q");
    assert!(matches!(app.view(), View::Bookmarks(_)));
}

#[test]
fn bookmarks_made_elsewhere_show_up() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = app_in(d.path());
    let mut script = app_in(d.path());
    script.open(ARTICLE, Some(3)).unwrap();
    press(&mut script, "m Enter");
    press(&mut tui, "B");
    let s = screen(&mut tui, 100, 30);
    assert!(s.contains("Bookmarks (1)"), "{s}");
}

#[test]
fn search_in_the_article_highlights_and_moves() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    app.open(ARTICLE, None).unwrap();
    press_type_press(&mut app, "/", "尋烏", "Enter");
    let total = match app.view() {
        View::Reader(r) => r.search.as_ref().unwrap().hits.len(),
        _ => panic!(),
    };
    assert!(total > 5);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(&format!("hit 1/{total}")), "{s}");
    press(&mut app, "n n");
    assert!(screen(&mut app, 100, 30).contains(&format!("hit 3/{total}")));
    press(&mut app, "N N N");
    let s = screen(&mut app, 100, 30);
    assert!(
        s.contains(&format!("hit {total}/{total}")) && s.contains("wrapped"),
        "{s}"
    );
    snap_both(&mut app, "reader_search");
}

#[test]
fn search_in_the_library_lists_hits_by_article() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    press_type_press(&mut app, "/", "援疆", "Enter");
    let View::Hits(v) = app.view() else {
        panic!("no results view");
    };
    let hits = v.hits.clone();
    assert!(!hits.is_empty());
    snap_both(&mut app, "library_search");
    press(&mut app, "j Enter");
    match app.view() {
        View::Reader(r) => {
            assert_eq!(r.article, hits[1].article);
            let s = r.search.as_ref().unwrap();
            assert_eq!(s.hits[s.current].0, hits[1].paragraph);
        }
        _ => panic!("not in the reader"),
    }
}

/// An article whose title matches, though none of its paragraphs does, is
/// listed too, and Enter opens it.
#[test]
fn search_in_the_library_lists_articles_matched_by_title() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    press_type_press(&mut app, "/", "织成翼", "Enter");
    let View::Hits(v) = app.view() else {
        panic!("no results view: {}", screen(&mut app, 100, 30));
    };
    assert!(v.hits.is_empty());
    assert_eq!(v.titles.len(), 1);
    let article = v.titles[0].0;
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("“织成翼”: 1 title"), "{s}");
    assert!(s.contains("▶ 标题  将力量织成翼 把情谊绘成虹"), "{s}");
    press(&mut app, "Enter");
    match app.view() {
        View::Reader(r) => {
            assert_eq!(r.article, article);
            assert_eq!(r.top, 0);
        }
        _ => panic!("not in the reader"),
    }
}

#[test]
fn an_unusable_data_dir_leaves_reading_working() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("a-file");
    std::fs::write(&file, b"keep me").unwrap();
    let mut app = app_in(&file);
    assert!(app.bookmarks.is_none());
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("a-file"), "{status}");
    app.open(ARTICLE, Some(3)).unwrap();
    press(&mut app, "j } m B");
    assert!(screen(&mut app, 100, 30).contains("Bookmarks (0)"));
    assert_eq!(std::fs::read(&file).unwrap(), b"keep me");
}

#[test]
fn the_bookmarks_view_filters_and_exports() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    app.open(ARTICLE, Some(5)).unwrap();
    press_type_press(&mut app, "m", "合作起点", "Enter q");
    app.open("002_f879ae6b00abf318", Some(0)).unwrap();
    press(&mut app, "m Enter B");
    assert!(screen(&mut app, 100, 30).contains("Bookmarks (2)"));
    // The filter matches notes (and quotes and titles), folded like search.
    press_type_press(&mut app, "/", "合作起點", "Enter");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("Bookmarks (1)") && s.contains("合作起点"), "{s}");
    // Export writes every bookmark, filtered or not, as Markdown.
    press(&mut app, "x");
    let exports: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    let md = std::fs::read_to_string(&exports[0]).unwrap();
    assert!(
        md.contains("> 2019年1月") && md.contains("合作起点"),
        "{md}"
    );
    assert!(md.contains("## 深百协作朝乡村振兴迈进"), "{md}");
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("exported to"))
    );
}

/// A disk that fills up half-way through every write.
fn full_disk(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    yuedu::storage::write_atomic_with(path, |f| {
        use std::io::Write;
        f.write_all(&bytes[..bytes.len() / 2])?;
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    })
}

#[test]
fn a_full_disk_keeps_the_file_and_the_typed_note() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    app.open(ARTICLE, Some(2)).unwrap();
    press_type_press(&mut app, "m", "第一条", "Enter");
    let before = std::fs::read(d.path().join("bookmarks.json")).unwrap();

    app.bookmarks.as_mut().unwrap().set_writer(full_disk);
    press_type_press(&mut app, "j m", "写不下的笔记", "Enter");
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("no space left on device"), "{shown}");
    assert!(
        shown.contains("写不下的笔记"),
        "the note is still there:\n{shown}"
    );
    assert_eq!(
        std::fs::read(d.path().join("bookmarks.json")).unwrap(),
        before
    );
    let names: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    // Reading goes on while the disk is full.
    press(&mut app, "Esc j j");
    assert!(matches!(app.view(), View::Reader(_)));

    // Space again: the same note, typed once, is saved.
    app.bookmarks
        .as_mut()
        .unwrap()
        .set_writer(yuedu::storage::write_atomic);
    press_type_press(&mut app, "k k m", "写不下的笔记", "Enter");
    let notes: Vec<_> = saved(d.path())
        .iter()
        .map(|b| b["note"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(notes, ["第一条", "写不下的笔记"]);
}

#[test]
fn a_full_disk_retried_with_enter_saves_the_note() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    app.open(ARTICLE, Some(4)).unwrap();
    app.bookmarks.as_mut().unwrap().set_writer(full_disk);
    press_type_press(&mut app, "m", "重试", "Enter");
    assert!(!d.path().join("bookmarks.json").exists());
    app.bookmarks
        .as_mut()
        .unwrap()
        .set_writer(yuedu::storage::write_atomic);
    press(&mut app, "Enter");
    let b = saved(d.path());
    assert_eq!(b.len(), 1);
    assert_eq!(b[0]["note"], "重试");
    assert_eq!(b[0]["paragraph"], 5);
}

#[test]
fn exports_in_one_second_get_a_file_each_and_an_empty_one_says_so() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path());
    press(&mut app, "B x");
    assert!(
        app.status.as_deref().unwrap().contains("no bookmarks"),
        "{:?}",
        app.status
    );
    press(&mut app, "q");
    app.open(ARTICLE, Some(4)).unwrap();
    press(&mut app, "v } m Enter B x x x");
    let mut exports: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bookmarks-") && n.ends_with(".md"))
        .collect();
    exports.sort();
    assert_eq!(exports.len(), 3, "{exports:?}");
    let md = std::fs::read_to_string(d.path().join(&exports[0])).unwrap();
    // Two paragraphs quoted as two, a `>` line between them.
    assert!(md.contains("。\n>\n> "), "{md}");
}
