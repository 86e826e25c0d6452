//! The compact forms of a result, for machines and long inventories: the inventory document
//! of `batch --format json` (provenance once, a catalogue of the texts of every rule the
//! systems refer to, once, in the report's language, and per system one line of ids,
//! citations, dates and statuses) and the row of the CSV and of the summary table. Both are
//! read from the `SystemResult` by reference: ids and citations are the pack's own strings,
//! never copied (a batch of a million systems would allocate them a billion times).

use super::cite::citation_text;
use super::deciding::{DecidingRef, DutyGroupRef, deciding_refs, group_refs};
use super::document::{LifecycleCount, RiskCount, Tally, lifecycle_counts, totals};
use super::model::{LifecycleView, OrganisationView, risk_label, route_name};
use super::result::SystemResult;
use crate::engine::{FindingStatus, ObligationStatus, Provenance, Stage};
use crate::inventory::Organisation;
use crate::rules::{Lang, Pack, RiskClass, Role};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ReasonRef<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub status: FindingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ObligationRef<'a> {
    pub id: &'a str,
    pub roles: &'a [Role],
    pub citations: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    pub status: ObligationStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_questions: Vec<&'a str>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DeadlineRef<'a> {
    pub date: NaiveDate,
    pub items: Vec<&'a str>,
}

/// One system: what scripts need, by id.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SystemSummary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<LifecycleView>,
    pub risk: RiskClass,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub possible_risks: &'a [RiskClass],
    pub reasons: Vec<ReasonRef<'a>>,
    pub roles: &'a [Role],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub possible_roles: &'a [Role],
    /// The duties that hold whatever the open answers turn out to be.
    pub obligations: Vec<ObligationRef<'a>>,
    /// The duties still undetermined, by id, grouped by the class they come with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_duties: Vec<DutyGroupRef<'a>>,
    /// The questions the listed duties wait for. An undetermined system lists its deciding
    /// questions instead: its other open questions change nothing until it is decided.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub open_questions: Vec<&'a str>,
    /// When undetermined: the questions whose answer changes the class or the roles, best
    /// first, with what each answer leads to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_questions: Vec<DecidingRef<'a>>,
    pub notes: Vec<&'a str>,
    pub next_deadlines: Vec<DeadlineRef<'a>>,
}

impl<'a> SystemSummary<'a> {
    /// Read from the result: nothing is computed that the engine did not.
    pub fn new(pack: &'a Pack, result: &'a SystemResult) -> Self {
        let (system, r) = (&result.system, &result.assessment);
        let question = |q: &usize| pack.questions[*q].id.as_str();
        SystemSummary {
            id: &system.id,
            name: &system.name,
            owner: &system.owner,
            lifecycle: LifecycleView::of(result),
            risk: r.risk,
            possible_risks: &r.possible_risks,
            reasons: result
                .reasons(pack)
                .map(|f| {
                    let finding = &pack.findings[f.finding];
                    ReasonRef {
                        id: &finding.id,
                        kind: finding.kind.name(),
                        status: f.status,
                        applies_from: f.applies_from,
                        route: finding.route.map(route_name),
                        point: finding.point.as_deref(),
                    }
                })
                .collect(),
            roles: &r.roles,
            possible_roles: &r.possible_roles,
            obligations: result
                .listed_duties()
                .map(|o| {
                    let ob = &pack.obligations[o.obligation];
                    ObligationRef {
                        id: &ob.id,
                        roles: &o.roles,
                        citations: &ob.cite,
                        applies_from: o.applies_from,
                        status: o.status,
                        until: o.until,
                        deciding_questions: o.deciding.iter().map(question).collect(),
                    }
                })
                .collect(),
            possible_duties: group_refs(pack, &r.duty_groups),
            open_questions: if r.deciding.is_empty() {
                r.open_questions.iter().map(question).collect()
            } else {
                Vec::new()
            },
            deciding_questions: deciding_refs(pack, &r.deciding),
            notes: r.notes.iter().map(|n| pack.notes[*n].id.as_str()).collect(),
            next_deadlines: deadlines(pack, result),
        }
    }
}

