//! Any spreadsheet, with a mapping file that says which column is the id, name, owner,
//! description and lifecycle, and which column answers which question with which value
//! translation (docs/import.md). The mapping is checked against the pack when read, and
//! against each spreadsheet's header: a misspelt column is an error pointing into the
//! mapping file, listing the columns that exist.

use super::text::{clean, csv_rows, date, decode};
use super::{Import, OrgFacts, Record};
use crate::answers::{RawAnswer, parse_answer};
use crate::diag::Diagnostic;
use crate::engine::Stage;
use crate::rules::{Pack, Text};
use std::ops::Range;
use toml::de::{DeTable, DeValue};

const TOP_KEYS: [&str; 4] = ["columns", "lifecycle", "organisation", "answer"];
/// The `[columns]` a mapping may name: the columns of an inventory that are not questions.
const COLUMN_KEYS: [&str; 7] = crate::inventory::FIXED_COLUMNS;
const ANSWER_KEYS: [&str; 3] = ["column", "question", "values"];

/// A column name as the mapping writes it, with its place in the mapping file.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    span: Range<usize>,
}

/// One column that answers one question.
#[derive(Debug, Clone)]
pub struct AnswerColumn {
    pub column: Column,
    pub question: String,
    /// Cell value (compared without case and surrounding blanks) → answer; empty: the cell
    /// is the answer as written.
    pub values: Vec<(String, RawAnswer)>,
}

/// A mapping file, read and checked against the pack.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub path: String,
    text: String,
    /// `id`, `name`, `owner`, `description`, `lifecycle`, `lifecycle_date` → column.
    pub columns: Vec<(&'static str, Column)>,
    /// Cell → lifecycle stage.
    pub lifecycle: Vec<(String, Stage)>,
    pub organisation: Option<OrgFacts>,
    pub answers: Vec<AnswerColumn>,
}

