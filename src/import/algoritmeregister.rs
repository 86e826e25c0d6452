//! The Dutch Algoritmeregister (algoritmes.overheid.nl), in its three machine-readable forms:
//! the listing (`{"algoritmes": [...]}`, as the register's listing API gives it), the site-data
//! export (`{"algoritme_versions": [...], "organisation_details": [...]}`) and records of the
//! publication standard 1.0 (an array of records, or one; HTML in text fields).

use super::text::{clean, date, strip_html};
use super::{Import, OrgFacts, Record};
use crate::answers::RawAnswer;
use crate::diag::Diagnostic;
use crate::engine::Stage;
use crate::inventory::LineIndex;
use crate::rules::{Lang, Text};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

const SRC: &str = "algoritmeregister";

pub fn read(path: &str, bytes: &[u8], out: &mut Import, records: &mut Vec<Record>, lang: Lang) {
    let (text, _) = super::text::decode(bytes);
    let index = LineIndex::new(&text);
    let line_of = |raw: &RawValue| {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        index.line_col(offset).0
    };
    let top: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            return out.problems.push(
                Diagnostic::error("I002", {
                    let Text { en, nl } = crate::diag::parser_text(&e.to_string());
                    t!("not JSON: {en}", "geen JSON: {nl}")
                })
                .in_file(path)
                .with_hint(t!(
                    "the Algoritmeregister exports are JSON; give the .json file",
                    "de exports van het Algoritmeregister zijn JSON; geef het .json-bestand"
                )),
            );
        }
    };
    // Raw records, for their line numbers.
    #[derive(serde::Deserialize)]
    struct Listing<'a> {
        #[serde(borrow, default)]
        algoritmes: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        algoritme_versions: Vec<&'a RawValue>,
    }
    let raws: Vec<&RawValue> = if top.is_array() {
        serde_json::from_str::<Vec<&RawValue>>(&text).unwrap_or_default()
    } else {
        match serde_json::from_str::<Listing<'_>>(&text) {
            Ok(l) if !l.algoritmes.is_empty() => l.algoritmes,
            Ok(l) if !l.algoritme_versions.is_empty() => l.algoritme_versions,
            _ if top.get("name").is_some() => {
                serde_json::from_str::<&RawValue>(&text).map_or_else(|_| Vec::new(), |r| vec![r])
            }
            _ => Vec::new(),
        }
    };
    // Organisation types of the site-data export, by name.
    let org_types: Vec<(String, String)> = top
        .get("organisation_details")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|o| {
                    Some((
                        o.get("name")?.as_str()?.to_string(),
                        o.get("type")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    if raws.is_empty() {
        out.problems.push(
            Diagnostic::error("I003", t!("no Algoritmeregister records found", "geen records van het Algoritmeregister gevonden"))
                .in_file(path)
                .with_hint(t!("expected the listing ({{\"algoritmes\": [...]}}), the site-data export ({{\"algoritme_versions\": [...]}}) or publication-standard records", "verwacht werd de lijst ({{\"algoritmes\": [...]}}), de export van de sitegegevens ({{\"algoritme_versions\": [...]}}) of records volgens de publicatiestandaard")),
        );
        return;
    }
    for (n, raw) in raws.iter().enumerate() {
        out.read += 1;
        let line = line_of(raw);
        let Ok(Value::Object(r)) = serde_json::from_str::<Value>(raw.get()) else {
            out.skip(path, line, n + 1, not_object());
            continue;
        };
        let rec = if r.contains_key("organisatie") || r.contains_key("doel") {
            listing(path, line, &r)
        } else {
            standard(path, line, &r, &org_types, lang)
        };
        match rec {
            Some(rec) => records.push(rec),
            None => out.skip(path, line, n + 1, no_id()),
        }
    }
}

fn not_object() -> Text {
    t!(
        "skipped: the record is not a JSON object",
        "overgeslagen: het record is geen JSON-object"
    )
}

fn no_id() -> Text {
    t!(
        "skipped: the record has neither an id nor a name",
        "overgeslagen: het record heeft geen id en geen naam"
    )
}

fn s<'a>(r: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    r.get(key).and_then(Value::as_str).and_then(clean)
}

/// A record of the listing API: id, title, organisatie, doel, status, url.
fn listing(path: &str, line: usize, r: &Map<String, Value>) -> Option<Record> {
    let id = s(r, "id").or_else(|| s(r, "title"))?;
    let mut rec = Record::new(path, line, id);
    rec.entry.name = s(r, "title").unwrap_or_default().to_string();
    rec.entry.owner = s(r, "organisatie").unwrap_or_default().to_string();
    rec.entry.description = s(r, "doel").map(strip_html).unwrap_or_default();
    if let Some(stage) = s(r, "status").and_then(stage) {
        rec.lifecycle(stage, None);
    }
    rec.org = org(&rec.entry.owner, None, "organisatie");
    Some(rec)
}

/// A record of the publication standard (1.0 and the earlier versions of the site-data
/// export).
fn standard(
    path: &str,
    line: usize,
    r: &Map<String, Value>,
    org_types: &[(String, String)],
    lang: Lang,
) -> Option<Record> {
    let id = ["lars", "id", "source_id", "uuid"]
        .iter()
        .find_map(|k| s(r, k))
        .or_else(|| s(r, "name"))?;
    let mut rec = Record::new(path, line, id);
    rec.entry.name = s(r, "name").unwrap_or_default().to_string();
    let organisation = s(r, "organization").unwrap_or_default().to_string();
    rec.entry.owner = organisation.clone();
    if let Some(dept) = s(r, "department") {
        rec.entry.owner = if organisation.is_empty() {
            dept.to_string()
        } else {
            format!("{organisation}, {dept}")
        };
    }
    rec.entry.description = ["description_short", "description", "goal"]
        .iter()
        .find_map(|k| s(r, k))
        .map(strip_html)
        .unwrap_or_default();
    if let Some(stage) = s(r, "status").and_then(stage) {
        let when = match stage {
            Stage::Retired => s(r, "end_date").and_then(|d| date(d, true)),
            _ => s(r, "begin_date").and_then(|d| date(d, false)),
        };
        rec.lifecycle(stage, when);
    }
    let listed_type = org_types
        .iter()
        .find(|(n, _)| *n == organisation)
        .map(|(_, t)| t.as_str());
    if !organisation.is_empty() {
        rec.org = org(&organisation, listed_type, "organization");
    }
    // The register's `type` states the technique only when it says self-learning.
    if let Some(t) = s(r, "type") {
        if t.eq_ignore_ascii_case("zelflerend") || t.eq_ignore_ascii_case("self-learning") {
            rec.answer(
                "technique_family",
                RawAnswer::Text("machine-learning".into()),
                &format!("{SRC}:type"),
            );
        } else if t.to_lowercase().contains("regel") || t.to_lowercase().contains("rule") {
            let reason = match lang {
                Lang::Nl => format!(
                    "{SRC}:type = \"{t}\": een systeem op basis van regels is vaak geen AI-systeem (art. 3, punt 1, overweging 12); na te gaan"
                ),
                Lang::En => format!(
                    "{SRC}:type = \"{t}\": rule-based systems are often not AI systems (Art. 3(1), Recital 12); check"
                ),
            };
            rec.hint("technique_family", reason);
        }
    }
    // In-house development and use, as the register states it.
    let in_use = rec.entry.lifecycle.is_some_and(|l| l.stage == Stage::InUse);
    if let Some(p) = s(r, "provider")
        && p.eq_ignore_ascii_case("intern ontwikkeld")
        && in_use
    {
        rec.answer(
            "org_activities",
            RawAnswer::List(vec!["develops".into(), "uses".into()]),
            &format!("{SRC}:provider"),
        );
    }
    if let Some(cat) = s(r, "publication_category") {
        let c = cat.to_lowercase();
        if c.contains("hoog-risico") || c.contains("high-risk") {
            let reason = match lang {
                Lang::Nl => format!(
                    "{SRC}:publication_category = \"{cat}\": de organisatie noemt het zelf een AI-systeem met hoog risico"
                ),
                Lang::En => format!(
                    "{SRC}:publication_category = \"{cat}\": the organisation itself calls it a high-risk AI system"
                ),
            };
            rec.hint("annex_iii_areas", reason);
        } else if c.contains("impactvol") {
            let reason = match lang {
                Lang::Nl => format!(
                    "{SRC}:publication_category = \"{cat}\": het heeft rechtsgevolgen voor mensen of deelt hen in"
                ),
                Lang::En => format!(
                    "{SRC}:publication_category = \"{cat}\": it has legal effects on, or classifies, people"
                ),
            };
            rec.hint("performs_profiling", reason);
        }
    }
    if let Some(theme) = r.get("category") {
        let themes: Vec<&str> = match theme {
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            Value::String(s) => s.split(',').collect(),
            _ => Vec::new(),
        };
        for t in themes {
            super::hints::theme(&mut rec.entry, t.trim(), lang);
        }
    }
    Some(rec)
}

/// The lifecycle of a register status (every version and language of the standard).
fn stage(status: &str) -> Option<Stage> {
    match status
        .trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .as_str()
    {
        "in gebruik" | "actief" | "active" | "in use" => Some(Stage::InUse),
        "ontwikkeling" | "in ontwikkeling" | "in development" => Some(Stage::InDevelopment),
        "buiten gebruik" | "out of use" | "inactief" => Some(Stage::Retired),
        _ => None,
    }
}

/// The organisation as the register states it: every body in it is Dutch; its type comes
/// from the register's organisation type, else from the first word of its official name.
fn org(name: &str, listed_type: Option<&str>, field: &str) -> OrgFacts {
    let source = format!("{SRC}:{field}");
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    let kind = listed_type.map(str::to_lowercase).unwrap_or(first);
    let org_type = match kind.as_str() {
        "gemeente" | "municipality" | "veiligheidsregio" | "omgevingsdienst"
        | "gemeenschappelijke" | "gemeentelijke" => Some("local-government"),
        "provincie"
        | "waterschap"
        | "hoogheemraadschap"
        | "ministerie"
        | "rijksdienst"
        | "rijksinspectie"
        | "inspectie"
        | "belastingdienst"
        | "douane"
        | "politie"
        | "uitvoeringsinstituut"
        | "rechtspraak"
        | "zelfstandig bestuursorgaan"
        | "zbo"
        | "agentschap" => Some("other-public"),
        _ => None,
    };
    OrgFacts {
        name: name.to_string(),
        org_type: org_type.map(|t| (t.to_string(), source.clone())),
        country: (!name.is_empty()).then(|| ("NL".to_string(), format!("{SRC}:register"))),
        contact: String::new(),
    }
}
