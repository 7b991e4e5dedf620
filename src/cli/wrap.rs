//! `yuedu wrap`: stdin paragraphs wrapped by the layout engine — a
//! CJK-correct `fold`/`fmt` for scripts.

use std::borrow::Cow;
use std::io::{Read, Write};

use crate::cli::{CliError, width, with_stdout};
use crate::text::{Options, char_width, sanitize, wrap_with};

#[derive(Debug, Clone, clap::Args)]
pub struct WrapArgs {
    /// Columns to wrap at [default: terminal width, else 80]
    #[arg(long, value_name = "N")]
    pub width: Option<String>,
    /// Let one closing or stop mark hang past the right edge (标点悬挂)
    #[arg(long)]
    pub hang: bool,
}

pub fn run(args: &WrapArgs) -> Result<(), CliError> {
    let columns = width::resolve(args.width.as_deref())?;
    let mut input = Vec::with_capacity(stdin_size_hint());
    std::io::stdin().lock().read_to_end(&mut input)?;
    let text = simdutf8::compat::from_utf8(&input).map_err(|e| {
        CliError::Failed(anyhow::anyhow!(
            "stdin is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let options = Options {
        hang: args.hang,
        ..Options::default()
    };
    with_stdout(|out| wrap_text(text, columns, &options, out))
}

/// The size of stdin when it is a file (`yuedu wrap < big.txt`), so it is
/// read into one buffer without growing it; 0 when unknown.
fn stdin_size_hint() -> usize {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let size = std::io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .ok()
            .map(std::fs::File::from)
            .and_then(|f| f.metadata().ok())
            .filter(|m| m.is_file())
            .map_or(0, |m| m.len());
        // One byte more, so the read that finds the end needs no growth.
        usize::try_from(size).map_or(0, |n| n.saturating_add(1).min(u32::MAX as usize))
    }
    #[cfg(not(unix))]
    {
        0
    }
}

/// Wraps every paragraph of `text` (paragraphs are separated by blank lines)
/// and writes them separated by one blank line. No character is changed:
/// half-width punctuation stays half-width whatever `options` say.
pub fn wrap_text(
    text: &str,
    columns: usize,
    options: &Options,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let options = Options {
        fullwidth_punctuation: false,
        latin_gap: false,
        ..*options
    };
    use rayon::prelude::*;
    let paragraphs: Vec<Cow<str>> = paragraphs(text).collect();
    // Paragraphs are wrapped in parallel, a run of them into one buffer, in
    // batches so output can start before all of a large input is wrapped.
    const RUN: usize = 128;
    for (n, batch) in paragraphs.chunks(4096).enumerate() {
        let wrapped: Vec<String> = batch
            .par_chunks(RUN)
            .enumerate()
            .map(|(k, run)| {
                let bytes: usize = run.iter().map(|p| p.len()).sum();
                let mut buf = String::with_capacity(bytes + bytes / 16 + 2 * run.len());
                for (j, paragraph) in run.iter().enumerate() {
                    if n > 0 || k > 0 || j > 0 {
                        buf.push('\n');
                    }
                    wrap_into(paragraph, columns, &options, &mut buf);
                }
                buf
            })
            .collect();
        for w in &wrapped {
            out.write_all(w.as_bytes())?;
        }
    }
    Ok(())
}

/// Appends the lines of `paragraph`, each ending in a newline, to `buf`.
fn wrap_into(paragraph: &str, columns: usize, options: &Options, buf: &mut String) {
    // Checked once: most paragraphs need no character replaced.
    let clean = matches!(sanitize(paragraph), Cow::Borrowed(_));
    for line in wrap_with(paragraph, columns, 0, options) {
        let text = &paragraph[line.range];
        if clean {
            buf.push_str(text);
        } else {
            buf.push_str(&sanitize(text));
        }
        buf.push('\n');
    }
}

/// The paragraphs of `text`: runs of non-blank lines, joined. Two lines join
/// with nothing between CJK characters and with one space otherwise, as a
/// line break in the source is a space in Latin text only.
fn paragraphs(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    let mut lines = text
        .split('\n')
        .map(|l| l.trim_end_matches(['\r', ' ', '\t']));
    std::iter::from_fn(move || {
        // A paragraph of one line is that line, as it is in the text.
        let mut para: Cow<str> = Cow::Borrowed("");
        for line in lines.by_ref() {
            if line.trim().is_empty() {
                if para.is_empty() {
                    continue;
                }
                return Some(para);
            }
            if !para.is_empty() {
                let joins_wide = para.chars().next_back().is_some_and(|c| char_width(c) == 2)
                    || line
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|c| char_width(c) == 2);
                let para = para.to_mut();
                if !joins_wide {
                    para.push(' ');
                }
                para.push_str(line.trim_start());
            } else {
                para = Cow::Borrowed(line);
            }
        }
        (!para.is_empty()).then_some(para)
    })
}
