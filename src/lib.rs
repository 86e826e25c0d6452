//! aiact: where an AI system stands under the EU AI Act, and what its organisation must do.
//!
//! The library does the work; `main.rs` only maps the outcome to an exit code.
#![forbid(unsafe_code)]
// Diagnostics are returned by value on the rare error path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

/// Like `eprintln!`, but a closed standard error (`2>&1 | head`) is not a panic: `eprintln!`
/// panics when the write fails (exit 101), and a tool failure must exit 2 and a broken pipe 0.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// A text in English and Dutch (`rules::Text`), each a `format!` string (variables inline, or the same
/// arguments after both): `t!("cannot read `{file}`", "kan `{file}` niet lezen")`.
macro_rules! t {
    ($en:literal, $nl:literal $(,)?) => {
        crate::rules::Text {
            en: format!($en),
            nl: format!($nl),
        }
    };
    ($en:literal, $nl:literal, $($arg:tt)+) => {
        crate::rules::Text {
            en: format!($en, $($arg)+),
            nl: format!($nl, $($arg)+),
        }
    };
}

pub mod batch;
pub mod cli;
pub mod diag;
pub mod engine;
pub mod files;
pub mod import;
pub mod inventory;
pub mod lang;
pub mod policy;
pub mod prompt;
pub mod report;
pub mod rules;

// Answers belong to the rule pack's questions; `crate::answers` is the short path used everywhere.
pub use rules::answers;
