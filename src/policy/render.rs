//! The human outputs of `aiact check`: the terminal report and the procurement memo
//! (Markdown). Both show what the check computed and nothing else.

use super::eval::{EvidenceStatus, Requirement, WaiverStatus};
use super::view::{CheckReport, EvidenceItem};
use crate::report::{Citation, InventoryReport, SystemReport};
use crate::rules::Lang;

fn tr(lang: Lang, en: &'static str, nl: &'static str) -> &'static str {
    if lang == Lang::Nl { nl } else { en }
}

fn cites(c: &[Citation]) -> String {
    c.iter()
        .map(|c| c.text.as_ref())
        .collect::<Vec<_>>()
        .join("; ")
}

fn requirement_text(i: &EvidenceItem<'_>, lang: Lang) -> String {
    let base = match i.requirement {
        Requirement::Required => tr(lang, "required", "vereist").to_string(),
        Requirement::Upcoming => {
            let from = match i.required_from {
                Some(d) => format!("{} {d}", tr(lang, "from", "vanaf")),
                None => tr(lang, "later", "later").to_string(),
            };
            if i.required_now {
                format!("{from}; {}", tr(lang, "now by policy", "nu volgens beleid"))
            } else {
                from
            }
        }
        Requirement::Undetermined => tr(lang, "undetermined", "nog niet te bepalen").to_string(),
    };
    if i.required_by.contains(&"policy") {
        format!("{base} ({})", tr(lang, "policy", "beleid"))
    } else {
        base
    }
}

fn status_text(i: &EvidenceItem<'_>, lang: Lang) -> String {
    match i.status {
        EvidenceStatus::Present => match &i.note {
            Some(n) => format!("{} ({n})", tr(lang, "present", "aanwezig")),
            None => tr(lang, "present", "aanwezig").to_string(),
        },
        EvidenceStatus::Missing => match &i.note {
            Some(n) => format!("{} ({n})", tr(lang, "missing", "ontbreekt")),
            None => tr(lang, "missing", "ontbreekt").to_string(),
        },
        EvidenceStatus::Expired => format!(
            "{} {}",
            tr(lang, "expired", "verlopen"),
            i.expires.map(|d| d.to_string()).unwrap_or_default()
        ),
    }
}

fn reference_text(i: &EvidenceItem<'_>) -> String {
    let mut s = i.reference.unwrap_or_default().to_string();
    if let Some(d) = i.issued {
        s.push_str(&format!(" ({d}"));
        match i.expires {
            Some(e) => s.push_str(&format!(" – {e})")),
            None => s.push(')'),
        }
    } else if let Some(e) = i.expires {
        s.push_str(&format!(" (– {e})"));
    }
    s
}

fn classification(s: &SystemReport<'_>, lang: Lang) -> String {
    let mut out = s.risk_label.to_string();
    let points: Vec<&str> = s
        .reasons
        .iter()
        .filter_map(|r| r.point.as_deref())
        .collect();
    if !points.is_empty() {
        out.push_str(&format!(" ({})", points.join(", ")));
    }
    if !s.possible_risks.is_empty() {
        let possible: Vec<&str> = s.possible_risks.iter().map(|r| r.name()).collect();
        out.push_str(&format!(
            "; {}: {}",
            tr(lang, "still possible", "nog mogelijk"),
            possible.join(", ")
        ));
    }
    out
}

fn waiver_status(s: WaiverStatus, lang: Lang) -> &'static str {
    match s {
        WaiverStatus::Applied => tr(lang, "applied", "toegepast"),
        WaiverStatus::Expired => tr(
            lang,
            "EXPIRED, no longer applies",
            "VERLOPEN, geldt niet meer",
        ),
        WaiverStatus::Unused => tr(lang, "not needed", "niet nodig"),
    }
}

