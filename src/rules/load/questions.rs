//! Questions (`[[question]]`): their answer type and choices (R003, R004, R015, R020), texts,
//! examples and citations, a presumed answer (R015 off a yes-no question); a question that is
//! never asked (R017) or that no rule uses (R016).

use super::{Compiler, MAX_CHOICES, RawPack};
use crate::rules::model::*;
use std::collections::{HashMap, HashSet};

impl Compiler<'_> {
    /// The answer type and choices of every question, gathered before any condition is
    /// compiled: a condition of any rule is type-checked against them.
    pub(super) fn question_shapes(&mut self, raw: &RawPack) -> Vec<(AnswerType, Vec<Choice>)> {
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
                        t!(
                            "unknown question type `{}`",
                            "onbekend vraagtype `{}`",
                            r.kind.get_ref()
                        ),
                        t!("use one of: {}", "gebruik een van: {}", names.join(", ")),
                    );
                    AnswerType::YesNo
                }
            };
            let mut choices = Vec::new();
            let needs_choices = matches!(answer_type, AnswerType::Choice | AnswerType::MultiChoice);
            match (&r.choices, needs_choices) {
                (Some(list), true) => {
                    if list.get_ref().is_empty() {
                        self.err("R015", fi, list.span(), t!("a choice question needs at least one choice", "een keuzevraag vraagt minstens één keuze"), t!("add choices = [{{ value = \"...\", label = {{ en = \"...\", nl = \"...\" }} }}]", "voeg choices = [{{ value = \"...\", label = {{ en = \"...\", nl = \"...\" }} }}] toe"));
                    }
                    if list.get_ref().len() > MAX_CHOICES {
                        self.err(
                            "R020",
                            fi,
                            list.span(),
                            t!(
                                "{} choices; at most {MAX_CHOICES} are supported",
                                "{} keuzes; er worden er hoogstens {MAX_CHOICES} ondersteund",
                                list.get_ref().len()
                            ),
                            t!("split the question", "splits de vraag"),
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
                                t!(
                                    "duplicate choice value \"{v}\"",
                                    "dubbele keuzewaarde \"{v}\""
                                ),
                                t!(
                                    "choice values are unique within a question",
                                    "keuzewaarden zijn uniek binnen een vraag"
                                ),
                            );
                        }
                        if v == "unknown" {
                            self.err(
                                "R015",
                                fi,
                                c.value.span(), t!("\"unknown\" is reserved", "\"unknown\" is voorbehouden"), t!("every question accepts \"unknown\" by itself; remove this choice", "elke vraag aanvaardt vanzelf \"unknown\"; verwijder deze keuze"),
                            );
                        }
                        let label = self.text(fi, &c.label, t!("choice \"{v}\"", "keuze \"{v}\""));
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
                    t!(
                        "{} question `{}` has no choices",
                        "vraag `{1}` van het type {0} heeft geen keuzes",
                        answer_type.name(),
                        r.id.get_ref()
                    ),
                    t!("add choices = [...]", "voeg choices = [...] toe"),
                ),
                (Some(list), false) => self.err(
                    "R015",
                    fi,
                    list.span(),
                    t!(
                        "a {} question has no choices",
                        "een vraag van het type {} heeft geen keuzes",
                        answer_type.name()
                    ),
                    t!(
                        "remove `choices` or change `type`",
                        "verwijder `choices` of wijzig `type`"
                    ),
                ),
                (None, false) => {}
            }
            self.question_types.push(answer_type);
            self.question_choices
                .push(choices.iter().map(|c| c.value.clone()).collect());
            self.question_ids.push(r.id.get_ref().clone());
            shells.push((answer_type, choices));
        }
        shells
    }

    pub(super) fn questions(
        &mut self,
        raw: &RawPack,
        shells: Vec<(AnswerType, Vec<Choice>)>,
        deps_of: &mut HashMap<Node, Vec<Item>>,
    ) -> Vec<Question> {
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
                    t!(
                        "question `{}` is never asked",
                        "vraag `{}` wordt nooit gesteld",
                        r.id.get_ref()
                    ),
                    t!(
                        "remove the question or fix `ask_when`",
                        "verwijder de vraag of verbeter `ask_when`"
                    ),
                );
            }
            let presumed_yes = r.presumed_yes_when.as_ref().map(|c| {
                if answer_type != AnswerType::YesNo {
                    self.err(
                        "R015",
                        fi,
                        c.span(),
                        t!(
                            "`presumed_yes_when` on the {} question `{}`",
                            "`presumed_yes_when` bij vraag `{1}` van het type `{0}`",
                            answer_type.name(),
                            r.id.get_ref()
                        ),
                        t!(
                            "only a yes-no question can be presumed answered \"yes\"",
                            "alleen bij een ja-neevraag kan het antwoord \"ja\" worden verondersteld"
                        ),
                    );
                }
                self.cond(fi, c, &mut deps)
            });
            deps_of.insert(Node::Question(i), deps);
            let text = self.text(
                fi,
                &r.text,
                t!("question `{}`", "vraag `{}`", r.id.get_ref()),
            );
            let why = match &r.why {
                Some(w) => self.text(
                    fi,
                    w,
                    t!("the `why` of `{}`", "de `why` van `{}`", r.id.get_ref()),
                ),
                None => {
                    self.err("R011", fi, r.id.span(), t!("question `{}` has no `why`", "vraag `{}` heeft geen `why`", r.id.get_ref()), t!("add why = {{ en = \"...\", nl = \"...\" }}: one line on why the question matters", "voeg why = {{ en = \"...\", nl = \"...\" }} toe: één regel over waarom de vraag ertoe doet"));
                    Text::default()
                }
            };
            let help = r.help.as_ref().map(|h| {
                self.text(
                    fi,
                    h,
                    t!("the help of `{}`", "de hulptekst van `{}`", r.id.get_ref()),
                )
            });
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
                        t!(
                            "{} English and {} Dutch examples",
                            "{} Engelse en {} Nederlandse voorbeelden",
                            en.len(),
                            nl.len()
                        ),
                        t!(
                            "give every example in both languages, in the same order",
                            "geef elk voorbeeld in beide talen, in dezelfde volgorde"
                        ),
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
        questions
    }

    /// Run after every condition has been compiled.
    pub(super) fn unused_questions(&mut self, raw: &RawPack) {
        for (i, (fi, q)) in raw.questions.iter().enumerate() {
            if !self.used.contains(&Item::Question(i)) {
                self.err(
                    "R016",
                    *fi,
                    q.get_ref().id.span(),
                    t!(
                        "question `{}` is used by no rule",
                        "vraag `{}` wordt door geen enkele regel gebruikt",
                        q.get_ref().id.get_ref()
                    ),
                    t!(
                        "refer to it in a condition, or remove it",
                        "verwijs ernaar in een voorwaarde, of verwijder ze"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::problems;

    #[test]
    fn choice_values_are_unique_and_a_question_is_asked_and_used() {
        let extra = r#"[[question]]
id = "q_pick"
type = "choice"
ask_when = "false"
text = { en = "Which?", nl = "Welke?" }
why = { en = "Why.", nl = "Waarom." }
cite = ["Art. 5"]
choices = [
  { value = "a", label = { en = "A", nl = "A" } },
  { value = "a", label = { en = "A", nl = "A" } },
  { value = "unknown", label = { en = "?", nl = "?" } },
]

[[question]]
id = "q_count"
type = "number"
text = { en = "How many?", nl = "Hoeveel?" }
cite = ["Art. 5"]
choices = []
"#;
        assert_eq!(
            problems(extra),
            [
                "R004 extra.toml:10:13 duplicate choice value \"a\"",
                "R015 extra.toml:11:13 \"unknown\" is reserved",
                "R015 extra.toml:19:11 a number question has no choices",
                "R017 extra.toml:4:12 question `q_pick` is never asked",
                "R011 extra.toml:15:6 question `q_count` has no `why`",
                "R016 extra.toml:2:6 question `q_pick` is used by no rule",
                "R016 extra.toml:15:6 question `q_count` is used by no rule",
            ]
        );
    }

    #[test]
    fn only_a_yes_no_question_is_presumed_yes() {
        let extra = r#"[[question]]
id = "q_kind"
type = "choice"
presumed_yes_when = "true"
text = { en = "Which?", nl = "Welke?" }
why = { en = "Why.", nl = "Waarom." }
cite = ["Art. 5"]
choices = [{ value = "a", label = { en = "A", nl = "A" } }]
"#;
        assert_eq!(
            problems(extra),
            [
                "R015 extra.toml:4:21 `presumed_yes_when` on the choice question `q_kind`",
                "R016 extra.toml:2:6 question `q_kind` is used by no rule",
            ]
        );
    }
}
