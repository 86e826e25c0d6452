//! The report model: what every output format shows, built once from a pack, a system and
//! its assessment. Serialised as the JSON output (a stable contract; see docs/).

use super::tr;
use crate::engine::{self, Assessment, FindingStatus, ObligationStatus, Provenance};
use crate::inventory::SystemEntry;
use crate::rules::{Lang, Pack, RiskClass, Role};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Citation {
    pub text: String,
    /// The provision on EUR-Lex, in the report's language.
    pub url: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct FindingView {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub status: FindingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The pack's longer explanation, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct EvidenceView {
    pub id: String,
    pub label: String,
    pub holder: Role,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ObligationView {
    pub id: String,
    pub title: String,
    pub text: String,
    pub roles: Vec<Role>,
    pub citations: Vec<Citation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    pub status: ObligationStatus,
    /// For status `transition`: the end of the period of grace, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition: Option<String>,
    pub evidence: Vec<EvidenceView>,
    /// For status `undetermined`: the questions that would decide.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_questions: Vec<String>,
    /// The documents the inventory names for this obligation or for one of its evidence kinds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence_refs: Vec<EvidenceRefView>,
}

/// A document or record named in the inventory (by the user or the vendor) as evidence.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct EvidenceRefView {
    /// The obligation id or evidence kind id it was given for.
    pub key: String,
    pub reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub citations: Vec<Citation>,
    /// Whether the question was answered "I don't know" (else it was not answered).
    pub answered_unknown: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct NoteView {
    pub id: String,
    pub text: String,
    pub status: String,
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct AnswerView {
    pub id: String,
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DeadlineView {
    pub date: NaiveDate,
    pub items: Vec<String>,
    /// The titles of `items`, in the report's language, in the same order.
    pub titles: Vec<String>,
}

/// Everything a report says about one system.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SystemReport {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub description: String,
    pub risk: RiskClass,
    /// The class in words; with its date when it applies only later (`risk_from`).
    pub risk_label: String,
    /// When the class rests on rules that apply only later (anticipated): their date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_from: Option<NaiveDate>,
    /// When `risk` is undetermined: the classes still possible.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_risks: Vec<RiskClass>,
    /// Why: the findings that hold (prohibitions, routes, derogations, transparency, GPAI,
    /// exclusions, roles), with citations.
    pub reasons: Vec<FindingView>,
    pub roles: Vec<Role>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_roles: Vec<Role>,
    pub obligations: Vec<ObligationView>,
    pub open_questions: Vec<QuestionView>,
    pub notes: Vec<NoteView>,
    pub next_deadlines: Vec<DeadlineView>,
    pub answers: Vec<AnswerView>,
}

/// The EUR-Lex address of a citation in the consolidated text, in the given language.
pub fn eurlex_url(citation: &str, consolidated: &str, lang: Lang) -> String {
    let l = match lang {
        Lang::En => "EN",
        Lang::Nl => "NL",
    };
    // An article of another act (the amending regulation): that act's own page.
    if let Some((year, number, article)) = crate::rules::load::other_act(citation) {
        let n: String = article
            .trim_start_matches("Art. ")
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        return format!(
            "https://eur-lex.europa.eu/legal-content/{l}/TXT/?uri=CELEX:3{year}R{number:0>4}#art_{n}"
        );
    }
    let anchor = if let Some(rest) = citation.strip_prefix("Art. ") {
        let n: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        format!("#art_{n}")
    } else if let Some(rest) = citation.strip_prefix("Annex ") {
        let n: String = rest
            .chars()
            .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
            .collect();
        format!("#anx_{n}")
    } else if let Some(rest) = citation.strip_prefix("Recital ") {
        format!("#rct_{}", rest.trim())
    } else {
        String::new()
    };
    format!("https://eur-lex.europa.eu/legal-content/{l}/TXT/?uri=CELEX:{consolidated}{anchor}")
}

pub fn citations(pack: &Pack, cites: &[String], lang: Lang) -> Vec<Citation> {
    cites
        .iter()
        .map(|c| Citation {
            text: c.clone(),
            url: eurlex_url(c, &pack.manifest.consolidated_version, lang),
        })
        .collect()
}

impl SystemReport {
    pub fn build(
        pack: &Pack,
        system: &SystemEntry,
        answers: &crate::answers::Answers,
        r: &Assessment,
        lang: Lang,
    ) -> Self {
        let cites = |c: &[String]| citations(pack, c, lang);
        // Facts are the rule writers' building blocks, not reasons to show.
        let reasons = r
            .findings
            .iter()
            .filter(|f| pack.findings[f.finding].kind != crate::rules::FindingKind::Fact)
            .map(|f| {
                let finding = &pack.findings[f.finding];
                FindingView {
                    id: finding.id.clone(),
                    kind: finding.kind.name().to_string(),
                    title: finding.title.get(lang).to_string(),
                    status: f.status,
                    applies_from: f.applies_from,
                    explain: finding.explain.as_ref().map(|t| t.get(lang).to_string()),
                    route: finding.route.map(|r| match r {
                        crate::rules::Route::AnnexI => "annex-i".to_string(),
                        crate::rules::Route::AnnexIii => "annex-iii".to_string(),
                    }),
                    point: finding.point.clone(),
                    role: finding.role,
                    citations: cites(&finding.cite),
                }
            })
            .collect();
        let obligations = r
            .obligations
            .iter()
            .map(|o| {
                let ob = &pack.obligations[o.obligation];
                ObligationView {
                    id: ob.id.clone(),
                    title: ob.title.get(lang).to_string(),
                    text: ob.text.get(lang).to_string(),
                    roles: o.roles.clone(),
                    citations: cites(&ob.cite),
                    applies_from: o.applies_from,
                    status: o.status,
                    until: o.until,
                    transition: o
                        .transition
                        .map(|t| pack.transitions[t].title.get(lang).to_string()),
                    evidence: ob
                        .evidence
                        .iter()
                        .map(|e| {
                            let ev = &pack.evidence[*e];
                            EvidenceView {
                                id: ev.id.clone(),
                                label: ev.label.get(lang).to_string(),
                                holder: ev.holder,
                            }
                        })
                        .collect(),
                    deciding_questions: o
                        .deciding
                        .iter()
                        .map(|q| pack.questions[*q].id.clone())
                        .collect(),
                    evidence_refs: system
                        .evidence
                        .iter()
                        .filter(|r| {
                            r.key == ob.id
                                || ob.evidence.iter().any(|e| pack.evidence[*e].id == r.key)
                        })
                        .map(|r| EvidenceRefView {
                            key: r.key.clone(),
                            reference: r.reference.clone(),
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
                    id: question.id.clone(),
                    text: question.text.get(lang).to_string(),
                    citations: cites(&question.cite),
                    answered_unknown: answers.get(*q) == crate::answers::Answer::Unknown,
                }
            })
            .collect();
        let notes = r
            .notes
            .iter()
            .map(|n| {
                let note = &pack.notes[*n];
                NoteView {
                    id: note.id.clone(),
                    text: note.text.get(lang).to_string(),
                    status: format!("{:?}", note.status).to_lowercase(),
                    citations: cites(&note.cite),
                }
            })
            .collect();
        let answers_view = pack
            .questions
            .iter()
            .enumerate()
            .filter_map(|(i, q)| {
                answers.to_raw(i, q).map(|raw| AnswerView {
                    id: q.id.clone(),
                    question: q.text.get(lang).to_string(),
                    answer: answer_label(q, &raw, lang),
                })
            })
            .collect();
        SystemReport {
            id: system.id.clone(),
            name: system.name.clone(),
            owner: system.owner.clone(),
            description: system.description.clone(),
            risk: r.risk,
            risk_label: match r.risk_from {
                Some(d) => format!("{} {} {d}", r.risk.label(lang), tr(lang, "from_date")),
                None => r.risk.label(lang).to_string(),
            },
            risk_from: r.risk_from,
            possible_risks: r.possible_risks.clone(),
            reasons,
            roles: r.roles.clone(),
            possible_roles: r.possible_roles.clone(),
            obligations,
            open_questions,
            notes,
            next_deadlines: r
                .next_deadlines
                .iter()
                .map(|d| DeadlineView {
                    date: d.date,
                    items: d.items.clone(),
                    titles: d
                        .items
                        .iter()
                        .map(|id| item_title(pack, id, lang))
                        .collect(),
                })
                .collect(),
            answers: answers_view,
        }
    }

    /// The obligations that apply on the assessment date.
    pub fn applying_now(&self) -> usize {
        self.obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Applies)
            .count()
    }
}

/// The title of an obligation or finding id, in the given language (the id if it is neither).
pub fn item_title(pack: &Pack, id: &str, lang: Lang) -> String {
    match pack.ids.get(id) {
        Some(crate::rules::Item::Obligation(i)) => pack.obligations[*i].title.get(lang).to_string(),
        Some(crate::rules::Item::Finding(i)) => pack.findings[*i].title.get(lang).to_string(),
        _ => id.to_string(),
    }
}

/// A human-readable answer in the report's language.
pub fn answer_label(
    q: &crate::rules::Question,
    raw: &crate::answers::RawAnswer,
    lang: Lang,
) -> String {
    use crate::answers::RawAnswer;
    let label = |v: &str| {
        q.choices
            .iter()
            .find(|c| c.value == v)
            .map_or_else(|| v.to_string(), |c| c.label.get(lang).to_string())
    };
    match raw {
        RawAnswer::Bool(true) => if lang == Lang::Nl { "ja" } else { "yes" }.into(),
        RawAnswer::Bool(false) => if lang == Lang::Nl { "nee" } else { "no" }.into(),
        RawAnswer::Text(s) if s == "unknown" => if lang == Lang::Nl {
            "weet ik niet"
        } else {
            "don't know"
        }
        .into(),
        RawAnswer::Text(s) => label(s),
        RawAnswer::List(l) if l.is_empty() => if lang == Lang::Nl { "geen" } else { "none" }.into(),
        RawAnswer::List(l) => l.iter().map(|v| label(v)).collect::<Vec<_>>().join("; "),
        other => other.display(),
    }
}

/// Counts per risk class, in the vocabulary's order.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct RiskCount {
    pub risk: RiskClass,
    pub count: usize,
}

/// A date of the AI Act calendar, as it stands under the law version of the assessment date.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct CalendarEntry {
    pub id: String,
    pub date: NaiveDate,
    pub label: String,
    pub citations: Vec<Citation>,
}

/// A system that needs action on the assessment date: it is prohibited, obligations apply to
/// it now, or its classification is still undetermined.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ActionView {
    pub id: String,
    pub name: String,
    pub risk: RiskClass,
    pub risk_label: String,
    /// Obligations with status `applies`.
    pub applies_now: usize,
    /// Obligations with status `transition`.
    pub in_transition: usize,
    pub open_questions: usize,
}

/// One system's items falling due on an inventory deadline.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DeadlineSystem {
    pub id: String,
    pub name: String,
    pub items: Vec<String>,
    pub titles: Vec<String>,
}

