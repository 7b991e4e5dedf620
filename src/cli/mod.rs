//! The non-interactive subcommands, and what they share: the global options,
//! loading the library, writing to stdout, and the exit-status contract
//! (0 success, 1 failure, 2 usage error; one clear line on stderr).

pub mod bookmarks;
pub mod dates;
pub mod list;
pub mod meta;
pub mod search;
pub mod show;
pub mod sources;
pub mod width;
pub mod wrap;

use std::io::{self, Write};
use std::path::PathBuf;

use crate::store::{Library, LoadOptions, StoreError, Walked};

/// The options every subcommand accepts.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Globals {
    /// Also read the articles in PATH: a folder (read recursively) or a
    /// file, of one article or of many (JSON Lines, JSON, CSV, a feed);
    /// repeatable
    #[arg(long = "articles", value_name = "PATH", global = true)]
    pub articles: Vec<PathBuf>,
    /// Leave the bundled collection out
    #[arg(long, global = true)]
    pub no_bundled: bool,
    /// Where bookmarks and reading state live [default: the platform data dir]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Configuration file [default: config.toml in the platform config dir]
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Parse every article file afresh, and neither read nor write the
    /// article cache [the cache lives in YUEDU_CACHE_DIR, else the platform
    /// cache dir]
    #[arg(long, global = true)]
    pub no_cache: bool,
}

impl Globals {
    fn project_dirs() -> Option<directories::ProjectDirs> {
        directories::ProjectDirs::from("", "", "yuedu")
    }

    /// The data dir: `--data-dir`, else the platform's.
    pub fn data_dir(&self) -> Result<PathBuf, CliError> {
        match &self.data_dir {
            Some(d) => Ok(d.clone()),
            None => Self::project_dirs()
                .map(|p| p.data_dir().to_path_buf())
                .ok_or_else(|| {
                    CliError::Failed(anyhow::anyhow!(
                        "no home folder to keep data in: pass --data-dir DIR"
                    ))
                }),
        }
    }

    /// The article cache's folder: `YUEDU_CACHE_DIR`, else the platform's;
    /// `None` with `--no-cache`.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        match std::env::var_os("YUEDU_CACHE_DIR") {
            Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
            _ => Self::project_dirs().map(|p| p.cache_dir().to_path_buf()),
        }
    }

    /// `Err` when `--config` names a file that does not exist (the
    /// platform's default may well not).
    pub fn check_config(&self) -> Result<(), CliError> {
        match &self.config {
            Some(path) if !path.exists() => Err(CliError::Usage(format!(
                "--config {}: no such file",
                crate::text::sanitize(&path.display().to_string())
            ))),
            _ => Ok(()),
        }
    }

    /// The config file: `--config`, else the platform's (which may not exist).
    pub fn config_file(&self) -> Option<PathBuf> {
        self.config
            .clone()
            .or_else(|| Self::project_dirs().map(|p| p.config_dir().join("config.toml")))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line is wrong: exit status 2.
    #[error("{0}")]
    Usage(String),
    /// Anything else: exit status 1.
    #[error("{}", one_line(.0))]
    Failed(#[from] anyhow::Error),
}

/// An error and its causes as one line, `outer: cause: cause`, leaving out
/// a cause the line already says (an error that prints its OS error and
/// also gives it as its source would otherwise say it twice).
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.is_empty() {
            line = text;
        } else if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    line
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Failed(_) => 1,
        }
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Failed(e.into())
    }
}

/// What a command needs of the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Metadata, regions and programmes: `list`, `regions`, `programmes`.
    Metadata,
    /// The text too.
    Text,
}

/// Loads the library the global options describe, with its text; every file
/// that could not be read is reported on stderr, one line each.
pub fn load_library(globals: &Globals) -> Result<Library, CliError> {
    load_library_with(globals, Need::Text)
}

/// [`load_library`], keeping only what `need` asks for.
pub fn load_library_with(globals: &Globals, need: Need) -> Result<Library, CliError> {
    load_library_walked(globals, need, None)
}

