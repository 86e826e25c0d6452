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
