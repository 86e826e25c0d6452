//! The terms of a check: the levels it can fail on, and the buyer's policy with its own
//! evidence requirements and waivers, ids resolved to pack indices.

use crate::rules::RiskClass;
use chrono::NaiveDate;
use clap::ValueEnum;
use schemars::JsonSchema;
use serde::Serialize;

/// What a check can fail on (`--fail-on` and the policy's `fail_on`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema, ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The system is classified as a prohibited practice (Art. 5).
    Prohibited,
    /// The system is classified as high-risk (Art. 6).
    HighRisk,
    /// The system has transparency duties only (Art. 50).
    Limited,
    /// The classification, or whether a piece of evidence is required, is still undetermined.
    Undetermined,
    /// Required evidence is missing (or dated after the assessment date).
    MissingEvidence,
    /// Required evidence has expired on the assessment date.
    ExpiredEvidence,
}

impl Level {
    pub const ALL: [Level; 6] = [
        Level::Prohibited,
        Level::HighRisk,
        Level::Limited,
        Level::Undetermined,
        Level::MissingEvidence,
        Level::ExpiredEvidence,
    ];

    /// What the check fails on when neither `--fail-on` nor the policy names a level.
    pub const DEFAULT: [Level; 4] = [
        Level::Prohibited,
        Level::Undetermined,
        Level::MissingEvidence,
        Level::ExpiredEvidence,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Prohibited => "prohibited",
            Level::HighRisk => "high-risk",
            Level::Limited => "limited",
            Level::Undetermined => "undetermined",
            Level::MissingEvidence => "missing-evidence",
            Level::ExpiredEvidence => "expired-evidence",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == s)
    }

    /// The risk class a risk level matches.
    pub fn risk(self) -> Option<RiskClass> {
        match self {
            Level::Prohibited => Some(RiskClass::Prohibited),
            Level::HighRisk => Some(RiskClass::HighRisk),
            Level::Limited => Some(RiskClass::Limited),
            Level::Undetermined => Some(RiskClass::Undetermined),
            _ => None,
        }
    }
}

/// A buyer's procurement policy, validated against a rule pack (ids resolved to indices).
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// The file it was read from, as given.
    pub file: String,
    pub name: String,
    /// SHA-256 of the file's text, hex (provenance).
    pub sha256: String,
    /// Acceptable risk classes; `None`: every class is acceptable as far as the policy goes.
    pub accept_risk: Option<Vec<RiskClass>>,
    pub fail_on: Vec<Level>,
    /// Findings (pack indices) that fail the check when they hold.
    pub fail_on_findings: Vec<usize>,
    /// Require now the evidence of obligations that apply only later (upcoming or in
    /// transition), e.g. for a contract that runs past those dates.
    pub require_upcoming: bool,
    /// Refuse to check with an overlay that changes the pack's binding results (as
    /// `--deny-overlay-changes-binding`).
    pub deny_overlay_changes_binding: bool,
    pub require: Vec<PolicyRequirement>,
    pub waivers: Vec<Waiver>,
}

/// Evidence the buyer requires beyond what the law requires.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyRequirement {
    /// Pack evidence index.
    pub evidence: usize,
    /// Only for systems of these risk classes; empty: every system.
    pub risk: Vec<RiskClass>,
    pub reason: String,
    pub line: usize,
}

/// What a waiver accepts.
#[derive(Debug, Clone, PartialEq)]
pub enum WaiverTarget {
    /// Missing or expired evidence of this kind (pack evidence index).
    Evidence(usize),
    /// Missing or expired evidence required by this obligation (pack obligation index).
    Obligation(usize),
    /// A risk class that a level or `accept_risk` fails.
    Risk(RiskClass),
    /// A finding named in `fail_on_findings` (pack finding index).
    Finding(usize),
}

/// An accepted gap: what, for which system, why, by whom, until when.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    /// Only this system id; `None`: every system.
    pub system: Option<String>,
    pub target: WaiverTarget,
    /// The target as written (an id or a risk class).
    pub subject: String,
    pub reason: String,
    pub accepted_by: String,
    pub accepted_on: Option<NaiveDate>,
    /// The last day the waiver applies.
    pub expires: NaiveDate,
    pub line: usize,
}

impl Waiver {
    pub fn is_expired(&self, as_of: NaiveDate) -> bool {
        as_of > self.expires
    }

    pub fn covers_system(&self, id: &str) -> bool {
        self.system.as_deref().is_none_or(|s| s == id)
    }
}
