//! From "undetermined" to a decision. The unknowns that three-valued logic collects are an
//! over-approximation (every unknown leaf of every condition); here the answers are evaluated
//! as if each value of a question were given, which tells exactly which questions still change
//! the class or the roles, what each answer leads to, and which duties hold whatever the open
//! answers turn out to be.

use super::eval::{Class, Eval, assess_with, classify};
use super::logic::{QSet, Tri};
use super::outcome::{
    AnswerSpan, Assessment, DecidingQuestion, DutyGroup, ObligationOutcome, ObligationStatus,
    Outcome,
};
use crate::answers::Answer;
use crate::rules::{AnswerType, Cond, DateOperand, DateSpec, FindingKind, Pack, RiskClass};
use chrono::NaiveDate;

/// Evaluations spent on proving duties certain before the rest are left undetermined.
const CERTAINTY_BUDGET: u32 = 64;
/// The most choices of a multi-choice question whose every set of ticks is tried when proving
/// a duty certain (2^6 sets); a question with more leaves the duties that wait for it open.
const MAX_TICKS: usize = 6;

/// Adds the deciding questions and the grouped duties to an assessment, and makes certain the
/// duties that hold in every branch of the open answers.
pub(super) fn refine(base: &Eval<'_>, r: &mut Assessment) {
    let pack = base.pack;
    let undetermined: Vec<usize> = (0..r.obligations.len())
        .filter(|i| r.obligations[*i].status == ObligationStatus::Undetermined)
        .collect();
    let class_open = r.risk == RiskClass::Undetermined || !r.possible_roles.is_empty();
    if undetermined.is_empty() && !class_open {
        return;
    }
    let current = classify(base);
    // One evaluation per value of every question the class or an undetermined duty waits
    // for: it finds the deciding questions, and the duties that some answer makes false
    // (those depend on the open answers; the others may hold in every branch).
    let mut waiting = if class_open {
        current.unknowns
    } else {
        QSet::default()
    };
    for o in &undetermined {
        for q in &r.obligations[*o].deciding {
            waiting.insert(*q);
        }
    }
    let mut dependent = vec![false; undetermined.len()];
    // What each duty waits for: an answer to anything else cannot make it false.
    let waits: Vec<QSet> = undetermined
        .iter()
        .map(|o| {
            let ob = &pack.obligations[r.obligations[*o].obligation];
            base.obligation(ob).0.unknowns()
        })
        .collect();
    let mut scratch = base.answers.clone();
    let mut found = Vec::new();
    let mut bound: Option<Vec<Class>> = None;
    for q in candidates(base, waiting) {
        let saved = scratch.get(q);
        let mut results: Vec<(Answer, Class, Option<usize>)> = Vec::new();
        for v in values(pack, q, base.law) {
            scratch.set(q, v);
            let e = base.with_answer(&scratch, q);
            for (i, o) in undetermined.iter().enumerate() {
                if !dependent[i] && waits[i].contains(q) {
                    let ob = &pack.obligations[r.obligations[*o].obligation];
                    dependent[i] = e.obligation(ob).0.is_false();
                }
            }
            if class_open && current.unknowns.contains(q) {
                let class = classify(&e);
                let reason = reason(&e, class.risk);
                results.push((v, class, reason));
            }
        }
        scratch.set(q, saved);
        // A question certainly asked whose every answer (all its values tried) decides the
        // class and the roles bounds what is still possible.
        let decides = |(_, c, _): &(Answer, Class, Option<usize>)| {
            c.risk != RiskClass::Undetermined && c.possible_roles.is_empty()
        };
        if bound.is_none()
            && !results.is_empty()
            && pack.questions[q].answer_type != AnswerType::MultiChoice
            && results.iter().all(decides)
        {
            bound = Some(results.iter().map(|(_, c, _)| c.clone()).collect());
        }
        if results.iter().any(|(_, c, _)| !same(c, &current)) {
            found.push(deciding_question(pack, q, results));
        }
    }
    found.sort_by_key(|d| (score(d), d.question));
    r.deciding = found;
    if let Some(branches) = bound {
        narrow(r, &branches);
    }
    let obligations: Vec<usize> = undetermined
        .iter()
        .map(|o| r.obligations[*o].obligation)
        .collect();
    let mut certain: Vec<Certainty> = dependent
        .iter()
        .map(|d| if *d { Certainty::No } else { Certainty::Maybe })
        .collect();
    if certain.contains(&Certainty::Maybe) {
        let mut budget = CERTAINTY_BUDGET;
        holds_everywhere(base, &obligations, &mut certain, &mut budget);
    }
    for (o, c) in undetermined.iter().zip(certain) {
        if let Certainty::Holds(status) = c {
            let out = &mut r.obligations[*o];
            out.deciding.clear();
            (out.status, out.applies_from, out.until, out.transition) = status;
        }
    }
    // Grouped only for an undetermined class; otherwise the few open duties are listed.
    if r.risk == RiskClass::Undetermined {
        r.duty_groups = groups(pack, r);
    }
}

