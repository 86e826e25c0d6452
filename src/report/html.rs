//! HTML: one self-contained, printable file (inline CSS, inline SVG, no scripts, no external
//! resources; the only links are the EUR-Lex citations). minijinja escapes every value.
//!
//! This file only lays out: it turns dates into x positions for the timeline and counts into
//! bar widths. Every date, count and text comes from the model.

use super::document::InventoryReport;
use super::i18n::short_date;
use super::i18n::tr;
use super::model::SystemReport;
use super::options::RenderOptions;
use super::template::{context, render_template, template_env, to_value};
use crate::engine::ObligationStatus;
use crate::rules::{Lang, RiskClass};
use chrono::NaiveDate;
use serde::Serialize;

const TEMPLATE: &str = include_str!("templates/report.html.j2");
const STYLE: &str = include_str!("templates/report.css");
const ORGANISATION: &str = include_str!("templates/organisation.html.j2");

/// The timeline picture spans the AI Act calendar: entry into force to the end of 2031.
const START: (i32, u32, u32) = (2024, 8, 1);
const END: (i32, u32, u32) = (2032, 1, 1);
const WIDTH: f64 = 680.0;
const MARGIN: f64 = 18.0;
const ROW: f64 = 17.0;
const TOP: f64 = 30.0;

fn ymd(d: (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap_or_default()
}

fn x_of(date: NaiveDate) -> f64 {
    let (start, end) = (ymd(START), ymd(END));
    let span = (end - start).num_days().max(1) as f64;
    let days = (date.max(start).min(end) - start).num_days() as f64;
    round1(MARGIN + (WIDTH - 2.0 * MARGIN) * days / span)
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[derive(Serialize)]
struct Tick {
    x: f64,
    label: String,
}

#[derive(Serialize)]
struct Mark {
    x: f64,
    /// The label's baseline and where it sits horizontally.
    y: f64,
    tx: f64,
    anchor: &'static str,
    class: &'static str,
    label: String,
    title: String,
}

#[derive(Serialize)]
struct Timeline {
    width: f64,
    height: f64,
    axis_y: f64,
    years: Vec<Tick>,
    calendar: Vec<Tick>,
    marks: Vec<Mark>,
    as_of_x: f64,
    as_of_tx: f64,
    as_of_anchor: &'static str,
    as_of_label: String,
}

/// The timeline of one system: when its obligations start (and transitions end), on the
/// AI Act calendar, with the assessment date marked.
fn timeline(report: &InventoryReport<'_>, s: &SystemReport<'_>, lang: Lang) -> Timeline {
    // (date, class, title) for every dated obligation event, grouped by date and class.
    let mut events: Vec<(NaiveDate, &'static str, &str)> = Vec::new();
    for o in &s.obligations {
        let class = match o.status {
            ObligationStatus::Applies | ObligationStatus::Transition => "applies",
            ObligationStatus::Upcoming => "upcoming",
            ObligationStatus::Undetermined => "undetermined",
        };
        if let Some(d) = o.applies_from {
            events.push((d, class, o.title));
        }
        if let Some(u) = o.until {
            events.push((u, "transition", o.title));
        }
    }
    events.sort();
    let mut groups: Vec<(NaiveDate, &'static str, Vec<&str>)> = Vec::new();
    for (d, c, t) in events {
        match groups.last_mut() {
            Some(g) if g.0 == d && g.1 == c => g.2.push(t),
            _ => groups.push((d, c, vec![t])),
        }
    }
    // Labels in rows, so that none overlaps the one before it in its row.
    let mut row_end: Vec<f64> = Vec::new();
    let mut placed = Vec::new();
    for (d, class, titles) in groups {
        let x = x_of(d);
        let n = titles.len();
        let unit = tr(lang, if n == 1 { "duty" } else { "duties" });
        let unit = if class == "transition" {
            tr(lang, "legend_transition")
        } else {
            unit
        };
        let label = if class == "transition" {
            format!("{}: {unit}", short_date(d, lang))
        } else {
            format!("{}: {n} {unit}", short_date(d, lang))
        };
        let w = label.chars().count() as f64 * 6.0 + 8.0;
        let (tx, anchor, left, right) = if x + w > WIDTH - 4.0 {
            (x - 3.0, "end", x - w, x)
        } else {
            (x + 3.0, "start", x, x + w)
        };
        let row = row_end
            .iter()
            .position(|end| *end < left)
            .unwrap_or(row_end.len());
        if row == row_end.len() {
            row_end.push(right);
        } else {
            row_end[row] = right;
        }
        placed.push((x, row, tx, anchor, class, label, titles.join("\n")));
    }
    let rows = row_end.len().max(1);
    let axis_y = TOP + rows as f64 * ROW + 6.0;
    let marks = placed
        .into_iter()
        .map(|(x, row, tx, anchor, class, label, title)| Mark {
            x,
            y: round1(axis_y - 8.0 - row as f64 * ROW),
            tx,
            anchor,
            class,
            label,
            title,
        })
        .collect();
    let years = (2025..=2031)
        .map(|y| Tick {
            x: x_of(NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default()),
            label: y.to_string(),
        })
        .collect();
    let calendar = report
        .calendar
        .iter()
        .map(|c| Tick {
            x: x_of(c.date),
            label: format!("{} — {}", short_date(c.date, lang), c.label),
        })
        .collect();
    let as_of = report.provenance.as_of;
    let as_of_x = x_of(as_of);
    let as_of_label = format!("{} {}", tr(lang, "as_of"), short_date(as_of, lang));
    let half = as_of_label.chars().count() as f64 * 3.3;
    let (as_of_tx, as_of_anchor) = if as_of_x - half < 2.0 {
        (as_of_x - 2.0, "start")
    } else if as_of_x + half > WIDTH - 2.0 {
        (as_of_x + 2.0, "end")
    } else {
        (as_of_x, "middle")
    };
    Timeline {
        width: WIDTH,
        height: axis_y + 30.0,
        axis_y,
        years,
        calendar,
        marks,
        as_of_x,
        as_of_tx: round1(as_of_tx),
        as_of_anchor,
        as_of_label,
    }
}

#[derive(Serialize)]
struct BarSegment {
    x: f64,
    w: f64,
    risk: &'static str,
    label: String,
    count: usize,
}

/// The bar of systems per risk class (the model's totals), widths proportional to counts.
fn risk_bar(report: &InventoryReport<'_>, lang: Lang) -> Vec<BarSegment> {
    let total: usize = report.totals.iter().map(|c| c.count).sum();
    let mut x = 0.0;
    report
        .totals
        .iter()
        .map(|c| {
            let w = if total == 0 {
                0.0
            } else {
                round1(WIDTH * c.count as f64 / total as f64)
            };
            let seg = BarSegment {
                x: round1(x),
                w,
                risk: c.risk.name(),
                label: c.risk.label(lang).to_string(),
                count: c.count,
            };
            x += w;
            seg
        })
        .collect()
}

/// Escapes for an attribute but keeps `/` readable: for the EUR-Lex addresses.
fn url_filter(s: String) -> minijinja::Value {
    let escaped = s
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    minijinja::Value::from_safe_string(escaped)
}

/// The report as one self-contained HTML file.
pub fn render_html(report: &InventoryReport<'_>, opts: &RenderOptions) -> String {
    let lang = report.language;
    let mut env = template_env(lang);
    env.add_filter("url", url_filter);
    if let Err(e) = env
        .add_template("organisation.html", ORGANISATION)
        .and_then(|()| env.add_template("report.html", TEMPLATE))
    {
        return format!("internal error: bad HTML template: {e:#}\n");
    }
    let mut ctx = context(report, opts);
    let timelines: Vec<Timeline> = report
        .systems
        .iter()
        .map(|s| timeline(report, s, lang))
        .collect();
    ctx.insert("timelines", to_value(&timelines));
    ctx.insert("bar", to_value(&risk_bar(report, lang)));
    ctx.insert(
        "organisation_wide",
        to_value(&report.plan.organisation_wide),
    );
    ctx.insert(
        "style",
        minijinja::Value::from_safe_string(STYLE.to_string()),
    );
    ctx.insert(
        "prohibited",
        minijinja::Value::from(RiskClass::Prohibited.name()),
    );
    render_template(&env, "report.html", minijinja::Value::from(ctx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_maps_onto_the_picture() {
        assert_eq!(x_of(ymd(START)), MARGIN);
        assert_eq!(x_of(ymd(END)), WIDTH - MARGIN);
        assert!(x_of(ymd((2027, 12, 2))) > x_of(ymd((2026, 8, 2))));
        // Dates outside the calendar are kept on the picture.
        assert_eq!(x_of(ymd((2040, 1, 1))), WIDTH - MARGIN);
    }
}
