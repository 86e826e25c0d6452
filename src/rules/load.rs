//! Loading a rule pack in two passes: (1) parse every file into the raw serde model, collecting
//! every syntax and shape error; (2) one semantic pass that resolves ids, compiles conditions,
//! checks types, texts, citations and dates, and orders the evaluation. All problems are
//! reported at once; a pack with any error is refused.

use super::condition::{self, CmpOp, Expr, LiteralValue};
use super::model::*;
use super::raw::*;
use crate::diag::{Diagnostic, did_you_mean, first_line};
use chrono::NaiveDate;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use toml::de::{DeValue, ValueDeserializer};

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

const TOP_LEVEL: [&str; 11] = [
    "pack",
    "law_version",
    "timeline",
    "question",
    "finding",
    "obligation",
    "evidence",
    "transition",
    "note",
    "risk",
    "scenario",
];

fn parse_file(fi: usize, file: &SourceFile, raw: &mut RawPack, diags: &mut Vec<Diagnostic>) {
    let (root, errors) = toml::de::DeTable::parse_recoverable(&file.text);
    let syntax_broken = !errors.is_empty();
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        diags.push(
            Diagnostic::error(
                "R001",
                format!("TOML syntax error: {}", first_line(e.message())),
            )
            .at(&file.path, &file.text, span)
            .with_hint("fix the TOML syntax; see https://toml.io"),
        );
    }
    // What follows a syntax error is a guess of the parser's; checking it would only add noise.
    if syntax_broken {
        return;
    }
    for (key, value) in root.get_ref().iter() {
        let name: &str = key.get_ref();
        if name == "pack" {
            push_one(fi, file, value.clone(), &mut raw.manifest, diags);
            continue;
        }
        let items = match value.get_ref() {
            DeValue::Array(items) => items,
            _ if TOP_LEVEL.contains(&name) => {
                diags.push(
                    Diagnostic::error("R003", format!("`{name}` must be an array of tables"))
                        .at(&file.path, &file.text, key.span())
                        .with_hint(format!("write each entry as [[{name}]]")),
                );
                continue;
            }
            _ => {
                diags.push(unknown_key(
                    name,
                    &TOP_LEVEL,
                    &file.path,
                    &file.text,
                    key.span(),
                ));
                continue;
            }
        };
        for item in items.iter() {
            let item = item.clone();
            match name {
                "law_version" => push_one(fi, file, item, &mut raw.law_versions, diags),
                "timeline" => push_one(fi, file, item, &mut raw.timeline, diags),
                "question" => push_one(fi, file, item, &mut raw.questions, diags),
                "finding" => push_one(fi, file, item, &mut raw.findings, diags),
                "obligation" => push_one(fi, file, item, &mut raw.obligations, diags),
                "evidence" => push_one(fi, file, item, &mut raw.evidence, diags),
                "transition" => push_one(fi, file, item, &mut raw.transitions, diags),
                "note" => push_one(fi, file, item, &mut raw.notes, diags),
                "risk" => push_one(fi, file, item, &mut raw.risk, diags),
                "scenario" => push_one(fi, file, item, &mut raw.scenarios, diags),
                _ => {
                    diags.push(unknown_key(
                        name,
                        &TOP_LEVEL,
                        &file.path,
                        &file.text,
                        key.span(),
                    ));
                    break;
                }
            }
        }
    }
}

fn unknown_key(
    name: &str,
    known: &[&str],
    path: &str,
    text: &str,
    span: Range<usize>,
) -> Diagnostic {
    let hint = match did_you_mean(name, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("known keys: {}", known.join(", ")),
    };
    Diagnostic::error("R002", format!("unknown key `{name}`"))
        .at(path, text, span)
        .with_hint(hint)
}

