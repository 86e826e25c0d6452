//! The EU JRC Public Sector Tech Watch dataset: cases of new technologies in European public
//! administrations. Only the cases whose primary technology is artificial intelligence are
//! imported; the others are counted as skipped.

use super::text::{clean, csv_rows, date, decode};
use super::{Import, OrgFacts, Record};
use crate::diag::Diagnostic;
use crate::engine::Stage;

/// Country names as the dataset writes them, with their ISO 3166 codes.
const COUNTRIES: &[(&str, &str)] = &[
    ("Albania", "AL"),
    ("Austria", "AT"),
    ("Belgium", "BE"),
    ("Bosnia and Herzegovina", "BA"),
    ("Bulgaria", "BG"),
    ("Croatia", "HR"),
    ("Cyprus", "CY"),
    ("Czechia", "CZ"),
    ("Czech Republic", "CZ"),
    ("Denmark", "DK"),
    ("Estonia", "EE"),
    ("Finland", "FI"),
    ("France", "FR"),
    ("Germany", "DE"),
    ("Greece", "GR"),
    ("Hungary", "HU"),
    ("Iceland", "IS"),
    ("Ireland", "IE"),
    ("Italy", "IT"),
    ("Kosovo", "XK"),
    ("Latvia", "LV"),
    ("Liechtenstein", "LI"),
    ("Lithuania", "LT"),
    ("Luxembourg", "LU"),
    ("Malta", "MT"),
    ("Moldova", "MD"),
    ("Montenegro", "ME"),
    ("Netherlands", "NL"),
    ("North Macedonia", "MK"),
    ("Norway", "NO"),
    ("Poland", "PL"),
    ("Portugal", "PT"),
    ("Romania", "RO"),
    ("Serbia", "RS"),
    ("Slovakia", "SK"),
    ("Slovenia", "SI"),
    ("Spain", "ES"),
    ("Sweden", "SE"),
    ("Switzerland", "CH"),
    ("Turkey", "TR"),
    ("Ukraine", "UA"),
    ("United Kingdom", "GB"),
];

pub fn read(path: &str, bytes: &[u8], out: &mut Import, records: &mut Vec<Record>) {
    let (text, _) = decode(bytes);
    let (header, rows) = csv_rows(&text, b',');
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(id_col), Some(tech_col)) = (col("PSTW ID"), col("Primary Technology")) else {
        return out.problems.push(
            Diagnostic::error("I003", t!("not a Public Sector Tech Watch dataset: no `PSTW ID` and `Primary Technology` columns", "geen dataset van Public Sector Tech Watch: geen kolommen `PSTW ID` en `Primary Technology`"))
                .at_line(path, 1, 1)
                .with_hint(t!("export the cases of the dataset as CSV", "exporteer de gevallen van de dataset als CSV")),
        );
    };
    for (n, line, row) in rows {
        let Some(r) = out.row(path, line, n, row) else {
            continue;
        };
        let get = |name: &str| col(name).and_then(|i| r.get(i)).and_then(clean);
        let tech = r.get(tech_col).unwrap_or("").trim();
        if !tech.eq_ignore_ascii_case("artificial intelligence") {
            let reason = t!(
                "skipped: not an AI case (Primary Technology = \"{tech}\")",
                "overgeslagen: geen AI-toepassing (Primary Technology = \"{tech}\")"
            );
            out.skip(path, line, n, reason);
            continue;
        }
        let id = r
            .get(id_col)
            .and_then(clean)
            .map_or_else(|| format!("PSTW-record-{n}"), str::to_string);
        let mut rec = Record::new(path, line, &id);
        rec.entry.name = get("Name").unwrap_or_default().to_string();
        rec.entry.owner = get("Responsible organisation")
            .unwrap_or_default()
            .to_string();
        rec.entry.description = get("Description").unwrap_or_default().to_string();
        let stage = get(" Status").or_else(|| get("Status")).and_then(|s| {
            match s.to_lowercase().as_str() {
                "planned" => Some(Stage::Planned),
                "in development" => Some(Stage::InDevelopment),
                "pilot" | "implemented" => Some(Stage::InUse),
                "not in use" => Some(Stage::Retired),
                _ => None,
            }
        });
        if let Some(stage) = stage {
            let when = match stage {
                Stage::Retired => get("End Year").and_then(|y| date(y, true)),
                _ => get("Start Year").and_then(|y| date(y, false)),
            };
            rec.lifecycle(stage, when);
        }
        let country = get("Geographical coverage (country)").and_then(|c| {
            COUNTRIES
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(c))
                .map(|(_, code)| *code)
        });
        let in_eu = country.is_some_and(|c| crate::inventory::country_choice(c) != "non-eu");
        let category = get("Responsible organisation category").map(str::to_lowercase);
        // The pack takes a local government to be in the EU: one outside it (or where the
        // country is not known) is "another public authority".
        let org_type = match category.as_deref() {
            Some("local government") if in_eu => Some("local-government"),
            Some("local government" | "regional government" | "central-government") => {
                Some("other-public")
            }
            Some("private sector") => Some("private"),
            _ => None,
        };
        rec.org = OrgFacts {
            name: rec.entry.owner.clone(),
            org_type: org_type.map(|t| (t.into(), "pstw:Responsible organisation category".into())),
            country: country.map(|c| (c.into(), "pstw:Geographical coverage (country)".into())),
            contact: String::new(),
        };
        let mut hint = |question: &str, field: &str, value: &str| {
            rec.hint(question, format!("pstw:{field} = \"{value}\""));
        };
        if let Some(p) =
            get("Process type").filter(|p| matches!(*p, "Enforcement" | "Adjudication"))
        {
            hint("performs_profiling", "Process type", p);
        }
        if let Some(i) = get("Interaction").filter(|i| *i == "G2C") {
            hint("interacts_with_persons", "Interaction", i);
        }
        if let Some(s) = get("AI Classification Subdomain (II) (main)")
            .filter(|s| s.eq_ignore_ascii_case("computer vision"))
        {
            hint(
                "biometric_functions",
                "AI Classification Subdomain (II) (main)",
                s,
            );
        }
        records.push(rec);
    }
}
