//! Inventories of AI systems. One schema for three encodings (TOML, JSON/JSON Lines, CSV); an
//! answers file written by `aiact assess` is an inventory with one system, and the reverse.
//! See docs/inventory-format.md.

mod csv;
pub mod edit;
pub mod followup;
mod json;
mod json_fields;
mod json_recover;
mod line_index;
mod spreadsheet;
mod toml_format;
mod toml_pieces;
mod write;

pub(crate) use self::csv::FIXED as FIXED_COLUMNS;
pub use self::csv::{csv_chunks, csv_error, detect_delimiter, read_csv};
pub use json::{
    JsonText, json_chunks, json_lines_chunks, json_lines_piece, json_systems, read_json,
    read_json_lines, read_json_system,
};
pub use line_index::LineIndex;
pub use spreadsheet::{CsvDialect, neutralise_formula};
pub(crate) use toml_format::raw_answer;
pub use toml_pieces::{SystemStarts, read_toml, read_toml_piece, toml_chunks};
pub use write::{write_csv, write_jsonl, write_toml};

use crate::answers::{Answer, Answers, RawAnswer, answer_for, parse_answer};
use crate::diag::Diagnostic;
use crate::engine::Lifecycle;
use crate::rules::{Pack, Text};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The keys a system may have, in every encoding.
pub(crate) const SYSTEM_KEYS: [&str; 11] = [
    "id",
    "name",
    "owner",
    "description",
    "users",
    "pack",
    "lifecycle",
    "lifecycle_date",
    "answers",
    "evidence",
    "hints",
];

/// The longest problem message about an answer, in bytes (it quotes the answer).
const MAX_MESSAGE: usize = 300;

/// The keys of the `[organisation]` table.
pub(crate) const ORGANISATION_KEYS: [&str; 5] = ["name", "type", "country", "contact", "literacy"];

/// The keys of one AI-literacy measure (`[[organisation.literacy]]`).
pub(crate) const LITERACY_KEYS: [&str; 4] = ["groups", "measure", "date", "evidence"];

/// A measure the organisation took for the AI literacy of its staff (Art. 4): a training, a
/// guide, a policy; for which staff groups, when, and what shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiteracyMeasure {
    /// The staff groups it reaches, as the systems' `users` name them; `*` for all staff.
    pub groups: Vec<String>,
    pub measure: String,
    pub date: Option<NaiveDate>,
    pub evidence: String,
}

/// The keys of an answer written as a table (`{ value = …, source = … }`).
pub(crate) const ANSWER_META_KEYS: [&str; 5] = ["value", "source", "comment", "by", "on"];

/// The audit trail of one answer: where it came from, and who gave or confirmed it when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerMeta {
    /// The register field it was imported from (`algoritmeregister:status`), or any source.
    pub source: Option<String>,
    pub comment: Option<String>,
    pub by: Option<String>,
    pub on: Option<NaiveDate>,
}

impl AnswerMeta {
    pub fn is_empty(&self) -> bool {
        self.source.is_none() && self.comment.is_none() && self.by.is_none() && self.on.is_none()
    }
}

/// A question worth asking first for a system, and why (from its free text). A hint is never
/// an answer and never changes a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub question: String,
    pub reason: String,
}

/// The organisation whose inventory it is. It answers the organisation questions once for
/// every system that does not answer them itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Organisation {
    pub name: String,
    /// A value of the pack's `org_type` question.
    pub org_type: Option<String>,
    /// ISO 3166-1 alpha-2, upper case (`BE`).
    pub country: Option<String>,
    pub contact: String,
    /// The AI-literacy measures the organisation took (Art. 4).
    pub literacy: Vec<LiteracyMeasure>,
    /// Where the table starts.
    pub file: String,
    pub line: usize,
}

impl Organisation {
    /// As [`SystemEntry::make_printable`]: no control or bidirectional characters in its texts.
    fn make_printable(&mut self) {
        let clean = |s: &mut String| {
            if let std::borrow::Cow::Owned(c) = crate::diag::printable(s, false) {
                *s = c;
            }
        };
        clean(&mut self.name);
        clean(&mut self.contact);
        for m in &mut self.literacy {
            clean(&mut m.measure);
            clean(&mut m.evidence);
            m.groups.iter_mut().for_each(&clean);
        }
    }
}

