//! The inventory as a stream of pieces of whole systems, for the pipeline's workers to read.
//!
//! JSON Lines, CSV and TOML are read from the file (or standard input) line by line and cut
//! into pieces of about `chunk` systems, so that memory is bounded by the pieces in flight,
//! not by the file: JSON Lines after every `chunk` lines, CSV after `chunk` records (a record
//! ends at a line end outside quotes; every piece after the first is read with the header row
//! in front), TOML before a `[[system]]` line (outside multi-line strings). A JSON document is
//! one value that may end in a syntax error: it is read whole (up to `MAX_DOCUMENT` bytes),
//! parsed once to find where each system starts and ends, and the systems are handed out as
//! slices of the text.

use crate::diag::Diagnostic;
use crate::inventory::{
    self, InputFormat, Inventory, JsonText, SystemStarts, json_lines_piece, read_toml_piece,
};
use serde_json::value::RawValue;
use std::io::{BufRead, Read};
use std::sync::Arc;

/// The longest line of a streamed inventory (a longer one is reported and skipped).
pub const MAX_LINE: usize = 64 << 20;

/// The largest JSON document read (a larger one is refused: use JSON Lines).
pub const MAX_DOCUMENT: u64 = 1 << 30;

/// A piece of an inventory: whole systems, read by a worker.
pub enum Piece<'t> {
    /// Lines of a streamed file, the first being line `first_line`; for CSV after the first
    /// piece, `header` is the header row to read them with.
    Text {
        text: String,
        first_line: usize,
        header: Option<Arc<str>>,
        /// Lines of the piece that could not be read (left empty in `text`).
        problems: Vec<Diagnostic>,
    },
    /// Systems of a JSON document, as slices of its text.
    Json(Vec<&'t RawValue>),
    /// Problems of a JSON document around its systems.
    Problems(Vec<Diagnostic>),
    /// A piece already read (the first, which may hold the organisation).
    Read(Inventory),
}

impl Piece<'_> {
    /// The systems of the piece and the problems found in them.
    pub fn read(self, path: &str, format: InputFormat, doc: Option<&JsonText<'_>>) -> Inventory {
        let mut inv = self.read_raw(path, format, doc);
        inv.make_printable();
        inv
    }

    fn read_raw(self, path: &str, format: InputFormat, doc: Option<&JsonText<'_>>) -> Inventory {
        match self {
            Piece::Problems(diagnostics) => Inventory {
                diagnostics,
                ..Inventory::default()
            },
            Piece::Read(inv) => inv,
            Piece::Json(raws) => {
                let mut inv = Inventory::default();
                if let Some(doc) = doc {
                    for raw in raws {
                        if let Some(e) =
                            inventory::read_json_system(doc, raw.get(), &mut inv.diagnostics)
                        {
                            inv.systems.push(e);
                        }
                    }
                }
                inv
            }
            Piece::Text {
                text,
                first_line,
                header,
                problems,
            } => {
                let mut inv = read_text(path, format, &text, first_line, header.as_deref());
                inv.diagnostics.splice(0..0, problems);
                inv
            }
        }
    }
}

/// The systems of a piece of a streamed file.
fn read_text(
    path: &str,
    format: InputFormat,
    text: &str,
    first_line: usize,
    header: Option<&str>,
) -> Inventory {
    match format {
        InputFormat::Toml => read_toml_piece(path, text, first_line),
        InputFormat::Jsonl | InputFormat::Json => {
            let mut all = Inventory::default();
            json_lines_piece(path, text, first_line, usize::MAX, &mut |inv| {
                all.systems.extend(inv.systems);
                all.diagnostics.extend(inv.diagnostics);
            });
            all
        }
        InputFormat::Csv => match header {
            None => inventory::read_csv(path, text),
            Some(header) => csv_body(path, header, text, first_line),
        },
    }
}

/// Reads CSV records that follow the header row elsewhere in the file: line 2 of
/// `header + records` is line `first_line` of the file. The header's own problems were
/// reported with the first piece.
fn csv_body(path: &str, header: &str, text: &str, first_line: usize) -> Inventory {
    let mut whole = String::with_capacity(header.len() + 1 + text.len());
    whole.push_str(header);
    whole.push('\n');
    whole.push_str(text);
    let mut inv = inventory::read_csv(path, &whole);
    let shift = |line: &mut usize| *line = *line + first_line - 2;
    for e in &mut inv.systems {
        shift(&mut e.line);
        for at in &mut e.answer_at {
            shift(&mut at.0);
        }
    }
    inv.diagnostics
        .retain(|d| d.location.as_ref().is_none_or(|l| l.line != 1));
    for d in &mut inv.diagnostics {
        if let Some(l) = &mut d.location
            && l.line > 1
        {
            shift(&mut l.line);
        }
    }
    inv
}

/// Cuts a streamed inventory (JSON Lines, CSV, TOML) into pieces of about `chunk` systems.
pub struct Splitter<R> {
    reader: R,
    path: String,
    format: InputFormat,
    chunk: usize,
    /// Lines read so far.
    line: usize,
    /// A line read that starts the next piece (TOML).
    carry: Option<(String, usize)>,
    /// CSV: whether a quoted cell is open at the end of the last line; the header row.
    quoted: bool,
    header: Option<Arc<str>>,
    header_pending: String,
    toml: SystemStarts,
    done: bool,
}

