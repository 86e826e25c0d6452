//! Golden scenarios (`[[scenario]]` in `scenarios/`): unique ids (R004), lifecycle (R021), an
//! expectation that names only known ids, classes, roles and statuses (R014, R015, R019), and
//! answers that the questions accept (R021). They are run by `engine::scenario`.

use super::fields::role_hint;
use super::{Compiler, RawPack};
use crate::rules::model::*;
use crate::rules::raw::*;
use std::collections::{BTreeMap, HashSet};

impl Compiler<'_> {
    pub(super) fn scenarios(
        &mut self,
        raw: &RawPack,
        findings: &[Finding],
        questions: &[Question],
        obligations: &[Obligation],
        notes: &[Note],
    ) -> Vec<Scenario> {
        let mut scenarios = Vec::new();
        let mut seen = HashSet::new();
        for (fi, s) in &raw.scenarios {
            let r = s.get_ref();
            if !seen.insert(r.id.get_ref().clone()) {
                self.err(
                    "R004",
                    *fi,
                    r.id.span(),
                    t!(
                        "duplicate scenario id `{}`",
                        "dubbele scenario-id `{}`",
                        r.id.get_ref()
                    ),
                    t!("scenario ids are unique", "scenario-ids zijn uniek"),
                );
            }
            let as_of = self.date(*fi, r.as_of.span(), r.as_of.get_ref());
            let date = r
                .lifecycle_date
                .as_ref()
                .map(|d| self.date(*fi, d.span(), d.get_ref()));
            let lifecycle = match &r.lifecycle {
                Some(st) => match parse_stage(st.get_ref()) {
                    Ok(stage) => Some(Lifecycle { stage, date }),
                    Err(msg) => {
                        self.err(
                            "R021",
                            *fi,
                            st.span(),
                            msg,
                            t!(
                                "planned, in-development, in-use or retired",
                                "planned, in-development, in-use of retired"
                            ),
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
                            t!(
                                "`lifecycle_date` without `lifecycle`",
                                "`lifecycle_date` zonder `lifecycle`"
                            ),
                            t!(
                                "say which stage the date belongs to",
                                "zeg bij welke levensfase de datum hoort"
                            ),
                        );
                    }
                    None
                }
            };
            let expect = self.expectation(*fi, &r.expect, findings, questions, obligations, notes);
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
        scenarios
    }

    /// Scenario answers are checked against the questions like any answers file.
    pub(super) fn scenario_answers(&mut self, raw: &RawPack, pack: &Pack) {
        for (i, (fi, s)) in raw.scenarios.iter().enumerate() {
            let (_, problems) =
                crate::rules::answers::Answers::from_table(pack, &pack.scenarios[i].answers);
            for p in problems {
                self.err(
                    "R021",
                    *fi,
                    s.get_ref().id.span(),
                    p.message
                        .prefixed(&format!("scenario `{}`: ", s.get_ref().id.get_ref())),
                    p.hint.unwrap_or_default(),
                );
            }
        }
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
        // `what` names the kind of id: ("finding", "bevinding").
        let check =
            |c: &mut Self, ids: &[String], ok: &dyn Fn(&str) -> bool, what: (&str, &str)| {
                let (what_en, what_nl) = what;
                for id in ids {
                    if !ok(id) {
                        c.err(
                            "R014",
                            fi,
                            span.clone(),
                            t!(
                                "expectation names unknown {what_en} `{id}`",
                                "de verwachting noemt een onbekende {what_nl} `{id}`"
                            ),
                            t!("check the id", "controleer de id"),
                        );
                    }
                }
            };
        let is_finding = |id: &str| findings.iter().any(|f| f.id == id);
        check(self, &r.findings, &is_finding, ("finding", "bevinding"));
        check(self, &r.absent, &is_finding, ("finding", "bevinding"));
        check(
            self,
            &r.notes,
            &|id: &str| notes.iter().any(|n| n.id == id),
            ("note", "opmerking"),
        );
        if let Some(q) = &r.open_questions {
            check(
                self,
                q,
                &|id: &str| questions.iter().any(|x| x.id == id),
                ("question", "vraag"),
            );
        }
        let risk = r.risk.as_ref().and_then(|s| {
            let c = RiskClass::parse(s);
            if c.is_none() {
                self.err(
                    "R019",
                    fi,
                    span.clone(),
                    t!(
                        "expectation names unknown risk class `{s}`",
                        "de verwachting noemt een onbekende risicoklasse `{s}`"
                    ),
                    t!(
                        "use the result vocabulary",
                        "gebruik de woorden van het resultaat"
                    ),
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
                            t!(
                                "expectation names unknown role `{s}`",
                                "de verwachting noemt een onbekende rol `{s}`"
                            ),
                            role_hint(),
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
                        t!(
                            "expectation names unknown obligation `{id}`",
                            "de verwachting noemt een onbekende verplichting `{id}`"
                        ),
                        t!("check the id", "controleer de id"),
                    );
                }
                if !["applies", "upcoming", "transition", "undetermined"].contains(&status.as_str())
                {
                    c.err(
                        "R015",
                        fi,
                        span.clone(),
                        t!(
                            "unknown obligation status `{status}`",
                            "onbekende status van een verplichting `{status}`"
                        ),
                        t!(
                            "use applies, upcoming, transition or undetermined",
                            "gebruik applies, upcoming, transition of undetermined"
                        ),
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
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::problems;

    #[test]
    fn a_scenario_is_unique_and_expects_only_what_the_pack_knows() {
        let extra = r#"[[scenario]]
id = "s_twice"
as_of = 2026-12-01
lifecycle = "zombie"
answers = { uses_inference = "maybe-ish" }
[scenario.expect]
risk = "meh"
findings = ["no_such_finding"]
obligations = { art4_literacy = "perhaps" }

[[scenario]]
id = "s_twice"
as_of = 2026-12-01
lifecycle_date = 2026-01-01
[scenario.expect]
roles = ["wizard"]
"#;
        assert_eq!(
            problems(extra),
            [
                "R021 extra.toml:4:13 unknown lifecycle `zombie` (allowed: planned, in-development, in-use, retired)",
                "R014 extra.toml:6:1 expectation names unknown finding `no_such_finding`",
                "R019 extra.toml:6:1 expectation names unknown risk class `meh`",
                "R015 extra.toml:6:1 unknown obligation status `perhaps`",
                "R004 extra.toml:12:6 duplicate scenario id `s_twice`",
                "R021 extra.toml:14:18 `lifecycle_date` without `lifecycle`",
                "R014 extra.toml:15:1 expectation names unknown role `wizard`",
                "R021 extra.toml:2:6 scenario `s_twice`: `uses_inference` takes yes or no, not \"maybe-ish\"",
            ]
        );
    }
}
