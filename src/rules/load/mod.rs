//! Loading a rule pack in two passes: (1) `parse` reads every file into the raw serde model,
//! collecting every syntax and shape error; (2) one semantic pass, driven by `Compiler::compile`
//! below, that resolves ids, compiles conditions, checks types, texts, citations and dates, and
//! orders the evaluation. All problems are reported at once; a pack with any error is refused.
//!
//! The semantic pass keeps one file per kind of entry, each with the checks and diagnostics of
//! that kind: `manifest` (with the law versions), `timeline`, `questions`, `findings`,
//! `evidence`, `obligations`, `transitions`, `notes`, `risk` (the risk table) and `scenarios`.
//! What every kind shares lives beside them: `ids`, `fields` (texts, statuses, dates, law
//! versions), `citations`, `conditions` and `order` (the evaluation order and its cycles).

pub mod citations;
mod conditions;
mod evidence;
mod fields;
mod findings;
mod ids;
mod manifest;
mod notes;
mod obligations;
mod order;
mod parse;
mod questions;
mod risk;
mod scenarios;
mod timeline;
mod transitions;

use super::model::*;
use super::raw::*;
use crate::diag::Diagnostic;
use parse::parse_file;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One file of a rule pack: a display path and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// The most questions and choices a pack may have (answers are kept in fixed-size bit sets).
pub const MAX_QUESTIONS: usize = 256;
pub const MAX_CHOICES: usize = 64;

/// Loads and validates a pack. On success returns the pack and any warnings.
pub fn load(files: &[SourceFile]) -> Result<(Pack, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut raw = RawPack::default();
    let mut diags = Vec::new();
    for (fi, file) in files.iter().enumerate() {
        parse_file(fi, file, &mut raw, &mut diags);
    }
    let mut c = Compiler {
        files,
        line_starts: files
            .iter()
            .map(|f| {
                f.text
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1)
                    .collect()
            })
            .collect(),
        diags,
        ids: HashMap::new(),
        id_spans: HashMap::new(),
        used: HashSet::new(),
        question_types: Vec::new(),
        question_choices: Vec::new(),
        question_ids: Vec::new(),
    };
    let pack = c.compile(raw);
    let has_error = c.diags.iter().any(Diagnostic::is_error);
    match pack {
        Some(pack) if !has_error => Ok((pack, c.diags)),
        _ => Err(c.diags),
    }
}

/// SHA-256 of files, hex: their contents in pack order, not their paths, so that the same
/// pack hashes the same wherever it lies (embedded, a checkout, CI's clone).
pub fn files_sha256(files: &[SourceFile]) -> String {
    let mut hasher = Sha256::new();
    for f in files {
        hasher.update((f.text.len() as u64).to_le_bytes());
        hasher.update(f.text.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

type At<T> = (usize, S<T>);

#[derive(Default)]
struct RawPack {
    manifest: Vec<At<RawManifest>>,
    law_versions: Vec<At<RawLawVersion>>,
    timeline: Vec<At<RawTimeline>>,
    questions: Vec<At<RawQuestion>>,
    findings: Vec<At<RawFinding>>,
    obligations: Vec<At<RawObligation>>,
    evidence: Vec<At<RawEvidence>>,
    transitions: Vec<At<RawTransition>>,
    notes: Vec<At<RawNote>>,
    risk: Vec<At<RawRisk>>,
    scenarios: Vec<At<RawScenario>>,
}

struct Compiler<'a> {
    files: &'a [SourceFile],
    /// Where each file's lines start (after the first), so that the line of every rule is
    /// found without rescanning the file: a pack of 10 000 rules loads in linear time.
    line_starts: Vec<Vec<usize>>,
    diags: Vec<Diagnostic>,
    ids: HashMap<String, Item>,
    id_spans: HashMap<String, (usize, Range<usize>)>,
    /// Questions and findings some condition refers to.
    used: HashSet<Item>,
    question_types: Vec<AnswerType>,
    question_choices: Vec<Vec<String>>,
    question_ids: Vec<String>,
}

impl Compiler<'_> {
    /// An error at `span` of file `fi`; an empty hint is left out.
    fn err(&mut self, code: &'static str, fi: usize, span: Range<usize>, msg: Text, hint: Text) {
        let f = &self.files[fi];
        let mut d = Diagnostic::error(code, msg).at(&f.path, &f.text, span);
        if !hint.en.is_empty() {
            d = d.with_hint(hint);
        }
        self.diags.push(d);
    }

    fn warn(&mut self, code: &'static str, fi: usize, span: Range<usize>, msg: Text, hint: Text) {
        let f = &self.files[fi];
        self.diags.push(
            Diagnostic::warning(code, msg)
                .at(&f.path, &f.text, span)
                .with_hint(hint),
        );
    }

    fn origin(&self, fi: usize, span: &Range<usize>) -> Origin {
        let f = &self.files[fi];
        Origin {
            file: f.path.clone(),
            line: self.line_starts[fi].partition_point(|s| *s <= span.start) + 1,
        }
    }
}

// The compiler needs question types, choices and ids while compiling conditions of any rule,
// so they are gathered before conditions are compiled. The order of the steps is the order of
// the diagnostics.
impl Compiler<'_> {
    fn compile(&mut self, raw: RawPack) -> Option<Pack> {
        let manifest = self.manifest(&raw);
        let law_versions = self.law_versions(&raw, manifest.is_some());
        self.register_ids(&raw);
        if raw.questions.len() > MAX_QUESTIONS {
            self.diags.push(Diagnostic::error(
                "R020", t!("the pack has {} questions; at most {MAX_QUESTIONS} are supported", "het regelpakket heeft {} vragen; er worden er hoogstens {MAX_QUESTIONS} ondersteund",
                    raw.questions.len()
                ),
            ));
            return None;
        }

        let timeline = self.timeline(&raw);
        let shells = self.question_shapes(&raw);
        let mut deps_of: HashMap<Node, Vec<Item>> = HashMap::new();
        let questions = self.questions(&raw, shells, &mut deps_of);
        let findings = self.findings(&raw, &law_versions, &mut deps_of);
        let evidence = self.evidence(&raw);
        let obligations = self.obligations(&raw, &law_versions);
        self.unused_evidence(&raw, &obligations);
        let (transitions, obligation_transitions) = self.transitions(&raw, &obligations);
        let notes = self.notes(&raw);
        let risk = self.risk_table(&raw, manifest.is_some());
        // Every addressee must be reachable: some finding establishes its role.
        let role_findings = findings::role_findings(&findings);
        self.unreachable_obligations(&raw, &obligations, &role_findings);
        self.unused_questions(&raw);
        self.unused_facts(&raw, &findings);
        let eval_order = self.order(&raw, &deps_of);
        let scenarios = self.scenarios(&raw, &findings, &questions, &obligations, &notes);

        let manifest = manifest?;
        let sha256 = files_sha256(self.files);
        let pack = Pack {
            manifest,
            law_versions,
            timeline,
            questions,
            findings,
            obligations,
            evidence,
            transitions,
            notes,
            risk,
            scenarios,
            ids: self.ids.clone(),
            eval_order,
            role_findings,
            obligation_transitions,
            sha256,
            files: self.files.iter().map(|f| f.path.clone()).collect(),
            overlays: Vec::new(),
            question_hints: Default::default(),
        };
        self.scenario_answers(&raw, &pack);
        Some(pack)
    }
}

