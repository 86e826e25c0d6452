//! Findings (`[[finding]]`): their kind, role, route and point (R014, R015, R012), texts,
//! citations, status and dates; which findings establish each role; a fact no rule uses (W002).

use super::citations::valid_citation;
use super::fields::role_hint;
use super::{Compiler, RawPack};
use crate::rules::model::*;
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn findings(
        &mut self,
        raw: &RawPack,
        law_versions: &[LawVersion],
        deps_of: &mut HashMap<Node, Vec<Item>>,
    ) -> Vec<Finding> {
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
                        t!(
                            "unknown finding kind `{}`",
                            "onbekende soort bevinding `{}`",
                            r.kind.get_ref()
                        ),
                        t!("use one of: {}", "gebruik een van: {}", names.join(", ")),
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
                            t!("unknown role `{}`", "onbekende rol `{}`", role.get_ref()),
                            role_hint(),
                        );
                        None
                    }
                },
                (None, FindingKind::Role) => {
                    self.err(
                        "R003",
                        fi,
                        r.id.span(),
                        t!(
                            "role finding `{}` names no role",
                            "rolbevinding `{}` noemt geen rol",
                            r.id.get_ref()
                        ),
                        {
                            let Text { en, nl } = role_hint();
                            t!("add role = \"...\"; {en}", "voeg role = \"...\" toe; {nl}")
                        },
                    );
                    None
                }
                (Some(role), _) => {
                    self.err(
                        "R015",
                        fi,
                        role.span(),
                        t!(
                            "`role` belongs to findings of kind \"role\"",
                            "`role` hoort bij bevindingen van de soort \"role\""
                        ),
                        t!(
                            "remove it or set kind = \"role\"",
                            "verwijder ze of zet kind = \"role\""
                        ),
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
                        t!("unknown route `{other}`", "onbekende route `{other}`"),
                        t!(
                            "use \"annex-i\" or \"annex-iii\"",
                            "gebruik \"annex-i\" of \"annex-iii\""
                        ),
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
                    t!("malformed point `{}`", "misvormd punt `{}`", p.get_ref()),
                    t!(
                        "write the point as a citation, e.g. \"Annex III 5(a)\"",
                        "schrijf het punt als bronvermelding, bv. \"Annex III 5(a)\""
                    ),
                );
            }
            let title = self.text(
                fi,
                &r.title,
                t!("finding `{}`", "bevinding `{}`", r.id.get_ref()),
            );
            let explain = r.explain.as_ref().map(|t| {
                self.text(
                    fi,
                    t,
                    t!(
                        "the explanation of `{}`",
                        "de uitleg van `{}`",
                        r.id.get_ref()
                    ),
                )
            });
            let cite = self.cites(fi, &r.cite, &r.id);
            let status = self.status(fi, &r.status, &r.id);
            let law = self.law(fi, &r.law, law_versions);
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
        findings
    }

    /// Run after every condition has been compiled.
    pub(super) fn unused_facts(&mut self, raw: &RawPack, findings: &[Finding]) {
        for (i, (fi, f)) in raw.findings.iter().enumerate() {
            if findings[i].kind == FindingKind::Fact && !self.used.contains(&Item::Finding(i)) {
                self.warn(
                    "W002",
                    *fi,
                    f.get_ref().id.span(), t!("fact `{}` is used by no rule", "feit `{}` wordt door geen enkele regel gebruikt", f.get_ref().id.get_ref()), t!("facts exist to be built on; refer to it or make it a reported kind", "feiten bestaan om op verder te bouwen; verwijs ernaar of maak er een gerapporteerde soort van"),
                );
            }
        }
    }
}

/// Which findings establish each role.
pub(super) fn role_findings(findings: &[Finding]) -> Vec<(Role, Vec<usize>)> {
    Role::ALL
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
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::{finding, problems};

    #[test]
    fn a_finding_has_a_known_kind_route_and_point_and_a_role_when_it_needs_one() {
        let extra = &(r#"[[finding]]
id = "f_role_of_nobody"
kind = "role"
when = "uses_inference"
title = { en = "A role", nl = "Een rol" }
cite = ["Art. 3(4)"]
status = "binding"
applies_from = "entry_into_force"
point = "Annex 3"

[[finding]]
id = "f_odd"
kind = "sparkle"
route = "annex-iv"
when = "uses_inference"
title = { en = "Odd", nl = "Vreemd" }
cite = ["Art. 3(1)"]
status = "binding"
applies_from = "entry_into_force"

"#
        .to_string()
            + &finding("f_unused_fact", "fact", "uses_inference"));
        assert_eq!(
            problems(extra),
            [
                "R003 extra.toml:2:6 role finding `f_role_of_nobody` names no role",
                "R012 extra.toml:9:9 malformed point `Annex 3`",
                "R015 extra.toml:13:8 unknown finding kind `sparkle`",
                "R015 extra.toml:14:9 unknown route `annex-iv`",
                "W002 extra.toml:12:6 fact `f_odd` is used by no rule",
                "W002 extra.toml:22:6 fact `f_unused_fact` is used by no rule",
            ]
        );
    }
}
