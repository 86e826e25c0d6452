//! The interview flow for one system, driven by the rule pack: ask the first question the
//! engine says is still open, save, repeat until nothing is left to ask.

pub use super::answers_file::InterviewError;
use super::answers_file::{default_save_path, read_answers_file};
use super::prompter::{Current, Kind, PromptError, Prompter, QuestionPrompt, Reply};
use super::signals;
use super::texts::{Ui, fill, ui};
use crate::answers::{Answer, Answers, RawAnswer, answer_for, parse_answer};
use crate::engine;
use crate::inventory::{AnswerMeta, PackStamp, SystemEntry, write_toml};
use crate::report::SystemResult;
use crate::rules::{AnswerType, Lang, Pack, Question};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// How many questions that may follow an estimate of "about N" leaves out.
const ROUGHLY: usize = 2;

/// How an interview ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Nothing is left to ask.
    Finished,
    /// Ctrl-C: everything answered so far is saved.
    Interrupted,
}

/// One interview: the system, its answers, where they are saved, and the way back.
pub struct Interview<'a> {
    pub pack: &'a Pack,
    pub as_of: NaiveDate,
    pub lang: Lang,
    pub entry: SystemEntry,
    pub answers: Answers,
    /// Where the answers are saved; when `None`, a file named after the system id in the
    /// current folder (decided once the id is known).
    pub save: Option<PathBuf>,
    /// The file the interview continues (`--resume`), which may be overwritten without asking.
    pub resumed_from: Option<PathBuf>,
    /// Answered questions in the order they were given (prefilled ones first, pack order):
    /// the way back.
    history: Vec<usize>,
    /// Whether the answers file was written in this interview.
    saved_once: bool,
    /// A save still being written.
    pending: Option<(PathBuf, std::thread::JoinHandle<std::io::Result<()>>)>,
    /// When continuing a system of an inventory: the inventory, whose text the answers are
    /// written back into (comments and layout kept).
    pub inventory: Option<InventoryTarget>,
    /// Questions put in this interview (to put the deciding ones once each).
    asked_now: Vec<usize>,
    /// Saved answers this pack does not understand (a question it does not have, a value the
    /// question no longer takes): kept in the answers file, marked, until the user confirms
    /// their removal, so that a file from another pack version loses nothing by a resume.
    pub not_understood: Vec<(String, RawAnswer)>,
    /// Whether each answer is followed by a comment field (always in an inventory; offered
    /// at the start of a plain interview), and the name noted with each answer.
    comments: bool,
    by: Option<String>,
    ui: &'static Ui,
}

/// The inventory an interview writes its system's answers back into.
#[derive(Debug, Clone)]
pub struct InventoryTarget {
    pub path: PathBuf,
    /// The inventory as read; each save writes the answers into it afresh.
    pub text: String,
}

impl<'a> Interview<'a> {
    /// A new interview with nothing known.
    pub fn new(pack: &'a Pack, as_of: NaiveDate, lang: Lang) -> Self {
        Interview {
            pack,
            as_of,
            lang,
            entry: SystemEntry::new(""),
            answers: Answers::empty(pack),
            save: None,
            resumed_from: None,
            history: Vec::new(),
            pending: None,
            not_understood: Vec::new(),
            saved_once: false,
            inventory: None,
            asked_now: Vec::new(),
            comments: false,
            by: None,
            ui: ui(lang),
        }
    }

