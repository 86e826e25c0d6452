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
