//! Keys as the keymap says, in every view and prompt: key scripts through
//! `App` (no terminal), what they change, and what they ask the event loop
//! to do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use yuedu::app::{App, Effect, Overlay, View};

mod common;
use common::tui::{app_in, press, screen, type_text};

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";

fn prompt_text(app: &App) -> String {
    match app.overlays.last() {
        Some(Overlay::SearchPrompt { input, .. } | Overlay::NotePrompt { input, .. }) => {
            input.text().to_string()
        }
        Some(Overlay::FilterPrompt) => app.lib.filter.text().to_string(),
        other => panic!("no prompt: {other:?}"),
    }
}

#[test]
fn prompts_take_shell_editing_keys() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, None).unwrap();
    press(&mut app, "/");
    type_text(&mut app, "深圳 对口 帮扶");
    press(&mut app, "Ctrl-w");
    assert_eq!(prompt_text(&app), "深圳 对口 ");
    press(&mut app, "Home");
    type_text(&mut app, "在");
    press(&mut app, "End Left Ctrl-u");
    assert_eq!(prompt_text(&app), " ");
    press(&mut app, "Esc");
    assert!(app.overlays.is_empty());
    assert!(matches!(app.view(), View::Reader(_)));
}

#[test]
fn prompt_keys_come_from_the_keymap() {
    let d = tempfile::tempdir().unwrap();
    let config = "[keys.prompt]\ndelete_word = \"Ctrl-h\"\n";
    let mut app = app_in(d.path(), Some(config));
    press(&mut app, "f");
    type_text(&mut app, "xun wu");
    press(&mut app, "Ctrl-h");
    assert_eq!(prompt_text(&app), "xun ");
    // Ctrl-w is no longer bound in the prompt: it does nothing there.
    press(&mut app, "Ctrl-w");
    assert_eq!(prompt_text(&app), "xun ");
}

#[test]
fn saving_a_note_is_an_effect_carried_out_by_the_loop() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, Some(3)).unwrap();
    press(&mut app, "m");
    type_text(&mut app, "记下");
    // Straight through `handle_key`: nothing is written by the update.
    let effects = app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(matches!(&effects[..], [Effect::SaveNote { note, .. }] if note == "记下"));
    assert!(!d.path().join("bookmarks.json").exists());
    yuedu::app::carry_out(&mut app, &effects[0]);
    assert!(d.path().join("bookmarks.json").exists());
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .starts_with("bookmarked")
    );
}

#[test]
fn ctrl_c_quits_from_a_prompt_and_keeps_the_note() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, Some(3)).unwrap();
    press(&mut app, "m");
    type_text(&mut app, "没写完");
    let effects = press(&mut app, "Ctrl-c");
    assert!(effects.contains(&Effect::Quit), "{effects:?}");
    assert_eq!(app.drafts.list()[0].note, "没写完");
}

#[test]
fn esc_never_quits() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    assert!(press(&mut app, "Esc Esc Esc").is_empty());
    assert!(matches!(app.view(), View::Library));
    app.open(ARTICLE, None).unwrap();
    assert!(press(&mut app, "Esc").is_empty());
    assert!(matches!(app.view(), View::Reader(_)));
    press(&mut app, "B Esc");
    assert!(matches!(app.view(), View::Bookmarks(_)));
    press(&mut app, "? Esc");
    assert!(app.overlays.is_empty());
    assert_eq!(
        press(&mut app, "q q q"),
        vec![Effect::SaveReadingState, Effect::Quit]
    );
}

#[test]
fn the_help_pages_with_the_list_keys() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.resize(60, 10);
    press(&mut app, "? Space");
    let Some(Overlay::Help { scroll }) = app.overlays.last() else {
        panic!("no help")
    };
    assert_eq!(*scroll, 8);
    press(&mut app, "g");
    let s = screen(&mut app, 60, 10);
    assert!(s.contains("Library"), "{s}");
    press(&mut app, "q");
    assert!(app.overlays.is_empty());
}

#[test]
fn t_lists_the_headings_and_enter_jumps() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    let mut md = String::from("---\ntitle: 有小标题的文章\n---\n\n");
    for part in ["产业协作", "劳务协作", "消费帮扶"] {
        md.push_str(&format!("## {part}\n\n"));
        for i in 0..12 {
            md.push_str(&format!("{part}的第{i}段：深圳对口帮扶。\n\n"));
        }
    }
    std::fs::write(dir.join("h.md"), md).unwrap();
    let mut app = common::tui::app_on(d.path(), None, Some(&dir));
    let id = app.library.articles[0].id.clone();
    app.open(&id, None).unwrap();
    press(&mut app, "t");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("劳务协作") && s.contains(" 1/3 "), "{s}");
    insta::assert_snapshot!("contents_100x30", s);
    insta::assert_snapshot!("contents_40x12", screen(&mut app, 40, 12));
    app.resize(100, 30);
    press(&mut app, "j j Enter");
    assert!(app.overlays.is_empty());
    let View::Reader(r) = app.view() else {
        panic!()
    };
    let a = &app.library.articles[0];
    assert_eq!(a.paragraphs[r.passage.first].text.as_str(), "消费帮扶");
    // Back in: the cursor is on the part being read; Esc closes.
    press(&mut app, "t");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(" 3/3 "), "{s}");
    press(&mut app, "Esc");
    assert!(app.overlays.is_empty() && matches!(app.view(), View::Reader(_)));
}

