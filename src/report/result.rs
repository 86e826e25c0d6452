//! The one result of a system that every output reads: the engine's assessment and what the
//! reports need about the system (its inventory entry: id, name, owner, lifecycle, answers
//! with their audit trail, evidence named, hints, organisation). It refers to the pack by
//! index and is built by moving its parts, without copying a text; a renderer looks the texts
//! up, in the language it writes, only when it writes.

use crate::answers::Answers;
use crate::engine::{self, Assessment, FindingOutcome, FindingStatus, ObligationOutcome};
use crate::engine::{ObligationStatus, Stage};
use crate::inventory::SystemEntry;
use crate::rules::{FindingKind, Pack, RiskClass, Role};
use chrono::NaiveDate;

/// The tag of the obligations that concern the whole organisation rather than one system
/// (Art. 4 AI literacy): the action plan lists them once.
pub const ORGANISATION_WIDE: &str = "organisation-wide";

/// One system's result.
#[derive(Debug, Clone)]
pub struct SystemResult {
    pub system: SystemEntry,
    /// The answers as checked against the pack.
    pub answers: Answers,
    pub assessment: Assessment,
}

/// A document the provider of a deployed system must hold, by index in the pack.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProviderItem {
    pub evidence: usize,
    /// The provider's duty that requires it (the first, where several do).
    pub obligation: usize,
    pub status: ObligationStatus,
    /// When the provider must have it: the duty's start, or the end of its transition.
    pub due: Option<NaiveDate>,
}

impl SystemResult {
    pub fn new(system: SystemEntry, answers: Answers, assessment: Assessment) -> Self {
        SystemResult {
            system,
            answers,
            assessment,
        }
    }

    pub fn risk(&self) -> RiskClass {
        self.assessment.risk
    }

    pub fn stage(&self) -> Option<Stage> {
        self.system.lifecycle.map(|l| l.stage)
    }

    /// The findings given as reasons: not the facts (the rule writers' building blocks), and
    /// not those that may or may not hold (the deciding questions sum those up).
    pub fn reasons<'a>(&'a self, pack: &'a Pack) -> impl Iterator<Item = &'a FindingOutcome> {
        self.assessment.findings.iter().filter(|f| {
            pack.findings[f.finding].kind != FindingKind::Fact
                && f.status != FindingStatus::Undetermined
        })
    }

    /// The Annex points of the reasons, as the pack writes them.
    pub fn route<'a>(&'a self, pack: &'a Pack) -> impl Iterator<Item = &'a str> {
        self.reasons(pack)
            .filter_map(|f| pack.findings[f.finding].point.as_deref())
    }

    /// The duties listed one by one: an undetermined system's open duties are grouped by the
    /// class they come with (`assessment.duty_groups`) instead.
    pub fn listed_duties(&self) -> impl Iterator<Item = &ObligationOutcome> {
        let r = &self.assessment;
        r.obligations
            .iter()
            .filter(|o| o.status != ObligationStatus::Undetermined || r.duty_groups.is_empty())
    }

    /// How many duties apply, are in transition, are upcoming, are undetermined.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for o in &self.assessment.obligations {
            counts[match o.status {
                ObligationStatus::Applies => 0,
                ObligationStatus::Transition => 1,
                ObligationStatus::Upcoming => 2,
                ObligationStatus::Undetermined => 3,
            }] += 1;
        }
        counts
    }

    /// What the provider must hold for a system the organisation deploys but does not
    /// provide: the provider-held evidence of the obligations a provider would have, assessed
    /// on the same answers (as `aiact check` does for an offer).
    pub fn provider_items(&self, pack: &Pack) -> Vec<ProviderItem> {
        let r = &self.assessment;
        let deployer_only = r.roles.contains(&Role::Deployer) && !r.roles.contains(&Role::Provider);
        if !deployer_only || !matches!(r.risk, RiskClass::HighRisk | RiskClass::Limited) {
            return Vec::new();
        }
        let assumed = engine::assess_assuming(
            pack,
            &self.answers,
            r.as_of,
            &[Role::Provider, Role::Deployer],
        );
        let mut out: Vec<ProviderItem> = Vec::new();
        for o in &assumed.obligations {
            let ob = &pack.obligations[o.obligation];
            // The provider's own AI literacy (Art. 4) is its organisation's affair, not the
            // buyer's.
            let own_organisation = ob.tags.iter().any(|t| t == ORGANISATION_WIDE);
            if !o.roles.contains(&Role::Provider) || own_organisation {
                continue;
            }
            let due = match o.status {
                ObligationStatus::Transition => o.until,
                _ => o.until.or(o.applies_from),
            };
            for &e in &ob.evidence {
                if pack.evidence[e].holder != Role::Provider || out.iter().any(|x| x.evidence == e)
                {
                    continue;
                }
                out.push(ProviderItem {
                    evidence: e,
                    obligation: o.obligation,
                    status: o.status,
                    due,
                });
            }
        }
        out
    }
}
