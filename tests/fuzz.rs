//! The inventory fuzz harness: random inventories in every encoding, written correctly and
//! then damaged (a stray quote, a lost or extra character, a line break, a bracket), read by
//! the real reader. Each case must end without a panic and lose no system silently: every
//! system written is either reported (a system read at one of its lines) or named by a
//! diagnostic (one located on one of its lines, or saying it covers them: a row that runs over
//! them, lines not read after a syntax error; a JSON object or array holding it; or a
//! file-level error that stops the whole file). An undamaged inventory must read back whole
//! and clean.
//!
//! `cargo test --test fuzz` runs a fixed-seed part in CI (the case counts below). The long
//! run is documented in docs/fuzzing.md:
//! `AIACT_FUZZ_CASES=2000000 AIACT_FUZZ_SEED=$RANDOM cargo test --release --test fuzz`.

use aiact::diag::{Diagnostic, Lang};
use aiact::inventory::{InputFormat, SystemEntry, read_inventory, write_toml};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::cell::Cell;
use std::ops::Range;

/// What one format's run saw, for its summary line.
#[derive(Default)]
struct Tally {
    /// Systems written to damaged files, and what became of them: read at their lines, named
    /// by a problem, or in a file refused as a whole.
    written: Cell<usize>,
    reported: Cell<usize>,
    named: Cell<usize>,
    whole_file: Cell<usize>,
    /// Undamaged CSV rows refused as merged rows, of the rows in undamaged files with line
    /// breaks in a cell (see `check`).
    false_alarms: Cell<usize>,
    multi_line_rows: Cell<usize>,
}

fn add(c: &Cell<usize>, n: usize) {
    c.set(c.get() + n);
}

/// Cases per format in the CI run, unless `AIACT_FUZZ_CASES` says otherwise.
const CI_CASES: u32 = 100_000;

/// The formats run unless `AIACT_FUZZ_FORMATS` says otherwise: all of them.
const CI_FORMATS: &str = "csv,jsonl,json,toml";

/// Question columns: real question ids and one that is not.
const QUESTIONS: [&str; 4] = [
    "subject_kind",
    "machine_based",
    "org_type",
    "not_a_question",
];

/// Characters of the generated texts: letters, the delimiters and quotes of every format,
/// line breaks, markup, formula starters, non-Latin letters, controls and bidi overrides.
const ALPHABET: &[char] = &[
    'a', 'b', 'Z', ' ', ' ', ',', ';', '\t', '"', '\'', '\n', '\r', '=', '+', '-', '@', '[', ']',
    '{', '}', '#', '\\', ':', '|', '<', '>', 'é', '漢', '𝐀', '\u{0}', '\u{1b}', '\u{7}',
    '\u{202e}', '\u{2066}', '\u{feff}', '＝',
];

#[derive(Debug, Clone)]
struct Sys {
    name: String,
    owner: String,
    description: String,
    answers: Vec<(usize, String)>,
}

#[derive(Debug, Clone, Copy)]
enum Damage {
    InsertQuote,
    DeleteChar,
    InsertDelimiter,
    InsertLineBreak,
    ReplaceWithQuote,
    InsertBracket,
}

/// A text of up to `max` characters of the alphabet. Drawn from a length and a seed rather than
/// character by character: ten times faster to generate, and shrinking still shortens it.
fn text(max: usize) -> impl Strategy<Value = String> {
    (0..max, any::<u64>()).prop_map(|(len, seed)| {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ALPHABET[(x % ALPHABET.len() as u64) as usize]
            })
            .collect()
    })
}

fn system() -> impl Strategy<Value = Sys> {
    let value = prop_oneof![
        Just("yes".to_string()),
        Just("no".to_string()),
        Just("unknown".to_string()),
        Just("ai-system".to_string()),
        text(6),
    ];
    (
        text(12),
        text(6),
        text(24),
        prop::collection::vec((0..QUESTIONS.len(), value), 0..4),
    )
        .prop_map(|(name, owner, description, answers)| Sys {
            name,
            owner,
            description,
            answers,
        })
}

