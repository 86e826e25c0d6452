//! The terminal table (comfy-table): respects the width given and colours only when asked
//! (the CLI turns colour off for `NO_COLOR`, `--color never` and pipes).

use super::document::InventoryReport;
use super::i18n::{long_date, tr};
use super::model::SystemReport;
use super::options::{RenderOptions, STATUS_ORDER};
use super::summary::Row;
use crate::engine::ObligationStatus;
use crate::rules::{Lang, RiskClass};
use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

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

fn risk_cell(s: &SystemReport<'_>, opts: &RenderOptions) -> Cell {
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

fn roles_text(s: &SystemReport<'_>, lang: Lang) -> String {
    s.roles
        .iter()
        .map(|r| r.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn footer(report: &InventoryReport<'_>, opts: &RenderOptions) -> String {
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
            &format!("{}: {}\n", tr(lang, "organisation"), clean(o.name)),
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

/// The columns of the summary table.
const SUMMARY_COLUMNS: [&str; 8] = [
    "id",
    "name",
    "risk",
    "route",
    "roles",
    "applies_now_count",
    "next_deadline",
    "open_count",
];

/// One system's cells of the summary table.
pub fn table_cells(s: &Row<'_>, lang: Lang, opts: &RenderOptions) -> Vec<Cell> {
    let risk = Cell::new(&s.risk_label);
    let risk = match risk_color(s.risk) {
        Some(c) if opts.color => risk.fg(c).add_attribute(Attribute::Bold),
        _ => risk,
    };
    vec![
        Cell::new(clean(s.id)),
        // A system not (or no longer) in use says so next to its name.
        Cell::new(match s.stage {
            Some(stage) if stage != crate::engine::Stage::InUse => format!(
                "{} ({})",
                clean(s.name),
                tr(lang, &format!("stage_{}", stage.name()))
            ),
            _ => clean(s.name),
        }),
        risk,
        Cell::new(s.route.join(", ")),
        Cell::new(
            s.roles
                .iter()
                .map(|r| r.label(lang))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Cell::new(s.counts[0]),
        Cell::new(
            s.next_deadline
                .map(|(d, _)| d.to_string())
                .unwrap_or_default(),
        ),
        // What is still to ask: the deciding questions of an undetermined system, else the
        // open questions its duties wait for.
        Cell::new(if s.deciding > 0 {
            s.deciding
        } else {
            s.open_questions.len()
        }),
    ]
}

/// The summary table, one row per system.
fn summary_table(rows: Vec<Vec<Cell>>, lang: Lang, opts: &RenderOptions) -> Table {
    let mut table = new_table(opts);
    table.set_header(header(lang, &SUMMARY_COLUMNS, opts));
    for r in rows {
        table.add_row(r);
    }
    table
}

/// Rows laid out before the column widths are fixed: the widths of a longer table are those of
/// its first `TABLE_SAMPLE` rows (a longer cell further down wraps in its column), so that a
/// table of a million systems is written as it goes, in bounded memory.
pub const TABLE_SAMPLE: usize = 1000;

/// Writes the summary table row by row. Up to `TABLE_SAMPLE` rows the table is the one
/// `render_table` gives; beyond, the first rows fix the column widths and the rest follow in
/// blocks laid out with those widths.
pub struct TableWriter {
    lang: Lang,
    opts: RenderOptions,
    rows: Vec<Vec<Cell>>,
    /// Once the sample is written: the columns' widths and the table's closing border line.
    fixed: Option<(Vec<u16>, String)>,
}

impl TableWriter {
    pub fn new(lang: Lang, opts: RenderOptions) -> Self {
        TableWriter {
            lang,
            opts,
            rows: Vec::new(),
            fixed: None,
        }
    }

    /// Adds a row (from `table_cells`); writes a block of rows when one is complete.
    pub fn row(&mut self, cells: Vec<Cell>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.rows.push(cells);
        if self.rows.len() >= TABLE_SAMPLE {
            self.flush_block(out)?;
        }
        Ok(())
    }

    fn flush_block(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let rows = std::mem::take(&mut self.rows);
        match &self.fixed {
            None => {
                let text = summary_table(rows, self.lang, &self.opts).to_string();
                let mut lines: Vec<&str> = text.lines().collect();
                let bottom = lines.pop().unwrap_or("").to_string();
                // The header's lower border gives each column's width, padding included.
                let widths = lines
                    .iter()
                    .find(|l| l.starts_with('╞'))
                    .map(|l| {
                        l.trim_start_matches('╞')
                            .trim_end_matches('╡')
                            .split('╪')
                            .map(|c| c.chars().count() as u16)
                            .collect()
                    })
                    .unwrap_or_default();
                for l in lines {
                    writeln!(out, "{l}")?;
                }
                self.fixed = Some((widths, bottom));
            }
            Some((widths, _)) => {
                let mut table = summary_table(rows, self.lang, &self.opts);
                table.set_constraints(
                    widths
                        .iter()
                        .map(|w| ColumnConstraint::Absolute(Width::Fixed(*w))),
                );
                let text = table.to_string();
                let mut lines: Vec<&str> = text.lines().collect();
                lines.pop();
                let body = lines
                    .iter()
                    .position(|l| l.starts_with('╞'))
                    .map_or(0, |i| i + 1);
                for l in &lines[body..] {
                    writeln!(out, "{l}")?;
                }
            }
        }
        Ok(())
    }

    /// Writes the rest of the table (nothing if it had no row).
    pub fn finish(mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if self.fixed.is_none() {
            if !self.rows.is_empty() {
                let table = summary_table(std::mem::take(&mut self.rows), self.lang, &self.opts);
                writeln!(out, "{table}")?;
            }
            return Ok(());
        }
        if !self.rows.is_empty() {
            self.flush_block(out)?;
        }
        if let Some((_, bottom)) = &self.fixed {
            writeln!(out, "{bottom}")?;
        }
        Ok(())
    }
}

/// The table's footer: date, pack, law and the disclaimer.
pub fn table_footer(report: &InventoryReport<'_>, opts: &RenderOptions) -> String {
    footer(report, opts)
}

/// The terminal table: a summary row per system, or, for one system, its details.
pub fn render_table(report: &InventoryReport<'_>, opts: &RenderOptions) -> String {
    let lang = report.language;
    let mut out = String::new();
    if let [s] = report.systems.as_slice() {
        out.push_str(&system_tables(s, lang, opts));
    } else {
        let rows = report
            .results
            .iter()
            .map(|r| table_cells(&Row::new(report.pack, r, lang), lang, opts))
            .collect();
        out.push_str(&format!("{}\n", summary_table(rows, lang, opts)));
    }
    out.push_str(&footer(report, opts));
    out
}

/// One system's details, for an inventory of one.
pub fn system_tables(s: &SystemReport<'_>, lang: Lang, opts: &RenderOptions) -> String {
    let mut facts = new_table(opts);
    let mut add = |key: &str, value: Cell| {
        facts.add_row(vec![Cell::new(tr(lang, key)), value]);
    };
    add("id", Cell::new(clean(s.id)));
    add("name", Cell::new(clean(s.name)));
    if !s.owner.is_empty() {
        add("owner", Cell::new(clean(s.owner)));
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
    let route = s.route_text(", ");
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
                    Cell::new(match o.transition {
                        Some(t) => format!("{}\n{t}", o.title),
                        None => o.title.to_string(),
                    }),
                    Cell::new(when),
                    Cell::new(
                        o.citations
                            .iter()
                            .map(|c| c.text.as_ref())
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
            out.push_str(&format!("  - {}\n", q.text));
            for o in &q.outcomes {
                out.push_str(&format!("      {} → {}\n", o.answer, o.leads_to));
            }
        }
    } else if !s.open_questions.is_empty() {
        out.push_str(&format!("{}:\n", tr(lang, "open_questions")));
        for q in &s.open_questions {
            out.push_str(&format!("  - {}\n", q.text));
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
