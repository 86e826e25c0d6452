//! Inventories of AI systems. One schema for three encodings (TOML, JSON/JSON Lines, CSV); an
//! answers file written by `aiact assess` is an inventory with one system, and the reverse.
//! See docs/inventory-format.md.

mod toml_format;

pub use toml_format::{read_toml, write_toml};

use crate::answers::{Answers, RawAnswer, answer_for};
use crate::diag::Diagnostic;
use crate::rules::Pack;
use chrono::NaiveDate;

/// The rule pack that asked the answers, stamped into answers files by the interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackStamp {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

/// A reference to a document or record that shows an obligation is met (procurement).
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRef {
    /// An obligation id or an evidence kind id of the pack.
    pub key: String,
    /// A document name, URL or registration number.
    pub reference: String,
    pub issued: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    pub line: usize,
}

/// One AI system of an inventory, as written, before its answers are checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemEntry {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub description: String,
    pub pack: Option<PackStamp>,
    /// Answers by question id, in the order written.
    pub answers: Vec<(String, RawAnswer)>,
    pub evidence: Vec<EvidenceRef>,
    /// Where the entry starts (file and 1-based line; for CSV the row's line).
    pub file: String,
    pub line: usize,
}

impl SystemEntry {
    pub fn new(id: &str) -> Self {
        SystemEntry {
            id: id.to_string(),
            name: String::new(),
            owner: String::new(),
            description: String::new(),
            pack: None,
            answers: Vec::new(),
            evidence: Vec::new(),
            file: String::new(),
            line: 0,
        }
    }

    /// Checks the answers against the pack. Bad answers are diagnostics and stay unanswered;
    /// the rest are kept.
    pub fn answers(&self, pack: &Pack) -> (Answers, Vec<Diagnostic>) {
        let mut answers = Answers::empty(pack);
        let mut diags = Vec::new();
        for (id, raw) in &self.answers {
            match answer_for(pack, id, raw) {
                Ok((q, a)) => answers.set(q, a),
                Err(p) => {
                    let mut d =
                        Diagnostic::error(p.code, format!("system `{}`: {}", self.id, p.message))
                            .at_line(&self.file, self.line, 1);
                    if let Some(h) = p.hint {
                        d = d.with_hint(h);
                    }
                    diags.push(d);
                }
            }
        }
        (answers, diags)
    }

    /// Replaces the answers with those given (pack order).
    pub fn set_answers(&mut self, pack: &Pack, answers: &Answers) {
        self.answers = pack
            .questions
            .iter()
            .enumerate()
            .filter_map(|(i, q)| answers.to_raw(i, q).map(|raw| (q.id.clone(), raw)))
            .collect();
    }
}

/// An inventory as read: the systems that could be read, and the problems found.
#[derive(Debug, Default)]
pub struct Inventory {
    pub systems: Vec<SystemEntry>,
    pub diagnostics: Vec<Diagnostic>,
}