/// A duty's status on the assessment date, as the memo says it.
fn duty_status(s: crate::engine::ObligationStatus, lang: Lang) -> &'static str {
    use crate::engine::ObligationStatus as S;
    match s {
        S::Applies => tr(lang, "applies", "toepasselijk"),
        S::Transition => tr(lang, "transition", "in overgang"),
        S::Upcoming => tr(lang, "upcoming", "binnenkort"),
        S::Undetermined => tr(lang, "undetermined", "onbepaald"),
    }
}

fn table(width: Option<u16>) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    t.set_width(width.unwrap_or(120));
    t
}

/// Who reads a table of the check: the terminal report speaks to the user ("your duties",
/// columns in lower case), the memo for the organisation ("our duties", capitalised columns).
#[derive(Clone, Copy)]
enum Reader {
    Terminal = 0,
    Memo = 1,
}

/// A word of a check table in English and Dutch, for each [`Reader`].
type Word = [(&'static str, &'static str); 2];

/// A table of the check: its heading and its columns, in both languages, for both readers.
struct TableText {
    heading: Word,
    columns: &'static [Word],
}

impl TableText {
    fn heading(&self, reader: Reader, lang: Lang) -> &'static str {
        let (en, nl) = self.heading[reader as usize];
        tr(lang, en, nl)
    }

    fn columns(&self, reader: Reader, lang: Lang) -> Vec<&'static str> {
        self.columns
            .iter()
            .map(|w| tr(lang, w[reader as usize].0, w[reader as usize].1))
            .collect()
    }
}

const PROVIDER_EVIDENCE: (&str, &str) = (
    "Evidence to obtain from the provider",
    "Bewijsstukken te verkrijgen van de aanbieder",
);

const EVIDENCE: TableText = TableText {
    heading: [PROVIDER_EVIDENCE, PROVIDER_EVIDENCE],
    columns: &[
        [("evidence", "bewijsstuk"), ("Evidence", "Bewijsstuk")],
        [("cite", "bron"), ("Citation", "Bron")],
        [("required", "vereist"), ("Required", "Vereist")],
        [("status", "status"), ("Status", "Status")],
        [("reference", "referentie"), ("Reference", "Referentie")],
    ],
};

const DUTIES: TableText = TableText {
    heading: [
        (
            "Your own duties once you deploy it",
            "Uw eigen verplichtingen zodra u het gebruikt",
        ),
        (
            "Our own duties once we deploy it",
            "Onze eigen verplichtingen zodra we het gebruiken",
        ),
    ],
    columns: &[
        [("duty", "verplichting"), ("Duty", "Verplichting")],
        [("cite", "bron"), ("Citation", "Bron")],
        [("status", "status"), ("Status", "Status")],
        [("from", "vanaf"), ("From", "Vanaf")],
    ],
};

/// A section of the terminal report: its heading, then a table of the rows, or "none".
fn text_section(
    s: &mut String,
    text: &TableText,
    rows: Vec<Vec<String>>,
    width: Option<u16>,
    lang: Lang,
) {
    s.push_str(&format!("\n{}\n", text.heading(Reader::Terminal, lang)));
    if rows.is_empty() {
        s.push_str(&format!("  {}\n", tr(lang, "none", "geen")));
        return;
    }
    let mut t = table(width);
    t.set_header(text.columns(Reader::Terminal, lang));
    for r in rows {
        t.add_row(r);
    }
    s.push_str(&format!("{t}\n"));
}

/// A section of the memo: its heading, then a table of the rows, or "None.".
fn md_section(s: &mut String, text: &TableText, rows: Vec<Vec<String>>, lang: Lang) {
    s.push_str(&format!("### {}\n\n", text.heading(Reader::Memo, lang)));
    if rows.is_empty() {
        s.push_str(&format!("{}\n\n", tr(lang, "None.", "Geen.")));
        return;
    }
    let columns = text.columns(Reader::Memo, lang);
    s.push_str(&format!(
        "| {} |\n|{}\n",
        columns.join(" | "),
        "---|".repeat(columns.len())
    ));
    for r in rows {
        s.push_str(&format!("| {} |\n", r.join(" | ")));
    }
    s.push('\n');
}

