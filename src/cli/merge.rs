//! `aiact merge`: bring filled-in follow-up answers back into a TOML inventory, atomically and
//! keeping its comments; report conflicts instead of overwriting; say which systems changed
//! class.

use super::{Context, Exit, emit, print_diagnostics};
use crate::engine;
use crate::files::write_atomically;
use crate::inventory::edit::merge_answers;
use crate::inventory::followup::{self, Reply};
use crate::inventory::{AnswerMeta, Inventory, read_file_text};
use crate::rules::{Lang, Pack, RiskClass};
use clap::Args;
use std::collections::BTreeMap;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  aiact merge examples/municipality.toml followup/Bibliotheek.csv followup/Sociale_Dienst.toml

ANSWERS are filled-in questionnaires of `aiact followup` (CSV in either language) or answers
files and inventories (TOML, JSON). An answer the inventory already has (other than \"don't
know\") is kept; a different one is reported as a conflict (M001). Each answer written records
its source file and, where given, the comment, who answered and when. The inventory is
replaced in one step (a temporary file renamed), its comments and layout kept.

Exit codes:
  0    merged
  1    merged, but some answers conflicted with the inventory and were not written
  2    the inventory is not a TOML inventory, a file could not be read, or an answer was bad
       (the good ones are merged)";

#[derive(Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct MergeArgs {
    /// The TOML inventory to write the answers into
    #[arg(value_name = "INVENTORY")]
    pub inventory: PathBuf,
    /// Filled-in questionnaires or answers files
    #[arg(required = true, value_name = "ANSWERS")]
    pub answers: Vec<PathBuf>,
}

pub fn run(ctx: &Context, args: MergeArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    let lang = ctx.lang;
    let (file, text) = super::read_input(lang, &args.inventory)?;
    let before = read_file_text(&file, &text);
    if !before.diagnostics.is_empty() {
        print_diagnostics(lang, &before.diagnostics);
        return Err(Exit::Invalid);
    }
    let mut replies = Vec::new();
    let mut bad = false;
    for path in &args.answers {
        let (name, body) = super::read_input(lang, path)?;
        let (mut got, diags) = if name.to_ascii_lowercase().ends_with(".csv") {
            followup::read_csv(&name, &body)
        } else {
            from_inventory(&name, &read_file_text(&name, &body))
        };
        bad |= !diags.is_empty();
        print_diagnostics(lang, &diags);
        replies.append(&mut got);
    }
    let merged = match merge_answers(&file, &text, &pack, &replies) {
        Ok(m) => m,
        Err(d) => {
            print_diagnostics(lang, &[d]);
            return Err(Exit::Invalid);
        }
    };
    bad |= !merged.problems.is_empty();
    print_diagnostics(lang, &merged.problems);
    for c in &merged.conflicts {
        let label = |raw, lang| {
            pack.question(&c.question)
                .map_or_else(String::new, |(_, q)| {
                    crate::report::answer_label(q, raw, lang).into_owned()
                })
        };
        let (have_en, got_en) = (label(&c.have, Lang::En), label(&c.got, Lang::En));
        let (have_nl, got_nl) = (label(&c.have, Lang::Nl), label(&c.got, Lang::Nl));
        let (system, question) = (&c.system, &c.question);
        let d = crate::diag::Diagnostic::warning(
            "M001",
            t!(
                "system `{system}`: `{question}` is already \"{have_en}\"; the answer \"{got_en}\" was not written",
                "systeem `{system}`: `{question}` staat al op \"{have_nl}\"; het antwoord \"{got_nl}\" is niet overgenomen"
            ),
        )
        .at_line(&c.file, c.line, 1)
        .with_hint(t!(
            "decide which is right and edit the inventory by hand",
            "beslis wie gelijk heeft en pas de inventaris met de hand aan"
        ));
        print_diagnostics(lang, &[d]);
    }
    if !merged.applied.is_empty()
        && let Err(e) = write_atomically(&args.inventory, merged.text.as_bytes())
    {
        super::say_cannot(lang, "write", "schrijven", &args.inventory, &e);
        return Err(Exit::Invalid);
    }
    let after = read_file_text(&file, &merged.text);
    let mut out = String::new();
    let (old, new) = (classes(&pack, &before, ctx), classes(&pack, &after, ctx));
    for (id, was) in &old {
        if let Some(now) = new.get(id).filter(|now| *now != was) {
            out.push_str(&format!(
                "{id}: {} → {}\n",
                was.label(ctx.lang),
                now.label(ctx.lang)
            ));
        }
    }
    out.push_str(&if lang == Lang::Nl {
        format!(
            "antwoorden overgenomen: {} · conflicten: {} · systemen van klasse veranderd: {}\n",
            merged.applied.len(),
            merged.conflicts.len(),
            out.lines().count()
        )
    } else {
        format!(
            "answers merged: {} · conflicts: {} · systems that changed class: {}\n",
            merged.applied.len(),
            merged.conflicts.len(),
            out.lines().count()
        )
    });
    emit(ctx.lang, &out)?;
    if bad {
        Err(Exit::Invalid)
    } else if !merged.conflicts.is_empty() {
        Err(Exit::GateFailed)
    } else {
        Ok(())
    }
}

/// The answers of an answers file or inventory, with their metadata.
fn from_inventory(name: &str, inv: &Inventory) -> (Vec<Reply>, Vec<crate::diag::Diagnostic>) {
    let source = std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned());
    let replies = inv
        .systems
        .iter()
        .flat_map(|s| {
            let source = source.clone();
            s.answers.iter().enumerate().map(move |(i, (q, raw))| {
                let mut meta = s
                    .answer_meta
                    .get(q)
                    .cloned()
                    .unwrap_or_else(AnswerMeta::default);
                meta.source.get_or_insert_with(|| source.clone());
                Reply {
                    system: s.id.clone(),
                    question: q.clone(),
                    value: raw.clone(),
                    meta,
                    file: s.file.clone(),
                    line: s.answer_at.get(i).map_or(s.line, |(l, _)| *l),
                }
            })
        })
        .collect();
    (replies, inv.diagnostics.clone())
}

fn classes(pack: &Pack, inv: &Inventory, ctx: &Context) -> BTreeMap<String, RiskClass> {
    inv.systems
        .iter()
        .map(|s| {
            let r =
                engine::assess_in_life(pack, &s.answers(pack).0, ctx.as_of, s.lifecycle.as_ref());
            (s.id.clone(), r.risk)
        })
        .collect()
}
