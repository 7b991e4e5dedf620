//! Keys as data: the default keymap (`assets/keymap.toml`) with the user's
//! `[keys.VIEW]` overrides on top, looked up per view.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use super::Action;
use crate::config::KeyEntry;

const DEFAULTS: &str = include_str!("../../assets/keymap.toml");

/// The keymap sections: keys in `Global` work in every view; `Overlay`
/// serves the help and the contents, `Prompt` every text prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyView {
    Global,
    Library,
    Reader,
    Bookmarks,
    Hits,
    Overlay,
    Prompt,
}

impl KeyView {
    pub const ALL: [KeyView; 7] = [
        KeyView::Global,
        KeyView::Library,
        KeyView::Reader,
        KeyView::Bookmarks,
        KeyView::Hits,
        KeyView::Overlay,
        KeyView::Prompt,
    ];

    fn name(self) -> &'static str {
        match self {
            KeyView::Global => "global",
            KeyView::Library => "library",
            KeyView::Reader => "reader",
            KeyView::Bookmarks => "bookmarks",
            KeyView::Hits => "hits",
            KeyView::Overlay => "overlay",
            KeyView::Prompt => "prompt",
        }
    }
}

/// A key with its modifiers, as written in the keymap (`j`, `Ctrl-c`, `PageDown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn parse(s: &str) -> Option<Key> {
        let (ctrl, rest) = match s.strip_prefix("Ctrl-") {
            Some(r) => (true, r),
            None => (false, s),
        };
        let code = match rest {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" | "Shift-Tab" => KeyCode::BackTab,
            "Space" => KeyCode::Char(' '),
            "Backspace" => KeyCode::Backspace,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key { code, ctrl })
    }

    /// The key a terminal event means; Shift is part of the character.
    pub fn from_event(event: &KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One view's keys: the actions in the order the help lists them, each
/// with its keys, and the same looked up by key.
#[derive(Debug, Clone, Default)]
struct ViewKeys {
    entries: Vec<(Action, Vec<Key>)>,
    by_key: HashMap<Key, Action>,
}

impl ViewKeys {
    /// Binds an action to keys, replacing its keys; a key another action
    /// of the view had moves to this one.
    fn bind(&mut self, action: Action, keys: Vec<Key>) {
        for (a, k) in &mut self.entries {
            if *a != action {
                k.retain(|key| !keys.contains(key));
            }
        }
        match self.entries.iter_mut().find(|(a, _)| *a == action) {
            Some((_, k)) => *k = keys,
            None => {
                self.entries.push((action, keys));
                self.entries.sort_by_key(|(a, _)| *a);
            }
        }
        self.entries.retain(|(_, k)| !k.is_empty());
        self.by_key = self
            .entries
            .iter()
            .flat_map(|(a, keys)| keys.iter().map(move |k| (*k, *a)))
            .collect();
    }
}

/// Per view, the keys and their actions.
#[derive(Debug, Clone)]
pub struct Keymap {
    views: HashMap<KeyView, ViewKeys>,
}

#[derive(Deserialize)]
struct Raw(HashMap<KeyView, toml::Table>);

impl Keymap {
    /// The bundled defaults.
    pub fn defaults() -> Keymap {
        let mut views: HashMap<KeyView, ViewKeys> = HashMap::new();
        // The defaults are compiled in and covered by tests; a mistake in them
        // is a bug in this program, not in the user's setup.
        let raw: Raw = toml::from_str(DEFAULTS).expect("assets/keymap.toml is valid");
        for (view, table) in raw.0 {
            let keys = views.entry(view).or_default();
            for (name, value) in &table {
                let action = Action::from_name(name).expect("known action in keymap");
                let list = value_keys(value).expect("keys in keymap");
                let list = list.iter().map(|k| Key::parse(k).expect("key")).collect();
                keys.bind(action, list);
            }
        }
        Keymap { views }
    }

    /// The defaults with the user's entries applied; each bad entry is
    /// reported and keeps its default. A user's entry takes its keys from
    /// the default actions that had them; two of the user's entries that
    /// claim one key in one view are both reported and keep their defaults.
    pub fn with_overrides(entries: &[KeyEntry], file: &str) -> (Keymap, Vec<String>) {
        let mut map = Keymap::defaults();
        let mut problems = Vec::new();
        let mut good: Vec<(&KeyEntry, KeyView, Action, Vec<Key>)> = Vec::new();
        for e in entries {
            let Some(view) = KeyView::ALL.iter().copied().find(|v| v.name() == e.view) else {
                problems.push(format!(
                    "{file} line {}: [keys.{}]: no such view (views: global, library, reader, bookmarks, hits, overlay, prompt); ignored",
                    e.line, e.view
                ));
                continue;
            };
            let default = map.describe_keys(view, &e.action);
            let Some(action) = Action::from_name(&e.action) else {
                problems.push(format!(
                    "{file} line {}: [keys.{}] {}: no such action; see the help (?) for the actions of this view",
                    e.line, e.view, e.action
                ));
                continue;
            };
            let parsed: Option<Vec<Key>> = e.keys.iter().map(|k| Key::parse(k)).collect();
            let Some(keys) = parsed.filter(|k| !k.is_empty()) else {
                problems.push(format!(
                    "{file} line {}: [keys.{}] {}: cannot read key {:?} (write e.g. \"j\", \"Ctrl-d\", \"PageDown\"); keeping the default {}",
                    e.line, e.view, e.action, e.keys, default
                ));
                continue;
            };
            good.push((e, view, action, keys));
        }
        let mut clashing = vec![false; good.len()];
        for i in 0..good.len() {
            for j in i + 1..good.len() {
                let (a, b) = (&good[i], &good[j]);
                if a.1 == b.1
                    && a.2 != b.2
                    && let Some(k) = a.3.iter().find(|k| b.3.contains(k))
                {
                    problems.push(format!(
                        "{file} line {}: [keys.{}] \"{k}\" is bound to both {} and {} (line {}); keeping the defaults of both",
                        b.0.line, b.0.view, a.0.action, b.0.action, a.0.line
                    ));
                    clashing[i] = true;
                    clashing[j] = true;
                }
            }
        }
        for (i, (_, view, action, keys)) in good.into_iter().enumerate() {
            if !clashing[i] {
                map.views.entry(view).or_default().bind(action, keys);
            }
        }
        (map, problems)
    }

    fn describe_keys(&self, view: KeyView, action: &str) -> String {
        let keys = Action::from_name(action)
            .and_then(|a| self.keys_for(view, a))
            .map(|k| k.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>());
        match keys {
            Some(k) if !k.is_empty() => k.join(", "),
            _ => "(none)".into(),
        }
    }

    /// The action a key means in a view: the view's own keys first, then the
    /// global ones (prompts and overlays have no global keys of their own).
    pub fn action(&self, view: KeyView, key: Key) -> Option<Action> {
        self.action_in(view, key)
            .or_else(|| self.action_in(KeyView::Global, key))
    }

    /// The action a key means in one section, without the global keys.
    pub fn action_in(&self, view: KeyView, key: Key) -> Option<Action> {
        self.views.get(&view)?.by_key.get(&key).copied()
    }

    pub fn keys_for(&self, view: KeyView, action: Action) -> Option<&[Key]> {
        self.views
            .get(&view)?
            .entries
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, k)| k.as_slice())
    }

    /// The entries of a view, in help order.
    pub fn entries(&self, view: KeyView) -> &[(Action, Vec<Key>)] {
        self.views.get(&view).map_or(&[], |v| v.entries.as_slice())
    }

    /// The keys of an action joined for a status line (`j/↓`).
    pub fn label(&self, view: KeyView, action: Action) -> String {
        self.keys_for(view, action)
            .or_else(|| self.keys_for(KeyView::Global, action))
            .map(|k| k.iter().map(Key::to_string).collect::<Vec<_>>().join("/"))
            .unwrap_or_default()
    }
}

