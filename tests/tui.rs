//! The TUI without a terminal: key scripts through `App`, and every view
//! drawn on ratatui's TestBackend and compared with insta snapshots.

use assert_cmd::Command;
use ratatui::crossterm::event::KeyModifiers;
use yuedu::app::{App, Effect, View, build_app};
use yuedu::cli::Globals;

mod common;
use common::tui::{app_in, press, screen};

fn snap_both(app: &mut App, name: &str) {
    insta::assert_snapshot!(format!("{name}_100x30"), screen(app, 100, 30));
    insta::assert_snapshot!(format!("{name}_40x12"), screen(app, 40, 12));
}

fn first_id(app: &App) -> String {
    app.library.articles[app.lib.shown[0]].id.clone()
}

#[test]
fn library_screen() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    snap_both(&mut app, "library");
}

#[test]
fn region_tree_expanded_filters_the_list() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    let all = app.lib.shown.len();
    // 江西省 is the second province with articles; open it and its city.
    press(&mut app, "j Enter j l j Enter");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("江西省 › 赣州市"), "{s}");
    assert!(app.lib.shown.len() < all);
    snap_both(&mut app, "regions_expanded");
    // A programme narrows further: the breadcrumb shows both.
    press(&mut app, "p Enter");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(" · "), "{s}");
    snap_both(&mut app, "region_and_programme");
    press(&mut app, "x");
    assert_eq!(app.lib.shown.len(), all);
}

#[test]
fn programme_tree() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    press(&mut app, "p l");
    snap_both(&mut app, "programmes");
    press(&mut app, "r");
    assert!(screen(&mut app, 100, 30).contains("地区"));
}

#[test]
fn filter_by_characters_and_pinyin() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    let all = app.lib.shown.len();
    press(&mut app, "f x w");
    let by_initials = app.lib.shown.clone();
    assert!(!by_initials.is_empty() && by_initials.len() < all);
    snap_both(&mut app, "filtered");
    press(&mut app, "Backspace u n w u");
    assert_eq!(app.lib.filter.text(), "xunwu");
    assert_eq!(app.lib.shown, by_initials);
    press(&mut app, "Esc");
    assert_eq!(app.lib.shown.len(), all);
    // Typed CJK (as an IME commits it) works the same.
    press(&mut app, "f 寻 乌");
    assert_eq!(app.lib.shown, by_initials);
    press(&mut app, "Backspace");
    assert_eq!(app.lib.filter.text(), "寻");
    // Enter keeps the filter; then `q` clears it before it would quit.
    press(&mut app, "Enter");
    assert_eq!(app.lib.filter.text(), "寻");
    assert!(press(&mut app, "q").is_empty());
    assert_eq!(app.lib.shown.len(), all);
    assert_eq!(press(&mut app, "q"), vec![Effect::Quit]);
}

#[test]
fn reader_mid_article_and_back() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    press(&mut app, "Tab Enter } } } ) Space");
    assert!(matches!(app.view(), View::Reader(_)));
    snap_both(&mut app, "reader_mid");
    let effects = press(&mut app, "q");
    assert!(effects.contains(&Effect::SaveReadingState));
    assert!(matches!(app.view(), View::Library));
    assert_eq!(press(&mut app, "q"), vec![Effect::Quit]);
}

#[test]
fn sentence_and_paragraph_motion() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    let id = first_id(&app);
    app.open(&id, None).unwrap();
    let passage = |app: &App| match app.view() {
        View::Reader(r) => (r.passage.first, r.passage.start..r.passage.end),
        _ => panic!("not reading"),
    };
    let text = |app: &App, p: usize| app.library.get(&id).unwrap().paragraphs[p].text.clone();
    press(&mut app, ")");
    let (p, r) = passage(&app);
    assert_eq!(p, 0);
    assert!(r.start == 0 && r.end < text(&app, 0).len());
    assert!(text(&app, 0)[r].ends_with('。'));
    press(&mut app, ") (");
    assert_eq!(passage(&app).1.start, 0);
    press(&mut app, "}");
    assert_eq!(passage(&app), (1, 0..text(&app, 1).len()));
    press(&mut app, "{ {");
    assert_eq!(passage(&app).0, 0);
}

