//! The user's `config.toml`: keys per view, the text column width, colours.
//! Every problem becomes one line naming the file line and what is used
//! instead; a bad config never stops the reader.

use std::path::Path;

/// One `action = keys` entry of a `[keys.VIEW]` table, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub view: String,
    pub action: String,
    pub keys: Vec<String>,
    /// 1-based line in the file.
    pub line: usize,
}

/// The settings read from the file; `None` means "not set, use the default".
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keys: Vec<KeyEntry>,
    pub text_width: Option<usize>,
    /// `[colours]` name → colour as written (`yellow`, `#ffcc00`).
    pub colours: Vec<(String, String, usize)>,
    /// `hanging_punctuation`: one closing or stop mark may pass the right
    /// edge of the text column (default off).
    pub hanging_punctuation: Option<bool>,
    /// `fullwidth_punctuation`: half-width punctuation of Chinese text is
    /// shown full-width (default on).
    pub fullwidth_punctuation: Option<bool>,
    /// `ambiguous_wide`: East Asian ambiguous characters take two columns,
    /// for terminals set up that way (default off).
    pub ambiguous_wide: Option<bool>,
    /// `latin_gap`: a column of space between Chinese and Latin letters or
    /// digits (盘古之白) where a line has one to spare (default off).
    pub latin_gap: Option<bool>,
}

/// The layout settings a config may set: their names, in the file.
const LAYOUT_KEYS: [&str; 4] = [
    "hanging_punctuation",
    "fullwidth_punctuation",
    "ambiguous_wide",
    "latin_gap",
];

/// Bounds of a sensible text column.
pub const MIN_TEXT_WIDTH: usize = 20;
pub const MAX_TEXT_WIDTH: usize = 400;

impl Config {
    /// How the reader lays text out: the settings of the file over the
    /// reader's defaults.
    pub fn layout_options(&self) -> crate::text::Options {
        let d = crate::text::READER_OPTIONS;
        crate::text::Options {
            hang: self.hanging_punctuation.unwrap_or(d.hang),
            ambiguous_wide: self.ambiguous_wide.unwrap_or(d.ambiguous_wide),
            fullwidth_punctuation: self
                .fullwidth_punctuation
                .unwrap_or(d.fullwidth_punctuation),
            latin_gap: self.latin_gap.unwrap_or(d.latin_gap),
        }
    }

    /// Reads the file if it exists; a missing file is no problem.
    pub fn load(path: Option<&Path>) -> (Config, Vec<String>) {
        let Some(path) = path else {
            return (Config::default(), Vec::new());
        };
        match std::fs::read_to_string(path) {
            Ok(src) => Config::parse(&src, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                vec![format!(
                    "{}: cannot read ({e}); using the default settings",
                    path.display()
                )],
            ),
        }
    }

