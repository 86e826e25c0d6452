//! Evidence kinds (`[[evidence]]`): the documents that show an obligation is met, who holds
//! them (R014); an evidence kind no obligation names (W001).

use super::fields::role_hint;
use super::{Compiler, RawPack};
use crate::rules::model::*;
use std::collections::HashSet;

impl Compiler<'_> {
    pub(super) fn evidence(&mut self, raw: &RawPack) -> Vec<Evidence> {
        let mut evidence = Vec::new();
        for (fi, e) in &raw.evidence {
            let r = e.get_ref();
            let label = self.text(
                *fi,
                &r.label,
                t!("evidence `{}`", "bewijsstuk `{}`", r.id.get_ref()),
            );
            let holder = Role::parse(r.holder.get_ref()).unwrap_or_else(|| {
                self.err(
                    "R014",
                    *fi,
                    r.holder.span(),
                    t!(
                        "unknown role `{}`",
                        "onbekende rol `{}`",
                        r.holder.get_ref()
                    ),
                    role_hint(),
                );
                Role::Provider
            });
            let cite = self.cites(*fi, &r.cite, &r.id);
            evidence.push(Evidence {
                id: r.id.get_ref().clone(),
                label,
                holder,
                cite,
                origin: self.origin(*fi, &e.span()),
            });
        }
        evidence
    }

    pub(super) fn unused_evidence(&mut self, raw: &RawPack, obligations: &[Obligation]) {
        let used_evidence: HashSet<usize> = obligations
            .iter()
            .flat_map(|o| o.evidence.iter().copied())
            .collect();
        for (i, (fi, e)) in raw.evidence.iter().enumerate() {
            if !used_evidence.contains(&i) {
                self.warn(
                    "W001",
                    *fi,
                    e.get_ref().id.span(),
                    t!(
                        "evidence `{}` is named by no obligation",
                        "bewijsstuk `{}` wordt door geen enkele verplichting genoemd",
                        e.get_ref().id.get_ref()
                    ),
                    t!(
                        "name it in an obligation's `evidence` or remove it",
                        "noem het in `evidence` van een verplichting of verwijder het"
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
    fn evidence_has_a_known_holder_and_some_obligation_names_it() {
        let extra = r#"[[evidence]]
id = "ev_nobody_names"
label = { en = "A register", nl = "Een register" }
holder = "dragon"
cite = ["Art. 26(6)"]
"#;
        assert_eq!(
            problems(extra),
            [
                "R014 extra.toml:4:10 unknown role `dragon`",
                "W001 extra.toml:2:6 evidence `ev_nobody_names` is named by no obligation",
            ]
        );
    }
}
