//! The committed JSON Schema of the report (`docs/report-schema.json`) matches the types.
//! `UPDATE_SNAPSHOTS=1 cargo test --test report_schema` rewrites it.

use aiact::report::InventoryReport;

#[test]
fn committed_schema_matches_the_report_types() {
    let schema = schemars::schema_for!(InventoryReport);
    let generated = serde_json::to_string_pretty(&schema).expect("schema serialises") + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report-schema.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/report-schema.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    // Compare as JSON values so that formatting alone is not a difference.
    let committed_value: serde_json::Value = serde_json::from_str(&committed)
        .unwrap_or_else(|e| panic!("docs/report-schema.json is missing or not JSON ({e}); run UPDATE_SNAPSHOTS=1 cargo test --test report_schema"));
    let generated_value: serde_json::Value =
        serde_json::from_str(&generated).expect("generated schema is JSON");
    assert!(
        committed_value == generated_value,
        "docs/report-schema.json is out of date with src/report/model.rs; run UPDATE_SNAPSHOTS=1 cargo test --test report_schema and commit it"
    );
    // The schema describes what the report promises.
    let props = &generated_value["properties"];
    for key in [
        "provenance",
        "language",
        "totals",
        "calendar",
        "plan",
        "systems",
    ] {
        assert!(props.get(key).is_some(), "schema lacks `{key}`");
    }
}

/// The compact inventory document of `batch --format json` has its own committed schema.
#[test]
fn committed_batch_schema_matches_the_summary_types() {
    let schema = schemars::schema_for!(aiact::report::summary::InventorySummary);
    let generated = serde_json::to_string_pretty(&schema).expect("schema serialises") + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/batch-schema.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/batch-schema.json");
    }
    let committed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
        .unwrap_or_else(|e| panic!("docs/batch-schema.json is missing or not JSON ({e}); run UPDATE_SNAPSHOTS=1 cargo test --test report_schema"));
    let generated: serde_json::Value =
        serde_json::from_str(&generated).expect("generated schema is JSON");
    assert!(
        committed == generated,
        "docs/batch-schema.json is out of date; run UPDATE_SNAPSHOTS=1 cargo test --test report_schema and commit it"
    );
    for key in ["provenance", "language", "systems", "totals", "catalogue"] {
        assert!(
            generated["properties"].get(key).is_some(),
            "schema lacks `{key}`"
        );
    }
    let system = &generated["$defs"]["SystemSummary"]["properties"];
    for key in [
        "id",
        "risk",
        "reasons",
        "roles",
        "obligations",
        "open_questions",
        "notes",
    ] {
        assert!(system.get(key).is_some(), "a system lacks `{key}`");
    }
}
