//! `aiact batch`: assess every system of an inventory. The arguments, one call of the batch
//! pipeline (`crate::batch`), then the problems and the exit code: 2 when the inventory had
//! problems, else 1 when `--fail-on` matched, else 0.

use super::{Context, Exit, print_diagnostics, say_cannot, say_error};

use crate::batch::{self, Input, Settings};
use crate::diag::Diagnostic;
use crate::diag::grouped::Problems;
use crate::files::OutputDir;
use crate::inventory::InputFormat;
use crate::report::Format;
use crate::rules::{Lang, RiskClass, Text};
use clap::Args;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The risk levels `--fail-on` accepts.
pub const FAIL_LEVELS: [&str; 4] = ["prohibited", "high-risk", "limited", "undetermined"];

const AFTER_HELP: &str = "\
Examples:
  aiact batch examples/municipality.toml --as-of 2026-12-01
  aiact batch inventory.csv --format json --fail-on prohibited,high-risk
  cat systems.jsonl | aiact batch - --input-format jsonl --output-dir reports/

Exit codes:
  0    every system assessed; no --fail-on level matched
  1    --fail-on matched at least one system
  2    invalid usage, or problems in the inventory (each reported with file:line:column;
       the other systems are still assessed and reported)
  130  interrupted

The inventory format: docs/inventory-format.md";

