//! The TUI's watch on an articles folder with the article cache: the watch
//! is set up on a thread after the first frame, and a file that came
//! between the load and the watch is still seen.

use std::time::Duration;

#[test]
fn a_file_added_between_the_load_and_the_watch_is_seen() {
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
    std::fs::write(articles.join("a.txt"), "寻乌纪事\n深圳对口帮扶寻乌县。\n").unwrap();
    let globals = yuedu::cli::Globals {
        articles: vec![articles.clone()],
        no_bundled: true,
        no_cache: false,
        data_dir: Some(data.clone()),
        config: Some(data.join("config.toml")),
    };
    let library = yuedu::cli::load_library(&globals).unwrap();
    assert_eq!(library.articles.len(), 1);
    // After the load, before any watch: no event will tell of it.
    std::fs::write(articles.join("b.txt"), "林芝纪事\n广东援藏工作队在林芝。\n").unwrap();
    let (mut app, _) = yuedu::app::build_app_with(&globals, library).unwrap();
    for _ in 0..400 {
        app.follow_changes();
        if app.library.articles.len() == 2 {
            assert!(app.library.get("b").is_some());
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "the library has {} articles, not 2",
        app.library.articles.len()
    );
}
