//! The bookmarks file: JSON with a schema version in the data dir, written
//! atomically. Every change takes a cross-process lock, re-reads the file
//! under it and applies only its own change, so two instances (a TUI and a
//! script) never lose each other's bookmarks. A corrupt file, or one from a
//! newer version, is never overwritten: it is moved aside and reported.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::model::Bookmark;

/// The schema this version writes and reads.
pub const SCHEMA_VERSION: u32 = 1;
/// How long a change waits for another instance holding the lock.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The lock wait in force: [`LOCK_WAIT`], or `YUEDU_LOCK_WAIT_MS` for
/// scripts that would rather fail fast.
fn lock_wait() -> Duration {
    std::env::var("YUEDU_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(LOCK_WAIT, Duration::from_millis)
}

#[derive(Debug, thiserror::Error)]
pub enum BookmarkError {
    #[error("bookmarks file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "bookmarks file {0} is locked by another yuedu for more than {1} ms; nothing was changed, try again"
    )]
    Locked(PathBuf, u128),
    #[error("no bookmark with id '{0}' (see `yuedu bookmarks list`)")]
    Unknown(String),
}

#[derive(Debug, Serialize, Deserialize)]
struct FileContents {
    version: u32,
    bookmarks: Vec<Bookmark>,
}

/// How the bookmarks file is replaced: [`crate::storage::write_atomic`],
/// unless a test stands in a failing disk.
pub type Writer = fn(&Path, &[u8]) -> std::io::Result<()>;

/// The bookmarks of one data dir.
#[derive(Debug)]
pub struct BookmarkStore {
    path: PathBuf,
    lock_path: PathBuf,
    bookmarks: Vec<Bookmark>,
    writer: Writer,
}

