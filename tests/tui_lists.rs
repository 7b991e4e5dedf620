//! Lists that show where you are: one cursor that moves within the page,
//! paging (Space, b, Ctrl-d, Ctrl-u ...), counts (`5j`, `20G`, `50%`) and the
//! `58/300` counter, in the library, the search hits and the bookmarks.

use std::path::Path;

use yuedu::app::{App, View};

mod common;
use common::tui::{app_on, press, press_type_press, screen};

/// A folder of `n` short articles, `文章 001` to `文章 n`, each naming 深圳.
fn articles(dir: &Path, n: usize) {
    for i in 1..=n {
        let text = format!("文章 {i:03}\n\n深圳对口帮扶的第{i}篇报道。\n\n第二段。\n");
        std::fs::write(dir.join(format!("a{i:03}.txt")), text).unwrap();
    }
}

fn library(n: usize) -> (tempfile::TempDir, App) {
    let d = tempfile::tempdir().unwrap();
    let a = d.path().join("articles");
    std::fs::create_dir(&a).unwrap();
    articles(&a, n);
    let app = app_on(d.path(), None, Some(&a));
    (d, app)
}

fn under_cursor(app: &App) -> String {
    app.library.articles[app.lib.shown[app.lib.cursor.index]]
        .title
        .clone()
}

#[test]
fn the_library_pages_and_counts_like_less() {
    let (_d, mut app) = library(300);
    app.resize(100, 30);
    // 30 rows: crumb, status, the chart (8), borders: 9 articles a page.
    press(&mut app, "Tab");
    assert_eq!(under_cursor(&app), "文章 001");
    press(&mut app, "j j");
    assert_eq!((app.lib.cursor.index, app.lib.cursor.offset), (2, 0));
    press(&mut app, "Space");
    assert_eq!((app.lib.cursor.index, app.lib.cursor.offset), (11, 9));
    press(&mut app, "Ctrl-d");
    assert_eq!((app.lib.cursor.index, app.lib.cursor.offset), (15, 13));
    press(&mut app, "b Ctrl-u");
    assert_eq!((app.lib.cursor.index, app.lib.cursor.offset), (2, 0));
    press(&mut app, "5 j");
    assert_eq!(under_cursor(&app), "文章 008");
    press(&mut app, "5 8 G");
    assert_eq!(under_cursor(&app), "文章 058");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(" 58/300 "), "{s}");
    assert!(s.contains("文章 058"), "{s}");
    press(&mut app, "5 0 %");
    assert_eq!(under_cursor(&app), "文章 150");
    press(&mut app, "G");
    assert_eq!(under_cursor(&app), "文章 300");
    press(&mut app, "g PageDown Ctrl-f Ctrl-b PageUp");
    assert_eq!(app.lib.cursor.index, 0);
    insta::assert_snapshot!("library_counter_100x30", screen(&mut app, 100, 30));
    press(&mut app, "4 0 G");
    insta::assert_snapshot!("library_counter_40x12", screen(&mut app, 40, 12));
}

#[test]
fn a_key_hides_the_chart_and_the_list_gets_its_rows() {
    let (_d, mut app) = library(40);
    app.resize(100, 30);
    assert!(screen(&mut app, 100, 30).contains("articles by province"));
    press(&mut app, "c Tab Space");
    let s = screen(&mut app, 100, 30);
    assert!(!s.contains("articles by province"), "{s}");
    // 13 articles a page without the chart.
    assert_eq!(app.lib.cursor.index, 13);
}

#[test]
fn search_hits_page_and_count() {
    let (_d, mut app) = library(120);
    app.resize(100, 30);
    press_type_press(&mut app, "/", "深圳", "Enter");
    let View::Hits(v) = app.view() else {
        panic!("no hits")
    };
    assert_eq!(v.len(), 120);
    press(&mut app, "Space Space");
    let View::Hits(v) = app.view() else { panic!() };
    // 28 rows: 14 hits, each under its article's title.
    assert_eq!(v.cursor.index, 28);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(" 29/120 "), "{s}");
    assert!(s.contains("▶ ¶") && s.contains("文章 029"), "{s}");
    press(&mut app, "1 0 0 G");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("▶ ¶") && s.contains("文章 100"), "{s}");
    assert!(s.contains(" 100/120 "), "{s}");
    insta::assert_snapshot!("hits_counter_100x30", s);
    insta::assert_snapshot!("hits_counter_40x12", screen(&mut app, 40, 12));
}

#[test]
fn bookmarks_page_and_count() {
    let (_d, mut app) = library(30);
    app.resize(100, 30);
    for i in 0..30 {
        let id = app.library.articles[i].id.clone();
        app.open(&id, None).unwrap();
        press(&mut app, "m Enter q");
    }
    press(&mut app, "B");
    let View::Bookmarks(v) = app.view() else {
        panic!()
    };
    assert_eq!(v.shown(&app).len(), 30);
    press(&mut app, "Ctrl-d 3 j");
    let View::Bookmarks(v) = app.view() else {
        panic!()
    };
    assert_eq!(v.cursor.index, 7);
    press(&mut app, "G");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(" 30/30 "), "{s}");
    assert!(s.contains("▶ “深圳对口帮扶的第30篇报道。”"), "{s}");
}
