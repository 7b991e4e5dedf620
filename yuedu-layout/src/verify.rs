//! The engine's promises, checked on one wrap: for tests and fuzzing.

use unicode_segmentation::UnicodeSegmentation;

use crate::breaks::no_line_start;
use crate::layout::{ParagraphStyle, paragraph_lines};
use crate::punct::display_form;
use crate::width::str_width_with;
use crate::wrap::{Options, wrap_with};

/// Checks one wrap of `text` with the default [`Options`]: see
/// [`verify_wrap_with`].
///
/// ```
/// assert!(yuedu_layout::verify_wrap("他说：“好的。”", 8, 0).is_ok());
/// ```
pub fn verify_wrap(text: &str, width: usize, first_indent: usize) -> Result<(), String> {
    verify_wrap_with(text, width, first_indent, &Options::default())
}

/// Checks the engine's promises for one wrap of `text`: lines in order,
/// nothing lost between them but spaces, no grapheme cluster split, widths
/// right, the first line's indent either the one asked for or none, and
/// every line within the width unless it is a single cluster wider than
/// the line (or, with [`Options::hang`], ends in one hanging mark), and
/// every line as shown ([`crate::LineSpan::render`]: the indent, the text made
/// safe, full-width marks, gaps) as wide as it claims. `Err` says what
/// broke.
///
/// ```
/// use yuedu_layout::{Options, verify_wrap_with};
/// let hang = Options { hang: true, ..Options::default() };
/// assert!(verify_wrap_with("一二三四五。六七", 10, 0, &hang).is_ok());
/// ```
pub fn verify_wrap_with(
    text: &str,
    width: usize,
    first_indent: usize,
    options: &Options,
) -> Result<(), String> {
    let bounds: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let measure = |r: std::ops::Range<usize>| {
        if options.fullwidth_punctuation {
            str_width_with(&display_form(text, r), options.ambiguous_wide)
        } else {
            str_width_with(&text[r], options.ambiguous_wide)
        }
    };
    let mut at = 0;
    for (n, line) in wrap_with(text, width, first_indent, options)
        .iter()
        .enumerate()
    {
        let r = line.range.clone();
        if r.start < at || r.end < r.start || r.end > text.len() {
            return Err(format!("line {n}: range {r:?} goes back"));
        }
        if !text[at..r.start].chars().all(char::is_whitespace) {
            return Err(format!("line {n}: text lost before it"));
        }
        if bounds.binary_search(&r.start).is_err() || bounds.binary_search(&r.end).is_err() {
            return Err(format!("line {n}: a grapheme cluster is split"));
        }
        let shown = &text[r.clone()];
        let columns = measure(r.clone());
        if line.columns != columns {
            return Err(format!(
                "line {n}: {} columns claimed, {columns} shown",
                line.columns
            ));
        }
        let expected_indent = if n == 0 { first_indent } else { 0 };
        if line.indent != expected_indent && line.indent != 0 {
            return Err(format!("line {n}: indent {} given", line.indent));
        }
        let room = width.max(1).saturating_sub(line.indent).max(1);
        let single = shown.graphemes(true).count() <= 1;
        let hangs = options.hang
            && shown.graphemes(true).next_back().is_some_and(|g| {
                g.chars().next().is_some_and(no_line_start)
                    && measure(r.start..r.end - g.len()) <= room
            });
        if line.columns > room && !single && !hangs {
            return Err(format!(
                "line {n}: {shown:?} is {} columns, room for {room}",
                line.columns
            ));
        }
        at = r.end;
    }
    if !text[at..].chars().all(char::is_whitespace) {
        return Err("text lost after the last line".into());
    }
    verify_shown(text, width, first_indent, options)
}

/// The lines as shown ([`crate::LineSpan::render`]): each takes the columns its
/// span claims, and a gap between Chinese and Latin text never takes a
/// line past the width.
fn verify_shown(
    text: &str,
    width: usize,
    first_indent: usize,
    options: &Options,
) -> Result<(), String> {
    let style = ParagraphStyle::indented(first_indent);
    for (n, span) in paragraph_lines(0, text, width, style, options)
        .iter()
        .enumerate()
    {
        let shown = span.render(text, options);
        let columns = str_width_with(&shown, options.ambiguous_wide);
        if columns != span.columns {
            return Err(format!(
                "line {n}: {} columns claimed, {shown:?} is {columns}",
                span.columns
            ));
        }
        if !span.gaps.is_empty() && span.columns > width.max(1) {
            return Err(format!("line {n}: its gaps take it past the width"));
        }
    }
    Ok(())
}
