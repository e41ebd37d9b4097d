//! The pure domain core: no terminal, no files, no clocks. Bytes and
//! values in, values out.

pub mod aggregate;
pub mod analysis;
pub mod answers;
pub mod ascii;
pub mod bundled;
pub mod card;
pub mod code;
pub mod diag;
pub mod explain;
pub mod i18n;
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

/// Every way the core refuses its input, for callers that handle them
/// alike. Each function returns the precise kind it can fail with (a
/// quiz that does not load cannot be a bad share code); they all convert
/// into this one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] load::LoadError),
    #[error(transparent)]
    Answers(#[from] answers::SpecError),
    #[error(transparent)]
    Code(#[from] code::CodeError),
    #[error(transparent)]
    Result(#[from] aggregate::ParseError),
    #[error(transparent)]
    Aggregate(#[from] aggregate::AggregateError),
}