    /// Starts from a system read from an answers file (`--answers` or `--resume`). Returns the
    /// messages to show: answers that no longer fit the pack (they are dropped, and asked
    /// again when they still matter).
    pub fn prefill(&mut self, entry: SystemEntry, file: &Path) -> Vec<String> {
        let mut messages = Vec::new();
        let file_name = file.display().to_string();
        let stamp_differs = entry
            .pack
            .as_ref()
            .is_some_and(|p| p.sha256 != self.pack.sha256);
        if let (true, Some(old)) = (stamp_differs, &entry.pack) {
            messages.push(fill(
                self.ui.pack_changed,
                &[
                    ("file", &file_name),
                    ("old", &format!("{} {}", old.id, old.version)),
                    (
                        "new",
                        &format!("{} {}", self.pack.manifest.id, self.pack.manifest.version),
                    ),
                ],
            ));
        }
        let mut answers = Answers::empty(self.pack);
        let mut problems = 0;
        for (id, raw) in &entry.answers {
            match answer_for(self.pack, id, raw) {
                Ok((q, a)) => answers.set(q, a),
                Err(p) if p.code == "A001" => {
                    problems += 1;
                    messages.push(fill(self.ui.answer_unknown_question, &[("id", id)]));
                    self.not_understood.push((id.clone(), raw.clone()));
                }
                Err(_) => {
                    problems += 1;
                    self.not_understood.push((id.clone(), raw.clone()));
                    messages.push(fill(
                        self.ui.answer_not_allowed,
                        &[("id", id), ("value", &raw.display())],
                    ));
                }
            }
        }
        if stamp_differs && problems == 0 {
            messages.push(self.ui.pack_still_fits.to_string());
        }
        // Answers to questions that do not apply: each named with its place in the file and
        // why it is ignored, then dropped.
        let ignored = engine::ignored_answers(self.pack, &answers, self.as_of);
        messages.extend(
            entry
                .ignored_answer_warnings(self.pack, &ignored)
                .iter()
                .map(|d| d.render(self.lang).to_string()),
        );
        self.entry = entry;
        self.answers = answers;
        self.prune();
        self.history = (0..self.pack.questions.len())
            .filter(|q| self.answers.get(*q).is_answered())
            .collect();
        messages
    }

    /// Continues an interview saved in `file` (`--resume`); the answers are saved back to it
    /// unless another file was chosen.
    pub fn resume(&mut self, entry: SystemEntry, file: &Path) -> Vec<String> {
        let mut messages = self.prefill(entry, file);
        let n = self.history.len().to_string();
        messages.insert(
            0,
            fill(
                self.ui.resumed,
                &[
                    ("id", &self.entry.id),
                    ("file", &file.display().to_string()),
                    ("n", &n),
                ],
            ),
        );
        self.resumed_from = Some(file.to_path_buf());
        if self.save.is_none() {
            self.save = Some(file.to_path_buf());
        }
        messages
    }

    /// The number of answers given (including "I don't know").
    pub fn answered(&self) -> usize {
        self.answers.0.iter().filter(|a| a.is_answered()).count()
    }

    /// The file the answers are saved to (once the id is known).
    pub fn save_path(&self) -> PathBuf {
        if let Some(t) = &self.inventory {
            return t.path.clone();
        }
        self.save
            .clone()
            .unwrap_or_else(|| default_save_path(&self.entry.id))
    }

    /// Runs the interview until nothing is left to ask or the user interrupts.
    pub fn run(&mut self, p: &mut dyn Prompter) -> Result<Ending, InterviewError> {
        let outcome = self.run_inner(p);
        // Whatever happened, the last answer is on disk before we return.
        self.flush()?;
        match outcome {
            Ok(()) => Ok(Ending::Finished),
            Err(Stop::Interrupted) if !self.saved_once => {
                p.say(self.ui.interrupted_nothing_saved);
                Ok(Ending::Interrupted)
            }
            Err(Stop::Interrupted) => {
                let file = self.save_path().display().to_string();
                p.say(&fill(
                    self.ui.interrupted,
                    &[("n", &self.answered().to_string()), ("file", &file)],
                ));
                Ok(Ending::Interrupted)
            }
            Err(Stop::Error(e)) => Err(e),
        }
    }

