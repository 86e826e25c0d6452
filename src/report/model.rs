//! The report model: what every output format shows, built once from a pack, a system and
//! its assessment. Serialised as the JSON output (a stable contract; see docs/).

use super::plan::OrganisationPlan;
use super::tr;
use crate::engine::{self, Assessment, FindingStatus, ObligationStatus, Provenance, Stage};
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
    /// Where the answer came from: a register field (`algoritmeregister:status`), the
    /// inventory's organisation (`organisation:type`), or what the inventory says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Who gave or confirmed the answer, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
}

/// A document the provider of a deployed system must hold, and the provider duty behind it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct ProviderEvidence {
    pub id: String,
    pub label: String,
    /// The provider's duty that requires it (the first, where several do).
    pub duty: String,
    pub citations: Vec<Citation>,
    pub status: ObligationStatus,
    /// When the provider must have it: the duty's start, or the end of its transition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

/// What the provider must hold for a system the organisation deploys but does not provide:
/// the provider-held evidence of the obligations a provider would have, assessed on the same
/// answers (as `aiact check` does for an offer).
fn provider_evidence(
    pack: &Pack,
    answers: &crate::answers::Answers,
    r: &Assessment,
    lang: Lang,
) -> Vec<ProviderEvidence> {
    let deployer_only = r.roles.contains(&Role::Deployer) && !r.roles.contains(&Role::Provider);
    if !deployer_only || !matches!(r.risk, RiskClass::HighRisk | RiskClass::Limited) {
        return Vec::new();
    }
    let assumed =
        engine::assess_assuming(pack, answers, r.as_of, &[Role::Provider, Role::Deployer]);
    let mut out: Vec<ProviderEvidence> = Vec::new();
    for o in &assumed.obligations {
        let ob = &pack.obligations[o.obligation];
        // The provider's own AI literacy (Art. 4) is its organisation's affair, not the buyer's.
        let own_organisation = ob.tags.iter().any(|t| t == super::plan::ORGANISATION_WIDE);
        if !o.roles.contains(&Role::Provider) || own_organisation {
            continue;
        }
        let due = match o.status {
            ObligationStatus::Transition => o.until,
            _ => o.until.or(o.applies_from),
        };
        for &e in &ob.evidence {
            let ev = &pack.evidence[e];
            if ev.holder != Role::Provider || out.iter().any(|x| x.id == ev.id) {
                continue;
            }
            out.push(ProviderEvidence {
                id: ev.id.clone(),
                label: ev.label.get(lang).to_string(),
                duty: ob.title.get(lang).to_string(),
                citations: citations(pack, &ob.cite, lang),
                status: o.status,
                due,
            });
        }
    }
    out
}

/// A question worth asking first, from the system's free text (a hint never changes a result).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct HintView {
    pub question: String,
    /// The question's text, for people (empty for a question the pack does not have).
    pub text: String,
    pub reason: String,
}

/// Where a system stands in its life, as the inventory says.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct LifecycleView {
    pub stage: Stage,
    /// For planned systems and systems in development the planned start of use; for systems
    /// in use the start; for retired systems the day they were taken out of use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// The organisation whose inventory it is.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct OrganisationView {
    pub name: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub org_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The AI-literacy measures the organisation took (Art. 4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub literacy: Vec<MeasureView>,
}

/// An AI-literacy measure: a training, a guide, a policy; for which staff groups (`*`: all),
/// when, and what shows it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct MeasureView {
    pub groups: Vec<String>,
    pub measure: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    pub evidence: String,
}

impl MeasureView {
    /// Whether the measure reaches a staff group.
    pub fn reaches(&self, group: &str) -> bool {
        self.groups
            .iter()
            .any(|g| g == "*" || g.trim().eq_ignore_ascii_case(group.trim()))
    }
}

impl OrganisationView {
    pub fn new(o: &crate::inventory::Organisation) -> Self {
        OrganisationView {
            name: o.name.clone(),
            org_type: o.org_type.clone(),
            country: o.country.clone(),
            contact: (!o.contact.is_empty()).then(|| o.contact.clone()),
            literacy: o
                .literacy
                .iter()
                .map(|m| MeasureView {
                    groups: m.groups.clone(),
                    measure: m.measure.clone(),
                    date: m.date,
                    evidence: m.evidence.clone(),
                })
                .collect(),
        }
    }
}

