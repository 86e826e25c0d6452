//! The pure engine: answers + rule pack + assessment date -> result. No I/O, no clock, no
//! terminal. It also answers "which question comes next" for the interview.
//!
//! From the ground up: `logic` (three-valued values and question sets), `outcome` (what an
//! assessment says), `eval` (one evaluation of the answers), `deciding` (which open questions
//! decide the class), `lifecycle` (a system's stage) and `next` (the interview's next
//! question); this module composes them. `scenario` runs a pack's golden scenarios on top.

mod deciding;
mod eval;
mod lifecycle;
pub mod logic;
mod next;
mod outcome;
pub mod scenario;

pub use crate::rules::{Lifecycle, Stage};
pub use next::{assess_and_next, ignored_answers, next_question, relevance};
pub use outcome::*;

use crate::answers::Answers;
use crate::rules::{Pack, Role};
use chrono::NaiveDate;
use eval::{Eval, assess_with};
use logic::Tri;
use serde::Serialize;

/// Who assessed what, with which rules, on which date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Provenance {
    pub tool: String,
    pub tool_version: String,
    pub pack_id: String,
    pub pack_version: String,
    pub pack_sha256: String,
    pub law: String,
    pub consolidated_version: String,
    pub law_version: String,
    pub as_of: NaiveDate,
    /// The overlays on top of the pack, in order (absent without overlays).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overlays: Vec<OverlayProvenance>,
}

/// An overlay that took part in the result: its folder, its files' SHA-256, and what it
/// changes in the pack's binding results (empty: it only adds rules of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OverlayProvenance {
    pub dir: String,
    pub sha256: String,
    pub changes_binding: Vec<String>,
}

impl Provenance {
    /// Each overlay with its hash, for footers and memos after the pack's name: empty without
    /// overlays, else ` + overlay DIR (sha256 …)` per overlay, flagged when it changes binding
    /// results.
    pub fn overlays_text(&self, lang: crate::rules::Lang) -> String {
        let nl = lang == crate::rules::Lang::Nl;
        self.overlays
            .iter()
            .map(|o| {
                format!(
                    " + {} {} (sha256 {}){}",
                    if nl { "eigen regels" } else { "overlay" },
                    o.dir,
                    short(&o.sha256),
                    match (o.changes_binding.is_empty(), nl) {
                        (true, _) => "",
                        (false, true) => " — WIJZIGT BINDENDE RESULTATEN",
                        (false, false) => " — CHANGES BINDING RESULTS",
                    }
                )
            })
            .collect()
    }

    pub fn new(pack: &Pack, as_of: NaiveDate) -> Self {
        Provenance {
            tool: "aiact".into(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            pack_id: pack.manifest.id.clone(),
            pack_version: pack.manifest.version.clone(),
            pack_sha256: pack.sha256.clone(),
            law: pack.manifest.law.en.clone(),
            consolidated_version: pack.manifest.consolidated_version.clone(),
            law_version: pack
                .law_versions
                .get(pack.law_version_at(as_of))
                .map_or_else(String::new, |l| l.id.clone()),
            as_of,
            overlays: pack
                .overlays
                .iter()
                .map(|o| OverlayProvenance {
                    dir: o.dir.clone(),
                    sha256: o.sha256.clone(),
                    changes_binding: o.changes.iter().map(|c| c.en.clone()).collect(),
                })
                .collect(),
        }
    }
}

/// The first 12 hex digits of a hash, as reports show it.
fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// Assesses one system on one date.
pub fn assess(pack: &Pack, answers: &Answers, as_of: NaiveDate) -> Assessment {
    assess_eval(&Eval::new(pack, answers, as_of))
}

fn assess_eval(e: &Eval<'_>) -> Assessment {
    let mut r = assess_with(e);
    deciding::refine(e, &mut r);
    r
}

/// Assesses one system on one date, taking its lifecycle into account:
/// - retired (on or before `as_of`, or without a date): the class and findings are kept for
///   the record, but it has no duties and no deadlines;
/// - retired after `as_of`: duties that would start after the retirement date are dropped;
/// - planned or in development with a start after `as_of`: assessed under the law as it
///   stands on that start date; duties that apply then are upcoming from that date.
///
/// Without a lifecycle (or in use) this is [`assess`].
pub fn assess_in_life(
    pack: &Pack,
    answers: &Answers,
    as_of: NaiveDate,
    life: Option<&Lifecycle>,
) -> Assessment {
    let r = assess(pack, answers, lifecycle::assessed_on(as_of, life));
    lifecycle::in_life(pack, r, as_of, life)
}

/// `assess_in_life` and `ignored_answers` from one evaluation of the answers where the
/// system is assessed on `as_of` (a batch needs both for every system).
pub fn assess_in_life_and_ignored(
    pack: &Pack,
    answers: &Answers,
    as_of: NaiveDate,
    life: Option<&Lifecycle>,
) -> (Assessment, Vec<usize>) {
    let on = lifecycle::assessed_on(as_of, life);
    let e = Eval::new(pack, answers, on);
    let ignored = if on == as_of {
        next::ignored_in(&e)
    } else {
        ignored_answers(pack, answers, as_of)
    };
    (
        lifecycle::in_life(pack, assess_eval(&e), as_of, life),
        ignored,
    )
}

/// Assesses one system as if the given roles were held, whatever the answers say about the
/// organisation's activities: the obligations then include those of these roles. Procurement
/// uses it to list what the provider of a bought system must have done and what the buyer
/// must do once it deploys it.
pub fn assess_assuming(
    pack: &Pack,
    answers: &Answers,
    as_of: NaiveDate,
    roles: &[Role],
) -> Assessment {
    let mut e = Eval::new(pack, answers, as_of);
    for (i, (role, _)) in pack.role_findings.iter().enumerate().take(Role::ALL.len()) {
        if roles.contains(role) {
            e.roles[i] = Tri::True;
        }
    }
    assess_with(&e)
}
