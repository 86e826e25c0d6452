//! The batch pipeline: assess every system of an inventory, in bounded memory, on every core.
//!
//! One reader thread cuts the inventory into pieces of whole systems (`source`); a pool of
//! workers reads each piece, checks the answers, assesses the systems and renders their lines
//! of the output; the calling thread writes the pieces in inventory order. At most
//! `in_flight` pieces exist at any time (a piece is admitted only when one has been written),
//! so memory is bounded by the pieces in flight, not by the inventory. The work a piece gets
//! does not depend on how many workers there are: the output is the same bytes with one
//! thread or many.
//!
//! What is kept for the whole run is 12 bytes or so per system: a 64-bit key of its id and its
//! line (to find a duplicate). The totals are counts, the JSON document's catalogue a set of
//! the rules referred to, and the problems are grouped by kind as they come (the first few of
//! each kind, then runs of lines). The table fixes its column widths from its first rows (`TABLE_SAMPLE`);
//! Markdown and HTML are documents with an overview of the whole inventory and are limited
//! to `MAX_DOCUMENT_SYSTEMS` systems.

mod ids;
pub mod source;

use crate::diag::Diagnostic;
use crate::diag::grouped::Problems;
use crate::engine;
use crate::files::OutputDir;
use crate::inventory::{InputFormat, JsonText, Organisation, SystemEntry};
use crate::report::summary::{Refs, Row, SummaryWriter, SystemSummary};
use crate::report::{self, Format, InventoryReport, OrganisationView, RenderOptions, SystemResult};
use crate::report::{TableWriter, Tally};
use crate::rules::{Lang, Pack, RiskClass};
use chrono::NaiveDate;
use source::{Piece, Splitter};
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};

/// Systems per piece.
pub const CHUNK: usize = 256;

/// Systems per piece when every system also gets its own report files (larger per system).
const CHUNK_WITH_FILES: usize = 32;

/// Pieces in flight at most (being read, assessed, or waiting to be written in order): enough
/// to keep every worker busy while one piece waits for an earlier one.
fn in_flight(threads: usize) -> usize {
    threads.max(1) + 2
}

/// A system id as 64 bits, for finding duplicates among a million ids in 12 bytes each (with
/// the line, `ids::Seen`) instead of the ids themselves. Two different ids of a million share a key with a
/// probability of about 3 in 100 million; the later one would then be reported as a duplicate
/// (A015, exit 2), never dropped silently.
fn id_key(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// The most systems a Markdown or HTML document holds (a document for people, with an
/// overview of the whole inventory; about 60 KB of memory per system).
pub const MAX_DOCUMENT_SYSTEMS: usize = 10_000;

/// How many ids a `--fail-on` match names.
const GATE_NAMED: usize = 10;

/// What to do with an inventory.
pub struct Settings<'a> {
    pub pack: &'a Pack,
    pub as_of: NaiveDate,
    pub lang: Lang,
    pub format: Format,
    pub render: RenderOptions,
    /// Also write `<id>.json` and `<id>.md` per system into this folder.
    pub output_dir: Option<&'a OutputDir>,
    pub fail_on: &'a [RiskClass],
    /// Only read the inventory and check the answers (the floor benchmarks compare with).
    pub parse_only: bool,
    /// Worker threads.
    pub threads: usize,
}

/// Where the inventory comes from.
pub enum Input {
    /// A JSON document, read whole.
    Document(String),
    /// JSON Lines, CSV or TOML, read as it goes.
    Stream(Box<dyn BufRead + Send>),
}

/// What a run leaves behind.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Systems assessed and reported.
    pub systems: usize,
    /// The problems found, grouped by kind (bounded memory however many).
    pub diagnostics: Problems,
    /// Systems whose risk is one of the `--fail-on` levels: how many, and the first ids.
    pub matched: usize,
    pub matched_ids: Vec<String>,
    /// Per-system report files that could not be written.
    pub write_failures: Vec<crate::rules::Text>,
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
    #[error(
        "more than {MAX_DOCUMENT_SYSTEMS} systems for a {0} document; use --format table, csv or json, or --output-dir for one report per system"
    )]
    TooManyForDocument(&'static str),
}

