//! The prompts: a note for a bookmark (a small box showing what is being
//! bookmarked) and a search query (the bottom line, as in less and vim).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::fit;
use crate::app::App;
use crate::app::input::TextInput;
use crate::app::marks::NoteTarget;
use crate::text::sanitize;

/// A text input on one line after a label, with the terminal cursor in it.
fn input_line(app: &App, label: &str, input: &TextInput, frame: &mut Frame, area: Rect) {
    let label_width = crate::text::str_width(label);
    let room = (area.width as usize).saturating_sub(label_width);
    let (before, after) = input.split();
    let (shown, cursor) = scrolled(&sanitize(before), &sanitize(after), room);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(label.to_string(), app.theme.title()),
            Span::raw(shown),
        ]),
        area,
    );
    let x = area.x as usize + label_width + cursor;
    if x < (area.x + area.width) as usize {
        frame.set_cursor_position(Position::new(x as u16, area.y));
    }
}

/// What a one-line input shows in `room` columns, and the cursor's column
/// in it: everything up to the cursor and the cell the cursor stands on are
/// always in view. Text cut off at the start begins with `…`, text cut off
/// at the end ends with `…`.
fn scrolled(before: &str, after: &str, room: usize) -> (String, usize) {
    use crate::text::{char_width, str_width};
    let before_width = str_width(before);
    let (mut shown, mut used) = if before_width < room {
        (before.to_string(), before_width)
    } else {
        // Drop characters from the start until "…", the rest and the
        // cursor's cell fit.
        let mut rest = before;
        let mut width = before_width;
        let mut chars = before.char_indices();
        while 1 + width + 1 > room {
            match chars.next() {
                Some((i, c)) => {
                    width -= char_width(c);
                    rest = &before[i + c.len_utf8()..];
                }
                None => break,
            }
        }
        if 1 + width < room {
            (format!("…{rest}"), 1 + width)
        } else {
            // Too narrow even for that: the cursor alone.
            (String::new(), 0)
        }
    };
    let cursor = used;
    let after_width = str_width(after);
    if used + after_width <= room {
        shown.push_str(after);
    } else {
        let end_room = room.saturating_sub(used + 1);
        for c in after.chars() {
            let w = char_width(c);
            if used + w > cursor + end_room {
                break;
            }
            used += w;
            shown.push(c);
        }
        if used < room {
            shown.push('…');
        }
    }
    (shown, cursor)
}

pub fn draw_search(app: &App, input: &TextInput, frame: &mut Frame, area: Rect) {
    let row = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let filtered = app.lib.shown.len() < app.library.articles.len();
    let label = match app.view() {
        crate::app::View::Bookmarks(_) => "filter bookmarks: ".to_string(),
        crate::app::View::Reader(_) => "/".to_string(),
        _ if filtered => {
            let n = app.lib.shown.len();
            format!(
                "search the {n} filtered article{}: ",
                if n == 1 { "" } else { "s" }
            )
        }
        _ => "search the library: ".to_string(),
    };
    input_line(app, &label, input, frame, row);
}

pub fn draw_note(app: &App, target: &NoteTarget, input: &TextInput, frame: &mut Frame, area: Rect) {
    let width = area.width.min(70);
    let height = 5.min(area.height);
    if width < 12 || height < 3 {
        // No room for a box: the bottom line only.
        let row = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
        return input_line(app, "note: ", input, frame, row);
    }
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    let rect = Rect::new(x, y, width, height);
    let (title, quote) = match target {
        NoteTarget::New { article, passage } => {
            let a = &app.library.articles[*article];
            let text = a
                .paragraphs
                .get(passage.first)
                .map(|p| {
                    let s = passage.start.min(p.text.len());
                    p.text.get(s..).unwrap_or("").to_string()
                })
                .unwrap_or_default();
            (" Bookmark: a note (Enter saves, Esc cancels) ", text)
        }
        NoteTarget::Edit { id } => {
            let quote = app
                .bookmarks
                .as_ref()
                .and_then(|s| s.get(id))
                .map(|b| b.quote.clone())
                .unwrap_or_default();
            (" Edit the note (Enter saves, Esc cancels) ", quote)
        }
    };
    super::clear_box(frame, rect, area);
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(
                &super::bookmarks::quoted(&sanitize(&quote)),
                inner.width as usize,
            ),
            app.theme.dim(),
        )),
        Rect { height: 1, ..inner },
    );
    if inner.height >= 3 {
        let row = Rect::new(inner.x, inner.y + 2, inner.width, 1);
        input_line(app, "note: ", input, frame, row);
    }
}

#[cfg(test)]
mod tests {
    use super::scrolled;
    use crate::text::str_width;

    #[test]
    fn the_cursor_and_every_character_before_it_stay_in_view() {
        let note = "深圳对口帮扶广西百色".repeat(5);
        for room in 3..40 {
            let (shown, cursor) = scrolled(&note, "", room);
            assert!(cursor < room, "room {room}: cursor {cursor}");
            assert!(str_width(&shown) <= room, "room {room}: {shown}");
            assert_eq!(str_width(&shown), cursor, "room {room}");
            // The last characters typed are there, right before the cursor.
            let tail: String = shown.chars().skip(1).collect();
            assert!(note.ends_with(&tail), "room {room}: {shown}");
            assert!(room < 6 || shown.ends_with("百色"), "room {room}: {shown}");
        }
    }

    #[test]
    fn text_after_the_cursor_is_cut_with_an_ellipsis() {
        let (shown, cursor) = scrolled("寻乌", "县的脐橙很甜", 10);
        assert_eq!((shown.as_str(), cursor), ("寻乌县的…", 4));
        let (shown, cursor) = scrolled("寻乌", "县", 10);
        assert_eq!((shown.as_str(), cursor), ("寻乌县", 4));
    }
}
