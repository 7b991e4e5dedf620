//! The layouts of the articles being read, made once per (article, width)
//! and kept while they are likely to be shown again. A long article is
//! opened from a prefix of its layout while the whole is made on another
//! thread, so opening one never holds up a frame.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::model::Article;
use crate::text::Layout;

/// Articles with more text than this are opened from a prefix of their
/// layout, the rest being laid out on another thread.
pub const BACKGROUND_LAYOUT_BYTES: usize = 1 << 20;

/// How many (article, width) layouts are kept at most: only a few are alive
/// at a time, and a long session of resizing must not grow the cache.
const KEPT: usize = 16;

/// (article index, width)
pub type LayoutKey = (usize, usize);

#[derive(Default)]
pub struct LayoutCache {
    layouts: HashMap<LayoutKey, Rc<Layout>>,
    /// The whole layout of a long article, being made on another thread.
    pending: Option<(LayoutKey, Receiver<Layout>)>,
}

impl std::fmt::Debug for LayoutCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LayoutCache")
            .field("kept", &self.layouts.len())
            .field("pending", &self.pending.as_ref().map(|p| p.0))
            .finish()
    }
}

impl LayoutCache {
    /// The layout of `article` (index `index`) at `width`, showing at least
    /// paragraph `near`: cached, or a prefix of `screen` rows times four for
    /// a long article whose whole comes later from [`LayoutCache::finish`].
    /// A layout still pending is waited for first.
    pub fn get(
        &mut self,
        index: usize,
        article: &Article,
        width: usize,
        near: usize,
        screen: usize,
    ) -> (Rc<Layout>, Option<(LayoutKey, Rc<Layout>)>) {
        let finished = self.finish(true, |_| Layout::article(article, width));
        if self.layouts.len() > KEPT {
            self.layouts.clear();
        }
        if let Some(l) = self.layouts.get(&(index, width)) {
            return (l.clone(), finished);
        }
        let bytes: usize = article.paragraphs.iter().map(|p| p.text.len()).sum();
        if bytes > BACKGROUND_LAYOUT_BYTES && near < article.paragraphs.len() / 4 {
            let prefix = Layout::prefix(article, width, near + 1, 4 * screen.max(24));
            if !prefix.is_complete() {
                let (tx, rx) = channel();
                // The paragraphs share their text: this copies no text.
                let paragraphs = article.paragraphs.clone();
                std::thread::spawn(move || {
                    let _ = tx.send(Layout::paragraphs_on_this_thread(&paragraphs, width));
                });
                self.pending = Some(((index, width), rx));
                // Not cached: the whole takes its place.
                return (Rc::new(prefix), finished);
            }
        }
        let layout = Rc::new(Layout::article(article, width));
        self.layouts.insert((index, width), layout.clone());
        (layout, finished)
    }

    /// Whether a whole layout is still being made.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The whole layout being made elsewhere, if it is done, or, with
    /// `wait`, once it is; `again` lays it out here if that thread failed.
    /// Line numbers are the same as in its prefix.
    pub fn finish(
        &mut self,
        wait: bool,
        again: impl FnOnce(LayoutKey) -> Layout,
    ) -> Option<(LayoutKey, Rc<Layout>)> {
        let (key, whole) = self.pending.take()?;
        let received = if wait {
            whole.recv().map_err(|_| true)
        } else {
            whole
                .try_recv()
                .map_err(|e| e == TryRecvError::Disconnected)
        };
        let layout = match received {
            Ok(l) => Rc::new(l),
            Err(false) => {
                self.pending = Some((key, whole));
                return None;
            }
            Err(true) => Rc::new(again(key)),
        };
        self.layouts.insert(key, layout.clone());
        Some((key, layout))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Paragraph, ParagraphKind};

    fn article(paragraphs: usize, each: &str) -> Article {
        Article::new(
            "t",
            "t.txt",
            "标题",
            (0..paragraphs)
                .map(|_| Paragraph {
                    kind: ParagraphKind::Body,
                    text: each.into(),
                })
                .collect(),
        )
    }

    #[test]
    fn one_layout_per_article_and_width() {
        let a = article(3, "深圳对口帮扶广西百色。");
        let mut cache = LayoutCache::default();
        let (l1, _) = cache.get(0, &a, 20, 0, 24);
        let (l2, _) = cache.get(0, &a, 20, 0, 24);
        let (l3, _) = cache.get(0, &a, 30, 0, 24);
        assert!(Rc::ptr_eq(&l1, &l2));
        assert!(!Rc::ptr_eq(&l1, &l3));
        assert_eq!(l3.width, 30);
        assert!(l1.is_complete() && !cache.is_pending());
    }

    #[test]
    fn a_long_article_comes_as_a_prefix_then_whole_with_the_same_lines() {
        let text = "深圳对口帮扶广西百色，产业协作成效明显。".repeat(200);
        let a = article(400, &text);
        let mut cache = LayoutCache::default();
        let (prefix, _) = cache.get(7, &a, 40, 0, 24);
        assert!(!prefix.is_complete() && cache.is_pending());
        let (key, whole) = cache
            .finish(true, |_| Layout::article(&a, 40))
            .expect("the whole layout");
        assert_eq!(key, (7, 40));
        assert!(whole.is_complete() && !cache.is_pending());
        assert_eq!(whole.lines[..prefix.lines.len()], prefix.lines[..]);
        let (again, _) = cache.get(7, &a, 40, 0, 24);
        assert!(Rc::ptr_eq(&again, &whole));
    }
}
