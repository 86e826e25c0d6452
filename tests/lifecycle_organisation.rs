//! The inventory model's lifecycle and organisation, on the real pack: a retired system has no
//! duties from its retirement date, a planned one gets its duties as of its planned start, and
//! the `[organisation]` table answers the organisation questions of every system that does not.

use aiact::engine::{self, Lifecycle, ObligationStatus, Stage};
use aiact::inventory::{self, InputFormat, SystemEntry};
use aiact::rules::{Pack, RiskClass};
use chrono::NaiveDate;
use std::sync::LazyLock;

static PACK: LazyLock<Pack> = LazyLock::new(|| {
    aiact::cli::load_pack(None, &[])
        .map(|(p, _)| p)
        .expect("embedded pack loads")
});

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// ZD-14 of the example inventory: CV screening, high-risk (Annex III 4(a)), deployer.
fn cv_screening() -> SystemEntry {
    let text = include_str!("../examples/municipality.toml");
    let inv = inventory::read_inventory("municipality.toml", text, InputFormat::Toml);
    inv.systems
        .into_iter()
        .find(|s| s.id == "ZD-14")
        .expect("ZD-14")
}

fn assess(life: Option<Lifecycle>, as_of: &str) -> engine::Assessment {
    let (answers, diags) = cv_screening().answers(&PACK);
    assert!(diags.is_empty(), "{diags:?}");
    engine::assess_in_life(&PACK, &answers, date(as_of), life.as_ref())
}

fn ids(r: &engine::Assessment) -> Vec<&str> {
    r.obligations
        .iter()
        .map(|o| PACK.obligations[o.obligation].id.as_str())
        .collect()
}

#[test]
fn in_use_or_no_lifecycle_is_the_plain_assessment() {
    let plain = assess(None, "2026-12-06");
    assert_eq!(plain.risk, RiskClass::HighRisk);
    assert!(ids(&plain).contains(&"deployer_26_2_human_oversight"));
    let in_use = assess(
        Some(Lifecycle {
            stage: Stage::InUse,
            date: Some(date("2024-01-01")),
        }),
        "2026-12-06",
    );
    assert_eq!(in_use, plain);
}

#[test]
fn a_retired_system_has_no_duties_from_its_retirement_date() {
    let retired = assess(
        Some(Lifecycle {
            stage: Stage::Retired,
            date: Some(date("2026-06-30")),
        }),
        "2026-12-06",
    );
    assert_eq!(
        retired.risk,
        RiskClass::HighRisk,
        "the class stays on record"
    );
    assert!(retired.obligations.is_empty(), "{:?}", ids(&retired));
    assert!(retired.next_deadlines.is_empty());
    // Retired without a date: retired now.
    let undated = assess(
        Some(Lifecycle {
            stage: Stage::Retired,
            date: None,
        }),
        "2026-12-06",
    );
    assert!(undated.obligations.is_empty());
}

#[test]
fn a_system_retired_before_a_duty_starts_never_gets_it() {
    let plain = assess(None, "2026-12-06");
    let leaving = assess(
        Some(Lifecycle {
            stage: Stage::Retired,
            date: Some(date("2027-06-01")),
        }),
        "2026-12-06",
    );
    // AI literacy applies already; the deployer duties of 2 Dec 2027 never reach it.
    assert!(ids(&leaving).contains(&"art4_ai_literacy"));
    assert!(ids(&plain).contains(&"deployer_26_2_human_oversight"));
    assert!(!ids(&leaving).contains(&"deployer_26_2_human_oversight"));
    assert!(
        leaving
            .next_deadlines
            .iter()
            .all(|d| d.date < date("2027-06-01"))
    );
}

