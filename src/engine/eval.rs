//! The evaluation of one system's answers on one date: its conditions in three-valued logic,
//! its class and roles, and its findings and duties with their status.

use super::logic::{QSet, Tri};
use super::outcome::{
    Assessment, Deadline, FindingOutcome, FindingStatus, ObligationOutcome, ObligationStatus,
};
use crate::answers::{Answer, Answers};
use crate::rules::condition::CmpOp;
use crate::rules::{
    Cond, DateOperand, DateRef, DateSpec, FindingKind, Node, Obligation, Pack, RiskClass, Role,
};
use chrono::NaiveDate;

/// Evaluation state for one system.
pub(super) struct Eval<'a> {
    pub(super) pack: &'a Pack,
    pub(super) answers: &'a Answers,
    pub(super) as_of: NaiveDate,
    pub(super) law: usize,
    /// Whether each question is relevant (its `ask_when`); an irrelevant question's tests are false.
    pub(super) relevant: Vec<Tri>,
    /// Each finding's value as conditions see it (false before its date unless anticipated).
    pub(super) value: Vec<Tri>,
    /// Each finding's condition, before date gating, and its date.
    pub(super) raw: Vec<(Tri, Option<NaiveDate>)>,
    /// Whether each role (in `Role::ALL` order) is held.
    pub(super) roles: [Tri; Role::ALL.len()],
}

impl<'a> Eval<'a> {
    pub(super) fn new(pack: &'a Pack, answers: &'a Answers, as_of: NaiveDate) -> Self {
        let law = pack.law_version_at(as_of);
        let mut e = Eval {
            pack,
            answers,
            as_of,
            law,
            relevant: vec![Tri::True; pack.questions.len()],
            value: vec![Tri::False; pack.findings.len()],
            raw: vec![(Tri::False, None); pack.findings.len()],
            roles: [Tri::False; Role::ALL.len()],
        };
        for node in &pack.eval_order {
            e.node(*node);
        }
        e.set_roles();
        e
    }

    /// Evaluates one node: a question's relevance or a finding's value.
    pub(super) fn node(&mut self, node: Node) {
        match node {
            Node::Question(q) => {
                if let Some(c) = &self.pack.questions[q].ask_when {
                    self.relevant[q] = self.cond(c);
                }
            }
            Node::Finding(f) => {
                let finding = &self.pack.findings[f];
                if finding.law.is_some_and(|l| l != self.law) {
                    return;
                }
                let when = self.cond(&finding.when);
                let (date, date_tri) = self.date_spec(&finding.applies_from);
                let when = when.and(date_tri);
                self.raw[f] = (when, date);
                let in_force = date.is_some_and(|d| d <= self.as_of) || finding.anticipated;
                self.value[f] = if in_force { when } else { Tri::False };
            }
        }
    }

    pub(super) fn set_roles(&mut self) {
        for (i, (_, findings)) in self
            .pack
            .role_findings
            .iter()
            .enumerate()
            .take(Role::ALL.len())
        {
            self.roles[i] = findings
                .iter()
                .fold(Tri::False, |acc, f| acc.or(self.value[*f]));
        }
    }

