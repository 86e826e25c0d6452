//! The organisation's view of an inventory, for the people who decide: the summary, the action
//! plan by deadline and owner, and the Art. 4 AI-literacy plan. Built from the systems'
//! reports; nothing here assesses, it only gathers what the engine found.

use super::model::{Citation, MeasureView, SystemReport, citations};
use crate::engine::{FindingStatus, ObligationStatus, Stage};
use crate::rules::{Lang, Pack, RiskClass};
use chrono::{Months, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The order in which an organisation reads its systems: what must stop first, then what
/// carries the heaviest duties, then what is still open, down to what the Act does not reach.
pub const SEVERITY: [RiskClass; 9] = [
    RiskClass::Prohibited,
    RiskClass::HighRisk,
    RiskClass::GpaiModelSystemicRisk,
    RiskClass::Undetermined,
    RiskClass::Limited,
    RiskClass::GpaiModel,
    RiskClass::Minimal,
    RiskClass::OutOfScope,
    RiskClass::NotAnAiSystem,
];

/// The tag of the obligations that concern the whole organisation rather than one system
/// (Art. 4 AI literacy): the action plan lists them once.
pub const ORGANISATION_WIDE: &str = "organisation-wide";

/// How many deadlines the summary names.
pub const SUMMARY_DEADLINES: usize = 3;

fn severity(r: RiskClass) -> usize {
    SEVERITY
        .iter()
        .position(|c| *c == r)
        .unwrap_or(SEVERITY.len())
}

/// The systems' indices, most severe first; inventory order within a class, retired systems
/// after those in use.
pub fn by_severity(systems: &[SystemReport]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..systems.len()).collect();
    order.sort_by_key(|i| {
        let s = &systems[*i];
        let retired = s
            .lifecycle
            .as_ref()
            .is_some_and(|l| l.stage == Stage::Retired);
        (severity(s.risk), retired, *i)
    });
    order
}

/// A system as the organisation's lists name it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SystemRef {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub risk: RiskClass,
}

impl SystemRef {
    fn of(s: &SystemReport) -> Self {
        SystemRef {
            id: s.id.clone(),
            name: s.name.clone(),
            owner: s.owner.clone(),
            risk: s.risk,
        }
    }
}

/// A high-risk system and the date from which its high-risk duties apply.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct HighRiskRef {
    pub system: SystemRef,
    /// The Annex I or Annex III point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    /// When the classification takes effect; none when it already has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
}

/// A system whose class is still open, and how many questions stand between it and a decision.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ClarifyRef {
    pub system: SystemRef,
    pub possible: Vec<RiskClass>,
    pub open_questions: usize,
}

/// The first page: what the college must know.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Summary {
    /// Prohibited practices: to stop.
    pub prohibited: Vec<SystemRef>,
    /// High-risk systems, and by when their duties apply.
    pub high_risk: Vec<HighRiskRef>,
    /// Systems still to clarify.
    pub to_clarify: Vec<ClarifyRef>,
    /// The nearest dates on which duties of the action plan fall due.
    pub nearest_deadlines: Vec<PlanDeadline>,
}

/// A date on which duties fall due, and the systems they concern.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PlanDeadline {
    pub date: NaiveDate,
    /// The titles of the duties that fall due.
    pub duties: Vec<String>,
    pub systems: Vec<SystemRef>,
}

/// When a duty falls due, seen from the assessment date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Horizon {
    /// Applies already (or its transition has ended).
    Now,
    WithinTwelveMonths,
    Later,
}

/// One duty in the action plan, with every system of one owner it concerns.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PlanDuty {
    pub id: String,
    pub title: String,
    pub citations: Vec<Citation>,
    pub status: ObligationStatus,
    /// The date it falls due: the start for duties that apply or are upcoming, the end of the
    /// period of grace for duties in transition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub systems: Vec<SystemRef>,
    /// What shows it is done.
    pub evidence: Vec<String>,
}

/// The duties of one owner (or of the whole organisation) within one horizon.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct OwnerDuties {
    /// The owner as the inventory names it; empty for the organisation-wide duties and for
    /// systems without an owner (`organisation_wide` tells which).
    pub owner: String,
    pub organisation_wide: bool,
    pub duties: Vec<PlanDuty>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PlanHorizon {
    pub horizon: Horizon,
    pub owners: Vec<OwnerDuties>,
}

