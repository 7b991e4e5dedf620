//! The library as an archive, through keys: the source and date trees as
//! filters crossed with the others, counts that follow the filters and
//! count a story once, the list's orders, reading progress and the unread
//! filter, a story's copies beneath it, and the chart by year; on the
//! archive fixtures (dates, sources, three stories held twice) and on the
//! bundled articles.

use std::path::Path;

use yuedu::app::{App, View};

mod common;
use common::tui::{app_in, app_on, press, screen};

const DIR: &str = "tests/fixtures/archive";

fn archive() -> (tempfile::TempDir, App) {
    let d = tempfile::tempdir().unwrap();
    let app = app_on(d.path(), None, Some(Path::new(DIR)));
    (d, app)
}

fn snap_both(app: &mut App, name: &str) {
    insta::assert_snapshot!(format!("{name}_100x30"), screen(app, 100, 30));
    insta::assert_snapshot!(format!("{name}_40x12"), screen(app, 40, 12));
    app.resize(100, 30);
}

/// The ids of the articles the filters let through, in list order.
fn shown(app: &App) -> Vec<String> {
    (app.lib.shown.iter())
        .map(|&i| app.library.articles[i].id.clone())
        .collect()
}

/// The ids of the list's rows, a copy's with two spaces before it.
fn rows(app: &App) -> Vec<String> {
    (app.lib.rows.iter())
        .map(|r| {
            let id = &app.library.articles[r.article].id;
            if r.copy {
                format!("  {id}")
            } else {
                id.clone()
            }
        })
        .collect()
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

/// Moves the facet cursor to the row of the tree shown named `name`.
fn to_row(app: &mut App, name: &str) {
    let rows = app.lib.tree_rows(app.lib.facet, app.taxonomy);
    let at = rows.iter().position(|r| r.name == name);
    let at = at.unwrap_or_else(|| panic!("no row {name}: {rows:?}"));
    press(app, "g");
    for _ in 0..at {
        press(app, "j");
    }
}

fn current(app: &App) -> String {
    let i = app.lib.current().expect("a row under the cursor");
    app.library.articles[i].id.clone()
}

#[test]
fn choosing_a_source_keeps_that_outlets_articles_and_x_brings_back_all() {
    let (_d, mut app) = archive();
    let all = shown(&app).len();
    assert_eq!(all, 12);
    press(&mut app, "s");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("来源 sources"), "{s}");
    // One outlet one row, whatever its spelling (新華網 and 新华网), and the
    // page with its copied text counted once for 右江日报.
    assert!(s.contains("新华网 2"), "{s}");
    assert!(s.contains("右江日报 1"), "{s}");
    snap_both(&mut app, "archive_sources");
    press(&mut app, "Enter");
    assert_eq!(sorted(shown(&app)), ["baiqianwan", "xunwu-xinhua"]);
    let s = screen(&mut app, 100, 30);
    assert!(s.starts_with("\"新华网  2 篇"), "{s}");
    press(&mut app, "x");
    assert_eq!(shown(&app).len(), all);
    assert!(screen(&mut app, 100, 30).contains("全部文章"));
}

#[test]
fn the_date_tree_is_years_then_months_and_filters_by_either() {
    let (_d, mut app) = archive();
    press(&mut app, "d");
    let s = screen(&mut app, 100, 30);
    // Newest first; 2023 holds two stories (four articles).
    assert!(s.contains("日期 dates"), "{s}");
    assert!(s.contains("▸ 2024 1") && s.contains("▸ 2023 2"), "{s}");
    // Down to 2023, open it, down to its newest month, choose it.
    press(&mut app, "j l j Enter");
    assert_eq!(sorted(shown(&app)), ["shenzhen-full", "shenzhen-short"]);
    snap_both(&mut app, "archive_dates_month");
    // The year instead: the month's filter gives way to it.
    press(&mut app, "k Enter");
    assert_eq!(
        sorted(shown(&app)),
        [
            "shenzhen-full",
            "shenzhen-short",
            "xunwu-gannan",
            "xunwu-xinhua"
        ]
    );
    assert_eq!(app.lib.rows.len(), 2, "two stories, one row each");
}

