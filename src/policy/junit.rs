//! JUnit XML output of `aiact check`: a test suite per system, a test case for its
//! classification and one per piece of evidence required of the provider. A test case fails
//! when the check fails on it, and is skipped when a waiver accepts the gap.

use super::view::{CheckReport, FailureView, SystemCheckView};
use crate::report::InventoryReport;
use std::fmt::Write;

/// Escapes text for XML attributes and content; drops characters XML 1.0 cannot hold.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => {}
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

struct Case<'a> {
    name: String,
    failures: Vec<FailureView<'a>>,
}

fn cases<'a>(s: &SystemCheckView<'a>) -> Vec<Case<'a>> {
    let evidence_rules = ["missing-evidence", "expired-evidence", "undetermined"];
    let is_evidence = |f: &FailureView| {
        evidence_rules.contains(&f.rule) && s.provider_evidence.iter().any(|i| i.id == f.subject)
    };
    let mut out = vec![Case {
        name: format!("classification: {}", s.risk.name()),
        failures: s
            .failures
            .iter()
            .filter(|f| !is_evidence(f))
            .cloned()
            .collect(),
    }];
    for i in &s.provider_evidence {
        out.push(Case {
            name: format!("evidence: {} ({})", i.id, i.status.name()),
            failures: s
                .failures
                .iter()
                .filter(|f| is_evidence(f) && f.subject == i.id)
                .cloned()
                .collect(),
        });
    }
    out
}

/// Renders the check as JUnit XML.
pub fn render_junit(
    report: &InventoryReport<'_>,
    check: &CheckReport<'_>,
    timestamp: Option<&str>,
) -> String {
    let p = &report.provenance;
    let mut suites = String::new();
    let (mut total, mut total_failed, mut total_skipped) = (0, 0, 0);
    for s in &check.systems {
        let cases = cases(s);
        let failed = cases
            .iter()
            .filter(|c| c.failures.iter().any(|f| !f.is_waived()))
            .count();
        let skipped = cases
            .iter()
            .filter(|c| !c.failures.is_empty() && c.failures.iter().all(FailureView::is_waived))
            .count();
        total += cases.len();
        total_failed += failed;
        total_skipped += skipped;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\" file=\"{}\">",
            xml_escape(&format!("{} — {}", s.id, s.name)),
            cases.len(),
            xml_escape(s.file)
        );
        let _ = writeln!(suites, "    <properties>");
        let pack = format!("{} {}", p.pack_id, p.pack_version);
        let overlays: Vec<String> = p
            .overlays
            .iter()
            .map(|o| {
                let flag = if o.changes_binding.is_empty() {
                    ""
                } else {
                    " changes-binding-results"
                };
                format!("{} sha256:{}{flag}", o.dir, o.sha256)
            })
            .collect();
        let fixed = [
            ("system", s.id),
            ("risk", s.risk.name()),
            ("line", &s.line.to_string()),
            ("rule_pack", &pack),
            ("rule_pack_sha256", &p.pack_sha256),
        ];
        let overlays = overlays.iter().map(|o| ("overlay", o.as_str()));
        for (k, v) in fixed.into_iter().chain(overlays) {
            let _ = writeln!(
                suites,
                "      <property name=\"{k}\" value=\"{}\"/>",
                xml_escape(v)
            );
        }
        let _ = writeln!(suites, "    </properties>");
        let classname = xml_escape(&format!("aiact.check.{}", s.id));
        for c in &cases {
            let open: Vec<&FailureView> = c.failures.iter().filter(|f| !f.is_waived()).collect();
            let _ = write!(
                suites,
                "    <testcase classname=\"{classname}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                xml_escape(&c.name),
                xml_escape(s.file),
                s.line
            );
            if let Some(first) = open.first() {
                let message = open
                    .iter()
                    .map(|f| f.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                let body = open
                    .iter()
                    .map(|f| format!("{}: {}", f.rule, f.message))
                    .collect::<Vec<_>>()
                    .join("\n");
                let _ = writeln!(
                    suites,
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                    xml_escape(first.rule),
                    xml_escape(&message),
                    xml_escape(&body)
                );
            } else if !c.failures.is_empty() {
                let why = c
                    .failures
                    .iter()
                    .filter_map(|f| f.waived_by.and_then(|i| s.waivers.get(i)))
                    .map(|w| {
                        format!(
                            "waived: {} (accepted by {}, expires {})",
                            w.reason, w.accepted_by, w.expires
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                let _ = writeln!(
                    suites,
                    ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                    xml_escape(&why)
                );
            } else {
                let _ = writeln!(suites, "/>");
            }
        }
        let _ = writeln!(suites, "  </testsuite>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"aiact check ({} {}, as of {})\" tests=\"{total}\" failures=\"{total_failed}\" errors=\"0\" skipped=\"{total_skipped}\"{}>\n{suites}</testsuites>\n",
        xml_escape(&p.pack_id),
        xml_escape(&p.pack_version),
        p.as_of,
        timestamp.map_or_else(String::new, |ts| format!(
            " timestamp=\"{}\"",
            xml_escape(ts)
        ))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
