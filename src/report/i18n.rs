//! The fixed texts of the reports, in every shipped language, and date formatting.

use crate::rules::Lang;
use std::collections::BTreeMap;

/// (key, English, Dutch). Every renderer takes its fixed texts from here.
const TEXTS: &[(&str, &str, &str)] = &[
    (
        "title_system",
        "EU AI Act self-assessment",
        "Zelfevaluatie EU AI-verordening",
    ),
    (
        "title_inventory",
        "EU AI Act self-assessment of the AI register",
        "Zelfevaluatie EU AI-verordening van het AI-register",
    ),
    (
        "disclaimer",
        "This report is a self-assessment aid, produced by aiact from the answers given. It is not legal advice. Have its conclusions checked, especially the notes marked UNSURE, by counsel before relying on them.",
        "Dit rapport is een hulpmiddel voor zelfevaluatie, door aiact opgesteld op basis van de gegeven antwoorden. Het is geen juridisch advies. Laat de conclusies, zeker de opmerkingen die als ONZEKER gemarkeerd zijn, nakijken door een jurist voor u erop steunt.",
    ),
    (
        "disclaimer_short",
        "A self-assessment aid, not legal advice.",
        "Een hulpmiddel voor zelfevaluatie, geen juridisch advies.",
    ),
    ("assessed_on", "Assessed on", "Beoordeeld op"),
    (
        "systems_in_inventory",
        "Systems assessed",
        "Beoordeelde systemen",
    ),
    (
        "risk_classes",
        "Systems per risk class",
        "Systemen per risicoklasse",
    ),
    ("next_deadlines", "Next deadlines", "Volgende deadlines"),
    ("none", "None.", "Geen."),
    ("system", "System", "Systeem"),
    ("systems", "Systems", "Systemen"),
    ("id", "Id", "Id"),
    ("name", "Name", "Naam"),
    ("owner", "Owner", "Eigenaar"),
    ("description", "Description", "Beschrijving"),
    ("identification", "Identification", "Identificatie"),
    ("classification", "Classification", "Classificatie"),
    ("risk", "Risk class", "Risicoklasse"),
    ("route", "Route", "Route"),
    ("possible_risks", "Still possible", "Nog mogelijk"),
    ("reasons", "Why", "Waarom"),
    ("roles", "Roles", "Rollen"),
    ("possible_roles", "Possibly also", "Mogelijk ook"),
    ("no_roles", "No role established.", "Geen rol vastgesteld."),
    ("obligations", "Obligations", "Verplichtingen"),
    ("obligations_on", "Obligations on", "Verplichtingen op"),
    (
        "no_obligations",
        "No obligations follow from the answers.",
        "Uit de antwoorden volgen geen verplichtingen.",
    ),
    ("status_applies", "Apply now", "Nu van toepassing"),
    (
        "status_transition",
        "In a transition period",
        "In een overgangsperiode",
    ),
    ("status_upcoming", "Upcoming", "Komen eraan"),
    (
        "status_undetermined",
        "Not yet determined",
        "Nog niet te bepalen",
    ),
    ("finding_applies", "applies", "geldt"),
    ("finding_upcoming", "from", "vanaf"),
    (
        "finding_undetermined",
        "undetermined",
        "nog niet te bepalen",
    ),
    ("obligation", "Obligation", "Verplichting"),
    ("status", "Status", "Status"),
    ("addressee", "For", "Voor"),
    ("applies_from", "From", "Vanaf"),
    ("until", "until", "tot"),
    ("from_date", "from", "vanaf"),
    ("transition_until", "transition until", "overgang tot"),
    ("citations", "Citation", "Bron"),
    ("evidence", "Evidence", "Bewijsstukken"),
    ("evidence_given", "Documents named", "Opgegeven documenten"),
    ("issued", "issued", "uitgegeven"),
    ("expires", "expires", "vervalt"),
    ("held_by", "held by the", "bij de"),
    ("deciding", "Depends on", "Hangt af van"),
    ("open_questions", "Open questions", "Open vragen"),
    (
        "deciding_questions",
        "Questions that decide the result",
        "Vragen die het resultaat bepalen",
    ),
    (
        "deciding_intro",
        "Answering these settles what is still undetermined; each answer is shown with what it leads to. Shown:",
        "Hun antwoord beslist wat nog niet te bepalen is; bij elk antwoord staat waartoe het leidt. Getoond:",
    ),
    ("of", "of", "van"),
    (
        "duties_by_class",
        "Duties that depend on the open answers",
        "Plichten die van de open antwoorden afhangen",
    ),
    (
        "open_intro",
        "These questions are unanswered or answered \u{201c}don't know\u{201d}, and their answers would change the result.",
        "Deze vragen zijn niet of met \u{201c}weet ik niet\u{201d} beantwoord, en hun antwoord zou het resultaat veranderen.",
    ),
    (
        "answered_unknown",
        "answered \u{201c}don't know\u{201d}",
        "beantwoord met \u{201c}weet ik niet\u{201d}",
    ),
    ("not_answered", "not answered", "niet beantwoord"),
    (
        "notes",
        "Notes \u{2014} verify with counsel",
        "Opmerkingen \u{2014} laat nakijken door een jurist",
    ),
    ("answers", "Answers given", "Gegeven antwoorden"),
    ("organisation", "Organisation", "Organisatie"),
    ("lifecycle", "Lifecycle", "Levensfase"),
    (
        "lifecycle_counts",
        "Systems per lifecycle stage",
        "Systemen per levensfase",
    ),
    ("stage_planned", "planned", "gepland"),
    ("stage_in-development", "in development", "in ontwikkeling"),
    ("stage_in-use", "in use", "in gebruik"),
    ("stage_retired", "retired", "buiten gebruik"),
    ("stage_none", "not stated", "niet vermeld"),
    ("stage_date_planned", "planned start", "geplande start"),
    (
        "stage_date_in-development",
        "planned start",
        "geplande start",
    ),
    ("stage_date_in-use", "since", "sinds"),
    ("stage_date_retired", "since", "sinds"),
    (
        "retired_no_duties",
        "Taken out of use: no duties from that date.",
        "Buiten gebruik: geen verplichtingen meer vanaf die datum.",
    ),
    ("answer_source", "Source", "Bron"),
    (
        "hints",
        "Hints from the description (not answers; they change no result)",
        "Aanwijzingen uit de beschrijving (geen antwoorden; ze veranderen geen resultaat)",
    ),
    ("question", "Question", "Vraag"),
    ("answer", "Answer", "Antwoord"),
    ("provenance", "Provenance", "Herkomst"),
    ("tool", "Tool", "Hulpmiddel"),
    ("pack", "Rule pack", "Regelpakket"),
    (
        "pack_sha256",
        "Rule-pack SHA-256",
        "SHA-256 van het regelpakket",
    ),
    ("overlay", "Overlay (own rules)", "Eigen regels (overlay)"),
    (
        "changes_binding",
        "changes binding results",
        "wijzigt bindende resultaten",
    ),
    ("law", "Law applied", "Toegepaste wet"),
    ("law_version", "Law version", "Wetsversie"),
    ("as_of", "Assessment date", "Beoordelingsdatum"),
    ("language", "Language", "Taal"),
    ("language_name", "English", "Nederlands"),
    ("generated", "Generated", "Aangemaakt"),
    (
        "timeline",
        "Deadlines on the AI Act calendar",
        "Deadlines op de kalender van de AI-verordening",
    ),
    (
        "calendar",
        "AI Act calendar",
        "Kalender van de AI-verordening",
    ),
    ("date", "Date", "Datum"),
    ("what", "What", "Wat"),
    ("count", "Systems", "Systemen"),
    ("total", "Total", "Totaal"),
    ("applies_now_count", "Duties now", "Geldende plichten"),
    ("transition_count", "In transition", "In overgang"),
    ("open_count", "Questions to ask", "Te stellen vragen"),
    ("next_deadline", "Next deadline", "Volgende deadline"),
    ("duty", "duty", "plicht"),
    ("duties", "duties", "plichten"),
    ("legend_applies", "applies now", "geldt nu"),
    ("legend_upcoming", "upcoming duty", "komende plicht"),
    ("legend_transition", "end of transition", "einde overgang"),
    ("legend_calendar", "AI Act date", "datum AI-verordening"),
    ("contents", "Contents", "Inhoud"),
    ("page_of", "System", "Systeem"),
    ("summary", "Summary", "Samenvatting"),
    (
        "must_stop",
        "Prohibited practices: to stop",
        "Verboden praktijken: stopzetten",
    ),
    (
        "high_risk_when",
        "High-risk systems, and from when their duties apply",
        "Systemen met een hoog risico, en vanaf wanneer hun verplichtingen gelden",
    ),
    ("to_clarify", "Still to clarify", "Nog uit te klaren"),
    (
        "to_clarify_intro",
        "The classification of these systems is still open: the answers to the questions on each system's page decide it.",
        "De classificatie van deze systemen ligt nog open: de antwoorden op de vragen bij elk systeem beslissen erover.",
    ),
    ("open_questions_n", "open questions", "open vragen"),
    (
        "nearest_deadlines",
        "The nearest deadlines",
        "De eerstvolgende termijnen",
    ),
    ("applies_already", "applies already", "geldt al"),
    ("from", "from", "vanaf"),
    ("action_plan", "Action plan", "Actieplan"),
    (
        "action_plan_intro",
        "Every duty of the organisation, by when it falls due and who owns it. Duties that concern the whole organisation are listed once, with the systems they concern. The possible duties of systems whose class is still open are on each system's page.",
        "Elke verplichting van de organisatie, volgens termijn en eigenaar. Verplichtingen die de hele organisatie betreffen staan er één keer, met de systemen waarop ze slaan. De mogelijke verplichtingen van systemen waarvan de klasse nog openligt, staan bij elk systeem.",
    ),
    ("horizon_now", "Now: applies already", "Nu: geldt al"),
    (
        "horizon_within-twelve-months",
        "Within twelve months",
        "Binnen twaalf maanden",
    ),
    ("horizon_later", "Later", "Later"),
    (
        "whole_organisation",
        "The whole organisation",
        "De hele organisatie",
    ),
    ("no_owner", "No owner named", "Geen eigenaar vermeld"),
    ("article", "Article", "Artikel"),
    ("due", "Due", "Termijn"),
    (
        "literacy_plan",
        "AI-literacy plan (Art. 4)",
        "Plan AI-geletterdheid (art. 4)",
    ),
    (
        "literacy_intro",
        "Which staff groups use or deal with which AI systems, which AI-literacy measures exist, and where the gaps are.",
        "Welke personeelsgroepen welke AI-systemen gebruiken of ermee te maken hebben, welke maatregelen voor AI-geletterdheid er zijn, en waar de leemtes zitten.",
    ),
    ("staff_group", "Staff group", "Personeelsgroep"),
    ("measures", "Measures", "Maatregelen"),
    ("measure", "Measure", "Maatregel"),
    ("coverage", "Status", "Stand van zaken"),
    ("coverage_covered", "covered", "gedekt"),
    (
        "coverage_gap",
        "gap: uses a high-risk or generative system, no measure recorded",
        "leemte: gebruikt een systeem met hoog risico of een generatief systeem, geen maatregel geregistreerd",
    ),
    (
        "coverage_no-measure",
        "no measure recorded",
        "geen maatregel geregistreerd",
    ),
    ("generative", "generative", "generatief"),
    ("all_staff", "all staff", "alle personeel"),
    (
        "no_measures",
        "The inventory records no AI-literacy measures.",
        "De inventaris vermeldt geen maatregelen voor AI-geletterdheid.",
    ),
    (
        "no_staff_groups",
        "The inventory names no staff groups (`users` per system).",
        "De inventaris vermeldt geen personeelsgroepen (`users` per systeem).",
    ),
    (
        "systems_without_users",
        "AI systems for which no staff group is named",
        "AI-systemen waarvoor geen personeelsgroep vermeld is",
    ),
    ("guidance", "Guidance (not law)", "Richtsnoeren (geen wet)"),
    (
        "systems_by_severity",
        "The systems, most severe first",
        "De systemen, de ernstigste eerst",
    ),
    ("users", "Used by", "Gebruikt door"),
    (
        "ask_provider",
        "To obtain from the provider",
        "Op te vragen bij de aanbieder",
    ),
    (
        "ask_provider_intro",
        "You deploy this system; its provider carries the duties below. Ask the vendor for the documents that show they are met.",
        "U gebruikt dit systeem; de aanbieder draagt de verplichtingen hieronder. Vraag de leverancier de documenten die aantonen dat ze nagekomen zijn.",
    ),
    (
        "possible_duties",
        "possible duties, depending on the answers (in the per-system report)",
        "mogelijke verplichtingen, afhankelijk van de antwoorden (in het rapport per systeem)",
    ),
    (
        "literacy_in_plan",
        "AI literacy (Art. 4) concerns the whole organisation: see the AI-literacy plan.",
        "AI-geletterdheid (art. 4) betreft de hele organisatie: zie het plan AI-geletterdheid.",
    ),
    (
        "depends_on_answers",
        "depends on open questions",
        "hangt af van open vragen",
    ),
];

