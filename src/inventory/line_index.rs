//! Byte offsets to lines and columns, for pointing every problem at its place in a file.

use crate::diag::Diagnostic;

/// Line starts of a text, built once, for turning byte offsets into 1-based lines and columns
/// in time independent of the text's size (inventories hold 100 000 systems, and minified JSON
/// puts them all on one line).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Characters before every `MARK`-th byte, so that a column is counted over at most
    /// `MARK` bytes however long its line.
    marks: Vec<usize>,
    /// The line number of the text's first line (a piece of a larger file).
    first_line: usize,
}

const MARK: usize = 4096;

/// Characters that start in a byte slice (valid UTF-8 or a slice of it).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::starting_at(text, 1)
    }

    /// The index of a piece of a file whose first line is line `first_line` of the file.
    pub fn starting_at(text: &'a str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(line_breaks(text.as_bytes()));
        let mut marks = Vec::with_capacity(text.len() / MARK + 1);
        let mut chars = 0;
        for block in text.as_bytes().chunks(MARK) {
            marks.push(chars);
            chars += char_starts(block);
        }
        LineIndex {
            text,
            starts,
            marks,
            first_line: first_line.max(1),
        }
    }

    /// Characters before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / MARK;
        let base = self.marks.get(block).copied().unwrap_or(0);
        base + char_starts(&self.text.as_bytes()[block * MARK..offset])
    }

    /// 0-based line (in this text) of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset).max(1) - 1
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = if offset - start <= MARK {
            char_starts(&self.text.as_bytes()[start..offset]) + 1
        } else {
            self.chars_before(offset) - self.chars_before(start) + 1
        };
        (line + self.first_line, column)
    }

    /// Like `line_col`, for offsets read in increasing order: counted from the previous one
    /// (`cursor`, 0 to start with) when it is on the same line, so that the positions of all
    /// the values of a line cost one pass over it.
    pub fn line_col_after(
        &self,
        cursor: &mut (usize, usize, usize),
        offset: usize,
    ) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let (prev, prev_line, prev_col) = *cursor;
        let line = self.line_of(offset);
        let column = if prev_col > 0 && line == prev_line && offset >= prev {
            prev_col + char_starts(&self.text.as_bytes()[prev..offset])
        } else {
            let start = self.starts[line];
            if offset - start <= MARK {
                char_starts(&self.text.as_bytes()[start..offset]) + 1
            } else {
                self.chars_before(offset) - self.chars_before(start) + 1
            }
        };
        *cursor = (offset, line, column);
        (line + self.first_line, column)
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.line_of(offset.min(self.text.len())) + self.first_line
    }

    /// The text of a 0-based line of this text, without its line break.
    fn text_of(&self, line: usize) -> &'a str {
        let start = self.starts.get(line).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |e| e.saturating_sub(1));
        self.text
            .get(start..end.max(start))
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// The text of a 1-based line (of the file), without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        self.text_of(line.saturating_sub(self.first_line))
    }

    /// A diagnostic pointed at a byte offset, with the source line (or an excerpt of a long
    /// one) for display.
    pub fn point(&self, d: Diagnostic, file: &str, offset: usize) -> Diagnostic {
        let offset = offset.min(self.text.len());
        let (line, column) = self.line_col(offset);
        let index = line - self.first_line;
        d.at_line(file, line, column)
            .with_source(self.text_of(index), offset - self.starts[index])
    }
}

/// Byte offsets just after each line break.
fn line_breaks(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_matches_diag_line_col() {
        let text = "ab\ncdé f\n\nlast";
        let idx = LineIndex::new(text);
        let mut cursor = (0, 0, 0);
        for off in [0, 1, 3, 6, 8, 9, 10, text.len()] {
            if text.is_char_boundary(off) {
                assert_eq!(idx.line_col_after(&mut cursor, off), idx.line_col(off));
            }
        }
        // A long line of several-byte letters: columns in characters, past the 4 KiB marks.
        let long = format!("x\n{}", "é".repeat(10_000));
        let long_idx = LineIndex::new(&long);
        assert_eq!(long_idx.line_col(long.len()), (2, 10_001));
        assert_eq!(long_idx.line_col(2 + 2 * 5000), (2, 5001));
        for off in [0, 1, 3, 6, 8, 9, 10, text.len()] {
            if text.is_char_boundary(off) {
                let (l, c, t) = crate::diag::line_col(text, off);
                assert_eq!(idx.line_col(off), (l, c), "offset {off}");
                assert_eq!(idx.line_text(l), t);
            }
        }
    }
}
