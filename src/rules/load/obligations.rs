//! Obligations (`[[obligation]]`): addressees (R003, R014), the evidence they name (R014),
//! texts, citations, status and dates; an obligation whose addressee no finding can establish
//! never applies (R017).

use super::fields::role_hint;
use super::{Compiler, RawPack};
use crate::diag::did_you_mean;
use crate::rules::model::*;

impl Compiler<'_> {
    pub(super) fn obligations(
        &mut self,
        raw: &RawPack,
        law_versions: &[LawVersion],
    ) -> Vec<Obligation> {
        let mut obligations = Vec::new();
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
                    t!(
                        "obligation `{}` has no addressee",
                        "verplichting `{}` heeft geen geadresseerde",
                        r.id.get_ref()
                    ),
                    role_hint(),
                );
            }
            for a in r.addressee.get_ref() {
                match Role::parse(a.get_ref()) {
                    Some(role) => addressee.push(role),
                    None => self.err(
                        "R014",
                        fi,
                        a.span(),
                        t!("unknown role `{}`", "onbekende rol `{}`", a.get_ref()),
                        role_hint(),
                    ),
                }
            }
            let mut ev = Vec::new();
            for e in &r.evidence {
                match self.ids.get(e.get_ref()) {
                    Some(Item::Evidence(i)) => ev.push(*i),
                    _ => {
                        let known = self
                            .ids
                            .iter()
                            .filter(|(_, v)| matches!(v, Item::Evidence(_)))
                            .map(|(k, _)| k.as_str());
                        let hint = match did_you_mean(e.get_ref(), known) {
                            Some(k) => crate::diag::did_you_mean_text(k),
                            None => t!(
                                "define it as an [[evidence]] entry",
                                "definieer het als een element [[evidence]]"
                            ),
                        };
                        self.err(
                            "R014",
                            fi,
                            e.span(),
                            t!(
                                "unknown evidence `{}`",
                                "onbekend bewijsstuk `{}`",
                                e.get_ref()
                            ),
                            hint,
                        );
                    }
                }
            }
            let title = self.text(
                fi,
                &r.title,
                t!("obligation `{}`", "verplichting `{}`", r.id.get_ref()),
            );
            let text = self.text(
                fi,
                &r.text,
                t!("obligation `{}`", "verplichting `{}`", r.id.get_ref()),
            );
            let cite = self.cites(fi, &r.cite, &r.id);
            let status = self.status(fi, &r.status, &r.id);
            let law = self.law(fi, &r.law, law_versions);
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
        obligations
    }

    pub(super) fn unreachable_obligations(
        &mut self,
        raw: &RawPack,
        obligations: &[Obligation],
        role_findings: &[(Role, Vec<usize>)],
    ) {
        for (oi, (fi, o)) in raw.obligations.iter().enumerate() {
            let reachable = obligations[oi]
                .addressee
                .iter()
                .any(|a| role_findings.iter().any(|(r, fs)| r == a && !fs.is_empty()));
            if !reachable && !obligations[oi].addressee.is_empty() {
                self.err("R017", *fi, o.get_ref().id.span(), t!("obligation `{}` can never apply: no finding establishes its addressee role", "verplichting `{}` kan nooit gelden: geen enkele bevinding stelt de rol van de geadresseerde vast", o.get_ref().id.get_ref()), t!("add a finding of kind \"role\" for that role", "voeg voor die rol een bevinding van de soort \"role\" toe"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::problems;

    #[test]
    fn an_obligation_names_known_roles_and_evidence_and_can_apply() {
        let extra = r#"[[obligation]]
id = "o_provider_only"
addressee = ["provider", "wizard"]
when = "in_scope"
title = { en = "Do it", nl = "Doe het" }
text = { en = "Do it.", nl = "Doe het." }
evidence = ["staff_training_record"]
cite = ["Art. 16"]
status = "binding"
applies_from = "general_application"

[[obligation]]
id = "o_nobody"
addressee = []
when = "in_scope"
title = { en = "Do it", nl = "Doe het" }
text = { en = "Do it.", nl = "Doe het." }
cite = ["Art. 16"]
status = "binding"
applies_from = "general_application"
"#;
        assert_eq!(
            problems(extra),
            [
                "R014 extra.toml:3:26 unknown role `wizard`",
                "R014 extra.toml:7:13 unknown evidence `staff_training_record`",
                "R003 extra.toml:14:13 obligation `o_nobody` has no addressee",
                "R017 extra.toml:2:6 obligation `o_provider_only` can never apply: no finding establishes its addressee role",
            ]
        );
    }
}
