//! The shipped rule pack: it loads clean, its golden scenarios pass, and every provision the
//! classification must cover is both cited by a rule and reached by a scenario.

use aiact::answers::Answers;
use aiact::engine::scenario;
use aiact::engine::{self, FindingStatus};
use aiact::rules::{Pack, RiskClass};
use std::collections::BTreeSet;

fn pack() -> Pack {
    match aiact::cli::load_pack(None, &[]) {
        Ok((pack, _)) => pack,
        Err(diags) => panic!(
            "the embedded pack must load:\n{}",
            diags
                .iter()
                .map(|d| d.render(aiact::diag::Lang::En).to_string())
                .collect::<Vec<_>>()
                .join("\n\n")
        ),
    }
}

#[test]
fn embedded_pack_loads_without_errors_or_warnings() {
    let (_, warnings) = aiact::cli::load_pack(None, &[])
        .map_err(|d| format!("{d:?}"))
        .unwrap();
    let text: Vec<String> = warnings
        .iter()
        .map(|d| d.render(aiact::diag::Lang::En).to_string())
        .collect();
    assert!(warnings.is_empty(), "warnings:\n{}", text.join("\n\n"));
}

#[test]
fn golden_scenarios_pass() {
    let pack = pack();
    let failures = scenario::run_all(&pack);
    let report: Vec<String> = failures
        .iter()
        .map(|f| {
            format!(
                "{} ({}):\n  {}",
                f.scenario,
                f.origin,
                f.differences.join("\n  ")
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} scenarios fail:\n{}",
        failures.len(),
        pack.scenarios.len(),
        report.join("\n")
    );
    assert!(
        pack.scenarios.len() >= 80,
        "at least 80 golden scenarios, found {}",
        pack.scenarios.len()
    );
}

#[test]
fn every_scenario_states_its_expected_risk() {
    let pack = pack();
    let missing: Vec<&str> = pack
        .scenarios
        .iter()
        .filter(|s| s.expect.risk.is_none())
        .map(|s| s.id.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "scenarios without an expected risk: {missing:?}"
    );
}

/// Provisions the classification must cover, each cited by a finding and reached by a scenario.
fn required() -> Vec<String> {
    let mut out = Vec::new();
    for p in ["a", "b", "ba", "bb", "c", "d", "e", "f", "g", "h"] {
        out.push(format!("Art. 5(1)({p})"));
    }
    for p in [
        "1(a)", "1(b)", "1(c)", "2", "3(a)", "3(b)", "3(c)", "3(d)", "4(a)", "4(b)", "5(a)",
        "5(b)", "5(c)", "5(d)", "6(a)", "6(b)", "6(c)", "6(d)", "6(e)", "7(a)", "7(b)", "7(c)",
        "7(d)", "8(a)", "8(b)",
    ] {
        out.push(format!("Annex III {p}"));
    }
    for p in ["1", "2", "3", "4"] {
        out.push(format!("Art. 50({p})"));
    }
    for p in ["a", "b", "c", "d"] {
        out.push(format!("Art. 6(3)({p})"));
        if p != "d" {
            out.push(format!("Art. 25(1)({p})"));
        }
    }
    for p in ["2(3)", "2(6)", "2(8)", "2(10)", "2(12)"] {
        out.push(format!("Art. {p}"));
    }
    out
}

fn covers(cites: &BTreeSet<String>, provision: &str) -> bool {
    cites.iter().any(|c| {
        c == provision
            || c.starts_with(&format!("{provision} "))
            || c.starts_with(&format!("{provision}("))
    })
}

#[test]
fn every_required_provision_is_cited_and_reached_by_a_scenario() {
    let pack = pack();
    let cited: BTreeSet<String> = pack
        .findings
        .iter()
        .flat_map(|f| f.cite.iter().cloned())
        .chain(pack.findings.iter().filter_map(|f| f.point.clone()))
        .collect();
    let mut reached = BTreeSet::new();
    for s in &pack.scenarios {
        let (answers, _) = Answers::from_table(&pack, &s.answers);
        let r = engine::assess(&pack, &answers, s.as_of);
        for f in &r.findings {
            let finding = &pack.findings[f.finding];
            if f.status != FindingStatus::Undetermined {
                reached.extend(finding.cite.iter().cloned());
                reached.extend(finding.point.iter().cloned());
            }
        }
    }
    let not_cited: Vec<String> = required()
        .into_iter()
        .filter(|p| !covers(&cited, p))
        .collect();
    let not_reached: Vec<String> = required()
        .into_iter()
        .filter(|p| !covers(&reached, p))
        .collect();
    assert!(
        not_cited.is_empty(),
        "provisions no finding cites: {not_cited:?}"
    );
    assert!(
        not_reached.is_empty(),
        "provisions no scenario reaches: {not_reached:?}"
    );
}

#[test]
fn every_risk_class_is_reached_by_a_scenario() {
    let pack = pack();
    let reached: BTreeSet<RiskClass> = pack
        .scenarios
        .iter()
        .filter_map(|s| s.expect.risk)
        .collect();
    for class in RiskClass::ALL {
        assert!(
            reached.contains(&class),
            "no scenario expects {}",
            class.name()
        );
    }
}

#[test]
fn nothing_answered_is_undetermined_never_minimal() {
    let pack = pack();
    for date in [
        "2025-01-15",
        "2025-06-01",
        "2026-08-02",
        "2027-12-02",
        "2031-01-01",
    ] {
        let as_of = date.parse().unwrap();
        let r = engine::assess(&pack, &Answers::empty(&pack), as_of);
        assert_eq!(r.risk, RiskClass::Undetermined, "on {date}");
        assert!(!r.open_questions.is_empty());
        assert!(engine::next_question(&pack, &Answers::empty(&pack), as_of).is_some());
    }
}

#[test]
fn every_obligation_has_evidence_and_a_dutch_and_english_text() {
    let pack = pack();
    for o in &pack.obligations {
        assert!(
            !o.evidence.is_empty(),
            "obligation {} names no evidence",
            o.id
        );
        assert!(
            !o.text.en.is_empty() && !o.text.nl.is_empty(),
            "obligation {}",
            o.id
        );
    }
}

/// Replaying each scenario as an interview — asking only what the engine asks next, answering
/// from the scenario or "I don't know" — ends with the same classification as the full answers:
/// the interview never skips a question that matters.
#[test]
fn the_interview_reaches_the_scenario_result() {
    use aiact::answers::Answer;
    let pack = pack();
    let mut asked = 0;
    for s in &pack.scenarios {
        let (full, _) = Answers::from_table(&pack, &s.answers);
        let mut a = Answers::empty(&pack);
        let mut n = 0;
        while let Some(q) = engine::next_question(&pack, &a, s.as_of) {
            assert_eq!(
                a.get(q),
                Answer::Unanswered,
                "{}: asked `{}` twice",
                s.id,
                pack.questions[q].id
            );
            let v = full.get(q);
            a.set(
                q,
                if v == Answer::Unanswered {
                    Answer::Unknown
                } else {
                    v
                },
            );
            n += 1;
            assert!(
                n <= pack.questions.len(),
                "{}: the interview does not end",
                s.id
            );
        }
        asked += n;
        let interview = engine::assess(&pack, &a, s.as_of);
        let expected = engine::assess(&pack, &full, s.as_of);
        assert_eq!(
            interview.risk, expected.risk,
            "{}: the interview ends at a different class",
            s.id
        );
        assert_eq!(
            interview.roles, expected.roles,
            "{}: the interview ends with different roles",
            s.id
        );
    }
    assert!(asked > 0);
}

/// Every finding, obligation and note of the pack holds in at least one golden scenario: no
/// rule goes untested.
#[test]
fn every_rule_is_reached_by_a_scenario() {
    use aiact::engine::ObligationStatus;
    let pack = pack();
    let mut findings = vec![false; pack.findings.len()];
    let mut obligations = vec![false; pack.obligations.len()];
    let mut notes = vec![false; pack.notes.len()];
    for s in &pack.scenarios {
        let (answers, _) = Answers::from_table(&pack, &s.answers);
        let r = engine::assess(&pack, &answers, s.as_of);
        for f in r
            .findings
            .iter()
            .filter(|f| f.status != FindingStatus::Undetermined)
        {
            findings[f.finding] = true;
        }
        for o in r
            .obligations
            .iter()
            .filter(|o| o.status != ObligationStatus::Undetermined)
        {
            obligations[o.obligation] = true;
        }
        for n in &r.notes {
            notes[*n] = true;
        }
    }
    let missing = |reached: &[bool], ids: Vec<&str>| -> Vec<String> {
        ids.into_iter()
            .zip(reached)
            .filter(|(_, r)| !**r)
            .map(|(id, _)| id.to_string())
            .collect()
    };
    let f = missing(
        &findings,
        pack.findings.iter().map(|x| x.id.as_str()).collect(),
    );
    let o = missing(
        &obligations,
        pack.obligations.iter().map(|x| x.id.as_str()).collect(),
    );
    let n = missing(&notes, pack.notes.iter().map(|x| x.id.as_str()).collect());
    assert!(
        f.is_empty() && o.is_empty() && n.is_empty(),
        "not reached by any scenario: findings {f:?}, obligations {o:?}, notes {n:?}"
    );
}

/// A scenario's answers with some answers replaced (or removed, with `None`).
fn scenario_with(
    pack: &Pack,
    id: &str,
    changes: &[(&str, Option<toml::Value>)],
) -> engine::Assessment {
    let s = pack
        .scenarios
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("scenario {id}"));
    let mut table = s.answers.clone();
    for (key, value) in changes {
        match value {
            Some(v) => table.insert(key.to_string(), v.clone()),
            None => table.remove(*key),
        };
    }
    let (answers, problems) = Answers::from_table(pack, &table);
    assert!(problems.is_empty(), "{problems:?}");
    engine::assess(pack, &answers, s.as_of)
}

