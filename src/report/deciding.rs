//! The way from an undetermined result to a decision, as reports show it: the deciding
//! questions with what each answer leads to, and the duties that come with each possible
//! class. By id for machines (the batch summary), with texts for people.

use super::cite::{Citation, answer_label, citation_text, citations};
use super::i18n::long_date;
use crate::answers::{RawAnswer, raw_answer};
use crate::engine::{AnswerSpan, DecidingQuestion, DutyGroup, Outcome};
use crate::rules::{Lang, Pack, Question, RiskClass};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// How many deciding questions the human reports show (with the total).
pub const SHOWN: usize = 5;

/// What one answer (or range of answers) leads to.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct OutcomeRef<'a> {
    /// The answer as an answers file writes it; a range of dates or numbers is
    /// `{ "from": …, "to": … }` (inclusive, either may be missing).
    pub answer: serde_json::Value,
    /// `undetermined` while other questions stay open.
    pub risk: RiskClass,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub possible_risks: &'a [RiskClass],
    /// The finding that gives the class (its route and citation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
}

/// A question whose answer changes the class or the roles.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DecidingRef<'a> {
    pub id: &'a str,
    pub outcomes: Vec<OutcomeRef<'a>>,
}

/// Undetermined duties that come with one possible class, by id.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DutyGroupRef<'a> {
    /// The class they come with; missing when they depend on other answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskClass>,
    /// The earliest date any of them may apply from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    pub obligations: Vec<&'a str>,
}

pub fn deciding_refs<'a>(pack: &'a Pack, deciding: &'a [DecidingQuestion]) -> Vec<DecidingRef<'a>> {
    deciding
        .iter()
        .map(|d| {
            let q = &pack.questions[d.question];
            DecidingRef {
                id: &q.id,
                outcomes: d
                    .outcomes
                    .iter()
                    .map(|o| OutcomeRef {
                        answer: answer_json(q, o.answer),
                        risk: o.risk,
                        possible_risks: &o.possible,
                        reason: o.reason.map(|f| pack.findings[f].id.as_str()),
                    })
                    .collect(),
            }
        })
        .collect()
}

pub fn group_refs<'a>(pack: &'a Pack, groups: &[DutyGroup]) -> Vec<DutyGroupRef<'a>> {
    groups
        .iter()
        .map(|g| DutyGroupRef {
            risk: g.class,
            from: g.from,
            obligations: g
                .obligations
                .iter()
                .map(|o| pack.obligations[*o].id.as_str())
                .collect(),
        })
        .collect()
}

fn answer_json(q: &Question, span: AnswerSpan) -> serde_json::Value {
    let one = |a| raw_answer(q, a).map_or(serde_json::Value::Null, |r| r.to_json());
    match span {
        AnswerSpan::One(a) => one(a),
        AnswerSpan::Range { from, to } => {
            let mut m = serde_json::Map::new();
            if let Some(f) = from {
                m.insert("from".into(), one(f));
            }
            if let Some(t) = to {
                m.insert("to".into(), one(t));
            }
            serde_json::Value::Object(m)
        }
    }
}

/// One answer and where it leads, in words.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct OutcomeView {
    pub answer: String,
    pub leads_to: String,
}

/// A deciding question in words.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DecidingView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub citations: Vec<Citation<'a>>,
    pub outcomes: Vec<OutcomeView>,
}

/// Duties that come with one possible class, in words ("if high-risk: 14 further duties
/// from 2 December 2027").
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DutyGroupView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskClass>,
    pub label: String,
    pub obligations: Vec<&'a str>,
    /// The titles of `obligations`, in the same order.
    pub titles: Vec<&'a str>,
}

