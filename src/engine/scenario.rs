//! Golden scenarios: answers in, expected result out. They run in `cargo test` and in
//! `aiact rules test`, so a rule maintainer can change rules safely.

use crate::answers::Answers;
use crate::engine::{self, FindingStatus};
use crate::rules::{Pack, Scenario};

/// The differences between what a scenario expects and what the engine says.
#[derive(Debug, Clone)]
pub struct ScenarioFailure {
    pub scenario: String,
    pub origin: String,
    pub differences: Vec<String>,
}

pub fn run_all(pack: &Pack) -> Vec<ScenarioFailure> {
    pack.scenarios.iter().filter_map(|s| run(pack, s)).collect()
}

/// Runs one scenario; `None` when everything matches.
pub fn run(pack: &Pack, s: &Scenario) -> Option<ScenarioFailure> {
    let (answers, problems) = Answers::from_table(pack, &s.answers);
    let mut diff: Vec<String> = problems
        .into_iter()
        .map(|p| format!("bad answer: {}", p.message.en))
        .collect();
    let r = engine::assess_in_life(pack, &answers, s.as_of, s.lifecycle.as_ref());
    let e = &s.expect;

    if let Some(risk) = e.risk
        && r.risk != risk
    {
        let why = if r.possible_risks.is_empty() {
            String::new()
        } else {
            format!(
                " (possible: {})",
                r.possible_risks
                    .iter()
                    .map(|c| c.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        diff.push(format!(
            "risk: expected {}, got {}{why}",
            risk.name(),
            r.risk.name()
        ));
    }
    let present: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| {
            f.status == FindingStatus::Applies
                || pack.findings[f.finding].anticipated && f.status == FindingStatus::Upcoming
        })
        .map(|f| pack.findings[f.finding].id.as_str())
        .collect();
    for id in &e.findings {
        if !present.contains(&id.as_str()) {
            diff.push(format!("finding `{id}`: expected, but absent"));
        }
    }
    for id in &e.absent {
        if present.contains(&id.as_str()) {
            diff.push(format!("finding `{id}`: expected absent, but present"));
        }
    }
    if let Some(roles) = &e.roles {
        let mut want = roles.clone();
        want.sort();
        if want != r.roles {
            diff.push(format!(
                "roles: expected [{}], got [{}]",
                names(want.iter().map(|r| r.name())),
                names(r.roles.iter().map(|r| r.name()))
            ));
        }
    }
    let got: Vec<(String, String)> = r
        .obligations
        .iter()
        .map(|o| {
            (
                pack.obligations[o.obligation].id.clone(),
                o.status.name().to_string(),
            )
        })
        .collect();
    if let Some(exact) = &e.obligations {
        for (id, status) in exact {
            match got.iter().find(|(g, _)| g == id) {
                None => diff.push(format!("obligation `{id}`: expected {status}, but absent")),
                Some((_, s)) if s != status => {
                    diff.push(format!("obligation `{id}`: expected {status}, got {s}"))
                }
                _ => {}
            }
        }
        for (id, status) in &got {
            if !exact.iter().any(|(x, _)| x == id) {
                diff.push(format!("obligation `{id}`: not expected, but {status}"));
            }
        }
    }
    for (id, status) in &e.obligations_include {
        match got.iter().find(|(g, _)| g == id) {
            None => diff.push(format!("obligation `{id}`: expected {status}, but absent")),
            Some((_, s)) if s != status => {
                diff.push(format!("obligation `{id}`: expected {status}, got {s}"))
            }
            _ => {}
        }
    }
    if let Some(open) = &e.open_questions {
        let got: Vec<&str> = r
            .open_questions
            .iter()
            .map(|q| pack.questions[*q].id.as_str())
            .collect();
        let mut want: Vec<&str> = open.iter().map(String::as_str).collect();
        want.sort_by_key(|id| pack.question(id).map_or(usize::MAX, |(i, _)| i));
        if want != got {
            diff.push(format!(
                "open questions: expected [{}], got [{}]",
                want.join(", "),
                got.join(", ")
            ));
        }
    }
    let notes: Vec<&str> = r.notes.iter().map(|n| pack.notes[*n].id.as_str()).collect();
    for id in &e.notes {
        if !notes.contains(&id.as_str()) {
            diff.push(format!("note `{id}`: expected, but absent"));
        }
    }
    (!diff.is_empty()).then(|| ScenarioFailure {
        scenario: s.id.clone(),
        origin: format!("{}:{}", s.origin.file, s.origin.line),
        differences: diff,
    })
}

fn names<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}
