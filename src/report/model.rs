//! A system's result in one language: what every human format and the full JSON show about
//! it, built from the `SystemResult` when a report is written. It borrows every text from the
//! pack and the inventory entry (only texts the report composes, such as a Dutch citation or
//! an answer in words, are made), so building it copies no rule text. Serialised as the
//! systems of the JSON output (a stable contract; see docs/).

use super::cite::{Citation, answer_label, citation_text, citations, item_title};
use super::deciding::{DecidingView, DutyGroupView, deciding_views, group_views};
use super::i18n::tr;
use super::result::SystemResult;
use crate::answers::Answer;
use crate::engine::{FindingStatus, ObligationStatus, Stage};
use crate::rules::{Lang, Pack, RiskClass, Role, RuleStatus};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct FindingView<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub title: &'a str,
    pub status: FindingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The pack's longer explanation, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<&'a str>,
    pub citations: Vec<Citation<'a>>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct EvidenceView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub holder: Role,
}

impl<'a> EvidenceView<'a> {
    /// The evidence kinds that show an obligation is met.
    pub fn of_obligation(pack: &'a Pack, obligation: usize, lang: Lang) -> Vec<Self> {
        pack.obligations[obligation]
            .evidence
            .iter()
            .map(|e| {
                let ev = &pack.evidence[*e];
                EvidenceView {
                    id: &ev.id,
                    label: ev.label.get(lang),
                    holder: ev.holder,
                }
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ObligationView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub text: &'a str,
    pub roles: &'a [Role],
    pub citations: Vec<Citation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    pub status: ObligationStatus,
    /// For status `transition`: the end of the period of grace, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition: Option<&'a str>,
    pub evidence: Vec<EvidenceView<'a>>,
    /// For status `undetermined`: the questions that would decide.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_questions: Vec<&'a str>,
    /// The documents the inventory names for this obligation or for one of its evidence kinds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence_refs: Vec<EvidenceRefView<'a>>,
}

/// A document or record named in the inventory (by the user or the vendor) as evidence.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct EvidenceRefView<'a> {
    /// The obligation id or evidence kind id it was given for.
    pub key: &'a str,
    pub reference: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct QuestionView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub citations: Vec<Citation<'a>>,
    /// Whether the question was answered "I don't know" (else it was not answered).
    pub answered_unknown: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct NoteView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub status: &'static str,
    pub citations: Vec<Citation<'a>>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct AnswerView<'a> {
    pub id: &'a str,
    pub question: &'a str,
    pub answer: Cow<'a, str>,
    /// Where the answer came from: a register field (`algoritmeregister:status`), the
    /// inventory's organisation (`organisation:type`), or what the inventory says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<&'a str>,
    /// Who gave or confirmed the answer, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
}

/// A document the provider of a deployed system must hold, and the provider duty behind it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ProviderEvidence<'a> {
    pub id: &'a str,
    pub label: &'a str,
    /// The provider's duty that requires it (the first, where several do).
    pub duty: &'a str,
    pub citations: Vec<Citation<'a>>,
    pub status: ObligationStatus,
    /// When the provider must have it: the duty's start, or the end of its transition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

/// A question worth asking first, from the system's free text (a hint never changes a result).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct HintView<'a> {
    pub question: &'a str,
    /// The question's text, for people (empty for a question the pack does not have).
    pub text: &'a str,
    pub reason: &'a str,
}

/// Where a system stands in its life, as the inventory says.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq)]
pub struct LifecycleView {
    pub stage: Stage,
    /// For planned systems and systems in development the planned start of use; for systems
    /// in use the start; for retired systems the day they were taken out of use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl LifecycleView {
    pub fn of(r: &SystemResult) -> Option<Self> {
        r.system.lifecycle.map(|l| LifecycleView {
            stage: l.stage,
            date: l.date,
        })
    }
}

/// The organisation whose inventory it is.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct OrganisationView<'a> {
    pub name: &'a str,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub org_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<&'a str>,
    /// The AI-literacy measures the organisation took (Art. 4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub literacy: Vec<MeasureView<'a>>,
}

/// An AI-literacy measure: a training, a guide, a policy; for which staff groups (`*`: all),
/// when, and what shows it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct MeasureView<'a> {
    pub groups: &'a [String],
    pub measure: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    pub evidence: &'a str,
}

impl MeasureView<'_> {
    /// Whether the measure reaches a staff group.
    pub fn reaches(&self, group: &str) -> bool {
        self.groups
            .iter()
            .any(|g| g == "*" || g.trim().eq_ignore_ascii_case(group.trim()))
    }
}

