//! The CSV encoding: one row per system. Columns `id`, `name`, `owner`, `description`, then
//! one column per question id. Multiple choices are separated by `;` (or `|`) inside a cell;
//! an empty cell or `unknown` is an unknown answer (an empty cell leaves the question
//! unanswered). Written as spreadsheets write it: UTF-8 with or without a byte-order mark,
//! `,` or `;` (or tab) as delimiter, detected from the header row, quoted cells with line
//! breaks, CRLF line ends.

use super::{Inventory, LineIndex, SystemEntry};
use crate::answers::RawAnswer;
use crate::diag::Diagnostic;
use crate::rules::Text;

/// The columns that are not questions, in the order `write_csv` writes them.
pub(crate) const FIXED: [&str; 7] = [
    "id",
    "name",
    "owner",
    "description",
    "users",
    "lifecycle",
    "lifecycle_date",
];

/// The delimiter of the header row (the first line that is not blank): the most frequent of
/// `,`, `;` and tab outside quotes.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut blank = true;
    for b in text.bytes() {
        if !b.is_ascii_whitespace() {
            blank = false;
        }
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted && !blank => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delims = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    delims[best]
}

/// Reads a CSV inventory. A malformed row is reported and skipped; the other rows are read.
pub fn read_csv(path: &str, text: &str) -> Inventory {
    Inventory::gathered(|f| csv_chunks(path, text, usize::MAX, f))
}