impl<R: BufRead> Splitter<R> {
    pub fn new(reader: R, path: &str, format: InputFormat, chunk: usize) -> Self {
        Splitter {
            reader,
            path: path.to_string(),
            format,
            chunk: chunk.max(1),
            line: 0,
            carry: None,
            quoted: false,
            header: None,
            header_pending: String::new(),
            toml: SystemStarts::default(),
            done: false,
        }
    }

    /// The next line (with its line end), its number, or a problem with it; `None` at the end.
    fn next_line(&mut self, buf: &mut Vec<u8>) -> Option<Result<(String, usize), Diagnostic>> {
        buf.clear();
        let read = self
            .reader
            .by_ref()
            .take(MAX_LINE as u64)
            .read_until(b'\n', buf);
        match read {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                let crate::rules::Text { en, nl } = crate::diag::io_text(&e);
                return Some(Err(Diagnostic::error(
                    "A041",
                    t!(
                        "cannot read the inventory: {en}",
                        "kan de inventaris niet lezen: {nl}"
                    ),
                )
                .in_file(&self.path)));
            }
        }
        self.line += 1;
        let line = self.line;
        if buf.len() >= MAX_LINE && buf.last() != Some(&b'\n') {
            // Skip the rest of the line without keeping it.
            loop {
                buf.clear();
                match self.reader.by_ref().take(1 << 20).read_until(b'\n', buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if buf.last() == Some(&b'\n') => break,
                    Ok(_) => {}
                }
            }
            return Some(Err(Diagnostic::error(
                "A041",
                t!(
                    "line longer than {} MiB",
                    "regel langer dan {} MiB",
                    MAX_LINE >> 20
                ),
            )
            .at_line(&self.path, line, 1)
            .with_hint(t!(
                "an inventory line holds one system; this one is not read",
                "een regel van de inventaris bevat één systeem; deze regel wordt niet gelezen"
            ))));
        }
        let bytes = if line == 1 {
            buf.strip_prefix("\u{feff}".as_bytes()).unwrap_or(buf)
        } else {
            buf
        };
        match std::str::from_utf8(bytes) {
            Ok(s) => Some(Ok((s.to_string(), line))),
            Err(e) => {
                let column = String::from_utf8_lossy(&bytes[..e.valid_up_to()])
                    .chars()
                    .count()
                    + 1;
                Some(Err(Diagnostic::error(
                    "A019",
                    t!(
                        "line {line} is not UTF-8 text (byte {})",
                        "regel {line} is geen UTF-8-tekst (byte {})",
                        e.valid_up_to()
                    ),
                )
                .at_line(&self.path, line, column)
                .with_hint(t!(
                    "save the file as UTF-8 (in a spreadsheet: \"CSV UTF-8\")",
                    "sla het bestand op als UTF-8 (in een rekenblad: \"CSV UTF-8\")"
                ))))
            }
        }
    }

    /// The next piece, or `None` at the end of the input.
    pub fn next_piece(&mut self) -> Option<Piece<'static>> {
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        let mut text = String::new();
        let mut first_line = self.line + 1;
        let mut systems = 0;
        let mut problems = Vec::new();
        if let Some((line, n)) = self.carry.take() {
            first_line = n;
            text.push_str(&line);
            systems = 1;
        }
        loop {
            let (line, n) = match self.next_line(&mut buf) {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(d)) => {
                    problems.push(d);
                    // An empty line in its place keeps the lines of the piece.
                    text.push('\n');
                    continue;
                }
                Some(Ok(l)) => l,
            };
            match self.format {
                InputFormat::Toml => {
                    if self.toml.starts_system(&line) {
                        if systems >= self.chunk {
                            self.carry = Some((line, n));
                            break;
                        }
                        systems += 1;
                    }
                    text.push_str(&line);
                }
                InputFormat::Csv => {
                    let quotes = line.bytes().filter(|b| *b == b'"').count();
                    self.quoted ^= quotes % 2 == 1;
                    text.push_str(&line);
                    if self.header.is_none() {
                        self.header_pending.push_str(&line);
                        let blank = self
                            .header_pending
                            .chars()
                            .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '"'));
                        if blank {
                            self.header_pending.clear();
                        } else if !self.quoted {
                            let h = std::mem::take(&mut self.header_pending);
                            self.header = Some(h.trim_end_matches(['\r', '\n']).into());
                        }
                        continue;
                    }
                    if !self.quoted {
                        systems += 1;
                        if systems >= self.chunk {
                            break;
                        }
                    }
                }
                _ => {
                    text.push_str(&line);
                    if !line.trim().is_empty() {
                        systems += 1;
                        if systems >= self.chunk {
                            break;
                        }
                    }
                }
            }
        }
        if text.is_empty() && problems.is_empty() {
            return None;
        }
        let header = match self.format {
            // The first piece holds the header row itself.
            InputFormat::Csv if first_line > 1 => self.header.clone(),
            _ => None,
        };
        Some(Piece::Text {
            text,
            first_line,
            header,
            problems,
        })
    }
}
