//! Nothing lost, nothing injected, nothing loosened: what input files cannot do to the outputs
//! and to the files `aiact` writes, through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const AS_OF: &str = "2026-12-01";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn aiact(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(["--as-of", AS_OF, "--lang", "en", "--color", "never"])
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run aiact")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Control characters (NUL, ESC, BEL, ...) and bidirectional overrides: none may reach any
/// output, the terminal included.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let control = c.is_control() && !matches!(c, '\n' | '\t' | '\r');
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(
            !control && !bidi,
            "{what}: U+{:04X} in the output",
            c as u32
        );
    }
}

#[test]
fn control_and_bidi_characters_never_reach_an_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inv = dir.path().join("inv.toml");
    std::fs::write(
        &inv,
        "[organisation]\nname = \"Gemeente \\u202Eeuqinu\\u001B[2J\"\n\n[[system]]\nid = \"EVIL-\\u202E1\"\nname = \"Bell\\u0007 \\u001B[2J\\u0000 name\"\nowner = \"\\u2066owner\\u2069\"\ndescription = \"two\\nlines \\u001B]8;;http://x\\u0007\"\n\n[system.answers]\nsubject_kind = \"ai-system\"\nnot_a_question = \"\\u001B[31mred\"\n",
    )
    .expect("write");
    for format in ["table", "json", "csv", "markdown", "html"] {
        let out = aiact(&["batch", path_str(&inv), "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(!out.stdout.is_empty(), "{format}");
        assert_clean(format, &out.stdout);
        assert_clean("stderr", &out.stderr);
    }
    let reports = dir.path().join("reports");
    aiact(&["batch", path_str(&inv), "--output-dir", path_str(&reports)]);
    for f in std::fs::read_dir(&reports).expect("reports") {
        let f = f.expect("entry").path();
        assert_clean(&f.display().to_string(), &std::fs::read(&f).expect("read"));
    }
    let out = aiact(&["check", path_str(&inv), "--format", "markdown", "--no-fail"]);
    assert_clean("check markdown", &out.stdout);
}

#[test]
fn invalid_utf8_is_located_by_line_and_column_with_a_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, b"[[system]]\nid = \"caf\xe9\"\n").expect("write");
    let out = aiact(&["batch", path_str(&bad)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[A019]") && err.contains("bad.toml:2:10"),
        "{err}"
    );
    let out = aiact(&["check", path_str(&bad)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[C002]") && err.contains("bad.toml:2:10"),
        "{err}"
    );
    let offer = root().join("examples/procurement/vendor-a.toml");
    let out = aiact(&["check", path_str(&offer), "--policy", path_str(&bad)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[P011]") && err.contains("bad.toml:2:10"),
        "{err}"
    );
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).expect("mkdir");
    std::fs::copy(&bad, rules.join("x.toml")).expect("copy");
    let out = aiact(&["--overlay", path_str(&rules), "rules", "check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[R022]") && err.contains("x.toml:2:10"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(2));
}

/// An overlay that puts the pack's binding duties (Art. 5 included) in transition until 2099.
fn sneaky_overlay(dir: &Path) -> PathBuf {
    let overlay = dir.join("org-rules");
    std::fs::create_dir_all(&overlay).expect("mkdir");
    std::fs::write(
        overlay.join("transitions.toml"),
        r#"[[transition]]
id = "org_grace_period"
tags = []
obligations = ["prohibited_stop_placing_on_market", "art4_ai_literacy"]
when = "true"
until = 2099-12-31
title = { en = "Grace period", nl = "Uitstel" }
cite = ["Art. 111(2)"]
status = "interpretation"
"#,
    )
    .expect("write");
    overlay
}

/// Every output names the base pack and each overlay with its hash; an overlay that changes
/// binding results is a warning on every run, and can be refused.
#[test]
fn overlays_are_named_with_their_hash_and_can_be_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let overlay = sneaky_overlay(dir.path());
    let inv = root().join("examples/municipality.toml");
    let o = path_str(&overlay);
    let run = |args: &[&str]| {
        let mut all = vec!["--overlay", o];
        all.extend_from_slice(args);
        aiact(&all)
    };
    let table = run(&["batch", path_str(&inv)]);
    let out = String::from_utf8_lossy(&table.stdout);
    let err = String::from_utf8_lossy(&table.stderr);
    assert!(err.contains("warning[W003]"), "{err}");
    assert!(err.contains("prohibited_stop_placing_on_market"), "{err}");
    assert!(
        out.contains(&format!("+ overlay {o} (sha256 ")) && out.contains("CHANGES BINDING RESULTS"),
        "{out}"
    );
    let json = run(&["batch", path_str(&inv), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let ov = &v["provenance"]["overlays"][0];
    assert_eq!(ov["dir"], o);
    assert_eq!(ov["sha256"].as_str().map(str::len), Some(64));
    assert!(
        ov["changes_binding"][0]
            .as_str()
            .unwrap_or("")
            .contains("org_grace_period")
    );
    for format in ["markdown", "html"] {
        let r = run(&["batch", path_str(&inv), "--format", format]);
        let text = String::from_utf8_lossy(&r.stdout);
        assert!(
            text.contains(ov["sha256"].as_str().unwrap_or("?")),
            "{format}"
        );
    }
    let offer = root().join("examples/procurement/vendor-a.toml");
    for format in ["junit", "sarif", "markdown", "table", "json"] {
        let r = run(&["check", path_str(&offer), "--format", format, "--no-fail"]);
        let text = String::from_utf8_lossy(&r.stdout);
        assert!(text.contains(o), "check {format}: {text}");
        assert!(
            String::from_utf8_lossy(&r.stderr).contains("W003"),
            "check {format}"
        );
    }
    // A buyer's policy can refuse it too.
    let policy = dir.path().join("policy.toml");
    std::fs::write(
        &policy,
        "[policy]\nfail_on = [\"prohibited\"]\ndeny_overlay_changes_binding = true\n",
    )
    .expect("write");
    let r = run(&["check", path_str(&offer), "--policy", path_str(&policy)]);
    assert_eq!(r.status.code(), Some(2));
    assert!(r.stdout.is_empty());
    assert!(String::from_utf8_lossy(&r.stderr).contains("error[R023]"));
    let refused = run(&["--deny-overlay-changes-binding", "batch", path_str(&inv)]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("error[R023]"));
    // Without overlays nothing changes: no overlay key, and the flag has nothing to refuse.
    let plain = aiact(&[
        "--deny-overlay-changes-binding",
        "batch",
        path_str(&inv),
        "--format",
        "json",
    ]);
    assert_eq!(plain.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("json");
    assert!(v["provenance"].get("overlays").is_none());
}

/// `--output-dir` writes by temporary name and rename, never through a symbolic link, says
/// what it overwrote, and `--clean` removes the reports of systems no longer in the inventory
/// (and nothing else).
#[cfg(unix)]
#[test]
fn output_dir_is_written_safely_and_cleaned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).expect("mkdir");
    let inv = dir.path().join("inv.csv");
    std::fs::write(&inv, "id,name\nA,Alpha\nB,Beta\n").expect("write");
    std::fs::write(reports.join("A.md"), "the user's own notes").expect("write");
    std::fs::write(reports.join("keep.txt"), "not a report").expect("write");
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "do not touch").expect("write");
    std::os::unix::fs::symlink(&secret, reports.join("B.json")).expect("link");
    let r = path_str(&reports);
    let run = |inv: &Path, extra: &[&str]| {
        let mut args = vec!["batch", path_str(inv), "--output-dir", r];
        args.extend_from_slice(extra);
        aiact(&args)
    };
    let first = run(&inv, &[]);
    let err = String::from_utf8_lossy(&first.stderr);
    assert_eq!(first.status.code(), Some(2), "{err}");
    assert!(
        err.contains("B.json") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&secret).expect("read"),
        "do not touch"
    );
    assert!(
        err.contains("overwrote 1 file(s)") && err.contains("A.md"),
        "{err}"
    );
    std::fs::remove_file(reports.join("B.json")).expect("unlink");
    let second = run(&inv, &[]);
    assert_eq!(
        second.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    // B leaves the inventory: its reports are named, then removed with --clean.
    std::fs::write(&inv, "id,name\nA,Alpha\n").expect("write");
    let third = run(&inv, &["--format", "json"]);
    let err = String::from_utf8_lossy(&third.stderr);
    assert!(
        err.contains("no longer in the inventory") && err.contains("B.md"),
        "{err}"
    );
    assert!(reports.join("B.md").exists());
    let fourth = run(&inv, &["--clean"]);
    assert_eq!(fourth.status.code(), Some(0));
    assert!(!reports.join("B.md").exists() && !reports.join("B.json").exists());
    assert!(reports.join("A.json").exists() && reports.join("keep.txt").exists());
    let names: Vec<String> = std::fs::read_dir(&reports)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

/// `--rules` and `--overlay` do not follow symbolic links out of their folder: a link to `/`
/// or a loop is one quick, clear error.
#[cfg(unix)]
#[test]
fn rule_folders_do_not_follow_links_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let overlay = sneaky_overlay(dir.path());
    std::os::unix::fs::symlink("/", overlay.join("root")).expect("link");
    let out = aiact(&["--overlay", path_str(&overlay), "rules", "check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("error[").count(), 1, "{err}");
    assert!(
        err.contains("error[R022]") && err.contains("leading out of the rule folder"),
        "{err}"
    );
    std::fs::remove_file(overlay.join("root")).expect("unlink");
    std::os::unix::fs::symlink(".", overlay.join("loop")).expect("link");
    std::os::unix::fs::symlink("b", overlay.join("a")).expect("link");
    std::os::unix::fs::symlink("a", overlay.join("b")).expect("link");
    let out = aiact(&["--overlay", path_str(&overlay), "rules", "check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("error[").count(), 1, "{err}");
    assert!(err.contains("error[R022]"), "{err}");
    std::fs::remove_file(overlay.join("a")).expect("unlink");
    std::fs::remove_file(overlay.join("b")).expect("unlink");
    // A link to a folder inside is not walked twice.
    let out = aiact(&["--overlay", path_str(&overlay), "rules", "check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
