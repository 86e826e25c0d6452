//! Answers to a pack's questions: parsing them from TOML/JSON values and spreadsheet cells,
//! and the compact form the engine evaluates.

use super::{AnswerType, Pack, Question, Text};
use crate::diag::{did_you_mean, did_you_mean_text};
use chrono::NaiveDate;

/// One question's answer as the engine sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// Not answered (yet).
    Unanswered,
    /// Answered "I don't know".
    Unknown,
    Bool(bool),
    /// A single choice, by index.
    Choice(u8),
    /// Multiple choices as a bit set of indices.
    Multi(u64),
    Date(NaiveDate),
    Number(f64),
}

impl Answer {
    pub fn is_answered(self) -> bool {
        !matches!(self, Answer::Unanswered)
    }
}

/// A problem with one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerProblem {
    pub code: &'static str,
    pub question: String,
    pub message: Text,
    pub hint: Option<Text>,
}

/// The answers for one system, indexed like the pack's questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers(pub Vec<Answer>);

impl Answers {
    pub fn empty(pack: &Pack) -> Self {
        Answers(vec![Answer::Unanswered; pack.questions.len()])
    }

    pub fn get(&self, q: usize) -> Answer {
        self.0.get(q).copied().unwrap_or(Answer::Unanswered)
    }

    pub fn set(&mut self, q: usize, a: Answer) {
        if let Some(slot) = self.0.get_mut(q) {
            *slot = a;
        }
    }

    /// Reads answers from a TOML table keyed by question id. Bad entries are reported and
    /// left unanswered; the others are kept.
    pub fn from_table(pack: &Pack, table: &toml::Table) -> (Self, Vec<AnswerProblem>) {
        let mut answers = Self::empty(pack);
        let mut problems = Vec::new();
        for (id, value) in table {
            match answer_for(pack, id, &RawAnswer::from_toml(value)) {
                Ok((q, a)) => answers.set(q, a),
                Err(p) => problems.push(p),
            }
        }
        (answers, problems)
    }

    /// Writes the answered questions back as a TOML table (ids in pack order).
    pub fn to_table(&self, pack: &Pack) -> toml::Table {
        let mut t = toml::Table::new();
        for (q, question) in pack.questions.iter().enumerate() {
            if let Some(v) = self.to_raw(q, question) {
                t.insert(question.id.clone(), v.to_toml());
            }
        }
        t
    }

    pub fn to_raw(&self, q: usize, question: &Question) -> Option<RawAnswer> {
        raw_answer(question, self.get(q))
    }
}

/// An answer as it is written, `None` for no answer.
pub fn raw_answer(question: &Question, answer: Answer) -> Option<RawAnswer> {
    Some(match answer {
        Answer::Unanswered => return None,
        Answer::Unknown => RawAnswer::Text("unknown".into()),
        Answer::Bool(b) => RawAnswer::Bool(b),
        Answer::Choice(i) => RawAnswer::Text(question.choices.get(usize::from(i))?.value.clone()),
        Answer::Multi(bits) => RawAnswer::List(
            question
                .choices
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, c)| c.value.clone())
                .collect(),
        ),
        Answer::Date(d) => RawAnswer::Date(d),
        Answer::Number(n) => RawAnswer::Number(n),
    })
}

/// An answer as written by a person, before it is checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer {
    Bool(bool),
    Text(String),
    List(Vec<String>),
    Date(NaiveDate),
    Number(f64),
    /// A value of a kind no question takes (a table, a date-time, ...), described.
    Other(Text),
}

