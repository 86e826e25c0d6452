//! `aiact batch` through the real binary: the example inventory, every encoding, the exit
//! codes, per-system reports, bad input and a real public register.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const AS_OF: &str = "2026-12-01";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/inventories").join(name)
}

fn aiact(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aiact"));
    cmd.args(["--as-of", AS_OF, "--lang", "en", "--color", "never"])
        .args(args)
        .env("NO_COLOR", "1");
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run aiact");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    child.wait_with_output().expect("aiact output")
}

fn batch_json(path: &Path, extra: &[&str]) -> (i32, Value, String) {
    let p = path.to_str().expect("utf-8 path");
    let mut args = vec!["batch", p, "--format", "json"];
    args.extend_from_slice(extra);
    let out = aiact(&args, None);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr)
}

/// (id, risk) of every system, in report order.
fn risks(report: &Value) -> Vec<(String, String)> {
    report["systems"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| {
                    (
                        s["id"].as_str().unwrap_or("").to_string(),
                        s["risk"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn risk_of<'a>(risks: &'a [(String, String)], id: &str) -> &'a str {
    risks
        .iter()
        .find(|(i, _)| i == id)
        .map_or("<missing>", |(_, r)| r.as_str())
}

#[test]
fn municipality_example_has_the_expected_classes() {
    let (code, report, stderr) = batch_json(&root().join("examples/municipality.toml"), &[]);
    assert_eq!(code, 0, "{stderr}");
    let r = risks(&report);
    assert_eq!(r.len(), 18);
    let ids: Vec<&str> = r.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(ids[..3], ["ZD-01", "ZD-02", "ZD-03"], "inventory order");
    for (id, expected) in [
        ("ZD-14", "high-risk"),  // CV screening: Annex III 4(a)
        ("ZD-12", "high-risk"),  // benefit eligibility scoring: Annex III 5(a), profiling
        ("ZD-15", "prohibited"), // staff emotion recognition: Art. 5(1)(f)
        ("ZD-05", "limited"),    // website assistant: Art. 50(1)
        ("ZD-06", "limited"),    // generated campaign visuals: deep fakes, Art. 50(4)
        ("ZD-07", "minimal"),    // document processing: Art. 6(3) narrow procedural task
        ("ZD-08", "minimal"),    // litter photos
        ("ZD-16", "not-an-ai-system"),
        ("ZD-02", "undetermined"), // Annex III areas unknown
        ("ZD-09", "undetermined"), // safety component or not: unknown
        ("ZD-13", "undetermined"), // fraud scoring: what the score leads to is unknown
        ("ZD-17", "undetermined"), // nothing known yet
        ("ZD-18", "undetermined"), // Art. 5(1)(f) safety exception not assessed yet
    ] {
        assert_eq!(risk_of(&r, id), expected, "{id}");
    }
    let fraud = &report["systems"][12];
    assert_eq!(fraud["id"], "ZD-13");
    // Undetermined: the questions that decide it, not every open one.
    let deciding: Vec<&str> = fraud["deciding_questions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|q| q["id"].as_str())
        .collect();
    assert!(deciding.contains(&"score_consequence"), "{deciding:?}");
    assert!(fraud.get("open_questions").is_none(), "{fraud}");
    // The texts of what systems refer to are given once, in the catalogue.
    assert!(
        report["catalogue"]["questions"]["score_consequence"]["title"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(report["provenance"]["as_of"], AS_OF);
    assert!(
        report["provenance"]["pack_sha256"]
            .as_str()
            .is_some_and(|s| s.len() == 64)
    );
    let total: u64 = report["totals"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["count"].as_u64())
        .sum();
    assert_eq!(total, 18);
}

/// ZD-18: the class hangs on the Art. 5(1)(f) safety exception (prohibited or high-risk), but
/// AI literacy holds in both: the batch line says so although three-valued logic alone, with
/// the open-source licence of Art. 2(12), leaves the scope open.
#[test]
fn a_duty_certain_in_every_branch_applies_while_the_class_is_undetermined() {
    let (_, report, stderr) = batch_json(&root().join("examples/municipality.toml"), &[]);
    let s = report["systems"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["id"] == "ZD-18")
        .unwrap_or_else(|| panic!("ZD-18 missing: {stderr}"));
    assert_eq!(s["risk"], "undetermined");
    assert_eq!(
        s["possible_risks"],
        serde_json::json!(["prohibited", "high-risk"])
    );
    assert_eq!(s["roles"], serde_json::json!(["deployer"]));
    let art4 = s["obligations"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["id"] == "art4_ai_literacy")
        .expect("Art. 4 listed");
    assert_eq!(art4["status"], "applies");
    assert_eq!(art4["applies_from"], "2025-02-02");
    let deciding = &s["deciding_questions"];
    assert_eq!(deciding[0]["id"], "emotion_medical_safety");
    assert_eq!(deciding[0]["outcomes"][0]["risk"], "high-risk");
    assert_eq!(deciding[0]["outcomes"][1]["risk"], "prohibited");
    // The duties of the high-risk branch stay open, grouped once.
    let groups: Vec<&str> = s["possible_duties"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["risk"].as_str())
        .collect();
    assert!(groups.contains(&"high-risk"), "{groups:?}");
}

#[test]
fn csv_json_and_json_lines_give_the_same_results_as_toml() {
    let (_, toml, _) = batch_json(&root().join("examples/municipality.toml"), &[]);
    let (code, csv, stderr) = batch_json(&root().join("examples/municipality.csv"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(risks(&csv), risks(&toml));
    // The same systems as JSON and JSON Lines, built from the TOML with the library.
    let text = std::fs::read_to_string(root().join("examples/municipality.toml")).expect("example");
    let inv = aiact::inventory::read_inventory(
        "municipality.toml",
        &text,
        aiact::inventory::InputFormat::Toml,
    );
    let objects: Vec<Value> = inv
        .systems
        .iter()
        .map(|s| {
            let answers: serde_json::Map<String, Value> = s.answers.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
            serde_json::json!({ "id": s.id, "name": s.name, "owner": s.owner, "description": s.description, "answers": answers })
        })
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let json_path = dir.path().join("inv.json");
    std::fs::write(
        &json_path,
        serde_json::to_string_pretty(&serde_json::json!({ "systems": objects })).expect("json"),
    )
    .expect("write");
    let jsonl_path = dir.path().join("inv.jsonl");
    let lines: Vec<String> = objects.iter().map(|o| o.to_string()).collect();
    std::fs::write(&jsonl_path, lines.join("\n") + "\n").expect("write");
    for path in [&json_path, &jsonl_path] {
        let (code, report, stderr) = batch_json(path, &[]);
        assert_eq!(code, 0, "{}: {stderr}", path.display());
        assert_eq!(risks(&report), risks(&toml), "{}", path.display());
    }
}

#[test]
fn standard_input_with_detected_format() {
    let csv = std::fs::read(root().join("examples/municipality.csv")).expect("example");
    let out = aiact(&["batch", "-", "--format", "csv"], Some(&csv));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("ZD-15,") && l.contains("prohibited")),
        "{text}"
    );
    let jsonl =
        b"{\"id\": \"A\", \"answers\": {\"subject_kind\": \"ai-system\"}}\n{\"id\": \"B\"}\n";
    let out = aiact(
        &["batch", "-", "--input-format", "jsonl", "--format", "json"],
        Some(jsonl),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        risks(&report),
        [
            ("A".to_string(), "undetermined".to_string()),
            ("B".to_string(), "undetermined".to_string())
        ]
    );
}

#[test]
fn table_shows_every_system_and_the_totals() {
    let out = aiact(
        &[
            "batch",
            root()
                .join("examples/municipality.toml")
                .to_str()
                .unwrap_or_default(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for id in ["ZD-01", "ZD-09", "ZD-17"] {
        assert!(text.contains(id), "{id} missing:\n{text}");
    }
    assert!(text.contains("Total: 18 systems"), "{text}");
    assert!(text.contains("prohibited 1"), "{text}");
}

#[test]
fn fail_on_gates_with_exit_1_and_rejects_unknown_levels() {
    let example = root().join("examples/municipality.toml");
    let (code, report, stderr) = batch_json(&example, &["--fail-on", "prohibited,high-risk"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("ZD-15") && stderr.contains("ZD-14"),
        "{stderr}"
    );
    assert_eq!(risks(&report).len(), 18, "the report is still printed");
    let (code, _, stderr) = batch_json(&fixture("duplicate_id.csv"), &["--fail-on", "prohibited"]);
    assert_eq!(code, 2, "bad input wins over the gate: {stderr}");
    let only_minimal = root().join("examples/municipality.csv");
    let (code, _, _) = batch_json(&only_minimal, &["--fail-on", "gpai-model"]);
    assert_eq!(code, 2, "gpai-model is not a --fail-on level");
    let out = aiact(
        &[
            "batch",
            example.to_str().unwrap_or_default(),
            "--fail-on",
            "high",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("prohibited, high-risk, limited, undetermined"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn fail_on_passes_when_nothing_matches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("one.toml");
    let text = std::fs::read_to_string(root().join("examples/municipality.toml")).expect("example");
    // Only the litter-photo system (minimal risk).
    let start = text.find("id = \"ZD-08\"").expect("ZD-08");
    let end = text.find("id = \"ZD-09\"").expect("ZD-09");
    let system = text[start..end].trim_end().trim_end_matches("[[system]]");
    std::fs::write(&path, format!("[[system]]\n{system}\n")).expect("write");
    let (code, report, stderr) = batch_json(
        &path,
        &["--fail-on", "prohibited,high-risk,limited,undetermined"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        risks(&report),
        [("ZD-08".to_string(), "minimal".to_string())]
    );
}

#[test]
fn output_dir_gets_one_json_and_markdown_report_per_system() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inv = dir.path().join("inv.csv");
    std::fs::write(&inv, "id,name,owner,description,subject_kind\nGEM-1,One,,,ai-system\n../../escape,Two,,,ai-system\n").expect("write");
    let out_dir = dir.path().join("reports");
    let (code, _, stderr) = batch_json(
        &inv,
        &["--output-dir", out_dir.to_str().unwrap_or_default()],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The reports, and the record of them that `--clean` reads.
    assert_eq!(
        names,
        [
            ".aiact-reports",
            "GEM-1.json",
            "GEM-1.md",
            "_.._escape.json",
            "_.._escape.md"
        ]
    );
    let one: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("GEM-1.json")).expect("read"))
            .expect("json");
    assert_eq!(
        risks(&one),
        [("GEM-1".to_string(), "undetermined".to_string())]
    );
    assert!(!dir.path().join("escape.json").exists());
}

#[test]
fn same_input_same_bytes() {
    let example = root().join("examples/municipality.toml");
    let p = example.to_str().unwrap_or_default();
    let a = aiact(&["batch", p, "--format", "json"], None);
    let b = aiact(&["batch", p, "--format", "json"], None);
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
}

/// Each bad-input fixture: the diagnostic it must produce, and the good systems still reported.
#[test]
fn bad_input_is_located_and_the_rest_is_assessed() {
    let cases: [(&str, &str, &str, &[&str]); 7] = [
        (
            "unknown_question.toml",
            "error[A001]",
            "unknown_question.toml:14:1",
            &["OK-1", "BAD-1"],
        ),
        (
            "bad_value.toml",
            "error[A002]",
            "bad_value.toml:7:1",
            &["BAD-2", "OK-2"],
        ),
        (
            "wrong_type.json",
            "error[A002]",
            "wrong_type.json:8:28",
            &["BAD-3", "OK-3"],
        ),
        (
            "duplicate_id.csv",
            "error[A015]",
            "duplicate_id.csv:4:1",
            &["DUP-1", "OK-4"],
        ),
        (
            "malformed_row.csv",
            "error[A018]",
            "malformed_row.csv:3:39",
            &["OK-5", "OK-6"],
        ),
        (
            "syntax_error.jsonl",
            "error[A017]",
            "syntax_error.jsonl:2:57",
            &["OK-7", "OK-8"],
        ),
        ("empty.toml", "error[A016]", "empty.toml", &[]),
    ];
    for (file, code, location, ids) in cases {
        let (exit, report, stderr) = batch_json(&fixture(file), &[]);
        assert_eq!(exit, 2, "{file}: {stderr}");
        assert!(
            stderr.contains(code),
            "{file}: expected {code} in\n{stderr}"
        );
        assert!(
            stderr.contains(location),
            "{file}: expected {location} in\n{stderr}"
        );
        let got: Vec<String> = risks(&report).into_iter().map(|(i, _)| i).collect();
        assert_eq!(got, ids, "{file}");
    }
    let (_, _, stderr) = batch_json(&fixture("unknown_question.toml"), &[]);
    assert!(
        stderr.contains("did you mean `practice_screen`?"),
        "{stderr}"
    );
    let (_, _, stderr) = batch_json(&fixture("bad_value.toml"), &[]);
    assert!(
        stderr.contains("did you mean \"machine-learning\"?"),
        "{stderr}"
    );
}

#[test]
fn unreadable_input_is_a_clear_error() {
    let out = aiact(&["batch", "/nonexistent/inventory.toml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot read `/nonexistent/inventory.toml`")
    );
    let out = aiact(
        &["batch", "-", "--input-format", "csv"],
        Some(b"\xff\xfei\x00d\x00\n\x00"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("A019") && err.contains("UTF-16"), "{err}");
}

/// A sample of the Dutch national algorithm register (real entries written by public bodies):
/// id, name, owner and description only, no answers. Nothing may be guessed from the free
/// text: every system is undetermined, with open questions, and none is minimal risk.
#[test]
fn dutch_register_without_answers_is_undetermined_never_minimal() {
    let raw: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("nl-algoritmeregister-sample.json")).expect("sample"),
    )
    .expect("json");
    let records = raw["algoritmes"].as_array().expect("algoritmes");
    assert!(records.len() >= 100);
    let systems: Vec<Value> = records
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": format!("NL-{}", r["id"].as_str().unwrap_or("")),
                "name": r["title"],
                "owner": r["organisatie"],
                "description": r["doel"],
            })
        })
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("register.json");
    std::fs::write(
        &path,
        serde_json::to_string(&serde_json::json!({ "systems": systems })).expect("json"),
    )
    .expect("write");
    let (code, report, stderr) = batch_json(&path, &["--fail-on", "undetermined"]);
    assert_eq!(
        code, 1,
        "every system is undetermined, so the gate fails: {stderr}"
    );
    let systems = report["systems"].as_array().expect("systems");
    assert_eq!(systems.len(), records.len());
    for s in systems {
        assert_eq!(s["risk"], "undetermined", "{}", s["id"]);
        // Never minimal: the questions that would decide it are listed.
        assert!(
            s["deciding_questions"]
                .as_array()
                .is_some_and(|q| !q.is_empty()),
            "{}",
            s["id"]
        );
    }
    // The CSV rendering of the same inventory does not panic either.
    let out = aiact(
        &[
            "batch",
            path.to_str().unwrap_or_default(),
            "--format",
            "csv",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let rows = csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .filter(|r| r.is_ok())
        .count();
    assert_eq!(rows, records.len());
}

/// A stray quote in the row above the prohibited system merges the two rows: the prohibited
/// system must not vanish with exit 0 under `--fail-on prohibited`; the merge is an error at
/// the quote's line and column, and the other systems are still assessed.
#[test]
fn a_stray_quote_cannot_hide_a_prohibited_system() {
    let text = std::fs::read_to_string(root().join("examples/municipality.csv")).expect("example");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("ZD-15;"))
        .expect("ZD-15");
    // `ZD-14;Screening…` becomes `ZD-14;"Screening…`: the quote opens the name cell.
    lines[at - 1] = lines[at - 1].replacen(';', ";\"", 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("q.csv");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    let (code, report, stderr) = batch_json(&path, &["--fail-on", "prohibited"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error[A018]") && stderr.contains(&format!("q.csv:{at}:7")),
        "{stderr}"
    );
    let got = risks(&report);
    assert_eq!(risk_of(&got, "ZD-15"), "<missing>");
    assert_eq!(risk_of(&got, "ZD-14"), "<missing>");
    assert!(got.len() >= 10, "the other rows are assessed: {got:?}");
    // And the issue's own example: B is named, not lost.
    let q = dir.path().join("issue.csv");
    std::fs::write(&q, "id,name,description,subject_kind\nA,Alpha,\"Scans CVs,ai-system\nB,Beta,Chatbot\",ai-system\nC,Gamma,Translation,ai-system\n").expect("write");
    let (code, report, stderr) = batch_json(&q, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("issue.csv:2:9") && stderr.contains("from line 2 to line 3"),
        "{stderr}"
    );
    assert_eq!(risks(&report).len(), 1);
}

#[test]
fn a_misnamed_column_is_shown_five_times_then_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("inv.csv");
    let mut text = String::from("id;name;owner;description;subject_kind;agency\n");
    for i in 0..8 {
        text.push_str(&format!("S{i};System {i};;;ai-system;DOJ\n"));
    }
    std::fs::write(&path, text).expect("write");
    let (code, report, stderr) = batch_json(&path, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(risks(&report).len(), 8);
    assert_eq!(stderr.matches("error[A001]").count(), 5, "{stderr}");
    assert!(stderr.contains("inv.csv:2:25"), "{stderr}");
    assert!(
        stderr
            .contains("3 more [A001] like \"unknown question `agency`\" not shown, on line(s) 7-9"),
        "{stderr}"
    );
}

/// On a terminal, a large inventory gets a progress bar on standard error.
#[test]
fn progress_bar_on_a_terminal_for_large_inventories() {
    use expectrl::Expect;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.csv");
    // Spreadsheets with fixed rules: not AI systems, small reports, a fast test.
    let mut text =
        String::from("id,name,owner,description,subject_kind,machine_based,technique_family\n");
    for i in 0..2100 {
        text.push_str(&format!("S{i},Sheet {i},,,ai-system,yes,fixed-rules\n"));
    }
    std::fs::write(&path, text).expect("write");
    let command = format!(
        "{} --as-of {AS_OF} batch {} --format json > {}",
        env!("CARGO_BIN_EXE_aiact"),
        path.display(),
        dir.path().join("out.json").display()
    );
    let mut sh = Command::new("sh");
    sh.arg("-c").arg(command);
    let mut session = expectrl::session::OsSession::spawn(sh).expect("pty");
    session.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    session
        .expect("assessing")
        .expect("a progress bar on the terminal");
    session.expect(expectrl::Eof).expect("end");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).expect("out"))
            .expect("json");
    assert_eq!(risks(&report).len(), 2100);
}

/// A reader that goes away (`| head`) is no failure, and does not hide the result: the
/// streamed JSON format still exits 1 when `--fail-on` matches, as the table does (it exited
/// 0). The JSON document (200 kB) is larger than a pipe's buffer, so the write meets the
/// closed pipe.
#[test]
fn closed_stdout_keeps_the_fail_on_exit_code() {
    let inventory = root().join("examples/municipality.toml");
    let inventory = inventory.to_str().expect("utf-8 path");
    for format in ["json", "table"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aiact"))
            .args(["--as-of", AS_OF, "--lang", "en", "batch", inventory])
            .args(["--format", format, "--fail-on", "high-risk"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run aiact");
        drop(child.stdout.take());
        let status = child.wait().expect("aiact exits");
        assert_eq!(status.code(), Some(1), "--format {format}");
    }
}

/// An id with an escape sequence is printed without it in the `--fail-on` summary.
#[test]
fn fail_on_summary_has_no_control_characters() {
    let input = b"[[system]]\nid = \"A\\u001b[2J\"\n";
    let o = aiact(
        &[
            "batch",
            "-",
            "--input-format",
            "toml",
            "--fail-on",
            "undetermined",
        ],
        Some(input),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("match: A [2J"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}

/// `--timestamp` reaches the batch summary (the renderers were given default options, so the
/// flag was ignored); without it the output stays reproducible.
#[test]
fn timestamp_reaches_the_batch_summary() {
    let inventory = root().join("examples/municipality.toml");
    let inventory = inventory.to_str().expect("utf-8 path");
    for (format, label) in [("table", "Generated: "), ("markdown", "| Generated |")] {
        let plain = aiact(&["batch", inventory, "--format", format], None);
        let stamped = aiact(
            &["--timestamp", "batch", inventory, "--format", format],
            None,
        );
        let plain = String::from_utf8_lossy(&plain.stdout);
        let stamped = String::from_utf8_lossy(&stamped.stdout);
        assert!(!plain.contains(label), "{format}");
        assert!(stamped.contains(label), "{format}");
    }
}

/// `n` systems from the example inventory, each with its own id, as JSON objects.
fn example_systems(n: usize) -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("examples/municipality.toml")).expect("example");
    let base = aiact::inventory::read_inventory(
        "municipality.toml",
        &text,
        aiact::inventory::InputFormat::Toml,
    )
    .systems;
    (0..n)
        .map(|i| {
            let s = &base[i % base.len()];
            let answers: serde_json::Map<String, Value> = s
                .answers
                .iter()
                .map(|(k, v)| (k.clone(), v.to_json()))
                .collect();
            serde_json::json!({ "id": format!("S{i:05}"), "name": s.name, "answers": answers })
        })
        .collect()
}

/// `aiact batch` with its output, exit code and stderr; `env` added to its environment.
fn batch_env(args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args([
            "--as-of", AS_OF, "--lang", "en", "--color", "never", "batch",
        ])
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run aiact");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Minified JSON (the whole inventory on one line, as `jq -c` writes it) is read in linear
/// time and gives the same result as the same inventory pretty-printed.
#[test]
fn single_line_json_gives_the_same_result_as_pretty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = serde_json::json!({ "systems": example_systems(10_000) });
    let pretty = dir.path().join("pretty.json");
    let single = dir.path().join("single.json");
    std::fs::write(&pretty, serde_json::to_string_pretty(&doc).expect("json")).expect("write");
    std::fs::write(&single, serde_json::to_string(&doc).expect("json")).expect("write");
    let run = |p: &Path| batch_env(&[p.to_str().expect("path"), "--format", "json"], &[]);
    let (code_p, out_p, err_p) = run(&pretty);
    let (code_s, out_s, err_s) = run(&single);
    assert_eq!((code_p, code_s), (0, 0), "{err_p}\n{err_s}");
    let report: Value = serde_json::from_slice(&out_s).expect("json");
    assert_eq!(report["systems"].as_array().map(Vec::len), Some(10_000));
    assert!(out_p == out_s, "single-line and pretty JSON differ");
}

/// The systems come out in inventory order, and the output is the same bytes whatever the
/// number of threads, in every streamed format.
#[test]
fn order_kept_and_same_bytes_with_one_and_many_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("inv.jsonl");
    let systems = example_systems(1_500);
    let lines: Vec<String> = systems.iter().map(Value::to_string).collect();
    std::fs::write(&path, lines.join("\n")).expect("write");
    let p = path.to_str().expect("path");
    for format in ["json", "csv", "table"] {
        let (c1, one, e1) = batch_env(&[p, "--format", format], &[("RAYON_NUM_THREADS", "1")]);
        let (c4, many, e4) = batch_env(&[p, "--format", format], &[("RAYON_NUM_THREADS", "4")]);
        assert_eq!((c1, c4), (0, 0), "{e1}\n{e4}");
        assert!(
            one == many,
            "{format}: output differs between 1 and 4 threads"
        );
        if format == "json" {
            let report: Value = serde_json::from_slice(&one).expect("json");
            let ids: Vec<&str> = report["systems"]
                .as_array()
                .expect("systems")
                .iter()
                .filter_map(|s| s["id"].as_str())
                .collect();
            let expected: Vec<String> = (0..1_500).map(|i| format!("S{i:05}")).collect();
            assert_eq!(ids, expected);
        }
    }
}

/// The highest resident memory of a running `aiact batch` (the rule pack aiact ships with) in
/// kB, read from /proc while it runs, and its exit code. Its output is read through a pipe and
/// the reading taken after every block: the process cannot get further than a pipe's worth of
/// output past a reading, so none misses its peak.
fn peak_rss_kb(args: &[&str]) -> (u64, Option<i32>) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(["--as-of", AS_OF, "--lang", "en", "batch"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run aiact");
    let status = format!("/proc/{}/status", child.id());
    let mut stdout = child.stdout.take().expect("stdout");
    let mut buf = vec![0; 1 << 16];
    let mut peak = 0;
    loop {
        // VmHWM is the process's own high-water mark.
        if let Ok(s) = std::fs::read_to_string(&status)
            && let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb);
        }
        match stdout.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
    (peak, child.wait().expect("wait").code())
}

/// JSON Lines are streamed: ten times the systems take about the same memory, in the formats
/// that used to hold the whole report (table) and the JSON document; all that grows is a 64-bit
/// key and a line per system, to find a duplicate id (a bound per system rather than a ratio:
/// a 20 000-system run is small enough that the id table alone moves the ratio near 1.3). Both with valid answers, and with an
/// unknown question answered in every system: its problems are grouped as they come (the
/// first few, then runs of lines), not kept one by one.
#[test]
fn jsonl_memory_does_not_grow_with_the_inventory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |n: usize, extra: &str| {
        let path = dir.path().join(format!("inv-{n}-{}.jsonl", extra.len()));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        for i in 0..n {
            writeln!(
                f,
                r#"{{"id": "M{i:07}", "name": "System {i}", "owner": "Dienst {}", "answers": {{"subject_kind": "ai-system", "machine_based": {}{extra}}}}}"#,
                i % 7,
                i % 3 == 0
            )
            .expect("write");
        }
        f.flush().expect("flush");
        path
    };
    // The problems do not depend on the output format: one is enough there.
    for (what, extra, code, formats) in [
        ("valid answers", "", 0, &["json", "table"][..]),
        (
            "an unknown question in every system",
            r#", "uses_inference": true"#,
            2,
            &["table"][..],
        ),
    ] {
        let small = write(20_000, extra);
        let large = write(200_000, extra);
        for &format in formats {
            let peak = |p: &Path| {
                let (kb, exit) = peak_rss_kb(&[p.to_str().expect("path"), "--format", format]);
                assert_eq!(exit, Some(code), "{what}, --format {format}");
                kb
            };
            let (s, l) = (peak(&small), peak(&large));
            assert!(s > 0 && l > 0, "no reading of /proc");
            // What the 180 000 more systems add, per system: the id table's 12 to 16 bytes and
            // the allocator's noise. A row, line or result kept per system would be hundreds
            // to thousands of bytes.
            let per_system = l.saturating_sub(s) * 1024 / 180_000;
            eprintln!("{what}, --format {format}: {s} kB → {l} kB, {per_system} bytes per system");
            assert!(
                per_system <= 100,
                "{what}, --format {format}: peak {l} kB at 200 000 systems, {s} kB at 20 000: \
                 {per_system} bytes more per system"
            );
        }
        std::fs::remove_file(&large).expect("remove");
    }
}

/// A key written twice in a JSON inventory is an error, and nothing is silently lost: both
/// `systems` arrays are read, a system with two ids is not assessed, a question answered
/// twice stays unanswered.
#[test]
fn duplicate_json_keys_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dup.json");
    std::fs::write(
        &path,
        r#"{"systems": [{"id": "A", "answers": {"subject_kind": "ai-system"}}],
 "systems": [{"id": "B", "id": "C"}, {"id": "D", "answers": {"subject_kind": "ai-system", "subject_kind": "not-ai"}}]}"#,
    )
    .expect("write");
    let (code, report, stderr) = batch_json(&path, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.matches("[A040]").count(), 3, "{stderr}");
    assert!(stderr.contains("duplicate key `systems`"), "{stderr}");
    assert!(stderr.contains("duplicate key `id`"), "{stderr}");
    assert!(stderr.contains("duplicate key `subject_kind`"), "{stderr}");
    let ids: Vec<String> = risks(&report).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["A", "D"]);
    let d = &report["systems"][1];
    assert!(
        d["deciding_questions"]
            .as_array()
            .is_some_and(|q| q.iter().any(|q| q["id"] == "subject_kind")),
        "{d}"
    );
}

/// A TOML syntax error in one system takes only that system: the others are reported, the
/// same ones whatever the output format, and the error points at its line.
#[test]
fn toml_syntax_error_isolates_the_bad_system() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("inv.toml");
    let mut text = String::new();
    for i in 0..600 {
        text.push_str(&format!(
            "[[system]]\nid = \"T{i:03}\"\nname = \"System {i}\"\n\n"
        ));
    }
    // System T300 gets an unterminated string on line 1202.
    let text = text.replace("name = \"System 300\"", "name = \"System 300");
    std::fs::write(&path, text).expect("write");
    let p = path.to_str().expect("path");
    let (code, report, stderr) = batch_json(&path, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("[A010]") && stderr.contains("inv.toml:1203:"),
        "{stderr}"
    );
    let ids: Vec<String> = risks(&report).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), 599);
    assert!(!ids.contains(&"T300".to_string()));
    let (code, csv, _) = batch_env(&[p, "--format", "csv"], &[]);
    assert_eq!(code, 2);
    let rows = String::from_utf8_lossy(&csv).lines().count();
    assert_eq!(rows, 1 + 599, "the same systems in CSV as in JSON");
}

/// Limits instead of exhaustion: a JSON document larger than 1 GiB is refused (exit 2)
/// before it is read, and a JSON Lines line longer than 64 MiB is reported and skipped while
/// the other lines are assessed.
#[test]
fn inputs_beyond_the_limits_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len((1 << 30) + 1))
        .expect("sparse file");
    let (code, _, stderr) = batch_json(&huge, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("[A041]") && stderr.contains("JSON Lines"),
        "{stderr}"
    );

    let long = dir.path().join("long.jsonl");
    let mut f = std::fs::File::create(&long).expect("create");
    f.write_all(&vec![b' '; (64 << 20) + 10]).expect("write");
    f.write_all(b"\n{\"id\": \"after\"}\n").expect("write");
    drop(f);
    let (code, report, stderr) = batch_json(&long, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("[A041]") && stderr.contains("long.jsonl:1:"),
        "{stderr}"
    );
    assert_eq!(risks(&report).len(), 1);
    assert_eq!(risks(&report)[0].0, "after");
}

