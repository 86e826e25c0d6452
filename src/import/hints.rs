//! Hints from free text: words in a record's name or description that make a question worth
//! asking first. A hint is never an answer and never changes a class; a follow-up puts the
//! hinted questions first. Words in Dutch, English and French.

use crate::inventory::{Hint, SystemEntry};
use crate::rules::Lang;

/// (question, words, what it points at in English, in Dutch).
const RULES: &[(&str, &[&str], &str, &str)] = &[
    (
        "practice_screen",
        &[
            "emotie",
            "emotion",
            "social scor",
            "sociale scor",
            "predictive policing",
            "manipul",
        ],
        "a practice of Art. 5 may be involved",
        "een praktijk van art. 5 kan meespelen",
    ),
    (
        "biometric_functions",
        &[
            "gezicht",
            "face",
            "facial",
            "visage",
            "biometr",
            "vingerafdruk",
            "fingerprint",
            "iris",
            "stemherkenning",
            "voice recognition",
        ],
        "Annex III 1 (biometrics) likely relevant",
        "bijlage III, punt 1 (biometrie), mogelijk relevant",
    ),
    (
        "critical_infrastructure_kind",
        &[
            "verkeerslicht",
            "traffic",
            "waterbeheer",
            "drinkwater",
            "riool",
            "gasnet",
            "elektricit",
            "electricity",
            "stroomnet",
            "energienet",
            "power grid",
            "warmtenet",
        ],
        "Annex III 2 (critical infrastructure) likely relevant",
        "bijlage III, punt 2 (kritieke infrastructuur), mogelijk relevant",
    ),
    (
        "education_purposes",
        &[
            "onderwijs",
            "leerling",
            "student",
            "examen",
            "exam",
            "toelating",
            "admission",
            "école",
            "élève",
        ],
        "Annex III 3 (education) likely relevant",
        "bijlage III, punt 3 (onderwijs), mogelijk relevant",
    ),
    (
        "employment_purposes",
        &[
            "sollicit",
            "werving",
            "recruit",
            "vacature",
            "vacanc",
            "kandida",
            "candidat",
            "cv",
            "hiring",
            "recrutement",
        ],
        "Annex III 4 (employment) likely relevant",
        "bijlage III, punt 4 (werkgelegenheid), mogelijk relevant",
    ),
    (
        "essential_services_purposes",
        &[
            "uitkering",
            "bijstand",
            "toeslag",
            "fraude",
            "fraud",
            "benefit",
            "welfare",
            "leefloon",
            "sociale zekerheid",
            "social security",
            "krediet",
            "credit",
            "verzekering",
            "insurance",
            "noodoproep",
            "emergency call",
            "triage",
            "allocation",
            "prestation",
        ],
        "Annex III 5 (public benefits, credit, insurance, emergency calls) likely relevant",
        "bijlage III, punt 5 (uitkeringen, krediet, verzekering, noodoproepen), mogelijk relevant",
    ),
    (
        "law_enforcement_purposes",
        &[
            "politie",
            "police",
            "crimin",
            "recidiv",
            "opsporing",
            "law enforcement",
            "misdrijf",
            "offence",
            "offense",
            "investigat",
        ],
        "Annex III 6 (law enforcement) likely relevant",
        "bijlage III, punt 6 (rechtshandhaving), mogelijk relevant",
    ),
    (
        "migration_purposes",
        &[
            "asiel",
            "asylum",
            "migrat",
            "visa",
            "visum",
            "grenscontrole",
            "border",
            "vreemdeling",
            "immigra",
        ],
        "Annex III 7 (migration, asylum, border control) likely relevant",
        "bijlage III, punt 7 (migratie, asiel, grenstoezicht), mogelijk relevant",
    ),
    (
        "justice_democracy_purposes",
        &[
            "rechtspraak",
            "rechter",
            "court",
            "judicial",
            "verkiezing",
            "election",
            "tribunal",
        ],
        "Annex III 8 (justice, elections) likely relevant",
        "bijlage III, punt 8 (rechtsbedeling, verkiezingen), mogelijk relevant",
    ),
    (
        "performs_profiling",
        &[
            "profiel",
            "profil",
            "risicoscore",
            "risk scor",
            "risicomodel",
            "risk model",
            "risicotaxatie",
            "risicoanalyse",
            "risk assessment",
        ],
        "profiling of persons may be involved (Art. 6(3))",
        "profilering van personen kan meespelen (art. 6, lid 3)",
    ),
    (
        "interacts_with_persons",
        &[
            "chatbot",
            "chat",
            "assistent",
            "assistant",
            "virtuele",
            "virtual agent",
            "voicebot",
            "conversational",
        ],
        "it may interact with people (Art. 50(1))",
        "het kan met mensen interageren (art. 50, lid 1)",
    ),
    (
        "generates_synthetic_content",
        &[
            "generatie",
            "generatiev",
            "generative",
            "genai",
            "llm",
            "taalmodel",
            "language model",
            "gpt",
            "copilot",
            "samenvat",
            "summari",
            "vertaal",
            "translat",
            "transcri",
        ],
        "it may generate text, images, audio or video (Art. 50(2), 50(4))",
        "het kan tekst, beeld, audio of video genereren (art. 50, leden 2 en 4)",
    ),
];