/// The member states of the EU (ISO 3166-1 alpha-2; Greece as `GR`, also written `EL`).
const EU: [&str; 28] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

impl Organisation {
    /// The answers the organisation gives, by question index, with the key they come from:
    /// `type` answers `org_type`; `country` answers `org_country` (`be`, `nl`, `other-eu`,
    /// `non-eu`) where the pack asks it. A value the pack does not accept gives no answer
    /// (see [`Organisation::check`]).
    pub fn answers(&self, pack: &Pack) -> Vec<(usize, Answer, &'static str)> {
        let mut out = Vec::new();
        let mut give = |qid: &str, value: String, key: &'static str| {
            if let Some((q, question)) = pack.question(qid)
                && let Ok(a) = parse_answer(question, &RawAnswer::Text(value))
            {
                out.push((q, a, key));
            }
        };
        if let Some(t) = &self.org_type {
            give("org_type", t.clone(), "type");
        }
        if let Some(c) = &self.country {
            give("org_country", country_choice(c).to_string(), "country");
        }
        out
    }

    /// Problems with the organisation that only the pack shows: a type it does not offer.
    pub fn check(&self, pack: &Pack) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        if let (Some(t), Some((_, q))) = (&self.org_type, pack.question("org_type"))
            && let Err(p) = parse_answer(q, &RawAnswer::Text(t.clone()))
        {
            let mut d = Diagnostic::error("A030", p.message.prefixed("[organisation] type: "))
                .at_line(&self.file, self.line, 1);
            if let Some(h) = p.hint {
                d = d.with_hint(h);
            }
            diags.push(d);
        }
        if let (Some(c), Some((_, q))) = (&self.country, pack.question("org_country"))
            && parse_answer(q, &RawAnswer::Text(country_choice(c).into())).is_err()
        {
            diags.push(
                Diagnostic::error(
                    "A030",
                    t!("[organisation] country: the pack's `org_country` has no value `{}`", "[organisation] country: `org_country` van het regelpakket heeft geen waarde `{}`",
                        country_choice(c)
                    ),
                )
                .at_line(&self.file, self.line, 1)
                .with_hint(t!("the rule pack and aiact disagree; report it", "het regelpakket en aiact zijn het oneens; meld het")),
            );
        }
        diags
    }
}

/// The `org_country` choice for an ISO country code.
pub fn country_choice(code: &str) -> &'static str {
    match code {
        "BE" => "be",
        "NL" => "nl",
        c if EU.contains(&c) => "other-eu",
        _ => "non-eu",
    }
}

/// Checks a country code as written: two ASCII letters, returned in upper case.
pub(crate) fn parse_country(s: &str) -> Result<String, Text> {
    let c = s.trim().to_ascii_uppercase();
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(t!(
            "`country` must be an ISO 3166 two-letter code such as \"BE\", not \"{s}\"",
            "`country` moet een ISO 3166-code van twee letters zijn, zoals \"BE\", niet \"{s}\""
        ))
    }
}

/// The lifecycle of a CSV row from its `lifecycle` and `lifecycle_date` cells (empty: none).
pub(crate) fn lifecycle_cells(stage: &str, date: &str) -> Result<Option<Lifecycle>, Text> {
    let date = match date.trim() {
        "" => None,
        d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            t!(
                "lifecycle_date: \"{d}\" is not a date (YYYY-MM-DD)",
                "lifecycle_date: \"{d}\" is geen datum (JJJJ-MM-DD)"
            )
        })?),
    };
    match (stage.trim(), date) {
        ("", None) => Ok(None),
        ("", Some(_)) => Err(t!(
            "lifecycle_date: a date without a `lifecycle`",
            "lifecycle_date: een datum zonder `lifecycle`"
        )),
        (s, date) => Ok(Some(Lifecycle {
            stage: parse_stage(s)?,
            date,
        })),
    }
}

