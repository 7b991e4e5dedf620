//! Nothing typed is thrown away: a note typed when the reader quits comes
//! back on the next `m` there, a paste goes into a prompt whole, the prompt
//! keeps the cursor and what was typed before it in view, and Ctrl-C and
//! Ctrl-Z are not eaten by a prompt. Key scripts through `App`, the files
//! they leave, the prompt drawn on TestBackend.

use std::path::Path;

use yuedu::app::{App, Effect, Overlay};

mod common;
use common::tui::{app_in, press, press_type_press, screen, type_text};

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";

fn reader_at(data: &Path, paragraph: usize) -> App {
    let mut app = app_in(data, None);
    app.open(ARTICLE, Some(paragraph)).unwrap();
    app
}

fn snap_both(app: &mut App, name: &str) {
    insta::assert_snapshot!(format!("{name}_100x30"), screen(app, 100, 30));
    insta::assert_snapshot!(format!("{name}_40x12"), screen(app, 40, 12));
    app.resize(100, 30);
}

fn typed(app: &App) -> Option<String> {
    app.overlays.iter().find_map(|o| match o {
        Overlay::NotePrompt { input, .. } => Some(input.text().to_string()),
        _ => None,
    })
}

fn bookmarks(data: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(data.join("bookmarks.json")).unwrap()).unwrap()
}

#[test]
fn ctrl_c_keeps_the_note_and_the_next_m_there_offers_it() {
    let d = tempfile::tempdir().unwrap();
    let mut app = reader_at(d.path(), 6);
    // A sentence of paragraph 7 (as the reader counts), then the note.
    press(&mut app, ") m");
    type_text(&mut app, "还没写完");
    let effects = press(&mut app, "Ctrl-c");
    assert!(effects.contains(&Effect::Quit), "{effects:?}");
    assert!(app.drafts.changed());
    app.drafts.save().unwrap();
    assert!(!d.path().join("bookmarks.json").exists());

    // The next start reopens the paragraph whole; `m` there brings the
    // note back, for the sentence it was written for.
    let mut app = reader_at(d.path(), 6);
    press(&mut app, "m");
    assert_eq!(typed(&app).as_deref(), Some("还没写完"));
    snap_both(&mut app, "draft_offered");
    type_text(&mut app, "，写完了");
    press(&mut app, "Enter");
    let saved = bookmarks(d.path());
    let b = &saved["bookmarks"][0];
    assert_eq!(b["note"], "还没写完，写完了");
    let para = app.library.get(ARTICLE).unwrap().paragraphs[6].text.clone();
    let quote = b["quote"].as_str().unwrap();
    assert!(
        para.starts_with(quote) && quote.len() < para.len(),
        "{quote}"
    );
    // Saved on purpose: the draft is gone, and so is its file.
    assert!(app.drafts.list().is_empty());
    app.drafts.save().unwrap();
    assert!(!d.path().join("drafts.json").exists());
}

#[test]
fn esc_on_an_offered_draft_discards_it_and_another_passage_has_none() {
    let d = tempfile::tempdir().unwrap();
    let mut app = reader_at(d.path(), 2);
    press(&mut app, "m");
    type_text(&mut app, "草稿");
    press(&mut app, "Ctrl-c");
    app.drafts.save().unwrap();

    let mut app = reader_at(d.path(), 3);
    press(&mut app, "m");
    assert_eq!(typed(&app).as_deref(), Some(""));
    press(&mut app, "Esc");
    // Cancelling elsewhere leaves the draft alone.
    assert_eq!(app.drafts.list().len(), 1);
    press(&mut app, "{ m");
    assert_eq!(typed(&app).as_deref(), Some("草稿"));
    press(&mut app, "Esc");
    assert!(app.drafts.list().is_empty());
    press(&mut app, "m");
    assert_eq!(typed(&app).as_deref(), Some(""));
}

#[test]
fn a_draft_of_an_edited_note_comes_back_on_e() {
    let d = tempfile::tempdir().unwrap();
    let mut app = reader_at(d.path(), 2);
    press_type_press(&mut app, "m", "旧的", "Enter");
    press(&mut app, "B e");
    type_text(&mut app, "加上新的");
    press(&mut app, "Ctrl-c");
    app.drafts.save().unwrap();
    let mut app = app_in(d.path(), None);
    press(&mut app, "B e");
    assert_eq!(typed(&app).as_deref(), Some("旧的加上新的"));
    press(&mut app, "Enter");
    assert_eq!(bookmarks(d.path())["bookmarks"][0]["note"], "旧的加上新的");
    assert!(app.drafts.list().is_empty());
}

#[test]
fn the_end_of_a_long_note_and_the_cursor_stay_in_view() {
    let d = tempfile::tempdir().unwrap();
    let mut app = reader_at(d.path(), 2);
    press(&mut app, "m");
    type_text(&mut app, &"深圳对口帮扶广西百色的产业协作".repeat(6));
    type_text(&mut app, "最后一字：尾");
    snap_both(&mut app, "long_note");
    let big = screen(&mut app, 100, 30);
    assert!(big.contains("最后一字：尾"), "{big}");
    let small = screen(&mut app, 40, 12);
    assert!(small.contains("尾"), "{small}");
}

#[test]
fn a_paste_of_100_kb_goes_into_the_note_at_once() {
    let d = tempfile::tempdir().unwrap();
    let mut app = reader_at(d.path(), 2);
    press(&mut app, "m");
    let paste = "贴进来的一行字\r\n".repeat(10_000) + "\u{1b}]52;c;aGk=\u{7}完";
    assert!(paste.len() > 100_000);
    app.handle_paste(&paste);
    let note = typed(&app).unwrap();
    assert_eq!(note.chars().count(), 10_000 * 8 + 11);
    assert!(!note.chars().any(char::is_control));
    assert!(note.ends_with("]52;c;aGk=完"));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("aGk=完"), "{s}");
    press(&mut app, "Enter");
    let saved = bookmarks(d.path());
    assert_eq!(saved["bookmarks"][0]["note"].as_str(), Some(note.as_str()));
}

#[test]
fn a_paste_goes_into_the_library_filter_and_nowhere_without_a_prompt() {
    let d = tempfile::tempdir().unwrap();
    let mut app = app_in(d.path(), None);
    let before = screen(&mut app, 100, 30);
    // No prompt: the paste is not taken as keys (`q` in it would quit).
    assert!(app.handle_paste("qqq").is_empty());
    assert_eq!(screen(&mut app, 100, 30), before);
    press(&mut app, "f");
    app.handle_paste("寻乌\n");
    assert_eq!(app.lib.filter.text(), "寻乌 ");
    assert!(app.lib.shown.len() < app.library.articles.len());
}

#[test]
fn ctrl_z_suspends_from_the_reader_and_from_a_prompt() {
    let d = tempfile::tempdir().unwrap();
    let mut app = reader_at(d.path(), 2);
    assert_eq!(press(&mut app, "Ctrl-z"), vec![Effect::Suspend]);
    assert_eq!(press(&mut app, "? Ctrl-z"), vec![Effect::Suspend]);
    // The help overlay eats neither.
    assert!(matches!(app.overlays.last(), Some(Overlay::Help { .. })));
    assert_eq!(press(&mut app, "Ctrl-c").last(), Some(&Effect::Quit));
    press(&mut app, "Esc m");
    type_text(&mut app, "先停一下");
    assert_eq!(press(&mut app, "Ctrl-z"), vec![Effect::Suspend]);
    // Back from the shell, the note is still being typed.
    assert_eq!(typed(&app).as_deref(), Some("先停一下"));
}