/// Deserializes one table; a shape error (unknown key, wrong type, missing field) becomes a
/// diagnostic at its span and the entry is skipped, so the rest of the pack is still checked.
fn push_one<T: for<'de> Deserialize<'de>>(
    fi: usize,
    file: &SourceFile,
    value: S<DeValue<'_>>,
    out: &mut Vec<At<T>>,
    diags: &mut Vec<Diagnostic>,
) {
    let span = value.span();
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => out.push((fi, S::new(span, v))),
        Err(e) => {
            let msg = first_line(e.message())
                .replace("struct RawText", "a table of texts { en = \"...\", nl = \"...\" }")
                .replace("struct RawExamples", "a table of example lists { en = [...], nl = [...] }")
                .replace("data did not match any variant of untagged enum RawDateSpec", "expected a date (YYYY-MM-DD), a timeline id, or a list of { when, date } cases")
                .replace("data did not match any variant of untagged enum RawDateRef", "expected a date (YYYY-MM-DD) or a timeline id");
            let at = e.span().unwrap_or(span);
            let (code, hint) = if let Some((_, hint)) = crate::diag::unknown_field(&msg) {
                ("R002", hint)
            } else if msg.starts_with("missing field") {
                ("R003", "add the field; see docs/rule-format.md".to_string())
            } else {
                (
                    "R003",
                    "check the value's type against docs/rule-format.md".to_string(),
                )
            };
            diags.push(
                Diagnostic::error(code, msg)
                    .at(&file.path, &file.text, at)
                    .with_hint(hint),
            );
        }
    }
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
    fn err(&mut self, code: &'static str, fi: usize, span: Range<usize>, msg: String, hint: &str) {
        let f = &self.files[fi];
        let mut d = Diagnostic::error(code, msg).at(&f.path, &f.text, span);
        if !hint.is_empty() {
            d = d.with_hint(hint);
        }
        self.diags.push(d);
    }

    fn warn(&mut self, code: &'static str, fi: usize, span: Range<usize>, msg: String, hint: &str) {
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

    fn register(&mut self, fi: usize, id: &S<String>, item: Item) {
        let name = id.get_ref();
        if !valid_id(name) {
            self.err(
                "R005",
                fi,
                id.span(),
                format!("invalid id `{name}`"),
                "ids are snake_case: a lowercase letter, then lowercase letters, digits and `_`",
            );
        }
        if let Some((pfi, pspan)) = self.id_spans.get(name).cloned() {
            let prev = &self.files[pfi];
            let (l, c, _) = crate::diag::line_col(&prev.text, pspan.start);
            let hint = format!(
                "first defined at {}:{l}:{c}; ids are unique across the pack",
                prev.path
            );
            self.err(
                "R004",
                fi,
                id.span(),
                format!("duplicate id `{name}`"),
                &hint,
            );
            return;
        }
        self.ids.insert(name.clone(), item);
        self.id_spans.insert(name.clone(), (fi, id.span()));
    }

    fn text(&mut self, fi: usize, t: &S<RawText>, what: &str) -> Text {
        let raw = t.get_ref();
        for (lang, v) in [("en", &raw.en), ("nl", &raw.nl)] {
            if v.as_deref().is_none_or(|s| s.trim().is_empty()) {
                self.err(
                    "R011",
                    fi,
                    t.span(),
                    format!(
                        "{what} has no {} text",
                        if lang == "en" { "English" } else { "Dutch" }
                    ),
                    &format!("add `{lang} = \"...\"`; every text exists in English and Dutch"),
                );
            }
        }
        Text {
            en: raw.en.clone().unwrap_or_default(),
            nl: raw.nl.clone().unwrap_or_default(),
        }
    }

    fn cites(
        &mut self,
        fi: usize,
        cite: &Option<S<Vec<S<String>>>>,
        owner: &S<String>,
    ) -> Vec<String> {
        let Some(cite) = cite else {
            self.err(
                "R012",
                fi,
                owner.span(),
                format!("`{}` has no citation", owner.get_ref()),
                "add `cite = [\"Art. 5(1)(a)\"]`; every rule cites the article it rests on",
            );
            return Vec::new();
        };
        if cite.get_ref().is_empty() {
            self.err(
                "R012",
                fi,
                cite.span(),
                format!("`{}` has an empty citation list", owner.get_ref()),
                "add at least one citation, e.g. \"Art. 26(8)\"",
            );
        }
        let mut out = Vec::new();
        for c in cite.get_ref() {
            if !valid_citation(c.get_ref()) {
                self.err(
                    "R012",
                    fi,
                    c.span(),
                    format!("malformed citation `{}`", c.get_ref()),
                    "write citations as `Art. 5(1)(a)`, `Art. 50(4) second subparagraph`, `Annex III 4(a)`, `Annex I Section A` or `Recital 18`",
                );
            }
            out.push(c.get_ref().clone());
        }
        out
    }

    fn status(&mut self, fi: usize, status: &Option<S<String>>, owner: &S<String>) -> RuleStatus {
        let Some(s) = status else {
            self.err(
                "R015",
                fi,
                owner.span(),
                format!("`{}` has no status", owner.get_ref()),
                "add `status = \"binding\"` (or \"guidance\", \"interpretation\")",
            );
            return RuleStatus::Binding;
        };
        match s.get_ref().as_str() {
            "binding" => RuleStatus::Binding,
            "guidance" => RuleStatus::Guidance,
            "interpretation" => RuleStatus::Interpretation,
            other => {
                self.err(
                    "R015",
                    fi,
                    s.span(),
                    format!("unknown status `{other}`"),
                    "use \"binding\", \"guidance\" or \"interpretation\"",
                );
                RuleStatus::Binding
            }
        }
    }

    fn date(&mut self, fi: usize, span: Range<usize>, dt: &toml::value::Datetime) -> NaiveDate {
        match (dt.date, dt.time) {
            (Some(d), None) => {
                match NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()) {
                    Some(nd) => nd,
                    None => {
                        self.err(
                            "R013",
                            fi,
                            span,
                            format!("invalid date `{dt}`"),
                            "use YYYY-MM-DD",
                        );
                        NaiveDate::MIN
                    }
                }
            }
            _ => {
                self.err(
                    "R013",
                    fi,
                    span,
                    format!("`{dt}` is not a plain date"),
                    "use a date without time, YYYY-MM-DD",
                );
                NaiveDate::MIN
            }
        }
    }

    fn date_ref(&mut self, fi: usize, span: Range<usize>, r: &RawDateRef) -> DateRef {
        match r {
            RawDateRef::Date(dt) => DateRef::Fixed(self.date(fi, span, dt)),
            RawDateRef::Name(name) => self.timeline_ref(fi, span, name),
        }
    }

    fn timeline_ref(&mut self, fi: usize, span: Range<usize>, name: &str) -> DateRef {
        match self.ids.get(name) {
            Some(Item::Timeline(i)) => DateRef::Timeline(*i),
            _ => {
                let timeline: Vec<String> = self
                    .ids
                    .iter()
                    .filter(|(_, v)| matches!(v, Item::Timeline(_)))
                    .map(|(k, _)| k.clone())
                    .collect();
                let hint = match did_you_mean(name, timeline.iter().map(String::as_str)) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => "use a date (YYYY-MM-DD) or the id of a [[timeline]] entry".into(),
                };
                self.err(
                    "R013",
                    fi,
                    span,
                    format!("unknown timeline date `{name}`"),
                    &hint,
                );
                DateRef::Fixed(NaiveDate::MIN)
            }
        }
    }

    fn date_spec(
        &mut self,
        fi: usize,
        spec: &Option<S<RawDateSpec>>,
        owner: &S<String>,
        deps: &mut Vec<Item>,
    ) -> DateSpec {
        let Some(spec) = spec else {
            self.err(
                "R013",
                fi,
                owner.span(),
                format!("`{}` has no `applies_from` date", owner.get_ref()),
                "add `applies_from = \"<timeline id>\"` or a date; every rule carries the date it applies from",
            );
            return DateSpec::One(DateRef::Fixed(NaiveDate::MIN));
        };
        match spec.get_ref() {
            RawDateSpec::Date(dt) => DateSpec::One(DateRef::Fixed(self.date(fi, spec.span(), dt))),
            RawDateSpec::Name(n) => DateSpec::One(self.timeline_ref(fi, spec.span(), n)),
            RawDateSpec::Cases(cases) => {
                if cases.is_empty() {
                    self.err(
                        "R013",
                        fi,
                        spec.span(),
                        "empty list of date cases".into(),
                        "give at least one `{ when, date }`",
                    );
                }
                let mut out = Vec::new();
                for case in cases {
                    let cond = self.cond_at(fi, &case.when, spec.span().start, deps);
                    let d = self.date_ref(fi, spec.span(), &case.date);
                    out.push((cond, d));
                }
                DateSpec::Cases(out)
            }
        }
    }

    fn law(
        &mut self,
        fi: usize,
        law: &Option<S<String>>,
        versions: &[LawVersion],
    ) -> Option<usize> {
        let l = law.as_ref()?;
        match versions.iter().position(|v| &v.id == l.get_ref()) {
            Some(i) => Some(i),
            None => {
                let known: Vec<&str> = versions.iter().map(|v| v.id.as_str()).collect();
                self.err(
                    "R014",
                    fi,
                    l.span(),
                    format!("unknown law version `{}`", l.get_ref()),
                    &format!("known law versions: {}", known.join(", ")),
                );
                None
            }
        }
    }

    /// Compiles a condition string, reporting problems at their place in the file.
    fn cond(&mut self, fi: usize, src: &S<String>, deps: &mut Vec<Item>) -> Cond {
        let raw = &self.files[fi].text[src.span()];
        let base = src.span().start + string_body_offset(raw);
        self.cond_at(fi, src.get_ref(), base, deps)
    }

    /// Compiles a condition whose text starts at byte `base` of the file.
    fn cond_at(&mut self, fi: usize, text: &str, base: usize, deps: &mut Vec<Item>) -> Cond {
        let expr = match condition::parse(text) {
            Ok(e) => e,
            Err(e) => {
                let span = base + e.span.start..base + e.span.end.max(e.span.start + 1);
                self.err(
                    "R006",
                    fi,
                    span,
                    format!("condition syntax error: {}", e.message),
                    "conditions use ids, ==, !=, <, <=, >, >=, in [..], contains, and, or, not, ( ); see docs/rule-format.md",
                );
                return Cond::Const(false);
            }
        };
        self.compile_expr(fi, &expr, base, deps)
    }

    fn compile_expr(&mut self, fi: usize, e: &Expr, base: usize, deps: &mut Vec<Item>) -> Cond {
        let at = |r: &Range<usize>| base + r.start..base + r.end;
        match e {
            Expr::Const(b) => Cond::Const(*b),
            Expr::Not(inner) => Cond::Not(Box::new(self.compile_expr(fi, inner, base, deps))),
            Expr::And(v) => Cond::And(
                v.iter()
                    .map(|x| self.compile_expr(fi, x, base, deps))
                    .collect(),
            ),
            Expr::Or(v) => Cond::Or(
                v.iter()
                    .map(|x| self.compile_expr(fi, x, base, deps))
                    .collect(),
            ),
            Expr::Name(n) => match self.lookup(fi, n, base, deps) {
                Some(Item::Finding(f)) => Cond::Finding(f),
                Some(Item::Question(q)) => {
                    if self.q_type(q) == AnswerType::YesNo {
                        Cond::Yes(q)
                    } else {
                        let t = self.q_type(q).name();
                        self.err(
                            "R008",
                            fi,
                            at(&n.span),
                            format!("`{}` is a {t} question, not a yes-no question", n.text),
                            match self.q_type(q) {
                                AnswerType::Choice => {
                                    "compare it: `q == \"value\"` or `q in [\"a\", \"b\"]`"
                                }
                                AnswerType::MultiChoice => "test a value: `q contains \"value\"`",
                                _ => "compare it with a value: `q < 10` or `q >= 2026-08-02`",
                            },
                        );
                        Cond::Const(false)
                    }
                }
                Some(_) => Cond::Const(false),
                None if n.text == "as_of" => {
                    self.err(
                        "R008",
                        fi,
                        at(&n.span),
                        "`as_of` is a date; compare it".into(),
                        "e.g. `as_of >= 2026-12-02`",
                    );
                    Cond::Const(false)
                }
                None => Cond::Const(false),
            },
            Expr::Compare { name, op, value } => {
                if name.text == "as_of" {
                    return match self.literal_date(fi, value, base) {
                        Some(right) => Cond::Date {
                            left: DateOperand::AsOf,
                            op: *op,
                            right,
                        },
                        None => Cond::Const(false),
                    };
                }
                let Some(item) = self.lookup(fi, name, base, deps) else {
                    return Cond::Const(false);
                };
                let Item::Question(q) = item else {
                    self.err(
                        "R008",
                        fi,
                        at(&name.span),
                        format!(
                            "`{}` is a finding; findings are true or false, not compared",
                            name.text
                        ),
                        "write the finding alone, or `not finding`",
                    );
                    return Cond::Const(false);
                };
                match self.q_type(q) {
                    AnswerType::Choice if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                        match self.choice_bit(fi, q, value, base) {
                            Some(bit) => Cond::ChoiceIn {
                                question: q,
                                mask: bit,
                                negate: *op == CmpOp::Ne,
                            },
                            None => Cond::Const(false),
                        }
                    }
                    AnswerType::Number => match &value.value {
                        LiteralValue::Number(n) => Cond::Number {
                            question: q,
                            op: *op,
                            value: *n,
                        },
                        _ => {
                            self.err(
                                "R008",
                                fi,
                                at(&value.span),
                                format!(
                                    "`{}` is a number question; compare it with a number",
                                    name.text
                                ),
                                "e.g. `training_flops > 1e25`",
                            );
                            Cond::Const(false)
                        }
                    },
                    AnswerType::Date => match self.literal_date(fi, value, base) {
                        Some(right) => Cond::Date {
                            left: DateOperand::Question(q),
                            op: *op,
                            right,
                        },
                        None => Cond::Const(false),
                    },
                    t => {
                        let hint = match t {
                            AnswerType::YesNo => "a yes-no question stands alone: `q` or `not q`",
                            AnswerType::MultiChoice => "use `q contains \"value\"`",
                            _ => "choice questions take only `==`, `!=` and `in`",
                        };
                        self.err(
                            "R008",
                            fi,
                            at(&name.span),
                            format!("`{}` ({}) cannot be compared this way", name.text, t.name()),
                            hint,
                        );
                        Cond::Const(false)
                    }
                }
            }
            Expr::In { name, values } => {
                let Some(q) = self.tested_question(fi, name, base, deps, "in [..]") else {
                    return Cond::Const(false);
                };
                if self.q_type(q) != AnswerType::Choice {
                    self.err(
                        "R008",
                        fi,
                        at(&name.span),
                        format!(
                            "`in [..]` needs a choice question; `{}` is {}",
                            name.text,
                            self.q_type(q).name()
                        ),
                        "for multi-choice use `contains`",
                    );
                    return Cond::Const(false);
                }
                let mut mask = 0;
                for v in values {
                    mask |= self.choice_bit(fi, q, v, base).unwrap_or(0);
                }
                Cond::ChoiceIn {
                    question: q,
                    mask,
                    negate: false,
                }
            }
            Expr::Contains { name, value } => {
                let Some(q) = self.tested_question(fi, name, base, deps, "contains") else {
                    return Cond::Const(false);
                };
                if self.q_type(q) != AnswerType::MultiChoice {
                    self.err(
                        "R008",
                        fi,
                        at(&name.span),
                        format!(
                            "`contains` needs a multi-choice question; `{}` is {}",
                            name.text,
                            self.q_type(q).name()
                        ),
                        "for a choice question use `==` or `in [..]`",
                    );
                    return Cond::Const(false);
                }
                match self.choice_bit(fi, q, value, base) {
                    Some(bit) => Cond::Contains { question: q, bit },
                    None => Cond::Const(false),
                }
            }
        }
    }

    fn q_type(&self, q: usize) -> AnswerType {
        self.question_types[q]
    }

    fn lookup(
        &mut self,
        fi: usize,
        n: &condition::Name,
        base: usize,
        deps: &mut Vec<Item>,
    ) -> Option<Item> {
        let span = base + n.span.start..base + n.span.end;
        match self.ids.get(&n.text).copied() {
            Some(item @ (Item::Question(_) | Item::Finding(_))) => {
                self.used.insert(item);
                deps.push(item);
                Some(item)
            }
            Some(_) => {
                self.err(
                    "R007",
                    fi,
                    span,
                    format!("`{}` is not a question or a finding", n.text),
                    "conditions can refer to questions and findings only",
                );
                None
            }
            None if n.text == "as_of" => None,
            None => {
                let known = self
                    .ids
                    .iter()
                    .filter(|(_, v)| matches!(v, Item::Question(_) | Item::Finding(_)))
                    .map(|(k, _)| k.as_str());
                let hint = match did_you_mean(&n.text, known) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => "define a [[question]] or [[finding]] with this id".into(),
                };
                self.err(
                    "R007",
                    fi,
                    span,
                    format!("unknown question or finding `{}`", n.text),
                    &hint,
                );
                None
            }
        }
    }

    /// The question tested by `in [..]` or `contains`. A finding or `as_of` there is an
    /// error (R008; it read as an always-false condition without a word); an unknown name
    /// has been reported by `lookup`.
    fn tested_question(
        &mut self,
        fi: usize,
        name: &condition::Name,
        base: usize,
        deps: &mut Vec<Item>,
        test: &str,
    ) -> Option<usize> {
        let span = base + name.span.start..base + name.span.end;
        match self.lookup(fi, name, base, deps) {
            Some(Item::Question(q)) => Some(q),
            Some(Item::Finding(_)) => {
                self.err(
                    "R008",
                    fi,
                    span,
                    format!(
                        "`{}` is a finding; findings are true or false, not tested with `{test}`",
                        name.text
                    ),
                    "write the finding alone, or `not finding`",
                );
                None
            }
            None if name.text == "as_of" => {
                self.err(
                    "R008",
                    fi,
                    span,
                    format!("`as_of` is a date; it is not tested with `{test}`"),
                    "compare it with a date, e.g. `as_of >= 2026-08-02`",
                );
                None
            }
            _ => None,
        }
    }

    fn choice_bit(
        &mut self,
        fi: usize,
        q: usize,
        lit: &condition::Literal,
        base: usize,
    ) -> Option<u64> {
        let span = base + lit.span.start..base + lit.span.end;
        let LiteralValue::Str(v) = &lit.value else {
            self.err(
                "R008",
                fi,
                span,
                "choice values are strings".into(),
                "quote the value: \"employment\"",
            );
            return None;
        };
        let values = &self.question_choices[q];
        match values.iter().position(|c| c == v) {
            Some(i) => Some(1u64 << i),
            None => {
                let hint = match did_you_mean(v, values.iter().map(String::as_str)) {
                    Some(k) => format!("did you mean \"{k}\"? allowed: {}", values.join(", ")),
                    None => format!("allowed values: {}", values.join(", ")),
                };
                let qid = self.question_ids[q].clone();
                self.err(
                    "R009",
                    fi,
                    span,
                    format!("`{qid}` has no choice \"{v}\""),
                    &hint,
                );
                None
            }
        }
    }

    fn literal_date(
        &mut self,
        fi: usize,
        lit: &condition::Literal,
        base: usize,
    ) -> Option<DateRef> {
        let span = base + lit.span.start..base + lit.span.end;
        match &lit.value {
            LiteralValue::Date(d) => Some(DateRef::Fixed(*d)),
            LiteralValue::Timeline(name) => match self.timeline_ref(fi, span, name) {
                DateRef::Fixed(d) if d == NaiveDate::MIN => None,
                r => Some(r),
            },
            _ => {
                self.err(
                    "R008",
                    fi,
                    span,
                    "expected a date".into(),
                    "write YYYY-MM-DD or timeline.<id>",
                );
                None
            }
        }
    }
}