pub fn deciding_views<'a>(
    pack: &'a Pack,
    deciding: &[DecidingQuestion],
    lang: Lang,
) -> Vec<DecidingView<'a>> {
    deciding
        .iter()
        .map(|d| {
            let q = &pack.questions[d.question];
            DecidingView {
                id: &q.id,
                text: q.text.get(lang),
                citations: citations(pack, &q.cite, lang),
                outcomes: d
                    .outcomes
                    .iter()
                    .map(|o| OutcomeView {
                        answer: answer_text(q, o.answer, lang),
                        leads_to: leads_to(pack, o, lang),
                    })
                    .collect(),
            }
        })
        .collect()
}

pub fn group_views<'a>(pack: &'a Pack, groups: &[DutyGroup], lang: Lang) -> Vec<DutyGroupView<'a>> {
    groups
        .iter()
        .map(|g| {
            let n = g.obligations.len();
            let nl = lang == Lang::Nl;
            let duties = match (nl, n) {
                (false, 1) => "1 further duty".to_string(),
                (false, _) => format!("{n} further duties"),
                (true, 1) => "1 bijkomende plicht".to_string(),
                (true, _) => format!("{n} bijkomende plichten"),
            };
            let when = match (g.class, nl) {
                (Some(c), false) => format!("if {}", c.label(lang)),
                (Some(c), true) => format!("bij {}", c.label(lang)),
                (None, false) => "depending on other answers".to_string(),
                (None, true) => "afhankelijk van andere antwoorden".to_string(),
            };
            let from = g.from.map_or_else(String::new, |d| {
                let word = if nl { "vanaf" } else { "from" };
                format!(" {word} {}", long_date(&d.to_string(), lang))
            });
            DutyGroupView {
                risk: g.class,
                label: format!("{when}: {duties}{from}"),
                obligations: g
                    .obligations
                    .iter()
                    .map(|o| pack.obligations[*o].id.as_str())
                    .collect(),
                titles: g
                    .obligations
                    .iter()
                    .map(|o| pack.obligations[*o].title.get(lang))
                    .collect(),
            }
        })
        .collect()
}

fn answer_text(q: &Question, span: AnswerSpan, lang: Lang) -> String {
    let one = |a| {
        raw_answer(q, a).map_or_else(String::new, |r| match r {
            RawAnswer::Date(d) => long_date(&d.to_string(), lang),
            r => answer_label(q, &r, lang).into_owned(),
        })
    };
    let nl = lang == Lang::Nl;
    match span {
        AnswerSpan::One(a) => one(a),
        AnswerSpan::Range {
            from: None,
            to: Some(t),
        } => format!("{} {}", if nl { "tot en met" } else { "up to" }, one(t)),
        AnswerSpan::Range {
            from: Some(f),
            to: None,
        } => format!("{} {}", if nl { "vanaf" } else { "from" }, one(f)),
        AnswerSpan::Range {
            from: Some(f),
            to: Some(t),
        } => format!(
            "{} {} {} {}",
            if nl { "van" } else { "from" },
            one(f),
            if nl { "tot en met" } else { "to" },
            one(t)
        ),
        AnswerSpan::Range {
            from: None,
            to: None,
        } => (if nl { "elk antwoord" } else { "any answer" }).to_string(),
    }
}

/// "high-risk (Annex III 5(a))", or "still open: high-risk or minimal risk".
fn leads_to(pack: &Pack, o: &Outcome, lang: Lang) -> String {
    if o.risk == RiskClass::Undetermined {
        let or = if lang == Lang::Nl { " of " } else { " or " };
        let classes: Vec<&str> = o.possible.iter().map(|c| c.label(lang)).collect();
        let open = if lang == Lang::Nl {
            "nog open"
        } else {
            "still open"
        };
        return if classes.is_empty() {
            open.to_string()
        } else {
            format!("{open}: {}", classes.join(or))
        };
    }
    // The point of the annex (e.g. Annex III 5(a)) where there is one, else the first citation.
    let cite = o.reason.and_then(|f| {
        let finding = &pack.findings[f];
        finding.point.as_ref().or(finding.cite.first())
    });
    match cite {
        Some(cite) => format!("{} ({})", o.risk.label(lang), citation_text(cite, lang)),
        None => o.risk.label(lang).to_string(),
    }
}
