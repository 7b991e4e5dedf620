//! The monkey test: thousands of random keys and resizes, 1×1 and 0×0
//! among them, driven through `App` and drawn on TestBackend, on the
//! bundled library with the archive fixtures (dates, sources, stories held
//! twice). Nothing may panic, and the App's invariants hold after every
//! step.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use yuedu::app::{App, View, build_app};
use yuedu::cli::Globals;

#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, bool),
    Resize(u16, u16),
    Wheel(bool),
}

fn step() -> impl Strategy<Value = Step> {
    let keys: Vec<char> = "jkgGhlbnNvmdeuxBfrp/?q(){}+-= 寻乌深圳xwsocCll\u{1b}"
        .chars()
        .collect();
    prop_oneof![
        10 => prop::sample::select(keys).prop_map(|c| Step::Key(KeyCode::Char(c), false)),
        4 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace,
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::PageUp,
            KeyCode::PageDown, KeyCode::Home, KeyCode::End,
        ]).prop_map(|k| Step::Key(k, false)),
        1 => (0u16..130, 0u16..45).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => prop::sample::select(vec![(0u16, 0u16), (1, 1), (2, 1), (1, 3), (40, 12)]).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => any::<bool>().prop_map(Step::Wheel),
    ]
}

fn check_invariants(app: &App) {
    assert!(!app.views.is_empty() && matches!(app.views[0], View::Library));
    assert!(app.lib.cursor.index < app.lib.rows.len().max(1));
    assert!(app.lib.rows.len() <= app.lib.shown.len());
    for tree in yuedu::app::facets::FacetTree::ALL {
        let rows = app.lib.tree_rows(tree, app.taxonomy).len();
        assert!(app.lib.tree(tree).cursor.index < rows.max(1));
    }
    for v in &app.views {
        match v {
            View::Reader(r) => {
                let a = &app.library.articles[r.article];
                assert!(r.top < r.layout.lines.len().max(1));
                assert!(r.passage.first < a.paragraphs.len().max(1));
                if let Some(p) = a.paragraphs.get(r.passage.first) {
                    assert!(r.passage.end <= p.text.len());
                    assert!(p.text.is_char_boundary(r.passage.start));
                    assert!(p.text.is_char_boundary(r.passage.end));
                }
                if let Some(s) = &r.search {
                    assert!(s.current < s.hits.len());
                }
            }
            View::Hits(h) => assert!(h.cursor.index < h.len()),
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_and_sizes_never_panic(steps in prop::collection::vec(step(), 1..150)) {
        let data = tempfile::tempdir().unwrap();
        let globals = Globals {
            data_dir: Some(data.path().to_path_buf()),
            config: Some(data.path().join("config.toml")),
            articles: vec!["tests/fixtures/archive".into()],
            ..Default::default()
        };
        let (mut app, _) = build_app(&globals).unwrap();
        app.resize(80, 24);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for s in steps {
            // The run loop would stop at Quit; the state must stay sound all
            // the same, so the monkey goes on whatever the effects.
            let _effects = match s {
                Step::Key(code, ctrl) => {
                    let m = if ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
                    app.handle_key(KeyEvent::new(code, m))
                }
                Step::Resize(w, h) => {
                    app.resize(w, h);
                    terminal.backend_mut().resize(w, h);
                    terminal.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
                    Vec::new()
                }
                Step::Wheel(down) => app.handle_mouse(MouseEvent {
                    kind: if down { MouseEventKind::ScrollDown } else { MouseEventKind::ScrollUp },
                    column: 0,
                    row: 0,
                    modifiers: KeyModifiers::NONE,
                }),
            };
            terminal.draw(|f| yuedu::ui::draw(&app, f)).unwrap();
            check_invariants(&app);
        }
    }
}
