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
mod table;

pub use self::csv::{csv_header, csv_header_line, csv_row, render_csv};
pub use self::html::render_html;
pub use self::json::{render_json, render_json_with};
pub use self::markdown::{escape_markdown, render_markdown, render_markdown_with};
pub use self::table::{
    TABLE_SAMPLE, TableWriter, render_table, system_tables, table_cells, table_footer,
};
pub use cite::{Citation, answer_label, citation_text, citations, eurlex_url, item_title};
pub use document::{InventoryReport, LifecycleCount, RiskCount, lifecycle_counts, totals};
pub use i18n::{long_date, tr};
pub use model::*;
pub use result::SystemResult;

use crate::rules::{Lang, RiskClass, Role};
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
    Html,
    Csv,
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Colours in the terminal table.
    pub color: bool,
    /// Terminal width for tables, if known.
    pub width: Option<u16>,
    /// A generation time to print; none by default so that output is deterministic.
    pub timestamp: Option<String>,
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

/// A model value for the templates (through JSON, so templates see exactly the JSON output).
fn to_value<T: serde::Serialize>(v: &T) -> minijinja::Value {
    from_json(serde_json::to_value(v).unwrap_or_default())
}

fn from_json(v: serde_json::Value) -> minijinja::Value {
    use minijinja::Value;
    match v {
        serde_json::Value::Null => Value::from(()),
        serde_json::Value::Bool(b) => Value::from(b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or_default())
            }
        }
        serde_json::Value::String(s) => Value::from(s),
        serde_json::Value::Array(a) => {
            Value::from(a.into_iter().map(from_json).collect::<Vec<_>>())
        }
        serde_json::Value::Object(o) => Value::from(
            o.into_iter()
                .map(|(k, v)| (k, from_json(v)))
                .collect::<std::collections::BTreeMap<_, _>>(),
        ),
    }
}

/// The template environment shared by the Markdown and HTML renderers: whitespace control,
/// strict undefined values (a typo in a template is an error, not an empty string), and the
/// filters that put model values into the report's language.
fn template_env(lang: Lang) -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
    env.add_filter("longdate", move |s: String| long_date(&s, lang));
    env.add_filter("role", move |s: String| {
        Role::parse(&s).map_or(s.clone(), |r| r.label(lang).to_string())
    });
    env.add_filter("risk", move |s: String| {
        RiskClass::parse(&s).map_or(s.clone(), |r| r.label(lang).to_string())
    });
    env
}

/// The common template context: the report, the fixed texts, the language, the options.
fn context(
    report: &InventoryReport<'_>,
    opts: &RenderOptions,
) -> std::collections::BTreeMap<&'static str, minijinja::Value> {
    std::collections::BTreeMap::from([
        ("r", to_value(report)),
        ("t", minijinja::Value::from(i18n::texts(report.language))),
        ("lang", minijinja::Value::from(report.language.code())),
        ("single", minijinja::Value::from(report.systems.len() == 1)),
        ("timestamp", minijinja::Value::from(opts.timestamp.clone())),
    ])
}

/// Renders a template; a template error is a bug, reported in the output rather than a panic.
fn render_template(env: &minijinja::Environment<'_>, name: &str, ctx: minijinja::Value) -> String {
    match env.get_template(name).and_then(|t| t.render(ctx)) {
        Ok(s) => s,
        Err(e) => {
            let mut msg =
                format!("internal error: cannot render the report template `{name}`: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            msg + "\n"
        }
    }
}

/// The obligation statuses in the order reports group them.
pub const STATUS_ORDER: [&str; 4] = ["applies", "transition", "upcoming", "undetermined"];
