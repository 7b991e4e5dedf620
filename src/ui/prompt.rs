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
    let room = (area.width as usize).saturating_sub(label_width + 1);
    // Keep the cursor in view: show the end of a long input.
    let text = sanitize(input.text()).into_owned();
    let shown = if input.cursor_column() > room {
        let skip = input.cursor_column() - room;
        let mut used = 0;
        text.chars()
            .skip_while(|c| {
                used += crate::text::char_width(*c);
                used <= skip
            })
            .collect()
    } else {
        text
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(label.to_string(), app.theme.title()),
            Span::raw(fit(&shown, room)),
        ]),
        area,
    );
    let x = area.x as usize + label_width + input.cursor_column().min(room);
    if x < (area.x + area.width) as usize {
        frame.set_cursor_position(Position::new(x as u16, area.y));
    }
}

pub fn draw_search(app: &App, input: &TextInput, frame: &mut Frame, area: Rect) {
    let row = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let label = match app.view() {
        crate::app::View::Bookmarks(_) => "filter bookmarks: ",
        crate::app::View::Reader(_) => "/",
        _ => "search the library: ",
    };
    input_line(app, label, input, frame, row);
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
            fit(&format!("“{}", sanitize(&quote)), inner.width as usize),
            app.theme.dim(),
        )),
        Rect { height: 1, ..inner },
    );
    if inner.height >= 3 {
        let row = Rect::new(inner.x, inner.y + 2, inner.width, 1);
        input_line(app, "note: ", input, frame, row);
    }
}
