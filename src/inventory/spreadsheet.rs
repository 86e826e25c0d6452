//! CSV for spreadsheets as people open them: the dialect of the reader's language (Belgian and
//! Dutch Excel need `;` and a byte-order mark) and cells that a spreadsheet would run as a
//! formula neutralised. Used by every CSV the tool writes: summaries, templates,
//! questionnaires and exported inventories.

use crate::rules::Lang;

/// How a CSV file is written for the spreadsheet its reader opens it in. Belgian and Dutch
/// Excel read `;` as the delimiter and need a UTF-8 byte-order mark to keep accents; English
/// readers get plain RFC 4180 with `,`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvDialect {
    pub delimiter: u8,
    pub bom: bool,
}

impl CsvDialect {
    pub fn for_lang(lang: Lang) -> Self {
        match lang {
            Lang::En => CsvDialect {
                delimiter: b',',
                bom: false,
            },
            Lang::Nl => CsvDialect {
                delimiter: b';',
                bom: true,
            },
        }
    }

    /// Writes rows in this dialect (`\n` line ends, RFC 4180 quoting, formulas neutralised).
    pub fn write<I, R, C>(self, rows: I) -> String
    where
        I: IntoIterator<Item = R>,
        R: IntoIterator<Item = C>,
        C: AsRef<str>,
    {
        let mut w = ::csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for row in rows {
            let _ = w.write_record(row.into_iter().map(|c| neutralise_formula(c.as_ref())));
        }
        let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
        if self.bom {
            format!("\u{feff}{body}")
        } else {
            body
        }
    }
}

/// A cell that a spreadsheet could run as a formula is prefixed with `'` so that it shows as
/// text (CSV/formula injection): one that starts with `=`, `+`, `-`, `@` or their full-width
/// forms (`＝`, `＋`, `－`, `＠`), also after leading spaces or line breaks, or that starts
/// with a tab, a carriage return or a line break.
pub fn neutralise_formula(cell: &str) -> String {
    let starter = |c: char| matches!(c, '=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠');
    let first = cell.chars().next();
    let first_visible = cell.trim_start().chars().next();
    if matches!(first, Some('\t' | '\r' | '\n')) || first_visible.is_some_and(starter) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=1+1",
            "+31 6",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            " =1+1",
            "\n=cmd|' /C calc'!A0",
            "＝1+1",
            "\u{3000}＋1",
            "－2",
            "＠SUM(A1)",
        ] {
            assert!(neutralise_formula(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise_formula("Chatbot"), "Chatbot");
        assert_eq!(neutralise_formula(""), "");
        assert_eq!(neutralise_formula("  plain"), "  plain");
    }
}