/// Reads a CSV inventory and hands over the systems `chunk` at a time (with the problems
/// found since the last chunk), so that a caller can process a huge file in bounded memory.
pub fn csv_chunks(path: &str, text: &str, chunk: usize, f: &mut dyn FnMut(Inventory)) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut inv = Inventory::default();
    let index = LineIndex::new(text);
    // The csv crate counts a CRLF as two line ends in places; lines come from byte offsets.
    let start_of = |pos: Option<&::csv::Position>| {
        pos.map_or(0, |p| {
            let start = usize::try_from(p.byte()).unwrap_or(0);
            start
                + text.get(start..).map_or(0, |rest| {
                    rest.len() - rest.trim_start_matches(['\r', '\n']).len()
                })
        })
    };
    let line_of = |pos: Option<&::csv::Position>| index.line_col(start_of(pos)).0;
    let delimiter = detect_delimiter(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return f(inv),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
            Some(Err(e)) => {
                inv.diagnostics.push(Diagnostic::error("A018", csv_error(&e).prefixed_by("unreadable CSV header", "onleesbare CSV-kopregel")).at_line(path, 1, 1).with_hint(t!("the first row must name the columns: id, name, owner, description, then question ids", "de eerste rij moet de kolommen benoemen: id, name, owner, description, dan vraag-ids")));
                return f(inv);
            }
        }
    };
    let header_line = line_of(header.position());
    let header_layout = Layout::scan(text, start_of(header.position()), delimiter);
    // A stray quote in the header swallows rows into a column name: nothing can be read.
    if let Some(q) = header_layout
        .quoted
        .iter()
        .find(|q| q.spans_lines || !q.closed || q.trailing_text)
    {
        inv.diagnostics.push(
            index
                .point(
                    Diagnostic::error(
                        "A018",
                        t!("malformed CSV header: a quoted column name runs past the end of the header row", "misvormde CSV-kopregel: een kolomnaam tussen aanhalingstekens loopt voorbij het einde van de kopregel"),
                    ),
                    path,
                    q.quote,
                )
                .with_hint(t!("a stray `\"` in the first row merges it with the rows below; remove it, and no row is read until it is", "een verdwaald `\"` in de eerste rij voegt ze samen met de rijen eronder; verwijder het, tot dan wordt geen enkele rij gelezen")),
        );
        return f(inv);
    }
    let columns: Vec<String> = header.iter().map(|c| c.trim().to_string()).collect();
    let fixed_at = |name: &str| columns.iter().position(|c| c.eq_ignore_ascii_case(name));
    let Some(id_col) = fixed_at("id") else {
        inv.diagnostics.push(
            Diagnostic::error("A018", t!("the CSV header has no `id` column", "de CSV-kopregel heeft geen kolom `id`"))
                .at_line(path, header_line, 1)
                .with_hint(t!("the first row must name the columns: id, name, owner, description, then question ids (delimiter read as `{}`)", "de eerste rij moet de kolommen benoemen: id, name, owner, description, dan vraag-ids (scheidingsteken gelezen als `{}`)", delimiter as char)),
        );
        return f(inv);
    };
    let name_col = fixed_at("name");
    let owner_col = fixed_at("owner");
    let desc_col = fixed_at("description");
    let users_col = fixed_at("users");
    let life_col = fixed_at("lifecycle");
    let life_date_col = fixed_at("lifecycle_date");
    // Question columns: everything that is not a fixed column and has a name.
    let mut question_cols: Vec<(usize, &str)> = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        let fixed = FIXED.iter().any(|f| c.eq_ignore_ascii_case(f));
        if c.is_empty() || (fixed && fixed_at(c) == Some(i)) {
            continue;
        }
        if fixed || question_cols.iter().any(|(_, q)| *q == c.as_str()) {
            inv.diagnostics.push(
                Diagnostic::error(
                    "A018",
                    t!(
                        "column `{c}` appears twice in the CSV header",
                        "de kolom `{c}` staat twee keer in de CSV-kopregel"
                    ),
                )
                .at_line(
                    path,
                    header_line,
                    header_layout
                        .starts
                        .get(i)
                        .map_or(1, |s| index.line_col(*s).1),
                )
                .with_hint(t!(
                    "keep one column per question; the later one is ignored",
                    "hou één kolom per vraag; de latere wordt genegeerd"
                )),
            );
            continue;
        }
        question_cols.push((i, c.as_str()));
    }
    // Rows with fewer cells than the header: when most rows are short, the header itself is
    // suspect (the first row run into it by a lost line break).
    let (mut rows, mut short) = (0usize, 0usize);
    let mut row_starts = std::collections::HashSet::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_of(e.position());
                inv.diagnostics.push(
                    Diagnostic::error(
                        "A018",
                        csv_error(&e).prefixed_by("malformed CSV row", "misvormde CSV-rij"),
                    )
                    .at_line(path, line, 1)
                    .with_hint(t!(
                        "check the quotes of this row",
                        "controleer de aanhalingstekens van deze rij"
                    )),
                );
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows += 1;
        short += usize::from(record.len() < columns.len());
        let first = shape(record.get(0).unwrap_or(""));
        // Words alone (`Alpha`, `Federal Communications Commission`) are how prose lines
        // start too: only shapes with a digit or a sign tell a row start.
        if first.chars().any(|c| !matches!(c, 'a' | ' ')) {
            row_starts.insert(first);
        }
        let start = start_of(record.position());
        let layout = Layout::scan(text, start, delimiter);
        let line = index.line_col(start).0;
        let last_line = index.line_col(layout.end.saturating_sub(1).max(start)).0;
        let lines = if last_line > line {
            t!(
                " (the row runs from line {line} to line {last_line})",
                " (de rij loopt van regel {line} tot regel {last_line})"
            )
        } else {
            Text::default()
        };
        let Text {
            en: lines_en,
            nl: lines_nl,
        } = lines;
        // Where cell `i` starts, as line and character column.
        let at = |i: usize| index.line_col(layout.starts.get(i).copied().unwrap_or(start));
        if let Some(problem) = layout.stray_quote(
            text,
            id_col,
            delimiter,
            columns.len(),
            record.len(),
            &row_starts,
        ) {
            inv.diagnostics.push(
                index
                    .point(
                        Diagnostic::error(
                            "A018",
                            {
                                let Text { en, nl } = problem.what;
                                t!(
                                    "malformed CSV row: {en}{lines_en}",
                                    "misvormde CSV-rij: {nl}{lines_nl}"
                                )
                            },
                        ),
                        path,
                        problem.quote,
                    )
                    .with_hint(t!("a stray `\"` merges rows: close the quote, or double it (`\"\"`) inside a quoted cell; this row is not assessed", "een verdwaald `\"` voegt rijen samen: sluit het aanhalingsteken, of verdubbel het (`\"\"`) binnen een cel tussen aanhalingstekens; deze rij wordt niet beoordeeld")),
            );
            continue;
        }
        if record.len() != columns.len() {
            let extra_empty = record.len() > columns.len()
                && record
                    .iter()
                    .skip(columns.len())
                    .all(|c| c.trim().is_empty());
            if !extra_empty {
                let (l, c) = if record.len() > columns.len() {
                    at(columns.len())
                } else {
                    index.line_col(layout.end)
                };
                inv.diagnostics.push(
                    Diagnostic::error("A018", {
                        let (cells, n) = (record.len(), columns.len());
                        t!(
                            "malformed CSV row: {cells} cells, but the header has {n} columns{lines_en}",
                            "misvormde CSV-rij: {cells} cellen, maar de kopregel heeft {n} kolommen{lines_nl}"
                        )
                    })
                        .at_line(path, l, c)
                        .with_hint(t!("every row needs one cell per column, separated by `{}`; quote cells that contain the delimiter", "elke rij heeft één cel per kolom nodig, gescheiden door `{}`; zet cellen die het scheidingsteken bevatten tussen aanhalingstekens", delimiter as char)),
                );
                continue;
            }
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map_or_else(String::new, |c| c.trim().to_string())
        };
        // A row whose id starts with `#` explains the columns (the template's second row).
        if cell(Some(id_col)).starts_with('#') {
            continue;
        }
        let mut entry = SystemEntry::new(&cell(Some(id_col)));
        entry.file = path.to_string();
        entry.line = line;
        entry.name = cell(name_col);
        entry.owner = cell(owner_col);
        entry.description = cell(desc_col);
        entry.users = cell(users_col)
            .split([';', '|'])
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string)
            .collect();
        match super::lifecycle_cells(&cell(life_col), &cell(life_date_col)) {
            Ok(l) => entry.lifecycle = l,
            Err(msg) => {
                let col = if msg.en.starts_with("lifecycle_date") {
                    life_date_col
                } else {
                    life_col
                };
                inv.diagnostics.push(
                    Diagnostic::error("A031", msg)
                        .at_line(path, line, col.map_or(1, |c| c + 1))
                        .with_hint(t!("lifecycle: planned, in-development, in-use or retired; lifecycle_date: YYYY-MM-DD", "lifecycle: planned, in-development, in-use of retired; lifecycle_date: JJJJ-MM-DD")),
                );
                continue;
            }
        }
        for (i, q) in &question_cols {
            let value = record.get(*i).unwrap_or("").trim();
            if value.is_empty() {
                continue;
            }
            entry
                .answers
                .push(((*q).to_string(), RawAnswer::Text(value.to_string())));
            entry.answer_at.push(at(*i));
        }
        if entry.id.is_empty() {
            let (l, c) = at(id_col);
            inv.diagnostics.push(
                Diagnostic::error("A014", t!("a row has no `id`", "een rij heeft geen `id`"))
                    .at_line(path, l, c)
                    .with_hint(t!(
                        "give every system a unique id, e.g. GEM-001",
                        "geef elk systeem een eigen id, bv. GEM-001"
                    )),
            );
            continue;
        }
        inv.systems.push(entry);
        if inv.systems.len() >= chunk {
            f(std::mem::take(&mut inv));
        }
    }
    if short > 0 && short * 2 >= rows {
        inv.diagnostics.push(
            Diagnostic::error(
                "A018",
                t!("malformed CSV header: {} columns, but {short} of {rows} row(s) have fewer cells", "misvormde CSV-kopregel: {} kolommen, maar {short} van {rows} rij(en) hebben minder cellen", columns.len()),
            )
            .at_line(path, header_line, 1)
            .with_hint(t!("the first row may have run into the header (a lost line break or a stray quote); the header must end where the first system's row begins", "de eerste rij is misschien in de kopregel terechtgekomen (een verloren regeleinde of een verdwaald aanhalingsteken); de kopregel moet eindigen waar de rij van het eerste systeem begint")),
        );
    }
    f(inv);
}

