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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<super::LifecycleView>,
    pub risk: RiskClass,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_risks: Vec<RiskClass>,
    pub reasons: Vec<ReasonRef>,
    pub roles: Vec<Role>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_roles: Vec<Role>,
    /// The duties that hold whatever the open answers turn out to be.
    pub obligations: Vec<ObligationRef>,
    /// The duties still undetermined, by id, grouped by the class they come with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_duties: Vec<super::deciding::DutyGroupRef>,
    pub open_questions: Vec<String>,
    /// When undetermined: the questions whose answer changes the class or the roles, best
    /// first, with what each answer leads to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_questions: Vec<super::deciding::DecidingRef>,
    pub notes: Vec<String>,
    pub next_deadlines: Vec<DeadlineRef>,
    /// The rules referred to, by index in the pack (for the catalogue; not serialised).
    #[serde(skip)]
    #[schemars(skip)]
    pub refs: Refs,
    /// The inventory's organisation (given once, in the document).
    #[serde(skip)]
    #[schemars(skip)]
    pub organisation: Option<super::OrganisationView>,
}

/// Indices of the findings, obligations, questions and notes a system refers to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refs {
    pub findings: Vec<usize>,
    pub obligations: Vec<usize>,
    pub questions: Vec<usize>,
    pub notes: Vec<usize>,
}

impl SystemSummary {
    /// Built straight from the assessment: nothing is computed that the engine did not.
    pub fn build(pack: &Pack, system: &SystemEntry, r: &Assessment) -> Self {
        // Findings that may or may not hold are summed up by the deciding questions.
        let reasons = r
            .findings
            .iter()
            .filter(|f| shown_reason(pack, f))
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
            .filter(|o| shown_duty(r, o))
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
        let refs = SummaryRef {
            pack,
            system,
            result: r,
        }
        .refs();
        SystemSummary {
            refs,
            id: system.id.clone(),
            name: system.name.clone(),
            owner: system.owner.clone(),
            lifecycle: system.lifecycle.map(|l| super::LifecycleView {
                stage: l.stage,
                date: l.date,
            }),
            risk: r.risk,
            possible_risks: r.possible_risks.clone(),
            reasons,
            roles: r.roles.clone(),
            possible_roles: r.possible_roles.clone(),
            obligations,
            possible_duties: super::deciding::group_refs(pack, &r.duty_groups),
            deciding_questions: super::deciding::deciding_refs(pack, &r.deciding),
            open_questions: r
                .open_questions
                .iter()
                .map(|q| pack.questions[*q].id.clone())
                .collect(),
            notes: r.notes.iter().map(|n| pack.notes[*n].id.clone()).collect(),
            next_deadlines: shown_deadlines(pack, r),
            organisation: system
                .organisation
                .as_deref()
                .map(super::OrganisationView::new),
        }
    }
}

/// A finding the summary gives as a reason: not a fact, and not one that may or may not hold.
fn shown_reason(pack: &Pack, f: &crate::engine::FindingOutcome) -> bool {
    pack.findings[f.finding].kind != crate::rules::FindingKind::Fact
        && f.status != FindingStatus::Undetermined
}

/// A duty the summary lists one by one: an undetermined system's open duties are grouped in
/// `possible_duties` instead.
fn shown_duty(r: &Assessment, o: &crate::engine::ObligationOutcome) -> bool {
    o.status != ObligationStatus::Undetermined || r.duty_groups.is_empty()
}

