//! Workshops: `careerfit aggregate` (one report for a group) and
//! `careerfit workshop` (a live dashboard for the facilitator's projector).
//! Both read results through [`collect`], so they count the same way and
//! share the anonymity rule of [`crate::core::aggregate`].

pub mod aggregate_cmd;
pub mod collect;
pub mod csv_out;
pub mod dashboard;
pub mod folder;
pub mod inputs;
pub mod run;
pub mod scan;
pub mod source;
pub mod watch;