    /// The evaluation once question `q`, unanswered here, has the answer `answers` give it:
    /// only what was unknown because of `q` is evaluated again (a known value stays known,
    /// and an unknown one that does not wait for `q` stays as it is).
    pub(super) fn with_answer<'b>(&self, answers: &'b Answers, q: usize) -> Eval<'b>
    where
        'a: 'b,
    {
        let mut e = Eval {
            pack: self.pack,
            answers,
            as_of: self.as_of,
            law: self.law,
            relevant: self.relevant.clone(),
            value: self.value.clone(),
            raw: self.raw.clone(),
            roles: self.roles,
        };
        for node in &self.pack.eval_order {
            let waits = match *node {
                Node::Question(x) => self.relevant[x].unknowns().contains(q),
                Node::Finding(f) => self.raw[f].0.unknowns().contains(q),
            };
            if waits {
                e.node(*node);
            }
        }
        e.set_roles();
        e
    }

    /// The answer to a question, with a test applied; false when the question is irrelevant.
    pub(super) fn test(&self, q: usize, test: impl Fn(Answer) -> Option<bool>) -> Tri {
        let relevant = self.relevant[q];
        if relevant.is_false() {
            return Tri::False;
        }
        let open = Tri::Unknown(QSet::one(q));
        let value = match self.answers.get(q) {
            Answer::Unanswered | Answer::Unknown => {
                // A presumption settles an open answer once its condition is known to hold.
                match self.pack.questions[q]
                    .presumed_yes
                    .as_ref()
                    .map(|c| self.cond(c))
                {
                    Some(Tri::True) => test(Answer::Bool(true)).map_or(open, Tri::from_bool),
                    Some(Tri::Unknown(s)) => Tri::Unknown(s.union(QSet::one(q))),
                    _ => open,
                }
            }
            a => test(a).map_or(open, Tri::from_bool),
        };
        relevant.and(value)
    }

    pub(super) fn cond(&self, c: &Cond) -> Tri {
        match c {
            Cond::Const(b) => Tri::from_bool(*b),
            Cond::Yes(q) => self.test(*q, |a| match a {
                Answer::Bool(b) => Some(b),
                _ => None,
            }),
            Cond::Finding(f) => self.value[*f],
            Cond::ChoiceIn {
                question,
                mask,
                negate,
            } => self.test(*question, |a| match a {
                Answer::Choice(i) => Some((mask & (1 << i) != 0) != *negate),
                _ => None,
            }),
            Cond::Contains { question, bit } => self.test(*question, |a| match a {
                Answer::Multi(bits) => Some(bits & bit != 0),
                _ => None,
            }),
            Cond::Number {
                question,
                op,
                value,
            } => self.test(*question, |a| match a {
                Answer::Number(n) => n.partial_cmp(value).map(|o| op.holds(o)),
                _ => None,
            }),
            Cond::Date { left, op, right } => {
                let right = self.pack.resolve(*right, self.law);
                match left {
                    DateOperand::AsOf => Tri::from_bool(op.holds(self.as_of.cmp(&right))),
                    DateOperand::Question(q) => self.test(*q, |a| match a {
                        Answer::Date(d) => Some(cmp_date(*op, d, right)),
                        _ => None,
                    }),
                }
            }
            Cond::Not(inner) => self.cond(inner).negate(),
            Cond::And(items) => {
                let mut acc = Tri::True;
                for item in items {
                    acc = acc.and(self.cond(item));
                    if acc.is_false() {
                        break;
                    }
                }
                acc
            }
            Cond::Or(items) => {
                let mut acc = Tri::False;
                for item in items {
                    acc = acc.or(self.cond(item));
                    if acc.is_true() {
                        break;
                    }
                }
                acc
            }
        }
    }

    /// Resolves a date: the first case that holds. While an earlier case is unknown the date
    /// is unknown too, and the earliest date still possible is given (the cautious one).
    pub(super) fn date_spec(&self, spec: &DateSpec) -> (Option<NaiveDate>, Tri) {
        match spec {
            DateSpec::One(d) => (Some(self.date(*d)), Tri::True),
            DateSpec::Cases(cases) => {
                let mut pending = QSet::default();
                let mut earliest: Option<NaiveDate> = None;
                for (cond, date) in cases {
                    let d = self.date(*date);
                    match self.cond(cond) {
                        Tri::True if pending.is_empty() => return (Some(d), Tri::True),
                        Tri::True => {
                            return (
                                Some(earliest.map_or(d, |e| e.min(d))),
                                Tri::Unknown(pending),
                            );
                        }
                        Tri::Unknown(s) => {
                            pending = pending.union(s);
                            earliest = Some(earliest.map_or(d, |e| e.min(d)));
                        }
                        Tri::False => {}
                    }
                }
                if pending.is_empty() {
                    (None, Tri::False)
                } else {
                    (earliest, Tri::Unknown(pending))
                }
            }
        }
    }

    /// The first transition of an obligation that has not ended on the assessment date and
    /// may hold: its index, its end and whether it holds (true or unknown).
    pub(super) fn transition(&self, o: usize) -> Option<(usize, NaiveDate, Tri)> {
        self.pack.obligation_transitions[o].iter().find_map(|&t| {
            let tr = &self.pack.transitions[t];
            let until = self.date(tr.until);
            if self.as_of >= until {
                return None;
            }
            let holds = self.cond(&tr.when);
            (!holds.is_false()).then_some((t, until, holds))
        })
    }

    pub(super) fn date(&self, d: DateRef) -> NaiveDate {
        self.pack.resolve(d, self.law)
    }

    /// Whether an obligation holds (its condition, an addressee role and its date), and its date.
    pub(super) fn obligation(&self, ob: &Obligation) -> (Tri, Option<NaiveDate>) {
        let role_tri = ob
            .addressee
            .iter()
            .fold(Tri::False, |acc, r| acc.or(self.role(*r)));
        let (date, date_tri) = self.date_spec(&ob.applies_from);
        (self.cond(&ob.when).and(role_tri).and(date_tri), date)
    }

    pub(super) fn role(&self, role: Role) -> Tri {
        self.pack
            .role_findings
            .iter()
            .position(|(r, _)| *r == role)
            .map_or(Tri::False, |i| self.roles[i])
    }
}

