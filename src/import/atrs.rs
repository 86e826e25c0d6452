//! The UK Algorithmic Transparency Recording Standard: the title-level records of GOV.UK
//! (JSON `{"meta": …, "records": […]}`, or CSV `publishing_body,tool_name,published,url`).
//! They state the publishing body (a UK public-sector body), the tool and its page; nothing
//! about its life or its technique, so they set no answer but the organisation's type and
//! country.

use super::text::{clean, csv_rows, decode, slug, strip_html};
use super::{Import, OrgFacts, Record};
use crate::diag::Diagnostic;
use crate::inventory::LineIndex;
use crate::rules::Text;
use serde_json::Value;
use serde_json::value::RawValue;

pub fn read(path: &str, bytes: &[u8], out: &mut Import, records: &mut Vec<Record>) {
    let (text, _) = decode(bytes);
    if text.trim_start().starts_with('{') || text.trim_start().starts_with('[') {
        json(path, &text, out, records);
    } else {
        csv(path, &text, out, records);
    }
}

fn record(path: &str, line: usize, n: usize, get: &dyn Fn(&str) -> Option<String>) -> Record {
    let url = get("url").unwrap_or_default();
    let id = if url.is_empty() {
        format!("atrs-{n}")
    } else {
        slug(&url).to_string()
    };
    let mut rec = Record::new(path, line, &id);
    rec.entry.name = get("tool_name")
        .or_else(|| get("title"))
        .unwrap_or_default();
    rec.entry.owner = get("publishing_body").unwrap_or_default();
    rec.entry.description = get("description")
        .map(|d| strip_html(&d))
        .unwrap_or_default();
    rec.org = OrgFacts {
        name: rec.entry.owner.clone(),
        // The standard is for the UK public sector: a public authority outside the EU.
        org_type: Some(("other-public".into(), "atrs:publishing_body".into())),
        country: Some(("GB".into(), "atrs:publishing_body".into())),
        contact: String::new(),
    };
    rec
}

fn json(path: &str, text: &str, out: &mut Import, records: &mut Vec<Record>) {
    #[derive(serde::Deserialize)]
    struct Top<'a> {
        #[serde(borrow)]
        records: Vec<&'a RawValue>,
    }
    let raws = match serde_json::from_str::<Top<'_>>(text) {
        Ok(t) => t.records,
        Err(_) => match serde_json::from_str::<Vec<&RawValue>>(text) {
            Ok(v) => v,
            Err(e) => {
                return out.problems.push(
                    Diagnostic::error("I003", {
                        let Text { en, nl } = crate::diag::parser_text(&e.to_string());
                        t!(
                            "no ATRS records found: {en}",
                            "geen ATRS-records gevonden: {nl}"
                        )
                    })
                    .in_file(path)
                    .with_hint(t!(
                        "expected {{\"records\": [...]}} or an array of records",
                        "verwacht werd {{\"records\": [...]}} of een lijst van records"
                    )),
                );
            }
        },
    };
    let index = LineIndex::new(text);
    for (i, raw) in raws.iter().enumerate() {
        out.read += 1;
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let line = index.line_col(offset).0;
        let Ok(Value::Object(m)) = serde_json::from_str::<Value>(raw.get()) else {
            let reason = t!(
                "skipped: the record is not a JSON object",
                "overgeslagen: het record is geen JSON-object"
            );
            out.skip(path, line, i + 1, reason);
            continue;
        };
        let get = |k: &str| {
            m.get(k)
                .and_then(Value::as_str)
                .and_then(clean)
                .map(str::to_string)
        };
        records.push(record(path, line, i + 1, &get));
    }
}

fn csv(path: &str, text: &str, out: &mut Import, records: &mut Vec<Record>) {
    let (header, rows) = csv_rows(text, b',');
    if !header.iter().any(|h| h == "tool_name") {
        return out.problems.push(
            Diagnostic::error(
                "I003",
                t!(
                    "not an ATRS export: no `tool_name` column",
                    "geen ATRS-export: geen kolom `tool_name`"
                ),
            )
            .at_line(path, 1, 1)
            .with_hint(t!(
                "the columns are: {}",
                "de kolommen zijn: {}",
                header.join(", ")
            )),
        );
    }
    for (n, line, row) in rows {
        let Some(r) = out.row(path, line, n, row) else {
            continue;
        };
        let get = |k: &str| {
            header
                .iter()
                .position(|h| h == k)
                .and_then(|i| r.get(i))
                .and_then(clean)
                .map(str::to_string)
        };
        records.push(record(path, line, n, &get));
    }
}
