//! `aiact assess` through the real binary: in a pseudo-terminal (expectrl) with the small
//! fixture pack, and without a terminal.

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;
use expectrl::{ControlCode, Eof, Expect};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assess/mini")
}

fn aiact(dir: &Path, lang: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_aiact"));
    c.current_dir(dir)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .arg("--rules")
        .arg(mini())
        .args([
            "--lang",
            lang,
            "--as-of",
            "2026-11-28",
            "--color",
            "never",
            "assess",
        ])
        .args(args);
    c
}

fn spawn(cmd: Command) -> Session {
    let mut s = Session::spawn(cmd).expect("spawn aiact in a pseudo-terminal");
    // Wide enough that the summary's tables do not wrap the texts the tests look for.
    s.get_process_mut()
        .set_window_size(200, 50)
        .expect("window size");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    s
}

/// Waits for `text` and returns everything printed before it (escape codes included).
fn upto(s: &mut Session, text: &str) -> String {
    match s.expect(text) {
        Ok(c) => String::from_utf8_lossy(c.before()).into_owned(),
        Err(e) => panic!("waiting for {text:?}: {e}"),
    }
}

fn exit_code(s: &Session) -> i32 {
    match s.get_process().wait() {
        Ok(WaitStatus::Exited(_, code)) => code,
        other => panic!("aiact did not exit normally: {other:?}"),
    }
}

fn identity(s: &mut Session, id: &str) {
    upto(s, "System id");
    s.send(format!("{id}{ENTER}")).expect("send");
    upto(s, "Name of the AI system");
    s.send(format!("Website assistant{ENTER}")).expect("send");
    upto(s, "Owner");
    s.send(ENTER).expect("send");
    upto(s, "What does it do?");
    s.send(ENTER).expect("send");
}

/// The comment field is offered once at the start; Enter declines it.
fn no_comments(s: &mut Session, lang: &str) {
    upto(
        s,
        if lang == "nl" {
            "Bij elk antwoord een toelichting noteren"
        } else {
            "Note a comment with each answer"
        },
    );
    s.send(ENTER).expect("no comments");
}

#[test]
fn a_short_interview_in_a_terminal_ends_with_the_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = spawn(aiact(dir.path(), "en", &[]));
    identity(&mut s, "BOT-1");
    // The default file is named after the system id, in the current folder, and announced.
    upto(
        &mut s,
        "Your answers are saved to BOT-1.toml after every answer.",
    );
    no_comments(&mut s, "en");
    upto(&mut s, "Question 1 — ");
    upto(&mut s, "Why we ask: Inference is the key element");
    upto(&mut s, "Does the system infer its outputs");
    s.send(ENTER).expect("yes");
    upto(&mut s, "What is the system used for?");
    s.send(format!("{DOWN}{ENTER}")).expect("chatbot");
    upto(&mut s, "Do people talk with it directly?");
    // Esc goes back to the previous question; choose again.
    s.send(ControlCode::Escape).expect("esc");
    upto(&mut s, "<back>");
    upto(&mut s, "What is the system used for?");
    s.send(ENTER)
        .expect("keep the answer shown (the cursor starts on it)");
    upto(&mut s, "Do people talk with it directly?");
    s.send(format!("{DOWN}{DOWN}{DOWN}{ENTER}"))
        .expect("more help");
    upto(&mut s, "Help");
    upto(&mut s, "Do people talk with it directly?");
    s.send(ENTER).expect("yes");
    upto(&mut s, "Where do people talk with it?");
    upto(&mut s, "space to tick");
    s.send(format!("{DOWN} {ENTER}")).expect("tick the phone");
    upto(&mut s, "Classification: transparency duties only");
    upto(&mut s, "Tell people they talk with AI");
    upto(&mut s, "Say at the start of a call that a machine answers");
    upto(&mut s, "Write the report to a file?");
    s.send(format!("n{ENTER}")).expect("no report");
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 0);
    let saved =
        std::fs::read_to_string(dir.path().join("BOT-1.toml")).expect("saved next to the user");
    assert!(
        saved.contains(
            "is_ai = true\npurpose = \"chatbot\"\ntalks_to_people = true\nchannels = [\"phone\"]\n"
        ),
        "{saved}"
    );
}

