//! The procurement check of one system: to the system's result it adds the evidence the buyer
//! must obtain from the provider (present, missing or expired on the assessment date), the
//! buyer's own duties once it deploys the system, what fails the check under the levels and
//! the policy, and which waivers apply. By index in the pack, as the result; `view` puts it
//! in words. Pure: no I/O, no clock.

use super::terms::{Level, Policy, Waiver, WaiverTarget};
use crate::diag::{Diagnostic, did_you_mean};
use crate::engine::{self, FindingStatus, ObligationOutcome, ObligationStatus};
use crate::inventory::{EvidenceRef, SystemEntry};
use crate::report::SystemResult;
use crate::rules::{Item, Lang, Pack, RiskClass, Role};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// Whether a piece of evidence is required, and from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// Required on the assessment date (by the law, or by the policy).
    Required,
    /// Required from a later date (`required_from`): the obligation is upcoming or in a
    /// period of grace. Counts as required when the policy sets `require_upcoming`.
    Upcoming,
    /// Whether it is required depends on questions still open.
    Undetermined,
}

/// What the vendor's answers show for one piece of evidence on the assessment date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceStatus {
    Present,
    Missing,
    Expired,
}

impl EvidenceStatus {
    pub fn name(self) -> &'static str {
        match self {
            EvidenceStatus::Present => "present",
            EvidenceStatus::Missing => "missing",
            EvidenceStatus::Expired => "expired",
        }
    }
}

/// What requires a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequiredBy {
    /// An obligation (pack index) that asks for it.
    Obligation(usize),
    /// The buyer's policy.
    Policy,
}

/// Why an evidence status is not what it seems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceNote {
    /// The only entry was issued after the assessment date.
    IssuedAfter,
    /// Present now, but it expires on this date, before it is required.
    ExpiresBeforeRequired(NaiveDate),
}

/// One piece of evidence the buyer must obtain from the provider, by index in the pack.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceCheck {
    /// Pack evidence index.
    pub evidence: usize,
    pub required_by: Vec<RequiredBy>,
    pub requirement: Requirement,
    /// For `upcoming`: the date from which the law requires it.
    pub required_from: Option<NaiveDate>,
    /// Whether it counts as required on the assessment date (law, or policy).
    pub required_now: bool,
    pub status: EvidenceStatus,
    /// The vendor's entry that shows it: an index into the system's `evidence`.
    pub found: Option<usize>,
    pub note: Option<EvidenceNote>,
    /// The policy's reason, when the policy requires it.
    pub policy_reason: Option<String>,
}

/// Why a check fails, by index in the pack (`view` puts it in words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The system's class is a `--fail-on` level.
    Classified(Level, RiskClass),
    /// The policy does not accept the class.
    RiskNotAccepted(RiskClass),
    /// The policy fails a finding that holds.
    Finding(usize),
    /// Evidence required now is missing.
    Missing(usize),
    /// Evidence required now has expired (on the date given).
    Expired(usize, Option<NaiveDate>),
    /// Evidence that may be required, depending on open questions, is not shown.
    PossiblyRequired(usize),
}

/// A reason the check fails (or would fail, but for a waiver).
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub reason: Reason,
    /// Index into the system's `waivers` of the waiver that accepts it.
    pub waived_by: Option<usize>,
}

impl Failure {
    fn new(reason: Reason) -> Self {
        Failure {
            reason,
            waived_by: None,
        }
    }

    pub fn is_waived(&self) -> bool {
        self.waived_by.is_some()
    }

