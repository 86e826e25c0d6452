//! What the engine answers for one system on one date: the class, the findings and duties
//! with their status, the deadlines, and, while the class is open, the questions that decide
//! it. Rules are referred to by their index in the pack.

use crate::answers::Answer;
use crate::rules::{RiskClass, Role};
use chrono::NaiveDate;
use serde::Serialize;

/// The status of a finding on the assessment date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    Applies,
    Upcoming,
    Undetermined,
}

/// The status of an obligation on the assessment date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ObligationStatus {
    Applies,
    Transition,
    Upcoming,
    Undetermined,
}

impl ObligationStatus {
    pub fn name(self) -> &'static str {
        match self {
            ObligationStatus::Applies => "applies",
            ObligationStatus::Transition => "transition",
            ObligationStatus::Upcoming => "upcoming",
            ObligationStatus::Undetermined => "undetermined",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FindingOutcome {
    pub finding: usize,
    pub status: FindingStatus,
    pub applies_from: Option<NaiveDate>,
    pub deciding: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObligationOutcome {
    pub obligation: usize,
    /// The addressee roles the organisation holds (or may hold, when undetermined).
    pub roles: Vec<Role>,
    pub status: ObligationStatus,
    pub applies_from: Option<NaiveDate>,
    /// The end of the period of grace and the transition rule (Art. 111) that gives it: for
    /// `Transition`; for `Upcoming` when the grace period holds from the start date on; for
    /// `Undetermined` when it depends on the deciding questions.
    pub until: Option<NaiveDate>,
    pub transition: Option<usize>,
    /// For `Undetermined`: the questions that would decide.
    pub deciding: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub date: NaiveDate,
    /// Obligation and finding ids that start (or end a transition) on that date.
    pub items: Vec<String>,
}

/// The result of assessing one system on one date. Rules are referred to by their index in
/// the pack; the report layer turns them into ids and texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub as_of: NaiveDate,
    pub law_version: usize,
    pub risk: RiskClass,
    /// When the class rests only on findings anticipated before their date (a prohibition,
    /// a high-risk route, an Art. 50 duty or a GPAI rule that applies later): that date.
    pub risk_from: Option<NaiveDate>,
    /// When the risk is undetermined: the classes still possible, most severe first.
    pub possible_risks: Vec<RiskClass>,
    pub findings: Vec<FindingOutcome>,
    pub roles: Vec<Role>,
    pub possible_roles: Vec<Role>,
    pub obligations: Vec<ObligationOutcome>,
    /// Questions whose answer is missing or unknown and would decide something, pack order.
    pub open_questions: Vec<usize>,
    pub notes: Vec<usize>,
    pub next_deadlines: Vec<Deadline>,
    /// When undetermined: the questions whose answer changes the class or the roles, best
    /// first, with what each answer leads to (see `deciding`).
    pub deciding: Vec<DecidingQuestion>,
    /// The duties still undetermined, grouped by the class they come with.
    pub duty_groups: Vec<DutyGroup>,
}

impl Assessment {
    pub fn is_determined(&self) -> bool {
        self.open_questions.is_empty() && self.risk != RiskClass::Undetermined
    }
}

/// A question whose answer changes the class or the roles.
#[derive(Debug, Clone, PartialEq)]
pub struct DecidingQuestion {
    pub question: usize,
    /// One per distinct result, in the order of the question's values.
    pub outcomes: Vec<Outcome>,
}

/// The answers (a value, or a range of dates or numbers) that lead to one result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AnswerSpan {
    One(Answer),
    /// `from` and `to` inclusive; `None` is open-ended.
    Range {
        from: Option<Answer>,
        to: Option<Answer>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub answer: AnswerSpan,
    /// `Undetermined` while other questions stay open.
    pub risk: RiskClass,
    /// When still open: the classes still possible.
    pub possible: Vec<RiskClass>,
    /// The finding that gives the class (its route and citation), if one does.
    pub reason: Option<usize>,
}

/// Undetermined duties that come with one possible class ("if high-risk: 14 further duties").
#[derive(Debug, Clone, PartialEq)]
pub struct DutyGroup {
    /// `None`: duties that depend on other open answers.
    pub class: Option<RiskClass>,
    pub obligations: Vec<usize>,
    /// The earliest date any of them may apply from.
    pub from: Option<NaiveDate>,
}