#[test]
fn ctrl_c_keeps_the_answers_and_resume_continues() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("answers.toml");
    let mut s = spawn(aiact(dir.path(), "nl", &["--save", "answers.toml"]));
    upto(&mut s, "Id van het systeem");
    s.send(format!("CV-1{ENTER}{ENTER}{ENTER}{ENTER}"))
        .expect("identity");
    no_comments(&mut s, "nl");
    upto(&mut s, "Leidt het systeem zijn output af");
    s.send(ENTER).expect("ja");
    upto(&mut s, "Waarvoor wordt het systeem gebruikt?");
    s.send(ControlCode::EndOfText).expect("ctrl-c");
    upto(
        &mut s,
        "Onderbroken. 1 antwoord(en) zijn bewaard in answers.toml.",
    );
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 130);
    let saved = std::fs::read_to_string(&file).expect("saved");
    assert!(
        saved.contains("id = \"CV-1\"") && saved.contains("is_ai = true"),
        "{saved}"
    );

    let mut s = spawn(aiact(dir.path(), "nl", &["--resume", "answers.toml"]));
    upto(
        &mut s,
        "Verder met `CV-1` uit answers.toml: tot nu toe 1 antwoord(en).",
    );
    no_comments(&mut s, "nl");
    let before = upto(&mut s, "Waarvoor wordt het systeem gebruikt?");
    assert!(
        !before.contains("Leidt het systeem"),
        "the answered question is not asked again: {before}"
    );
    s.send(format!("{DOWN}{DOWN}{ENTER}")).expect("werving");
    upto(&mut s, "Rangschikt of filtert het sollicitanten?");
    s.send(format!("{DOWN}{ENTER}")).expect("nee");
    upto(&mut s, "Indeling: minimaal risico");
    upto(&mut s, "Het rapport naar een bestand schrijven?");
    upto(&mut s, "j/N");
    s.send(format!("ja{ENTER}")).expect("ja");
    upto(&mut s, "Formaat");
    s.send(format!("{DOWN}{ENTER}")).expect("json");
    upto(&mut s, "Bestandsnaam");
    s.send(ENTER).expect("default name");
    upto(&mut s, "Rapport geschreven naar answers-report.json.");
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 0);
    let report = std::fs::read_to_string(dir.path().join("answers-report.json")).expect("report");
    let v: serde_json::Value = serde_json::from_str(&report).expect("json");
    assert_eq!(v["systems"][0]["risk"], "minimal");
    assert_eq!(v["language"], "nl");
    let saved = std::fs::read_to_string(&file).expect("saved");
    assert!(
        saved.contains("purpose = \"hiring\"\nranks_candidates = false\n"),
        "{saved}"
    );
}

#[test]
fn without_a_terminal_assess_exits_2_and_points_to_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    for lang in ["en", "nl"] {
        let out = aiact(dir.path(), lang, &[])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{lang}");
        assert!(out.stdout.is_empty(), "nothing on stdout");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("aiact batch") && err.contains("--answers"),
            "{err}"
        );
        assert!(
            err.contains(if lang == "nl" {
                "heeft een terminal nodig"
            } else {
                "needs a terminal"
            }),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "nothing was written"
    );
}

#[test]
fn an_existing_answers_file_named_after_the_system_can_be_continued() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("BOT-2.toml"),
        "[[system]]\nid = \"BOT-2\"\nname = \"Old name\"\n\n[system.answers]\nis_ai = true\n",
    )
    .expect("write");
    let mut s = spawn(aiact(dir.path(), "en", &[]));
    identity(&mut s, "BOT-2");
    upto(&mut s, "BOT-2.toml already exists.");
    s.send(ENTER).expect("continue it");
    upto(
        &mut s,
        "Continuing `BOT-2` from BOT-2.toml: 1 answer(s) so far.",
    );
    no_comments(&mut s, "en");
    let before = upto(&mut s, "What is the system used for?");
    assert!(!before.contains("Does the system infer"), "{before}");
    s.send(ControlCode::EndOfText).expect("ctrl-c");
    upto(&mut s, "Interrupted. 1 answer(s) are saved in BOT-2.toml.");
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 130);
}

