//! The TOML encoding: `[[system]]` tables with `[system.answers]` and `[system.evidence]`.

use super::{EvidenceRef, Inventory, PackStamp, SYSTEM_KEYS, SystemEntry};
use crate::answers::RawAnswer;
use crate::diag::Diagnostic;
use chrono::NaiveDate;
use toml::de::DeValue;

/// Finds the lines that start a system: `[[system]]` alone on a line, outside a multi-line
/// string. Fed the lines of a text in order.
#[derive(Default)]
pub struct SystemStarts {
    /// The delimiter of the multi-line string the last line ended in, if any.
    open: Option<&'static str>,
}

impl SystemStarts {
    /// Whether `line` starts a system.
    pub fn starts_system(&mut self, line: &str) -> bool {
        let starts = self.open.is_none() && line.trim_end() == "[[system]]";
        let mut rest = line;
        loop {
            match self.open {
                Some(q) => match rest.find(q) {
                    Some(i) => {
                        rest = &rest[i + 3..];
                        self.open = None;
                    }
                    None => break,
                },
                None => {
                    let next = ["\"\"\"", "'''"]
                        .into_iter()
                        .filter_map(|q| rest.find(q).map(|i| (i, q)))
                        .min();
                    // A `#` before the delimiter makes it a comment.
                    match next {
                        Some((i, q)) if !rest[..i].contains('#') => {
                            rest = &rest[i + 3..];
                            self.open = Some(q);
                        }
                        _ => break,
                    }
                }
            }
        }
        starts
    }
}

/// Byte offsets of the lines that start a system.
fn system_starts(text: &str) -> Vec<usize> {
    let mut finder = SystemStarts::default();
    let mut offset = 0;
    let mut out = Vec::new();
    for line in text.split_inclusive('\n') {
        if finder.starts_system(line) {
            out.push(offset);
        }
        offset += line.len();
    }
    out
}

/// Reads a TOML inventory and hands over the systems about `chunk` at a time: the text is cut
/// before the lines that start a system and the pieces are parsed one by one (memory bounded
/// by the piece); positions stay those of the whole file.
pub fn toml_chunks(path: &str, text: &str, chunk: usize, f: &mut dyn FnMut(Inventory)) {
    if chunk == usize::MAX {
        return f(read_toml(path, text));
    }
    let mut cuts = vec![0];
    cuts.extend(
        system_starts(text)
            .into_iter()
            .skip(1)
            .step_by(chunk.max(1)),
    );
    cuts.push(text.len());
    let mut first_line = 1;
    for w in cuts.windows(2) {
        let piece = &text[w[0]..w[1]];
        f(read_toml_piece(path, piece, first_line));
        first_line += piece.matches('\n').count();
    }
}

/// Reads a TOML inventory (or answers file). A malformed system is reported and skipped; the
/// others are read.
pub fn read_toml(path: &str, text: &str) -> Inventory {
    read_toml_piece(path, text, 1)
}

