//! SARIF 2.1.0 output of `aiact check`: one result per reason the check fails, located at the
//! file and line of the system's entry; waived failures carry a suppression with the waiver's
//! reason; expired waivers are warnings located in the policy file.

use super::eval::WaiverStatus;
use super::view::CheckReport;
use crate::report::InventoryReport;
use serde_json::{Value, json};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The rules a result can refer to: id and one-line description.
pub const RULES: [(&str, &str); 9] = [
    (
        "prohibited",
        "The system is classified as a prohibited AI practice (Art. 5).",
    ),
    (
        "high-risk",
        "The system is classified as high-risk (Art. 6, Annex I or Annex III).",
    ),
    (
        "limited",
        "The system has transparency duties only (Art. 50).",
    ),
    (
        "undetermined",
        "The classification, or whether evidence is required, is still undetermined: answer the open questions.",
    ),
    (
        "missing-evidence",
        "Evidence the provider must hand over is missing.",
    ),
    (
        "expired-evidence",
        "Evidence the provider handed over has expired on the assessment date.",
    ),
    (
        "risk-not-accepted",
        "The buyer's policy does not accept the system's risk class.",
    ),
    (
        "finding",
        "The buyer's policy fails a finding that holds for the system.",
    ),
    (
        "expired-waiver",
        "A waiver of the buyer's policy has expired and no longer applies.",
    ),
];

fn location(file: &str, line: usize) -> Value {
    let uri = file
        .replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20");
    if line > 0 {
        json!({ "physicalLocation": { "artifactLocation": { "uri": uri }, "region": { "startLine": line } } })
    } else {
        json!({ "physicalLocation": { "artifactLocation": { "uri": uri } } })
    }
}

/// Renders the check as a SARIF 2.1.0 log.
pub fn render_sarif(
    report: &InventoryReport<'_>,
    check: &CheckReport<'_>,
    timestamp: Option<&str>,
) -> String {
    let p = &report.provenance;
    let rules: Vec<Value> = RULES
        .iter()
        .map(|(id, text)| {
            json!({
                "id": id,
                "shortDescription": { "text": text },
                "helpUri": "https://github.com/aiact/aiact/blob/main/docs/procurement.md",
            })
        })
        .collect();
    let rule_index = |id: &str| RULES.iter().position(|(r, _)| *r == id).unwrap_or(0);
    let mut results = Vec::new();
    for s in &check.systems {
        for f in &s.failures {
            let mut r = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index(f.rule),
                "level": "error",
                "message": { "text": format!("{} ({}): {}", s.id, s.name, f.message) },
                "locations": [location(s.file, s.line)],
                "properties": { "system": s.id, "subject": f.subject },
            });
            if let Some(w) = f.waived_by.and_then(|i| s.waivers.get(i)) {
                r["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!("{} (accepted by {}, expires {}; {}:{})", w.reason, w.accepted_by, w.expires, w.file, w.line),
                }]);
            }
            results.push(r);
        }
        for w in s
            .waivers
            .iter()
            .filter(|w| w.status == WaiverStatus::Expired)
        {
            results.push(json!({
                "ruleId": "expired-waiver",
                "ruleIndex": rule_index("expired-waiver"),
                "level": "warning",
                "message": { "text": format!("{}: the waiver for `{}` expired on {} and no longer applies ({})", s.id, w.subject, w.expires, w.reason) },
                "locations": [location(&w.file, w.line)],
                "properties": { "system": s.id, "subject": w.subject },
            }));
        }
    }
    let mut doc = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "aiact",
                    "version": p.tool_version,
                    "informationUri": "https://github.com/aiact/aiact",
                    "rules": rules,
                }
            },
            "results": results,
            "properties": {
                "passed": check.passed,
                "asOf": p.as_of.to_string(),
                "rulePack": format!("{} {}", p.pack_id, p.pack_version),
                "rulePackSha256": p.pack_sha256,
                "overlays": p.overlays,
                "failOn": check.fail_on.iter().map(|l| l.name()).collect::<Vec<_>>(),
            }
        }]
    });
    if let Some(ts) = timestamp {
        doc["runs"][0]["invocations"] = json!([{ "executionSuccessful": true, "endTimeUtc": ts }]);
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
