//! careerfit: a career-fit quiz engine and terminal app.
//!
//! `core` is pure (bytes in, values out); `cli`, `app`, `plain` and `tui`
//! are the edges that touch files and terminals.
#![forbid(unsafe_code)]

pub mod app;
pub mod authoring;
pub mod bundled;
pub mod cli;
pub mod core;
pub mod fsread;
pub mod handoff;
pub mod history_cmd;
pub mod man_cmd;
pub mod plain;
pub mod serve;
pub mod simulate_cmd;
pub mod store;
pub mod term;
pub mod tui;
pub mod workshop;
