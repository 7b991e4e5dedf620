//! The screen shown while a large library loads: a gauge of files read.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::Gauge;

/// Draws "reading articles" with `done` of `total` files as a gauge.
pub fn draw(frame: &mut Frame, done: usize, total: usize) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = area.width.min(60);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(2.min(area.height)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let column = Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..middle
    };
    let ratio = if total == 0 {
        0.0
    } else {
        (done.min(total) as f64) / (total as f64)
    };
    frame.render_widget(
        Line::raw("阅读 yuedu: reading articles…  (q: quit)"),
        Rect {
            height: 1,
            ..column
        },
    );
    if column.height > 1 {
        frame.render_widget(
            Gauge::default()
                .gauge_style(Style::default().fg(Color::Cyan))
                .label(format!("{done} / {total}"))
                .ratio(ratio),
            Rect {
                y: column.y + 1,
                height: 1,
                ..column
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn shows_the_count_at_any_size() {
        for (w, h) in [(80, 24), (20, 3), (1, 1), (0, 0), (5, 0)] {
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| super::draw(f, 1234, 3000)).unwrap();
        }
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| super::draw(f, 1234, 3000)).unwrap();
        let screen = format!("{}", t.backend());
        assert!(screen.contains("1234 / 3000"), "{screen}");
        assert!(screen.contains("reading articles"), "{screen}");
    }
}