impl Mapping {
    /// Reads a mapping file; every problem is reported with its line and column.
    pub fn read(path: &str, text: &str, pack: &Pack) -> Result<Mapping, Vec<Diagnostic>> {
        let mut diags = Vec::new();
        let err = |code, msg: Text, span: Range<usize>, hint: Text| {
            Diagnostic::error(code, msg)
                .at(path, text, span)
                .with_hint(hint)
        };
        let root = match DeTable::parse(text) {
            Ok(r) => r,
            Err(e) => {
                return Err(vec![err(
                    "I030",
                    crate::diag::syntax_error("TOML", e.message()),
                    e.span().unwrap_or(0..0),
                    t!(
                        "fix the TOML syntax; docs/import.md shows a mapping file",
                        "verbeter de TOML-syntaxis; docs/import.md toont een koppelbestand"
                    ),
                )]);
            }
        };
        let mut m = Mapping {
            path: path.to_string(),
            text: text.to_string(),
            columns: Vec::new(),
            lifecycle: Vec::new(),
            organisation: None,
            answers: Vec::new(),
        };
        let unknown = crate::diag::known_keys;
        let string = |v: &toml::Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>| {
            let s = v.get_ref().as_str().map(str::to_string);
            if s.is_none() {
                diags.push(err(
                    "I030",
                    t!("must be a string", "moet een tekst zijn"),
                    v.span(),
                    t!("quote the value", "zet de waarde tussen aanhalingstekens"),
                ));
            }
            s
        };
        for (k, v) in root.get_ref().iter() {
            let key: &str = k.get_ref();
            match (key, v.get_ref()) {
                ("columns", DeValue::Table(t)) => {
                    for (ck, cv) in t.iter() {
                        let name: &str = ck.get_ref();
                        match COLUMN_KEYS.iter().find(|c| **c == name) {
                            Some(field) => {
                                if let Some(s) = string(cv, &mut diags) {
                                    m.columns.push((field, Column { name: s, span: cv.span() }));
                                }
                            }
                            None => diags.push(err("I030", t!("unknown key `{name}` in [columns]", "onbekende sleutel `{name}` in [columns]"), ck.span(), unknown(name, &COLUMN_KEYS))),
                        }
                    }
                }
                ("lifecycle", DeValue::Table(t)) => {
                    for (lk, lv) in t.iter() {
                        let Some(s) = string(lv, &mut diags) else { continue };
                        match crate::inventory::parse_stage(&s) {
                            Ok(stage) => m.lifecycle.push((lk.get_ref().trim().to_lowercase(), stage)),
                            Err(msg) => diags.push(err("I031", msg, lv.span(), t!("planned, in-development, in-use or retired", "planned, in-development, in-use of retired"))),
                        }
                    }
                }
                ("organisation", DeValue::Table(t)) => {
                    let mut org = OrgFacts::default();
                    for (ok, ov) in t.iter() {
                        let name: &str = ok.get_ref();
                        let Some(s) = string(ov, &mut diags) else { continue };
                        let src = format!("map:organisation.{name}");
                        match name {
                            "name" => org.name = s,
                            "type" => match pack.question("org_type").map(|(_, q)| parse_answer(q, &RawAnswer::Text(s.clone()))) {
                                Some(Err(p)) => diags.push(err("I031", p.message.prefixed("[organisation] type: "), ov.span(), p.hint.unwrap_or_default())),
                                _ => org.org_type = Some((s, src)),
                            },
                            "country" => match crate::inventory::parse_country(&s) {
                                Ok(c) => org.country = Some((c, src)),
                                Err(msg) => diags.push(err("I031", msg, ov.span(), t!("write country = \"BE\"", "schrijf country = \"BE\""))),
                            },
                            "contact" => org.contact = s,
                            other => diags.push(err("I030", t!("unknown key `{other}` in [organisation]", "onbekende sleutel `{other}` in [organisation]"), ok.span(), unknown(other, &crate::inventory::ORGANISATION_KEYS))),
                        }
                    }
                    m.organisation = Some(org);
                }
                ("answer", DeValue::Array(items)) => {
                    for item in items.iter() {
                        let DeValue::Table(t) = item.get_ref() else {
                            diags.push(err("I030", t!("each [[answer]] must be a table", "elke [[answer]] moet een tabel zijn"), item.span(), t!("write [[answer]] with column, question and values", "schrijf [[answer]] met `column`, `question` en `values`")));
                            continue;
                        };
                        if let Some(a) = answer_column(path, text, t, item.span(), pack, &mut diags) {
                            m.answers.push(a);
                        }
                    }
                }
                (k, _) if TOP_KEYS.contains(&k) => diags.push(err("I030", t!("`{k}` has the wrong shape", "`{k}` heeft de verkeerde vorm"), v.span(), t!("see docs/import.md: [columns], [lifecycle], [organisation] are tables; [[answer]] an array of tables", "zie docs/import.md: [columns], [lifecycle], [organisation] zijn tabellen; [[answer]] een lijst van tabellen"))),
                (other, _) => diags.push(err("I030", t!("unknown key `{other}`", "onbekende sleutel `{other}`"), k.span(), unknown(other, &TOP_KEYS))),
            }
        }
        if !m.columns.iter().any(|(f, _)| *f == "id") {
            diags.push(
                Diagnostic::error(
                    "I030",
                    t!(
                        "the mapping names no `id` column",
                        "het koppelbestand noemt geen kolom `id`"
                    ),
                )
                .at_line(path, 1, 1)
                .with_hint(t!(
                    "write [columns] id = \"<the column with a unique number or code>\"",
                    "schrijf [columns] id = \"<de kolom met een uniek nummer of een unieke code>\""
                )),
            );
        }
        if diags.is_empty() { Ok(m) } else { Err(diags) }
    }

