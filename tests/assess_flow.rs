//! The interview flow through the scripted prompter, on a small fixture pack
//! (tests/fixtures/assess/mini; mini-v2 is the same pack after a change).

use aiact::engine::ObligationStatus;
use aiact::inventory::{SystemEntry, read_toml};
use aiact::prompt::answers_file::read_answers_file;
use aiact::prompt::scripted::Otherwise;
use aiact::prompt::{Current, Ending, Interview, Kind, Scripted, summary};
use aiact::report::SystemReport;
use aiact::rules::{Lang, Pack, RiskClass};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

fn pack(name: &str) -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/assess")
        .join(name);
    match aiact::cli::load_pack(Some(&dir), &[]) {
        Ok((p, _)) => p,
        Err(d) => panic!("fixture pack {name} does not load: {d:?}"),
    }
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

/// A scripted prompter that fills in the system's identity.
fn person() -> Scripted {
    Scripted::new()
        .text("id", "GEM-007")
        .text("name", "Test system")
        .text("owner", "ICT")
        .text("description", "A test")
}

fn start<'a>(pack: &'a Pack, lang: Lang, dir: &Path) -> Interview<'a> {
    let mut i = Interview::new(pack, day(), lang);
    i.save = Some(dir.join("answers.toml"));
    i
}

fn saved(path: &Path) -> SystemEntry {
    let text = std::fs::read_to_string(path).expect("the answers file exists");
    let mut inv = read_toml("answers.toml", &text);
    assert!(
        inv.diagnostics.is_empty(),
        "the saved file is a valid inventory: {:?}",
        inv.diagnostics
    );
    assert_eq!(inv.systems.len(), 1);
    inv.systems.remove(0)
}

/// The answered question ids, in the order the file lists them.
fn saved_ids(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("the answers file exists");
    let answers = text
        .split("[system.answers]\n")
        .nth(1)
        .expect("an answers table");
    answers
        .lines()
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split(" = ").next())
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

#[test]
fn a_chatbot_interview_asks_only_what_matters_and_saves_an_inventory_entry() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person()
        .then("is_ai", "yes")
        .then("purpose", "chatbot")
        .then("talks_to_people", "yes")
        .then("channels", "website;phone");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(
        p.asked_ids(),
        ["is_ai", "purpose", "talks_to_people", "channels"]
    );

    // Each question shows its why-line with the citation, and the help with examples.
    let first = &p.asked[0];
    assert_eq!(
        first.why,
        "Why we ask: Inference is the key element of the AI-system definition. [Art. 3(1)]"
    );
    assert!(
        first.help.contains("only follows rules written by people"),
        "{}",
        first.help
    );
    assert!(
        first
            .help
            .contains("Examples:\n  • A model trained on past cases"),
        "{}",
        first.help
    );
    assert!(
        first.progress == "Question 1 — more may follow, depending on your answers",
        "{}",
        first.progress
    );
    assert!(!first.can_go_back);
    assert_eq!(p.asked[3].progress, "Question 4 — probably the last one");
    assert!(p.asked[3].can_go_back);
    assert!(matches!(&p.asked[3].kind, Kind::Multi(o) if o.len() == 2 && o[1].1 == "The phone"));
    assert!(
        matches!(&p.asked[1].kind, Kind::Choice(o) if o.len() == 3 && o[1].1 == "Talking with citizens")
    );

    // Saved as it went: a one-system inventory stamped with the pack.
    let file = dir.path().join("answers.toml");
    assert!(
        p.said.iter().any(|s| s
            == &format!(
                "Your answers are saved to {} after every answer.",
                file.display()
            )),
        "{:?}",
        p.said
    );
    let e = saved(&file);
    assert_eq!(
        (e.id.as_str(), e.name.as_str(), e.owner.as_str()),
        ("GEM-007", "Test system", "ICT")
    );
    assert_eq!(
        e.pack.as_ref().map(|s| s.sha256.as_str()),
        Some(pack.sha256.as_str())
    );
    assert_eq!(
        saved_ids(&file),
        ["is_ai", "purpose", "talks_to_people", "channels"]
    );
    let written = std::fs::read_to_string(&file).expect("file");
    assert!(
        written.contains("channels = [\"website\", \"phone\"]"),
        "{written}"
    );

    let result = i.result();
    let r = SystemReport::new(i.pack, &result, i.lang);
    assert_eq!(r.risk, RiskClass::Limited);
    let text = summary::render(&r, Lang::En, Some(100));
    assert!(
        text.contains("Classification: transparency duties only"),
        "{text}"
    );
    assert!(
        text.contains("Transparency: people talk with an AI system"),
        "{text}"
    );
    assert!(text.contains("Your role(s): deployer"), "{text}");
    assert!(
        text.contains("Applies now (3)") && !text.contains("Upcoming"),
        "{text}"
    );
    assert!(
        text.contains("Tell people they talk with AI") && text.contains("from 2026-08-02"),
        "{text}"
    );
    assert!(text.contains("AI literacy of staff"), "{text}");
    assert!(
        text.contains("A self-assessment aid, not legal advice."),
        "{text}"
    );
}

