//! The curated catalog (`assets/catalog.toml`): metadata overrides for the
//! bundled articles, kept as data so an editor can change them.

use std::collections::HashMap;

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
}

const CATALOG: &str = include_str!("../../assets/catalog.toml");

/// The catalog's entries by file name. The file is part of the build, and a
/// test checks it parses, so a broken edit cannot ship.
pub fn entries() -> HashMap<String, Entry> {
    toml::from_str(CATALOG).unwrap_or_default()
}

impl Entry {
    pub fn apply(&self, article: &mut super::Article) {
        if let Some(t) = &self.title {
            article.title = t.clone();
        }
        if let Some(s) = &self.subtitle {
            article.subtitle = Some(s.clone());
        }
        if let Some(d) = &self.date {
            article.date = Some(d.clone());
        }
        if let Some(s) = &self.source {
            article.source = Some(s.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalog_parses_and_names_bundled_files() {
        let parsed: std::collections::HashMap<String, super::Entry> =
            toml::from_str(super::CATALOG).expect("assets/catalog.toml is valid");
        let bundled: Vec<&str> = crate::store::bundled_files()
            .iter()
            .map(|(n, _)| *n)
            .collect();
        for name in parsed.keys() {
            assert!(bundled.contains(&name.as_str()), "{name} is not bundled");
        }
    }
}
