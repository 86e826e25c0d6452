//! The rule-pack commands through the real binary: every kind of broken rule file gives its
//! exact diagnostic, the shipped pack is clean, and the outputs are stable.

use std::process::{Command, Output};

const MINI: &str = "tests/fixtures/packs/mini";

fn aiact(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("the aiact binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// (fixture, code, line, column) — each bad fixture is an overlay on the mini pack.
const BAD: &[(&str, &str, usize, usize)] = &[
    ("syntax-error", "R001", 2, 13),
    ("unknown-key", "R002", 4, 1),
    ("wrong-type", "R003", 4, 8),
    ("duplicate-id", "R004", 2, 6),
    ("bad-id", "R005", 2, 6),
    ("condition-syntax", "R006", 3, 23),
    ("unknown-name", "R007", 3, 9),
    ("compare-obligation", "R007", 3, 9),
    ("type-mismatch", "R008", 3, 9),
    ("finding-contains", "R008", 3, 9),
    ("impossible-value", "R009", 3, 28),
    ("cycle", "R010", 11, 6),
    ("missing-dutch", "R011", 4, 8),
    ("missing-citation", "R012", 2, 6),
    ("malformed-citation", "R012", 5, 9),
    ("missing-date", "R013", 2, 6),
    ("unknown-date", "R013", 8, 16),
    ("invalid-date", "R001", 8, 16),
    ("unknown-status", "R015", 6, 10),
    ("presumed-choice", "R015", 5, 21),
    ("unused-question", "R016", 2, 6),
    ("unreachable-obligation", "R017", 2, 6),
    ("second-manifest", "R018", 1, 1),
];

#[test]
fn each_bad_rule_file_gives_its_diagnostic_with_location() {
    for (fixture, code, line, col) in BAD {
        let dir = format!("tests/fixtures/bad-rules/{fixture}");
        let out = aiact(&["--rules", MINI, "--overlay", &dir, "rules", "check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{fixture}: exit code\n{err}");
        let header = format!("error[{code}]");
        let location = format!("--> {dir}/rules.toml:{line}:{col}");
        let found = err
            .split("\n\n")
            .any(|block| block.contains(&header) && block.contains(&location));
        assert!(
            found,
            "{fixture}: expected {header} at {location}, got:\n{err}"
        );
        assert!(
            err.contains("= hint:"),
            "{fixture}: every diagnostic carries a hint\n{err}"
        );
    }
}

#[test]
fn all_problems_are_reported_at_once() {
    let out = aiact(&[
        "--rules",
        MINI,
        "--overlay",
        "tests/fixtures/bad-rules/unknown-name",
        "--overlay",
        "tests/fixtures/bad-rules/missing-dutch",
        "--overlay",
        "tests/fixtures/bad-rules/cycle",
        "rules",
        "check",
    ]);
    let err = stderr(&out);
    for code in ["R004", "R007", "R011", "R010"] {
        assert!(
            err.contains(&format!("error[{code}]")),
            "missing {code}:\n{err}"
        );
    }
    assert!(err.contains("4 error(s)"), "{err}");
}

#[test]
fn a_rule_that_is_neither_question_nor_finding_gives_one_error() {
    let out = aiact(&[
        "--rules",
        MINI,
        "--overlay",
        "tests/fixtures/bad-rules/compare-obligation",
        "rules",
        "check",
    ]);
    let err = stderr(&out);
    assert_eq!(err.matches("error[").count(), 1, "{err}");
}

#[test]
fn suggestions_name_the_closest_id() {
    let out = aiact(&[
        "--rules",
        MINI,
        "--overlay",
        "tests/fixtures/bad-rules/unknown-name",
        "rules",
        "check",
    ]);
    assert!(
        stderr(&out).contains("did you mean `ai_system`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_as_json_lists_diagnostics_with_codes() {
    let out = aiact(&[
        "--rules",
        MINI,
        "--overlay",
        "tests/fixtures/bad-rules/unknown-key",
        "rules",
        "check",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["ok"], false);
    assert_eq!(v["diagnostics"][0]["code"], "R002");
    assert_eq!(v["diagnostics"][0]["location"]["line"], 4);
}

#[test]
fn the_mini_pack_is_clean_and_its_scenarios_pass() {
    let out = aiact(&["--rules", MINI, "rules", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = aiact(&["--rules", MINI, "rules", "test"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("4 passed, 0 failed"), "{text}");
}

#[test]
fn a_failing_scenario_is_reported_with_its_difference_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wrong.toml"),
        "[[scenario]]\nid = \"wrong\"\nas_of = 2026-08-02\nanswers = { uses_inference = false }\n[scenario.expect]\nrisk = \"minimal\"\n",
    )
    .unwrap();
    let out = aiact(&[
        "--rules",
        MINI,
        "--overlay",
        dir.path().to_str().unwrap(),
        "rules",
        "test",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL wrong"), "{text}");
    assert!(
        text.contains("risk: expected minimal, got not-an-ai-system"),
        "{text}"
    );
}

#[test]
fn rules_list_json_is_a_stable_contract() {
    let out = aiact(&["--rules", MINI, "rules", "list", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let practices = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "practices")
        .unwrap();
    assert_eq!(practices["type"], "multi-choice");
    assert_eq!(
        practices["values"],
        serde_json::json!(["emotion_at_work", "chat"])
    );
    let ob = v["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "art4_literacy")
        .unwrap();
    assert_eq!(ob["applies_from"][0]["date"], "2025-02-02");
    assert_eq!(ob["addressee"], serde_json::json!(["deployer"]));
    // Same inputs, same bytes.
    let again = aiact(&["--rules", MINI, "rules", "list", "--format", "json"]);
    assert_eq!(out.stdout, again.stdout);
}

#[test]
fn rules_show_speaks_dutch_and_unknown_ids_are_usage_errors() {
    let out = aiact(&[
        "--rules",
        MINI,
        "--lang",
        "nl",
        "rules",
        "show",
        "prohibited_5_1_f",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Verboden: emotieherkenning"), "{text}");
    // The labels and the citation in Dutch, the pack's keywords as written.
    assert!(
        text.contains("bron                 art. 5, lid 1, punt f)"),
        "{text}"
    );
    assert!(text.contains("titel "), "{text}");
    let out = aiact(&["--rules", MINI, "rules", "show", "prohibited_5_1_ff"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `prohibited_5_1_f`?"));
}

#[test]
fn template_lists_every_question_with_type_and_values() {
    let out = aiact(&["--rules", MINI, "template"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[[system]]"));
    assert!(text.contains("# practices = []"), "{text}");
    assert!(
        text.contains("a list of: \"emotion_at_work\", \"chat\""),
        "{text}"
    );
    let out = aiact(&["--rules", MINI, "template", "--format", "csv"]);
    let csv = String::from_utf8_lossy(&out.stdout);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,name,owner,description,users,uses_inference,military_only,own_use,practices,medical_or_safety"
        )
    );
    // The second row explains the columns; the reader skips it (its id starts with `#`).
    let help = lines.next().unwrap_or_default();
    assert!(help.starts_with("# unique id"), "{help}");
    assert!(help.contains("yes / no / unknown"), "{help}");
    assert_eq!(lines.next(), None);
}

#[test]
fn usage_errors_exit_2_and_help_documents_exit_codes() {
    let out = aiact(&["--as-of", "2026-13-01", "rules", "check"]);
    assert_eq!(out.status.code(), Some(2));
    let out = aiact(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Exit codes:") && text.contains("130"),
        "{text}"
    );
}

#[test]
fn completions_and_man_page_are_generated() {
    let out = aiact(&["completions", "bash"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("aiact"));
    let out = aiact(&["man"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH aiact"));
}

#[test]
fn missing_rules_folder_is_a_clear_error() {
    let out = aiact(&["--rules", "no/such/folder", "rules", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read `no/such/folder`"),
        "{}",
        stderr(&out)
    );
}

/// A closed standard error (`aiact … 2>&1 | head -1`) is no panic (exit 101): the error still
/// exits 2. The read end of the pipe is closed before the binary writes its message.
#[test]
fn closed_stderr_is_no_panic() {
    for args in [
        &["--rules", "no-such-dir", "rules", "check"][..],
        &["rules", "show", "no_such_id"],
        &["timeline", "no-such-answers.toml"],
        &["template", "--for", "nobody"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aiact"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the aiact binary runs");
        drop(child.stderr.take());
        let status = child.wait().expect("aiact exits");
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
}

/// Help that cannot be written (a full disk) is a tool failure, exit 2, not success.
#[test]
fn unwritable_help_exits_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not Linux
    };
    for args in [&["--help"][..], &["--version"], &["timeline"]] {
        let status = Command::new(env!("CARGO_BIN_EXE_aiact"))
            .args(args)
            .stdout(full.try_clone().expect("clone /dev/full"))
            .stderr(std::process::Stdio::null())
            .status()
            .expect("the aiact binary runs");
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
}
