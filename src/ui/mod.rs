//! Drawing the TUI with ratatui: pure functions of the App state.
