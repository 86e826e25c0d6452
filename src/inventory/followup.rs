//! Follow-up rounds: questionnaires with only the deciding questions of each owner's systems
//! (CSV for a spreadsheet, TOML as an answers file), and reading the filled-in CSV back.

use super::AnswerMeta;
use crate::answers::RawAnswer;
use crate::diag::Diagnostic;
use crate::rules::{AnswerType, Lang, Pack, Question};
use chrono::NaiveDate;

/// One question to put to the person who knows the system.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub system: String,
    pub system_name: String,
    pub question: usize,
}

/// A filled-in answer, with who gave it, when and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub system: String,
    pub question: String,
    pub value: RawAnswer,
    pub meta: AnswerMeta,
    /// Where it was written (file and 1-based line).
    pub file: String,
    pub line: usize,
}

/// The columns of the questionnaire, in each language; the reader takes either.
const COLUMNS: [(&str, &str); 11] = [
    ("system", "systeem"),
    ("system_name", "naam_systeem"),
    ("question", "vraag"),
    ("question_text", "vraagtekst"),
    ("help", "uitleg"),
    ("article", "artikel"),
    ("allowed_answers", "mogelijke_antwoorden"),
    ("answer", "antwoord"),
    ("comment", "toelichting"),
    ("answered_by", "beantwoord_door"),
    ("answered_on", "beantwoord_op"),
];

fn column(i: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::En => COLUMNS[i].0,
        Lang::Nl => COLUMNS[i].1,
    }
}

/// The answers a question takes, as a person writes them.
pub fn allowed_answers(pack: &Pack, q: usize, lang: Lang) -> String {
    let question = &pack.questions[q];
    let nl = lang == Lang::Nl;
    let unknown = if nl { "weet ik niet" } else { "unknown" };
    let values = match question.answer_type {
        AnswerType::YesNo => {
            if nl {
                "ja | nee".to_string()
            } else {
                "yes | no".to_string()
            }
        }
        AnswerType::Choice | AnswerType::MultiChoice => question
            .choices
            .iter()
            .map(|c| format!("{} = {}", c.value, c.label.get(lang)))
            .collect::<Vec<_>>()
            .join(" | "),
        AnswerType::Date => (if nl {
            "datum JJJJ-MM-DD"
        } else {
            "date YYYY-MM-DD"
        })
        .to_string(),
        AnswerType::Number => (if nl { "getal" } else { "number" }).to_string(),
    };
    let several = if question.answer_type == AnswerType::MultiChoice {
        if nl {
            " (meerdere: scheid met ;)"
        } else {
            " (several: separate with ;)"
        }
    } else {
        ""
    };
    format!("{values} | {unknown}{several}")
}

