//! Front matter's YAML, loaded with bounds: aliases are expanded only while
//! the document stays small, and nesting stays shallow, so a few hundred
//! bytes (a "billion laughs" alias bomb, ten thousand `[`) can neither
//! exhaust memory nor the stack. yaml-rust2's parser gives the events; the
//! tree is built here because its own loader copies every alias whole.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::yaml::{Hash, Yaml};

/// What a document may cost, aliases counted as what they stand for: a node
/// costs 1, and its text 1 more per 64 bytes. Front matter is a few dozen
/// keys; this allows a few hundred thousand, some megabytes of memory.
pub const MAX_COST: usize = 200_000;
/// Collections inside collections.
pub const MAX_DEPTH: usize = 64;

/// Why front matter was not read as YAML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YamlError {
    #[error("front matter is not YAML: {0}")]
    Syntax(String),
    #[error("front matter is too large to read (its aliases expanded)")]
    TooLarge,
    #[error("front matter nests deeper than {MAX_DEPTH} levels")]
    TooDeep,
}

/// The first document of `text`, or `Yaml::BadValue` when there is none.
pub fn load(text: &str) -> Result<Yaml, YamlError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut builder, false)
        .map_err(|e| YamlError::Syntax(e.to_string()))?;
    if let Some(e) = builder.error {
        return Err(e);
    }
    Ok(builder.doc.unwrap_or(Yaml::BadValue))
}

/// A collection being built, with its anchor and (for a mapping) the key
/// waiting for its value.
struct Open {
    node: Yaml,
    anchor: usize,
    key: Option<Yaml>,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    /// Each anchored node, with what it costs.
    anchors: std::collections::HashMap<usize, (Yaml, usize)>,
    /// What the nodes made so far cost, aliases counted as what they
    /// stand for.
    cost: usize,
    /// What the collections being built cost, for their anchors.
    counts: Vec<usize>,
    doc: Option<Yaml>,
    error: Option<YamlError>,
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, _mark: Marker) {
        if self.error.is_some() || self.doc.is_some() {
            return;
        }
        if let Err(e) = self.event(event) {
            self.error = Some(e);
            // What was built is dropped now, level by level.
            self.stack.clear();
            self.anchors.clear();
        }
    }
}

impl Builder {
    fn event(&mut self, event: Event) -> Result<(), YamlError> {
        match event {
            Event::SequenceStart(anchor, _) => self.open(Yaml::Array(Vec::new()), anchor),
            Event::MappingStart(anchor, _) => self.open(Yaml::Hash(Hash::new()), anchor),
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = self.stack.pop() else {
                    return Ok(());
                };
                let count = self.counts.pop().unwrap_or(1);
                self.insert(open.node, open.anchor, count)
            }
            Event::Scalar(value, style, anchor, tag) => {
                let cost = 1 + value.len() / 64;
                self.count(cost)?;
                self.insert(scalar(value, style, tag.as_ref()), anchor, cost)
            }
            Event::Alias(id) => {
                let (node, count) = self
                    .anchors
                    .get(&id)
                    .map_or((Yaml::BadValue, 1), |(n, c)| (n.clone(), *c));
                // Counted before it is copied: the copy is what could
                // exhaust memory.
                self.count(count)?;
                self.insert(node, 0, count)
            }
            Event::DocumentEnd => {
                if self.doc.is_none() {
                    self.doc = Some(Yaml::BadValue);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn count(&mut self, n: usize) -> Result<(), YamlError> {
        self.cost = self.cost.saturating_add(n);
        if self.cost > MAX_COST {
            return Err(YamlError::TooLarge);
        }
        for c in &mut self.counts {
            *c = c.saturating_add(n);
        }
        Ok(())
    }

    fn open(&mut self, node: Yaml, anchor: usize) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError::TooDeep);
        }
        self.count(1)?;
        self.stack.push(Open {
            node,
            anchor,
            key: None,
        });
        self.counts.push(1);
        Ok(())
    }

    /// Puts a finished node into the collection around it, or makes it the
    /// document.
    fn insert(&mut self, node: Yaml, anchor: usize, count: usize) -> Result<(), YamlError> {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), count));
        }
        let Some(parent) = self.stack.last_mut() else {
            self.doc = Some(node);
            return Ok(());
        };
        match &mut parent.node {
            Yaml::Array(items) => items.push(node),
            Yaml::Hash(map) => match parent.key.take() {
                None => parent.key = Some(node),
                // A repeated key keeps its first value, as the line reader
                // of front matter does.
                Some(key) => {
                    map.entry(key).or_insert(node);
                }
            },
            _ => {}
        }
        Ok(())
    }
}

/// A scalar's value under YAML's core schema, as yaml-rust2's loader reads it.
fn scalar(value: String, style: TScalarStyle, tag: Option<&Tag>) -> Yaml {
    if style != TScalarStyle::Plain {
        return Yaml::String(value);
    }
    match tag {
        Some(Tag { handle, suffix }) if handle == "tag:yaml.org,2002:" => match suffix.as_str() {
            "str" => Yaml::String(value),
            "int" => value.parse().map_or(Yaml::BadValue, Yaml::Integer),
            _ => Yaml::from_str(&value),
        },
        Some(_) => Yaml::String(value),
        None => Yaml::from_str(&value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_front_matter_holds() {
        let doc = load("title: 寻乌\ndate: 2023-05-06\ntags: [援疆, 对口支援]\nn: 3\n").unwrap();
        assert_eq!(doc["title"].as_str(), Some("寻乌"));
        assert_eq!(doc["date"].as_str(), Some("2023-05-06"));
        assert_eq!(doc["tags"][1].as_str(), Some("对口支援"));
        assert_eq!(doc["n"].as_i64(), Some(3));
    }

    #[test]
    fn small_aliases_are_expanded() {
        let doc = load("base: &b {source: 新华网}\nmore: *b\n").unwrap();
        assert_eq!(doc["more"]["source"].as_str(), Some("新华网"));
    }

    /// The "billion laughs": nine levels of nine aliases each.
    #[test]
    fn an_alias_bomb_is_refused() {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, name) in ('a'..='h').zip('b'..='i') {
            let refs = vec![format!("*{prev}"); 9].join(",");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        assert!(bomb.len() < 500);
        assert_eq!(load(&bomb), Err(YamlError::TooLarge));
    }

    /// One long string, copied by many aliases.
    #[test]
    fn aliases_of_a_long_text_are_refused() {
        let mut doc = format!("a: &a \"{}\"\nb: [", "字".repeat(100_000));
        doc.push_str(&vec!["*a"; 10_000].join(","));
        doc.push_str("]\n");
        assert_eq!(load(&doc), Err(YamlError::TooLarge));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("title: {}x{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(load(&deep), Err(YamlError::TooDeep));
        // Deeper still, the parser's own limit refuses it.
        let deeper = format!("title: {}x{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(load(&deeper).is_err());
        assert!(load("a: [[[[1]]]]").is_ok());
    }

    #[test]
    fn syntax_errors_say_so() {
        assert!(matches!(load("a: [1, 2"), Err(YamlError::Syntax(_))));
    }
}