fn cmp_date(op: CmpOp, left: NaiveDate, right: NaiveDate) -> bool {
    op.holds(left.cmp(&right))
}

/// The risk class and roles, with the questions they still depend on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Class {
    pub(super) risk: RiskClass,
    pub(super) possible: Vec<RiskClass>,
    pub(super) roles: Vec<Role>,
    pub(super) possible_roles: Vec<Role>,
    pub(super) unknowns: QSet,
}

pub(super) fn classify(e: &Eval<'_>) -> Class {
    let mut open = QSet::default();
    // Risk: the first row that holds; undetermined if an earlier row is unknown.
    let mut possible = Vec::new();
    let mut pending = QSet::default();
    let mut risk = RiskClass::Undetermined;
    for row in &e.pack.risk {
        match e.cond(&row.when) {
            Tri::True => {
                if pending.is_empty() {
                    risk = row.class;
                } else {
                    possible.push(row.class);
                }
                break;
            }
            Tri::Unknown(s) => {
                pending = pending.union(s);
                possible.push(row.class);
            }
            Tri::False => {}
        }
    }
    if risk == RiskClass::Undetermined {
        open = open.union(pending);
        possible.sort();
        possible.dedup();
    } else {
        possible.clear();
    }

    // Roles.
    let mut roles = Vec::new();
    let mut possible_roles = Vec::new();
    for role in Role::ALL {
        match e.role(role) {
            Tri::True => roles.push(role),
            Tri::Unknown(s) => {
                possible_roles.push(role);
                open = open.union(s);
            }
            Tri::False => {}
        }
    }

    Class {
        risk,
        possible,
        roles,
        possible_roles,
        unknowns: open,
    }
}