    /// `prohibited`, `high-risk`, `limited`, `undetermined`, `missing-evidence`,
    /// `expired-evidence` (the levels), `risk-not-accepted` or `finding` (the policy).
    pub fn rule(&self) -> &'static str {
        match self.reason {
            Reason::Classified(level, _) => level.name(),
            Reason::RiskNotAccepted(_) => "risk-not-accepted",
            Reason::Finding(_) => "finding",
            Reason::Missing(_) => Level::MissingEvidence.name(),
            Reason::Expired(..) => Level::ExpiredEvidence.name(),
            Reason::PossiblyRequired(_) => Level::Undetermined.name(),
        }
    }

    /// The evidence kind (pack index) it concerns, if any.
    pub fn evidence(&self) -> Option<usize> {
        match self.reason {
            Reason::Missing(e) | Reason::Expired(e, _) | Reason::PossiblyRequired(e) => Some(e),
            _ => None,
        }
    }

    /// The evidence id, risk class or finding id concerned.
    pub fn subject<'a>(&self, pack: &'a Pack) -> &'a str {
        match self.reason {
            Reason::Classified(_, r) | Reason::RiskNotAccepted(r) => r.name(),
            Reason::Finding(f) => &pack.findings[f].id,
            Reason::Missing(e) | Reason::Expired(e, _) | Reason::PossiblyRequired(e) => {
                &pack.evidence[e].id
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WaiverStatus {
    /// In force and accepting at least one gap of this system.
    Applied,
    /// Past its expiry date: it no longer applies.
    Expired,
    /// In force, but no gap of the input needed it.
    Unused,
}

/// A waiver of the policy as it bears on one system.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct WaiverView {
    pub subject: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    pub status: WaiverStatus,
    pub reason: String,
    pub accepted_by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted_on: Option<NaiveDate>,
    pub expires: NaiveDate,
    /// The policy file and the waiver's line in it.
    pub file: String,
    pub line: usize,
}

/// The check of one system: its result, and what the check adds to it.
#[derive(Debug, Clone)]
pub struct SystemCheck {
    /// The system's result as answered: the classification in the buyer's intended use.
    pub result: SystemResult,
    pub passed: bool,
    pub provider_evidence: Vec<EvidenceCheck>,
    /// The buyer's own duties once it deploys the system (the vendor as provider).
    pub buyer_duties: Vec<ObligationOutcome>,
    pub failures: Vec<Failure>,
    pub waivers: Vec<WaiverView>,
}

/// What a check runs with.
pub struct CheckOptions<'a> {
    pub as_of: NaiveDate,
    pub lang: Lang,
    pub levels: Vec<Level>,
    pub policy: Option<&'a Policy>,
}

/// The levels in force: those of `--fail-on` and of the policy together; the default when
/// neither names one.
pub fn effective_levels(cli: &[Level], policy: Option<&Policy>) -> Vec<Level> {
    let mut levels: Vec<Level> = cli
        .iter()
        .chain(policy.map_or(&[][..], |p| &p.fail_on[..]))
        .copied()
        .collect();
    if levels.is_empty() {
        levels = Level::DEFAULT.to_vec();
    }
    levels.sort();
    levels.dedup();
    levels
}

/// Problems with the `[system.evidence]` keys of an input: every key must be an evidence kind
/// or an obligation id of the pack (C001), located at its file, line and column.
pub fn evidence_diagnostics(pack: &Pack, entry: &SystemEntry, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for ev in &entry.evidence {
        if matches!(
            pack.ids.get(ev.key.as_str()),
            Some(Item::Evidence(_) | Item::Obligation(_))
        ) {
            continue;
        }
        let candidates = pack
            .evidence
            .iter()
            .map(|e| e.id.as_str())
            .chain(pack.obligations.iter().map(|o| o.id.as_str()));
        let hint = did_you_mean(&ev.key, candidates).map_or_else(
            || {
                t!(
                    "`aiact template --for procurement` lists every evidence kind",
                    "`aiact template --for procurement` somt elke soort bewijsstuk op"
                )
            },
            crate::diag::did_you_mean_text,
        );
        let column = source
            .lines()
            .nth(ev.line.saturating_sub(1))
            .and_then(|l| l.find(ev.key.as_str()))
            .map_or(1, |c| c + 1);
        let mut d = Diagnostic::error("C001", t!("system `{}`: evidence `{}` is not an evidence kind or an obligation of rule pack {}", "systeem `{}`: bewijsstuk `{}` is geen soort bewijsstuk en geen verplichting van regelpakket {}", entry.id, ev.key, pack.manifest.id))
            .with_hint(hint);
        if ev.line > 0 {
            d = d.at_line(&entry.file, ev.line, column);
            d.source_line = source.lines().nth(ev.line - 1).map(str::to_string);
        } else {
            d = d.in_file(&entry.file);
        }
        out.push(d);
    }
    out
}

