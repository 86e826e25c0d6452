//! Diagnostics: problems in rule files, answers, inventories and policies are values, collected
//! and shown together, each with a location, a stable code and a hint.
//!
//! Every message and hint is a [`Text`] in English and Dutch, written at the place that finds
//! the problem with the `t!` macro (in `lib.rs`): `t!("`{id}` appears twice", "`{id}` komt twee
//! keer voor")`. A diagnostic cannot be built from a plain string, so a message without its
//! Dutch text does not compile. The language is chosen when the diagnostic is shown
//! ([`Diagnostic::render`], [`Diagnostic::json`]); the code stays the same in every language.
//! Messages of the parser crates (serde, toml, serde_json, csv) are English sentences;
//! [`parser_text`] turns their common shapes into Dutch ones.

mod parser;

pub use crate::lang::{Lang, Text};
pub use parser::parser_text;
pub mod grouped;

use serde::Serialize;
use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: Text,
    pub location: Option<Location>,
    pub hint: Option<Text>,
    /// The source line the location points into, for display (an excerpt of a long line).
    pub source_line: Option<String>,
    /// Where the caret goes in `source_line`, in characters, when it is an excerpt.
    pub source_caret: Option<usize>,
}

impl Text {
    /// The text behind a prefix that reads the same in both languages: a key name or a path
    /// (`lifecycle_date: `), never a word.
    pub fn prefixed(self, prefix: &str) -> Text {
        Text {
            en: format!("{prefix}{}", self.en),
            nl: format!("{prefix}{}", self.nl),
        }
    }

    /// "what: text", with `what` in each language.
    pub fn prefixed_by(self, en: &str, nl: &str) -> Text {
        Text {
            en: format!("{en}: {}", self.en),
            nl: format!("{nl}: {}", self.nl),
        }
    }
}

/// A diagnostic in one language, as the JSON outputs carry it.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<&'a str>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<Text>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
            source_line: None,
            source_caret: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Points the diagnostic at a byte span of a source text.
    pub fn at(self, file: &str, source: &str, span: Range<usize>) -> Self {
        let (line, column, text) = line_col(source, span.start);
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        self.at_line(file, line, column)
            .with_source(text, start - line_start)
    }

    /// Shows the source line, the caret at byte `at` of it. A long line (minified JSON, a
    /// 100 MB value) is cut to an excerpt around the caret, in time and memory independent
    /// of its length.
    pub fn with_source(mut self, line: &str, at: usize) -> Self {
        if line.len() <= SOURCE_EXCERPT {
            self.source_line = Some(line.to_string());
            self.source_caret = None;
            return self;
        }
        let at = floor_char_boundary(line, at.min(line.len()));
        let start = floor_char_boundary(line, at.saturating_sub(SOURCE_EXCERPT / 2));
        let end = floor_char_boundary(line, (start + SOURCE_EXCERPT).min(line.len()));
        let mut text = String::new();
        if start > 0 {
            text.push('…');
        }
        text.push_str(&line[start..end]);
        if end < line.len() {
            text.push('…');
        }
        self.source_caret = Some(line[start..at].chars().count() + usize::from(start > 0));
        self.source_line = Some(text);
        self
    }

    /// Points the diagnostic at a line and column known without the source (CSV rows).
    pub fn at_line(mut self, file: &str, line: usize, column: usize) -> Self {
        self.location = Some(Location {
            file: file.to_string(),
            line,
            column,
        });
        self
    }

    pub fn in_file(mut self, file: &str) -> Self {
        if self.location.is_none() {
            self.location = Some(Location {
                file: file.to_string(),
                line: 0,
                column: 0,
            });
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as a person reads it, in `lang`: severity, code, message, location, the
    /// source line with a caret, and the hint.
    pub fn render(&self, lang: Lang) -> Rendered<'_> {
        Rendered { diag: self, lang }
    }

    /// The diagnostic in `lang`, for the JSON outputs.
    pub fn json(&self, lang: Lang) -> JsonDiagnostic<'_> {
        JsonDiagnostic {
            code: self.code,
            severity: self.severity,
            message: self.message.get(lang),
            location: self.location.as_ref(),
            hint: self.hint.as_ref().map(|h| h.get(lang)),
        }
    }
}

/// "error" / "fout", "warning" / "waarschuwing": the word before a diagnostic's code, and
/// before the other problems the command line reports.
pub fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Error, Lang::Nl) => "fout",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Warning, Lang::Nl) => "waarschuwing",
    }
}

/// "hint" / "tip": the word before a hint.
pub fn hint_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "hint",
        Lang::Nl => "tip",
    }
}

/// The longest source line shown whole, in bytes; longer ones are cut around the caret.
const SOURCE_EXCERPT: usize = 160;

/// At most `max` bytes of a value echoed in a message (a 100 MB answer is not copied into a
/// diagnostic), cut at a character boundary and marked with `…`.
pub fn excerpt(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return s.into();
    }
    format!("{}…", &s[..floor_char_boundary(s, max)]).into()
}

