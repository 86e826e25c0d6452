//! JSON: the report model as it is (its schema is committed as docs/report-schema.json).

use super::document::InventoryReport;
use super::options::RenderOptions;

/// The report as pretty JSON. A generation time, when asked for, is added as a top-level
/// `generated` field; without it the output is byte-identical for the same inputs.
pub fn render_json_with(report: &InventoryReport<'_>, opts: &RenderOptions) -> String {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let (Some(ts), Some(obj)) = (&opts.timestamp, value.as_object_mut()) {
        obj.insert("generated".into(), serde_json::Value::String(ts.clone()));
    }
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// The report as pretty JSON, without a generation time.
pub fn render_json(report: &InventoryReport<'_>) -> String {
    render_json_with(report, &RenderOptions::default())
}
