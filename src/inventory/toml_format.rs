//! The TOML encoding: `[[system]]` tables with `[system.answers]` and `[system.evidence]`.

use super::{
    ANSWER_META_KEYS, AnswerMeta, EvidenceRef, Hint, Inventory, LITERACY_KEYS, LineIndex,
    LiteracyMeasure, ORGANISATION_KEYS, Organisation, PackStamp, SYSTEM_KEYS, SystemEntry,
    parse_country, parse_stage,
};
use crate::answers::RawAnswer;
use crate::diag::{Diagnostic, known_keys};
use crate::engine::Lifecycle;
use crate::rules::Text;
use chrono::NaiveDate;
use toml::de::DeValue;

/// Reads the tables of a TOML inventory, or of a piece of one, parsed without errors: the
/// `[organisation]` and each `[[system]]` (a malformed system is reported and skipped).
pub(super) fn read_root(
    path: &str,
    text: &str,
    index: &LineIndex<'_>,
    root: &toml::de::DeTable<'_>,
    inv: &mut Inventory,
) {
    let point = |d: Diagnostic, span: std::ops::Range<usize>| index.point(d, path, span.start);
    let at = |span: std::ops::Range<usize>| index.line(span.start);
    for (key, value) in root.iter() {
        let key_name: &str = key.get_ref();
        if key_name == "inventory" {
            continue;
        }
        if key_name == "organisation" {
            inv.organisation = organisation(path, text, index, value, &mut inv.diagnostics);
            continue;
        }
        if key_name != "system" {
            inv.diagnostics.push(
                point(
                    Diagnostic::error("A011", t!("unknown key `{key_name}`", "onbekende sleutel `{key_name}`")),
                    key.span(),
                )
                .with_hint(
                    t!("an inventory holds [[system]] tables (and optional [inventory] and [organisation] tables)", "een inventaris bevat [[system]]-tabellen (en eventueel een tabel [inventory] en [organisation])"),
                ),
            );
            continue;
        }
        let DeValue::Array(items) = value.get_ref() else {
            inv.diagnostics.push(
                point(
                    Diagnostic::error(
                        "A011",
                        t!(
                            "`system` must be an array of tables",
                            "`system` moet een lijst van tabellen zijn"
                        ),
                    ),
                    key.span(),
                )
                .with_hint(t!(
                    "write each system as [[system]]",
                    "schrijf elk systeem als [[system]]"
                )),
            );
            continue;
        };
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                inv.diagnostics.push(
                    point(
                        Diagnostic::error(
                            "A011",
                            t!(
                                "a system must be a table",
                                "een systeem moet een tabel zijn"
                            ),
                        ),
                        item.span(),
                    )
                    .with_hint(t!(
                        "write each system as [[system]]",
                        "schrijf elk systeem als [[system]]"
                    )),
                );
                continue;
            };
            let mut entry = SystemEntry::new("");
            entry.file = path.to_string();
            entry.line = at(item.span());
            let mut ok = true;
            let mut lifecycle_date = None;
            for (k, v) in table.iter() {
                let name: &str = k.get_ref();
                let string = |v: &DeValue<'_>| v.as_str().map(str::to_string);
                match name {
                    "id" | "name" | "owner" | "description" => match string(v.get_ref()) {
                        Some(s) => match name {
                            "id" => entry.id = s,
                            "name" => entry.name = s,
                            "owner" => entry.owner = s,
                            _ => entry.description = s,
                        },
                        None => {
                            ok = false;
                            inv.diagnostics.push(
                                point(
                                    Diagnostic::error(
                                        "A012",
                                        t!(
                                            "`{name}` must be a string",
                                            "`{name}` moet een tekst zijn"
                                        ),
                                    ),
                                    v.span(),
                                )
                                .with_hint(t!(
                                    "quote the value",
                                    "zet de waarde tussen aanhalingstekens"
                                )),
                            );
                        }
                    },
                    "pack" => {
                        if let DeValue::Table(t) = v.get_ref() {
                            let get = |key: &str| {
                                t.iter()
                                    .find(|(k, _)| k.get_ref() == key)
                                    .and_then(|(_, v)| v.get_ref().as_str().map(str::to_string))
                                    .unwrap_or_default()
                            };
                            entry.pack = Some(PackStamp {
                                id: get("id"),
                                version: get("version"),
                                sha256: get("sha256"),
                            });
                        }
                    }
                    "lifecycle" => match v.get_ref().as_str().map(parse_stage) {
                        Some(Ok(stage)) => {
                            entry.lifecycle = Some(Lifecycle {
                                stage,
                                date: entry.lifecycle.and_then(|l| l.date),
                            })
                        }
                        Some(Err(msg)) => {
                            ok = false;
                            inv.diagnostics.push(
                                point(Diagnostic::error("A031", msg)
                                    , v.span())
                                    .with_hint(t!("write lifecycle = \"planned\", \"in-development\", \"in-use\" or \"retired\"", "schrijf lifecycle = \"planned\", \"in-development\", \"in-use\" of \"retired\"")),
                            );
                        }
                        None => {
                            ok = false;
                            inv.diagnostics.push(
                                point(
                                    Diagnostic::error(
                                        "A031",
                                        t!(
                                            "`lifecycle` must be a string",
                                            "`lifecycle` moet een tekst zijn"
                                        ),
                                    ),
                                    v.span(),
                                )
                                .with_hint(t!(
                                    "write lifecycle = \"in-use\"",
                                    "schrijf lifecycle = \"in-use\""
                                )),
                            );
                        }
                    },
                    "lifecycle_date" => match date(v.get_ref()) {
                        Ok(d) => lifecycle_date = Some((d, v.span())),
                        Err(msg) => {
                            ok = false;
                            inv.diagnostics.push(
                                point(
                                    Diagnostic::error("A031", msg.prefixed("lifecycle_date: ")),
                                    v.span(),
                                )
                                .with_hint(t!(
                                    "write lifecycle_date = 2027-03-01",
                                    "schrijf lifecycle_date = 2027-03-01"
                                )),
                            );
                        }
                    },
                    "users" => match strings(v.get_ref(), "users") {
                        Ok(u) => entry.users = u,
                        Err(msg) => {
                            ok = false;
                            inv.diagnostics.push(
                                point(Diagnostic::error("A034", msg), v.span()).with_hint(t!(
                                    "write users = [\"loket\", \"sociale dienst\"]",
                                    "schrijf users = [\"loket\", \"sociale dienst\"]"
                                )),
                            );
                        }
                    },
                    "hints" => match hints(v.get_ref()) {
                        Ok(h) => entry.hints = h,
                        Err(msg) => {
                            ok = false;
                            inv.diagnostics.push(
                                point(Diagnostic::error("A033", msg)
                                    , v.span())
                                    .with_hint(t!("write hints = [{{ question = \"annex_iii_areas\", reason = \"...\" }}]", "schrijf hints = [{{ question = \"annex_iii_areas\", reason = \"...\" }}]")),
                            );
                        }
                    },
                    "answers" => {
                        match v.get_ref() {
                            DeValue::Table(t) => {
                                for (qk, qv) in t.iter() {
                                    let id = qk.get_ref().to_string();
                                    let (raw, meta) = match qv.get_ref() {
                                        DeValue::Table(mt) => match answer_with_meta(mt) {
                                            Ok(pair) => pair,
                                            Err((msg, span)) => {
                                                ok = false;
                                                inv.diagnostics.push(
                                                point(Diagnostic::error("A032", {
                                                    let Text { en, nl } = msg;
                                                    t!("answer `{id}`: {en}", "antwoord `{id}`: {nl}")
                                                })
                                                    , span.unwrap_or_else(|| qv.span()))
                                                    .with_hint(t!("write {id} = {{ value = ..., source = \"...\", comment = \"...\", by = \"...\", on = 2026-12-01 }}", "schrijf {id} = {{ value = ..., source = \"...\", comment = \"...\", by = \"...\", on = 2026-12-01 }}")),
                                            );
                                                continue;
                                            }
                                        },
                                        other => (raw_answer(other), AnswerMeta::default()),
                                    };
                                    if !meta.is_empty() {
                                        entry.answer_meta.insert(id.clone(), meta);
                                    }
                                    entry.answers.push((id, raw));
                                    entry.answer_at.push(index.line_col(qk.span().start));
                                }
                            }
                            _ => {
                                ok = false;
                                inv.diagnostics.push(point(Diagnostic::error("A012", t!("`answers` must be a table", "`answers` moet een tabel zijn")), v.span()).with_hint(t!("write [system.answers] followed by question_id = value lines", "schrijf [system.answers] gevolgd door regels vraag_id = waarde")));
                            }
                        }
                    }
                    "evidence" => match v.get_ref() {
                        DeValue::Table(t) => {
                            for (ek, ev) in t.iter() {
                                match evidence(ek.get_ref(), ev.get_ref()) {
                                    Ok(mut e) => {
                                        e.line = at(ev.span());
                                        entry.evidence.push(e);
                                    }
                                    Err(msg) => {
                                        ok = false;
                                        inv.diagnostics.push(point(Diagnostic::error("A013", msg), ev.span()).with_hint(t!("write key = {{ reference = \"...\", issued = 2026-01-01, expires = 2030-01-01 }}", "schrijf sleutel = {{ reference = \"...\", issued = 2026-01-01, expires = 2030-01-01 }}")));
                                    }
                                }
                            }
                        }
                        _ => {
                            ok = false;
                            inv.diagnostics.push(
                                point(
                                    Diagnostic::error(
                                        "A012",
                                        t!(
                                            "`evidence` must be a table",
                                            "`evidence` moet een tabel zijn"
                                        ),
                                    ),
                                    v.span(),
                                )
                                .with_hint(t!(
                                    "write [system.evidence]",
                                    "schrijf [system.evidence]"
                                )),
                            );
                        }
                    },
                    other => {
                        ok = false;
                        let hint = known_keys(other, &SYSTEM_KEYS);
                        inv.diagnostics.push(
                            point(
                                Diagnostic::error(
                                    "A011",
                                    t!(
                                        "unknown key `{other}` in a system",
                                        "onbekende sleutel `{other}` in een systeem"
                                    ),
                                ),
                                k.span(),
                            )
                            .with_hint(hint),
                        );
                    }
                }
            }
            if let Some((d, span)) = lifecycle_date {
                match &mut entry.lifecycle {
                    Some(l) => l.date = Some(d),
                    None => {
                        ok = false;
                        inv.diagnostics.push(
                            point(
                                Diagnostic::error("A031", t!("`lifecycle_date` without `lifecycle`", "`lifecycle_date` zonder `lifecycle`")),
                                span,
                            )
                            .with_hint(
                                t!("say which stage the date belongs to, e.g. lifecycle = \"retired\"", "zeg bij welke levensfase de datum hoort, bv. lifecycle = \"retired\""),
                            ),
                        );
                    }
                }
            }
            if entry.id.trim().is_empty() {
                ok = false;
                inv.diagnostics.push(
                    point(
                        Diagnostic::error(
                            "A014",
                            t!("a system has no `id`", "een systeem heeft geen `id`"),
                        ),
                        item.span(),
                    )
                    .with_hint(t!(
                        "give every system a unique id, e.g. id = \"GEM-001\"",
                        "geef elk systeem een eigen id, bv. id = \"GEM-001\""
                    )),
                );
            }
            if ok {
                inv.systems.push(entry);
            }
        }
    }
}

