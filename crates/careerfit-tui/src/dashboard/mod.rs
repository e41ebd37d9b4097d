//! The workshop dashboard for the facilitator's projector, in the same
//! Model/update/view shape as the quiz. What it shows comes in as messages
//! (the folder's aggregate after a scan); the scanning and exporting it
//! asks for are the program's (`workshop`).

pub mod model;
pub mod update;
pub mod view;