/// The status of the best of the vendor's entries for an item on the date, the entry, and
/// whether the only entries were issued after the date.
fn match_entries<'a>(
    entries: &[&'a EvidenceRef],
    as_of: NaiveDate,
) -> (EvidenceStatus, Option<&'a EvidenceRef>, bool) {
    let valid = |e: &&&EvidenceRef| {
        e.issued.is_none_or(|d| d <= as_of) && e.expires.is_none_or(|d| d >= as_of)
    };
    if let Some(e) = entries.iter().find(valid) {
        return (EvidenceStatus::Present, Some(e), false);
    }
    if let Some(e) = entries
        .iter()
        .find(|e| e.expires.is_some_and(|d| d < as_of))
    {
        return (EvidenceStatus::Expired, Some(e), false);
    }
    if let Some(e) = entries.first() {
        return (EvidenceStatus::Missing, Some(e), true);
    }
    (EvidenceStatus::Missing, None, false)
}

/// Checks one system: its result as answered (the classification in the buyer's intended
/// use), to which the check adds its own facts.
pub fn check_system(pack: &Pack, result: SystemResult, opts: &CheckOptions<'_>) -> SystemCheck {
    let as_of = opts.as_of;
    let require_upcoming = opts.policy.is_some_and(|p| p.require_upcoming);
    let (entry, plain) = (&result.system, &result.assessment);
    // The buyer deploys the system; the vendor is its provider.
    let assumed = engine::assess_assuming(
        pack,
        &result.answers,
        as_of,
        &[Role::Provider, Role::Deployer],
    );

    // Provider-held evidence of every obligation that reaches the provider or the buyer.
    struct Acc {
        evidence: usize,
        required_by: Vec<RequiredBy>,
        best: (Requirement, Option<NaiveDate>),
        policy_reason: Option<String>,
    }
    let mut items: Vec<Acc> = Vec::new();
    for o in &assumed.obligations {
        let ob = &pack.obligations[o.obligation];
        let by = RequiredBy::Obligation(o.obligation);
        let (req, from) = match o.status {
            ObligationStatus::Applies => (Requirement::Required, None),
            ObligationStatus::Transition => (Requirement::Upcoming, o.until),
            // A transition that holds from the start puts the deadline at its end.
            ObligationStatus::Upcoming => (Requirement::Upcoming, o.until.or(o.applies_from)),
            ObligationStatus::Undetermined => (Requirement::Undetermined, o.applies_from),
        };
        for &e in &ob.evidence {
            if pack.evidence[e].holder != Role::Provider {
                continue;
            }
            let better = |a: (Requirement, Option<NaiveDate>),
                          b: (Requirement, Option<NaiveDate>)| match a
                .0
                .cmp(&b.0)
            {
                std::cmp::Ordering::Less => a,
                std::cmp::Ordering::Greater => b,
                std::cmp::Ordering::Equal => (a.0, a.1.min(b.1).or(a.1).or(b.1)),
            };
            match items.iter_mut().find(|i| i.evidence == e) {
                Some(item) => {
                    if !item.required_by.contains(&by) {
                        item.required_by.push(by);
                    }
                    item.best = better(item.best, (req, from));
                }
                None => items.push(Acc {
                    evidence: e,
                    required_by: vec![by],
                    best: (req, from),
                    policy_reason: None,
                }),
            }
        }
    }
    if let Some(policy) = opts.policy {
        for r in &policy.require {
            if !r.risk.is_empty() && !r.risk.contains(&plain.risk) {
                continue;
            }
            let reason = if r.reason.is_empty() {
                None
            } else {
                Some(r.reason.clone())
            };
            match items.iter_mut().find(|i| i.evidence == r.evidence) {
                Some(item) => {
                    item.required_by.push(RequiredBy::Policy);
                    item.best = (Requirement::Required, None);
                    item.policy_reason = reason;
                }
                None => items.push(Acc {
                    evidence: r.evidence,
                    required_by: vec![RequiredBy::Policy],
                    best: (Requirement::Required, None),
                    policy_reason: reason,
                }),
            }
        }
    }

    let provider_evidence: Vec<EvidenceCheck> = items
        .into_iter()
        .map(|acc| {
            let ev = &pack.evidence[acc.evidence];
            let entries: Vec<&EvidenceRef> = entry
                .evidence
                .iter()
                .filter(|r| {
                    r.key == ev.id
                        || acc.required_by.iter().any(|b| {
                            matches!(b, RequiredBy::Obligation(o) if pack.obligations[*o].id == r.key)
                        })
                })
                .collect();
            let (status, found, issued_after) = match_entries(&entries, as_of);
            let (requirement, required_from) = acc.best;
            let required_now = requirement == Requirement::Required
                || (requirement == Requirement::Upcoming && require_upcoming);
            let note = match (status, found.and_then(|f| f.expires), required_from) {
                (EvidenceStatus::Present, Some(exp), Some(from))
                    if requirement == Requirement::Upcoming && exp < from =>
                {
                    Some(EvidenceNote::ExpiresBeforeRequired(exp))
                }
                _ => issued_after.then_some(EvidenceNote::IssuedAfter),
            };
            EvidenceCheck {
                evidence: acc.evidence,
                required_by: acc.required_by,
                requirement,
                required_from: if requirement == Requirement::Required {
                    None
                } else {
                    required_from
                },
                required_now,
                status,
                found: found.and_then(|f| entry.evidence.iter().position(|e| std::ptr::eq(e, f))),
                note,
                policy_reason: acc.policy_reason,
            }
        })
        .collect();

    // What fails.
    let mut failures = Vec::new();
    for level in &opts.levels {
        if level.risk() == Some(plain.risk) {
            failures.push(Failure::new(Reason::Classified(*level, plain.risk)));
        }
    }
    if let Some(accepted) = opts.policy.and_then(|p| p.accept_risk.as_ref())
        && !accepted.contains(&plain.risk)
    {
        failures.push(Failure::new(Reason::RiskNotAccepted(plain.risk)));
    }
    if let Some(policy) = opts.policy {
        for &f in &policy.fail_on_findings {
            if plain
                .findings
                .iter()
                .any(|x| x.finding == f && x.status != FindingStatus::Undetermined)
            {
                failures.push(Failure::new(Reason::Finding(f)));
            }
        }
    }
    let level_on = |l: Level| opts.levels.contains(&l);
    for item in &provider_evidence {
        let e = item.evidence;
        let reason = if item.required_now {
            match item.status {
                EvidenceStatus::Missing if level_on(Level::MissingEvidence) => {
                    Some(Reason::Missing(e))
                }
                EvidenceStatus::Expired if level_on(Level::ExpiredEvidence) => {
                    let expired = item.found.and_then(|f| entry.evidence[f].expires);
                    Some(Reason::Expired(e, expired))
                }
                _ => None,
            }
        } else {
            let open = item.requirement == Requirement::Undetermined
                && item.status != EvidenceStatus::Present;
            (open && level_on(Level::Undetermined)).then_some(Reason::PossiblyRequired(e))
        };
        failures.extend(reason.map(Failure::new));
    }

    // Waivers.
    let mut waivers: Vec<WaiverView> = Vec::new();
    if let Some(policy) = opts.policy {
        for w in policy.waivers.iter().filter(|w| w.covers_system(&entry.id)) {
            let expired = w.is_expired(as_of);
            let mut matched = false;
            for f in failures.iter_mut().filter(|f| !f.is_waived()) {
                if waiver_matches(w, f, &provider_evidence) {
                    matched = true;
                    if !expired {
                        f.waived_by = Some(waivers.len());
                    }
                }
            }
            if matched || expired {
                waivers.push(waiver_view(
                    policy,
                    w,
                    if expired {
                        WaiverStatus::Expired
                    } else {
                        WaiverStatus::Applied
                    },
                ));
            }
        }
    }

    let passed = failures.iter().all(Failure::is_waived);
    // The buyer's own duties: those of the deployer, with the vendor as provider.
    let buyer_duties = assumed
        .obligations
        .into_iter()
        .filter(|o| {
            pack.obligations[o.obligation]
                .addressee
                .contains(&Role::Deployer)
        })
        .collect();
    SystemCheck {
        result,
        passed,
        provider_evidence,
        buyer_duties,
        failures,
        waivers,
    }
}