/// Reads a piece of a TOML inventory whose first line is `first_line` of the file. A syntax
/// error is isolated to its system: the piece is read again system by system, so that one bad
/// system does not take the others with it.
pub fn read_toml_piece(path: &str, text: &str, first_line: usize) -> Inventory {
    let mut inv = Inventory::default();
    let index = super::LineIndex::starting_at(text, first_line);
    let (root, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let mut cuts = vec![0];
        cuts.extend(system_starts(text));
        cuts.push(text.len());
        cuts.dedup();
        if cuts.len() > 2 {
            for w in cuts.windows(2) {
                let part = read_toml_piece(path, &text[w[0]..w[1]], index.line(w[0]));
                inv.systems.extend(part.systems);
                inv.diagnostics.extend(part.diagnostics);
            }
            return inv;
        }
    }
    let point = |d: Diagnostic, span: std::ops::Range<usize>| index.point(d, path, span.start);
    for e in &errors {
        inv.diagnostics.push(
            point(
                Diagnostic::error(
                    "A010",
                    format!(
                        "TOML syntax error: {}",
                        e.message().lines().next().unwrap_or("").trim()
                    ),
                ),
                e.span().unwrap_or(0..0),
            )
            .with_hint("fix the TOML syntax; see docs/inventory-format.md"),
        );
    }
    if !errors.is_empty() {
        return inv;
    }
    let at = |span: std::ops::Range<usize>| index.line(span.start);
    for (key, value) in root.get_ref().iter() {
        let key_name: &str = key.get_ref();
        if key_name == "inventory" {
            continue;
        }
        if key_name != "system" {
            inv.diagnostics.push(
                point(
                    Diagnostic::error("A011", format!("unknown key `{key_name}`")),
                    key.span(),
                )
                .with_hint(
                    "an inventory holds [[system]] tables (and an optional [inventory] table)",
                ),
            );
            continue;
        }
        let DeValue::Array(items) = value.get_ref() else {
            inv.diagnostics.push(
                point(
                    Diagnostic::error("A011", "`system` must be an array of tables"),
                    key.span(),
                )
                .with_hint("write each system as [[system]]"),
            );
            continue;
        };
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                inv.diagnostics.push(
                    point(
                        Diagnostic::error("A011", "a system must be a table"),
                        item.span(),
                    )
                    .with_hint("write each system as [[system]]"),
                );
                continue;
            };
            let mut entry = SystemEntry::new("");
            entry.file = path.to_string();
            entry.line = at(item.span());
            let mut ok = true;
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
                                    Diagnostic::error("A012", format!("`{name}` must be a string")),
                                    v.span(),
                                )
                                .with_hint("quote the value"),
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
                    "answers" => {
                        match v.get_ref() {
                            DeValue::Table(t) => {
                                for (qk, qv) in t.iter() {
                                    entry
                                        .answers
                                        .push((qk.get_ref().to_string(), raw_answer(qv.get_ref())));
                                    entry.answer_at.push(index.line_col(qk.span().start));
                                }
                            }
                            _ => {
                                ok = false;
                                inv.diagnostics.push(point(Diagnostic::error("A012", "`answers` must be a table"), v.span()).with_hint("write [system.answers] followed by question_id = value lines"));
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
                                        inv.diagnostics.push(point(Diagnostic::error("A013", msg), ev.span()).with_hint("write key = { reference = \"...\", issued = 2026-01-01, expires = 2030-01-01 }"));
                                    }
                                }
                            }
                        }
                        _ => {
                            ok = false;
                            inv.diagnostics.push(
                                point(
                                    Diagnostic::error("A012", "`evidence` must be a table"),
                                    v.span(),
                                )
                                .with_hint("write [system.evidence]"),
                            );
                        }
                    },
                    other => {
                        ok = false;
                        let hint = crate::diag::did_you_mean(other, SYSTEM_KEYS).map_or_else(
                            || format!("known keys: {}", SYSTEM_KEYS.join(", ")),
                            |k| format!("did you mean `{k}`?"),
                        );
                        inv.diagnostics.push(
                            point(
                                Diagnostic::error(
                                    "A011",
                                    format!("unknown key `{other}` in a system"),
                                ),
                                k.span(),
                            )
                            .with_hint(hint),
                        );
                    }
                }
            }
            if entry.id.trim().is_empty() {
                ok = false;
                inv.diagnostics.push(
                    point(
                        Diagnostic::error("A014", "a system has no `id`"),
                        item.span(),
                    )
                    .with_hint("give every system a unique id, e.g. id = \"GEM-001\""),
                );
            }
            if ok {
                inv.systems.push(entry);
            }
        }
    }
    inv
}

fn raw_answer(v: &DeValue<'_>) -> RawAnswer {
    match v {
        DeValue::Boolean(b) => RawAnswer::Bool(*b),
        DeValue::String(s) => RawAnswer::Text(s.to_string()),
        DeValue::Integer(i) => number(i.as_str(), i.radix()),
        DeValue::Float(f) => number(f.as_str(), 10),
        DeValue::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .map_or_else(|| RawAnswer::Other(dt.to_string()), RawAnswer::Date),
            _ => RawAnswer::Other(format!("the date-time {dt}")),
        },
        DeValue::Array(items) => {
            let mut out = Vec::new();
            for item in items.iter() {
                match item.get_ref().as_str() {
                    Some(s) => out.push(s.to_string()),
                    None => return RawAnswer::Other("a list of non-strings".into()),
                }
            }
            RawAnswer::List(out)
        }
        DeValue::Table(_) => RawAnswer::Other("a table".into()),
    }
}

fn number(text: &str, radix: u32) -> RawAnswer {
    let clean = text.replace('_', "");
    let parsed = if radix == 10 {
        clean.parse::<f64>().ok()
    } else {
        i64::from_str_radix(&clean, radix).ok().map(|n| n as f64)
    };
    parsed.filter(|n| n.is_finite()).map_or_else(
        || RawAnswer::Other(format!("the number {text}")),
        RawAnswer::Number,
    )
}