#[test]
fn ctrl_c_before_the_first_answer_saves_nothing_and_a_bad_answers_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = spawn(aiact(dir.path(), "en", &[]));
    upto(&mut s, "System id");
    s.send(ControlCode::EndOfText).expect("ctrl-c");
    upto(
        &mut s,
        "Interrupted before the first answer; nothing was saved.",
    );
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 130);
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);

    std::fs::write(
        dir.path().join("two.toml"),
        "[[system]]\nid = \"A\"\n\n[[system]]\nid = \"B\"\n",
    )
    .expect("write");
    let mut s = spawn(aiact(dir.path(), "nl", &["--answers", "two.toml"]));
    upto(&mut s, "two.toml bevat 2 systemen");
    upto(&mut s, "aiact batch two.toml");
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 2);
}

#[test]
fn dates_and_numbers_are_typed_with_help_and_dont_know_in_dutch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = spawn(aiact(dir.path(), "nl", &["--save", "cv.toml"]));
    upto(&mut s, "Id van het systeem");
    s.send(format!("CV-2{ENTER}{ENTER}{ENTER}{ENTER}"))
        .expect("identity");
    no_comments(&mut s, "nl");
    upto(&mut s, "Leidt het systeem zijn output af");
    s.send(ENTER).expect("ja");
    upto(&mut s, "Waarvoor wordt het systeem gebruikt?");
    s.send(format!("{DOWN}{DOWN}{ENTER}")).expect("werving");
    upto(&mut s, "Rangschikt of filtert het sollicitanten?");
    s.send(ENTER).expect("ja");
    upto(&mut s, "Sinds wanneer is het in gebruik?");
    upto(&mut s, "een datum als JJJJ-MM-DD");
    s.send(format!("?{ENTER}")).expect("help");
    upto(&mut s, "Uitleg");
    upto(&mut s, "Er is geen verdere uitleg bij deze vraag.");
    upto(&mut s, "Sinds wanneer is het in gebruik?");
    s.send(format!("15-01-2026{ENTER}")).expect("a wrong date");
    upto(&mut s, "Schrijf de datum als JJJJ-MM-DD");
    s.send("\x7f".repeat("15-01-2026".len()))
        .expect("backspace clears the line");
    s.send(format!("2026-01-15{ENTER}")).expect("a date");
    upto(&mut s, "Hoeveel sollicitanten per jaar screent het?");
    s.send(format!("weet niet{ENTER}")).expect("don't know");
    upto(&mut s, "Indeling: hoog risico");
    upto(&mut s, "In overgangsperiode (1)");
    upto(&mut s, "tot 2030-12-31");
    upto(&mut s, "uw antwoord: weet ik niet");
    upto(&mut s, "Het rapport naar een bestand schrijven?");
    s.send(format!("nee{ENTER}")).expect("nee");
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 0);
    let saved = std::fs::read_to_string(dir.path().join("cv.toml")).expect("saved");
    assert!(
        saved.contains("first_use = 2026-01-15\napplicants_per_year = \"unknown\"\n"),
        "{saved}"
    );
}

