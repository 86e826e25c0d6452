//! How many questions an interview asks for three typical systems, played through the real
//! interview on the embedded pack. The person answering knows every fact of the system; the
//! script fails on any question it does not answer, so each list below is exactly what a
//! user is asked. The counts are pinned: an interview that grows is a regression.

use aiact::prompt::{Ending, Interview, Scripted};
use aiact::rules::{Lang, Pack, RiskClass};

fn pack() -> Pack {
    aiact::cli::load_pack(None, &[])
        .map(|(p, _)| p)
        .expect("embedded pack loads")
}

/// Plays the interview; returns the ids asked and the class, and checks every progress line
/// against what really followed.
fn play(answers: &[(&str, &str)]) -> (Vec<String>, RiskClass) {
    let pack = pack();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("date");
    let mut p = Scripted::new()
        .text("id", "SYS-1")
        .text("name", "system")
        .answers(answers);
    let mut i = Interview::new(&pack, as_of, Lang::Nl);
    let dir = tempfile::tempdir().expect("tempdir");
    i.save = Some(dir.path().join("answers.toml"));
    let ending = i.run(&mut p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ending, Ending::Finished);
    let asked: Vec<String> = p.asked_ids().iter().map(|s| s.to_string()).collect();
    let total = p.asked.len();
    for (k, prompt) in p.asked.iter().enumerate() {
        let left = total - k - 1;
        let line = &prompt.progress;
        let number = |prefix: &str| -> Option<usize> {
            let rest = line.split(prefix).nth(1)?;
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        };
        if let Some(n) = number("nog ongeveer ") {
            // "About N" is never off by more than half (or one).
            assert!(
                n * 2 >= left && n <= left * 2 + 1,
                "{line} with {left} to come"
            );
        }
        if let Some(n) = number("nog minstens ") {
            assert!(n <= left, "{line} with {left} to come");
        }
        if line.contains("waarschijnlijk de laatste") {
            assert!(left <= 1, "{line} with {left} to come");
        }
    }
    (asked, i.result().risk())
}

// Systems built on machine learning: the other elements of the definition (software,
// autonomy, outputs that are used) are presumed, so the script does not answer them and would
// fail if they were asked.
const COMMON: [(&str, &str); 3] = [
    ("subject_kind", "ai-system"),
    ("scope_exclusions", "none"),
    ("changes_to_existing", "none"),
];

fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut v = COMMON.to_vec();
    v.extend_from_slice(extra);
    v
}

/// A municipality's website chatbot on a commercial large language model.
fn chatbot() -> Vec<(&'static str, &'static str)> {
    with(&[
        ("technique_family", "machine-learning"),
        ("org_type", "local-government"),
        ("org_activities", "uses"),
        ("practice_screen", "none"),
        ("annex_i_legislation", "none"),
        ("annex_iii_areas", "none"),
        ("interacts_with_persons", "yes"),
        ("interaction_obvious", "no"),
        ("generates_synthetic_content", "text"),
        ("generation_exceptions", "none"),
        ("public_interest_text", "no"),
        ("art50_criminal_law_authorised", "no"),
        ("deepfake", "no"),
    ])
}

/// An OCMW's welfare-fraud risk score (relevant data only: high-risk, not prohibited).
fn welfare_fraud() -> Vec<(&'static str, &'static str)> {
    with(&[
        ("technique_family", "machine-learning"),
        ("org_type", "local-government"),
        ("org_activities", "uses"),
        ("used_on_workers", "no"),
        ("practice_screen", "social-scoring"),
        ("scoring_over_time", "yes"),
        ("score_consequence", "none"),
        ("annex_i_legislation", "none"),
        ("annex_iii_areas", "essential-services"),
        ("essential_services_purposes", "public-benefits"),
        ("performs_profiling", "yes"),
        ("derogation_conditions", "none"),
        ("no_significant_risk", "no"),
        ("assists_decisions_on_persons", "yes"),
        ("interacts_with_persons", "no"),
        ("generates_synthetic_content", "none"),
        ("high_risk_placed_on_market", "2026-03-01"),
        ("significant_change", "no"),
        ("deployer_controls_input_data", "yes"),
        ("eu_database_registration_found", "no"),
        ("decision_significant_effect", "yes"),
    ])
}

/// Cameras that count the crowd at events (no identification).
fn crowd_cameras() -> Vec<(&'static str, &'static str)> {
    with(&[
        ("technique_family", "machine-learning"),
        ("org_type", "local-government"),
        ("org_activities", "uses"),
        ("practice_screen", "none"),
        ("annex_i_legislation", "none"),
        ("annex_iii_areas", "none"),
        ("interacts_with_persons", "no"),
        ("generates_synthetic_content", "none"),
    ])
}

#[test]
fn three_typical_systems_take_few_questions() {
    let mut counts = Vec::new();
    for (name, answers, risk) in [
        ("chatbot", chatbot(), RiskClass::Limited),
        ("welfare fraud", welfare_fraud(), RiskClass::HighRisk),
        ("crowd cameras", crowd_cameras(), RiskClass::Minimal),
    ] {
        let (asked, got) = play(&answers);
        assert_eq!(got, risk, "{name}: {asked:?}");
        eprintln!("{name}: {} questions: {asked:?}", asked.len());
        counts.push(asked.len());
    }
    // 19, 26 and 16 before the definition was settled by "machine learning" and the Art. 26(7)
    // question waited for a possible high-risk duty (20, 26 and 16 before questions nothing
    // hangs on were skipped).
    assert_eq!(counts, [14, 22, 11]);
    let mut sorted = counts.clone();
    sorted.sort_unstable();
    assert!(sorted[1] <= 14, "median {} questions", sorted[1]);
}