/// Narrows the classes and roles still possible to those of the branches of one deciding
/// question: the classes they give, the roles held in all of them (certain) or in some.
fn narrow(r: &mut Assessment, branches: &[Class]) {
    let mut possible: Vec<RiskClass> = branches.iter().map(|c| c.risk).collect();
    possible.sort();
    possible.dedup();
    if r.risk == RiskClass::Undetermined && possible.len() > 1 {
        r.possible_risks = possible;
    }
    let every = |role: &crate::rules::Role| branches.iter().all(|c| c.roles.contains(role));
    let some = |role: &crate::rules::Role| branches.iter().any(|c| c.roles.contains(role));
    let mut roles: Vec<_> = crate::rules::Role::ALL.into_iter().filter(every).collect();
    let mut maybe: Vec<_> = crate::rules::Role::ALL
        .into_iter()
        .filter(|role| some(role) && !every(role))
        .collect();
    roles.retain(|role| r.roles.contains(role) || r.possible_roles.contains(role));
    maybe.retain(|role| r.roles.contains(role) || r.possible_roles.contains(role));
    r.roles = roles;
    r.possible_roles = maybe;
}

/// Whether asking a certainly-asked question can still change anything: some value of it
/// changes the class, the roles, a duty or a note, or another open question waits for it to
/// know whether it is asked.
pub(super) fn matters(e: &Eval<'_>, result: &Assessment, q: usize) -> bool {
    let gates = result.open_questions.iter().any(|o| {
        *o != q && e.answers.get(*o) == Answer::Unanswered && e.relevant[*o].unknowns().contains(q)
    });
    if gates {
        return true;
    }
    let mut answers = e.answers.clone();
    values(e.pack, q, e.law).into_iter().any(|v| {
        answers.set(q, v);
        let other = assess_with(&e.with_answer(&answers, q));
        !same_result(result, &other)
    })
}

/// The same class, roles, duties (status and dates) and notes.
fn same_result(a: &Assessment, b: &Assessment) -> bool {
    let duty = |o: &ObligationOutcome| {
        (
            o.obligation,
            o.status,
            o.applies_from,
            o.until,
            o.transition,
            o.roles.clone(),
        )
    };
    a.risk == b.risk
        && a.possible_risks == b.possible_risks
        && a.roles == b.roles
        && a.possible_roles == b.possible_roles
        && a.notes == b.notes
        && a.obligations.len() == b.obligations.len()
        && a.obligations
            .iter()
            .map(duty)
            .eq(b.obligations.iter().map(duty))
}

/// The unanswered (or "don't know") questions behind the unknowns that are certainly asked
/// now. (A question that may not be asked only matters once the ones before it are answered.)
fn candidates(e: &Eval<'_>, unknowns: QSet) -> Vec<usize> {
    unknowns
        .iter()
        .filter(|q| {
            matches!(e.answers.get(*q), Answer::Unanswered | Answer::Unknown)
                && e.relevant[*q].is_true()
        })
        .collect()
}

fn same(a: &Class, b: &Class) -> bool {
    a.risk == b.risk
        && a.possible == b.possible
        && a.roles == b.roles
        && a.possible_roles == b.possible_roles
}

/// How well a question splits the possible classes: the average number of classes left after
/// it, in thousandths (a decided class counts one). Lower is better; more decided outcomes
/// break ties.
fn score(d: &DecidingQuestion) -> (usize, usize) {
    let left: usize = d
        .outcomes
        .iter()
        .map(|o| o.possible.len().max(1))
        .sum::<usize>();
    let decided = d
        .outcomes
        .iter()
        .filter(|o| o.risk != RiskClass::Undetermined)
        .count();
    (left * 1000 / d.outcomes.len().max(1), usize::MAX - decided)
}

