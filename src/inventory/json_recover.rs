//! A JSON document with a syntax error. A JSON reader cannot find its way back into a document
//! after one (a lost quote turns everything after it inside out), so nothing after the error
//! is guessed at: the systems written completely before it are read, and the rest of the
//! document is named as not read (A042), so that no system goes unmentioned.

use super::Organisation;
use super::json::{JsonText, organisation};
use crate::diag::Diagnostic;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// What could be read of a broken document before its error: the complete members of the top
/// object, and the complete systems of its `systems` array (or of a bare array).
#[derive(Default)]
struct Prefix<'a> {
    members: Vec<(String, &'a RawValue)>,
    systems: Vec<&'a RawValue>,
}

/// The systems of a JSON document that does not parse, up to its syntax error (reported,
/// A017), and the organisation when it comes complete before the error; the rest is named as
/// not read (A042).
pub(super) fn systems_before_error<'a>(
    doc: &JsonText<'a>,
    e: &serde_json::Error,
    org: &mut Option<Organisation>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'a RawValue> {
    let error = doc.syntax(e, doc.text);
    let error_line = error.location.as_ref().map_or(1, |l| l.line);
    diags.push(error);
    let prefix = read_prefix(doc.text);
    // The members of a document that is one system (an answers file) are its fields.
    let one_system = prefix.systems.is_empty() && prefix.members.iter().any(|(k, _)| k == "id");
    if !one_system
        && let Some((_, value)) = prefix.members.iter().find(|(k, _)| k == "organisation")
    {
        *org = organisation(doc, value.get(), diags);
    }
    diags.push(not_read(doc, &prefix, error_line));
    prefix.systems
}

/// Reads `text` as far as it goes.
fn read_prefix(text: &str) -> Prefix<'_> {
    let mut prefix = Prefix::default();
    let mut de = serde_json::Deserializer::from_str(text);
    // The error is the one already reported (A017); what matters is what was read before it.
    let _ = Top(&mut prefix).deserialize(&mut de);
    prefix
}

/// The problem that names what is not read: from the line after the last system read (the
/// whole document when none was) to the end of the file.
fn not_read(doc: &JsonText<'_>, prefix: &Prefix<'_>, error_line: usize) -> Diagnostic {
    let text = doc.text;
    let from = prefix.systems.last().map_or(0, |last| {
        let end = doc.offset(last.get()) + last.get().len();
        end + text[end..]
            .find(|c: char| !c.is_whitespace() && c != ',')
            .unwrap_or(text.len() - end)
    });
    let end = text.trim_end().len().saturating_sub(1).max(from);
    let (first, last) = (doc.index.line(from), doc.index.line(end).max(error_line));
    let read = prefix.systems.len();
    let message = if read == 0 {
        t!(
            "lines {first} to {last} are not read: a JSON document cannot be read past a syntax error (line {error_line}); no system of it is read",
            "de regels {first} tot en met {last} worden niet gelezen: een JSON-document kan niet voorbij een syntaxisfout (regel {error_line}) worden gelezen; er wordt geen systeem uit gelezen"
        )
    } else {
        let (systems, are) = if read == 1 {
            ("systeem", "wordt")
        } else {
            ("systemen", "worden")
        };
        t!(
            "lines {first} to {last} are not read: a JSON document cannot be read past a syntax error (line {error_line}); the {read} system(s) before line {first} are read",
            "de regels {first} tot en met {last} worden niet gelezen: een JSON-document kan niet voorbij een syntaxisfout (regel {error_line}) worden gelezen; de {read} {systems} vóór regel {first} {are} wel gelezen"
        )
    };
    doc.index
        .point(Diagnostic::error("A042", message), doc.path, from)
        .with_hint(super::toml_pieces::not_read_hint())
}

/// The top value: an object (its members, the elements of `systems` one by one) or an array
/// of systems.
struct Top<'p, 'a>(&'p mut Prefix<'a>);

impl<'de> DeserializeSeed<'de> for Top<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or an array")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "systems" {
                map.next_value_seed(Elements(&mut self.0.systems))?;
            } else {
                let value = map.next_value::<&'de RawValue>()?;
                self.0.members.push((key, value));
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Elements(&mut self.0.systems).visit_seq(seq)
    }
}

/// The elements of an array, each kept as soon as it is complete.
struct Elements<'p, 'a>(&'p mut Vec<&'a RawValue>);

impl<'de> DeserializeSeed<'de> for Elements<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Elements<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(v) = seq.next_element::<&'de RawValue>()? {
            self.0.push(v);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::{problems, read_json};

    /// A lost quote in the second of three systems: the first is read, and the rest of the
    /// document (the second and the third) is named as not read.
    #[test]
    fn systems_before_a_syntax_error_are_read_and_the_rest_named() {
        let text = "{\"organisation\": {\"name\": \"Stad\"},\n \"systems\": [\n  {\"id\": \"A\"},\n  {\"id\": \"B\", \"name\": \"x},\n  {\"id\": \"C\"}\n]}\n";
        let inv = read_json("i.json", text);
        let ids: Vec<&str> = inv.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["A"]);
        assert_eq!(
            inv.organisation.as_ref().map(|o| o.name.as_str()),
            Some("Stad")
        );
        let got = problems(&inv);
        assert_eq!((got[0].0, got[0].1), ("A017", 4));
        assert_eq!(
            got[1],
            (
                "A042",
                4,
                "lines 4 to 6 are not read: a JSON document cannot be read past a syntax error (line 4); the 1 system(s) before line 4 are read".to_string()
            )
        );
        assert_eq!(got.len(), 2);
    }

    /// A document cut off after its last system: every system is read, the end is reported.
    #[test]
    fn a_truncated_document_keeps_its_complete_systems() {
        let text = "[\n{\"id\": \"A\"},\n{\"id\": \"B\"}\n";
        let inv = read_json("i.json", text);
        assert_eq!(inv.systems.len(), 2);
        let codes: Vec<&str> = inv.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["A017", "A042"]);
    }

    /// A broken answers file (one system object) is not read, and says so from line 1.
    #[test]
    fn a_broken_single_system_is_named_from_its_first_line() {
        let text = "{\n\"id\": \"A\",\n\"name\": \"x\"\n\"owner\": \"y\"}\n";
        let inv = read_json("a.json", text);
        assert!(inv.systems.is_empty());
        let got = problems(&inv);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[1].0, got[1].1), ("A042", 1));
        assert!(got[1].2.starts_with("lines 1 to 4 are not read"), "{got:?}");
    }
}
