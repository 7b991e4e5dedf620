//! The terminal as the reader uses it: set up (raw mode, alternate screen,
//! mouse, bracketed paste), given back on quit, panic, signal and suspend,
//! redrawn whole after `fg`, and the clipboard through OSC 52.

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use super::signals::{self, Signals};

/// Raw mode and the alternate screen, with a panic hook that gives the
/// terminal back before the panic is reported. Not `ratatui::init`: its hook
/// and its restore print with `eprintln!`, which panics again (and aborts)
/// when the terminal is gone, and it panics itself on no terminal.
pub(super) fn init_terminal() -> std::io::Result<ratatui::DefaultTerminal> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave_terminal();
            previous(info);
        }));
    });
    ratatui::try_init()
}

/// Restores the terminal when dropped (also while unwinding); the panic hook
/// of [`init_terminal`] covers a panic that aborts.
pub(super) struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave_terminal();
    }
}

/// Gives the terminal back: paste and mouse reporting off, cursor shown,
/// cooked mode, main screen. Each step is tried whatever the others did,
/// and nothing is printed: after SIGHUP the terminal is gone, and a write
/// to it fails.
pub(super) fn leave_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        ratatui::crossterm::cursor::Show
    );
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::LeaveAlternateScreen
    );
}

/// Sets the terminal up as the reader needs it, after [`init_terminal`].
pub(super) fn enter_terminal() -> std::io::Result<()> {
    execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste)
}

/// Ctrl-Z or SIGTSTP: the terminal is given back and the process stops, as
/// vim and less do; when the shell continues it (`fg`), the terminal is set
/// up again and the next frame is drawn whole.
pub(super) fn suspend(
    terminal: &mut ratatui::DefaultTerminal,
    signals: &Signals,
) -> std::io::Result<()> {
    leave_terminal();
    signals::stop_until_continued()?;
    if signals.ending().is_some() {
        // Continued to be ended (`kill %1`): no need to set up again.
        return Ok(());
    }
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    enter_terminal()?;
    signals.take_continued();
    forget_screen(terminal)
}

/// Makes the next frame draw every cell: the screen may hold anything. An
/// empty frame first blanks what ratatui believes is shown (unlike
/// `Terminal::clear`, this asks the terminal nothing, so a terminal that
/// does not answer a cursor query cannot stop the reader).
pub(super) fn forget_screen(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    terminal.draw(|_| {})?;
    Ok(())
}

/// Puts text on the clipboard with OSC 52, which terminals, tmux (with
/// `set-clipboard on`, where it lands in tmux's buffer) and ssh pass on.
pub(super) fn copy_to_clipboard(text: &str) {
    use std::io::Write;
    let encoded = super::clipboard::osc52(text);
    let mut out = std::io::stdout();
    let _ = out.write_all(encoded.as_bytes());
    let _ = out.flush();
}
