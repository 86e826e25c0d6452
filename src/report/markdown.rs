//! Markdown: the same sections as the HTML report, for wikis, tickets and merge requests.
//! Every text goes through the `md` filter, so that what users typed cannot break a table or
//! inject markup.

use super::document::InventoryReport;
use super::options::RenderOptions;
use super::template::{context, render_template, template_env};

const TEMPLATE: &str = include_str!("templates/report.md.j2");
const ORGANISATION: &str = include_str!("templates/organisation.md.j2");

/// Escapes text for Markdown, inline and inside table cells: backslash escapes for the
/// characters that start markup (`\ | * _ ` [ ] < > # ~`), and line breaks as `<br>` so that
/// a multi-line text stays in its table cell.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The report as Markdown.
pub fn render_markdown_with(report: &InventoryReport<'_>, opts: &RenderOptions) -> String {
    let mut env = template_env(report.language);
    env.add_filter("md", |s: String| escape_markdown(&s));
    if let Err(e) = env
        .add_template("organisation.md", ORGANISATION)
        .and_then(|()| env.add_template("report.md", TEMPLATE))
    {
        return format!("internal error: bad Markdown template: {e:#}\n");
    }
    let ctx = minijinja::Value::from(context(report, opts));
    render_template(&env, "report.md", ctx)
}

/// The report as Markdown, without a generation time.
pub fn render_markdown(report: &InventoryReport<'_>) -> String {
    render_markdown_with(report, &RenderOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_breaking_characters_are_escaped() {
        assert_eq!(escape_markdown("a|b"), "a\\|b");
        assert_eq!(
            escape_markdown("line 1\nline 2\r\nline 3"),
            "line 1<br>line 2<br>line 3"
        );
        assert_eq!(escape_markdown("<script>"), "&lt;script&gt;");
        assert_eq!(
            escape_markdown("[x](javascript:y)"),
            "\\[x\\](javascript:y)"
        );
        assert!(!escape_markdown("a\u{1b}[31mb").contains('\u{1b}'));
    }
}
