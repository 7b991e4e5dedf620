//! The reader's state on disk: the text column width and each article's
//! reading position (paragraph + byte offset, so it survives width changes).
//! JSON with a schema version; a file that cannot be read is reported and
//! never overwritten.

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
    /// returned for the status line.
    pub fn load(dir: &Path) -> (SavedState, Option<String>) {
        let path = dir.join(FILE_NAME);
        let mut saved = SavedState {
            path: Some(path.clone()),
            writable: true,
            ..SavedState::in_memory()
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (saved, None),
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
        match serde_json::from_slice::<ReadingState>(&bytes) {
            Ok(s) if s.version <= VERSION => {
                saved.state = s;
                saved.state.version = VERSION;
                (saved, None)
            }
            Ok(s) => {
                saved.writable = false;
                (
                    saved,
                    Some(format!(
                        "{} is from a newer yuedu (version {}); left as it is, positions will not be saved",
                        path.display(),
                        s.version
                    )),
                )
            }
            Err(e) => {
                saved.writable = false;
                (
                    saved,
                    Some(format!(
                        "{} is corrupt ({e}); left as it is, positions will not be saved",
                        path.display()
                    )),
                )
            }
        }
    }

    /// Writes the state atomically, if it may be written.
    pub fn save(&self) -> anyhow::Result<()> {
        let (Some(path), true) = (&self.path, self.writable) else {
            return Ok(());
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(&self.state)?;
        crate::storage::write_atomic(path, &json)?;
        Ok(())
    }
}
