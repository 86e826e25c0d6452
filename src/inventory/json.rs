//! The JSON encodings: an object with a `systems` array (a bare array of systems, or one
//! system object, is accepted too), and JSON Lines with one system object per line. A system
//! object has the keys of a TOML `[[system]]` table: id, name, owner, description, pack,
//! answers, evidence.
//!
//! Values are kept as raw text slices of the input while reading, so that every problem can
//! be pointed at its line and column.

use super::{
    ANSWER_META_KEYS, AnswerMeta, EvidenceRef, Inventory, LineIndex, ORGANISATION_KEYS,
    Organisation, PackStamp, SYSTEM_KEYS, SystemEntry, parse_country, parse_stage,
};
use crate::answers::RawAnswer;
use crate::diag::Diagnostic;
use crate::engine::Lifecycle;
use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

use super::json_fields::{date_string, hints, literacy};

const TOP_KEYS: [&str; 4] = ["systems", "organisation", "inventory", "$schema"];

/// An object's members in the order written, each value kept as raw text (a key written twice
/// is kept twice: see `duplicates`).
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'a> Members<'a> {
    /// The members whose key was written before in the same object (serde_json would let the
    /// last one win without a word).
    fn duplicates(&self) -> Vec<&(String, &'a RawValue)> {
        let m = &self.0;
        if m.len() <= 32 {
            // Small objects (every system): no set to allocate.
            return m
                .iter()
                .enumerate()
                .filter(|(i, (k, _))| m[..*i].iter().any(|(p, _)| p == k))
                .map(|(_, kv)| kv)
                .collect();
        }
        let mut seen = std::collections::HashSet::with_capacity(m.len());
        m.iter().filter(|(k, _)| !seen.insert(k.as_str())).collect()
    }
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// A JSON text being read: its file name and the index of its line starts (built once), so
/// that values can be read apart (in parallel) and still be pointed at.
pub struct JsonText<'a> {
    pub(super) path: &'a str,
    pub(super) text: &'a str,
    pub(super) index: LineIndex<'a>,
}

impl<'a> JsonText<'a> {
    /// The text of a file, or of a piece of it whose first line is `first_line`.
    pub fn new(path: &'a str, text: &'a str, first_line: usize) -> Self {
        JsonText {
            path,
            text,
            index: LineIndex::starting_at(text, first_line),
        }
    }

