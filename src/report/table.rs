//! The terminal table (comfy-table): respects the width given and colours only when asked
//! (the CLI turns colour off for `NO_COLOR`, `--color never` and pipes).

use super::i18n::{long_date, tr};
use super::{InventoryReport, RenderOptions, STATUS_ORDER, SystemReport};
use crate::engine::ObligationStatus;
use crate::rules::{Lang, RiskClass};
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

fn new_table(opts: &RenderOptions) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = opts.width {
        table.set_width(w);
    }
    // Styles are only ever set when colour is asked for; on a terminal, comfy-table also
    // detects the width when none is given.
    if opts.color {
        table.enforce_styling();
    }
    table
}

fn risk_color(risk: RiskClass) -> Option<Color> {
    match risk {
        RiskClass::Prohibited => Some(Color::Red),
        RiskClass::HighRisk => Some(Color::DarkYellow),
        RiskClass::Limited => Some(Color::Cyan),
        RiskClass::Minimal => Some(Color::Green),
        RiskClass::Undetermined => Some(Color::Magenta),
        _ => None,
    }
}

fn risk_cell(s: &SystemReport, opts: &RenderOptions) -> Cell {
    let cell = Cell::new(&s.risk_label);
    match risk_color(s.risk) {
        Some(c) if opts.color => cell.fg(c).add_attribute(Attribute::Bold),
        _ => cell,
    }
}