/// Merges values that lead to the same result (runs of dates or numbers become ranges).
fn deciding_question(
    pack: &Pack,
    q: usize,
    results: Vec<(Answer, Class, Option<usize>)>,
) -> DecidingQuestion {
    let ranged = matches!(
        pack.questions[q].answer_type,
        AnswerType::Date | AnswerType::Number
    );
    let n = results.len();
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut start = 0;
    for (i, (v, class, reason)) in results.iter().enumerate() {
        let outcome = |answer| Outcome {
            answer,
            risk: class.risk,
            possible: class.possible.clone(),
            reason: *reason,
        };
        if !ranged {
            outcomes.push(outcome(AnswerSpan::One(*v)));
            continue;
        }
        let run_ends = results
            .get(i + 1)
            .is_none_or(|(_, next, _)| !same(next, class));
        if run_ends {
            let from = (start > 0).then_some(results[start].0);
            let to = (i + 1 < n).then_some(*v);
            outcomes.push(outcome(AnswerSpan::Range { from, to }));
            start = i + 1;
        }
    }
    DecidingQuestion {
        question: q,
        outcomes,
    }
}

/// The finding that puts the system in its class: one that holds, of the matching kind.
fn reason(e: &Eval<'_>, risk: RiskClass) -> Option<usize> {
    let kind = match risk {
        RiskClass::NotAnAiSystem | RiskClass::OutOfScope => FindingKind::Exclusion,
        RiskClass::Prohibited => FindingKind::Prohibition,
        RiskClass::HighRisk => FindingKind::HighRisk,
        RiskClass::Limited => FindingKind::Transparency,
        RiskClass::GpaiModel | RiskClass::GpaiModelSystemicRisk => FindingKind::Gpai,
        RiskClass::Minimal | RiskClass::Undetermined => return None,
    };
    // One with a point (e.g. Annex III 5(a)) says more than a general one.
    let holding = || {
        e.pack
            .findings
            .iter()
            .enumerate()
            .filter(move |(f, finding)| finding.kind == kind && e.raw[*f].0.is_true())
    };
    holding()
        .find(|(_, finding)| finding.point.is_some())
        .or_else(|| holding().next())
        .map(|(f, _)| f)
}

/// The values worth trying for a question: every value of a yes/no or choice question; each
/// single choice of a multi-choice question, and no choice at all when the question has no
/// "none" value; for dates and numbers, each value the pack compares it with and its
/// neighbours.
fn values(pack: &Pack, q: usize, law: usize) -> Vec<Answer> {
    let question = &pack.questions[q];
    let n = question.choices.len().min(64);
    match question.answer_type {
        AnswerType::YesNo => vec![Answer::Bool(true), Answer::Bool(false)],
        AnswerType::Choice => (0..n as u8).map(Answer::Choice).collect(),
        AnswerType::MultiChoice => {
            let mut v: Vec<Answer> = (0..n).map(|i| Answer::Multi(1 << i)).collect();
            if question.choice_index("none").is_none() {
                v.push(Answer::Multi(0));
            }
            v
        }
        AnswerType::Date => {
            let mut dates = Vec::new();
            each_cond(pack, &mut |c| {
                if let Cond::Date {
                    left: DateOperand::Question(x),
                    right,
                    ..
                } = c
                    && *x == q
                {
                    let d = pack.resolve(*right, law);
                    dates.extend([d.pred_opt(), Some(d), d.succ_opt()].into_iter().flatten());
                }
            });
            dates.sort();
            dates.dedup();
            dates.into_iter().map(Answer::Date).collect()
        }
        AnswerType::Number => {
            let mut bounds = Vec::new();
            each_cond(pack, &mut |c| {
                if let Cond::Number {
                    question: x, value, ..
                } = c
                    && *x == q
                {
                    bounds.push(*value);
                }
            });
            bounds.sort_by(f64::total_cmp);
            bounds.dedup();
            let mut points = Vec::new();
            for (i, b) in bounds.iter().enumerate() {
                if i == 0 {
                    points.push(b - 1.0);
                }
                points.push(*b);
                points.push(bounds.get(i + 1).map_or(b + 1.0, |next| (b + next) / 2.0));
            }
            points.into_iter().map(Answer::Number).collect()
        }
    }
}