// Rule files read lifecycles too (scenarios), so the reader lives with `Stage` in `rules`.
pub(crate) use crate::rules::parse_stage;

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
    /// The staff groups that use the system or deal with it (for the Art. 4 literacy plan).
    pub users: Vec<String>,
    pub pack: Option<PackStamp>,
    /// Where the system stands in its life, if the inventory says.
    pub lifecycle: Option<Lifecycle>,
    /// Answers by question id, in the order written.
    pub answers: Vec<(String, RawAnswer)>,
    /// The audit trail of the answers that have one, by question id.
    pub answer_meta: BTreeMap<String, AnswerMeta>,
    pub evidence: Vec<EvidenceRef>,
    /// Questions to ask first, from the free text (import); never answers.
    pub hints: Vec<Hint>,
    /// The inventory's organisation, shared by its systems.
    pub organisation: Option<Arc<Organisation>>,
    /// Where the entry starts (file and 1-based line; for CSV the row's line).
    pub file: String,
    pub line: usize,
    /// Where each answer was written (1-based line and column), parallel to `answers`; an
    /// answer without a position is reported at the entry's line.
    pub answer_at: Vec<(usize, usize)>,
}

impl SystemEntry {
    pub fn new(id: &str) -> Self {
        SystemEntry {
            id: id.to_string(),
            name: String::new(),
            owner: String::new(),
            description: String::new(),
            users: Vec::new(),
            pack: None,
            lifecycle: None,
            answers: Vec::new(),
            answer_meta: BTreeMap::new(),
            evidence: Vec::new(),
            hints: Vec::new(),
            organisation: None,
            file: String::new(),
            line: 0,
            answer_at: Vec::new(),
        }
    }

    /// Checks the answers against the pack. Bad answers are diagnostics and stay unanswered;
    /// the rest are kept.
    pub fn answers(&self, pack: &Pack) -> (Answers, Vec<Diagnostic>) {
        let mut answers = Answers::empty(pack);
        let mut diags = Vec::new();
        for (i, (id, raw)) in self.answers.iter().enumerate() {
            match answer_for(pack, id, raw) {
                Ok((q, a)) => answers.set(q, a),
                Err(p) => {
                    let (line, column) = self.answer_at.get(i).copied().unwrap_or((self.line, 1));
                    // A message echoes the value: a 100 MB answer is cut to an excerpt.
                    let en = crate::diag::excerpt(&p.message.en, MAX_MESSAGE);
                    let nl = crate::diag::excerpt(&p.message.nl, MAX_MESSAGE);
                    let id = crate::diag::excerpt(&self.id, 100);
                    let mut d = Diagnostic::error(
                        p.code,
                        t!("system `{id}`: {en}", "systeem `{id}`: {nl}"),
                    )
                    .at_line(&self.file, line, column);
                    if let Some(h) = p.hint {
                        d = d.with_hint(h);
                    }
                    diags.push(d);
                }
            }
        }
        if let Some(org) = &self.organisation {
            for (q, a, _) in org.answers(pack) {
                if answers.get(q) == Answer::Unanswered {
                    answers.set(q, a);
                }
            }
        }
        (answers, diags)
    }

    /// Removes what could drive a terminal or disguise text in a report (control and
    /// bidirectional characters, see `diag::printable`) from every text of the entry, once,
    /// as it is read, so that every output gets clean text.
    pub fn make_printable(&mut self) {
        let clean = |s: &mut String, lines: bool| {
            if let std::borrow::Cow::Owned(c) = crate::diag::printable(s, lines) {
                *s = c;
            }
        };
        clean(&mut self.id, false);
        clean(&mut self.name, false);
        clean(&mut self.owner, false);
        clean(&mut self.description, true);
        for e in &mut self.evidence {
            clean(&mut e.key, false);
            clean(&mut e.reference, false);
        }
        for (_, a) in &mut self.answers {
            match a {
                RawAnswer::Text(t) => clean(t, false),
                RawAnswer::Other(t) => {
                    clean(&mut t.en, false);
                    clean(&mut t.nl, false);
                }
                RawAnswer::List(l) => l.iter_mut().for_each(|t| clean(t, false)),
                _ => {}
            }
        }
        for m in self.answer_meta.values_mut() {
            for t in [&mut m.source, &mut m.comment, &mut m.by]
                .into_iter()
                .flatten()
            {
                clean(t, true);
            }
        }
        self.users.iter_mut().for_each(|u| clean(u, false));
    }

