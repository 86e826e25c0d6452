//! The pack's manifest (`[pack]`, exactly one, R018) and its law versions (`[[law_version]]`, at
//! least one, sorted by the date each applies from).

use super::{Compiler, RawPack};
use crate::diag::Diagnostic;
use crate::rules::model::*;

impl Compiler<'_> {
    pub(super) fn manifest(&mut self, raw: &RawPack) -> Option<Manifest> {
        match raw.manifest.as_slice() {
            [(fi, m)] => {
                let fi = *fi;
                let m = m.get_ref();
                let title = self.text(
                    fi,
                    &m.title,
                    t!("the pack title", "de titel van het regelpakket"),
                );
                let law = self.text(
                    fi,
                    &m.law,
                    t!("the pack's law", "de wet van het regelpakket"),
                );
                let reviewed = self.date(fi, m.reviewed.span(), m.reviewed.get_ref());
                Some(Manifest {
                    id: m.id.get_ref().clone(),
                    version: m.version.get_ref().clone(),
                    title,
                    law,
                    consolidated_version: m.consolidated_version.get_ref().clone(),
                    reviewed,
                })
            }
            [] => {
                self.diags.push(
                    Diagnostic::error(
                        "R018",
                        t!(
                            "the rule pack has no manifest",
                            "het regelpakket heeft geen manifest"
                        ),
                    )
                    .with_hint(t!(
                        "add a [pack] table (usually in pack.toml); see docs/rule-format.md",
                        "voeg een tabel [pack] toe (meestal in pack.toml); zie docs/rule-format.md"
                    )),
                );
                None
            }
            [_, rest @ ..] => {
                for (fi, m) in rest {
                    self.err(
                        "R018",
                        *fi,
                        m.span(), t!("a second [pack] manifest", "een tweede manifest [pack]"), t!("a pack has exactly one manifest; overlays must not have one", "een regelpakket heeft precies één manifest; eigen regels mogen er geen hebben"),
                    );
                }
                None
            }
        }
    }

    pub(super) fn law_versions(&mut self, raw: &RawPack, has_manifest: bool) -> Vec<LawVersion> {
        let mut law_versions = Vec::new();
        for (fi, lv) in &raw.law_versions {
            let l = lv.get_ref();
            let title = self.text(*fi, &l.title, t!("a law version", "een wetsversie"));
            let from = self.date(*fi, l.from.span(), l.from.get_ref());
            law_versions.push(LawVersion {
                id: l.id.get_ref().clone(),
                from,
                title,
            });
        }
        if law_versions.is_empty() && has_manifest {
            self.diags.push(
                Diagnostic::error(
                    "R018",
                    t!(
                        "the rule pack declares no [[law_version]]",
                        "het regelpakket vermeldt geen [[law_version]]"
                    ),
                )
                .with_hint(t!(
                    "add at least one [[law_version]] with id, from and title",
                    "voeg minstens één [[law_version]] toe met `id`, `from` en `title`"
                )),
            );
        }
        law_versions.sort_by_key(|l| l.from);
        law_versions
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::problems;

    #[test]
    fn a_pack_has_one_manifest() {
        let extra = r#"[pack]
id = "second"
version = "1"
title = { en = "Second", nl = "Tweede" }
law = { en = "Law", nl = "Wet" }
consolidated_version = "x"
reviewed = 2026-11-28
"#;
        assert_eq!(
            problems(extra),
            ["R018 extra.toml:1:1 a second [pack] manifest",]
        );
    }
}
