//! The check in words: the `check` section of the JSON output and what the check's renderers
//! (terminal, memo, JUnit, SARIF) read, built from the systems' checks when the output is
//! written, in its language, borrowing the pack's texts.

use super::eval::{
    EvidenceCheck, EvidenceNote, EvidenceStatus, Failure, RequiredBy, Requirement, SystemCheck,
    WaiverStatus, WaiverView, waiver_view,
};
use super::{CheckOptions, Level};
use crate::engine::{ObligationOutcome, ObligationStatus};
use crate::report::{Citation, EvidenceView, citations};
use crate::rules::{Lang, Pack, RiskClass};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// One piece of evidence the buyer must obtain from the provider.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct EvidenceItem<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub citations: Vec<Citation<'a>>,
    /// The obligations that ask for it, and `policy` when the buyer's policy does.
    pub required_by: Vec<&'a str>,
    pub requirement: Requirement,
    /// For `upcoming`: the date from which the law requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_from: Option<NaiveDate>,
    /// Whether it counts as required on the assessment date (law, or policy).
    pub required_now: bool,
    pub status: EvidenceStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    /// Where the vendor's entry is (line in the input file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Why the status, when not evident (e.g. "issued after the assessment date").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The policy's reason, when the policy requires it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_reason: Option<&'a str>,
}

/// One of the buyer's own duties once it deploys the system.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DutyItem<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub citations: Vec<Citation<'a>>,
    pub status: ObligationStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The evidence that shows it is met (the buyer's own and the provider's).
    pub evidence: Vec<EvidenceView<'a>>,
}

/// The check of one system, in words.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SystemCheckView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Where the system's entry starts in the input.
    pub file: &'a str,
    pub line: usize,
    pub risk: RiskClass,
    pub passed: bool,
    pub provider_evidence: Vec<EvidenceItem<'a>>,
    pub buyer_duties: Vec<DutyItem<'a>>,
    pub failures: &'a [Failure],
    pub waivers: &'a [WaiverView],
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PolicyInfo<'a> {
    pub file: &'a str,
    pub name: &'a str,
    pub sha256: &'a str,
}

/// The `check` section of the output: the gate's verdict over every system.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct CheckReport<'a> {
    pub passed: bool,
    /// Whether failures are reported without failing (`--no-fail`).
    pub observe_only: bool,
    pub fail_on: &'a [Level],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyInfo<'a>>,
    pub systems: Vec<SystemCheckView<'a>>,
    /// Waivers of the policy that bore on no system of the input.
    pub unused_waivers: Vec<WaiverView>,
}

fn note_text(note: EvidenceNote, lang: Lang) -> String {
    match (note, lang) {
        (EvidenceNote::IssuedAfter, Lang::En) => "issued after the assessment date".into(),
        (EvidenceNote::IssuedAfter, Lang::Nl) => "uitgereikt na de beoordelingsdatum".into(),
        (EvidenceNote::ExpiresBeforeRequired(d), Lang::En) => {
            format!("expires on {d}, before it is required")
        }
        (EvidenceNote::ExpiresBeforeRequired(d), Lang::Nl) => {
            format!("vervalt op {d}, vóór het vereist is")
        }
    }
}

impl<'a> EvidenceItem<'a> {
    fn new(pack: &'a Pack, check: &'a SystemCheck, item: &'a EvidenceCheck, lang: Lang) -> Self {
        let ev = &pack.evidence[item.evidence];
        let found = item.found.map(|f| &check.result.system.evidence[f]);
        EvidenceItem {
            id: &ev.id,
            label: ev.label.get(lang),
            citations: citations(pack, &ev.cite, lang),
            required_by: item
                .required_by
                .iter()
                .map(|b| match b {
                    RequiredBy::Obligation(o) => pack.obligations[*o].id.as_str(),
                    RequiredBy::Policy => "policy",
                })
                .collect(),
            requirement: item.requirement,
            required_from: item.required_from,
            required_now: item.required_now,
            status: item.status,
            reference: found.map(|f| f.reference.as_str()),
            issued: found.and_then(|f| f.issued),
            expires: found.and_then(|f| f.expires),
            line: found.map(|f| f.line).filter(|l| *l > 0),
            note: item.note.map(|n| note_text(n, lang)),
            policy_reason: item.policy_reason.as_deref(),
        }
    }
}

impl<'a> DutyItem<'a> {
    fn new(pack: &'a Pack, o: &'a ObligationOutcome, lang: Lang) -> Self {
        let ob = &pack.obligations[o.obligation];
        DutyItem {
            id: &ob.id,
            title: ob.title.get(lang),
            citations: citations(pack, &ob.cite, lang),
            status: o.status,
            applies_from: o.applies_from,
            until: o.until,
            evidence: EvidenceView::of_obligation(pack, o.obligation, lang),
        }
    }
}

impl<'a> SystemCheckView<'a> {
    pub fn new(pack: &'a Pack, check: &'a SystemCheck, lang: Lang) -> Self {
        let system = &check.result.system;
        SystemCheckView {
            id: &system.id,
            name: &system.name,
            file: &system.file,
            line: system.line,
            risk: check.result.risk(),
            passed: check.passed,
            provider_evidence: check
                .provider_evidence
                .iter()
                .map(|i| EvidenceItem::new(pack, check, i, lang))
                .collect(),
            buyer_duties: check
                .buyer_duties
                .iter()
                .map(|o| DutyItem::new(pack, o, lang))
                .collect(),
            failures: &check.failures,
            waivers: &check.waivers,
        }
    }
}

impl<'a> CheckReport<'a> {
    /// The systems' checks together; waivers that bore on no system are listed apart.
    pub fn new(
        pack: &'a Pack,
        checks: &'a [SystemCheck],
        opts: &'a CheckOptions<'a>,
        observe_only: bool,
    ) -> Self {
        let unused_waivers = opts
            .policy
            .map(|p| {
                p.waivers
                    .iter()
                    .filter(|w| {
                        !checks
                            .iter()
                            .any(|s| s.waivers.iter().any(|v| v.line == w.line))
                    })
                    .map(|w| {
                        let status = if w.is_expired(opts.as_of) {
                            WaiverStatus::Expired
                        } else {
                            WaiverStatus::Unused
                        };
                        waiver_view(p, w, status)
                    })
                    .collect()
            })
            .unwrap_or_default();
        CheckReport {
            passed: checks.iter().all(|s| s.passed),
            observe_only,
            fail_on: &opts.levels,
            policy: opts.policy.map(|p| PolicyInfo {
                file: &p.file,
                name: &p.name,
                sha256: &p.sha256,
            }),
            systems: checks
                .iter()
                .map(|c| SystemCheckView::new(pack, c, opts.lang))
                .collect(),
            unused_waivers,
        }
    }
}
