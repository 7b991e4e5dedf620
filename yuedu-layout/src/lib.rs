//! CJK line breaking for terminals.
//!
//! Break opportunities follow Unicode UAX #14 (through `unicode-linebreak`),
//! with the line-start and line-end prohibitions of CLREQ (*Requirements
//! for Chinese Text Layout*) on top: no line starts with closing
//! punctuation, none ends with opening punctuation, `——` and `……` are
//! never split, and a Latin word, number or URL stays whole unless it is
//! longer than the line. Widths are terminal columns, and a grapheme
//! cluster is never split.
//!
//! ```
//! use yuedu_layout::wrap;
//!
//! let text = "他说：“好的。”";
//! let lines: Vec<&str> = wrap(text, 8, 0).iter().map(|l| &text[l.range.clone()]).collect();
//! // The closing marks may not start a line, so “好的 goes down with them.
//! assert_eq!(lines, ["他说：", "“好的。”"]);
//! ```
//!
//! A [`Layout`] lays out many paragraphs and keeps, for every screen line,
//! the paragraph and byte range it shows, so a cursor, a search hit or a
//! bookmark maps from text to screen and back:
//!
//! ```
//! use yuedu_layout::{Layout, Options, ParagraphStyle};
//!
//! let paragraphs = [("第一段。", ParagraphStyle::indented(4)), ("第二段文字较长。", ParagraphStyle::default())];
//! let layout = Layout::new(paragraphs, 12, &Options::default());
//! assert_eq!(layout.paragraph_starts, [0, 2]); // a blank line between them
//! assert_eq!(layout.line_of(1, 0), Some(2));
//! ```
//!
//! With the `ratatui` feature, [`Wrapped`] draws wrapped text in a ratatui
//! buffer.

mod breaks;
mod clusters;
mod gap;
mod layout;
mod punct;
mod verify;
#[cfg(feature = "ratatui")]
mod widget;
mod width;
mod wrap;

pub use breaks::{forbidden, inseparable_pair, no_line_end, no_line_start};
pub use layout::{Layout, LineSpan, ParagraphStyle, ScreenLine, paragraph_lines, shown};
pub use verify::{verify_wrap, verify_wrap_with};
#[cfg(feature = "ratatui")]
pub use widget::Wrapped;
pub use width::{char_width, char_width_with, grapheme_width, sanitize, str_width, str_width_with};
pub use wrap::{Line, Options, wrap, wrap_with};