fn verdict(passed: bool, lang: Lang) -> &'static str {
    if passed {
        tr(lang, "PASSED", "GESLAAGD")
    } else {
        tr(lang, "FAILED", "MISLUKT")
    }
}

/// The terminal report.
pub fn render_table(
    report: &InventoryReport<'_>,
    check: &CheckReport<'_>,
    lang: Lang,
    width: Option<u16>,
    timestamp: Option<&str>,
) -> String {
    let mut s = String::new();
    let p = &report.provenance;
    s.push_str(&format!(
        "aiact check — {} {} {}{}, {} {}\n",
        tr(lang, "rule pack", "regelpakket"),
        p.pack_id,
        p.pack_version,
        p.overlays_text(lang),
        tr(lang, "as of", "op"),
        p.as_of
    ));
    if let Some(pol) = &check.policy {
        let name = if pol.name.is_empty() {
            String::new()
        } else {
            format!(" ({})", pol.name)
        };
        s.push_str(&format!(
            "{}: {}{name}\n",
            tr(lang, "policy", "beleid"),
            pol.file
        ));
    }
    if let Some(ts) = timestamp {
        s.push_str(&format!("{}: {ts}\n", tr(lang, "generated", "gegenereerd")));
    }
    let levels: Vec<&str> = check.fail_on.iter().map(|l| l.name()).collect();
    s.push_str(&format!(
        "{}: {}\n",
        tr(lang, "fails on", "faalt op"),
        levels.join(", ")
    ));
    for (sys, c) in report.systems.iter().zip(&check.systems) {
        s.push_str(&format!(
            "\n== {} — {}: {}\n",
            c.id,
            c.name,
            verdict(c.passed, lang)
        ));
        s.push_str(&format!(
            "{}: {}\n",
            tr(
                lang,
                "classification in the intended use",
                "indeling in het beoogde gebruik"
            ),
            classification(sys, lang)
        ));
        for r in &sys.reasons {
            s.push_str(&format!("  - {} [{}]\n", r.title, cites(&r.citations)));
        }
        if !sys.open_questions.is_empty() {
            let q: Vec<&str> = sys.open_questions.iter().map(|q| q.id).collect();
            s.push_str(&format!(
                "  {}: {}\n",
                tr(lang, "open questions", "open vragen"),
                q.join(", ")
            ));
        }
        let evidence = c.provider_evidence.iter().map(|i| {
            vec![
                format!("{}\n{}", i.label, i.id),
                cites(&i.citations),
                requirement_text(i, lang),
                status_text(i, lang),
                reference_text(i),
            ]
        });
        text_section(&mut s, &EVIDENCE, evidence.collect(), width, lang);
        let duties = c.buyer_duties.iter().map(|d| {
            let when = match (d.status, d.until) {
                (crate::engine::ObligationStatus::Transition, Some(u)) => {
                    format!("{} {u}", tr(lang, "transition until", "overgang tot"))
                }
                _ => d.applies_from.map(|d| d.to_string()).unwrap_or_default(),
            };
            // A duty by its title: unlike evidence, no bidder writes its id.
            vec![
                d.title.to_string(),
                cites(&d.citations),
                duty_status(d.status, lang).to_string(),
                when,
            ]
        });
        text_section(&mut s, &DUTIES, duties.collect(), width, lang);
        if !c.waivers.is_empty() {
            s.push_str(&format!("\n{}\n", tr(lang, "Waivers", "Afwijkingen")));
            for w in c.waivers {
                s.push_str(&format!(
                    "  - {} — {} ({} {}, {} {}) [{}:{}]: {}\n",
                    w.subject,
                    waiver_status(w.status, lang),
                    tr(lang, "accepted by", "aanvaard door"),
                    w.accepted_by,
                    tr(lang, "expires", "vervalt"),
                    w.expires,
                    w.file,
                    w.line,
                    w.reason
                ));
            }
        }
        if !c.failures.is_empty() {
            s.push_str(&format!("\n{}\n", tr(lang, "Fails on", "Faalt op")));
            for f in &c.failures {
                let mark = if f.is_waived() {
                    tr(lang, "waived", "afwijking")
                } else {
                    "✗"
                };
                s.push_str(&format!("  {mark} {}: {}\n", f.rule, f.message));
            }
        }
    }
    let failed = check.systems.iter().filter(|c| !c.passed).count();
    s.push_str(&format!(
        "\n{}: {} — {failed} {} {} {}{}\n",
        tr(lang, "result", "resultaat"),
        verdict(check.passed, lang),
        tr(lang, "of", "van"),
        check.systems.len(),
        tr(lang, "systems fail", "systemen falen"),
        if check.observe_only {
            tr(
                lang,
                " (observe mode: not failing)",
                " (observatiemodus: faalt niet)",
            )
        } else {
            ""
        }
    ));
    // Names, references, reasons and ids come from the offer and the policy: no control
    // characters (escape sequences) reach the terminal.
    crate::diag::printable(&s, true).into_owned()
}