impl RawAnswer {
    pub fn from_toml(v: &toml::Value) -> Self {
        match v {
            toml::Value::Boolean(b) => RawAnswer::Bool(*b),
            toml::Value::String(s) => RawAnswer::Text(s.clone()),
            toml::Value::Integer(i) => RawAnswer::Number(*i as f64),
            toml::Value::Float(f) => RawAnswer::Number(*f),
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                        .map_or_else(|| RawAnswer::Other(t!("{dt}", "{dt}")), RawAnswer::Date)
                }
                _ => RawAnswer::Other(t!("the date-time {dt}", "de datum en tijd {dt}")),
            },
            toml::Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        toml::Value::String(s) => out.push(s.clone()),
                        other => {
                            let kind = other.type_str();
                            return RawAnswer::Other(t!(
                                "a list containing {kind}",
                                "een lijst met {kind}"
                            ));
                        }
                    }
                }
                RawAnswer::List(out)
            }
            toml::Value::Table(_) => RawAnswer::Other(t!("a table", "een tabel")),
        }
    }

    pub fn from_json(v: &serde_json::Value) -> Self {
        match v {
            serde_json::Value::Bool(b) => RawAnswer::Bool(*b),
            serde_json::Value::String(s) => RawAnswer::Text(s.clone()),
            serde_json::Value::Number(n) => n
                .as_f64()
                .map_or_else(|| RawAnswer::Other(t!("{n}", "{n}")), RawAnswer::Number),
            serde_json::Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        serde_json::Value::String(s) => out.push(s.clone()),
                        other => {
                            return RawAnswer::Other(t!(
                                "a list containing {other}",
                                "een lijst met {other}"
                            ));
                        }
                    }
                }
                RawAnswer::List(out)
            }
            serde_json::Value::Null => RawAnswer::Text("unknown".into()),
            serde_json::Value::Object(_) => RawAnswer::Other(t!("an object", "een object")),
        }
    }

    pub fn to_toml(&self) -> toml::Value {
        match self {
            RawAnswer::Bool(b) => toml::Value::Boolean(*b),
            RawAnswer::Text(s) => toml::Value::String(s.clone()),
            RawAnswer::Other(t) => toml::Value::String(t.en.clone()),
            RawAnswer::List(l) => {
                toml::Value::Array(l.iter().map(|s| toml::Value::String(s.clone())).collect())
            }
            RawAnswer::Date(d) => d.to_string().parse::<toml::value::Datetime>().map_or_else(
                |_| toml::Value::String(d.to_string()),
                toml::Value::Datetime,
            ),
            RawAnswer::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    toml::Value::Integer(*n as i64)
                } else {
                    toml::Value::Float(*n)
                }
            }
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            RawAnswer::Bool(b) => serde_json::Value::Bool(*b),
            RawAnswer::Text(s) => serde_json::Value::String(s.clone()),
            RawAnswer::Other(t) => serde_json::Value::String(t.en.clone()),
            RawAnswer::List(l) => serde_json::Value::Array(
                l.iter()
                    .map(|s| serde_json::Value::String(s.clone()))
                    .collect(),
            ),
            RawAnswer::Date(d) => serde_json::Value::String(d.to_string()),
            RawAnswer::Number(n) => serde_json::Number::from_f64(*n)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
        }
    }

    /// Human-readable form, for CSV cells and reports.
    pub fn display(&self) -> String {
        match self {
            RawAnswer::Bool(true) => "yes".into(),
            RawAnswer::Bool(false) => "no".into(),
            RawAnswer::Text(s) => s.clone(),
            RawAnswer::Other(t) => t.en.clone(),
            RawAnswer::List(l) => l.join(";"),
            RawAnswer::Date(d) => d.to_string(),
            RawAnswer::Number(n) => n.to_string(),
        }
    }
}

/// The words people type for yes, no and "I don't know", per language. Both languages are
/// accepted whatever `--lang` says: by the interview, every inventory reader and the policy.
pub mod words {
    pub const YES_EN: [&str; 4] = ["yes", "y", "true", "1"];
    pub const YES_NL: [&str; 2] = ["ja", "j"];
    pub const NO_EN: [&str; 4] = ["no", "n", "false", "0"];
    pub const NO_NL: [&str; 2] = ["nee", "neen"];
    pub const UNKNOWN_EN: [&str; 5] = ["unknown", "don't know", "dont know", "idk", "n/a"];
    pub const UNKNOWN_NL: [&str; 3] = ["weet niet", "weet ik niet", "onbekend"];
}

/// Yes or no, typed in English or Dutch, in any case.
pub fn yes_no(s: &str) -> Option<bool> {
    let s = s.trim().to_lowercase();
    let s = s.as_str();
    if words::YES_EN.contains(&s) || words::YES_NL.contains(&s) {
        Some(true)
    } else if words::NO_EN.contains(&s) || words::NO_NL.contains(&s) {
        Some(false)
    } else {
        None
    }
}

/// Whether a typed answer says "I don't know", in English or Dutch.
pub fn is_unknown(s: &str) -> bool {
    let s = s.trim().to_lowercase();
    words::UNKNOWN_EN.contains(&s.as_str()) || words::UNKNOWN_NL.contains(&s.as_str())
}

/// The word for "I don't know" in a language.
pub fn unknown_word(lang: crate::rules::Lang) -> &'static str {
    match lang {
        crate::rules::Lang::En => words::UNKNOWN_EN[0],
        crate::rules::Lang::Nl => words::UNKNOWN_NL[0],
    }
}

