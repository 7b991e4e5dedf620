//! The library as an archive: its sources and dates with counts, the
//! `--source` / `--since` / `--until` filters, the orders a list can be
//! sorted in, and reprints (one story carried by several articles).

pub mod facets;
pub mod filter;
pub mod reprints;
pub mod sketch;
pub mod sort;

pub use facets::{MonthCount, SourceCount, YearCount, source_key, source_name};
pub use filter::{Day, Filter, FilterError};
pub use reprints::Reprints;
pub use sketch::Sketch;
pub use sort::SortKey;
