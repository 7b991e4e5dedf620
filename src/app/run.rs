//! Starting and running the TUI: everything that can fail without a
//! terminal is checked first (library, article id, config), then the
//! terminal is set up, and restored on quit, on error and on panic.

use std::io::IsTerminal;

use anyhow::anyhow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyModifiers,
};
use ratatui::crossterm::execute;

use super::keymap::Keymap;
use super::saved::SavedState;
use super::{App, Effect};
use crate::cli::{CliError, Globals, Need, load_library, load_quietly};
use crate::config::Config;
use crate::store::Library;
use crate::taxonomy::Taxonomy;
use crate::ui::theme::Theme;

/// Builds the App the global options describe; config problems are returned
/// (one line each) for the caller to show.
pub fn build_app(globals: &Globals) -> Result<(App, Vec<String>), CliError> {
    build_app_with(globals, load_library(globals)?)
}

/// [`build_app`] on a library already loaded.
pub fn build_app_with(globals: &Globals, library: Library) -> Result<(App, Vec<String>), CliError> {
    let config_path = globals.config_file();
    let (config, mut problems) = Config::load(config_path.as_deref());
    let name = config_path
        .as_ref()
        .map_or("config.toml".to_string(), |p| p.display().to_string());
    let (keymap, key_problems) = Keymap::with_overrides(&config.keys, &name);
    problems.extend(key_problems);
    let (theme, colour_problems) = Theme::from_config(&config.colours, &name);
    problems.extend(colour_problems);
    let data_dir = globals.data_dir()?;
    let (saved, saved_problem) = SavedState::load(&data_dir);
    let mut app = App::new(library, Taxonomy::bundled(), keymap, theme, saved);
    // Bookmarks: a problem with them is reported, and reading goes on.
    let mut bookmark_problem = None;
    match crate::bookmarks::BookmarkStore::open(&data_dir) {
        Ok((mut store, warnings)) => {
            problems.extend(warnings);
            if let Err(e) = store.reanchor(&app.library) {
                bookmark_problem = Some(format!("bookmarks: {e}"));
            }
            app.bookmarks = Some(store);
        }
        Err(e) => bookmark_problem = Some(format!("bookmarks are not available: {e}")),
    }
    app.data_dir = Some(data_dir);
    if let Some(w) = config.text_width
        && app.saved.state.text_width.is_none()
    {
        app.text_width = w;
    }
    app.status = saved_problem.or(bookmark_problem);
    Ok((app, problems))
}

/// Starts the TUI on the library, or on an article at a paragraph.
pub fn run(globals: &Globals, open: Option<(&str, Option<usize>)>) -> Result<(), CliError> {
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let on_terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let Some((library, started)) = load_for_tui(globals, on_terminal && !dumb)? else {
        // Quit while loading.
        return Ok(());
    };
    let skipped = skipped_line(&library);
    if started.is_none() {
        for problem in &library.problems {
            crate::safe::warn(problem);
        }
    }
    let (mut app, problems) = build_app_with(globals, library)?;
    if let Some((id, paragraph)) = open {
        // Before the terminal is touched (unless the load already showed a
        // gauge), so the message stays readable.
        if let Err(m) = app.open(id, paragraph) {
            drop(started);
            return Err(CliError::Failed(anyhow!(m)));
        }
    }
    if dumb {
        return Err(CliError::Failed(anyhow!(
            "the reader needs a terminal that can move the cursor (TERM is 'dumb'); try `yuedu list` or `yuedu show ID`"
        )));
    }
    if !on_terminal {
        return Err(CliError::Failed(anyhow!(
            "the reader needs a terminal; for scripts use `yuedu list`, `yuedu show ID` or `yuedu search`"
        )));
    }
    if started.is_none() {
        for p in &problems {
            crate::safe::warn(p);
        }
    }
    if let (Some(first), None) = (problems.first(), &app.status) {
        app.status = Some(format!("config: {first}"));
    }
    if let (Some(line), None) = (skipped, &app.status) {
        app.status = Some(line);
    }
    let (terminal, guard) = match started {
        Some(t) => t,
        None => (ratatui::init(), TerminalGuard),
    };
    let result = event_loop(terminal, &mut app);
    drop(guard);
    result.map_err(CliError::Failed)
}

