//! careerfit: a career-fit quiz engine and terminal app.
//!
//! `core` is pure (bytes in, values out); `tui` draws and updates state
//! without touching files; `edge`, `commands`, `store`, `plain` and
//! `workshop` are the edges that touch files and terminals; `serve` is the
//! SSH server. docs/architecture.md has the map.
#![forbid(unsafe_code)]

pub mod authoring;
pub mod cli;
pub mod commands;
pub mod edge;
pub mod effects;
pub mod fsread;
pub mod plain;
pub mod results;
pub mod store;
pub mod workshop;

/// The layers below, under the names the code has always used.
pub use careerfit_core as core;
/// The quizzes built into the binary (they belong to the core).
pub use careerfit_core::bundled;
/// The pictures: HTML report, card SVG and PNG (pure, beside the core).
pub use careerfit_render as render;
pub use careerfit_tui as tui;
