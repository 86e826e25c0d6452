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
use crate::diag::{Diagnostic, known_keys, syntax_error};
use crate::engine::Lifecycle;
use crate::rules::Text;
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

    fn error(&self, code: &'static str, message: Text, at: &str, hint: Text) -> Diagnostic {
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
        self.index
            .point(
                Diagnostic::error("A017", syntax_error("JSON", &e.to_string())),
                self.path,
                offset,
            )
            .with_hint(t!(
                "fix the JSON syntax; see docs/inventory-format.md",
                "verbeter de JSON-syntaxis; zie docs/inventory-format.md"
            ))
    }

    /// Errors for the keys written twice in one object.
    /// `what` names the object: ("a system", "een systeem").
    fn duplicates(&self, members: &Members<'_>, what: (&str, &str), diags: &mut Vec<Diagnostic>) {
        let (what_en, what_nl) = what;
        for (key, value) in members.duplicates() {
            diags.push(self.error(
                "A040",
                t!(
                    "duplicate key `{key}` in {what_en}",
                    "dubbele sleutel `{key}` in {what_nl}"
                ),
                value.get(),
                t!(
                    "write each key once; JSON readers disagree on which value wins",
                    "schrijf elke sleutel één keer; JSON-lezers verschillen over welke waarde wint"
                ),
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
    doc.duplicates(&top, ("the inventory", "de inventaris"), diags);
    let mut systems = Vec::new();
    for (key, value) in &top.0 {
        match key.as_str() {
            "systems" => match serde_json::from_str::<Vec<&RawValue>>(value.get()) {
                Ok(v) => systems.extend(v),
                Err(_) => diags.push(doc.error(
                    "A012",
                    t!(
                        "`systems` must be an array of system objects",
                        "`systems` moet een lijst van systeemobjecten zijn"
                    ),
                    value.get(),
                    t!(
                        "write \"systems\": [ {{ \"id\": \"...\", ... }} ]",
                        "schrijf \"systems\": [ {{ \"id\": \"...\", ... }} ]"
                    ),
                )),
            },
            "organisation" => *org = organisation(doc, value.get(), diags),
            "inventory" | "$schema" => {}
            other => {
                let hint = crate::diag::did_you_mean(other, TOP_KEYS).map_or_else(
                    || {
                        t!(
                            "an inventory object holds a `systems` array",
                            "een inventarisobject bevat een lijst `systems`"
                        )
                    },
                    crate::diag::did_you_mean_text,
                );
                diags.push(doc.error(
                    "A011",
                    t!("unknown key `{other}`", "onbekende sleutel `{other}`"),
                    value.get(),
                    hint,
                ));
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
            "A030", t!("`organisation` must be an object", "`organisation` moet een object zijn"),
            raw, t!("write \"organisation\": {{ \"name\": \"...\", \"type\": \"...\", \"country\": \"BE\" }}", "schrijf \"organisation\": {{ \"name\": \"...\", \"type\": \"...\", \"country\": \"BE\" }}"),
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
                        v, t!("write \"literacy\": [{{ \"groups\": [\"loket\"], \"measure\": \"...\", \"date\": \"2025-09-15\", \"evidence\": \"...\" }}]", "schrijf \"literacy\": [{{ \"groups\": [\"loket\"], \"measure\": \"...\", \"date\": \"2025-09-15\", \"evidence\": \"...\" }}]"),
                    ));
                }
            }
            continue;
        }
        let Ok(s) = serde_json::from_str::<String>(v) else {
            ok = false;
            diags.push(ctx.error(
                "A030",
                t!(
                    "organisation `{key}` must be a string",
                    "organisation `{key}` moet een tekst zijn"
                ),
                v,
                t!("quote the value", "zet de waarde tussen aanhalingstekens"),
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
                        msg.prefixed("organisation: "),
                        v,
                        t!("write \"country\": \"BE\"", "schrijf \"country\": \"BE\""),
                    ));
                }
            },
            other => {
                ok = false;
                let hint = known_keys(other, &ORGANISATION_KEYS);
                diags.push(ctx.error(
                    "A030",
                    t!(
                        "unknown key `{other}` in the organisation",
                        "onbekende sleutel `{other}` in de organisatie"
                    ),
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
) -> Result<(RawAnswer, AnswerMeta), (Text, &'a str)> {
    let mut value = None;
    let mut meta = AnswerMeta::default();
    for (k, v) in &m.0 {
        let raw = v.get();
        let string = || {
            serde_json::from_str::<String>(raw).map_err(|_| {
                (
                    t!("`{k}` must be a string", "`{k}` moet een tekst zijn"),
                    raw,
                )
            })
        };
        match k.as_str() {
            "value" => value = Some(json_answer(raw)),
            "source" => meta.source = Some(string()?),
            "comment" => meta.comment = Some(string()?),
            "by" => meta.by = Some(string()?),
            "on" => meta.on = Some(date_string(raw).map_err(|e| (e.prefixed("on: "), raw))?),
            other => {
                let Text { en, nl } = known_keys(other, &ANSWER_META_KEYS);
                return Err((
                    t!(
                        "unknown key `{other}` ({en})",
                        "onbekende sleutel `{other}` ({nl})"
                    ),
                    raw,
                ));
            }
        }
    }
    let value = value.ok_or_else(|| {
        (
            t!(
                "an object answer needs a `value`",
                "een antwoord als object vraagt een `value`"
            ),
            whole,
        )
    })?;
    Ok((value, meta))
}

fn json_answer(raw: &str) -> RawAnswer {
    serde_json::from_str::<serde_json::Value>(raw).map_or_else(
        |_| RawAnswer::Other(t!("unreadable JSON", "onleesbare JSON")),
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
                t!(
                    "a system must be an object",
                    "een systeem moet een object zijn"
                ),
                raw,
                t!(
                    "write each system as {{ \"id\": \"...\", \"answers\": {{ ... }} }}",
                    "schrijf elk systeem als {{ \"id\": \"...\", \"answers\": {{ ... }} }}"
                ),
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
        ctx.duplicates(&members, ("a system", "een systeem"), diags);
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
                    diags.push(ctx.error("A012", t!("`{key}` must be a string", "`{key}` moet een tekst zijn"), v, t!("quote the value", "zet de waarde tussen aanhalingstekens")));
                }
            },
            "pack" => match serde_json::from_str::<Members<'_>>(v) {
                Ok(m) => {
                    let get = |k: &str| m.0.iter().find(|(n, _)| n == k).and_then(|(_, v)| serde_json::from_str::<String>(v.get()).ok()).unwrap_or_default();
                    entry.pack = Some(PackStamp { id: get("id"), version: get("version"), sha256: get("sha256") });
                }
                Err(_) => diags.push(ctx.error("A012", t!("`pack` must be an object", "`pack` moet een object zijn"), v, t!("write \"pack\": {{ \"id\": ..., \"version\": ..., \"sha256\": ... }} or leave it out", "schrijf \"pack\": {{ \"id\": ..., \"version\": ..., \"sha256\": ... }} of laat het weg"))),
            },
            "lifecycle" => match serde_json::from_str::<String>(v).map_err(|_| t!("`lifecycle` must be a string", "`lifecycle` moet een tekst zijn")).and_then(|s| parse_stage(&s)) {
                Ok(stage) => entry.lifecycle = Some(Lifecycle { stage, date: entry.lifecycle.and_then(|l| l.date) }),
                Err(msg) => {
                    ok = false;
                    diags.push(ctx.error("A031", msg, v, t!("write \"lifecycle\": \"planned\", \"in-development\", \"in-use\" or \"retired\"", "schrijf \"lifecycle\": \"planned\", \"in-development\", \"in-use\" of \"retired\"")));
                }
            },
            "lifecycle_date" => match date_string(v) {
                Ok(d) => lifecycle_date = Some((d, v)),
                Err(msg) => {
                    ok = false;
                    diags.push(ctx.error("A031", msg.prefixed("lifecycle_date: "), v, t!("write \"lifecycle_date\": \"2027-03-01\"", "schrijf \"lifecycle_date\": \"2027-03-01\"")));
                }
            },
            "users" => match serde_json::from_str::<Vec<String>>(v) {
                Ok(u) => entry.users = u.into_iter().map(|g| g.trim().to_string()).collect(),
                Err(_) => {
                    ok = false;
                    diags.push(ctx.error("A034", t!("`users` must be an array of strings", "`users` moet een lijst van teksten zijn"), v, t!("write \"users\": [\"loket\", \"sociale dienst\"]", "schrijf \"users\": [\"loket\", \"sociale dienst\"]")));
                }
            },
            "hints" => match hints(v) {
                Ok(h) => entry.hints = h,
                Err(msg) => {
                    ok = false;
                    diags.push(ctx.error("A033", msg, v, t!("write \"hints\": [{{\"question\": \"annex_iii_areas\", \"reason\": \"...\"}}]", "schrijf \"hints\": [{{\"question\": \"annex_iii_areas\", \"reason\": \"...\"}}]")));
                }
            },
            "answers" => match serde_json::from_str::<Members<'_>>(v) {
                Ok(m) => {
                    // A question answered twice is reported and left unanswered: neither
                    // answer is taken for the other.
                    ctx.duplicates(&m, ("`answers`", "`answers`"), diags);
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
                                    diags.push(ctx.error("A032", { let Text { en, nl } = msg; t!("answer `{qid}`: {en}", "antwoord `{qid}`: {nl}") }, at, t!("write \"{qid}\": {{\"value\": ..., \"source\": \"...\", \"comment\": \"...\", \"by\": \"...\", \"on\": \"2026-12-01\"}}", "schrijf \"{qid}\": {{\"value\": ..., \"source\": \"...\", \"comment\": \"...\", \"by\": \"...\", \"on\": \"2026-12-01\"}}")));
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
                    diags.push(ctx.error("A012", t!("`answers` must be an object", "`answers` moet een object zijn"), v, t!("write \"answers\": {{ \"question_id\": value, ... }}", "schrijf \"answers\": {{ \"vraag_id\": waarde, ... }}")));
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
                                diags.push(ctx.error("A013", msg, ev.get(), t!("write \"key\": {{ \"reference\": \"...\", \"issued\": \"2026-01-01\", \"expires\": \"2030-01-01\" }}", "schrijf \"key\": {{ \"reference\": \"...\", \"issued\": \"2026-01-01\", \"expires\": \"2030-01-01\" }}")));
                            }
                        }
                    }
                }
                Err(_) => {
                    ok = false;
                    diags.push(ctx.error("A012", t!("`evidence` must be an object", "`evidence` moet een object zijn"), v, t!("write \"evidence\": {{ \"evidence_id\": \"reference\" }}", "schrijf \"evidence\": {{ \"bewijsstuk_id\": \"referentie\" }}")));
                }
            },
            other => {
                ok = false;
                let hint = known_keys(other, &SYSTEM_KEYS);
                diags.push(ctx.error("A011", t!("unknown key `{other}` in a system", "onbekende sleutel `{other}` in een systeem"), v, hint));
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
                    t!(
                        "`lifecycle_date` without `lifecycle`",
                        "`lifecycle_date` zonder `lifecycle`"
                    ),
                    at,
                    t!(
                        "say which stage the date belongs to, e.g. \"lifecycle\": \"retired\"",
                        "zeg bij welke levensfase de datum hoort, bv. \"lifecycle\": \"retired\""
                    ),
                ));
            }
        }
    }
    if entry.id.trim().is_empty() {
        diags.push(ctx.error(
            "A014",
            t!("a system has no `id`", "een systeem heeft geen `id`"),
            raw,
            t!(
                "give every system a unique id, e.g. \"id\": \"GEM-001\"",
                "geef elk systeem een eigen id, bv. \"id\": \"GEM-001\""
            ),
        ));
        return None;
    }
    ok.then_some(entry)
}

