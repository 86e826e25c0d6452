//! The summary shown at the end of an interview, read from the system's result in words (it computes
//! nothing the engine did not), and the offer to write the full report.

use super::interview::Interview;
use super::prompter::{PromptError, Prompter};
use super::texts::{Ui, fill, ui};
use crate::engine::{FindingStatus, ObligationStatus};
use crate::files::write_atomically;
use crate::report::SystemReport;
use crate::report::{self, Citation, Format, InventoryReport, ObligationView, RenderOptions};
use crate::rules::{Lang, RiskClass, Role};
use comfy_table::{ContentArrangement, Table, presets};
use std::path::PathBuf;

fn cites(c: &[Citation]) -> String {
    c.iter()
        .map(|c| c.text.as_ref())
        .collect::<Vec<_>>()
        .join("; ")
}

fn roles(r: &[Role], lang: Lang) -> String {
    r.iter()
        .map(|r| r.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(width.unwrap_or(100));
    t
}

/// The summary of one system's result, in the given language. `width` is the terminal width
/// (100 when unknown, so the output is the same everywhere).
pub fn render(r: &SystemReport<'_>, lang: Lang, width: Option<u16>) -> String {
    let ui: &Ui = ui(lang);
    let mut s = String::new();
    let title = if r.name.is_empty() {
        r.id.to_string()
    } else {
        format!("{} — {}", r.id, r.name)
    };
    let title = crate::diag::printable(&title, false);
    s.push_str(&format!("\n{}: {title}\n", ui.system));
    let mut class = format!("{}: {}", ui.classification, r.risk.label(lang));
    if r.risk == RiskClass::Undetermined && !r.possible_risks.is_empty() {
        let possible: Vec<&str> = r.possible_risks.iter().map(|c| c.label(lang)).collect();
        class.push_str(&format!(
            " ({}: {})",
            ui.still_possible,
            possible.join(", ")
        ));
    }
    s.push_str(&class);
    s.push('\n');

    if !r.reasons.is_empty() {
        s.push_str(&format!("\n{}\n", ui.why_header));
        let mut t = table(width);
        t.set_header(vec![ui.finding, ui.status, ui.cite]);
        for f in &r.reasons {
            let status = match f.status {
                FindingStatus::Applies => ui.finding_applies.to_string(),
                FindingStatus::Upcoming => fill(
                    ui.finding_upcoming,
                    &[(
                        "date",
                        &f.applies_from.map(|d| d.to_string()).unwrap_or_default(),
                    )],
                ),
                FindingStatus::Undetermined => ui.finding_undetermined.to_string(),
            };
            t.add_row(vec![f.title.to_string(), status, cites(&f.citations)]);
        }
        s.push_str(&format!("{t}\n"));
    }

    let mut role_line = format!(
        "\n{}: {}",
        ui.roles,
        if r.roles.is_empty() {
            ui.none.to_string()
        } else {
            roles(r.roles, lang)
        }
    );
    if !r.possible_roles.is_empty() {
        role_line.push_str(&format!(
            " ({}: {})",
            ui.possible_roles,
            roles(r.possible_roles, lang)
        ));
    }
    s.push_str(&role_line);
    s.push('\n');

    s.push_str(&format!("\n{}\n", ui.obligations));
    if r.obligations.is_empty() {
        s.push_str(&format!("  {}\n", ui.none));
    }
    let groups = [
        (ObligationStatus::Applies, ui.applies_now),
        (ObligationStatus::Upcoming, ui.upcoming),
        (ObligationStatus::Transition, ui.in_transition),
        (ObligationStatus::Undetermined, ui.undetermined),
    ];
    for (status, label) in groups {
        let items: Vec<&ObligationView> = r
            .obligations
            .iter()
            .filter(|o| o.status == status)
            .collect();
        if items.is_empty() {
            continue;
        }
        s.push_str(&format!("\n{label} ({})\n", items.len()));
        let mut t = table(width);
        t.set_header(vec![ui.obligation, ui.for_role, ui.cite, ui.date]);
        for o in items {
            let mut when = match status {
                ObligationStatus::Applies => o
                    .applies_from
                    .map(|d| fill(ui.from_date, &[("date", &d.to_string())]))
                    .unwrap_or_default(),
                ObligationStatus::Upcoming => o
                    .applies_from
                    .map(|d| fill(ui.from_date, &[("date", &d.to_string())]))
                    .unwrap_or_default(),
                ObligationStatus::Transition => {
                    let until = o
                        .until
                        .map(|d| fill(ui.until_date, &[("date", &d.to_string())]))
                        .unwrap_or_default();
                    match &o.transition {
                        Some(why) => format!("{until}\n{why}"),
                        None => until,
                    }
                }
                ObligationStatus::Undetermined => {
                    fill(ui.decided_by, &[("ids", &o.deciding_questions.join(", "))])
                }
            };
            // An Art. 111 transition that holds from the start, or may hold: its end and why.
            if let (Some(u), Some(why), false) = (
                o.until,
                &o.transition,
                status == ObligationStatus::Transition,
            ) {
                let until = fill(ui.until_date, &[("date", &u.to_string())]);
                when = format!("{when}\n{until}\n{why}");
            }
            t.add_row(vec![
                o.title.to_string(),
                roles(o.roles, lang),
                cites(&o.citations),
                when,
            ]);
        }
        s.push_str(&format!("{t}\n"));
    }

    if !r.possible_duties.is_empty() {
        s.push_str(&format!("\n{}\n", ui.possible_duties));
        for g in &r.possible_duties {
            s.push_str(&format!("  • {}\n", g.label));
        }
    }

    if !r.deciding_questions.is_empty() {
        let total = r.deciding_questions.len();
        let shown = total.min(report::deciding::SHOWN);
        s.push_str(&format!(
            "\n{}\n",
            fill(
                ui.deciding,
                &[("shown", &shown.to_string()), ("total", &total.to_string())]
            )
        ));
        for d in &r.deciding_questions[..shown] {
            s.push_str(&format!("  • {} [{}]\n", d.text, cites(&d.citations)));
            for o in &d.outcomes {
                s.push_str(&format!("      {} → {}\n", o.answer, o.leads_to));
            }
        }
    } else if !r.open_questions.is_empty() {
        s.push_str(&format!("\n{}\n", ui.open_questions));
        let mut t = table(width);
        t.set_header(vec!["id", ui.question, ui.cite, ui.status]);
        for q in &r.open_questions {
            let state = if q.answered_unknown {
                ui.answered_dont_know
            } else {
                ui.not_answered
            };
            t.add_row(vec![
                q.id.to_string(),
                q.text.to_string(),
                cites(&q.citations),
                state.to_string(),
            ]);
        }
        s.push_str(&format!("{t}\n"));
    }

    if !r.notes.is_empty() {
        s.push_str(&format!("\n{}\n", ui.notes));
        let columns = usize::from(width.unwrap_or(100)).max(40) - 4;
        for n in &r.notes {
            let c = cites(&n.citations);
            let text = if c.is_empty() {
                n.text.trim().to_string()
            } else {
                format!("{} [{c}]", n.text.trim())
            };
            for (k, line) in wrap(&text, columns).iter().enumerate() {
                s.push_str(if k == 0 { "  • " } else { "    " });
                s.push_str(line);
                s.push('\n');
            }
        }
    }
    s.push_str(&format!("\n{}\n", ui.disclaimer));
    s
}

/// Splits a text into lines of at most `columns` characters, at spaces.
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Offers to write the full report (Markdown, JSON or HTML); returns the file written, if any.
pub fn offer_report(
    interview: &Interview<'_>,
    p: &mut dyn Prompter,
) -> Result<Option<PathBuf>, PromptError> {
    let ui = ui(interview.lang);
    if !p.confirm("write_report", ui.write_report, false)? {
        return Ok(None);
    }
    let formats = [
        (Format::Markdown, "Markdown", "md"),
        (Format::Json, "JSON", "json"),
        (Format::Html, "HTML", "html"),
    ];
    let options: Vec<String> = formats
        .iter()
        .map(|(_, name, _)| (*name).to_string())
        .collect();
    let Some(i) = p.select("report_format", ui.report_format, &options)? else {
        return Ok(None);
    };
    let (format, _, ext) = formats[i.min(formats.len() - 1)];
    let stem = interview.save_path().file_stem().map_or_else(
        || "report".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let default = format!("{stem}-report.{ext}");
    let Some(file) = p.text("report_file", ui.report_file, &default, true)? else {
        return Ok(None);
    };
    let path = PathBuf::from(file.trim());
    let result = interview.result();
    let one = InventoryReport::new(interview.pack, interview.as_of, interview.lang, [&result]);
    let text = report::render(&one, format, &RenderOptions::default());
    match write_atomically(&path, text.as_bytes()) {
        Ok(()) => {
            p.say(&fill(
                ui.report_written,
                &[("file", &path.display().to_string())],
            ));
            Ok(Some(path))
        }
        Err(e) => {
            p.say(&fill(
                ui.report_failed,
                &[
                    ("file", &path.display().to_string()),
                    ("error", crate::diag::io_text(&e).get(interview.lang)),
                ],
            ));
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(super::wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(
            super::wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
        assert!(super::wrap("  ", 5).is_empty());
    }
}
