//! Which question the interview asks next, and which answers the rules ignore: both read
//! the same evaluation of the answers as the assessment.

use super::deciding;
use super::eval::{Eval, assess_with};
use super::logic::Tri;
use super::outcome::Assessment;
use crate::answers::{Answer, Answers};
use crate::rules::Pack;
use chrono::NaiveDate;

/// The question to ask next: the first in pack order that is unanswered, whose answer could
/// still change the result, and that is relevant (certainly relevant ones, if some value of
/// theirs changes the result or they decide whether another is asked, before possibly
/// relevant ones). `None` when nothing is left to ask.
pub fn next_question(pack: &Pack, answers: &Answers, as_of: NaiveDate) -> Option<usize> {
    let e = Eval::new(pack, answers, as_of);
    let result = assess_with(&e);
    pick_next(&e, &result)
}

fn pick_next(e: &Eval<'_>, result: &Assessment) -> Option<usize> {
    let candidates = result
        .open_questions
        .iter()
        .copied()
        .filter(|q| e.answers.get(*q) == Answer::Unanswered);
    let mut maybe = None;
    for q in candidates {
        match e.relevant[q] {
            Tri::True if deciding::matters(e, result, q) => return Some(q),
            Tri::Unknown(_) if maybe.is_none() => maybe = Some(q),
            _ => {}
        }
    }
    maybe
}

/// The result and the next question in one evaluation (for the interview's progress line).
pub fn assess_and_next(
    pack: &Pack,
    answers: &Answers,
    as_of: NaiveDate,
) -> (Assessment, Option<usize>) {
    let e = Eval::new(pack, answers, as_of);
    let result = assess_with(&e);
    let next = pick_next(&e, &result);
    (result, next)
}

/// The questions answered although they do not apply (their `ask_when` is false): the answers
/// change nothing, and the user should be told.
pub fn ignored_answers(pack: &Pack, answers: &Answers, as_of: NaiveDate) -> Vec<usize> {
    ignored_in(&Eval::new(pack, answers, as_of))
}

pub(super) fn ignored_in(e: &Eval<'_>) -> Vec<usize> {
    (0..e.pack.questions.len())
        .filter(|q| e.relevant[*q].is_false() && e.answers.get(*q).is_answered())
        .collect()
}

/// Whether each question is relevant given the answers (for dropping answers that no longer
/// apply after going back).
pub fn relevance(pack: &Pack, answers: &Answers, as_of: NaiveDate) -> Vec<Tri> {
    Eval::new(pack, answers, as_of).relevant
}