fn waiver_matches(w: &Waiver, f: &Failure, items: &[EvidenceCheck]) -> bool {
    match (&w.target, f.reason) {
        (WaiverTarget::Evidence(e), _) => f.evidence() == Some(*e),
        (WaiverTarget::Obligation(o), _) => f.evidence().is_some_and(|e| {
            items
                .iter()
                .any(|i| i.evidence == e && i.required_by.contains(&RequiredBy::Obligation(*o)))
        }),
        (WaiverTarget::Risk(r), Reason::Classified(_, x) | Reason::RiskNotAccepted(x)) => x == *r,
        (WaiverTarget::Finding(x), Reason::Finding(f)) => f == *x,
        _ => false,
    }
}

pub fn waiver_view(policy: &Policy, w: &Waiver, status: WaiverStatus) -> WaiverView {
    WaiverView {
        subject: w.subject.clone(),
        system: w.system.clone(),
        status,
        reason: w.reason.clone(),
        accepted_by: w.accepted_by.clone(),
        accepted_on: w.accepted_on,
        expires: w.expires,
        file: policy.file.clone(),
        line: w.line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entry(issued: Option<&str>, expires: Option<&str>) -> EvidenceRef {
        EvidenceRef {
            key: "k".into(),
            reference: "r".into(),
            issued: issued.map(d),
            expires: expires.map(d),
            line: 3,
        }
    }

    #[test]
    fn expiry_date_is_the_last_valid_day() {
        let e = entry(Some("2026-01-01"), Some("2026-06-30"));
        assert_eq!(
            match_entries(&[&e], d("2026-06-30")).0,
            EvidenceStatus::Present
        );
        assert_eq!(
            match_entries(&[&e], d("2026-07-01")).0,
            EvidenceStatus::Expired
        );
        assert_eq!(
            match_entries(&[&e], d("2025-12-31")).0,
            EvidenceStatus::Missing
        );
        assert_eq!(
            match_entries(&[], d("2026-03-01")).0,
            EvidenceStatus::Missing
        );
    }

    #[test]
    fn a_valid_entry_wins_over_an_expired_one() {
        let old = entry(Some("2020-01-01"), Some("2021-01-01"));
        let new = entry(Some("2025-01-01"), None);
        let (status, found, _) = match_entries(&[&old, &new], d("2026-01-01"));
        assert_eq!(status, EvidenceStatus::Present);
        assert_eq!(found.and_then(|f| f.issued), Some(d("2025-01-01")));
    }

    #[test]
    fn levels_are_the_union_or_the_default() {
        assert_eq!(effective_levels(&[], None), Level::DEFAULT.to_vec());
        let policy = Policy {
            fail_on: vec![Level::ExpiredEvidence, Level::HighRisk],
            ..Policy::default()
        };
        assert_eq!(
            effective_levels(&[Level::HighRisk, Level::Prohibited], Some(&policy)),
            vec![Level::Prohibited, Level::HighRisk, Level::ExpiredEvidence]
        );
    }

    #[test]
    fn waiver_expires_after_its_last_day() {
        let w = Waiver {
            system: Some("A".into()),
            target: WaiverTarget::Risk(RiskClass::HighRisk),
            subject: "high-risk".into(),
            reason: "r".into(),
            accepted_by: "b".into(),
            accepted_on: None,
            expires: d("2026-09-30"),
            line: 1,
        };
        assert!(!w.is_expired(d("2026-09-30")));
        assert!(w.is_expired(d("2026-10-01")));
        assert!(w.covers_system("A") && !w.covers_system("B"));
    }
}
