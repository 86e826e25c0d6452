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
                Some(st) => match parse_stage(st.get_ref()) {
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
                    format!("scenario `{}`: {}", s.get_ref().id.get_ref(), p.message),
                    p.hint.as_deref().unwrap_or(""),
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