#[test]
fn filters_cross_and_every_tree_counts_what_the_others_let_through() {
    let (_d, mut app) = archive();
    // 2023, then 新华网: only the reprint of the 寻乌 story.
    press(&mut app, "d j Enter s");
    let s = screen(&mut app, 100, 30);
    // The source tree counts 2023's stories only: 新华网 has one there,
    // 右江日报 (2022) none.
    assert!(s.contains("新华网 1"), "{s}");
    assert!(!s.contains("右江日报"), "{s}");
    to_row(&mut app, "新华网");
    press(&mut app, "Enter");
    assert_eq!(shown(&app), ["xunwu-xinhua"]);
    // A region on top: the breadcrumb names all three.
    press(&mut app, "r");
    to_row(&mut app, "江西省");
    press(&mut app, "Enter");
    let s = screen(&mut app, 100, 30);
    let crumb = s.lines().next().unwrap();
    assert!(
        crumb.contains("江西省") && crumb.contains("新华网") && crumb.contains("2023"),
        "{crumb}"
    );
    snap_both(&mut app, "archive_crossed");
    press(&mut app, "x");
    assert_eq!(shown(&app).len(), 12);
    assert!(app.lib.trees.iter().all(|t| t.chosen.is_none()));
}

#[test]
fn a_region_counts_a_story_once_as_the_command_line_does() {
    let (_d, mut app) = archive();
    press(&mut app, "r");
    let cli = common::json_array(&["--no-bundled", "--articles", DIR, "regions", "--json"]);
    let tui: Vec<(String, u64)> = (app.lib.tree_rows(app.lib.facet, app.taxonomy).iter())
        .map(|r| (r.name.clone(), r.count as u64))
        .collect();
    for province in &cli {
        let name = province["name"].as_str().unwrap().to_string();
        let count = province["count"].as_u64().unwrap();
        assert!(
            tui.contains(&(name.clone(), count)),
            "{name} {count}: {tui:?}"
        );
    }
    assert_eq!(tui.len(), cli.len());
    // 寻乌县: the 寻乌 story held twice, and the 深圳 story and its copy.
    let xunwu = app.taxonomy.regions.find("寻乌县").unwrap();
    assert_eq!(app.lib.counts.taxa[0][xunwu], 2);
}

#[test]
fn o_sorts_the_list_by_date_title_source_progress_and_back() {
    let (_d, mut app) = archive();
    press(&mut app, "Tab o");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("by date, newest first"), "{s}");
    let order = rows(&app);
    assert_eq!(order.first().map(String::as_str), Some("baiqianwan"));
    // Undated last.
    let undated = ["sports-person", "tech-address", "weather-undated"];
    assert!(
        order[order.len() - 3..]
            .iter()
            .all(|id| undated.contains(&id.as_str()))
    );
    snap_both(&mut app, "archive_by_date");
    press(&mut app, "o");
    assert!(screen(&mut app, 100, 30).contains("by title"));
    press(&mut app, "o");
    assert!(screen(&mut app, 100, 30).contains("by source"));
    press(&mut app, "o");
    assert!(screen(&mut app, 100, 30).contains("by progress"));
    press(&mut app, "o");
    let s = screen(&mut app, 100, 30);
    assert!(
        !s.contains("by progress") && !s.contains("newest first"),
        "{s}"
    );
    assert!(s.contains("articles in library order"), "{s}");
    assert_eq!(rows(&app)[0], "baiqianwan");
}