fn evidence(key: &str, raw: &str) -> Result<EvidenceRef, Text> {
    let mut e = EvidenceRef {
        key: key.to_string(),
        reference: String::new(),
        issued: None,
        expires: None,
        line: 0,
    };
    let date = |field: &str, v: &RawValue| -> Result<NaiveDate, Text> {
        let s: String = serde_json::from_str(v.get()).map_err(|_| {
            t!(
                "evidence `{key}`: {field} must be a date string (YYYY-MM-DD)",
                "bewijsstuk `{key}`: {field} moet een datum als tekst zijn (JJJJ-MM-DD)"
            )
        })?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            t!(
                "evidence `{key}`: {field}: \"{s}\" is not a date (YYYY-MM-DD)",
                "bewijsstuk `{key}`: {field}: \"{s}\" is geen datum (JJJJ-MM-DD)"
            )
        })
    };
    if let Ok(s) = serde_json::from_str::<String>(raw) {
        e.reference = s;
    } else if let Ok(m) = serde_json::from_str::<Members<'_>>(raw) {
        for (k, v) in &m.0 {
            match k.as_str() {
                "reference" => {
                    e.reference = serde_json::from_str(v.get()).map_err(|_| {
                        t!(
                            "evidence `{key}`: `reference` must be a string",
                            "bewijsstuk `{key}`: `reference` moet een tekst zijn"
                        )
                    })?
                }
                "issued" => e.issued = Some(date("issued", v)?),
                "expires" => e.expires = Some(date("expires", v)?),
                other => {
                    return Err(t!(
                        "evidence `{key}`: unknown key `{other}` (known: reference, issued, expires)",
                        "bewijsstuk `{key}`: onbekende sleutel `{other}` (bekend: reference, issued, expires)"
                    ));
                }
            }
        }
    } else {
        return Err(t!(
            "evidence `{key}` must be a string or an object",
            "bewijsstuk `{key}` moet een tekst of een object zijn"
        ));
    }
    if e.reference.trim().is_empty() {
        return Err(t!(
            "evidence `{key}` has no reference",
            "bewijsstuk `{key}` heeft geen referentie"
        ));
    }
    Ok(e)
}

#[cfg(test)]
mod tests;