fn evidence(key: &str, v: &DeValue<'_>) -> Result<EvidenceRef, String> {
    let date = |v: &DeValue<'_>| -> Result<NaiveDate, String> {
        match v {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                        .ok_or_else(|| format!("invalid date {dt}"))
                }
                _ => Err(format!("`{dt}` is not a plain date")),
            },
            DeValue::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| format!("\"{s}\" is not a date (YYYY-MM-DD)")),
            _ => Err("a date must be YYYY-MM-DD".into()),
        }
    };
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
                            .ok_or("`reference` must be a string")?
                            .to_string()
                    }
                    "issued" => {
                        e.issued = Some(
                            date(v.get_ref())
                                .map_err(|m| format!("evidence `{key}`: issued: {m}"))?,
                        )
                    }
                    "expires" => {
                        e.expires = Some(
                            date(v.get_ref())
                                .map_err(|m| format!("evidence `{key}`: expires: {m}"))?,
                        )
                    }
                    other => {
                        return Err(format!(
                            "evidence `{key}`: unknown key `{other}` (known: reference, issued, expires)"
                        ));
                    }
                }
            }
        }
        _ => return Err(format!("evidence `{key}` must be a string or a table")),
    }
    if e.reference.trim().is_empty() {
        return Err(format!("evidence `{key}` has no reference"));
    }
    Ok(e)
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Writes systems as a TOML inventory (one system: an answers file). Deterministic.
pub fn write_toml(systems: &[SystemEntry]) -> String {
    let mut s = String::new();
    for (i, e) in systems.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str("[[system]]\n");
        s.push_str(&format!(
            "id = {}\nname = {}\nowner = {}\ndescription = {}\n",
            quote(&e.id),
            quote(&e.name),
            quote(&e.owner),
            quote(&e.description)
        ));
        if let Some(p) = &e.pack {
            s.push_str(&format!(
                "pack = {{ id = {}, version = {}, sha256 = {} }}\n",
                quote(&p.id),
                quote(&p.version),
                quote(&p.sha256)
            ));
        }
        s.push_str("\n[system.answers]\n");
        for (id, v) in &e.answers {
            let key = if id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                id.clone()
            } else {
                quote(id)
            };
            s.push_str(&format!("{key} = {}\n", v.to_toml()));
        }
        if !e.evidence.is_empty() {
            s.push_str("\n[system.evidence]\n");
            for ev in &e.evidence {
                let mut parts = vec![format!("reference = {}", quote(&ev.reference))];
                if let Some(d) = ev.issued {
                    parts.push(format!("issued = {d}"));
                }
                if let Some(d) = ev.expires {
                    parts.push(format!("expires = {d}"));
                }
                s.push_str(&format!("{} = {{ {} }}\n", ev.key, parts.join(", ")));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = r#"
[[system]]
id = "S1"
name = "Chatbot"
owner = "Communicatie"
description = "Website assistant"

[system.answers]
subject_kind = "ai-system"
interacts = true
purposes = ["a", "b"]
placed = 2026-09-01
flops = 1e25

[system.evidence]
eu_declaration_of_conformity = { reference = "DoC.pdf", issued = 2026-01-01, expires = 2030-01-01 }
"#;
        let inv = read_toml("inv.toml", text);
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
        assert_eq!(inv.systems.len(), 1);
        let written = write_toml(&inv.systems);
        let again = read_toml("inv.toml", &written);
        assert_eq!(again.systems[0].answers, inv.systems[0].answers);
        assert_eq!(
            again.systems[0].evidence[0].expires,
            NaiveDate::from_ymd_opt(2030, 1, 1)
        );
    }

    #[test]
    fn pieces_keep_the_positions_of_the_whole_file() {
        let text = "[inventory]\ntitle = \"x\"\n\n[[system]]\nid = \"A\"\n\n[[system]]\nid = \"B\"\n[system.answers]\nq = true\n\n[[system]]\nid = \"C\"\nnmae = 1\n";
        let mut pieces = Vec::new();
        toml_chunks("i.toml", text, 1, &mut |inv| pieces.push(inv));
        assert_eq!(pieces.len(), 3);
        let whole = read_toml("i.toml", text);
        let chunked: Vec<SystemEntry> = pieces.iter().flat_map(|p| p.systems.clone()).collect();
        assert_eq!(chunked, whole.systems);
        let lines = |ds: &[Diagnostic]| {
            ds.iter()
                .map(|d| d.location.as_ref().map_or(0, |l| l.line))
                .collect::<Vec<_>>()
        };
        assert_eq!(lines(&pieces[2].diagnostics), lines(&whole.diagnostics));
        assert_eq!(lines(&whole.diagnostics), [14]);
    }

    #[test]
    fn bad_system_is_reported_and_others_kept() {
        let text = "[[system]]\nid = \"A\"\nnmae = \"x\"\n\n[[system]]\nid = \"B\"\n";
        let inv = read_toml("inv.toml", text);
        assert_eq!(inv.systems.len(), 1);
        assert_eq!(inv.systems[0].id, "B");
        let d = &inv.diagnostics[0];
        assert_eq!(d.code, "A011");
        assert_eq!(
            d.location.as_ref().map(|l| (l.line, l.column)),
            Some((3, 1))
        );
        assert!(d.hint.as_deref().unwrap_or("").contains("name"));
    }
}