#[test]
fn q_and_esc_in_a_selection_cancel_it_and_stay() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, None).unwrap();
    for cancel in ["q", "Esc"] {
        press(&mut app, "v }");
        let View::Reader(r) = app.view() else {
            panic!()
        };
        assert!(r.selection.is_some());
        assert!(press(&mut app, cancel).is_empty());
        let View::Reader(r) = app.view() else {
            panic!("{cancel} left the reader")
        };
        assert!(r.selection.is_none(), "{cancel}");
    }
}

#[test]
fn every_config_problem_is_listed_in_the_help_with_its_line() {
    let d = tempfile::tempdir().unwrap();
    let config = "text_width = 5\n[keys.reader]\nnext_paragraph = \"x\"\nprevious_paragraph = \"x\"\nno_such = \"z\"\n[colours]\naccent = \"nocolour\"\n";
    let mut app = app_in(d.path(), Some(config));
    // Four: the two entries on one key are one problem. In file order.
    let lines: Vec<&str> = (app.config_problems.iter())
        .map(|p| p.split(" line ").nth(1).unwrap().split(':').next().unwrap())
        .collect();
    assert_eq!(lines, ["1", "4", "5", "7"], "{:?}", app.config_problems);
    press(&mut app, "?");
    let s = screen(&mut app, 100, 30);
    for line in ["line 1", "line 4", "line 5", "line 7"] {
        assert!(s.contains(line), "{line}: {s}");
    }
    let small = screen(&mut app, 40, 12);
    // The data dir is a new temporary folder each run.
    insta::with_settings!({ filters => vec![(r"/tmp/\.tmp[A-Za-z0-9]+", "/TMP")] }, {
        insta::assert_snapshot!("config_problems_100x30", s);
        insta::assert_snapshot!("config_problems_40x12", small);
    });
}

#[test]
fn a_config_that_does_not_exist_is_an_error() {
    use assert_cmd::Command;
    let d = tempfile::tempdir().unwrap();
    Command::cargo_bin("yuedu")
        .unwrap()
        .arg("--config")
        .arg(d.path().join("missing.toml"))
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.toml: no such file"));
    // A bad entry of a config is said on stderr by a command that reads it.
    let config = d.path().join("c.toml");
    std::fs::write(&config, "hanging_punctuation = 3\n").unwrap();
    Command::cargo_bin("yuedu")
        .unwrap()
        .arg("--config")
        .arg(&config)
        .args(["show", "001_7a0a5d70e8cb94b2", "--width", "40"])
        .assert()
        .success()
        .stderr(predicates::str::contains("line 1"));
}

/// Every view and overlay at every tiny size, a paste of 100 KB into each
/// prompt and a storm of keys with counts: the reader stays up, keeps what
/// was typed, and `q` still answers.
#[test]
fn tiny_sizes_big_pastes_and_key_storms() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    let scripts = [
        "",
        "?",
        "f",
        "/",
        "Tab Enter",
        "Tab Enter ?",
        "Tab Enter t",
        "Tab Enter /",
        "Tab Enter m",
        "Tab Enter v } }",
        "B",
        "B /",
    ];
    let big = "深圳对口帮扶".repeat(100 * 1024 / 18);
    for script in scripts {
        let mut app = app_in(d.path(), None);
        press(&mut app, script);
        for (w, h) in [(1, 1), (2, 1), (1, 3), (5, 2), (12, 4), (0, 0)] {
            screen(&mut app, w, h);
        }
        app.handle_paste(&big);
        screen(&mut app, 3, 3);
        screen(&mut app, 100, 30);
        press(&mut app, "Esc Esc Esc");
        // From anywhere, q enough times quits.
        let quit = (0..6).any(|_| press(&mut app, "q").contains(&Effect::Quit));
        assert!(quit, "{script}");
    }
    // A storm of keys, counts included: nothing panics or hangs.
    press(&mut app, "Tab Enter");
    let storm = "9 9 9 9 9 9 9 9 9 j 9 9 9 9 9 9 9 9 9 9 } 9 9 9 9 9 % ) ( { ] [ 5 0 % Ctrl-d Ctrl-u G g + - + t j Enter v y Esc";
    for _ in 0..20 {
        press(&mut app, storm);
        screen(&mut app, 7, 3);
    }
    assert!(matches!(app.view(), View::Reader(_)));
}

#[test]
fn the_help_lists_the_prompt_keys_and_a_count_shows_as_it_is_typed() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, None).unwrap();
    press(&mut app, "? G");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("Ctrl-w") && s.contains("delete a word"), "{s}");
    press(&mut app, "q 1 2");
    let s = screen(&mut app, 100, 30);
    assert!(s.lines().last().unwrap().contains(" 12 "), "{s}");
    press(&mut app, "j");
    let s = screen(&mut app, 100, 30);
    assert!(!s.lines().last().unwrap().contains(" 12 "), "{s}");
}
