//! The US federal AI use-case inventories (OMB): the 2025 individually reported use cases
//! (short column keys, multi-select cells as Python lists), the 2025 consolidated COTS table
//! (one row per agency and commercial AI task, used or not), and the 2024 inventory, with
//! short keys (`2_use_case_name`, …) or, in its second release, the question texts as
//! multi-line headers in Windows-1252: the same 62 columns in the same order. Every record is
//! of a US federal agency: a public authority outside the EU.

use super::text::{clean, csv_rows, date, decode, list};
use super::{Import, OrgFacts, Record};
use crate::answers::RawAnswer;
use crate::diag::Diagnostic;
use crate::engine::Stage;

/// The 2024 columns, in file order (the second release has the question texts instead).
const KEYS_2024: [&str; 62] = [
    "2_use_case_name",
    "3_agency",
    "3_abr",
    "4_bureau",
    "8_topic_area",
    "8_question_type",
    "10_commercial_ai",
    "11_purpose_benefits",
    "12_outputs",
    "16_dev_stage",
    "17_impact_type",
    "18_date_initiated",
    "19_date_acq_dev_began",
    "20_date_implemented",
    "21_date_retired",
    "22_dev_method",
    "23_contract_piids",
    "24_hisp_support",
    "25_hisp_name",
    "26_public_service",
    "27_public_info",
    "28_iqa_compliance",
    "29_contains_pii",
    "30_saop_review",
    "31_data_catalog",
    "31_question_type",
    "33_agency_data",
    "34_data_docs",
    "35_demo_features",
    "35_question_type",
    "37_custom_code",
    "38_code_access",
    "39_code_link",
    "40_has_ato",
    "41_system_name",
    "42_dev_tools_wait",
    "43_infra_provisioned",
    "43_question_type",
    "45_compute_request",
    "45_question_type",
    "47_timely_resources",
    "47_question_type",
    "49_existing_reuse",
    "50_internal_review",
    "51_extension_request",
    "52_impact_assessment",
    "53_real_world_testing",
    "54_key_risks",
    "55_independent_eval",
    "56_monitor_postdeploy",
    "57_autonomous_impact",
    "57_question_type",
    "59_ai_notice",
    "59_question_type",
    "61_adverse_impact",
    "62_disparity_mitigation",
    "63_stakeholder_consult",
    "63_question_type",
    "65_appeal_process",
    "66_no_appeal_reason",
    "67_opt_out",
    "67_question_type",
];

enum Kind {
    Y2025,
    Cots,
    Y2024,
}

pub fn read(path: &str, bytes: &[u8], out: &mut Import, records: &mut Vec<Record>) {
    let (text, _) = decode(bytes);
    let (header, rows) = csv_rows(&text, b',');
    let kind = if header.iter().any(|h| h == "use_case_name") {
        Kind::Y2025
    } else if header.iter().any(|h| h == "AI Use Case") {
        Kind::Cots
    } else if header.first().is_some_and(|h| h == "2_use_case_name")
        || (header.len() == KEYS_2024.len()
            && header
                .first()
                .is_some_and(|h| h.starts_with("Use Case Name")))
    {
        Kind::Y2024
    } else {
        return out.problems.push(
            Diagnostic::error("I003", t!("not an OMB AI use-case inventory", "geen OMB-inventaris van AI-toepassingen"))
                .at_line(path, 1, 1)
                .with_hint(t!("expected the 2025 (use_case_name, …), 2025 COTS (Agency, AI Use Case, …) or 2024 (2_use_case_name, … or their question texts) columns", "verwacht werden de kolommen van 2025 (use_case_name, …), 2025 COTS (Agency, AI Use Case, …) of 2024 (2_use_case_name, … of hun vraagteksten)")),
        );
    };
    // The 2024 files are read by position: both releases have the same columns in order.
    let keys: Vec<String> = match kind {
        Kind::Y2024 => KEYS_2024.iter().map(|k| (*k).to_string()).collect(),
        _ => header,
    };
    for (n, line, row) in rows {
        let Some(r) = out.row(path, line, n, row) else {
            continue;
        };
        let row = Row { keys: &keys, r: &r };
        let get = |k: &str| row.get(k);
        let rec = match kind {
            Kind::Y2025 => y2025(path, line, n, &row),
            Kind::Y2024 => y2024(path, line, n, &row),
            Kind::Cots => match get("Agency Use (Y/N)?") {
                Some(y) if y.eq_ignore_ascii_case("y") || y.eq_ignore_ascii_case("yes") => {
                    cots(path, line, n, &row)
                }
                other => {
                    let v = other.unwrap_or("");
                    let reason = t!(
                        "skipped: the agency does not use it (Agency Use = \"{v}\")",
                        "overgeslagen: het agentschap gebruikt het niet (Agency Use = \"{v}\")"
                    );
                    out.skip(path, line, n, reason);
                    continue;
                }
            },
        };
        records.push(rec);
    }
}

/// A row, read by column key.
struct Row<'a> {
    keys: &'a [String],
    r: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    fn get(&self, key: &str) -> Option<&'a str> {
        self.keys
            .iter()
            .position(|h| h == key)
            .and_then(|i| self.r.get(i))
            .and_then(clean)
    }
}

fn agency(name: &str, source: &str) -> OrgFacts {
    OrgFacts {
        name: name.to_string(),
        // A federal agency: a public authority outside the EU.
        org_type: Some(("other-public".into(), source.into())),
        country: Some(("US".into(), source.into())),
        contact: String::new(),
    }
}

