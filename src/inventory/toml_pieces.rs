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
                    format!(
                        "TOML syntax error: {}",
                        e.message().lines().next().unwrap_or("").trim()
                    ),
                ),
                e.span().unwrap_or(0..0),
            )
            .with_hint("fix the TOML syntax; see docs/inventory-format.md"),
        );
    }
    if errors.is_empty() {
        super::toml_format::read_root(path, text, &index, root.get_ref(), &mut inv);
    }
    inv
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
        assert!(d.hint.as_deref().unwrap_or("").contains("name"));
    }
}
