//! The library screen: breadcrumb, facet tree, article list, a bar chart of
//! counts when there is room, and the status / filter line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, List, ListItem, ListState};

use super::{fit, status_or_hints, too_small};
use crate::app::keymap::KeyView;
use crate::app::library::Pane;
use crate::app::{Action, App, Overlay};
use crate::taxonomy::Facet;
use crate::text::{sanitize, str_width};

const MIN: (u16, u16) = (24, 6);
use crate::app::library::{CHART_FROM, CHART_ROWS};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.width < MIN.0 || area.height < MIN.1 {
        return too_small(frame, area, MIN);
    }
    let chart = if app.lib.chart && usize::from(area.height) >= CHART_FROM {
        CHART_ROWS as u16
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
        draw_chart(app, frame, chart_area);
    }
    draw_status(app, frame, status);
}

/// `江西省 › 赣州市 › 寻乌县 · 支援合作`, or 全部文章 with no filter.
fn breadcrumb(app: &App) -> String {
    let mut parts = Vec::new();
    for facet in [Facet::Region, Facet::Programme] {
        if let Some(n) = app.lib.tree_state(facet).chosen {
            parts.push(app.taxonomy.tree(facet).path(n).join(" › "));
        }
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
    let tree = app.taxonomy.tree(facet);
    let state = app.lib.tree_state(facet);
    let focused = app.lib.pane == Pane::Facets;
    let title = match facet {
        Facet::Region => " 地区 regions ",
        Facet::Programme => " 项目 programmes ",
    };
    let rows = state.rows(tree);
    let block = pane_block(app, title, focused).title(super::counter(&state.cursor, rows.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        frame.render_widget(
            Line::styled("no classified articles", app.theme.dim()),
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
            let count = format!(" {}", state.counts[row.node]);
            let indent = "  ".repeat(row.depth);
            let name = sanitize(&tree.nodes[row.node].name).into_owned();
            let room = width.saturating_sub(indent.len() + 2 + count.len());
            let mut name_style = Style::new();
            if state.chosen == Some(row.node) {
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
    let block = pane_block(app, " 文章 articles ", focused)
        .title(super::counter(&app.lib.cursor, app.lib.shown.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.lib.shown.is_empty() {
        frame.render_widget(Line::styled("no articles match", app.theme.dim()), inner);
        return;
    }
    let width = inner.width as usize;
    // Two lines per article: the title, then date · source · main regions.
    // Only the rows that can be on screen around the cursor are built.
    let per_screen = (inner.height as usize / 2).max(1);
    let first = app.lib.cursor.first_shown(app.lib.shown.len(), per_screen);
    let items: Vec<ListItem> = app.lib.shown[first..]
        .iter()
        .take(per_screen)
        .map(|&i| {
            let a = &app.library.articles[i];
            let mut meta: Vec<&str> = Vec::new();
            if let Some(d) = &a.date {
                meta.push(d);
            }
            if let Some(s) = &a.source {
                meta.push(s);
            }
            let regions = main_regions(&a.regions);
            if !regions.is_empty() {
                meta.push(&regions);
            }
            ListItem::new(vec![
                Line::raw(fit(&sanitize(&a.title), width)),
                Line::styled(fit(&sanitize(&meta.join(" · ")), width), app.theme.dim()),
            ])
        })
        .collect();
    let list = List::new(items).highlight_style(app.theme.cursor(focused));
    let selected = app.lib.cursor.index.saturating_sub(first);
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, inner, &mut state);
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

/// The shortest start of a node's name that still names it alone (广西 for
/// 广西壮族自治区, 寻乌 for 寻乌县), else the whole name.
fn short_name(tree: &crate::taxonomy::Tree, n: usize) -> String {
    let name = &tree.nodes[n].name;
    let chars: Vec<char> = name.chars().collect();
    (2..chars.len())
        .map(|k| chars[..k].iter().collect::<String>())
        .find(|prefix| tree.find_all(prefix) == [n])
        .unwrap_or_else(|| name.clone())
}

/// Counts by the chosen region's children, else by programme (on the
/// programme tree) or by province.
fn draw_chart(app: &App, frame: &mut Frame, area: Rect) {
    let (facet, parent) = match (app.lib.facet, app.lib.regions.chosen) {
        (Facet::Region, Some(n)) => (Facet::Region, Some(n)),
        (Facet::Programme, _) => (Facet::Programme, app.lib.programmes.chosen),
        _ => (Facet::Region, None),
    };
    let tree = app.taxonomy.tree(facet);
    // Counts of the articles the list shows: the chart follows the filters.
    // An article's names include their ancestors, each once.
    let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &i in &app.lib.shown {
        let a = &app.library.articles[i];
        let names = match facet {
            Facet::Region => &a.regions,
            Facet::Programme => &a.programmes,
        };
        for name in names {
            *by_name.entry(name.as_str()).or_default() += 1;
        }
    }
    let count_of = |n: usize| by_name.get(tree.nodes[n].name.as_str()).copied();
    let nodes: Vec<usize> = match parent {
        Some(p) if !tree.nodes[p].children.is_empty() => tree.nodes[p].children.clone(),
        Some(p) => vec![p],
        None => tree.roots().collect(),
    };
    let mut bars: Vec<(usize, usize)> = nodes
        .into_iter()
        .map(|n| (n, count_of(n).unwrap_or(0)))
        .filter(|&(_, c)| c > 0)
        .collect();
    bars.sort_by_key(|b| std::cmp::Reverse(b.1));
    bars.truncate(area.height.saturating_sub(2) as usize);
    let title = match (facet, parent) {
        (_, Some(p)) => format!(" {} ", sanitize(&tree.nodes[p].name)),
        (Facet::Region, None) => " 各省文章数 articles by province ".into(),
        (Facet::Programme, None) => " 各项目文章数 articles by programme ".into(),
    };
    // Labels are short names (广西, not 广西壮族自治区), whole, with the
    // count beside them rather than on the bar.
    let labels: Vec<String> = bars
        .iter()
        .map(|&(n, _)| sanitize(&short_name(tree, n)).into_owned())
        .collect();
    let label_width = labels.iter().map(|l| str_width(l)).max().unwrap_or(0);
    let count_width = bars
        .iter()
        .map(|b| b.1.to_string().len())
        .max()
        .unwrap_or(1);
    let bars: Vec<Bar> = bars
        .iter()
        .zip(labels)
        .map(|(&(_, c), label)| {
            let pad = label_width.saturating_sub(str_width(&label));
            Bar::default()
                .value(c as u64)
                .label(Line::raw(format!(
                    "{label}{} {c:>count_width$} ",
                    " ".repeat(pad)
                )))
                .text_value(String::new())
                .style(Style::new().fg(app.theme.accent))
        })
        .collect();
    let chart = BarChart::horizontal(bars)
        .block(Block::bordered().border_style(app.theme.dim()).title(title))
        .bar_width(1)
        .bar_gap(0);
    frame.render_widget(chart, area);
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
            "{} help  {} panes  {}/{} trees  {} filter  {} search  {} bookmarks  {} open  {} quit",
            k(Action::Help),
            k(Action::NextPane),
            k(Action::ShowRegions),
            k(Action::ShowProgrammes),
            k(Action::Filter),
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
