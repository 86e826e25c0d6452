//! The JSON encodings: an object with a `systems` array (a bare array of systems, or one
//! system object, is accepted too), and JSON Lines with one system object per line. A system
//! object has the keys of a TOML `[[system]]` table: id, name, owner, description, pack,
//! answers, evidence.
//!
//! Values are kept as raw text slices of the input while reading, so that every problem can
//! be pointed at its line and column.

use super::{EvidenceRef, Inventory, LineIndex, PackStamp, SYSTEM_KEYS, SystemEntry};
use crate::answers::RawAnswer;
use crate::diag::Diagnostic;
use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

const TOP_KEYS: [&str; 3] = ["systems", "inventory", "$schema"];

/// An object's members in the order written, each value kept as raw text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

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

struct Ctx<'a> {
    path: &'a str,
    text: &'a str,
    index: LineIndex<'a>,
}

impl<'a> Ctx<'a> {
    fn new(path: &'a str, text: &'a str) -> Self {
        Ctx {
            path,
            text,
            index: LineIndex::new(text),
        }
    }

    /// The byte offset of a slice of the input.
    fn offset(&self, part: &str) -> usize {
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

    /// A serde_json syntax error in `part`, pointed at its place in the whole input.
    fn syntax(&self, e: &serde_json::Error, part: &str) -> Diagnostic {
        let base = self.offset(part);
        let (base_line, base_col) = self.index.line_col(base);
        let line = base_line + e.line().saturating_sub(1);
        let column = if e.line() <= 1 {
            base_col + e.column().saturating_sub(1)
        } else {
            e.column()
        };
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        let mut d = Diagnostic::error("A017", format!("JSON syntax error: {message}")).at_line(
            self.path,
            line,
            column.max(1),
        );
        d.source_line = Some(self.index.line_text(line).to_string());
        d.with_hint("fix the JSON syntax; see docs/inventory-format.md")
    }
}

/// Reads a JSON inventory: `{ "systems": [ {...}, ... ] }`, `[ {...}, ... ]` or one system.
pub fn read_json(path: &str, text: &str) -> Inventory {
    let mut all = Inventory::default();
    json_chunks(path, text, usize::MAX, &mut |inv| {
        all.systems.extend(inv.systems);
        all.diagnostics.extend(inv.diagnostics);
    });
    all
}

/// Reads a JSON inventory and hands over the systems `chunk` at a time (with the problems
/// found since the last chunk): the document is parsed once, each system only when its
/// chunk comes.
pub fn json_chunks(path: &str, text: &str, chunk: usize, f: &mut dyn FnMut(Inventory)) {
    let ctx = Ctx::new(path, text);
    let mut inv = Inventory::default();
    let start = text.len() - text.trim_start().len();
    let systems: Vec<&RawValue> = if text[start..].starts_with('[') {
        match serde_json::from_str::<Vec<&RawValue>>(text) {
            Ok(v) => v,
            Err(e) => {
                inv.diagnostics.push(ctx.syntax(&e, text));
                return f(inv);
            }
        }
    } else {
        let top = match serde_json::from_str::<Members<'_>>(text) {
            Ok(m) => m,
            Err(e) => {
                inv.diagnostics.push(ctx.syntax(&e, text));
                return f(inv);
            }
        };
        let is_one_system =
            !top.0.iter().any(|(k, _)| k == "systems") && top.0.iter().any(|(k, _)| k == "id");
        if is_one_system {
            let raw: Result<&RawValue, _> = serde_json::from_str(text.trim());
            match raw {
                Ok(raw) => vec![raw],
                Err(e) => {
                    inv.diagnostics.push(ctx.syntax(&e, text));
                    return f(inv);
                }
            }
        } else {
            let mut systems = Vec::new();
            for (key, value) in &top.0 {
                match key.as_str() {
                    "systems" => match serde_json::from_str::<Vec<&RawValue>>(value.get()) {
                        Ok(v) => systems = v,
                        Err(_) => inv.diagnostics.push(ctx.error(
                            "A012",
                            "`systems` must be an array of system objects",
                            value.get(),
                            "write \"systems\": [ { \"id\": \"...\", ... } ]",
                        )),
                    },
                    "inventory" | "$schema" => {}
                    other => {
                        let hint = crate::diag::did_you_mean(other, TOP_KEYS).map_or_else(
                            || "an inventory object holds a `systems` array".to_string(),
                            |k| format!("did you mean `{k}`?"),
                        );
                        inv.diagnostics.push(ctx.error(
                            "A011",
                            format!("unknown key `{other}`"),
                            value.get(),
                            hint,
                        ));
                    }
                }
            }
            systems
        }
    };
    for raw in systems {
        if let Some(entry) = read_system(&ctx, raw.get(), &mut inv.diagnostics) {
            inv.systems.push(entry);
            if inv.systems.len() >= chunk {
                f(std::mem::take(&mut inv));
            }
        }
    }
    f(inv);
}

/// Reads JSON Lines: one system object per line; blank lines are skipped. A bad line is
/// reported and the others are read.
pub fn read_json_lines(path: &str, text: &str) -> Inventory {
    let mut all = Inventory::default();
    json_lines_chunks(path, text, usize::MAX, &mut |inv| {
        all.systems.extend(inv.systems);
        all.diagnostics.extend(inv.diagnostics);
    });
    all
}

/// Reads JSON Lines and hands over the systems `chunk` at a time (with the problems found
/// since the last chunk), so that a caller can process a huge file in bounded memory.
pub fn json_lines_chunks(path: &str, text: &str, chunk: usize, f: &mut dyn FnMut(Inventory)) {
    let ctx = Ctx::new(path, text);
    let mut inv = Inventory::default();
    for line in text.split('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(entry) = read_system(&ctx, trimmed, &mut inv.diagnostics) {
            inv.systems.push(entry);
            if inv.systems.len() >= chunk {
                f(std::mem::take(&mut inv));
            }
        }
    }
    f(inv);
}

/// Reads one system object from `raw` (a slice of the input).
fn read_system(ctx: &Ctx<'_>, raw: &str, diags: &mut Vec<Diagnostic>) -> Option<SystemEntry> {
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
    entry.line = ctx.index.line_col(ctx.offset(raw)).0;
    let mut ok = true;
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
            "answers" => match serde_json::from_str::<Members<'_>>(v) {
                Ok(m) => {
                    entry.answers.reserve(m.0.len());
                    for (qid, qv) in &m.0 {
                        let answer = serde_json::from_str::<serde_json::Value>(qv.get()).map_or_else(|_| RawAnswer::Other("unreadable JSON".into()), |val| RawAnswer::from_json(&val));
                        entry.answers.push((qid.clone(), answer));
                        entry.answer_at.push(ctx.index.line_col(ctx.offset(qv.get())));
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
                                e.line = ctx.index.line_col(ctx.offset(ev.get())).0;
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
