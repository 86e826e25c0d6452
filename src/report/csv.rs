//! CSV: the batch summary, one row per system (`summary::Row`). Cells that a spreadsheet would run as a formula
//! are neutralised.

use super::document::InventoryReport;
use super::summary::Row;
use crate::inventory::CsvDialect;
use crate::rules::Lang;

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
pub fn render_csv(report: &InventoryReport<'_>) -> String {
    let mut out = csv_header_line(report.language);
    for r in &report.results {
        out.push_str(&csv_row(
            &Row::new(report.pack, r, report.language),
            report.language,
        ));
    }
    out
}