/// Text from the offer or the policy, escaped as batch Markdown escapes it: no links, images,
/// headings, HTML or table breaks steered by a bidder.
fn md_escape(s: &str) -> String {
    crate::report::escape_markdown(s)
}

fn md_cites(c: &[Citation]) -> String {
    c.iter()
        .map(|c| format!("[{}]({})", c.text, c.url))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The procurement memo, for the file.
pub fn render_markdown(
    report: &InventoryReport<'_>,
    check: &CheckReport<'_>,
    lang: Lang,
    timestamp: Option<&str>,
) -> String {
    let p = &report.provenance;
    let mut s = String::new();
    s.push_str(&format!(
        "# {}\n\n",
        tr(
            lang,
            "Procurement check under the EU AI Act",
            "Aankoopcontrole onder de EU AI-verordening"
        )
    ));
    s.push_str(&format!(
        "| | |\n|---|---|\n| {} | {} |\n",
        tr(lang, "Assessment date", "Beoordelingsdatum"),
        p.as_of
    ));
    if let Some(ts) = timestamp {
        s.push_str(&format!(
            "| {} | {ts} |\n",
            tr(lang, "Generated", "Gegenereerd")
        ));
    }
    s.push_str(&format!(
        "| {} | {} {} (sha256 `{}`){} |\n",
        tr(lang, "Rule pack", "Regelpakket"),
        p.pack_id,
        p.pack_version,
        &p.pack_sha256.get(..12).unwrap_or(&p.pack_sha256),
        md_escape(&p.overlays_text(lang))
    ));
    s.push_str(&format!(
        "| {} | {} |\n",
        tr(lang, "Law applied", "Toegepaste wet"),
        md_escape(report.pack.manifest.law.get(lang))
    ));
    if let Some(pol) = &check.policy {
        s.push_str(&format!(
            "| {} | {} `{}` (sha256 `{}`) |\n",
            tr(lang, "Policy", "Beleid"),
            md_escape(pol.name),
            pol.file,
            pol.sha256.get(..12).unwrap_or(pol.sha256)
        ));
    }
    let levels: Vec<&str> = check.fail_on.iter().map(|l| l.name()).collect();
    s.push_str(&format!(
        "| {} | {} |\n",
        tr(lang, "Fails on", "Faalt op"),
        levels.join(", ")
    ));
    s.push_str(&format!(
        "| {} | **{}**{} |\n\n",
        tr(lang, "Result", "Resultaat"),
        verdict(check.passed, lang),
        if check.observe_only {
            tr(lang, " (observe mode)", " (observatiemodus)")
        } else {
            ""
        }
    ));
    for (sys, c) in report.systems.iter().zip(&check.systems) {
        s.push_str(&format!(
            "## {} — {}: {}\n\n",
            md_escape(c.id),
            md_escape(c.name),
            verdict(c.passed, lang)
        ));
        if !sys.owner.is_empty() {
            s.push_str(&format!(
                "{}: {}\n\n",
                tr(lang, "Owner", "Eigenaar"),
                md_escape(sys.owner)
            ));
        }
        s.push_str(&format!(
            "**{}:** {}\n\n",
            tr(
                lang,
                "Classification in the intended use",
                "Indeling in het beoogde gebruik"
            ),
            md_escape(&classification(sys, lang))
        ));
        for r in &sys.reasons {
            s.push_str(&format!(
                "- {} ({})\n",
                md_escape(r.title),
                md_cites(&r.citations)
            ));
        }
        if !sys.reasons.is_empty() {
            s.push('\n');
        }
        if !sys.open_questions.is_empty() {
            s.push_str(&format!(
                "{}:\n\n",
                tr(lang, "Still to answer", "Nog te beantwoorden")
            ));
            for q in &sys.open_questions {
                s.push_str(&format!("- `{}`: {}\n", q.id, md_escape(q.text)));
            }
            s.push('\n');
        }
        let evidence = c.provider_evidence.iter().map(|i| {
            vec![
                format!("{} (`{}`)", md_escape(i.label), i.id),
                md_cites(&i.citations),
                requirement_text(i, lang),
                status_text(i, lang),
                md_escape(&reference_text(i)),
            ]
        });
        md_section(&mut s, &EVIDENCE, evidence.collect(), lang);
        let duties = c.buyer_duties.iter().map(|d| {
            let when = match d.until {
                Some(u) => format!("{} {u}", tr(lang, "transition until", "overgang tot")),
                None => d.applies_from.map(|d| d.to_string()).unwrap_or_default(),
            };
            vec![
                md_escape(d.title),
                md_cites(&d.citations),
                duty_status(d.status, lang).to_string(),
                when,
            ]
        });
        md_section(&mut s, &DUTIES, duties.collect(), lang);
        if !c.waivers.is_empty() {
            s.push_str(&format!("### {}\n\n", tr(lang, "Waivers", "Afwijkingen")));
            for w in c.waivers {
                s.push_str(&format!(
                    "- `{}`: {} — {} ({} {}, {} {}; `{}:{}`)\n",
                    w.subject,
                    waiver_status(w.status, lang),
                    md_escape(&w.reason),
                    tr(lang, "accepted by", "aanvaard door"),
                    md_escape(&w.accepted_by),
                    tr(lang, "expires", "vervalt"),
                    w.expires,
                    w.file,
                    w.line
                ));
            }
            s.push('\n');
        }
        if !c.failures.is_empty() {
            s.push_str(&format!(
                "### {}\n\n",
                tr(lang, "Why it fails", "Waarom het faalt")
            ));
            for f in &c.failures {
                let waived = if f.is_waived() {
                    tr(lang, " (waived)", " (afwijking aanvaard)")
                } else {
                    ""
                };
                s.push_str(&format!(
                    "- `{}`: {}{waived}\n",
                    f.rule,
                    md_escape(&f.message)
                ));
            }
            s.push('\n');
        }
    }
    s.push_str(&format!(
        "---\n\n_{}_\n",
        tr(
            lang,
            "Produced by aiact, a self-assessment aid, not legal advice. Verify the conclusions with counsel before you sign.",
            "Opgesteld met aiact, een hulpmiddel voor zelfbeoordeling, geen juridisch advies. Laat de conclusies nakijken door een jurist vóór u tekent."
        )
    ));
    // Ids are written unescaped: no control characters in the memo either.
    crate::diag::printable(&s, true).into_owned()
}
