//! The current passage follows the eye: it is always on screen and marked,
//! paging and scrolling carry it, and `m`, `}`, `/` and `y` start from it.

use yuedu::app::{App, Effect, View};

mod common;
use common::tui::{app_in, press, press_type_press, screen};

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";

fn reader(app: &App) -> &yuedu::app::reader::ReaderState {
    match app.view() {
        View::Reader(r) => r,
        _ => panic!("not reading"),
    }
}

/// The screen lines the passage takes, and the lines on screen.
fn passage_on_screen(app: &App) -> bool {
    let r = reader(app);
    let h = r.geometry(app.size).body_height;
    let first = r.layout.line_of(r.passage.first, r.passage.start).unwrap();
    let last = r.layout.line_of(r.passage.last, r.passage.end - 1).unwrap();
    last >= r.top && first < r.top + h
}

fn paragraph_text(app: &App, p: usize) -> String {
    app.library.get(ARTICLE).unwrap().paragraphs[p]
        .text
        .to_string()
}

#[test]
fn paging_carries_the_passage_and_m_marks_what_is_seen() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, None).unwrap();
    press(&mut app, "Space Space");
    assert!(passage_on_screen(&app));
    let p = reader(&app).passage.first;
    assert!(p > 3, "the passage moved on with the pages: {p}");
    // The status line shows the passage's paragraph, counted from 1.
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(&format!("¶ {}/", p + 1)), "{s}");
    press(&mut app, "m Enter");
    let b = &app.bookmarks.as_ref().unwrap().list()[0];
    assert_eq!(b.quote, paragraph_text(&app, p));
    // `}` goes on from what is on screen, not from where the reader began.
    press(&mut app, "}");
    assert_eq!(reader(&app).passage.first, p + 1);
}

#[test]
fn every_way_of_moving_keeps_the_passage_on_screen() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, None).unwrap();
    for keys in [
        "Ctrl-d", "Ctrl-f", "PageDown", "5 j", "j", "G", "k", "Ctrl-u", "b", "g", "2 0 j",
        "Ctrl-b", "PageUp",
    ] {
        press(&mut app, keys);
        assert!(passage_on_screen(&app), "after {keys}");
    }
    press(&mut app, "G");
    let last = app.library.get(ARTICLE).unwrap().paragraphs.len() - 1;
    assert_eq!(reader(&app).passage.first, last);
    press(&mut app, "g");
    assert_eq!(reader(&app).passage.first, 0);
    // The mouse wheel carries it too.
    use ratatui::crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    for _ in 0..30 {
        app.handle_mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 0,
            row: 0,
            modifiers: KeyModifiers::NONE,
        });
    }
    assert!(reader(&app).passage.first > 0);
    assert!(passage_on_screen(&app));
}

#[test]
fn counts_and_places_in_the_reader() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, None).unwrap();
    press(&mut app, "3 }");
    assert_eq!(reader(&app).passage.first, 3);
    press(&mut app, "2 0 G");
    assert_eq!(reader(&app).passage.first, 19);
    let s = screen(&mut app, 100, 30);
    let n = app.library.get(ARTICLE).unwrap().paragraphs.len();
    assert!(s.contains(&format!("¶ 20/{n}")), "{s}");
    press(&mut app, "5 0 %");
    let half = n.div_ceil(2) - 1;
    assert_eq!(reader(&app).passage.first, half);
    press(&mut app, "2 {");
    assert_eq!(reader(&app).passage.first, half - 2);
    assert!(passage_on_screen(&app));
    insta::assert_snapshot!("passage_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("passage_40x12", screen(&mut app, 40, 12));
}

#[test]
fn search_starts_from_the_passage_on_screen() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, None).unwrap();
    press(&mut app, "Space Space");
    let from = reader(&app).passage.first;
    press_type_press(&mut app, "/", "深圳", "Enter");
    let r = reader(&app);
    let s = r.search.as_ref().unwrap();
    assert!(
        s.hits[s.current].0 >= from,
        "{:?} from {from}",
        s.hits[s.current]
    );
    // An empty search repeats the last one; ↑ recalls it in the prompt.
    press(&mut app, "Esc / Enter");
    assert!(reader(&app).search.is_some());
    press(&mut app, "/ Up");
    let Some(yuedu::app::Overlay::SearchPrompt { input, .. }) = app.overlays.last() else {
        panic!()
    };
    assert_eq!(input.text(), "深圳");
}

#[test]
fn y_copies_the_passage_with_title_and_source() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    app.open(ARTICLE, Some(4)).unwrap();
    let effects = press(&mut app, "y");
    let [Effect::Copy(text)] = &effects[..] else {
        panic!("{effects:?}")
    };
    let a = app.library.get(ARTICLE).unwrap().clone();
    assert!(text.starts_with(a.paragraphs[4].text.trim()), "{text}");
    assert!(text.contains(&a.title), "{text}");
    if let Some(source) = &a.source {
        assert!(text.contains(source.as_str()), "{text}");
    }
    // A selection of two paragraphs: both, a blank line between.
    let effects = press(&mut app, "v } y");
    let [Effect::Copy(text)] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert!(
        text.contains(&format!("\n\n{}", a.paragraphs[5].text.trim())),
        "{text}"
    );
}

#[test]
fn brackets_open_the_next_and_previous_article_of_the_list() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    press(&mut app, "Tab Enter");
    let first = reader(&app).article;
    press(&mut app, "]");
    let second = reader(&app).article;
    assert_eq!(second, app.lib.shown[1]);
    press(&mut app, "[");
    assert_eq!(reader(&app).article, first);
    press(&mut app, "[");
    assert_eq!(reader(&app).article, first);
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("first article")
    );
    // One reader on the stack: `q` goes back to the library.
    press(&mut app, "q");
    assert!(matches!(app.view(), View::Library));
}

#[test]
fn a_hit_opens_at_the_paragraph_it_names() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    press_type_press(&mut app, "/", "援疆干部", "Enter");
    let s = screen(&mut app, 100, 30);
    let row = s.lines().find(|l| l.contains("▶ ¶")).unwrap().to_string();
    let n: String = row
        .split("▶ ¶")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    press(&mut app, "Enter");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains(&format!("¶ {n}/")), "¶{n}: {s}");
}

#[test]
fn open_takes_paragraphs_counted_from_one_in_its_own_words() {
    use assert_cmd::Command;
    let d = tempfile::tempdir().unwrap();
    for (bad, says) in [
        ("x", "counted from 1"),
        ("0", "no paragraph 0"),
        ("-3", "counted from 1"),
    ] {
        Command::cargo_bin("yuedu")
            .unwrap()
            .args(["--data-dir"])
            .arg(d.path())
            .args(["open", ARTICLE, "--paragraph", bad])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says))
            .stderr(predicates::str::contains("yuedu: "));
    }
    let out = Command::cargo_bin("yuedu")
        .unwrap()
        .args(["open", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("counted from 1"));
}