    /// The byte offset of a slice of the input.
    pub(super) fn offset(&self, part: &str) -> usize {
        (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    fn error(
        &self,
        code: &'static str,
        message: impl Into<String>,
        at: &str,
        hint: impl Into<String>,
    ) -> Diagnostic {
        self.index
            .point(Diagnostic::error(code, message), self.path, self.offset(at))
            .with_hint(hint)
    }

    /// A serde_json syntax error in `part`, pointed at its place in the whole input
    /// (serde_json counts lines and byte columns from the start of `part`).
    pub(super) fn syntax(&self, e: &serde_json::Error, part: &str) -> Diagnostic {
        let base = self.offset(part);
        let line_start = if e.line() <= 1 {
            base
        } else {
            let nth = part
                .match_indices('\n')
                .nth(e.line() - 2)
                .map_or(part.len(), |(i, _)| i + 1);
            base + nth
        };
        let offset = line_start + e.column().saturating_sub(1);
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        self.index
            .point(
                Diagnostic::error("A017", format!("JSON syntax error: {message}")),
                self.path,
                offset,
            )
            .with_hint("fix the JSON syntax; see docs/inventory-format.md")
    }

    /// Errors for the keys written twice in one object.
    fn duplicates(&self, members: &Members<'_>, what: &str, diags: &mut Vec<Diagnostic>) {
        for (key, value) in members.duplicates() {
            diags.push(self.error(
                "A040",
                format!("duplicate key `{key}` in {what}"),
                value.get(),
                "write each key once; JSON readers disagree on which value wins",
            ));
        }
    }
}

/// Reads a JSON inventory: `{ "systems": [ {...}, ... ] }`, `[ {...}, ... ]` or one system.
pub fn read_json(path: &str, text: &str) -> Inventory {
    Inventory::gathered(|f| json_chunks(path, text, usize::MAX, f))
}

/// Reads a JSON inventory and hands over the systems `chunk` at a time (with the problems
/// found since the last chunk): the document is parsed once, each system only when its
/// chunk comes.
pub fn json_chunks(path: &str, text: &str, chunk: usize, f: &mut dyn FnMut(Inventory)) {
    let doc = JsonText::new(path, text, 1);
    let mut inv = Inventory::default();
    for raw in json_systems(&doc, &mut inv.organisation, &mut inv.diagnostics) {
        if let Some(entry) = read_json_system(&doc, raw.get(), &mut inv.diagnostics) {
            inv.systems.push(entry);
            if inv.systems.len() >= chunk {
                f(std::mem::take(&mut inv));
            }
        }
    }
    f(inv);
}

/// The systems of a JSON inventory, each as its raw text (read them with `read_json_system`),
/// with the problems of the document around them. The document is one value: it is parsed
/// whole, but only as far as finding where each system starts and ends.
pub fn json_systems<'a>(
    doc: &JsonText<'a>,
    org: &mut Option<Organisation>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'a RawValue> {
    let text = doc.text;
    let start = text.len() - text.trim_start().len();
    if text[start..].starts_with('[') {
        return match serde_json::from_str::<Vec<&RawValue>>(text) {
            Ok(v) => v,
            Err(e) => super::json_recover::systems_before_error(doc, &e, org, diags),
        };
    }
    let top = match serde_json::from_str::<Members<'_>>(text) {
        Ok(m) => m,
        Err(e) => return super::json_recover::systems_before_error(doc, &e, org, diags),
    };
    let is_one_system =
        !top.0.iter().any(|(k, _)| k == "systems") && top.0.iter().any(|(k, _)| k == "id");
    if is_one_system {
        return match serde_json::from_str::<&RawValue>(text.trim()) {
            Ok(raw) => vec![raw],
            Err(e) => {
                diags.push(doc.syntax(&e, text));
                Vec::new()
            }
        };
    }
    // A second `systems` array is an error, and its systems are read too: none is lost.
    doc.duplicates(&top, "the inventory", diags);
    let mut systems = Vec::new();
    for (key, value) in &top.0 {
        match key.as_str() {
            "systems" => match serde_json::from_str::<Vec<&RawValue>>(value.get()) {
                Ok(v) => systems.extend(v),
                Err(_) => diags.push(doc.error(
                    "A012",
                    "`systems` must be an array of system objects",
                    value.get(),
                    "write \"systems\": [ { \"id\": \"...\", ... } ]",
                )),
            },
            "organisation" => *org = organisation(doc, value.get(), diags),
            "inventory" | "$schema" => {}
            other => {
                let hint = crate::diag::did_you_mean(other, TOP_KEYS).map_or_else(
                    || "an inventory object holds a `systems` array".to_string(),
                    |k| format!("did you mean `{k}`?"),
                );
                diags.push(doc.error("A011", format!("unknown key `{other}`"), value.get(), hint));
            }
        }
    }
    systems
}

/// Reads JSON Lines: one system object per line; blank lines are skipped. A bad line is
/// reported and the others are read.
pub fn read_json_lines(path: &str, text: &str) -> Inventory {
    Inventory::gathered(|f| json_lines_chunks(path, text, usize::MAX, f))
}

/// Reads JSON Lines and hands over the systems `chunk` at a time (with the problems found
/// since the last chunk), so that a caller can process a huge file in bounded memory.
pub fn json_lines_chunks(path: &str, text: &str, chunk: usize, f: &mut dyn FnMut(Inventory)) {
    json_lines_piece(path, text, 1, chunk, f);
}

/// Reads JSON Lines from a piece of a file whose first line is `first_line`.
pub fn json_lines_piece(
    path: &str,
    text: &str,
    first_line: usize,
    chunk: usize,
    f: &mut dyn FnMut(Inventory),
) {
    let doc = JsonText::new(path, text, first_line);
    let mut inv = Inventory::default();
    for line in text.split('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(org) = organisation_line(&doc, trimmed, &mut inv.diagnostics) {
            inv.organisation = org;
            continue;
        }
        if let Some(entry) = read_json_system(&doc, trimmed, &mut inv.diagnostics) {
            inv.systems.push(entry);
            if inv.systems.len() >= chunk {
                f(std::mem::take(&mut inv));
            }
        }
    }
    f(inv);
}

