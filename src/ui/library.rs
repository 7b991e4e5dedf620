//! The library screen: breadcrumb, facet tree, article list, a bar chart of
//! counts when there is room (see `chart`), and the status / filter line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};

use super::{fit, status_or_hints, too_small};
use crate::app::facets::{FacetTree, crumb};
use crate::app::keymap::KeyView;
use crate::app::library::{Pane, chart_rows};
use crate::app::listing::{ListOrder, ListRow, Progress};
use crate::app::{Action, App, Overlay};
use crate::text::sanitize;

const MIN: (u16, u16) = (24, 6);

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.width < MIN.0 || area.height < MIN.1 {
        return too_small(frame, area, MIN);
    }
    let chart = if app.lib.chart {
        chart_rows(usize::from(area.height)) as u16
    } else {
        0
    };
    let [crumb, main, chart_area, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(chart),
        Constraint::Length(1),
    ])
    .areas(area);
    let facets_width = (area.width / 3).clamp(20, 36).min(area.width / 2);
    let [facets, articles] =
        Layout::horizontal([Constraint::Length(facets_width), Constraint::Min(1)]).areas(main);
    draw_breadcrumb(app, frame, crumb);
    draw_tree(app, frame, facets);
    draw_articles(app, frame, articles);
    if chart > 0 {
        super::chart::draw(app, frame, chart_area);
    }
    draw_status(app, frame, status);
}

/// `江西省 › 赣州市 › 寻乌县 · 支援合作 · 新华网 · 2023-05`: every filter
/// in force, or 全部文章 with none.
fn breadcrumb(app: &App) -> String {
    let mut parts = Vec::new();
    for tree in FacetTree::ALL {
        if let Some((node, name)) = &app.lib.tree(tree).chosen {
            parts.push(crumb(tree, node, name, app.taxonomy));
        }
    }
    if app.lib.unread_only {
        parts.push("未读 unread".into());
    }
    if parts.is_empty() {
        "全部文章".to_string()
    } else {
        parts.join(" · ")
    }
}

fn draw_breadcrumb(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(
        sanitize(&breadcrumb(app)).into_owned(),
        app.theme.title(),
    )];
    if !app.lib.filter.text().is_empty() {
        spans.push(Span::raw(format!(
            " · “{}”",
            sanitize(app.lib.filter.text())
        )));
    }
    spans.push(Span::styled(
        format!("  {} 篇", app.lib.shown.len()),
        app.theme.dim(),
    ));
    frame.render_widget(Line::from(spans), area);
}

fn pane_block(app: &App, title: &str, focused: bool) -> Block<'static> {
    let style = if focused {
        Style::new().fg(app.theme.accent)
    } else {
        app.theme.dim()
    };
    Block::bordered()
        .border_style(style)
        .title(title.to_string())
}