/// How many systems of an inventory are at a stage of their life.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct LifecycleCount {
    /// The stage; none for systems whose inventory entry does not say.
    pub stage: Option<Stage>,
    pub count: usize,
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
    /// The staff groups that use the system or deal with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<LifecycleView>,
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
    /// The duties that hold whatever the open answers turn out to be.
    pub obligations: Vec<ObligationView>,
    /// The duties still undetermined, grouped by the class they come with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_duties: Vec<super::deciding::DutyGroupView>,
    pub open_questions: Vec<QuestionView>,
    /// When undetermined: the questions whose answer changes the class or the roles, best
    /// first, with what each answer leads to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciding_questions: Vec<super::deciding::DecidingView>,
    pub notes: Vec<NoteView>,
    pub next_deadlines: Vec<DeadlineView>,
    pub answers: Vec<AnswerView>,
    /// Questions worth asking first, from the free text of an imported register entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<HintView>,
    /// For a system the organisation only deploys: what its provider must hold under the
    /// provider's own duties (declaration of conformity, registration, marking of generated
    /// content, …), to obtain from the vendor. Not the organisation's duties, not nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ask_provider: Vec<ProviderEvidence>,
    /// The inventory's organisation (shown once, on the inventory report).
    #[serde(skip)]
    #[schemars(skip)]
    pub organisation: Option<OrganisationView>,
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

/// A citation as a reader of the language writes it: `Art. 26(1)` in English, `art. 26, lid 1`
/// in Dutch (`art. 3, punt 56` for the definitions, `bijlage III, punt 5, a)`, `overweging 12`),
/// as the official Dutch text of the Regulation refers to its own provisions. A citation the
/// pattern does not know is kept as written.
pub fn citation_text(citation: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return citation.to_string();
    }
    if let Some((act, rest)) = citation.split_once(" Art. ")
        && act.starts_with("Regulation ")
    {
        let act = act.replacen("Regulation", "Verordening", 1);
        return format!("{act}, {}", citation_text(&format!("Art. {rest}"), lang));
    }
    // The parts in brackets: `5(1)(a)` -> ["5", "1", "a"].
    let parts = |s: &str| -> Option<Vec<String>> {
        let (head, tail) = s.split_once('(').unwrap_or((s, ""));
        let mut out = vec![head.trim().to_string()];
        if !tail.is_empty() {
            for p in format!("({tail}").split('(').skip(1) {
                out.push(p.strip_suffix(')')?.to_string());
            }
        }
        Some(out)
    };
    if let Some(rest) = citation.strip_prefix("Art. ")
        && let Some(p) = parts(rest)
    {
        let mut out = format!("art. {}", p[0]);
        let mut rest = p[1..].iter();
        if let Some(first) = rest.next() {
            if first.starts_with(|c: char| c.is_ascii_digit()) {
                // Article 3 numbers its definitions as points; the others have paragraphs.
                let word = if p[0] == "3" { "punt" } else { "lid" };
                out.push_str(&format!(", {word} {first}"));
            } else {
                out.push_str(&format!(", punt {first})"));
            }
        }
        for (i, x) in rest.enumerate() {
            if i == 0 && !p[1].starts_with(|c: char| c.is_ascii_digit()) {
                out.push_str(&format!(", {x})"));
            } else if i == 0 {
                out.push_str(&format!(", punt {x})"));
            } else {
                out.push_str(&format!(", {x})"));
            }
        }
        return out;
    }
    if let Some(rest) = citation.strip_prefix("Annex ") {
        let (number, point) = rest.split_once(' ').unwrap_or((rest, ""));
        if point.is_empty() {
            return format!("bijlage {number}");
        }
        if let Some(section) = point.strip_prefix("Section ") {
            return format!("bijlage {number}, afdeling {section}");
        }
        if let Some(p) = parts(point) {
            let mut out = format!("bijlage {number}, punt {}", p[0]);
            for x in &p[1..] {
                out.push_str(&format!(", {x})"));
            }
            return out;
        }
    }
    if let Some(n) = citation.strip_prefix("Recital ") {
        return format!("overweging {n}");
    }
    citation.to_string()
}