pub(crate) fn raw_answer(v: &DeValue<'_>) -> RawAnswer {
    match v {
        DeValue::Boolean(b) => RawAnswer::Bool(*b),
        DeValue::String(s) => RawAnswer::Text(s.to_string()),
        DeValue::Integer(i) => number(i.as_str(), i.radix()),
        DeValue::Float(f) => number(f.as_str(), 10),
        DeValue::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .map_or_else(|| RawAnswer::Other(t!("{dt}", "{dt}")), RawAnswer::Date),
            _ => RawAnswer::Other(t!("the date-time {dt}", "de datum en tijd {dt}")),
        },
        DeValue::Array(items) => {
            let mut out = Vec::new();
            for item in items.iter() {
                match item.get_ref().as_str() {
                    Some(s) => out.push(s.to_string()),
                    None => {
                        return RawAnswer::Other(t!(
                            "a list of non-strings",
                            "een lijst met andere waarden dan tekst"
                        ));
                    }
                }
            }
            RawAnswer::List(out)
        }
        DeValue::Table(_) => RawAnswer::Other(t!("a table", "een tabel")),
    }
}

/// A TOML date, or a string `YYYY-MM-DD`.
fn date(v: &DeValue<'_>) -> Result<NaiveDate, Text> {
    match v {
        DeValue::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .ok_or_else(|| t!("invalid date {dt}", "ongeldige datum {dt}")),
            _ => Err(t!(
                "`{dt}` is not a plain date",
                "`{dt}` is geen gewone datum"
            )),
        },
        DeValue::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            t!(
                "\"{s}\" is not a date (YYYY-MM-DD)",
                "\"{s}\" is geen datum (JJJJ-MM-DD)"
            )
        }),
        _ => Err(t!(
            "a date must be YYYY-MM-DD",
            "een datum moet JJJJ-MM-DD zijn"
        )),
    }
}

