//! The serde model mirroring the TOML of rule files (pass 1). Everything the semantic pass
//! needs to point at is `Spanned`; optional-looking fields are optional so that their absence
//! gets a precise diagnostic of its own rather than a generic serde error.

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub en: Option<String>,
    pub nl: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    pub en: Option<Vec<String>>,
    pub nl: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawManifest {
    pub id: S<String>,
    pub version: S<String>,
    pub title: S<RawText>,
    pub law: S<RawText>,
    pub consolidated_version: S<String>,
    pub reviewed: S<toml::value::Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLawVersion {
    pub id: S<String>,
    pub from: S<toml::value::Datetime>,
    pub title: S<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTimeline {
    pub id: S<String>,
    pub date: S<toml::value::Datetime>,
    pub original_date: Option<S<toml::value::Datetime>>,
    pub label: S<RawText>,
    pub cite: Option<S<Vec<S<String>>>>,
    pub status: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub value: S<String>,
    pub label: S<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: S<String>,
    #[serde(rename = "type")]
    pub kind: S<String>,
    pub ask_when: Option<S<String>>,
    pub presumed_yes_when: Option<S<String>>,
    pub text: S<RawText>,
    pub why: Option<S<RawText>>,
    pub help: Option<S<RawText>>,
    pub examples: Option<S<RawExamples>>,
    pub choices: Option<S<Vec<S<RawChoice>>>>,
    pub cite: Option<S<Vec<S<String>>>>,
    pub status: Option<S<String>>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// `applies_from`: a date, a timeline id, or a list of `{ when, date }` cases.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawDateSpec {
    Date(toml::value::Datetime),
    Name(String),
    Cases(Vec<RawDateCase>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDateCase {
    // Spans do not survive untagged enums: problems point at the whole `applies_from`.
    pub when: String,
    pub date: RawDateRef,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawDateRef {
    Date(toml::value::Datetime),
    Name(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub id: S<String>,
    pub kind: S<String>,
    pub role: Option<S<String>>,
    pub route: Option<S<String>>,
    pub point: Option<S<String>>,
    pub when: S<String>,
    pub title: S<RawText>,
    pub explain: Option<S<RawText>>,
    pub cite: Option<S<Vec<S<String>>>>,
    pub status: Option<S<String>>,
    pub applies_from: Option<S<RawDateSpec>>,
    #[serde(default)]
    pub anticipated: bool,
    pub law: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObligation {
    pub id: S<String>,
    pub addressee: S<Vec<S<String>>>,
    pub when: S<String>,
    pub title: S<RawText>,
    pub text: S<RawText>,
    #[serde(default)]
    pub evidence: Vec<S<String>>,
    pub cite: Option<S<Vec<S<String>>>>,
    pub status: Option<S<String>>,
    #[serde(default)]
    pub tags: Vec<S<String>>,
    pub applies_from: Option<S<RawDateSpec>>,
    pub applies_until: Option<S<RawDateRef>>,
    pub law: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    pub id: S<String>,
    pub label: S<RawText>,
    pub holder: S<String>,
    pub cite: Option<S<Vec<S<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTransition {
    pub id: S<String>,
    #[serde(default)]
    pub tags: Vec<S<String>>,
    #[serde(default)]
    pub obligations: Vec<S<String>>,
    pub when: S<String>,
    pub until: S<RawDateRef>,
    pub title: S<RawText>,
    pub cite: Option<S<Vec<S<String>>>>,
    pub status: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    pub id: S<String>,
    pub when: S<String>,
    pub text: S<RawText>,
    pub cite: Option<S<Vec<S<String>>>>,
    pub status: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    pub class: S<String>,
    pub when: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub id: S<String>,
    pub description: Option<String>,
    pub as_of: S<toml::value::Datetime>,
    /// The system's lifecycle stage (`planned`, `in-development`, `in-use`, `retired`).
    pub lifecycle: Option<S<String>>,
    pub lifecycle_date: Option<S<toml::value::Datetime>>,
    #[serde(default)]
    pub answers: toml::Table,
    pub expect: S<RawExpect>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    pub risk: Option<String>,
    #[serde(default)]
    pub findings: Vec<String>,
    #[serde(default)]
    pub absent: Vec<String>,
    pub roles: Option<Vec<String>>,
    pub obligations: Option<std::collections::BTreeMap<String, String>>,
    #[serde(default)]
    pub obligations_include: std::collections::BTreeMap<String, String>,
    pub open_questions: Option<Vec<String>>,
    #[serde(default)]
    pub notes: Vec<String>,
}