/// A system as the literacy plan shows it under a staff group.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct GroupSystem {
    pub id: String,
    pub name: String,
    pub risk: RiskClass,
    /// Generates text, images, audio or video (Art. 50(2) or 50(4) findings).
    pub generative: bool,
}

/// Whether a staff group's AI literacy is covered by a recorded measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    Covered,
    /// No measure, and the group uses a high-risk or generative system.
    Gap,
    /// No measure, for a group that uses other AI systems.
    NoMeasure,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct StaffGroup {
    pub name: String,
    pub systems: Vec<GroupSystem>,
    /// Indices into the plan's `measures`.
    pub measures: Vec<usize>,
    pub coverage: Coverage,
}

/// The Art. 4 AI-literacy plan: which staff groups use which systems, what measures exist,
/// where the gaps are.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct LiteracyPlan {
    /// The Art. 4 duty as it stands on the assessment date (absent when no system carries it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty: Option<PlanDuty>,
    pub groups: Vec<StaffGroup>,
    pub measures: Vec<MeasureView>,
    /// Systems under the duty whose inventory entry names no staff group.
    pub systems_without_users: Vec<SystemRef>,
    /// Guidance the users know (never law).
    pub guidance: Vec<String>,
}

/// The organisation's view of its inventory.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct OrganisationPlan {
    pub summary: Summary,
    pub action_plan: Vec<PlanHorizon>,
    pub literacy: LiteracyPlan,
    /// The systems' indices, most severe first: the order of the per-system pages.
    pub by_severity: Vec<usize>,
    /// The ids of the pack's organisation-wide obligations (listed once, in the plan).
    pub organisation_wide: Vec<String>,
}

/// Flemish guidance on AI literacy, named as users know it; guidance, not law.
const GUIDANCE: [(&str, &str); 2] = [
    (
        "Digitaal Vlaanderen, AI Expertisecentrum: AI guidelines for Flemish and local governments (guidance, not law)",
        "Digitaal Vlaanderen, AI Expertisecentrum: AI-richtlijnen voor Vlaamse en lokale besturen (richtsnoer, geen wet)",
    ),
    (
        "Kenniscentrum Data & Maatschappij: AI literacy tool, November 2025 (guidance, not law)",
        "Kenniscentrum Data & Maatschappij: tool AI-geletterdheid, november 2025 (richtsnoer, geen wet)",
    ),
];

impl OrganisationPlan {
    pub fn new(
        pack: &Pack,
        as_of: NaiveDate,
        lang: Lang,
        systems: &[SystemReport],
        measures: &[MeasureView],
    ) -> Self {
        let organisation_wide: BTreeSet<&str> = pack
            .obligations
            .iter()
            .filter(|o| o.tags.iter().any(|t| t == ORGANISATION_WIDE))
            .map(|o| o.id.as_str())
            .collect();
        let order = by_severity(systems);
        let action_plan = action_plan(as_of, systems, &order, &organisation_wide);
        let literacy = literacy_plan(
            pack,
            lang,
            systems,
            &order,
            &organisation_wide,
            measures,
            &action_plan,
        );
        OrganisationPlan {
            summary: summary(as_of, systems, &order, &action_plan),
            action_plan,
            literacy,
            by_severity: order,
            organisation_wide: organisation_wide.iter().map(|s| s.to_string()).collect(),
        }
    }
}

fn summary(
    as_of: NaiveDate,
    systems: &[SystemReport],
    order: &[usize],
    action_plan: &[PlanHorizon],
) -> Summary {
    let active = |s: &&SystemReport| {
        !s.lifecycle
            .as_ref()
            .is_some_and(|l| l.stage == Stage::Retired && s.obligations.is_empty())
    };
    let ordered = || order.iter().map(|i| &systems[*i]).filter(active);
    Summary {
        prohibited: ordered()
            .filter(|s| s.risk == RiskClass::Prohibited)
            .map(SystemRef::of)
            .collect(),
        high_risk: ordered()
            .filter(|s| s.risk == RiskClass::HighRisk)
            .map(|s| {
                let finding = s.reasons.iter().find(|f| f.kind == "high-risk");
                HighRiskRef {
                    system: SystemRef::of(s),
                    point: finding.and_then(|f| f.point.clone()),
                    from: finding
                        .filter(|f| f.status == FindingStatus::Upcoming)
                        .and_then(|f| f.applies_from),
                }
            })
            .collect(),
        to_clarify: ordered()
            .filter(|s| s.risk == RiskClass::Undetermined)
            .map(|s| ClarifyRef {
                system: SystemRef::of(s),
                possible: s.possible_risks.clone(),
                open_questions: s.open_questions.len(),
            })
            .collect(),
        nearest_deadlines: nearest_deadlines(as_of, action_plan),
    }
}