/// A JSON Lines line that holds only `{"organisation": {...}}`: the organisation (None inside
/// when it has problems, which are reported). Any other line is no organisation line.
fn organisation_line(
    ctx: &JsonText<'_>,
    raw: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<Organisation>> {
    if !raw.contains("\"organisation\"") {
        return None;
    }
    let members = serde_json::from_str::<Members<'_>>(raw).ok()?;
    match members.0.as_slice() {
        [(key, value)] if key == "organisation" => Some(organisation(ctx, value.get(), diags)),
        _ => None,
    }
}

/// The `organisation` object; a problem is reported and the object ignored.
pub(super) fn organisation(
    ctx: &JsonText<'_>,
    raw: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Organisation> {
    let Ok(m) = serde_json::from_str::<Members<'_>>(raw) else {
        diags.push(ctx.error(
            "A030",
            "`organisation` must be an object",
            raw,
            "write \"organisation\": { \"name\": \"...\", \"type\": \"...\", \"country\": \"BE\" }",
        ));
        return None;
    };
    let mut org = Organisation {
        file: ctx.path.to_string(),
        line: ctx.index.line_col(ctx.offset(raw)).0,
        ..Organisation::default()
    };
    let mut ok = true;
    for (key, value) in &m.0 {
        let v = value.get();
        if key == "literacy" {
            match literacy(v) {
                Ok(measures) => org.literacy = measures,
                Err(msg) => {
                    ok = false;
                    diags.push(ctx.error(
                        "A034",
                        msg,
                        v,
                        "write \"literacy\": [{ \"groups\": [\"loket\"], \"measure\": \"...\", \"date\": \"2025-09-15\", \"evidence\": \"...\" }]",
                    ));
                }
            }
            continue;
        }
        let Ok(s) = serde_json::from_str::<String>(v) else {
            ok = false;
            diags.push(ctx.error(
                "A030",
                format!("organisation `{key}` must be a string"),
                v,
                "quote the value",
            ));
            continue;
        };
        match key.as_str() {
            "name" => org.name = s,
            "contact" => org.contact = s,
            "type" => org.org_type = Some(s.trim().to_string()),
            "country" => match parse_country(&s) {
                Ok(c) => org.country = Some(c),
                Err(msg) => {
                    ok = false;
                    diags.push(ctx.error(
                        "A030",
                        format!("organisation: {msg}"),
                        v,
                        "write \"country\": \"BE\"",
                    ));
                }
            },
            other => {
                ok = false;
                let hint = crate::diag::did_you_mean(other, ORGANISATION_KEYS).map_or_else(
                    || format!("known keys: {}", ORGANISATION_KEYS.join(", ")),
                    |k| format!("did you mean `{k}`?"),
                );
                diags.push(ctx.error(
                    "A030",
                    format!("unknown key `{other}` in the organisation"),
                    v,
                    hint,
                ));
            }
        }
    }
    ok.then_some(org)
}

/// An answer written as an object: its value and its audit trail. An error comes with the
/// slice at fault.
fn answer_with_meta<'a>(
    m: &Members<'a>,
    whole: &'a str,
) -> Result<(RawAnswer, AnswerMeta), (String, &'a str)> {
    let mut value = None;
    let mut meta = AnswerMeta::default();
    for (k, v) in &m.0 {
        let raw = v.get();
        let string = || {
            serde_json::from_str::<String>(raw)
                .map_err(|_| (format!("`{k}` must be a string"), raw))
        };
        match k.as_str() {
            "value" => value = Some(json_answer(raw)),
            "source" => meta.source = Some(string()?),
            "comment" => meta.comment = Some(string()?),
            "by" => meta.by = Some(string()?),
            "on" => meta.on = Some(date_string(raw).map_err(|e| (format!("on: {e}"), raw))?),
            other => {
                let hint = crate::diag::did_you_mean(other, ANSWER_META_KEYS).map_or_else(
                    || format!("known keys: {}", ANSWER_META_KEYS.join(", ")),
                    |k| format!("did you mean `{k}`?"),
                );
                return Err((format!("unknown key `{other}` ({hint})"), raw));
            }
        }
    }
    let value = value.ok_or(("an object answer needs a `value`".to_string(), whole))?;
    Ok((value, meta))
}

fn json_answer(raw: &str) -> RawAnswer {
    serde_json::from_str::<serde_json::Value>(raw).map_or_else(
        |_| RawAnswer::Other("unreadable JSON".into()),
        |val| RawAnswer::from_json(&val),
    )
}

