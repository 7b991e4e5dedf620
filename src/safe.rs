//! The one way text from a file or the state files reaches the terminal:
//! titles, sources, dates, ids (file stems), paths, quotes, notes and every
//! message that quotes them are printed through this module, so that no such
//! text can act as a control sequence (an OSC 52 clipboard write, a screen
//! clear, a window title, a bidi reordering).
//!
//! What is shown, the same on every output (CLI lines, Markdown exports,
//! stderr, the TUI):
//! - C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls
//!   (U+0080–U+009F) are shown as U+FFFD `�`, one column wide, so the
//!   layout's widths stay right; a tab or a line break inside one line is a
//!   space;
//! - bidi embeddings, overrides, isolates and marks (U+202A–U+202E,
//!   U+2066–U+2069, U+200E, U+200F, U+061C) are dropped, with a few
//!   invisible format characters (BOM, soft hyphen, zero-width space);
//! - everything else is kept as it is.
//!
//! JSON output is left to serde_json, which writes every C0 control as a
//! `\u` escape.

use std::borrow::Cow;
use std::fmt;

/// One line of text as it may be printed (see the module comment).
///
/// The layout engine measures text by the same rules, so a laid-out line
/// made safe still fits its width.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    crate::text::sanitize(s)
}

/// Text of several lines as it may be printed: each line as
/// [`for_terminal`], the line breaks (`\n`, or `\r\n` written as `\n`) kept.
pub fn lines(s: &str) -> Cow<'_, str> {
    if s.split('\n')
        .all(|line| matches!(for_terminal(line), Cow::Borrowed(_)))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&for_terminal(line.strip_suffix('\r').unwrap_or(line)));
    }
    Cow::Owned(out)
}

/// A value whose `Display` output is made safe as one line: an error that
/// quotes a path or an id, a load problem, a warning.
///
/// ```
/// use yuedu::safe::Safe;
/// let path = "\u{1b}]0;x\u{7}.txt";
/// assert_eq!(Safe(format!("cannot read {path}")).to_string(), "cannot read \u{fffd}]0;x\u{fffd}.txt");
/// ```
pub struct Safe<T>(pub T);

impl<T: fmt::Display> fmt::Display for Safe<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The alternate form is passed on: anyhow's `{:#}` is its chain of
        // causes on one line.
        let text = if f.alternate() {
            format!("{:#}", self.0)
        } else {
            self.0.to_string()
        };
        f.write_str(&for_terminal(&text))
    }
}

/// Prints one line on stderr, `yuedu: ` and the message made safe.
pub fn warn(message: impl fmt::Display) {
    // Not eprintln: a terminal closed under the reader (SIGHUP) makes the
    // write fail, and that is no reason to panic.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "yuedu: {}", Safe(message));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nothing a terminal acts on survives: no ESC, no C0 but the line
    /// breaks of `lines`, no DEL, no C1, no bidi control.
    fn inert(s: &str, line_breaks: bool) -> bool {
        s.chars().all(|c| {
            let u = c as u32;
            !(u < 0x20 && !(line_breaks && c == '\n')
                || (0x7F..=0x9F).contains(&u)
                || matches!(u, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C))
        })
    }

    const HOSTILE: &str = "标题\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{202e}反\u{2066}x\u{2069}\u{200f}\u{61c}\u{7f}\u{0}\t尾";

    #[test]
    fn one_line_is_inert_and_keeps_the_text() {
        let s = for_terminal(HOSTILE);
        assert!(inert(&s, false), "{s:?}");
        assert_eq!(
            s,
            "标题\u{fffd}]52;c;aGk=\u{fffd}\u{fffd}[2J\u{fffd}31m反x\u{fffd}\u{fffd} 尾"
        );
        assert!(matches!(for_terminal("寻乌县 2023 年"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_keep_their_breaks() {
        let text = format!("> {HOSTILE}\r\n\n笔记\u{1b}[2J\n");
        let s = lines(&text);
        assert!(inert(&s, true), "{s:?}");
        assert_eq!(s.matches('\n').count(), 3);
        assert!(s.ends_with("笔记\u{fffd}[2J\n"), "{s:?}");
        assert!(matches!(lines("# 书签\n\n> 引文\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn displayed_values_are_inert() {
        let e = anyhow::anyhow!("no article '\u{1b}[2J\u{202e}x'").context("cannot open");
        let s = format!("{:#}", Safe(&e));
        assert_eq!(s, "cannot open: no article '\u{fffd}[2Jx'");
    }
}
