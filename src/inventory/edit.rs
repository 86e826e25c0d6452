//! Writing answers back into a TOML inventory, keeping its comments and layout: an answer
//! already there that differs is a conflict, never overwritten; "don't know" is replaced.

use super::AnswerMeta;
use super::followup::Reply;
use crate::answers::{Answer, Answers, RawAnswer, parse_answer, raw_answer};
use crate::diag::Diagnostic;
use crate::rules::Pack;
use std::collections::BTreeMap;
use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

/// An answer written into the inventory.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub system: String,
    pub question: String,
    pub value: String,
}

/// An answer that differs from the one the inventory already has.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub system: String,
    pub question: String,
    pub have: RawAnswer,
    pub got: RawAnswer,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Merged {
    pub text: String,
    pub applied: Vec<Applied>,
    pub conflicts: Vec<Conflict>,
    /// Replies that could not be used (unknown system or question, bad value).
    pub problems: Vec<Diagnostic>,
}

/// Writes the replies into the inventory text (`[[system]]` tables). Fails only when the text
/// is not a TOML inventory.
pub fn merge_answers(
    file: &str,
    text: &str,
    pack: &Pack,
    replies: &[Reply],
) -> Result<Merged, Diagnostic> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let crate::rules::Text { en, nl } = crate::diag::parser_text(e.message());
        Diagnostic::error(
            "M004",
            t!(
                "`{file}` cannot be edited as TOML: {en}",
                "`{file}` kan niet als TOML bewerkt worden: {nl}"
            ),
        )
        .with_hint(t!(
            "`aiact merge` writes into TOML inventories; convert others with `aiact import`",
            "`aiact merge` schrijft in TOML-inventarissen; zet andere om met `aiact import`"
        ))
    })?;
    let Some(systems) = doc.get_mut("system").and_then(Item::as_array_of_tables_mut) else {
        return Err(Diagnostic::error(
            "M004",
            t!(
                "`{file}` has no [[system]] tables to write answers into",
                "`{file}` heeft geen [[system]]-tabellen om antwoorden in te schrijven"
            ),
        )
        .with_hint(t!(
            "`aiact merge` writes into TOML inventories",
            "`aiact merge` schrijft in TOML-inventarissen"
        )));
    };
    let mut out = Merged::default();
    for reply in replies {
        let at = |d: Diagnostic| d.at_line(&reply.file, reply.line, 1);
        let Some((_, question)) = pack.question(&reply.question) else {
            out.problems.push(at(Diagnostic::error(
                "A001",
                t!(
                    "unknown question `{}`",
                    "onbekende vraag `{}`",
                    reply.question
                ),
            )));
            continue;
        };
        let answer = match parse_answer(question, &reply.value) {
            Ok(a) => a,
            Err(p) => {
                let (system, crate::rules::Text { en, nl }) = (&reply.system, p.message);
                let mut d = Diagnostic::error(
                    p.code,
                    t!("system `{system}`: {en}", "systeem `{system}`: {nl}"),
                );
                if let Some(h) = p.hint {
                    d = d.with_hint(h);
                }
                out.problems.push(at(d));
                continue;
            }
        };
        let Some(system) = systems
            .iter_mut()
            .find(|t| t.get("id").and_then(Item::as_str) == Some(reply.system.as_str()))
        else {
            out.problems.push(at(Diagnostic::error(
                "M002",
                t!(
                    "the inventory has no system `{}`",
                    "de inventaris heeft geen systeem `{}`",
                    reply.system
                ),
            )
            .with_hint(t!(
                "the system column must hold an id of the inventory",
                "de kolom systeem moet een id van de inventaris bevatten"
            ))));
            continue;
        };
        if !system.contains_key("answers") {
            system.insert("answers", Item::Table(Table::new()));
        }
        let Some(answers) = system.get_mut("answers").and_then(Item::as_table_like_mut) else {
            out.problems.push(at(Diagnostic::error(
                "M004",
                t!(
                    "system `{}`: `answers` is not a table",
                    "systeem `{}`: `answers` is geen tabel",
                    reply.system
                ),
            )));
            continue;
        };
        let have = answers
            .get(&reply.question)
            .and_then(existing)
            .map(|raw| (parse_answer(question, &raw), raw));
        if let Some((Ok(a), raw)) = &have
            && *a != Answer::Unknown
        {
            if *a != answer {
                out.conflicts.push(Conflict {
                    system: reply.system.clone(),
                    question: reply.question.clone(),
                    have: raw.clone(),
                    got: reply.value.clone(),
                    file: reply.file.clone(),
                    line: reply.line,
                });
            }
            continue;
        }
        let Some(canonical) = raw_answer(question, answer) else {
            continue;
        };
        let mut value = to_value(&canonical);
        if !reply.meta.is_empty() {
            value = with_meta(value, &reply.meta);
        }
        // In place where the key exists, so that its comment and spacing stay.
        match answers.get_mut(&reply.question) {
            Some(item) => {
                if let Some(old) = item.as_value() {
                    *value.decor_mut() = old.decor().clone();
                }
                *item = Item::Value(value);
            }
            None => {
                answers.insert(&reply.question, Item::Value(value));
            }
        }
        out.applied.push(Applied {
            system: reply.system.clone(),
            question: reply.question.clone(),
            value: canonical.display(),
        });
    }
    out.text = doc.to_string();
    Ok(out)
}