    /// The audit trail of an answer: its own, or for an answer the organisation gives (the
    /// system does not answer it), the `[organisation]` key it comes from.
    pub fn meta_for(&self, pack: &Pack, question: &str) -> Option<AnswerMeta> {
        if let Some(m) = self.answer_meta.get(question) {
            return Some(m.clone());
        }
        if self.answers.iter().any(|(id, _)| id == question) {
            return None;
        }
        let org = self.organisation.as_ref()?;
        let (q, _) = pack.question(question)?;
        org.answers(pack)
            .into_iter()
            .find(|(i, _, _)| *i == q)
            .map(|(_, _, key)| AnswerMeta {
                source: Some(format!("organisation:{key}")),
                ..AnswerMeta::default()
            })
    }

    /// Warnings (A020) for the answers to `ignored` questions (those that do not apply to this
    /// system; `engine::ignored_answers`): they change nothing, and a silent drop would hide a
    /// misunderstanding (e.g. "no link with the EU" given for a public body in the EU).
    pub fn ignored_answer_warnings(&self, pack: &Pack, ignored: &[usize]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, (id, _)) in self.answers.iter().enumerate() {
            let Some((q, question)) = pack.question(id) else {
                continue;
            };
            if !ignored.contains(&q) {
                continue;
            }
            let when = question.ask_when_src.as_deref().unwrap_or("false");
            let system = &self.id;
            let message = t!(
                "system `{system}`: the answer to `{id}` is ignored because the question applies only when `{when}`, which does not hold for this system",
                "systeem `{system}`: het antwoord op `{id}` wordt genegeerd omdat de vraag alleen geldt als `{when}`, wat voor dit systeem niet zo is"
            );
            let hint = t!(
                "remove the answer, or check the answers this condition depends on",
                "verwijder het antwoord, of controleer de antwoorden waarvan deze voorwaarde afhangt"
            );
            let (line, column) = self.answer_at.get(i).copied().unwrap_or((self.line, 1));
            out.push(
                Diagnostic::warning("A020", message)
                    .at_line(&self.file, line, column)
                    .with_hint(hint),
            );
        }
        out
    }

    /// Replaces the answers with those given (pack order). An answer the organisation gives
    /// and the system did not answer itself stays with the organisation.
    pub fn set_answers(&mut self, pack: &Pack, answers: &Answers) {
        let from_org: Vec<(usize, Answer)> = self
            .organisation
            .as_ref()
            .map(|o| o.answers(pack))
            .unwrap_or_default()
            .into_iter()
            .filter(|(q, _, _)| {
                !self
                    .answers
                    .iter()
                    .any(|(id, _)| *id == pack.questions[*q].id)
            })
            .map(|(q, a, _)| (q, a))
            .collect();
        self.answers = pack
            .questions
            .iter()
            .enumerate()
            .filter(|(i, _)| !from_org.contains(&(*i, answers.get(*i))))
            .filter_map(|(i, q)| answers.to_raw(i, q).map(|raw| (q.id.clone(), raw)))
            .collect();
        let kept: std::collections::HashSet<&str> =
            self.answers.iter().map(|(id, _)| id.as_str()).collect();
        self.answer_meta.retain(|id, _| kept.contains(id.as_str()));
        self.answer_at.clear();
    }
}