/// A date on which something falls due for one or more systems of the inventory.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct InventoryDeadline {
    pub date: NaiveDate,
    pub systems: Vec<DeadlineSystem>,
}

/// How many of the next deadline dates the inventory overview lists.
pub const OVERVIEW_DEADLINES: usize = 5;

/// A report over an inventory: provenance once, then every system.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct InventoryReport {
    pub provenance: Provenance,
    pub language: Lang,
    /// The pack's title and the law version applied, in the report's language.
    pub pack_title: String,
    pub law_title: String,
    pub totals: Vec<RiskCount>,
    /// The AI Act calendar (the pack's timeline) under the law version applied, by date.
    pub calendar: Vec<CalendarEntry>,
    /// The systems that need action on the assessment date, prohibited ones first.
    pub action_now: Vec<ActionView>,
    /// The next deadline dates across the inventory (at most `OVERVIEW_DEADLINES`).
    pub next_deadlines: Vec<InventoryDeadline>,
    pub systems: Vec<SystemReport>,
}

impl InventoryReport {
    pub fn new(pack: &Pack, as_of: NaiveDate, lang: Lang, systems: Vec<SystemReport>) -> Self {
        let totals = RiskClass::ALL
            .iter()
            .map(|c| RiskCount {
                risk: *c,
                count: systems.iter().filter(|s| s.risk == *c).count(),
            })
            .filter(|c| c.count > 0)
            .collect();
        let law = pack.law_version_at(as_of);
        let mut calendar: Vec<CalendarEntry> = pack
            .timeline
            .iter()
            .enumerate()
            .map(|(i, t)| CalendarEntry {
                id: t.id.clone(),
                date: pack.timeline_date(i, law),
                label: t.label.get(lang).to_string(),
                citations: citations(pack, &t.cite, lang),
            })
            .collect();
        calendar.sort_by_key(|a| a.date);
        let action = |s: &SystemReport| ActionView {
            id: s.id.clone(),
            name: s.name.clone(),
            risk: s.risk,
            risk_label: s.risk_label.clone(),
            applies_now: s.applying_now(),
            in_transition: s
                .obligations
                .iter()
                .filter(|o| o.status == ObligationStatus::Transition)
                .count(),
            open_questions: s.open_questions.len(),
        };
        let prohibited = systems.iter().filter(|s| s.risk == RiskClass::Prohibited);
        let others = systems.iter().filter(|s| {
            s.risk != RiskClass::Prohibited
                && (s.applying_now() > 0 || s.risk == RiskClass::Undetermined)
        });
        let action_now = prohibited.chain(others).map(action).collect();
        let mut dates: Vec<NaiveDate> = systems
            .iter()
            .flat_map(|s| s.next_deadlines.iter().map(|d| d.date))
            .collect();
        dates.sort();
        dates.dedup();
        let next_deadlines = dates
            .into_iter()
            .take(OVERVIEW_DEADLINES)
            .map(|date| InventoryDeadline {
                date,
                systems: systems
                    .iter()
                    .filter_map(|s| {
                        s.next_deadlines
                            .iter()
                            .find(|d| d.date == date)
                            .map(|d| DeadlineSystem {
                                id: s.id.clone(),
                                name: s.name.clone(),
                                items: d.items.clone(),
                                titles: d.titles.clone(),
                            })
                    })
                    .collect(),
            })
            .collect();
        InventoryReport {
            provenance: engine::Provenance::new(pack, as_of),
            language: lang,
            pack_title: pack.manifest.title.get(lang).to_string(),
            law_title: pack.law_versions.get(law).map_or_else(
                || pack.manifest.law.get(lang).to_string(),
                |l| l.title.get(lang).to_string(),
            ),
            totals,
            calendar,
            action_now,
            next_deadlines,
            systems,
        }
    }
}
