//! Filters that find what people type: pinyin with every reading, the
//! Traditional script, the bookmarks by pinyin; the library's search over
//! the library as filtered; the chart following the filters.

use std::path::Path;

use yuedu::app::{App, View};

mod common;
use common::tui::{app_on, press, press_type_press, screen, type_text};

fn write(dir: &Path, name: &str, title: &str, body: &str) {
    std::fs::write(dir.join(name), format!("{title}\n\n{body}\n")).unwrap();
}

fn library() -> (tempfile::TempDir, App) {
    let d = tempfile::tempdir().unwrap();
    let a = d.path().join("articles");
    std::fs::create_dir(&a).unwrap();
    write(
        &a,
        "a.txt",
        "深圳援藏干部在西藏林芝",
        "深圳对口支援西藏林芝市，援藏干部扎根高原。",
    );
    write(
        &a,
        "b.txt",
        "深圳援疆助力喀什发展",
        "深圳对口支援新疆喀什地区，援疆项目落地。",
    );
    write(
        &a,
        "c.txt",
        "闽宁协作二十年",
        "福建与宁夏的闽宁协作，深圳也有参与。",
    );
    write(
        &a,
        "d.txt",
        "广西百色的芒果",
        "深圳与广西百色的东西部协作。",
    );
    let app = app_on(d.path(), None, Some(&a));
    (d, app)
}

fn titles(app: &App) -> Vec<String> {
    let mut t: Vec<String> = (app.lib.shown.iter())
        .map(|&i| app.library.articles[i].title.clone())
        .collect();
    t.sort();
    t
}

#[test]
fn the_filter_takes_every_reading_and_either_script() {
    let (_d, mut app) = library();
    for (typed, want) in [
        ("xizang", "深圳援藏干部在西藏林芝"),
        ("xicang", "深圳援藏干部在西藏林芝"),
        ("yuanzang", "深圳援藏干部在西藏林芝"),
        ("kashi", "深圳援疆助力喀什发展"),
        ("寧夏", "闽宁协作二十年"),
        ("閩寧", "闽宁协作二十年"),
    ] {
        press(&mut app, "f");
        type_text(&mut app, typed);
        assert!(
            titles(&app).contains(&want.to_string()),
            "{typed}: {:?}",
            titles(&app)
        );
        assert!(titles(&app).len() < 4, "{typed}: {:?}", titles(&app));
        press(&mut app, "Esc");
        assert_eq!(app.lib.shown.len(), 4);
    }
}

#[test]
fn library_search_searches_the_library_as_filtered_and_says_so() {
    let (_d, mut app) = library();
    press(&mut app, "f");
    type_text(&mut app, "xizang");
    press(&mut app, "Enter /");
    type_text(&mut app, "深圳");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("search the 1 filtered article: 深圳"), "{s}");
    insta::assert_snapshot!("search_prompt_filtered_100x30", s);
    insta::assert_snapshot!("search_prompt_filtered_40x12", screen(&mut app, 40, 12));
    app.resize(100, 30);
    press(&mut app, "Enter");
    let View::Hits(v) = app.view() else {
        panic!("{:?}", app.status)
    };
    assert!(
        v.hits
            .iter()
            .all(|h| app.library.articles[h.article].title.contains("西藏"))
    );
    assert!(!v.hits.is_empty());
}

#[test]
fn bookmarks_filter_by_pinyin() {
    let (_d, mut app) = library();
    for i in 0..4 {
        let id = app.library.articles[i].id.clone();
        app.open(&id, None).unwrap();
        press(&mut app, "m");
        type_text(&mut app, if i == 1 { "喀什的笔记" } else { "别的" });
        press(&mut app, "Enter q");
    }
    press_type_press(&mut app, "B /", "kashi", "Enter");
    let View::Bookmarks(v) = app.view() else {
        panic!()
    };
    let shown = v.shown(&app);
    assert_eq!(
        shown.len(),
        1,
        "{:?}",
        shown.iter().map(|b| &b.note).collect::<Vec<_>>()
    );
    assert_eq!(shown[0].note, "喀什的笔记");
}

#[test]
fn the_chart_has_short_whole_names_and_follows_the_filter() {
    let (_d, mut app) = library();
    let s = screen(&mut app, 100, 30);
    let chart: Vec<&str> = s.lines().skip(21).collect();
    let chart = chart.join("\n");
    for short in ["广西 ", "新疆 ", "西藏 ", "宁夏 "] {
        assert!(chart.contains(short), "{short}: {chart}");
    }
    assert!(
        !chart.contains("广西壮族自治区") && !chart.contains('…'),
        "{chart}"
    );
    insta::assert_snapshot!("chart_100x30", s);
    // Filtered to one article: the chart counts that one.
    press(&mut app, "f");
    type_text(&mut app, "kashi");
    let s = screen(&mut app, 100, 30);
    let chart: String = s.lines().skip(21).collect::<Vec<_>>().join("\n");
    assert!(
        chart.contains("新疆 1") && !chart.contains("西藏"),
        "{chart}"
    );
    insta::assert_snapshot!("chart_filtered_100x30", s);
}

#[test]
fn an_empty_bookmarks_filter_shows_them_all() {
    let (_d, mut app) = library();
    for i in 0..2 {
        let id = app.library.articles[i].id.clone();
        app.open(&id, None).unwrap();
        press(&mut app, "m Enter q");
    }
    press_type_press(&mut app, "B /", "kashi", "Enter");
    press(&mut app, "/ Enter");
    let View::Bookmarks(v) = app.view() else {
        panic!()
    };
    assert_eq!(v.shown(&app).len(), 2);
}
