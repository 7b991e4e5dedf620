//! The signals the TUI answers while it runs: SIGTERM, SIGHUP (a closed
//! terminal window, a logout) and SIGINT end it the way `q` does, saving
//! first; SIGTSTP suspends it with the terminal given back, as Ctrl-Z does;
//! SIGCONT redraws. The handlers only raise flags; the event loop looks at
//! them between events, so nothing but an atomic store runs in a handler.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::{SigId, flag, low_level};

/// The signals that end the TUI, in the order they are looked at.
const ENDING: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

/// Flags set by the handlers; dropping this puts the default handlers back.
pub struct Signals {
    ending: Vec<(i32, Arc<AtomicBool>)>,
    suspend: Arc<AtomicBool>,
    continued: Arc<AtomicBool>,
    ids: Vec<SigId>,
}

impl Signals {
    /// Installs the handlers.
    pub fn install() -> io::Result<Signals> {
        let mut signals = Signals {
            ending: Vec::new(),
            suspend: Arc::new(AtomicBool::new(false)),
            continued: Arc::new(AtomicBool::new(false)),
            ids: Vec::new(),
        };
        for sig in ENDING {
            let raised = Arc::new(AtomicBool::new(false));
            signals.ids.push(flag::register(sig, Arc::clone(&raised))?);
            signals.ending.push((sig, raised));
        }
        signals
            .ids
            .push(flag::register(SIGTSTP, Arc::clone(&signals.suspend))?);
        signals
            .ids
            .push(flag::register(SIGCONT, Arc::clone(&signals.continued))?);
        Ok(signals)
    }

    /// The first signal received that ends the TUI, if any.
    pub fn ending(&self) -> Option<i32> {
        self.ending
            .iter()
            .find(|(_, raised)| raised.load(Ordering::Relaxed))
            .map(|(sig, _)| *sig)
    }

    /// Whether a SIGTSTP came (from `kill -TSTP`), clearing it.
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::Relaxed)
    }

    /// Whether the process was continued (after a stop we did not see),
    /// clearing it.
    pub fn take_continued(&self) -> bool {
        self.continued.swap(false, Ordering::Relaxed)
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            low_level::unregister(id);
        }
    }
}

/// Stops the process as the shell's job control expects (the default action
/// of SIGTSTP), returning once it is continued (`fg`).
pub fn stop_until_continued() -> io::Result<()> {
    low_level::emulate_default_handler(SIGTSTP)
}

/// The exit status a shell gives a process ended by `signal`: 128 + signal.
pub fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal.clamp(0, 127)).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_status_is_128_plus_the_signal() {
        assert_eq!(exit_status(SIGTERM), 143);
        assert_eq!(exit_status(SIGHUP), 129);
        assert_eq!(exit_status(SIGINT), 130);
    }
}
