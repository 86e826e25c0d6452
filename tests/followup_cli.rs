//! A full follow-up round through the real binary: batch → followup (Dutch CSV for Excel) →
//! the owners fill it in → merge → batch again. The undetermined systems become decided; an
//! answer that contradicts the inventory is reported, not written; comments survive.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const AS_OF: &str = "2026-12-06";

fn aiact(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(["--as-of", AS_OF, "--color", "never"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run aiact")
}

fn batch(inventory: &Path) -> Value {
    let out = aiact(&["batch", inventory.to_str().unwrap(), "--format", "json"]);
    serde_json::from_slice(&out.stdout).expect("batch JSON")
}

fn undetermined(doc: &Value) -> Vec<String> {
    doc["systems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["risk"] == "undetermined")
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

/// The answer of an outcome as a spreadsheet cell: what a person types.
fn cell(answer: &Value) -> String {
    match answer {
        Value::Bool(true) => "ja".into(),
        Value::Bool(false) => "nee".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

#[test]
fn a_follow_up_round_decides_the_undetermined_systems() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = dir.path().join("register.toml");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/municipality.toml"),
    )
    .unwrap();
    std::fs::write(&inventory, &original).unwrap();

    let before = batch(&inventory);
    let open = undetermined(&before);
    assert_eq!(open, ["ZD-02", "ZD-09", "ZD-13", "ZD-17", "ZD-18"]);

    let out_dir = dir.path().join("followup");
    let out = aiact(&[
        "--lang",
        "nl",
        "followup",
        inventory.to_str().unwrap(),
        "--output-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The owners answer with the value that decides, taken from the batch output's outcomes.
    let decisive: Vec<(String, String, String)> = before["systems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| {
            let q = s["deciding_questions"].get(0)?;
            let o = q["outcomes"]
                .as_array()?
                .iter()
                .find(|o| o["risk"] != "undetermined")?;
            Some((
                s["id"].as_str()?.to_string(),
                q["id"].as_str()?.to_string(),
                cell(&o["answer"]),
            ))
        })
        .collect();
    assert_eq!(decisive.len(), 5, "{decisive:?}");

    let mut files = Vec::new();
    for entry in std::fs::read_dir(&out_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            files.push(path);
        }
    }
    files.sort();
    assert_eq!(files.len(), 5, "one questionnaire per owner");
    let mut merged_files = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM for Excel");
        let text = String::from_utf8(bytes).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        assert!(
            text.starts_with("systeem;naam_systeem;vraag;vraagtekst;"),
            "{text}"
        );
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let header = r.headers().unwrap().clone();
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(Vec::new());
        w.write_record(&header).unwrap();
        for rec in r.records() {
            let rec = rec.unwrap();
            let mut row: Vec<String> = rec.iter().map(str::to_string).collect();
            // The question text is Dutch, and the allowed answers are readable.
            assert!(!row[3].is_empty() && !row[6].is_empty());
            if let Some((_, _, value)) = decisive
                .iter()
                .find(|(s, q, _)| *s == row[0] && *q == row[2])
            {
                row[7] = value.clone();
                row[8] = "Nagevraagd bij de leverancier".into();
                row[9] = "An Peeters".into();
                row[10] = "2026-12-04".into();
            }
            w.write_record(&row).unwrap();
            if row[0] == "ZD-13" {
                // A second person contradicts an answer the inventory already has.
                let mut other = row.clone();
                other[2] = "scoring_over_time".into();
                other[7] = "nee".into();
                w.write_record(&other).unwrap();
            }
        }
        let filled = dir.path().join(path.file_name().unwrap());
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend(w.into_inner().unwrap());
        std::fs::write(&filled, bytes).unwrap();
        merged_files.push(filled);
    }

    let mut args = vec!["--lang", "en", "merge", inventory.to_str().unwrap()];
    args.extend(merged_files.iter().map(|p| p.to_str().unwrap()));
    let out = aiact(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a conflict exits 1\n{stdout}\n{stderr}"
    );
    assert!(stderr.contains("M001"), "{stderr}");
    assert!(stderr.contains("scoring_over_time"), "{stderr}");
    assert!(stdout.contains("ZD-13: undetermined → "), "{stdout}");
    assert!(
        stdout.contains("answers merged: 5 · conflicts: 1 · systems that changed class: 5"),
        "{stdout}"
    );

    let after = batch(&inventory);
    assert!(
        undetermined(&after).is_empty(),
        "{:?}",
        undetermined(&after)
    );
    let text = std::fs::read_to_string(&inventory).unwrap();
    // Not overwritten; the comments and the layout are kept; who, when and why are recorded.
    assert!(text.contains("scoring_over_time = true"));
    assert!(text.contains("# What a high score leads to has not been documented"));
    assert!(text.starts_with("# Inventory of the AI systems of a Flemish municipality"));
    assert!(text.contains("by = \"An Peeters\""), "{text}");
    assert!(text.contains("on = 2026-12-04"), "{text}");
    assert!(
        text.contains("comment = \"Nagevraagd bij de leverancier\""),
        "{text}"
    );
    let untouched = original.lines().take(40).collect::<Vec<_>>().join("\n");
    assert!(
        text.starts_with(&untouched),
        "the systems before the first change are byte-identical"
    );
}
