//! With NO_COLOR nothing is coloured, and the cursor of every list, the
//! current passage and the search hits still stand out by reverse, bold or
//! underline.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use yuedu::app::App;

mod common;
use common::tui::{app_in, press, press_type_press};

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";

fn drawn(app: &mut App) -> Buffer {
    app.resize(100, 30);
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| yuedu::ui::draw(app, f)).unwrap();
    t.backend().buffer().clone()
}

fn no_colour_anywhere(b: &Buffer) {
    for c in b.content() {
        assert!(
            matches!(c.fg, Color::Reset) && matches!(c.bg, Color::Reset),
            "coloured cell {c:?}"
        );
    }
}

/// The text of the cells with a modifier.
fn marked(b: &Buffer, m: Modifier) -> String {
    b.content()
        .iter()
        .filter(|c| c.modifier.contains(m))
        .map(|c| c.symbol())
        .collect()
}

fn plain_app(d: &std::path::Path) -> App {
    let mut app = app_in(d, None);
    app.theme = app.theme.without_colour();
    app
}

#[test]
fn list_cursors_are_reverse_or_underlined() {
    let d = tempfile::tempdir().unwrap();
    let mut app = plain_app(d.path());
    let b = drawn(&mut app);
    no_colour_anywhere(&b);
    // The focused pane's cursor is reverse; the other pane's underlined.
    assert!(marked(&b, Modifier::REVERSED).contains("黑龙江省"));
    press(&mut app, "Tab");
    let b = drawn(&mut app);
    assert!(marked(&b, Modifier::REVERSED).contains("深圳"));
    assert!(marked(&b, Modifier::UNDERLINED).contains("黑龙江省"));
}

#[test]
fn the_passage_is_bold_and_hits_reverse() {
    let d = tempfile::tempdir().unwrap();
    let mut app = plain_app(d.path());
    app.open(ARTICLE, Some(2)).unwrap();
    let b = drawn(&mut app);
    no_colour_anywhere(&b);
    let para = app.library.get(ARTICLE).unwrap().paragraphs[2]
        .text
        .to_string();
    let bold: String = marked(&b, Modifier::BOLD).replace(' ', "");
    let start: String = para.chars().take(8).collect();
    assert!(bold.contains(&start), "{bold}");
    press_type_press(&mut app, "/", "寻乌", "Enter");
    let b = drawn(&mut app);
    assert!(marked(&b, Modifier::REVERSED).contains("寻乌"));
}
