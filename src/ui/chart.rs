//! The library's bar chart of the list as filtered: by province (or the
//! chosen place's parts, or by programme on the programme tree), or by
//! year, each story counted once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block};

use crate::app::App;
use crate::app::facets::{FacetTree, Node};
use crate::app::library::ChartBy;
use crate::taxonomy::Facet;
use crate::text::{sanitize, str_width};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    match app.lib.chart_by {
        ChartBy::Places => draw_places(app, frame, area),
        ChartBy::Years => draw_years(app, frame, area),
    }
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

fn chosen_taxon(app: &App, tree: FacetTree) -> Option<usize> {
    match app.lib.tree(tree).chosen {
        Some((Node::Taxon(n), _)) => Some(n),
        _ => None,
    }
}

/// Counts by the chosen region's children, else by programme (on the
/// programme tree) or by province.
fn draw_places(app: &App, frame: &mut Frame, area: Rect) {
    let (facet, parent) = match (app.lib.facet, chosen_taxon(app, FacetTree::Regions)) {
        (FacetTree::Regions, Some(n)) => (Facet::Region, Some(n)),
        (FacetTree::Programmes, _) => (Facet::Programme, chosen_taxon(app, FacetTree::Programmes)),
        _ => (Facet::Region, None),
    };
    let tree = app.taxonomy.tree(facet);
    let counts = &app.lib.shown_counts.taxa[match facet {
        Facet::Region => 0,
        Facet::Programme => 1,
    }];
    let nodes: Vec<usize> = match parent {
        Some(p) if !tree.nodes[p].children.is_empty() => tree.nodes[p].children.clone(),
        Some(p) => vec![p],
        None => tree.roots().collect(),
    };
    let mut bars: Vec<(usize, usize)> = nodes
        .into_iter()
        .map(|n| (n, counts.get(n).copied().unwrap_or(0)))
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

/// Counts by year, oldest on the left, years without articles between
/// others kept as empty bars while they fit; each bar labelled with its
/// year (`2023`, or `23` when bars are narrow, or only the first and last
/// years under bars a column wide) and its count where it fits on the bar. Years that do not fit at a column a bar are the
/// oldest, left out; the title says which years are shown.
fn draw_years(app: &App, frame: &mut Frame, area: Rect) {
    let block = Block::bordered().border_style(app.theme.dim());
    let inner = block.inner(area);
    let mut years: Vec<(u16, usize)> = (app.lib.shown_counts.dates.iter())
        .map(|y| (y.year, y.count))
        .collect();
    years.sort_unstable();
    let (Some(&(first, _)), Some(&(last, _))) = (years.first(), years.last()) else {
        frame.render_widget(block.title(" 各年文章数 articles by year "), area);
        frame.render_widget(
            Line::styled(
                super::fit("no article shown has a date", inner.width as usize),
                app.theme.dim(),
            ),
            inner,
        );
        return;
    };
    // A bar and a gap each take a column at the least.
    let room = usize::from(inner.width).div_ceil(2);
    let span = usize::from(last - first) + 1;
    if span <= room {
        years = (first..=last)
            .map(|y| {
                (
                    y,
                    years.iter().find(|(x, _)| *x == y).map_or(0, |(_, c)| *c),
                )
            })
            .collect();
    }
    if years.len() > room {
        years.drain(..years.len() - room);
    }
    let n = years.len().max(1);
    let bar_width = ((usize::from(inner.width) + 1) / n)
        .saturating_sub(1)
        .clamp(1, 6) as u16;
    let from = years.first().map_or(first, |y| y.0);
    let title = if from == last {
        format!(" 各年文章数 articles by year: {last} ")
    } else {
        format!(" 各年文章数 articles by year: {from}–{last} ")
    };
    let bars: Vec<Bar> = years
        .iter()
        .map(|&(year, count)| {
            let label = match bar_width {
                4.. => format!("{year}"),
                2.. => format!("{:02}", year % 100),
                _ => String::new(),
            };
            let value = count.to_string();
            let value = if value.len() <= usize::from(bar_width) {
                value
            } else {
                String::new()
            };
            Bar::default()
                .value(count as u64)
                .label(Line::raw(label))
                .text_value(value)
                .style(Style::new().fg(app.theme.accent))
        })
        .collect();
    let chart = BarChart::default()
        .block(block.title(title))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1);
    frame.render_widget(chart, area);
    if bar_width == 1 && inner.height > 1 {
        // Bars too narrow for their years: the first and the last year
        // under the ends of the bars (or the range where they do not fit).
        let span = (2 * n - 1).min(usize::from(inner.width));
        let ends = format!("{from}{}{last}", " ".repeat(span.saturating_sub(8)));
        let text = if span >= 9 {
            ends
        } else {
            format!("{from}–{last}")
        };
        let row = Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        };
        frame.render_widget(
            Line::styled(super::fit(&text, usize::from(inner.width)), app.theme.dim()),
            row,
        );
    }
}
