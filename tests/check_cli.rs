//! `aiact check` through the real binary: exit codes, the evidence and waiver logic on a small
//! fixture pack, every bad input with its exact diagnostic, the JUnit and SARIF documents
//! validated, and the procurement example (policy, two offers, pipeline script) on the shipped
//! pack.

use std::path::Path;
use std::process::{Command, Output};

const PACK: &str = "tests/fixtures/check/pack";
const OFFERS: &str = "tests/fixtures/check/offers.toml";
const POLICY: &str = "tests/fixtures/check/policy.toml";
const EXAMPLES: &str = "examples/procurement";
const AS_OF: &str = "2026-11-28";

fn aiact(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .expect("the aiact binary runs")
}

/// `aiact --rules <fixture pack> --as-of <date> check ...`
fn check(args: &[&str]) -> Output {
    let mut all = vec!["--rules", PACK, "--as-of", AS_OF, "check"];
    all.extend_from_slice(args);
    aiact(&all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{}", stdout(o)))
}

fn system<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["check"]["systems"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == id))
        .unwrap_or_else(|| panic!("system {id} in the check"))
}

fn item<'a>(sys: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    sys["provider_evidence"]
        .as_array()
        .and_then(|s| s.iter().find(|i| i["id"] == id))
        .unwrap_or_else(|| panic!("evidence {id} listed"))
}

/// The 1-based line of the n-th `[[system]]` of a file.
fn system_line(path: &str, n: usize) -> usize {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("fixture readable");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[system]]")
        .nth(n)
        .map(|(i, _)| i + 1)
        .expect("a [[system]]")
}

// ------------------------------------------------------------------------------------------
// Mechanics on the fixture pack
// ------------------------------------------------------------------------------------------

