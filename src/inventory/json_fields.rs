//! Fields of a JSON system object read whole by serde: dates, literacy measures and hints.

use super::{Hint, LITERACY_KEYS, LiteracyMeasure};
use chrono::NaiveDate;
use serde::Deserialize;

/// A date string `YYYY-MM-DD`.
pub(super) fn date_string(raw: &str) -> Result<NaiveDate, String> {
    let s: String =
        serde_json::from_str(raw).map_err(|_| "a date must be a string YYYY-MM-DD".to_string())?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date (YYYY-MM-DD)"))
}

/// `"literacy": [{"groups": [...], "measure": "...", "date": "...", "evidence": "..."}]`.
pub(super) fn literacy(raw: &str) -> Result<Vec<LiteracyMeasure>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct M {
        groups: Vec<String>,
        measure: String,
        #[serde(default)]
        date: Option<NaiveDate>,
        #[serde(default)]
        evidence: String,
    }
    let list: Vec<M> = serde_json::from_str(raw).map_err(|e| {
        format!(
            "`literacy` must be an array of {{{}}} objects ({})",
            LITERACY_KEYS.join(", "),
            crate::diag::first_line(&e.to_string())
                .split(" at line ")
                .next()
                .unwrap_or("")
        )
    })?;
    if list
        .iter()
        .any(|m| m.measure.trim().is_empty() || m.groups.is_empty())
    {
        return Err("a literacy measure needs `measure` and `groups`".into());
    }
    Ok(list
        .into_iter()
        .map(|m| LiteracyMeasure {
            groups: m.groups.into_iter().map(|g| g.trim().to_string()).collect(),
            measure: m.measure,
            date: m.date,
            evidence: m.evidence,
        })
        .collect())
}

/// `"hints": [{"question": "...", "reason": "..."}]`.
pub(super) fn hints(raw: &str) -> Result<Vec<Hint>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct H {
        question: String,
        #[serde(default)]
        reason: String,
    }
    let list: Vec<H> = serde_json::from_str(raw).map_err(|e| {
        format!(
            "`hints` must be an array of {{\"question\", \"reason\"}} objects ({})",
            crate::diag::first_line(&e.to_string())
                .split(" at line ")
                .next()
                .unwrap_or("")
        )
    })?;
    if list.iter().any(|h| h.question.trim().is_empty()) {
        return Err("a hint has no `question`".into());
    }
    Ok(list
        .into_iter()
        .map(|h| Hint {
            question: h.question,
            reason: h.reason,
        })
        .collect())
}