// The compiler needs question types, choices and ids while compiling conditions of any rule,
// so they are gathered before conditions are compiled.
impl Compiler<'_> {
    fn compile(&mut self, raw: RawPack) -> Option<Pack> {
        // --- manifest and law versions
        let manifest = match raw.manifest.as_slice() {
            [(fi, m)] => {
                let fi = *fi;
                let m = m.get_ref();
                let title = self.text(fi, &m.title, "the pack title");
                let law = self.text(fi, &m.law, "the pack's law");
                let reviewed = self.date(fi, m.reviewed.span(), m.reviewed.get_ref());
                Some(Manifest {
                    id: m.id.get_ref().clone(),
                    version: m.version.get_ref().clone(),
                    title,
                    law,
                    consolidated_version: m.consolidated_version.get_ref().clone(),
                    reviewed,
                })
            }
            [] => {
                self.diags.push(
                    Diagnostic::error("R018", "the rule pack has no manifest").with_hint(
                        "add a [pack] table (usually in pack.toml); see docs/rule-format.md",
                    ),
                );
                None
            }
            [_, rest @ ..] => {
                for (fi, m) in rest {
                    self.err(
                        "R018",
                        *fi,
                        m.span(),
                        "a second [pack] manifest".into(),
                        "a pack has exactly one manifest; overlays must not have one",
                    );
                }
                None
            }
        };
        let mut law_versions = Vec::new();
        for (fi, lv) in &raw.law_versions {
            let l = lv.get_ref();
            let title = self.text(*fi, &l.title, "a law version");
            let from = self.date(*fi, l.from.span(), l.from.get_ref());
            law_versions.push(LawVersion {
                id: l.id.get_ref().clone(),
                from,
                title,
            });
        }
        if law_versions.is_empty() && manifest.is_some() {
            self.diags.push(
                Diagnostic::error("R018", "the rule pack declares no [[law_version]]")
                    .with_hint("add at least one [[law_version]] with id, from and title"),
            );
        }
        law_versions.sort_by_key(|l| l.from);

        // --- ids, first of all so that every reference can be resolved
        for (i, (fi, t)) in raw.timeline.iter().enumerate() {
            self.register(*fi, &t.get_ref().id, Item::Timeline(i));
        }
        for (i, (fi, q)) in raw.questions.iter().enumerate() {
            self.register(*fi, &q.get_ref().id, Item::Question(i));
        }
        for (i, (fi, f)) in raw.findings.iter().enumerate() {
            self.register(*fi, &f.get_ref().id, Item::Finding(i));
        }
        for (i, (fi, o)) in raw.obligations.iter().enumerate() {
            self.register(*fi, &o.get_ref().id, Item::Obligation(i));
        }
        for (i, (fi, e)) in raw.evidence.iter().enumerate() {
            self.register(*fi, &e.get_ref().id, Item::Evidence(i));
        }
        for (i, (fi, t)) in raw.transitions.iter().enumerate() {
            self.register(*fi, &t.get_ref().id, Item::Transition(i));
        }
        for (i, (fi, n)) in raw.notes.iter().enumerate() {
            self.register(*fi, &n.get_ref().id, Item::Note(i));
        }
        if raw.questions.len() > MAX_QUESTIONS {
            self.diags.push(Diagnostic::error(
                "R020",
                format!(
                    "the pack has {} questions; at most {MAX_QUESTIONS} are supported",
                    raw.questions.len()
                ),
            ));
            return None;
        }

        // --- timeline
        let mut timeline = Vec::new();
        for (fi, t) in &raw.timeline {
            let r = t.get_ref();
            let date = self.date(*fi, r.date.span(), r.date.get_ref());
            let original_date = r
                .original_date
                .as_ref()
                .map(|d| self.date(*fi, d.span(), d.get_ref()));
            let label = self.text(*fi, &r.label, "a timeline entry");
            let cite = self.cites(*fi, &r.cite, &r.id);
            if r.status.is_some() {
                self.status(*fi, &r.status, &r.id);
            }
            timeline.push(TimelineEntry {
                id: r.id.get_ref().clone(),
                date,
                original_date,
                label,
                cite,
                origin: self.origin(*fi, &t.span()),
            });
        }

        // --- question shapes (types and choices), needed to type-check conditions
        self.question_types = Vec::new();
        self.question_choices = Vec::new();
        self.question_ids = Vec::new();
        let mut shells = Vec::new();
        for (fi, q) in &raw.questions {
            let fi = *fi;
            let r = q.get_ref();
            let answer_type = match AnswerType::ALL.iter().find(|(n, _)| n == r.kind.get_ref()) {
                Some((_, t)) => *t,
                None => {
                    let names: Vec<&str> = AnswerType::ALL.iter().map(|(n, _)| *n).collect();
                    self.err(
                        "R015",
                        fi,
                        r.kind.span(),
                        format!("unknown question type `{}`", r.kind.get_ref()),
                        &format!("use one of: {}", names.join(", ")),
                    );
                    AnswerType::YesNo
                }
            };
            let mut choices = Vec::new();
            let needs_choices = matches!(answer_type, AnswerType::Choice | AnswerType::MultiChoice);
            match (&r.choices, needs_choices) {
                (Some(list), true) => {
                    if list.get_ref().is_empty() {
                        self.err("R015", fi, list.span(), "a choice question needs at least one choice".into(), "add choices = [{ value = \"...\", label = { en = \"...\", nl = \"...\" } }]");
                    }
                    if list.get_ref().len() > MAX_CHOICES {
                        self.err(
                            "R020",
                            fi,
                            list.span(),
                            format!(
                                "{} choices; at most {MAX_CHOICES} are supported",
                                list.get_ref().len()
                            ),
                            "split the question",
                        );
                    }
                    let mut seen = HashSet::new();
                    for c in list.get_ref() {
                        let c = c.get_ref();
                        let v = c.value.get_ref();
                        if !seen.insert(v.clone()) {
                            self.err(
                                "R004",
                                fi,
                                c.value.span(),
                                format!("duplicate choice value \"{v}\""),
                                "choice values are unique within a question",
                            );
                        }
                        if v == "unknown" {
                            self.err(
                                "R015",
                                fi,
                                c.value.span(),
                                "\"unknown\" is reserved".into(),
                                "every question accepts \"unknown\" by itself; remove this choice",
                            );
                        }
                        let label = self.text(fi, &c.label, &format!("choice \"{v}\""));
                        choices.push(Choice {
                            value: v.clone(),
                            label,
                        });
                    }
                }
                (None, true) => self.err(
                    "R003",
                    fi,
                    r.id.span(),
                    format!(
                        "{} question `{}` has no choices",
                        answer_type.name(),
                        r.id.get_ref()
                    ),
                    "add choices = [...]",
                ),
                (Some(list), false) => self.err(
                    "R015",
                    fi,
                    list.span(),
                    format!("a {} question has no choices", answer_type.name()),
                    "remove `choices` or change `type`",
                ),
                (None, false) => {}
            }
            self.question_types.push(answer_type);
            self.question_choices
                .push(choices.iter().map(|c| c.value.clone()).collect());
            self.question_ids.push(r.id.get_ref().clone());
            shells.push((answer_type, choices));
        }

        // --- questions
        let mut deps_of: HashMap<Node, Vec<Item>> = HashMap::new();
        let mut questions = Vec::new();
        for (i, ((fi, q), (answer_type, choices))) in raw.questions.iter().zip(shells).enumerate() {
            let fi = *fi;
            let r = q.get_ref();
            let mut deps = Vec::new();
            let ask_when = r.ask_when.as_ref().map(|c| self.cond(fi, c, &mut deps));
            if let Some(Cond::Const(false)) = ask_when
                && let Some(c) = &r.ask_when
                && c.get_ref().trim() == "false"
            {
                self.err(
                    "R017",
                    fi,
                    c.span(),
                    format!("question `{}` is never asked", r.id.get_ref()),
                    "remove the question or fix `ask_when`",
                );
            }
            let presumed_yes = r.presumed_yes_when.as_ref().map(|c| {
                if answer_type != AnswerType::YesNo {
                    self.err(
                        "R015",
                        fi,
                        c.span(),
                        format!(
                            "`presumed_yes_when` on the {} question `{}`",
                            answer_type.name(),
                            r.id.get_ref()
                        ),
                        "only a yes-no question can be presumed answered \"yes\"",
                    );
                }
                self.cond(fi, c, &mut deps)
            });
            deps_of.insert(Node::Question(i), deps);
            let text = self.text(fi, &r.text, &format!("question `{}`", r.id.get_ref()));
            let why = match &r.why {
                Some(w) => self.text(fi, w, &format!("the `why` of `{}`", r.id.get_ref())),
                None => {
                    self.err("R011", fi, r.id.span(), format!("question `{}` has no `why`", r.id.get_ref()), "add why = { en = \"...\", nl = \"...\" }: one line on why the question matters");
                    Text::default()
                }
            };
            let help = r
                .help
                .as_ref()
                .map(|h| self.text(fi, h, &format!("the help of `{}`", r.id.get_ref())));
            let mut examples = Vec::new();
            if let Some(ex) = &r.examples {
                let e = ex.get_ref();
                let en = e.en.clone().unwrap_or_default();
                let nl = e.nl.clone().unwrap_or_default();
                if en.len() != nl.len() {
                    self.err(
                        "R011",
                        fi,
                        ex.span(),
                        format!("{} English and {} Dutch examples", en.len(), nl.len()),
                        "give every example in both languages, in the same order",
                    );
                }
                examples = en
                    .into_iter()
                    .zip(nl)
                    .map(|(en, nl)| Text { en, nl })
                    .collect();
            }
            let cite = self.cites(fi, &r.cite, &r.id);
            let status = r.status.as_ref().map(|_| self.status(fi, &r.status, &r.id));
            questions.push(Question {
                id: r.id.get_ref().clone(),
                answer_type,
                ask_when,
                ask_when_src: r.ask_when.as_ref().map(|c| c.get_ref().clone()),
                presumed_yes,
                text,
                why,
                help,
                examples,
                choices,
                cite,
                status,
                min: r.min,
                max: r.max,
                origin: self.origin(fi, &q.span()),
            });
        }

        // --- findings
        let mut findings = Vec::new();
        for (i, (fi, f)) in raw.findings.iter().enumerate() {
            let fi = *fi;
            let r = f.get_ref();
            let mut deps = Vec::new();
            let when = self.cond(fi, &r.when, &mut deps);
            let applies_from = self.date_spec(fi, &r.applies_from, &r.id, &mut deps);
            deps_of.insert(Node::Finding(i), deps);
            let kind = match FindingKind::ALL.iter().find(|(n, _)| n == r.kind.get_ref()) {
                Some((_, k)) => *k,
                None => {
                    let names: Vec<&str> = FindingKind::ALL.iter().map(|(n, _)| *n).collect();
                    self.err(
                        "R015",
                        fi,
                        r.kind.span(),
                        format!("unknown finding kind `{}`", r.kind.get_ref()),
                        &format!("use one of: {}", names.join(", ")),
                    );
                    FindingKind::Fact
                }
            };
            let role = match (&r.role, kind) {
                (Some(role), FindingKind::Role) => match Role::parse(role.get_ref()) {
                    Some(x) => Some(x),
                    None => {
                        self.err(
                            "R014",
                            fi,
                            role.span(),
                            format!("unknown role `{}`", role.get_ref()),
                            &role_hint(),
                        );
                        None
                    }
                },
                (None, FindingKind::Role) => {
                    self.err(
                        "R003",
                        fi,
                        r.id.span(),
                        format!("role finding `{}` names no role", r.id.get_ref()),
                        &format!("add role = \"...\"; {}", role_hint()),
                    );
                    None
                }
                (Some(role), _) => {
                    self.err(
                        "R015",
                        fi,
                        role.span(),
                        "`role` belongs to findings of kind \"role\"".into(),
                        "remove it or set kind = \"role\"",
                    );
                    None
                }
                (None, _) => None,
            };
            let route = r.route.as_ref().and_then(|rt| match rt.get_ref().as_str() {
                "annex-i" => Some(Route::AnnexI),
                "annex-iii" => Some(Route::AnnexIii),
                other => {
                    self.err(
                        "R015",
                        fi,
                        rt.span(),
                        format!("unknown route `{other}`"),
                        "use \"annex-i\" or \"annex-iii\"",
                    );
                    None
                }
            });
            if let Some(p) = &r.point
                && !valid_citation(p.get_ref())
            {
                self.err(
                    "R012",
                    fi,
                    p.span(),
                    format!("malformed point `{}`", p.get_ref()),
                    "write the point as a citation, e.g. \"Annex III 5(a)\"",
                );
            }
            let title = self.text(fi, &r.title, &format!("finding `{}`", r.id.get_ref()));
            let explain = r
                .explain
                .as_ref()
                .map(|t| self.text(fi, t, &format!("the explanation of `{}`", r.id.get_ref())));
            let cite = self.cites(fi, &r.cite, &r.id);
            let status = self.status(fi, &r.status, &r.id);
            let law = self.law(fi, &r.law, &law_versions);
            findings.push(Finding {
                id: r.id.get_ref().clone(),
                kind,
                role,
                route,
                point: r.point.as_ref().map(|p| p.get_ref().clone()),
                when,
                when_src: r.when.get_ref().clone(),
                title,
                explain,
                cite,
                status,
                applies_from,
                anticipated: r.anticipated,
                law,
                origin: self.origin(fi, &f.span()),
            });
        }

        // --- evidence
        let mut evidence = Vec::new();
        for (fi, e) in &raw.evidence {
            let r = e.get_ref();
            let label = self.text(*fi, &r.label, &format!("evidence `{}`", r.id.get_ref()));
            let holder = Role::parse(r.holder.get_ref()).unwrap_or_else(|| {
                self.err(
                    "R014",
                    *fi,
                    r.holder.span(),
                    format!("unknown role `{}`", r.holder.get_ref()),
                    &role_hint(),
                );
                Role::Provider
            });
            let cite = self.cites(*fi, &r.cite, &r.id);
            evidence.push(Evidence {
                id: r.id.get_ref().clone(),
                label,
                holder,
                cite,
                origin: self.origin(*fi, &e.span()),
            });
        }

        // --- obligations
        let mut obligations = Vec::new();
        let mut used_evidence = HashSet::new();
        for (fi, o) in &raw.obligations {
            let fi = *fi;
            let r = o.get_ref();
            let mut deps = Vec::new();
            let when = self.cond(fi, &r.when, &mut deps);
            let applies_from = self.date_spec(fi, &r.applies_from, &r.id, &mut deps);
            let applies_until = r
                .applies_until
                .as_ref()
                .map(|u| self.date_ref(fi, u.span(), u.get_ref()));
            let mut addressee = Vec::new();
            if r.addressee.get_ref().is_empty() {
                self.err(
                    "R003",
                    fi,
                    r.addressee.span(),
                    format!("obligation `{}` has no addressee", r.id.get_ref()),
                    &role_hint(),
                );
            }
            for a in r.addressee.get_ref() {
                match Role::parse(a.get_ref()) {
                    Some(role) => addressee.push(role),
                    None => self.err(
                        "R014",
                        fi,
                        a.span(),
                        format!("unknown role `{}`", a.get_ref()),
                        &role_hint(),
                    ),
                }
            }
            let mut ev = Vec::new();
            for e in &r.evidence {
                match self.ids.get(e.get_ref()) {
                    Some(Item::Evidence(i)) => {
                        ev.push(*i);
                        used_evidence.insert(*i);
                    }
                    _ => {
                        let known = self
                            .ids
                            .iter()
                            .filter(|(_, v)| matches!(v, Item::Evidence(_)))
                            .map(|(k, _)| k.as_str());
                        let hint = match did_you_mean(e.get_ref(), known) {
                            Some(k) => format!("did you mean `{k}`?"),
                            None => "define it as an [[evidence]] entry".into(),
                        };
                        self.err(
                            "R014",
                            fi,
                            e.span(),
                            format!("unknown evidence `{}`", e.get_ref()),
                            &hint,
                        );
                    }
                }
            }
            let title = self.text(fi, &r.title, &format!("obligation `{}`", r.id.get_ref()));
            let text = self.text(fi, &r.text, &format!("obligation `{}`", r.id.get_ref()));
            let cite = self.cites(fi, &r.cite, &r.id);
            let status = self.status(fi, &r.status, &r.id);
            let law = self.law(fi, &r.law, &law_versions);
            obligations.push(Obligation {
                id: r.id.get_ref().clone(),
                addressee,
                when,
                when_src: r.when.get_ref().clone(),
                title,
                text,
                evidence: ev,
                cite,
                status,
                tags: r.tags.iter().map(|t| t.get_ref().clone()).collect(),
                applies_from,
                applies_until,
                law,
                origin: self.origin(fi, &o.span()),
            });
        }
        for (i, (fi, e)) in raw.evidence.iter().enumerate() {
            if !used_evidence.contains(&i) {
                self.warn(
                    "W001",
                    *fi,
                    e.get_ref().id.span(),
                    format!(
                        "evidence `{}` is named by no obligation",
                        e.get_ref().id.get_ref()
                    ),
                    "name it in an obligation's `evidence` or remove it",
                );
            }
        }

        // --- transitions
        let mut transitions = Vec::new();
        let mut obligation_transitions = vec![Vec::new(); obligations.len()];
        for (ti, (fi, t)) in raw.transitions.iter().enumerate() {
            let fi = *fi;
            let r = t.get_ref();
            let mut deps = Vec::new();
            let when = self.cond(fi, &r.when, &mut deps);
            let until = self.date_ref(fi, r.until.span(), r.until.get_ref());
            let mut targets = Vec::new();
            for tag in &r.tags {
                let hits: Vec<usize> = obligations
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.tags.contains(tag.get_ref()))
                    .map(|(i, _)| i)
                    .collect();
                if hits.is_empty() {
                    self.err(
                        "R014",
                        fi,
                        tag.span(),
                        format!("no obligation has the tag `{}`", tag.get_ref()),
                        "check the tag's spelling against the obligations' `tags`",
                    );
                }
                targets.extend(hits);
            }
            for oid in &r.obligations {
                match self.ids.get(oid.get_ref()) {
                    Some(Item::Obligation(i)) => targets.push(*i),
                    _ => self.err(
                        "R014",
                        fi,
                        oid.span(),
                        format!("unknown obligation `{}`", oid.get_ref()),
                        "name an [[obligation]] id",
                    ),
                }
            }
            if r.tags.is_empty() && r.obligations.is_empty() {
                self.err(
                    "R003",
                    fi,
                    r.id.span(),
                    format!("transition `{}` targets no obligation", r.id.get_ref()),
                    "add `tags = [...]` or `obligations = [...]`",
                );
            }
            targets.sort_unstable();
            targets.dedup();
            for o in &targets {
                obligation_transitions[*o].push(ti);
            }
            let title = self.text(fi, &r.title, &format!("transition `{}`", r.id.get_ref()));
            let cite = self.cites(fi, &r.cite, &r.id);
            let status = self.status(fi, &r.status, &r.id);
            transitions.push(Transition {
                id: r.id.get_ref().clone(),
                obligations: targets,
                when,
                when_src: r.when.get_ref().clone(),
                until,
                title,
                cite,
                status,
                origin: self.origin(fi, &t.span()),
            });
        }

        // --- notes
        let mut notes = Vec::new();
        for (fi, n) in &raw.notes {
            let r = n.get_ref();
            let mut deps = Vec::new();
            let when = self.cond(*fi, &r.when, &mut deps);
            let text = self.text(*fi, &r.text, &format!("note `{}`", r.id.get_ref()));
            let cite = self.cites(*fi, &r.cite, &r.id);
            let status = self.status(*fi, &r.status, &r.id);
            notes.push(Note {
                id: r.id.get_ref().clone(),
                when,
                when_src: r.when.get_ref().clone(),
                text,
                cite,
                status,
                origin: self.origin(*fi, &n.span()),
            });
        }

        // --- risk table
        let mut risk = Vec::new();
        for (fi, row) in &raw.risk {
            let r = row.get_ref();
            let mut deps = Vec::new();
            let when = self.cond(*fi, &r.when, &mut deps);
            let class = match RiskClass::parse(r.class.get_ref()) {
                Some(RiskClass::Undetermined) => {
                    self.err(
                        "R019",
                        *fi,
                        r.class.span(),
                        "`undetermined` is the engine's own class".into(),
                        "the engine gives it when an earlier row is unknown",
                    );
                    RiskClass::Undetermined
                }
                Some(c) => c,
                None => {
                    let names: Vec<&str> = RiskClass::ALL[..8].iter().map(|c| c.name()).collect();
                    self.err(
                        "R019",
                        *fi,
                        r.class.span(),
                        format!("unknown risk class `{}`", r.class.get_ref()),
                        &format!("use one of: {}", names.join(", ")),
                    );
                    RiskClass::Undetermined
                }
            };
            risk.push(RiskRow {
                class,
                when,
                when_src: r.when.get_ref().clone(),
                origin: self.origin(*fi, &row.span()),
            });
        }
        if risk.is_empty() && manifest.is_some() {
            self.diags.push(
                Diagnostic::error("R019", "the rule pack has no risk table")
                    .with_hint("add [[risk]] rows (usually in risk.toml): class and when"),
            );
        }

        // --- roles: which findings establish each role; every addressee must be reachable
        let role_findings: Vec<(Role, Vec<usize>)> = Role::ALL
            .iter()
            .map(|role| {
                (
                    *role,
                    findings
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| f.role == Some(*role))
                        .map(|(i, _)| i)
                        .collect(),
                )
            })
            .collect();
        for (oi, (fi, o)) in raw.obligations.iter().enumerate() {
            let reachable = obligations[oi]
                .addressee
                .iter()
                .any(|a| role_findings.iter().any(|(r, fs)| r == a && !fs.is_empty()));
            if !reachable && !obligations[oi].addressee.is_empty() {
                self.err("R017", *fi, o.get_ref().id.span(), format!("obligation `{}` can never apply: no finding establishes its addressee role", o.get_ref().id.get_ref()), "add a finding of kind \"role\" for that role");
            }
        }

        // --- unused questions and facts
        for (i, (fi, q)) in raw.questions.iter().enumerate() {
            if !self.used.contains(&Item::Question(i)) {
                self.err(
                    "R016",
                    *fi,
                    q.get_ref().id.span(),
                    format!("question `{}` is used by no rule", q.get_ref().id.get_ref()),
                    "refer to it in a condition, or remove it",
                );
            }
        }
        for (i, (fi, f)) in raw.findings.iter().enumerate() {
            if findings[i].kind == FindingKind::Fact && !self.used.contains(&Item::Finding(i)) {
                self.warn(
                    "W002",
                    *fi,
                    f.get_ref().id.span(),
                    format!("fact `{}` is used by no rule", f.get_ref().id.get_ref()),
                    "facts exist to be built on; refer to it or make it a reported kind",
                );
            }
        }

        // --- evaluation order (and cycles)
        let eval_order = self.order(&raw, &deps_of);

        // --- scenarios
        let mut scenarios = Vec::new();
        let mut seen = HashSet::new();
        for (fi, s) in &raw.scenarios {
            let r = s.get_ref();
            if !seen.insert(r.id.get_ref().clone()) {
                self.err(
                    "R004",
                    *fi,
                    r.id.span(),
                    format!("duplicate scenario id `{}`", r.id.get_ref()),
                    "scenario ids are unique",
                );
            }
            let as_of = self.date(*fi, r.as_of.span(), r.as_of.get_ref());
            let date = r
                .lifecycle_date
                .as_ref()
                .map(|d| self.date(*fi, d.span(), d.get_ref()));
            let lifecycle = match &r.lifecycle {
                Some(st) => match crate::inventory::parse_stage(st.get_ref()) {
                    Ok(stage) => Some(Lifecycle { stage, date }),
                    Err(msg) => {
                        self.err(
                            "R021",
                            *fi,
                            st.span(),
                            msg,
                            "planned, in-development, in-use or retired",
                        );
                        None
                    }
                },
                None => {
                    if let Some(d) = &r.lifecycle_date {
                        self.err(
                            "R021",
                            *fi,
                            d.span(),
                            "`lifecycle_date` without `lifecycle`".into(),
                            "say which stage the date belongs to",
                        );
                    }
                    None
                }
            };
            let expect =
                self.expectation(*fi, &r.expect, &findings, &questions, &obligations, &notes);
            scenarios.push(Scenario {
                id: r.id.get_ref().clone(),
                description: r.description.clone().unwrap_or_default(),
                as_of,
                lifecycle,
                answers: r.answers.clone(),
                expect,
                origin: self.origin(*fi, &s.span()),
            });
        }

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
        };
        // Scenario answers are checked against the questions like any answers file.
        for (i, (fi, s)) in raw.scenarios.iter().enumerate() {
            let (_, problems) =
                super::answers::Answers::from_table(&pack, &pack.scenarios[i].answers);
            for p in problems {
                self.err(
                    "R021",
                    *fi,
                    s.get_ref().id.span(),
                    format!("scenario `{}`: {}", s.get_ref().id.get_ref(), p.message),
                    p.hint.as_deref().unwrap_or(""),
                );
            }
        }
        Some(pack)
    }

    fn expectation(
        &mut self,
        fi: usize,
        e: &S<RawExpect>,
        findings: &[Finding],
        questions: &[Question],
        obligations: &[Obligation],
        notes: &[Note],
    ) -> Expectation {
        let span = e.span();
        let r = e.get_ref();
        let check = |c: &mut Self, ids: &[String], ok: &dyn Fn(&str) -> bool, what: &str| {
            for id in ids {
                if !ok(id) {
                    c.err(
                        "R014",
                        fi,
                        span.clone(),
                        format!("expectation names unknown {what} `{id}`"),
                        "check the id",
                    );
                }
            }
        };
        let is_finding = |id: &str| findings.iter().any(|f| f.id == id);
        check(self, &r.findings, &is_finding, "finding");
        check(self, &r.absent, &is_finding, "finding");
        check(
            self,
            &r.notes,
            &|id: &str| notes.iter().any(|n| n.id == id),
            "note",
        );
        if let Some(q) = &r.open_questions {
            check(
                self,
                q,
                &|id: &str| questions.iter().any(|x| x.id == id),
                "question",
            );
        }
        let risk = r.risk.as_ref().and_then(|s| {
            let c = RiskClass::parse(s);
            if c.is_none() {
                self.err(
                    "R019",
                    fi,
                    span.clone(),
                    format!("expectation names unknown risk class `{s}`"),
                    "use the result vocabulary",
                );
            }
            c
        });
        let roles = r.roles.as_ref().map(|rs| {
            rs.iter()
                .filter_map(|s| {
                    let role = Role::parse(s);
                    if role.is_none() {
                        self.err(
                            "R014",
                            fi,
                            span.clone(),
                            format!("expectation names unknown role `{s}`"),
                            &role_hint(),
                        );
                    }
                    role
                })
                .collect()
        });
        let obl = |c: &mut Self, m: &BTreeMap<String, String>| -> Vec<(String, String)> {
            for (id, status) in m {
                if !obligations.iter().any(|o| &o.id == id) {
                    c.err(
                        "R014",
                        fi,
                        span.clone(),
                        format!("expectation names unknown obligation `{id}`"),
                        "check the id",
                    );
                }
                if !["applies", "upcoming", "transition", "undetermined"].contains(&status.as_str())
                {
                    c.err(
                        "R015",
                        fi,
                        span.clone(),
                        format!("unknown obligation status `{status}`"),
                        "use applies, upcoming, transition or undetermined",
                    );
                }
            }
            m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
        };
        let obligations_exact = r.obligations.as_ref().map(|m| obl(self, m));
        let obligations_include = obl(self, &r.obligations_include);
        Expectation {
            risk,
            findings: r.findings.clone(),
            absent: r.absent.clone(),
            roles,
            obligations: obligations_exact,
            obligations_include,
            open_questions: r.open_questions.clone(),
            notes: r.notes.clone(),
        }
    }

    /// Orders questions and findings so that everything is evaluated after what it refers to;
    /// reports each cycle once.
    fn order(&mut self, raw: &RawPack, deps_of: &HashMap<Node, Vec<Item>>) -> Vec<Node> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let nodes: Vec<Node> = (0..raw.questions.len())
            .map(Node::Question)
            .chain((0..raw.findings.len()).map(Node::Finding))
            .collect();
        let mut marks: HashMap<Node, Mark> = nodes.iter().map(|n| (*n, Mark::New)).collect();
        let mut order = Vec::new();
        let mut reported = false;
        for start in &nodes {
            if marks[start] != Mark::New {
                continue;
            }
            // Iterative DFS: (node, index of next dependency).
            let mut stack: Vec<(Node, usize)> = vec![(*start, 0)];
            marks.insert(*start, Mark::Active);
            while let Some((node, next)) = stack.pop() {
                let deps = deps_of.get(&node).map(Vec::as_slice).unwrap_or(&[]);
                if next < deps.len() {
                    stack.push((node, next + 1));
                    let dep = match deps[next] {
                        Item::Question(q) => Node::Question(q),
                        Item::Finding(f) => Node::Finding(f),
                        _ => continue,
                    };
                    match marks.get(&dep).copied() {
                        Some(Mark::New) => {
                            marks.insert(dep, Mark::Active);
                            stack.push((dep, 0));
                        }
                        Some(Mark::Active) if !reported => {
                            reported = true;
                            let mut path: Vec<String> =
                                stack.iter().map(|(n, _)| self.node_id(raw, *n)).collect();
                            let from = path
                                .iter()
                                .position(|p| *p == self.node_id(raw, dep))
                                .unwrap_or(0);
                            path.drain(..from);
                            path.push(self.node_id(raw, dep));
                            let (fi, span) = self.node_span(raw, node);
                            self.err(
                                "R010",
                                fi,
                                span,
                                format!("cycle: {}", path.join(" -> ")),
                                "a finding or question cannot depend on itself; break the chain",
                            );
                        }
                        _ => {}
                    }
                } else {
                    marks.insert(node, Mark::Done);
                    order.push(node);
                }
            }
        }
        order
    }

    fn node_id(&self, raw: &RawPack, n: Node) -> String {
        match n {
            Node::Question(i) => raw.questions[i].1.get_ref().id.get_ref().clone(),
            Node::Finding(i) => raw.findings[i].1.get_ref().id.get_ref().clone(),
        }
    }

    fn node_span(&self, raw: &RawPack, n: Node) -> (usize, Range<usize>) {
        match n {
            Node::Question(i) => (raw.questions[i].0, raw.questions[i].1.get_ref().id.span()),
            Node::Finding(i) => (raw.findings[i].0, raw.findings[i].1.get_ref().id.span()),
        }
    }
}

