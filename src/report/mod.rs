//! The reports of a result. Every output reads one shape, a system's `SystemResult` (the
//! engine's assessment and the system's inventory entry, referring to the pack by index), and
//! looks up the pack's texts in the report's language only when it writes:
//!
//! - `summary`: by id, for machines (the batch JSON line, the CSV and table row);
//! - `model` (one system), `plan` (the organisation's view) and `document` (the inventory):
//!   the result in words, borrowed from the pack, for the full JSON, Markdown and HTML;
//! - one renderer per format. No renderer computes anything the engine did not: they lay out
//!   the result, in the report's language, and escape what users typed.
//!
//! Inside, every import points down: `document` → `plan` → `model` → `deciding` → `cite`,
//! `i18n`, `result`.

pub mod cite;
pub mod deciding;
pub mod document;
pub mod model;
pub mod plan;
pub mod result;
pub mod summary;

mod csv;
mod html;
mod i18n;
mod json;
mod markdown;
mod options;
mod table;
mod template;

pub use self::csv::{csv_header, csv_header_line, csv_row, render_csv};
pub use self::html::render_html;
pub use self::json::{render_json, render_json_with};
pub use self::markdown::{escape_markdown, render_markdown, render_markdown_with};
pub use self::table::{
    TABLE_SAMPLE, TableWriter, render_table, system_tables, table_cells, table_footer,
};
pub use cite::{Citation, answer_label, citation_text, citations, eurlex_url, item_title};
pub use document::{InventoryReport, LifecycleCount, RiskCount, Tally, lifecycle_counts, totals};
pub use i18n::{long_date, tr};
pub use model::*;
pub use options::{RenderOptions, STATUS_ORDER};
pub use result::SystemResult;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
    Html,
    Csv,
}

/// Renders a report (one system is an inventory of one) in the chosen format.
pub fn render(report: &InventoryReport<'_>, format: Format, opts: &RenderOptions) -> String {
    match format {
        Format::Json => render_json_with(report, opts),
        Format::Table => render_table(report, opts),
        Format::Csv => render_csv(report),
        Format::Markdown => render_markdown_with(report, opts),
        Format::Html => render_html(report, opts),
    }
}
