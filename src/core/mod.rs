//! The pure domain core: no terminal, no files, no clocks.

pub mod aggregate;
pub mod answers;
pub mod card;
pub mod code;
pub mod diag;
pub mod explain;
pub mod lint;
pub mod load;
pub mod model;
pub mod order;
pub mod qr;
pub mod raw;
pub mod recommend;
pub mod report;
pub mod sanitize;
pub mod scoring;
pub mod simulate;
pub mod summary;
pub mod text;
