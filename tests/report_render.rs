//! The report renderers, through the library: snapshots of every format for four systems in
//! both languages, the key facts asserted directly, escaping of what users typed, and
//! determinism. `UPDATE_SNAPSHOTS=1 cargo test --test report_render` rewrites the snapshots.

mod report_support;

use aiact::answers::Answers;
use aiact::engine::{self, FindingStatus, ObligationStatus};
use aiact::inventory::{EvidenceRef, SystemEntry};
use aiact::report::{
    self, Format, InventoryReport, RenderOptions, SystemReport, SystemResult, render,
};
use aiact::rules::{Lang, RiskClass, Role};
use report_support::*;

const FORMATS: [(Format, &str); 5] = [
    (Format::Table, "txt"),
    (Format::Json, "json"),
    (Format::Markdown, "md"),
    (Format::Html, "html"),
    (Format::Csv, "csv"),
];

fn plain() -> RenderOptions {
    RenderOptions::default()
}

fn system<'a, 'p>(r: &'a InventoryReport<'p>, id: &str) -> &'a SystemReport<'p> {
    r.systems
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no system {id}"))
}

fn status_of(s: &SystemReport<'_>, id: &str) -> ObligationStatus {
    s.obligations
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("{} lacks obligation {id}", s.id))
        .status
}

#[test]
fn snapshots_of_every_format_in_both_languages() {
    let pack = fixture_pack();
    for lang in [Lang::En, Lang::Nl] {
        let code = lang.code();
        let inventory = report(&pack, &all_systems(), lang);
        for (format, ext) in FORMATS {
            assert_snapshot(
                &format!("inventory.{code}.{ext}"),
                &render(&inventory, format, &plain()),
            );
        }
        for e in all_systems() {
            let one = report(&pack, std::slice::from_ref(&e), lang);
            for (format, ext) in FORMATS {
                if format == Format::Html && e.id != "hr-cv-screening" {
                    continue; // one HTML single-system snapshot per language is enough; the others are checked below
                }
                assert_snapshot(
                    &format!("{}.{code}.{ext}", e.id),
                    &render(&one, format, &plain()),
                );
            }
        }
    }
}

