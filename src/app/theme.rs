//! Colours and text styles, with the user's `[colours]` applied. With
//! `NO_COLOR` there is no colour at all, and what colour marked (the
//! current passage) is marked by a text style instead: cursors are reverse
//! or underlined, hits reverse, the passage bold, bookmarks underlined.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Titles, the focused pane, the chosen facet node.
    pub accent: Color,
    /// The current passage in the reader.
    pub passage: Color,
    /// Dates, sources, counts, the status line.
    pub dim: Color,
    /// False with `NO_COLOR`.
    pub colour: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            accent: Color::Cyan,
            passage: Color::Yellow,
            dim: Color::DarkGray,
            colour: true,
        }
    }
}

impl Theme {
    /// Applies `[colours]` entries; a bad one keeps its default.
    pub fn from_config(entries: &[(String, String, usize)], file: &str) -> (Theme, Vec<String>) {
        let mut theme = Theme::default();
        let mut problems = Vec::new();
        for (name, value, line) in entries {
            let slot = match name.as_str() {
                "accent" => &mut theme.accent,
                "passage" => &mut theme.passage,
                "dim" => &mut theme.dim,
                _ => {
                    problems.push(format!(
                        "{file} line {line}: [colours] {name}: unknown colour setting (known: accent, passage, dim); ignored"
                    ));
                    continue;
                }
            };
            match Color::from_str(value) {
                Ok(c) => *slot = c,
                Err(_) => problems.push(format!(
                    "{file} line {line}: [colours] {name}: cannot read colour {value:?} (write e.g. \"yellow\" or \"#ffcc00\"); keeping the default {:?}",
                    *slot
                )),
            }
        }
        (theme, problems)
    }

    /// The theme without colour (`NO_COLOR`).
    pub fn without_colour(self) -> Theme {
        Theme {
            accent: Color::Reset,
            passage: Color::Reset,
            dim: Color::Reset,
            colour: false,
        }
    }

    /// Whether the environment asks for no colour (`NO_COLOR` set, not empty).
    pub fn no_colour_asked() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    pub fn dim(&self) -> Style {
        Style::new().fg(self.dim)
    }

    pub fn title(&self) -> Style {
        Style::new().fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn caption(&self) -> Style {
        Style::new().fg(self.dim).add_modifier(Modifier::ITALIC)
    }

    pub fn passage(&self) -> Style {
        if self.colour {
            Style::new().fg(self.passage)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn cursor(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }
}