/// The deadlines, without the grouped duties (they give their earliest date in
/// `possible_duties`).
fn deadlines<'a>(pack: &Pack, result: &'a SystemResult) -> Vec<DeadlineRef<'a>> {
    let r = &result.assessment;
    let grouped = |id: &str| {
        r.duty_groups
            .iter()
            .flat_map(|g| &g.obligations)
            .any(|o| pack.obligations[*o].id == id)
    };
    r.next_deadlines
        .iter()
        .filter_map(|d| {
            let items: Vec<&str> = d
                .items
                .iter()
                .map(String::as_str)
                .filter(|id| !grouped(id))
                .collect();
            (!items.is_empty()).then_some(DeadlineRef {
                date: d.date,
                items,
            })
        })
        .collect()
}

/// Indices of the findings, obligations, questions and notes a system refers to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refs {
    pub findings: Vec<usize>,
    pub obligations: Vec<usize>,
    pub questions: Vec<usize>,
    pub notes: Vec<usize>,
}

impl Refs {
    /// The rules a system's summary refers to, by index in the pack (for the catalogue).
    pub fn of(pack: &Pack, result: &SystemResult) -> Self {
        let r = &result.assessment;
        Refs {
            findings: result.reasons(pack).map(|f| f.finding).collect(),
            obligations: r.obligations.iter().map(|o| o.obligation).collect(),
            questions: r
                .open_questions
                .iter()
                .copied()
                .chain(r.deciding.iter().map(|d| d.question))
                .chain(
                    result
                        .listed_duties()
                        .flat_map(|o| o.deciding.iter().copied()),
                )
                .collect(),
            notes: r.notes.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct CatalogueEntry<'a> {
    pub title: &'a str,
    pub citations: &'a [String],
}

/// The texts of the rules the systems refer to, once.
#[derive(Debug, Clone, Default, Serialize, JsonSchema, PartialEq)]
pub struct Catalogue<'a> {
    pub findings: BTreeMap<&'a str, CatalogueEntry<'a>>,
    pub obligations: BTreeMap<&'a str, CatalogueEntry<'a>>,
    pub questions: BTreeMap<&'a str, CatalogueEntry<'a>>,
    pub notes: BTreeMap<&'a str, CatalogueEntry<'a>>,
}

/// Which rules of the pack some system refers to.
#[derive(Debug, Clone, Default)]
pub struct Used {
    findings: Vec<bool>,
    obligations: Vec<bool>,
    questions: Vec<bool>,
    notes: Vec<bool>,
}

impl Used {
    pub fn new(pack: &Pack) -> Self {
        Used {
            findings: vec![false; pack.findings.len()],
            obligations: vec![false; pack.obligations.len()],
            questions: vec![false; pack.questions.len()],
            notes: vec![false; pack.notes.len()],
        }
    }

