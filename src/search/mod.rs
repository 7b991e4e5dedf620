//! Full-text search over the library: folded substring matching.
