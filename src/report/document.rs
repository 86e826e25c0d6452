//! The report over an inventory in one language: provenance once, the totals, the AI Act
//! calendar, the organisation's view (`plan`) and every system (`model::SystemReport`), all
//! read from the systems' results when the report is written. Serialised as the JSON output
//! (a stable contract: docs/report-schema.json); the Markdown and HTML templates read that
//! same JSON.

use super::cite::{Citation, citations};
use super::model::{OrganisationView, SystemReport};
use super::plan::OrganisationPlan;
use super::result::SystemResult;
use crate::engine::{Provenance, Stage};
use crate::rules::{Lang, Pack, RiskClass};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// Counts per risk class, in the vocabulary's order.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct RiskCount {
    pub risk: RiskClass,
    pub count: usize,
}

/// How many systems of an inventory are at a stage of their life.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct LifecycleCount {
    /// The stage; none for systems whose inventory entry does not say.
    pub stage: Option<Stage>,
    pub count: usize,
}

/// A date of the AI Act calendar, as it stands under the law version of the assessment date.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct CalendarEntry<'a> {
    pub id: &'a str,
    pub date: NaiveDate,
    pub label: &'a str,
    pub citations: Vec<Citation<'a>>,
}

/// A report over an inventory: provenance once, then every system.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InventoryReport<'a> {
    pub provenance: Provenance,
    pub language: Lang,
    /// The pack's title and the law version applied, in the report's language.
    pub pack_title: &'a str,
    pub law_title: &'a str,
    /// The organisation whose inventory it is, if the inventory names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrganisationView<'a>>,
    pub totals: Vec<RiskCount>,
    /// Systems per lifecycle stage (planned, in development, in use, retired, not stated);
    /// empty when no system states one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lifecycle: Vec<LifecycleCount>,
    /// The AI Act calendar (the pack's timeline) under the law version applied, by date.
    pub calendar: Vec<CalendarEntry<'a>>,
    /// The organisation's view: summary, action plan, AI-literacy plan, severity order.
    pub plan: OrganisationPlan<'a>,
    pub systems: Vec<SystemReport<'a>>,
    /// The pack and the results the report reads (for the formats that lay out a result
    /// without its texts: the CSV and the summary table).
    #[serde(skip)]
    #[schemars(skip)]
    pub pack: &'a Pack,
    #[serde(skip)]
    #[schemars(skip)]
    pub results: Vec<&'a SystemResult>,
}

impl<'a> InventoryReport<'a> {
    /// The report of these results (one system is an inventory of one) in a language.
    pub fn new(
        pack: &'a Pack,
        as_of: NaiveDate,
        lang: Lang,
        results: impl IntoIterator<Item = &'a SystemResult>,
    ) -> Self {
        let results: Vec<&SystemResult> = results.into_iter().collect();
        let systems: Vec<SystemReport<'a>> = results
            .iter()
            .map(|r| SystemReport::new(pack, r, lang))
            .collect();
        let law = pack.law_version_at(as_of);
        let mut calendar: Vec<CalendarEntry> = pack
            .timeline
            .iter()
            .enumerate()
            .map(|(i, t)| CalendarEntry {
                id: &t.id,
                date: pack.timeline_date(i, law),
                label: t.label.get(lang),
                citations: citations(pack, &t.cite, lang),
            })
            .collect();
        calendar.sort_by_key(|a| a.date);
        let organisation = results
            .iter()
            .find_map(|r| r.system.organisation.as_deref())
            .map(OrganisationView::new);
        let plan = OrganisationPlan::new(
            pack,
            as_of,
            lang,
            &systems,
            organisation.as_ref().map_or(&[][..], |o| &o.literacy),
        );
        InventoryReport {
            provenance: Provenance::new(pack, as_of),
            language: lang,
            pack_title: pack.manifest.title.get(lang),
            law_title: pack
                .law_versions
                .get(law)
                .map_or_else(|| pack.manifest.law.get(lang), |l| l.title.get(lang)),
            organisation,
            totals: totals(results.iter().map(|r| r.risk())),
            lifecycle: lifecycle_counts(results.iter().map(|r| r.stage())),
            calendar,
            plan,
            systems,
            pack,
            results,
        }
    }
}

/// Counts per risk class, in the vocabulary's order, classes with none left out.
pub fn totals(risks: impl Iterator<Item = RiskClass>) -> Vec<RiskCount> {
    let mut tally = Tally::default();
    risks.for_each(|r| tally.add(r, None));
    tally.totals()
}

/// Systems per lifecycle stage, in the order of a system's life, then those that do not say;
/// empty when none says.
pub fn lifecycle_counts(stages: impl Iterator<Item = Option<Stage>>) -> Vec<LifecycleCount> {
    let mut tally = Tally::default();
    stages.for_each(|s| tally.add(RiskClass::Undetermined, s));
    tally.lifecycle()
}

/// Systems counted by risk class and by lifecycle stage as they come: what the totals and
/// the lifecycle counts of an inventory need, in the same few bytes for any number of systems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    risks: [usize; RiskClass::ALL.len()],
    /// Per stage, then those that do not say.
    stages: [usize; Stage::ALL.len() + 1],
    systems: usize,
}

impl Tally {
    pub fn add(&mut self, risk: RiskClass, stage: Option<Stage>) {
        if let Some(i) = RiskClass::ALL.iter().position(|c| *c == risk) {
            self.risks[i] += 1;
        }
        self.stages[stage.map_or(Stage::ALL.len(), |s| s as usize)] += 1;
        self.systems += 1;
    }

    /// How many systems were counted.
    pub fn systems(&self) -> usize {
        self.systems
    }

    /// Counts per risk class, in the vocabulary's order, classes with none left out.
    pub fn totals(&self) -> Vec<RiskCount> {
        RiskClass::ALL
            .iter()
            .zip(self.risks)
            .filter(|(_, count)| *count > 0)
            .map(|(risk, count)| RiskCount { risk: *risk, count })
            .collect()
    }

    /// Systems per lifecycle stage, then those that do not say; empty when none says.
    pub fn lifecycle(&self) -> Vec<LifecycleCount> {
        if self.stages[..Stage::ALL.len()].iter().all(|c| *c == 0) {
            return Vec::new();
        }
        Stage::ALL
            .iter()
            .map(|s| Some(*s))
            .chain([None])
            .zip(self.stages)
            .filter(|(_, c)| *c > 0)
            .map(|(stage, count)| LifecycleCount { stage, count })
            .collect()
    }
}
