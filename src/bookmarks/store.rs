//! The bookmarks file: JSON with a schema version in the data dir, written
//! atomically. Every change takes a cross-process lock, re-reads the file
//! under it and applies only its own change, so two instances (a TUI and a
//! script) never lose each other's bookmarks. A corrupt file is never
//! overwritten: it is set aside and reported. A newer version's file is
//! left exactly as it is: nothing of it is shown, and every change refuses.
//! The lock is an flock and a POSIX (fcntl) lock on `bookmarks.lock`, so a
//! program using either (`flock`, `lockf`) is seen.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::model::Bookmark;

/// The schema this version writes and reads: 2 counts paragraphs from 1,
/// as people do; files of schema 1 (from 0) are read as they are and
/// written as schema 2 on the next change.
pub const SCHEMA_VERSION: u32 = 2;
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
    // The OS error is part of the line, not a `source`, so printing the
    // chain of causes does not repeat it.
    #[error("bookmarks file {path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(
        "bookmarks file {path} was written by a newer yuedu (schema {version}): left as it is; this yuedu neither shows nor changes its bookmarks"
    )]
    Newer { path: PathBuf, version: u64 },
    #[error(
        "bookmarks file {0} is locked by another yuedu (or another program) for more than {1} ms; nothing was changed, try again"
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
    /// The schema of the file on disk when a newer yuedu wrote it.
    newer: Option<u64>,
    /// Says nothing on stderr while waiting for the lock (the TUI, whose
    /// screen stderr would write over).
    quiet: bool,
}

/// Reading the file: its bookmarks, or what is wrong with it.
enum Read {
    Fine(Vec<Bookmark>),
    Missing,
    /// Why, and the bookmarks that could still be read from it.
    Corrupt(String, Vec<Bookmark>),
    Newer(u64),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BookmarkError + '_ {
    move |error| BookmarkError::Io {
        path: path.to_path_buf(),
        error,
    }
}

impl BookmarkStore {
    pub const FILE_NAME: &'static str = "bookmarks.json";

    /// Opens the bookmarks of `dir`. Returns also one line for each problem
    /// met (a file set aside, a file of a newer yuedu), to show the user.
    pub fn open(dir: &Path) -> Result<(BookmarkStore, Vec<String>), BookmarkError> {
        let mut store = BookmarkStore {
            path: dir.join(Self::FILE_NAME),
            lock_path: dir.join("bookmarks.lock"),
            bookmarks: Vec::new(),
            writer: crate::storage::write_atomic,
            newer: None,
            quiet: false,
        };
        let mut warnings = Vec::new();
        match read(&store.path)? {
            Read::Fine(b) => store.bookmarks = b,
            Read::Missing => {}
            Read::Newer(version) => {
                store.newer = Some(version);
                warnings.push(store.newer_error(version).to_string());
            }
            Read::Corrupt(..) => {
                // Set aside under the lock, so a file another instance is
                // writing right now is not mistaken for a broken one.
                match store.modify(|_| Ok(())) {
                    Ok((_, w)) => warnings.extend(w),
                    Err(e @ BookmarkError::Newer { .. }) => warnings.push(e.to_string()),
                    Err(e) => return Err(e),
                }
            }
        }
        Ok((store, warnings))
    }

    fn newer_error(&self, version: u64) -> BookmarkError {
        BookmarkError::Newer {
            path: self.path.clone(),
            version,
        }
    }

