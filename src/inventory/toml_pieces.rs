//! Cutting a TOML inventory into its systems: to read a large file a few systems at a time,
//! and to isolate a syntax error to the system it is in.

use super::Inventory;
use crate::diag::Diagnostic;

/// Finds the lines that start a system: `[[system]]` on a line of its own (spaces and a
/// comment allowed), outside a multi-line string. Fed the lines of a text in order. Strings
/// are followed as TOML writes them: `"""` in a one-line string (`'say """hi'`) opens nothing,
/// and `\"""` in a multi-line basic string does not close it.
#[derive(Default)]
pub struct SystemStarts {
    /// The delimiter of the multi-line string the last line ended in, if any.
    open: Option<&'static str>,
}

impl SystemStarts {
    /// Whether `line` starts a system.
    pub fn starts_system(&mut self, line: &str) -> bool {
        let starts = self.open.is_none() && is_system_header(line);
        let b = line.as_bytes();
        let at = |i: usize, q: &str| b.get(i..i + 3) == Some(q.as_bytes());
        let mut i = 0;
        while i < b.len() {
            match self.open {
                Some(q) => {
                    if q == "\"\"\"" && b[i] == b'\\' {
                        i += 2;
                    } else if at(i, q) {
                        i += 3;
                        // Up to two quotes more belong to the string (`""""" ` ends `""`).
                        let mut extra = 0;
                        while extra < 2 && b.get(i) == Some(&q.as_bytes()[0]) {
                            i += 1;
                            extra += 1;
                        }
                        self.open = None;
                    } else {
                        i += 1;
                    }
                }
                None => match b[i] {
                    b'#' => break,
                    b'"' if at(i, "\"\"\"") => {
                        self.open = Some("\"\"\"");
                        i += 3;
                    }
                    b'\'' if at(i, "\'\'\'") => {
                        self.open = Some("\'\'\'");
                        i += 3;
                    }
                    quote @ (b'"' | b'\'') => {
                        // A one-line string: to its closing quote or the end of the line.
                        i += 1;
                        while i < b.len() && b[i] != quote && b[i] != b'\n' {
                            i += if quote == b'"' && b[i] == b'\\' { 2 } else { 1 };
                        }
                        i += 1;
                    }
                    _ => i += 1,
                },
            }
        }
        starts
    }
}

/// Whether a line is the header of a system table: `[[system]]`, `[[ system ]]  # comment`.
fn is_system_header(line: &str) -> bool {
    let code = line.split('#').next().unwrap_or("");
    let code: String = code.chars().filter(|c| !matches!(c, ' ' | '\t')).collect();
    code.trim_end_matches(['\r', '\n']) == "[[system]]"
}

/// Byte offsets of the lines that start a system.
fn system_starts(text: &str) -> Vec<usize> {
    let mut finder = SystemStarts::default();
    let mut offset = 0;
    let mut out = Vec::new();
    for line in text.split_inclusive('\n') {
        if finder.starts_system(line) {
            out.push(offset);
        }
        offset += line.len();
    }
    out
}

/// Reads a TOML inventory and hands over the systems about `chunk` at a time: the text is cut
/// before the lines that start a system and the pieces are parsed one by one (memory bounded
/// by the piece); positions stay those of the whole file.
pub fn toml_chunks(path: &str, text: &str, chunk: usize, f: &mut dyn FnMut(Inventory)) {
    if chunk == usize::MAX {
        return f(read_toml(path, text));
    }
    let mut cuts = vec![0];
    cuts.extend(
        system_starts(text)
            .into_iter()
            .skip(1)
            .step_by(chunk.max(1)),
    );
    cuts.push(text.len());
    let mut first_line = 1;
    for w in cuts.windows(2) {
        let piece = &text[w[0]..w[1]];
        f(read_toml_piece(path, piece, first_line));
        first_line += piece.matches('\n').count();
    }
}

/// Reads a TOML inventory (or answers file). A malformed system is reported and skipped; the
/// others are read.
pub fn read_toml(path: &str, text: &str) -> Inventory {
    read_toml_piece(path, text, 1)
}