/// The `[organisation]` table; a problem is reported and the table ignored.
fn organisation(
    path: &str,
    text: &str,
    index: &LineIndex<'_>,
    value: &toml::Spanned<DeValue<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Organisation> {
    let DeValue::Table(t) = value.get_ref() else {
        diags.push(
            Diagnostic::error("A030", t!("`organisation` must be a table", "`organisation` moet een tabel zijn"))
                .at(path, text, value.span())
                .with_hint(t!("write [organisation] followed by name = \"...\", type = \"...\", country = \"BE\"", "schrijf [organisation] gevolgd door name = \"...\", type = \"...\", country = \"BE\"")),
        );
        return None;
    };
    let mut org = Organisation {
        file: path.to_string(),
        line: index.line_col(value.span().start).0,
        ..Organisation::default()
    };
    let mut ok = true;
    for (k, v) in t.iter() {
        let key: &str = k.get_ref();
        if key == "literacy" {
            match literacy(v.get_ref()) {
                Ok(measures) => org.literacy = measures,
                Err(msg) => {
                    ok = false;
                    diags.push(
                        Diagnostic::error("A034", msg).at(path, text, v.span()).with_hint(
                            t!("write [[organisation.literacy]] with groups = [\"loket\"], measure = \"...\", date = 2025-09-15, evidence = \"...\"", "schrijf [[organisation.literacy]] met groups = [\"loket\"], measure = \"...\", date = 2025-09-15, evidence = \"...\""),
                        ),
                    );
                }
            }
            continue;
        }
        let Some(s) = v.get_ref().as_str() else {
            ok = false;
            diags.push(
                Diagnostic::error(
                    "A030",
                    t!(
                        "[organisation] `{key}` must be a string",
                        "[organisation] `{key}` moet een tekst zijn"
                    ),
                )
                .at(path, text, v.span())
                .with_hint(t!(
                    "quote the value",
                    "zet de waarde tussen aanhalingstekens"
                )),
            );
            continue;
        };
        match key {
            "name" => org.name = s.to_string(),
            "contact" => org.contact = s.to_string(),
            "type" => org.org_type = Some(s.trim().to_string()),
            "country" => match parse_country(s) {
                Ok(c) => org.country = Some(c),
                Err(msg) => {
                    ok = false;
                    diags.push(
                        Diagnostic::error("A030", msg.prefixed("[organisation] "))
                            .at(path, text, v.span())
                            .with_hint(t!("write country = \"BE\"", "schrijf country = \"BE\"")),
                    );
                }
            },
            other => {
                ok = false;
                let hint = known_keys(other, &ORGANISATION_KEYS);
                diags.push(
                    Diagnostic::error(
                        "A030",
                        t!(
                            "unknown key `{other}` in [organisation]",
                            "onbekende sleutel `{other}` in [organisation]"
                        ),
                    )
                    .at(path, text, k.span())
                    .with_hint(hint),
                );
            }
        }
    }
    ok.then_some(org)
}

/// A problem with an answer table: the message and, where there is one, the place at fault.
type MetaError = (Text, Option<std::ops::Range<usize>>);

/// An answer written as a table: its value and its audit trail.
fn answer_with_meta(t: &toml::de::DeTable<'_>) -> Result<(RawAnswer, AnswerMeta), MetaError> {
    let mut value = None;
    let mut meta = AnswerMeta::default();
    for (k, v) in t.iter() {
        let key: &str = k.get_ref();
        let string = || {
            v.get_ref().as_str().map(str::to_string).ok_or_else(|| {
                (
                    t!("`{key}` must be a string", "`{key}` moet een tekst zijn"),
                    Some(v.span()),
                )
            })
        };
        match key {
            "value" => value = Some(raw_answer(v.get_ref())),
            "source" => meta.source = Some(string()?),
            "comment" => meta.comment = Some(string()?),
            "by" => meta.by = Some(string()?),
            "on" => {
                meta.on = Some(date(v.get_ref()).map_err(|m| (m.prefixed("on: "), Some(v.span())))?)
            }
            other => {
                let Text { en, nl } = known_keys(other, &ANSWER_META_KEYS);
                return Err((
                    t!(
                        "unknown key `{other}` ({en})",
                        "onbekende sleutel `{other}` ({nl})"
                    ),
                    Some(k.span()),
                ));
            }
        }
    }
    let value = value.ok_or_else(|| {
        (
            t!(
                "a table answer needs a `value`",
                "een antwoord als tabel vraagt een `value`"
            ),
            None,
        )
    })?;
    Ok((value, meta))
}

/// A list of strings (`users = ["loket", "sociale dienst"]`).
fn strings(v: &DeValue<'_>, what: &str) -> Result<Vec<String>, Text> {
    let not_strings = || {
        t!(
            "`{what}` must be an array of strings",
            "`{what}` moet een lijst van teksten zijn"
        )
    };
    let DeValue::Array(items) = v else {
        return Err(not_strings());
    };
    items
        .iter()
        .map(|i| {
            i.get_ref()
                .as_str()
                .map(|s| s.trim().to_string())
                .ok_or_else(not_strings)
        })
        .collect()
}

/// `[[organisation.literacy]]`: the AI-literacy measures.
fn literacy(v: &DeValue<'_>) -> Result<Vec<LiteracyMeasure>, Text> {
    let DeValue::Array(items) = v else {
        return Err(t!(
            "`literacy` must be a list of [[organisation.literacy]] tables",
            "`literacy` moet een lijst van [[organisation.literacy]]-tabellen zijn"
        ));
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let DeValue::Table(t) = item.get_ref() else {
            return Err(t!(
                "a literacy measure must be a table",
                "een maatregel voor AI-geletterdheid moet een tabel zijn"
            ));
        };
        let mut m = LiteracyMeasure::default();
        for (k, v) in t.iter() {
            let v = v.get_ref();
            let text = || {
                v.as_str().map(str::to_string).ok_or_else(|| {
                    t!(
                        "literacy `{}` must be a string",
                        "literacy `{}` moet een tekst zijn",
                        k.get_ref()
                    )
                })
            };
            match k.get_ref().as_ref() {
                "groups" => m.groups = strings(v, "groups")?,
                "measure" => m.measure = text()?,
                "evidence" => m.evidence = text()?,
                "date" => m.date = Some(date(v).map_err(|e| e.prefixed("literacy date: "))?),
                other => {
                    return Err(t!(
                        "unknown key `{other}` in a literacy measure (known: {})",
                        "onbekende sleutel `{other}` in een maatregel voor AI-geletterdheid (bekend: {})",
                        LITERACY_KEYS.join(", ")
                    ));
                }
            }
        }
        if m.measure.trim().is_empty() || m.groups.is_empty() {
            return Err(t!(
                "a literacy measure needs `measure` and `groups`",
                "een maatregel voor AI-geletterdheid vraagt `measure` en `groups`"
            ));
        }
        out.push(m);
    }
    Ok(out)
}

/// `hints = [{ question = "...", reason = "..." }]`.
fn hints(v: &DeValue<'_>) -> Result<Vec<Hint>, Text> {
    let DeValue::Array(items) = v else {
        return Err(t!(
            "`hints` must be an array of {{ question, reason }} tables",
            "`hints` moet een lijst van tabellen {{ question, reason }} zijn"
        ));
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let DeValue::Table(t) = item.get_ref() else {
            return Err(t!(
                "a hint must be a table {{ question, reason }}",
                "een aanwijzing moet een tabel {{ question, reason }} zijn"
            ));
        };
        let mut hint = Hint {
            question: String::new(),
            reason: String::new(),
        };
        for (k, v) in t.iter() {
            let s = v.get_ref().as_str().ok_or_else(|| {
                t!(
                    "hint `{}` must be a string",
                    "hint `{}` moet een tekst zijn",
                    k.get_ref()
                )
            })?;
            match k.get_ref().as_ref() {
                "question" => hint.question = s.to_string(),
                "reason" => hint.reason = s.to_string(),
                other => {
                    return Err(t!(
                        "unknown key `{other}` in a hint (known: question, reason)",
                        "onbekende sleutel `{other}` in een aanwijzing (bekend: question, reason)"
                    ));
                }
            }
        }
        if hint.question.trim().is_empty() {
            return Err(t!(
                "a hint has no `question`",
                "een aanwijzing heeft geen `question`"
            ));
        }
        out.push(hint);
    }
    Ok(out)
}

fn number(text: &str, radix: u32) -> RawAnswer {
    let clean = text.replace('_', "");
    let parsed = if radix == 10 {
        clean.parse::<f64>().ok()
    } else {
        i64::from_str_radix(&clean, radix).ok().map(|n| n as f64)
    };
    parsed.filter(|n| n.is_finite()).map_or_else(
        || RawAnswer::Other(t!("the number {text}", "het getal {text}")),
        RawAnswer::Number,
    )
}

fn evidence(key: &str, v: &DeValue<'_>) -> Result<EvidenceRef, Text> {
    let mut e = EvidenceRef {
        key: key.to_string(),
        reference: String::new(),
        issued: None,
        expires: None,
        line: 0,
    };
    match v {
        DeValue::String(s) => e.reference = s.to_string(),
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                match k.get_ref().as_ref() {
                    "reference" => {
                        e.reference = v
                            .get_ref()
                            .as_str()
                            .ok_or_else(|| {
                                t!(
                                    "`reference` must be a string",
                                    "`reference` moet een tekst zijn"
                                )
                            })?
                            .to_string()
                    }
                    "issued" => {
                        e.issued =
                            Some(date(v.get_ref()).map_err(|m| evidence_date(key, "issued", m))?)
                    }
                    "expires" => {
                        e.expires =
                            Some(date(v.get_ref()).map_err(|m| evidence_date(key, "expires", m))?)
                    }
                    other => {
                        return Err(t!(
                            "evidence `{key}`: unknown key `{other}` (known: reference, issued, expires)",
                            "bewijsstuk `{key}`: onbekende sleutel `{other}` (bekend: reference, issued, expires)"
                        ));
                    }
                }
            }
        }
        _ => {
            return Err(t!(
                "evidence `{key}` must be a string or a table",
                "bewijsstuk `{key}` moet een tekst of een tabel zijn"
            ));
        }
    }
    if e.reference.trim().is_empty() {
        return Err(t!(
            "evidence `{key}` has no reference",
            "bewijsstuk `{key}` heeft geen referentie"
        ));
    }
    Ok(e)
}

/// A bad date of an evidence entry: "evidence `key`: issued: …".
fn evidence_date(key: &str, field: &str, m: Text) -> Text {
    let Text { en, nl } = m;
    t!(
        "evidence `{key}`: {field}: {en}",
        "bewijsstuk `{key}`: {field}: {nl}"
    )
}

#[cfg(test)]
mod tests;