/// [`load_library_with`] of the files a walk just found, if one was taken
/// (see [`crate::store::Table::current_or_walk`]).
pub fn load_library_walked(
    globals: &Globals,
    need: Need,
    walked: Option<Walked>,
) -> Result<Library, CliError> {
    let progress = LoadProgress::new();
    let step = |done, total| progress.step(done, total);
    let loaded = load_with_keys(globals, need, (None, false), &step, walked);
    progress.finish();
    let library = loaded?;
    for problem in &library.problems {
        crate::safe::warn(problem);
    }
    for note in &library.notes {
        crate::safe::warn(note);
    }
    Ok(library)
}

/// Loads the library, calling `progress(done, total)` as files are read,
/// and printing nothing: the files that could not be read are in
/// `library.problems`.
pub fn load_quietly(
    globals: &Globals,
    need: Need,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Library, CliError> {
    load_with_keys(globals, need, (None, false), progress, None)
}

/// [`load_quietly`] with the text, each article's match keys for the
/// library's filter made by `keys` (once, and kept in the article cache);
/// with `trust_cache`, the folders' files as their caches hold them, not
/// looked at ([`Library::unchecked`]).
pub fn load_for_reader(
    globals: &Globals,
    keys: fn(&crate::model::Article) -> String,
    trust_cache: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Library, CliError> {
    load_with_keys(
        globals,
        Need::Text,
        (Some(keys), trust_cache),
        progress,
        None,
    )
}

/// What makes an article's match keys.
type KeysOf = fn(&crate::model::Article) -> String;

/// What a command's load reads: the folders and the bundled collection as
/// the global options say, through the article cache unless `--no-cache`.
pub fn load_options(globals: &Globals, need: Need) -> LoadOptions {
    LoadOptions {
        dirs: globals.articles.clone(),
        bundled: !globals.no_bundled,
        metadata_only: need == Need::Metadata,
        cache_dir: globals.cache_dir(),
        keys: None,
        trust_cache: false,
    }
}

fn load_with_keys(
    globals: &Globals,
    need: Need,
    (keys, trust_cache): (Option<KeysOf>, bool),
    progress: &(dyn Fn(usize, usize) + Sync),
    walked: Option<Walked>,
) -> Result<Library, CliError> {
    let options = LoadOptions {
        keys,
        trust_cache,
        ..load_options(globals, need)
    };
    let taxonomy = crate::taxonomy::Taxonomy::bundled();
    Library::load_walked(&options, taxonomy, progress, walked).map_err(|e| match e {
        StoreError::MissingDir(_) | StoreError::NotADir(_) => CliError::Usage(e.to_string()),
        other => CliError::Failed(other.into()),
    })
}

/// Lets a command's library (or what it read of it) live until the process
/// exits, which is right after the command: freeing thousands of strings
/// one by one would only delay the exit.
pub fn keep_until_exit<T>(library: T) {
    std::mem::forget(library);
}

/// A progress line on stderr for a load that takes more than 200 ms, when
/// stderr is a terminal; nothing otherwise (and never on stdout).
struct LoadProgress {
    started: std::time::Instant,
    on_terminal: bool,
    bar: std::sync::OnceLock<indicatif::ProgressBar>,
}

impl LoadProgress {
    fn new() -> LoadProgress {
        use std::io::IsTerminal;
        LoadProgress {
            started: std::time::Instant::now(),
            on_terminal: io::stderr().is_terminal(),
            bar: std::sync::OnceLock::new(),
        }
    }

    fn step(&self, done: usize, total: usize) {
        if !self.on_terminal || self.started.elapsed() < std::time::Duration::from_millis(200) {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "reading articles {bar:30} {pos}/{len} {elapsed}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        bar.set_position(done as u64);
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// Writes to stdout through `f`; a closed pipe (`yuedu list | head`) ends the
/// output quietly instead of failing.
pub fn with_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Writes `items` as a pretty-printed JSON array, byte for byte as
/// `serde_json::to_writer_pretty` would, rendering the elements on every
/// core (a library-wide search can have tens of thousands).
pub fn write_json_array<I: Sync, T: serde::Serialize>(
    out: &mut dyn Write,
    items: &[I],
    render: impl Fn(&I) -> T + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    /// A run of items, serialised as an array of what they render to.
    struct Run<'a, I, F>(&'a [I], &'a F);
    impl<I, T: serde::Serialize, F: Fn(&I) -> T> serde::Serialize for Run<'_, I, F> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.iter().map(self.1))
        }
    }
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    // Each run is a whole array, `[` … `\n]`; between its brackets are its
    // elements at the indent they have in the whole array. A few runs a
    // core are rendered at once, then written, into buffers used again for
    // the next few: memory stays that of a few runs, however many items.
    const RUN: usize = 256;
    let mut buffers = vec![Vec::new(); rayon::current_num_threads().max(1) * 4];
    out.write_all(b"[")?;
    for (i, batch) in items.chunks(RUN * buffers.len()).enumerate() {
        buffers
            .par_iter_mut()
            .zip(batch.par_chunks(RUN))
            .try_for_each(|(buffer, run)| {
                buffer.clear();
                serde_json::to_writer_pretty(&mut *buffer, &Run(run, &render))
            })?;
        for (j, buffer) in buffers.iter().take(batch.len().div_ceil(RUN)).enumerate() {
            if i + j > 0 {
                out.write_all(b",")?;
            }
            out.write_all(&buffer[1..buffer.len() - 2])?;
        }
    }
    out.write_all(b"\n]")
}

/// Looks an article up by id, or fails with one clear line.
/// A paragraph number as a person types it (`3`: the third paragraph,
/// counted from 1 as the reader, `search` and `bookmarks list` show them).
pub fn paragraph_number(typed: &str) -> Result<usize, CliError> {
    match typed.trim().parse::<usize>() {
        Ok(0) => Err(CliError::Usage(
            "paragraphs are counted from 1 (1 is the first paragraph); there is no paragraph 0"
                .into(),
        )),
        Ok(n) => Ok(n),
        Err(_) => Err(CliError::Usage(format!(
            "a paragraph is a number counted from 1, as the reader shows it (¶ 3), not '{}'",
            crate::text::sanitize(typed)
        ))),
    }
}

pub fn find_article<'a>(
    library: &'a crate::store::Library,
    id: &str,
) -> Result<&'a crate::model::Article, CliError> {
    library.get(id).ok_or_else(|| {
        CliError::Failed(anyhow::anyhow!(
            "no article with id '{id}' (see `yuedu list`)"
        ))
    })
}

/// Whether colour may be used on stdout.
pub fn colour_allowed() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::write_json_array;

    /// The array is what serde_json writes for the whole, at every count
    /// around the size of a run.
    #[test]
    fn json_array_is_serde_pretty() {
        for n in [0, 1, 2, 255, 256, 257, 1025, 2048, 2049, 9000] {
            let items: Vec<usize> = (0..n).collect();
            let render = |&i: &usize| serde_json::json!({ "n": i, "s": format!("寻乌\"{i}\n") });
            let mut out = Vec::new();
            write_json_array(&mut out, &items, render).unwrap();
            let all: Vec<_> = items.iter().map(render).collect();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&all).unwrap(),
                "{n} items"
            );
        }
    }

    /// An OS error given both in an error's text and as its source is said
    /// once; causes the line does not say yet are kept.
    #[test]
    fn an_error_line_says_each_cause_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("articles folder /x: {source}")]
        struct Twice {
            source: std::io::Error,
        }
        let os = || std::io::Error::from_raw_os_error(13);
        let e = super::CliError::from(anyhow::Error::new(Twice { source: os() }));
        assert_eq!(
            e.to_string(),
            "articles folder /x: Permission denied (os error 13)"
        );
        let e = super::CliError::from(anyhow::Error::new(os()).context("cannot read a.json"));
        assert_eq!(
            e.to_string(),
            "cannot read a.json: Permission denied (os error 13)"
        );
    }
}