impl<'a> OrganisationView<'a> {
    pub fn new(o: &'a crate::inventory::Organisation) -> Self {
        OrganisationView {
            name: &o.name,
            org_type: o.org_type.as_deref(),
            country: o.country.as_deref(),
            contact: (!o.contact.is_empty()).then_some(o.contact.as_str()),
            literacy: o
                .literacy
                .iter()
                .map(|m| MeasureView {
                    groups: &m.groups,
                    measure: &m.measure,
                    date: m.date,
                    evidence: &m.evidence,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DeadlineView<'a> {
    pub date: NaiveDate,
    pub items: &'a [String],
    /// The titles of `items`, in the report's language, in the same order.
    pub titles: Vec<&'a str>,
}

/// Everything a report says about one system.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SystemReport<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: &'a str,
    pub description: &'a str,
    /// The staff groups that use the system or deal with it.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub users: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<LifecycleView>,
    pub risk: RiskClass,
    /// The class in words; with its date when it applies only later (`risk_from`).
    pub risk_label: Cow<'static, str>,
    /// When the class rests on rules that apply only later (anticipated): their date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_from: Option<NaiveDate>,
    /// When `risk` is undetermined: the classes still possible.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub possible_risks: &'a [RiskClass],
    /// Why: the findings that hold (prohibitions, routes, derogations, transparency, GPAI,
    /// exclusions, roles), with citations.
    pub reasons: Vec<FindingView<'a>>,
    pub roles: &'a [Role],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub possible_roles: &'a [Role],
    /// The duties that hold whatever the open answers turn out to be.
    pub obligations: Vec<ObligationView<'a>>,
    /// The duties still undetermined, grouped by the class they come with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_duties: Vec<DutyGroupView<'a>>,
    pub open_questions: Vec<QuestionView<'a>>,
    /// When undetermined: the questions whose answer changes the class or the roles, best
    /// first, with what each answer leads to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_questions: Vec<DecidingView<'a>>,
    pub notes: Vec<NoteView<'a>>,
    pub next_deadlines: Vec<DeadlineView<'a>>,
    pub answers: Vec<AnswerView<'a>>,
    /// Questions worth asking first, from the free text of an imported register entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<HintView<'a>>,
    /// For a system the organisation only deploys: what its provider must hold under the
    /// provider's own duties (declaration of conformity, registration, marking of generated
    /// content, …), to obtain from the vendor. Not the organisation's duties, not nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ask_provider: Vec<ProviderEvidence<'a>>,
}

/// The class in words; with its date when it applies only later.
pub fn risk_label(r: &crate::engine::Assessment, lang: Lang) -> Cow<'static, str> {
    match r.risk_from {
        Some(d) => format!("{} {} {d}", r.risk.label(lang), tr(lang, "from_date")).into(),
        None => r.risk.label(lang).into(),
    }
}

fn status_name(s: RuleStatus) -> &'static str {
    match s {
        RuleStatus::Binding => "binding",
        RuleStatus::Guidance => "guidance",
        RuleStatus::Interpretation => "interpretation",
    }
}

impl<'a> SystemReport<'a> {
    /// The result in the report's language.
    pub fn new(pack: &'a Pack, result: &'a SystemResult, lang: Lang) -> Self {
        let (system, r) = (&result.system, &result.assessment);
        let cites = |c: &'a [String]| citations(pack, c, lang);
        let reasons = result
            .reasons(pack)
            .map(|f| {
                let finding = &pack.findings[f.finding];
                FindingView {
                    id: &finding.id,
                    kind: finding.kind.name(),
                    title: finding.title.get(lang),
                    status: f.status,
                    applies_from: f.applies_from,
                    explain: finding.explain.as_ref().map(|t| t.get(lang)),
                    route: finding.route.map(route_name),
                    point: finding.point.as_deref().map(|p| citation_text(p, lang)),
                    role: finding.role,
                    citations: cites(&finding.cite),
                }
            })
            .collect();
        let obligations = result
            .listed_duties()
            .map(|o| {
                let ob = &pack.obligations[o.obligation];
                ObligationView {
                    id: &ob.id,
                    title: ob.title.get(lang),
                    text: ob.text.get(lang),
                    roles: &o.roles,
                    citations: cites(&ob.cite),
                    applies_from: o.applies_from,
                    status: o.status,
                    until: o.until,
                    transition: o.transition.map(|t| pack.transitions[t].title.get(lang)),
                    evidence: EvidenceView::of_obligation(pack, o.obligation, lang),
                    deciding_questions: o
                        .deciding
                        .iter()
                        .map(|q| pack.questions[*q].id.as_str())
                        .collect(),
                    evidence_refs: system
                        .evidence
                        .iter()
                        .filter(|r| {
                            r.key == ob.id
                                || ob.evidence.iter().any(|e| pack.evidence[*e].id == r.key)
                        })
                        .map(|r| EvidenceRefView {
                            key: &r.key,
                            reference: &r.reference,
                            issued: r.issued,
                            expires: r.expires,
                        })
                        .collect(),
                }
            })
            .collect();
        let open_questions = r
            .open_questions
            .iter()
            .map(|q| {
                let question = &pack.questions[*q];
                QuestionView {
                    id: &question.id,
                    text: question.text.get(lang),
                    citations: cites(&question.cite),
                    answered_unknown: result.answers.get(*q) == Answer::Unknown,
                }
            })
            .collect();
        let notes = r
            .notes
            .iter()
            .map(|n| {
                let note = &pack.notes[*n];
                NoteView {
                    id: &note.id,
                    text: note.text.get(lang),
                    status: status_name(note.status),
                    citations: cites(&note.cite),
                }
            })
            .collect();
        SystemReport {
            id: &system.id,
            name: &system.name,
            owner: &system.owner,
            description: &system.description,
            users: &system.users,
            lifecycle: LifecycleView::of(result),
            risk: r.risk,
            risk_label: risk_label(r, lang),
            risk_from: r.risk_from,
            possible_risks: &r.possible_risks,
            reasons,
            roles: &r.roles,
            possible_roles: &r.possible_roles,
            obligations,
            possible_duties: group_views(pack, &r.duty_groups, lang),
            open_questions,
            deciding_questions: deciding_views(pack, &r.deciding, lang),
            notes,
            next_deadlines: r
                .next_deadlines
                .iter()
                .map(|d| DeadlineView {
                    date: d.date,
                    items: &d.items,
                    titles: d
                        .items
                        .iter()
                        .map(|id| item_title(pack, id, lang))
                        .collect(),
                })
                .collect(),
            answers: answers(pack, result, lang),
            hints: system
                .hints
                .iter()
                .map(|h| HintView {
                    question: &h.question,
                    text: pack
                        .question(&h.question)
                        .map_or("", |(_, q)| q.text.get(lang)),
                    reason: &h.reason,
                })
                .collect(),
            ask_provider: result
                .provider_items(pack)
                .into_iter()
                .map(|p| {
                    let (ev, ob) = (&pack.evidence[p.evidence], &pack.obligations[p.obligation]);
                    ProviderEvidence {
                        id: &ev.id,
                        label: ev.label.get(lang),
                        duty: ob.title.get(lang),
                        citations: cites(&ob.cite),
                        status: p.status,
                        due: p.due,
                    }
                })
                .collect(),
        }
    }

