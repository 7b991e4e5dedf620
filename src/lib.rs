//! yuedu (阅读): a terminal reader for collections of Chinese news articles.
//!
//! Data flows one way: files → [`store`] → [`taxonomy`] → [`text`] layout →
//! [`app`] state → [`ui`]. The engine modules never touch the terminal, so the
//! CLI, the tests and the benches use them directly.

pub mod app;
pub mod archive;
pub mod bookmarks;
pub mod cli;
pub mod config;
pub mod fold;
pub mod model;
pub mod safe;
pub mod search;
pub mod storage;
pub mod store;
pub mod taxonomy;
pub mod text;
pub mod ui;