#[derive(Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct BatchArgs {
    /// The inventory: TOML, JSON, JSON Lines or CSV, or `-` for standard input
    pub inventory: PathBuf,
    /// The inventory's encoding [default: from the file extension; for standard input or an
    /// unknown extension, from the content]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Output format of the summary on standard output
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Also write one report per system into DIR: <id>.json and <id>.md (each written to a
    /// temporary name and renamed; a symbolic link is never written through)
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// With --output-dir: remove the reports an earlier run wrote for systems no longer in the
    /// inventory
    #[arg(long, requires = "output_dir")]
    pub clean: bool,
    /// Exit 1 when any system has one of these levels: prohibited, high-risk, limited,
    /// undetermined (comma-separated or repeated)
    #[arg(long, value_name = "LEVEL", value_delimiter = ',', value_parser = parse_level)]
    pub fail_on: Vec<RiskClass>,
    /// Only read the inventory and check the answers against the pack (no assessment, no
    /// output): the floor that benchmarks compare with
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

/// Parses one `--fail-on` level.
pub fn parse_level(s: &str) -> Result<RiskClass, String> {
    let s = s.trim();
    match RiskClass::parse(s) {
        Some(r) if FAIL_LEVELS.contains(&s) => Ok(r),
        // In Dutch, clap's usage error is written anew (`nl::render_error`).
        _ => Err(format!(
            "unknown level `{s}`; the allowed levels are: {}",
            FAIL_LEVELS.join(", ")
        )),
    }
}

pub fn run(ctx: &Context, args: BatchArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    let lang = ctx.lang;
    let (display, input, format) = open_input(lang, &args)?;
    let output_dir = match (&args.output_dir, args.parse_only) {
        (Some(dir), false) => Some(OutputDir::create(dir).map_err(|e| {
            say_error(lang, e);
            Exit::Invalid
        })?),
        _ => None,
    };
    let settings = Settings {
        pack: &pack,
        as_of: ctx.as_of,
        lang: ctx.lang,
        format: args.format,
        render: ctx.render_options(),
        output_dir: output_dir.as_ref(),
        fail_on: &args.fail_on,
        parse_only: args.parse_only,
        threads: rayon::current_num_threads(),
    };
    let stdout = ClosedPipeSink {
        inner: std::io::stdout().lock(),
        closed: false,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
    let result = batch::run(&settings, &display, format, input, &mut out).and_then(|o| {
        std::io::Write::flush(&mut out)
            .map(|()| o)
            .map_err(Into::into)
    });
    let mut outcome = match result {
        Ok(o) => o,
        Err(e) => {
            say_error(lang, e.text());
            return Err(Exit::Invalid);
        }
    };
    if let Some(dir) = output_dir {
        outcome
            .write_failures
            .extend(finish_output_dir(dir, &args, lang));
    }
    print_grouped(lang, &outcome.diagnostics);
    if args.parse_only {
        let (n, problems, name) = (outcome.systems, outcome.diagnostics.len(), format.name());
        say!(
            "{}",
            t!(
                "read {n} systems ({name}), {problems} problem(s)",
                "{n} systemen gelezen ({name}), {problems} problemen"
            )
            .get(lang)
        );
        return if outcome.diagnostics.errors() > 0 {
            Err(Exit::Invalid)
        } else {
            Ok(())
        };
    }
    for f in &outcome.write_failures {
        say_error(lang, f.clone());
    }
    let errors = outcome.diagnostics.errors();
    let failed_writes = !outcome.write_failures.is_empty();
    if failed_writes && errors == 0 {
        say_error(
            lang,
            t!(
                "some per-system reports could not be written (above)",
                "sommige rapporten per systeem konden niet geschreven worden (zie hierboven)"
            ),
        );
        return Err(Exit::Invalid);
    }
    if errors > 0 || failed_writes {
        let systems = outcome.systems;
        let problemen = if errors == 1 { "probleem" } else { "problemen" };
        let systemen = if systems == 1 { "systeem" } else { "systemen" };
        say_error(
            lang,
            t!(
                "{errors} problem(s) in `{display}` (above); {systems} system(s) assessed and reported, a bad answer counted as not answered",
                "{errors} {problemen} in `{display}` (zie hierboven); {systems} {systemen} beoordeeld en gerapporteerd, een fout antwoord telt als niet beantwoord"
            ),
        );
        return Err(Exit::Invalid);
    }
    if outcome.matched > 0 {
        let ids: Vec<&str> = outcome.matched_ids.iter().map(String::as_str).collect();
        let rest = outcome.matched - ids.len().min(outcome.matched);
        let (more_en, more_nl) = match rest {
            0 => (String::new(), String::new()),
            n => (format!(" and {n} more"), format!(" en nog {n}")),
        };
        let levels = args
            .fail_on
            .iter()
            .map(|r| r.name())
            .collect::<Vec<_>>()
            .join(",");
        let ids = ids.join(", ");
        let (matched, ids) = (outcome.matched, crate::diag::printable(&ids, false));
        say!(
            "{}",
            t!(
                "--fail-on {levels}: {matched} system(s) match: {ids}{more_en}",
                "--fail-on {levels}: {matched} systeem/systemen getroffen: {ids}{more_nl}"
            )
            .get(lang)
        );
        return Err(Exit::GateFailed);
    }
    Ok(())
}

/// Standard output that, once its reader has gone (`| head`), takes and drops the rest: a
/// broken pipe is no failure, and the run goes on to its problems and its `--fail-on` exit
/// code.
struct ClosedPipeSink<W> {
    inner: W,
    closed: bool,
}

impl<W: std::io::Write> std::io::Write for ClosedPipeSink<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// Prints the problems, in order, but at most `SAME_KIND_SHOWN` of each kind, then a count
/// per kind of the others with their lines (so that every row is named).
pub(crate) fn print_grouped(lang: Lang, problems: &Problems) {
    print_diagnostics(lang, problems.shown());
    for more in problems.more() {
        let message = crate::diag::printable(more.message.get(lang), false);
        let (n, code, lines) = (more.count, &more.code, &more.lines);
        say!(
            "{}\n",
            t!(
                "note: {n} more [{code}] like \"{message}\" not shown, on line(s) {lines}",
                "opmerking: nog {n} keer [{code}] zoals \"{message}\" niet getoond, op regel(s) {lines}"
            )
            .get(lang)
        );
    }
}

/// Records the folder's reports, removes stale ones with `--clean`, and says what was
/// overwritten or left over; returns what could not be done.
fn finish_output_dir(dir: OutputDir, args: &BatchArgs, lang: Lang) -> Vec<Text> {
    match dir.finish(args.clean) {
        Ok(outcome) => {
            let folder = args.output_dir.as_deref().unwrap_or(Path::new("."));
            for note in outcome.notes(folder, lang) {
                say!("{note}");
            }
            Vec::new()
        }
        Err(e) => vec![e],
    }
}

/// A JSON document over the limit: refused with exit 2.
fn too_large(lang: Lang, display: &str) -> Exit {
    print_diagnostics(lang, &[Diagnostic::error(
        "A041",
        t!(
            "`{display}` is larger than {} MiB, the largest JSON document read",
            "`{display}` is groter dan {} MiB, het grootste JSON-document dat gelezen wordt",
            batch::source::MAX_DOCUMENT >> 20
        ),
    )
    .in_file(display)
    .with_hint(t!(
        "write the inventory as JSON Lines (one system per line): it is read as it goes, in bounded memory",
        "schrijf de inventaris als JSON Lines (één systeem per regel): die wordt gaandeweg gelezen, met beperkt geheugen"
    ))]);
    Exit::Invalid
}

/// Opens the inventory: its name for messages, the input and its encoding. A JSON document is
/// read whole (refused beyond `MAX_DOCUMENT` bytes); the other encodings are streamed. The
/// encoding comes from `--input-format`, else the file extension, else the first bytes.
fn open_input(lang: Lang, args: &BatchArgs) -> Result<(String, Input, InputFormat), Exit> {
    let path = &args.inventory;
    let mut size = 0;
    let (display, reader): (String, Box<dyn Read + Send>) = if path.as_os_str() == "-" {
        ("<stdin>".to_string(), Box::new(std::io::stdin()))
    } else {
        match std::fs::File::open(path) {
            Ok(f) => {
                let display = path.display().to_string();
                // A JSON document is read whole: one too large is refused before reading.
                let json = args.input_format.or_else(|| InputFormat::from_path(path))
                    == Some(InputFormat::Json);
                size = f.metadata().map_or(0, |m| m.len());
                if json && size > batch::source::MAX_DOCUMENT {
                    return Err(too_large(lang, &display));
                }
                (display, Box::new(f))
            }
            Err(e) => {
                say_cannot(lang, "read", "lezen", path, &e);
                return Err(Exit::Invalid);
            }
        }
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let head = match reader.fill_buf() {
        Ok(b) => b.to_vec(),
        Err(e) => {
            say_cannot(lang, "read", "lezen", path, &e);
            return Err(Exit::Invalid);
        }
    };
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        print_diagnostics(lang, &[Diagnostic::error(
            "A019",
            t!(
                "`{display}` is not UTF-8 text (byte 0)",
                "`{display}` is geen UTF-8-tekst (byte 0)"
            ),
        )
        .at_line(&display, 1, 1)
        .with_hint(t!(
            "the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" or UTF-8 text",
            "het bestand is UTF-16 (\"Unicode-tekst\"); sla het op als \"CSV UTF-8\" of als UTF-8-tekst"
        ))]);
        return Err(Exit::Invalid);
    }
    let format = args
        .input_format
        .or_else(|| {
            if display == "<stdin>" {
                None
            } else {
                InputFormat::from_path(path)
            }
        })
        .unwrap_or_else(|| InputFormat::sniff(&String::from_utf8_lossy(&head)));
    if format != InputFormat::Json {
        return Ok((display, Input::Stream(Box::new(reader)), format));
    }
    // Room for the whole file at once: no copies while the buffer grows.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    if let Err(e) = (&mut reader)
        .take(batch::source::MAX_DOCUMENT + 1)
        .read_to_end(&mut bytes)
    {
        say_cannot(lang, "read", "lezen", path, &e);
        return Err(Exit::Invalid);
    }
    if bytes.len() as u64 > batch::source::MAX_DOCUMENT {
        return Err(too_large(lang, &display));
    }
    match crate::diag::decode_utf8(&display, bytes, "A019") {
        Ok(text) => Ok((display, Input::Document(text), format)),
        Err(d) => {
            print_diagnostics(lang, &[d]);
            Err(Exit::Invalid)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(parse_level("high-risk"), Ok(RiskClass::HighRisk));
        let e = parse_level("minimal").unwrap_err();
        assert!(
            e.contains("prohibited, high-risk, limited, undetermined"),
            "{e}"
        );
    }
}
