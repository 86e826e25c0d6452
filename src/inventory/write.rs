//! Writing inventories as TOML, JSON Lines and CSV. Deterministic: the same systems give the
//! same bytes.

use super::SystemEntry;
use crate::answers::RawAnswer;
use crate::rules::Pack;

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// JSON Lines: an `{"organisation": …}` line when the systems have one, then one system
/// object per line, keys in the order of a TOML system.
pub fn write_jsonl(systems: &[SystemEntry]) -> String {
    let mut out = String::new();
    if let Some(o) = systems.iter().find_map(|e| e.organisation.as_deref()) {
        let mut parts = vec![format!("\"name\": {}", json_string(&o.name))];
        if let Some(t) = &o.org_type {
            parts.push(format!("\"type\": {}", json_string(t)));
        }
        if let Some(c) = &o.country {
            parts.push(format!("\"country\": {}", json_string(c)));
        }
        if !o.contact.is_empty() {
            parts.push(format!("\"contact\": {}", json_string(&o.contact)));
        }
        out.push_str(&format!("{{\"organisation\": {{{}}}}}\n", parts.join(", ")));
    }
    for e in systems {
        let mut parts = vec![
            format!("\"id\": {}", json_string(&e.id)),
            format!("\"name\": {}", json_string(&e.name)),
            format!("\"owner\": {}", json_string(&e.owner)),
            format!("\"description\": {}", json_string(&e.description)),
        ];
        if !e.users.is_empty() {
            let users: Vec<String> = e.users.iter().map(|u| json_string(u)).collect();
            parts.push(format!("\"users\": [{}]", users.join(", ")));
        }
        if let Some(l) = &e.lifecycle {
            parts.push(format!("\"lifecycle\": {}", json_string(l.stage.name())));
            if let Some(d) = l.date {
                parts.push(format!("\"lifecycle_date\": \"{d}\""));
            }
        }
        if !e.hints.is_empty() {
            let hints: Vec<String> = e
                .hints
                .iter()
                .map(|h| {
                    format!(
                        "{{\"question\": {}, \"reason\": {}}}",
                        json_string(&h.question),
                        json_string(&h.reason)
                    )
                })
                .collect();
            parts.push(format!("\"hints\": [{}]", hints.join(", ")));
        }
        let answers: Vec<String> = e
            .answers
            .iter()
            .map(|(q, v)| {
                let value = v.to_json().to_string();
                let value = match e.answer_meta.get(q).filter(|m| !m.is_empty()) {
                    None => value,
                    Some(m) => {
                        let mut p = vec![format!("\"value\": {value}")];
                        for (k, t) in [
                            ("source", &m.source),
                            ("comment", &m.comment),
                            ("by", &m.by),
                        ] {
                            if let Some(t) = t {
                                p.push(format!("\"{k}\": {}", json_string(t)));
                            }
                        }
                        if let Some(d) = m.on {
                            p.push(format!("\"on\": \"{d}\""));
                        }
                        format!("{{{}}}", p.join(", "))
                    }
                };
                format!("{}: {value}", json_string(q))
            })
            .collect();
        parts.push(format!("\"answers\": {{{}}}", answers.join(", ")));
        out.push_str(&format!("{{{}}}\n", parts.join(", ")));
    }
    out
}

