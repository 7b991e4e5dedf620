//! Exports: Markdown for a notes app (per article its title, source, date
//! and a way back; each passage a blockquote with its note), and JSON that
//! `bookmarks import` reads back.

use std::fmt::Write;

use super::model::Bookmark;
use super::store::SCHEMA_VERSION;
use crate::store::Library;

/// JSON with the schema version, as the bookmarks file itself.
pub fn to_json(bookmarks: &[Bookmark]) -> String {
    let v = serde_json::json!({ "version": SCHEMA_VERSION, "bookmarks": bookmarks });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// Markdown, grouped by article in the order the bookmarks were made.
pub fn to_markdown(bookmarks: &[Bookmark], library: &Library) -> String {
    let mut out = String::from("# 书签 Bookmarks\n");
    let mut articles: Vec<&str> = Vec::new();
    for b in bookmarks {
        if !articles.contains(&b.article.as_str()) {
            articles.push(&b.article);
        }
    }
    for id in articles {
        let article = library.get(id);
        let title = article.map_or(id, |a| a.title.as_str());
        let _ = write!(out, "\n## {}\n\n", one_line(title));
        let mut meta = Vec::new();
        if let Some(a) = article {
            if let Some(s) = &a.source {
                meta.push(format!("来源：{}", one_line(s)));
            }
            if let Some(d) = &a.date {
                meta.push(d.clone());
            }
        } else {
            meta.push("article not in the library".to_string());
        }
        meta.push(format!("`{id}`"));
        let _ = writeln!(out, "{}", meta.join(" · "));
        for b in bookmarks.iter().filter(|b| b.article == id) {
            out.push('\n');
            for line in b.quote.lines() {
                let _ = writeln!(out, "> {line}");
            }
            out.push('\n');
            if !b.note.trim().is_empty() {
                for line in b.note.lines() {
                    let _ = writeln!(out, "{line}");
                }
                out.push('\n');
            }
            let orphan = if b.orphaned {
                " · passage not found in the article as it is now"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<sub>{} · `yuedu open {} --paragraph {}` · {}{}</sub>",
                b.created.get(..10).unwrap_or(&b.created),
                id,
                b.paragraph,
                b.id,
                orphan
            );
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