pub(super) fn assess_with(e: &Eval<'_>) -> Assessment {
    let pack = e.pack;
    let as_of = e.as_of;
    let Class {
        risk,
        possible,
        roles,
        possible_roles,
        unknowns: mut open,
    } = classify(e);

    // Findings. Facts are the rule writers' building blocks: kept in the result (scenarios
    // check them) but their unknowns only matter through the rules built on them.
    let mut findings = Vec::with_capacity(pack.findings.len());
    let mut deadlines: Vec<(NaiveDate, String)> = Vec::new();
    for (f, finding) in pack.findings.iter().enumerate() {
        let is_fact = finding.kind == FindingKind::Fact;
        let (when, date) = e.raw[f];
        let status = match when {
            Tri::False => continue,
            Tri::Unknown(s) => {
                // A finding not yet in force and not anticipated cannot change today's result.
                if date.is_some_and(|d| d > as_of) && !finding.anticipated {
                    continue;
                }
                if !is_fact {
                    open = open.union(s);
                }
                FindingStatus::Undetermined
            }
            Tri::True if date.is_some_and(|d| d > as_of) => {
                // Anticipated routes and duties show their date through their obligations; a
                // prohibition is named itself, whoever holds which role.
                let named = !finding.anticipated || finding.kind == FindingKind::Prohibition;
                if let (Some(d), false, true) = (date, is_fact, named) {
                    deadlines.push((d, finding.id.clone()));
                }
                FindingStatus::Upcoming
            }
            Tri::True => FindingStatus::Applies,
        };
        findings.push(FindingOutcome {
            finding: f,
            status,
            applies_from: date,
            deciding: when.unknowns().to_vec(),
        });
    }

    // Obligations.
    let mut obligations = Vec::with_capacity(pack.obligations.len());
    for (o, ob) in pack.obligations.iter().enumerate() {
        if ob.law.is_some_and(|l| l != e.law) {
            continue;
        }
        let (cond, date) = e.obligation(ob);
        if cond.is_false() {
            continue;
        }
        if let Some(until) = ob.applies_until
            && as_of >= e.date(until)
        {
            continue;
        }
        // The addressee roles held; when none is certain, those that may be.
        let held = |keep: fn(Tri) -> bool| -> Vec<Role> {
            ob.addressee
                .iter()
                .copied()
                .filter(|r| keep(e.role(*r)))
                .collect()
        };
        let mut roles = held(Tri::is_true);
        if roles.is_empty() {
            roles = held(|t| !t.is_false());
        }
        let mut out = ObligationOutcome {
            obligation: o,
            roles,
            status: ObligationStatus::Applies,
            applies_from: date,
            until: None,
            transition: None,
            deciding: Vec::new(),
        };
        let starts_later = date.is_some_and(|d| d > as_of);
        // An Art. 111 transition counts before the obligation starts too: the real deadline is
        // the end of the transition, not the start date.
        let transition = e
            .transition(o)
            .filter(|(_, until, _)| date.is_none_or(|d| *until > d));
        if let Some((t, until, tri)) = transition {
            out.until = Some(until);
            out.transition = Some(t);
            deadlines.push((until, ob.id.clone()));
            open = open.union(tri.unknowns());
        }
        match (cond, transition.map(|(_, _, tri)| tri)) {
            (Tri::Unknown(s), tr) => {
                let s = s.union(tr.map_or_else(QSet::default, Tri::unknowns));
                open = open.union(s);
                out.status = ObligationStatus::Undetermined;
                out.deciding = s.to_vec();
                // A date that may become a deadline is still worth planning for.
                if let Some(d) = date.filter(|d| *d > as_of) {
                    deadlines.push((d, ob.id.clone()));
                }
            }
            // Whether a transition holds is unknown: the obligation applies from its date, or
            // only at the end of the transition, depending on the questions behind it.
            (_, Some(Tri::Unknown(s))) => {
                out.status = ObligationStatus::Undetermined;
                out.deciding = s.to_vec();
                if let Some(d) = date.filter(|d| *d > as_of) {
                    deadlines.push((d, ob.id.clone()));
                }
            }
            (_, Some(_)) if starts_later => out.status = ObligationStatus::Upcoming,
            (_, Some(_)) => out.status = ObligationStatus::Transition,
            _ if starts_later => {
                out.status = ObligationStatus::Upcoming;
                if let Some(d) = date {
                    deadlines.push((d, ob.id.clone()));
                }
            }
            _ => {}
        }
        obligations.push(out);
    }

    let notes = pack
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| e.cond(&n.when).is_true())
        .map(|(i, _)| i)
        .collect();

    deadlines.sort();
    deadlines.dedup();
    let mut next_deadlines: Vec<Deadline> = Vec::new();
    for (date, id) in deadlines {
        match next_deadlines.last_mut() {
            Some(d) if d.date == date => d.items.push(id),
            _ => next_deadlines.push(Deadline {
                date,
                items: vec![id],
            }),
        }
    }

    let open_questions = open.iter().filter(|q| !e.relevant[*q].is_false()).collect();
    let risk_from = risk_from(pack, risk, &findings);
    Assessment {
        as_of,
        law_version: e.law,
        risk,
        risk_from,
        possible_risks: possible,
        findings,
        roles,
        possible_roles,
        obligations,
        open_questions,
        notes,
        next_deadlines,
        deciding: Vec::new(),
        duty_groups: Vec::new(),
    }
}

/// The date a class starts to apply when no finding of its kind applies yet, only anticipated
/// ones: an Art. 5 hit before its date is headlined like an Annex I system before its date.
fn risk_from(pack: &Pack, risk: RiskClass, findings: &[FindingOutcome]) -> Option<NaiveDate> {
    let kind = match risk {
        RiskClass::Prohibited => FindingKind::Prohibition,
        RiskClass::HighRisk => FindingKind::HighRisk,
        RiskClass::Limited => FindingKind::Transparency,
        RiskClass::GpaiModel | RiskClass::GpaiModelSystemicRisk => FindingKind::Gpai,
        _ => return None,
    };
    // The findings that carry a class are the anticipated ones; facts about transitions
    // (in force since entry into force) say nothing about when the class applies.
    let of_kind = || {
        findings.iter().filter(move |f| {
            let finding = &pack.findings[f.finding];
            finding.kind == kind && finding.anticipated
        })
    };
    if of_kind().any(|f| f.status == FindingStatus::Applies) {
        return None;
    }
    of_kind()
        .filter(|f| f.status == FindingStatus::Upcoming)
        .filter_map(|f| f.applies_from)
        .min()
}
