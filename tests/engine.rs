//! Engine mechanics on a small fixture pack: three-valued logic, relevance, dates and law
//! versions, the next question; and property tests over arbitrary answers and rule text.

use aiact::answers::{Answer, Answers, RawAnswer};
use aiact::engine::{self, ObligationStatus};
use aiact::rules::{Pack, RiskClass, SourceFile};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::sync::LazyLock;

static MINI: LazyLock<Pack> = LazyLock::new(|| {
    aiact::cli::load_pack(
        Some(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/packs/mini"
        ))),
        &[],
    )
    .map(|(p, _)| p)
    .expect("mini pack loads")
});
static REAL: LazyLock<Pack> = LazyLock::new(|| {
    aiact::cli::load_pack(None, &[])
        .map(|(p, _)| p)
        .expect("embedded pack loads")
});

fn mini() -> Pack {
    MINI.clone()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn answers(pack: &Pack, pairs: &[(&str, RawAnswer)]) -> Answers {
    let mut a = Answers::empty(pack);
    for (id, raw) in pairs {
        let (q, ans) = aiact::answers::answer_for(pack, id, raw).unwrap();
        a.set(q, ans);
    }
    a
}

fn obligation_status(pack: &Pack, r: &engine::Assessment, id: &str) -> Option<ObligationStatus> {
    r.obligations
        .iter()
        .find(|o| pack.obligations[o.obligation].id == id)
        .map(|o| o.status)
}

#[test]
fn unknown_answer_makes_result_undetermined_with_deciding_questions() {
    let pack = mini();
    let a = answers(
        &pack,
        &[
            ("uses_inference", RawAnswer::Bool(true)),
            ("military_only", RawAnswer::Text("unknown".into())),
        ],
    );
    let r = engine::assess(&pack, &a, date("2026-09-01"));
    assert_eq!(r.risk, RiskClass::Undetermined);
    let open: Vec<&str> = r
        .open_questions
        .iter()
        .map(|q| pack.questions[*q].id.as_str())
        .collect();
    assert!(open.contains(&"military_only"), "{open:?}");
    assert!(r.possible_risks.contains(&RiskClass::OutOfScope));
    assert!(r.possible_risks.contains(&RiskClass::Minimal));
}

#[test]
fn the_next_question_follows_pack_order_and_skips_irrelevant_ones() {
    let pack = mini();
    let id = |a: &Answers| {
        engine::next_question(&pack, a, date("2026-09-01")).map(|q| pack.questions[q].id.clone())
    };
    let mut a = Answers::empty(&pack);
    assert_eq!(id(&a).as_deref(), Some("uses_inference"));
    a = answers(&pack, &[("uses_inference", RawAnswer::Bool(false))]);
    assert_eq!(id(&a), None, "not an AI system: nothing left to ask");
    a = answers(&pack, &[("uses_inference", RawAnswer::Bool(true))]);
    assert_eq!(id(&a).as_deref(), Some("military_only"));
    a = answers(
        &pack,
        &[
            ("uses_inference", RawAnswer::Bool(true)),
            ("military_only", RawAnswer::Bool(false)),
            ("own_use", RawAnswer::Bool(true)),
            ("practices", RawAnswer::List(vec!["chat".into()])),
        ],
    );
    assert_eq!(
        id(&a),
        None,
        "medical_or_safety is irrelevant without emotion inference"
    );
    let r = engine::assess(&pack, &a, date("2026-09-01"));
    assert!(r.is_determined());
    assert_eq!(r.risk, RiskClass::Limited);
}

#[test]
fn answers_to_questions_that_no_longer_apply_are_ignored() {
    let pack = mini();
    // Answered as if an AI system, then the first answer changed to "no".
    let a = answers(
        &pack,
        &[
            ("uses_inference", RawAnswer::Bool(false)),
            ("military_only", RawAnswer::Bool(true)),
            ("practices", RawAnswer::List(vec!["emotion_at_work".into()])),
        ],
    );
    let r = engine::assess(&pack, &a, date("2026-09-01"));
    assert_eq!(r.risk, RiskClass::NotAnAiSystem);
    let relevant = engine::relevance(&pack, &a, date("2026-09-01"));
    let (q, _) = pack.question("practices").unwrap();
    assert!(relevant[q].is_false());
}

#[test]
fn a_prohibition_applies_only_from_its_date() {
    let pack = mini();
    let a = answers(
        &pack,
        &[
            ("uses_inference", RawAnswer::Bool(true)),
            ("military_only", RawAnswer::Bool(false)),
            ("own_use", RawAnswer::Bool(true)),
            ("practices", RawAnswer::List(vec!["emotion_at_work".into()])),
            ("medical_or_safety", RawAnswer::Bool(false)),
        ],
    );
    let before = engine::assess(&pack, &a, date("2025-02-01"));
    assert_eq!(before.risk, RiskClass::Minimal);
    assert_eq!(
        before.next_deadlines.first().map(|d| d.date),
        Some(date("2025-02-02"))
    );
    let after = engine::assess(&pack, &a, date("2025-02-02"));
    assert_eq!(after.risk, RiskClass::Prohibited);
    // The medical-or-safety exception lifts it.
    let mut b = a.clone();
    let (q, _) = pack.question("medical_or_safety").unwrap();
    b.set(q, Answer::Bool(true));
    assert_eq!(
        engine::assess(&pack, &b, date("2025-03-01")).risk,
        RiskClass::Minimal
    );
}

#[test]
fn the_law_version_switches_on_2026_07_27() {
    let pack = mini();
    let a = answers(
        &pack,
        &[
            ("uses_inference", RawAnswer::Bool(true)),
            ("military_only", RawAnswer::Bool(false)),
            ("own_use", RawAnswer::Bool(true)),
            ("practices", RawAnswer::List(vec![])),
        ],
    );
    let old = engine::assess(&pack, &a, date("2026-07-26"));
    let new = engine::assess(&pack, &a, date("2026-07-27"));
    assert_eq!(
        obligation_status(&pack, &old, "art4_literacy_original"),
        Some(ObligationStatus::Applies)
    );
    assert_eq!(obligation_status(&pack, &old, "art4_literacy"), None);
    assert_eq!(
        obligation_status(&pack, &new, "art4_literacy"),
        Some(ObligationStatus::Applies)
    );
    assert_eq!(
        obligation_status(&pack, &new, "art4_literacy_original"),
        None
    );
    assert_eq!(
        engine::Provenance::new(&pack, date("2026-07-26")).law_version,
        "original"
    );
    assert_eq!(
        engine::Provenance::new(&pack, date("2026-07-27")).law_version,
        "amended"
    );
    // A timeline date with an original-text date resolves by law version.
    let (t, _) = pack
        .timeline
        .iter()
        .enumerate()
        .find(|(_, t)| t.id == "high_risk_annex_iii_date")
        .unwrap();
    assert_eq!(
        pack.timeline_date(t, pack.law_version_at(date("2026-07-26"))),
        date("2026-08-02")
    );
    assert_eq!(
        pack.timeline_date(t, pack.law_version_at(date("2026-07-27"))),
        date("2027-12-02")
    );
}

#[test]
fn the_real_pack_answers_fast_enough_for_an_interview() {
    // Not a timing assertion: just that evaluation of the full pack is exercised many times.
    let pack = &*REAL;
    let a = Answers::empty(pack);
    for _ in 0..100 {
        let (r, next) = engine::assess_and_next(pack, &a, date("2026-09-01"));
        assert!(next.is_some() && r.risk == RiskClass::Undetermined);
    }
}

/// A municipality's Annex III 5(a) benefits tool in use since 2027-06-01 (Art. 111(2)).
fn legacy_public_system(significant_change: RawAnswer) -> Answers {
    let list = |v: &[&str]| RawAnswer::List(v.iter().map(|s| s.to_string()).collect());
    let text = |v: &str| RawAnswer::Text(v.into());
    answers(
        &REAL,
        &[
            ("subject_kind", text("ai-system")),
            ("machine_based", RawAnswer::Bool(true)),
            ("technique_family", text("machine-learning")),
            ("operates_autonomously", RawAnswer::Bool(true)),
            ("generates_outputs", RawAnswer::Bool(true)),
            ("outputs_influence", RawAnswer::Bool(true)),
            ("org_type", text("local-government")),
            ("scope_exclusions", list(&["none"])),
            ("org_activities", list(&["uses"])),
            ("changes_to_existing", list(&["none"])),
            ("used_on_workers", RawAnswer::Bool(false)),
            ("practice_screen", list(&["none"])),
            ("annex_i_legislation", list(&["none"])),
            ("annex_iii_areas", list(&["essential-services"])),
            ("essential_services_purposes", list(&["public-benefits"])),
            ("performs_profiling", RawAnswer::Bool(true)),
            ("assists_decisions_on_persons", RawAnswer::Bool(true)),
            ("interacts_with_persons", RawAnswer::Bool(false)),
            ("generates_synthetic_content", list(&["none"])),
            (
                "high_risk_placed_on_market",
                RawAnswer::Date(date("2027-06-01")),
            ),
            ("significant_change", significant_change),
        ],
    )
}

fn deadline_dates(r: &engine::Assessment, id: &str) -> Vec<NaiveDate> {
    r.next_deadlines
        .iter()
        .filter(|d| d.items.iter().any(|i| i == id))
        .map(|d| d.date)
        .collect()
}

#[test]
fn a_legacy_public_system_shows_2030_before_the_high_risk_date() {
    let pack = &*REAL;
    let id = "deployer_26_1_use_per_instructions";
    let find = |r: &engine::Assessment| {
        r.obligations
            .iter()
            .find(|o| pack.obligations[o.obligation].id == id)
            .cloned()
            .expect("the obligation is listed")
    };
    let transition =
        |o: &engine::ObligationOutcome| o.transition.map(|t| pack.transitions[t].id.clone());
    // No significant change: upcoming, in transition until 2030-08-02 from the start; the
    // deadline is 2030-08-02, not 2027-12-02.
    let r = engine::assess(
        pack,
        &legacy_public_system(RawAnswer::Bool(false)),
        date("2027-11-01"),
    );
    let o = find(&r);
    assert_eq!(o.status, ObligationStatus::Upcoming);
    assert_eq!(o.applies_from, Some(date("2027-12-02")));
    assert_eq!(o.until, Some(date("2030-08-02")));
    assert_eq!(
        transition(&o).as_deref(),
        Some("transition_public_authority_legacy")
    );
    assert_eq!(deadline_dates(&r, id), [date("2030-08-02")]);
    // The transition's title names the event that brings the duties forward.
    let t = &pack.transitions[o.transition.unwrap()];
    assert!(
        t.title.en.contains("significantly changed"),
        "{}",
        t.title.en
    );
    // Significant change unknown: undetermined between the two dates, both in the deadlines,
    // the question listed as deciding.
    for as_of in ["2027-11-01", "2027-12-02"] {
        let a = legacy_public_system(RawAnswer::Text("unknown".into()));
        let r = engine::assess(pack, &a, date(as_of));
        let o = find(&r);
        assert_eq!(o.status, ObligationStatus::Undetermined, "{as_of}");
        assert_eq!(o.until, Some(date("2030-08-02")), "{as_of}");
        let deciding: Vec<&str> = o
            .deciding
            .iter()
            .map(|q| pack.questions[*q].id.as_str())
            .collect();
        assert_eq!(deciding, ["significant_change"], "{as_of}");
        let mut want = vec![date("2030-08-02")];
        if as_of == "2027-11-01" {
            want.insert(0, date("2027-12-02"));
        }
        assert_eq!(deadline_dates(&r, id), want, "{as_of}");
    }
}

fn arb_answer(pack: &Pack, q: usize) -> BoxedStrategy<Answer> {
    use aiact::rules::AnswerType::*;
    let question = &pack.questions[q];
    let n = question.choices.len().max(1);
    match question.answer_type {
        YesNo => prop_oneof![
            Just(Answer::Unanswered),
            Just(Answer::Unknown),
            any::<bool>().prop_map(Answer::Bool)
        ]
        .boxed(),
        Choice => prop_oneof![
            Just(Answer::Unanswered),
            Just(Answer::Unknown),
            (0..n).prop_map(|i| Answer::Choice(i as u8))
        ]
        .boxed(),
        MultiChoice => prop_oneof![
            Just(Answer::Unanswered),
            Just(Answer::Unknown),
            (0u64..(1u64 << n.min(63))).prop_map(Answer::Multi)
        ]
        .boxed(),
        Date => prop_oneof![
            Just(Answer::Unanswered),
            Just(Answer::Unknown),
            (0i64..4000)
                .prop_map(|d| Answer::Date(date("2024-01-01") + chrono::Days::new(d as u64)))
        ]
        .boxed(),
        Number => prop_oneof![
            Just(Answer::Unanswered),
            Just(Answer::Unknown),
            any::<f64>().prop_map(Answer::Number)
        ]
        .boxed(),
    }
}

fn arb_answers(pack: &Pack) -> impl Strategy<Value = Answers> + use<> {
    let strategies: Vec<BoxedStrategy<Answer>> = (0..pack.questions.len())
        .map(|q| arb_answer(pack, q))
        .collect();
    strategies.prop_map(Answers)
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    // From entry into force (the CLI refuses earlier dates) to 2031.
    (0u64..2400).prop_map(|d| date("2024-08-01") + chrono::Days::new(d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_answers_give_exactly_one_consistent_result(answers in arb_answers(&REAL), as_of in arb_date()) {
        let pack = &*REAL;
        let r = engine::assess(pack, &answers, as_of);
        // Undetermined exactly when there is something left open for the risk.
        if r.risk == RiskClass::Undetermined {
            prop_assert!(!r.open_questions.is_empty(), "undetermined without deciding questions");
        } else {
            prop_assert!(r.possible_risks.is_empty());
        }
        // Deterministic.
        prop_assert_eq!(&r, &engine::assess(pack, &answers, as_of));
        // Serialise -> parse -> evaluate gives the same result.
        let table = answers.to_table(pack);
        let text = toml::to_string(&table).unwrap();
        let back: toml::Table = toml::from_str(&text).unwrap();
        let (again, problems) = Answers::from_table(pack, &back);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        prop_assert_eq!(&r, &engine::assess(pack, &again, as_of));
    }

    #[test]
    fn an_earlier_date_never_removes_a_finding_or_a_duty(
        answers in arb_answers(&REAL),
        earlier in arb_date(),
        ahead in 1u64..1500,
    ) {
        // Moving the assessment date earlier (within one law version) keeps every finding and
        // every obligation: a rule whose date has not come is anticipated, its status turns to
        // upcoming (or to a transition, or to undetermined while an Art. 111 transition that
        // ends before the later date depends on an open question).
        let pack = &*REAL;
        let later = earlier + chrono::Days::new(ahead);
        prop_assume!(pack.law_version_at(earlier) == pack.law_version_at(later));
        let (r1, r2) = (engine::assess(pack, &answers, earlier), engine::assess(pack, &answers, later));
        for f2 in &r2.findings {
            let finding = &pack.findings[f2.finding];
            if finding.kind == aiact::rules::FindingKind::Fact {
                continue;
            }
            let f1 = r1.findings.iter().find(|f| f.finding == f2.finding);
            prop_assert!(f1.is_some(), "finding {} on {later} is gone on {earlier}", finding.id);
            if let (Some(f1), engine::FindingStatus::Applies) = (f1, f2.status) {
                prop_assert!(
                    matches!(f1.status, engine::FindingStatus::Applies | engine::FindingStatus::Upcoming),
                    "finding {}: applies on {later}, {:?} on {earlier}", finding.id, f1.status
                );
            }
        }
        for o2 in &r2.obligations {
            let id = &pack.obligations[o2.obligation].id;
            let o1 = r1.obligations.iter().find(|o| o.obligation == o2.obligation);
            prop_assert!(o1.is_some(), "obligation {id} on {later} is gone on {earlier}");
            let o1 = o1.unwrap();
            use ObligationStatus::*;
            let fine = o1.status == o2.status
                || o1.status == Upcoming
                || (o2.status == Applies && o1.status == Transition)
                || (o1.status == Undetermined && o1.until.is_some());
            prop_assert!(fine, "obligation {id}: {:?} on {later}, {:?} on {earlier}", o2.status, o1.status);
        }
    }

    #[test]
    fn an_answer_never_turns_a_known_result_unknown(answers in arb_answers(&mini()), as_of in arb_date()) {
        // Monotonicity of the three-valued logic: answering a question the result did not
        // depend on cannot change the risk class.
        let pack = mini();
        let r = engine::assess(&pack, &answers, as_of);
        if r.risk != RiskClass::Undetermined {
            for q in 0..pack.questions.len() {
                if answers.get(q) == Answer::Unanswered && !r.open_questions.contains(&q) {
                    let mut more = answers.clone();
                    more.set(q, Answer::Unknown);
                    prop_assert_eq!(engine::assess(&pack, &more, as_of).risk, r.risk);
                }
            }
        }
    }

    #[test]
    fn yes_to_a_prohibited_practice_is_prohibited_whatever_else(answers in arb_answers(&mini())) {
        let pack = mini();
        let mut a = answers;
        for (id, v) in [("uses_inference", Answer::Bool(true)), ("military_only", Answer::Bool(false)), ("medical_or_safety", Answer::Bool(false))] {
            let (q, _) = pack.question(id).unwrap();
            a.set(q, v);
        }
        let (q, question) = pack.question("practices").unwrap();
        let bit = 1u64 << question.choice_index("emotion_at_work").unwrap();
        let bits = match a.get(q) { Answer::Multi(b) => b | bit, _ => bit };
        a.set(q, Answer::Multi(bits));
        prop_assert_eq!(engine::assess(&pack, &a, date("2025-06-01")).risk, RiskClass::Prohibited);
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let files = vec![SourceFile { path: "x.toml".into(), text }];
        let _ = aiact::rules::load(&files);
    }

    #[test]
    fn the_loader_never_panics_on_rule_shaped_text(
        key in prop_oneof![Just("question"), Just("finding"), Just("obligation"), Just("note"), Just("risk"), Just("scenario"), Just("timeline")],
        field in "[a-z_]{1,12}",
        value in prop_oneof![Just("\"x\"".to_string()), Just("1".to_string()), Just("[\"a\"]".to_string()), Just("{ en = \"a\" }".to_string()), "\"[a-z_ ()=!<>\\[\\],\\\"0-9-]{0,40}\"".prop_map(|s| s)],
        when in "[a-z_ ()=!<>\\[\\],\"0-9.-]{0,60}",
    ) {
        let mut files = aiact::rules::dir_files(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs/mini"))).unwrap();
        files.push(SourceFile { path: "rules/zz-extra.toml".into(), text: format!("[[{key}]]\nid = \"zz_extra\"\nwhen = '{when}'\n{field} = {value}\n") });
        let _ = aiact::rules::load(&files);
    }
}

#[test]
fn condition_parser_never_panics_on_arbitrary_input() {
    proptest!(|(s in "\\PC{0,200}")| {
        let _ = aiact::rules::condition::parse(&s);
    });
}

fn municipality(pack: &Pack) -> Vec<(String, Answers)> {
    let text = include_str!("../examples/municipality.toml");
    let inv = aiact::inventory::read_inventory(
        "municipality.toml",
        text,
        aiact::inventory::InputFormat::Toml,
    );
    inv.systems
        .iter()
        .map(|s| (s.id.clone(), s.answers(pack).0))
        .collect()
}

#[test]
fn deciding_questions_say_exactly_where_each_answer_leads() {
    use aiact::engine::AnswerSpan;
    let pack = &*REAL;
    let as_of = date("2026-12-06");
    let mut undetermined = 0;
    for (id, a) in municipality(pack) {
        let r = engine::assess(pack, &a, as_of);
        if r.risk != RiskClass::Undetermined {
            continue;
        }
        undetermined += 1;
        assert!(!r.deciding.is_empty(), "{id}: no deciding question");
        // Replaying each answer gives the class the outcome announced.
        for d in &r.deciding {
            for o in &d.outcomes {
                let AnswerSpan::One(v) = o.answer else {
                    continue;
                };
                let mut b = a.clone();
                b.set(d.question, v);
                let after = engine::assess(pack, &b, as_of);
                assert_eq!(
                    after.risk, o.risk,
                    "{id}: {}",
                    pack.questions[d.question].id
                );
                assert_eq!(after.possible_risks, o.possible);
            }
        }
    }
    assert_eq!(undetermined, 5);
}

#[test]
fn a_duty_certain_in_every_branch_applies_while_the_class_is_open() {
    // ZD-18: an open-source aggression detector that infers staff emotions; whether the safety
    // exception of Art. 5(1)(f) covers it is open. Either way the Act reaches it despite the
    // licence (Art. 2(12) spares neither prohibited nor high-risk systems): AI literacy is
    // certain, and only those two classes remain.
    let pack = &*REAL;
    let systems = municipality(pack);
    let a = &systems.iter().find(|(id, _)| id == "ZD-18").unwrap().1;
    let r = engine::assess(pack, a, date("2026-12-06"));
    assert_eq!(r.risk, RiskClass::Undetermined);
    assert_eq!(
        r.possible_risks,
        [RiskClass::Prohibited, RiskClass::HighRisk]
    );
    assert_eq!(r.roles, [aiact::rules::Role::Deployer]);
    assert_eq!(
        obligation_status(pack, &r, "art4_ai_literacy"),
        Some(ObligationStatus::Applies)
    );
    // Three-valued logic alone leaves it open: the branches prove it.
    let raw = engine::assess_assuming(pack, a, date("2026-12-06"), &[]);
    assert_eq!(
        obligation_status(pack, &raw, "art4_ai_literacy"),
        Some(ObligationStatus::Undetermined)
    );
    let deciding: Vec<&str> = r
        .deciding
        .iter()
        .map(|d| pack.questions[d.question].id.as_str())
        .collect();
    assert_eq!(deciding, ["emotion_medical_safety"]);
}

#[test]
fn a_duty_that_needs_several_ticks_at_once_is_not_made_certain_from_single_ticks() {
    // Live face recognition under the Art. 5(2) safeguards: only all of them together lift the
    // prohibition. With the safeguards unknown, "stop using it" is not certain: ticking every
    // safeguard makes the system high-risk instead.
    let pack = &*REAL;
    let s = pack
        .scenarios
        .iter()
        .find(|s| s.id == "b_realtime_rbi_exception_1a")
        .expect("scenario");
    let (mut a, _) = Answers::from_table(pack, &s.answers);
    let (q, _) = pack.question("rbi_safeguards").expect("question");
    let all = a.get(q);
    let r = engine::assess(pack, &a, date("2027-12-02"));
    assert_eq!(r.risk, RiskClass::HighRisk);
    assert_eq!(obligation_status(pack, &r, "prohibited_stop_using"), None);
    a.set(q, Answer::Unknown);
    let r = engine::assess(pack, &a, date("2027-12-02"));
    assert_eq!(r.risk, RiskClass::Undetermined);
    assert_eq!(
        obligation_status(pack, &r, "prohibited_stop_using"),
        Some(ObligationStatus::Undetermined),
        "every safeguard ticked ({all:?}) lifts the prohibition"
    );
}

#[test]
fn welfare_fraud_score_hangs_on_what_the_score_leads_to() {
    let pack = &*REAL;
    let systems = municipality(pack);
    let a = &systems.iter().find(|(id, _)| id == "ZD-13").unwrap().1;
    let r = engine::assess(pack, a, date("2026-12-06"));
    let ids: Vec<&str> = r
        .deciding
        .iter()
        .map(|d| pack.questions[d.question].id.as_str())
        .collect();
    // The Art. 6(3) derogation and Art. 111 questions cannot change the class (profiling).
    assert_eq!(ids, ["score_consequence"]);
    let classes: Vec<(RiskClass, Option<&str>)> = r.deciding[0]
        .outcomes
        .iter()
        .map(|o| (o.risk, o.reason.map(|f| pack.findings[f].id.as_str())))
        .collect();
    assert_eq!(classes[0].0, RiskClass::HighRisk);
    let route = classes[0].1.expect("a route");
    assert_eq!(
        pack.findings
            .iter()
            .find(|f| f.id == route)
            .unwrap()
            .point
            .as_deref(),
        Some("Annex III 5(a)")
    );
    assert!(
        classes[1..]
            .iter()
            .all(|(c, _)| *c == RiskClass::Prohibited)
    );
    assert_eq!(
        obligation_status(pack, &r, "art4_ai_literacy"),
        Some(ObligationStatus::Applies)
    );
    // The duties that come with each possible class are grouped.
    let groups: Vec<(Option<RiskClass>, usize)> = r
        .duty_groups
        .iter()
        .map(|g| (g.class, g.obligations.len()))
        .collect();
    assert_eq!(
        groups,
        [
            (Some(RiskClass::Prohibited), 1),
            (Some(RiskClass::HighRisk), 14)
        ]
    );
}

#[test]
fn a_duty_is_certain_only_with_one_status_in_every_branch() {
    let pack = &*REAL;
    let systems = municipality(pack);
    // ZD-12: a municipality's Annex III 5(a) system already in use, `significant_change` left
    // open. Before 2 August 2030 the answer decides between "from 2 December 2027" and "until
    // 2 August 2030" (Art. 111(2)): the status differs between the branches, so the duties
    // are not made certain. After it, they apply either way.
    let a = &systems.iter().find(|(id, _)| id == "ZD-12").unwrap().1;
    let id = "deployer_26_2_human_oversight";
    let r = engine::assess(pack, a, date("2026-12-06"));
    assert_eq!(r.risk, RiskClass::HighRisk);
    assert_eq!(
        obligation_status(pack, &r, id),
        Some(ObligationStatus::Undetermined)
    );
    let r = engine::assess(pack, a, date("2030-09-01"));
    assert_eq!(
        obligation_status(pack, &r, id),
        Some(ObligationStatus::Applies)
    );
    // ZD-17: nothing is known yet, so even AI literacy depends on whether it is an AI system.
    let a = &systems.iter().find(|(id, _)| id == "ZD-17").unwrap().1;
    let r = engine::assess(pack, a, date("2026-12-06"));
    assert_eq!(
        obligation_status(pack, &r, "art4_ai_literacy"),
        Some(ObligationStatus::Undetermined)
    );
    // The technique decides first: machine learning settles the definition on its own.
    assert_eq!(
        pack.questions[r.deciding[0].question].id,
        "technique_family"
    );
}

/// A chain of 10 000 derived facts, each built on the one before, loads whole, each rule at
/// its own line (the line was found by rescanning the file: 16 s in a release build; the
/// line starts are now indexed once per file). No timing is asserted: a quadratic load shows
/// as a test run minutes long.
#[test]
fn a_long_chain_of_derived_facts_loads_each_at_its_line() {
    let mut files = aiact::rules::dir_files(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/packs/mini"
    )))
    .expect("mini pack");
    let n = 10_000;
    let mut text = String::new();
    for i in 0..n {
        let prev = if i == 0 {
            "uses_inference".to_string()
        } else {
            format!("chain_{}", i - 1)
        };
        let kind = if i + 1 == n { "exclusion" } else { "fact" };
        text.push_str(&format!(
            "[[finding]]\nid = \"chain_{i}\"\nkind = \"{kind}\"\nwhen = '{prev}'\ntitle = {{ en = \"Chain {i}\", nl = \"Keten {i}\" }}\ncite = [\"Art. 3(1)\"]\nstatus = \"guidance\"\napplies_from = \"entry_into_force\"\n\n"
        ));
    }
    files.push(SourceFile {
        path: "rules/chain.toml".into(),
        text,
    });
    let (pack, _) = aiact::rules::load(&files).expect("the chain loads");
    let chain: Vec<_> = pack
        .findings
        .iter()
        .filter(|f| f.id.starts_with("chain_"))
        .collect();
    assert_eq!(chain.len(), n);
    // Each `[[finding]]` takes 9 lines; chain_i starts on line 9 i + 1.
    for f in chain {
        let i: usize = f.id["chain_".len()..].parse().expect("number");
        assert_eq!(
            (f.origin.file.as_str(), f.origin.line),
            ("rules/chain.toml", 9 * i + 1),
            "{}",
            f.id
        );
    }
}
