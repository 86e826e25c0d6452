//! One report model (the result plus provenance, with ids resolved to texts in one language)
//! and its renderers. No renderer computes anything the engine did not.

pub mod junit;
pub mod model;
pub mod sarif;

pub use model::*;

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
pub fn render(report: &InventoryReport, format: Format, opts: &RenderOptions) -> String {
    match format {
        Format::Json => render_json(report),
        Format::Table => render_table(report, opts),
        Format::Csv => render_csv(report),
        Format::Markdown | Format::Html => render_markdown(report),
    }
}

pub fn render_json(report: &InventoryReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}

fn deadline_text(s: &SystemReport) -> String {
    s.next_deadlines
        .first()
        .map(|d| d.date.to_string())
        .unwrap_or_default()
}

fn route_text(s: &SystemReport) -> String {
    s.reasons
        .iter()
        .filter_map(|r| r.point.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

fn roles_text(s: &SystemReport) -> String {
    s.roles
        .iter()
        .map(|r| r.name())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn render_table(report: &InventoryReport, opts: &RenderOptions) -> String {
    let mut table = comfy_table::Table::new();
    table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    if let Some(w) = opts.width {
        table.set_width(w);
    }
    table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    table.set_header(vec![
        "id",
        "name",
        "risk",
        "route",
        "roles",
        "now",
        "next deadline",
        "open",
    ]);
    for s in &report.systems {
        table.add_row(vec![
            s.id.clone(),
            s.name.clone(),
            s.risk.name().to_string(),
            route_text(s),
            roles_text(s),
            s.applying_now().to_string(),
            deadline_text(s),
            s.open_questions.len().to_string(),
        ]);
    }
    format!("{table}\n")
}

pub fn render_csv(report: &InventoryReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "id",
        "name",
        "owner",
        "risk",
        "route",
        "roles",
        "obligations_now",
        "next_deadline",
        "open_questions",
    ]);
    for s in &report.systems {
        let _ = w.write_record([
            s.id.clone(),
            s.name.clone(),
            s.owner.clone(),
            s.risk.name().to_string(),
            route_text(s),
            roles_text(s),
            s.applying_now().to_string(),
            deadline_text(s),
            s.open_questions
                .iter()
                .map(|q| q.id.clone())
                .collect::<Vec<_>>()
                .join(";"),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn render_markdown(report: &InventoryReport) -> String {
    let mut s = String::new();
    for sys in &report.systems {
        s.push_str(&format!(
            "## {} — {}\n\nrisk: {}\n\n",
            sys.id,
            sys.name,
            sys.risk.name()
        ));
        for o in &sys.obligations {
            s.push_str(&format!("- {} ({:?})\n", o.id, o.status));
        }
        s.push('\n');
    }
    s
}
