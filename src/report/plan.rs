//! The organisation's view of an inventory, for the people who decide: the summary, the action
//! plan by deadline and owner, and the Art. 4 AI-literacy plan. Gathered from the systems'
//! results in the report's language (`model::SystemReport`), borrowing their texts; nothing
//! here assesses, it only gathers what the engine found.

use super::cite::{Citation, citations};
use super::model::{MeasureView, SystemReport};
use super::result::ORGANISATION_WIDE;
use crate::engine::{FindingStatus, ObligationStatus, Stage};
use crate::rules::{Lang, Pack, RiskClass};
use chrono::{Months, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;
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
pub fn by_severity(systems: &[SystemReport<'_>]) -> Vec<usize> {
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
#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq)]
pub struct SystemRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: &'a str,
    pub risk: RiskClass,
}

impl<'a> SystemRef<'a> {
    fn of(s: &SystemReport<'a>) -> Self {
        SystemRef {
            id: s.id,
            name: s.name,
            owner: s.owner,
            risk: s.risk,
        }
    }
}

/// A high-risk system and the date from which its high-risk duties apply.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct HighRiskRef<'a> {
    pub system: SystemRef<'a>,
    /// The Annex I or Annex III point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<Cow<'a, str>>,
    /// When the classification takes effect; none when it already has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
}

/// A system whose class is still open, and how many questions stand between it and a decision.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ClarifyRef<'a> {
    pub system: SystemRef<'a>,
    pub possible: &'a [RiskClass],
    pub open_questions: usize,
}

/// The first page: what the college must know.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Summary<'a> {
    /// Prohibited practices: to stop.
    pub prohibited: Vec<SystemRef<'a>>,
    /// High-risk systems, and by when their duties apply.
    pub high_risk: Vec<HighRiskRef<'a>>,
    /// Systems still to clarify.
    pub to_clarify: Vec<ClarifyRef<'a>>,
    /// The nearest dates on which duties of the action plan fall due.
    pub nearest_deadlines: Vec<PlanDeadline<'a>>,
}

/// A date on which duties fall due, and the systems they concern.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PlanDeadline<'a> {
    pub date: NaiveDate,
    /// The titles of the duties that fall due.
    pub duties: Vec<&'a str>,
    pub systems: Vec<SystemRef<'a>>,
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
pub struct PlanDuty<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub citations: Vec<Citation<'a>>,
    pub status: ObligationStatus,
    /// The date it falls due: the start for duties that apply or are upcoming, the end of the
    /// period of grace for duties in transition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub systems: Vec<SystemRef<'a>>,
    /// What shows it is done.
    pub evidence: Vec<&'a str>,
}

/// The duties of one owner (or of the whole organisation) within one horizon.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct OwnerDuties<'a> {
    /// The owner as the inventory names it; empty for the organisation-wide duties and for
    /// systems without an owner (`organisation_wide` tells which).
    pub owner: &'a str,
    pub organisation_wide: bool,
    pub duties: Vec<PlanDuty<'a>>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PlanHorizon<'a> {
    pub horizon: Horizon,
    pub owners: Vec<OwnerDuties<'a>>,
}

/// A system as the literacy plan shows it under a staff group.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct GroupSystem<'a> {
    pub id: &'a str,
    pub name: &'a str,
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
pub struct StaffGroup<'a> {
    pub name: &'a str,
    pub systems: Vec<GroupSystem<'a>>,
    /// Indices into the plan's `measures`.
    pub measures: Vec<usize>,
    pub coverage: Coverage,
}

/// The Art. 4 AI-literacy plan: which staff groups use which systems, what measures exist,
/// where the gaps are.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct LiteracyPlan<'a> {
    /// The Art. 4 duty as it stands on the assessment date (absent when no system carries it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty: Option<PlanDuty<'a>>,
    pub groups: Vec<StaffGroup<'a>>,
    pub measures: Vec<MeasureView<'a>>,
    /// Systems under the duty whose inventory entry names no staff group.
    pub systems_without_users: Vec<SystemRef<'a>>,
    /// Guidance the users know (never law).
    pub guidance: Vec<&'static str>,
}

/// The organisation's view of its inventory.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct OrganisationPlan<'a> {
    pub summary: Summary<'a>,
    pub action_plan: Vec<PlanHorizon<'a>>,
    pub literacy: LiteracyPlan<'a>,
    /// The systems' indices, most severe first: the order of the per-system pages.
    pub by_severity: Vec<usize>,
    /// The ids of the pack's organisation-wide obligations (listed once, in the plan).
    pub organisation_wide: Vec<&'a str>,
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

