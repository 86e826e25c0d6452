//! Pass 1: every file parsed into the raw serde model. A syntax error (R001) stops the checks
//! of its file; an unknown key (R002) or a shape error (R003) skips only its entry, so that the
//! rest of the pack is still checked.

use super::{At, RawPack, SourceFile};
use crate::diag::{Diagnostic, first_line};
use crate::rules::raw::S;
use serde::Deserialize;
use std::ops::Range;
use toml::de::{DeValue, ValueDeserializer};

const TOP_LEVEL: [&str; 11] = [
    "pack",
    "law_version",
    "timeline",
    "question",
    "finding",
    "obligation",
    "evidence",
    "transition",
    "note",
    "risk",
    "scenario",
];

pub(super) fn parse_file(
    fi: usize,
    file: &SourceFile,
    raw: &mut RawPack,
    diags: &mut Vec<Diagnostic>,
) {
    let (root, errors) = toml::de::DeTable::parse_recoverable(&file.text);
    let syntax_broken = !errors.is_empty();
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        diags.push(
            Diagnostic::error("R001", crate::diag::syntax_error("TOML", e.message()))
                .at(&file.path, &file.text, span)
                .with_hint(t!(
                    "fix the TOML syntax; see https://toml.io",
                    "verbeter de TOML-syntaxis; zie https://toml.io"
                )),
        );
    }
    // What follows a syntax error is a guess of the parser's; checking it would only add noise.
    if syntax_broken {
        return;
    }
    for (key, value) in root.get_ref().iter() {
        let name: &str = key.get_ref();
        if name == "pack" {
            push_one(fi, file, value.clone(), &mut raw.manifest, diags);
            continue;
        }
        let items = match value.get_ref() {
            DeValue::Array(items) => items,
            _ if TOP_LEVEL.contains(&name) => {
                diags.push(
                    Diagnostic::error(
                        "R003",
                        t!(
                            "`{name}` must be an array of tables",
                            "`{name}` moet een lijst van tabellen zijn"
                        ),
                    )
                    .at(&file.path, &file.text, key.span())
                    .with_hint(t!(
                        "write each entry as [[{name}]]",
                        "schrijf elk element als [[{name}]]"
                    )),
                );
                continue;
            }
            _ => {
                diags.push(unknown_key(
                    name,
                    &TOP_LEVEL,
                    &file.path,
                    &file.text,
                    key.span(),
                ));
                continue;
            }
        };
        for item in items.iter() {
            let item = item.clone();
            match name {
                "law_version" => push_one(fi, file, item, &mut raw.law_versions, diags),
                "timeline" => push_one(fi, file, item, &mut raw.timeline, diags),
                "question" => push_one(fi, file, item, &mut raw.questions, diags),
                "finding" => push_one(fi, file, item, &mut raw.findings, diags),
                "obligation" => push_one(fi, file, item, &mut raw.obligations, diags),
                "evidence" => push_one(fi, file, item, &mut raw.evidence, diags),
                "transition" => push_one(fi, file, item, &mut raw.transitions, diags),
                "note" => push_one(fi, file, item, &mut raw.notes, diags),
                "risk" => push_one(fi, file, item, &mut raw.risk, diags),
                "scenario" => push_one(fi, file, item, &mut raw.scenarios, diags),
                _ => {
                    diags.push(unknown_key(
                        name,
                        &TOP_LEVEL,
                        &file.path,
                        &file.text,
                        key.span(),
                    ));
                    break;
                }
            }
        }
    }
}

fn unknown_key(
    name: &str,
    known: &[&str],
    path: &str,
    text: &str,
    span: Range<usize>,
) -> Diagnostic {
    let hint = crate::diag::known_keys(name, known);
    Diagnostic::error(
        "R002",
        t!("unknown key `{name}`", "onbekende sleutel `{name}`"),
    )
    .at(path, text, span)
    .with_hint(hint)
}

/// Deserializes one table; a shape error (unknown key, wrong type, missing field) becomes a
/// diagnostic at its span and the entry is skipped, so the rest of the pack is still checked.
fn push_one<T: for<'de> Deserialize<'de>>(
    fi: usize,
    file: &SourceFile,
    value: S<DeValue<'_>>,
    out: &mut Vec<At<T>>,
    diags: &mut Vec<Diagnostic>,
) {
    let span = value.span();
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => out.push((fi, S::new(span, v))),
        Err(e) => {
            let raw = first_line(e.message());
            let en = raw
                .replace("struct RawText", "a table of texts { en = \"...\", nl = \"...\" }")
                .replace("struct RawExamples", "a table of example lists { en = [...], nl = [...] }")
                .replace("data did not match any variant of untagged enum RawDateSpec", "expected a date (YYYY-MM-DD), a timeline id, or a list of { when, date } cases")
                .replace("data did not match any variant of untagged enum RawDateRef", "expected a date (YYYY-MM-DD) or a timeline id");
            let nl = if raw.contains("untagged enum RawDateSpec") {
                "hier hoort een datum (JJJJ-MM-DD), een id van de tijdlijn, of een lijst van gevallen { when, date }".to_string()
            } else if raw.contains("untagged enum RawDateRef") {
                "hier hoort een datum (JJJJ-MM-DD) of een id van de tijdlijn".to_string()
            } else {
                let shapes = raw
                    .replace("struct RawText", "`{ en = \"...\", nl = \"...\" }`")
                    .replace("struct RawExamples", "`{ en = [...], nl = [...] }`");
                crate::diag::parser_text(&shapes).nl
            };
            let msg = crate::rules::Text { en, nl };
            let at = e.span().unwrap_or(span);
            let (code, hint) = if let Some((_, hint)) = crate::diag::unknown_field(raw) {
                ("R002", hint)
            } else if raw.starts_with("missing field") {
                (
                    "R003",
                    t!(
                        "add the field; see docs/rule-format.md",
                        "voeg het veld toe; zie docs/rule-format.md"
                    ),
                )
            } else {
                (
                    "R003",
                    t!(
                        "check the value's type against docs/rule-format.md",
                        "controleer het type van de waarde met docs/rule-format.md"
                    ),
                )
            };
            diags.push(
                Diagnostic::error(code, msg)
                    .at(&file.path, &file.text, at)
                    .with_hint(hint),
            );
        }
    }
}