    pub fn add(&mut self, refs: &Refs) {
        let mark = |v: &mut Vec<bool>, ids: &[usize]| {
            for i in ids {
                if let Some(x) = v.get_mut(*i) {
                    *x = true;
                }
            }
        };
        mark(&mut self.findings, &refs.findings);
        mark(&mut self.obligations, &refs.obligations);
        mark(&mut self.questions, &refs.questions);
        mark(&mut self.notes, &refs.notes);
    }
}

/// The entries of the rules used: id, title (or text) and citations.
fn entries<'a, T>(
    rules: &'a [T],
    used: &[bool],
    entry: impl Fn(&'a T) -> (&'a str, CatalogueEntry<'a>),
) -> BTreeMap<&'a str, CatalogueEntry<'a>> {
    rules
        .iter()
        .zip(used)
        .filter(|(_, u)| **u)
        .map(|(rule, _)| entry(rule))
        .collect()
}

impl<'a> Catalogue<'a> {
    /// The texts of the rules used, in the given language.
    pub fn of(pack: &'a Pack, used: &Used, lang: Lang) -> Self {
        let entry = |id: &'a str, title: &'a str, citations: &'a [String]| {
            (id, CatalogueEntry { title, citations })
        };
        Catalogue {
            findings: entries(&pack.findings, &used.findings, |f| {
                entry(&f.id, f.title.get(lang), &f.cite)
            }),
            obligations: entries(&pack.obligations, &used.obligations, |o| {
                entry(&o.id, o.title.get(lang), &o.cite)
            }),
            questions: entries(&pack.questions, &used.questions, |q| {
                entry(&q.id, q.text.get(lang), &q.cite)
            }),
            notes: entries(&pack.notes, &used.notes, |n| {
                entry(&n.id, n.text.get(lang), &n.cite)
            }),
        }
    }
}

/// The compact inventory document.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct InventorySummary<'a> {
    pub provenance: Provenance,
    pub language: Lang,
    /// In inventory order. (Before the totals and the catalogue, so that the document can be
    /// written system by system.)
    pub systems: Vec<SystemSummary<'a>>,
    pub totals: Vec<RiskCount>,
    /// Systems per lifecycle stage; left out when no system states one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lifecycle: Vec<LifecycleCount>,
    /// The organisation whose inventory it is, if the inventory names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrganisationView<'a>>,
    pub catalogue: Catalogue<'a>,
}

impl<'a> InventorySummary<'a> {
    pub fn new(pack: &'a Pack, as_of: NaiveDate, lang: Lang, results: &'a [SystemResult]) -> Self {
        let mut used = Used::new(pack);
        for r in results {
            used.add(&Refs::of(pack, r));
        }
        InventorySummary {
            provenance: Provenance::new(pack, as_of),
            language: lang,
            systems: results
                .iter()
                .map(|r| SystemSummary::new(pack, r))
                .collect(),
            totals: totals(results.iter().map(SystemResult::risk)),
            lifecycle: lifecycle_counts(results.iter().map(SystemResult::stage)),
            organisation: results
                .iter()
                .find_map(|r| r.system.organisation.as_deref())
                .map(OrganisationView::new),
            catalogue: Catalogue::of(pack, &used, lang),
        }
    }
}

impl SummaryWriter<'_, Vec<u8>> {
    /// What was written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }
}

/// Writes the document system by system (memory bounded by one chunk): pretty JSON around a
/// `systems` array of one line per system. The same value as the whole `InventorySummary`.
pub struct SummaryWriter<'p, W: std::io::Write> {
    pack: &'p Pack,
    as_of: NaiveDate,
    lang: Lang,
    out: W,
    /// The systems written so far, counted by risk class and stage.
    tally: Tally,
    organisation: Option<Arc<Organisation>>,
    used: Used,
}

const SYSTEMS: &str = "\"systems\": []";

impl<'p, W: std::io::Write> SummaryWriter<'p, W> {
    /// The document without systems, as it stands.
    fn frame(&self) -> String {
        let empty = InventorySummary {
            provenance: Provenance::new(self.pack, self.as_of),
            language: self.lang,
            systems: Vec::new(),
            totals: self.tally.totals(),
            lifecycle: self.tally.lifecycle(),
            organisation: self.organisation.as_deref().map(OrganisationView::new),
            catalogue: Catalogue::of(self.pack, &self.used, self.lang),
        };
        serde_json::to_string_pretty(&empty).unwrap_or_default()
    }

    pub fn start(pack: &'p Pack, as_of: NaiveDate, lang: Lang, out: W) -> std::io::Result<Self> {
        let mut w = SummaryWriter {
            pack,
            as_of,
            lang,
            out,
            tally: Tally::default(),
            organisation: None,
            used: Used::new(pack),
        };
        let frame = w.frame();
        let at = frame.find(SYSTEMS).unwrap_or(frame.len());
        w.out.write_all(&frame.as_bytes()[..at])?;
        w.out.write_all(b"\"systems\": [")?;
        Ok(w)
    }