    fn run_inner(&mut self, p: &mut dyn Prompter) -> Result<(), Stop> {
        if self.entry.id.trim().is_empty() {
            self.ask_identity(p)?;
        }
        if self.save.is_none() {
            let path = default_save_path(&self.entry.id);
            if path.exists() && self.resumed_from.as_deref() != Some(path.as_path()) {
                let file = path.display().to_string();
                p.say(&fill(self.ui.save_exists, &[("file", &file)]));
                let options = vec![
                    self.ui.save_continue.to_string(),
                    self.ui.save_overwrite.to_string(),
                ];
                if p.select("save_exists", self.ui.save_exists, &options)? == Some(0) {
                    let entry = read_answers_file(&path)?;
                    let prefilled = self.answers.clone();
                    for m in self.resume(entry, &path) {
                        p.say(&m);
                    }
                    // Keep what the --answers file said where the saved file says nothing.
                    for (q, a) in prefilled.0.iter().enumerate() {
                        if a.is_answered() && !self.answers.get(q).is_answered() {
                            self.answers.set(q, *a);
                            self.history.push(q);
                        }
                    }
                }
            }
            self.save = Some(path);
        }
        if !self.not_understood.is_empty() {
            let ids: Vec<&str> = self
                .not_understood
                .iter()
                .map(|(id, _)| id.as_str())
                .collect();
            let label = fill(
                self.ui.not_understood_confirm,
                &[("n", &ids.len().to_string()), ("ids", &ids.join(", "))],
            );
            let options = vec![
                self.ui.not_understood_keep.to_string(),
                self.ui.not_understood_drop.to_string(),
            ];
            // Only an explicit choice removes them; Esc keeps them.
            if p.select("not_understood", &label, &options)? == Some(1) {
                self.not_understood.clear();
            }
        }
        p.say(&fill(
            self.ui.saving_to,
            &[("file", &self.save_path().display().to_string())],
        ));
        self.save_now()?;
        self.offer_comments(p)?;

        // A question the user went back to; asked before the engine's next one.
        let mut back_to: Option<usize> = None;
        loop {
            let Some(prompt) = self.next_prompt(back_to.take()) else {
                p.say(self.ui.nothing_left);
                return Ok(());
            };
            let q = prompt.index;
            let reply = p.ask(&prompt)?;
            if reply == Reply::Back {
                let position = self
                    .history
                    .iter()
                    .position(|h| *h == q)
                    .unwrap_or(self.history.len());
                match position.checked_sub(1).and_then(|i| self.history.get(i)) {
                    Some(prev) => back_to = Some(*prev),
                    None => {
                        p.say(self.ui.first_question);
                        back_to = Some(q);
                    }
                }
                continue;
            }
            let answer = match self.to_answer(q, reply) {
                Ok(a) => a,
                Err(why) => {
                    p.say(&fill(self.ui.invalid_answer, &[("why", &why)]));
                    back_to = Some(q);
                    continue;
                }
            };
            let dropped = self.answer(q, answer);
            if !dropped.is_empty() {
                p.say(&self.dropped_message(&dropped));
            }
            if self.comments {
                self.note(p, q)?;
            }
            self.save_in_background()?;
        }
    }

    /// The next question to put (or `forced`, a question the user went back to), with its
    /// progress line; `None` when nothing is left to ask.
    pub fn next_prompt(&self, forced: Option<usize>) -> Option<QuestionPrompt> {
        let (result, next) = engine::assess_and_next(self.pack, &self.answers, self.as_of);
        // The deciding questions, "don't know" ones included, each once per session: first
        // when continuing a system of an inventory, after the rest otherwise (so that resuming
        // a finished interview offers them instead of saying there is nothing to ask).
        let deciding = || {
            engine::assess(self.pack, &self.answers, self.as_of)
                .deciding
                .iter()
                .map(|d| d.question)
                .find(|q| !self.asked_now.contains(q))
        };
        let q = if self.inventory.is_some() {
            forced.or_else(deciding).or(next)?
        } else {
            forced.or(next).or_else(deciding)?
        };
        // The estimate: the other open questions that certainly apply now. Questions whose
        // relevance still depends on answers to come are not counted; branching may add them,
        // hence "about".
        let relevant = engine::relevance(self.pack, &self.answers, self.as_of);
        let others = || {
            result
                .open_questions
                .iter()
                .filter(|o| **o != q && self.answers.get(**o) == Answer::Unanswered)
        };
        let left = others().filter(|o| relevant[**o].is_true()).count();
        let possible = others().count();
        Some(self.prompt_with(q, left, possible))
    }

    /// Records an answer and drops the answers that no longer apply; returns those dropped.
    /// (The caller saves.)
    pub fn answer(&mut self, q: usize, answer: Answer) -> Vec<usize> {
        self.answers.set(q, answer);
        if !self.asked_now.contains(&q) {
            self.asked_now.push(q);
        }
        if !self.history.contains(&q) {
            self.history.push(q);
        }
        self.prune()
    }

    /// An answer may say why (the audit trail that Art. 6(4) and good administration ask
    /// for): always in an inventory; in a plain interview when the user takes the offer,
    /// with a name noted once (the answers file had comments: the offer defaults to yes).
    fn offer_comments(&mut self, p: &mut dyn Prompter) -> Result<(), Stop> {
        if self.inventory.is_some() {
            self.comments = true;
            return Ok(());
        }
        if engine::next_question(self.pack, &self.answers, self.as_of).is_none() {
            return Ok(());
        }
        let had = self.entry.answer_meta.values().any(|m| m.comment.is_some());
        self.comments = p.confirm("comments", self.ui.comments_offer, had)?;
        if self.comments {
            self.by = p
                .text("answered_by", self.ui.answered_by, "", false)?
                .map(|b| b.trim().to_string())
                .filter(|b| !b.is_empty());
        }
        Ok(())
    }

