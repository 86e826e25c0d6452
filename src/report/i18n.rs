//! The fixed texts of the reports, in every shipped language (`texts.toml`), and date
//! formatting.

use crate::rules::Lang;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A fixed text in every shipped language.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    en: String,
    nl: String,
}

impl Text {
    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
        }
    }
}

/// Every renderer takes its fixed texts from `texts.toml` (data, embedded in the binary),
/// read once.
fn all() -> &'static BTreeMap<String, Text> {
    static TEXTS: OnceLock<BTreeMap<String, Text>> = OnceLock::new();
    TEXTS.get_or_init(|| toml::from_str(include_str!("texts.toml")).unwrap_or_default())
}

/// The fixed texts in one language, by key.
pub fn texts(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    all()
        .iter()
        .map(|(k, t)| (k.as_str(), t.get(lang)))
        .collect()
}

/// One fixed text; `?` if the key is unknown (a bug the tests would show).
pub fn tr(lang: Lang, key: &str) -> &'static str {
    all().get(key).map_or("?", |t| t.get(lang))
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `2026-08-02` as `2 August 2026` / `2 augustus 2026`; other text unchanged.
pub fn long_date(iso: &str, lang: Lang) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => {
            use chrono::Datelike;
            let months = if lang == Lang::Nl {
                &MONTHS_NL
            } else {
                &MONTHS_EN
            };
            format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
        }
        Err(_) => iso.to_string(),
    }
}

/// `2026-08-02` as `2 Aug 2026` / `2 aug 2026` (for the timeline picture).
pub fn short_date(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let months = if lang == Lang::Nl {
        &MONTHS_NL
    } else {
        &MONTHS_EN
    };
    let m: String = months[d.month0() as usize].chars().take(3).collect();
    format!("{} {} {}", d.day(), m, d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        // Read strictly: a duplicate key, a missing language or an unknown field is an error.
        let texts: BTreeMap<String, Text> =
            toml::from_str(include_str!("texts.toml")).expect("texts.toml is well-formed");
        assert!(texts.len() > 100, "texts.toml read whole");
        for (key, t) in &texts {
            assert!(!t.en.is_empty() && !t.nl.is_empty(), "{key}");
        }
        assert_eq!(tr(Lang::Nl, "assessed_on"), "Beoordeeld op");
        assert_eq!(tr(Lang::En, "no such key"), "?");
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(long_date("2027-12-02", Lang::En), "2 December 2027");
        assert_eq!(long_date("2027-12-02", Lang::Nl), "2 december 2027");
        assert_eq!(long_date("not a date", Lang::Nl), "not a date");
    }
}
