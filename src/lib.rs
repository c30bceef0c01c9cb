//! podium: a terminal reader for conference session reports.
//!
//! Layers depend one way only: `model` → `load` → `search` → `app` → `ui`;
//! `people` (who speaks across reports) sits beside `search`, on `model`;
//! `export` (Markdown, JSON, text) depends on `model`, `search` and `people` alone;
//! `config` reads the configuration file into `app`'s key map and `ui`'s palette.

pub mod app;
pub mod config;
pub mod export;
pub mod import;
pub mod load;
pub mod model;
pub mod people;
pub mod search;
pub mod ui;
