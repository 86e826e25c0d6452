//! The check in words: the `check` section of the JSON output and what the check's renderers
//! (terminal, memo, JUnit, SARIF) read, built from the systems' checks when the output is
//! written, in its language, borrowing the pack's texts.

use super::eval::{
    CheckOptions, EvidenceCheck, EvidenceNote, EvidenceStatus, Failure, Reason, RequiredBy,
    Requirement, SystemCheck, WaiverStatus, WaiverView, waiver_view,
};
use super::terms::Level;
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
    pub failures: Vec<FailureView<'a>>,
    pub waivers: &'a [WaiverView],
}

/// A reason the check fails (or would fail, but for a waiver), in words.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct FailureView<'a> {
    /// `prohibited`, `high-risk`, `limited`, `undetermined`, `missing-evidence`,
    /// `expired-evidence` (the levels), `risk-not-accepted` or `finding` (the policy).
    pub rule: &'static str,
    /// The evidence id, risk class or finding id concerned.
    pub subject: &'a str,
    pub message: String,
    /// Index into the system's `waivers` of the waiver that accepts it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived_by: Option<usize>,
}

impl<'a> FailureView<'a> {
    fn new(pack: &'a Pack, f: &Failure, lang: Lang) -> Self {
        let nl = lang == Lang::Nl;
        let label = |e: usize| pack.evidence[e].label.get(lang);
        let message = match f.reason {
            Reason::Classified(_, r) if nl => {
                format!("het systeem is ingedeeld als {}", r.label(lang))
            }
            Reason::Classified(_, r) => format!("the system is classified as {}", r.label(lang)),
            Reason::RiskNotAccepted(r) if nl => {
                format!("het beleid aanvaardt de risicoklasse {} niet", r.name())
            }
            Reason::RiskNotAccepted(r) => {
                format!("the policy does not accept the risk class {}", r.name())
            }
            Reason::Finding(x) if nl => format!(
                "het beleid weigert de vaststelling: {}",
                pack.findings[x].title.get(lang)
            ),
            Reason::Finding(x) => format!(
                "the policy fails the finding: {}",
                pack.findings[x].title.get(lang)
            ),
            Reason::Missing(e) if nl => format!("ontbreekt: {}", label(e)),
            Reason::Missing(e) => format!("missing: {}", label(e)),
            Reason::Expired(e, on) => {
                let on = on.map(|d| d.to_string()).unwrap_or_default();
                let word = if nl { "verlopen op" } else { "expired on" };
                format!("{word} {on}: {}", label(e))
            }
            Reason::PossiblyRequired(e) if nl => format!(
                "mogelijk vereist, niet aangetoond (beantwoord de open vragen): {}",
                label(e)
            ),
            Reason::PossiblyRequired(e) => format!(
                "possibly required, not shown (answer the open questions): {}",
                label(e)
            ),
        };
        FailureView {
            rule: f.rule(),
            subject: f.subject(pack),
            message,
            waived_by: f.waived_by,
        }
    }

    pub fn is_waived(&self) -> bool {
        self.waived_by.is_some()
    }
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
            failures: check
                .failures
                .iter()
                .map(|f| FailureView::new(pack, f, lang))
                .collect(),
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