#[test]
fn an_interview_continues_a_system_of_an_inventory_and_writes_back_into_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inventory = dir.path().join("register.toml");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/municipality.toml"),
    )
    .expect("example");
    std::fs::write(&inventory, &original).expect("copy");
    let mut c = Command::new(env!("CARGO_BIN_EXE_aiact"));
    c.current_dir(dir.path())
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .args(["--lang", "en", "--as-of", "2026-12-06", "--color", "never"])
        .args([
            "assess",
            "--inventory",
            "register.toml",
            "--system",
            "ZD-13",
        ]);
    let mut s = spawn(c);
    // The deciding question comes first, although the inventory answers it "don't know".
    upto(&mut s, "Question ");
    upto(&mut s, "What does the resulting score lead to?");
    upto(&mut s, "space to tick");
    // "I don't know" is ticked (the inventory's answer): tick "neither", untick it.
    s.send(format!(" {DOWN}{DOWN}{DOWN} {ENTER}"))
        .expect("tick: neither");
    upto(&mut s, "Comment for the register");
    s.send(format!("DPIA 2026-14 checked the data used{ENTER}"))
        .expect("comment");
    // The next question is put; stop here: the answer is already written back.
    // The next question is put; stop here: the answer is already written back.
    upto(&mut s, "Question ");
    s.send(ControlCode::EndOfText).expect("ctrl-c");
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 130);
    let text = std::fs::read_to_string(&inventory).expect("inventory");
    assert!(
        text.contains("score_consequence = { value = [\"none\"], source = \"aiact assess\", comment = \"DPIA 2026-14 checked the data used\", on = 2026-12-06 }"),
        "{text}"
    );
    // Comments and the other systems are kept as they were.
    assert!(text.contains(
        "# What a high score leads to has not been documented: this decides between prohibited and high-risk.\nscore_consequence = {"
    ));
    let untouched = original.lines().take(330).collect::<Vec<_>>().join("\n");
    assert!(text.starts_with(&untouched));
    assert!(
        !dir.path().join("ZD-13.toml").exists(),
        "no separate answers file"
    );
}

/// SIGTERM and SIGHUP end the interview as Ctrl-C does: the answers given are kept, the user
/// is told where, and the exit code says which signal (143, 129).
#[test]
fn sigterm_and_sighup_keep_the_answers() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("answers.toml");
        let mut s = spawn(aiact(dir.path(), "en", &["--save", "answers.toml"]));
        identity(&mut s, "CV-1");
        no_comments(&mut s, "en");
        upto(&mut s, "Does the system infer");
        s.send(ENTER).expect("yes");
        upto(&mut s, "What is the system used for?");
        let pid = s.get_process().pid().to_string();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill");
        assert!(killed.success());
        upto(
            &mut s,
            "Stopped. The answers given so far are saved in answers.toml.",
        );
        s.expect(Eof).expect("ends");
        assert_eq!(exit_code(&s), code, "SIG{signal}");
        let saved = std::fs::read_to_string(&file).expect("saved");
        assert!(saved.contains("is_ai = true"), "SIG{signal}: {saved}");
    }
}

#[test]
fn a_plain_interview_takes_a_comment_with_each_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = spawn(aiact(dir.path(), "nl", &["--save", "bot.toml"]));
    upto(&mut s, "Id van het systeem");
    s.send(format!("BOT-3{ENTER}{ENTER}{ENTER}{ENTER}"))
        .expect("identity");
    upto(&mut s, "Bij elk antwoord een toelichting noteren");
    s.send(format!("j{ENTER}")).expect("ja");
    upto(&mut s, "Uw naam, genoteerd bij elk antwoord");
    s.send(format!("An Peeters{ENTER}")).expect("name");
    upto(&mut s, "Leidt het systeem zijn output af");
    s.send(ENTER).expect("ja");
    upto(&mut s, "Toelichting voor het register");
    s.send(format!("Technische fiche leverancier, p. 4{ENTER}"))
        .expect("comment");
    upto(&mut s, "Waarvoor wordt het systeem gebruikt?");
    s.send(format!("{DOWN}{ENTER}")).expect("chatbot");
    // Enter skips the comment: the answer is still noted with who gave it and when.
    upto(&mut s, "Toelichting voor het register");
    s.send(ENTER).expect("no comment");
    upto(&mut s, "Praten mensen er rechtstreeks mee?");
    s.send(ControlCode::EndOfText).expect("ctrl-c");
    s.expect(Eof).expect("ends");
    assert_eq!(exit_code(&s), 130);
    let saved = std::fs::read_to_string(dir.path().join("bot.toml")).expect("saved");
    assert!(
        saved.contains("is_ai = { value = true, source = \"aiact assess\", comment = \"Technische fiche leverancier, p. 4\", by = \"An Peeters\", on = 2026-11-28 }"),
        "{saved}"
    );
    assert!(
        saved.contains("purpose = { value = \"chatbot\", source = \"aiact assess\", by = \"An Peeters\", on = 2026-11-28 }"),
        "{saved}"
    );
}
