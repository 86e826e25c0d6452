//! Loading a policy file in two passes, like the rule pack: (1) parse the TOML into a spanned
//! raw model, collecting syntax and shape errors; (2) one validation pass against the pack
//! (risk classes, levels, finding, evidence and obligation ids, dates, waivers). Every problem
//! is reported at once, each at its file, line and column; a policy with any error is refused.

use super::terms::{Level, Policy, PolicyRequirement, Waiver, WaiverTarget};
use crate::diag::{Diagnostic, did_you_mean, first_line};
use crate::rules::{FindingKind, Item, Pack, RiskClass, Text};
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
            crate::diag::syntax_error("TOML", e.message()),
            t!(
                "fix the TOML syntax; see docs/procurement.md",
                "verbeter de TOML-syntaxis; zie docs/procurement.md"
            ),
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
                        t!(
                            "`{name}` must be an array of tables",
                            "`{name}` moet een lijst van tabellen zijn"
                        ),
                        t!(
                            "write each entry as [[{name}]]",
                            "schrijf elk element als [[{name}]]"
                        ),
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
                let hint = crate::diag::known_keys(other, &POLICY_KEYS);
                l.err(
                    "P002",
                    key.span(),
                    t!("unknown key `{other}`", "onbekende sleutel `{other}`"),
                    hint,
                );
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
            Some(f) => (
                f.span(),
                t!(
                    "the policy's `fail_on` is empty",
                    "`fail_on` van het beleid is leeg"
                ),
            ),
            None if text.trim().is_empty() => {
                (0..0, t!("the policy is empty", "het beleid is leeg"))
            }
            None => (
                text.len()..text.len(),
                t!(
                    "the policy does not say what it fails on (no `fail_on` in `[policy]`)",
                    "het beleid zegt niet waarop het faalt (geen `fail_on` in `[policy]`)"
                ),
            ),
        };
        l.err(
            "P013",
            span,
            what,
            t!(
                "state at least `[policy]` with `fail_on = [\"prohibited\", \"undetermined\", \"missing-evidence\", \"expired-evidence\"]`; a policy file cut short is refused rather than read as a looser policy",
                "vermeld minstens `[policy]` met `fail_on = [\"prohibited\", \"undetermined\", \"missing-evidence\", \"expired-evidence\"]`; een afgebroken beleidsbestand wordt geweigerd in plaats van gelezen als een soepeler beleid"
            ),
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
                        let levels = names.join(", ");
                        let hint = did_you_mean(s.get_ref(), names).map_or_else(
                            || t!("levels: {levels}", "niveaus: {levels}"),
                            |k| {
                                t!(
                                    "did you mean `{k}`? levels: {levels}",
                                    "bedoelde u `{k}`? niveaus: {levels}"
                                )
                            },
                        );
                        l.err(
                            "P005",
                            s.span(),
                            t!("unknown level `{}`", "onbekend niveau `{}`", s.get_ref()),
                            hint,
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

/// The hint of P010: why no contract can accept a prohibited practice.
fn art5_hint() -> Text {
    t!(
        "Art. 5 forbids placing on the market, putting into service and using it; no contract can accept that",
        "art. 5 verbiedt het in de handel brengen, in gebruik stellen en gebruiken ervan; geen contract kan dat aanvaarden"
    )
}

impl Loader<'_> {
    fn err(&mut self, code: &'static str, span: Range<usize>, msg: Text, hint: Text) {
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
                let raw = first_line(e.message());
                let mut msg = crate::diag::parser_text(raw);
                msg.en = msg
                    .en
                    .replace("struct RawHeader", "a [policy] table")
                    .replace("struct RawRequire", "a [[require]] table")
                    .replace("struct RawWaiver", "a [[waiver]] table")
                    .replace("untagged enum RawDate", "a date (YYYY-MM-DD)");
                if raw.contains("untagged enum RawDate") {
                    msg.nl = "geen datum (JJJJ-MM-DD)".to_string();
                }
                let at = e.span().unwrap_or(span);
                if let Some((name, hint)) = crate::diag::unknown_field(raw) {
                    let msg = t!("unknown key `{name}`", "onbekende sleutel `{name}`");
                    self.err("P002", at, msg, hint);
                } else if raw.starts_with("missing field") {
                    let hint = t!(
                        "add the field; see docs/procurement.md",
                        "voeg het veld toe; zie docs/procurement.md"
                    );
                    self.err("P003", at, msg, hint);
                } else {
                    let hint = t!(
                        "check the value's type against docs/procurement.md",
                        "controleer het type van de waarde met docs/procurement.md"
                    );
                    self.err("P003", at, msg, hint);
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
                || {
                    let names = names.join(", ");
                    t!("risk classes: {names}", "risicoklassen: {names}")
                },
                crate::diag::did_you_mean_text,
            );
            self.err(
                "P004",
                s.span(),
                t!(
                    "unknown risk class `{}`",
                    "onbekende risicoklasse `{}`",
                    s.get_ref()
                ),
                hint,
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
                    || {
                        t!(
                            "`aiact rules list` shows every finding id",
                            "`aiact rules list` toont elke id van een bevinding"
                        )
                    },
                    crate::diag::did_you_mean_text,
                );
                self.err(
                    "P006",
                    s.span(),
                    t!(
                        "`{}` is not a finding of rule pack {}",
                        "`{}` is geen bevinding van regelpakket {}",
                        s.get_ref(),
                        self.pack.manifest.id
                    ),
                    hint,
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
        let (what_en, what_nl) = if obligations_too {
            (
                "an evidence kind or an obligation",
                "soort bewijsstuk en geen verplichting",
            )
        } else {
            ("an evidence kind", "soort bewijsstuk")
        };
        let hint = suggestion.map_or_else(
            || {
                t!(
                    "`aiact template --for procurement` lists every evidence kind",
                    "`aiact template --for procurement` somt elke soort bewijsstuk op"
                )
            },
            crate::diag::did_you_mean_text,
        );
        let (id, pack_id) = (s.get_ref(), &pack.manifest.id);
        self.err(
            "P007",
            s.span(),
            t!(
                "`{id}` is not {what_en} of rule pack {pack_id}",
                "`{id}` is geen {what_nl} van regelpakket {pack_id}"
            ),
            hint,
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
                t!(
                    "`{what}`: {shown} is not a date",
                    "`{what}`: {shown} is geen datum"
                ),
                t!(
                    "write a plain date, YYYY-MM-DD (e.g. 2027-06-30)",
                    "schrijf een gewone datum, JJJJ-MM-DD (bv. 2027-06-30)"
                ),
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
                t!("a waiver names no gap", "een afwijking noemt geen tekort")
            } else {
                t!(
                    "a waiver names more than one gap",
                    "een afwijking noemt meer dan één tekort"
                )
            };
            self.err("P009", span.clone(), msg, t!(
                "give exactly one of `evidence` (an evidence kind or obligation id), `risk` (a risk class) or `finding` (a finding id)",
                "geef precies één van `evidence` (een soort bewijsstuk of id van een verplichting), `risk` (een risicoklasse) of `finding` (een id van een bevinding)"
            ));
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
                    self.err(
                        "P010",
                        r.span(),
                        t!(
                            "a prohibited practice cannot be waived",
                            "voor een verboden praktijk kan geen afwijking gelden"
                        ),
                        art5_hint(),
                    );
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
                    self.err(
                        "P010",
                        f.span(),
                        t!(
                            "`{}` is a prohibited practice and cannot be waived",
                            "`{}` is een verboden praktijk; daarvoor kan geen afwijking gelden",
                            f.get_ref()
                        ),
                        art5_hint(),
                    );
                }
                Some(i) => target = Some(WaiverTarget::Finding(i)),
                None => ok = false,
            }
        }
        let mut text = |field: &Option<S<String>>, name: &str, hint: Text| -> String {
            match field {
                Some(s) if !s.get_ref().trim().is_empty() => s.get_ref().trim().to_string(),
                Some(s) => {
                    ok = false;
                    self.err(
                        "P009",
                        s.span(),
                        t!(
                            "a waiver's `{name}` is empty",
                            "`{name}` van een afwijking is leeg"
                        ),
                        hint,
                    );
                    String::new()
                }
                None => {
                    ok = false;
                    self.err(
                        "P009",
                        span.clone(),
                        t!(
                            "a waiver has no `{name}`",
                            "een afwijking heeft geen `{name}`"
                        ),
                        hint,
                    );
                    String::new()
                }
            }
        };
        let reason = text(
            &w.reason,
            "reason",
            t!(
                "say why the gap is accepted, e.g. reason = \"declaration promised before go-live\"",
                "zeg waarom het tekort aanvaard wordt, bv. reason = \"verklaring beloofd vóór de ingebruikname\""
            ),
        );
        let accepted_by = text(
            &w.accepted_by,
            "accepted_by",
            t!(
                "say who accepted the gap, e.g. accepted_by = \"J. Peeters, head of procurement\"",
                "zeg wie het tekort aanvaardde, bv. accepted_by = \"J. Peeters, diensthoofd aankoop\""
            ),
        );
        if let Some(s) = &w.system
            && s.get_ref().trim().is_empty()
        {
            ok = false;
            self.err(
                "P009",
                s.span(),
                t!(
                    "a waiver's `system` is empty",
                    "`system` van een afwijking is leeg"
                ),
                t!(
                    "name a system id, or leave `system` out to waive for every system",
                    "noem een systeem-id, of laat `system` weg om de afwijking voor elk systeem te laten gelden"
                ),
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
                    t!(
                        "a waiver has no `expires` date",
                        "een afwijking heeft geen datum `expires`"
                    ),
                    t!(
                        "every waiver ends: add expires = YYYY-MM-DD",
                        "elke afwijking loopt af: voeg expires = JJJJ-MM-DD toe"
                    ),
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
                t!(
                    "the waiver is accepted on {on}, after it expires ({exp})",
                    "de afwijking is aanvaard op {on}, nadat ze verloopt ({exp})"
                ),
                t!("check the dates", "controleer de data"),
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