#[test]
fn the_interview_speaks_dutch() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::Nl, dir.path());
    let mut p = person()
        .then("is_ai", "yes")
        .then("purpose", "chatbot")
        .then("talks_to_people", "yes")
        .then("channels", "website");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert!(
        p.asked[0].progress == "Vraag 1 — afhankelijk van uw antwoorden volgen er nog vragen",
        "{}",
        p.asked[0].progress
    );
    assert_eq!(
        p.asked[0].text,
        "Leidt het systeem zijn output af uit de input die het krijgt?"
    );
    assert!(
        p.asked[0].why.starts_with("Waarom we dit vragen: Afleiden"),
        "{}",
        p.asked[0].why
    );
    assert!(
        p.asked[0].help.contains("Voorbeelden:"),
        "{}",
        p.asked[0].help
    );
    assert_eq!(p.asked[3].progress, "Vraag 4 — waarschijnlijk de laatste");
    assert!(matches!(&p.asked[3].kind, Kind::Multi(o) if o[1].1 == "De telefoon"));
    assert!(
        p.said
            .iter()
            .any(|s| s.starts_with("Uw antwoorden worden na elk antwoord bewaard in")),
        "{:?}",
        p.said
    );
    let text = summary::render(
        &SystemReport::new(i.pack, &i.result(), i.lang),
        Lang::Nl,
        Some(100),
    );
    assert!(
        text.contains("Indeling: alleen transparantieverplichtingen"),
        "{text}"
    );
    assert!(
        text.contains("Uw rol(len): gebruiksverantwoordelijke"),
        "{text}"
    );
    assert!(text.contains("Geldt nu (2)"), "{text}");
    assert!(text.contains("AI-geletterdheid van het"), "{text}");
    // Citations in the official Dutch form.
    assert!(text.contains("art. 50, lid 1"), "{text}");
    assert!(text.contains("geen juridisch advies"), "{text}");
    assert!(
        !text.contains("Classification") && !text.contains("Applies now"),
        "no English left: {text}"
    );
}

#[test]
fn going_back_and_changing_an_answer_drops_what_no_longer_applies() {
    let pack = pack("mini");
    let dir = tmp();
    let file = dir.path().join("answers.toml");
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person()
        .then("is_ai", "yes")
        .then("purpose", "hiring")
        .then("ranks_candidates", "yes")
        .then("first_use", "<back>")
        .then("ranks_candidates", "<back>")
        .then("purpose", "chatbot")
        .then("talks_to_people", "yes")
        .then("channels", "");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(p.steps_left(), 0);
    // Coming back, the question shows the answer given before.
    assert_eq!(p.asked[4].current, Current::Bool(true));
    assert_eq!(
        p.asked[4].progress.split(' ').take(2).collect::<Vec<_>>(),
        ["Question", "3"]
    );
    assert_eq!(p.asked[5].current, Current::Choice(2));
    assert!(
        p.said
            .iter()
            .any(|s| s == "No longer applies, answer dropped: ranks_candidates"),
        "{:?}",
        p.said
    );
    assert_eq!(
        saved_ids(&file),
        ["is_ai", "purpose", "talks_to_people", "channels"]
    );
    assert!(
        std::fs::read_to_string(&file)
            .expect("file")
            .contains("channels = []")
    );
    assert_eq!(i.result().risk(), RiskClass::Limited);
}