/// Every answer a question can take, for proving a duty holds whatever it is: the values of
/// [`values`], but every set of ticks of a multi-choice question (a rule may need several ticks
/// at once, e.g. all the safeguards of Art. 5(2)); `None` when there are too many sets to try.
fn branches(pack: &Pack, q: usize, law: usize) -> Option<Vec<Answer>> {
    let question = &pack.questions[q];
    if question.answer_type != AnswerType::MultiChoice {
        return Some(values(pack, q, law));
    }
    let none = question.choice_index("none");
    let ticks: Vec<usize> = (0..question.choices.len())
        .filter(|i| Some(*i) != none)
        .collect();
    if ticks.len() > MAX_TICKS {
        return None;
    }
    let sets = (0u64..1 << ticks.len()).map(|set| {
        let bits = ticks
            .iter()
            .enumerate()
            .filter(|(k, _)| set & (1 << k) != 0)
            .fold(0u64, |acc, (_, i)| acc | 1 << i);
        // Nothing ticked is the "none" choice where the question has one.
        match (bits, none) {
            (0, Some(n)) => Answer::Multi(1 << n),
            _ => Answer::Multi(bits),
        }
    });
    Some(sets.collect())
}

/// Calls `f` on every condition of the pack and on all their parts.
fn each_cond(pack: &Pack, f: &mut impl FnMut(&Cond)) {
    fn walk(c: &Cond, f: &mut impl FnMut(&Cond)) {
        f(c);
        match c {
            Cond::Not(inner) => walk(inner, f),
            Cond::And(items) | Cond::Or(items) => items.iter().for_each(|i| walk(i, f)),
            _ => {}
        }
    }
    let spec = |s: &DateSpec, f: &mut dyn FnMut(&Cond)| {
        if let DateSpec::Cases(cases) = s {
            for (c, _) in cases {
                walk(c, &mut |x| f(x));
            }
        }
    };
    for q in &pack.questions {
        if let Some(c) = &q.ask_when {
            walk(c, f);
        }
    }
    for x in &pack.findings {
        walk(&x.when, f);
        spec(&x.applies_from, f);
    }
    for x in &pack.obligations {
        walk(&x.when, f);
        spec(&x.applies_from, f);
    }
    for x in &pack.transitions {
        walk(&x.when, f);
    }
    for x in &pack.notes {
        walk(&x.when, f);
    }
    for x in &pack.risk {
        walk(&x.when, f);
    }
}

/// A duty's status, date, end of transition and transition rule, as `assess` gives them.
type Status = (
    ObligationStatus,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<usize>,
);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Certainty {
    /// Fails in some branch, or its status differs between branches.
    No,
    /// Not seen to fail yet, no status seen yet.
    Maybe,
    /// Holds with this status in every branch seen.
    Holds(Status),
}

/// A duty's status in one branch, as `assess` gives it, or the questions it still waits for.
fn status(e: &Eval<'_>, o: usize) -> Result<Option<Status>, QSet> {
    let ob = &e.pack.obligations[o];
    let (holds, date) = e.obligation(ob);
    match holds {
        Tri::False => return Ok(None),
        Tri::Unknown(s) => return Err(s),
        Tri::True => {}
    }
    if ob.applies_until.is_some_and(|u| e.as_of >= e.date(u)) {
        return Ok(None);
    }
    let starts_later = date.is_some_and(|d| d > e.as_of);
    let transition = e
        .transition(o)
        .filter(|(_, until, _)| date.is_none_or(|d| *until > d));
    Ok(Some(match transition {
        Some((_, _, Tri::Unknown(s))) => return Err(s),
        Some((t, until, _)) if starts_later => {
            (ObligationStatus::Upcoming, date, Some(until), Some(t))
        }
        Some((t, until, _)) => (ObligationStatus::Transition, date, Some(until), Some(t)),
        None if starts_later => (ObligationStatus::Upcoming, date, None, None),
        None => (ObligationStatus::Applies, date, None, None),
    }))
}

