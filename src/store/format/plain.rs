//! Plain text: each non-empty line is a block.

use crate::store::blocks::{Block, Hint};

pub fn plain(text: &str) -> Vec<Block> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .map(|l| Block::new(l, Hint::None))
        .collect()
}
