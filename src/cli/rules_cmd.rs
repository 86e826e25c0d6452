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
        out.push_str(&format!("FAIL {} ({})\n", f.scenario, f.origin));
        for d in &f.differences {
            out.push_str(&format!("  - {d}\n"));
        }
    }
    let passed = pack.scenarios.len() - failures.len();
    out.push_str(&format!(
        "scenarios: {passed} passed, {} failed\n",
        failures.len()
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
    table.set_header(vec![
        "id",
        "kind",
        "type / addressee",
        "cite",
        "applies from",
    ]);
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
            "question".into(),
            values,
            q.cite.join("; "),
            String::new(),
        ]);
    }
    for f in &pack.findings {
        table.add_row(vec![
            f.id.clone(),
            f.kind.name().into(),
            f.role.map_or("", |r| r.name()).into(),
            f.cite.join("; "),
            first_date(&f.applies_from),
        ]);
    }
    for o in &pack.obligations {
        table.add_row(vec![
            o.id.clone(),
            "obligation".into(),
            o.addressee
                .iter()
                .map(|r| r.label(lang))
                .collect::<Vec<_>>()
                .join(", "),
            o.cite.join("; "),
            first_date(&o.applies_from),
        ]);
    }
    for n in &pack.notes {
        table.add_row(vec![
            n.id.clone(),
            "note".into(),
            String::new(),
            n.cite.join("; "),
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
            s.push_str(&format!("{k:<13} {v}\n"));
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
            line(&mut s, "question", &q.id);
            line(&mut s, "type", q.answer_type.name());
            line(&mut s, "text", q.text.get(lang));
            line(&mut s, "why", q.why.get(lang));
            if let Some(h) = &q.help {
                line(&mut s, "help", h.get(lang));
            }
            for c in &q.choices {
                line(
                    &mut s,
                    "choice",
                    &format!("{} — {}", c.value, c.label.get(lang)),
                );
            }
            for e in &q.examples {
                line(&mut s, "example", e.get(lang));
            }
            line(
                &mut s,
                "asked when",
                q.ask_when_src.as_deref().unwrap_or("always"),
            );
            line(&mut s, "cite", &q.cite.join("; "));
            line(
                &mut s,
                "defined at",
                &format!("{}:{}", q.origin.file, q.origin.line),
            );
        }
        Item::Finding(i) => {
            let f = &pack.findings[i];
            line(&mut s, "finding", &f.id);
            line(&mut s, "kind", f.kind.name());
            line(&mut s, "title", f.title.get(lang));
            if let Some(e) = &f.explain {
                line(&mut s, "explanation", e.get(lang));
            }
            line(&mut s, "role", f.role.map_or("", |r| r.name()));
            line(&mut s, "point", f.point.as_deref().unwrap_or(""));
            line(&mut s, "when", &f.when_src);
            line(&mut s, "applies from", &dates(&f.applies_from));
            line(&mut s, "cite", &f.cite.join("; "));
            line(&mut s, "status", &format!("{:?}", f.status).to_lowercase());
            line(
                &mut s,
                "defined at",
                &format!("{}:{}", f.origin.file, f.origin.line),
            );
        }
        Item::Obligation(i) => {
            let o = &pack.obligations[i];
            line(&mut s, "obligation", &o.id);
            line(&mut s, "title", o.title.get(lang));
            line(&mut s, "text", o.text.get(lang));
            line(
                &mut s,
                "addressee",
                &o.addressee
                    .iter()
                    .map(|r| r.label(lang))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            line(&mut s, "when", &o.when_src);
            line(&mut s, "applies from", &dates(&o.applies_from));
            if let Some(u) = o.applies_until {
                line(&mut s, "applies until", &pack.resolve(u, law).to_string());
            }
            for e in &o.evidence {
                line(
                    &mut s,
                    "evidence",
                    &format!(
                        "{} — {}",
                        pack.evidence[*e].id,
                        pack.evidence[*e].label.get(lang)
                    ),
                );
            }
            line(&mut s, "cite", &o.cite.join("; "));
            line(&mut s, "status", &format!("{:?}", o.status).to_lowercase());
            line(
                &mut s,
                "defined at",
                &format!("{}:{}", o.origin.file, o.origin.line),
            );
        }
        Item::Evidence(i) => {
            let e = &pack.evidence[i];
            line(&mut s, "evidence", &e.id);
            line(&mut s, "label", e.label.get(lang));
            line(&mut s, "holder", e.holder.label(lang));
            line(&mut s, "cite", &e.cite.join("; "));
        }
        Item::Transition(i) => {
            let t = &pack.transitions[i];
            line(&mut s, "transition", &t.id);
            line(&mut s, "title", t.title.get(lang));
            line(&mut s, "when", &t.when_src);
            line(&mut s, "until", &pack.resolve(t.until, law).to_string());
            line(
                &mut s,
                "obligations",
                &t.obligations
                    .iter()
                    .map(|o| pack.obligations[*o].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            line(&mut s, "cite", &t.cite.join("; "));
        }
        Item::Note(i) => {
            let n = &pack.notes[i];
            line(&mut s, "note", &n.id);
            line(&mut s, "text", n.text.get(lang));
            line(&mut s, "when", &n.when_src);
            line(&mut s, "cite", &n.cite.join("; "));
        }
        Item::Timeline(i) => {
            let t = &pack.timeline[i];
            line(&mut s, "date", &t.id);
            line(&mut s, "label", t.label.get(lang));
            line(&mut s, "on", &t.date.to_string());
            if let Some(o) = t.original_date {
                line(&mut s, "original text", &o.to_string());
            }
            line(&mut s, "cite", &t.cite.join("; "));
        }
    }
    Some(s)
}