#[test]
fn reading_position_and_width_survive_a_restart() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    let id = first_id(&app);
    app.open(&id, None).unwrap();
    press(&mut app, "Space Space - -");
    let View::Reader(r) = app.view() else {
        panic!()
    };
    let before = r.position();
    let width = r.layout.width;
    press(&mut app, "q");
    app.saved.save().unwrap();
    let mut again = app_in(d.path(), None);
    again.open(&id, None).unwrap();
    let View::Reader(r) = again.view() else {
        panic!()
    };
    assert_eq!(r.position(), before);
    assert_eq!(r.layout.width, width);
    assert_eq!(width, 64);
}

#[test]
fn a_corrupt_state_file_is_reported_and_kept() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("reading.json");
    std::fs::write(&file, "{not json").unwrap();
    let mut app = app_in(d.path(), None);
    assert!(app.status.as_deref().unwrap_or("").contains("corrupt"));
    let id = first_id(&app);
    app.open(&id, None).unwrap();
    press(&mut app, "Space q");
    app.saved.save().unwrap();
    // The corrupt file is kept aside, byte for byte; the new one is valid.
    let kept: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("reading.json.corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "{not json");
    let now: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(now["version"], 1);
}

#[test]
fn paragraph_past_the_end_is_clamped() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    let id = first_id(&app);
    app.open(&id, Some(100_000)).unwrap();
    assert!(app.status.as_deref().unwrap().contains("past the end"));
    assert!(app.open("no-such-id", None).is_err());
}

#[test]
fn help_follows_the_keymap_in_force() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), Some("[keys.reader]\nnext_paragraph = \"n\"\n"));
    press(&mut app, "?");
    snap_both(&mut app, "help_library");
    press(&mut app, "Esc");
    let id = first_id(&app);
    app.open(&id, None).unwrap();
    press(&mut app, "?");
    let s = screen(&mut app, 100, 30);
    let bound = |l: &&str| l.contains("│  n  ") && l.contains("next paragraph");
    assert!(s.lines().any(|l| bound(&l)), "{s}");
    // `n` left next_match for next_paragraph: the help says so.
    assert!(
        !s.lines()
            .any(|l| l.contains("│  n  ") && l.contains("next match")),
        "{s}"
    );
    snap_both(&mut app, "help_reader");
    // The overlay takes keys first: `}` does nothing under it, Esc closes it.
    press(&mut app, "n Esc n");
    let View::Reader(r) = app.view() else {
        panic!()
    };
    assert_eq!(r.passage.first, 1);
}

#[test]
fn bad_config_entries_are_reported_with_their_line() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("config.toml"),
        "[keys.reader]\nnext_paragraph = \"}\"\nfly = \"x\"\nprevious_paragraph = \"Ctrl-\"\n[colours]\naccent = \"nocolour\"\n",
    )
    .unwrap();
    let globals = Globals {
        data_dir: Some(d.path().to_path_buf()),
        config: Some(d.path().join("config.toml")),
        ..Default::default()
    };
    let (_, problems) = build_app(&globals).unwrap();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].contains("line 3") && problems[0].contains("fly"));
    assert!(problems[1].contains("line 4") && problems[1].contains("\"{\""));
    assert!(problems[2].contains("line 6"));
}

#[test]
fn any_size_draws_without_panic() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    for (w, h) in [(1, 1), (0, 0), (5, 2), (30, 5), (100, 1)] {
        screen(&mut app, w, h);
    }
    assert!(screen(&mut app, 20, 5).contains("too small: need"));
    press(&mut app, "Tab Enter ?");
    for (w, h) in [(1, 1), (0, 0), (5, 2), (9, 2), (100, 1)] {
        screen(&mut app, w, h);
    }
}

