//! Driving the TUI without a terminal: an App on a data dir, key scripts,
//! and the screen drawn on TestBackend.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use yuedu::app::keymap::Key;
use yuedu::app::{App, Effect, build_app};
use yuedu::cli::Globals;

/// The App `yuedu --data-dir DATA` builds, with `config` (if any) as its
/// config file, at 100×30.
pub fn app_in(data: &Path, config: Option<&str>) -> App {
    app_on(data, config, None)
}

/// [`app_in`] on a folder of articles instead of the bundled ones.
pub fn app_on(data: &Path, config: Option<&str>, articles: Option<&Path>) -> App {
    let config_path = data.join("config.toml");
    if let Some(c) = config {
        std::fs::write(&config_path, c).unwrap();
    }
    let globals = Globals {
        data_dir: Some(data.to_path_buf()),
        config: Some(config_path),
        articles: articles.map(|a| vec![a.to_path_buf()]).unwrap_or_default(),
        no_bundled: articles.is_some(),
        ..Default::default()
    };
    let (mut app, _) = build_app(&globals).unwrap();
    app.resize(100, 30);
    app
}

/// Presses keys written as in the keymap, separated by spaces; what the
/// keys ask of files (saving a note, deleting) is carried out as the event
/// loop would. Returns every effect asked for.
pub fn press(app: &mut App, script: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in script.split(' ').filter(|k| !k.is_empty()) {
        let key = Key::parse(k).unwrap_or_else(|| panic!("key {k}"));
        let mods = if key.ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        let asked = app.handle_key(KeyEvent::new(key.code, mods));
        for e in &asked {
            yuedu::app::carry_out(app, e);
        }
        effects.extend(asked);
    }
    effects
}

/// Types text into a prompt, one character at a time, as an IME commits it.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        for e in app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)) {
            yuedu::app::carry_out(app, &e);
        }
    }
}

/// Presses `before`, types `text` into the prompt that opens, and presses
/// `after`: a note or a search, start to end.
pub fn press_type_press(app: &mut App, before: &str, text: &str, after: &str) {
    press(app, before);
    type_text(app, text);
    press(app, after);
}

/// The screen at a size, as text.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.resize(w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| yuedu::ui::draw(app, f)).unwrap();
    if w == 0 || h == 0 {
        // TestBackend cannot print an empty buffer; drawing it is the test.
        return String::new();
    }
    format!("{}", terminal.backend())
}