/// One status line for files that could not be read.
fn skipped_line(library: &Library) -> Option<String> {
    let first = library.problems.first()?;
    Some(match library.problems.len() {
        1 => format!("{first}"),
        n => format!("{n} files skipped; the first: {first}"),
    })
}

/// How long a load may take before the TUI shows a gauge for it.
const GAUGE_AFTER: Duration = Duration::from_millis(200);

/// Loads the library on a thread. If that takes longer than
/// [`GAUGE_AFTER`] and there is a terminal to draw on (`gauge`), the
/// terminal is set up and shows a gauge of the files read (and is returned,
/// to go on with); `q`, Esc or Ctrl-C there quits, giving `None`.
#[allow(clippy::type_complexity)]
fn load_for_tui(
    globals: &Globals,
    gauge: bool,
) -> Result<Option<(Library, Option<(ratatui::DefaultTerminal, TerminalGuard)>)>, CliError> {
    if !gauge {
        return Ok(Some((load_quietly(globals, Need::Text, &|_, _| {})?, None)));
    }
    let counts = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
    let (tx, rx) = mpsc::channel();
    {
        let globals = globals.clone();
        let counts = Arc::clone(&counts);
        std::thread::spawn(move || {
            let loaded = load_quietly(&globals, Need::Text, &|done, total| {
                counts.0.store(done, Ordering::Relaxed);
                counts.1.store(total, Ordering::Relaxed);
            });
            let _ = tx.send(loaded);
        });
    }
    let gone = || CliError::Failed(anyhow!("loading the articles failed unexpectedly"));
    match rx.recv_timeout(GAUGE_AFTER) {
        Ok(loaded) => return Ok(Some((loaded?, None))),
        Err(mpsc::RecvTimeoutError::Disconnected) => return Err(gone()),
        Err(mpsc::RecvTimeoutError::Timeout) => {}
    }
    let mut terminal = ratatui::init();
    let guard = TerminalGuard;
    loop {
        let (done, total) = (
            counts.0.load(Ordering::Relaxed),
            counts.1.load(Ordering::Relaxed),
        );
        terminal
            .draw(|f| crate::ui::loading::draw(f, done, total))
            .map_err(|e| CliError::Failed(e.into()))?;
        let io = |e: std::io::Error| CliError::Failed(e.into());
        if event::poll(Duration::from_millis(50)).map_err(io)?
            && let Event::Key(k) = event::read().map_err(io)?
        {
            let ctrl_c =
                k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
            if ctrl_c || matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) {
                return Ok(None);
            }
        }
        match rx.try_recv() {
            Ok(loaded) => return Ok(Some((loaded?, Some((terminal, guard))))),
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => return Err(gone()),
        }
    }
}

/// Restores the terminal when dropped (also while unwinding); the panic hook
/// `ratatui::init` installs covers a panic that aborts.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

fn event_loop(mut terminal: ratatui::DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    execute!(std::io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    // Opening before the size was known laid out at the default; redo it.
    loop {
        terminal.draw(|f| crate::ui::draw(app, f))?;
        let effects = match event::read()? {
            Event::Key(k) => app.handle_key(k),
            Event::Mouse(m) => app.handle_mouse(m),
            Event::Resize(w, h) => {
                app.resize(w, h);
                Vec::new()
            }
            _ => Vec::new(),
        };
        for effect in effects {
            match effect {
                Effect::SaveReadingState => {
                    if let Err(e) = app.saved.save() {
                        app.status = Some(format!("could not save the reading position: {e:#}"));
                    }
                }
                Effect::Quit => return Ok(()),
            }
        }
    }
}
