//! Overlays: an organisation's own rule files loaded on top of the base pack. They may add
//! questions, findings, obligations and notes of their own; what can change the base pack's
//! binding results — a transition over a binding obligation of the pack, a law version, a
//! risk-table row — is named on every run (W003) and can be refused (see docs/trust-model.md).

use super::load::{SourceFile, files_sha256, load};
use super::model::{OverlayInfo, Pack, RuleStatus, Text};
use crate::diag::Diagnostic;

/// How many changed obligations a change names before it counts the rest.
const NAMED: usize = 5;

/// Loads the base pack with the overlays on top. The pack's hash is the base pack's; each
/// overlay gets its own, and a warning for each change it makes to binding results.
pub fn load_layers(
    base: &[SourceFile],
    overlays: &[(String, Vec<SourceFile>)],
) -> Result<(Pack, Vec<Diagnostic>), Vec<Diagnostic>> {
    let files: Vec<SourceFile> = base
        .iter()
        .chain(overlays.iter().flat_map(|(_, f)| f))
        .cloned()
        .collect();
    let (mut pack, mut warnings) = load(&files)?;
    pack.sha256 = files_sha256(base);
    for (dir, files) in overlays {
        let info = OverlayInfo {
            dir: dir.clone(),
            sha256: files_sha256(files),
            changes: changes(&pack, base, files),
        };
        for Text { en: c_en, nl: c_nl } in &info.changes {
            warnings.push(
                Diagnostic::warning(
                    "W003",
                    t!(
                        "the overlay `{dir}` changes binding results: {c_en}",
                        "de eigen regels in `{dir}` wijzigen bindende resultaten: {c_nl}"
                    ),
                )
                .in_file(dir)
                .with_hint(t!(
                    "every report names this overlay; refuse it with --deny-overlay-changes-binding",
                    "elk rapport vermeldt deze eigen regels; weiger ze met --deny-overlay-changes-binding"
                )),
            );
        }
        pack.overlays.push(info);
    }
    Ok((pack, warnings))
}

/// What the overlay's files change in the base pack's binding results.
fn changes(pack: &Pack, base: &[SourceFile], files: &[SourceFile]) -> Vec<Text> {
    let ours = |file: &str| files.iter().any(|f| f.path == file);
    let in_base = |file: &str| base.iter().any(|f| f.path == file);
    let mut out = Vec::new();
    for t in pack.transitions.iter().filter(|t| ours(&t.origin.file)) {
        let binding: Vec<&str> = t
            .obligations
            .iter()
            .map(|o| &pack.obligations[*o])
            .filter(|o| o.status == RuleStatus::Binding && in_base(&o.origin.file))
            .map(|o| o.id.as_str())
            .collect();
        if binding.is_empty() {
            continue;
        }
        let more = binding.len().saturating_sub(NAMED);
        let names = binding[..binding.len().min(NAMED)].join("`, `");
        let (more_en, more_nl) = match more {
            0 => (String::new(), String::new()),
            n => (format!(" and {n} more"), format!(" en nog {n}")),
        };
        let (id, file, line) = (&t.id, &t.origin.file, t.origin.line);
        out.push(t!(
            "transition `{id}` ({file}:{line}) puts the pack's binding obligation(s) `{names}`{more_en} in transition",
            "de overgang `{id}` ({file}:{line}) zet de bindende verplichting(en) `{names}`{more_nl} van het regelpakket in overgang"
        ));
    }
    for r in pack.risk.iter().filter(|r| ours(&r.origin.file)) {
        let (class, file, line) = (r.class.name(), &r.origin.file, r.origin.line);
        out.push(t!(
            "a risk-table row for `{class}` ({file}:{line})",
            "een rij van de risicotabel voor `{class}` ({file}:{line})"
        ));
    }
    for f in files {
        let law = f
            .text
            .parse::<toml::Table>()
            .is_ok_and(|t| t.contains_key("law_version"));
        if law {
            out.push(t!("law version(s) in {}", "wetsversie(s) in {}", f.path));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlay(text: &str) -> Vec<(String, Vec<SourceFile>)> {
        vec![(
            "org".to_string(),
            vec![SourceFile {
                path: "org/x.toml".to_string(),
                text: text.to_string(),
            }],
        )]
    }

    #[test]
    fn a_risk_row_changes_binding_results_and_the_hashes_are_apart() {
        let base = super::super::embedded_files();
        let (plain, _) = load_layers(&base, &[]).expect("pack");
        let layers = overlay("[[risk]]\nclass = \"minimal\"\nwhen = \"true\"\n");
        let (pack, warnings) = load_layers(&base, &layers).expect("pack with overlay");
        assert_eq!(pack.sha256, plain.sha256, "the base pack keeps its hash");
        assert_eq!(pack.overlays.len(), 1);
        assert_ne!(pack.overlays[0].sha256, plain.sha256);
        assert!(
            pack.overlays[0].changes[0]
                .en
                .contains("risk-table row for `minimal`")
        );
        assert!(warnings.iter().any(|w| w.code == "W003"));
    }

    #[test]
    fn an_overlay_with_only_its_own_rules_changes_nothing() {
        let base = super::super::embedded_files();
        let layers = overlay(
            r#"[[note]]
id = "org_note"
when = "true"
text = { en = "Ask the DPO.", nl = "Vraag het de DPO." }
cite = ["Art. 26(9)"]
status = "interpretation"
"#,
        );
        match load_layers(&base, &layers) {
            Ok((pack, warnings)) => {
                assert!(pack.overlays[0].changes.is_empty());
                assert!(!warnings.iter().any(|w| w.code == "W003"));
            }
            Err(d) => panic!("{d:?}"),
        }
    }
}