impl BatchError {
    /// The error in both languages, for the command line.
    pub fn text(&self) -> crate::rules::Text {
        match self {
            BatchError::Output(e) => {
                let crate::rules::Text { en, nl } = crate::diag::io_text(e);
                t!(
                    "cannot write the output: {en}",
                    "kan de uitvoer niet schrijven: {nl}"
                )
            }
            BatchError::TooManyForDocument(format) => t!(
                "more than {MAX_DOCUMENT_SYSTEMS} systems for a {format} document; use --format table, csv or json, or --output-dir for one report per system",
                "meer dan {MAX_DOCUMENT_SYSTEMS} systemen voor een {format}-document; gebruik --format table, csv of json, of --output-dir voor één rapport per systeem"
            ),
        }
    }
}

/// One system as a worker leaves it for the writer.
struct Done {
    id: String,
    file: String,
    line: usize,
    risk: RiskClass,
    stage: Option<crate::engine::Stage>,
    diagnostics: Vec<Diagnostic>,
    refs: Refs,
    /// Its line of the output (JSON, CSV), or its cells (table).
    text: String,
    cells: Vec<comfy_table::Cell>,
    /// Its result, kept for what is written at the end: Markdown and HTML, and the details
    /// of an inventory of one (table).
    result: Option<Box<SystemResult>>,
    /// Its report files for `--output-dir`: JSON and Markdown.
    files: Option<(String, String)>,
}

/// A piece as a worker leaves it.
struct Chunk {
    seq: usize,
    diagnostics: Vec<Diagnostic>,
    systems: Vec<Done>,
}

