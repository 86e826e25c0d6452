//! The pack's texts in a report's language, looked up when a report is written: citations in
//! the official form of the language with their EUR-Lex address, the titles of rules named by
//! id, and answers in words. Borrowed from the pack wherever the text is the pack's own.

use crate::rules::{Lang, Pack};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

pub use crate::rules::cite::citation_text;

// A provision as the report cites it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Citation<'a> {
    pub text: Cow<'a, str>,
    /// The provision on EUR-Lex, in the report's language.
    pub url: String,
}

/// The EUR-Lex address of a citation in the consolidated text, in the given language.
pub fn eurlex_url(citation: &str, consolidated: &str, lang: Lang) -> String {
    let l = match lang {
        Lang::En => "EN",
        Lang::Nl => "NL",
    };
    // An article of another act (the amending regulation): that act's own page.
    if let Some((year, number, article)) = crate::rules::load::citations::other_act(citation) {
        let n: String = article
            .trim_start_matches("Art. ")
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        return format!(
            "https://eur-lex.europa.eu/legal-content/{l}/TXT/?uri=CELEX:3{year}R{number:0>4}#art_{n}"
        );
    }
    let anchor = if let Some(rest) = citation.strip_prefix("Art. ") {
        let n: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        format!("#art_{n}")
    } else if let Some(rest) = citation.strip_prefix("Annex ") {
        let n: String = rest
            .chars()
            .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
            .collect();
        format!("#anx_{n}")
    } else if let Some(rest) = citation.strip_prefix("Recital ") {
        format!("#rct_{}", rest.trim())
    } else {
        String::new()
    };
    format!("https://eur-lex.europa.eu/legal-content/{l}/TXT/?uri=CELEX:{consolidated}{anchor}")
}

/// The citations of a rule, in the report's language.
pub fn citations<'a>(pack: &Pack, cites: &'a [String], lang: Lang) -> Vec<Citation<'a>> {
    cites
        .iter()
        .map(|c| Citation {
            text: citation_text(c, lang),
            url: eurlex_url(c, &pack.manifest.consolidated_version, lang),
        })
        .collect()
}

/// The title of an obligation or finding id, in the given language (the id if it is neither).
pub fn item_title<'a>(pack: &'a Pack, id: &'a str, lang: Lang) -> &'a str {
    match pack.ids.get(id) {
        Some(crate::rules::Item::Obligation(i)) => pack.obligations[*i].title.get(lang),
        Some(crate::rules::Item::Finding(i)) => pack.findings[*i].title.get(lang),
        _ => id,
    }
}

/// A human-readable answer in the report's language.
pub fn answer_label<'a>(
    q: &'a crate::rules::Question,
    raw: &crate::answers::RawAnswer,
    lang: Lang,
) -> Cow<'a, str> {
    use crate::answers::RawAnswer;
    let label = |v: &str| {
        q.choices
            .iter()
            .find(|c| c.value == v)
            .map_or_else(|| Cow::Owned(v.to_string()), |c| c.label.get(lang).into())
    };
    match raw {
        RawAnswer::Bool(true) => if lang == Lang::Nl { "ja" } else { "yes" }.into(),
        RawAnswer::Bool(false) => if lang == Lang::Nl { "nee" } else { "no" }.into(),
        RawAnswer::Text(s) if s == "unknown" => if lang == Lang::Nl {
            "weet ik niet"
        } else {
            "don't know"
        }
        .into(),
        RawAnswer::Text(s) => label(s),
        RawAnswer::List(l) if l.is_empty() => if lang == Lang::Nl { "geen" } else { "none" }.into(),
        RawAnswer::List(l) => l
            .iter()
            .map(|v| label(v))
            .collect::<Vec<_>>()
            .join("; ")
            .into(),
        other => other.display().into(),
    }
}