    /// The obligations that apply on the assessment date.
    pub fn applying_now(&self) -> usize {
        self.obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Applies)
            .count()
    }

    /// The route of the system (the Annex points of the findings that hold or are
    /// anticipated), joined by `sep`.
    pub fn route_text(&self, sep: &str) -> String {
        self.reasons
            .iter()
            .filter_map(|r| r.point.as_deref())
            .collect::<Vec<_>>()
            .join(sep)
    }
}

/// The route's name in the JSON output.
pub fn route_name(r: crate::rules::Route) -> &'static str {
    match r {
        crate::rules::Route::AnnexI => "annex-i",
        crate::rules::Route::AnnexIii => "annex-iii",
    }
}

/// The answers given, in pack order, in words, with where each came from.
fn answers<'a>(pack: &'a Pack, result: &'a SystemResult, lang: Lang) -> Vec<AnswerView<'a>> {
    let system = &result.system;
    pack.questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let raw = result.answers.to_raw(i, q)?;
            let view = AnswerView {
                id: &q.id,
                question: q.text.get(lang),
                answer: answer_label(q, &raw, lang),
                source: None,
                comment: None,
                by: None,
                on: None,
            };
            if let Some(m) = system.answer_meta.get(&q.id) {
                return Some(AnswerView {
                    source: m.source.as_deref().map(Cow::Borrowed),
                    comment: m.comment.as_deref(),
                    by: m.by.as_deref(),
                    on: m.on,
                    ..view
                });
            }
            // An answer the entry does not give itself comes from the organisation.
            let source = system
                .meta_for(pack, &q.id)
                .and_then(|m| m.source)
                .map(Cow::Owned);
            Some(AnswerView { source, ..view })
        })
        .collect()
}