/// Reading the file: its bookmarks, or why it was set aside.
enum Read {
    Fine(Vec<Bookmark>),
    Missing,
    SetAside { kept_at: PathBuf, why: String },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BookmarkError + '_ {
    move |source| BookmarkError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl BookmarkStore {
    pub const FILE_NAME: &'static str = "bookmarks.json";

    /// Opens the bookmarks of `dir`. Returns also one line for each problem
    /// met (a file set aside), to show the user.
    pub fn open(dir: &Path) -> Result<(BookmarkStore, Vec<String>), BookmarkError> {
        let mut store = BookmarkStore {
            path: dir.join(Self::FILE_NAME),
            lock_path: dir.join("bookmarks.lock"),
            bookmarks: Vec::new(),
            writer: crate::storage::write_atomic,
        };
        let mut warnings = Vec::new();
        match read(&store.path)? {
            Read::Fine(b) => store.bookmarks = b,
            Read::Missing => {}
            Read::SetAside { .. } => {
                // Set aside under the lock, so a file another instance is
                // writing right now is not mistaken for a broken one.
                let (_, w) = store.modify(|_| Ok(()))?;
                warnings.extend(w);
            }
        }
        Ok((store, warnings))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the file through `writer` from now on (a disk that fails, in
    /// tests of what the user is told and what stays on disk).
    pub fn set_writer(&mut self, writer: Writer) {
        self.writer = writer;
    }

    /// The bookmarks as last read or written.
    pub fn list(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.id == id)
    }

    /// Re-reads the file (to see other instances' changes).
    pub fn reload(&mut self) -> Result<Vec<String>, BookmarkError> {
        let (_, w) = self.modify(|_| Ok(()))?;
        Ok(w)
    }

    /// Applies `change` to the bookmarks as they are on disk, under the lock,
    /// and writes them back if it returns `Ok`. Returns its value and the
    /// warnings met.
    pub fn modify<T>(
        &mut self,
        change: impl FnOnce(&mut Vec<Bookmark>) -> Result<T, BookmarkError>,
    ) -> Result<(T, Vec<String>), BookmarkError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let lock = self.lock()?;
        let mut warnings = Vec::new();
        let mut bookmarks = match read(&self.path)? {
            Read::Fine(b) => b,
            Read::Missing => Vec::new(),
            Read::SetAside { kept_at, why } => {
                std::fs::rename(&self.path, &kept_at).map_err(io(&self.path))?;
                warnings.push(format!(
                    "bookmarks file {} {why}: kept as {} and a new file started",
                    self.path.display(),
                    kept_at.display()
                ));
                Vec::new()
            }
        };
        let before = bookmarks.clone();
        let value = change(&mut bookmarks)?;
        if bookmarks != before || !self.path.exists() && !bookmarks.is_empty() {
            let contents = FileContents {
                version: SCHEMA_VERSION,
                bookmarks,
            };
            let mut json = serde_json::to_vec_pretty(&contents).map_err(|e| BookmarkError::Io {
                path: self.path.clone(),
                source: e.into(),
            })?;
            json.push(b'\n');
            (self.writer)(&self.path, &json).map_err(io(&self.path))?;
            bookmarks = contents.bookmarks;
        }
        self.bookmarks = bookmarks;
        drop(lock);
        Ok((value, warnings))
    }

    /// Takes the lock file, waiting for another instance up to [`LOCK_WAIT`].
    fn lock(&self) -> Result<File, BookmarkError> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&self.lock_path)
            .map_err(io(&self.lock_path))?;
        let started = Instant::now();
        let wait = lock_wait();
        let mut told = false;
        loop {
            // The lock goes with the open file: it is released when the
            // file is closed, also when the process dies.
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(io(&self.lock_path)(e)),
            }
            if started.elapsed() > wait {
                return Err(BookmarkError::Locked(self.path.clone(), wait.as_millis()));
            }
            if !told && started.elapsed() > Duration::from_secs(1) {
                eprintln!(
                    "yuedu: waiting for another yuedu to finish with {}",
                    self.path.display()
                );
                told = true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn add(&mut self, b: Bookmark) -> Result<Bookmark, BookmarkError> {
        let added = b.clone();
        self.modify(|all| {
            all.push(b);
            Ok(())
        })?;
        Ok(added)
    }

    pub fn remove(&mut self, id: &str) -> Result<Bookmark, BookmarkError> {
        self.modify(|all| {
            let i = all
                .iter()
                .position(|b| b.id == id)
                .ok_or_else(|| BookmarkError::Unknown(id.to_string()))?;
            Ok(all.remove(i))
        })
        .map(|(b, _)| b)
    }

    /// Puts back a removed bookmark (undo), unless it is there already.
    pub fn restore(&mut self, b: Bookmark) -> Result<(), BookmarkError> {
        self.modify(|all| {
            if !all.iter().any(|x| x.id == b.id) {
                all.push(b);
            }
            Ok(())
        })
        .map(|_| ())
    }

    pub fn set_note(&mut self, id: &str, note: &str) -> Result<(), BookmarkError> {
        self.modify(|all| {
            let b = all
                .iter_mut()
                .find(|b| b.id == id)
                .ok_or_else(|| BookmarkError::Unknown(id.to_string()))?;
            if b.note != note {
                b.note = note.to_string();
                b.updated = super::model::now();
            }
            Ok(())
        })
        .map(|_| ())
    }

    /// Merges bookmarks (from an export) without duplicates; returns how
    /// many were added.
    pub fn import(&mut self, incoming: Vec<Bookmark>) -> Result<usize, BookmarkError> {
        self.modify(|all| {
            let mut added = 0;
            for b in incoming {
                if !all.iter().any(|x| x.same_as(&b)) {
                    all.push(b);
                    added += 1;
                }
            }
            Ok(added)
        })
        .map(|(n, _)| n)
    }

    /// Re-anchors every bookmark on the library as it is now, saving what
    /// moved. Bookmarks of articles not in the library are left as they are.
    pub fn reanchor(&mut self, library: &crate::store::Library) -> Result<(), BookmarkError> {
        let needs = self.bookmarks.iter().any(|b| {
            let mut c = b.clone();
            library
                .get(&b.article)
                .is_some_and(|a| super::anchor::reanchor(&mut c, a))
        });
        if !needs {
            return Ok(());
        }
        self.modify(|all| {
            for b in all.iter_mut() {
                if let Some(a) = library.get(&b.article) {
                    super::anchor::reanchor(b, a);
                }
            }
            Ok(())
        })
        .map(|_| ())
    }
}

fn timestamp() -> String {
    let f = time::macros::format_description!("[year][month][day]T[hour][minute][second]");
    time::OffsetDateTime::now_utc()
        .format(&f)
        .unwrap_or_else(|_| "unknown-time".to_string())
}

fn read(path: &Path) -> Result<Read, BookmarkError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Read::Missing),
        Err(e) => return Err(io(path)(e)),
    };
    let aside = |tag: &str, why: String| {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{tag}-{}", timestamp()));
        Read::SetAside {
            kept_at: PathBuf::from(name),
            why,
        }
    };
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    match serde_json::from_slice::<Version>(&bytes) {
        Ok(v) if v.version > SCHEMA_VERSION => {
            return Ok(aside(
                "newer",
                format!("was written by a newer yuedu (schema {})", v.version),
            ));
        }
        Ok(_) => {}
        Err(e) => return Ok(aside("corrupt", format!("is not valid ({e})"))),
    }
    match serde_json::from_slice::<FileContents>(&bytes) {
        Ok(c) => Ok(Read::Fine(c.bookmarks)),
        Err(e) => Ok(aside("corrupt", format!("is not valid ({e})"))),
    }
}
