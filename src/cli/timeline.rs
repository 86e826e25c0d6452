//! `aiact timeline`: the key dates of the Act, or of one system, marking which have passed.

use super::{Context, Exit, TableOrJson, emit};
use crate::engine::{self, ObligationStatus};
use crate::inventory;
use crate::rules::{Lang, Pack};
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct TimelineArgs {
    /// An answers file: show that system's own deadlines
    pub answers: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Serialize, PartialEq)]
struct Entry {
    date: NaiveDate,
    passed: bool,
    id: String,
    what: String,
    cite: Vec<String>,
}

pub fn run(ctx: &Context, args: TimelineArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    let entries = match &args.answers {
        None => act_dates(&pack, ctx.as_of, ctx.lang),
        Some(path) => system_dates(&pack, path, ctx.as_of, ctx.lang)?,
    };
    match args.format {
        TableOrJson::Json => {
            let doc = serde_json::json!({ "as_of": ctx.as_of, "dates": entries });
            emit(
                ctx.lang,
                &(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"),
            )
        }
        TableOrJson::Table => {
            let mut table = comfy_table::Table::new();
            table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
            let (date, state, what, cite, passed, coming) = match ctx.lang {
                Lang::En => ("date", "", "what", "cite", "passed", "to come"),
                Lang::Nl => ("datum", "", "wat", "bron", "voorbij", "komt nog"),
            };
            table.set_header(vec![date, state, what, cite]);
            for e in &entries {
                let mark = if e.passed { passed } else { coming };
                table.add_row(vec![
                    e.date.to_string(),
                    mark.to_string(),
                    e.what.clone(),
                    e.cite
                        .iter()
                        .map(|c| crate::report::cite::citation_text(c, ctx.lang))
                        .collect::<Vec<_>>()
                        .join("; "),
                ]);
            }
            emit(ctx.lang, &format!("{table}\n"))
        }
    }
}

/// The Act's calendar, with each date as it stands under the law version in force on `as_of`.
fn act_dates(pack: &Pack, as_of: NaiveDate, lang: Lang) -> Vec<Entry> {
    let law = pack.law_version_at(as_of);
    let mut out: Vec<Entry> = pack
        .timeline
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let date = pack.timeline_date(i, law);
            Entry {
                date,
                passed: date <= as_of,
                id: t.id.clone(),
                what: t.label.get(lang).to_string(),
                cite: t.cite.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    out
}

/// One system's dates: when each of its obligations starts, and when transitions end.
fn system_dates(
    pack: &Pack,
    path: &std::path::Path,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Vec<Entry>, Exit> {
    let (file, text) = super::read_input(lang, path)?;
    let inv = inventory::read_file_text(&file, &text);
    super::print_diagnostics(lang, &inv.diagnostics);
    let [system] = inv.systems.as_slice() else {
        let n = inv.systems.len();
        super::say_error_hint(
            lang,
            t!(
                "`{file}` holds {n} systems; `timeline` takes an answers file with one",
                "`{file}` bevat {n} systemen; `timeline` neemt een antwoordbestand met één systeem"
            ),
            t!(
                "use `aiact batch` for inventories",
                "gebruik `aiact batch` voor inventarissen"
            ),
        );
        return Err(Exit::Invalid);
    };
    let (answers, problems) = system.answers(pack);
    super::print_diagnostics(lang, &problems);
    if !inv.diagnostics.is_empty() || !problems.is_empty() {
        return Err(Exit::Invalid);
    }
    let ignored = engine::ignored_answers(pack, &answers, as_of);
    super::print_diagnostics(lang, &system.ignored_answer_warnings(pack, &ignored));
    let r = engine::assess_in_life(pack, &answers, as_of, system.lifecycle.as_ref());
    let mut out = Vec::new();
    for o in &r.obligations {
        let ob = &pack.obligations[o.obligation];
        // An undetermined obligation shows only the end of a transition it may be in: the
        // date by which it applies in any case.
        if o.status == ObligationStatus::Undetermined && o.until.is_none() {
            continue;
        }
        if let (Some(d), false) = (o.applies_from, o.status == ObligationStatus::Undetermined) {
            out.push(Entry {
                date: d,
                passed: d <= as_of,
                id: ob.id.clone(),
                what: ob.title.get(lang).to_string(),
                cite: ob.cite.clone(),
            });
        }
        if let (Some(until), Some(t)) = (o.until, o.transition) {
            let tr = &pack.transitions[t];
            let what = format!("{} — {}", ob.title.get(lang), tr.title.get(lang));
            out.push(Entry {
                date: until,
                passed: until <= as_of,
                id: ob.id.clone(),
                what,
                cite: tr.cite.clone(),
            });
        }
    }
    for f in &r.findings {
        let finding = &pack.findings[f.finding];
        if f.status == engine::FindingStatus::Upcoming
            && (!finding.anticipated || finding.kind == crate::rules::FindingKind::Prohibition)
            && let Some(d) = f.applies_from
        {
            out.push(Entry {
                date: d,
                passed: false,
                id: finding.id.clone(),
                what: finding.title.get(lang).to_string(),
                cite: finding.cite.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}
