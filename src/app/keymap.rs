//! Keys as data: the default keymap (`assets/keymap.toml`) with the user's
//! `[keys.VIEW]` overrides on top, looked up per view.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use super::Action;
use crate::config::KeyEntry;

const DEFAULTS: &str = include_str!("../../assets/keymap.toml");

/// The keymap sections: keys in `Global` work in every view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyView {
    Global,
    Library,
    Reader,
    Bookmarks,
    Hits,
}

impl KeyView {
    pub const ALL: [KeyView; 5] = [
        KeyView::Global,
        KeyView::Library,
        KeyView::Reader,
        KeyView::Bookmarks,
        KeyView::Hits,
    ];

    fn name(self) -> &'static str {
        match self {
            KeyView::Global => "global",
            KeyView::Library => "library",
            KeyView::Reader => "reader",
            KeyView::Bookmarks => "bookmarks",
            KeyView::Hits => "hits",
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

/// Per view, the actions in the order the help lists them, each with keys.
#[derive(Debug, Clone)]
pub struct Keymap {
    views: HashMap<KeyView, Vec<(Action, Vec<Key>)>>,
}

#[derive(Deserialize)]
struct Raw(HashMap<KeyView, toml::Table>);

impl Keymap {
    /// The bundled defaults.
    pub fn defaults() -> Keymap {
        let mut views = HashMap::new();
        // The defaults are compiled in and covered by tests; a mistake in them
        // is a bug in this program, not in the user's setup.
        let raw: Raw = toml::from_str(DEFAULTS).expect("assets/keymap.toml is valid");
        // toml::Table keeps file order (preserve_order is not on), so order
        // the help by the Action enum instead.
        for (view, table) in raw.0 {
            let mut entries: Vec<(Action, Vec<Key>)> = table
                .iter()
                .map(|(name, keys)| {
                    let action = Action::from_name(name).expect("known action in keymap");
                    let keys = value_keys(keys).expect("keys in keymap");
                    let keys = keys.iter().map(|k| Key::parse(k).expect("key")).collect();
                    (action, keys)
                })
                .collect();
            entries.sort_by_key(|(a, _)| *a);
            views.insert(view, entries);
        }
        Keymap { views }
    }

    /// The defaults with the user's entries applied; each bad entry is
    /// reported and keeps its default.
    pub fn with_overrides(entries: &[KeyEntry], file: &str) -> (Keymap, Vec<String>) {
        let mut map = Keymap::defaults();
        let mut problems = Vec::new();
        for e in entries {
            let Some(view) = KeyView::ALL.iter().copied().find(|v| v.name() == e.view) else {
                problems.push(format!(
                    "{file} line {}: [keys.{}]: no such view (views: global, library, reader, bookmarks, hits); ignored",
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
            let list = map.views.entry(view).or_default();
            match list.iter_mut().find(|(a, _)| *a == action) {
                Some((_, k)) => *k = keys,
                None => {
                    list.push((action, keys));
                    list.sort_by_key(|(a, _)| *a);
                }
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
    /// global ones.
    pub fn action(&self, view: KeyView, key: Key) -> Option<Action> {
        let find = |v: KeyView| {
            self.views
                .get(&v)?
                .iter()
                .find(|(_, keys)| keys.contains(&key))
                .map(|(a, _)| *a)
        };
        find(view).or_else(|| find(KeyView::Global))
    }

    pub fn keys_for(&self, view: KeyView, action: Action) -> Option<&[Key]> {
        self.views
            .get(&view)?
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, k)| k.as_slice())
    }

    /// The entries of a view, in help order.
    pub fn entries(&self, view: KeyView) -> &[(Action, Vec<Key>)] {
        self.views.get(&view).map_or(&[], Vec::as_slice)
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