/// 1-based line and column (in characters) of a byte offset, and the text of that line.
pub fn line_col(source: &str, offset: usize) -> (usize, usize, &str) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let line = source[..line_start].matches('\n').count() + 1;
    let column = source[line_start..offset].chars().count() + 1;
    (
        line,
        column,
        source[line_start..line_end].trim_end_matches('\r'),
    )
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A diagnostic shown in one language ([`Diagnostic::render`]).
pub struct Rendered<'a> {
    diag: &'a Diagnostic,
    lang: Lang,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, lang) = (self.diag, self.lang);
        write!(
            f,
            "{}[{}]: {}",
            severity_word(d.severity, lang),
            d.code,
            printable(d.message.get(lang), true)
        )?;
        if let Some(loc) = &d.location {
            if loc.line > 0 {
                let file = printable(&loc.file, false);
                write!(f, "\n  --> {file}:{}:{}", loc.line, loc.column)?;
            } else {
                write!(f, "\n  --> {}", printable(&loc.file, false))?;
            }
            if let Some(text) = &d.source_line {
                let text = printable(text, false);
                let gutter = loc.line.to_string().len();
                let pad = " ".repeat(gutter);
                let caret = d
                    .source_caret
                    .unwrap_or_else(|| loc.column.saturating_sub(1));
                let caret_pad: String = text
                    .chars()
                    .take(caret)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n{pad} |\n{} | {text}\n{pad} | {caret_pad}^", loc.line)?;
            }
        }
        if let Some(hint) = &d.hint {
            let hint = printable(hint.get(lang), true);
            write!(f, "\n  = {}: {hint}", hint_word(lang))?;
        }
        Ok(())
    }
}

/// Whether a character reorders the text around it (the Unicode bidirectional embeddings,
/// overrides and isolates, and the marks): invisible, and able to make a report or a terminal
/// show other text than the file holds ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Text from an input file made safe for every output: control characters (NUL, ESC, BEL,
/// ...) become a space and bidirectional controls are removed, so that text cannot drive a
/// terminal or show as other text in a report. Tabs are kept, and line breaks (`\n`, `\r\n`)
/// where `keep_lines`.
pub fn printable(s: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| (c.is_control() && c != '\t' && !(keep_lines && c == '\n')) || is_bidi_control(c);
    if !s.chars().any(unsafe_char) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if keep_lines && c == '\r' && chars.peek() == Some(&'\n') {
            out.push(c);
        } else if is_bidi_control(c) {
            // removed: it has no text of its own
        } else if unsafe_char(c) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Decodes a file's bytes as UTF-8; else a diagnostic with `code` at the line and column of
/// the first byte that is not UTF-8 (and its byte offset), naming UTF-16 when it is that.
pub fn decode_utf8(file: &str, bytes: Vec<u8>, code: &'static str) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or("");
        let (line, column, text) = line_col(valid, offset);
        let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
        let hint = if utf16 {
            t!(
                "the file is UTF-16 (\"Unicode text\"); save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")",
                "het bestand is UTF-16 (\"Unicode-tekst\"); sla het op als UTF-8 (in een rekenblad: \"CSV UTF-8\")"
            )
        } else {
            t!(
                "save the file as UTF-8 (in a spreadsheet: \"CSV UTF-8\")",
                "sla het bestand op als UTF-8 (in een rekenblad: \"CSV UTF-8\")"
            )
        };
        let mut d = Diagnostic::error(
            code,
            t!(
                "`{file}` is not UTF-8 text (byte {offset} is not valid UTF-8)",
                "`{file}` is geen UTF-8-tekst (byte {offset} is geen geldige UTF-8)"
            ),
        )
        .at_line(file, line, column)
        .with_hint(hint);
        d.source_line = Some(text.to_string());
        d
    })
}

/// Suggests the closest known name, for "did you mean" hints.
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// An I/O error (a file that cannot be read or written) in both languages: the common kinds
/// said in Dutch, others with the system's own words as a detail.
pub fn io_text(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let nl = match e.kind() {
        K::NotFound => "het bestand of de map bestaat niet",
        K::PermissionDenied => "geen toegang (rechten)",
        K::AlreadyExists => "bestaat al",
        K::IsADirectory => "dit is een map, geen bestand",
        K::NotADirectory => "dit is geen map",
        K::DirectoryNotEmpty => "de map is niet leeg",
        K::StorageFull => "de schijf is vol",
        K::ReadOnlyFilesystem => "het bestandssysteem is alleen-lezen",
        K::InvalidData => "ongeldige gegevens",
        K::UnexpectedEof => "het bestand houdt onverwacht op",
        K::BrokenPipe => "de uitvoer is gesloten",
        K::Interrupted => "onderbroken",
        _ => {
            return t!(
                "{e}",
                "invoer- of uitvoerfout (melding van het systeem: \"{e}\")"
            );
        }
    };
    Text {
        en: e.to_string(),
        nl: nl.to_string(),
    }
}