impl<'a> OrganisationPlan<'a> {
    pub fn new(
        pack: &'a Pack,
        as_of: NaiveDate,
        lang: Lang,
        systems: &[SystemReport<'a>],
        measures: &[MeasureView<'a>],
    ) -> Self {
        let organisation_wide: BTreeSet<&'a str> = pack
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
            organisation_wide: organisation_wide.into_iter().collect(),
        }
    }
}

fn summary<'a>(
    as_of: NaiveDate,
    systems: &[SystemReport<'a>],
    order: &[usize],
    action_plan: &[PlanHorizon<'a>],
) -> Summary<'a> {
    let active = |s: &&SystemReport<'a>| {
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
                possible: s.possible_risks,
                open_questions: s.open_questions.len(),
            })
            .collect(),
        nearest_deadlines: nearest_deadlines(as_of, action_plan),
    }
}

/// The first dates after the assessment date on which duties of the plan fall due.
fn nearest_deadlines<'a>(
    as_of: NaiveDate,
    action_plan: &[PlanHorizon<'a>],
) -> Vec<PlanDeadline<'a>> {
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
            entry.duties.push(d.title);
        }
        for s in &d.systems {
            if !entry.systems.iter().any(|x| x.id == s.id) {
                entry.systems.push(*s);
            }
        }
    }
    by_date.into_values().take(SUMMARY_DEADLINES).collect()
}

/// Every duty of the organisation, by horizon, then owner (the organisation-wide duties first,
/// once), then due date. Duties of a system whose class is still open are left to that
/// system's page; a decided system's duty that still depends on a question (a transition
/// fact) is listed at the earliest date it can apply, with its status `undetermined`.
fn action_plan<'a>(
    as_of: NaiveDate,
    systems: &[SystemReport<'a>],
    order: &[usize],
    organisation_wide: &BTreeSet<&str>,
) -> Vec<PlanHorizon<'a>> {
    let within_year = as_of.checked_add_months(Months::new(12)).unwrap_or(as_of);
    // (horizon, organisation-wide first, owner) -> (due, id, status) -> duty
    type Group<'a> = (Horizon, bool, &'a str);
    type Row<'a> = (Option<NaiveDate>, &'a str, ObligationStatus);
    let mut plan: BTreeMap<Group<'a>, BTreeMap<Row<'a>, PlanDuty<'a>>> = BTreeMap::new();
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
            let wide = organisation_wide.contains(o.id);
            let owner = if wide { "" } else { s.owner };
            let duty = plan
                .entry((horizon, !wide, owner))
                .or_default()
                .entry((due, o.id, o.status))
                .or_insert_with(|| PlanDuty {
                    id: o.id,
                    title: o.title,
                    citations: o.citations.clone(),
                    status: o.status,
                    due,
                    systems: Vec::new(),
                    evidence: o.evidence.iter().map(|e| e.label).collect(),
                });
            duty.systems.push(SystemRef::of(s));
        }
    }
    let mut out: Vec<PlanHorizon<'a>> = Vec::new();
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
fn generative(pack: &Pack, s: &SystemReport<'_>) -> bool {
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

fn literacy_plan<'a>(
    pack: &'a Pack,
    lang: Lang,
    systems: &[SystemReport<'a>],
    order: &[usize],
    organisation_wide: &BTreeSet<&str>,
    measures: &[MeasureView<'a>],
    action_plan: &[PlanHorizon<'a>],
) -> LiteracyPlan<'a> {
    // The systems the Art. 4 duty reaches (in any status but "does not apply").
    let under_duty: Vec<&SystemReport<'a>> = order
        .iter()
        .map(|i| &systems[*i])
        .filter(|s| {
            s.obligations
                .iter()
                .any(|o| organisation_wide.contains(o.id))
        })
        .collect();
    let mut groups: BTreeMap<String, (&'a str, Vec<GroupSystem<'a>>)> = BTreeMap::new();
    for s in &under_duty {
        for u in s.users {
            let entry = groups
                .entry(u.to_lowercase())
                .or_insert_with(|| (u.as_str(), Vec::new()));
            entry.1.push(GroupSystem {
                id: s.id,
                name: s.name,
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
                .or_insert_with(|| (g.as_str(), Vec::new()));
        }
    }
    let groups = groups
        .into_values()
        .map(|(name, systems)| {
            let covering: Vec<usize> = measures
                .iter()
                .enumerate()
                .filter(|(_, m)| m.reaches(name))
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
                    id: &o.id,
                    title: o.title.get(lang),
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
                Lang::En => *en,
                Lang::Nl => *nl,
            })
            .collect(),
    }
}