    /// A system as it sits in the `systems` array: one line of JSON (one system per line keeps
    /// inventories of a hundred thousand systems small and easy to grep). Pure, so that callers
    /// can render many in parallel before writing them in order.
    pub fn element(s: &impl Serialize) -> String {
        let mut out = Vec::with_capacity(8 << 10);
        out.extend_from_slice(b"    ");
        if serde_json::to_writer(&mut out, s).is_err() {
            out.truncate(4);
        }
        // The line waits to be written: it keeps its own size, not the buffer's (a line of a
        // few hundred bytes would hold 8 KiB).
        out.shrink_to_fit();
        String::from_utf8(out).unwrap_or_default()
    }

    /// The inventory's organisation, named once in the document.
    pub fn set_organisation(&mut self, organisation: Option<Arc<Organisation>>) {
        self.organisation = organisation;
    }

    /// Writes a system given by its risk, lifecycle stage, the rules it refers to and its
    /// `element`.
    pub fn push(
        &mut self,
        risk: RiskClass,
        stage: Option<Stage>,
        refs: &Refs,
        element: &str,
    ) -> std::io::Result<()> {
        let sep: &[u8] = if self.tally.systems() == 0 {
            b"\n"
        } else {
            b",\n"
        };
        self.out.write_all(sep)?;
        self.out.write_all(element.as_bytes())?;
        self.tally.add(risk, stage);
        self.used.add(refs);
        Ok(())
    }

    /// Writes the totals and the catalogue; returns the output.
    pub fn finish(mut self) -> std::io::Result<W> {
        let frame = self.frame();
        let at = frame
            .find(SYSTEMS)
            .map_or(frame.len(), |i| i + SYSTEMS.len());
        if self.tally.systems() > 0 {
            self.out.write_all(b"\n  ")?;
        }
        self.out.write_all(b"]")?;
        self.out.write_all(&frame.as_bytes()[at..])?;
        self.out.write_all(b"\n")?;
        Ok(self.out)
    }
}

/// One system's line in the table and the CSV summary, by reference: ids and texts are those
/// of the pack and the result, looked up when rendered, never copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: &'a str,
    /// Where the system stands in its life, if the inventory says.
    pub stage: Option<Stage>,
    pub risk: RiskClass,
    /// The risk class in words, with the date from which an anticipated class holds.
    pub risk_label: Cow<'static, str>,
    /// The Annex points of the findings that hold or are anticipated, in the report's
    /// citation form.
    pub route: Vec<Cow<'a, str>>,
    pub roles: &'a [Role],
    /// Obligations that apply, are in transition, are upcoming, are undetermined.
    pub counts: [usize; 4],
    pub next_deadline: Option<(NaiveDate, &'a [String])>,
    pub open_questions: Vec<&'a str>,
    /// For an undetermined system: how many questions still change its class or roles.
    pub deciding: usize,
}

impl<'a> Row<'a> {
    pub fn new(pack: &'a Pack, result: &'a SystemResult, lang: Lang) -> Self {
        let (system, r) = (&result.system, &result.assessment);
        Row {
            id: &system.id,
            name: &system.name,
            owner: &system.owner,
            stage: result.stage(),
            risk: r.risk,
            risk_label: risk_label(r, lang),
            route: result.route(pack).map(|p| citation_text(p, lang)).collect(),
            roles: &r.roles,
            counts: result.counts(),
            next_deadline: r
                .next_deadlines
                .first()
                .map(|d| (d.date, d.items.as_slice())),
            open_questions: r
                .open_questions
                .iter()
                .map(|q| pack.questions[*q].id.as_str())
                .collect(),
            deciding: r.deciding.len(),
        }
    }
}