    /// Notes the comment on an answer just given (the one it had is offered again) with who
    /// answered and on which date; Esc leaves the answer's note as it was.
    fn note(&mut self, p: &mut dyn Prompter, q: usize) -> Result<(), Stop> {
        let id = &self.pack.questions[q].id;
        let had = self
            .entry
            .answer_meta
            .get(id)
            .and_then(|m| m.comment.clone());
        let Some(comment) = p.text(
            "comment",
            self.ui.comment,
            had.as_deref().unwrap_or(""),
            false,
        )?
        else {
            return Ok(());
        };
        let comment = Some(comment.trim().to_string()).filter(|c| !c.is_empty());
        // A plain answers file stays plain without a comment or a name; in an inventory the
        // answer is marked as given here (an import's source no longer describes it).
        if comment.is_none() && self.by.is_none() && self.inventory.is_none() {
            self.entry.answer_meta.remove(id);
            return Ok(());
        }
        self.entry.answer_meta.insert(
            id.clone(),
            AnswerMeta {
                source: Some("aiact assess".into()),
                comment,
                by: self.by.clone(),
                on: Some(self.as_of),
            },
        );
        Ok(())
    }

    fn ask_identity(&mut self, p: &mut dyn Prompter) -> Result<(), Stop> {
        let fields: [(&str, &str, bool); 4] = [
            ("id", self.ui.field_id, true),
            ("name", self.ui.field_name, false),
            ("owner", self.ui.field_owner, false),
            ("description", self.ui.field_description, false),
        ];
        let mut i = 0;
        while i < fields.len() {
            let (key, label, required) = fields[i];
            let initial = match key {
                "id" => self.entry.id.clone(),
                "name" => self.entry.name.clone(),
                "owner" => self.entry.owner.clone(),
                _ => self.entry.description.clone(),
            };
            match p.text(key, label, &initial, required)? {
                None => i = i.saturating_sub(1),
                Some(value) => {
                    let value = value.trim().to_string();
                    if required && value.is_empty() {
                        p.say(self.ui.required);
                        continue;
                    }
                    match key {
                        "id" => self.entry.id = value,
                        "name" => self.entry.name = value,
                        "owner" => self.entry.owner = value,
                        _ => self.entry.description = value,
                    }
                    i += 1;
                }
            }
        }
        Ok(())
    }

