//! `yuedu wrap`: stdin paragraphs wrapped by the layout engine — a
//! CJK-correct `fold`/`fmt` for scripts.

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
    let mut input = Vec::new();
    std::io::stdin().lock().read_to_end(&mut input)?;
    let text = std::str::from_utf8(&input).map_err(|e| {
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
    let paragraphs: Vec<String> = paragraphs(text).collect();
    // Paragraphs are wrapped in parallel, in batches so output can start
    // before all of a large input is wrapped.
    for (n, batch) in paragraphs.chunks(4096).enumerate() {
        let wrapped: Vec<String> = batch
            .par_iter()
            .map(|paragraph| {
                let mut buf = String::with_capacity(paragraph.len() + paragraph.len() / 16 + 2);
                // Checked once: most paragraphs need no character replaced.
                let clean = matches!(sanitize(paragraph), std::borrow::Cow::Borrowed(_));
                for line in wrap_with(paragraph, columns, 0, &options) {
                    let text = &paragraph[line.range];
                    if clean {
                        buf.push_str(text);
                    } else {
                        buf.push_str(&sanitize(text));
                    }
                    buf.push('\n');
                }
                buf
            })
            .collect();
        for (i, w) in wrapped.iter().enumerate() {
            if n > 0 || i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(w.as_bytes())?;
        }
    }
    Ok(())
}

/// The paragraphs of `text`: runs of non-blank lines, joined. Two lines join
/// with nothing between CJK characters and with one space otherwise, as a
/// line break in the source is a space in Latin text only.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut lines = text
        .split('\n')
        .map(|l| l.trim_end_matches(['\r', ' ', '\t']));
    std::iter::from_fn(move || {
        let mut para = String::new();
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
                if !joins_wide {
                    para.push(' ');
                }
                para.push_str(line.trim_start());
            } else {
                para.push_str(line);
            }
        }
        (!para.is_empty()).then_some(para)
    })
}