/// An answer with who gave it, when, why and from where: `{ value = …, source = …, … }`.
fn with_meta(value: Value, m: &AnswerMeta) -> Value {
    let mut t = InlineTable::new();
    t.insert("value", value);
    for (k, v) in [
        ("source", &m.source),
        ("comment", &m.comment),
        ("by", &m.by),
    ] {
        if let Some(v) = v {
            t.insert(k, Value::from(v.as_str()));
        }
    }
    if let Some(d) =
        m.on.and_then(|d| d.to_string().parse::<toml_edit::Datetime>().ok())
    {
        t.insert("on", Value::from(d));
    }
    Value::InlineTable(t)
}

/// The answer an item holds: a plain value or the `value` of an answer table.
fn existing(item: &Item) -> Option<RawAnswer> {
    let value = match item.as_value()? {
        Value::InlineTable(t) => t.get("value")?.clone(),
        v => v.clone(),
    };
    let table: toml::Table = toml::from_str(&format!("v = {}", value.to_string().trim())).ok()?;
    table.get("v").map(RawAnswer::from_toml)
}

fn to_value(raw: &RawAnswer) -> Value {
    match raw {
        RawAnswer::Bool(b) => Value::from(*b),
        RawAnswer::Text(s) => Value::from(s.as_str()),
        RawAnswer::Other(t) => Value::from(t.en.as_str()),
        RawAnswer::List(items) => Value::Array(items.iter().map(String::as_str).collect()),
        RawAnswer::Date(d) => d
            .to_string()
            .parse::<toml_edit::Datetime>()
            .map_or_else(|_| Value::from(d.to_string()), Value::from),
        RawAnswer::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Value::from(*n as i64),
        RawAnswer::Number(n) => Value::from(*n),
    }
}

/// Writes one system's answers, as an interview holds them, into the inventory text: changed
/// and new answers set (with their metadata, if any), answers no longer given removed, the rest
/// of the file untouched.
pub fn set_answers(
    text: &str,
    pack: &Pack,
    system: &str,
    answers: &Answers,
    meta: &BTreeMap<String, AnswerMeta>,
) -> Result<String, Diagnostic> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let crate::rules::Text { en, nl } = crate::diag::parser_text(e.message());
        Diagnostic::error(
            "M004",
            t!(
                "the inventory cannot be edited as TOML: {en}",
                "de inventaris kan niet als TOML bewerkt worden: {nl}"
            ),
        )
    })?;
    let table = doc
        .get_mut("system")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|systems| {
            systems
                .iter_mut()
                .find(|t| t.get("id").and_then(Item::as_str) == Some(system))
        })
        .ok_or_else(|| {
            Diagnostic::error(
                "M002",
                t!(
                    "the inventory has no system `{system}`",
                    "de inventaris heeft geen systeem `{system}`"
                ),
            )
        })?;
    if !table.contains_key("answers") {
        table.insert("answers", Item::Table(Table::new()));
    }
    let Some(target) = table.get_mut("answers").and_then(Item::as_table_like_mut) else {
        return Err(Diagnostic::error(
            "M004",
            t!(
                "system `{system}`: `answers` is not a table",
                "systeem `{system}`: `answers` is geen tabel"
            ),
        ));
    };
    for (q, question) in pack.questions.iter().enumerate() {
        let id = question.id.as_str();
        let Some(raw) = raw_answer(question, answers.get(q)) else {
            target.remove(id);
            continue;
        };
        let same = target
            .get(id)
            .and_then(existing)
            .is_some_and(|have| parse_answer(question, &have).ok() == Some(answers.get(q)));
        if same {
            continue;
        }
        let mut value = to_value(&raw);
        if let Some(m) = meta.get(id).filter(|m| !m.is_empty()) {
            value = with_meta(value, m);
        }
        match target.get_mut(id) {
            Some(item) => {
                if let Some(old) = item.as_value() {
                    *value.decor_mut() = old.decor().clone();
                }
                *item = Item::Value(value);
            }
            None => {
                target.insert(id, Item::Value(value));
            }
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::answer_for;

    #[test]
    fn an_interview_answer_replaces_dont_know_in_place() {
        let (pack, _) = crate::rules::load(&crate::rules::embedded_files()).expect("pack");
        let text = include_str!("../../examples/municipality.toml");
        let inv = super::super::read_file_text("municipality.toml", text);
        let entry = inv.systems.iter().find(|s| s.id == "ZD-13").expect("ZD-13");
        // The system's own answers, as an interview takes them (not the organisation's).
        let mut answers = Answers::empty(&pack);
        for (id, raw) in &entry.answers {
            if let Ok((q, a)) = answer_for(&pack, id, raw) {
                answers.set(q, a);
            }
        }
        let raw = RawAnswer::List(vec!["none".into()]);
        let (q, a) = answer_for(&pack, "score_consequence", &raw).expect("answer");
        answers.set(q, a);
        let mut meta = BTreeMap::new();
        meta.insert(
            "score_consequence".to_string(),
            AnswerMeta {
                comment: Some("DPIA".into()),
                ..AnswerMeta::default()
            },
        );
        let out = set_answers(text, &pack, "ZD-13", &answers, &meta).expect("edits");
        let expected = text.replace(
            "score_consequence = \"unknown\"",
            "score_consequence = { value = [\"none\"], comment = \"DPIA\" }",
        );
        assert_eq!(out, expected);
    }
}
