//! Cutting a TOML inventory into its systems: to read a large file a few systems at a time,
//! and to isolate a syntax error to the system it is in.

use super::Inventory;
use crate::diag::Diagnostic;

/// Finds the lines that start a system: `[[system]]` alone on a line, outside a multi-line
/// string. Fed the lines of a text in order.
#[derive(Default)]
pub struct SystemStarts {
    /// The delimiter of the multi-line string the last line ended in, if any.
    open: Option<&'static str>,
}

impl SystemStarts {
    /// Whether `line` starts a system.
    pub fn starts_system(&mut self, line: &str) -> bool {
        let starts = self.open.is_none() && line.trim_end() == "[[system]]";
        let mut rest = line;
        loop {
            match self.open {
                Some(q) => match rest.find(q) {
                    Some(i) => {
                        rest = &rest[i + 3..];
                        self.open = None;
                    }
                    None => break,
                },
                None => {
                    let next = ["\"\"\"", "'''"]
                        .into_iter()
                        .filter_map(|q| rest.find(q).map(|i| (i, q)))
                        .min();
                    // A `#` before the delimiter makes it a comment.
                    match next {
                        Some((i, q)) if !rest[..i].contains('#') => {
                            rest = &rest[i + 3..];
                            self.open = Some(q);
                        }
                        _ => break,
                    }
                }
            }
        }
        starts
    }
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
    let point = |d: Diagnostic, span: std::ops::Range<usize>| index.point(d, path, span.start);
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
    use crate::inventory::SystemEntry;

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

    fn problems(inv: &Inventory) -> Vec<(&str, usize, String)> {
        inv.diagnostics
            .iter()
            .map(|d| {
                let line = d.location.as_ref().map_or(0, |l| l.line);
                (d.code, line, d.message.en.clone())
            })
            .collect()
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