#[test]
fn going_back_keeps_later_answers_that_still_apply() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person()
        .then("is_ai", "<back>")
        .then("is_ai", "yes")
        .then("purpose", "chatbot")
        .then("talks_to_people", "<back>")
        .then("purpose", "<back>")
        .then("is_ai", "yes")
        // purpose is kept (still relevant): the engine goes on with the first open question.
        .then("talks_to_people", "no");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(p.steps_left(), 0);
    assert!(
        p.said
            .iter()
            .any(|s| s == "This is the first question; there is nothing to go back to."),
        "{:?}",
        p.said
    );
    assert_eq!(
        saved_ids(&dir.path().join("answers.toml")),
        ["is_ai", "purpose", "talks_to_people"]
    );
    assert_eq!(i.result().risk(), RiskClass::Minimal);
}

#[test]
fn dont_know_leaves_the_result_undetermined_with_the_deciding_questions() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::En, dir.path());
    // Questions that only may apply (they hang on the unknown answer) are still asked: their
    // answer could still decide an obligation.
    let mut p = person()
        .then("is_ai", "yes")
        .then("purpose", "hiring")
        .then("ranks_candidates", "unknown")
        .answer("applicants_per_year", "10")
        .answer("first_use", "2027-01-01");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(
        &p.asked_ids()[..3],
        ["is_ai", "purpose", "ranks_candidates"]
    );
    let result = i.result();
    let r = SystemReport::new(i.pack, &result, i.lang);
    assert_eq!(r.risk, RiskClass::Undetermined);
    assert_eq!(r.possible_risks, [RiskClass::HighRisk, RiskClass::Minimal]);
    assert_eq!(
        r.open_questions.iter().map(|q| q.id).collect::<Vec<_>>(),
        ["ranks_candidates"]
    );
    assert!(r.open_questions[0].answered_unknown);
    // The duties that come with high risk are grouped, not listed as undetermined one by one.
    assert!(
        r.obligations
            .iter()
            .all(|o| o.status != ObligationStatus::Undetermined)
    );
    let possible: Vec<&str> = r
        .possible_duties
        .iter()
        .flat_map(|g| g.obligations.iter().copied())
        .collect();
    assert!(possible.contains(&"keep_logs"), "{possible:?}");
    assert_eq!(r.possible_duties[0].risk, Some(RiskClass::HighRisk));
    let text = summary::render(&r, Lang::En, Some(120));
    assert!(
        text.contains("Classification: undetermined (still possible: high-risk, minimal risk)"),
        "{text}"
    );
    assert!(
        text.contains("Questions that decide the result (1 of 1)"),
        "{text}"
    );
    assert!(text.contains("yes → high-risk"), "{text}");
    assert!(text.contains("no → minimal risk"), "{text}");
    assert!(text.contains("if high-risk: "), "{text}");
    let e = saved(&dir.path().join("answers.toml"));
    assert!(
        e.answers
            .iter()
            .any(|(id, v)| id == "ranks_candidates" && v.display() == "unknown"),
        "{:?}",
        e.answers
    );
}

#[test]
fn dates_numbers_transitions_and_notes() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person()
        .then("is_ai", "yes")
        .then("purpose", "hiring")
        .then("ranks_candidates", "yes")
        .then("first_use", "2026-01-15")
        .then("applicants_per_year", "5000");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(
        p.asked_ids(),
        [
            "is_ai",
            "purpose",
            "ranks_candidates",
            "first_use",
            "applicants_per_year"
        ]
    );
    assert_eq!(
        p.asked[4].kind,
        Kind::Number {
            min: Some(0.0),
            max: None
        }
    );
    let result = i.result();
    let r = SystemReport::new(i.pack, &result, i.lang);
    assert_eq!(r.risk, RiskClass::HighRisk);
    let status = |id: &str| r.obligations.iter().find(|o| o.id == id).map(|o| o.status);
    assert_eq!(
        status("human_oversight"),
        Some(ObligationStatus::Transition)
    );
    assert_eq!(status("keep_logs"), Some(ObligationStatus::Upcoming));
    assert_eq!(status("volume_review"), Some(ObligationStatus::Applies));
    let text = summary::render(&r, Lang::En, Some(120));
    assert!(
        text.contains("Upcoming (1)") && text.contains("from 2027-12-02"),
        "{text}"
    );
    assert!(
        text.contains("In transition (1)") && text.contains("until 2030-12-31"),
        "{text}"
    );
    assert!(
        text.contains("Notes — verify with counsel") && text.contains("Large volumes"),
        "{text}"
    );
    let e = saved(&dir.path().join("answers.toml"));
    let written = std::fs::read_to_string(dir.path().join("answers.toml")).expect("file");
    assert!(
        written.contains("first_use = 2026-01-15")
            && written.contains("applicants_per_year = 5000"),
        "{written}"
    );
    assert_eq!(e.answers.len(), 5);
}

