//! Shared by the report tests: a small fixture pack and four systems built from answers.
#![allow(dead_code)]

use aiact::answers::RawAnswer;
use aiact::engine;
use aiact::inventory::{EvidenceRef, SystemEntry};
use aiact::report::{InventoryReport, SystemResult};
use aiact::rules::{self, Lang, Pack};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The report tests' own pack (tests/fixtures/report-pack): stable legal content, so that
/// snapshots change only when the renderers do.
pub fn fixture_pack() -> Pack {
    let files =
        rules::dir_files(&root().join("tests/fixtures/report-pack")).expect("fixture pack files");
    match rules::load(&files) {
        Ok((pack, _)) => pack,
        Err(diags) => panic!("fixture pack refused: {diags:?}"),
    }
}

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn yes(id: &str) -> (String, RawAnswer) {
    (id.to_string(), RawAnswer::Bool(true))
}
fn no(id: &str) -> (String, RawAnswer) {
    (id.to_string(), RawAnswer::Bool(false))
}
fn text(id: &str, v: &str) -> (String, RawAnswer) {
    (id.to_string(), RawAnswer::Text(v.to_string()))
}

fn entry(
    id: &str,
    name: &str,
    owner: &str,
    description: &str,
    answers: Vec<(String, RawAnswer)>,
) -> SystemEntry {
    let mut e = SystemEntry::new(id);
    e.name = name.into();
    e.owner = owner.into();
    e.description = description.into();
    e.answers = answers;
    e
}

pub fn chatbot() -> SystemEntry {
    entry(
        "web-assistant",
        "Website virtual assistant",
        "Communication department",
        "Answers citizens' questions on the municipal website.",
        vec![
            yes("uses_inference"),
            text("role", "provider"),
            no("social_scoring"),
            text("annex_iii_area", "none"),
            yes("interacts_with_people"),
            yes("on_market_before_general_application"),
        ],
    )
}

pub fn cv_screening() -> SystemEntry {
    let mut e = entry(
        "hr-cv-screening",
        "CV screening (bought)",
        "HR",
        "Ranks applicants for vacancies; bought from a vendor.",
        vec![
            yes("uses_inference"),
            text("role", "deployer"),
            no("social_scoring"),
            text("annex_iii_area", "employment"),
            no("interacts_with_people"),
        ],
    );
    e.evidence.push(EvidenceRef {
        key: "art4_ai_literacy".into(),
        reference: "HR-training-2026.pdf".into(),
        issued: NaiveDate::from_ymd_opt(2026, 3, 1),
        expires: None,
        line: 0,
    });
    e
}

pub fn prohibited() -> SystemEntry {
    entry(
        "benefit-scoring",
        "Benefit fraud social score",
        "Social services",
        "Scores residents on their behaviour to decide on benefits.",
        vec![
            yes("uses_inference"),
            text("role", "deployer"),
            yes("social_scoring"),
        ],
    )
}

pub fn undetermined() -> SystemEntry {
    entry(
        "event-cameras",
        "Crowd monitoring at events",
        "Public order",
        "Cameras that count visitors at events.",
        vec![
            yes("uses_inference"),
            text("role", "deployer"),
            no("social_scoring"),
            text("annex_iii_area", "unknown"),
        ],
    )
}

pub fn system_result(pack: &Pack, e: &SystemEntry) -> SystemResult {
    let (answers, diags) = e.answers(pack);
    assert!(diags.is_empty(), "answers of {}: {diags:?}", e.id);
    let result = engine::assess(pack, &answers, as_of());
    SystemResult::new(e.clone(), answers, result)
}

/// The report of these systems. Their results are leaked, so that a test can build a report
/// in one expression (a report borrows the results it reads; a test's few are no burden).
pub fn report<'p>(pack: &'p Pack, entries: &[SystemEntry], lang: Lang) -> InventoryReport<'p> {
    let results: &'static [SystemResult] = Vec::leak(
        entries
            .iter()
            .map(|e| system_result(pack, e))
            .collect::<Vec<_>>(),
    );
    InventoryReport::new(pack, as_of(), lang, results)
}

pub fn all_systems() -> Vec<SystemEntry> {
    vec![chatbot(), cv_screening(), prohibited(), undetermined()]
}

/// Compares with a snapshot file under tests/snapshots/report/; `UPDATE_SNAPSHOTS=1` rewrites it.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = root().join("tests/snapshots/report").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run UPDATE_SNAPSHOTS=1 cargo test",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "snapshot {} differs (first difference at line {}):\n  expected: {:?}\n  actual:   {:?}\nrun UPDATE_SNAPSHOTS=1 cargo test and review the diff",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

pub fn write_tmp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}
