//! The risk table (`[[risk]]`): rows tried in order, the first whose condition is true gives the
//! class; a class the table may not give or does not know (R019), a pack without rows (R019).

use super::{Compiler, RawPack};
use crate::diag::Diagnostic;
use crate::rules::model::*;

impl Compiler<'_> {
    pub(super) fn risk_table(&mut self, raw: &RawPack, has_manifest: bool) -> Vec<RiskRow> {
        let mut risk = Vec::new();
        for (fi, row) in &raw.risk {
            let r = row.get_ref();
            let mut deps = Vec::new();
            let when = self.cond(*fi, &r.when, &mut deps);
            let class = match RiskClass::parse(r.class.get_ref()) {
                Some(RiskClass::Undetermined) => {
                    self.err(
                        "R019",
                        *fi,
                        r.class.span(),
                        t!(
                            "`undetermined` is the engine's own class",
                            "`undetermined` is de eigen klasse van de rekenmotor"
                        ),
                        t!(
                            "the engine gives it when an earlier row is unknown",
                            "de rekenmotor geeft die wanneer een eerdere rij onbekend is"
                        ),
                    );
                    RiskClass::Undetermined
                }
                Some(c) => c,
                None => {
                    let names: Vec<&str> = RiskClass::ALL[..8].iter().map(|c| c.name()).collect();
                    self.err(
                        "R019",
                        *fi,
                        r.class.span(),
                        t!(
                            "unknown risk class `{}`",
                            "onbekende risicoklasse `{}`",
                            r.class.get_ref()
                        ),
                        t!("use one of: {}", "gebruik een van: {}", names.join(", ")),
                    );
                    RiskClass::Undetermined
                }
            };
            risk.push(RiskRow {
                class,
                when,
                when_src: r.when.get_ref().clone(),
                origin: self.origin(*fi, &row.span()),
            });
        }
        if risk.is_empty() && has_manifest {
            self.diags.push(
                Diagnostic::error(
                    "R019",
                    t!(
                        "the rule pack has no risk table",
                        "het regelpakket heeft geen risicotabel"
                    ),
                )
                .with_hint(t!(
                    "add [[risk]] rows (usually in risk.toml): class and when",
                    "voeg rijen [[risk]] toe (meestal in risk.toml): `class` en `when`"
                )),
            );
        }
        risk
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::problems;

    #[test]
    fn the_risk_table_gives_known_classes_and_not_the_engines_own() {
        let extra = r#"[[risk]]
class = "undetermined"
when = "in_scope"

[[risk]]
class = "scary"
when = "in_scope"
"#;
        assert_eq!(
            problems(extra),
            [
                "R019 extra.toml:2:9 `undetermined` is the engine's own class",
                "R019 extra.toml:6:9 unknown risk class `scary`",
            ]
        );
    }
}
