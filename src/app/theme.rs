//! Colours and text styles, with the user's `[colours]` applied.

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
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            accent: Color::Cyan,
            passage: Color::Yellow,
            dim: Color::DarkGray,
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
        Style::new().fg(self.passage)
    }

    pub fn cursor(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }
}
