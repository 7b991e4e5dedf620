//! A shard's text as the paragraphs' shared text: the file mapped, not
//! read, and each article's text checked as UTF-8 the first time one of
//! its paragraphs is read, so a start touches only the text it shows.
//!
//! A cache file is never truncated in place (yuedu replaces it by
//! renaming a new one over it, and the old file lives on while mapped),
//! and its length is checked against its header before it is mapped, so
//! no read of the map goes past the file's end.

use std::ops::Range;
use std::sync::atomic::{AtomicU8, Ordering::Relaxed};

use crate::model::SharedText;

const UNCHECKED: u8 = 0;
const TEXT: u8 = 1;
const NOT_TEXT: u8 = 2;

pub(super) struct Mapped {
    map: memmap2::Mmap,
    /// Where the layout section lies in the map.
    layout: Range<usize>,
    /// Where the text section lies in the map.
    text: Range<usize>,
    /// Where each block (an article's text) starts in the text section,
    /// sorted and distinct; a block ends where the next starts.
    starts: Vec<u64>,
    checked: Vec<AtomicU8>,
    /// Told once when a block is found not to be text.
    damaged: Box<dyn Fn() + Send + Sync>,
}

impl Mapped {
    /// The file mapped, if it is `len` bytes long; `starts` are where the
    /// articles' text starts, sorted.
    pub(super) fn new(
        file: &std::fs::File,
        len: u64,
        layout: Range<usize>,
        text: Range<usize>,
        mut starts: Vec<u64>,
        damaged: Box<dyn Fn() + Send + Sync>,
    ) -> Option<Mapped> {
        if file.metadata().ok()?.len() != len {
            return None;
        }
        // SAFETY: the file is a cache file yuedu wrote and only ever
        // replaces by rename, never truncating or writing it in place (see
        // the module comment); its length was checked just now. What the
        // map holds is read as bytes and checked before it is used as text.
        let map = unsafe { memmap2::Mmap::map(file) }.ok()?;
        if map.len() as u64 != len || layout.end > map.len() || text.end > map.len() {
            return None;
        }
        starts.dedup();
        let checked = starts.iter().map(|_| AtomicU8::new(UNCHECKED)).collect();
        Some(Mapped {
            map,
            layout,
            text,
            starts,
            checked,
            damaged,
        })
    }

    /// `len` bytes of the layout section from `at`.
    pub(super) fn layout(&self, at: usize, len: usize) -> Option<&[u8]> {
        let section = self.map.get(self.layout.clone())?;
        section.get(at..at.checked_add(len)?)
    }

    /// The block whose text starts at `at`.
    pub(super) fn block_of(&self, at: u64) -> Option<u32> {
        let i = self.starts.binary_search(&at).ok()?;
        u32::try_from(i).ok()
    }

    /// Where block `block` lies in the text section.
    fn span(&self, block: u32) -> Option<Range<usize>> {
        let i = block as usize;
        let start = usize::try_from(*self.starts.get(i)?).ok()?;
        let end = match self.starts.get(i + 1) {
            Some(&e) => usize::try_from(e).ok()?,
            None => self.text.len(),
        };
        (start <= end && end <= self.text.len()).then_some(start..end)
    }

    /// The text of a block, checked the first time; `None` if it is not
    /// text.
    pub(super) fn block(&self, block: u32) -> Option<(usize, &str)> {
        let span = self.span(block)?;
        let bytes = self
            .map
            .get(self.text.start + span.start..self.text.start + span.end)?;
        let state = self.checked.get(block as usize)?;
        match state.load(Relaxed) {
            NOT_TEXT => return None,
            TEXT => {}
            _ => {
                let ok = simdutf8::basic::from_utf8(bytes).is_ok();
                state.store(if ok { TEXT } else { NOT_TEXT }, Relaxed);
                if !ok {
                    (self.damaged)();
                    return None;
                }
            }
        }
        // SAFETY: the block was checked as UTF-8 above or by an earlier
        // read (the state is set only after the check), and the map does
        // not change.
        Some((span.start, unsafe { std::str::from_utf8_unchecked(bytes) }))
    }
}

impl SharedText for Mapped {
    fn text(&self, block: u32, range: Range<usize>) -> &str {
        let Some((start, text)) = self.block(block) else {
            return "";
        };
        range
            .start
            .checked_sub(start)
            .zip(range.end.checked_sub(start))
            .and_then(|(a, b)| text.get(a..b))
            .unwrap_or("")
    }
}
