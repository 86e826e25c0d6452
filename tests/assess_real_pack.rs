//! Full interviews on the real (embedded) rule pack, in English and Dutch.
//!
//! The person answering is a golden scenario of the pack: the script answers a question only
//! with the scenario's own answer and fails on any other question. So each test shows that
//! the interview (1) asks nothing the scenario does not answer, (2) asks nothing twice, and
//! (3) ends with exactly the result the scenario expects (checked by the pack's own scenario
//! runner on the answers the interview collected).

use aiact::engine::scenario;
use aiact::prompt::scripted::Otherwise;
use aiact::prompt::{Ending, Interview, Scripted, summary};
use aiact::report::{SystemReport, SystemResult};
use aiact::rules::{Lang, Pack, RiskClass, Scenario};
use std::collections::HashSet;

/// The embedded pack, loaded once (the runs' reports borrow it).
fn pack() -> &'static Pack {
    static PACK: std::sync::OnceLock<Pack> = std::sync::OnceLock::new();
    PACK.get_or_init(|| match aiact::cli::load_pack(None, &[]) {
        Ok((p, _)) => p,
        Err(d) => panic!("the embedded pack does not load: {d:?}"),
    })
}

fn scenario<'a>(pack: &'a Pack, id: &str) -> &'a Scenario {
    pack.scenarios
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| {
            panic!(
                "the pack has no scenario `{id}` (it has: {:?})",
                pack.scenarios
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
            )
        })
}

