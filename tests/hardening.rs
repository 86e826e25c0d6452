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
        "[[system]]\nid = \"EVIL-\\u202E1\"\nname = \"Bell\\u0007 \\u001B[2J\\u0000 name\"\nowner = \"\\u2066owner\\u2069\"\ndescription = \"two\\nlines \\u001B]8;;http://x\\u0007\"\n\n[system.answers]\nsubject_kind = \"ai-system\"\nnot_a_question = \"\\u001B[31mred\"\n",
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
