//! Exports: Markdown for a notes app (per article its title, source, date
//! and a way back; each passage a blockquote with its note), and JSON that
//! `bookmarks import` reads back. Markdown is read in terminals too: every
//! text from a file or the bookmarks goes through [`sanitize`]; JSON
//! escapes control characters itself.

use std::fmt::Write;

use super::model::Bookmark;
use super::store::SCHEMA_VERSION;
use crate::store::Library;
use crate::text::sanitize;

/// JSON with the schema version, as the bookmarks file itself (paragraphs
/// counted from 1).
pub fn to_json(bookmarks: &[Bookmark]) -> String {
    let bookmarks = super::model::counted_from_one(bookmarks);
    let v = serde_json::json!({ "version": SCHEMA_VERSION, "bookmarks": bookmarks });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// Markdown, grouped by article in the order the bookmarks were made.
pub fn to_markdown(bookmarks: &[Bookmark], library: &Library) -> String {
    let mut out = String::from("# 书签 Bookmarks\n");
    if bookmarks.is_empty() {
        out.push_str("\nNo bookmarks yet: `m` in the reader or `yuedu bookmarks add ID PARAGRAPH` makes one.\n");
        return out;
    }
    // Grouped in one pass: an export of 20,000 bookmarks on as many
    // articles stays linear.
    let mut articles: Vec<(&str, Vec<&Bookmark>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for b in bookmarks {
        let i = *index.entry(b.article.as_str()).or_insert_with(|| {
            articles.push((b.article.as_str(), Vec::new()));
            articles.len() - 1
        });
        articles[i].1.push(b);
    }
    for (id, marks) in articles {
        let article = library.get(id);
        let title = article.map_or(id, |a| a.title.as_str());
        let _ = write!(out, "\n## {}\n\n", one_line(title));
        let shown_id = sanitize(id);
        let mut meta = Vec::new();
        if let Some(a) = article {
            if let Some(s) = &a.source {
                meta.push(format!("来源：{}", one_line(s)));
            }
            if let Some(d) = &a.date {
                meta.push(sanitize(d).into_owned());
            }
        } else {
            meta.push("article not in the library".to_string());
        }
        meta.push(format!("`{shown_id}`"));
        let _ = writeln!(out, "{}", meta.join(" · "));
        for b in marks {
            out.push('\n');
            // A passage of several paragraphs is quoted as several
            // paragraphs, a `>` line between them.
            for (i, line) in b.quote.lines().enumerate() {
                if i > 0 {
                    out.push_str(">\n");
                }
                let _ = writeln!(out, "> {}", sanitize(line));
            }
            out.push('\n');
            if !b.note.trim().is_empty() {
                for line in b.note.lines() {
                    let _ = writeln!(out, "{}", sanitize(line));
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
                sanitize(b.created.get(..10).unwrap_or(&b.created)),
                shown_id,
                // Counted from 1, as `open --paragraph` takes it.
                b.paragraph.saturating_add(1),
                sanitize(&b.id),
                orphan
            );
        }
    }
    out
}

/// One line of text from a file, safe to print: runs of white space made
/// one space, control characters made visible.
fn one_line(s: &str) -> String {
    sanitize(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}