fn y2025(path: &str, line: usize, n: usize, row: &Row<'_>) -> Record {
    let get = |k: &str| row.get(k);
    let id = get("id").map_or_else(
        || format!("{}-record-{n}", get("agency").unwrap_or("OMB2025")),
        str::to_string,
    );
    let mut rec = Record::new(path, line, &id);
    rec.entry.name = get("use_case_name").unwrap_or_default().to_string();
    let agency_name = get("agency_name")
        .or_else(|| get("agency"))
        .unwrap_or_default();
    rec.entry.owner = match get("agency_bureau") {
        Some(b) => format!("{agency_name}, {b}"),
        None => agency_name.to_string(),
    };
    rec.entry.description = get("problem_solved")
        .or_else(|| get("benefits"))
        .unwrap_or_default()
        .to_string();
    let stage = get("development_stage").and_then(|s| match s.to_lowercase().as_str() {
        "pre-deployment" => Some(Stage::InDevelopment),
        "pilot" | "deployed" => Some(Stage::InUse),
        "retired" => Some(Stage::Retired),
        _ => None,
    });
    if let Some(stage) = stage {
        let when = (stage == Stage::InUse)
            .then(|| get("operational_date").and_then(|d| date(d, false)))
            .flatten();
        rec.lifecycle(stage, when);
    }
    if let Some(c) = get("classification") {
        // Machine learning by name; the other classes do not say how the system works.
        if ["Classical ML", "Generative AI", "Reinforcement Learning"].contains(&c) {
            rec.answer(
                "technique_family",
                RawAnswer::Text("machine-learning".into()),
                "omb-2025:classification",
            );
        }
        if c == "Generative AI" {
            rec.hint(
                "generates_synthetic_content",
                format!("omb-2025:classification = \"{c}\""),
            );
        }
        if c == "Computer Vision" {
            rec.hint(
                "biometric_functions",
                format!("omb-2025:classification = \"{c}\""),
            );
        }
    }
    if let Some(h) = get("is_high_impact").filter(|h| h.eq_ignore_ascii_case("high-impact")) {
        rec.hint(
            "annex_iii_areas",
            format!("omb-2025:is_high_impact = \"{h}\" (a US notion, close to Annex III)"),
        );
    }
    if let Some(t) = get("topic_area").filter(|t| t.eq_ignore_ascii_case("law enforcement")) {
        rec.hint(
            "law_enforcement_purposes",
            format!("omb-2025:topic_area = \"{t}\""),
        );
    }
    let demo = get("demographic_features").map(list).unwrap_or_default();
    if demo
        .iter()
        .any(|d| d.starts_with("a)") || d.starts_with("b)") || d.starts_with("c)"))
    {
        rec.hint(
            "performs_profiling",
            format!("omb-2025:demographic_features = {}", demo.join("; ")),
        );
    }
    rec.org = agency(agency_name, "omb-2025:agency");
    rec
}

fn cots(path: &str, line: usize, n: usize, row: &Row<'_>) -> Record {
    let get = |k: &str| row.get(k);
    let mut rec = Record::new(path, line, &format!("COTS-{n}"));
    let task = get("AI Use Case").unwrap_or_default();
    rec.entry.name = match get("Name of Commercial Product or Service Used") {
        Some(p) => format!("{p}: {task}"),
        None => task.to_string(),
    };
    rec.entry.owner = get("Agency").unwrap_or_default().to_string();
    rec.entry.description = task.to_string();
    rec.lifecycle(Stage::InUse, None);
    rec.org = agency(&rec.entry.owner.clone(), "omb-2025-cots:agency");
    rec
}

fn y2024(path: &str, line: usize, n: usize, row: &Row<'_>) -> Record {
    let get = |k: &str| row.get(k);
    let abbr = get("3_abr").unwrap_or("OMB2024");
    let mut rec = Record::new(path, line, &format!("{abbr}-2024-{n:04}"));
    rec.entry.name = get("2_use_case_name").unwrap_or_default().to_string();
    let agency_name = get("3_agency").unwrap_or_default();
    rec.entry.owner = match get("4_bureau") {
        Some(b) => format!("{agency_name}, {b}"),
        None => agency_name.to_string(),
    };
    rec.entry.description = get("11_purpose_benefits").unwrap_or_default().to_string();
    let stage = get("16_dev_stage").and_then(|s| match s.to_lowercase().as_str() {
        "initiated" | "planned" => Some(Stage::Planned),
        "acquisition and/or development" | "implementation and assessment" => {
            Some(Stage::InDevelopment)
        }
        "operation and maintenance" | "in production" | "in mission" => Some(Stage::InUse),
        "retired" => Some(Stage::Retired),
        _ => None,
    });
    if let Some(stage) = stage {
        let when = match stage {
            Stage::InUse => get("20_date_implemented").and_then(|d| date(d, false)),
            Stage::Retired => get("21_date_retired").and_then(|d| date(d, true)),
            _ => None,
        };
        rec.lifecycle(stage, when);
    }
    if let Some(t) = get("17_impact_type").filter(|t| !t.eq_ignore_ascii_case("neither")) {
        rec.hint(
            "annex_iii_areas",
            format!(
                "omb-2024:17_impact_type = \"{}\" (a US notion, close to Annex III)",
                t.trim()
            ),
        );
    }
    if let Some(t) = get("8_topic_area").filter(|t| t.starts_with("Law")) {
        rec.hint(
            "law_enforcement_purposes",
            format!("omb-2024:8_topic_area = \"{t}\""),
        );
    }
    if let Some(t) = get("26_public_service") {
        rec.hint(
            "interacts_with_persons",
            format!("omb-2024:26_public_service = \"{t}\""),
        );
    }
    rec.org = agency(agency_name, "omb-2024:3_agency");
    rec
}
