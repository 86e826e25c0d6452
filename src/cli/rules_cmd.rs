//! `aiact rules check | list | show | test`.

use super::{Context, Exit, emit, load_pack, print_diagnostics};
use crate::engine::scenario;
use crate::rules::{DateRef, DateSpec, Lang, Pack};
use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Validate the pack and print every problem (exit 2 if any error)
    Check {
        #[arg(long, value_enum, default_value = "text")]
        format: DiagFormat,
    },
    /// List every question, finding, obligation, note and evidence kind
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: super::TableOrJson,
    },
    /// Show one rule in full
    Show {
        /// The id of a question, finding, obligation, evidence kind, transition, note or date
        id: String,
    },
    /// Run the pack's golden scenarios
    Test,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiagFormat {
    Text,
    Json,
}

pub fn run(ctx: &Context, cmd: RulesCommand) -> Result<(), Exit> {
    match cmd {
        RulesCommand::Check { format } => check(ctx, format),
        RulesCommand::List { format } => {
            let pack = ctx.pack()?;
            match format {
                super::TableOrJson::Json => emit(
                    ctx.lang,
                    &(serde_json::to_string_pretty(&list_json(&pack, ctx.lang))
                        .unwrap_or_default()
                        + "\n"),
                ),
                super::TableOrJson::Table => emit(ctx.lang, &list_table(&pack, ctx.lang)),
            }
        }
        RulesCommand::Show { id } => {
            let pack = ctx.pack()?;
            match show(&pack, &id, ctx.lang) {
                Some(text) => emit(ctx.lang, &text),
                None => {
                    let hint = crate::diag::did_you_mean(&id, pack.ids.keys().map(String::as_str))
                        .map_or_else(
                            || {
                                t!(
                                    "`aiact rules list` shows every id",
                                    "`aiact rules list` toont elke id"
                                )
                            },
                            crate::diag::did_you_mean_text,
                        );
                    super::say_error_hint(
                        ctx.lang,
                        t!("no rule with id `{id}`", "geen regel met id `{id}`"),
                        hint,
                    );
                    Err(Exit::Invalid)
                }
            }
        }
        RulesCommand::Test => test(ctx),
    }
}

fn check(ctx: &Context, format: DiagFormat) -> Result<(), Exit> {
    let result = load_pack(ctx.rules.as_deref(), &ctx.overlays);
    let (diags, ok, summary) = match &result {
        Ok((pack, warnings)) => (
            warnings.clone(),
            true,
            t!(
                "rule pack {} {}: {} questions, {} findings, {} obligations, {} notes, {} scenarios; no errors",
                "regelpakket {} {}: {} vragen, {} bevindingen, {} verplichtingen, {} opmerkingen, {} scenario's; geen fouten",
                pack.manifest.id,
                pack.manifest.version,
                pack.questions.len(),
                pack.findings.len(),
                pack.obligations.len(),
                pack.notes.len(),
                pack.scenarios.len()
            ),
        ),
        Err(diags) => {
            let n = diags.iter().filter(|d| d.is_error()).count();
            let fouten = if n == 1 { "fout" } else { "fouten" };
            (
                diags.clone(),
                false,
                t!(
                    "{n} error(s); the rule pack is refused",
                    "{n} {fouten}; het regelpakket wordt geweigerd"
                ),
            )
        }
    };
    match format {
        DiagFormat::Json => {
            let diags: Vec<_> = diags.iter().map(|d| d.json(ctx.lang)).collect();
            emit(
                ctx.lang,
                &(serde_json::to_string_pretty(&json!({ "ok": ok, "diagnostics": diags }))
                    .unwrap_or_default()
                    + "\n"),
            )?
        }
        DiagFormat::Text => {
            print_diagnostics(ctx.lang, &diags);
            say!("{}", summary.get(ctx.lang));
        }
    }
    if ok { Ok(()) } else { Err(Exit::Invalid) }
}

fn test(ctx: &Context) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    let failures = scenario::run_all(&pack);
    let mut out = String::new();
    for f in &failures {
        let fail = if ctx.lang == Lang::Nl {
            "MISLUKT"
        } else {
            "FAIL"
        };
        out.push_str(&format!("{fail} {} ({})\n", f.scenario, f.origin));
        for d in &f.differences {
            out.push_str(&format!("  - {d}\n"));
        }
    }
    let passed = pack.scenarios.len() - failures.len();
    let failed = failures.len();
    out.push_str(&format!(
        "{}\n",
        t!(
            "scenarios: {passed} passed, {failed} failed",
            "scenario's: {passed} geslaagd, {failed} mislukt"
        )
        .get(ctx.lang)
    ));
    emit(ctx.lang, &out)?;
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Exit::GateFailed)
    }
}

