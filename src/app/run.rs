//! Starting and running the TUI: everything that can fail without a
//! terminal is checked first (library, article id, config), then the
//! terminal is set up, and restored on quit, on error, on panic, on SIGTERM
//! and SIGHUP, and while suspended. The reading position is saved as the
//! reader goes; whatever ends the TUI, the position and a note being typed
//! are saved before it exits, and a save that fails is said on stderr.

use std::io::IsTerminal;

use anyhow::anyhow;
use std::sync::{Arc, atomic::AtomicUsize, atomic::Ordering, mpsc};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};

use super::draft::Drafts;
use super::keymap::Keymap;
use super::pinyin_keys::MatchKeys;
use super::saved::SavedState;
use super::signals::{self, Signals};
use super::terminal::{
    TerminalGuard, copy_to_clipboard, enter_terminal, forget_screen, init_terminal, suspend,
};
use super::tty::Input;
use super::{App, Effect};
use crate::app::theme::Theme;
use crate::cli::{CliError, Globals, load_for_reader, load_library};
use crate::config::Config;
use crate::store::Library;
use crate::taxonomy::Taxonomy;

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
    crate::text::set_reader_options(config.layout_options());
    let (keymap, key_problems) = Keymap::with_overrides(&config.keys, &name);
    problems.extend(key_problems);
    let (theme, colour_problems) = Theme::from_config(&config.colours, &name);
    let theme = if Theme::no_colour_asked() {
        theme.without_colour()
    } else {
        theme
    };
    problems.extend(colour_problems);
    // Every problem of the config, in file order, for the help to list.
    let line = |p: &String| {
        let n = p.split(" line ").nth(1).and_then(|r| r.split(':').next());
        n.and_then(|n| n.parse::<usize>().ok()).unwrap_or(0)
    };
    problems.sort_by_key(line);
    let config_problems = problems.clone();
    let data_dir = globals.data_dir()?;
    let (saved, saved_problem) = SavedState::load(&data_dir);
    let (drafts, drafts_problem) = Drafts::load(&data_dir);
    let mut app = App::new(library, Taxonomy::bundled(), keymap, theme, saved);
    app.config_problems = config_problems;
    app.drafts = drafts;
    // Bookmarks: a problem with them is reported, and reading goes on.
    let mut bookmark_problem = None;
    match crate::bookmarks::BookmarkStore::open(&data_dir) {
        Ok((mut store, warnings)) => {
            problems.extend(warnings);
            if let Err(e) = store.reanchor(&app.library) {
                bookmark_problem = Some(format!("bookmarks: {e}"));
            }
            // A lock wait must not print onto the reader's screen.
            store.set_quiet(true);
            app.bookmarks = Some(store);
        }
        Err(e) => bookmark_problem = Some(format!("bookmarks are not available: {e}")),
    }
    app.data_dir = Some(data_dir);
    app.watch = super::watch::Watch::start(globals);
    app.indexer = super::indexer::Indexer::start(globals);
    if app.library.unchecked
        && let Some(watch) = &mut app.watch
    {
        watch.check_soon();
    }
    if let Some(w) = config.text_width
        && app.saved.state.text_width.is_none()
    {
        app.text_width = w;
    }
    app.status = saved_problem.or(bookmark_problem).or(drafts_problem);
    Ok((app, problems))
}

/// How the TUI ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The reader quit.
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP, SIGINT).
    Signal(i32),
}

impl Ended {
    /// The exit status: 0, or 128 + the signal, as a shell reports it.
    pub fn exit_status(self) -> u8 {
        match self {
            Ended::Quit => 0,
            Ended::Signal(s) => signals::exit_status(s),
        }
    }
}

/// How the screens are drawn: the UI hands these to [`run`], so the App
/// knows nothing of drawing.
#[derive(Clone, Copy)]
pub struct Screens {
    /// The App as it is: the view on top, then its overlays.
    pub app: fn(&App, &mut ratatui::Frame),
    /// The gauge of a long load: files read, files found.
    pub loading: fn(&mut ratatui::Frame, usize, usize),
}