#[test]
fn a_planned_system_gets_its_duties_as_of_its_planned_start() {
    let start = date("2028-03-01");
    let planned = assess(
        Some(Lifecycle {
            stage: Stage::Planned,
            date: Some(start),
        }),
        "2026-12-06",
    );
    assert_eq!(planned.as_of, date("2026-12-06"));
    assert_eq!(planned.risk, RiskClass::HighRisk);
    assert!(ids(&planned).contains(&"deployer_26_2_human_oversight"));
    for o in &planned.obligations {
        assert_ne!(o.status, ObligationStatus::Applies);
        assert!(o.applies_from.is_some_and(|d| d >= start), "{o:?}");
    }
    assert_eq!(planned.next_deadlines.first().map(|d| d.date), Some(start));
    // Once the start has passed, it is assessed like a system in use.
    let started = assess(
        Some(Lifecycle {
            stage: Stage::InDevelopment,
            date: Some(date("2026-01-01")),
        }),
        "2026-12-06",
    );
    assert_eq!(started, assess(None, "2026-12-06"));
}

#[test]
fn the_organisation_answers_for_systems_that_do_not() {
    let text = "[organisation]\nname = \"Gemeente Zonnedorp\"\ntype = \"local-government\"\ncountry = \"BE\"\n\n[[system]]\nid = \"A\"\n\n[[system]]\nid = \"B\"\n[system.answers]\norg_type = \"private\"\n";
    let inv = inventory::read_inventory("i.toml", text, InputFormat::Toml);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    let (q, _) = PACK.question("org_type").unwrap();
    let choice = |s: &SystemEntry| s.answers(&PACK).0.get(q);
    let (a, b) = (&inv.systems[0], &inv.systems[1]);
    assert_ne!(choice(a), choice(b), "B answers for itself");
    let from_org = a.meta_for(&PACK, "org_type").and_then(|m| m.source);
    assert_eq!(from_org.as_deref(), Some("organisation:type"));
    assert_eq!(b.meta_for(&PACK, "org_type"), None);
    // Written back, the organisation's answer stays with the organisation.
    let mut a2 = a.clone();
    a2.set_answers(&PACK, &a.answers(&PACK).0);
    assert!(a2.answers.iter().all(|(id, _)| id != "org_type"));
    let written = inventory::write_toml(&inv.systems);
    assert!(written.starts_with("[organisation]\nname = \"Gemeente Zonnedorp\""));
    // A type the pack does not offer is reported once, at the table.
    let bad = text.replace("local-government", "gemeente");
    let inv = inventory::read_inventory("i.toml", &bad, InputFormat::Toml);
    let d = inv.organisation.as_ref().unwrap().check(&PACK);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "A030");
    assert_eq!(d[0].location.as_ref().map(|l| l.line), Some(1));
}