fn value_keys(v: &toml::Value) -> Option<Vec<String>> {
    match v {
        toml::Value::String(s) => Some(vec![s.clone()]),
        toml::Value::Array(a) => a.iter().map(|v| v.as_str().map(str::to_string)).collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    fn entry(view: &str, action: &str, keys: &[&str], line: usize) -> KeyEntry {
        KeyEntry {
            view: view.into(),
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line,
        }
    }

    #[test]
    fn keys_are_found_by_key_in_the_view_then_globally() {
        let m = Keymap::defaults();
        assert_eq!(
            m.action(KeyView::Reader, key("}")),
            Some(Action::NextParagraph)
        );
        assert_eq!(m.action(KeyView::Reader, key("Esc")), Some(Action::Cancel));
        assert_eq!(
            m.action(KeyView::Library, key("Ctrl-d")),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            m.action_in(KeyView::Prompt, key("Ctrl-w")),
            Some(Action::DeleteWord)
        );
        assert_eq!(m.action_in(KeyView::Prompt, key("x")), None);
    }

    #[test]
    fn a_users_key_moves_from_the_default_action() {
        let (m, p) = Keymap::with_overrides(&[entry("reader", "next_paragraph", &["j"], 3)], "c");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            m.action(KeyView::Reader, key("j")),
            Some(Action::NextParagraph)
        );
        assert_eq!(
            m.keys_for(KeyView::Reader, Action::ScrollDown),
            Some(&[key("Down")][..])
        );
    }

    #[test]
    fn one_key_for_two_actions_is_reported_and_both_keep_their_defaults() {
        let (m, p) = Keymap::with_overrides(
            &[
                entry("reader", "next_paragraph", &["x"], 2),
                entry("reader", "previous_paragraph", &["x"], 3),
                entry("reader", "nothing", &["y"], 4),
            ],
            "c.toml",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p.iter()
                .any(|l| l.starts_with("c.toml line 3:") && l.contains("both"))
        );
        assert!(p.iter().any(|l| l.starts_with("c.toml line 4:")));
        assert_eq!(
            m.action(KeyView::Reader, key("}")),
            Some(Action::NextParagraph)
        );
        assert_eq!(m.action(KeyView::Reader, key("x")), None);
    }
}
