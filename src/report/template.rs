//! The template environment of the Markdown and HTML renderers: the report goes in as its
//! JSON value (so the templates see exactly the JSON output), with the fixed texts, the
//! language and the options.

use super::document::InventoryReport;
use super::i18n::{self, long_date};
use super::options::RenderOptions;
use crate::rules::{Lang, RiskClass, Role};

/// A model value for the templates (through JSON, so templates see exactly the JSON output).
pub(super) fn to_value<T: serde::Serialize>(v: &T) -> minijinja::Value {
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
pub(super) fn template_env(lang: Lang) -> minijinja::Environment<'static> {
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
pub(super) fn context(
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
pub(super) fn render_template(
    env: &minijinja::Environment<'_>,
    name: &str,
    ctx: minijinja::Value,
) -> String {
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
