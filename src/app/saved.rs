//! The reader's state on disk: the text column width and each article's
//! reading position (paragraph + byte offset, so it survives width changes)
//! and how far it has been read.
//! JSON with a schema version; a corrupt file is set aside and reported, a
//! newer yuedu's file is left as it is and never overwritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "reading.json";
const VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub paragraph: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReadingState {
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_width: Option<usize>,
    #[serde(default)]
    pub positions: BTreeMap<String, Position>,
    /// How much of each article the reader has shown, the furthest it got,
    /// in per cent of its text (100: to the end).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "percentages"
    )]
    pub progress: BTreeMap<String, u32>,
}

/// Percentages as a file may hold them (`42`, `42.5`, `-3`, `1e9`): each
/// made a whole number from 0 to 100 rather than the file refused.
fn percentages<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, u32>, D::Error> {
    let raw = BTreeMap::<String, f64>::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|(id, p)| {
            (
                id,
                if p.is_finite() {
                    p.clamp(0.0, 100.0) as u32
                } else {
                    0
                },
            )
        })
        .collect())
}

/// The state and where it goes; `writable` is false when the file on disk
/// could not be understood (it is left for the user to look at).
#[derive(Debug, Clone)]
pub struct SavedState {
    pub path: Option<PathBuf>,
    pub state: ReadingState,
    pub writable: bool,
}

impl SavedState {
    /// State kept only in memory (tests, or no data dir).
    pub fn in_memory() -> SavedState {
        SavedState {
            path: None,
            state: ReadingState {
                version: VERSION,
                ..Default::default()
            },
            writable: false,
        }
    }

    /// Loads `reading.json` from the data dir; the problem, if any, is
    /// returned for the status line. A corrupt file is set aside (and a new
    /// one started); a newer yuedu's file is left exactly as it is, and
    /// nothing is saved over it.
    pub fn load(dir: &Path) -> (SavedState, Option<String>) {
        let path = dir.join(FILE_NAME);
        let mut saved = SavedState {
            path: Some(path.clone()),
            writable: true,
            ..SavedState::in_memory()
        };
        let bytes = match crate::storage::read_state(&path) {
            Ok(Some(b)) => b,
            Ok(None) => return (saved, None),
            Err(e) => {
                saved.writable = false;
                return (
                    saved,
                    Some(format!(
                        "cannot read {} ({e}); reading positions will not be saved",
                        path.display()
                    )),
                );
            }
        };
        if let Some(v) = crate::storage::newer_schema(&bytes, VERSION) {
            saved.writable = false;
            return (
                saved,
                Some(format!(
                    "{} was written by a newer yuedu (schema {v}): left as it is; reading positions will not be saved",
                    path.display()
                )),
            );
        }
        match serde_json::from_slice::<ReadingState>(&bytes) {
            Ok(s) => {
                saved.state = s;
                saved.state.version = VERSION;
                (saved, None)
            }
            Err(e) => {
                let kept = crate::storage::resolve(&path)
                    .and_then(|real| crate::storage::set_aside(&real, "corrupt"));
                let problem = match kept {
                    Ok(kept) => format!(
                        "{} is not valid ({e}): kept as {} and a new file started",
                        path.display(),
                        kept.display()
                    ),
                    Err(aside) => {
                        saved.writable = false;
                        format!(
                            "{} is not valid ({e}) and cannot be set aside ({aside}); left as it is, reading positions will not be saved",
                            path.display()
                        )
                    }
                };
                (saved, Some(problem))
            }
        }
    }

    /// Writes the state atomically, if it may be written (not over a file
    /// a newer yuedu wrote or one that could not be read).
    pub fn save(&self) -> Result<(), SaveError> {
        self.save_with(crate::storage::write_atomic)
    }

    /// [`SavedState::save`] through `writer` (a disk that fails, in tests).
    pub fn save_with(
        &self,
        writer: fn(&Path, &[u8]) -> std::io::Result<()>,
    ) -> Result<(), SaveError> {
        let (Some(path), true) = (&self.path, self.writable) else {
            return Ok(());
        };
        let fail = |error| SaveError {
            path: path.clone(),
            error,
        };
        let json = serde_json::to_vec_pretty(&self.state).map_err(|e| fail(e.into()))?;
        writer(path, &json).map_err(fail)
    }
}

/// A reading position that could not be saved (a full disk, a data dir
/// that cannot be written); the file on disk is as it was.
#[derive(Debug, thiserror::Error)]
#[error("could not save reading positions to {path}: {error}")]
pub struct SaveError {
    pub path: PathBuf,
    // Part of the line rather than a `source`, so it is not printed twice.
    pub error: std::io::Error,
}

#[cfg(test)]
mod tests;
