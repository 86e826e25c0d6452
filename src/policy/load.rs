//! Loading a policy file in two passes, like the rule pack: (1) parse the TOML into a spanned
//! raw model, collecting syntax and shape errors; (2) one validation pass against the pack
//! (risk classes, levels, finding, evidence and obligation ids, dates, waivers). Every problem
//! is reported at once, each at its file, line and column; a policy with any error is refused.

use super::terms::{Level, Policy, PolicyRequirement, Waiver, WaiverTarget};
use crate::diag::{Diagnostic, did_you_mean, first_line};
use crate::rules::{FindingKind, Item, Pack, RiskClass};
use chrono::NaiveDate;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::ops::Range;
use toml::Spanned as S;
use toml::de::{DeValue, ValueDeserializer};

/// The top-level keys of a policy file.
pub const POLICY_KEYS: [&str; 3] = ["policy", "require", "waiver"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: Option<S<String>>,
    accept_risk: Option<S<Vec<S<String>>>>,
    fail_on: Option<S<Vec<S<String>>>>,
    fail_on_findings: Option<S<Vec<S<String>>>>,
    require_upcoming: Option<bool>,
    deny_overlay_changes_binding: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequire {
    evidence: S<String>,
    risk: Option<S<Vec<S<String>>>>,
    reason: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawDate {
    Date(toml::value::Datetime),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaiver {
    system: Option<S<String>>,
    evidence: Option<S<String>>,
    risk: Option<S<String>>,
    finding: Option<S<String>>,
    reason: Option<S<String>>,
    accepted_by: Option<S<String>>,
    accepted_on: Option<S<RawDate>>,
    expires: Option<S<RawDate>>,
}

struct Loader<'a> {
    path: &'a str,
    text: &'a str,
    pack: &'a Pack,
    diags: Vec<Diagnostic>,
}

/// Loads and validates a policy against a pack. On success returns the policy and any
/// warnings; otherwise every diagnostic found.
pub fn load_policy(
    path: &str,
    text: &str,
    pack: &Pack,
) -> Result<(Policy, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut l = Loader {
        path,
        text,
        pack,
        diags: Vec::new(),
    };
    let mut policy = Policy {
        file: path.to_string(),
        sha256: Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        ..Policy::default()
    };
    let (root, errors) = toml::de::DeTable::parse_recoverable(text);
    for e in &errors {
        l.err(
            "P001",
            e.span().unwrap_or(0..0),
            format!("TOML syntax error: {}", first_line(e.message())),
            "fix the TOML syntax; see docs/procurement.md",
        );
    }
    if !errors.is_empty() {
        return Err(l.diags);
    }
    let mut header = None;
    let mut requires = Vec::new();
    let mut waivers = Vec::new();
    for (key, value) in root.get_ref().iter() {
        let name: &str = key.get_ref();
        match name {
            "policy" => {
                if let Some(h) = l.shape::<RawHeader>(value.clone()) {
                    header = Some(h);
                }
            }
            "require" | "waiver" => {
                let DeValue::Array(items) = value.get_ref() else {
                    l.err(
                        "P003",
                        key.span(),
                        format!("`{name}` must be an array of tables"),
                        &format!("write each entry as [[{name}]]"),
                    );
                    continue;
                };
                for item in items.iter() {
                    let span = item.span();
                    if name == "require" {
                        if let Some(r) = l.shape::<RawRequire>(item.clone()) {
                            requires.push((span, r));
                        }
                    } else if let Some(w) = l.shape::<RawWaiver>(item.clone()) {
                        waivers.push((span, w));
                    }
                }
            }
            other => {
                let hint = did_you_mean(other, POLICY_KEYS).map_or_else(
                    || format!("known keys: {}", POLICY_KEYS.join(", ")),
                    |k| format!("did you mean `{k}`?"),
                );
                l.err("P002", key.span(), format!("unknown key `{other}`"), &hint);
            }
        }
    }

    // A policy that does not say what it fails on loosens the gate to the defaults without a
    // word: an empty file, one cut short, or a `[policy]` table without `fail_on` is refused.
    let states_fail_on = header
        .as_ref()
        .and_then(|h: &RawHeader| h.fail_on.as_ref())
        .is_some_and(|f| !f.get_ref().is_empty());
    if !states_fail_on {
        let (span, what) = match header.as_ref().and_then(|h| h.fail_on.as_ref()) {
            Some(f) => (f.span(), "the policy's `fail_on` is empty"),
            None if text.trim().is_empty() => (0..0, "the policy is empty"),
            None => (
                text.len()..text.len(),
                "the policy does not say what it fails on (no `fail_on` in `[policy]`)",
            ),
        };
        l.err(
            "P013",
            span,
            what.to_string(),
            "state at least `[policy]` with `fail_on = [\"prohibited\", \"undetermined\", \"missing-evidence\", \"expired-evidence\"]`; a policy file cut short is refused rather than read as a looser policy",
        );
    }
    if let Some(h) = header {
        policy.name = h.name.map(|n| n.into_inner()).unwrap_or_default();
        policy.require_upcoming = h.require_upcoming.unwrap_or(false);
        policy.deny_overlay_changes_binding = h.deny_overlay_changes_binding.unwrap_or(false);
        if let Some(list) = h.accept_risk {
            let classes = list.into_inner().iter().filter_map(|s| l.risk(s)).collect();
            policy.accept_risk = Some(classes);
        }
        if let Some(list) = h.fail_on {
            for s in list.get_ref() {
                match Level::parse(s.get_ref()) {
                    Some(level) if !policy.fail_on.contains(&level) => policy.fail_on.push(level),
                    Some(_) => {}
                    None => {
                        let names = Level::ALL.map(Level::name);
                        let hint = did_you_mean(s.get_ref(), names).map_or_else(
                            || format!("levels: {}", names.join(", ")),
                            |k| format!("did you mean `{k}`? levels: {}", names.join(", ")),
                        );
                        l.err(
                            "P005",
                            s.span(),
                            format!("unknown level `{}`", s.get_ref()),
                            &hint,
                        );
                    }
                }
            }
        }
        if let Some(list) = h.fail_on_findings {
            for s in list.get_ref() {
                if let Some(f) = l.finding(s) {
                    policy.fail_on_findings.push(f);
                }
            }
        }
    }

    for (span, r) in requires {
        let risk = r
            .risk
            .map(|list| list.into_inner().iter().filter_map(|s| l.risk(s)).collect())
            .unwrap_or_default();
        match l.pack.ids.get(r.evidence.get_ref().as_str()) {
            Some(Item::Evidence(e)) => policy.require.push(PolicyRequirement {
                evidence: *e,
                risk,
                reason: r.reason.map(|s| s.into_inner()).unwrap_or_default(),
                line: l.line(span),
            }),
            _ => l.unknown_evidence(&r.evidence, false),
        }
    }

    for (span, w) in waivers {
        if let Some(waiver) = l.waiver(span, w) {
            policy.waivers.push(waiver);
        }
    }

    if l.diags.iter().any(Diagnostic::is_error) {
        Err(l.diags)
    } else {
        Ok((policy, l.diags))
    }
}

impl Loader<'_> {
    fn err(&mut self, code: &'static str, span: Range<usize>, msg: String, hint: &str) {
        self.diags.push(
            Diagnostic::error(code, msg)
                .at(self.path, self.text, span)
                .with_hint(hint),
        );
    }

    fn line(&self, span: Range<usize>) -> usize {
        crate::diag::line_col(self.text, span.start).0
    }

    /// Deserializes one table; a shape error becomes a diagnostic at its span.
    fn shape<T: for<'de> Deserialize<'de>>(&mut self, value: S<DeValue<'_>>) -> Option<T> {
        let span = value.span();
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(v) => Some(v),
            Err(e) => {
                let msg = first_line(e.message())
                    .replace("struct RawHeader", "a [policy] table")
                    .replace("struct RawRequire", "a [[require]] table")
                    .replace("struct RawWaiver", "a [[waiver]] table")
                    .replace("untagged enum RawDate", "a date (YYYY-MM-DD)");
                let at = e.span().unwrap_or(span);
                if let Some((name, hint)) = crate::diag::unknown_field(&msg) {
                    self.err("P002", at, format!("unknown key `{name}`"), &hint);
                } else if msg.starts_with("missing field") {
                    self.err("P003", at, msg, "add the field; see docs/procurement.md");
                } else {
                    self.err(
                        "P003",
                        at,
                        msg,
                        "check the value's type against docs/procurement.md",
                    );
                }
                None
            }
        }
    }

    fn risk(&mut self, s: &S<String>) -> Option<RiskClass> {
        let r = RiskClass::parse(s.get_ref());
        if r.is_none() {
            let names = RiskClass::ALL.map(RiskClass::name);
            let hint = did_you_mean(s.get_ref(), names).map_or_else(
                || format!("risk classes: {}", names.join(", ")),
                |k| format!("did you mean `{k}`?"),
            );
            self.err(
                "P004",
                s.span(),
                format!("unknown risk class `{}`", s.get_ref()),
                &hint,
            );
        }
        r
    }

    fn finding(&mut self, s: &S<String>) -> Option<usize> {
        match self.pack.ids.get(s.get_ref().as_str()) {
            Some(Item::Finding(f)) => Some(*f),
            _ => {
                let hint = did_you_mean(
                    s.get_ref(),
                    self.pack.findings.iter().map(|f| f.id.as_str()),
                )
                .map_or_else(
                    || "`aiact rules list` shows every finding id".to_string(),
                    |k| format!("did you mean `{k}`?"),
                );
                self.err(
                    "P006",
                    s.span(),
                    format!(
                        "`{}` is not a finding of rule pack {}",
                        s.get_ref(),
                        self.pack.manifest.id
                    ),
                    &hint,
                );
                None
            }
        }
    }

    fn unknown_evidence(&mut self, s: &S<String>, obligations_too: bool) {
        let pack = self.pack;
        let ids = pack.evidence.iter().map(|e| e.id.as_str());
        let suggestion = if obligations_too {
            did_you_mean(
                s.get_ref(),
                ids.chain(pack.obligations.iter().map(|o| o.id.as_str())),
            )
        } else {
            did_you_mean(s.get_ref(), ids)
        };
        let what = if obligations_too {
            "an evidence kind or an obligation"
        } else {
            "an evidence kind"
        };
        let hint = suggestion.map_or_else(
            || "`aiact template --for procurement` lists every evidence kind".to_string(),
            |k| format!("did you mean `{k}`?"),
        );
        self.err(
            "P007",
            s.span(),
            format!(
                "`{}` is not {what} of rule pack {}",
                s.get_ref(),
                pack.manifest.id
            ),
            &hint,
        );
    }

    fn date(&mut self, d: &S<RawDate>, what: &str) -> Option<NaiveDate> {
        let parsed = match d.get_ref() {
            RawDate::Date(dt) => match (dt.date, dt.time) {
                (Some(x), None) => {
                    NaiveDate::from_ymd_opt(x.year.into(), x.month.into(), x.day.into())
                }
                _ => None,
            },
            RawDate::Text(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
        };
        if parsed.is_none() {
            let shown = match d.get_ref() {
                RawDate::Date(dt) => dt.to_string(),
                RawDate::Text(s) => format!("\"{s}\""),
            };
            self.err(
                "P008",
                d.span(),
                format!("`{what}`: {shown} is not a date"),
                "write a plain date, YYYY-MM-DD (e.g. 2027-06-30)",
            );
        }
        parsed
    }

    fn waiver(&mut self, span: Range<usize>, w: RawWaiver) -> Option<Waiver> {
        let pack = self.pack;
        let mut ok = true;
        let targets = [w.evidence.is_some(), w.risk.is_some(), w.finding.is_some()]
            .iter()
            .filter(|b| **b)
            .count();
        if targets != 1 {
            ok = false;
            let msg = if targets == 0 {
                "a waiver names no gap"
            } else {
                "a waiver names more than one gap"
            };
            self.err("P009", span.clone(), msg.to_string(), "give exactly one of `evidence` (an evidence kind or obligation id), `risk` (a risk class) or `finding` (a finding id)");
        }
        let mut target = None;
        let mut subject = String::new();
        if let Some(e) = &w.evidence {
            subject = e.get_ref().clone();
            match pack.ids.get(e.get_ref().as_str()) {
                Some(Item::Evidence(i)) => target = Some(WaiverTarget::Evidence(*i)),
                Some(Item::Obligation(i)) => target = Some(WaiverTarget::Obligation(*i)),
                _ => {
                    ok = false;
                    self.unknown_evidence(e, true);
                }
            }
        }
        if let Some(r) = &w.risk {
            subject = r.get_ref().clone();
            match self.risk(r) {
                Some(RiskClass::Prohibited) => {
                    ok = false;
                    self.err("P010", r.span(), "a prohibited practice cannot be waived".into(), "Art. 5 forbids placing on the market, putting into service and using it; no contract can accept that");
                }
                Some(class) => target = Some(WaiverTarget::Risk(class)),
                None => ok = false,
            }
        }
        if let Some(f) = &w.finding {
            subject = f.get_ref().clone();
            match self.finding(f) {
                Some(i) if pack.findings[i].kind == FindingKind::Prohibition => {
                    ok = false;
                    self.err("P010", f.span(), format!("`{}` is a prohibited practice and cannot be waived", f.get_ref()), "Art. 5 forbids placing on the market, putting into service and using it; no contract can accept that");
                }
                Some(i) => target = Some(WaiverTarget::Finding(i)),
                None => ok = false,
            }
        }
        let mut text = |field: &Option<S<String>>, name: &str, hint: &str| -> String {
            match field {
                Some(s) if !s.get_ref().trim().is_empty() => s.get_ref().trim().to_string(),
                Some(s) => {
                    ok = false;
                    self.err(
                        "P009",
                        s.span(),
                        format!("a waiver's `{name}` is empty"),
                        hint,
                    );
                    String::new()
                }
                None => {
                    ok = false;
                    self.err(
                        "P009",
                        span.clone(),
                        format!("a waiver has no `{name}`"),
                        hint,
                    );
                    String::new()
                }
            }
        };
        let reason = text(
            &w.reason,
            "reason",
            "say why the gap is accepted, e.g. reason = \"declaration promised before go-live\"",
        );
        let accepted_by = text(
            &w.accepted_by,
            "accepted_by",
            "say who accepted the gap, e.g. accepted_by = \"J. Peeters, head of procurement\"",
        );
        if let Some(s) = &w.system
            && s.get_ref().trim().is_empty()
        {
            ok = false;
            self.err(
                "P009",
                s.span(),
                "a waiver's `system` is empty".into(),
                "name a system id, or leave `system` out to waive for every system",
            );
        }
        let accepted_on = w.accepted_on.as_ref().and_then(|d| {
            let r = self.date(d, "accepted_on");
            if r.is_none() {
                ok = false;
            }
            r
        });
        let expires = match &w.expires {
            Some(d) => self.date(d, "expires"),
            None => {
                self.err(
                    "P009",
                    span.clone(),
                    "a waiver has no `expires` date".into(),
                    "every waiver ends: add expires = YYYY-MM-DD",
                );
                None
            }
        };
        if let (Some(on), Some(exp), Some(d)) = (accepted_on, expires, &w.accepted_on)
            && exp < on
        {
            ok = false;
            self.err(
                "P008",
                d.span(),
                format!("the waiver is accepted on {on}, after it expires ({exp})"),
                "check the dates",
            );
        }
        match (ok, target, expires) {
            (true, Some(target), Some(expires)) => Some(Waiver {
                system: w.system.map(|s| s.into_inner().trim().to_string()),
                target,
                subject,
                reason,
                accepted_by,
                accepted_on,
                expires,
                line: self.line(span),
            }),
            _ => None,
        }
    }
}