    /// Checks that every column the mapping names is in the header; a missing one is an
    /// error pointing into the mapping, with the columns that exist.
    fn check_columns(&self, file: &str, header: &[String]) -> Vec<Diagnostic> {
        let named = self
            .columns
            .iter()
            .map(|(_, c)| c)
            .chain(self.answers.iter().map(|a| &a.column));
        let mut diags = Vec::new();
        for c in named {
            if header
                .iter()
                .any(|h| h.trim().eq_ignore_ascii_case(c.name.trim()))
            {
                continue;
            }
            let (sug_en, sug_nl) =
                crate::diag::did_you_mean(&c.name, header.iter().map(String::as_str))
                    .map(|s| {
                        (
                            format!("did you mean `{s}`? "),
                            format!("bedoelde u `{s}`? "),
                        )
                    })
                    .unwrap_or_default();
            let columns = header.join(", ");
            diags.push(
                Diagnostic::error(
                    "I032",
                    t!(
                        "column `{}` is not in `{file}`",
                        "de kolom `{}` staat niet in `{file}`",
                        c.name
                    ),
                )
                .at(&self.path, &self.text, c.span.clone())
                .with_hint(t!(
                    "{sug_en}the columns are: {columns}",
                    "{sug_nl}de kolommen zijn: {columns}"
                )),
            );
        }
        diags
    }
}

fn answer_column(
    path: &str,
    text: &str,
    t: &DeTable<'_>,
    span: Range<usize>,
    pack: &Pack,
    diags: &mut Vec<Diagnostic>,
) -> Option<AnswerColumn> {
    let err = |code, msg: Text, span: Range<usize>, hint: Text| {
        Diagnostic::error(code, msg)
            .at(path, text, span)
            .with_hint(hint)
    };
    let mut column = None;
    let mut question: Option<(String, Range<usize>)> = None;
    let mut values = Vec::new();
    let mut values_raw: Vec<(String, RawAnswer, Range<usize>)> = Vec::new();
    for (k, v) in t.iter() {
        match (k.get_ref().as_ref(), v.get_ref()) {
            ("column", DeValue::String(s)) => {
                column = Some(Column {
                    name: s.to_string(),
                    span: v.span(),
                })
            }
            ("question", DeValue::String(s)) => question = Some((s.to_string(), v.span())),
            ("values", DeValue::Table(vt)) => {
                for (vk, vv) in vt.iter() {
                    values_raw.push((
                        vk.get_ref().trim().to_lowercase(),
                        crate::inventory::raw_answer(vv.get_ref()),
                        vv.span(),
                    ));
                }
            }
            (key, _) if ANSWER_KEYS.contains(&key) => diags.push(err(
                "I030",
                t!(
                    "`{key}` has the wrong type",
                    "`{key}` heeft het verkeerde type"
                ),
                v.span(),
                t!(
                    "column and question are strings; values a table of cell = answer",
                    "`column` en `question` zijn teksten; `values` een tabel van cel = antwoord"
                ),
            )),
            (other, _) => diags.push(err(
                "I030",
                t!(
                    "unknown key `{other}` in [[answer]]",
                    "onbekende sleutel `{other}` in [[answer]]"
                ),
                k.span(),
                crate::diag::known_keys(other, &ANSWER_KEYS),
            )),
        }
    }
    let (Some(column), Some((qid, qspan))) = (column, question) else {
        diags.push(err(
            "I030",
            t!(
                "an [[answer]] needs `column` and `question`",
                "een [[answer]] vraagt `column` en `question`"
            ),
            span,
            t!(
                "write column = \"...\" and question = \"<question id>\"",
                "schrijf column = \"...\" en question = \"<vraag-id>\""
            ),
        ));
        return None;
    };
    let Some((_, q)) = pack.question(&qid) else {
        let hint = crate::diag::did_you_mean(&qid, pack.questions.iter().map(|q| q.id.as_str()))
            .map_or_else(
                || {
                    t!(
                        "`aiact rules list` shows every question id",
                        "`aiact rules list` toont elke vraag-id"
                    )
                },
                crate::diag::did_you_mean_text,
            );
        diags.push(err(
            "I031",
            t!("unknown question `{qid}`", "onbekende vraag `{qid}`"),
            qspan,
            hint,
        ));
        return None;
    };
    for (cell, raw, vspan) in values_raw {
        match parse_answer(q, &raw) {
            Ok(_) => values.push((cell, raw)),
            Err(p) => diags.push(err(
                "I031",
                p.message.prefixed(&format!("`{qid}`: ")),
                vspan,
                p.hint.unwrap_or_default(),
            )),
        }
    }
    Some(AnswerColumn {
        column,
        question: qid,
        values,
    })
}