/// Reads one system object from `raw` (a slice of the document's text). A system with a
/// problem in its fields is reported and left out; a bad answer is reported and left
/// unanswered.
pub fn read_json_system(
    ctx: &JsonText<'_>,
    raw: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<SystemEntry> {
    let members = match serde_json::from_str::<Members<'_>>(raw) {
        Ok(m) => m,
        Err(e) if e.is_syntax() || e.is_eof() => {
            diags.push(ctx.syntax(&e, raw));
            return None;
        }
        Err(_) => {
            diags.push(ctx.error(
                "A011",
                "a system must be an object",
                raw,
                "write each system as { \"id\": \"...\", \"answers\": { ... } }",
            ));
            return None;
        }
    };
    let mut entry = SystemEntry::new("");
    entry.file = ctx.path.to_string();
    entry.line = ctx.index.line(ctx.offset(raw));
    let mut ok = true;
    // An `id` (or any field) written twice: which system is meant is unclear, so it is not
    // assessed.
    if !members.duplicates().is_empty() {
        ok = false;
        ctx.duplicates(&members, "a system", diags);
    }
    let mut lifecycle_date = None;
    for (key, value) in &members.0 {
        let v = value.get();
        match key.as_str() {
            "id" | "name" | "owner" | "description" => match serde_json::from_str::<Option<String>>(v) {
                Ok(s) => {
                    let s = s.unwrap_or_default();
                    match key.as_str() {
                        "id" => entry.id = s,
                        "name" => entry.name = s,
                        "owner" => entry.owner = s,
                        _ => entry.description = s,
                    }
                }
                Err(_) => {
                    ok = false;
                    diags.push(ctx.error("A012", format!("`{key}` must be a string"), v, "quote the value"));
                }
            },
            "pack" => match serde_json::from_str::<Members<'_>>(v) {
                Ok(m) => {
                    let get = |k: &str| m.0.iter().find(|(n, _)| n == k).and_then(|(_, v)| serde_json::from_str::<String>(v.get()).ok()).unwrap_or_default();
                    entry.pack = Some(PackStamp { id: get("id"), version: get("version"), sha256: get("sha256") });
                }
                Err(_) => diags.push(ctx.error("A012", "`pack` must be an object", v, "write \"pack\": { \"id\": ..., \"version\": ..., \"sha256\": ... } or leave it out")),
            },
            "lifecycle" => match serde_json::from_str::<String>(v).map_err(|_| "`lifecycle` must be a string".to_string()).and_then(|s| parse_stage(&s)) {
                Ok(stage) => entry.lifecycle = Some(Lifecycle { stage, date: entry.lifecycle.and_then(|l| l.date) }),
                Err(msg) => {
                    ok = false;
                    diags.push(ctx.error("A031", msg, v, "write \"lifecycle\": \"planned\", \"in-development\", \"in-use\" or \"retired\""));
                }
            },
            "lifecycle_date" => match date_string(v) {
                Ok(d) => lifecycle_date = Some((d, v)),
                Err(msg) => {
                    ok = false;
                    diags.push(ctx.error("A031", format!("lifecycle_date: {msg}"), v, "write \"lifecycle_date\": \"2027-03-01\""));
                }
            },
            "users" => match serde_json::from_str::<Vec<String>>(v) {
                Ok(u) => entry.users = u.into_iter().map(|g| g.trim().to_string()).collect(),
                Err(_) => {
                    ok = false;
                    diags.push(ctx.error("A034", "`users` must be an array of strings", v, "write \"users\": [\"loket\", \"sociale dienst\"]"));
                }
            },
            "hints" => match hints(v) {
                Ok(h) => entry.hints = h,
                Err(msg) => {
                    ok = false;
                    diags.push(ctx.error("A033", msg, v, "write \"hints\": [{\"question\": \"annex_iii_areas\", \"reason\": \"...\"}]"));
                }
            },
            "answers" => match serde_json::from_str::<Members<'_>>(v) {
                Ok(m) => {
                    // A question answered twice is reported and left unanswered: neither
                    // answer is taken for the other.
                    ctx.duplicates(&m, "`answers`", diags);
                    let twice: std::collections::HashSet<&str> =
                        m.duplicates().iter().map(|(q, _)| q.as_str()).collect();
                    entry.answers.reserve(m.0.len());
                    let mut cursor = (0, 0, 0);
                    for (qid, qv) in m.0.iter().filter(|(q, _)| !twice.contains(q.as_str())) {
                        let raw = qv.get();
                        // Only an object is an answer with its audit trail (trying every
                        // plain answer as one would build an error per answer).
                        let object = raw.trim_start().starts_with('{').then(|| serde_json::from_str::<Members<'_>>(raw));
                        let (answer, meta) = match object {
                            Some(Ok(obj)) => match answer_with_meta(&obj, raw) {
                                Ok(pair) => pair,
                                Err((msg, at)) => {
                                    ok = false;
                                    diags.push(ctx.error("A032", format!("answer `{qid}`: {msg}"), at, format!("write \"{qid}\": {{\"value\": ..., \"source\": \"...\", \"comment\": \"...\", \"by\": \"...\", \"on\": \"2026-12-01\"}}")));
                                    continue;
                                }
                            },
                            _ => (json_answer(raw), AnswerMeta::default()),
                        };
                        if !meta.is_empty() {
                            entry.answer_meta.insert(qid.clone(), meta);
                        }
                        entry.answers.push((qid.clone(), answer));
                        entry.answer_at.push(ctx.index.line_col_after(&mut cursor, ctx.offset(raw)));
                    }
                }
                Err(_) => {
                    ok = false;
                    diags.push(ctx.error("A012", "`answers` must be an object", v, "write \"answers\": { \"question_id\": value, ... }"));
                }
            },
            "evidence" => match serde_json::from_str::<Members<'_>>(v) {
                Ok(m) => {
                    for (ek, ev) in &m.0 {
                        match evidence(ek, ev.get()) {
                            Ok(mut e) => {
                                e.line = ctx.index.line(ctx.offset(ev.get()));
                                entry.evidence.push(e);
                            }
                            Err(msg) => {
                                ok = false;
                                diags.push(ctx.error("A013", msg, ev.get(), "write \"key\": { \"reference\": \"...\", \"issued\": \"2026-01-01\", \"expires\": \"2030-01-01\" }"));
                            }
                        }
                    }
                }
                Err(_) => {
                    ok = false;
                    diags.push(ctx.error("A012", "`evidence` must be an object", v, "write \"evidence\": { \"evidence_id\": \"reference\" }"));
                }
            },
            other => {
                ok = false;
                let hint = crate::diag::did_you_mean(other, SYSTEM_KEYS).map_or_else(|| format!("known keys: {}", SYSTEM_KEYS.join(", ")), |k| format!("did you mean `{k}`?"));
                diags.push(ctx.error("A011", format!("unknown key `{other}` in a system"), v, hint));
            }
        }
    }
    if let Some((d, at)) = lifecycle_date {
        match &mut entry.lifecycle {
            Some(l) => l.date = Some(d),
            None => {
                ok = false;
                diags.push(ctx.error(
                    "A031",
                    "`lifecycle_date` without `lifecycle`",
                    at,
                    "say which stage the date belongs to, e.g. \"lifecycle\": \"retired\"",
                ));
            }
        }
    }
    if entry.id.trim().is_empty() {
        diags.push(ctx.error(
            "A014",
            "a system has no `id`",
            raw,
            "give every system a unique id, e.g. \"id\": \"GEM-001\"",
        ));
        return None;
    }
    ok.then_some(entry)
}

