//! CSV: the batch summary, one row per system. Cells that a spreadsheet would run as a formula
//! are neutralised.

use super::InventoryReport;
use super::summary::Row;
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

/// The columns, a stable contract for scripts.
pub const CSV_HEADER: [&str; 14] = [
    "id",
    "name",
    "owner",
    "risk",
    "risk_label",
    "route",
    "roles",
    "obligations_applying",
    "obligations_in_transition",
    "obligations_upcoming",
    "obligations_undetermined",
    "next_deadline",
    "next_deadline_items",
    "open_questions",
];

/// The CSV columns (for scripts and tests).
pub fn csv_header() -> &'static [&'static str] {
    &CSV_HEADER
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

/// The header line of the CSV summary, after the byte-order mark where the dialect has one.
pub fn csv_header_line(lang: Lang) -> String {
    CsvDialect::for_lang(lang).write([CSV_HEADER])
}

/// One system's line of the CSV summary (the same whether built from the assessment, while
/// streaming, or from the full report).
pub fn csv_row(s: &Row<'_>, lang: Lang) -> String {
    let count = |i: usize| s.counts[i].to_string();
    let next = s.next_deadline;
    let cells = [
        s.id.to_string(),
        s.name.to_string(),
        s.owner.to_string(),
        s.risk.name().to_string(),
        s.risk_label.to_string(),
        s.route.join("; "),
        s.roles
            .iter()
            .map(|r| r.name())
            .collect::<Vec<_>>()
            .join(";"),
        count(0),
        count(1),
        count(2),
        count(3),
        next.map(|(d, _)| d.to_string()).unwrap_or_default(),
        next.map(|(_, items)| items.join(";")).unwrap_or_default(),
        s.open_questions.join(";"),
    ];
    let dialect = CsvDialect {
        bom: false,
        ..CsvDialect::for_lang(lang)
    };
    dialect.write([cells])
}

/// The batch summary as CSV: a header row, then a row per system, in the dialect of the
/// report's language (`;` and a byte-order mark in Dutch, for Belgian Excel).
pub fn render_csv(report: &InventoryReport) -> String {
    let mut out = csv_header_line(report.language);
    for s in &report.systems {
        out.push_str(&csv_row(&Row::of_report(s), report.language));
    }
    out
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
