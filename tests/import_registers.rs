//! `aiact import` on every real register file of tests/fixtures/registers (provenance in
//! SOURCE.md there): records in = systems out plus counted skips, lifecycle counts,
//! organisation types, and `aiact batch` on every imported inventory exits 0 or 1, never 2.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn register(path: &str) -> String {
    root()
        .join("tests/fixtures/registers")
        .join(path)
        .display()
        .to_string()
}

fn aiact(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(["--as-of", "2026-12-01", "--color", "never"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run aiact")
}

/// Imports into `dir/name`; returns the exit code, standard error and the output path.
fn import(
    dir: &Path,
    source: &str,
    files: &[String],
    name: &str,
    extra: &[&str],
) -> (i32, String, PathBuf) {
    let out = dir.join(name);
    let mut args = vec![
        "--lang",
        "en",
        "import",
        "--from",
        source,
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.extend(files.iter().map(String::as_str));
    let o = aiact(&args);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        out,
    )
}

/// Runs `aiact batch --format json` on an inventory: exit code and document.
fn batch(path: &Path) -> (i32, Value) {
    let o = aiact(&[
        "--lang",
        "en",
        "batch",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let code = o.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "batch on {} exited {code}: {}",
        path.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    (code, serde_json::from_slice(&o.stdout).expect("batch JSON"))
}

fn lifecycle(doc: &Value) -> BTreeMap<String, u64> {
    doc["lifecycle"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| {
                    (
                        c["stage"].as_str().unwrap_or("not-stated").to_string(),
                        c["count"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}

/// What every imported inventory must show: nothing is minimal-risk from register data alone,
/// and a system out of use has no duties.
fn check_systems(doc: &Value) {
    for s in doc["systems"].as_array().expect("systems") {
        assert_ne!(
            s["risk"], "minimal",
            "{} is minimal from register data alone",
            s["id"]
        );
        if s["lifecycle"]["stage"] == "retired" {
            assert_eq!(
                s["obligations"].as_array().map(Vec::len),
                Some(0),
                "{}",
                s["id"]
            );
            assert_eq!(
                s["next_deadlines"].as_array().map(Vec::len),
                Some(0),
                "{}",
                s["id"]
            );
        }
    }
}

fn org_types(path: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(path).unwrap();
    let inv = aiact::inventory::read_file_text(&path.display().to_string(), &text);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics.first());
    let mut out = BTreeMap::new();
    for s in &inv.systems {
        let t = s
            .answers
            .iter()
            .find(|(q, _)| q == "org_type")
            .map_or("not stated".to_string(), |(_, v)| v.display());
        *out.entry(t).or_insert(0) += 1;
    }
    out
}

#[test]
fn the_dutch_register_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err, out) = import(
        dir.path(),
        "algoritmeregister",
        &[register("algoritmeregister/algoritmes.json")],
        "nl.toml",
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1530 read, 1530 imported, 0 skipped"), "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("[[system]]\nid = \"11136893\"\n"),
        "register ids are kept"
    );
    assert!(text.contains(
        "org_type = { value = \"local-government\", source = \"algoritmeregister:organisatie\" }"
    ));
    let types = org_types(&out);
    assert_eq!(types.get("local-government"), Some(&984));
    assert_eq!(types.get("other-public"), Some(&328));
    assert_eq!(types.get("not stated"), Some(&218));
    assert_eq!(
        text.matches("org_country = { value = \"nl\", source = \"algoritmeregister:register\" }")
            .count(),
        1530,
        "every body in the register is Dutch"
    );
    let (_, doc) = batch(&out);
    assert_eq!(doc["systems"].as_array().map(Vec::len), Some(1530));
    assert_eq!(
        lifecycle(&doc),
        counts(&[("in-use", 1392), ("in-development", 73), ("retired", 65)])
    );
    check_systems(&doc);
    // Dutch summary.
    let o = aiact(&[
        "--lang",
        "nl",
        "import",
        "--from",
        "algoritmeregister",
        &register("algoritmeregister/algoritmes.json"),
        "-o",
        dir.path().join("nl2.jsonl").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("1530 gelezen, 1530 geïmporteerd, 0 overgeslagen"),
        "{err}"
    );
    assert!(
        err.contains("levensfase: in ontwikkeling 73, in gebruik 1392, buiten gebruik 65"),
        "{err}"
    );
}

#[test]
fn the_dutch_site_data_export_and_publication_standard_records() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err, out) = import(
        dir.path(),
        "algoritmeregister",
        &[register("algoritmeregister/data.json")],
        "site.toml",
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("4 read, 4 imported, 0 skipped"), "{err}");
    // One algorithm per language under the same register id: kept, made unique, reported.
    assert!(
        err.contains(
            "warning[I011]: id `16268148` appears more than once; this record became `16268148-2`"
        ),
        "{err}"
    );
    let (_, doc) = batch(&out);
    let ids: Vec<&str> = doc["systems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, ["16268148", "16268148-2", "97246956", "97246956-2"]);
    check_systems(&doc);

    let templates: Vec<String> =
        std::fs::read_dir(root().join("tests/fixtures/registers/algoritmeregister/templates-1.0"))
            .unwrap()
            .map(|e| e.unwrap().path().display().to_string())
            .collect();
    assert_eq!(templates.len(), 17);
    let (code, err, out) = import(
        dir.path(),
        "algoritmeregister",
        &templates,
        "templates.toml",
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("27 read, 27 imported, 0 skipped"), "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        !text.contains("<p>") && !text.contains("&nbsp;"),
        "HTML is stripped"
    );
    assert!(text.contains("id = \"oribi-gezichtsvergelijking\""));
    let (_, doc) = batch(&out);
    assert_eq!(
        lifecycle(&doc),
        counts(&[("in-use", 26), ("in-development", 1)])
    );
    check_systems(&doc);
    // The face comparison at the counter: a hint about biometrics, not an answer.
    let oribi = doc["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "oribi-gezichtsvergelijking")
        .unwrap();
    assert_eq!(oribi["risk"], "undetermined");
    assert!(text.contains("{ question = \"biometric_functions\""));
}

#[test]
fn the_uk_atrs_records_in_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    for (file, name) in [
        ("atrs/atrs_records.json", "uk.toml"),
        ("atrs/atrs_records.csv", "uk.csv"),
    ] {
        let (code, err, out) = import(dir.path(), "atrs", &[register(file)], name, &[]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("136 read, 136 imported, 0 skipped"),
            "{file}: {err}"
        );
        let (_, doc) = batch(&out);
        assert_eq!(doc["systems"].as_array().map(Vec::len), Some(136));
        assert_eq!(doc["systems"][0]["id"], "hmrc-ask-hmrc-online");
        assert_eq!(org_types(&out).get("other-public"), Some(&136));
        check_systems(&doc);
    }
}

#[test]
fn the_us_federal_inventories_of_2025_and_2024() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "omb/2025_individually_reported_AI_use_cases.csv",
            "3611 read, 3611 imported, 0 skipped",
            vec![
                ("in-development", 1479),
                ("in-use", 1480),
                ("retired", 314),
                ("not-stated", 338),
            ],
        ),
        (
            "omb/2025_consolidated_COTS_AI_use_cases.csv",
            "900 read, 468 imported, 432 skipped",
            vec![("in-use", 468)],
        ),
        (
            "omb/2024_consolidated_ai_inventory_raw.csv",
            "1757 read, 1757 imported, 0 skipped",
            vec![
                ("planned", 349),
                ("in-development", 626),
                ("in-use", 645),
                ("retired", 133),
                ("not-stated", 4),
            ],
        ),
        (
            "omb/2024_consolidated_ai_inventory_raw_v2.csv",
            "2133 read, 2133 imported, 0 skipped",
            vec![
                ("planned", 390),
                ("in-development", 691),
                ("in-use", 892),
                ("retired", 142),
                ("not-stated", 18),
            ],
        ),
    ];
    for (i, (file, summary, stages)) in cases.iter().enumerate() {
        let (code, err, out) = import(
            dir.path(),
            "omb",
            &[register(file)],
            &format!("us{i}.jsonl"),
            &[],
        );
        assert_eq!(code, 0, "{err}");
        assert!(err.contains(summary), "{file}: {err}");
        let (_, doc) = batch(&out);
        assert_eq!(lifecycle(&doc), counts(stages), "{file}");
        check_systems(&doc);
    }
    // The skipped COTS rows are reported with their reason.
    let (_, err, _) = import(
        dir.path(),
        "omb",
        &[register("omb/2025_consolidated_COTS_AI_use_cases.csv")],
        "cots.toml",
        &[],
    );
    assert!(
        err.contains("skipped: the agency does not use it (Agency Use = \"N\")"),
        "{err}"
    );
    // The second 2024 release is Windows-1252 with multi-line headers: read as the first.
    let v2 = std::fs::read_to_string(dir.path().join("us3.jsonl")).unwrap();
    let raw = std::fs::read_to_string(dir.path().join("us2.jsonl")).unwrap();
    let first = |t: &str| {
        t.lines()
            .next()
            .unwrap_or("")
            .split("\"owner\"")
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(first(&v2), first(&raw));
    assert!(!v2.contains('\u{fffd}'), "no replacement characters");
    // A US federal agency: a public authority outside the EU.
    assert!(raw.contains(
        "\"org_type\": {\"value\": \"other-public\", \"source\": \"omb-2024:3_agency\"}"
    ));
    assert!(
        raw.contains("\"org_country\": {\"value\": \"non-eu\", \"source\": \"omb-2024:3_agency\"}")
    );
    assert!(!raw.contains("\"local-government\""));
}

#[test]
fn the_public_sector_tech_watch_ai_cases() {
    let dir = tempfile::tempdir().unwrap();
    // Kept gzip-compressed in the repository (a web address in the data reads like a machine
    // path to the repository's checks); unpacked byte for byte before the import.
    let csv = dir.path().join("pstw_dataset.csv");
    let packed = std::fs::File::open(register("pstw/pstw_dataset.csv.gz")).unwrap();
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(packed), &mut unpacked).unwrap();
    assert_eq!(unpacked.len(), 3_291_323, "the JRC file as published");
    std::fs::write(&csv, unpacked).unwrap();
    let (code, err, out) = import(
        dir.path(),
        "pstw",
        &[csv.to_string_lossy().into_owned()],
        "eu.csv",
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("2291 read, 1805 imported, 486 skipped"),
        "{err}"
    );
    assert!(
        err.contains("skipped: not an AI case (Primary Technology = \"Blockchain\")"),
        "{err}"
    );
    let (_, doc) = batch(&out);
    assert_eq!(
        lifecycle(&doc),
        counts(&[
            ("planned", 15),
            ("in-development", 234),
            ("in-use", 1490),
            ("retired", 66)
        ])
    );
    check_systems(&doc);
    let types = org_types(&out);
    // A local government outside the EU (a UK or Swiss council) is "another public authority".
    let expected: BTreeMap<String, usize> = [
        ("local-government", 490),
        ("other-public", 875),
        ("private", 45),
        ("not stated", 395),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(types, expected);
}

#[test]
fn the_municipal_spreadsheet_imports_with_its_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let map = root()
        .join("examples/import/gemeente.map.toml")
        .display()
        .to_string();
    let csv = root()
        .join("examples/import/gemeente-ai-inventaris.csv")
        .display()
        .to_string();
    let (code, err, out) = import(
        dir.path(),
        "csv",
        std::slice::from_ref(&csv),
        "gemeente.toml",
        &["--map", &map],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("8 read, 8 imported, 0 skipped"), "{err}");
    assert!(
        err.contains("the value \"Regels\" has no translation"),
        "{err}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("[organisation]\nname = \"Gemeente Zonnedorp\"\ntype = \"local-government\"\ncountry = \"BE\"\n"));
    assert!(text.contains("interacts_with_persons = { value = true, source = \"csv:Chatbot of assistent voor burgers\" }"));
    let (_, doc) = batch(&out);
    assert_eq!(doc["organisation"]["name"], "Gemeente Zonnedorp");
    assert_eq!(
        lifecycle(&doc),
        counts(&[
            ("planned", 1),
            ("in-development", 1),
            ("in-use", 5),
            ("retired", 1)
        ])
    );
    check_systems(&doc);
    let planned = doc["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "ZD-104")
        .unwrap();
    // Duties from the planned start: a deadline, or (undetermined) the earliest date of the
    // duties that come with a possible class.
    let dates = planned["next_deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["date"])
        .chain(
            planned["possible_duties"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|g| &g["from"]),
        )
        .filter_map(Value::as_str)
        .min();
    assert_eq!(dates, Some("2027-09-01"), "duties from the planned start");

    // A misspelt column: an error in the mapping file, with the columns that exist.
    let bad = std::fs::read_to_string(&map)
        .unwrap()
        .replace("name = \"Toepassing\"", "name = \"Toepasing\"");
    let bad_map = dir.path().join("bad.map.toml");
    std::fs::write(&bad_map, &bad).unwrap();
    let line = bad.lines().position(|l| l.contains("Toepasing")).unwrap() + 1;
    let (code, err, _) = import(
        dir.path(),
        "csv",
        &[csv],
        "x.toml",
        &["--map", bad_map.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("error[I032]: column `Toepasing` is not in"),
        "{err}"
    );
    assert!(err.contains(&format!("bad.map.toml:{line}:8")), "{err}");
    assert!(err.contains("did you mean `Toepassing`?"), "{err}");
    assert!(
        err.contains("the columns are: Nr., Toepassing, Dienst"),
        "{err}"
    );
}