#[test]
fn without_policy_only_what_the_law_requires_now_counts() {
    // On 2026-11-28 the high-risk duties (2027-12-02) are upcoming: their evidence is listed
    // but not required yet; the Art. 50(2) marking applies and is present.
    let o = check(&[OFFERS, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = json(&o);
    assert_eq!(doc["check"]["passed"], true);
    assert_eq!(
        doc["check"]["fail_on"],
        serde_json::json!([
            "prohibited",
            "undetermined",
            "missing-evidence",
            "expired-evidence"
        ])
    );
    let cv = system(&doc, "CV-1");
    let logs = item(cv, "logging_capability_description");
    assert_eq!(logs["requirement"], "upcoming");
    assert_eq!(logs["required_from"], "2027-12-02");
    assert_eq!(logs["status"], "missing");
    assert_eq!(logs["required_now"], false);
    // Present via an entry keyed by the obligation id.
    let ifu = item(cv, "instructions_for_use");
    assert_eq!(ifu["status"], "present");
    assert_eq!(ifu["reference"], "https://vendor.example/cv-1/ifu.pdf");
    // The buyer's duties, with their dates.
    let duties: Vec<(&str, &str)> = cv["buyer_duties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        duties,
        vec![
            ("art4_ai_literacy", "applies"),
            ("deployer_26_6_logs", "upcoming")
        ]
    );
    // The batch report is there too.
    assert_eq!(doc["systems"][0]["risk"], "high-risk");
    assert_eq!(doc["provenance"]["as_of"], AS_OF);
}

#[test]
fn fail_on_high_risk_fails_the_high_risk_system_only() {
    let o = check(&[OFFERS, "--fail-on", "high-risk", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc = json(&o);
    assert_eq!(system(&doc, "CV-1")["passed"], false);
    assert_eq!(system(&doc, "CV-1")["failures"][0]["rule"], "high-risk");
    assert_eq!(system(&doc, "CHAT-1")["passed"], true);
    // --no-fail: the same report, exit 0.
    let observe = check(&[
        OFFERS,
        "--fail-on",
        "high-risk",
        "--format",
        "json",
        "--no-fail",
    ]);
    assert_eq!(observe.status.code(), Some(0));
    let doc = json(&observe);
    assert_eq!(doc["check"]["passed"], false);
    assert_eq!(doc["check"]["observe_only"], true);
}

#[test]
fn policy_requires_upcoming_evidence_and_applies_its_waiver() {
    let o = check(&[OFFERS, "--policy", POLICY, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    let cv = system(&doc, "CV-1");
    // require_upcoming: the logging description is required now, and missing.
    let logs = item(cv, "logging_capability_description");
    assert_eq!(logs["required_now"], true);
    // Beyond the law: the policy's accuracy report, waived until 2027-03-31.
    let acc = item(cv, "accuracy_robustness_test_report");
    assert_eq!(acc["required_by"], serde_json::json!(["policy"]));
    assert_eq!(
        acc["policy_reason"],
        "We compare the declared accuracy in the tender."
    );
    let failures = cv["failures"].as_array().unwrap();
    let waived: Vec<&str> = failures
        .iter()
        .filter(|f| f.get("waived_by").is_some())
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    let open: Vec<&str> = failures
        .iter()
        .filter(|f| f.get("waived_by").is_none())
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    assert_eq!(waived, vec!["accuracy_robustness_test_report"]);
    assert_eq!(open, vec!["logging_capability_description"]);
    assert_eq!(cv["waivers"][0]["status"], "applied");
    assert_eq!(cv["waivers"][0]["accepted_by"], "J. Peeters, procurement");
    // The DoC is present today but expires before it is required.
    let doc_item = item(cv, "eu_declaration_of_conformity");
    assert_eq!(doc_item["status"], "present");
    assert!(
        doc_item["note"]
            .as_str()
            .unwrap_or("")
            .contains("before it is required")
    );
    assert_eq!(system(&doc, "CHAT-1")["passed"], true);
}

#[test]
fn expired_evidence_and_expired_waiver() {
    // On 2027-06-01 the waiver (until 2027-03-31) has expired, and so has the DoC (2027-01-10).
    let o = aiact(&[
        "--rules",
        PACK,
        "--as-of",
        "2027-06-01",
        "check",
        OFFERS,
        "--policy",
        POLICY,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let doc = json(&o);
    let cv = system(&doc, "CV-1");
    assert_eq!(
        item(cv, "eu_declaration_of_conformity")["status"],
        "expired"
    );
    let rules: Vec<(&str, &str)> = cv["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["subject"].as_str().unwrap()))
        .collect();
    assert!(
        rules.contains(&("expired-evidence", "eu_declaration_of_conformity")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("missing-evidence", "accuracy_robustness_test_report")),
        "{rules:?}"
    );
    assert!(
        cv["failures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f.get("waived_by").is_none())
    );
    assert_eq!(cv["waivers"][0]["status"], "expired");
    let err = stderr(&o);
    assert!(err.contains("warning[P012]"), "{err}");
    assert!(
        err.contains("tests/fixtures/check/policy.toml:12:1"),
        "{err}"
    );
    // The expiry date itself is still valid: on 2027-01-10 the DoC is present.
    let o = aiact(&[
        "--rules",
        PACK,
        "--as-of",
        "2027-01-10",
        "check",
        OFFERS,
        "--format",
        "json",
    ]);
    assert_eq!(
        item(system(&json(&o), "CV-1"), "eu_declaration_of_conformity")["status"],
        "present"
    );
}

#[test]
fn unanswered_questions_fail_as_undetermined() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("open.toml");
    std::fs::write(&path, "[[system]]\nid = \"OPEN-1\"\n\n[system.answers]\nai_system = true\norg_activities = [\"uses\"]\n").unwrap();
    let o = check(&[path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json(&o);
    let sys = system(&doc, "OPEN-1");
    assert_eq!(sys["risk"], "undetermined");
    assert_eq!(sys["failures"][0]["rule"], "undetermined");
    // Failing only on missing evidence, the same input passes: nothing is required for sure.
    let o = check(&[path.to_str().unwrap(), "--fail-on", "missing-evidence"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn output_is_deterministic_and_only_the_document_is_on_stdout() {
    for format in ["json", "junit", "sarif", "markdown", "table"] {
        let a = check(&[OFFERS, "--policy", POLICY, "--format", format]);
        let b = check(&[OFFERS, "--policy", POLICY, "--format", format]);
        assert_eq!(a.stdout, b.stdout, "{format} output differs between runs");
        assert!(
            !stdout(&a).contains("warning["),
            "{format}: diagnostics leaked to stdout"
        );
    }
    assert!(
        json(&check(&[OFFERS, "--format", "json"]))
            .get("generated")
            .is_none()
    );
    let stamped = aiact(&[
        "--rules",
        PACK,
        "--timestamp",
        "check",
        OFFERS,
        "--format",
        "json",
    ]);
    assert!(
        json(&stamped)["generated"].is_string(),
        "--timestamp adds the generation time"
    );
    assert!(stdout(&check(&[OFFERS, "--format", "junit"])).starts_with("<?xml"));
    assert!(stdout(&check(&[OFFERS, "--format", "markdown"])).starts_with("# Procurement check"));
}

#[test]
fn dutch_output() {
    let o = aiact(&[
        "--rules", PACK, "--as-of", AS_OF, "--lang", "nl", "check", OFFERS, "--policy", POLICY,
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("Bewijsstukken te verkrijgen van de aanbieder"),
        "{out}"
    );
    assert!(out.contains("ontbreekt"), "{out}");
    assert!(out.contains("MISLUKT"), "{out}");
}

// ------------------------------------------------------------------------------------------
// Bad input: each a clear error at file, line and column, exit 2, nothing on stdout
// ------------------------------------------------------------------------------------------

/// (policy fixture, code, line, column, a word of the message)
const BAD_POLICIES: &[(&str, &str, usize, usize, &str)] = &[
    ("policy-syntax", "P001", 1, 8, "TOML syntax error"),
    (
        "policy-unknown-key",
        "P002",
        3,
        1,
        "did you mean `accept_risk`?",
    ),
    (
        "policy-unknown-level",
        "P005",
        2,
        32,
        "did you mean `high-risk`?",
    ),
    (
        "policy-unknown-finding",
        "P006",
        2,
        21,
        "did you mean `high_risk_annex_iii_4_a`?",
    ),
    (
        "policy-unknown-evidence",
        "P007",
        5,
        12,
        "did you mean `eu_declaration_of_conformity`?",
    ),
    ("policy-invalid-date", "P008", 5, 11, "is not a date"),
    (
        "policy-incomplete-waiver",
        "P009",
        1,
        1,
        "has no `accepted_by`",
    ),
    ("policy-waive-prohibited", "P010", 2, 8, "cannot be waived"),
    // An empty or truncated policy must not pass the gate on looser defaults.
    ("policy-empty", "P013", 1, 1, "the policy is empty"),
    (
        "policy-no-fail-on",
        "P013",
        4,
        1,
        "does not say what it fails on",
    ),
];

#[test]
fn every_bad_policy_gives_its_diagnostic() {
    for (name, code, line, col, words) in BAD_POLICIES {
        let path = format!("tests/fixtures/check/bad/{name}.toml");
        let o = check(&[OFFERS, "--policy", &path]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: nothing on stdout");
        assert!(
            err.contains(&format!("error[{code}]")),
            "{name}: expected {code}:\n{err}"
        );
        assert!(
            err.contains(&format!("{path}:{line}:{col}")),
            "{name}: expected {path}:{line}:{col}:\n{err}"
        );
        assert!(err.contains(words), "{name}: expected `{words}`:\n{err}");
    }
}

/// (input fixture, code, line, column, a word of the message)
const BAD_INPUTS: &[(&str, &str, usize, usize, &str)] = &[
    ("answers-syntax", "A010", 3, 21, "TOML syntax error"),
    (
        "answers-unknown-question",
        "A001",
        5,
        1,
        "did you mean `ai_system`?",
    ),
    (
        "evidence-unknown-kind",
        "C001",
        14,
        1,
        "did you mean `instructions_for_use`?",
    ),
    ("evidence-invalid-date", "A013", 9, 32, "is not a date"),
];

#[test]
fn every_bad_input_gives_its_diagnostic() {
    for (name, code, line, col, words) in BAD_INPUTS {
        let path = format!("tests/fixtures/check/bad/{name}.toml");
        let o = check(&[&path]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: nothing on stdout");
        assert!(
            err.contains(&format!("error[{code}]")),
            "{name}: expected {code}:\n{err}"
        );
        assert!(
            err.contains(&format!("{path}:{line}:{col}")),
            "{name}: expected {path}:{line}:{col}:\n{err}"
        );
        assert!(err.contains(words), "{name}: expected `{words}`:\n{err}");
    }
}

#[test]
fn bad_usage_exits_2() {
    let o = check(&[OFFERS, "--fail-on", "high-risk,bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'bogus' for '--fail-on"),
        "{}",
        stderr(&o)
    );
    let o = check(&["tests/fixtures/check/no-such-file.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error[C002]"), "{}", stderr(&o));
    let o = check(&[
        OFFERS,
        "--policy",
        "tests/fixtures/check/no-such-policy.toml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error[P011]"), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let twice = dir.path().join("twice.toml");
    std::fs::write(&twice, "[[system]]\nid = \"A\"\n\n[[system]]\nid = \"A\"\n").unwrap();
    let o = check(&[twice.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error[A015]"), "{}", stderr(&o));
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "# nothing\n").unwrap();
    let o = check(&[empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error[A016]"), "{}", stderr(&o));
}

// ------------------------------------------------------------------------------------------
// SARIF and JUnit documents
// ------------------------------------------------------------------------------------------

#[test]
fn sarif_has_the_required_fields_and_points_at_the_system_entry() {
    let o = check(&[OFFERS, "--policy", POLICY, "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let doc = json(&o);
    assert_eq!(doc["version"], "2.1.0");
    assert!(
        doc["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif-2.1.0"))
    );
    let runs = doc["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["tool"]["driver"]["name"], "aiact");
    let rules: Vec<&str> = runs[0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = runs[0]["results"].as_array().expect("results");
    assert_eq!(
        results.len(),
        2,
        "one open and one waived failure: {results:#?}"
    );
    let cv_line = system_line(OFFERS, 0);
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        assert!(rules.contains(&id), "{id} is a declared rule");
        assert!(r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], OFFERS);
        assert_eq!(loc["region"]["startLine"], cv_line);
    }
    let waived: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(waived.len(), 1);
    assert!(
        waived[0]["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .contains("Report promised before go-live")
    );
}

/// A parsed JUnit document: (suite name, suite attributes, cases as (name, outcome)).
type Suite = (String, Vec<(String, String)>, Vec<(String, String)>);

#[allow(deprecated)] // `unescape_value` is what quick-xml 0.42 still documents for plain attributes
fn parse_junit(xml: &str) -> Vec<Suite> {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut reader = Reader::from_str(xml);
    let mut suites: Vec<Suite> = Vec::new();
    let attrs = |e: &quick_xml::events::BytesStart<'_>| -> Vec<(String, String)> {
        e.attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    a.key.0.to_string(),
                    a.unescape_value().expect("escaped value").into_owned(),
                )
            })
            .collect()
    };
    let get = |v: &[(String, String)], k: &str| {
        v.iter()
            .find(|(n, _)| n == k)
            .map(|(_, x)| x.clone())
            .unwrap_or_default()
    };
    let mut roots = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().0 == "testsuites" => roots += 1,
            Event::Start(e) if e.name().0 == "testsuite" => {
                let a = attrs(&e);
                suites.push((get(&a, "name"), a, Vec::new()));
            }
            Event::Start(e) | Event::Empty(e) if e.name().0 == "testcase" => {
                let a = attrs(&e);
                suites
                    .last_mut()
                    .expect("a case inside a suite")
                    .2
                    .push((get(&a, "name"), "passed".into()));
            }
            Event::Start(e) | Event::Empty(e)
                if e.name().0 == "failure" || e.name().0 == "skipped" =>
            {
                let outcome = e.name().0.to_string();
                let case = suites
                    .last_mut()
                    .and_then(|s| s.2.last_mut())
                    .expect("inside a case");
                case.1 = outcome;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(roots, 1, "one <testsuites> root");
    suites
}

#[test]
fn junit_parses_back_with_a_suite_per_system_and_a_case_per_item() {
    let o = check(&[OFFERS, "--policy", POLICY, "--format", "junit"]);
    assert_eq!(o.status.code(), Some(1));
    let suites = parse_junit(&stdout(&o));
    assert_eq!(suites.len(), 2);
    let (name, attrs, cases) = &suites[0];
    assert_eq!(name, "CV-1 — CV screening");
    let attr = |k: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(attr("tests"), cases.len().to_string());
    assert_eq!(
        attr("failures"),
        cases
            .iter()
            .filter(|c| c.1 == "failure")
            .count()
            .to_string()
    );
    assert_eq!(attr("skipped"), "1");
    let outcome = |prefix: &str| {
        cases
            .iter()
            .find(|c| c.0.starts_with(prefix))
            .map(|c| c.1.as_str())
            .unwrap_or_else(|| panic!("case {prefix}"))
    };
    assert_eq!(outcome("classification"), "passed");
    assert_eq!(
        outcome("evidence: logging_capability_description"),
        "failure"
    );
    assert_eq!(
        outcome("evidence: accuracy_robustness_test_report"),
        "skipped"
    );
    assert_eq!(outcome("evidence: eu_declaration_of_conformity"), "passed");
    let (_, _, chat) = &suites[1];
    assert!(chat.iter().all(|c| c.1 == "passed"));
}

// ------------------------------------------------------------------------------------------
// The procurement template and the example, on the shipped rule pack
// ------------------------------------------------------------------------------------------

#[test]
fn procurement_template_is_bilingual_and_reads_back_as_an_offer() {
    let o = aiact(&["template", "--for", "procurement"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("# NL: ") && text.contains("# EN: "));
    for evidence in [
        "eu_declaration_of_conformity",
        "ce_marking",
        "eu_database_registration",
        "instructions_for_use",
        "logging_capability_description",
        "human_oversight_design",
        "not_high_risk_assessment",
        "synthetic_content_marking",
        "gpai_downstream_information",
    ] {
        assert!(
            text.contains(&format!("\n# {evidence} = {{")),
            "the questionnaire asks for {evidence}"
        );
    }
    // Filled in with an id only, it is a valid (undetermined) offer: the check runs (exit 1, not 2).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offer.toml");
    std::fs::write(&path, text.replacen("id = \"\"", "id = \"OFFER-1\"", 1)).unwrap();
    let o = aiact(&[
        "--as-of",
        AS_OF,
        "check",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json(&o)["check"]["systems"][0]["risk"], "undetermined");
    // CSV is refused for the questionnaire.
    assert_eq!(
        aiact(&["template", "--for", "procurement", "--format", "csv"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn example_offers_on_the_shipped_pack() {
    let policy = format!("{EXAMPLES}/aiact-policy.toml");
    let a = aiact(&[
        "--as-of",
        AS_OF,
        "check",
        &format!("{EXAMPLES}/vendor-a.toml"),
        "--policy",
        &policy,
        "--format",
        "json",
    ]);
    assert_eq!(a.status.code(), Some(0), "{}\n{}", stdout(&a), stderr(&a));
    let doc = json(&a);
    let bot = system(&doc, "CITYBOT");
    assert_eq!(bot["risk"], "limited");
    assert_eq!(item(bot, "ai_interaction_disclosure")["status"], "present");

    let b = aiact(&[
        "--as-of",
        AS_OF,
        "check",
        &format!("{EXAMPLES}/vendor-b.toml"),
        "--policy",
        &policy,
        "--format",
        "json",
    ]);
    assert_eq!(b.status.code(), Some(1), "{}", stderr(&b));
    let doc = json(&b);
    let tr = system(&doc, "TALENTRANK");
    assert_eq!(tr["risk"], "high-risk");
    let open: Vec<(&str, &str)> = tr["failures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("waived_by").is_none())
        .map(|f| (f["rule"].as_str().unwrap(), f["subject"].as_str().unwrap()))
        .collect();
    assert_eq!(
        open,
        vec![("missing-evidence", "eu_declaration_of_conformity")]
    );
    assert_eq!(tr["waivers"][0]["status"], "expired");
    assert_eq!(tr["waivers"][0]["subject"], "eu_declaration_of_conformity");
    // The provider-side evidence the issue names, taken from the pack's catalogue.
    for id in [
        "eu_declaration_of_conformity",
        "ce_marking",
        "eu_database_registration",
        "instructions_for_use",
        "logging_capability_description",
        "human_oversight_design",
    ] {
        item(tr, id);
    }
    // The buyer's own duties, with dates: Art. 26, Art. 27 FRIA, Art. 49(3), Art. 86.
    let duties: Vec<&str> = tr["buyer_duties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    for id in [
        "art4_ai_literacy",
        "deployer_26_6_logs",
        "deployer_27_fria",
        "deployer_49_3_register_use",
        "deployer_86_explanation",
    ] {
        assert!(duties.contains(&id), "{id} in {duties:?}");
    }
    assert!(stderr(&b).contains("warning[P012]"));
    // Vendor A's check does not warn about vendor B's waiver.
    assert!(!stderr(&a).contains("P012"), "{}", stderr(&a));
}

#[test]
fn pipeline_script_runs_the_gate() {
    let bin = Path::new(env!("CARGO_BIN_EXE_aiact"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |observe: &str| {
        Command::new("sh")
            .arg(format!("{EXAMPLES}/check-offers.sh"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("PATH", &path)
            .env("AIACT_AS_OF", AS_OF)
            .env("AIACT_OUT", &out)
            .env("AIACT_OBSERVE", observe)
            .env_remove("LANG")
            .output()
            .expect("sh runs")
    };
    let o = run("0");
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}\n{}", stderr(&o));
    assert!(
        text.lines()
            .any(|l| l.starts_with("PASSED") && l.ends_with("vendor-a.toml")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("FAILED") && l.ends_with("vendor-b.toml")),
        "{text}"
    );
    for file in [
        "vendor-a.junit.xml",
        "vendor-b.junit.xml",
        "vendor-a.sarif",
        "vendor-b.sarif",
        "vendor-b.md",
        "vendor-b.json",
    ] {
        let p = out.join(file);
        assert!(p.metadata().is_ok_and(|m| m.len() > 0), "{file} written");
    }
    let junit = std::fs::read_to_string(out.join("vendor-b.junit.xml")).unwrap();
    let suites = parse_junit(&junit);
    assert!(
        suites[0]
            .2
            .iter()
            .any(|c| c.0.starts_with("evidence: eu_declaration_of_conformity") && c.1 == "failure")
    );
    // Observe mode: same reports, exit 0.
    assert_eq!(run("1").status.code(), Some(0));
    // The binary can also be passed in explicitly; invalid input gives 2.
    let bad = Command::new("sh")
        .arg(format!("{EXAMPLES}/check-offers.sh"))
        .arg("tests/fixtures/check/bad/answers-syntax.toml")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AIACT", bin)
        .env("AIACT_OUT", &out)
        .output()
        .expect("sh runs");
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
}

/// Text from an offer never drives the terminal: escape sequences and NUL in a name, an id, an
/// evidence reference or an unknown answer come out as spaces in the report and the
/// diagnostics (they went out raw).
#[test]
fn control_characters_in_an_offer_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let offer = std::fs::read_to_string(Path::new(EXAMPLES).join("vendor-a.toml"))
        .expect("the example offer")
        .replace("id = \"CITYBOT\"", "id = \"CITY\\u001b[2JBOT\"")
        .replace(
            "name = \"CityBot virtual assistant\"",
            "name = \"City\\u0000Bot \\u001b[31mred\\u009b\"",
        )
        .replace(
            "reference = \"https://",
            "reference = \"\\u001b]0;title\\u0007https://",
        );
    let path = dir.path().join("offer.toml");
    std::fs::write(&path, &offer).expect("write the offer");
    let path = path.to_str().expect("utf-8 path");
    for format in ["table", "markdown"] {
        let o = aiact(&["--as-of", AS_OF, "check", path, "--format", format]);
        let out = stdout(&o);
        // Markdown escapes the `[` that would start a link.
        let id = if format == "markdown" {
            "CITY \\[2JBOT"
        } else {
            "CITY [2JBOT"
        };
        assert!(out.contains(id), "{format}: {out}");
        assert!(
            !out.contains(['\u{1b}', '\u{0}', '\u{7}', '\u{9b}']),
            "{format}"
        );
    }
    let bad = offer.replace("machine_based = true", "\"x\\u001b[2J\" = true");
    std::fs::write(dir.path().join("offer.toml"), bad).expect("write the offer");
    let o = aiact(&["--as-of", AS_OF, "check", path]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("x [2J"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}

/// An inventory in JSON is checked like the same inventory in TOML.
#[test]
fn a_json_inventory_is_checked_like_its_toml() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("offers.json");
    // Convert the TOML offers to a JSON inventory through the shared reader and writer.
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(OFFERS))
            .unwrap();
    let inv = aiact::inventory::read_toml(OFFERS, &text);
    let systems: Vec<serde_json::Value> = inv
        .systems
        .iter()
        .map(|s| {
            let answers: serde_json::Map<String, serde_json::Value> = s.answers.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
            let evidence: serde_json::Map<String, serde_json::Value> = s
                .evidence
                .iter()
                .map(|e| {
                    let mut m = serde_json::json!({ "reference": e.reference });
                    if let Some(d) = e.issued {
                        m["issued"] = serde_json::json!(d.to_string());
                    }
                    if let Some(d) = e.expires {
                        m["expires"] = serde_json::json!(d.to_string());
                    }
                    (e.key.clone(), m)
                })
                .collect();
            serde_json::json!({ "id": s.id, "name": s.name, "owner": s.owner, "description": s.description, "answers": answers, "evidence": evidence })
        })
        .collect();
    std::fs::write(
        &json,
        serde_json::to_string_pretty(&serde_json::json!({ "systems": systems })).unwrap(),
    )
    .unwrap();
    let from_toml = check(&[OFFERS, "--policy", POLICY, "--format", "junit"]);
    let from_json = check(&[
        json.to_str().unwrap(),
        "--policy",
        POLICY,
        "--format",
        "junit",
    ]);
    assert_eq!(
        from_json.status.code(),
        from_toml.status.code(),
        "{}",
        stderr(&from_json)
    );
    let verdicts = |o: &Output| {
        stdout(o)
            .lines()
            .filter(|l| l.contains("<testsuite "))
            .map(|l| l.replace(OFFERS, "").replace(json.to_str().unwrap(), ""))
            .collect::<Vec<_>>()
    };
    assert!(!verdicts(&from_toml).is_empty());
    assert_eq!(verdicts(&from_json), verdicts(&from_toml));
}

/// A bidder's text cannot steer the procurement memo: links, images, headings and HTML in a
/// name, an owner or an evidence reference are escaped as batch Markdown escapes them.
#[test]
fn markdown_memo_escapes_the_bidders_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let offer = std::fs::read_to_string(Path::new(EXAMPLES).join("vendor-a.toml"))
        .expect("the example offer")
        .replace(
            "name = \"CityBot virtual assistant\"",
            "name = \"# Approved [click](https://evil.example) ![x](https://evil.example/p.png) <script>alert(1)</script>\"",
        )
        .replace("reference = \"https://", "reference = \"**PASSED** <img src=x> https://");
    let path = dir.path().join("offer.toml");
    std::fs::write(&path, &offer).expect("write the offer");
    let path = path.to_str().expect("utf-8 path");
    let o = aiact(&[
        "--as-of",
        AS_OF,
        "check",
        path,
        "--format",
        "markdown",
        "--no-fail",
    ]);
    let out = stdout(&o);
    for raw in ["[click](", "![x](", "<script>", "<img", "**PASSED** <"] {
        assert!(!out.contains(raw), "`{raw}` went out raw:\n{out}");
    }
    assert!(out.contains("\\# Approved \\[click\\]"), "{out}");
    assert!(out.contains("&lt;script&gt;"), "{out}");
}