pub fn read(path: &str, bytes: &[u8], map: &Mapping, out: &mut Import, records: &mut Vec<Record>) {
    let (text, _) = decode(bytes);
    let delimiter = crate::inventory::detect_delimiter(&text);
    read_delimited(path, &text, delimiter, map, out, records);
}

fn read_delimited(
    path: &str,
    text: &str,
    delimiter: u8,
    map: &Mapping,
    out: &mut Import,
    records: &mut Vec<Record>,
) {
    let (header, rows) = csv_rows(text, delimiter);
    let problems = map.check_columns(path, &header);
    if !problems.is_empty() {
        out.problems.extend(problems);
        return;
    }
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
    };
    let field = |f: &str| {
        map.columns
            .iter()
            .find(|(k, _)| *k == f)
            .and_then(|(_, c)| col(&c.name))
    };
    let (id_col, name_col, owner_col, desc_col, life_col, date_col) = (
        field("id"),
        field("name"),
        field("owner"),
        field("description"),
        field("lifecycle"),
        field("lifecycle_date"),
    );
    for (n, line, row) in rows {
        let Some(r) = out.row(path, line, n, row) else {
            continue;
        };
        if r.iter().all(|c| c.trim().is_empty()) {
            let reason = t!("skipped: an empty row", "overgeslagen: een lege rij");
            out.skip(path, line, n, reason);
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| r.get(i)).and_then(clean);
        let id = cell(id_col).map_or_else(|| format!("row-{n}"), str::to_string);
        let mut rec = Record::new(path, line, &id);
        rec.entry.name = cell(name_col).unwrap_or_default().to_string();
        rec.entry.owner = cell(owner_col).unwrap_or_default().to_string();
        rec.entry.description = cell(desc_col).unwrap_or_default().to_string();
        rec.entry.users = cell(field("users"))
            .map(|u| {
                u.split([';', '|'])
                    .filter_map(clean)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let column_name =
            |i: Option<usize>| i.and_then(|i| header.get(i)).cloned().unwrap_or_default();
        if let Some(status) = cell(life_col) {
            let stage = map
                .lifecycle
                .iter()
                .find(|(v, _)| *v == status.to_lowercase())
                .map(|(_, s)| *s)
                .or_else(|| crate::inventory::parse_stage(status).ok());
            match stage {
                Some(stage) => {
                    let end = stage == Stage::Retired;
                    rec.lifecycle(stage, cell(date_col).and_then(|d| date(d, end)));
                }
                None => {
                    out.problems
                        .push(untranslated(path, line, n, &column_name(life_col), status))
                }
            }
        }
        for a in &map.answers {
            let Some(i) = col(&a.column.name) else {
                continue;
            };
            let Some(value) = r.get(i).and_then(clean) else {
                continue;
            };
            let source = format!("csv:{}", header[i]);
            if a.values.is_empty() {
                rec.answer(&a.question, RawAnswer::Text(value.to_string()), &source);
                continue;
            }
            match a.values.iter().find(|(v, _)| *v == value.to_lowercase()) {
                Some((_, raw)) => rec.answer(&a.question, raw.clone(), &source),
                // "weet niet", "unknown": not knowing is an answer.
                None if crate::answers::is_unknown(value) => {
                    rec.answer(&a.question, RawAnswer::Text("unknown".into()), &source);
                }
                None => out
                    .problems
                    .push(untranslated(path, line, n, &header[i], value)),
            }
        }
        if let Some(org) = &map.organisation {
            rec.org = org.clone();
        }
        records.push(rec);
    }
}

/// A cell the mapping has no translation for: the question stays unanswered.
fn untranslated(path: &str, line: usize, n: usize, column: &str, value: &str) -> Diagnostic {
    let msg = t!(
        "column `{column}`: the value \"{value}\" has no translation in the mapping; the question stays open",
        "kolom `{column}`: de waarde \"{value}\" heeft geen vertaling in het koppelbestand; de vraag blijft open"
    );
    let hint = t!(
        "row {n}; add the value to that column's `values`",
        "rij {n}; voeg de waarde toe aan `values` van die kolom"
    );
    Diagnostic::warning("I033", msg)
        .at_line(path, line, 1)
        .with_hint(hint)
}