/// Reads a piece of a TOML inventory whose first line is `first_line` of the file. A syntax
/// error is isolated to its system: the piece is read again system by system, so that one bad
/// system does not take the others with it.
pub fn read_toml_piece(path: &str, text: &str, first_line: usize) -> Inventory {
    let mut inv = Inventory::default();
    let index = super::LineIndex::starting_at(text, first_line);
    let (root, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let mut cuts = vec![0];
        cuts.extend(system_starts(text));
        cuts.push(text.len());
        cuts.dedup();
        if cuts.len() > 2 {
            for w in cuts.windows(2) {
                let part = read_toml_piece(path, &text[w[0]..w[1]], index.line(w[0]));
                inv.systems.extend(part.systems);
                inv.diagnostics.extend(part.diagnostics);
            }
            return inv;
        }
    }
    // An error at the end of the text (a string or table left open) is shown at the end of
    // its last line, not on the line after it, which is another system's first.
    let end = text.trim_end_matches(['\n', '\r']).len();
    let point =
        |d: Diagnostic, span: std::ops::Range<usize>| index.point(d, path, span.start.min(end));
    for e in &errors {
        inv.diagnostics.push(
            point(
                Diagnostic::error(
                    "A010",
                    crate::diag::syntax_error(
                        "TOML",
                        e.message().lines().next().unwrap_or("").trim(),
                    ),
                ),
                e.span().unwrap_or(0..0),
            )
            .with_hint(t!(
                "fix the TOML syntax; see docs/inventory-format.md",
                "verbeter de TOML-syntaxis; zie docs/inventory-format.md"
            )),
        );
    }
    if errors.is_empty() {
        super::toml_format::read_root(path, text, &index, root.get_ref(), &mut inv);
    } else {
        inv.diagnostics.push(not_read(path, text, &index));
    }
    inv
}

/// The problem that names what a syntax error keeps from being read: the lines of the piece
/// (one system, or the systems a string left open runs over) and the ids written in them.
fn not_read(path: &str, text: &str, index: &super::LineIndex<'_>) -> Diagnostic {
    let first = index.line(0);
    let last = index.line(text.trim_end().len().saturating_sub(1));
    let ids: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("id"))
        .filter_map(|l| l.trim_start().strip_prefix('='))
        .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next())
        .map(|id| {
            format!(
                "`{}`",
                crate::diag::printable(&crate::diag::excerpt(id, 100), false)
            )
        })
        .collect();
    let message = match ids.as_slice() {
        [] => t!(
            "lines {first} to {last} are not read because of the TOML syntax error in them",
            "de regels {first} tot en met {last} worden niet gelezen door de TOML-syntaxisfout erin"
        ),
        [id] => t!(
            "system {id} (lines {first} to {last}) is not read because of the TOML syntax error in it",
            "systeem {id} (regels {first} tot en met {last}) wordt niet gelezen door de TOML-syntaxisfout erin"
        ),
        _ => {
            let ids = ids.join(", ");
            t!(
                "systems {ids} (lines {first} to {last}) are not read because of the TOML syntax error in them",
                "de systemen {ids} (regels {first} tot en met {last}) worden niet gelezen door de TOML-syntaxisfout erin"
            )
        }
    };
    Diagnostic::error("A042", message)
        .at_line(path, first, 1)
        .with_hint(not_read_hint())
}