/// An inventory as read: the systems that could be read, and the problems found.
#[derive(Debug, Default)]
pub struct Inventory {
    /// The `[organisation]` table, when this part of the file holds it.
    pub organisation: Option<Organisation>,
    pub systems: Vec<SystemEntry>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Inventory {
    /// One inventory of every chunk that `read` hands over (a reader's `*_chunks` function
    /// called with `usize::MAX`): the whole file in one.
    pub fn gathered(read: impl FnOnce(&mut dyn FnMut(Inventory))) -> Inventory {
        let mut all = Inventory::default();
        read(&mut |inv| {
            all.organisation = inv.organisation.or(all.organisation.take());
            all.systems.extend(inv.systems);
            all.diagnostics.extend(inv.diagnostics);
        });
        all
    }

    /// Removes control and bidirectional characters from every text read (see
    /// `SystemEntry::make_printable`).
    pub fn make_printable(&mut self) {
        self.systems
            .iter_mut()
            .for_each(SystemEntry::make_printable);
        if let Some(o) = &mut self.organisation {
            o.make_printable();
        }
    }
}

/// The encodings of an inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// `[[system]]` tables
    Toml,
    /// an object with a `systems` array (or one system object)
    Json,
    /// JSON Lines: one system object per line
    Jsonl,
    /// one row per system; `,` or `;` delimited, detected
    Csv,
}

impl InputFormat {
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Toml => "toml",
            InputFormat::Json => "json",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Csv => "csv",
        }
    }

    /// The format named by a file's extension, if any.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(InputFormat::Toml),
            "json" => Some(InputFormat::Json),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "csv" | "tsv" | "txt" => Some(InputFormat::Csv),
            _ => None,
        }
    }

    /// Guesses the format from the content (for standard input without `--input-format`).
    pub fn sniff(text: &str) -> Self {
        let body = text.trim_start_matches('\u{feff}');
        let first_line = body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        if first_line.starts_with('{') {
            // One object per line, or one document?
            let objects = body
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .take(3)
                .collect::<Vec<_>>();
            let lines_are_objects = objects.len() > 1
                && objects
                    .iter()
                    .all(|l| l.starts_with('{') && l.ends_with('}'));
            if lines_are_objects {
                InputFormat::Jsonl
            } else {
                InputFormat::Json
            }
        } else if first_line.starts_with('[')
            && !first_line.starts_with("[[")
            && !first_line.starts_with("[inventory")
        {
            InputFormat::Json
        } else if first_line.starts_with('[') || first_line.contains(" = ") {
            InputFormat::Toml
        } else {
            InputFormat::Csv
        }
    }
}

/// Reads an inventory or answers file in the encoding its name (else its content) shows.
pub fn read_file_text(path: &str, text: &str) -> Inventory {
    let format = InputFormat::from_path(std::path::Path::new(path))
        .unwrap_or_else(|| InputFormat::sniff(text));
    read_inventory(path, text, format)
}

/// Reads an inventory in the given encoding, then checks what no single encoding can: that
/// system ids are unique and that there is at least one system. A byte-order mark is ignored.
pub fn read_inventory(path: &str, text: &str, format: InputFormat) -> Inventory {
    let mut all = Inventory::default();
    read_inventory_chunked(path, text, format, usize::MAX, &mut |systems, diags| {
        all.systems.extend_from_slice(systems);
        all.diagnostics.extend(diags);
    });
    all.organisation = all
        .systems
        .iter()
        .find_map(|s| s.organisation.as_deref().cloned());
    all
}

/// Like [`read_inventory`], but hands the systems over `chunk` at a time, with the problems
/// found so far, in file order. Every encoding is read incrementally: memory is bounded by
/// the chunk, besides the text itself (see `toml_chunks` for the one exception).
pub fn read_inventory_chunked(
    path: &str,
    text: &str,
    format: InputFormat,
    chunk: usize,
    f: &mut dyn FnMut(&[SystemEntry], Vec<Diagnostic>),
) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut ids = IdSet::default();
    let mut count = 0;
    let mut errors = false;
    let mut organisation: Option<Arc<Organisation>> = None;
    let mut take = |mut inv: Inventory| {
        inv.make_printable();
        if let Some(o) = inv.organisation.take() {
            organisation = Some(Arc::new(o));
        }
        if let Some(o) = &organisation {
            for e in &mut inv.systems {
                e.organisation.get_or_insert_with(|| o.clone());
            }
        }
        ids.filter(&mut inv);
        count += inv.systems.len();
        errors |= inv.diagnostics.iter().any(Diagnostic::is_error);
        if !inv.systems.is_empty() || !inv.diagnostics.is_empty() {
            f(&inv.systems, inv.diagnostics);
        }
    };
    match format {
        InputFormat::Toml => toml_chunks(path, text, chunk, &mut take),
        InputFormat::Json => json_chunks(path, text, chunk, &mut take),
        InputFormat::Jsonl => json_lines_chunks(path, text, chunk, &mut take),
        InputFormat::Csv => csv_chunks(path, text, chunk, &mut take),
    }
    if count == 0 && !errors {
        f(&[], vec![no_systems(path)]);
    }
}