pub fn citations(pack: &Pack, cites: &[String], lang: Lang) -> Vec<Citation> {
    cites
        .iter()
        .map(|c| Citation {
            text: citation_text(c, lang),
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
        // Findings that may or may not hold are summed up by the deciding questions.
        let reasons = r
            .findings
            .iter()
            .filter(|f| pack.findings[f.finding].kind != crate::rules::FindingKind::Fact)
            .filter(|f| f.status != FindingStatus::Undetermined)
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
                    point: finding.point.as_deref().map(|p| citation_text(p, lang)),
                    role: finding.role,
                    citations: cites(&finding.cite),
                }
            })
            .collect();
        let obligations = r
            .obligations
            .iter()
            // An undetermined system's open duties are grouped in `possible_duties`.
            .filter(|o| o.status != ObligationStatus::Undetermined || r.duty_groups.is_empty())
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
                answers.to_raw(i, q).map(|raw| {
                    let meta = system.meta_for(pack, &q.id).unwrap_or_default();
                    AnswerView {
                        id: q.id.clone(),
                        question: q.text.get(lang).to_string(),
                        answer: answer_label(q, &raw, lang),
                        source: meta.source,
                        comment: meta.comment,
                        by: meta.by,
                        on: meta.on,
                    }
                })
            })
            .collect();
        SystemReport {
            id: system.id.clone(),
            name: system.name.clone(),
            owner: system.owner.clone(),
            description: system.description.clone(),
            users: system.users.clone(),
            lifecycle: system.lifecycle.map(|l| LifecycleView {
                stage: l.stage,
                date: l.date,
            }),
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
            possible_duties: super::deciding::group_views(pack, &r.duty_groups, lang),
            open_questions,
            deciding_questions: super::deciding::deciding_views(pack, &r.deciding, lang),
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
            hints: system
                .hints
                .iter()
                .map(|h| HintView {
                    question: h.question.clone(),
                    text: pack
                        .question(&h.question)
                        .map(|(_, q)| q.text.get(lang).to_string())
                        .unwrap_or_default(),
                    reason: h.reason.clone(),
                })
                .collect(),
            organisation: system.organisation.as_deref().map(OrganisationView::new),
            ask_provider: provider_evidence(pack, answers, r, lang),
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

/// A report over an inventory: provenance once, then every system.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct InventoryReport {
    pub provenance: Provenance,
    pub language: Lang,
    /// The pack's title and the law version applied, in the report's language.
    pub pack_title: String,
    pub law_title: String,
    /// The organisation whose inventory it is, if the inventory names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrganisationView>,
    pub totals: Vec<RiskCount>,
    /// Systems per lifecycle stage (planned, in development, in use, retired, not stated);
    /// empty when no system states one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lifecycle: Vec<LifecycleCount>,
    /// The AI Act calendar (the pack's timeline) under the law version applied, by date.
    pub calendar: Vec<CalendarEntry>,
    /// The organisation's view: summary, action plan, AI-literacy plan, severity order.
    pub plan: OrganisationPlan,
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
        let organisation: Option<OrganisationView> =
            systems.iter().find_map(|s| s.organisation.clone());
        let plan = OrganisationPlan::new(
            pack,
            as_of,
            lang,
            &systems,
            organisation.as_ref().map_or(&[][..], |o| &o.literacy),
        );
        InventoryReport {
            provenance: engine::Provenance::new(pack, as_of),
            language: lang,
            pack_title: pack.manifest.title.get(lang).to_string(),
            law_title: pack.law_versions.get(law).map_or_else(
                || pack.manifest.law.get(lang).to_string(),
                |l| l.title.get(lang).to_string(),
            ),
            organisation,
            totals,
            lifecycle: lifecycle_counts(
                systems
                    .iter()
                    .map(|s| s.lifecycle.as_ref().map(|l| l.stage)),
            ),
            calendar,
            plan,
            systems,
        }
    }
}

/// Systems per lifecycle stage, in the order of a system's life, then those that do not say;
/// empty when none says.
pub fn lifecycle_counts(stages: impl Iterator<Item = Option<Stage>>) -> Vec<LifecycleCount> {
    let mut counts = [0usize; Stage::ALL.len() + 1];
    for s in stages {
        counts[s.map_or(Stage::ALL.len(), |s| s as usize)] += 1;
    }
    if counts[..Stage::ALL.len()].iter().all(|c| *c == 0) {
        return Vec::new();
    }
    Stage::ALL
        .iter()
        .map(|s| Some(*s))
        .chain([None])
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .map(|(stage, count)| LifecycleCount { stage, count })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_in_official_dutch_form() {
        for (en, nl) in [
            ("Art. 4", "art. 4"),
            ("Art. 26(1)", "art. 26, lid 1"),
            ("Art. 3(56)", "art. 3, punt 56"),
            ("Art. 5(1)(a)", "art. 5, lid 1, punt a)"),
            ("Art. 5(1)(bb)", "art. 5, lid 1, punt bb)"),
            ("Art. 113(3)(c)(i)", "art. 113, lid 3, punt c), i)"),
            ("Art. 16(a)", "art. 16, punt a)"),
            ("Annex III 5(a)", "bijlage III, punt 5, a)"),
            ("Annex III 2", "bijlage III, punt 2"),
            ("Annex I Section A", "bijlage I, afdeling A"),
            ("Annex X", "bijlage X"),
            ("Recital 12", "overweging 12"),
            (
                "Regulation (EU) 2026/1744 Art. 4",
                "Verordening (EU) 2026/1744, art. 4",
            ),
        ] {
            assert_eq!(citation_text(en, Lang::Nl), nl, "{en}");
            assert_eq!(citation_text(en, Lang::En), en);
        }
    }
}
