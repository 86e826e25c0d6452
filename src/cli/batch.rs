//! `aiact batch`: assess every system of an inventory.
//!
//! Read the inventory (every problem becomes a diagnostic with file, line and column), assess
//! the systems that could be read in parallel, report them in inventory order, then print the
//! problems. Exit 2 when the inventory had problems, else 1 when `--fail-on` matched, else 0.
//! With `--format json` the inventory is read and the report written in chunks, so that
//! memory stays bounded for very large inventories (see docs/performance.md).

use super::{Context, Exit, emit, print_diagnostics};

use crate::answers::Answers;
use crate::diag::Diagnostic;
use crate::engine::{self, Assessment};
use crate::files::OutputDir;
use crate::inventory::{self, InputFormat, SystemEntry};
use crate::report::summary::{SummaryWriter, SystemSummary};
use crate::report::{self, Format, InventoryReport, RenderOptions, SystemReport};
use crate::rules::{Lang, Pack, RiskClass};
use chrono::NaiveDate;
use clap::Args;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// The risk levels `--fail-on` accepts.
pub const FAIL_LEVELS: [&str; 4] = ["prohibited", "high-risk", "limited", "undetermined"];

/// Inventories at least this large get a progress bar (on a terminal).
const PROGRESS_FROM: usize = 2_000;

/// Systems per chunk when reading and when writing the JSON report.
const CHUNK: usize = 256;

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
        _ => Err(format!(
            "unknown level `{s}`; the allowed levels are: {}",
            FAIL_LEVELS.join(", ")
        )),
    }
}

/// Hands an inventory's systems to a callback, chunk by chunk, with the problems found.
pub type Source<'a> = dyn Fn(&mut dyn FnMut(&[SystemEntry], Vec<Diagnostic>)) + 'a;

