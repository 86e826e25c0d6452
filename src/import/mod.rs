//! Turning the registers people already keep into an aiact inventory. One file per source;
//! each reads its records into [`Record`]s, and this module makes ids unique, checks every
//! answer against the pack, gathers the organisation and counts what was read and skipped.
//! See docs/import.md for every mapping.
//!
//! A register field sets an answer only where it states the fact, and every imported answer
//! records its source (`algoritmeregister:status`). Free text never sets an answer: it may give
//! hints, which a follow-up uses to ask the matching questions first.

mod algoritmeregister;
mod atrs;
pub mod csv_map;
mod hints;
mod omb;
mod pstw;
mod text;

use crate::answers::{RawAnswer, answer_for};
use crate::diag::Diagnostic;
use crate::engine::{Lifecycle, Stage};
use crate::inventory::{AnswerMeta, Organisation, SystemEntry};
use crate::rules::{Lang, Pack, Text};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// The registers `aiact import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Source {
    /// The Dutch Algoritmeregister: listing JSON, site-data export, publication-standard 1.0
    Algoritmeregister,
    /// The UK Algorithmic Transparency Recording Standard records (JSON or CSV)
    Atrs,
    /// The US federal AI use-case inventories (OMB, 2024 and 2025 CSV)
    Omb,
    /// The EU JRC Public Sector Tech Watch dataset (its AI cases)
    Pstw,
    /// Any spreadsheet, with a mapping file (--map)
    Csv,
}

/// What a register says about the organisation that keeps a record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgFacts {
    pub name: String,
    /// A value of `org_type`, with the register field that states it.
    pub org_type: Option<(String, String)>,
    /// An ISO 3166 code, with the register field that states it.
    pub country: Option<(String, String)>,
    pub contact: String,
}

/// One record of a register, read.
#[derive(Debug, Clone)]
pub struct Record {
    pub entry: SystemEntry,
    pub org: OrgFacts,
}

impl Record {
    /// A record of `file`, starting on `line`, with the register's id (or one made up when
    /// the register has none).
    pub fn new(file: &str, line: usize, id: &str) -> Self {
        let mut entry = SystemEntry::new(id.trim());
        entry.file = file.to_string();
        entry.line = line;
        Record {
            entry,
            org: OrgFacts::default(),
        }
    }

    /// Sets an answer, stated by the register field `source`.
    pub fn answer(&mut self, question: &str, value: RawAnswer, source: &str) {
        self.entry.answers.retain(|(q, _)| q != question);
        self.entry.answers.push((question.to_string(), value));
        self.entry.answer_meta.insert(
            question.to_string(),
            AnswerMeta {
                source: Some(source.to_string()),
                ..AnswerMeta::default()
            },
        );
    }

    /// Adds a hint (one per question): a question worth asking first, and why.
    pub fn hint(&mut self, question: &str, reason: String) {
        if !self.entry.hints.iter().any(|h| h.question == question) {
            self.entry.hints.push(crate::inventory::Hint {
                question: question.to_string(),
                reason,
            });
        }
    }

    pub fn lifecycle(&mut self, stage: Stage, date: Option<NaiveDate>) {
        self.entry.lifecycle = Some(Lifecycle { stage, date });
    }
}

/// The result of an import: the systems, the problems (file, record, reason) and the counts.
#[derive(Debug, Default)]
pub struct Import {
    pub systems: Vec<SystemEntry>,
    /// Records read, in every file.
    pub read: usize,
    /// Records that became no system (each also a problem).
    pub skipped: usize,
    pub problems: Vec<Diagnostic>,
    /// The organisation, when every record comes from the same one.
    pub organisation: Option<Organisation>,
    ids: HashMap<String, usize>,
    orgs: Vec<OrgFacts>,
}

impl Import {
    /// Counts a record read that becomes no system, with the reason.
    pub fn skip(&mut self, file: &str, line: usize, record: usize, reason: Text) {
        self.skipped += 1;
        let hint = t!(
            "record {record} of the file",
            "record {record} van het bestand"
        );
        self.problems.push(
            Diagnostic::warning("I010", reason)
                .at_line(file, line, 1)
                .with_hint(hint),
        );
    }

    /// Counts a CSV row read; a row the CSV reader cannot read is skipped with the reason.
    pub fn row(
        &mut self,
        file: &str,
        line: usize,
        record: usize,
        row: Result<csv::StringRecord, Text>,
    ) -> Option<csv::StringRecord> {
        self.read += 1;
        row.map_err(|Text { en, nl }| {
            let reason = t!(
                "skipped: unreadable CSV row ({en})",
                "overgeslagen: onleesbare CSV-rij ({nl})"
            );
            self.skip(file, line, record, reason);
        })
        .ok()
    }