/// The first dates after the assessment date on which duties of the plan fall due.
fn nearest_deadlines(as_of: NaiveDate, action_plan: &[PlanHorizon]) -> Vec<PlanDeadline> {
    let mut by_date: BTreeMap<NaiveDate, PlanDeadline> = BTreeMap::new();
    for d in action_plan
        .iter()
        .flat_map(|h| &h.owners)
        .flat_map(|o| &o.duties)
    {
        let Some(date) = d.due.filter(|d| *d > as_of) else {
            continue;
        };
        let entry = by_date.entry(date).or_insert_with(|| PlanDeadline {
            date,
            duties: Vec::new(),
            systems: Vec::new(),
        });
        if !entry.duties.contains(&d.title) {
            entry.duties.push(d.title.clone());
        }
        for s in &d.systems {
            if !entry.systems.iter().any(|x| x.id == s.id) {
                entry.systems.push(s.clone());
            }
        }
    }
    by_date.into_values().take(SUMMARY_DEADLINES).collect()
}

/// Every duty of the organisation, by horizon, then owner (the organisation-wide duties first,
/// once), then due date. Duties of a system whose class is still open are left to that
/// system's page; a decided system's duty that still depends on a question (a transition
/// fact) is listed at the earliest date it can apply, with its status `undetermined`.
fn action_plan(
    as_of: NaiveDate,
    systems: &[SystemReport],
    order: &[usize],
    organisation_wide: &BTreeSet<&str>,
) -> Vec<PlanHorizon> {
    let within_year = as_of.checked_add_months(Months::new(12)).unwrap_or(as_of);
    // (horizon, organisation-wide first, owner) -> (due, id, status) -> duty
    type Group = (Horizon, bool, String);
    type Row = (Option<NaiveDate>, String, ObligationStatus);
    let mut plan: BTreeMap<Group, BTreeMap<Row, PlanDuty>> = BTreeMap::new();
    for s in order.iter().map(|i| &systems[*i]) {
        for o in &s.obligations {
            let due = match o.status {
                ObligationStatus::Undetermined if s.risk == RiskClass::Undetermined => continue,
                ObligationStatus::Undetermined => o.applies_from,
                // A transition (Art. 111) gives until its end, also when it starts later.
                ObligationStatus::Transition => o.until,
                ObligationStatus::Upcoming => o.until.or(o.applies_from),
                ObligationStatus::Applies => o.applies_from,
            };
            let horizon = match due {
                Some(d) if d > within_year => Horizon::Later,
                Some(d) if d > as_of => Horizon::WithinTwelveMonths,
                _ => Horizon::Now,
            };
            let wide = organisation_wide.contains(o.id.as_str());
            let owner = if wide { String::new() } else { s.owner.clone() };
            let duty = plan
                .entry((horizon, !wide, owner))
                .or_default()
                .entry((due, o.id.clone(), o.status))
                .or_insert_with(|| PlanDuty {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    citations: o.citations.clone(),
                    status: o.status,
                    due,
                    systems: Vec::new(),
                    evidence: o.evidence.iter().map(|e| e.label.clone()).collect(),
                });
            duty.systems.push(SystemRef::of(s));
        }
    }
    let mut out: Vec<PlanHorizon> = Vec::new();
    for ((horizon, not_wide, owner), duties) in plan {
        let owners = OwnerDuties {
            owner,
            organisation_wide: !not_wide,
            duties: duties.into_values().collect(),
        };
        match out.last_mut() {
            Some(h) if h.horizon == horizon => h.owners.push(owners),
            _ => out.push(PlanHorizon {
                horizon,
                owners: vec![owners],
            }),
        }
    }
    out
}

