//! The interview: a [`Prompter`] trait (how a question is put to a person), the terminal
//! implementation over inquire, a scripted implementation for tests, the interview flow that
//! the engine drives, and the end-of-interview summary.
//!
//! The flow never touches the terminal itself: everything it shows or asks goes through the
//! `Prompter`, so the whole interview is tested without a terminal.

pub mod answers_file;
pub mod interview;
mod prompter;
pub mod scripted;
pub mod signals;
pub mod summary;
pub mod terminal;
pub mod texts;

pub use interview::{Ending, Interview, InterviewError};
pub use prompter::{Current, Kind, PromptError, Prompter, QuestionPrompt, Reply};
pub use scripted::Otherwise;
pub use scripted::Scripted;
pub use terminal::Terminal;
