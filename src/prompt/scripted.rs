//! A prompter that plays a script: for tests of the interview flow without a terminal.
//!
//! Answers are written as a person would type them into an answers file: `"yes"`, `"no"`,
//! `"unknown"`, a choice value, `"a;b"` for several choices (`""` for none), a date
//! `YYYY-MM-DD`, a number. `"<back>"` goes back to the previous question.

use super::prompter::{Kind, PromptError, Prompter, QuestionPrompt, Reply};
use std::collections::{HashMap, VecDeque};

/// What to do with a question the script does not mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Otherwise {
    /// Stop with an error naming the question (the default: a test then shows what was asked).
    Fail,
    /// Answer "no" to yes-no questions, the choice `none` (or `no`) where there is one, and
    /// nothing ticked to multi-choice questions; fail on the rest.
    NoOrNone,
    /// Answer "I don't know".
    Unknown,
}

#[derive(Debug, Clone)]
enum Step {
    Answer { id: String, value: String },
    Interrupt { id: String },
}

/// The scripted prompter; see the module documentation.
#[derive(Debug, Clone)]
pub struct Scripted {
    steps: VecDeque<Step>,
    answers: HashMap<String, String>,
    texts: HashMap<String, String>,
    selects: HashMap<String, usize>,
    confirms: HashMap<String, bool>,
    otherwise: Otherwise,
    /// Every question put, in order.
    pub asked: Vec<QuestionPrompt>,
    /// Every line shown with `say`.
    pub said: Vec<String>,
}

impl Default for Scripted {
    fn default() -> Self {
        Self::new()
    }
}

impl Scripted {
    pub fn new() -> Self {
        Scripted {
            steps: VecDeque::new(),
            answers: HashMap::new(),
            texts: HashMap::new(),
            selects: HashMap::new(),
            confirms: HashMap::new(),
            otherwise: Otherwise::Fail,
            asked: Vec::new(),
            said: Vec::new(),
        }
    }

    /// Answers question `id` with `value` whenever it is asked (unless a step comes first).
    pub fn answer(mut self, id: &str, value: &str) -> Self {
        self.answers.insert(id.to_string(), value.to_string());
        self
    }

    /// Several answers at once.
    pub fn answers(mut self, pairs: &[(&str, &str)]) -> Self {
        for (id, v) in pairs {
            self.answers.insert((*id).to_string(), (*v).to_string());
        }
        self
    }

    /// The next question asked must be `id`; answer it with `value` (`"<back>"` goes back).
    pub fn then(mut self, id: &str, value: &str) -> Self {
        self.steps.push_back(Step::Answer {
            id: id.to_string(),
            value: value.to_string(),
        });
        self
    }

    /// The next question asked must be `id`; press Ctrl-C there.
    pub fn interrupt_at(mut self, id: &str) -> Self {
        self.steps.push_back(Step::Interrupt { id: id.to_string() });
        self
    }

    /// The text typed for a field (`id`, `name`, `owner`, `description`, `report_file`).
    pub fn text(mut self, key: &str, value: &str) -> Self {
        self.texts.insert(key.to_string(), value.to_string());
        self
    }

    /// The option chosen when asked to select (`save_exists`, `report_format`).
    pub fn select(mut self, key: &str, index: usize) -> Self {
        self.selects.insert(key.to_string(), index);
        self
    }

    /// The answer to a yes/no question of the interview itself (`write_report`).
    pub fn confirm(mut self, key: &str, yes: bool) -> Self {
        self.confirms.insert(key.to_string(), yes);
        self
    }

    pub fn otherwise(mut self, otherwise: Otherwise) -> Self {
        self.otherwise = otherwise;
        self
    }

    /// The ids of the questions asked, in order.
    pub fn asked_ids(&self) -> Vec<&str> {
        self.asked.iter().map(|q| q.id.as_str()).collect()
    }

    /// Whether the script has steps left (a test usually wants it played out).
    pub fn steps_left(&self) -> usize {
        self.steps.len()
    }