fn role_hint() -> String {
    let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
    format!("roles: {}", names.join(", "))
}

fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Offset of a string value's body within its raw TOML token (quotes and leading newline).
fn string_body_offset(raw: &str) -> usize {
    for q in ["\"\"\"", "'''"] {
        if let Some(rest) = raw.strip_prefix(q) {
            let newline = if rest.starts_with("\r\n") {
                2
            } else {
                usize::from(rest.starts_with('\n'))
            };
            return q.len() + newline;
        }
    }
    // Escapes shift positions inside basic strings; the start of the body is the best stable
    // anchor there.
    usize::from(raw.starts_with('"') || raw.starts_with('\''))
}

/// `Art. 5(1)(a)`, `Art. 50(4) second subparagraph`, `Annex III 4(a)`, `Annex I Section A`,
/// `Recital 18`; an article of another act as `Regulation (EU) 2026/1744 Art. 4`.
pub fn valid_citation(s: &str) -> bool {
    if let Some((year, number, article)) = other_act(s) {
        return year.len() == 4
            && [year, number]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && article.starts_with("Art. ")
            && valid_citation(article);
    }
    fn groups(mut s: &str) -> Option<&str> {
        while let Some(rest) = s.strip_prefix('(') {
            let end = rest.find(')')?;
            let inner = &rest[..end];
            if inner.is_empty()
                || !inner
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                return None;
            }
            s = &rest[end + 1..];
        }
        Some(s)
    }
    fn number(s: &str) -> Option<&str> {
        let n = s.chars().take_while(char::is_ascii_digit).count();
        (n > 0).then(|| &s[n..])
    }
    if let Some(rest) = s.strip_prefix("Art. ") {
        let Some(rest) = number(rest) else {
            return false;
        };
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_lowercase());
        let Some(rest) = groups(rest) else {
            return false;
        };
        return rest.is_empty()
            || ["first", "second", "third", "fourth", "fifth"]
                .iter()
                .any(|w| rest == format!(" {w} subparagraph"));
    }
    if let Some(rest) = s.strip_prefix("Annex ") {
        let roman = rest
            .chars()
            .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
            .count();
        if roman == 0 {
            return false;
        }
        let rest = &rest[roman..];
        if rest.is_empty() {
            return true;
        }
        if let Some(sec) = rest.strip_prefix(" Section ") {
            return sec.len() == 1 && sec.chars().all(|c| c.is_ascii_uppercase());
        }
        if let Some(pt) = rest.strip_prefix(' ') {
            return number(pt).and_then(groups).is_some_and(str::is_empty);
        }
        return false;
    }
    if let Some(rest) = s.strip_prefix("Recital ") {
        return number(rest).is_some_and(str::is_empty);
    }
    false
}

