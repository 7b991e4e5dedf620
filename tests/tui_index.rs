//! The TUI's library search through the full-text index: built on a thread
//! of its own once the library is on screen, it answers the search with
//! the same screen the scan gives, and stops answering (the scan takes
//! over) as soon as a file it holds has changed.

mod common;

use std::path::Path;
use std::time::Duration;

use common::tui::{app_on, press, press_type_press, screen};
use yuedu::app::App;
use yuedu::search::Query;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Ticks the app's indexer until its update is done (a bound of a minute,
/// not a measure of speed).
fn index_built(app: &mut App) {
    for _ in 0..600 {
        let library = app.library.clone();
        let indexer = app
            .indexer
            .as_mut()
            .expect("an indexer with a cache folder");
        indexer.tick(&library);
        if !indexer.building() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the index was not built");
}

#[test]
fn the_library_search_answers_through_the_index_as_the_scan_does() {
    let tmp = tempfile::tempdir().unwrap();
    let (articles, data, cache) = (
        tmp.path().join("articles"),
        tmp.path().join("data"),
        tmp.path().join("cache"),
    );
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    // The only test of this file: the variable is set before any thread
    // that reads the environment starts.
    unsafe { std::env::set_var("YUEDU_CACHE_DIR", &cache) };
    write(
        &articles,
        "a.md",
        "# 甲\n\n寻乌县的脐橙丰收。\n\n赣州的稀土。\n",
    );
    write(
        &articles,
        "b.md",
        "# 乙\n\n深圳的科技产业，对口帮扶寻乌。\n",
    );
    write(
        &articles,
        "c.jsonl",
        "{\"id\": 1, \"title\": \"丙\", \"content\": \"喀什的产业园。\\n尋烏的果园。\"}\n",
    );
    // Files changed in the last second are indexed again at every update.
    std::thread::sleep(Duration::from_millis(1100));

    let mut app = app_on(&data, None, Some(&articles));
    index_built(&mut app);
    assert!(
        cache.join("text-index").is_dir(),
        "the index is in the cache folder"
    );
    let query = Query::parse("寻乌").unwrap();
    let indexer = app.indexer.as_ref().unwrap();
    let through_index = indexer.search(&app.library, &query, |_| true);
    let scan = yuedu::search::search_library(&app.library, &query, |_| true);
    assert_eq!(
        through_index.as_ref(),
        Some(&scan),
        "the index covers the library"
    );
    assert_eq!(scan.len(), 3);

    press_type_press(&mut app, "/", "寻乌", "Enter");
    let indexed = screen(&mut app, 60, 14);
    let mut scanning = app_on(&data, None, Some(&articles));
    scanning.indexer = None;
    press_type_press(&mut scanning, "/", "寻乌", "Enter");
    assert_eq!(indexed, screen(&mut scanning, 60, 14));
    insta::assert_snapshot!("library_search_through_the_index", indexed);

    // A changed file: the index no longer covers the library loaded again,
    // so the scan answers (the new words are found) until the update is in.
    press(&mut app, "Esc");
    write(&articles, "a.md", "# 甲\n\n寻乌县的新闻。\n");
    std::thread::sleep(Duration::from_millis(1100));
    let mut again = app_on(&data, None, Some(&articles));
    let indexer = again.indexer.as_mut().unwrap();
    assert_eq!(indexer.search(&again.library, &query, |_| true), None);
    index_built(&mut again);
    let news = Query::parse("新闻").unwrap();
    let found = again
        .indexer
        .as_ref()
        .unwrap()
        .search(&again.library, &news, |_| true);
    assert_eq!(found.map(|h| h.len()), Some(1));
}
