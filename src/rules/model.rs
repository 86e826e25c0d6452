//! The loaded, validated rule pack: ids resolved to indices, conditions compiled.

use crate::rules::condition::CmpOp;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub use crate::lang::{Lang, Text};

/// A closed vocabulary of the rule files: the enum, `ALL` as (name, value) pairs in the
/// order the loader lists them, and `name`.
macro_rules! named_vocabulary {
    ($(#[$m:meta])* pub enum $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: [(&'static str, $name); [$($text),+].len()] =
                [$(($text, $name::$variant)),+];

            pub fn name(self) -> &'static str {
                Self::ALL
                    .iter()
                    .find(|(_, k)| *k == self)
                    .map_or("?", |(n, _)| n)
            }
        }
    };
}

/// A vocabulary of results, in the order of `ALL` (which is also their order): its names as
/// files and outputs write them, and its terms in every shipped language.
macro_rules! result_vocabulary {
    (
        $(#[$m:meta])* pub enum $name:ident {
            $($variant:ident = $text:literal, $en:literal, $nl:literal;)+
        }
    ) => {
        $(#[$m])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            Serialize,
            Deserialize,
            schemars::JsonSchema,
        )]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|r| r.name() == s)
            }

            /// The term in the language, as the Act uses it.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::En) => $en,
                    ($name::$variant, Lang::Nl) => $nl,)+
                }
            }
        }
    };
}

