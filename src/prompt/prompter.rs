//! How a question is put to a person: the [`Prompter`] trait, which the terminal and the
//! scripted prompters implement, and what passes through it (the question, the answer, why
//! a prompt stopped).

use chrono::NaiveDate;

/// The kind of answer a question takes, with its options in the interview's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    YesNo,
    /// One of the options: (value, label).
    Choice(Vec<(String, String)>),
    /// Any number of the options: (value, label).
    Multi(Vec<(String, String)>),
    Date,
    Number {
        min: Option<f64>,
        max: Option<f64>,
    },
}

/// The current answer, shown as the default when the user comes back to a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Current {
    None,
    Unknown,
    Bool(bool),
    Choice(usize),
    Multi(Vec<usize>),
    Date(NaiveDate),
    Number(f64),
}

/// One question as the user sees it, every text already in the interview's language.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionPrompt {
    /// The question's index in the pack.
    pub index: usize,
    pub id: String,
    pub kind: Kind,
    /// "Question 6 — about 12 left".
    pub progress: String,
    pub text: String,
    /// "Why we ask: … [Art. 3(1)]" — one line.
    pub why: String,
    /// The full help with examples, shown on request.
    pub help: String,
    pub current: Current,
    /// Whether there is a previous question to go back to.
    pub can_go_back: bool,
}

/// What the user did with a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Yes,
    No,
    Unknown,
    /// The index of the chosen option.
    Choice(usize),
    /// The indices of the ticked options.
    Multi(Vec<usize>),
    Date(NaiveDate),
    Number(f64),
    /// Go back to the previous question.
    Back,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PromptError {
    /// Ctrl-C: stop; what was answered is saved.
    #[error("interrupted")]
    Interrupted,
    /// The terminal failed (or, for the scripted prompter, the script did not fit the flow).
    #[error("{0}")]
    Failed(String),
}

/// How an interview talks to a person.
pub trait Prompter {
    /// Shows a line of information (progress, warnings, where answers are saved).
    fn say(&mut self, text: &str);
    /// Asks one question of the pack; help on request is the prompter's business.
    fn ask(&mut self, q: &QuestionPrompt) -> Result<Reply, PromptError>;
    /// Asks for a line of text. `key` names the field (`id`, `name`, …, `report_file`).
    /// `None` when the user wants to go back (Esc).
    fn text(
        &mut self,
        key: &str,
        label: &str,
        initial: &str,
        required: bool,
    ) -> Result<Option<String>, PromptError>;
    /// Asks yes or no (`ja`/`nee` in Dutch).
    fn confirm(&mut self, key: &str, label: &str, default: bool) -> Result<bool, PromptError>;
    /// Lets the user choose one of `options`. `None` when the user declines (Esc).
    fn select(
        &mut self,
        key: &str,
        label: &str,
        options: &[String],
    ) -> Result<Option<usize>, PromptError>;
}
