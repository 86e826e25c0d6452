//! The compact inventory document for machines (`batch --format json`): provenance once, a
//! catalogue of the texts of every rule the systems refer to (once, in the report's language),
//! and per system only ids, citations, dates and statuses. The human formats use the full
//! `SystemReport`; this one stays small enough for inventories of a hundred thousand systems.

use crate::engine::{Assessment, FindingStatus, ObligationStatus, Provenance};
use crate::inventory::SystemEntry;
use crate::rules::{Lang, Pack, RiskClass, Role};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ReasonRef {
    pub id: String,
    pub kind: String,
    pub status: FindingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ObligationRef {
    pub id: String,
    pub roles: Vec<Role>,
    pub citations: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    pub status: ObligationStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_questions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DeadlineRef {
    pub date: NaiveDate,
    pub items: Vec<String>,
}

/// One system: what scripts need, by id.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SystemSummary {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub risk: RiskClass,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_risks: Vec<RiskClass>,
    pub reasons: Vec<ReasonRef>,
    pub roles: Vec<Role>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_roles: Vec<Role>,
    pub obligations: Vec<ObligationRef>,
    pub open_questions: Vec<String>,
    pub notes: Vec<String>,
    pub next_deadlines: Vec<DeadlineRef>,
}

impl SystemSummary {
    /// Built straight from the assessment: nothing is computed that the engine did not.
    pub fn build(pack: &Pack, system: &SystemEntry, r: &Assessment) -> Self {
        let reasons = r
            .findings
            .iter()
            .filter(|f| pack.findings[f.finding].kind != crate::rules::FindingKind::Fact)
            .map(|f| {
                let finding = &pack.findings[f.finding];
                ReasonRef {
                    id: finding.id.clone(),
                    kind: finding.kind.name().to_string(),
                    status: f.status,
                    applies_from: f.applies_from,
                    route: finding.route.map(|r| {
                        match r {
                            crate::rules::Route::AnnexI => "annex-i",
                            crate::rules::Route::AnnexIii => "annex-iii",
                        }
                        .to_string()
                    }),
                    point: finding.point.clone(),
                }
            })
            .collect();
        let obligations = r
            .obligations
            .iter()
            .map(|o| {
                let ob = &pack.obligations[o.obligation];
                ObligationRef {
                    id: ob.id.clone(),
                    roles: o.roles.clone(),
                    citations: ob.cite.clone(),
                    applies_from: o.applies_from,
                    status: o.status,
                    until: o.until,
                    deciding_questions: o
                        .deciding
                        .iter()
                        .map(|q| pack.questions[*q].id.clone())
                        .collect(),
                }
            })
            .collect();
        SystemSummary {
            id: system.id.clone(),
            name: system.name.clone(),
            owner: system.owner.clone(),
            risk: r.risk,
            possible_risks: r.possible_risks.clone(),
            reasons,
            roles: r.roles.clone(),
            possible_roles: r.possible_roles.clone(),
            obligations,
            open_questions: r
                .open_questions
                .iter()
                .map(|q| pack.questions[*q].id.clone())
                .collect(),
            notes: r.notes.iter().map(|n| pack.notes[*n].id.clone()).collect(),
            next_deadlines: r
                .next_deadlines
                .iter()
                .map(|d| DeadlineRef {
                    date: d.date,
                    items: d.items.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct CatalogueEntry {
    pub title: String,
    pub citations: Vec<String>,
}

/// The texts of the rules the systems refer to, once.
#[derive(Debug, Clone, Default, Serialize, JsonSchema, PartialEq)]
pub struct Catalogue {
    pub findings: BTreeMap<String, CatalogueEntry>,
    pub obligations: BTreeMap<String, CatalogueEntry>,
    pub questions: BTreeMap<String, CatalogueEntry>,
    pub notes: BTreeMap<String, CatalogueEntry>,
}

impl Catalogue {
    /// Adds the texts of what one system refers to.
    pub fn add(&mut self, pack: &Pack, s: &SystemSummary, lang: Lang) {
        let entry = |title: &str, cite: &[String]| CatalogueEntry {
            title: title.to_string(),
            citations: cite.to_vec(),
        };
        for f in &s.reasons {
            if !self.findings.contains_key(&f.id)
                && let Some(crate::rules::Item::Finding(i)) = pack.ids.get(&f.id)
            {
                let x = &pack.findings[*i];
                self.findings
                    .insert(f.id.clone(), entry(x.title.get(lang), &x.cite));
            }
        }
        for o in &s.obligations {
            if !self.obligations.contains_key(&o.id)
                && let Some(crate::rules::Item::Obligation(i)) = pack.ids.get(&o.id)
            {
                let x = &pack.obligations[*i];
                self.obligations
                    .insert(o.id.clone(), entry(x.title.get(lang), &x.cite));
            }
        }
        for q in s.open_questions.iter().chain(
            s.obligations
                .iter()
                .flat_map(|o| o.deciding_questions.iter()),
        ) {
            if !self.questions.contains_key(q)
                && let Some((_, x)) = pack.question(q)
            {
                self.questions
                    .insert(q.clone(), entry(x.text.get(lang), &x.cite));
            }
        }
        for n in &s.notes {
            if !self.notes.contains_key(n)
                && let Some(crate::rules::Item::Note(i)) = pack.ids.get(n)
            {
                let x = &pack.notes[*i];
                self.notes
                    .insert(n.clone(), entry(x.text.get(lang), &x.cite));
            }
        }
    }
}

/// The compact inventory document.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct InventorySummary {
    pub provenance: Provenance,
    pub language: Lang,
    /// In inventory order. (Before the totals and the catalogue, so that the document can be
    /// written system by system.)
    pub systems: Vec<SystemSummary>,
    pub totals: Vec<super::RiskCount>,
    pub catalogue: Catalogue,
}

impl InventorySummary {
    pub fn new(pack: &Pack, as_of: NaiveDate, lang: Lang, systems: Vec<SystemSummary>) -> Self {
        let mut catalogue = Catalogue::default();
        for s in &systems {
            catalogue.add(pack, s, lang);
        }
        let risks: Vec<RiskClass> = systems.iter().map(|s| s.risk).collect();
        InventorySummary {
            provenance: Provenance::new(pack, as_of),
            language: lang,
            systems,
            totals: totals(&risks),
            catalogue,
        }
    }
}

/// Counts per risk class, in the vocabulary's order, classes with none left out.
pub fn totals(risks: &[RiskClass]) -> Vec<super::RiskCount> {
    RiskClass::ALL
        .iter()
        .map(|c| super::RiskCount {
            risk: *c,
            count: risks.iter().filter(|r| *r == c).count(),
        })
        .filter(|c| c.count > 0)
        .collect()
}

/// Writes the document system by system (memory bounded by one chunk): byte for byte what
/// `serde_json::to_string_pretty` writes for the whole `InventorySummary`, plus a newline.
pub struct SummaryWriter<'p, W: std::io::Write> {
    pack: &'p Pack,
    as_of: NaiveDate,
    lang: Lang,
    out: W,
    risks: Vec<RiskClass>,
    catalogue: Catalogue,
}

const SYSTEMS: &str = "\"systems\": []";

impl<'p, W: std::io::Write> SummaryWriter<'p, W> {
    /// The document without systems, as it stands.
    fn frame(&self) -> String {
        let empty = InventorySummary {
            provenance: Provenance::new(self.pack, self.as_of),
            language: self.lang,
            systems: Vec::new(),
            totals: totals(&self.risks),
            catalogue: self.catalogue.clone(),
        };
        serde_json::to_string_pretty(&empty).unwrap_or_default()
    }

    pub fn start(pack: &'p Pack, as_of: NaiveDate, lang: Lang, out: W) -> std::io::Result<Self> {
        let mut w = SummaryWriter {
            pack,
            as_of,
            lang,
            out,
            risks: Vec::new(),
            catalogue: Catalogue::default(),
        };
        let frame = w.frame();
        let at = frame.find(SYSTEMS).unwrap_or(frame.len());
        w.out.write_all(&frame.as_bytes()[..at])?;
        w.out.write_all(b"\"systems\": [")?;
        Ok(w)
    }

    pub fn system(&mut self, s: &SystemSummary) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(s).unwrap_or_default();
        let sep: &[u8] = if self.risks.is_empty() { b"\n" } else { b",\n" };
        self.out.write_all(sep)?;
        for (k, line) in text.split('\n').enumerate() {
            if k > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"    ")?;
            self.out.write_all(line.as_bytes())?;
        }
        self.risks.push(s.risk);
        self.catalogue.add(self.pack, s, self.lang);
        Ok(())
    }

    /// Writes the totals and the catalogue; returns the output.
    pub fn finish(mut self) -> std::io::Result<W> {
        let frame = self.frame();
        let at = frame
            .find(SYSTEMS)
            .map_or(frame.len(), |i| i + SYSTEMS.len());
        if !self.risks.is_empty() {
            self.out.write_all(b"\n  ")?;
        }
        self.out.write_all(b"]")?;
        self.out.write_all(&frame.as_bytes()[at..])?;
        self.out.write_all(b"\n")?;
        Ok(self.out)
    }
}
