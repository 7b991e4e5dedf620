//! The `--width N` option of `show` and `wrap`.

use crate::cli::CliError;

/// Parses `--width`: a positive whole number; without it, the terminal's
/// width when stdout is a terminal, else 80.
pub fn resolve(arg: Option<&str>) -> Result<usize, CliError> {
    match arg {
        Some(s) => match s.trim().parse::<usize>() {
            Ok(0) => Err(CliError::Usage(
                "--width must be at least 1 column".to_string(),
            )),
            Ok(n) => Ok(n),
            Err(_) => Err(CliError::Usage(format!(
                "--width takes a whole number of columns, not '{s}'"
            ))),
        },
        None => Ok(terminal_width().unwrap_or(80)),
    }
}

fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    match ratatui::crossterm::terminal::size() {
        Ok((w, _)) if w > 0 => Some(w as usize),
        _ => None,
    }
}
