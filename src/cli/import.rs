//! `aiact import`: turn a register export into an inventory (the work is in `crate::import`).

use super::{Context, Exit, emit};
use crate::diag::Diagnostic;
use crate::engine::Stage;
use crate::import::{self, Source, csv_map::Mapping};
use crate::inventory::{self, InputFormat};
use crate::rules::Lang;
use clap::Args;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  aiact import --from algoritmeregister algoritmes.json -o inventory.toml
  aiact import --from csv --map examples/import/gemeente.map.toml examples/import/gemeente-ai-inventaris.csv -o inventory.toml
  aiact batch inventory.toml --as-of 2026-12-01

A register field sets an answer only where it states the fact; every imported answer records
its source. Free text gives hints (questions to ask first), never answers. Every record becomes
a system or a counted, reported problem. The mappings: docs/import.md

Exit codes:
  0    imported (records skipped for a reason, such as non-AI cases, are reported and counted)
  2    a file could not be read or is not of the source given, or the mapping file has problems";

#[derive(Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct ImportArgs {
    /// The register the files come from
    #[arg(long = "from", value_enum, value_name = "SOURCE")]
    pub source: Source,
    /// The register files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write the inventory to FILE (.toml, .jsonl or .csv) [default: TOML on standard output]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// For `--from csv`: the mapping file (which column is what; docs/import.md)
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: ImportArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    let format = match &args.output {
        None => InputFormat::Toml,
        Some(p) => match InputFormat::from_path(p) {
            Some(f @ (InputFormat::Toml | InputFormat::Jsonl | InputFormat::Csv)) => f,
            _ => {
                let p = p.display();
                super::say_error_hint(
                    ctx.lang,
                    t!(
                        "cannot tell the format of `{p}`",
                        "kan het formaat van `{p}` niet bepalen"
                    ),
                    t!(
                        "name the output .toml, .jsonl or .csv",
                        "laat de naam van de uitvoer eindigen op .toml, .jsonl of .csv"
                    ),
                );
                return Err(Exit::Invalid);
            }
        },
    };
    let read = |p: &PathBuf| {
        std::fs::read(p).map_err(|e| {
            super::say_cannot(ctx.lang, "read", "lezen", p, &e);
            Exit::Invalid
        })
    };
    let map = match (&args.map, args.source) {
        (Some(m), Source::Csv) => {
            let bytes = read(m)?;
            let text = String::from_utf8_lossy(&bytes);
            match Mapping::read(&m.display().to_string(), &text, &pack) {
                Ok(map) => Some(map),
                Err(diags) => {
                    super::print_diagnostics(ctx.lang, &diags);
                    return Err(Exit::Invalid);
                }
            }
        }
        (Some(_), _) => {
            super::say_error(
                ctx.lang,
                t!(
                    "--map is for `--from csv` only",
                    "--map geldt alleen voor `--from csv`"
                ),
            );
            return Err(Exit::Invalid);
        }
        (None, _) => None,
    };
    let mut files = Vec::with_capacity(args.files.len());
    for f in &args.files {
        files.push((f.display().to_string(), read(f)?));
    }
    let result = import::import(&pack, args.source, &files, map.as_ref(), ctx.lang);
    super::batch::print_grouped(ctx.lang, &result.problems.iter().cloned().collect());
    let text = match format {
        InputFormat::Csv => inventory::write_csv(&pack, &result.systems),
        InputFormat::Jsonl => inventory::write_jsonl(&result.systems),
        _ => inventory::write_toml(&result.systems),
    };
    match &args.output {
        Some(p) => {
            if let Err(e) = std::fs::write(p, &text) {
                super::say_cannot(ctx.lang, "write", "schrijven", p, &e);
                return Err(Exit::Invalid);
            }
        }
        None => emit(ctx.lang, &text)?,
    }
    say!("{}", summary(&result, ctx.lang));
    if result.problems.iter().any(Diagnostic::is_error) {
        return Err(Exit::Invalid);
    }
    Ok(())
}

/// "1530 read, 1530 imported, 0 skipped", then the systems per lifecycle stage.
fn summary(r: &import::Import, lang: Lang) -> String {
    let stage = |s: Option<Stage>| match (s, lang) {
        (Some(Stage::Planned), Lang::Nl) => "gepland",
        (Some(Stage::InDevelopment), Lang::Nl) => "in ontwikkeling",
        (Some(Stage::InUse), Lang::Nl) => "in gebruik",
        (Some(Stage::Retired), Lang::Nl) => "buiten gebruik",
        (None, Lang::Nl) => "niet vermeld",
        (Some(s), Lang::En) => s.name(),
        (None, Lang::En) => "not stated",
    };
    let counts: Vec<String> = import::lifecycle_counts(&r.systems)
        .into_iter()
        .map(|(s, n)| format!("{} {n}", stage(s)))
        .collect();
    let (read, imported, skipped, life) = match lang {
        Lang::Nl => ("gelezen", "geïmporteerd", "overgeslagen", "levensfase"),
        Lang::En => ("read", "imported", "skipped", "lifecycle"),
    };
    let mut s = format!(
        "{} {read}, {} {imported}, {} {skipped}",
        r.read,
        r.systems.len(),
        r.skipped
    );
    if !counts.is_empty() {
        s.push_str(&format!("\n{life}: {}", counts.join(", ")));
    }
    s
}