/// Whether a pack rule cites one of the given provisions (as the pack writes them).
fn cites_any(cite: &[String], provisions: &[&str]) -> bool {
    cite.iter().any(|c| {
        provisions
            .iter()
            .any(|p| c == p || c.strip_prefix(p).is_some_and(|r| r.starts_with('(')))
    })
}

/// Whether a system generates content: a transparency finding under Art. 50(2) or 50(4)
/// holds (or is anticipated).
fn generative(pack: &Pack, s: &SystemReport) -> bool {
    s.reasons.iter().any(|f| {
        f.kind == "transparency"
            && f.status != FindingStatus::Undetermined
            && pack
                .findings
                .iter()
                .find(|x| x.id == f.id)
                .is_some_and(|x| cites_any(&x.cite, &["Art. 50(2)", "Art. 50(4)"]))
    })
}

fn literacy_plan(
    pack: &Pack,
    lang: Lang,
    systems: &[SystemReport],
    order: &[usize],
    organisation_wide: &BTreeSet<&str>,
    measures: &[MeasureView],
    action_plan: &[PlanHorizon],
) -> LiteracyPlan {
    // The systems the Art. 4 duty reaches (in any status but "does not apply").
    let under_duty: Vec<&SystemReport> = order
        .iter()
        .map(|i| &systems[*i])
        .filter(|s| {
            s.obligations
                .iter()
                .any(|o| organisation_wide.contains(o.id.as_str()))
        })
        .collect();
    let mut groups: BTreeMap<String, (String, Vec<GroupSystem>)> = BTreeMap::new();
    for s in &under_duty {
        for u in &s.users {
            let entry = groups
                .entry(u.to_lowercase())
                .or_insert_with(|| (u.clone(), Vec::new()));
            entry.1.push(GroupSystem {
                id: s.id.clone(),
                name: s.name.clone(),
                risk: s.risk,
                generative: generative(pack, s),
            });
        }
    }
    // Groups named only by a measure are listed too: a measure for nobody's systems is news.
    for m in measures {
        for g in m.groups.iter().filter(|g| g.as_str() != "*") {
            groups
                .entry(g.to_lowercase())
                .or_insert_with(|| (g.clone(), Vec::new()));
        }
    }
    let groups = groups
        .into_values()
        .map(|(name, systems)| {
            let covering: Vec<usize> = measures
                .iter()
                .enumerate()
                .filter(|(_, m)| m.reaches(&name))
                .map(|(i, _)| i)
                .collect();
            let coverage = if !covering.is_empty() || systems.is_empty() {
                Coverage::Covered
            } else if systems
                .iter()
                .any(|s| s.generative || s.risk == RiskClass::HighRisk)
            {
                Coverage::Gap
            } else {
                Coverage::NoMeasure
            };
            StaffGroup {
                name,
                systems,
                measures: covering,
                coverage,
            }
        })
        .collect();
    let duty = action_plan
        .iter()
        .flat_map(|h| &h.owners)
        .filter(|o| o.organisation_wide)
        .flat_map(|o| &o.duties)
        .find(|d| {
            pack.obligations
                .iter()
                .find(|o| o.id == d.id)
                .is_some_and(|o| cites_any(&o.cite, &["Art. 4"]))
        })
        .cloned()
        .or_else(|| {
            // No Art. 4 duty is determined yet: still name it, with its article.
            pack.obligations
                .iter()
                .find(|o| organisation_wide.contains(o.id.as_str()))
                .filter(|_| !under_duty.is_empty())
                .map(|o| PlanDuty {
                    id: o.id.clone(),
                    title: o.title.get(lang).to_string(),
                    citations: citations(pack, &o.cite, lang),
                    status: ObligationStatus::Undetermined,
                    due: None,
                    systems: Vec::new(),
                    evidence: Vec::new(),
                })
        });
    LiteracyPlan {
        duty,
        groups,
        measures: measures.to_vec(),
        systems_without_users: under_duty
            .iter()
            .filter(|s| s.users.is_empty())
            .map(|s| SystemRef::of(s))
            .collect(),
        guidance: GUIDANCE
            .iter()
            .map(|(en, nl)| match lang {
                Lang::En => en.to_string(),
                Lang::Nl => nl.to_string(),
            })
            .collect(),
    }
}