    /// `Err` if a newer yuedu wrote the file: what a command that changes
    /// bookmarks says instead of trying.
    pub fn check_writable(&self) -> Result<(), BookmarkError> {
        match self.newer {
            Some(version) => Err(self.newer_error(version)),
            None => Ok(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the file through `writer` from now on (a disk that fails, in
    /// tests of what the user is told and what stays on disk).
    pub fn set_writer(&mut self, writer: Writer) {
        self.writer = writer;
    }

    /// Waits for another instance's lock without a word on stderr.
    pub fn set_quiet(&mut self, quiet: bool) {
        self.quiet = quiet;
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
            Read::Newer(version) => {
                self.newer = Some(version);
                self.bookmarks.clear();
                return Err(self.newer_error(version));
            }
            Read::Corrupt(why, readable) => {
                // A link's target is set aside, and the new file is written
                // through the link.
                let real = crate::storage::resolve(&self.path).map_err(io(&self.path))?;
                let kept_at = crate::storage::set_aside(&real, "corrupt").map_err(io(&real))?;
                let carried = match readable.len() {
                    0 => String::new(),
                    1 => " with the 1 bookmark that could be read".to_string(),
                    n => format!(" with the {n} bookmarks that could be read"),
                };
                warnings.push(format!(
                    "bookmarks file {} {why}: kept as {} and a new file started{carried}",
                    self.path.display(),
                    kept_at.display()
                ));
                readable
            }
        };
        self.newer = None;
        let before = bookmarks.clone();
        let value = change(&mut bookmarks)?;
        if bookmarks != before || !self.path.exists() && !bookmarks.is_empty() {
            let contents = FileContents {
                version: SCHEMA_VERSION,
                bookmarks: super::model::counted_from_one(&bookmarks),
            };
            let mut json = serde_json::to_vec_pretty(&contents).map_err(|e| BookmarkError::Io {
                path: self.path.clone(),
                error: e.into(),
            })?;
            json.push(b'\n');
            (self.writer)(&self.path, &json).map_err(io(&self.path))?;
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
                Ok(()) if posix_lock(&file) => return Ok(file),
                Ok(()) => file.unlock().map_err(io(&self.lock_path))?,
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(io(&self.lock_path)(e)),
            }
            if started.elapsed() > wait {
                return Err(BookmarkError::Locked(self.path.clone(), wait.as_millis()));
            }
            if !told && !self.quiet && started.elapsed() > Duration::from_secs(1) {
                crate::safe::warn(format_args!(
                    "waiting for another yuedu to finish with {}",
                    self.path.display()
                ));
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

    /// Merges bookmarks (from an export, checked by
    /// [`super::import::parse_export`]) without duplicates; the lock is held
    /// for the merge and the write only.
    pub fn import(
        &mut self,
        incoming: Vec<Bookmark>,
    ) -> Result<super::import::ImportReport, BookmarkError> {
        self.modify(|all| Ok(super::import::merge(all, incoming)))
            .map(|(report, _)| report)
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

/// Takes a POSIX (fcntl) lock on the whole lock file besides the flock, so
/// a program locking it with `lockf` or `fcntl` is waited for too. Returns
/// false while another process holds one; where POSIX locks cannot be had
/// (some network file systems), the flock alone does.
fn posix_lock(file: &File) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, fcntl_lock};
        use rustix::io::Errno;
        match fcntl_lock(file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => true,
            Err(e) => !matches!(e, Errno::AGAIN | Errno::ACCESS),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        true
    }
}

fn read(path: &Path) -> Result<Read, BookmarkError> {
    let bytes = match crate::storage::read_state(path).map_err(io(path))? {
        Some(b) => b,
        None => return Ok(Read::Missing),
    };
    if let Some(v) = crate::storage::newer_schema(&bytes, SCHEMA_VERSION) {
        return Ok(Read::Newer(v));
    }
    match serde_json::from_slice::<FileContents>(&bytes) {
        Ok(c) => Ok(Read::Fine(
            c.bookmarks
                .into_iter()
                .map(|b| b.read_in(c.version))
                .collect(),
        )),
        Err(e) => Ok(Read::Corrupt(
            format!("is not valid ({e})"),
            readable(&bytes),
        )),
    }
}

/// The bookmarks of a file that does not parse as a whole but whose list
/// does, one bookmark at a time: those that can be read.
fn readable(bytes: &[u8]) -> Vec<Bookmark> {
    let Ok(serde_json::Value::Object(mut file)) = serde_json::from_slice(bytes) else {
        return Vec::new();
    };
    let Some(serde_json::Value::Array(list)) = file.remove("bookmarks") else {
        return Vec::new();
    };
    let version = file.get("version").and_then(serde_json::Value::as_u64);
    let version = version.map_or(SCHEMA_VERSION, |v| v.min(u64::from(SCHEMA_VERSION)) as u32);
    list.into_iter()
        .filter_map(|v| serde_json::from_value::<Bookmark>(v).ok())
        .map(|b| b.read_in(version))
        .collect()
}