/// Starts the TUI on the library, or on an article at a paragraph.
pub fn run(
    globals: &Globals,
    open: Option<(&str, Option<usize>)>,
    screens: &Screens,
) -> Result<Ended, CliError> {
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let on_terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let signals = Signals::install()?;
    let Some((library, started)) = load_for_tui(globals, on_terminal && !dumb, &signals, screens)?
    else {
        // Quit (or ended) while loading: nothing was read or made yet.
        return Ok(signals.ending().map_or(Ended::Quit, Ended::Signal));
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
    if let (Some(first), None) = (app.config_problems.first(), &app.status) {
        let help = app
            .keymap
            .label(super::KeyView::Global, super::Action::Help);
        app.status = Some(match app.config_problems.len() {
            1 => format!("config: {first}"),
            n => {
                format!("config: {n} problems, all listed in the help ({help}); the first: {first}")
            }
        });
    }
    if let (Some(line), None) = (skipped, &app.status) {
        app.status = Some(line);
    }
    let (terminal, guard) = match started {
        Some(t) => t,
        None => (init_terminal().map_err(no_terminal)?, TerminalGuard),
    };
    let mut written = serde_json::to_vec(&app.saved.state).unwrap_or_default();
    let result = event_loop(terminal, &mut app, &signals, &mut written, screens);
    // Whatever ended the loop (a key, a signal, a terminal gone), what the
    // reader made is kept before anything else.
    app.keep_typed_note();
    let failures = save_at_exit(&mut app, &written);
    drop(guard);
    let ended = match (result, signals.ending()) {
        (_, Some(sig)) => Ended::Signal(sig),
        (Ok(Gone(false)), None) => Ended::Quit,
        // A terminal that went away without a signal is a hangup all the same.
        (Ok(Gone(true)), None) => Ended::Signal(signal_hook::consts::SIGHUP),
        (Err(e), None) => {
            failures.iter().for_each(|f| say(f));
            return Err(CliError::Failed(e));
        }
    };
    match failures.split_last() {
        // After a signal, its status is the one a shell expects; the
        // failures are said all the same.
        Some(_) if ended != Ended::Quit => {
            failures.iter().for_each(|f| say(f));
            Ok(ended)
        }
        Some((last, rest)) => {
            rest.iter().for_each(|f| say(f));
            Err(CliError::Failed(anyhow!("{last}")))
        }
        None => Ok(ended),
    }
}

/// Writes the reading state (if it changed since it was last written) and
/// the drafts; one line per save that failed.
fn save_at_exit(app: &mut App, written: &[u8]) -> Vec<String> {
    let mut failures = Vec::new();
    app.note_reading_position();
    let now = serde_json::to_vec(&app.saved.state).unwrap_or_default();
    if now != written {
        let path = app.saved.path.as_ref().map(|p| p.display().to_string());
        match (app.saved.writable, app.saved.save()) {
            (true, Ok(())) => {}
            (true, Err(e)) => failures.push(format!("the reading position was not saved: {e:#}")),
            (false, _) => failures.push(format!(
                "the reading position was not saved: {} could not be read at start and is left as it is",
                path.unwrap_or_else(|| "the data folder".into())
            )),
        }
    }
    if let Some(path) = app.drafts.unwritable_changes() {
        failures.push(format!(
            "a typed note was not kept: {} could not be read at start and is left as it is",
            path.display()
        ));
    } else if let Err(e) = app.drafts.save() {
        failures.push(format!("a typed note was not kept: {e:#}"));
    }
    failures
}

/// One status line for files that could not be read.
pub(super) fn skipped_line(library: &Library) -> Option<String> {
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
    signals: &Signals,
    screens: &Screens,
) -> Result<Option<(Library, Option<(ratatui::DefaultTerminal, TerminalGuard)>)>, CliError> {
    if !gauge {
        let library = load_for_reader(globals, MatchKeys::packed_of, true, &|_, _| {})?;
        return Ok(Some((library, None)));
    }
    let counts = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
    let (tx, rx) = mpsc::channel();
    {
        let globals = globals.clone();
        let counts = Arc::clone(&counts);
        std::thread::spawn(move || {
            // The first frame from the cache as it is; the files are
            // looked at after it (see `Watch::check_soon`).
            let loaded = load_for_reader(&globals, MatchKeys::packed_of, true, &|done, total| {
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
    let mut terminal = init_terminal().map_err(no_terminal)?;
    let guard = TerminalGuard;
    loop {
        if signals.ending().is_some() {
            return Ok(None);
        }
        let (done, total) = (
            counts.0.load(Ordering::Relaxed),
            counts.1.load(Ordering::Relaxed),
        );
        terminal
            .draw(|f| (screens.loading)(f, done, total))
            .map_err(|e| CliError::Failed(e.into()))?;
        let io = |e: std::io::Error| CliError::Failed(e.into());
        let input = super::tty::wait_for_input(Duration::from_millis(50)).map_err(io)?;
        if input == Input::Gone {
            return Ok(None);
        }
        if event::poll(Duration::ZERO).map_err(io)?
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

fn no_terminal(e: std::io::Error) -> CliError {
    CliError::Failed(anyhow!("cannot set up the terminal: {e}"))
}

/// A line on stderr; a terminal that is gone (SIGHUP) is no reason to panic.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "yuedu: {line}");
}

/// How long the loop waits for an event before it looks at the signals.
const TICK: Duration = Duration::from_millis(100);
/// How often a reading position that changed is saved while reading.
const SAVE_EVERY: Duration = Duration::from_secs(3);
/// Events taken in one go before a frame is drawn (a key storm still
/// shows progress).
const BATCH: usize = 4096;

/// Whether the event loop ended because the terminal went away.
struct Gone(bool);

fn event_loop(
    terminal: ratatui::DefaultTerminal,
    app: &mut App,
    signals: &Signals,
    written: &mut Vec<u8>,
    screens: &Screens,
) -> anyhow::Result<Gone> {
    // Not dropped: dropping it shows the cursor and, when the terminal is
    // gone, prints that it could not (which panics with stderr gone too).
    // The guard gives the terminal back instead.
    let mut terminal = std::mem::ManuallyDrop::new(terminal);
    enter_terminal()?;
    let size = terminal.size()?;
    // Opening before the size was known laid out at the default; redo it.
    app.resize(size.width, size.height);
    let mut last_save = Instant::now();
    let mut redraw = true;
    loop {
        if signals.ending().is_some() {
            return Ok(Gone(false));
        }
        if signals.take_suspend() {
            save_position(app, written);
            suspend(&mut terminal, signals)?;
            redraw = true;
        }
        if signals.take_continued() {
            // Stopped by something we did not see (SIGSTOP): draw it all.
            forget_screen(&mut terminal)?;
            redraw = true;
        }
        if redraw {
            terminal.draw(|f| (screens.app)(app, f))?;
            redraw = false;
        }
        let mut effects = Vec::new();
        if super::tty::wait_for_input(TICK)? == Input::Gone {
            return Ok(Gone(true));
        }
        // Everything already waiting is handled before the next frame, so
        // input never queues up behind drawing.
        for _ in 0..BATCH {
            if super::tty::wait_for_input(Duration::ZERO)? == Input::Gone {
                return Ok(Gone(true));
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
            effects.extend(handle_event(app, event::read()?));
            redraw = true;
            let stop = effects
                .iter()
                .any(|e| matches!(e, Effect::Quit | Effect::Suspend));
            if stop {
                break;
            }
        }
        for effect in effects {
            match effect {
                Effect::SaveReadingState => save_reading_state(app, written),
                Effect::Suspend => {
                    save_position(app, written);
                    suspend(&mut terminal, signals)?;
                }
                Effect::Quit => return Ok(Gone(false)),
                Effect::Copy(text) => copy_to_clipboard(&text),
                other => super::carry_out(app, &other),
            }
        }
        redraw |= app.follow_changes();
        if let Some(indexer) = &mut app.indexer {
            indexer.tick(&app.library);
        }
        if last_save.elapsed() >= SAVE_EVERY {
            last_save = Instant::now();
            redraw |= save_position(app, written);
        }
        if app.drafts.changed()
            && let Err(e) = app.drafts.save()
        {
            app.status = Some(format!("could not keep the note as a draft: {e:#}"));
            redraw = true;
        }
    }
}

fn handle_event(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(k) => app.handle_key(k),
        Event::Mouse(m) => app.handle_mouse(m),
        Event::Paste(text) => app.handle_paste(&text),
        Event::Resize(w, h) => {
            app.resize(w, h);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Saves the open article's reading position if it moved; true when the
/// status line changed.
fn save_position(app: &mut App, written: &mut Vec<u8>) -> bool {
    if !app.note_reading_position() {
        return false;
    }
    save_reading_state(app, written);
    app.status.is_some()
}

fn save_reading_state(app: &mut App, written: &mut Vec<u8>) {
    if !app.saved.writable {
        // Said at start; said again at exit if anything was lost.
        return;
    }
    match app.saved.save() {
        Ok(()) => *written = serde_json::to_vec(&app.saved.state).unwrap_or_default(),
        Err(e) => app.status = Some(format!("could not save the reading position: {e:#}")),
    }
}