#[test]
fn the_model_carries_the_facts_of_each_system() {
    let pack = fixture_pack();
    let r = report(&pack, &all_systems(), Lang::En);

    let chatbot = system(&r, "web-assistant");
    assert_eq!(chatbot.risk, RiskClass::Limited);
    assert_eq!(chatbot.roles, vec![Role::Provider]);
    // On the market before the general date of application: in a period of grace.
    let disclose = chatbot
        .obligations
        .iter()
        .find(|o| o.id == "provider_50_1_disclose")
        .unwrap();
    assert_eq!(disclose.status, ObligationStatus::Transition);
    assert_eq!(
        disclose.until.map(|d| d.to_string()).as_deref(),
        Some("2026-12-02")
    );
    assert!(
        disclose
            .transition
            .unwrap_or_default()
            .contains("period of grace")
    );
    let art50 = &chatbot
        .reasons
        .iter()
        .find(|f| f.id == "transparency_chatbot")
        .unwrap()
        .citations[0];
    assert_eq!(art50.text, "Art. 50(1)");
    assert!(
        art50
            .url
            .starts_with("https://eur-lex.europa.eu/legal-content/EN/")
            && art50.url.ends_with("#art_50"),
        "{}",
        art50.url
    );

    let cv = system(&r, "hr-cv-screening");
    assert_eq!(cv.risk, RiskClass::HighRisk);
    assert_eq!(cv.roles, vec![Role::Deployer]);
    assert_eq!(status_of(cv, "art4_ai_literacy"), ObligationStatus::Applies);
    assert_eq!(
        status_of(cv, "deployer_26_6_logs"),
        ObligationStatus::Upcoming
    );
    assert_eq!(cv.next_deadlines[0].date.to_string(), "2027-12-02");
    assert!(
        cv.next_deadlines[0]
            .titles
            .contains(&"Keep the logs for at least six months")
    );
    assert!(cv.notes.iter().any(|n| n.text.starts_with("UNSURE")));
    let lit = cv
        .obligations
        .iter()
        .find(|o| o.id == "art4_ai_literacy")
        .unwrap();
    assert_eq!(lit.evidence_refs[0].reference, "HR-training-2026.pdf");

    let banned = system(&r, "benefit-scoring");
    assert_eq!(banned.risk, RiskClass::Prohibited);
    assert_eq!(
        status_of(banned, "stop_prohibited_practice"),
        ObligationStatus::Applies
    );

    let open = system(&r, "event-cameras");
    assert_eq!(open.risk, RiskClass::Undetermined);
    assert!(open.possible_risks.contains(&RiskClass::HighRisk));
    let q = open
        .open_questions
        .iter()
        .find(|q| q.id == "annex_iii_area")
        .unwrap();
    assert!(q.answered_unknown);
    assert!(
        open.open_questions
            .iter()
            .any(|q| q.id == "interacts_with_people" && !q.answered_unknown)
    );
    // Findings that may hold are not reasons; the deciding question says where each answer
    // leads instead.
    assert!(
        open.reasons
            .iter()
            .all(|f| f.status != FindingStatus::Undetermined)
    );
    let d = &open.deciding_questions[0];
    assert_eq!(d.id, "annex_iii_area");
    assert!(
        d.outcomes
            .iter()
            .any(|o| o.leads_to.starts_with("high-risk")),
        "{:?}",
        d.outcomes
    );

    // The organisation's view: the prohibited system first; Art. 4 once for every system it
    // reaches; the nearest deadlines are those of determined duties after the assessment date.
    let first = r.plan.by_severity[0];
    assert_eq!(r.systems[first].id, "benefit-scoring");
    let art4: Vec<_> = r
        .plan
        .action_plan
        .iter()
        .flat_map(|h| &h.owners)
        .flat_map(|o| o.duties.iter().map(move |d| (o.organisation_wide, d)))
        .filter(|(_, d)| d.id == "art4_ai_literacy")
        .collect();
    assert_eq!(art4.len(), 1, "Art. 4 is listed once");
    assert!(art4[0].0, "as an organisation-wide duty");
    let mut reached: Vec<&str> = art4[0].1.systems.iter().map(|s| s.id).collect();
    reached.sort();
    // The undetermined event cameras too: Art. 4 holds whatever the open answers say.
    assert_eq!(
        reached,
        [
            "benefit-scoring",
            "event-cameras",
            "hr-cv-screening",
            "web-assistant"
        ]
    );
    let next: Vec<(String, Vec<&str>)> = r
        .plan
        .summary
        .nearest_deadlines
        .iter()
        .map(|d| (d.date.to_string(), d.systems.iter().map(|s| s.id).collect()))
        .collect();
    assert_eq!(
        next,
        vec![
            ("2026-12-02".to_string(), vec!["web-assistant"]),
            ("2027-12-02".to_string(), vec!["hr-cv-screening"])
        ]
    );
    let count = |c: RiskClass| r.totals.iter().find(|t| t.risk == c).map_or(0, |t| t.count);
    assert_eq!(
        (
            count(RiskClass::Prohibited),
            count(RiskClass::HighRisk),
            count(RiskClass::Limited)
        ),
        (1, 1, 1)
    );
    assert_eq!(r.calendar.first().unwrap().date.to_string(), "2024-08-01");
    assert!(
        r.calendar
            .iter()
            .any(|c| c.id == "high_risk_annex_iii" && c.date.to_string() == "2027-12-02")
    );
}

#[test]
fn html_shows_every_part_of_a_system_report() {
    let pack = fixture_pack();
    let one = report(&pack, &[cv_screening()], Lang::En);
    let html = render(&one, Format::Html, &plain());
    for part in [
        "CV screening (bought)",
        "hr-cv-screening",
        "HR",
        "Ranks applicants for vacancies; bought from a vendor.",
        "high-risk",
        "High-risk: recruitment and selection",
        "deployer",
        "Apply now (1)",
        "Upcoming (2)",
        "2 December 2027",
        "AI literacy training plan &amp; attendance records",
        "HR-training-2026.pdf",
        "UNSURE: the Annex III dates",
        "Answers given",
        "Recruitment or selection of people",
        "not legal advice",
        &pack.sha256,
        "report-fixture 0.1.0",
        "28 November 2026",
        "<svg",
        r#"href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02024R1689-20260727#art_26""#,
    ] {
        assert!(html.contains(part), "the HTML report lacks {part:?}");
    }
    let chatbot = render(
        &report(&pack, &[chatbot()], Lang::En),
        Format::Html,
        &plain(),
    );
    assert!(
        chatbot.contains("In a transition period (1)") && chatbot.contains("until 2 December 2026")
    );
    // A single system is not an inventory: no summary or action plan.
    assert!(!html.contains("Action plan"));
    let inventory = render(
        &report(&pack, &all_systems(), Lang::En),
        Format::Html,
        &plain(),
    );
    assert!(
        inventory.contains("Action plan")
            && inventory.contains("Systems per risk class")
            && inventory.contains("AI-literacy plan (Art. 4)")
    );
    assert_eq!(inventory.matches("<section class=\"system").count(), 4);
    assert!(inventory.contains("class=\"riskbar\""));
}