/// Which duties hold, with one status, in every branch of the answers still open: case by
/// case on the open questions they wait for, one evaluation per branch for all of them. A
/// duty still waiting when the budget of evaluations runs out is not certain.
fn holds_everywhere(
    e: &Eval<'_>,
    obligations: &[usize],
    certain: &mut [Certainty],
    budget: &mut u32,
) {
    let mut waiting = QSet::default();
    let mut open = Vec::new();
    for (i, o) in obligations.iter().enumerate() {
        if certain[i] == Certainty::No {
            continue;
        }
        certain[i] = match (status(e, *o), certain[i]) {
            (Err(s), c) => {
                waiting = waiting.union(s);
                open.push(i);
                c
            }
            (Ok(Some(s)), Certainty::Maybe) => Certainty::Holds(s),
            (Ok(Some(s)), Certainty::Holds(seen)) if s == seen => Certainty::Holds(s),
            _ => Certainty::No,
        };
    }
    if open.is_empty() {
        return;
    }
    // Branch on a question that is certainly asked: its answer then settles its tests.
    let Some(&q) = candidates(e, waiting).first() else {
        open.iter().for_each(|i| certain[*i] = Certainty::No);
        return;
    };
    let Some(branches) = branches(e.pack, q, e.law) else {
        open.iter().for_each(|i| certain[*i] = Certainty::No);
        return;
    };
    let mut answers = e.answers.clone();
    for v in branches {
        if *budget == 0 || open.iter().all(|i| certain[*i] == Certainty::No) {
            break;
        }
        *budget -= 1;
        answers.set(q, v);
        holds_everywhere(&e.with_answer(&answers, q), obligations, certain, budget);
    }
    if *budget == 0 {
        open.iter().for_each(|i| certain[*i] = Certainty::No);
    }
}

/// Groups the undetermined duties by the possible class they come with.
fn groups(pack: &Pack, r: &Assessment) -> Vec<DutyGroup> {
    let mut out: Vec<DutyGroup> = Vec::new();
    for o in r
        .obligations
        .iter()
        .filter(|o| o.status == ObligationStatus::Undetermined)
    {
        let class = duty_class(pack, o.obligation).filter(|c| r.possible_risks.contains(c));
        let i = match out.iter().position(|g| g.class == class) {
            Some(i) => i,
            None => {
                out.push(DutyGroup {
                    class,
                    obligations: Vec::new(),
                    from: None,
                });
                out.len() - 1
            }
        };
        let g = &mut out[i];
        g.obligations.push(o.obligation);
        g.from = match (g.from, o.applies_from) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    // Classes in the vocabulary's order, the rest last.
    out.sort_by_key(|g| g.class.map_or(RiskClass::ALL.len(), |c| c as usize));
    out
}

/// The class a duty comes with: the nearest finding its condition requires (not merely
/// excludes) that is a class of the risk table or of a class's kind.
fn duty_class(pack: &Pack, o: usize) -> Option<RiskClass> {
    let row_class = |f: usize| {
        pack.risk.iter().find_map(|row| match row.when {
            Cond::Finding(x) if x == f => Some(row.class),
            _ => None,
        })
    };
    let kind_class = |f: usize| match pack.findings[f].kind {
        FindingKind::Prohibition => Some(RiskClass::Prohibited),
        FindingKind::HighRisk => Some(RiskClass::HighRisk),
        FindingKind::Transparency => Some(RiskClass::Limited),
        FindingKind::Gpai => Some(RiskClass::GpaiModel),
        _ => None,
    };
    let mut level = Vec::new();
    required(&pack.obligations[o].when, &mut level);
    let mut seen = vec![false; pack.findings.len()];
    for _ in 0..6 {
        if let Some(c) = level.iter().find_map(|f| row_class(*f).or(kind_class(*f))) {
            return Some(c);
        }
        let mut next = Vec::new();
        for f in level {
            if !std::mem::replace(&mut seen[f], true) {
                required(&pack.findings[f].when, &mut next);
            }
        }
        if next.is_empty() {
            return None;
        }
        level = next;
    }
    None
}

/// The findings a condition names outside any `not`.
fn required(c: &Cond, out: &mut Vec<usize>) {
    match c {
        Cond::Finding(f) => out.push(*f),
        Cond::And(items) | Cond::Or(items) => items.iter().for_each(|i| required(i, out)),
        _ => {}
    }
}
