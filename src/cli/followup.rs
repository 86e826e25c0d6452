//! `aiact followup`: a questionnaire per owner (or per system) with only the questions that
//! decide the classification of their systems, as CSV and as an answers file.

use super::{Context, Exit, emit, print_diagnostics};
use crate::engine;
use crate::files::write_atomically;
use crate::inventory::followup::{self, Item};
use crate::inventory::read_file_text;
use crate::rules::Lang;
use clap::{Args, ValueEnum};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  aiact followup examples/municipality.toml --lang nl --output-dir followup/
  aiact merge examples/municipality.toml followup/*.csv

Each owner gets <owner>.csv (for a spreadsheet; with --lang nl `;`-separated with a byte-order
mark, as Excel in Belgium expects) and <owner>.toml (an answers file), holding the deciding
questions of their undetermined systems: text, help, article and the answers allowed. The
workflow: docs/followup.md

Exit codes:
  0    questionnaires written (or nothing to ask)
  2    the inventory could not be read, or a file could not be written";

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Per {
    Owner,
    System,
}

#[derive(Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct FollowupArgs {
    /// The inventory
    #[arg(value_name = "INVENTORY")]
    pub inventory: PathBuf,
    /// One questionnaire per owner or per system
    #[arg(long, value_enum, default_value = "owner")]
    pub per: Per,
    /// Where to write the questionnaires
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub output_dir: PathBuf,
}

pub fn run(ctx: &Context, args: FollowupArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    let (file, text) = super::read_input(ctx.lang, &args.inventory)?;
    let inv = read_file_text(&file, &text);
    print_diagnostics(ctx.lang, &inv.diagnostics);
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for s in &inv.systems {
        let (answers, problems) = s.answers(&pack);
        print_diagnostics(ctx.lang, &problems);
        let r = engine::assess_in_life(&pack, &answers, ctx.as_of, s.lifecycle.as_ref());
        let key = match args.per {
            Per::Owner if !s.owner.trim().is_empty() => s.owner.clone(),
            _ => s.id.clone(),
        };
        for d in &r.deciding {
            groups.entry(key.clone()).or_default().push(Item {
                system: s.id.clone(),
                system_name: s.name.clone(),
                question: d.question,
            });
        }
    }
    if let Err(e) = std::fs::create_dir_all(&args.output_dir) {
        super::say_cannot(ctx.lang, "create", "aanmaken", &args.output_dir, &e);
        return Err(Exit::Invalid);
    }
    let nl = ctx.lang == Lang::Nl;
    let mut taken = HashSet::new();
    let mut report = String::new();
    for (key, items) in &groups {
        let stem = crate::files::safe_file_stem(key, &mut taken);
        let csv = args.output_dir.join(format!("{stem}.csv"));
        let toml = args.output_dir.join(format!("{stem}.toml"));
        for (path, bytes) in [
            (&csv, followup::to_csv(&pack, items, ctx.lang)),
            (
                &toml,
                followup::to_toml(&pack, items, ctx.lang, ctx.as_of).into_bytes(),
            ),
        ] {
            if let Err(e) = write_atomically(path, &bytes) {
                super::say_cannot(ctx.lang, "write", "schrijven", path, &e);
                return Err(Exit::Invalid);
            }
        }
        let systems: HashSet<&str> = items.iter().map(|i| i.system.as_str()).collect();
        let (q, n) = (items.len(), systems.len());
        let words = match (nl, q == 1, n == 1) {
            (true, one_q, one_s) => (
                if one_q { "vraag" } else { "vragen" },
                if one_s { "systeem" } else { "systemen" },
                "over",
                "en",
            ),
            (false, one_q, one_s) => (
                if one_q { "question" } else { "questions" },
                if one_s { "system" } else { "systems" },
                "about",
                "and",
            ),
        };
        report.push_str(&format!(
            "{key}: {q} {} {} {n} {}: {} {} {}\n",
            words.0,
            words.2,
            words.1,
            csv.display(),
            words.3,
            toml.display()
        ));
    }
    if groups.is_empty() {
        report.push_str(if nl {
            "Niets te vragen: elk systeem is ingedeeld.\n"
        } else {
            "Nothing to ask: every system is classified.\n"
        });
    }
    emit(ctx.lang, &report)
}