fn header(lang: Lang, keys: &[&str], opts: &RenderOptions) -> Vec<Cell> {
    keys.iter()
        .map(|k| {
            let c = Cell::new(tr(lang, k));
            if opts.color {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        })
        .collect()
}

/// User-typed text without control characters (no escape sequences reach the terminal).
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn route_text(s: &SystemReport) -> String {
    super::route_text(s, ", ")
}

fn roles_text(s: &SystemReport, lang: Lang) -> String {
    s.roles
        .iter()
        .map(|r| r.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn footer(report: &InventoryReport, opts: &RenderOptions) -> String {
    let lang = report.language;
    let p = &report.provenance;
    let mut s = format!(
        "{} {} · {} {} {}{} · {}\n{}\n",
        tr(lang, "assessed_on"),
        long_date(&p.as_of.to_string(), lang),
        tr(lang, "pack"),
        p.pack_id,
        p.pack_version,
        p.overlays_text(lang),
        report.law_title,
        tr(lang, "disclaimer_short"),
    );
    if let Some(ts) = &opts.timestamp {
        s.push_str(&format!("{}: {ts}\n", tr(lang, "generated")));
    }
    if let Some(o) = &report.organisation {
        s.insert_str(
            0,
            &format!("{}: {}\n", tr(lang, "organisation"), clean(&o.name)),
        );
    }
    if !report.lifecycle.is_empty() {
        let parts: Vec<String> = report
            .lifecycle
            .iter()
            .map(|c| {
                let key = c.stage.map_or("none", |s| s.name());
                format!("{} {}", tr(lang, &format!("stage_{key}")), c.count)
            })
            .collect();
        s.push_str(&format!(
            "{}: {}\n",
            tr(lang, "lifecycle"),
            parts.join(", ")
        ));
    }
    s
}

/// The terminal table: a summary row per system, or, for one system, its details.
pub fn render_table(report: &InventoryReport, opts: &RenderOptions) -> String {
    let lang = report.language;
    let mut out = String::new();
    if let [s] = report.systems.as_slice() {
        out.push_str(&system_tables(s, lang, opts));
    } else {
        let mut table = new_table(opts);
        table.set_header(header(
            lang,
            &[
                "id",
                "name",
                "risk",
                "route",
                "roles",
                "applies_now_count",
                "next_deadline",
                "open_count",
            ],
            opts,
        ));
        for s in &report.systems {
            // A system not (or no longer) in use says so next to its name.
            let name = match &s.lifecycle {
                Some(l) if l.stage != crate::engine::Stage::InUse => format!(
                    "{} ({})",
                    clean(&s.name),
                    tr(lang, &format!("stage_{}", l.stage.name()))
                ),
                _ => clean(&s.name),
            };
            table.add_row(vec![
                Cell::new(clean(&s.id)),
                Cell::new(name),
                risk_cell(s, opts),
                Cell::new(route_text(s)),
                Cell::new(roles_text(s, lang)),
                Cell::new(s.applying_now()),
                Cell::new(
                    s.next_deadlines
                        .first()
                        .map(|d| d.date.to_string())
                        .unwrap_or_default(),
                ),
                Cell::new(s.open_questions.len()),
            ]);
        }
        out.push_str(&format!("{table}\n"));
    }
    out.push_str(&footer(report, opts));
    out
}

fn system_tables(s: &SystemReport, lang: Lang, opts: &RenderOptions) -> String {
    let mut facts = new_table(opts);
    let mut add = |key: &str, value: Cell| {
        facts.add_row(vec![Cell::new(tr(lang, key)), value]);
    };
    add("id", Cell::new(clean(&s.id)));
    add("name", Cell::new(clean(&s.name)));
    if !s.owner.is_empty() {
        add("owner", Cell::new(clean(&s.owner)));
    }
    if let Some(l) = &s.lifecycle {
        let stage = l.stage.name();
        let mut text = tr(lang, &format!("stage_{stage}")).to_string();
        if let Some(d) = l.date {
            text.push_str(&format!(
                " ({} {})",
                tr(lang, &format!("stage_date_{stage}")),
                long_date(&d.to_string(), lang)
            ));
        }
        add("lifecycle", Cell::new(text));
    }
    add("risk", risk_cell(s, opts));
    if !s.possible_risks.is_empty() {
        let p = s
            .possible_risks
            .iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        add("possible_risks", Cell::new(p));
    }
    let route = route_text(s);
    if !route.is_empty() {
        add("route", Cell::new(route));
    }
    let roles = roles_text(s, lang);
    add(
        "roles",
        Cell::new(if roles.is_empty() {
            tr(lang, "none").to_string()
        } else {
            roles
        }),
    );
    if !s.possible_roles.is_empty() {
        let p = s
            .possible_roles
            .iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        add("possible_roles", Cell::new(p));
    }
    let mut out = format!("{facts}\n");

    if !s.obligations.is_empty() {
        let mut obligations = new_table(opts);
        obligations.set_header(header(
            lang,
            &["status", "obligation", "applies_from", "citations"],
            opts,
        ));
        for status in STATUS_ORDER {
            for o in s.obligations.iter().filter(|o| o.status.name() == status) {
                let mut when = o.applies_from.map(|d| d.to_string()).unwrap_or_default();
                // An Art. 111 transition before the obligation starts, or one that depends
                // on an open question, shows both dates.
                match o.until {
                    Some(u) if o.status == ObligationStatus::Transition => {
                        when = format!("{} {u}", tr(lang, "until"));
                    }
                    Some(u) => when = format!("{when}; {} {u}", tr(lang, "transition_until")),
                    None => {}
                }
                obligations.add_row(vec![
                    Cell::new(tr(lang, &format!("status_{status}"))),
                    // The transition names its end and what would bring it forward.
                    Cell::new(match &o.transition {
                        Some(t) => format!("{} ({})\n{t}", o.title, o.id),
                        None => format!("{} ({})", o.title, o.id),
                    }),
                    Cell::new(when),
                    Cell::new(
                        o.citations
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ]);
            }
        }
        out.push_str(&format!("{obligations}\n"));
    }
    if !s.possible_duties.is_empty() {
        out.push_str(&format!("{}:\n", tr(lang, "duties_by_class")));
        for g in &s.possible_duties {
            out.push_str(&format!("  - {}\n", g.label));
        }
    }
    if !s.deciding_questions.is_empty() {
        let total = s.deciding_questions.len();
        let shown = total.min(super::deciding::SHOWN);
        out.push_str(&format!(
            "{} ({shown} {} {total}):\n",
            tr(lang, "deciding_questions"),
            tr(lang, "of")
        ));
        for q in &s.deciding_questions[..shown] {
            out.push_str(&format!("  - {} ({})\n", q.text, q.id));
            for o in &q.outcomes {
                out.push_str(&format!("      {} → {}\n", o.answer, o.leads_to));
            }
        }
    } else if !s.open_questions.is_empty() {
        out.push_str(&format!("{}:\n", tr(lang, "open_questions")));
        for q in &s.open_questions {
            out.push_str(&format!("  - {} ({})\n", q.text, q.id));
        }
    }
    if !s.notes.is_empty() {
        out.push_str(&format!("{}:\n", tr(lang, "notes")));
        for n in &s.notes {
            out.push_str(&format!("  - {}\n", n.text));
        }
    }
    out
}