    fn fallback(&self, q: &QuestionPrompt) -> Result<Reply, PromptError> {
        let fail = || {
            Err(PromptError::Failed(format!(
                "the script does not answer `{}` ({}); asked so far: {:?}",
                q.id,
                q.text,
                self.asked_ids()
            )))
        };
        match (self.otherwise, &q.kind) {
            (Otherwise::Fail, _) => fail(),
            (Otherwise::Unknown, _) => Ok(Reply::Unknown),
            (Otherwise::NoOrNone, Kind::YesNo) => Ok(Reply::No),
            (Otherwise::NoOrNone, Kind::Choice(options)) => {
                match options.iter().position(|(v, _)| v == "none" || v == "no") {
                    Some(i) => Ok(Reply::Choice(i)),
                    None => fail(),
                }
            }
            (Otherwise::NoOrNone, Kind::Multi(_)) => Ok(Reply::Multi(Vec::new())),
            _ => fail(),
        }
    }
}

/// Turns a scripted value into a reply for the question.
pub fn reply_for(q: &QuestionPrompt, value: &str) -> Result<Reply, PromptError> {
    let v = value.trim();
    if v == "<back>" {
        return Ok(Reply::Back);
    }
    if v == "unknown" {
        return Ok(Reply::Unknown);
    }
    let bad = || {
        PromptError::Failed(format!(
            "the script's answer \"{value}\" does not fit `{}`",
            q.id
        ))
    };
    let index = |options: &[(String, String)], v: &str| {
        options
            .iter()
            .position(|(value, _)| value == v)
            .ok_or_else(bad)
    };
    match &q.kind {
        Kind::YesNo => match v {
            "yes" => Ok(Reply::Yes),
            "no" => Ok(Reply::No),
            _ => Err(bad()),
        },
        Kind::Choice(options) => index(options, v).map(Reply::Choice),
        Kind::Multi(options) => v
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| index(options, s))
            .collect::<Result<Vec<_>, _>>()
            .map(Reply::Multi),
        Kind::Date => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Reply::Date)
            .map_err(|_| bad()),
        Kind::Number { .. } => v.parse::<f64>().map(Reply::Number).map_err(|_| bad()),
    }
}

impl Prompter for Scripted {
    fn say(&mut self, text: &str) {
        self.said.push(text.to_string());
    }

    fn ask(&mut self, q: &QuestionPrompt) -> Result<Reply, PromptError> {
        self.asked.push(q.clone());
        if self.asked.len() > 10_000 {
            return Err(PromptError::Failed("the interview does not end".into()));
        }
        if let Some(step) = self.steps.pop_front() {
            let (expected, value) = match &step {
                Step::Answer { id, value } => (id, Some(value)),
                Step::Interrupt { id } => (id, None),
            };
            if *expected != q.id {
                return Err(PromptError::Failed(format!(
                    "the script expected `{expected}` but `{}` was asked; asked so far: {:?}",
                    q.id,
                    self.asked_ids()
                )));
            }
            return match value {
                Some(v) => reply_for(q, v),
                None => Err(PromptError::Interrupted),
            };
        }
        match self.answers.get(&q.id) {
            Some(v) => reply_for(q, v),
            None => self.fallback(q),
        }
    }

    fn text(
        &mut self,
        key: &str,
        _label: &str,
        initial: &str,
        _required: bool,
    ) -> Result<Option<String>, PromptError> {
        Ok(Some(
            self.texts
                .get(key)
                .cloned()
                .unwrap_or_else(|| initial.to_string()),
        ))
    }

    fn confirm(&mut self, key: &str, _label: &str, default: bool) -> Result<bool, PromptError> {
        Ok(self.confirms.get(key).copied().unwrap_or(default))
    }

    fn select(
        &mut self,
        key: &str,
        _label: &str,
        options: &[String],
    ) -> Result<Option<usize>, PromptError> {
        Ok(self
            .selects
            .get(key)
            .copied()
            .filter(|i| *i < options.len()))
    }
}