/// Assesses every system of the inventory and writes the summary to `out` as it goes.
pub fn run(
    s: &Settings<'_>,
    path: &str,
    format: InputFormat,
    input: Input,
    out: &mut dyn Write,
) -> Result<Outcome, BatchError> {
    let chunk = if s.output_dir.is_some() {
        CHUNK_WITH_FILES
    } else {
        CHUNK
    };
    let (text, stream) = match input {
        Input::Document(t) => (Some(t), None),
        Input::Stream(r) => (None, Some(r)),
    };
    let text = text
        .as_deref()
        .map(|t| t.strip_prefix('\u{feff}').unwrap_or(t));
    let doc = text.map(|t| JsonText::new(path, t, 1));
    let in_flight = in_flight(s.threads);
    let (jobs_tx, jobs_rx) = sync_channel::<(usize, Piece<'_>)>(in_flight);
    let (done_tx, done_rx) = sync_channel::<Chunk>(in_flight);
    let (tokens_tx, tokens_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = tokens_tx.send(());
    }
    let jobs_rx = Mutex::new(jobs_rx);
    let doc = doc.as_ref();
    let organisation: OnceLock<Option<Arc<Organisation>>> = OnceLock::new();
    let organisation = &organisation;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut seq = 0;
            let mut send = |piece| {
                // Wait until a piece has been written: memory stays bounded.
                let n = seq;
                seq += 1;
                tokens_rx.recv().is_ok() && jobs_tx.send((n, piece)).is_ok()
            };
            // The organisation answers for every system: it is found (in the document, or in
            // the first piece, read here) before any system is assessed.
            let found = |o: Option<Organisation>, diags: &mut Vec<Diagnostic>| {
                if let Some(o) = &o {
                    diags.extend(o.check(s.pack));
                }
                let _ = organisation.set(o.map(Arc::new));
            };
            if let Some(doc) = doc {
                let (mut problems, mut org) = (Vec::new(), None);
                let raws = crate::inventory::json_systems(doc, &mut org, &mut problems);
                found(org, &mut problems);
                if !problems.is_empty() && !send(Piece::Problems(problems)) {
                    return;
                }
                for part in raws.chunks(chunk) {
                    if !send(Piece::Json(part.to_vec())) {
                        return;
                    }
                }
            } else if let Some(reader) = stream {
                let mut splitter = Splitter::new(reader, path, format, chunk);
                let mut first = splitter
                    .next_piece()
                    .map(|p| p.read(path, format, None))
                    .unwrap_or_default();
                found(first.organisation.take(), &mut first.diagnostics);
                if !send(Piece::Read(first)) {
                    return;
                }
                while let Some(piece) = splitter.next_piece() {
                    if !send(piece) {
                        return;
                    }
                }
            }
            let _ = organisation.set(None);
        });
        for _ in 0..s.threads.max(1) {
            let done_tx = done_tx.clone();
            let jobs_rx = &jobs_rx;
            scope.spawn(move || {
                loop {
                    let job = jobs_rx
                        .lock()
                        .map_err(|_| ())
                        .and_then(|rx| rx.recv().map_err(|_| ()));
                    let Ok((seq, piece)) = job else { break };
                    let org = organisation.get().cloned().flatten();
                    let chunk = work(s, path, format, doc, org, seq, piece);
                    if done_tx.send(chunk).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        write(s, path, organisation, done_rx, tokens_tx, out)
    })
}

/// Reads a piece, assesses its systems and renders their output.
fn work(
    s: &Settings<'_>,
    path: &str,
    format: InputFormat,
    doc: Option<&JsonText<'_>>,
    org: Option<Arc<Organisation>>,
    seq: usize,
    piece: Piece<'_>,
) -> Chunk {
    let mut inv = piece.read(path, format, doc);
    // An organisation found further on answers for the systems after it.
    let org = inv.organisation.take().map(Arc::new).or(org);
    let systems = inv
        .systems
        .into_iter()
        .enumerate()
        .map(|(i, mut entry)| {
            if let Some(o) = &org {
                entry.organisation.get_or_insert_with(|| o.clone());
            }
            assess(s, entry, seq == 0 && i == 0)
        })
        .collect();
    Chunk {
        seq,
        diagnostics: inv.diagnostics,
        systems,
    }
}

/// One system: its answers checked, assessed, its part of the output rendered.
fn assess(s: &Settings<'_>, entry: SystemEntry, first: bool) -> Done {
    let (answers, diagnostics) = entry.answers(s.pack);
    let mut done = Done {
        id: entry.id.clone(),
        file: entry.file.clone(),
        line: entry.line,
        risk: RiskClass::Undetermined,
        stage: entry.lifecycle.map(|l| l.stage),
        diagnostics,
        refs: Refs::default(),
        text: String::new(),
        cells: Vec::new(),
        result: None,
        files: None,
    };
    if s.parse_only {
        return done;
    }
    let (assessment, ignored) =
        engine::assess_in_life_and_ignored(s.pack, &answers, s.as_of, entry.lifecycle.as_ref());
    done.diagnostics
        .extend(entry.ignored_answer_warnings(s.pack, &ignored));
    done.risk = assessment.risk;
    let result = SystemResult::new(entry, answers, assessment);
    match s.format {
        Format::Json => {
            done.text =
                SummaryWriter::<std::io::Sink>::element(&SystemSummary::new(s.pack, &result));
            done.refs = Refs::of(s.pack, &result);
        }
        Format::Csv => done.text = report::csv_row(&Row::new(s.pack, &result, s.lang), s.lang),
        Format::Table => {
            done.cells = report::table_cells(&Row::new(s.pack, &result, s.lang), s.lang, &s.render);
        }
        Format::Markdown | Format::Html => {}
    }
    if s.output_dir.is_some() {
        let one = InventoryReport::new(s.pack, s.as_of, s.lang, [&result]);
        let opts = RenderOptions::default();
        done.files = Some((
            report::render(&one, Format::Json, &opts),
            report::render(&one, Format::Markdown, &opts),
        ));
    }
    let keep =
        matches!(s.format, Format::Markdown | Format::Html) || (s.format == Format::Table && first);
    if keep {
        done.result = Some(Box::new(result));
    }
    done
}

/// The output being written, by format.
enum Sink<'p> {
    None,
    Json(Option<SummaryWriter<'p, Vec<u8>>>),
    Csv,
    Table(TableWriter, Option<Box<SystemResult>>),
    Document(Vec<SystemResult>),
}

/// Writes the pieces in inventory order as they come, and what follows the systems.
fn write(
    s: &Settings<'_>,
    path: &str,
    organisation: &OnceLock<Option<Arc<Organisation>>>,
    done: Receiver<Chunk>,
    tokens: SyncSender<()>,
    out: &mut dyn Write,
) -> Result<Outcome, BatchError> {
    let mut outcome = Outcome::default();
    let mut waiting: BTreeMap<usize, Chunk> = BTreeMap::new();
    let mut next = 0;
    let mut ids = ids::Seen::default();
    let mut stems = HashSet::new();
    let mut tally = Tally::default();
    let mut errors = false;
    let mut sink = match s.format {
        _ if s.parse_only => Sink::None,
        Format::Json => Sink::Json(None),
        Format::Csv => Sink::Csv,
        Format::Table => Sink::Table(TableWriter::new(s.lang, s.render.clone()), None),
        Format::Markdown | Format::Html => Sink::Document(Vec::new()),
    };
    let progress = spinner();
    for chunk in done {
        waiting.insert(chunk.seq, chunk);
        while let Some(chunk) = waiting.remove(&next) {
            next += 1;
            errors |= chunk.diagnostics.iter().any(Diagnostic::is_error);
            outcome.diagnostics.extend(chunk.diagnostics);
            if let Some(p) = &progress {
                p.inc(chunk.systems.len() as u64);
            }
            for system in chunk.systems {
                let line = u32::try_from(system.line).unwrap_or(u32::MAX);
                if let Some(first) = ids.insert(id_key(&system.id), line) {
                    errors = true;
                    outcome.diagnostics.push(
                        Diagnostic::error(
                            "A015",
                            t!(
                                "duplicate system id `{}`",
                                "dubbele systeem-id `{}`",
                                system.id
                            ),
                        )
                        .at_line(&system.file, system.line, 1)
                        .with_hint(t!(
                            "first used on line {first}; give every system a unique id (this one is not assessed)",
                            "al gebruikt op regel {first}; geef elk systeem een eigen id (dit systeem wordt niet beoordeeld)"
                        )),
                    );
                    continue;
                }
                errors |= system.diagnostics.iter().any(Diagnostic::is_error);
                outcome.diagnostics.extend(system.diagnostics);
                outcome.systems += 1;
                if s.fail_on.contains(&system.risk) && !s.parse_only {
                    outcome.matched += 1;
                    if outcome.matched_ids.len() < GATE_NAMED {
                        outcome.matched_ids.push(system.id.clone());
                    }
                }
                tally.add(system.risk, system.stage);
                if let (Some(dir), Some((json, md))) = (s.output_dir, &system.files) {
                    let stem = crate::files::safe_file_stem(&system.id, &mut stems);
                    for (ext, text) in [("json", json), ("md", md)] {
                        if let Err(e) = dir.write(&format!("{stem}.{ext}"), text.as_bytes()) {
                            outcome.write_failures.push(e);
                        }
                    }
                }
                match &mut sink {
                    Sink::None => {}
                    Sink::Json(w) => {
                        if w.is_none() {
                            let mut new =
                                SummaryWriter::start(s.pack, s.as_of, s.lang, Vec::new())?;
                            let org = organisation.get().cloned().flatten();
                            new.set_organisation(org);
                            *w = Some(new);
                        }
                        if let Some(w) = w {
                            w.push(system.risk, system.stage, &system.refs, &system.text)?;
                            out.write_all(&w.take())?;
                        }
                    }
                    Sink::Csv => {
                        if tally.systems() == 1 {
                            out.write_all(report::csv_header_line(s.lang).as_bytes())?;
                        }
                        out.write_all(system.text.as_bytes())?;
                    }
                    Sink::Table(table, first) => {
                        if first.is_none() {
                            *first = system.result;
                        }
                        table.row(system.cells, out)?;
                    }
                    Sink::Document(results) => {
                        if results.len() >= MAX_DOCUMENT_SYSTEMS {
                            return Err(BatchError::TooManyForDocument(
                                if s.format == Format::Html {
                                    "HTML"
                                } else {
                                    "Markdown"
                                },
                            ));
                        }
                        results.extend(system.result.map(|r| *r));
                    }
                }
            }
            // A piece is written: admit the next one.
            let _ = tokens.try_send(());
        }
    }
    drop(tokens);
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if outcome.systems == 0 && !errors {
        outcome.diagnostics.push(crate::inventory::no_systems(path));
    }
    // The report around the systems, for the table's footer: the organisation and the
    // lifecycle counts of the whole inventory.
    let org = organisation.get().cloned().flatten();
    let empty = || {
        let mut r = InventoryReport::new(s.pack, s.as_of, s.lang, []);
        r.organisation = org.as_deref().map(OrganisationView::new);
        r.lifecycle = tally.lifecycle();
        r
    };
    match sink {
        Sink::None | Sink::Csv => {}
        Sink::Json(w) => {
            if let Some(w) = w {
                out.write_all(&w.finish()?)?;
            }
        }
        Sink::Table(table, first) => {
            if outcome.systems > 0 {
                match first {
                    Some(one) if outcome.systems == 1 => {
                        let one = report::SystemReport::new(s.pack, &one, s.lang);
                        out.write_all(report::system_tables(&one, s.lang, &s.render).as_bytes())?;
                    }
                    _ => table.finish(out)?,
                }
                out.write_all(report::table_footer(&empty(), &s.render).as_bytes())?;
                out.write_all(totals_line(&tally, s.lang).as_bytes())?;
            }
        }
        Sink::Document(results) => {
            if !results.is_empty() {
                let whole = InventoryReport::new(s.pack, s.as_of, s.lang, &results);
                out.write_all(report::render(&whole, s.format, &s.render).as_bytes())?;
            }
        }
    }
    Ok(outcome)
}

/// The totals per risk class, one line, after the summary table.
fn totals_line(tally: &Tally, lang: Lang) -> String {
    let parts: Vec<String> = tally
        .totals()
        .iter()
        .map(|t| format!("{} {}", t.risk.label(lang), t.count))
        .collect();
    let one = tally.systems() == 1;
    let (word, systems) = match lang {
        Lang::Nl => ("Totaal", if one { "systeem" } else { "systemen" }),
        Lang::En => ("Total", if one { "system" } else { "systems" }),
    };
    format!(
        "{word}: {} {systems}: {}\n",
        tally.systems(),
        parts.join(", ")
    )
}

/// A counter of systems assessed, on a terminal only (the total is not known while reading).
fn spinner() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{read_inventory, write_toml};
    use crate::report::summary::InventorySummary;

    fn settings(pack: &Pack, format: Format, threads: usize) -> Settings<'_> {
        Settings {
            pack,
            as_of: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            lang: Lang::Nl,
            format,
            render: RenderOptions::default(),
            output_dir: None,
            fail_on: &[],
            parse_only: false,
            threads,
        }
    }

    /// Many systems (several pieces) from the example inventory, each with its own id.
    fn systems(n: usize) -> Vec<SystemEntry> {
        let text = include_str!("../../examples/municipality.toml");
        let base = read_inventory("municipality.toml", text, InputFormat::Toml).systems;
        (0..n)
            .map(|i| {
                let mut s = base[i % base.len()].clone();
                s.id = format!("S{i}");
                // Not written by `write_toml`: the streamed runs read these systems back.
                s.organisation = None;
                s
            })
            .collect()
    }

    fn run_on(s: &Settings<'_>, text: &str) -> (Outcome, Vec<u8>) {
        let mut out = Vec::new();
        let input = Input::Stream(Box::new(std::io::Cursor::new(text.as_bytes().to_vec())));
        let outcome = run(s, "i.toml", InputFormat::Toml, input, &mut out).expect("run");
        (outcome, out)
    }

    /// The results of these systems, as the batch assesses them.
    fn results(pack: &Pack, as_of: NaiveDate, systems: &[SystemEntry]) -> Vec<SystemResult> {
        systems
            .iter()
            .map(|e| {
                let answers = e.answers(pack).0;
                let r = engine::assess_in_life(pack, &answers, as_of, e.lifecycle.as_ref());
                SystemResult::new(e.clone(), answers, r)
            })
            .collect()
    }

    /// The streamed JSON is the whole compact document, one system per line.
    #[test]
    fn streamed_json_equals_the_whole_document() {
        let (pack, _) = crate::cli::load_pack(None, &[]).expect("embedded pack");
        let s = settings(&pack, Format::Json, 3);
        let systems = systems(CHUNK * 2 + 5);
        let (outcome, out) = run_on(&s, &write_toml(&systems));
        assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
        assert_eq!(outcome.systems, systems.len());
        let results = results(&pack, s.as_of, &systems);
        let whole = serde_json::to_value(InventorySummary::new(&pack, s.as_of, s.lang, &results))
            .expect("json");
        let streamed: serde_json::Value =
            serde_json::from_slice(&out).expect("the streamed document is JSON");
        assert!(
            streamed == whole,
            "streamed JSON differs from the whole document"
        );
        let text = String::from_utf8_lossy(&out);
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with("    {\"id\":"))
                .count(),
            systems.len()
        );
    }

    /// An undetermined system's line stays small: its deciding questions and grouped duties
    /// by id, not every duty it might have.
    #[test]
    fn an_undetermined_line_stays_small() {
        let (pack, _) = crate::cli::load_pack(None, &[]).expect("embedded pack");
        let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        // The example as read, each system with its organisation's answers.
        let text = include_str!("../../examples/municipality.toml");
        let example = read_inventory("municipality.toml", text, InputFormat::Toml).systems;
        let results = results(&pack, as_of, &example);
        let undetermined: Vec<&SystemResult> = results
            .iter()
            .filter(|r| r.risk() == RiskClass::Undetermined)
            .collect();
        assert!(!undetermined.is_empty());
        for r in undetermined {
            let line = SummaryWriter::<std::io::Sink>::element(&SystemSummary::new(&pack, r));
            assert!(line.len() <= 5 << 10, "{} bytes: {line}", line.len());
        }
    }

    /// The CSV and table written as the systems come are those of the whole report.
    #[test]
    fn streamed_csv_and_table_equal_the_whole_report() {
        let (pack, _) = crate::cli::load_pack(None, &[]).expect("embedded pack");
        let systems = systems(40);
        let s = settings(&pack, Format::Csv, 2);
        let results = results(&pack, s.as_of, &systems);
        let whole = InventoryReport::new(&pack, s.as_of, s.lang, &results);
        let (_, csv) = run_on(&s, &write_toml(&systems));
        assert_eq!(String::from_utf8_lossy(&csv), report::render_csv(&whole));
        let s = settings(&pack, Format::Table, 2);
        let (_, table) = run_on(&s, &write_toml(&systems));
        let expected = report::render_table(&whole, &s.render);
        assert!(
            String::from_utf8_lossy(&table).starts_with(&expected),
            "{}",
            String::from_utf8_lossy(&table)
        );
    }

    /// Past the sample, the table keeps the sample's column widths: every line is as wide.
    #[test]
    fn a_long_table_keeps_its_columns() {
        let (pack, _) = crate::cli::load_pack(None, &[]).expect("embedded pack");
        let s = settings(&pack, Format::Table, 2);
        let mut systems = systems(report::TABLE_SAMPLE + 300);
        // A longer name past the sample wraps in its column.
        systems[report::TABLE_SAMPLE + 10].name = "x".repeat(200);
        let (outcome, out) = run_on(&s, &write_toml(&systems));
        assert_eq!(outcome.systems, systems.len());
        let text = String::from_utf8_lossy(&out);
        let table: Vec<&str> = text
            .lines()
            .take_while(|l| !l.starts_with("Beoordeeld"))
            .collect();
        let width = table[0].chars().count();
        assert!(table.iter().all(|l| l.chars().count() == width), "{text}");
        assert_eq!(table.iter().filter(|l| l.starts_with('└')).count(), 1);
        // Ids longer than the sample's wrap in their column: S1299 is the last row.
        let last = table
            .iter()
            .rposition(|l| l.starts_with("│ S129"))
            .expect("last row");
        assert!(table[last + 1].starts_with("│ 9"), "{}", table[last + 1]);
    }
}