#[test]
fn a_story_held_twice_is_one_row_that_opens_onto_its_copy() {
    let (_d, mut app) = archive();
    // Twelve articles, three stories held twice: nine rows.
    assert_eq!(app.lib.rows.len(), 9);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("also in 1 source"), "{s}");
    assert!(s.contains("1 copy"), "{s}");
    // To the 寻乌 story's row; `l` shows its copy beneath it.
    press(&mut app, "Tab");
    while current(&app) != "xunwu-gannan" {
        press(&mut app, "j");
    }
    press(&mut app, "l");
    let r = rows(&app);
    let at = r.iter().position(|id| id == "xunwu-gannan").unwrap();
    assert_eq!(r[at + 1], "  xunwu-xinhua");
    assert_eq!(current(&app), "xunwu-gannan");
    snap_both(&mut app, "archive_copies");
    // `l` again opens it; from the copy, `h` folds the story and goes back
    // to its row.
    press(&mut app, "j");
    assert_eq!(current(&app), "xunwu-xinhua");
    press(&mut app, "h");
    assert_eq!(app.lib.rows.len(), 9);
    assert_eq!(current(&app), "xunwu-gannan");
    press(&mut app, "l l");
    let View::Reader(r) = app.view() else {
        panic!("not opened")
    };
    assert_eq!(app.library.articles[r.article].id, "xunwu-gannan");
}

#[test]
fn progress_is_marked_filters_unread_and_survives_restarts_and_a_changed_file() {
    let d = tempfile::tempdir().unwrap();
    let articles = d.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for f in ["baiqianwan.txt", "xunwu-gannan.txt", "weather-undated.txt"] {
        std::fs::copy(Path::new(DIR).join(f), articles.join(f)).unwrap();
    }
    let mut app = app_on(d.path(), None, Some(&articles));
    let s = screen(&mut app, 100, 30);
    assert_eq!(s.matches("unread").count(), 3, "{s}");
    // Read the long one part way, the short one to the end.
    press(&mut app, "Tab");
    while current(&app) != "xunwu-gannan" {
        press(&mut app, "j");
    }
    press(&mut app, "Enter Space q");
    while current(&app) != "weather-undated" {
        press(&mut app, "k");
    }
    press(&mut app, "Enter G q");
    let s = screen(&mut app, 100, 30);
    let part = |app: &App| {
        app.saved
            .state
            .progress
            .get("xunwu-gannan")
            .copied()
            .unwrap()
    };
    let p = part(&app);
    assert!((1..100).contains(&p), "{p}");
    assert!(s.contains(&format!("{p}% · 2023-05-12")), "{s}");
    assert!(s.contains("│read · "), "{s}");
    snap_both(&mut app, "archive_progress");
    press(&mut app, "u");
    assert_eq!(sorted(shown(&app)), ["baiqianwan", "xunwu-gannan"]);
    assert!(screen(&mut app, 100, 30).contains("未读 unread"));
    press(&mut app, "u");
    assert_eq!(shown(&app).len(), 3);
    // Sorted by progress: unread, then part read, then read.
    press(&mut app, "o o o o");
    assert_eq!(
        rows(&app),
        ["baiqianwan", "xunwu-gannan", "weather-undated"]
    );
    // What the run loop writes when the reader closes.
    app.saved.save().unwrap();
    // Again, after a restart; and the article cut to a fraction of itself
    // keeps its share, never over 100 %, and reads to its end.
    let app = app_on(d.path(), None, Some(&articles));
    assert_eq!(part(&app), p);
    let text = std::fs::read_to_string(articles.join("xunwu-gannan.txt")).unwrap();
    let short: String = text.lines().take(6).collect::<Vec<_>>().join("\n");
    std::fs::write(articles.join("xunwu-gannan.txt"), short).unwrap();
    let mut app = app_on(d.path(), None, Some(&articles));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(&format!("{p}% · 2023-05-12")), "{s}");
    assert!(s.contains("│read · "), "{s}");
    app.open("xunwu-gannan", None).unwrap();
    press(&mut app, "G q");
    assert_eq!(part(&app), 100);
    assert!(!screen(&mut app, 100, 30).contains("% · "));
}

