use super::*;
use crate::inventory::{read_toml, write_toml};

#[test]
fn round_trip() {
    let text = r#"
[[system]]
id = "S1"
name = "Chatbot"
owner = "Communicatie"
description = "Website assistant"

[system.answers]
subject_kind = "ai-system"
interacts = true
purposes = ["a", "b"]
placed = 2026-09-01
flops = 1e25

[system.evidence]
eu_declaration_of_conformity = { reference = "DoC.pdf", issued = 2026-01-01, expires = 2030-01-01 }
"#;
    let inv = read_toml("inv.toml", text);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    assert_eq!(inv.systems.len(), 1);
    let written = write_toml(&inv.systems);
    let again = read_toml("inv.toml", &written);
    assert_eq!(again.systems[0].answers, inv.systems[0].answers);
    assert_eq!(
        again.systems[0].evidence[0].expires,
        NaiveDate::from_ymd_opt(2030, 1, 1)
    );
}

#[test]
fn organisation_lifecycle_meta_and_hints_round_trip() {
    let text = r#"
[organisation]
name = "Gemeente Zonnedorp"
type = "local-government"
country = "be"
contact = "ai@zonnedorp.be"

[[system]]
id = "S1"
lifecycle = "retired"
lifecycle_date = 2025-06-30
hints = [{ question = "annex_iii_areas", reason = "mentions benefits" }]

[system.answers]
interacts = { value = true, source = "algoritmeregister:status", comment = "seen", by = "An", on = 2026-12-01 }
purposes = ["a"]
"#;
    let inv = read_toml("inv.toml", text);
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    let org = inv.organisation.as_ref().expect("organisation");
    assert_eq!(
        (org.name.as_str(), org.country.as_deref(), org.line),
        ("Gemeente Zonnedorp", Some("BE"), 2)
    );
    let s = &inv.systems[0];
    assert_eq!(
        s.lifecycle,
        Some(Lifecycle {
            stage: crate::engine::Stage::Retired,
            date: NaiveDate::from_ymd_opt(2025, 6, 30)
        })
    );
    assert_eq!(
        s.answers[0],
        ("interacts".to_string(), RawAnswer::Bool(true))
    );
    let meta = &s.answer_meta["interacts"];
    assert_eq!(meta.by.as_deref(), Some("An"));
    assert_eq!(meta.on, NaiveDate::from_ymd_opt(2026, 12, 1));
    assert!(!s.answer_meta.contains_key("purposes"));
    assert_eq!(s.hints[0].question, "annex_iii_areas");
    let mut with_org = s.clone();
    with_org.organisation = Some(std::sync::Arc::new(org.clone()));
    let again = read_toml("inv.toml", &write_toml(&[with_org]));
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    assert_eq!(
        again.organisation.as_ref().map(|o| &o.name),
        Some(&org.name)
    );
    let a = &again.systems[0];
    assert_eq!(
        (&a.answers, &a.answer_meta, &a.hints, a.lifecycle),
        (&s.answers, &s.answer_meta, &s.hints, s.lifecycle)
    );
}

#[test]
fn bad_organisation_lifecycle_and_meta_keys_are_located() {
    let text = "[organisation]\nnmae = \"X\"\ncountry = \"Belgium\"\n\n[[system]]\nid = \"A\"\nlifecycle = \"in service\"\n\n[[system]]\nid = \"B\"\n[system.answers]\nq = { value = true, sourse = \"x\" }\n\n[[system]]\nid = \"C\"\nlifecycle_date = 2026-01-01\n";
    let inv = read_toml("i.toml", text);
    let got: Vec<(&str, usize, usize)> = inv
        .diagnostics
        .iter()
        .map(|d| {
            let l = d.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
            (d.code, l.0, l.1)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A030", 3, 11),
            ("A030", 2, 1),
            ("A031", 7, 13),
            ("A032", 12, 21),
            ("A031", 16, 18)
        ]
    );
    assert!(
        inv.diagnostics[1]
            .hint
            .as_ref()
            .map_or("", |h| h.en.as_str())
            .contains("`name`")
    );
    assert!(
        inv.diagnostics[3]
            .message
            .en
            .contains("did you mean `source`")
    );
    assert!(inv.organisation.is_none());
    assert!(inv.systems.is_empty());
}
