//! The CSV encoding: one row per system. Columns `id`, `name`, `owner`, `description`, then
//! one column per question id. Multiple choices are separated by `;` (or `|`) inside a cell;
//! an empty cell or `unknown` is an unknown answer (an empty cell leaves the question
//! unanswered). Written as spreadsheets write it: UTF-8 with or without a byte-order mark,
//! `,` or `;` (or tab) as delimiter, detected from the header row, quoted cells with line
//! breaks, CRLF line ends.

use super::{Inventory, LineIndex, SystemEntry};
use crate::answers::RawAnswer;
use crate::diag::Diagnostic;

const FIXED: [&str; 7] = [
    "id",
    "name",
    "owner",
    "description",
    "users",
    "lifecycle",
    "lifecycle_date",
];

/// The delimiter of the header row: the most frequent of `,`, `;` and tab outside quotes.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
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
    let mut all = Inventory::default();
    csv_chunks(path, text, usize::MAX, &mut |inv| {
        all.systems.extend(inv.systems);
        all.diagnostics.extend(inv.diagnostics);
    });
    all
}

/// Reads a CSV inventory and hands over the systems `chunk` at a time (with the problems
/// found since the last chunk), so that a caller can process a huge file in bounded memory.
pub fn csv_chunks(path: &str, text: &str, chunk: usize, f: &mut dyn FnMut(Inventory)) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut inv = Inventory::default();
    let index = LineIndex::new(text);
    // The csv crate counts a CRLF as two line ends in places; lines come from byte offsets.
    let line_of = |pos: Option<&::csv::Position>| {
        pos.map_or(0, |p| {
            let start = usize::try_from(p.byte()).unwrap_or(0);
            let skip = text.get(start..).map_or(0, |rest| {
                rest.len() - rest.trim_start_matches(['\r', '\n']).len()
            });
            index.line_col(start + skip).0
        })
    };
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
                inv.diagnostics.push(Diagnostic::error("A018", format!("unreadable CSV header: {e}")).at_line(path, 1, 1).with_hint("the first row must name the columns: id, name, owner, description, then question ids"));
                return f(inv);
            }
        }
    };
    let header_line = line_of(header.position());
    let columns: Vec<String> = header.iter().map(|c| c.trim().to_string()).collect();
    let fixed_at = |name: &str| columns.iter().position(|c| c.eq_ignore_ascii_case(name));
    let Some(id_col) = fixed_at("id") else {
        inv.diagnostics.push(
            Diagnostic::error("A018", "the CSV header has no `id` column")
                .at_line(path, header_line, 1)
                .with_hint(format!("the first row must name the columns: id, name, owner, description, then question ids (delimiter read as `{}`)", delimiter as char)),
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
                    format!("column `{c}` appears twice in the CSV header"),
                )
                .at_line(path, header_line, i + 1)
                .with_hint("keep one column per question; the later one is ignored"),
            );
            continue;
        }
        question_cols.push((i, c.as_str()));
    }
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_of(e.position());
                inv.diagnostics.push(
                    Diagnostic::error("A018", format!("malformed CSV row: {e}"))
                        .at_line(path, line, 1)
                        .with_hint("check the quotes of this row"),
                );
                continue;
            }
        };
        let line = line_of(record.position());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            let extra_empty = record.len() > columns.len()
                && record
                    .iter()
                    .skip(columns.len())
                    .all(|c| c.trim().is_empty());
            if !extra_empty {
                inv.diagnostics.push(
                    Diagnostic::error("A018", format!("malformed CSV row: {} cells, but the header has {} columns", record.len(), columns.len()))
                        .at_line(path, line, record.len().min(columns.len()) + 1)
                        .with_hint(format!("every row needs one cell per column, separated by `{}`; quote cells that contain the delimiter", delimiter as char)),
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
                let col = if msg.starts_with("lifecycle_date") {
                    life_date_col
                } else {
                    life_col
                };
                inv.diagnostics.push(
                    Diagnostic::error("A031", msg)
                        .at_line(path, line, col.map_or(1, |c| c + 1))
                        .with_hint("lifecycle: planned, in-development, in-use or retired; lifecycle_date: YYYY-MM-DD"),
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
            entry.answer_at.push((line, i + 1));
        }
        if entry.id.is_empty() {
            inv.diagnostics.push(
                Diagnostic::error("A014", "a row has no `id`")
                    .at_line(path, line, id_col + 1)
                    .with_hint("give every system a unique id, e.g. GEM-001"),
            );
            continue;
        }
        inv.systems.push(entry);
        if inv.systems.len() >= chunk {
            f(std::mem::take(&mut inv));
        }
    }
    f(inv);
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
        assert_eq!(a.answer_at[1], (2, 6));
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
        assert!(inv.diagnostics[0].message.contains("`ID` appears twice"));
        assert_eq!(inv.systems[0].id, "A");
    }
}
