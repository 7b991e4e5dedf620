//! The one cursor every list uses (library, facet trees, search hits,
//! bookmarks, contents): where the cursor is, the first item shown, and how
//! a key moves them, as less and vim move through a file: the cursor moves
//! within the page, and paging carries it with the page.

use super::Action;

/// A cursor over a list of `len` items shown `page` at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    /// The item under the cursor.
    pub index: usize,
    /// The first item shown.
    pub offset: usize,
}

/// A move of the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Items down (positive) or up.
    Lines(isize),
    /// Pages down or up; the page moves and the cursor with it.
    Pages(isize),
    /// Half pages down or up.
    HalfPages(isize),
    /// To an item (from 0).
    To(usize),
    /// To the last item.
    Last,
    /// That far through the list, in percent (`50%`).
    Percent(usize),
}

impl Step {
    /// The step a list action means, with the count typed before it: `5j`
    /// is five down, `20G` the 20th item (counted from 1), `50%` half way.
    pub fn of(action: Action, count: Option<usize>) -> Option<Step> {
        let n = count.unwrap_or(1).min(isize::MAX as usize) as isize;
        Some(match action {
            Action::Down | Action::ScrollDown => Step::Lines(n),
            Action::Up | Action::ScrollUp => Step::Lines(-n),
            Action::PageDown => Step::Pages(n),
            Action::PageUp => Step::Pages(-n),
            Action::HalfPageDown => Step::HalfPages(n),
            Action::HalfPageUp => Step::HalfPages(-n),
            Action::Top | Action::Bottom if count.is_some() => {
                Step::To(count.unwrap_or(1).saturating_sub(1))
            }
            Action::Top => Step::To(0),
            Action::Bottom => Step::Last,
            Action::GoToPercent => Step::Percent(count?.min(100)),
            _ => return None,
        })
    }
}

impl ListCursor {
    /// Moves by a step in a list of `len` items, `page` of them on screen.
    pub fn step(&mut self, step: Step, len: usize, page: usize) {
        let page = page.max(1);
        let last = len.saturating_sub(1);
        let shift = |at: usize, by: isize| {
            if by < 0 {
                at.saturating_sub(by.unsigned_abs())
            } else {
                at.saturating_add(by.unsigned_abs())
            }
        };
        match step {
            Step::Lines(n) => self.index = shift(self.index, n),
            Step::Pages(n) | Step::HalfPages(n) => {
                let size = if matches!(step, Step::Pages(_)) {
                    page
                } else {
                    (page / 2).max(1)
                } as isize;
                let by = n.saturating_mul(size);
                // The page moves, and the cursor keeps its row on it; at the
                // ends of the list the cursor goes the rest of the way.
                self.offset = shift(self.offset, by).min(len.saturating_sub(page));
                self.index = shift(self.index, by);
            }
            Step::To(i) => self.index = i,
            Step::Last => self.index = last,
            Step::Percent(p) => {
                // As less: the item that far through, counted from 1.
                self.index = (len.saturating_mul(p).div_ceil(100)).saturating_sub(1)
            }
        }
        self.index = self.index.min(last);
        self.reveal(len, page);
    }

    /// Puts the cursor on an item, the page following it.
    pub fn set(&mut self, index: usize, len: usize, page: usize) {
        self.step(Step::To(index), len, page);
    }

    /// Scrolls the least that brings the cursor on the page.
    pub fn reveal(&mut self, len: usize, page: usize) {
        let page = page.max(1);
        self.index = self.index.min(len.saturating_sub(1));
        if self.index < self.offset {
            self.offset = self.index;
        } else if self.index >= self.offset + page {
            self.offset = self.index + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }

    /// The first item to draw when `page` items fit: the offset, moved the
    /// least that keeps the cursor in view (the screen may be smaller than
    /// the page the cursor was moved with).
    pub fn first_shown(&self, len: usize, page: usize) -> usize {
        let mut c = *self;
        c.reveal(len, page);
        c.offset
    }

    /// `58/3004`: the cursor's item counted from 1, and how many there are.
    pub fn counter(&self, len: usize) -> String {
        if len == 0 {
            "0/0".into()
        } else {
            format!("{}/{len}", self.index.min(len - 1) + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(index: usize, offset: usize) -> ListCursor {
        ListCursor { index, offset }
    }

    #[test]
    fn the_cursor_moves_within_the_page_then_scrolls_it() {
        let mut c = ListCursor::default();
        c.step(Step::Lines(3), 100, 10);
        assert_eq!(c, at(3, 0));
        c.step(Step::Lines(7), 100, 10);
        assert_eq!(c, at(10, 1));
        c.step(Step::Lines(-5), 100, 10);
        assert_eq!(c, at(5, 1));
    }

    #[test]
    fn paging_carries_the_cursor_with_the_page() {
        let mut c = at(3, 0);
        c.step(Step::Pages(1), 100, 10);
        assert_eq!(c, at(13, 10));
        c.step(Step::HalfPages(1), 100, 10);
        assert_eq!(c, at(18, 15));
        c.step(Step::Pages(-1), 100, 10);
        assert_eq!(c, at(8, 5));
        c.step(Step::Pages(-3), 100, 10);
        assert_eq!(c, at(0, 0));
        // At the end the page stops, and the cursor goes to the last item.
        c.step(Step::Pages(20), 100, 10);
        assert_eq!(c, at(99, 90));
    }

    #[test]
    fn counts_places_and_percentages() {
        let mut c = ListCursor::default();
        c.step(Step::of(Action::Bottom, Some(20)).unwrap(), 3004, 10);
        assert_eq!(c.index, 19);
        assert_eq!(c.counter(3004), "20/3004");
        c.step(Step::of(Action::GoToPercent, Some(50)).unwrap(), 3004, 10);
        assert_eq!(c.counter(3004), "1502/3004");
        c.step(Step::of(Action::Bottom, None).unwrap(), 3004, 10);
        assert_eq!(c, at(3003, 2994));
        c.step(Step::of(Action::Up, Some(5)).unwrap(), 3004, 10);
        assert_eq!(c.index, 2998);
        assert_eq!(Step::of(Action::GoToPercent, None), None);
    }

    #[test]
    fn empty_and_tiny_lists_never_go_out_of_range() {
        let mut c = ListCursor::default();
        for step in [
            Step::Lines(5),
            Step::Pages(-2),
            Step::Last,
            Step::Percent(100),
        ] {
            c.step(step, 0, 0);
            assert_eq!(c, at(0, 0));
            assert_eq!(c.counter(0), "0/0");
            c.step(step, 1, 10);
            assert_eq!(c, at(0, 0));
        }
        assert_eq!(at(50, 0).first_shown(100, 10), 41);
    }
}