/// The system ids seen so far: a later system with an id already used is dropped and reported.
#[derive(Default)]
pub struct IdSet(std::collections::HashMap<String, usize>);

impl IdSet {
    pub fn filter(&mut self, inv: &mut Inventory) {
        let mut keep = Vec::with_capacity(inv.systems.len());
        for entry in std::mem::take(&mut inv.systems) {
            match self.0.get(entry.id.as_str()) {
                Some(first) => inv.diagnostics.push(
                    Diagnostic::error(
                        "A015",
                        t!(
                            "duplicate system id `{}`",
                            "dubbele systeem-id `{}`",
                            entry.id
                        ),
                    )
                    .at_line(&entry.file, entry.line, 1)
                    .with_hint(t!(
                        "first used on line {first}; give every system a unique id (this one is not assessed)",
                        "al gebruikt op regel {first}; geef elk systeem een eigen id (dit systeem wordt niet beoordeeld)"
                    )),
                ),
                None => {
                    self.0.insert(entry.id.clone(), entry.line);
                    keep.push(entry);
                }
            }
        }
        inv.systems = keep;
    }
}

/// A016: an inventory that holds no system (and no error that would explain it).
pub fn no_systems(path: &str) -> Diagnostic {
    Diagnostic::error(
        "A016",
        t!(
            "the inventory holds no systems",
            "de inventaris bevat geen systemen"
        ),
    )
    .in_file(path)
    .with_hint(t!(
        "add at least one system; `aiact template` writes an empty inventory to start from",
        "voeg minstens één systeem toe; `aiact template` schrijft een lege inventaris om mee te beginnen"
    ))
}

/// The problems of a read inventory as (code, line, English message), for tests.
#[cfg(test)]
pub(crate) fn problems(inv: &Inventory) -> Vec<(&str, usize, String)> {
    inv.diagnostics
        .iter()
        .map(|d| {
            let line = d.location.as_ref().map_or(0, |l| l.line);
            (d.code, line, d.message.en.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extension_and_content() {
        use std::path::Path;
        assert_eq!(
            InputFormat::from_path(Path::new("a/inv.TOML")),
            Some(InputFormat::Toml)
        );
        assert_eq!(
            InputFormat::from_path(Path::new("inv.ndjson")),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(InputFormat::from_path(Path::new("inv")), None);
        assert_eq!(
            InputFormat::sniff("\u{feff}[[system]]\nid = \"a\"\n"),
            InputFormat::Toml
        );
        assert_eq!(
            InputFormat::sniff("{\n  \"systems\": []\n}\n"),
            InputFormat::Json
        );
        assert_eq!(
            InputFormat::sniff("{\"id\":\"a\"}\n{\"id\":\"b\"}\n"),
            InputFormat::Jsonl
        );
        assert_eq!(InputFormat::sniff("id;name;owner\n"), InputFormat::Csv);
    }

    #[test]
    fn duplicates_are_dropped_and_empty_is_an_error() {
        let inv = read_inventory(
            "i.toml",
            "[[system]]\nid = \"A\"\n\n[[system]]\nid = \"A\"\n",
            InputFormat::Toml,
        );
        assert_eq!(inv.systems.len(), 1);
        assert_eq!(inv.diagnostics[0].code, "A015");
        assert_eq!(
            inv.diagnostics[0].location.as_ref().map(|l| l.line),
            Some(4)
        );
        let inv = read_inventory("i.toml", "# nothing\n", InputFormat::Toml);
        assert_eq!(inv.diagnostics[0].code, "A016");
    }
}
