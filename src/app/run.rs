//! Starting and running the TUI: everything that can fail without a
//! terminal is checked first (library, article id, config), then the
//! terminal is set up, and restored on quit, on error and on panic.

use std::io::IsTerminal;

use anyhow::anyhow;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

use super::keymap::Keymap;
use super::saved::SavedState;
use super::{App, Effect};
use crate::cli::{CliError, Globals, load_library};
use crate::config::Config;
use crate::taxonomy::Taxonomy;
use crate::ui::theme::Theme;

/// Builds the App the global options describe; config problems are returned
/// (one line each) for the caller to show.
pub fn build_app(globals: &Globals) -> Result<(App, Vec<String>), CliError> {
    let library = load_library(globals)?;
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
    let (mut app, problems) = build_app(globals)?;
    if let Some((id, paragraph)) = open {
        // Before the terminal is touched, so the message stays readable.
        app.open(id, paragraph)
            .map_err(|m| CliError::Failed(anyhow!(m)))?;
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return Err(CliError::Failed(anyhow!(
            "the reader needs a terminal that can move the cursor (TERM is 'dumb'); try `yuedu list` or `yuedu show ID`"
        )));
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Failed(anyhow!(
            "the reader needs a terminal; for scripts use `yuedu list`, `yuedu show ID` or `yuedu search`"
        )));
    }
    for p in &problems {
        eprintln!("yuedu: {p}");
    }
    if let (Some(first), None) = (problems.first(), &app.status) {
        app.status = Some(format!("config: {first}"));
    }
    let terminal = ratatui::init();
    let guard = TerminalGuard;
    let result = event_loop(terminal, &mut app);
    drop(guard);
    result.map_err(CliError::Failed)
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