/// The questionnaire as CSV. Dutch gets what Excel in Belgium opens directly: a byte-order
/// mark and `;` between fields.
pub fn to_csv(pack: &Pack, items: &[Item], lang: Lang) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    let delimiter = if lang == Lang::Nl {
        out.extend_from_slice("\u{feff}".as_bytes());
        b';'
    } else {
        b','
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let header: Vec<&str> = (0..COLUMNS.len()).map(|i| column(i, lang)).collect();
    let mut rows = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for it in items {
        let q = &pack.questions[it.question];
        rows.push(vec![
            it.system.clone(),
            it.system_name.clone(),
            q.id.clone(),
            q.text.get(lang).to_string(),
            help_text(q, lang),
            cites(&q.cite, lang),
            allowed_answers(pack, it.question, lang),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for r in rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(r.iter().map(|c| super::neutralise_formula(c)));
    }
    w.into_inner().unwrap_or_default()
}

/// The questionnaire as an answers file: every question commented out with its text, help,
/// article and allowed answers, ready to be filled in.
pub fn to_toml(pack: &Pack, items: &[Item], lang: Lang, as_of: NaiveDate) -> String {
    let nl = lang == Lang::Nl;
    let mut s = String::new();
    s.push_str(if nl {
        "# Opvolgvragen: de vragen die de indeling van uw systemen bepalen.\n# Vul een antwoord in, haal het # ervoor weg en stuur het bestand terug.\n# Een toelichting (waarom, welk document), wie antwoordde en wanneer mogen erbij.\n"
    } else {
        "# Follow-up: the questions that decide the classification of your systems.\n# Fill in an answer, remove the # in front of it and send the file back.\n# A comment (why, which document), who answered and when may go with it.\n"
    });
    let mut current: Option<&str> = None;
    for it in items {
        if current != Some(it.system.as_str()) {
            current = Some(it.system.as_str());
            s.push_str(&format!(
                "\n[[system]]\nid = {}\nname = {}\n\n[system.answers]\n",
                toml_str(&it.system),
                toml_str(&it.system_name)
            ));
        }
        let q = &pack.questions[it.question];
        let label = if nl { "Uitleg" } else { "Help" };
        let allowed = if nl {
            "Mogelijke antwoorden"
        } else {
            "Allowed answers"
        };
        s.push_str(&format!(
            "\n# {} ({})\n",
            one_line(q.text.get(lang)),
            cites(&q.cite, lang)
        ));
        s.push_str(&format!("# {label}: {}\n", one_line(&help_text(q, lang))));
        s.push_str(&format!(
            "# {allowed}: {}\n",
            one_line(&allowed_answers(pack, it.question, lang))
        ));
        s.push_str(&format!(
            "# {} = {{ value = \"\", comment = \"\", by = \"\", on = {as_of} }}\n",
            q.id
        ));
    }
    s
}

fn help_text(q: &Question, lang: Lang) -> String {
    q.help
        .as_ref()
        .map_or_else(String::new, |h| one_line(h.get(lang)))
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a filled-in questionnaire (CSV, either language, `,` or `;`). Rows without an answer
/// are skipped; a bad row is a diagnostic and the others are kept.
pub fn read_csv(file: &str, text: &str) -> (Vec<Reply>, Vec<Diagnostic>) {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut diags = Vec::new();
    let header: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "M003",
                    super::csv::csv_error(&e)
                        .prefixed_by("cannot read the header", "kan de kopregel niet lezen"),
                )
                .at_line(file, 1, 1),
            );
            return (Vec::new(), diags);
        }
    };
    let find = |i: usize| {
        header
            .iter()
            .position(|h| h == COLUMNS[i].0 || h == COLUMNS[i].1)
    };
    let (Some(sys), Some(qcol), Some(acol)) = (find(0), find(2), find(7)) else {
        diags.push(
            Diagnostic::error(
                "M003",
                t!("not a follow-up questionnaire: the columns system, question and answer (systeem, vraag, antwoord) are missing", "geen opvolgvragenlijst: de kolommen systeem, vraag en antwoord (system, question, answer) ontbreken"),
            )
            .at_line(file, 1, 1)
            .with_hint(t!("give the CSV that `aiact followup` wrote, filled in", "geef de CSV die `aiact followup` schreef, ingevuld")),
        );
        return (Vec::new(), diags);
    };
    let (comment, by, on) = (find(8), find(9), find(10));
    let mut replies = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "M003",
                        super::csv::csv_error(&e).prefixed_by("unreadable row", "onleesbare rij"),
                    )
                    .at_line(file, line, 1),
                );
                continue;
            }
        };
        let cell = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(value) = cell(Some(acol)) else {
            continue;
        };
        let on = match cell(on) {
            None => None,
            Some(d) => match NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    diags.push(
                        Diagnostic::error("M003", t!("`{d}` is not a date", "`{d}` is geen datum"))
                            .at_line(file, line, 1)
                            .with_hint(t!(
                                "write the date as YYYY-MM-DD",
                                "schrijf de datum als JJJJ-MM-DD"
                            )),
                    );
                    continue;
                }
            },
        };
        replies.push(Reply {
            system: cell(Some(sys)).unwrap_or_default(),
            question: cell(Some(qcol)).unwrap_or_default(),
            value: RawAnswer::Text(value),
            meta: AnswerMeta {
                source: Some(file_name(file)),
                comment: cell(comment),
                by: cell(by),
                on,
            },
            file: file.to_string(),
            line,
        });
    }
    (replies, diags)
}

fn file_name(file: &str) -> String {
    std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned())
}

/// A question's citations in the official form of the language.
fn cites(cite: &[String], lang: Lang) -> String {
    cite.iter()
        .map(|c| crate::rules::cite::citation_text(c, lang))
        .collect::<Vec<_>>()
        .join("; ")
}