    /// Drops answers to questions that no longer apply (their `ask_when` is false), until
    /// nothing changes; returns the questions dropped.
    fn prune(&mut self) -> Vec<usize> {
        let mut dropped = Vec::new();
        for _ in 0..=self.pack.questions.len() {
            let relevant = engine::relevance(self.pack, &self.answers, self.as_of);
            let mut changed = false;
            for (q, r) in relevant.iter().enumerate() {
                if r.is_false() && self.answers.get(q).is_answered() {
                    self.answers.set(q, Answer::Unanswered);
                    dropped.push(q);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        self.history.retain(|q| self.answers.get(*q).is_answered());
        dropped
    }

    fn dropped_message(&self, dropped: &[usize]) -> String {
        let ids: Vec<&str> = dropped
            .iter()
            .map(|q| self.pack.questions[*q].id.as_str())
            .collect();
        fill(self.ui.dropped, &[("ids", &ids.join(", "))])
    }

    /// The answers file's text as it stands.
    fn file_text(&mut self) -> String {
        if let Some(t) = &self.inventory {
            // Checked when the inventory was read; should it fail, the file stays as it was.
            return crate::inventory::edit::set_answers(
                &t.text,
                self.pack,
                &self.entry.id,
                &self.answers,
                &self.entry.answer_meta,
            )
            .unwrap_or_else(|_| t.text.clone());
        }
        self.entry.set_answers(self.pack, &self.answers);
        self.entry.pack = Some(PackStamp {
            id: self.pack.manifest.id.clone(),
            version: self.pack.manifest.version.clone(),
            sha256: self.pack.sha256.clone(),
        });
        // Answers not understood follow the pack's own, after a comment that marks them
        // (those to a question answered again in this interview are replaced by the answer).
        let kept: Vec<(String, RawAnswer)> = self
            .not_understood
            .iter()
            .filter(|(id, _)| !self.entry.answers.iter().any(|(a, _)| a == id))
            .cloned()
            .collect();
        let first_kept = self.entry.answers.len();
        self.entry.answers.extend(kept.iter().cloned());
        let text = write_toml(std::slice::from_ref(&self.entry));
        self.entry.answers.truncate(first_kept);
        if kept.is_empty() {
            return text;
        }
        let mark = fill(
            self.ui.not_understood_mark,
            &[(
                "pack",
                &format!("{} {}", self.pack.manifest.id, self.pack.manifest.version),
            )],
        );
        // `[system.answers]` holds one line per answer, the kept ones last: the mark goes
        // before the first of them.
        let header = "\n[system.answers]\n";
        let at = text.find(header).map(|h| {
            let body = h + header.len();
            match first_kept.checked_sub(1) {
                None => body,
                Some(n) => text[body..]
                    .match_indices('\n')
                    .nth(n)
                    .map_or(text.len(), |(i, _)| body + i + 1),
            }
        });
        match at {
            Some(i) => format!("{}{mark}\n{}", &text[..i], &text[i..]),
            None => text,
        }
    }

    /// Writes the answers file atomically (a temporary file in the same folder, renamed), and
    /// waits for it.
    pub fn save_now(&mut self) -> Result<(), InterviewError> {
        self.flush()?;
        self.saved_once = true;
        let path = self.save_path();
        let text = self.file_text();
        signals::save(&path, text.as_bytes()).map_err(|e| InterviewError::Save {
            path,
            message: crate::diag::io_text(&e),
        })
    }

    /// Starts writing the answers file (atomically) on a thread of its own, so the next
    /// question does not wait for the disk; the write finishes while the user reads it. A
    /// previous write is waited for first (writes stay in order), and its error reported.
    pub fn save_in_background(&mut self) -> Result<(), InterviewError> {
        self.flush()?;
        self.saved_once = true;
        let path = self.save_path();
        let text = self.file_text();
        self.pending = Some((
            path.clone(),
            signals::save_in_background(path, text.into_bytes()),
        ));
        Ok(())
    }

    /// Waits for a write started by [`Interview::save_in_background`].
    pub fn flush(&mut self) -> Result<(), InterviewError> {
        let Some((path, handle)) = self.pending.take() else {
            return Ok(());
        };
        match handle.join() {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(InterviewError::Save {
                path,
                message: crate::diag::io_text(&e),
            }),
            Err(_) => Err(InterviewError::Save {
                path,
                message: t!(
                    "the writer stopped unexpectedly",
                    "het schrijven stopte onverwacht"
                ),
            }),
        }
    }

    /// The prompt for question `q`, with `left` other open questions.
    pub fn prompt_for(&self, q: usize, left: usize) -> QuestionPrompt {
        self.prompt_with(q, left, left)
    }

    /// The prompt for question `q`: `left` other questions certainly follow, `possible` may.
    pub fn prompt_with(&self, q: usize, left: usize, possible: usize) -> QuestionPrompt {
        let question = &self.pack.questions[q];
        let lang = self.lang;
        let n = match self.history.iter().position(|h| *h == q) {
            Some(i) => i + 1,
            None => self.history.len() + 1,
        }
        .to_string();
        // "About N" only when few questions hang on answers to come; otherwise N is a lower
        // bound (early in an interview most questions still depend on the first answers).
        let progress = if possible == 0 {
            fill(self.ui.progress_last, &[("n", &n)])
        } else if left == 0 {
            fill(self.ui.progress_more, &[("n", &n)])
        } else if possible > left + ROUGHLY {
            fill(
                self.ui.progress_at_least,
                &[("n", &n), ("left", &left.to_string())],
            )
        } else {
            fill(self.ui.progress, &[("n", &n), ("left", &left.to_string())])
        };
        let options = || {
            question
                .choices
                .iter()
                .map(|c| (c.value.clone(), c.label.get(lang).to_string()))
                .collect()
        };
        let kind = match question.answer_type {
            AnswerType::YesNo => Kind::YesNo,
            AnswerType::Choice => Kind::Choice(options()),
            AnswerType::MultiChoice => Kind::Multi(options()),
            AnswerType::Date => Kind::Date,
            AnswerType::Number => Kind::Number {
                min: question.min,
                max: question.max,
            },
        };
        let current = match self.answers.get(q) {
            Answer::Unanswered => Current::None,
            Answer::Unknown => Current::Unknown,
            Answer::Bool(b) => Current::Bool(b),
            Answer::Choice(i) => Current::Choice(usize::from(i)),
            Answer::Multi(bits) => Current::Multi(
                (0..question.choices.len())
                    .filter(|i| bits & (1 << i) != 0)
                    .collect(),
            ),
            Answer::Date(d) => Current::Date(d),
            Answer::Number(x) => Current::Number(x),
        };
        let position = self
            .history
            .iter()
            .position(|h| *h == q)
            .unwrap_or(self.history.len());
        QuestionPrompt {
            index: q,
            id: question.id.clone(),
            kind,
            progress,
            text: one_line(question.text.get(lang)),
            why: fill(
                self.ui.why,
                &[
                    ("why", &one_line(question.why.get(lang))),
                    ("cite", &question.cite.join("; ")),
                ],
            ),
            help: help_text(question, lang),
            current,
            can_go_back: position > 0,
        }
    }

    fn to_answer(&self, q: usize, reply: Reply) -> Result<Answer, String> {
        let question = &self.pack.questions[q];
        let check = |raw: RawAnswer| {
            parse_answer(question, &raw).map_err(|p| match p.hint {
                Some(h) => format!("{} ({})", p.message.get(self.lang), h.get(self.lang)),
                None => p.message.get(self.lang).to_string(),
            })
        };
        match (question.answer_type, reply) {
            (_, Reply::Unknown) => Ok(Answer::Unknown),
            (AnswerType::YesNo, Reply::Yes) => Ok(Answer::Bool(true)),
            (AnswerType::YesNo, Reply::No) => Ok(Answer::Bool(false)),
            (AnswerType::Choice, Reply::Choice(i)) if i < question.choices.len() => {
                Ok(Answer::Choice(i as u8))
            }
            (AnswerType::MultiChoice, Reply::Multi(items)) => {
                let mut bits = 0u64;
                for i in items {
                    if i >= question.choices.len() {
                        return Err(format!("option {i} does not exist"));
                    }
                    bits |= 1 << i;
                }
                Ok(Answer::Multi(bits))
            }
            (AnswerType::Date, Reply::Date(d)) => check(RawAnswer::Date(d)),
            (AnswerType::Number, Reply::Number(n)) => check(RawAnswer::Number(n)),
            (t, r) => Err(format!("{r:?} does not answer a {} question", t.name())),
        }
    }

    /// The assessment of the answers given so far.
    pub fn assessment(&self) -> engine::Assessment {
        engine::assess(self.pack, &self.answers, self.as_of)
    }

    /// The result of the answers given so far (what every report reads).
    pub fn result(&self) -> SystemResult {
        SystemResult::new(self.entry.clone(), self.answers.clone(), self.assessment())
    }
}

/// Why the flow stopped early.
enum Stop {
    Interrupted,
    Error(InterviewError),
}

impl From<PromptError> for Stop {
    fn from(e: PromptError) -> Self {
        match e {
            PromptError::Interrupted => Stop::Interrupted,
            PromptError::Failed(m) => Stop::Error(InterviewError::Prompt(m)),
        }
    }
}

impl From<InterviewError> for Stop {
    fn from(e: InterviewError) -> Self {
        Stop::Error(e)
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The full help of a question: its help text, its examples and its citations.
pub fn help_text(question: &Question, lang: Lang) -> String {
    let ui = ui(lang);
    let mut s = String::new();
    match &question.help {
        Some(h) if !h.get(lang).trim().is_empty() => s.push_str(h.get(lang).trim()),
        _ => s.push_str(ui.no_help),
    }
    let examples: Vec<&str> = question
        .examples
        .iter()
        .map(|e| e.get(lang))
        .filter(|e| !e.trim().is_empty())
        .collect();
    if !examples.is_empty() {
        s.push_str("\n\n");
        s.push_str(ui.examples);
        for e in examples {
            s.push_str("\n  • ");
            s.push_str(&one_line(e));
        }
    }
    if !question.cite.is_empty() {
        s.push_str(&format!("\n\n[{}]", question.cite.join("; ")));
    }
    s
}
