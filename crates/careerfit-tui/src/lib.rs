//! The full-screen programs in the Elm style. The quiz: [`model::Model`],
//! [`msg::Message`], a pure [`update::update`] and [`view::view`] drawing
//! from state only; the workshop dashboard in [`dashboard`] the same way.
//! [`runtime`] is the one event loop that drives either on this process's
//! terminal; the SSH server drives the quiz's model, update and view itself.
//! [`bounds`] is the area both draw in, capped for the quiz.
//! Nothing here reads or writes files: what the quiz asks for comes back as
//! [`msg::Effect`]s for the program around it.

pub mod bounds;
pub mod dashboard;
pub mod keys;
pub mod model;
pub mod msg;
pub mod runtime;
pub mod theme;
pub mod update;
pub mod view;

/// How a full-screen program failed: the terminal could not be set up,
/// read or written (drawing itself cannot fail).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Terminal(#[from] std::io::Error),
}