fn date_spec_json(pack: &Pack, spec: &DateSpec, srcs: Option<&[String]>) -> Value {
    let one = |d: &DateRef| match d {
        DateRef::Fixed(date) => json!({ "date": date.to_string() }),
        DateRef::Timeline(i) => {
            let t = &pack.timeline[*i];
            let mut v = json!({ "timeline": t.id, "date": t.date.to_string() });
            if let Some(o) = t.original_date {
                v["original_date"] = json!(o.to_string());
            }
            v
        }
    };
    match spec {
        DateSpec::One(d) => json!([one(d)]),
        DateSpec::Cases(cases) => Value::Array(
            cases
                .iter()
                .enumerate()
                .map(|(i, (_, d))| {
                    let mut v = one(d);
                    if let Some(src) = srcs.and_then(|s| s.get(i)) {
                        v["when"] = json!(src);
                    }
                    v
                })
                .collect(),
        ),
    }
}

/// The JSON form of `rules list`: a stable contract that scripts use to generate inventories.
pub fn list_json(pack: &Pack, lang: Lang) -> Value {
    let m = &pack.manifest;
    json!({
        "pack": {
            "id": m.id, "version": m.version, "sha256": pack.sha256,
            "law": m.law.get(lang), "consolidated_version": m.consolidated_version,
            "reviewed": m.reviewed.to_string(),
        },
        "questions": pack.questions.iter().map(|q| json!({
            "id": q.id, "kind": "question", "type": q.answer_type.name(),
            "values": q.choices.iter().map(|c| c.value.clone()).collect::<Vec<_>>(),
            "ask_when": q.ask_when_src, "text": q.text.get(lang), "why": q.why.get(lang), "cite": q.cite,
        })).collect::<Vec<_>>(),
        "findings": pack.findings.iter().map(|f| json!({
            "id": f.id, "kind": f.kind.name(), "role": f.role.map(|r| r.name()),
            "route": f.route, "point": f.point, "title": f.title.get(lang), "cite": f.cite,
            "status": f.status, "applies_from": date_spec_json(pack, &f.applies_from, None),
            "law": f.law.map(|l| pack.law_versions[l].id.clone()), "when": f.when_src,
        })).collect::<Vec<_>>(),
        "obligations": pack.obligations.iter().map(|o| json!({
            "id": o.id, "kind": "obligation", "addressee": o.addressee.iter().map(|r| r.name()).collect::<Vec<_>>(),
            "title": o.title.get(lang), "cite": o.cite, "status": o.status,
            "applies_from": date_spec_json(pack, &o.applies_from, None),
            "applies_until": o.applies_until.map(|d| pack.resolve(d, pack.law_versions.len().saturating_sub(1)).to_string()),
            "law": o.law.map(|l| pack.law_versions[l].id.clone()), "tags": o.tags,
            "evidence": o.evidence.iter().map(|e| pack.evidence[*e].id.clone()).collect::<Vec<_>>(),
            "when": o.when_src,
        })).collect::<Vec<_>>(),
        "evidence": pack.evidence.iter().map(|e| json!({
            "id": e.id, "label": e.label.get(lang), "holder": e.holder.name(), "cite": e.cite,
        })).collect::<Vec<_>>(),
        "transitions": pack.transitions.iter().map(|t| json!({
            "id": t.id, "title": t.title.get(lang), "cite": t.cite, "status": t.status,
            "obligations": t.obligations.iter().map(|o| pack.obligations[*o].id.clone()).collect::<Vec<_>>(),
            "when": t.when_src,
        })).collect::<Vec<_>>(),
        "notes": pack.notes.iter().map(|n| json!({
            "id": n.id, "text": n.text.get(lang), "cite": n.cite, "status": n.status, "when": n.when_src,
        })).collect::<Vec<_>>(),
        "timeline": pack.timeline.iter().map(|t| json!({
            "id": t.id, "date": t.date.to_string(), "original_date": t.original_date.map(|d| d.to_string()),
            "label": t.label.get(lang), "cite": t.cite,
        })).collect::<Vec<_>>(),
    })
}

