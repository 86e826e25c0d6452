//! With `--lang nl` (or a Dutch locale) the command line speaks Dutch: help of every command,
//! the man page and usage errors. A small list of English words catches a text left behind.

use std::process::{Command, Output};

fn aiact(args: &[&str], env_lang: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aiact"));
    cmd.args(args).env("NO_COLOR", "1");
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES");
    match env_lang {
        Some(l) => cmd.env("LANG", l),
        None => cmd.env("LANG", "C"),
    };
    cmd.output().expect("run aiact")
}

/// English words that are not also Dutch words.
const ENGLISH: [&str; 30] = [
    "the",
    "and",
    "with",
    "Print",
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "default",
    "possible",
    "values",
    "error",
    "invalid",
    "unknown",
    "required",
    "found",
    "expected",
    "which",
    "every",
    "must",
    "file",
    "when",
    "your",
    "this",
    "that",
    "from",
    "only",
    "see",
    "information",
    "Exit",
];

/// The English words in a text, ignoring option names (`--for`), code in backticks and the
/// command and value names that are the same in every language.
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            continue;
        }
        for word in part.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            if word.starts_with('-') {
                continue;
            }
            if ENGLISH.contains(&word) {
                found.push(word.to_string());
            }
        }
    }
    found
}

const COMMANDS: [&[&str]; 13] = [
    &[],
    &["rules"],
    &["rules", "check"],
    &["rules", "list"],
    &["rules", "show"],
    &["rules", "test"],
    &["template"],
    &["timeline"],
    &["assess"],
    &["batch"],
    &["check"],
    &["completions"],
    &["man"],
];

#[test]
fn help_of_every_command_is_dutch() {
    for cmd in COMMANDS {
        for flag in ["-h", "--help"] {
            let mut args = vec!["--lang", "nl"];
            args.extend_from_slice(cmd);
            args.push(flag);
            let out = aiact(&args, None);
            assert!(out.status.success(), "{args:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("Gebruik: aiact"), "{args:?}:\n{text}");
            let english = english_words(&text);
            assert!(
                english.is_empty(),
                "{args:?}: English {english:?} in\n{text}"
            );
        }
    }
}

#[test]
fn a_dutch_locale_gives_dutch_help_and_lang_en_overrides_it() {
    let out = aiact(&["batch", "--help"], Some("nl_BE.UTF-8"));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Elk systeem van een inventaris beoordelen"),
        "{text}"
    );
    let out = aiact(&["--lang", "en", "batch", "--help"], Some("nl_BE.UTF-8"));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Assess every system of an inventory"),
        "{text}"
    );
    assert!(text.contains("Usage: aiact batch"), "{text}");
}

#[test]
fn usage_errors_are_dutch_and_exit_2() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["batch", "--frobnicate", "x"],
            "onbekende optie `--frobnicate`",
        ),
        (
            &["batch", "x.toml", "--format", "pdf"],
            "ongeldige waarde `pdf`",
        ),
        (
            &["--as-of", "2026-13-01", "timeline"],
            "schrijf de datum als JJJJ-MM-DD",
        ),
        (
            &["batch", "x", "--fail-on", "foo"],
            "de niveaus zijn prohibited",
        ),
        (&["batchh"], "onbekende opdracht `batchh`"),
        (&["batch"], "verplicht argument ontbreekt"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["--lang", "nl"];
        all.extend_from_slice(args);
        let out = aiact(&all, None);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        assert!(
            out.stdout.is_empty(),
            "{all:?}: errors go to standard error"
        );
        let text = String::from_utf8(out.stderr).unwrap();
        assert!(text.starts_with("fout: "), "{all:?}:\n{text}");
        assert!(text.contains(expected), "{all:?}:\n{text}");
        let english = english_words(&text);
        assert!(
            english.is_empty(),
            "{all:?}: English {english:?} in\n{text}"
        );
    }
}

#[test]
fn man_page_is_dutch() {
    let out = aiact(&["--lang", "nl", "man"], None);
    assert!(out.status.success());
    let roff = String::from_utf8(out.stdout).unwrap();
    for section in [
        ".SH NAAM",
        ".SH OVERZICHT",
        ".SH BESCHRIJVING",
        ".SH OPTIES",
        ".SH OPDRACHTEN",
    ] {
        assert!(roff.contains(section), "{section} missing");
    }
    let text: String = roff
        .lines()
        .filter(|l| !l.starts_with('.'))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "");
    let english = english_words(&text);
    assert!(english.is_empty(), "English {english:?} in the man page");
}