fn note_ids(pack: &Pack, r: &engine::Assessment) -> Vec<String> {
    r.notes.iter().map(|n| pack.notes[*n].id.clone()).collect()
}

/// Notes fit the result: no fine tier for a role without duties, no "not every condition is
/// met" where an exception decided, no "do not use" once the registration is confirmed.
#[test]
fn notes_and_duties_fit_the_result() {
    let pack = pack();
    // An importer of a chatbot has no Art. 50 duty (50(1) is the provider's): no fine tier.
    let r = scenario_with(
        &pack,
        "tc_tl_7_chatbot_2026_08_02",
        &[
            (
                "org_activities",
                Some(toml::Value::Array(vec!["imports".into()])),
            ),
            ("own_name", None),
            ("provider_outside_eu", Some(true.into())),
        ],
    );
    assert_eq!(
        r.roles,
        [aiact::rules::Role::Importer],
        "{:?}",
        r.possible_roles
    );
    let notes = note_ids(&pack, &r);
    assert!(
        !notes.contains(&"note_high_risk_fine_tier".to_string()),
        "{notes:?}"
    );
    assert!(
        !notes.contains(&"note_art4_no_fine_tier".to_string()),
        "{notes:?}"
    );
    // Its provider does get the tier.
    let r = scenario_with(&pack, "tc_tl_7_chatbot_2026_08_02", &[]);
    assert!(note_ids(&pack, &r).contains(&"note_high_risk_fine_tier".to_string()));
    // The Art. 5(1)(h) exception applied: not "not every condition is met".
    let r = scenario_with(&pack, "r2_rbi_exception_belgium", &[]);
    let notes = note_ids(&pack, &r);
    assert!(
        !notes.contains(&"note_art5_elements_missing".to_string()),
        "{notes:?}"
    );
    // A confirmed registration in the non-public section: no "do not use".
    let r = scenario_with(&pack, "r2_police_non_public_registration_true", &[]);
    assert!(
        !r.obligations
            .iter()
            .any(|o| pack.obligations[o.obligation].id == "deployer_26_8_do_not_use_unregistered")
    );
    // The national layer follows the country; other countries get the EU note only.
    let r = scenario_with(&pack, "r2_muni_5a_national_other_eu", &[]);
    let notes = note_ids(&pack, &r);
    assert!(
        notes
            .iter()
            .all(|n| !n.starts_with("note_be_") && !n.starts_with("note_nl_")),
        "{notes:?}"
    );
    let r = scenario_with(&pack, "r2_muni_5a_national_nl", &[]);
    let notes = note_ids(&pack, &r);
    assert!(
        notes.iter().all(|n| !n.starts_with("note_be_")),
        "{notes:?}"
    );
}