#[test]
fn reports_show_the_organisation_lifecycle_counts_and_answer_sources() {
    use aiact::report::{Format, InventoryReport, RenderOptions, SystemResult, render};
    let text = "[organisation]\nname = \"Gemeente Zonnedorp\"\ntype = \"local-government\"\ncountry = \"BE\"\n\n[[system]]\nid = \"A\"\nname = \"Oude chatbot\"\nlifecycle = \"retired\"\nlifecycle_date = 2026-06-30\nhints = [{ question = \"interacts_with_persons\", reason = \"de tekst noemt chatbot\" }]\n[system.answers]\nsubject_kind = { value = \"ai-system\", source = \"algoritmeregister:status\", by = \"An\", on = 2026-11-02 }\n\n[[system]]\nid = \"B\"\nname = \"Nieuwe chatbot\"\nlifecycle = \"planned\"\nlifecycle_date = 2027-03-01\n";
    let inv = inventory::read_inventory("i.toml", text, InputFormat::Toml);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    let as_of = date("2026-12-01");
    let systems: Vec<SystemResult> = inv
        .systems
        .into_iter()
        .map(|e| {
            let (a, _) = e.answers(&PACK);
            let r = engine::assess_in_life(&PACK, &a, as_of, e.lifecycle.as_ref());
            SystemResult::new(e, a, r)
        })
        .collect();
    let report = InventoryReport::new(&PACK, as_of, aiact::rules::Lang::Nl, &systems);
    let opts = RenderOptions::default();
    let table = render(&report, Format::Table, &opts);
    assert!(table.contains("Organisatie: Gemeente Zonnedorp"), "{table}");
    assert!(
        table.contains("Levensfase: gepland 1, buiten gebruik 1"),
        "{table}"
    );
    assert!(table.contains("Oude chatbot (buiten gebruik)"), "{table}");
    let md = render(&report, Format::Markdown, &opts);
    assert!(md.contains("Organisatie: **Gemeente Zonnedorp** (BE)"));
    assert!(md.contains("| buiten gebruik | 1 |"));
    assert!(md.contains("buiten gebruik (sinds 30 juni 2026) — Buiten gebruik: geen verplichtingen meer vanaf die datum."));
    assert!(
        md.contains("`algoritmeregister:status` (An, 2 november 2026)"),
        "{md}"
    );
    assert!(
        md.contains("`organisation:type`"),
        "the organisation's answer is marked as such"
    );
    // A hint names its question by the question's text, as people read it.
    let question = "Is het systeem bedoeld om rechtstreeks met mensen te communiceren, bijvoorbeeld als chatbot, virtuele assistent of spraakassistent waarmee inwoners of medewerkers praten of schrijven?";
    assert!(
        md.contains(&format!("- {question}: de tekst noemt chatbot")),
        "{md}"
    );
    let html = render(&report, Format::Html, &opts);
    assert!(html.contains("<b>Gemeente Zonnedorp</b>"));
    // The per-system report (one system, as --output-dir and `assess` write it).
    let one = InventoryReport::new(&PACK, as_of, aiact::rules::Lang::Nl, &systems[..1]);
    let html = render(&one, Format::Html, &opts);
    assert!(
        html.contains("<span class=\"id\">algoritmeregister:status</span> (An, 2 november 2026)"),
        "{html}"
    );
    assert!(
        html.contains(&format!("<li>{question}: de tekst noemt chatbot</li>")),
        "{html}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render(&report, Format::Json, &opts)).unwrap();
    assert_eq!(json["organisation"]["name"], "Gemeente Zonnedorp");
    assert_eq!(json["lifecycle"][0]["stage"], "planned");
    assert_eq!(json["systems"][0]["answers"][0]["by"], "An");
    assert_eq!(
        json["systems"][0]["hints"][0]["question"],
        "interacts_with_persons"
    );
    // Retired: no duties and not among the systems that need action now.
    assert_eq!(
        json["systems"][0]["obligations"].as_array().map(Vec::len),
        Some(0)
    );
    let to_clarify = json["plan"]["summary"]["to_clarify"].as_array().unwrap();
    let ids: Vec<&str> = to_clarify
        .iter()
        .filter_map(|c| c["system"]["id"].as_str())
        .collect();
    assert_eq!(ids, ["B"], "the retired system needs no clarifying");
}

#[test]
fn csv_inventories_have_lifecycle_columns() {
    let text = "id;name;lifecycle;lifecycle_date;interacts_with_persons\nA;Chat;retired;2026-06-30;ja\nB;Cam;in service;;nee\nC;Bot;;;ja\n";
    let inv = inventory::read_inventory("i.csv", text, InputFormat::Csv);
    let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["A", "C"], "the bad row is reported, the others read");
    assert_eq!(
        inv.systems[0].lifecycle,
        Some(Lifecycle {
            stage: Stage::Retired,
            date: Some(date("2026-06-30"))
        })
    );
    assert_eq!(inv.systems[1].lifecycle, None);
    let d = &inv.diagnostics[0];
    assert_eq!(d.code, "A031");
    assert_eq!(
        d.location.as_ref().map(|l| (l.line, l.column)),
        Some((3, 3))
    );
}