/// An echoed value is cut: a 2 MB answer gives a short problem message, not 2 MB of stderr
/// (twice: in the message and in the source line shown).
#[test]
fn long_values_are_cut_in_messages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.jsonl");
    let value = "x".repeat(2 << 20);
    std::fs::write(
        &path,
        format!("{{\"id\": \"A\", \"answers\": {{\"subject_kind\": \"{value}\"}}}}\n"),
    )
    .expect("write");
    let (code, report, stderr) = batch_json(&path, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("[A002]"), "{stderr}");
    assert!(stderr.len() < 4_000, "{} bytes of stderr", stderr.len());
    assert_eq!(risks(&report).len(), 1);
}

/// Staff groups and AI-literacy measures: malformed ones are located (A034) and the rest of the
/// inventory is still assessed; well-formed ones reach the organisation report.
#[test]
fn staff_groups_and_literacy_measures() {
    let bad = "[organisation]\nname = \"X\"\n\n[[organisation.literacy]]\ngroups = \"hr\"\nmeasure = \"Opleiding\"\n\n[[system]]\nid = \"A\"\nusers = [1, 2]\n[system.answers]\nsubject_kind = \"ai-system\"\n\n[[system]]\nid = \"B\"\n[system.answers]\nsubject_kind = \"ai-system\"\n";
    let out = aiact(
        &["batch", "-", "--input-format", "toml", "--format", "json"],
        Some(bad.as_bytes()),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("A034"), "{stderr}");
    assert!(
        stderr.contains("<stdin>:10:"),
        "the bad `users` is located: {stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        risks(&json).iter().any(|(id, _)| id == "B"),
        "the good system is still reported"
    );

    let good = "[organisation]\nname = \"Gemeente X\"\n\n[[organisation.literacy]]\ngroups = [\"hr\"]\nmeasure = \"Opleiding\"\ndate = 2026-03-05\n\n[[system]]\nid = \"A\"\nusers = [\"hr\", \"loket\"]\n[system.answers]\nsubject_kind = \"ai-system\"\n\n[[system]]\nid = \"B\"\n";
    let out = aiact(
        &[
            "batch",
            "-",
            "--input-format",
            "toml",
            "--format",
            "markdown",
        ],
        Some(good.as_bytes()),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## AI-literacy plan (Art. 4)"));
    assert!(md.contains("| Opleiding | hr | 5 March 2026 |"));
}

/// Art. 111(2) before the high-risk date: the table, the timeline and the JSON show the end
/// of the transition (2030-08-02) with the event that would bring it forward.
#[test]
fn a_legacy_public_system_shows_its_real_deadline_in_every_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("legacy.toml");
    std::fs::write(
        &file,
        r#"[[system]]
id = "OCMW-1"
name = "Benefits eligibility"

[system.answers]
subject_kind = "ai-system"
machine_based = true
technique_family = "machine-learning"
operates_autonomously = true
generates_outputs = true
outputs_influence = true
org_type = "local-government"
scope_exclusions = ["none"]
org_activities = ["uses"]
changes_to_existing = ["none"]
used_on_workers = false
practice_screen = ["none"]
annex_i_legislation = ["none"]
annex_iii_areas = ["essential-services"]
essential_services_purposes = ["public-benefits"]
performs_profiling = true
assists_decisions_on_persons = true
interacts_with_persons = false
generates_synthetic_content = ["none"]
deployer_controls_input_data = true
eu_database_registration_found = true
decision_significant_effect = true
high_risk_placed_on_market = 2027-06-01
significant_change = false
"#,
    )
    .expect("write");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_aiact"))
            .args(["--as-of", "2027-11-01", "--lang", "en", "--color", "never"])
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("run aiact");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let path = file.to_str().expect("utf-8 path");
    let table = run(&["batch", path]);
    assert!(
        table.contains("2027-12-02; transition until 2030-08-02"),
        "{table}"
    );
    assert!(
        table.contains("unless its design is significantly changed"),
        "{table}"
    );
    let timeline = run(&["timeline", path]);
    assert!(timeline.contains("2030-08-02"), "{timeline}");
    let json: Value =
        serde_json::from_str(&run(&["batch", path, "--format", "json"])).expect("json");
    let deadlines = json["systems"][0]["next_deadlines"]
        .as_array()
        .expect("deadlines");
    assert_eq!(deadlines[0]["date"], "2030-08-02", "{deadlines:?}");
    let csv = run(&["batch", path, "--format", "csv"]);
    assert!(csv.contains(",2030-08-02,"), "{csv}");
}

