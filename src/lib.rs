//! aiact: where an AI system stands under the EU AI Act, and what its organisation must do.
//!
//! The library does the work; `main.rs` only maps the outcome to an exit code.
#![forbid(unsafe_code)]
// Diagnostics are returned by value on the rare error path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod answers;
pub mod cli;
pub mod diag;
pub mod engine;
pub mod inventory;
pub mod policy;
pub mod prompt;
pub mod report;
pub mod rules;
