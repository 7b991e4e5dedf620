//! The contents overlay (`t` in the reader): the article's headings in a
//! box, the cursor on the one being read, a counter in the corner.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::{clear_box, counter, fit};
use crate::app::App;
use crate::app::cursor::ListCursor;

pub fn draw(app: &App, headings: &[usize], cursor: &ListCursor, frame: &mut Frame, area: Rect) {
    let reader = match app.view() {
        crate::app::View::Reader(r) => r,
        _ => return,
    };
    let article = &app.library.articles[reader.article];
    let width = area.width.min(60);
    let height = area.height.min(headings.len() as u16 + 2);
    if width < 8 || height < 3 {
        return;
    }
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    clear_box(frame, rect, area);
    let block = Block::bordered()
        .title(" 目录 contents · Enter jumps ")
        .title(counter(cursor, headings.len()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = inner.height as usize;
    let first = cursor.first_shown(headings.len(), rows);
    for (row, (i, &p)) in headings
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .enumerate()
    {
        let text = article.paragraphs.get(p).map_or("", |x| x.text.as_str());
        let number = format!("¶{} ", p + 1);
        let line = fit(
            &format!(
                "{number}{}",
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            inner.width as usize,
        );
        let style = if i == cursor.index {
            app.theme.cursor(true)
        } else {
            ratatui::style::Style::new()
        };
        let y = inner.y + row as u16;
        frame.render_widget(
            Line::styled(line, style),
            Rect::new(inner.x, y, inner.width, 1),
        );
    }
}