#[test]
fn dutch_reports_are_in_dutch() {
    let pack = fixture_pack();
    let r = report(&pack, &all_systems(), Lang::Nl);
    let html = render(&r, Format::Html, &plain());
    let md = render(&r, Format::Markdown, &plain());
    for text in [&html, &md] {
        for nl in [
            "Verplichtingen op 28 november 2026",
            "geen juridisch advies",
            "Actieplan",
            "Plan AI-geletterdheid (art. 4)",
            "gebruiksverantwoordelijke",
            "Herkomst",
        ] {
            assert!(text.contains(nl), "lacks {nl:?}");
        }
        for en in [
            "Obligations on",
            "not legal advice",
            "Answers given",
            "Provenance",
        ] {
            assert!(!text.contains(en), "English text {en:?} in a Dutch report");
        }
        assert!(text.contains("https://eur-lex.europa.eu/legal-content/NL/"));
        assert!(!text.contains("https://eur-lex.europa.eu/legal-content/EN/"));
    }
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
}

/// A system whose every user-typed field is hostile.
fn hostile() -> SystemEntry {
    let evil =
        "<script>alert(\"x\")</script> & 'q' | =HYPERLINK(\"http://evil.example\")\nnext line";
    let mut e = cv_screening();
    e.id = format!("=cmd|{evil}");
    e.name = format!("+{evil}");
    e.owner = format!("@{evil}");
    e.description = format!("-{evil}");
    e.evidence = vec![EvidenceRef {
        key: "art4_ai_literacy".into(),
        reference: format!("\t{evil}"),
        issued: None,
        expires: None,
        line: 0,
    }];
    e
}

#[test]
fn html_escapes_everything_users_typed() {
    let pack = fixture_pack();
    for systems in [vec![hostile()], vec![hostile(), chatbot()]] {
        let html = render(&report(&pack, &systems, Lang::En), Format::Html, &plain());
        assert!(!html.contains("<script"), "a <script> got through");
        assert!(
            html.contains(
                "&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2f;script&gt; &amp; &#x27;q&#x27;"
            ),
            "escaped form missing"
        );
        assert!(
            !html.contains("http://evil"),
            "a URL typed by a user must not become a live address"
        );
        assert!(!html.contains("\"x\""));
    }
}

#[test]
fn markdown_keeps_tables_whole_whatever_users_typed() {
    let pack = fixture_pack();
    let md = render(
        &report(&pack, &[hostile(), chatbot()], Lang::En),
        Format::Markdown,
        &plain(),
    );
    assert!(!md.contains("<script"));
    // Every row of every table has as many cells as its header.
    let mut header_cells = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let cells = count_cells(line);
            match header_cells {
                None => header_cells = Some(cells),
                Some(n) => assert_eq!(cells, n, "a table row lost its shape: {line}"),
            }
        } else {
            header_cells = None;
        }
    }
}

/// Cells of a Markdown table row: unescaped pipes minus one.
fn count_cells(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    n - 1
}

#[test]
fn csv_neutralises_formulas_and_keeps_one_row_per_system() {
    let pack = fixture_pack();
    let text = render(
        &report(&pack, &[hostile(), chatbot()], Lang::En),
        Format::Csv,
        &plain(),
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        report::csv_header().to_vec()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    for cell in rows[0].iter() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "formula cell {cell:?}"
        );
    }
    assert!(rows[0][0].starts_with("'=cmd"));
    assert!(rows[0][1].starts_with("'+"));
    assert!(rows[0][2].starts_with("'@"));
    assert_eq!(&rows[1][0], "web-assistant");
    assert_eq!(&rows[1][3], "limited");
}

#[test]
fn table_respects_width_and_colour() {
    let pack = fixture_pack();
    let r = report(&pack, &all_systems(), Lang::En);
    let narrow = render(
        &r,
        Format::Table,
        &RenderOptions {
            width: Some(80),
            ..plain()
        },
    );
    for line in narrow
        .lines()
        .filter(|l| l.starts_with(['┌', '│', '├', '└', '╞']))
    {
        assert!(line.chars().count() <= 80, "line wider than 80: {line}");
    }
    assert!(!narrow.contains('\u{1b}'), "colour without being asked");
    let coloured = render(
        &r,
        Format::Table,
        &RenderOptions {
            color: true,
            ..plain()
        },
    );
    assert!(coloured.contains("\u{1b}["), "no colour when asked");
    let hostile = render(
        &report(&pack, &[hostile()], Lang::En),
        Format::Table,
        &plain(),
    );
    assert!(
        !hostile.chars().any(|c| c.is_control() && c != '\n'),
        "control characters reach the terminal"
    );
}