/// `Regulation (EU) 2026/1744 Art. 4` -> ("2026", "1744", "Art. 4").
pub fn other_act(s: &str) -> Option<(&str, &str, &str)> {
    let rest = s.strip_prefix("Regulation (EU) ")?;
    let (act, article) = rest.split_once(' ')?;
    let (year, number) = act.split_once('/')?;
    Some((year, number, article))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_forms() {
        for ok in [
            "Regulation (EU) 2026/1744 Art. 4",
            "Art. 113(3)(c)(i)",
            "Art. 5(1)(a)",
            "Art. 26(8)",
            "Art. 113(3)(a)",
            "Art. 5(1)(ba)",
            "Art. 4a",
            "Art. 50(4) second subparagraph",
            "Annex III 4(a)",
            "Annex III 2",
            "Annex I Section A",
            "Annex XII",
            "Recital 18",
            "Art. 3(1)",
        ] {
            assert!(valid_citation(ok), "{ok}");
        }
        for bad in [
            "Art 5",
            "Art. 5(1",
            "Article 5",
            "Annex 3",
            "Annex III 4(A)",
            "Recital",
            "art. 5",
            "Annex I Section AB",
            "",
        ] {
            assert!(!valid_citation(bad), "{bad}");
        }
    }

    #[test]
    fn ids() {
        assert!(valid_id("art_5_1_c"));
        assert!(!valid_id("Art5"));
        assert!(!valid_id("5a"));
        assert!(!valid_id("a-b"));
    }
}