#[test]
fn open_unknown_id_fails_before_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    Command::cargo_bin("yuedu")
        .unwrap()
        .args(["open", "no-such-article", "--data-dir"])
        .arg(d.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no article with id 'no-such-article'",
        ));
}

#[test]
fn no_terminal_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    Command::cargo_bin("yuedu")
        .unwrap()
        .arg("--data-dir")
        .arg(d.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("needs a terminal"));
}

#[test]
fn a_dumb_terminal_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    Command::cargo_bin("yuedu")
        .unwrap()
        .env("TERM", "dumb")
        .arg("--data-dir")
        .arg(d.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("TERM is 'dumb'"));
}

#[test]
fn the_mouse_wheel_scrolls_the_reader() {
    use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    let id = first_id(&app);
    app.open(&id, None).unwrap();
    let wheel = |kind| MouseEvent {
        kind,
        column: 0,
        row: 0,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(wheel(MouseEventKind::ScrollDown));
    let View::Reader(r) = app.view() else {
        panic!()
    };
    assert_eq!(r.top, 2);
    app.handle_mouse(wheel(MouseEventKind::ScrollUp));
    let View::Reader(r) = app.view() else {
        panic!()
    };
    assert_eq!(r.top, 0);
}

/// A long article opens from the first screens of its layout while the rest
/// is laid out elsewhere; whatever comes next sees the whole article.
#[test]
fn a_long_article_opens_at_once_and_is_whole_for_the_next_key() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    let mut text = String::from("很长的文章\n\n");
    let mut n = 0;
    while text.len() < 1_500_000 {
        text.push_str(&format!(
            "第{n}段：深圳与广东省内乃至全国各地的合作交流不断深化，共同谱写着中国式现代化的崭新篇章。\n\n"
        ));
        n += 1;
    }
    std::fs::write(dir.join("long.txt"), &text).unwrap();
    let globals = Globals {
        articles: vec![dir],
        no_bundled: true,
        data_dir: Some(d.path().join("data")),
        config: Some(d.path().join("none.toml")),
        no_cache: true,
    };
    let whole_lines = {
        let (mut app, _) = build_app(&globals).unwrap();
        app.resize(100, 30);
        app.open("long", Some(n - 1)).unwrap();
        let View::Reader(r) = app.view() else {
            panic!("reader")
        };
        // Opened near the end: laid out whole at once.
        assert!(r.layout.is_complete());
        r.layout.lines.len()
    };

    let (mut app, _) = build_app(&globals).unwrap();
    app.resize(100, 30);
    app.open("long", None).unwrap();
    let View::Reader(r) = app.view() else {
        panic!("reader")
    };
    assert!(!r.layout.is_complete(), "opened from a prefix");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| yuedu::ui::draw(&app, f)).unwrap();
    let shown = format!("{}", terminal.backend());
    assert!(
        shown.contains("第0段") && shown.contains("第1段"),
        "{shown}"
    );
    assert!(shown.contains("  0%"), "{shown}");
    press(&mut app, "Space");
    let shown = screen(&mut app, 100, 30);
    assert!(
        !shown.contains("第0段") && shown.contains("第9段"),
        "{shown}"
    );
    // To the end: the whole layout, and the last paragraph on screen.
    press(&mut app, "G");
    let View::Reader(r) = app.view() else {
        panic!("reader")
    };
    assert!(r.layout.is_complete());
    assert_eq!(r.layout.lines.len(), whole_lines);
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains(&format!("第{}段", n - 1)), "{shown}");
    assert!(shown.contains("100%"), "{shown}");

    // A resize while the rest is being laid out.
    let (mut app, _) = build_app(&globals).unwrap();
    app.resize(100, 30);
    app.open("long", Some(3)).unwrap();
    app.resize(60, 20);
    let View::Reader(r) = app.view() else {
        panic!("reader")
    };
    assert_eq!(r.position().paragraph, 3);
    assert!(screen(&mut app, 60, 20).contains("第3段"));
}