/// "did you mean `k`?" in both languages.
pub fn did_you_mean_text(k: &str) -> Text {
    t!("did you mean `{k}`?", "bedoelde u `{k}`?")
}

/// The hint for an unknown key: the closest known key, or all of them.
pub fn known_keys(name: &str, known: &[&str]) -> Text {
    match did_you_mean(name, known.iter().copied()) {
        Some(k) => did_you_mean_text(k),
        None => {
            let known = known.join(", ");
            t!("known keys: {known}", "bekende sleutels: {known}")
        }
    }
}

/// "TOML syntax error: …" for a parser's message, in both languages (`format` is "TOML",
/// "JSON", …).
pub fn syntax_error(format: &str, message: &str) -> Text {
    let Text { en, nl } = parser_text(message);
    t!("{format} syntax error: {en}", "{format}-syntaxisfout: {nl}")
}

/// Hints worked out once per name: a misnamed answer in every system of a large inventory is
/// compared with the pack's names once, not once per system. Holds at most `MEMO_NAMES`
/// names (then works the rest out each time); a clone starts empty.
#[derive(Debug, Default)]
pub struct HintMemo(std::sync::Mutex<std::collections::HashMap<String, Option<Text>>>);

/// The most names a `HintMemo` holds.
const MEMO_NAMES: usize = 1024;

impl Clone for HintMemo {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl HintMemo {
    /// The hint for `name`: the one worked out before, else `work()`'s.
    pub fn get(&self, name: &str, work: impl FnOnce() -> Option<Text>) -> Option<Text> {
        if let Ok(memo) = self.0.lock()
            && let Some(hint) = memo.get(name)
        {
            return hint.clone();
        }
        let hint = work();
        if let Ok(mut memo) = self.0.lock()
            && memo.len() < MEMO_NAMES
        {
            memo.insert(name.to_string(), hint.clone());
        }
        hint
    }
}

/// The first line of a parser's message (toml's messages repeat the source below it).
pub fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" message: the key, and a hint that
/// names the closest known key (or all of them).
pub fn unknown_field(message: &str) -> Option<(String, Text)> {
    if !message.starts_with("unknown field") {
        return None;
    }
    let name = message.split('`').nth(1).unwrap_or("").to_string();
    let known: Vec<&str> = message
        .split("expected ")
        .nth(1)
        .unwrap_or("")
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    let hint = match did_you_mean(&name, known.iter().copied()) {
        Some(k) => did_you_mean_text(k),
        None => {
            let known = known.join(", ");
            t!("known keys: {known}", "bekende sleutels: {known}")
        }
    };
    Some((name, hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let src = "a = 1\nbb = 2\n";
        assert_eq!(line_col(src, 0), (1, 1, "a = 1"));
        assert_eq!(line_col(src, 9), (2, 4, "bb = 2"));
    }

    #[test]
    fn unknown_field_names_the_key_and_the_closest() {
        let (name, hint) =
            unknown_field("unknown field `tetx`, expected one of `id`, `text`").unwrap();
        assert_eq!(name, "tetx");
        assert_eq!(hint.en, "did you mean `text`?");
        assert_eq!(hint.nl, "bedoelde u `text`?");
        assert_eq!(unknown_field("missing field `id`"), None);
    }

    #[test]
    fn control_and_bidi_characters_are_made_harmless() {
        assert_eq!(
            printable("a\u{202e}b\u{2066}c\u{1b}[2Jd\u{0}\u{7}", false),
            "abc [2Jd  "
        );
        assert_eq!(
            printable("one\r\ntwo\nthree\rx", true),
            "one\r\ntwo\nthree x"
        );
        assert_eq!(printable("one\ntwo", false), "one two");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let d = decode_utf8("p.toml", b"a = 1\nb = \"\xe9t\xe9\"\n".to_vec(), "P011").unwrap_err();
        assert_eq!(d.code, "P011");
        let loc = d.location.expect("location");
        assert_eq!((loc.line, loc.column), (2, 6));
        assert!(d.message.en.contains("byte 11"), "{}", d.message.en);
        let d = decode_utf8("i.csv", vec![0xff, 0xfe, b'i', 0], "A019").unwrap_err();
        assert!(d.hint.unwrap_or_default().nl.contains("UTF-16"));
        assert_eq!(
            decode_utf8("x", b"ok".to_vec(), "A019").ok().as_deref(),
            Some("ok")
        );
    }

    #[test]
    fn suggestion_picks_closest() {
        assert_eq!(
            did_you_mean("uses_inferense", ["uses_inference", "ai_system"]),
            Some("uses_inference")
        );
        assert_eq!(did_you_mean("zzz", ["uses_inference"]), None);
    }
}