#[test]
fn english_stays_english() {
    let out = aiact(&["--lang", "en", "batch", "--frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(
        text.contains("error: unexpected argument '--frobnicate'"),
        "{text}"
    );
}

fn aiact_in(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(["--as-of", "2026-12-01", "--color", "never"])
        .args(args)
        .env("LANG", "C")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run aiact");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().expect("aiact output")
}

/// Belgian Excel opens a file in columns only with `;`, and keeps accents only with a UTF-8
/// byte-order mark: read the Dutch CSV output as it would.
#[test]
fn dutch_csv_opens_in_belgian_excel() {
    let inventory = "[organisation]\nname = \"Stad Brugge\"\n\n[[system]]\nid = \"BR-1\"\nname = \"Énergie-advies à la carte; café\"\nowner = \"Dienst Wonen\"\n[system.answers]\nsubject_kind = \"ai-system\"\n";
    let out = aiact_in(
        &[
            "--lang",
            "nl",
            "batch",
            "-",
            "--input-format",
            "toml",
            "--format",
            "csv",
        ],
        inventory.as_bytes(),
    );
    assert!(
        out.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = out.stdout;
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte-order mark first"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, aiact::report::csv_header().to_vec());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "BR-1");
    assert_eq!(
        &rows[0][1], "Énergie-advies à la carte; café",
        "accents and the delimiter kept"
    );
    assert_eq!(&rows[0][3], "undetermined");
    assert_eq!(&rows[0][4], "nog niet te bepalen");
    // English stays RFC 4180 with commas and no byte-order mark.
    let out = aiact_in(
        &[
            "--lang",
            "en",
            "batch",
            "-",
            "--input-format",
            "toml",
            "--format",
            "csv",
        ],
        inventory.as_bytes(),
    );
    assert!(out.stdout.starts_with(b"id,name,owner,"));
}

/// The Dutch CSV template explains every column in a second row that the reader skips: a
/// person fills in a row and the batch reads it.
#[test]
fn dutch_csv_template_explains_its_columns_and_reads_back() {
    let out = aiact(&["--lang", "nl", "template", "--format", "csv"], None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("byte-order mark");
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let help = lines.next().unwrap();
    assert!(header.starts_with("id;name;owner;description;users;"));
    assert!(help.starts_with("# unieke id"), "{help}");
    assert!(
        help.contains("Wat beoordeelt u?") && help.contains("art. 3, punt 1"),
        "{help}"
    );
    assert!(help.contains("ja / nee / weet niet"), "{help}");
    let columns = header.split(';').count();
    let mut row = vec![""; columns];
    row[0] = "ZD-99";
    row[1] = "Chatbot";
    row[4] = "loket";
    let filled = format!("\u{feff}{header}\n{help}\n{}\n", row.join(";"));
    let out = aiact_in(
        &[
            "--lang",
            "nl",
            "batch",
            "-",
            "--input-format",
            "csv",
            "--format",
            "json",
        ],
        filled.as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains("\"ZD-99\""), "{json}");
    assert!(
        !json.contains("unieke id"),
        "the explanation row is no system"
    );
}

/// English words that give away a diagnostic left in English (none is a key of the formats,
/// which stay as they are in every language).
const ENGLISH_IN_DIAGNOSTICS: [&str; 30] = [
    "not",
    "has",
    "no",
    "missing",
    "did",
    "you",
    "mean",
    "write",
    "quote",
    "cannot",
    "problem",
    "problems",
    "systems",
    "assessed",
    "syntax",
    "hint",
    "warning",
    "note",
    "shown",
    "malformed",
    "cells",
    "header",
    "row",
    "line",
    "unreadable",
    "checked",
    "refused",
    "empty",
    "known",
    "string",
];

/// The English words of a diagnostic output, leaving out what echoes the file: the source
/// line under a diagnostic, its location, and quoted values.
fn english_in_diagnostics(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let source = trimmed
            .split_once('|')
            .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
        if source || trimmed.starts_with("-->") {
            continue;
        }
        let unquoted: String = line
            .split('"')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        found.extend(english_words(&unquoted));
        for word in unquoted
            .split('`')
            .step_by(2)
            .flat_map(|p| p.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        {
            if ENGLISH_IN_DIAGNOSTICS.contains(&word) {
                found.push(word.to_string());
            }
        }
    }
    found
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(fixture(dir))
        .expect("fixture folder")
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    files.sort();
    files
}

/// Runs aiact in Dutch and checks that it reports problems (exit 2, a `fout[...]`) and that
/// nothing on standard error reads English.
fn dutch_problems(args: &[&str]) -> String {
    let mut all = vec!["--lang", "nl", "--as-of", "2026-12-01", "--color", "never"];
    all.extend_from_slice(args);
    let out = aiact(&all, None);
    let text = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{all:?}:\n{text}");
    assert!(text.contains("fout["), "{all:?}: no diagnostic in\n{text}");
    let english = english_in_diagnostics(&text);
    assert!(
        english.is_empty(),
        "{all:?}: English {english:?} in\n{text}"
    );
    text
}

#[test]
fn diagnostics_of_bad_inventories_are_dutch_in_every_format() {
    for file in files_in("inventories") {
        if file.ends_with("empty.toml") || file.contains("algoritmeregister") {
            continue;
        }
        dutch_problems(&["batch", &file]);
    }
    let dir = tempfile::tempdir().unwrap();
    let broken = [
        ("a.toml", "[[system]]\nid = \"A\"\nname = \"x\nnmae = 3\n"),
        (
            "b.toml",
            "[[system]]\nid = \"A\"\nlifecycle = \"gone\"\nusers = 3\n[system.answers]\nmachine_based = \"misschien\"\n[system.evidence]\nx = { reference = \"r\", issued = 2026-13-01 }\n",
        ),
        ("c.json", "{\"systems\": [{\"id\": \"A\", \"name\": 3,}]}"),
        (
            "d.json",
            "{\"systems\": [{\"id\": \"A\", \"nmae\": \"x\", \"answers\": {\"machine_based\": {\"value\": true, \"bij\": \"x\"}}}], \"systems\": []}",
        ),
        (
            "e.jsonl",
            "{\"id\": \"A\"}\n{\"id\": \"B\", \n{\"id\": 3}\n{\"id\": \"A\"}\n",
        ),
        (
            "f.csv",
            "id,name,machine_based\nA,x,misschien\nB,y,z,w\n\"C,z\n",
        ),
        ("g.csv", "name,owner\nx,y\n"),
    ];
    for (name, text) in broken {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        dutch_problems(&["batch", path.to_str().unwrap()]);
    }
    let missing = dir.path().join("missing.toml");
    let out = aiact(&["--lang", "nl", "batch", missing.to_str().unwrap()], None);
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(
        text.starts_with("fout: kan ") && text.contains("bestaat niet"),
        "{text}"
    );
}

#[test]
fn diagnostics_of_bad_policies_and_answers_are_dutch() {
    let pack = fixture("check/pack");
    let policy = fixture("check/policy.toml");
    let offers = fixture("check/offers.toml");
    for file in files_in("check/bad") {
        let name = file.rsplit('/').next().unwrap();
        if name.starts_with("policy-") {
            dutch_problems(&["--rules", &pack, "check", "--policy", &file, &offers]);
        } else {
            dutch_problems(&["--rules", &pack, "check", "--policy", &policy, &file]);
        }
    }
    let text = dutch_problems(&[
        "--rules",
        &pack,
        "check",
        "--policy",
        &fixture("check/bad/policy-unknown-level.toml"),
        &offers,
    ]);
    assert!(text.contains("onbekend niveau `high_risk`"), "{text}");
    assert!(
        text.contains("1 fout; er werd niets gecontroleerd"),
        "{text}"
    );
    // An answers file for one system.
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    std::fs::write(
        &answers,
        "[[system]]\nid = \"X\"\n[system.answers]\nmachine_based = \"misschien\"\nmachine_basd = true\n",
    )
    .unwrap();
    let text = dutch_problems(&["timeline", answers.to_str().unwrap()]);
    assert!(text.contains("vraagt ja of nee"), "{text}");
    assert!(text.contains("onbekende vraag `machine_basd`"), "{text}");
}

#[test]
fn diagnostics_of_a_broken_rule_pack_are_dutch() {
    for dir in files_in("bad-rules") {
        let text = dutch_problems(&["--rules", &dir, "rules", "check"]);
        assert!(text.contains("het regelpakket wordt geweigerd"), "{text}");
    }
    // A broken pack stops every command, in Dutch, and its JSON carries the Dutch messages.
    let dir = fixture("bad-rules/syntax-error");
    dutch_problems(&[
        "--rules",
        &dir,
        "batch",
        &fixture("inventories/bad_value.toml"),
    ]);
    let out = aiact(
        &[
            "--lang", "nl", "--rules", &dir, "rules", "check", "--format", "json",
        ],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "R001");
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("TOML-syntaxisfout: ")),
        "{first}"
    );
}

#[test]
fn english_diagnostics_stay_english() {
    let out = aiact(
        &[
            "--lang",
            "en",
            "batch",
            &fixture("inventories/unknown_question.toml"),
        ],
        None,
    );
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(text.contains("error[A001]: "), "{text}");
    assert!(text.contains("unknown question"), "{text}");
    assert!(text.contains("= hint: "), "{text}");
}

/// Snake-case words (`art4_ai_literacy`, `interacts_with_people`): the rule pack's ids, which a
/// person reading a report should never meet. Web addresses are left out.
fn internal_ids(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '(' | ')' | '<' | '>'))
        .filter(|w| !w.starts_with("http"))
        .flat_map(|w| w.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .filter(|w| w.contains('_') && !w.starts_with('_') && !w.ends_with('_'))
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn reports_for_people_name_no_internal_ids() {
    let inventory = format!("{}/examples/municipality.toml", env!("CARGO_MANIFEST_DIR"));
    for lang in ["nl", "en"] {
        for format in ["markdown", "html", "table"] {
            let out = aiact(
                &[
                    "--lang",
                    lang,
                    "--as-of",
                    "2026-12-01",
                    "batch",
                    &inventory,
                    "--format",
                    format,
                ],
                None,
            );
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.len() > 1000, "{lang} {format}: no report");
            let ids = internal_ids(&text);
            assert!(ids.is_empty(), "{lang} {format}: ids {ids:?}");
        }
        // The report of one system, as `--output-dir` writes it.
        let dir = tempfile::tempdir().unwrap();
        let out = aiact(
            &[
                "--lang",
                lang,
                "--as-of",
                "2026-12-01",
                "batch",
                &inventory,
                "--output-dir",
                dir.path().to_str().unwrap(),
            ],
            None,
        );
        assert!(out.status.success());
        let mut read = 0;
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                let ids = internal_ids(&text);
                assert!(ids.is_empty(), "{}: ids {ids:?}", path.display());
                read += 1;
            }
        }
        assert!(read > 10, "one report per system");
    }
    // The JSON keeps them: programs read ids.
    let out = aiact(
        &[
            "--as-of",
            "2026-12-01",
            "batch",
            &inventory,
            "--format",
            "json",
        ],
        None,
    );
    assert!(
        internal_ids(&String::from_utf8(out.stdout).unwrap())
            .contains(&"art4_ai_literacy".to_string())
    );
}