/// An answer to a question that does not apply is reported, never silently dropped: a public
/// body in the EU that answers "no link with the EU".
#[test]
fn an_ignored_answer_is_a_located_warning_in_batch_check_and_timeline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("public.toml");
    std::fs::write(
        &file,
        "[[system]]\nid = \"S1\"\nname = \"Chatbot\"\n\n[system.answers]\nsubject_kind = \"ai-system\"\nmachine_based = true\ntechnique_family = \"machine-learning\"\noperates_autonomously = true\ngenerates_outputs = true\noutputs_influence = true\norg_type = \"local-government\"\neu_connection = false\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf-8 path");
    let stderr = |lang: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_aiact"))
            .args(["--as-of", AS_OF, "--lang", lang, "--color", "never"])
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("run aiact");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    for args in [
        vec!["batch", path],
        vec!["check", path],
        vec!["timeline", path],
    ] {
        let en = stderr("en", &args);
        assert!(en.contains("warning[A020]"), "{args:?}: {en}");
        assert!(
            en.contains("the answer to `eu_connection` is ignored because"),
            "{args:?}: {en}"
        );
        assert!(en.contains("public.toml:13:1"), "{args:?}: {en}");
    }
    let nl = stderr("nl", &["batch", path]);
    assert!(
        nl.contains("het antwoord op `eu_connection` wordt genegeerd omdat"),
        "{nl}"
    );
}