/// The deadlines, without the grouped duties (they give their earliest date in
/// `possible_duties`).
fn shown_deadlines(pack: &Pack, r: &Assessment) -> Vec<DeadlineRef> {
    let grouped = |id: &String| {
        r.duty_groups
            .iter()
            .flat_map(|g| &g.obligations)
            .any(|o| pack.obligations[*o].id == *id)
    };
    r.next_deadlines
        .iter()
        .filter_map(|d| {
            let items: Vec<String> = d.items.iter().filter(|id| !grouped(id)).cloned().collect();
            (!items.is_empty()).then_some(DeadlineRef {
                date: d.date,
                items,
            })
        })
        .collect()
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

impl Catalogue {
    /// The texts of the rules used, in the given language.
    pub fn of(pack: &Pack, used: &Used, lang: Lang) -> Self {
        let entry = |title: &str, cite: &[String]| CatalogueEntry {
            title: title.to_string(),
            citations: cite.to_vec(),
        };
        let pick = |flags: &[bool]| {
            flags
                .iter()
                .enumerate()
                .filter(|(_, u)| **u)
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        Catalogue {
            findings: pick(&used.findings)
                .into_iter()
                .map(|i| {
                    (
                        pack.findings[i].id.clone(),
                        entry(pack.findings[i].title.get(lang), &pack.findings[i].cite),
                    )
                })
                .collect(),
            obligations: pick(&used.obligations)
                .into_iter()
                .map(|i| {
                    (
                        pack.obligations[i].id.clone(),
                        entry(
                            pack.obligations[i].title.get(lang),
                            &pack.obligations[i].cite,
                        ),
                    )
                })
                .collect(),
            questions: pick(&used.questions)
                .into_iter()
                .map(|i| {
                    (
                        pack.questions[i].id.clone(),
                        entry(pack.questions[i].text.get(lang), &pack.questions[i].cite),
                    )
                })
                .collect(),
            notes: pick(&used.notes)
                .into_iter()
                .map(|i| {
                    (
                        pack.notes[i].id.clone(),
                        entry(pack.notes[i].text.get(lang), &pack.notes[i].cite),
                    )
                })
                .collect(),
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
    /// Systems per lifecycle stage; left out when no system states one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lifecycle: Vec<super::LifecycleCount>,
    /// The organisation whose inventory it is, if the inventory names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<super::OrganisationView>,
    pub catalogue: Catalogue,
}

impl InventorySummary {
    pub fn new(pack: &Pack, as_of: NaiveDate, lang: Lang, systems: Vec<SystemSummary>) -> Self {
        let mut used = Used::new(pack);
        for s in &systems {
            used.add(&s.refs);
        }
        let catalogue = Catalogue::of(pack, &used, lang);
        let risks: Vec<RiskClass> = systems.iter().map(|s| s.risk).collect();
        let lifecycle = super::lifecycle_counts(
            systems
                .iter()
                .map(|s| s.lifecycle.as_ref().map(|l| l.stage)),
        );
        let organisation = systems.iter().find_map(|s| s.organisation.clone());
        InventorySummary {
            provenance: Provenance::new(pack, as_of),
            language: lang,
            systems,
            totals: totals(&risks),
            lifecycle,
            organisation,
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
    risks: Vec<RiskClass>,
    stages: Vec<Option<crate::engine::Stage>>,
    organisation: Option<super::OrganisationView>,
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
            totals: totals(&self.risks),
            lifecycle: super::lifecycle_counts(self.stages.iter().copied()),
            organisation: self.organisation.clone(),
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
            risks: Vec::new(),
            stages: Vec::new(),
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
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes a system, given as rendered by `element`.
    pub fn system(&mut self, s: &SystemSummary, element: &str) -> std::io::Result<()> {
        if self.organisation.is_none() {
            self.organisation.clone_from(&s.organisation);
        }
        let stage = s.lifecycle.as_ref().map(|l| l.stage);
        self.push(s.risk, stage, &s.refs, element)
    }

    /// The inventory's organisation, named once in the document.
    pub fn set_organisation(&mut self, organisation: Option<super::OrganisationView>) {
        self.organisation = organisation;
    }

    /// Writes a system given by its risk, lifecycle stage, the rules it refers to and its
    /// `element`.
    pub fn push(
        &mut self,
        risk: RiskClass,
        stage: Option<crate::engine::Stage>,
        refs: &Refs,
        element: &str,
    ) -> std::io::Result<()> {
        let sep: &[u8] = if self.risks.is_empty() { b"\n" } else { b",\n" };
        self.out.write_all(sep)?;
        self.out.write_all(element.as_bytes())?;
        self.risks.push(risk);
        self.stages.push(stage);
        self.used.add(refs);
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

/// One system's line in the table and the CSV summary, by reference: ids and texts are those
/// of the pack, the system and its assessment, looked up when rendered, never copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: &'a str,
    /// Where the system stands in its life, if the inventory says.
    pub stage: Option<crate::engine::Stage>,
    pub risk: RiskClass,
    /// The risk class in words, with the date from which an anticipated class holds.
    pub risk_label: std::borrow::Cow<'a, str>,
    /// The Annex points of the findings that hold or are anticipated, in the report's
    /// citation form.
    pub route: Vec<std::borrow::Cow<'a, str>>,
    pub roles: &'a [Role],
    /// Obligations that apply, are in transition, are upcoming, are undetermined.
    pub counts: [usize; 4],
    pub next_deadline: Option<(NaiveDate, &'a [String])>,
    pub open_questions: Vec<&'a str>,
    /// For an undetermined system: how many questions still change its class or roles.
    pub deciding: usize,
}

fn status_slot(s: ObligationStatus) -> usize {
    match s {
        ObligationStatus::Applies => 0,
        ObligationStatus::Transition => 1,
        ObligationStatus::Upcoming => 2,
        ObligationStatus::Undetermined => 3,
    }
}

impl<'a> Row<'a> {
    /// Straight from the assessment.
    pub fn new(pack: &'a Pack, system: &'a SystemEntry, r: &'a Assessment, lang: Lang) -> Self {
        let mut counts = [0; 4];
        for o in &r.obligations {
            counts[status_slot(o.status)] += 1;
        }
        Row {
            id: &system.id,
            name: &system.name,
            owner: &system.owner,
            stage: system.lifecycle.map(|l| l.stage),
            risk: r.risk,
            risk_label: match r.risk_from {
                Some(d) => format!(
                    "{} {} {d}",
                    r.risk.label(lang),
                    super::tr(lang, "from_date")
                )
                .into(),
                None => r.risk.label(lang).into(),
            },
            route: r
                .findings
                .iter()
                .filter(|f| f.status != FindingStatus::Undetermined)
                .map(|f| &pack.findings[f.finding])
                .filter(|f| f.kind != crate::rules::FindingKind::Fact)
                .filter_map(|f| f.point.as_deref())
                .map(|p| super::citation_text(p, lang).into())
                .collect(),
            roles: &r.roles,
            counts,
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

    /// From a system's full report.
    pub fn of_report(s: &'a super::SystemReport) -> Self {
        let mut counts = [0; 4];
        for o in &s.obligations {
            counts[status_slot(o.status)] += 1;
        }
        // An undetermined system's open duties are grouped in `possible_duties`.
        counts[status_slot(ObligationStatus::Undetermined)] += s
            .possible_duties
            .iter()
            .map(|g| g.obligations.len())
            .sum::<usize>();
        Row {
            id: &s.id,
            name: &s.name,
            owner: &s.owner,
            stage: s.lifecycle.as_ref().map(|l| l.stage),
            risk: s.risk,
            risk_label: s.risk_label.as_str().into(),
            route: s
                .reasons
                .iter()
                .filter(|r| r.status != FindingStatus::Undetermined)
                .filter_map(|r| r.point.as_deref())
                .map(Into::into)
                .collect(),
            roles: &s.roles,
            counts,
            next_deadline: s
                .next_deadlines
                .first()
                .map(|d| (d.date, d.items.as_slice())),
            open_questions: s.open_questions.iter().map(|q| q.id.as_str()).collect(),
            deciding: s.deciding_questions.len(),
        }
    }
}

/// A system's summary by reference: the same JSON as `SystemSummary::build` gives (a test
/// pins it), written straight from the pack, the system and its assessment, without copying
/// ids and citations (a batch of a million systems would allocate them a billion times).
pub struct SummaryRef<'a> {
    pub pack: &'a Pack,
    pub system: &'a SystemEntry,
    pub result: &'a Assessment,
}

/// A sequence serialised from an iterator made anew each time.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct ReasonOut<'a> {
    id: &'a str,
    kind: &'static str,
    status: FindingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    applies_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    point: Option<&'a str>,
}

#[derive(Serialize)]
struct ObligationOut<'a, Q: Serialize> {
    id: &'a str,
    roles: &'a [Role],
    citations: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    applies_from: Option<NaiveDate>,
    status: ObligationStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deciding_questions: Option<Q>,
}

impl SummaryRef<'_> {
    /// The rules referred to, by index in the pack (for the catalogue).
    pub fn refs(&self) -> Refs {
        let r = self.result;
        let pack = self.pack;
        Refs {
            findings: r
                .findings
                .iter()
                .filter(|f| shown_reason(pack, f))
                .map(|f| f.finding)
                .collect(),
            obligations: r.obligations.iter().map(|o| o.obligation).collect(),
            questions: r
                .open_questions
                .iter()
                .copied()
                .chain(r.deciding.iter().map(|d| d.question))
                .chain(
                    r.obligations
                        .iter()
                        .filter(|_| r.duty_groups.is_empty())
                        .flat_map(|o| o.deciding.iter().copied()),
                )
                .collect(),
            notes: r.notes.clone(),
        }
    }
}

impl Serialize for SummaryRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (pack, r) = (self.pack, self.result);
        let question = |q: &usize| pack.questions[*q].id.as_str();
        let mut st = s.serialize_struct("SystemSummary", 16)?;
        st.serialize_field("id", &self.system.id)?;
        st.serialize_field("name", &self.system.name)?;
        st.serialize_field("owner", &self.system.owner)?;
        if let Some(l) = self.system.lifecycle {
            st.serialize_field(
                "lifecycle",
                &super::LifecycleView {
                    stage: l.stage,
                    date: l.date,
                },
            )?;
        }
        st.serialize_field("risk", &r.risk)?;
        if !r.possible_risks.is_empty() {
            st.serialize_field("possible_risks", &r.possible_risks)?;
        }
        st.serialize_field(
            "reasons",
            &Each(|| {
                r.findings
                    .iter()
                    .filter(|f| shown_reason(pack, f))
                    .map(|f| {
                        let finding = &pack.findings[f.finding];
                        ReasonOut {
                            id: &finding.id,
                            kind: finding.kind.name(),
                            status: f.status,
                            applies_from: f.applies_from,
                            route: finding.route.map(|r| match r {
                                crate::rules::Route::AnnexI => "annex-i",
                                crate::rules::Route::AnnexIii => "annex-iii",
                            }),
                            point: finding.point.as_deref(),
                        }
                    })
            }),
        )?;
        st.serialize_field("roles", &r.roles)?;
        if !r.possible_roles.is_empty() {
            st.serialize_field("possible_roles", &r.possible_roles)?;
        }
        st.serialize_field(
            "obligations",
            &Each(|| {
                r.obligations.iter().filter(|o| shown_duty(r, o)).map(|o| {
                    let ob = &pack.obligations[o.obligation];
                    ObligationOut {
                        id: &ob.id,
                        roles: &o.roles,
                        citations: &ob.cite,
                        applies_from: o.applies_from,
                        status: o.status,
                        until: o.until,
                        deciding_questions: (!o.deciding.is_empty())
                            .then_some(Each(|| o.deciding.iter().map(question))),
                    }
                })
            }),
        )?;
        // Undetermined systems only: these few are built, not borrowed.
        if !r.duty_groups.is_empty() {
            st.serialize_field(
                "possible_duties",
                &super::deciding::group_refs(pack, &r.duty_groups),
            )?;
        }
        st.serialize_field(
            "open_questions",
            &Each(|| r.open_questions.iter().map(question)),
        )?;
        if !r.deciding.is_empty() {
            st.serialize_field(
                "deciding_questions",
                &super::deciding::deciding_refs(pack, &r.deciding),
            )?;
        }
        st.serialize_field(
            "notes",
            &Each(|| r.notes.iter().map(|n| pack.notes[*n].id.as_str())),
        )?;
        if r.duty_groups.is_empty() {
            st.serialize_field("next_deadlines", &r.next_deadlines)?;
        } else {
            st.serialize_field("next_deadlines", &shown_deadlines(pack, r))?;
        }
        st.end()
    }
}
