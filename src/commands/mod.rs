//! One module per command, each owning its clap arguments and its run
//! function. `new`, `list`, `aggregate` and `workshop` live with the code
//! they drive (`authoring`, `workshop`).

pub mod analyze;
pub mod completions;
pub mod history;
pub mod inspect;
pub mod man;
pub mod score;
pub mod serve;
pub mod show;
pub mod simulate;
pub mod take;
pub mod validate;
