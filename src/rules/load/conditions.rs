//! Conditions (`when`, `ask_when`, date cases) compiled against the pack: names resolved to
//! questions and findings (R007), each comparison type-checked against its question (R008),
//! choice values checked (R009), syntax errors placed in the file (R006). Every name a
//! condition uses is recorded, for the evaluation order and the unused-rule checks.

use super::Compiler;
use crate::diag::{did_you_mean, did_you_mean_text};
use crate::rules::condition::{self, CmpOp, Expr, LiteralValue};
use crate::rules::model::*;
use crate::rules::raw::S;
use chrono::NaiveDate;
use std::ops::Range;

impl Compiler<'_> {
    /// Compiles a condition string, reporting problems at their place in the file.
    pub(super) fn cond(&mut self, fi: usize, src: &S<String>, deps: &mut Vec<Item>) -> Cond {
        let raw = &self.files[fi].text[src.span()];
        let base = src.span().start + string_body_offset(raw);
        self.cond_at(fi, src.get_ref(), base, deps)
    }

    /// Compiles a condition whose text starts at byte `base` of the file.
    pub(super) fn cond_at(
        &mut self,
        fi: usize,
        text: &str,
        base: usize,
        deps: &mut Vec<Item>,
    ) -> Cond {
        let expr = match condition::parse(text) {
            Ok(e) => e,
            Err(e) => {
                let span = base + e.span.start..base + e.span.end.max(e.span.start + 1);
                self.err(
                    "R006",
                    fi,
                    span,
                    e.message.prefixed_by("condition syntax error", "syntaxisfout in de voorwaarde"), t!("conditions use ids, ==, !=, <, <=, >, >=, in [..], contains, and, or, not, ( ); see docs/rule-format.md", "voorwaarden gebruiken ids, `==`, `!=`, `<`, `<=`, `>`, `>=`, `in [..]`, `contains`, `and`, `or`, `not`, `( )`; zie docs/rule-format.md"),
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
                            t!(
                                "`{}` is a {t} question, not a yes-no question",
                                "`{}` is een vraag van het type {t}, geen ja-neevraag",
                                n.text
                            ),
                            match self.q_type(q) {
                                AnswerType::Choice => t!(
                                    "compare it: `q == \"value\"` or `q in [\"a\", \"b\"]`",
                                    "vergelijk ze: `q == \"waarde\"` of `q in [\"a\", \"b\"]`"
                                ),
                                AnswerType::MultiChoice => t!(
                                    "test a value: `q contains \"value\"`",
                                    "test een waarde: `q contains \"waarde\"`"
                                ),
                                _ => t!(
                                    "compare it with a value: `q < 10` or `q >= 2026-08-02`",
                                    "vergelijk ze met een waarde: `q < 10` of `q >= 2026-08-02`"
                                ),
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
                        t!(
                            "`as_of` is a date; compare it",
                            "`as_of` is een datum; vergelijk ze"
                        ),
                        t!("e.g. `as_of >= 2026-12-02`", "bv. `as_of >= 2026-12-02`"),
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
                        at(&name.span), t!("`{}` is a finding; findings are true or false, not compared", "`{}` is een bevinding; bevindingen zijn waar of onwaar, ze worden niet vergeleken",
                            name.text
                        ), t!("write the finding alone, or `not finding`", "schrijf de bevinding alleen, of `not bevinding`"),
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
                                t!(
                                    "`{}` is a number question; compare it with a number",
                                    "`{}` is een getalvraag; vergelijk ze met een getal",
                                    name.text
                                ),
                                t!(
                                    "e.g. `training_flops > 1e25`",
                                    "bv. `training_flops > 1e25`"
                                ),
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
                            AnswerType::YesNo => t!(
                                "a yes-no question stands alone: `q` or `not q`",
                                "een ja-neevraag staat alleen: `q` of `not q`"
                            ),
                            AnswerType::MultiChoice => t!(
                                "use `q contains \"value\"`",
                                "gebruik `q contains \"waarde\"`"
                            ),
                            _ => t!(
                                "choice questions take only `==`, `!=` and `in`",
                                "keuzevragen nemen alleen `==`, `!=` en `in`"
                            ),
                        };
                        self.err(
                            "R008",
                            fi,
                            at(&name.span),
                            t!(
                                "`{}` ({}) cannot be compared this way",
                                "`{}` ({}) kan niet zo vergeleken worden",
                                name.text,
                                t.name()
                            ),
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
                let kind = self.q_type(q).name();
                if self.q_type(q) != AnswerType::Choice {
                    let message = t!(
                        "`in [..]` needs a choice question; `{}` is {}",
                        "`in [..]` vraagt een keuzevraag; `{}` is {}",
                        name.text,
                        kind
                    );
                    let hint = t!(
                        "for multi-choice use `contains`",
                        "gebruik voor een meerkeuzevraag `contains`"
                    );
                    self.err("R008", fi, at(&name.span), message, hint);
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
                let kind = self.q_type(q).name();
                if self.q_type(q) != AnswerType::MultiChoice {
                    let message = t!(
                        "`contains` needs a multi-choice question; `{}` is {}",
                        "`contains` vraagt een meerkeuzevraag; `{}` is {}",
                        name.text,
                        kind
                    );
                    let hint = t!(
                        "for a choice question use `==` or `in [..]`",
                        "gebruik voor een keuzevraag `==` of `in [..]`"
                    );
                    self.err("R008", fi, at(&name.span), message, hint);
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
                    t!(
                        "`{}` is not a question or a finding",
                        "`{}` is geen vraag en geen bevinding",
                        n.text
                    ),
                    t!(
                        "conditions can refer to questions and findings only",
                        "voorwaarden kunnen alleen naar vragen en bevindingen verwijzen"
                    ),
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
                    Some(k) => did_you_mean_text(k),
                    None => t!(
                        "define a [[question]] or [[finding]] with this id",
                        "definieer een [[question]] of [[finding]] met deze id"
                    ),
                };
                self.err(
                    "R007",
                    fi,
                    span,
                    t!(
                        "unknown question or finding `{}`",
                        "onbekende vraag of bevinding `{}`",
                        n.text
                    ),
                    hint,
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
                    span, t!("`{}` is a finding; findings are true or false, not tested with `{test}`", "`{}` is een bevinding; bevindingen zijn waar of onwaar, ze worden niet getest met `{test}`",
                        name.text
                    ), t!("write the finding alone, or `not finding`", "schrijf de bevinding alleen, of `not bevinding`"),
                );
                None
            }
            None if name.text == "as_of" => {
                self.err(
                    "R008",
                    fi,
                    span,
                    t!(
                        "`as_of` is a date; it is not tested with `{test}`",
                        "`as_of` is een datum; die wordt niet getest met `{test}`"
                    ),
                    t!(
                        "compare it with a date, e.g. `as_of >= 2026-08-02`",
                        "vergelijk ze met een datum, bv. `as_of >= 2026-08-02`"
                    ),
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
                t!("choice values are strings", "keuzewaarden zijn teksten"),
                t!(
                    "quote the value: \"employment\"",
                    "zet de waarde tussen aanhalingstekens: \"employment\""
                ),
            );
            return None;
        };
        let values = &self.question_choices[q];
        match values.iter().position(|c| c == v) {
            Some(i) => Some(1u64 << i),
            None => {
                let hint = match did_you_mean(v, values.iter().map(String::as_str)) {
                    Some(k) => t!(
                        "did you mean \"{k}\"? allowed: {}",
                        "bedoelde u \"{k}\"? toegestaan: {}",
                        values.join(", ")
                    ),
                    None => t!(
                        "allowed values: {}",
                        "toegestane waarden: {}",
                        values.join(", ")
                    ),
                };
                let qid = self.question_ids[q].clone();
                self.err(
                    "R009",
                    fi,
                    span,
                    t!(
                        "`{qid}` has no choice \"{v}\"",
                        "`{qid}` heeft geen keuze \"{v}\""
                    ),
                    hint,
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
                    t!("expected a date", "hier hoort een datum"),
                    t!(
                        "write YYYY-MM-DD or timeline.<id>",
                        "schrijf JJJJ-MM-DD of timeline.<id>"
                    ),
                );
                None
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::super::test_pack::{note, problems};

    #[test]
    fn conditions_are_type_checked_and_every_problem_is_placed_in_the_file() {
        let extra = &[
            note(
                "n_types",
                r#"own_use == "yes" or practices == "chat" or practices contains "dance" or ai_system < 3 or as_of or uses_inferenc or art4_literacy"#,
            ),
            note("n_syntax", "(own_use"),
        ]
        .join("\n");
        assert_eq!(
            problems(extra),
            [
                "R008 extra.toml:3:9 `own_use` (yes-no) cannot be compared this way",
                "R008 extra.toml:3:29 `practices` (multi-choice) cannot be compared this way",
                "R009 extra.toml:3:71 `practices` has no choice \"dance\"",
                "R008 extra.toml:3:82 `ai_system` is a finding; findings are true or false, not compared",
                "R008 extra.toml:3:99 `as_of` is a date; compare it",
                "R007 extra.toml:3:108 unknown question or finding `uses_inferenc`",
                "R007 extra.toml:3:125 `art4_literacy` is not a question or a finding",
                "R006 extra.toml:10:17 condition syntax error: expected `)`, found the end of the condition",
            ]
        );
    }
}