fn list_table(pack: &Pack, lang: Lang) -> String {
    let mut table = comfy_table::Table::new();
    table.load_style(comfy_table::presets::UTF8_BORDERS_ONLY);
    table.set_header(
        ["id", "kind", "type / addressee", "cite", "applies from"].map(|k| key(lang, k)),
    );
    let law = pack.law_version_at(chrono::NaiveDate::MAX);
    let first_date = |spec: &DateSpec| match spec {
        DateSpec::One(d) => pack.resolve(*d, law).to_string(),
        DateSpec::Cases(cases) => cases
            .iter()
            .map(|(_, d)| pack.resolve(*d, law).to_string())
            .collect::<Vec<_>>()
            .join(" / "),
    };
    for q in &pack.questions {
        let values = if q.choices.is_empty() {
            q.answer_type.name().to_string()
        } else {
            format!(
                "{}: {}",
                q.answer_type.name(),
                q.choices
                    .iter()
                    .map(|c| c.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        table.add_row(vec![
            q.id.clone(),
            key(lang, "question").into(),
            values,
            cites(&q.cite, lang),
            String::new(),
        ]);
    }
    for f in &pack.findings {
        table.add_row(vec![
            f.id.clone(),
            f.kind.name().into(),
            f.role.map_or("", |r| r.name()).into(),
            cites(&f.cite, lang),
            first_date(&f.applies_from),
        ]);
    }
    for o in &pack.obligations {
        table.add_row(vec![
            o.id.clone(),
            key(lang, "obligation").into(),
            o.addressee
                .iter()
                .map(|r| r.label(lang))
                .collect::<Vec<_>>()
                .join(", "),
            cites(&o.cite, lang),
            first_date(&o.applies_from),
        ]);
    }
    for n in &pack.notes {
        table.add_row(vec![
            n.id.clone(),
            key(lang, "note").into(),
            String::new(),
            cites(&n.cite, lang),
            String::new(),
        ]);
    }
    format!("{table}\n")
}

fn show(pack: &Pack, id: &str, lang: Lang) -> Option<String> {
    use crate::rules::Item;
    let item = *pack.ids.get(id)?;
    let mut s = String::new();
    let line = |s: &mut String, k: &str, v: &str| {
        if !v.is_empty() {
            let width = if lang == Lang::Nl { 20 } else { 13 };
            s.push_str(&format!("{k:<width$} {v}\n"));
        }
    };
    let law = pack.law_versions.len().saturating_sub(1);
    let dates = |spec: &DateSpec| match spec {
        DateSpec::One(d) => pack.resolve(*d, law).to_string(),
        DateSpec::Cases(c) => c
            .iter()
            .map(|(_, d)| pack.resolve(*d, law).to_string())
            .collect::<Vec<_>>()
            .join(" / "),
    };
    match item {
        Item::Question(i) => {
            let q = &pack.questions[i];
            line(&mut s, key(lang, "question"), &q.id);
            line(&mut s, key(lang, "type"), q.answer_type.name());
            line(&mut s, key(lang, "text"), q.text.get(lang));
            line(&mut s, key(lang, "why"), q.why.get(lang));
            if let Some(h) = &q.help {
                line(&mut s, key(lang, "help"), h.get(lang));
            }
            for c in &q.choices {
                line(
                    &mut s,
                    key(lang, "choice"),
                    &format!("{} — {}", c.value, c.label.get(lang)),
                );
            }
            for e in &q.examples {
                line(&mut s, key(lang, "example"), e.get(lang));
            }
            line(
                &mut s,
                key(lang, "asked when"),
                q.ask_when_src.as_deref().unwrap_or(key(lang, "always")),
            );
            line(&mut s, key(lang, "cite"), &cites(&q.cite, lang));
            line(
                &mut s,
                key(lang, "defined at"),
                &format!("{}:{}", q.origin.file, q.origin.line),
            );
        }
        Item::Finding(i) => {
            let f = &pack.findings[i];
            line(&mut s, key(lang, "finding"), &f.id);
            line(&mut s, key(lang, "kind"), f.kind.name());
            line(&mut s, key(lang, "title"), f.title.get(lang));
            if let Some(e) = &f.explain {
                line(&mut s, key(lang, "explanation"), e.get(lang));
            }
            line(&mut s, key(lang, "role"), f.role.map_or("", |r| r.name()));
            line(&mut s, key(lang, "point"), f.point.as_deref().unwrap_or(""));
            line(&mut s, key(lang, "when"), &f.when_src);
            line(&mut s, key(lang, "applies from"), &dates(&f.applies_from));
            line(&mut s, key(lang, "cite"), &cites(&f.cite, lang));
            line(
                &mut s,
                key(lang, "status"),
                &format!("{:?}", f.status).to_lowercase(),
            );
            line(
                &mut s,
                key(lang, "defined at"),
                &format!("{}:{}", f.origin.file, f.origin.line),
            );
        }
        Item::Obligation(i) => {
            let o = &pack.obligations[i];
            line(&mut s, key(lang, "obligation"), &o.id);
            line(&mut s, key(lang, "title"), o.title.get(lang));
            line(&mut s, key(lang, "text"), o.text.get(lang));
            line(
                &mut s,
                key(lang, "addressee"),
                &o.addressee
                    .iter()
                    .map(|r| r.label(lang))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            line(&mut s, key(lang, "when"), &o.when_src);
            line(&mut s, key(lang, "applies from"), &dates(&o.applies_from));
            if let Some(u) = o.applies_until {
                line(
                    &mut s,
                    key(lang, "applies until"),
                    &pack.resolve(u, law).to_string(),
                );
            }
            for e in &o.evidence {
                line(
                    &mut s,
                    key(lang, "evidence"),
                    &format!(
                        "{} — {}",
                        pack.evidence[*e].id,
                        pack.evidence[*e].label.get(lang)
                    ),
                );
            }
            line(&mut s, key(lang, "cite"), &cites(&o.cite, lang));
            line(
                &mut s,
                key(lang, "status"),
                &format!("{:?}", o.status).to_lowercase(),
            );
            line(
                &mut s,
                key(lang, "defined at"),
                &format!("{}:{}", o.origin.file, o.origin.line),
            );
        }
        Item::Evidence(i) => {
            let e = &pack.evidence[i];
            line(&mut s, key(lang, "evidence"), &e.id);
            line(&mut s, key(lang, "label"), e.label.get(lang));
            line(&mut s, key(lang, "holder"), e.holder.label(lang));
            line(&mut s, key(lang, "cite"), &cites(&e.cite, lang));
        }
        Item::Transition(i) => {
            let t = &pack.transitions[i];
            line(&mut s, key(lang, "transition"), &t.id);
            line(&mut s, key(lang, "title"), t.title.get(lang));
            line(&mut s, key(lang, "when"), &t.when_src);
            line(
                &mut s,
                key(lang, "until"),
                &pack.resolve(t.until, law).to_string(),
            );
            line(
                &mut s,
                key(lang, "obligations"),
                &t.obligations
                    .iter()
                    .map(|o| pack.obligations[*o].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            line(&mut s, key(lang, "cite"), &cites(&t.cite, lang));
        }
        Item::Note(i) => {
            let n = &pack.notes[i];
            line(&mut s, key(lang, "note"), &n.id);
            line(&mut s, key(lang, "text"), n.text.get(lang));
            line(&mut s, key(lang, "when"), &n.when_src);
            line(&mut s, key(lang, "cite"), &cites(&n.cite, lang));
        }
        Item::Timeline(i) => {
            let t = &pack.timeline[i];
            line(&mut s, key(lang, "date"), &t.id);
            line(&mut s, key(lang, "label"), t.label.get(lang));
            line(&mut s, key(lang, "on"), &t.date.to_string());
            if let Some(o) = t.original_date {
                line(&mut s, key(lang, "original text"), &o.to_string());
            }
            line(&mut s, key(lang, "cite"), &cites(&t.cite, lang));
        }
    }
    Some(s)
}

/// Citations in the language's official form, joined.
fn cites(cite: &[String], lang: Lang) -> String {
    cite.iter()
        .map(|c| crate::report::cite::citation_text(c, lang))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A label of `rules list` and `rules show` in the language (the pack's keywords, such as
/// answer types and ids, stay as they are written).
fn key(lang: Lang, en: &'static str) -> &'static str {
    if lang == Lang::En {
        return en;
    }
    match en {
        "question" => "vraag",
        "text" => "tekst",
        "why" => "waarom",
        "help" => "uitleg",
        "choice" => "keuze",
        "example" => "voorbeeld",
        "asked when" => "gevraagd als",
        "always" => "altijd",
        "cite" => "bron",
        "defined at" => "vastgelegd in",
        "finding" => "bevinding",
        "kind" => "soort",
        "title" => "titel",
        "explanation" => "toelichting",
        "role" => "rol",
        "point" => "punt",
        "when" => "als",
        "applies from" => "van toepassing vanaf",
        "applies until" => "van toepassing tot",
        "obligation" => "verplichting",
        "obligations" => "verplichtingen",
        "addressee" => "voor",
        "type / addressee" => "type / voor",
        "evidence" => "bewijsstuk",
        "holder" => "bij",
        "transition" => "overgang",
        "until" => "tot",
        "note" => "opmerking",
        "date" => "datum",
        "on" => "op",
        "original text" => "oorspronkelijke tekst",
        _ => en,
    }
}