/// The mini pack of the integration tests with one more file, for the tests of each kind.
#[cfg(test)]
mod test_pack {
    use super::*;

    /// Every diagnostic of the mini pack (which is clean) with `extra` added as `extra.toml`,
    /// each as `CODE line:column message`.
    pub(super) fn problems(extra: &str) -> Vec<String> {
        let files = [
            (
                "pack.toml",
                include_str!("../../../tests/fixtures/packs/mini/pack.toml"),
            ),
            (
                "rules.toml",
                include_str!("../../../tests/fixtures/packs/mini/rules.toml"),
            ),
            (
                "scenarios/mini.toml",
                include_str!("../../../tests/fixtures/packs/mini/scenarios/mini.toml"),
            ),
            ("extra.toml", extra),
        ]
        .map(|(path, text)| SourceFile {
            path: path.into(),
            text: text.into(),
        });
        let diags = match load(&files) {
            Ok((_, warnings)) => warnings,
            Err(diags) => diags,
        };
        diags
            .iter()
            .map(|d| match &d.location {
                Some(l) => format!(
                    "{} {}:{}:{} {}",
                    d.code, l.file, l.line, l.column, d.message.en
                ),
                None => format!("{} {}", d.code, d.message.en),
            })
            .collect()
    }

    #[test]
    fn the_mini_pack_is_clean() {
        assert_eq!(problems(""), Vec::<String>::new());
    }

    /// A `[[note]]` with this id and condition (written as a literal string), in both
    /// languages, citing one article: six lines, so a test counts its positions in them.
    pub(super) fn note(id: &str, when: &str) -> String {
        format!(
            "[[note]]\nid = \"{id}\"\nwhen = '{when}'\n\
             text = {{ en = \"A note\", nl = \"Een noot\" }}\n\
             cite = [\"Art. 5\"]\nstatus = \"interpretation\"\n"
        )
    }

    /// A binding `[[finding]]` of this id, kind and condition, in both languages, citing one
    /// article and applying from entry into force: eight lines.
    pub(super) fn finding(id: &str, kind: &str, when: &str) -> String {
        format!(
            "[[finding]]\nid = \"{id}\"\nkind = \"{kind}\"\nwhen = \"{when}\"\n\
             title = {{ en = \"A finding\", nl = \"Een bevinding\" }}\n\
             cite = [\"Art. 3(1)\"]\nstatus = \"binding\"\n\
             applies_from = \"entry_into_force\"\n"
        )
    }
}