/// The hint of A042: what to do about the systems a syntax error keeps from being read.
pub(super) fn not_read_hint() -> crate::rules::Text {
    t!(
        "fix the syntax error; the systems in these lines are not assessed until then",
        "verbeter de syntaxisfout; tot dan worden de systemen in deze regels niet beoordeeld"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{SystemEntry, problems};

    #[test]
    fn pieces_keep_the_positions_of_the_whole_file() {
        let text = "[inventory]\ntitle = \"x\"\n\n[[system]]\nid = \"A\"\n\n[[system]]\nid = \"B\"\n[system.answers]\nq = true\n\n[[system]]\nid = \"C\"\nnmae = 1\n";
        let mut pieces = Vec::new();
        toml_chunks("i.toml", text, 1, &mut |inv| pieces.push(inv));
        assert_eq!(pieces.len(), 3);
        let whole = read_toml("i.toml", text);
        let chunked: Vec<SystemEntry> = pieces.iter().flat_map(|p| p.systems.clone()).collect();
        assert_eq!(chunked, whole.systems);
        let lines = |ds: &[Diagnostic]| {
            ds.iter()
                .map(|d| d.location.as_ref().map_or(0, |l| l.line))
                .collect::<Vec<_>>()
        };
        assert_eq!(lines(&pieces[2].diagnostics), lines(&whole.diagnostics));
        assert_eq!(lines(&whole.diagnostics), [14]);
    }

    #[test]
    fn bad_system_is_reported_and_others_kept() {
        let text = "[[system]]\nid = \"A\"\nnmae = \"x\"\n\n[[system]]\nid = \"B\"\n";
        let inv = read_toml("inv.toml", text);
        assert_eq!(inv.systems.len(), 1);
        assert_eq!(inv.systems[0].id, "B");
        let d = &inv.diagnostics[0];
        assert_eq!(d.code, "A011");
        assert_eq!(
            d.location.as_ref().map(|l| (l.line, l.column)),
            Some((3, 1))
        );
        assert!(
            d.hint
                .as_ref()
                .map_or("", |h| h.en.as_str())
                .contains("name")
        );
    }

    /// A quote left on the blank line that ends a system opens a string the line break ends:
    /// the error is on that line (line 5, after the system's last key), and the system it
    /// keeps from being read is named by id and lines.
    #[test]
    fn a_syntax_error_names_the_system_it_takes() {
        let text = "[[system]]\nid = \"A\"\n\n[system.answers]\n\"\n[[system]]\nid = \"B\"\n";
        let inv = read_toml("i.toml", text);
        let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["B"]);
        let got = problems(&inv);
        assert!(
            got[..got.len() - 1]
                .iter()
                .all(|(c, l, _)| *c == "A010" && *l == 5),
            "{got:?}"
        );
        assert_eq!(
            got.last().cloned(),
            Some((
                "A042",
                1,
                "system `A` (lines 1 to 5) is not read because of the TOML syntax error in it"
                    .to_string()
            ))
        );
    }

    /// `"""` inside a one-line string opens no multi-line string, and `\"""` inside a multi-line
    /// basic string does not close it: the systems are cut where TOML has them, so that a
    /// syntax error takes its own system only, and an error at the end of a piece is shown on
    /// the piece's last line (line 10), not on the first line of the next system.
    #[test]
    fn strings_are_followed_as_toml_writes_them() {
        let text = "[[system]]\nid = \"A\"\nname = 'say \"\"\"hi'\n\n[[system]]\nid = \"B\"\nowner = \n\n[[ system ]] # the third\nid = \"C\"\n";
        let inv = read_toml("i.toml", text);
        let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["A", "C"]);
        assert_eq!(
            problems(&inv).last().cloned(),
            Some((
                "A042",
                5,
                "system `B` (lines 5 to 7) is not read because of the TOML syntax error in it"
                    .to_string()
            ))
        );
        let text = "[[system]]\nid = \"A\"\ndescription = \"\"\"one\n[[system]]\nid = \\\"\"\"\nowner = 1\n\n[[system]]\nid = \"B\"\nowner = \n";
        let inv = read_toml("i.toml", text);
        assert!(inv.systems.is_empty());
        let got = problems(&inv);
        assert!(
            got[..got.len() - 1]
                .iter()
                .all(|(c, l, _)| *c == "A010" && *l == 10),
            "{got:?}"
        );
        assert_eq!(
            got.last().map(|p| p.2.clone()),
            Some("systems `A`, `B` (lines 1 to 10) are not read because of the TOML syntax error in them".to_string())
        );
    }

    /// 20 000 unknown keys, each located at its own line and column: the line starts are
    /// indexed once (each error's position was counted from the start of the file, 47 s in a
    /// release build). No timing is asserted; a quadratic path shows as a test minutes long.
    #[test]
    fn many_key_errors_are_each_located() {
        let n = 20_000;
        let text: String = (0..n)
            .map(|i| format!("[[system]]\nid = \"S{i}\"\n  nmae = \"é{i}\"\n\n"))
            .collect();
        let inv = read_toml("i.toml", &text);
        assert_eq!(inv.systems.len(), 0);
        let got: Vec<(usize, usize)> = inv
            .diagnostics
            .iter()
            .filter(|d| d.code == "A011")
            .filter_map(|d| d.location.as_ref().map(|l| (l.line, l.column)))
            .collect();
        let expected: Vec<(usize, usize)> = (0..n).map(|i| (4 * i + 3, 3)).collect();
        assert_eq!(got, expected);
    }

    /// A multi-line string left open runs over the systems after it: all of them are named.
    #[test]
    fn a_string_left_open_names_every_system_it_runs_over() {
        let text = "[[system]]\nid = \"A\"\ndescription = \"\"\"\nmulti\nline\"\"\n\n[[system]]\nid = \"B\"\n\n[[system]]\nid = \"C\"\n";
        let inv = read_toml("i.toml", text);
        assert!(inv.systems.is_empty());
        let got = problems(&inv);
        assert_eq!(
            got.last().cloned(),
            Some((
                "A042",
                1,
                "systems `A`, `B`, `C` (lines 1 to 11) are not read because of the TOML syntax error in them"
                    .to_string()
            ))
        );
    }
}