/// Where the cells of one row lie in the text, read with the same quoting rules as the csv
/// crate (which reads the values): this only locates, for columns and for the stray-quote check.
struct Layout {
    /// The byte offset where each cell starts.
    starts: Vec<usize>,
    /// For each cell that opens with a quote: where the quote is, and whether the quoted part
    /// runs across a line break, never closes, or is followed by more text before the next
    /// delimiter (`"a"b`).
    quoted: Vec<Quoted>,
    /// The byte offset just past the row (its line end excluded).
    end: usize,
    /// A quote inside a cell that does not start with one (`5" screen`): kept as text, but
    /// with a quoted cell across lines, the mark of a quote that closed the wrong cell.
    bare_quote: Option<usize>,
}

struct Quoted {
    cell: usize,
    quote: usize,
    /// Where the quoted part ends (its closing quote, or the end of the text).
    close: usize,
    spans_lines: bool,
    closed: bool,
    trailing_text: bool,
}

/// The csv crate's error in both languages.
pub fn csv_error(e: &csv::Error) -> Text {
    match e.kind() {
        csv::ErrorKind::Io(io) => crate::diag::io_text(io),
        csv::ErrorKind::Utf8 { err, .. } => {
            let field = err.field() + 1;
            t!(
                "cell {field} is not UTF-8 text",
                "cel {field} is geen UTF-8-tekst"
            )
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => t!(
            "{len} cells, where the rows before have {expected_len}",
            "{len} cellen, waar de rijen ervoor er {expected_len} hebben"
        ),
        _ => crate::diag::parser_text(&e.to_string()),
    }
}

/// Why a row looks like several rows merged by a stray quote.
struct StrayQuote {
    quote: usize,
    what: Text,
}

impl Layout {
    fn scan(text: &str, start: usize, delimiter: u8) -> Layout {
        let bytes = text.as_bytes();
        let mut layout = Layout {
            starts: vec![start],
            quoted: Vec::new(),
            end: bytes.len(),
            bare_quote: None,
        };
        let mut i = start;
        let mut cell_start = true;
        while i < bytes.len() {
            let b = bytes[i];
            if cell_start && b == b'"' {
                let mut q = Quoted {
                    cell: layout.starts.len() - 1,
                    quote: i,
                    close: bytes.len(),
                    spans_lines: false,
                    closed: false,
                    trailing_text: false,
                };
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                        b'"' => {
                            q.closed = true;
                            q.close = i;
                            break;
                        }
                        b'\n' => q.spans_lines = true,
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                q.trailing_text = q.closed
                    && !matches!(bytes.get(i), None | Some(b'\r' | b'\n'))
                    && bytes.get(i) != Some(&delimiter);
                layout.quoted.push(q);
                cell_start = false;
                continue;
            }
            cell_start = false;
            if b == delimiter {
                layout.starts.push(i + 1);
                cell_start = true;
            } else if b == b'"' {
                layout.bare_quote.get_or_insert(i);
            } else if b == b'\n' || b == b'\r' {
                layout.end = i;
                break;
            }
            i += 1;
        }
        layout
    }

    /// A quoted cell that never closes, has text after its closing quote, or runs across a line
    /// break where it should not: in the id, or over what was a row (see `holds_a_row`).
    fn stray_quote(
        &self,
        text: &str,
        id_col: usize,
        delimiter: u8,
        columns: usize,
        cells: usize,
        row_starts: &std::collections::HashSet<String>,
    ) -> Option<StrayQuote> {
        for q in &self.quoted {
            let what = if !q.closed {
                t!(
                    "a quote opens a cell that never closes",
                    "een aanhalingsteken opent een cel die nooit sluit"
                )
            } else if q.trailing_text {
                t!(
                    "text follows the closing quote of a cell",
                    "er staat tekst na het sluitende aanhalingsteken van een cel"
                )
            } else if q.spans_lines && q.cell == id_col {
                t!(
                    "the id runs across a line break",
                    "de id loopt over een regeleinde"
                )
            } else if q.spans_lines && cells != columns {
                t!(
                    "a quoted cell runs across a line break, and the row has another number of cells than the header",
                    "een cel tussen aanhalingstekens loopt over een regeleinde, en de rij heeft een ander aantal cellen dan de kopregel"
                )
            } else if q.spans_lines && self.bare_quote.is_some() {
                t!(
                    "a quoted cell runs across a line break, and another cell holds a stray quote",
                    "een cel tussen aanhalingstekens loopt over een regeleinde, en een andere cel bevat een verdwaald aanhalingsteken"
                )
            } else if q.spans_lines && holds_a_row(text, q, delimiter, columns, row_starts) {
                t!(
                    "a quoted cell runs across a line break and holds what looks like another row",
                    "een cel tussen aanhalingstekens loopt over een regeleinde en bevat wat op een andere rij lijkt"
                )
            } else {
                continue;
            };
            return Some(StrayQuote {
                quote: q.quote,
                what,
            });
        }
        None
    }
}

/// Whether a quoted cell holds what was a row before a stray quote opened it. Strong signs: a
/// line inside it with as many delimiters as a row (a row swallowed whole), or both ends lined
/// up as rows — the first line with as many delimiters as come after the cell in a row (the
/// rest of its own row) and the last line (up to the closing quote) with as many as come
/// before it (the first cells of the row it swallowed). Weak signs, only one end lined up or
/// any line with half a row's delimiters, count when a line inside the cell also starts like
/// a row: a first cell shaped like those of the rows (`GEM-014,` after rows `GEM-012`,
/// `GEM-013`). Prose and lists written in a cell on purpose show weak signs often, and rarely
/// a line that starts like a row.
fn holds_a_row(
    text: &str,
    q: &Quoted,
    delimiter: u8,
    columns: usize,
    row_starts: &std::collections::HashSet<String>,
) -> bool {
    let Some(content) = text.get(q.quote + 1..q.close) else {
        return false;
    };
    let count = |l: &str| l.bytes().filter(|b| *b == delimiter).count();
    let mut lines = content.split('\n');
    let first = lines.next().unwrap_or("");
    let rest: Vec<&str> = lines.collect();
    let Some((last, middle)) = rest.split_last() else {
        return false;
    };
    let after = columns.saturating_sub(q.cell + 1);
    let half_a_row = (columns / 2).max(2);
    let last_lines_up = q.cell > 0 && count(last) >= q.cell;
    let first_lines_up = after > 0 && count(first) >= after;
    if middle.iter().any(|l| count(l) + 1 >= columns.max(2)) || (first_lines_up && last_lines_up) {
        return true;
    }
    let weak = last_lines_up
        || first_lines_up
        || [first, last]
            .into_iter()
            .chain(middle.iter().copied())
            .any(|l| count(l) >= half_a_row);
    weak && rest.iter().any(|l| {
        l.split_once(delimiter as char)
            .is_some_and(|(cell, _)| row_starts.contains(&shape(cell)))
    })
}

/// The shape of a first cell: letters and digits as runs of `a` and `9`, other characters kept
/// (`GEM-001` and `ZD-05` are both `a-9`).
fn shape(cell: &str) -> String {
    let mut out = String::new();
    for c in cell.trim().chars() {
        let s = if c.is_alphabetic() {
            'a'
        } else if c.is_numeric() {
            '9'
        } else {
            c
        };
        if !(matches!(s, 'a' | '9') && out.ends_with(s)) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_bom_crlf_and_multiline_cells() {
        let text = "\u{feff}id;name;owner;description;areas;interacts\r\nA;Chat;\"Com, Info\";\"two\r\nlines\";\"x;y\";ja\r\n;;;;;\r\nB;Cam;;;;unknown\r\n";
        let inv = read_csv("i.csv", text);
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
        assert_eq!(inv.systems.len(), 2);
        let a = &inv.systems[0];
        assert_eq!(
            (a.owner.as_str(), a.description.as_str()),
            ("Com, Info", "two\r\nlines")
        );
        assert_eq!(
            a.answers[0],
            ("areas".to_string(), RawAnswer::Text("x;y".into()))
        );
        assert_eq!(a.answer_at[1], (3, 14));
        let b = &inv.systems[1];
        assert_eq!(b.line, 5);
        assert_eq!(
            b.answers,
            vec![("interacts".to_string(), RawAnswer::Text("unknown".into()))]
        );
    }

    #[test]
    fn comma_delimiter_and_malformed_row() {
        let text = "id,name,owner,description,q\nA,One,,,yes\nB,Two,,,yes,surplus\nC,Three,,,no\n";
        let inv = read_csv("i.csv", text);
        let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["A", "C"]);
        assert_eq!(inv.diagnostics.len(), 1);
        assert_eq!(inv.diagnostics[0].code, "A018");
        assert_eq!(
            inv.diagnostics[0].location.as_ref().map(|l| l.line),
            Some(3)
        );
    }

    #[test]
    fn header_without_id_is_reported() {
        let inv = read_csv("i.csv", "name;owner\nX;Y\n");
        assert_eq!(inv.diagnostics[0].code, "A018");
        assert!(inv.systems.is_empty());
    }

    /// A second `id` (or `name`, `owner`, `description`) column is reported like a second
    /// question column, not silently ignored.
    #[test]
    fn duplicate_fixed_column_is_reported() {
        let inv = read_csv("i.csv", "id,name,ID\nA,One,B\n");
        assert_eq!(inv.diagnostics.len(), 1, "{:?}", inv.diagnostics);
        assert!(inv.diagnostics[0].message.en.contains("`ID` appears twice"));
        assert_eq!(inv.systems[0].id, "A");
    }

    /// One stray quote merged rows A and B; B must not vanish silently (and A, which swallowed
    /// B's text, is not assessed): the row is an error at the quote's line and column.
    #[test]
    fn a_stray_quote_merging_rows_is_an_error_at_the_quote() {
        let text = "id,name,description,subject_kind\nA,Alpha,\"Scans CVs,ai-system\nB,Beta,Chatbot\",ai-system\nC,Gamma,Translation,ai-system\n";
        let inv = read_csv("q.csv", text);
        let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["C"]);
        assert_eq!(inv.diagnostics.len(), 1, "{:?}", inv.diagnostics);
        let d = &inv.diagnostics[0];
        assert_eq!(d.code, "A018");
        let loc = d.location.as_ref().expect("location");
        assert_eq!((loc.line, loc.column), (2, 9));
        assert!(
            d.message.en.contains("from line 2 to line 3"),
            "{}",
            d.message.en
        );
    }

    /// A quote that never closes swallows every row below it; text after a closing quote is
    /// another sign of a stray quote. A legitimate multi-line description is no problem.
    #[test]
    fn unclosed_quotes_and_text_after_a_quote_are_errors() {
        let inv = read_csv("q.csv", "id;name\nA;\"Alpha\nB;Beta\nC;Gamma\n");
        assert!(inv.systems.is_empty());
        assert!(inv.diagnostics[0].message.en.contains("never closes"));
        assert!(inv.diagnostics[0].message.en.contains("line 2 to line 4"));
        let inv = read_csv("q.csv", "id;name\nA;\"Al\"pha\nB;Beta\n");
        assert_eq!(inv.systems.len(), 1);
        assert!(
            inv.diagnostics[0]
                .message
                .en
                .contains("follows the closing quote")
        );
        let inv = read_csv(
            "q.csv",
            "id;name;description;q\nA;Alpha;\"Reads letters.\nSteps: scan;sort\";yes\nB;Beta;;no\n",
        );
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
        assert_eq!(inv.systems.len(), 2);
    }

    /// Answers and problems are located by character column, not by field number.
    #[test]
    fn columns_are_characters() {
        let inv = read_csv("i.csv", "id;name;q\nA;Élan;yes\n;x;y\n");
        assert_eq!(inv.systems[0].answer_at, [(2, 8)]);
        let loc = inv.diagnostics[0].location.as_ref().expect("location");
        assert_eq!((loc.line, loc.column), (3, 1));
        let inv = read_csv("i.csv", "id,name\nA,One,two,three\n");
        let loc = inv.diagnostics[0].location.as_ref().expect("location");
        assert_eq!((loc.line, loc.column), (2, 7));
    }

    /// A list of products over three lines, the delimiter after each item (as in a federal AI
    /// inventory): its first line has as many delimiters as the cells after it, but its last
    /// line not as many as the cells before it. A cell written so, not rows merged.
    #[test]
    fn a_multi_line_list_is_not_taken_for_merged_rows() {
        let text = "agency,use,in_use,products,licenses\nFCC,Generating code,Y,\"Microsoft Copilot, \nAWS Q Developer, \nMicrosoft Azure Open AI\",101-1000\nSEC,Summaries,Y,,5\n";
        let text = text.replacen("agency", "id", 1);
        let inv = read_csv("r.csv", &text);
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
        assert_eq!(inv.systems.len(), 2);
    }

    /// A quoted cell whose first line holds the rest of its row and whose next line starts like
    /// a row (`GEM-014;`, shaped like the ids above it) is a row swallowed by a stray quote. The
    /// same text with words for ids (`Gamma;`) starts like a line of prose: no alarm.
    #[test]
    fn a_line_that_starts_like_a_row_tells_a_swallowed_row() {
        let text = "id;name;owner;q\nGEM-012;Alpha;x;yes\nGEM-013;\"Beta;x;yes\nGEM-014;Gamma\nmore\";x;no\n";
        let inv = read_csv("q.csv", text);
        let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["GEM-012"]);
        assert_eq!(inv.diagnostics[0].code, "A018");
        assert!(
            inv.diagnostics[0]
                .message
                .en
                .contains("from line 3 to line 5")
        );
        let words = text.replace("GEM-012", "Aa").replace("GEM-013", "Bb");
        let words = words.replace("GEM-014", "Cc");
        let inv = read_csv("q.csv", &words);
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
        assert_eq!(inv.systems.len(), 2);
    }

    /// A stray quote in the last cell runs to a quote that opens a multi-line cell of a later
    /// row, so that the row between is swallowed whole and the row still has the header's
    /// cells (the quoted text ends at a line end): an error.
    #[test]
    fn a_row_swallowed_whole_is_an_error() {
        let text = "id;name;owner;q\nA;Alpha;;\"\nB;Beta;x;yes\nC;\"\nGamma\";;no\n";
        let inv = read_csv("q.csv", text);
        let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
        assert!(!ids.contains(&"A") && !ids.contains(&"B"), "{ids:?}");
        let d = &inv.diagnostics[0];
        assert_eq!(d.code, "A018");
        assert!(
            d.message.en.contains("from line 2 to line 4"),
            "{}",
            d.message.en
        );
    }
}
