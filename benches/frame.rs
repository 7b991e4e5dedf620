//! Drawing one reader frame: a 5 KB and a 5 MB article must cost about the
//! same, since a frame touches only the visible lines of a cached layout.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use yuedu::app::App;
use yuedu::app::keymap::Keymap;
use yuedu::app::saved::SavedState;
use yuedu::store::{Library, LoadOptions};
use yuedu::taxonomy::Taxonomy;
use yuedu::ui::theme::Theme;

fn article_of_size(bytes: usize) -> String {
    let sentence =
        "深圳与广东省内乃至全国各地的合作交流不断深化，共同谱写着中国式现代化的崭新篇章。";
    let mut text = String::from("一篇测试文章的标题\n");
    while text.len() < bytes {
        for _ in 0..4 {
            text.push_str(sentence);
        }
        text.push('\n');
    }
    text
}

/// A library of synthetic articles: (id, size in bytes).
fn library_of(articles: &[(&str, usize)]) -> Library {
    let dir = tempfile::tempdir().expect("temp dir");
    for (id, bytes) in articles {
        std::fs::write(
            dir.path().join(format!("{id}.txt")),
            article_of_size(*bytes),
        )
        .expect("write");
    }
    Library::load(
        &LoadOptions {
            dirs: vec![dir.path().to_path_buf()],
            bundled: false,
            ..Default::default()
        },
        yuedu::taxonomy::Taxonomy::bundled(),
    )
    .expect("load")
}

/// An App on `library` at 100×30, with the default keys and no saved state.
fn app_on(library: Library) -> App {
    let mut app = App::new(
        library,
        Taxonomy::bundled(),
        Keymap::defaults(),
        Theme::default(),
        SavedState::in_memory(),
    );
    app.resize(100, 30);
    app
}

fn bench(c: &mut Criterion) {
    let library = library_of(&[("small", 5_000), ("large", 5_000_000)]);
    let ids: Vec<(String, usize)> = library
        .articles
        .iter()
        .map(|a| (a.id.clone(), a.chars()))
        .collect();
    for (id, chars) in ids {
        let name = if chars > 100_000 {
            "frame_5MB"
        } else {
            "frame_5KB"
        };
        let mut app = app_on(library.clone());
        app.open(&id, None).expect("open");
        // Somewhere in the middle, where a naive reader would be slowest.
        for _ in 0..50 {
            app.update(yuedu::app::Action::PageDown);
        }
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        c.bench_function(name, |b| {
            b.iter(|| {
                terminal.draw(|f| yuedu::ui::draw(&app, f)).expect("draw");
            })
        });
    }
}

/// A key press on the bundled library, through the keymap and update, then
/// the redrawn frame: what a reader waits for after each key.
fn keypress(c: &mut Criterion) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let library = Library::load(
        &LoadOptions {
            dirs: Vec::new(),
            bundled: true,
            ..Default::default()
        },
        yuedu::taxonomy::Taxonomy::bundled(),
    )
    .expect("load");
    let mut app = app_on(library);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    c.bench_function("keypress_library_j_k", |b| {
        b.iter(|| {
            app.handle_key(key('j'));
            app.handle_key(key('k'));
            terminal.draw(|f| yuedu::ui::draw(&app, f)).expect("draw");
        })
    });
    let id = app.library.articles[0].id.clone();
    app.open(&id, None).expect("open");
    c.bench_function("keypress_reader_next_paragraph", |b| {
        b.iter(|| {
            app.handle_key(key('}'));
            app.handle_key(key('g'));
            terminal.draw(|f| yuedu::ui::draw(&app, f)).expect("draw");
        })
    });
}

/// Opening the 5 MB article (its layout is made on open) and paging through
/// it: each is one key press and one frame.
fn open_and_page(c: &mut Criterion) {
    let library = library_of(&[("large", 5_000_000)]);
    let app = || app_on(library.clone());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    c.bench_function("open_5MB", |b| {
        b.iter_custom(|iterations| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iterations {
                let mut app = app();
                let started = std::time::Instant::now();
                app.open("large", None).expect("open");
                terminal.draw(|f| yuedu::ui::draw(&app, f)).expect("draw");
                total += started.elapsed();
                // The next key waits for the whole layout: not timed here,
                // and not left running into the next iteration.
                app.resize(100, 30);
            }
            total
        })
    });
    // The worst case: paging on at once, before the rest of the layout is
    // done, until it is needed.
    c.bench_function("open_5MB_then_page_down_at_once", |b| {
        b.iter_custom(|iterations| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iterations {
                let mut app = app();
                app.open("large", None).expect("open");
                terminal.draw(|f| yuedu::ui::draw(&app, f)).expect("draw");
                let started = std::time::Instant::now();
                app.update(yuedu::app::Action::PageDown);
                terminal.draw(|f| yuedu::ui::draw(&app, f)).expect("draw");
                total += started.elapsed();
                app.resize(100, 30);
            }
            total
        })
    });
    let mut app = app();
    app.open("large", None).expect("open");
    c.bench_function("page_down_5MB", |b| {
        b.iter(|| {
            app.update(yuedu::app::Action::PageDown);
            terminal.draw(|f| yuedu::ui::draw(&app, f)).expect("draw");
        })
    });
}

criterion_group!(benches, bench, keypress, open_and_page);
criterion_main!(benches);