pub fn run(ctx: &Context, args: BatchArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    let (display, text) = read_input(&args.inventory)?;
    let format = args
        .input_format
        .or_else(|| {
            if display == "<stdin>" {
                None
            } else {
                InputFormat::from_path(&args.inventory)
            }
        })
        .unwrap_or_else(|| InputFormat::sniff(&text));
    // The organisation is checked against the pack once, when its first system comes.
    let chunked = |f: &mut dyn FnMut(&[SystemEntry], Vec<Diagnostic>)| {
        let mut checked = false;
        inventory::read_inventory_chunked(
            &display,
            &text,
            format,
            CHUNK,
            &mut |systems, mut diags| {
                if !checked && let Some(o) = systems.iter().find_map(|s| s.organisation.as_deref())
                {
                    checked = true;
                    diags.extend(o.check(&pack));
                }
                f(systems, diags);
            },
        )
    };
    let mut diagnostics = Vec::new();

    if args.parse_only {
        let mut n = 0;
        chunked(&mut |systems, diags| {
            diagnostics.extend(diags);
            n += systems.len();
            let checked: Vec<Vec<Diagnostic>> =
                systems.par_iter().map(|e| e.answers(&pack).1).collect();
            diagnostics.extend(checked.into_iter().flatten());
        });
        print_grouped(&diagnostics);
        say!(
            "read {n} systems ({}), {} problem(s)",
            format.name(),
            diagnostics.len()
        );
        return if diagnostics.iter().any(Diagnostic::is_error) {
            Err(Exit::Invalid)
        } else {
            Ok(())
        };
    }

    let mut failed_writes = false;
    let mut streamed = None;
    if args.format == Format::Json {
        // The JSON report is written chunk by chunk and the inventory read chunk by chunk, so
        // that memory stays bounded however large the inventory.
        streamed = run_stream(&pack, ctx, &args, &chunked)?;
    }
    let risks: Vec<(String, RiskClass)> = if let Some(s) = streamed {
        diagnostics.extend(s.diagnostics);
        failed_writes = !s.write_failures.is_empty();
        for f in &s.write_failures {
            say!("error: {f}");
        }
        s.ids.into_iter().zip(s.risks).collect()
    } else {
        let inv = inventory::read_inventory(&display, &text, format);
        diagnostics.extend(inv.diagnostics);
        if let Some(o) = &inv.organisation {
            diagnostics.extend(o.check(&pack));
        }
        let progress = progress_bar(inv.systems.len());
        let results: Vec<(SystemReport, Vec<Diagnostic>)> = inv
            .systems
            .par_iter()
            .map(|entry| {
                let out = assess_one(&pack, entry, ctx.as_of, ctx.lang);
                if let Some(p) = &progress {
                    p.inc(1);
                }
                out
            })
            .collect();
        if let Some(p) = progress {
            p.finish_and_clear();
        }
        let mut systems = Vec::with_capacity(results.len());
        for (system, diags) in results {
            diagnostics.extend(diags);
            systems.push(system);
        }
        let report = InventoryReport::new(&pack, ctx.as_of, ctx.lang, systems);
        if let Some(dir) = open_output_dir(&args)? {
            let mut failures = write_reports(&dir, &pack, ctx, &report);
            failures.extend(finish_output_dir(dir, &args, ctx.lang));
            for f in &failures {
                say!("error: {f}");
            }
            failed_writes = !failures.is_empty();
        }
        if !report.systems.is_empty() {
            let mut out = report::render(&report, args.format, &ctx.render_options());
            if args.format == Format::Table {
                out.push_str(&totals_line(&report, ctx.lang));
            }
            emit(&out)?;
        }
        report
            .systems
            .iter()
            .map(|s| (s.id.clone(), s.risk))
            .collect()
    };

    print_grouped(&diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if failed_writes && errors == 0 {
        say!("error: some per-system reports could not be written (above)");
        return Err(Exit::Invalid);
    }
    if errors > 0 || failed_writes {
        say!(
            "error: {errors} problem(s) in `{display}` (above); {} system(s) assessed and reported, a bad answer counted as not answered",
            risks.len()
        );
        return Err(Exit::Invalid);
    }
    let gate: Vec<&(String, RiskClass)> = risks
        .iter()
        .filter(|(_, r)| args.fail_on.contains(r))
        .collect();
    if !gate.is_empty() {
        let ids: Vec<&str> = gate.iter().take(10).map(|(id, _)| id.as_str()).collect();
        let more = if gate.len() > 10 {
            format!(" and {} more", gate.len() - 10)
        } else {
            String::new()
        };
        let levels: Vec<&str> = args.fail_on.iter().map(|r| r.name()).collect();
        say!(
            "--fail-on {}: {} system(s) match: {}{more}",
            levels.join(","),
            gate.len(),
            crate::diag::printable(&ids.join(", "), false)
        );
        return Err(Exit::GateFailed);
    }
    Ok(())
}

/// What a streamed run leaves behind: each system's id and risk (inventory order), the
/// problems found, and the per-system reports that could not be written.
pub struct Streamed {
    pub ids: Vec<String>,
    pub risks: Vec<RiskClass>,
    pub diagnostics: Vec<Diagnostic>,
    pub write_failures: Vec<String>,
}

fn run_stream(
    pack: &Pack,
    ctx: &Context,
    args: &BatchArgs,
    source: &Source<'_>,
) -> Result<Option<Streamed>, Exit> {
    let output_dir = open_output_dir(args)?;
    let stdout = ClosedPipeSink {
        inner: std::io::stdout().lock(),
        closed: false,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout);
    let result = stream_json(
        pack,
        ctx.as_of,
        ctx.lang,
        source,
        &mut out,
        output_dir.as_ref(),
    );
    match result.and_then(|s| std::io::Write::flush(&mut out).map(|()| s)) {
        Ok(mut s) => {
            if let (Some(d), Some(streamed)) = (output_dir, s.as_mut()) {
                streamed
                    .write_failures
                    .extend(finish_output_dir(d, args, ctx.lang));
            }
            Ok(s)
        }
        Err(e) => {
            say!("error: cannot write the output: {e}");
            Err(Exit::Invalid)
        }
    }
}

/// Standard output that, once its reader has gone (`| head`), takes and drops the rest: a
/// broken pipe is no failure, and the run goes on to its problems and its `--fail-on` exit
/// code, as with the other formats (which render everything before writing).
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

/// Writes the compact inventory document (`report::summary`) system by system as the
/// inventory is read chunk by chunk, so that memory stays bounded however large the
/// inventory; per-system reports for `--output-dir` are written from the same chunks.
/// Nothing is written for an inventory without systems.
pub fn stream_json(
    pack: &Pack,
    as_of: NaiveDate,
    lang: Lang,
    source: &Source<'_>,
    out: &mut impl std::io::Write,
    output_dir: Option<&OutputDir>,
) -> std::io::Result<Option<Streamed>> {
    let mut streamed = Streamed {
        ids: Vec::new(),
        risks: Vec::new(),
        diagnostics: Vec::new(),
        write_failures: Vec::new(),
    };
    let mut writer: Option<SummaryWriter<'_, &mut _>> = None;
    let mut out = Some(out);
    let progress = spinner();
    let mut taken = HashSet::new();
    let mut failure: Option<std::io::Error> = None;
    source(&mut |systems, diags| {
        streamed.diagnostics.extend(diags);
        if failure.is_some() || systems.is_empty() {
            return;
        }
        let names: Vec<String> = match output_dir {
            Some(_) => systems
                .iter()
                .map(|s| safe_file_stem(&s.id, &mut taken))
                .collect(),
            None => Vec::new(),
        };
        type Part = (SystemSummary, String, Vec<Diagnostic>, Vec<String>);
        let parts: Vec<Part> = systems
            .par_iter()
            .enumerate()
            .map(|(i, entry)| {
                let (answers, mut diags) = entry.answers(pack);
                let ignored = engine::ignored_answers(pack, &answers, as_of);
                diags.extend(entry.ignored_answer_warnings(pack, &ignored, lang));
                let result =
                    engine::assess_in_life(pack, &answers, as_of, entry.lifecycle.as_ref());
                let mut failures = Vec::new();
                if let (Some(dir), Some(name)) = (output_dir, names.get(i)) {
                    let full = SystemReport::build(pack, entry, &answers, &result, lang);
                    failures = write_one(dir, name, pack, as_of, lang, &full);
                }
                let summary = SystemSummary::build(pack, entry, &result);
                let element = SummaryWriter::<std::io::Sink>::element(&summary);
                (summary, element, diags, failures)
            })
            .collect();
        if writer.is_none()
            && let Some(o) = out.take()
        {
            match SummaryWriter::start(pack, as_of, lang, o) {
                Ok(w) => writer = Some(w),
                Err(e) => {
                    failure = Some(e);
                    return;
                }
            }
        }
        let Some(w) = writer.as_mut() else { return };
        for (summary, element, diags, failures) in parts {
            streamed.ids.push(summary.id.clone());
            streamed.risks.push(summary.risk);
            streamed.diagnostics.extend(diags);
            streamed.write_failures.extend(failures);
            if let Err(e) = w.system(&summary, &element) {
                failure = Some(e);
                return;
            }
        }
        if let Some(p) = &progress {
            p.inc(systems.len() as u64);
        }
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if let Some(e) = failure {
        return Err(e);
    }
    if let Some(w) = writer {
        w.finish()?;
    }
    Ok(Some(streamed))
}

/// A counter of systems assessed, on a terminal only (the total is not known while reading).
fn spinner() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("assessing: {pos} systems ({per_sec})")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// How many problems of one kind (same code and message, whatever the system) are shown
/// before the rest are summed up: a misnamed CSV column gives one problem per row.
const SAME_KIND_SHOWN: usize = 5;

/// Prints the problems, in order, but at most `SAME_KIND_SHOWN` of each kind, then a count.
pub(crate) fn print_grouped(diags: &[Diagnostic]) {
    let kind = |d: &Diagnostic| {
        let m = d.message.as_str();
        let m = if m.starts_with("system `") {
            m.split_once("`: ").map_or(m, |(_, rest)| rest)
        } else {
            m
        };
        format!("{}\u{0}{m}", d.code)
    };
    // Per kind: how many, and the lines of those not shown (so that every row is named).
    let mut seen: std::collections::HashMap<String, (usize, Vec<usize>)> =
        std::collections::HashMap::new();
    let mut shown = Vec::new();
    for d in diags {
        let (n, lines) = seen.entry(kind(d)).or_default();
        *n += 1;
        if *n <= SAME_KIND_SHOWN {
            shown.push(d.clone());
        } else if let Some(l) = d.location.as_ref().filter(|l| l.line > 0) {
            lines.push(l.line);
        }
    }
    print_diagnostics(&shown);
    let mut more: Vec<(String, usize, Vec<usize>)> = seen
        .into_iter()
        .filter(|(_, (n, _))| *n > SAME_KIND_SHOWN)
        .map(|(k, (n, lines))| (k, n - SAME_KIND_SHOWN, lines))
        .collect();
    more.sort();
    for (k, n, lines) in more {
        let (code, message) = k.split_once('\u{0}').unwrap_or(("", &k));
        let message = crate::diag::printable(message, false);
        say!(
            "note: {n} more [{code}] like \"{message}\" not shown, on line(s) {}\n",
            line_ranges(&lines)
        );
    }
}

/// Lines as runs: `3, 7-9, 12` (a misnamed column gives one problem on every row).
fn line_ranges(lines: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &l in lines {
        match runs.last_mut() {
            Some((_, end)) if l == *end + 1 || l == *end => *end = l,
            _ => runs.push((l, l)),
        }
    }
    let runs: Vec<String> = runs
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    runs.join(", ")
}

/// Checks one system's answers and assesses it.
pub fn assess_one(
    pack: &Pack,
    entry: &SystemEntry,
    as_of: NaiveDate,
    lang: Lang,
) -> (SystemReport, Vec<Diagnostic>) {
    let (answers, mut diags): (Answers, Vec<Diagnostic>) = entry.answers(pack);
    let ignored = engine::ignored_answers(pack, &answers, as_of);
    diags.extend(entry.ignored_answer_warnings(pack, &ignored, lang));
    let result: Assessment =
        engine::assess_in_life(pack, &answers, as_of, entry.lifecycle.as_ref());
    (
        SystemReport::build(pack, entry, &answers, &result, lang),
        diags,
    )
}

/// Reads the inventory file (or standard input) as UTF-8.
pub(crate) fn read_input(path: &Path) -> Result<(String, String), Exit> {
    let (display, bytes) = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        if let Err(e) = std::io::stdin().lock().read_to_end(&mut buf) {
            say!("error: cannot read standard input: {e}");
            return Err(Exit::Invalid);
        }
        ("<stdin>".to_string(), buf)
    } else {
        match std::fs::read(path) {
            Ok(b) => (path.display().to_string(), b),
            Err(e) => {
                say!("error: cannot read `{}`: {e}", path.display());
                return Err(Exit::Invalid);
            }
        }
    };
    match crate::diag::decode_utf8(&display, bytes, "A019") {
        Ok(text) => Ok((display, text)),
        Err(d) => {
            print_diagnostics(&[d]);
            Err(Exit::Invalid)
        }
    }
}

fn progress_bar(len: usize) -> Option<indicatif::ProgressBar> {
    if len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} systems ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix("assessing");
    Some(bar)
}

/// The totals per risk class, one line, after the summary table.
fn totals_line(report: &InventoryReport, lang: Lang) -> String {
    let parts: Vec<String> = report
        .totals
        .iter()
        .map(|t| format!("{} {}", t.risk.label(lang), t.count))
        .collect();
    let one = report.systems.len() == 1;
    let (word, systems) = match lang {
        Lang::Nl => ("Totaal", if one { "systeem" } else { "systemen" }),
        Lang::En => ("Total", if one { "system" } else { "systems" }),
    };
    format!(
        "{word}: {} {systems}: {}\n",
        report.systems.len(),
        parts.join(", ")
    )
}

/// The longest file stem, in bytes.
const MAX_STEM_BYTES: usize = 200;

/// A file name for a system id: letters, digits, `-`, `_` and `.` kept, anything else `_`;
/// at most 100 characters and 200 bytes; never empty, hidden or a reserved device name;
/// unique (case-insensitively) in `taken`.
pub fn safe_file_stem(id: &str, taken: &mut HashSet<String>) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    // File names are limited in bytes (255 on most file systems), and 100 letters of a
    // non-Latin script take up to 400: keep room for a `-N` suffix and the extension.
    let mut end = stem.len().min(MAX_STEM_BYTES);
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    stem.truncate(end);
    stem = stem
        .trim_start_matches('.')
        .trim_end_matches('.')
        .to_string();
    if stem.is_empty() {
        stem = "system".into();
    }
    let upper = stem.to_ascii_uppercase();
    let base = upper.split('.').next().unwrap_or("");
    let reserved = matches!(base, "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.ends_with(|c: char| c.is_ascii_digit()));
    if reserved {
        stem = format!("_{stem}");
    }
    let mut candidate = stem.clone();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

/// The `--output-dir` folder, created, with what an earlier run wrote into it.
fn open_output_dir(args: &BatchArgs) -> Result<Option<OutputDir>, Exit> {
    match &args.output_dir {
        None => Ok(None),
        Some(dir) => OutputDir::create(dir).map(Some).map_err(|e| {
            say!("error: {e}");
            Exit::Invalid
        }),
    }
}

/// Records the folder's reports, removes stale ones with `--clean`, and says what was
/// overwritten or left over; returns what could not be done.
fn finish_output_dir(dir: OutputDir, args: &BatchArgs, lang: Lang) -> Vec<String> {
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

/// Writes `<id>.json` and `<id>.md` per system; returns what could not be written.
fn write_reports(
    dir: &OutputDir,
    pack: &Pack,
    ctx: &Context,
    report: &InventoryReport,
) -> Vec<String> {
    let mut taken = HashSet::new();
    let names: Vec<String> = report
        .systems
        .iter()
        .map(|s| safe_file_stem(&s.id, &mut taken))
        .collect();
    report
        .systems
        .par_iter()
        .zip(names.par_iter())
        .flat_map_iter(|(system, name)| write_one(dir, name, pack, ctx.as_of, ctx.lang, system))
        .collect()
}

/// Writes `<name>.json` and `<name>.md` for one system; returns what could not be written.
fn write_one(
    dir: &OutputDir,
    name: &str,
    pack: &Pack,
    as_of: NaiveDate,
    lang: Lang,
    system: &SystemReport,
) -> Vec<String> {
    let one = InventoryReport::new(pack, as_of, lang, vec![system.clone()]);
    let opts = RenderOptions::default();
    [(Format::Json, "json"), (Format::Markdown, "md")]
        .into_iter()
        .filter_map(|(format, ext)| {
            dir.write(
                &format!("{name}.{ext}"),
                report::render(&one, format, &opts).as_bytes(),
            )
            .err()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe_and_unique() {
        let mut taken = HashSet::new();
        let stems: Vec<String> = [
            "GEM-001",
            "../etc/passwd",
            "a/b",
            "a_b",
            "A_B",
            "",
            "con",
            "Ωmega 1",
            "...",
        ]
        .iter()
        .map(|id| safe_file_stem(id, &mut taken))
        .collect();
        assert_eq!(
            stems,
            [
                "GEM-001",
                "_etc_passwd",
                "a_b",
                "a_b-2",
                "A_B-3",
                "system",
                "_con",
                "Ωmega_1",
                "system-2"
            ]
        );
    }

    /// Long ids in scripts of three- and four-byte letters still give a file name the file
    /// system takes (at most 255 bytes with the extension).
    #[test]
    fn file_stems_fit_in_a_file_name() {
        let mut taken = HashSet::new();
        for id in [
            "漢".repeat(120),
            "𝐀".repeat(120),
            "é".repeat(150),
            "a".repeat(150),
        ] {
            let stem = safe_file_stem(&id, &mut taken);
            assert!(stem.len() <= MAX_STEM_BYTES, "{} bytes", stem.len());
            assert!(id.starts_with(&stem), "{stem}");
        }
        let twice = "漢".repeat(120);
        let second = safe_file_stem(&twice, &mut taken);
        assert!(second.ends_with("-2") && second.len() + ".json".len() <= 255);
    }

    /// The streamed JSON is byte for byte the whole compact document, pretty-printed.
    #[test]
    fn streamed_json_equals_the_whole_document() {
        let (pack, _) = crate::cli::load_pack(None, &[]).expect("embedded pack");
        let text = include_str!("../../examples/municipality.toml");
        let inv = inventory::read_inventory("municipality.toml", text, InputFormat::Toml);
        let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        // Many systems, so that several chunks are written.
        let systems: Vec<SystemEntry> = (0..(CHUNK * 2 + 5))
            .map(|i| {
                let mut s = inv.systems[i % inv.systems.len()].clone();
                s.id = format!("S{i}");
                s
            })
            .collect();
        let mut streamed = Vec::new();
        let source = |f: &mut dyn FnMut(&[SystemEntry], Vec<Diagnostic>)| {
            for c in systems.chunks(100) {
                f(c, Vec::new());
            }
        };
        let result = stream_json(&pack, as_of, Lang::Nl, &source, &mut streamed, None)
            .expect("stream")
            .expect("streamed");
        let summaries = systems
            .iter()
            .map(|e| {
                let answers = e.answers(&pack).0;
                let r = engine::assess_in_life(&pack, &answers, as_of, e.lifecycle.as_ref());
                SystemSummary::build(&pack, e, &r)
            })
            .collect();
        let whole = serde_json::to_value(report::summary::InventorySummary::new(
            &pack,
            as_of,
            Lang::Nl,
            summaries,
        ))
        .expect("json");
        assert_eq!(result.risks.len(), systems.len());
        let streamed_value: serde_json::Value =
            serde_json::from_slice(&streamed).expect("the streamed document is JSON");
        assert!(
            streamed_value == whole,
            "streamed JSON differs from the whole document"
        );
        // One system per line.
        let text = String::from_utf8_lossy(&streamed);
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with("    {\"id\":"))
                .count(),
            systems.len()
        );
        // And nothing at all for an empty inventory.
        let mut empty = Vec::new();
        let none = |f: &mut dyn FnMut(&[SystemEntry], Vec<Diagnostic>)| f(&[], Vec::new());
        stream_json(&pack, as_of, Lang::En, &none, &mut empty, None).expect("stream");
        assert!(empty.is_empty());
    }

    #[test]
    fn lines_are_given_as_runs() {
        assert_eq!(line_ranges(&[3, 7, 8, 9, 9, 12]), "3, 7-9, 12");
        assert_eq!(line_ranges(&[]), "");
    }

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