fn evidence(key: &str, raw: &str) -> Result<EvidenceRef, String> {
    let mut e = EvidenceRef {
        key: key.to_string(),
        reference: String::new(),
        issued: None,
        expires: None,
        line: 0,
    };
    let date = |field: &str, v: &RawValue| -> Result<NaiveDate, String> {
        let s: String = serde_json::from_str(v.get())
            .map_err(|_| format!("evidence `{key}`: {field} must be a date string (YYYY-MM-DD)"))?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| format!("evidence `{key}`: {field}: \"{s}\" is not a date (YYYY-MM-DD)"))
    };
    if let Ok(s) = serde_json::from_str::<String>(raw) {
        e.reference = s;
    } else if let Ok(m) = serde_json::from_str::<Members<'_>>(raw) {
        for (k, v) in &m.0 {
            match k.as_str() {
                "reference" => {
                    e.reference = serde_json::from_str(v.get())
                        .map_err(|_| format!("evidence `{key}`: `reference` must be a string"))?
                }
                "issued" => e.issued = Some(date("issued", v)?),
                "expires" => e.expires = Some(date("expires", v)?),
                other => {
                    return Err(format!(
                        "evidence `{key}`: unknown key `{other}` (known: reference, issued, expires)"
                    ));
                }
            }
        }
    } else {
        return Err(format!("evidence `{key}` must be a string or an object"));
    }
    if e.reference.trim().is_empty() {
        return Err(format!("evidence `{key}` has no reference"));
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_with_systems_keeps_positions() {
        let text = "{\n  \"systems\": [\n    {\"id\": \"A\", \"name\": \"Chat\", \"answers\": {\"interacts\": true, \"areas\": [\"x\", \"y\"]},\n     \"evidence\": {\"doc\": {\"reference\": \"D.pdf\", \"expires\": \"2030-01-01\"}}},\n    {\"id\": \"B\"}\n  ]\n}\n";
        let inv = read_json("i.json", text);
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
        assert_eq!(inv.systems.len(), 2);
        let a = &inv.systems[0];
        assert_eq!((a.line, a.answers.len()), (3, 2));
        assert_eq!(
            a.answers[1],
            (
                "areas".to_string(),
                RawAnswer::List(vec!["x".into(), "y".into()])
            )
        );
        assert_eq!(a.answer_at[0], (3, 58));
        assert_eq!(a.evidence[0].expires, NaiveDate::from_ymd_opt(2030, 1, 1));
        assert_eq!(inv.systems[1].line, 5);
    }

    #[test]
    fn organisation_lifecycle_meta_and_hints() {
        let text = "{\"organisation\": {\"name\": \"Stad\", \"type\": \"local-government\", \"country\": \"NL\"},\n \"systems\": [\n  {\"id\": \"A\", \"lifecycle\": \"planned\", \"lifecycle_date\": \"2027-03-01\", \"hints\": [{\"question\": \"q\", \"reason\": \"r\"}],\n   \"answers\": {\"x\": {\"value\": true, \"source\": \"s\", \"on\": \"2026-12-01\"}, \"y\": {\"value\": 1, \"bye\": \"z\"}}}\n ]\n}\n";
        let inv = read_json("i.json", text);
        assert_eq!(
            inv.organisation.as_ref().map(|o| o.country.as_deref()),
            Some(Some("NL"))
        );
        assert_eq!(
            inv.systems.len(),
            0,
            "the bad answer key rejects the system"
        );
        let d = &inv.diagnostics[0];
        assert_eq!(
            (d.code, d.location.as_ref().map(|l| l.line)),
            ("A032", Some(4))
        );
        assert!(d.message.contains("did you mean `by`"), "{}", d.message);
        let fixed = text.replace("\"bye\"", "\"by\"");
        let inv = read_json("i.json", &fixed);
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
        let a = &inv.systems[0];
        assert_eq!(
            a.lifecycle.map(|l| l.stage),
            Some(crate::engine::Stage::Planned)
        );
        assert_eq!(a.answer_meta["x"].on, NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(a.answers[1].1, RawAnswer::Number(1.0));
        assert_eq!(a.hints.len(), 1);
        let lines = "{\"organisation\": {\"name\": \"Stad\"}}\n{\"id\": \"A\"}\n";
        let inv = read_json_lines("i.jsonl", lines);
        assert_eq!(inv.organisation.map(|o| o.name), Some("Stad".to_string()));
        assert_eq!(inv.systems.len(), 1);
    }

    #[test]
    fn syntax_error_is_located() {
        let inv = read_json(
            "i.json",
            "{\n  \"systems\": [\n    {\"id\": \"A\",}\n  ]\n}\n",
        );
        let d = &inv.diagnostics[0];
        assert_eq!(d.code, "A017");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(3));
    }

    #[test]
    fn json_lines_bad_line_does_not_stop_the_others() {
        let text = "{\"id\": \"A\"}\n\n{\"id\": \"B\", \"nmae\": \"x\"}\n{\"id\": \n{\"id\": \"C\", \"answers\": {\"q\": null}}\n";
        let inv = read_json_lines("i.jsonl", text);
        let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["A", "C"]);
        let lines: Vec<(&str, usize)> = inv
            .diagnostics
            .iter()
            .map(|d| (d.code, d.location.as_ref().map_or(0, |l| l.line)))
            .collect();
        assert_eq!(lines, [("A011", 3), ("A017", 4)]);
        assert!(
            inv.diagnostics[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("`name`")
        );
        assert_eq!(
            inv.systems[1].answers[0].1,
            RawAnswer::Text("unknown".into())
        );
    }
}