#[test]
fn same_inputs_give_the_same_bytes_and_no_timestamp_unless_asked() {
    let pack = fixture_pack();
    for (format, _) in FORMATS {
        let a = render(&report(&pack, &all_systems(), Lang::Nl), format, &plain());
        let b = render(&report(&pack, &all_systems(), Lang::Nl), format, &plain());
        assert_eq!(a, b, "{format:?} is not deterministic");
        assert!(!a.contains("internal error"), "{format:?}: {a}");
        let stamped = render(
            &report(&pack, &all_systems(), Lang::Nl),
            format,
            &RenderOptions {
                timestamp: Some("2026-11-28T10:00:00Z".into()),
                ..plain()
            },
        );
        if format != Format::Csv {
            assert!(
                stamped.contains("2026-11-28T10:00:00Z"),
                "{format:?} ignores the timestamp"
            );
        }
        assert!(!a.contains("T10:00:00"));
    }
    let json: serde_json::Value = serde_json::from_str(&render(
        &report(&pack, &all_systems(), Lang::En),
        Format::Json,
        &plain(),
    ))
    .unwrap();
    assert!(json.get("generated").is_none());
    assert_eq!(json["systems"].as_array().unwrap().len(), 4);
    assert_eq!(json["language"], "en");
}

#[test]
fn an_empty_inventory_renders() {
    let pack = fixture_pack();
    let r = report(&pack, &[], Lang::En);
    for (format, _) in FORMATS {
        let out = render(&r, format, &plain());
        assert!(!out.contains("internal error"), "{format:?}: {out}");
        assert!(!out.is_empty());
    }
}

#[test]
fn html_is_self_contained() {
    let pack = fixture_pack();
    for lang in [Lang::En, Lang::Nl] {
        let html = render(
            &report(&pack, &[hostile(), chatbot(), prohibited()], lang),
            Format::Html,
            &plain(),
        );
        assert_self_contained(&html);
    }
}

/// No script, no stylesheet or font from elsewhere, and no address but EUR-Lex citations.
pub fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "<script", "<link", "@import", "url(", "<iframe", "<img", "<object", "<embed",
    ] {
        assert!(!lower.contains(bad), "the HTML contains {bad:?}");
    }
    // Every address written out, and every attribute that could load or open one.
    let mut starts: Vec<usize> = lower
        .match_indices("http://")
        .chain(lower.match_indices("https://"))
        .map(|(i, _)| i)
        .collect();
    for attr in [
        "href=\"",
        "src=\"",
        "srcset=\"",
        "action=\"",
        "xlink:href=\"",
    ] {
        starts.extend(lower.match_indices(attr).map(|(i, _)| i + attr.len()));
    }
    for i in starts {
        let rest = &html[i..];
        assert!(
            rest.starts_with("https://eur-lex.europa.eu/legal-content/"),
            "an address other than EUR-Lex: {}",
            &rest[..rest.len().min(60)]
        );
    }
}

/// The real pack (branch `rules`), when it loads: its golden scenarios render in every format
/// and language without a template error, with citations on EUR-Lex.
#[test]
fn the_shipped_pack_renders_in_every_format() {
    let (pack, _) = match aiact::rules::load(&aiact::rules::embedded_files()) {
        Ok(p) => p,
        Err(d) => {
            eprintln!(
                "SKIP: the embedded rule pack does not load yet ({} errors; see `aiact rules check`)",
                d.len()
            );
            return;
        }
    };
    for lang in [Lang::En, Lang::Nl] {
        let mut systems = Vec::new();
        let mut as_of = None;
        for sc in &pack.scenarios {
            let (answers, problems) = Answers::from_table(&pack, &sc.answers);
            assert!(problems.is_empty(), "scenario {}: {problems:?}", sc.id);
            let result = engine::assess(&pack, &answers, sc.as_of);
            let mut e = SystemEntry::new(&sc.id);
            e.name = sc.description.clone();
            systems.push(SystemResult::new(e, answers, result));
            as_of.get_or_insert(sc.as_of);
        }
        let Some(as_of) = as_of else { return };
        let r = InventoryReport::new(&pack, as_of, lang, &systems);
        for (format, _) in FORMATS {
            let out = render(&r, format, &plain());
            assert!(
                !out.contains("internal error"),
                "{format:?}: {}",
                &out[..out.len().min(2000)]
            );
        }
        assert_self_contained(&render(&r, Format::Html, &plain()));
    }
}
