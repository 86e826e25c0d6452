//! Transitions (`[[transition]]`): a period of grace for some systems over obligations named by
//! tag or by id (R003, R014); for each obligation, the transitions that cover it.

use super::{Compiler, RawPack};
use crate::rules::model::*;

impl Compiler<'_> {
    /// The transitions, and for each obligation the transitions that cover it.
    pub(super) fn transitions(
        &mut self,
        raw: &RawPack,
        obligations: &[Obligation],
    ) -> (Vec<Transition>, Vec<Vec<usize>>) {
        let mut transitions = Vec::new();
        let mut obligation_transitions = vec![Vec::new(); obligations.len()];
        for (ti, (fi, t)) in raw.transitions.iter().enumerate() {
            let fi = *fi;
            let r = t.get_ref();
            let mut deps = Vec::new();
            let when = self.cond(fi, &r.when, &mut deps);
            let until = self.date_ref(fi, r.until.span(), r.until.get_ref());
            let mut targets = Vec::new();
            for tag in &r.tags {
                let hits: Vec<usize> = obligations
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.tags.contains(tag.get_ref()))
                    .map(|(i, _)| i)
                    .collect();
                if hits.is_empty() {
                    self.err(
                        "R014",
                        fi,
                        tag.span(),
                        t!(
                            "no obligation has the tag `{}`",
                            "geen enkele verplichting heeft de tag `{}`",
                            tag.get_ref()
                        ),
                        t!(
                            "check the tag's spelling against the obligations' `tags`",
                            "controleer de spelling van de tag met de `tags` van de verplichtingen"
                        ),
                    );
                }
                targets.extend(hits);
            }
            for oid in &r.obligations {
                match self.ids.get(oid.get_ref()) {
                    Some(Item::Obligation(i)) => targets.push(*i),
                    _ => self.err(
                        "R014",
                        fi,
                        oid.span(),
                        t!(
                            "unknown obligation `{}`",
                            "onbekende verplichting `{}`",
                            oid.get_ref()
                        ),
                        t!(
                            "name an [[obligation]] id",
                            "noem een id van een [[obligation]]"
                        ),
                    ),
                }
            }
            if r.tags.is_empty() && r.obligations.is_empty() {
                self.err(
                    "R003",
                    fi,
                    r.id.span(),
                    t!(
                        "transition `{}` targets no obligation",
                        "overgang `{}` richt zich op geen enkele verplichting",
                        r.id.get_ref()
                    ),
                    t!(
                        "add `tags = [...]` or `obligations = [...]`",
                        "voeg `tags = [...]` of `obligations = [...]` toe"
                    ),
                );
            }
            targets.sort_unstable();
            targets.dedup();
            for o in &targets {
                obligation_transitions[*o].push(ti);
            }
            let title = self.text(
                fi,
                &r.title,
                t!("transition `{}`", "overgang `{}`", r.id.get_ref()),
            );
            let cite = self.cites(fi, &r.cite, &r.id);
            let status = self.status(fi, &r.status, &r.id);
            transitions.push(Transition {
                id: r.id.get_ref().clone(),
                obligations: targets,
                when,
                when_src: r.when.get_ref().clone(),
                until,
                title,
                cite,
                status,
                origin: self.origin(fi, &t.span()),
            });
        }
        (transitions, obligation_transitions)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::problems;

    #[test]
    fn a_transition_targets_known_obligations() {
        let extra = r#"[[transition]]
id = "t_misses"
tags = ["no-such-tag"]
obligations = ["art4_literacy", "no_such_obligation"]
when = "in_scope"
until = "general_application"
title = { en = "Grace", nl = "Respijt" }
cite = ["Art. 111(2)"]
status = "binding"

[[transition]]
id = "t_empty"
when = "in_scope"
until = "general_application"
title = { en = "Grace", nl = "Respijt" }
cite = ["Art. 111(2)"]
status = "binding"
"#;
        assert_eq!(
            problems(extra),
            [
                "R014 extra.toml:3:9 no obligation has the tag `no-such-tag`",
                "R014 extra.toml:4:33 unknown obligation `no_such_obligation`",
                "R003 extra.toml:12:6 transition `t_empty` targets no obligation",
            ]
        );
    }
}