#[test]
fn interrupted_then_resumed_asks_only_the_rest() {
    let pack = pack("mini");
    let dir = tmp();
    let file = dir.path().join("answers.toml");
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person()
        .then("is_ai", "yes")
        .then("purpose", "hiring")
        .interrupt_at("ranks_candidates");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Interrupted);
    let msg = p.said.last().expect("a last word");
    assert!(
        msg.contains("2 answer(s) are saved in")
            && msg.contains(&format!("aiact assess --resume {}", file.display())),
        "{msg}"
    );
    assert_eq!(saved_ids(&file), ["is_ai", "purpose"]);

    let mut again = Interview::new(&pack, day(), Lang::En);
    let messages = again.resume(read_answers_file(&file).expect("readable"), &file);
    assert!(
        messages[0].starts_with("Continuing `GEM-007` from")
            && messages[0].ends_with("2 answer(s) so far."),
        "{messages:?}"
    );
    assert_eq!(
        messages.len(),
        1,
        "same pack: nothing else to say: {messages:?}"
    );
    let mut p = Scripted::new().then("ranks_candidates", "no");
    assert_eq!(again.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(p.asked_ids(), ["ranks_candidates"]);
    assert!(
        p.asked[0].progress.starts_with("Question 3 — "),
        "{}",
        p.asked[0].progress
    );
    assert!(
        p.asked[0].can_go_back,
        "answers from before the interruption can be revisited"
    );
    assert_eq!(saved_ids(&file), ["is_ai", "purpose", "ranks_candidates"]);
    assert_eq!(saved(&file).name, "Test system");
    assert_eq!(again.result().risk(), RiskClass::Minimal);
}

