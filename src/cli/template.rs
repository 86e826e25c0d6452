//! `aiact template`: an empty inventory listing every question with its type, allowed values
//! and a one-line explanation.

use super::{Context, Exit, emit};
use crate::rules::{AnswerType, Lang, Pack};
use clap::{Args, ValueEnum};

#[derive(Args, Debug)]
pub struct TemplateArgs {
    #[arg(long, value_enum, default_value = "toml")]
    pub format: TemplateFormat,
    /// Who the template is for
    #[arg(long = "for", value_enum, default_value = "inventory")]
    pub purpose: TemplatePurpose,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TemplateFormat {
    Toml,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TemplatePurpose {
    Inventory,
    Procurement,
}

pub fn run(ctx: &Context, args: TemplateArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    if args.purpose == TemplatePurpose::Procurement {
        if args.format != TemplateFormat::Toml {
            super::say_error_hint(
                ctx.lang,
                t!(
                    "the procurement questionnaire is written as TOML only",
                    "de aankoopvragenlijst wordt alleen als TOML geschreven"
                ),
                t!(
                    "drop --format, or use --format toml",
                    "laat --format weg, of gebruik --format toml"
                ),
            );
            return Err(Exit::Invalid);
        }
        return emit(ctx.lang, &procurement_template(&pack));
    }
    match args.format {
        TemplateFormat::Toml => emit(ctx.lang, &toml_template(&pack, ctx.lang)),
        TemplateFormat::Csv => emit(ctx.lang, &csv_template(&pack, ctx.lang)),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn toml_template(pack: &Pack, lang: Lang) -> String {
    let mut s = String::new();
    let (title, note) = match lang {
        Lang::En => (
            "aiact inventory",
            "Fill in one [[system]] per AI system. Leave an answer out, or write \"unknown\", when you do not know it: the result then says what is still undetermined.",
        ),
        Lang::Nl => (
            "aiact-inventaris",
            "Vul één [[system]] in per AI-systeem. Laat een antwoord weg, of schrijf \"unknown\", als u het niet weet: het resultaat zegt dan wat nog niet te bepalen is.",
        ),
    };
    s.push_str(&format!(
        "# {title} — {} {} {} (sha256 {})\n",
        if lang == Lang::Nl {
            "regelpakket"
        } else {
            "rule pack"
        },
        pack.manifest.id,
        pack.manifest.version,
        &pack.sha256[..12]
    ));
    s.push_str(&format!("# {note}\n\n[[system]]\nid = \"\"\nname = \"\"\nowner = \"\"\ndescription = \"\"\n\n[system.answers]\n"));
    for q in &pack.questions {
        let cites: Vec<_> = q
            .cite
            .iter()
            .map(|c| crate::report::citation_text(c, lang))
            .collect();
        s.push_str(&format!(
            "\n# {} [{}]\n",
            one_line(q.text.get(lang)),
            cites.join("; ")
        ));
        let why = one_line(q.why.get(lang));
        if !why.is_empty() {
            s.push_str(&format!("#   {why}\n"));
        }
        let (example, values) = match q.answer_type {
            AnswerType::YesNo => ("true".to_string(), "true | false | \"unknown\"".to_string()),
            AnswerType::Choice => (
                format!("\"{}\"", q.choices.first().map_or("", |c| c.value.as_str())),
                q.choices
                    .iter()
                    .map(|c| format!("\"{}\"", c.value))
                    .chain(["\"unknown\"".to_string()])
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
            AnswerType::MultiChoice => (
                "[]".to_string(),
                format!(
                    "a list of: {}",
                    q.choices
                        .iter()
                        .map(|c| format!("\"{}\"", c.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            AnswerType::Date => (
                "2026-01-01".to_string(),
                "a date, YYYY-MM-DD | \"unknown\"".to_string(),
            ),
            AnswerType::Number => ("0".to_string(), "a number | \"unknown\"".to_string()),
        };
        s.push_str(&format!(
            "#   {}: {values}\n# {} = {example}\n",
            q.answer_type.name(),
            q.id
        ));
    }
    s
}

/// The inventory as a spreadsheet: the header row of column ids, then a row that explains each
/// column to the person filling it in (its id cell starts with `#`, so the reader skips it),
/// in the dialect of the language (`;` and a byte-order mark in Dutch).
pub fn csv_template(pack: &Pack, lang: Lang) -> String {
    let fixed = ["id", "name", "owner", "description", "users"];
    let explain: [&str; 5] = match lang {
        Lang::En => [
            "# unique id (this row is an explanation: leave it or delete it)",
            "name",
            "owner (department)",
            "description",
            "staff groups that use it, separated by ;",
        ],
        Lang::Nl => [
            "# unieke id (deze rij is uitleg: laat ze staan of verwijder ze)",
            "naam",
            "eigenaar (dienst)",
            "beschrijving",
            "personeelsgroepen die het gebruiken, gescheiden door ;",
        ],
    };
    let unknown = crate::answers::unknown_word(lang);
    let (yes, no) = match lang {
        Lang::En => ("yes", "no"),
        Lang::Nl => ("ja", "nee"),
    };
    let mut header: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    let mut help: Vec<String> = explain.iter().map(|s| s.to_string()).collect();
    for q in &pack.questions {
        header.push(q.id.clone());
        let values = match q.answer_type {
            AnswerType::YesNo => format!("{yes} / {no} / {unknown}"),
            AnswerType::Choice | AnswerType::MultiChoice => {
                let list = q
                    .choices
                    .iter()
                    .map(|c| format!("{} = {}", c.value, one_line(c.label.get(lang))))
                    .collect::<Vec<_>>()
                    .join(" | ");
                let many = match (q.answer_type, lang) {
                    (AnswerType::MultiChoice, Lang::En) => " (several: separate with ;)",
                    (AnswerType::MultiChoice, Lang::Nl) => " (meerdere: scheid met ;)",
                    _ => "",
                };
                format!("{list} | {unknown}{many}")
            }
            AnswerType::Date => format!(
                "{} / {unknown}",
                if lang == Lang::Nl {
                    "JJJJ-MM-DD"
                } else {
                    "YYYY-MM-DD"
                }
            ),
            AnswerType::Number => format!(
                "{} / {unknown}",
                if lang == Lang::Nl {
                    "een getal"
                } else {
                    "a number"
                }
            ),
        };
        let cites: Vec<String> = q
            .cite
            .iter()
            .map(|c| crate::report::citation_text(c, lang).into_owned())
            .collect();
        help.push(format!(
            "{} [{}] {values}",
            one_line(q.text.get(lang)),
            cites.join("; ")
        ));
    }
    crate::inventory::CsvDialect::for_lang(lang).write([header, help])
}

/// The questionnaire a buyer sends to bidders: every question about the system in the buyer's
/// intended use, and every piece of evidence a provider can be asked for, explained in Dutch
/// and English. A filled-in copy is the input of `aiact check`.
pub fn procurement_template(pack: &Pack) -> String {
    let mut s = String::new();
    s.push_str(&format!("# aiact — vragenlijst voor inschrijvers / questionnaire for bidders\n# rule pack {} {} (sha256 {})\n#\n", pack.manifest.id, pack.manifest.version, pack.sha256.get(..12).unwrap_or(&pack.sha256)));
    s.push_str("# NL: Beantwoord de vragen over het AI-systeem zoals de aankoper het zal gebruiken (het beoogde\n#     gebruik in de opdracht). Weet u een antwoord niet, schrijf dan \"unknown\". Vermeld onder\n#     [system.evidence] voor elk gevraagd bewijsstuk de naam of URL van het document, het\n#     registratienummer, de uitgiftedatum en eventueel de vervaldatum.\n");
    s.push_str("# EN: Answer the questions about the AI system as the buyer will use it (the intended use in the\n#     tender). If you do not know an answer, write \"unknown\". Under [system.evidence], give for\n#     each piece of evidence requested the document name or URL, the registration number, the date\n#     of issue and, if any, the expiry date.\n\n");
    s.push_str("[[system]]\nid = \"\"            # NL: uw referentie voor het aangeboden systeem / EN: your reference for the system offered\nname = \"\"\nowner = \"\"         # NL: de inschrijver / EN: the bidder\ndescription = \"\"\n\n[system.answers]\n");
    // The buyer uses the system: prefill that answer where the pack asks it.
    let uses = pack
        .question("org_activities")
        .filter(|(_, q)| q.choice_index("uses").is_some())
        .map(|(_, q)| q.id.clone());
    for q in &pack.questions {
        s.push_str(&format!(
            "\n# NL: {}\n# EN: {}\n#     [{}]\n",
            one_line(q.text.get(Lang::Nl)),
            one_line(q.text.get(Lang::En)),
            q.cite.join("; ")
        ));
        for lang in [Lang::Nl, Lang::En] {
            let why = one_line(q.why.get(lang));
            if !why.is_empty() {
                s.push_str(&format!("#   {}: {why}\n", lang.code().to_uppercase()));
            }
        }
        let values = match q.answer_type {
            AnswerType::YesNo => "true | false | \"unknown\"".to_string(),
            AnswerType::Choice | AnswerType::MultiChoice => {
                for c in &q.choices {
                    s.push_str(&format!(
                        "#   \"{}\": {} / {}\n",
                        c.value,
                        one_line(c.label.get(Lang::Nl)),
                        one_line(c.label.get(Lang::En))
                    ));
                }
                if q.answer_type == AnswerType::Choice {
                    "one of the values above | \"unknown\"".to_string()
                } else {
                    "a list of the values above | \"unknown\"".to_string()
                }
            }
            AnswerType::Date => "YYYY-MM-DD | \"unknown\"".to_string(),
            AnswerType::Number => "a number | \"unknown\"".to_string(),
        };
        s.push_str(&format!("#   {}: {values}\n", q.answer_type.name()));
        if uses.as_deref() == Some(q.id.as_str()) {
            s.push_str("#   NL: de aankoper gebruikt het systeem onder eigen verantwoordelijkheid / EN: the buyer uses the system under its authority\n");
            s.push_str(&format!("{} = [\"uses\"]\n", q.id));
        } else {
            s.push_str(&format!("# {} = \n", q.id));
        }
    }
    s.push_str("\n# ----------------------------------------------------------------------------------------\n");
    s.push_str("# NL: Gevraagde bewijsstukken. Haal het commentaarteken weg en vul in, bv.\n# EN: Evidence requested. Remove the comment sign and fill in, e.g.\n");
    s.push_str("#   eu_declaration_of_conformity = { reference = \"DoC-2026-014.pdf\", issued = 2026-03-01, expires = 2031-03-01 }\n");
    s.push_str("#   eu_database_registration = { reference = \"EU database registration no. ...\", issued = 2026-04-15 }\n");
    s.push_str("# NL: Welke stukken echt vereist zijn, hangt af van de antwoorden; `aiact check` zegt het.\n# EN: Which ones are required depends on the answers; `aiact check` says which.\n\n[system.evidence]\n");
    for e in pack
        .evidence
        .iter()
        .filter(|e| e.holder == crate::rules::Role::Provider)
    {
        s.push_str(&format!("\n# NL: {}\n# EN: {}\n#     [{}]\n# {} = {{ reference = \"\", issued = YYYY-MM-DD }}\n", one_line(e.label.get(Lang::Nl)), one_line(e.label.get(Lang::En)), e.cite.join("; "), e.id));
    }
    s
}