named_vocabulary! {
    pub enum AnswerType {
        YesNo = "yes-no",
        Choice = "choice",
        MultiChoice = "multi-choice",
        Date = "date",
        Number = "number",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleStatus {
    Binding,
    Guidance,
    Interpretation,
}

result_vocabulary! {
    pub enum Role {
        Provider = "provider", "provider", "aanbieder";
        Deployer = "deployer", "deployer", "gebruiksverantwoordelijke";
        Importer = "importer", "importer", "importeur";
        Distributor = "distributor", "distributor", "distributeur";
        ProductManufacturer = "product-manufacturer", "product manufacturer", "productfabrikant";
        AuthorisedRepresentative = "authorised-representative", "authorised representative",
            "gemachtigde";
    }
}

result_vocabulary! {
    /// The result vocabulary of the classification (a stable contract, see docs/result-vocabulary.md).
    pub enum RiskClass {
        NotAnAiSystem = "not-an-ai-system", "not an AI system", "geen AI-systeem";
        OutOfScope = "out-of-scope", "outside the AI Act", "buiten de AI-verordening";
        Prohibited = "prohibited", "prohibited", "verboden";
        HighRisk = "high-risk", "high-risk", "hoog risico";
        Limited = "limited", "transparency duties only", "alleen transparantieverplichtingen";
        Minimal = "minimal", "minimal risk", "minimaal risico";
        GpaiModel = "gpai-model", "general-purpose AI model", "AI-model voor algemene doeleinden";
        GpaiModelSystemicRisk = "gpai-model-systemic-risk",
            "general-purpose AI model with systemic risk",
            "AI-model voor algemene doeleinden met systeemrisico";
        Undetermined = "undetermined", "undetermined", "nog niet te bepalen";
    }
}

named_vocabulary! {
    pub enum FindingKind {
        Prohibition = "prohibition",
        HighRisk = "high-risk",
        Derogation = "derogation",
        Transparency = "transparency",
        Gpai = "gpai",
        Role = "role",
        Exclusion = "exclusion",
        Fact = "fact",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    AnnexI,
    AnnexIii,
}

/// Where a rule was written, for `rules show` and diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRef {
    Fixed(NaiveDate),
    Timeline(usize),
}

#[derive(Debug, Clone)]
pub enum DateSpec {
    One(DateRef),
    Cases(Vec<(Cond, DateRef)>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOperand {
    AsOf,
    Question(usize),
}

/// A compiled condition; names are resolved to indices and values to choice bits.
#[derive(Debug, Clone)]
pub enum Cond {
    Const(bool),
    Yes(usize),
    Finding(usize),
    /// A choice answer is (or, negated, is not) one of the values in the mask.
    ChoiceIn {
        question: usize,
        mask: u64,
        negate: bool,
    },
    Contains {
        question: usize,
        bit: u64,
    },
    Number {
        question: usize,
        op: CmpOp,
        value: f64,
    },
    Date {
        left: DateOperand,
        op: CmpOp,
        right: DateRef,
    },
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: Text,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub answer_type: AnswerType,
    pub ask_when: Option<Cond>,
    pub ask_when_src: Option<String>,
    /// A yes-no question left open (or answered "don't know") counts as "yes" where this
    /// holds: an element the law's reading settles unless the answer says otherwise.
    pub presumed_yes: Option<Cond>,
    pub text: Text,
    pub why: Text,
    pub help: Option<Text>,
    pub examples: Vec<Text>,
    pub choices: Vec<Choice>,
    pub cite: Vec<String>,
    pub status: Option<RuleStatus>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub origin: Origin,
}

impl Question {
    pub fn choice_index(&self, value: &str) -> Option<usize> {
        self.choices.iter().position(|c| c.value == value)
    }
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub id: String,
    pub kind: FindingKind,
    pub role: Option<Role>,
    pub route: Option<Route>,
    pub point: Option<String>,
    pub when: Cond,
    pub when_src: String,
    pub title: Text,
    pub explain: Option<Text>,
    pub cite: Vec<String>,
    pub status: RuleStatus,
    pub applies_from: DateSpec,
    pub anticipated: bool,
    pub law: Option<usize>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Obligation {
    pub id: String,
    pub addressee: Vec<Role>,
    pub when: Cond,
    pub when_src: String,
    pub title: Text,
    pub text: Text,
    pub evidence: Vec<usize>,
    pub cite: Vec<String>,
    pub status: RuleStatus,
    pub tags: Vec<String>,
    pub applies_from: DateSpec,
    pub applies_until: Option<DateRef>,
    pub law: Option<usize>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub id: String,
    pub label: Text,
    pub holder: Role,
    pub cite: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Transition {
    pub id: String,
    pub obligations: Vec<usize>,
    pub when: Cond,
    pub when_src: String,
    pub until: DateRef,
    pub title: Text,
    pub cite: Vec<String>,
    pub status: RuleStatus,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub id: String,
    pub when: Cond,
    pub when_src: String,
    pub text: Text,
    pub cite: Vec<String>,
    pub status: RuleStatus,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct RiskRow {
    pub class: RiskClass,
    pub when: Cond,
    pub when_src: String,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub id: String,
    pub date: NaiveDate,
    pub original_date: Option<NaiveDate>,
    pub label: Text,
    pub cite: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct LawVersion {
    pub id: String,
    pub from: NaiveDate,
    pub title: Text,
}

#[derive(Debug, Clone)]
pub struct Manifest {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub law: Text,
    pub consolidated_version: String,
    pub reviewed: NaiveDate,
}

/// A golden scenario: answers in, expected result out.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub id: String,
    pub description: String,
    pub as_of: NaiveDate,
    pub lifecycle: Option<Lifecycle>,
    pub answers: toml::Table,
    pub expect: Expectation,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default)]
pub struct Expectation {
    pub risk: Option<RiskClass>,
    pub findings: Vec<String>,
    pub absent: Vec<String>,
    pub roles: Option<Vec<Role>>,
    pub obligations: Option<Vec<(String, String)>>,
    pub obligations_include: Vec<(String, String)>,
    pub open_questions: Option<Vec<String>>,
    pub notes: Vec<String>,
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Question(usize),
    Finding(usize),
    Obligation(usize),
    Evidence(usize),
    Transition(usize),
    Note(usize),
    Timeline(usize),
}

/// A node of the evaluation order: a question's relevance or a finding's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Question(usize),
    Finding(usize),
}

#[derive(Debug, Clone)]
pub struct Pack {
    pub manifest: Manifest,
    pub law_versions: Vec<LawVersion>,
    pub timeline: Vec<TimelineEntry>,
    pub questions: Vec<Question>,
    pub findings: Vec<Finding>,
    pub obligations: Vec<Obligation>,
    pub evidence: Vec<Evidence>,
    pub transitions: Vec<Transition>,
    pub notes: Vec<Note>,
    pub risk: Vec<RiskRow>,
    pub scenarios: Vec<Scenario>,
    /// Every id of the pack (scenarios apart).
    pub ids: HashMap<String, Item>,
    /// Questions and findings in dependency order.
    pub eval_order: Vec<Node>,
    /// For each role, the findings that establish it.
    pub role_findings: Vec<(Role, Vec<usize>)>,
    /// For each obligation, the transitions that may apply to it.
    pub obligation_transitions: Vec<Vec<usize>>,
    /// SHA-256 of the base pack's files (contents in order), hex; overlays apart.
    pub sha256: String,
    /// Paths of the files the pack was read from, in order (overlays last).
    pub files: Vec<String>,
    /// The overlays loaded on top of the base pack, in order.
    pub overlays: Vec<OverlayInfo>,
    /// "Did you mean" hints for unknown question ids, worked out once per id.
    pub question_hints: crate::diag::HintMemo,
}

/// An overlay (`--overlay DIR`) as loaded: its folder, the SHA-256 of its files, and what it
/// changes in the base pack's binding results (empty: it only adds its own rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayInfo {
    pub dir: String,
    pub sha256: String,
    pub changes: Vec<Text>,
}

impl Pack {
    pub fn question(&self, id: &str) -> Option<(usize, &Question)> {
        match self.ids.get(id) {
            Some(Item::Question(i)) => Some((*i, &self.questions[*i])),
            _ => None,
        }
    }

    /// The law version in force on a date (the last whose `from` is not after it).
    pub fn law_version_at(&self, date: NaiveDate) -> usize {
        self.law_versions
            .iter()
            .rposition(|v| v.from <= date)
            .unwrap_or(0)
    }

    pub fn is_original_law(&self, law: usize) -> bool {
        law + 1 < self.law_versions.len()
    }

    /// A timeline entry's date under the law version in force.
    pub fn timeline_date(&self, idx: usize, law: usize) -> NaiveDate {
        let t = &self.timeline[idx];
        match t.original_date {
            Some(d) if self.is_original_law(law) => d,
            _ => t.date,
        }
    }

    pub fn resolve(&self, date: DateRef, law: usize) -> NaiveDate {
        match date {
            DateRef::Fixed(d) => d,
            DateRef::Timeline(i) => self.timeline_date(i, law),
        }
    }
}

/// The stage of a system's life, as an inventory or a register states it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Planned,
    InDevelopment,
    InUse,
    Retired,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Planned,
        Stage::InDevelopment,
        Stage::InUse,
        Stage::Retired,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Planned => "planned",
            Stage::InDevelopment => "in-development",
            Stage::InUse => "in-use",
            Stage::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.name() == s.trim())
    }
}

/// Reads a lifecycle stage as written (`in-use`; also `in use`, `in_use`, any case).
pub fn parse_stage(s: &str) -> Result<Stage, Text> {
    let norm = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
    Stage::parse(&norm).ok_or_else(|| {
        let names = Stage::ALL
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(", ");
        t!(
            "unknown lifecycle `{s}` (allowed: {names})",
            "onbekende levensfase `{s}` (toegestaan: {names})"
        )
    })
}

/// A system's stage and its date: for `planned` and `in-development` the planned start of
/// use, for `in-use` the start of use, for `retired` the day it was taken out of use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    pub stage: Stage,
    pub date: Option<NaiveDate>,
}