/// A scenario answer as the scripted prompter takes it.
fn scripted_value(v: &toml::Value) -> String {
    match v {
        toml::Value::Boolean(true) => "yes".into(),
        toml::Value::Boolean(false) => "no".into(),
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

struct Run {
    asked: Vec<String>,
    report: SystemReport<'static>,
    summary: String,
}

fn interview(pack: &'static Pack, id: &str, lang: Lang, otherwise: Otherwise) -> Run {
    let s = scenario(pack, id);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Scripted::new()
        .text("id", "SYS-1")
        .text("name", id)
        .otherwise(otherwise);
    for (q, v) in &s.answers {
        p = p.answer(q, &scripted_value(v));
    }
    let mut i = Interview::new(pack, s.as_of, lang);
    i.save = Some(dir.path().join("answers.toml"));
    let ending = i
        .run(&mut p)
        .unwrap_or_else(|e| panic!("scenario `{id}` ({lang:?}): {e}"));
    assert_eq!(ending, Ending::Finished);

    let asked = p.asked_ids();
    let unique: HashSet<&str> = asked.iter().copied().collect();
    assert_eq!(
        unique.len(),
        asked.len(),
        "no question asked twice: {asked:?}"
    );

    // The answers the interview collected give the scenario's expected result.
    let mut collected = s.clone();
    collected.answers = i.answers.to_table(pack);
    if otherwise == Otherwise::Fail {
        assert!(
            collected.answers.len() <= s.answers.len(),
            "the interview asks only what the scenario answers"
        );
    }
    if let Some(failure) = scenario::run(pack, &collected) {
        panic!(
            "scenario `{id}` through the interview ({lang:?}): {:#?}\nasked: {asked:?}",
            failure.differences
        );
    }
    // Leaked, so that the run can keep the report that borrows it.
    let result: &'static SystemResult = Box::leak(Box::new(i.result()));
    let report = SystemReport::new(pack, result, lang);
    // Wide enough that no title is wrapped, so each can be found whole.
    let summary = summary::render(&report, lang, Some(1000));
    Run {
        asked: asked.iter().map(|s| s.to_string()).collect(),
        report,
        summary,
    }
}

/// Runs a scenario in both languages; checks that the summary speaks the language.
fn both_languages(id: &str, risk: RiskClass) -> (Run, Run) {
    both_languages_with(id, risk, Otherwise::Fail)
}

fn both_languages_with(id: &str, risk: RiskClass, otherwise: Otherwise) -> (Run, Run) {
    let pack = pack();
    let en = interview(pack, id, Lang::En, otherwise);
    let nl = interview(pack, id, Lang::Nl, otherwise);
    assert_eq!(en.asked, nl.asked, "the language changes no question asked");
    for (run, lang, heading) in [
        (&en, Lang::En, "Classification: "),
        (&nl, Lang::Nl, "Indeling: "),
    ] {
        assert_eq!(run.report.risk, risk, "{id}");
        let line = format!("{heading}{}", risk.label(lang));
        assert!(
            run.summary.contains(&line),
            "{id} {lang:?}: no {line:?} in\n{}",
            run.summary
        );
        for o in &run.report.obligations {
            assert!(
                run.summary.contains(o.title),
                "{id} {lang:?}: obligation {} ({}) missing from the summary",
                o.id,
                o.title
            );
        }
        for r in &run.report.reasons {
            assert!(
                run.summary.contains(r.title),
                "{id} {lang:?}: reason {} missing",
                r.id
            );
        }
    }
    assert!(nl.summary.contains("geen juridisch advies"));
    assert!(!nl.summary.contains("Classification"), "{}", nl.summary);
    // The Dutch obligation titles differ from the English ones (they come from the pack).
    if let (Some(a), Some(b)) = (en.report.obligations.first(), nl.report.obligations.first()) {
        assert_eq!(a.id, b.id);
        assert_ne!(
            a.title, b.title,
            "obligation {} has the same title in both languages",
            a.id
        );
    }
    (en, nl)
}

#[test]
fn chatbot_of_a_city() {
    let (en, _) = both_languages("b_city_chatbot_deployer", RiskClass::Limited);
    assert!(
        en.report.reasons.iter().any(|r| r.kind == "transparency"),
        "{:#?}",
        en.report.reasons
    );
    assert!(en.summary.contains("Art. 50"), "{}", en.summary);
}

#[test]
fn cv_screening_deployer() {
    let (en, nl) = both_languages("tc_tl_5_cv_screening_deployer_2027", RiskClass::HighRisk);
    assert!(en.summary.contains("Annex III"), "{}", en.summary);
    assert!(nl.summary.contains("Geldt nu"), "{}", nl.summary);
    assert!(en.report.open_questions.is_empty());
}

#[test]
fn welfare_fraud_scoring_with_profiling_is_high_risk() {
    // The scenario fixes the classification but leaves facts open that decide the duties
    // (e.g. the date of first use); the person answers those "I don't know".
    let id = "b_welfare_fraud_scoring_profiling";
    let (en, nl) = both_languages_with(id, RiskClass::HighRisk, Otherwise::Unknown);
    let pack = pack();
    let answered: HashSet<&str> = scenario(pack, id)
        .answers
        .keys()
        .map(String::as_str)
        .collect();
    let extra: Vec<&String> = en
        .asked
        .iter()
        .filter(|q| !answered.contains(q.as_str()))
        .collect();
    assert!(!extra.is_empty(), "the scenario leaves something open");
    let open: Vec<&str> = en.report.open_questions.iter().map(|q| q.id).collect();
    for q in &extra {
        assert!(
            open.contains(&q.as_str()),
            "`{q}` was answered \"don't know\" and is reported open: {open:?}"
        );
    }
    assert!(en.summary.contains("Annex III 5"), "{}", en.summary);
    // The class is decided: the few duties the Art. 111 questions leave open are listed.
    assert!(nl.summary.contains("Nog niet te bepalen"), "{}", nl.summary);
}

#[test]
fn welfare_fraud_scoring_on_unrelated_data_is_prohibited() {
    let (en, nl) = both_languages("p5_welfare_fraud_unrelated_data", RiskClass::Prohibited);
    assert!(en.summary.contains("Art. 5(1)(c)"), "{}", en.summary);
    assert!(nl.summary.contains("verboden"), "{}", nl.summary);
}

#[test]
fn manipulative_loan_chatbot_is_prohibited() {
    both_languages("p5_tc_p5_14_loan_chatbot", RiskClass::Prohibited);
}

#[test]
fn dont_know_on_the_real_pack_leaves_the_deciding_question_open() {
    let pack = pack();
    // Every question the scenario does not answer is answered "I don't know" as well.
    let run = interview(
        pack,
        "b_unknown_profiling_undetermined",
        Lang::En,
        Otherwise::Unknown,
    );
    assert_eq!(run.report.risk, RiskClass::Undetermined);
    assert!(
        run.report.possible_risks.contains(&RiskClass::HighRisk),
        "{:?}",
        run.report.possible_risks
    );
    let open: Vec<&str> = run.report.open_questions.iter().map(|q| q.id).collect();
    assert!(open.contains(&"performs_profiling"), "{open:?}");
    let deciding: Vec<&str> = run.report.deciding_questions.iter().map(|q| q.id).collect();
    assert!(deciding.contains(&"performs_profiling"), "{deciding:?}");
    assert!(
        run.summary.contains("Questions that decide the result"),
        "{}",
        run.summary
    );
    let (_, q) = pack.question("performs_profiling").expect("question");
    assert!(run.summary.contains(q.text.en.as_str()), "{}", run.summary);
    assert!(run.summary.contains("yes → high-risk"), "{}", run.summary);
}

#[test]
fn every_question_of_the_real_pack_has_a_why_line_with_a_citation() {
    let pack = pack();
    let i = Interview::new(
        pack,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
        Lang::Nl,
    );
    for q in 0..pack.questions.len() {
        let p = i.prompt_for(q, 3);
        assert!(p.why.starts_with("Waarom we dit vragen: "), "{}", p.id);
        assert!(
            p.why.ends_with(']') && !p.why.ends_with("[]"),
            "{}: {}",
            p.id,
            p.why
        );
        assert!(!p.text.is_empty() && !p.help.is_empty(), "{}", p.id);
        assert_eq!(p.progress, "Vraag 1 — nog ongeveer 3");
    }
}
