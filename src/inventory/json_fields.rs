//! Fields of a JSON system object read whole by serde: dates, literacy measures and hints.

use super::{Hint, LITERACY_KEYS, LiteracyMeasure};
use crate::rules::Text;
use chrono::NaiveDate;
use serde::Deserialize;

/// A date string `YYYY-MM-DD`.
pub(super) fn date_string(raw: &str) -> Result<NaiveDate, Text> {
    let s: String = serde_json::from_str(raw).map_err(|_| {
        t!(
            "a date must be a string YYYY-MM-DD",
            "een datum moet een tekst JJJJ-MM-DD zijn"
        )
    })?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
        t!(
            "\"{s}\" is not a date (YYYY-MM-DD)",
            "\"{s}\" is geen datum (JJJJ-MM-DD)"
        )
    })
}

/// `"literacy": [{"groups": [...], "measure": "...", "date": "...", "evidence": "..."}]`.
pub(super) fn literacy(raw: &str) -> Result<Vec<LiteracyMeasure>, Text> {
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
        let keys = LITERACY_KEYS.join(", ");
        let Text { en, nl } = crate::diag::parser_text(&e.to_string());
        t!(
            "`literacy` must be an array of {{{keys}}} objects ({en})",
            "`literacy` moet een lijst van objecten {{{keys}}} zijn ({nl})"
        )
    })?;
    if list
        .iter()
        .any(|m| m.measure.trim().is_empty() || m.groups.is_empty())
    {
        return Err(t!(
            "a literacy measure needs `measure` and `groups`",
            "een maatregel voor AI-geletterdheid vraagt `measure` en `groups`"
        ));
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
pub(super) fn hints(raw: &str) -> Result<Vec<Hint>, Text> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct H {
        question: String,
        #[serde(default)]
        reason: String,
    }
    let list: Vec<H> = serde_json::from_str(raw).map_err(|e| {
        let Text { en, nl } = crate::diag::parser_text(&e.to_string());
        t!(
            "`hints` must be an array of {{\"question\", \"reason\"}} objects ({en})",
            "`hints` moet een lijst van objecten {{\"question\", \"reason\"}} zijn ({nl})"
        )
    })?;
    if list.iter().any(|h| h.question.trim().is_empty()) {
        return Err(t!(
            "a hint has no `question`",
            "een aanwijzing heeft geen `question`"
        ));
    }
    Ok(list
        .into_iter()
        .map(|h| Hint {
            question: h.question,
            reason: h.reason,
        })
        .collect())
}
