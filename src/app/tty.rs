//! Waiting for input on the terminal, and seeing that it is gone. crossterm
//! reads a terminal that hung up (a closed window, a dropped ssh link) in a
//! busy loop that never returns, so the event loop asks poll(2) first and
//! hands crossterm only a terminal that is still there.

use std::io;
use std::time::Duration;

/// What the terminal has for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Something to read.
    Ready,
    /// Nothing within the wait (or a signal came).
    Idle,
    /// Hung up or closed: nothing will come again.
    Gone,
}

/// Waits up to `timeout` for input on stdin (the terminal the TUI reads).
#[cfg(unix)]
pub fn wait_for_input(timeout: Duration) -> io::Result<Input> {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, and its count.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        return match e.kind() {
            io::ErrorKind::Interrupted => Ok(Input::Idle),
            _ => Err(e),
        };
    }
    Ok(
        if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            Input::Gone
        } else if fd.revents & libc::POLLIN != 0 {
            Input::Ready
        } else {
            Input::Idle
        },
    )
}

#[cfg(not(unix))]
pub fn wait_for_input(timeout: Duration) -> io::Result<Input> {
    Ok(match ratatui::crossterm::event::poll(timeout)? {
        true => Input::Ready,
        false => Input::Idle,
    })
}