/// CSV: `id`, `name`, `owner`, `description`, `users`, `lifecycle`, `lifecycle_date`, then one
/// column per question answered anywhere (pack order). Text is written on one line per cell:
/// a quoted cell across line breaks that holds delimiters reads as merged rows. A row has no place for the organisation, so
/// its answers (`org_type`, `org_country`) are written into every row that does not answer
/// them; sources, comments and hints are left out (see docs/inventory-format.md).
pub fn write_csv(pack: &Pack, systems: &[SystemEntry]) -> String {
    let rows: Vec<Vec<(String, RawAnswer)>> = systems
        .iter()
        .map(|e| {
            let (answers, _) = e.answers(pack);
            pack.questions
                .iter()
                .enumerate()
                .filter_map(|(i, q)| answers.to_raw(i, q).map(|raw| (q.id.clone(), raw)))
                .collect()
        })
        .collect();
    let questions: Vec<&str> = pack
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .filter(|id| rows.iter().any(|r| r.iter().any(|(q, _)| q == id)))
        .collect();
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header: Vec<&str> = super::csv::FIXED.to_vec();
    header.extend(&questions);
    let _ = w.write_record(&header);
    for (e, answers) in systems.iter().zip(&rows) {
        let mut row = vec![
            one_line(&e.id),
            one_line(&e.name),
            one_line(&e.owner),
            one_line(&e.description),
            e.users.join(";"),
            e.lifecycle
                .map(|l| l.stage.name().to_string())
                .unwrap_or_default(),
            e.lifecycle
                .and_then(|l| l.date)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ];
        for q in &questions {
            row.push(
                answers
                    .iter()
                    .find(|(id, _)| id == q)
                    .map(|(_, v)| v.display())
                    .unwrap_or_default(),
            );
        }
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Text on one line: line breaks become spaces.
fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn quote_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
    format!("[{}]", quoted.join(", "))
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Writes systems as a TOML inventory (one system: an answers file). Deterministic. The
/// organisation of the first system that has one is written as the `[organisation]` table.
pub fn write_toml(systems: &[SystemEntry]) -> String {
    let mut s = String::new();
    if let Some(org) = systems.iter().find_map(|e| e.organisation.as_deref()) {
        s.push_str("[organisation]\n");
        s.push_str(&format!("name = {}\n", quote(&org.name)));
        if let Some(t) = &org.org_type {
            s.push_str(&format!("type = {}\n", quote(t)));
        }
        if let Some(c) = &org.country {
            s.push_str(&format!("country = {}\n", quote(c)));
        }
        if !org.contact.is_empty() {
            s.push_str(&format!("contact = {}\n", quote(&org.contact)));
        }
        for m in &org.literacy {
            s.push_str("\n[[organisation.literacy]]\n");
            s.push_str(&format!("groups = {}\n", quote_list(&m.groups)));
            s.push_str(&format!("measure = {}\n", quote(&m.measure)));
            if let Some(d) = m.date {
                s.push_str(&format!("date = {d}\n"));
            }
            if !m.evidence.is_empty() {
                s.push_str(&format!("evidence = {}\n", quote(&m.evidence)));
            }
        }
        s.push('\n');
    }
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
        if !e.users.is_empty() {
            s.push_str(&format!("users = {}\n", quote_list(&e.users)));
        }
        if let Some(p) = &e.pack {
            s.push_str(&format!(
                "pack = {{ id = {}, version = {}, sha256 = {} }}\n",
                quote(&p.id),
                quote(&p.version),
                quote(&p.sha256)
            ));
        }
        if let Some(l) = &e.lifecycle {
            s.push_str(&format!("lifecycle = {}\n", quote(l.stage.name())));
            if let Some(d) = l.date {
                s.push_str(&format!("lifecycle_date = {d}\n"));
            }
        }
        if !e.hints.is_empty() {
            s.push_str("hints = [\n");
            for h in &e.hints {
                s.push_str(&format!(
                    "  {{ question = {}, reason = {} }},\n",
                    quote(&h.question),
                    quote(&h.reason)
                ));
            }
            s.push_str("]\n");
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
            match e.answer_meta.get(id).filter(|m| !m.is_empty()) {
                None => s.push_str(&format!("{key} = {}\n", v.to_toml())),
                Some(m) => {
                    let mut parts = vec![format!("value = {}", v.to_toml())];
                    for (k, text) in [
                        ("source", &m.source),
                        ("comment", &m.comment),
                        ("by", &m.by),
                    ] {
                        if let Some(t) = text {
                            parts.push(format!("{k} = {}", quote(t)));
                        }
                    }
                    if let Some(d) = m.on {
                        parts.push(format!("on = {d}"));
                    }
                    s.push_str(&format!("{key} = {{ {} }}\n", parts.join(", ")));
                }
            }
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