/// The fixed texts in one language, by key.
pub fn texts(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    TEXTS
        .iter()
        .map(|(k, en, nl)| (*k, if lang == Lang::Nl { *nl } else { *en }))
        .collect()
}

/// One fixed text; the key itself if it is unknown (a bug the tests would show).
pub fn tr(lang: Lang, key: &str) -> &'static str {
    TEXTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("?", |(_, en, nl)| if lang == Lang::Nl { *nl } else { *en })
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `2026-08-02` as `2 August 2026` / `2 augustus 2026`; other text unchanged.
pub fn long_date(iso: &str, lang: Lang) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => {
            use chrono::Datelike;
            let months = if lang == Lang::Nl {
                &MONTHS_NL
            } else {
                &MONTHS_EN
            };
            format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
        }
        Err(_) => iso.to_string(),
    }
}

/// `2026-08-02` as `2 Aug 2026` / `2 aug 2026` (for the timeline picture).
pub fn short_date(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let months = if lang == Lang::Nl {
        &MONTHS_NL
    } else {
        &MONTHS_EN
    };
    let m: String = months[d.month0() as usize].chars().take(3).collect();
    format!("{} {} {}", d.day(), m, d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for (key, en, nl) in TEXTS {
            assert!(!en.is_empty() && !nl.is_empty(), "{key}");
        }
        let mut keys: Vec<_> = TEXTS.iter().map(|t| t.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len(), "duplicate text keys");
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(long_date("2027-12-02", Lang::En), "2 December 2027");
        assert_eq!(long_date("2027-12-02", Lang::Nl), "2 december 2027");
        assert_eq!(long_date("not a date", Lang::Nl), "not a date");
    }
}
