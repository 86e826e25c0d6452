//! Cleaning register values: encodings, HTML in text fields, missing-value words and the
//! many ways registers write a date.

use crate::rules::Text;
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;

/// The text of a file: UTF-8 (a byte-order mark dropped), else Windows-1252, the code page of
/// spreadsheets saved on Windows (some US federal files are). The flag says which.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text, true)
        }
    }
}

/// A value, or none for the words registers use for "no value".
pub fn clean(s: &str) -> Option<&str> {
    let t = s.trim();
    let missing = t.is_empty()
        || ["n/a", "na", "none", "null", "-", "nan", "[]"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w));
    (!missing).then_some(t)
}

/// Text without HTML: tags become spaces or line breaks, entities are decoded, runs of
/// blanks collapse.
pub fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let block = ["p", "br", "li", "div", "ul", "ol", "h", "tr"]
            .iter()
            .any(|b| tag.starts_with(b));
        out.push(if block { '\n' } else { ' ' });
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    let decoded = html_escape::decode_html_entities(&out).replace('\u{a0}', " ");
    let lines: Vec<String> = decoded
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// A date as registers write it: `2024-05-01`, `2024-05`, `2024`, `05/01/2024`, an ISO
/// date-time. A month or a year is read as its first day for a start (`end = false`) and its
/// last day for an end, the cautious reading either way (duties start no later, and stop no
/// earlier, than the register allows).
pub fn date(s: &str, end: bool) -> Option<NaiveDate> {
    let t = clean(s)?;
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    for f in ["%m/%d/%Y", "%d-%m-%Y", "%d/%m/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d);
        }
    }
    let parts: Vec<&str> = t.split(['-', '/']).collect();
    let num = |p: &str| p.parse::<u32>().ok();
    let (year, month) = match parts.as_slice() {
        [y] if y.len() == 4 => (num(y)?, None),
        [y, m] if y.len() == 4 => (num(y)?, Some(num(m)?)),
        [m, y] if y.len() == 4 => (num(y)?, Some(num(m)?)),
        _ => return None,
    };
    let year = i32::try_from(year)
        .ok()
        .filter(|y| (1950..=2100).contains(y))?;
    match (month, end) {
        (None, false) => NaiveDate::from_ymd_opt(year, 1, 1),
        (None, true) => NaiveDate::from_ymd_opt(year, 12, 31),
        (Some(m), false) => NaiveDate::from_ymd_opt(year, m, 1),
        (Some(m), true) => {
            let first = NaiveDate::from_ymd_opt(year, m, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            next.pred_opt().filter(|d| d.month() == m)
        }
    }
}

/// The items of a multi-select cell: a Python list (`['a', 'b']`), or `;`-separated.
pub fn list(s: &str) -> Vec<String> {
    let t = s.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(t);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',' | ';') => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .filter_map(|x| clean(&x).map(str::to_string))
        .collect()
}

/// A system id from a URL: its last path segment.
pub fn slug(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or(url)
}

/// The rows of a delimited file after its header, each with its number (1 for the
/// first record) and the line it starts on. A row the CSV reader cannot read is passed on as
/// an error with its line, so that it is counted and reported.
pub fn csv_rows<'a>(
    text: &'a str,
    delimiter: u8,
) -> (
    Vec<String>,
    impl Iterator<Item = (usize, usize, Result<csv::StringRecord, Text>)> + 'a,
) {
    let index = crate::inventory::LineIndex::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(|c| c.trim().to_string()).collect())
        .unwrap_or_default();
    let line = move |pos: Option<&csv::Position>| {
        let start = pos.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
        let skip = text.get(start..).map_or(0, |rest| {
            rest.len() - rest.trim_start_matches(['\r', '\n']).len()
        });
        index.line_col(start + skip).0
    };
    let rows = reader
        .into_records()
        .enumerate()
        .map(move |(i, r)| match r {
            Ok(rec) => (i + 1, line(rec.position()), Ok(rec)),
            Err(e) => (
                i + 1,
                line(e.position()),
                Err(crate::inventory::csv_error(&e)),
            ),
        });
    (header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_stripped_to_text() {
        assert_eq!(
            strip_html("<p>Een&nbsp;chatbot</p><ul><li>a &amp; b</li></ul>x"),
            "Een chatbot\na & b\nx"
        );
        assert_eq!(strip_html("plain  text"), "plain text");
    }

    #[test]
    fn dates_are_read_cautiously() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(date("2023-08", false), d("2023-08-01"));
        assert_eq!(date("2023-02", true), d("2023-02-28"));
        assert_eq!(date("2021", true), d("2021-12-31"));
        assert_eq!(date("05/01/2024", false), d("2024-05-01"));
        assert_eq!(date("2025-06-26T07:39:09Z", false), d("2025-06-26"));
        assert_eq!(date("N/A", false), None);
        assert_eq!(date("soon", false), None);
    }

    #[test]
    fn lists_and_encodings() {
        assert_eq!(list("['a) Race', 'b) Sex']"), ["a) Race", "b) Sex"]);
        assert_eq!(list("x; y"), ["x", "y"]);
        assert!(list("[]").is_empty());
        let (t, legacy) = decode(b"caf\xe9 \x93q\x94");
        assert_eq!((t.as_ref(), legacy), ("café “q”", true));
        assert_eq!(decode(b"\xef\xbb\xbfok").0, "ok");
    }
}