    /// Parses the text of a config file; `name` prefixes each problem.
    pub fn parse(src: &str, name: &str) -> (Config, Vec<String>) {
        let mut problems = Vec::new();
        let mut config = Config::default();
        let table: toml::Table = match src.parse() {
            Ok(t) => t,
            Err(e) => {
                let line = e
                    .span()
                    .map_or(1, |s| src[..s.start.min(src.len())].lines().count().max(1));
                let msg = e.message().trim().to_string();
                problems.push(format!(
                    "{name} line {line}: {msg}; using the default settings"
                ));
                return (config, problems);
            }
        };
        for (key, value) in &table {
            match (key.as_str(), value) {
                ("keys", toml::Value::Table(views)) => {
                    for (view, entries) in views {
                        let toml::Value::Table(entries) = entries else {
                            let line = line_of(src, "keys", view);
                            problems.push(format!(
                                "{name} line {line}: keys.{view} should be a table like [keys.{view}]; using the default keys"
                            ));
                            continue;
                        };
                        let section = format!("keys.{view}");
                        for (action, keys) in entries {
                            let line = line_of(src, &section, action);
                            let keys = match keys {
                                toml::Value::String(s) => vec![s.clone()],
                                toml::Value::Array(a) => {
                                    let keys: Option<Vec<String>> =
                                        a.iter().map(|v| v.as_str().map(str::to_string)).collect();
                                    match keys {
                                        Some(k) => k,
                                        None => {
                                            problems.push(format!("{name} line {line}: [keys.{view}] {action}: keys must be strings; using the default keys for it"));
                                            continue;
                                        }
                                    }
                                }
                                _ => {
                                    problems.push(format!("{name} line {line}: [keys.{view}] {action}: expected a key like \"j\" or a list of keys; using the default keys for it"));
                                    continue;
                                }
                            };
                            config.keys.push(KeyEntry {
                                view: view.clone(),
                                action: action.clone(),
                                keys,
                                line,
                            });
                        }
                    }
                }
                ("text_width", toml::Value::Integer(n))
                    if (MIN_TEXT_WIDTH as i64..=MAX_TEXT_WIDTH as i64).contains(n) =>
                {
                    config.text_width = Some(*n as usize);
                }
                ("text_width", _) => {
                    let line = line_of(src, "", key);
                    problems.push(format!(
                        "{name} line {line}: text_width must be a whole number from {MIN_TEXT_WIDTH} to {MAX_TEXT_WIDTH}; using the default (72)"
                    ));
                }
                ("hanging_punctuation", toml::Value::Boolean(b)) => {
                    config.hanging_punctuation = Some(*b)
                }
                ("fullwidth_punctuation", toml::Value::Boolean(b)) => {
                    config.fullwidth_punctuation = Some(*b)
                }
                ("ambiguous_wide", toml::Value::Boolean(b)) => config.ambiguous_wide = Some(*b),
                ("latin_gap", toml::Value::Boolean(b)) => config.latin_gap = Some(*b),
                (k, _) if LAYOUT_KEYS.contains(&k) => {
                    let line = line_of(src, "", key);
                    problems.push(format!(
                        "{name} line {line}: {key} must be true or false; using the default"
                    ));
                }
                ("colours", toml::Value::Table(colours)) => {
                    for (k, v) in colours {
                        let line = line_of(src, "colours", k);
                        match v.as_str() {
                            Some(s) => config.colours.push((k.clone(), s.to_string(), line)),
                            None => problems.push(format!(
                                "{name} line {line}: [colours] {k}: expected a colour name like \"yellow\" or \"#ffcc00\"; using the default"
                            )),
                        }
                    }
                }
                _ => {
                    let line = line_of(src, "", key);
                    problems.push(format!(
                        "{name} line {line}: unknown setting `{key}` (known: text_width, hanging_punctuation, fullwidth_punctuation, ambiguous_wide, latin_gap, [keys.VIEW], [colours]); ignored"
                    ));
                }
            }
        }
        // Report in file order (the table iterates by key name).
        problems.sort_by_key(|p| problem_line(p));
        (config, problems)
    }
}

/// The line number a problem message names (`… line 4: …`).
fn problem_line(problem: &str) -> usize {
    problem
        .split(" line ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The 1-based line where `key` is set inside `[section]` ("" for the top
/// level); the toml crate's values carry no positions, so the text is scanned.
fn line_of(src: &str, section: &str, key: &str) -> usize {
    let mut current = String::new();
    let mut dotted_fallback = None;
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        if let Some(inner) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            current = inner.trim().to_string();
            if section.is_empty() || current == format!("{section}.{key}") {
                dotted_fallback.get_or_insert(i + 1);
            }
            continue;
        }
        let Some((lhs, _)) = line.split_once('=') else {
            continue;
        };
        let lhs = lhs.trim().trim_matches('"');
        if current == section && lhs == key {
            return i + 1;
        }
        if current.is_empty() && !section.is_empty() && lhs == format!("{section}.{key}") {
            return i + 1;
        }
    }
    dotted_fallback.unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_their_line() {
        let src =
            "text_width = 5\n\n[keys.reader]\nnext_paragraph = 3\n[colours]\naccent = \"red\"\n";
        let (c, p) = Config::parse(src, "config.toml");
        assert_eq!(c.text_width, None);
        assert!(p[0].contains("line 1"), "{p:?}");
        assert!(p[1].contains("line 4"), "{p:?}");
        assert_eq!(c.colours, vec![("accent".into(), "red".into(), 6)]);
    }

    #[test]
    fn layout_settings_override_the_reader_defaults() {
        let (c, p) = Config::parse(
            "hanging_punctuation = true\nfullwidth_punctuation = false\nambiguous_wide = 1\n",
            "c.toml",
        );
        assert_eq!(
            p,
            ["c.toml line 3: ambiguous_wide must be true or false; using the default"]
        );
        let o = c.layout_options();
        assert!(o.hang && !o.fullwidth_punctuation && !o.ambiguous_wide);
        let o = Config::default().layout_options();
        assert!(!o.hang && o.fullwidth_punctuation && !o.ambiguous_wide);
    }

    #[test]
    fn a_broken_file_is_one_problem() {
        let (_, p) = Config::parse("[keys.reader\nx = 1", "c.toml");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("c.toml line 1:"), "{p:?}");
    }
}