fn damage() -> impl Strategy<Value = (Damage, f64)> {
    let kind = prop_oneof![
        Just(Damage::InsertQuote),
        Just(Damage::DeleteChar),
        Just(Damage::InsertDelimiter),
        Just(Damage::InsertLineBreak),
        Just(Damage::ReplaceWithQuote),
        Just(Damage::InsertBracket),
    ];
    (kind, 0.0..1.0f64)
}

/// One case: the systems, the CSV delimiter and line end, the damage done, and whether the
/// ids have one shape (`SYS-000`, `SYS-001`) or several (`SYS-000`, `1`, `app 2`: the CSV
/// reader compares the shapes of first cells to tell a swallowed row from a multi-line cell).
type Case = (Vec<Sys>, bool, bool, Vec<(Damage, f64)>, bool);

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(system(), 1..6),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(damage(), 0..3),
        any::<bool>(),
    )
}

fn id(i: usize, mixed: bool) -> String {
    match i % 3 {
        1 if mixed => format!("{i}"),
        2 if mixed => format!("app {i}"),
        _ => format!("SYS-{i:03}"),
    }
}

/// The inventory text, and the byte range each system was written to.
fn encode(
    format: InputFormat,
    systems: &[Sys],
    semicolon: bool,
    crlf: bool,
    mixed: bool,
) -> (String, Vec<Range<usize>>) {
    let mut out = String::new();
    let mut ranges = Vec::new();
    match format {
        InputFormat::Csv => {
            let delimiter = if semicolon { b';' } else { b',' };
            let row = |cells: Vec<String>| {
                let mut w = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .terminator(if crlf {
                        csv::Terminator::CRLF
                    } else {
                        csv::Terminator::Any(b'\n')
                    })
                    .from_writer(Vec::new());
                w.write_record(cells).expect("csv");
                String::from_utf8(w.into_inner().expect("csv")).expect("utf-8")
            };
            let mut header: Vec<String> = ["id", "name", "owner", "description"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            header.extend(QUESTIONS.iter().map(|s| s.to_string()));
            out.push_str(&row(header));
            for (i, s) in systems.iter().enumerate() {
                let mut cells = vec![
                    id(i, mixed),
                    s.name.clone(),
                    s.owner.clone(),
                    s.description.clone(),
                ];
                for q in 0..QUESTIONS.len() {
                    let v = s.answers.iter().rev().find(|(a, _)| *a == q);
                    cells.push(v.map_or_else(String::new, |(_, v)| v.clone()));
                }
                let start = out.len();
                out.push_str(&row(cells));
                ranges.push(start..out.len());
            }
        }
        InputFormat::Toml => {
            for (i, s) in systems.iter().enumerate() {
                let mut e = SystemEntry::new(&id(i, mixed));
                e.name = s.name.clone();
                e.owner = s.owner.clone();
                e.description = s.description.clone();
                for (q, v) in &s.answers {
                    if !e.answers.iter().any(|(k, _)| k == QUESTIONS[*q]) {
                        e.answers.push((
                            QUESTIONS[*q].to_string(),
                            aiact::answers::RawAnswer::Text(v.clone()),
                        ));
                    }
                }
                if i > 0 {
                    out.push('\n');
                }
                let start = out.len();
                out.push_str(&write_toml(&[e]));
                ranges.push(start..out.len());
            }
        }
        InputFormat::Json | InputFormat::Jsonl => {
            let json = format == InputFormat::Json;
            if json {
                out.push_str("{\"systems\": [\n");
            }
            for (i, s) in systems.iter().enumerate() {
                let answers: serde_json::Map<String, serde_json::Value> = s
                    .answers
                    .iter()
                    .map(|(q, v)| {
                        (
                            QUESTIONS[*q].to_string(),
                            serde_json::Value::String(v.clone()),
                        )
                    })
                    .collect();
                let obj = serde_json::json!({
                    "id": id(i, mixed), "name": s.name, "owner": s.owner,
                    "description": s.description, "answers": answers,
                });
                if json && i > 0 {
                    out.push_str(",\n");
                }
                let start = out.len();
                out.push_str(&obj.to_string());
                ranges.push(start..out.len());
                if !json {
                    out.push('\n');
                }
            }
            if json {
                out.push_str("\n]}\n");
            }
        }
    }
    (out, ranges)
}

/// Damages the text; the systems' ranges follow the bytes they were written to.
fn damage_text(
    format: InputFormat,
    text: &mut String,
    ranges: &mut [Range<usize>],
    damage: &[(Damage, f64)],
    semicolon: bool,
) {
    for (kind, at) in damage {
        if text.is_empty() {
            return;
        }
        let mut pos = ((text.len() as f64) * at) as usize;
        while !text.is_char_boundary(pos) {
            pos -= 1;
        }
        let delimiter = match format {
            InputFormat::Csv if semicolon => ";",
            _ => ",",
        };
        let (removed, inserted): (usize, &str) = match kind {
            Damage::InsertQuote => (0, "\""),
            Damage::InsertDelimiter => (0, delimiter),
            Damage::InsertLineBreak => (0, "\n"),
            Damage::InsertBracket => (0, if pos.is_multiple_of(2) { "[" } else { "{" }),
            Damage::DeleteChar | Damage::ReplaceWithQuote => {
                let len = text[pos..].chars().next().map_or(0, char::len_utf8);
                (
                    len,
                    if matches!(kind, Damage::DeleteChar) {
                        ""
                    } else {
                        "\""
                    },
                )
            }
        };
        text.replace_range(pos..pos + removed, inserted);
        let shift = |o: usize| {
            if o <= pos {
                o
            } else if o < pos + removed {
                pos
            } else {
                o - removed + inserted.len()
            }
        };
        for r in ranges.iter_mut() {
            *r = shift(r.start)..shift(r.end).max(shift(r.start));
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The lines a diagnostic names: its line, and the lines it says it covers ("the row runs
/// from line 2 to line 3", "lines 4 to 9 are not read").
fn lines_named(d: &Diagnostic) -> Option<Range<usize>> {
    let line = d.location.as_ref().map_or(0, |l| l.line);
    if line == 0 {
        return None;
    }
    let number = |after: &str| {
        d.message
            .en
            .split(after)
            .nth(1)
            .map(|r| {
                r.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .and_then(|n| n.parse::<usize>().ok())
    };
    let first = number("from line ")
        .or_else(|| number("lines "))
        .unwrap_or(line)
        .min(line);
    let last = number("to line ")
        .or_else(|| number(" to "))
        .unwrap_or(line)
        .max(line);
    Some(first..last + 1)
}

/// The lines of the JSON value a diagnostic points at (an object or array): a system without
/// `id` is pointed at at its start, a value under an unknown key at the value; the reader
/// leaves that whole value out, and the problem names everything in it.
fn json_value_named(text: &str, d: &Diagnostic) -> Option<Range<usize>> {
    let l = d.location.as_ref()?;
    let line_start = text
        .split_inclusive('\n')
        .take(l.line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let offset = line_start
        + text[line_start..]
            .char_indices()
            .nth(l.column.checked_sub(1)?)
            .map(|(i, _)| i)?;
    if !text[offset..].starts_with(['{', '[']) {
        return None;
    }
    let value = serde_json::Deserializer::from_str(&text[offset..])
        .into_iter::<&serde_json::value::RawValue>()
        .next()?
        .ok()?;
    Some(line_of(text, offset)..line_of(text, offset + value.get().len()) + 1)
}

/// A problem about the whole file (its systems are all named by it): "no systems" (A016) —
/// nothing was read, and the run says so — or a CSV header that cannot be read.
fn stops_the_file(format: InputFormat, d: &Diagnostic, header_line: usize) -> bool {
    if !d.is_error() {
        return false;
    }
    if d.code == "A016" {
        return true;
    }
    let line = d.location.as_ref().map_or(0, |l| l.line);
    match format {
        InputFormat::Csv => {
            d.code == "A018" && (line <= header_line.max(1) || d.message.en.contains("CSV header"))
        }
        _ => false,
    }
}

fn check(format: InputFormat, case: &Case, tally: &Tally) -> Result<(), TestCaseError> {
    let (systems, semicolon, crlf, damage, mixed) = case;
    let id = |i: usize| id(i, *mixed);
    let (mut text, mut ranges) = encode(format, systems, *semicolon, *crlf, *mixed);
    damage_text(format, &mut text, &mut ranges, damage, *semicolon);
    let name = format!("fuzz.{}", format.name());
    let inv = read_inventory(&name, &text, format);
    // A CSV cell with a line break and delimiters can look like rows merged by a stray quote:
    // the reader then refuses that row, by name (a false alarm, counted, never a silent loss).
    let multi_line_csv = format == InputFormat::Csv
        && systems.iter().any(|s| {
            [&s.name, &s.owner, &s.description]
                .into_iter()
                .chain(s.answers.iter().map(|(_, v)| v))
                .any(|t| t.contains(['\n', '\r']))
        });
    if multi_line_csv && damage.is_empty() {
        let alarms = inv.diagnostics.iter().filter(|d| d.is_error()).count();
        add(&tally.false_alarms, alarms);
        add(&tally.multi_line_rows, systems.len());
        for d in inv.diagnostics.iter().filter(|d| d.is_error()) {
            prop_assert!(
                d.code == "A018" && d.message.en.contains("quote"),
                "only the stray-quote check may refuse an undamaged row: {}\n{}",
                d.render(Lang::En),
                text
            );
        }
    } else if damage.is_empty() {
        let ids: Vec<String> = inv.systems.iter().map(|s| s.id.clone()).collect();
        let expected: Vec<String> = (0..systems.len()).map(id).collect();
        prop_assert_eq!(
            &ids,
            &expected,
            "an undamaged inventory reads back whole: {:?}\n{}",
            inv.diagnostics,
            text
        );
        let errors: Vec<&Diagnostic> = inv.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(
            errors.is_empty(),
            "an undamaged inventory reads clean: {:?}\n{}",
            errors,
            text
        );
        return Ok(());
    }
    // The CSV header is above the first system (blank lines may come before it).
    let header_line = ranges
        .iter()
        .map(|r| line_of(&text, r.start))
        .min()
        .unwrap_or(1)
        .saturating_sub(1);
    add(&tally.written, systems.len());
    if inv
        .diagnostics
        .iter()
        .any(|d| stops_the_file(format, d, header_line))
    {
        add(&tally.whole_file, systems.len());
        return Ok(());
    }
    let mut named: Vec<Range<usize>> = inv.diagnostics.iter().filter_map(lines_named).collect();
    if format == InputFormat::Json {
        named.extend(
            inv.diagnostics
                .iter()
                .filter_map(|d| json_value_named(&text, d)),
        );
    }
    for (i, r) in ranges.iter().enumerate() {
        let first = line_of(&text, r.start);
        let last = line_of(&text, r.end.saturating_sub(1).max(r.start));
        let lines = first..last + 1;
        let reported = inv.systems.iter().any(|s| lines.contains(&s.line));
        let diagnosed = named
            .iter()
            .any(|n| n.start < lines.end && lines.start < n.end);
        prop_assert!(
            reported || diagnosed,
            "system {} (lines {}-{}) vanished without a word\nsystems: {:?}\ndiagnostics: {:?}\ntext:\n{}",
            id(i),
            first,
            last,
            inv.systems
                .iter()
                .map(|s| (&s.id, s.line))
                .collect::<Vec<_>>(),
            inv.diagnostics
                .iter()
                .map(|d| d.render(Lang::En).to_string())
                .collect::<Vec<_>>(),
            text
        );
        add(
            if reported {
                &tally.reported
            } else {
                &tally.named
            },
            1,
        );
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("AIACT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_CASES)
}

fn run(format: InputFormat) {
    let formats = std::env::var("AIACT_FUZZ_FORMATS").unwrap_or_else(|_| CI_FORMATS.to_string());
    if !formats.split(',').any(|f| f.trim() == format.name()) {
        eprintln!(
            "fuzz: {} skipped (not in AIACT_FUZZ_FORMATS={formats})",
            format.name()
        );
        return;
    }
    let seed: u64 = std::env::var("AIACT_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_261_206);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8] = format.name().len() as u8;
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::XorShift, &bytes));
    let started = std::time::Instant::now();
    let tally = Tally::default();
    let result = runner.run(&case(), |c| check(format, &c, &tally));
    let alarms = if format == InputFormat::Csv {
        format!(
            "; {} of {} undamaged rows in files with line breaks in cells refused as merged rows",
            tally.false_alarms.get(),
            tally.multi_line_rows.get()
        )
    } else {
        String::new()
    };
    eprintln!(
        "fuzz: {} {} cases, seed {seed}, {:.1} s: {}; of {} systems in damaged files {} reported, {} named by a problem, {} in a file refused whole{alarms}",
        format.name(),
        cases(),
        started.elapsed().as_secs_f64(),
        if result.is_ok() {
            "passed"
        } else {
            "FAILED (the first failure stops the run)"
        },
        tally.written.get(),
        tally.reported.get(),
        tally.named.get(),
        tally.whole_file.get(),
    );
    if let Err(e) = result {
        panic!("{}: {e}", format.name());
    }
}

#[test]
fn fuzz_csv() {
    run(InputFormat::Csv);
}

#[test]
fn fuzz_jsonl() {
    run(InputFormat::Jsonl);
}

#[test]
fn fuzz_json() {
    run(InputFormat::Json);
}

#[test]
fn fuzz_toml() {
    run(InputFormat::Toml);
}

/// Real registers (spreadsheet exports with long multi-line cells full of delimiters: prose,
/// lists of products) are read with few rows taken for rows merged by a stray quote: at most 2
/// of their 1 196 rows with line breaks in a cell (81 before the merged-row check asked for
/// both ends of a cell to line up as rows, 8 while a line of prose starting with a word could
/// pass for a row start). The first column is renamed `id` (they have none); a file that is
/// not UTF-8 is skipped.
#[test]
fn real_registers_have_few_merged_row_false_alarms() {
    let dir = std::path::Path::new("tests/fixtures/registers");
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for sub in ["atrs", "omb", "pstw"] {
        let mut entries: Vec<_> = std::fs::read_dir(dir.join(sub))
            .expect("registers")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.display().to_string();
            let bytes = std::fs::read(&path).expect("read");
            if name.ends_with(".csv") {
                files.push((name, bytes));
            } else if name.ends_with(".csv.gz") {
                let mut out = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
                    .expect("gzip");
                files.push((name, out));
            }
        }
    }
    let (mut multi_line, mut alarms) = (0, Vec::new());
    for (name, bytes) in files {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let text = text.trim_start_matches('\u{feff}');
        let delimiter = aiact::inventory::detect_delimiter(text);
        let first_cell_end = text.find([delimiter as char, '\n']).unwrap_or(0);
        let text = format!("id{}", &text[first_cell_end..]);
        // Rows with a line break in a cell, as the csv crate reads them.
        multi_line += csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .filter_map(Result::ok)
            .filter(|r| r.iter().any(|c| c.contains('\n')))
            .count();
        let inv = read_inventory(&name, &text, InputFormat::Csv);
        alarms.extend(
            inv.diagnostics
                .iter()
                .filter(|d| d.code == "A018" && d.message.en.contains("quote"))
                .map(|d| d.render(aiact::diag::Lang::En).to_string()),
        );
    }
    eprintln!(
        "real registers: {} of {multi_line} rows with line breaks in a cell refused as merged rows",
        alarms.len()
    );
    assert_eq!(multi_line, 1196, "the registers changed");
    for a in &alarms {
        eprintln!("{}", a.lines().next().unwrap_or(""));
        eprintln!("{}", a.lines().nth(1).unwrap_or(""));
    }
    assert!(alarms.len() <= 2, "{alarms:#?}");
}