/// Every `t!("English", "Dutch")` in the sources has a Dutch text of its own: a copy of the
/// English (a translation forgotten) is only allowed for texts without words, such as a value
/// (`t!("{dt}", "{dt}")`) or code (`t!("`)`", "`)`")`.
#[test]
fn no_text_is_left_untranslated() {
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    /// The words of a text outside placeholders (`{x}`) and code (`` `x` ``).
    fn words(text: &str) -> String {
        let mut out = String::new();
        let (mut brace, mut code) = (0, false);
        for c in text.chars() {
            match c {
                '`' => code = !code,
                '{' => brace += 1,
                '}' => brace = (brace - 1).max(0),
                c if brace == 0 && !code && c.is_alphabetic() => out.push(c),
                _ => out.push(' '),
            }
        }
        out
    }
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut texts = 0;
    let mut same = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for part in source.split("t!(").skip(1) {
            let mut literals = part.trim_start().splitn(5, '"');
            let (Some(""), Some(en), Some(sep), Some(nl)) = (
                literals.next(),
                literals.next(),
                literals.next(),
                literals.next(),
            ) else {
                continue;
            };
            if sep.trim() != "," || en.ends_with('\\') || nl.ends_with('\\') {
                continue;
            }
            texts += 1;
            if en == nl && words(en).split_whitespace().any(|w| w.len() > 2) {
                same.push(format!("{}: {en}", file.display()));
            }
        }
    }
    assert!(texts > 300, "only {texts} texts found");
    assert!(same.is_empty(), "untranslated: {same:#?}");
}

/// The procurement memo in Dutch: a duty's status in words ("toepasselijk"), the law and the
/// citations in the official Dutch form, and a duty named by its title, not its id.
#[test]
fn the_check_memo_is_dutch() {
    let root = env!("CARGO_MANIFEST_DIR");
    let offer = format!("{root}/examples/procurement/vendor-a.toml");
    let policy = format!("{root}/examples/procurement/aiact-policy.toml");
    for format in ["table", "markdown"] {
        let out = aiact(
            &[
                "--lang",
                "nl",
                "--as-of",
                "2026-12-01",
                "check",
                &offer,
                "--policy",
                &policy,
                "--format",
                format,
            ],
            None,
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("toepasselijk"), "{format}: {text}");
        assert!(text.contains("art. 4"), "{format}: {text}");
        for english in ["applies", "as amended by", "art4_ai_literacy"] {
            assert!(!text.contains(english), "{format}: `{english}` in {text}");
        }
        // No citation in the English form `Art. 50(1)`.
        for (i, _) in text.match_indices("Art. ") {
            let after = text[i + 5..].trim_start_matches(|c: char| c.is_ascii_alphanumeric());
            assert!(!after.starts_with('('), "{format}: {}", &text[i..]);
        }
    }
}