    /// Adds a record as a system: answers the pack does not know are dropped (a question
    /// the pack does not ask yet, such as `org_country` in older packs); an id already used
    /// gets `-2`, `-3`, … and a note.
    fn push(&mut self, pack: &Pack, mut rec: Record) {
        let e = &mut rec.entry;
        let mut dropped = Vec::new();
        e.answers.retain(|(q, raw)| match answer_for(pack, q, raw) {
            Ok(_) => true,
            Err(p) if p.code == "A001" => {
                dropped.push(q.clone());
                false
            }
            Err(p) => {
                self.problems.push(
                    Diagnostic::error("I020", {
                        let (id, Text { en, nl }) = (&e.id, p.message);
                        t!("system `{id}`: {q}: {en}", "systeem `{id}`: {q}: {nl}")
                    })
                        .at_line(&e.file, e.line, 1)
                        .with_hint(t!("the register value has no translation the pack accepts", "de waarde uit het register heeft geen vertaling die het regelpakket aanvaardt")),
                );
                dropped.push(q.clone());
                false
            }
        });
        for q in dropped {
            e.answer_meta.remove(&q);
        }
        e.hints.retain(|h| pack.question(&h.question).is_some());
        if e.id.is_empty() {
            e.id = format!("record-{}", self.read);
        }
        let base = e.id.clone();
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let mut k = *n;
            while self.ids.contains_key(&format!("{base}-{k}")) {
                k += 1;
            }
            e.id = format!("{base}-{k}");
            self.ids.insert(e.id.clone(), 1);
            let id = &e.id;
            let message = t!(
                "id `{base}` appears more than once; this record became `{id}`",
                "id `{base}` komt meer dan eens voor; dit record kreeg `{id}`"
            );
            self.problems
                .push(Diagnostic::warning("I011", message).at_line(&e.file, e.line, 1));
        }
        self.orgs.push(rec.org);
        self.systems.push(rec.entry);
    }

    /// Hands the organisation facts over: one organisation for all the records becomes the
    /// `[organisation]` table; otherwise each system answers for its own organisation.
    fn finish(&mut self, pack: &Pack) {
        let orgs = std::mem::take(&mut self.orgs);
        let one = orgs
            .first()
            .filter(|o| !o.name.is_empty() && orgs.iter().all(|x| x == *o));
        if let Some(o) = one {
            let org = Arc::new(Organisation {
                name: o.name.clone(),
                org_type: o.org_type.as_ref().map(|(t, _)| t.clone()),
                country: o.country.as_ref().map(|(c, _)| c.clone()),
                contact: o.contact.clone(),
                ..Organisation::default()
            });
            for e in &mut self.systems {
                e.organisation = Some(org.clone());
            }
            self.organisation = Some((*org).clone());
            return;
        }
        for (e, o) in self.systems.iter_mut().zip(orgs) {
            let country = o
                .country
                .map(|(c, src)| (crate::inventory::country_choice(&c).to_string(), src));
            let given = [("org_type", o.org_type), ("org_country", country)];
            for (q, fact) in given.into_iter().rev() {
                let Some((value, src)) = fact else { continue };
                let raw = RawAnswer::Text(value);
                if answer_for(pack, q, &raw).is_err() || e.answers.iter().any(|(id, _)| id == q) {
                    continue;
                }
                e.answers.insert(0, (q.to_string(), raw));
                e.answer_meta.insert(
                    q.to_string(),
                    AnswerMeta {
                        source: Some(src),
                        ..AnswerMeta::default()
                    },
                );
            }
        }
    }
}

/// Imports register files of one source. Problems that stop a whole file (unreadable, not
/// the expected format) are errors; a bad record is skipped and counted.
pub fn import(
    pack: &Pack,
    source: Source,
    files: &[(String, Vec<u8>)],
    map: Option<&csv_map::Mapping>,
    lang: Lang,
) -> Import {
    let mut out = Import::default();
    for (path, bytes) in files {
        let mut records = Vec::new();
        match source {
            Source::Algoritmeregister => {
                algoritmeregister::read(path, bytes, &mut out, &mut records, lang)
            }
            Source::Atrs => atrs::read(path, bytes, &mut out, &mut records),
            Source::Omb => omb::read(path, bytes, &mut out, &mut records),
            Source::Pstw => pstw::read(path, bytes, &mut out, &mut records),
            Source::Csv => match map {
                Some(m) => csv_map::read(path, bytes, m, &mut out, &mut records),
                None => out.problems.push(
                    Diagnostic::error(
                        "I001",
                        t!(
                            "`--from csv` needs a mapping file",
                            "`--from csv` vraagt een koppelbestand"
                        ),
                    )
                    .in_file(path)
                    .with_hint(t!(
                        "give --map map.toml; docs/import.md shows its format",
                        "geef --map map.toml; docs/import.md toont het formaat"
                    )),
                ),
            },
        }
        for mut rec in records {
            hints::add(&mut rec.entry, lang);
            out.push(pack, rec);
        }
    }
    out.finish(pack);
    out
}

/// The lifecycle counts of imported systems, in the order of a life, then "not stated".
pub fn lifecycle_counts(systems: &[SystemEntry]) -> Vec<(Option<Stage>, usize)> {
    crate::report::lifecycle_counts(systems.iter().map(|s| s.lifecycle.map(|l| l.stage)))
        .into_iter()
        .map(|c| (c.stage, c.count))
        .collect()
}