/// A cell or string of a file that means "don't know": one of the words, or empty, or `?`
/// (a file cannot ask for help, so there `?` can only mean that the writer does not know).
fn is_unknown_in_file(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || t == "?" || is_unknown(t)
}

/// Checks one raw answer against its question.
pub fn answer_for(
    pack: &Pack,
    id: &str,
    raw: &RawAnswer,
) -> Result<(usize, Answer), AnswerProblem> {
    let Some((q, question)) = pack.question(id) else {
        let hint = pack
            .question_hints
            .get(id, || {
                did_you_mean(id, pack.questions.iter().map(|q| q.id.as_str()))
                    .map(did_you_mean_text)
            })
            .or_else(|| {
                Some(t!(
                    "`aiact rules list` shows every question id",
                    "`aiact rules list` toont elke vraag-id"
                ))
            });
        return Err(AnswerProblem {
            code: "A001",
            question: id.to_string(),
            message: t!("unknown question `{id}`", "onbekende vraag `{id}`"),
            hint,
        });
    };
    parse_answer(question, raw).map(|a| (q, a))
}

pub fn parse_answer(question: &Question, raw: &RawAnswer) -> Result<Answer, AnswerProblem> {
    let id = &question.id;
    let problem = |message: Text, hint: Text| AnswerProblem {
        code: "A002",
        question: question.id.clone(),
        message,
        hint: Some(hint),
    };
    if let RawAnswer::Text(s) = raw
        && is_unknown_in_file(s)
    {
        return Ok(Answer::Unknown);
    }
    let allowed = || {
        question
            .choices
            .iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match question.answer_type {
        AnswerType::YesNo => match raw {
            RawAnswer::Bool(b) => Ok(Answer::Bool(*b)),
            RawAnswer::Text(s) => match yes_no(s) {
                Some(b) => Ok(Answer::Bool(b)),
                None => Err(problem(
                    t!(
                        "`{id}` takes yes or no, not \"{s}\"",
                        "`{id}` vraagt ja of nee, niet \"{s}\""
                    ),
                    yes_no_hint(),
                )),
            },
            other => Err(problem(
                wrong_kind(id, "yes or no", "ja of nee", other),
                yes_no_hint(),
            )),
        },
        AnswerType::Choice => match raw {
            RawAnswer::Text(s) => match question.choice_index(s.trim()) {
                Some(i) => Ok(Answer::Choice(i as u8)),
                None => {
                    let hint =
                        match did_you_mean(s, question.choices.iter().map(|c| c.value.as_str())) {
                            Some(k) => t!(
                                "did you mean \"{k}\"? allowed: {}, unknown",
                                "bedoelde u \"{k}\"? toegestaan: {}, onbekend",
                                allowed()
                            ),
                            None => t!(
                                "allowed: {}, unknown",
                                "toegestaan: {}, onbekend",
                                allowed()
                            ),
                        };
                    Err(problem(
                        t!(
                            "\"{s}\" is not an allowed value of `{id}`",
                            "\"{s}\" is geen toegestane waarde van `{id}`"
                        ),
                        hint,
                    ))
                }
            },
            other => Err(problem(
                wrong_kind(id, "one of its values", "een van zijn waarden", other),
                t!(
                    "allowed: {}, unknown",
                    "toegestaan: {}, onbekend",
                    allowed()
                ),
            )),
        },
        AnswerType::MultiChoice => {
            let items: Vec<String> = match raw {
                RawAnswer::List(l) => l.clone(),
                RawAnswer::Text(s) => s
                    .split([';', '|'])
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect(),
                other => {
                    return Err(problem(
                        wrong_kind(
                            id,
                            "a list of its values",
                            "een lijst van zijn waarden",
                            other,
                        ),
                        t!(
                            "allowed: {}; unknown",
                            "toegestaan: {}; onbekend",
                            allowed()
                        ),
                    ));
                }
            };
            if items.len() == 1 && is_unknown_in_file(&items[0]) {
                return Ok(Answer::Unknown);
            }
            let mut bits = 0u64;
            for item in &items {
                match question.choice_index(item) {
                    Some(i) => bits |= 1 << i,
                    None => {
                        let hint = match did_you_mean(
                            item,
                            question.choices.iter().map(|c| c.value.as_str()),
                        ) {
                            Some(k) => t!(
                                "did you mean \"{k}\"? allowed: {}",
                                "bedoelde u \"{k}\"? toegestaan: {}",
                                allowed()
                            ),
                            None => t!("allowed: {}", "toegestaan: {}", allowed()),
                        };
                        return Err(problem(
                            t!(
                                "\"{item}\" is not an allowed value of `{id}`",
                                "\"{item}\" is geen toegestane waarde van `{id}`"
                            ),
                            hint,
                        ));
                    }
                }
            }
            Ok(Answer::Multi(bits))
        }
        AnswerType::Date => match raw {
            RawAnswer::Date(d) => Ok(Answer::Date(*d)),
            RawAnswer::Text(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map(Answer::Date)
                .map_err(|_| {
                    problem(
                        t!(
                            "`{id}` takes a date, not \"{s}\"",
                            "`{id}` vraagt een datum, niet \"{s}\""
                        ),
                        date_hint(),
                    )
                }),
            other => Err(problem(
                wrong_kind(id, "a date", "een datum", other),
                date_hint(),
            )),
        },
        AnswerType::Number => {
            let n = match raw {
                RawAnswer::Number(n) => *n,
                RawAnswer::Text(s) => match s.trim().replace(',', ".").parse::<f64>() {
                    Ok(n) if n.is_finite() => n,
                    _ => {
                        return Err(problem(
                            t!(
                                "`{id}` takes a number, not \"{s}\"",
                                "`{id}` vraagt een getal, niet \"{s}\""
                            ),
                            number_hint(),
                        ));
                    }
                },
                other => {
                    return Err(problem(
                        wrong_kind(id, "a number", "een getal", other),
                        number_hint(),
                    ));
                }
            };
            if question.min.is_some_and(|m| n < m) || question.max.is_some_and(|m| n > m) {
                let min = question.min.map_or("-inf".into(), |m| m.to_string());
                let max = question.max.map_or("inf".into(), |m| m.to_string());
                return Err(problem(
                    t!(
                        "{n} is out of range for `{id}`",
                        "{n} valt buiten het bereik van `{id}`"
                    ),
                    t!("between {min} and {max}", "tussen {min} en {max}"),
                ));
            }
            Ok(Answer::Number(n))
        }
    }
}

fn describe(raw: &RawAnswer) -> Text {
    match raw {
        RawAnswer::Bool(b) => t!("{b}", "{b}"),
        RawAnswer::Text(s) => t!("\"{s}\"", "\"{s}\""),
        RawAnswer::List(_) => t!("a list", "een lijst"),
        RawAnswer::Date(d) => t!("the date {d}", "de datum {d}"),
        RawAnswer::Number(n) => t!("the number {n}", "het getal {n}"),
        RawAnswer::Other(s) => s.clone(),
    }
}

/// "`id` takes X, not Y" for a value of the wrong kind.
fn wrong_kind(id: &str, takes_en: &str, takes_nl: &str, raw: &RawAnswer) -> Text {
    let Text { en: w_en, nl: w_nl } = describe(raw);
    t!(
        "`{id}` takes {takes_en}, not {w_en}",
        "`{id}` vraagt {takes_nl}, niet {w_nl}"
    )
}

fn yes_no_hint() -> Text {
    t!("answer yes, no or unknown", "antwoord ja, nee of onbekend")
}

fn date_hint() -> Text {
    t!(
        "write the date as YYYY-MM-DD",
        "schrijf de datum als JJJJ-MM-DD"
    )
}

fn number_hint() -> Text {
    t!("write a number, e.g. 1e25", "schrijf een getal, bv. 1e25")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_people_type_in_either_language() {
        for yes in ["yes", "Y", "true", "1", "Ja", " j "] {
            assert_eq!(yes_no(yes), Some(true), "{yes}");
        }
        for no in ["no", "N", "false", "0", "nee", "Neen"] {
            assert_eq!(yes_no(no), Some(false), "{no}");
        }
        assert_eq!(yes_no("misschien"), None);
        for unknown in [
            "unknown",
            "Don't know",
            "idk",
            "n/a",
            "weet niet",
            "Weet ik niet",
            "onbekend",
        ] {
            assert!(is_unknown(unknown), "{unknown}");
        }
        // In the interview `?` asks for help; only a file reads it as "don't know".
        assert!(!is_unknown("?"));
        assert!(is_unknown_in_file("?"));
        assert!(is_unknown_in_file(" "));
        assert!(!is_unknown_in_file("nee"));
    }
}