/// A finished interview left undetermined by "don't know" is not a dead end: resuming it
/// offers the deciding question again, once, and the new answer decides the class.
#[test]
fn resuming_a_finished_undetermined_interview_offers_its_deciding_questions() {
    let pack = pack("mini");
    let dir = tmp();
    let file = dir.path().join("answers.toml");
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person()
        .then("is_ai", "yes")
        .then("purpose", "hiring")
        .then("ranks_candidates", "unknown")
        .answer("applicants_per_year", "10")
        .answer("first_use", "2027-01-01");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(i.result().risk(), RiskClass::Undetermined);

    // Still "don't know": asked once, then the interview ends, undetermined.
    let mut again = Interview::new(&pack, day(), Lang::En);
    again.resume(read_answers_file(&file).expect("readable"), &file);
    let mut p = Scripted::new().then("ranks_candidates", "unknown");
    assert_eq!(again.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(p.asked_ids(), ["ranks_candidates"]);
    assert_eq!(again.result().risk(), RiskClass::Undetermined);

    // The answer found: the class is decided, and saved.
    let mut third = Interview::new(&pack, day(), Lang::En);
    third.resume(read_answers_file(&file).expect("readable"), &file);
    let mut p = Scripted::new().then("ranks_candidates", "no");
    assert_eq!(third.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(p.asked_ids(), ["ranks_candidates"]);
    assert_eq!(third.result().risk(), RiskClass::Minimal);
    assert!(
        saved(&file)
            .answers
            .iter()
            .any(|(id, v)| id == "ranks_candidates" && v.display() == "no")
    );
}

#[test]
fn a_changed_pack_re_asks_only_the_answers_that_no_longer_fit() {
    let v1 = pack("mini");
    let v2 = pack("mini-v2");
    assert_ne!(v1.sha256, v2.sha256);
    let dir = tmp();
    let file = dir.path().join("answers.toml");
    let mut i = start(&v1, Lang::En, dir.path());
    let mut p = person()
        .then("is_ai", "yes")
        .then("purpose", "hiring")
        .then("ranks_candidates", "yes")
        .then("first_use", "2027-01-01")
        .then("applicants_per_year", "10");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);

    let mut again = Interview::new(&v2, day(), Lang::En);
    let messages = again.resume(read_answers_file(&file).expect("readable"), &file);
    let expected = [
        "The rule pack has changed since",
        "The saved answer to `purpose` (hiring) no longer fits the question; it will be asked again.",
        "The saved answer to `applicants_per_year` is not understood: the rule pack no longer has that question.",
    ];
    for e in expected {
        assert!(
            messages.iter().any(|m| m.contains(e)),
            "missing {e:?} in {messages:?}"
        );
    }
    assert!(
        messages
            .iter()
            .any(|m| m.contains("(mini 1.0.0 → mini 2.0.0)")),
        "{messages:?}"
    );
    let mut p = Scripted::new().then("purpose", "recruitment");
    assert_eq!(again.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(
        p.asked_ids(),
        ["purpose"],
        "only the answer that no longer fits is asked again"
    );
    assert_eq!(again.result().risk(), RiskClass::HighRisk);
    let e = saved(&file);
    assert_eq!(e.pack.as_ref().map(|s| s.version.as_str()), Some("2.0.0"));
    // The answer v2 does not know stays in the file, marked, until the user confirms: the
    // file still holds everything v1 was told.
    assert_eq!(
        saved_ids(&file),
        [
            "is_ai",
            "purpose",
            "ranks_candidates",
            "first_use",
            "applicants_per_year"
        ]
    );
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(
        text.contains("# Not understood by rule pack mini 2.0.0: kept until you confirm (aiact assess --resume).\napplicants_per_year = 10"),
        "{text}"
    );
    // Resumed again with v2, and this time the user confirms their removal.
    let mut third = Interview::new(&v2, day(), Lang::En);
    third.resume(read_answers_file(&file).expect("readable"), &file);
    let mut p = Scripted::new().select("not_understood", 1);
    assert_eq!(third.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(
        saved_ids(&file),
        ["is_ai", "purpose", "ranks_candidates", "first_use"]
    );
    assert!(
        !std::fs::read_to_string(&file)
            .expect("read")
            .contains("Not understood")
    );
}

#[test]
fn a_prefilled_answers_file_is_asked_only_the_rest() {
    let pack = pack("mini");
    let dir = tmp();
    let input = dir.path().join("in.toml");
    std::fs::write(&input, "[[system]]\nid = \"BOT-1\"\nname = \"Website assistant\"\n\n[system.answers]\nis_ai = true\npurpose = \"chatbot\"\nranks_candidates = true\n").expect("write");
    let mut i = Interview::new(&pack, day(), Lang::En);
    i.save = Some(dir.path().join("out.toml"));
    let messages = i.prefill(read_answers_file(&input).expect("readable"), &input);
    // The answer that does not apply is named with its place in the file and the reason.
    assert_eq!(messages.len(), 1, "{messages:?}");
    for part in [
        "warning[A020]",
        "the answer to `ranks_candidates` is ignored because the question applies only when",
        "in.toml:8:1",
    ] {
        assert!(messages[0].contains(part), "{part:?} in {messages:?}");
    }
    let mut p = Scripted::new()
        .then("talks_to_people", "yes")
        .then("channels", "phone");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(p.asked_ids(), ["talks_to_people", "channels"]);
    assert_eq!(
        saved_ids(&dir.path().join("out.toml")),
        ["is_ai", "purpose", "talks_to_people", "channels"]
    );
    let result = i.result();
    let r = SystemReport::new(i.pack, &result, i.lang);
    assert!(
        r.obligations.iter().any(|o| o.id == "voice_disclosure"),
        "a multi-choice answer decides an obligation"
    );
    assert_eq!(saved(&dir.path().join("out.toml")).id, "BOT-1");
}

#[test]
fn the_report_can_be_written_as_json_or_markdown() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person().then("is_ai", "no");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    assert_eq!(i.result().risk(), RiskClass::NotAnAiSystem);

    let json = dir.path().join("r.json");
    let mut p = Scripted::new()
        .confirm("write_report", true)
        .select("report_format", 1)
        .text("report_file", json.to_str().expect("utf-8"));
    assert_eq!(
        summary::offer_report(&i, &mut p).expect("offer"),
        Some(json.clone())
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("written")).expect("json");
    assert_eq!(v["systems"][0]["risk"], "not-an-ai-system");
    assert_eq!(v["systems"][0]["id"], "GEM-007");

    let md = dir.path().join("r.md");
    let mut p = Scripted::new()
        .confirm("write_report", true)
        .select("report_format", 0)
        .text("report_file", md.to_str().expect("utf-8"));
    assert_eq!(
        summary::offer_report(&i, &mut p).expect("offer"),
        Some(md.clone())
    );
    assert!(
        std::fs::read_to_string(&md)
            .expect("written")
            .contains("GEM-007")
    );

    let html = dir.path().join("r.html");
    let mut p = Scripted::new()
        .confirm("write_report", true)
        .select("report_format", 2)
        .text("report_file", html.to_str().expect("utf-8"));
    assert_eq!(
        summary::offer_report(&i, &mut p).expect("offer"),
        Some(html.clone())
    );
    let page = std::fs::read_to_string(&html).expect("written");
    assert!(page.contains("<html") && page.contains("GEM-007"), "{page}");

    let mut p = Scripted::new();
    assert_eq!(
        summary::offer_report(&i, &mut p).expect("offer"),
        None,
        "declining writes nothing"
    );
}

#[test]
fn an_unscripted_question_fails_the_script_not_the_program() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person().then("is_ai", "yes").otherwise(Otherwise::Fail);
    let err = i
        .run(&mut p)
        .expect_err("the script ends before the interview");
    assert!(
        err.to_string().contains("does not answer `purpose`"),
        "{err}"
    );
    let _: PathBuf = i.save_path();
}

#[test]
fn a_plain_interview_notes_a_comment_and_who_answered_and_the_report_shows_them() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::En, dir.path());
    let mut p = person()
        .confirm("comments", true)
        .text("answered_by", " An Peeters ")
        .text("comment", "Vendor datasheet v2, p. 4")
        .then("is_ai", "yes")
        .then("purpose", "chatbot")
        .then("talks_to_people", "yes")
        .then("channels", "website");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    let path = dir.path().join("answers.toml");
    let text = std::fs::read_to_string(&path).expect("saved");
    assert!(
        text.contains("is_ai = { value = true, source = \"aiact assess\", comment = \"Vendor datasheet v2, p. 4\", by = \"An Peeters\", on = 2026-11-28 }"),
        "{text}"
    );
    // The file reads back with its audit trail, and the report shows it.
    let entry = saved(&path);
    assert_eq!(
        entry.answer_meta["channels"].comment.as_deref(),
        Some("Vendor datasheet v2, p. 4")
    );
    let md = dir.path().join("r.md");
    let mut p = Scripted::new()
        .confirm("write_report", true)
        .select("report_format", 0)
        .text("report_file", md.to_str().expect("utf-8"));
    summary::offer_report(&i, &mut p).expect("offer");
    let report = std::fs::read_to_string(&md).expect("written");
    assert!(
        report.contains("Vendor datasheet v2, p. 4 (An Peeters, 28 November 2026)"),
        "{report}"
    );
}

#[test]
fn declining_the_comment_field_keeps_the_answers_file_plain() {
    let pack = pack("mini");
    let dir = tmp();
    let mut i = start(&pack, Lang::En, dir.path());
    // The offer defaults to "no": a script that does not take it asks no comment.
    let mut p = person().text("comment", "never asked").then("is_ai", "no");
    assert_eq!(i.run(&mut p).expect("runs"), Ending::Finished);
    let text = std::fs::read_to_string(dir.path().join("answers.toml")).expect("saved");
    assert!(text.contains("\nis_ai = false\n"), "{text}");
    assert!(!text.contains("never asked"), "{text}");
}