/// Adds the hints the system's name and description give (none for a question it answers).
pub fn add(entry: &mut SystemEntry, lang: Lang) {
    let text = format!("{} {}", entry.name, entry.description).to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (question, keys, en, nl) in RULES {
        if entry.answers.iter().any(|(q, _)| q == question)
            || entry.hints.iter().any(|h| h.question == *question)
        {
            continue;
        }
        let found: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| {
                // Long words and phrases anywhere (Dutch compounds: "bijstandsfraude"),
                // short ones only at the start of a word ("cv", not "cvs-code").
                if k.chars().count() >= 5 {
                    text.contains(k)
                } else {
                    words.iter().any(|w| w.starts_with(k))
                }
            })
            .collect();
        if found.is_empty() {
            continue;
        }
        // "fraude" found, "fraud" says nothing more.
        let found: Vec<&str> = found
            .iter()
            .copied()
            .filter(|k| !found.iter().any(|o| o != k && o.contains(k)))
            .collect();
        let quoted: Vec<String> = found.iter().map(|k| format!("“{}”", k.trim())).collect();
        let reason = match lang {
            Lang::Nl => format!("de tekst noemt {}: {nl}", quoted.join(", ")),
            Lang::En => format!("the text mentions {}: {en}", quoted.join(", ")),
        };
        entry.hints.push(Hint {
            question: (*question).to_string(),
            reason,
        });
    }
}

/// The question a theme of the Dutch register points at (its publication standard's themes).
const THEMES: &[(&str, &str, &str)] = &[
    (
        "sociale zekerheid",
        "essential_services_purposes",
        "bijlage III, punt 5",
    ),
    (
        "zorg en gezondheid",
        "essential_services_purposes",
        "bijlage III, punt 5",
    ),
    ("werk", "employment_purposes", "bijlage III, punt 4"),
    (
        "onderwijs en wetenschap",
        "education_purposes",
        "bijlage III, punt 3",
    ),
    (
        "openbare orde en veiligheid",
        "law_enforcement_purposes",
        "bijlage III, punt 6",
    ),
    (
        "migratie en integratie",
        "migration_purposes",
        "bijlage III, punt 7",
    ),
    ("recht", "justice_democracy_purposes", "bijlage III, punt 8"),
    (
        "verkeer",
        "critical_infrastructure_kind",
        "bijlage III, punt 2",
    ),
];

/// A hint from a theme of the Dutch register.
pub fn theme(entry: &mut SystemEntry, theme: &str, lang: Lang) {
    let t = theme.to_lowercase();
    let Some((_, question, point)) = THEMES.iter().find(|(name, _, _)| *name == t) else {
        return;
    };
    if entry.hints.iter().any(|h| h.question == *question)
        || entry.answers.iter().any(|(q, _)| q == question)
    {
        return;
    }
    let reason = match lang {
        Lang::Nl => format!("thema \"{theme}\": {point} mogelijk relevant"),
        Lang::En => format!(
            "theme \"{theme}\": {} likely relevant",
            point.replace("bijlage III, punt ", "Annex III ")
        ),
    };
    entry.hints.push(Hint {
        question: (*question).to_string(),
        reason,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_give_hints_and_answers_come_first() {
        let mut e = SystemEntry::new("A");
        e.name = "Risicoscore bijstandsfraude".into();
        e.description = "Een model voorspelt welke uitkeringen onderzocht worden.".into();
        add(&mut e, Lang::En);
        let qs: Vec<&str> = e.hints.iter().map(|h| h.question.as_str()).collect();
        assert_eq!(qs, ["essential_services_purposes", "performs_profiling"]);
        assert!(
            e.hints[0]
                .reason
                .contains("“uitkering”, “bijstand”, “fraude”"),
            "{}",
            e.hints[0].reason
        );
        // A question already answered gets no hint; unrelated words give none.
        let mut e = SystemEntry::new("B");
        e.name = "Chatbot".into();
        e.answers.push((
            "interacts_with_persons".into(),
            crate::answers::RawAnswer::Bool(true),
        ));
        add(&mut e, Lang::Nl);
        assert!(e.hints.is_empty());
        let mut e = SystemEntry::new("C");
        e.name = "Roosterplanning zwembad".into();
        add(&mut e, Lang::En);
        assert!(e.hints.is_empty());
    }
}