#[test]
fn the_chart_shows_years_in_order_at_every_size() {
    let (_d, mut app) = archive();
    press(&mut app, "C");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("articles by year: 2004–2024"), "{s}");
    let labels = s.lines().rev().nth(2).unwrap();
    // Twenty-one years, the empty ones too, in two digits at this width.
    let at = |y: &str| labels.find(y).unwrap_or_else(|| panic!("{y}: {labels}"));
    assert!(at("04") < at("05") && at("05") < at("13") && at("22") < at("24"));
    insta::assert_snapshot!("archive_years_100x30", s);
    insta::assert_snapshot!("archive_years_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("archive_years_30x20", screen(&mut app, 30, 20));
    // Filters in force: the chart follows them.
    press(&mut app, "d j Enter");
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("articles by year: 2023 "), "{s}");
    // Back to provinces.
    press(&mut app, "C");
    assert!(screen(&mut app, 100, 30).contains("articles by province"));
    for (w, h) in [(20, 3), (24, 6), (20, 24), (1, 1), (0, 0)] {
        let _ = screen(&mut app, w, h);
    }
}

#[test]
fn the_bundled_library_has_source_and_date_trees_and_a_year_chart() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    press(&mut app, "s");
    snap_both(&mut app, "bundled_sources");
    press(&mut app, "d l");
    snap_both(&mut app, "bundled_dates");
    press(&mut app, "C Tab o");
    snap_both(&mut app, "bundled_years_by_date");
    press(&mut app, "?");
    let s = screen(&mut app, 100, 60);
    for (key, what) in [
        ("s", "source tree"),
        ("d", "date tree"),
        ("o", "sort: date/title/source/progress"),
        ("u", "only unread"),
        ("C", "chart by province / by year"),
        ("x", "clear every filter"),
    ] {
        assert!(
            s.lines()
                .any(|l| l.contains(&format!(" {key} ")) && l.contains(what)),
            "{key} {what}: {s}"
        );
    }
}

#[test]
fn new_keys_are_configurable_like_the_others() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(
        d.path(),
        Some("[keys.library]\nsort = \"S\"\nunread_only = \"U\"\nshow_dates = \"D\"\n"),
    );
    assert!(app.config_problems.is_empty(), "{:?}", app.config_problems);
    press(&mut app, "Tab S");
    assert!(screen(&mut app, 100, 30).contains("by date, newest first"));
    press(&mut app, "U");
    assert!(app.lib.unread_only);
    press(&mut app, "D");
    assert!(screen(&mut app, 100, 30).contains("日期 dates"));
    // Esc never quits, here as anywhere.
    assert!(press(&mut app, "Esc Esc").is_empty());
}

#[test]
fn thirty_years_in_a_narrow_chart_say_their_first_and_last_year() {
    let d = tempfile::tempdir().unwrap();
    let articles = d.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for (k, year) in (1995..2025).enumerate() {
        let text = format!(
            "第{k}篇 深圳对口帮扶\n{year}-03-0{} 来源：深圳特区报\n\n{year}年，深圳对口帮扶广西百色第{k}个项目落地。\n",
            1 + k % 9
        );
        std::fs::write(articles.join(format!("{year}.txt")), text).unwrap();
    }
    let mut app = app_on(d.path(), None, Some(&articles));
    press(&mut app, "C");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("articles by year: 1995–2024"), "{s}");
    let s = screen(&mut app, 24, 20);
    // Eleven bars a column wide fit: the latest eleven years, their ends
    // named beneath them.
    let labels = s.lines().rev().nth(2).unwrap();
    assert!(labels.contains("2014") && labels.contains("2024"), "{s}");
    insta::assert_snapshot!("thirty_years_24x20", s);
}