fn draw_tree(app: &App, frame: &mut Frame, area: Rect) {
    let facet = app.lib.facet;
    let state = app.lib.tree(facet);
    let focused = app.lib.pane == Pane::Facets;
    let rows = app.lib.tree_rows(facet, app.taxonomy);
    let block =
        pane_block(app, facet.title(), focused).title(super::counter(&state.cursor, rows.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        let empty = match facet {
            FacetTree::Regions | FacetTree::Programmes => "no classified articles",
            FacetTree::Sources => "no article names a source",
            FacetTree::Dates => "no article has a date",
        };
        frame.render_widget(
            Line::styled(fit(empty, inner.width as usize), app.theme.dim()),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| {
            let marker = match (row.has_children, state.expanded.contains(&row.node)) {
                (false, _) => "  ",
                (true, true) => "▾ ",
                (true, false) => "▸ ",
            };
            let count = format!(" {}", row.count);
            let indent = "  ".repeat(row.depth);
            let name = sanitize(&row.name).into_owned();
            let room = width.saturating_sub(indent.len() + 2 + count.len());
            let mut name_style = Style::new();
            if state.is_chosen(&row.node) {
                name_style = name_style.fg(app.theme.accent).add_modifier(Modifier::BOLD);
            }
            ListItem::new(Line::from(vec![
                Span::raw(indent),
                Span::styled(marker, app.theme.dim()),
                Span::styled(fit(&name, room), name_style),
                Span::styled(count, app.theme.dim()),
            ]))
        })
        .collect();
    let list = List::new(items).highlight_style(app.theme.cursor(focused));
    let first = state.cursor.first_shown(rows.len(), inner.height as usize);
    let mut list_state = ListState::default()
        .with_offset(first)
        .with_selected(Some(state.cursor.index.min(rows.len() - 1)));
    frame.render_stateful_widget(list, inner, &mut list_state);
}

fn draw_articles(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.lib.pane == Pane::Articles;
    let title = match app.lib.order {
        ListOrder::Library => " 文章 articles ".to_string(),
        order => format!(" 文章 articles {} ", order.describe()),
    };
    let rows = &app.lib.rows;
    let block = pane_block(app, &title, focused).title(super::counter(&app.lib.cursor, rows.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        frame.render_widget(
            Line::styled(
                fit("no articles match", inner.width as usize),
                app.theme.dim(),
            ),
            inner,
        );
        return;
    }
    // Two lines per article: the title, then progress · date · source ·
    // copies · main regions. Only the rows that can be on screen around
    // the cursor are built.
    let per_screen = (inner.height as usize / 2).max(1);
    let first = app.lib.cursor.first_shown(rows.len(), per_screen);
    let items: Vec<ListItem> = rows[first..]
        .iter()
        .take(per_screen)
        .map(|row| article_item(app, row, inner.width as usize))
        .collect();
    let list = List::new(items).highlight_style(app.theme.cursor(focused));
    let selected = app.lib.cursor.index.saturating_sub(first);
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, inner, &mut state);
}

/// An article's two lines; a copy's are indented beneath its story's.
fn article_item(app: &App, row: &ListRow, width: usize) -> ListItem<'static> {
    let a = &app.library.articles[row.article];
    let progress = app.lib.progress.get(row.article).copied();
    let progress = progress.unwrap_or(Progress::Unread);
    let mut meta: Vec<String> = vec![progress.label()];
    if let Some(d) = &a.date {
        meta.push(d.clone());
    }
    if let Some(s) = &a.source {
        meta.push(s.clone());
    }
    if row.copies > 0 {
        let open = app
            .lib
            .expanded
            .contains(&app.lib.reprints.story(row.article));
        let marker = if open { "▾" } else { "▸" };
        meta.push(format!("{marker} {}", copies_label(app, row)));
    }
    let regions = main_regions(&a.regions);
    if !regions.is_empty() {
        meta.push(regions);
    }
    let indent = if row.copy { "  " } else { "" };
    let width = width.saturating_sub(indent.len());
    let mut title_style = Style::new();
    if progress == Progress::Unread {
        title_style = title_style.add_modifier(Modifier::BOLD);
    }
    ListItem::new(vec![
        Line::from(vec![
            Span::raw(indent),
            Span::styled(fit(&sanitize(&a.title), width), title_style),
        ]),
        Line::from(vec![
            Span::raw(indent),
            Span::styled(fit(&sanitize(&meta.join(" · ")), width), app.theme.dim()),
        ]),
    ])
}

/// `also in 2 sources` when each copy is from another outlet, else
/// `2 copies` (the same page saved twice, or copies without a source).
fn copies_label(app: &App, row: &ListRow) -> String {
    let key = |i: usize| {
        let a = &app.library.articles[i];
        a.source.as_deref().and_then(crate::archive::source_key)
    };
    let story = app.lib.reprints.story(row.article);
    let own = key(row.article);
    // Each copy from an outlet of its own: stops at the first that is not,
    // so a story held thousands of times costs a few look-ups a frame.
    let mut outlets = std::collections::HashSet::new();
    let elsewhere = (app.lib.shown.iter().copied())
        .filter(|&i| i != row.article && app.lib.reprints.story(i) == story)
        .all(|i| key(i).is_some_and(|k| Some(&k) != own.as_ref() && outlets.insert(k)));
    let n = row.copies;
    match (elsewhere, n) {
        (true, 1) => "also in 1 source".into(),
        (true, _) => format!("also in {n} sources"),
        (false, 1) => "1 copy".into(),
        (false, _) => format!("{n} copies"),
    }
}

/// The most specific places an article is about: names whose descendants
/// are not listed too (寻乌县 rather than 江西省 赣州市 寻乌县), at most two.
fn main_regions(regions: &[String]) -> String {
    let tree = &crate::taxonomy::Taxonomy::bundled().regions;
    let ids: Vec<usize> = regions.iter().filter_map(|r| tree.find(r)).collect();
    let leaves: Vec<&str> = ids
        .iter()
        .filter(|&&i| !ids.iter().any(|&j| j != i && tree.is_within(j, i)))
        .map(|&i| tree.nodes[i].name.as_str())
        .take(2)
        .collect();
    leaves.join(" ")
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    if app.overlays.contains(&Overlay::FilterPrompt) {
        let prompt = "filter: ";
        let text = sanitize(app.lib.filter.text()).into_owned();
        frame.render_widget(
            Line::from(vec![
                Span::styled(prompt, app.theme.title()),
                Span::raw(text),
            ]),
            area,
        );
        let x = area.x as usize + prompt.len() + app.lib.filter.cursor_column();
        if x < (area.x + area.width) as usize {
            frame.set_cursor_position(Position::new(x as u16, area.y));
        }
        return;
    }
    let line = status_or_hints(app, KeyView::Library, |k| {
        format!(
            "{} help  {} panes  {}/{}/{}/{} trees  {} filter  {} sort  {} search  {} bookmarks  {} open  {} quit",
            k(Action::Help),
            k(Action::NextPane),
            k(Action::ShowRegions),
            k(Action::ShowProgrammes),
            k(Action::ShowSources),
            k(Action::ShowDates),
            k(Action::Filter),
            k(Action::Sort),
            k(Action::Search),
            k(Action::Bookmarks),
            k(Action::Open),
            k(Action::Back),
        )
    });
    frame.render_widget(
        Line::styled(fit(&line, area.width as usize), app.theme.dim()),
        area,
    );
}
