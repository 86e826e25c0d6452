//! The messages of the parser crates (serde, toml, serde_json) in both languages. They write
//! English sentences of a few fixed shapes ("invalid type: string \"x\", expected a boolean",
//! "missing field `id`", "key with no value, expected `=`"); each known shape is said again in
//! Dutch, and anything else keeps the parser's words as a quoted detail of a Dutch sentence.

use super::Text;

/// A parser's message (its first line, without serde_json's " at line L column C") as a
/// [`Text`]: the message itself in English, its Dutch form in Dutch.
pub fn parser_text(message: &str) -> Text {
    let en = strip_position(super::first_line(message)).to_string();
    let nl =
        dutch(&en).unwrap_or_else(|| format!("onleesbare invoer (melding van de lezer: \"{en}\")"));
    Text { en, nl }
}

/// serde_json ends its messages with " at line 3 column 7"; the diagnostic has its own location.
fn strip_position(s: &str) -> &str {
    match s.rfind(" at line ") {
        Some(i) if s[i + 9..].contains(" column ") => &s[..i],
        _ => s,
    }
}

fn dutch(m: &str) -> Option<String> {
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let (name, known) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Some(format!("onbekende sleutel {name}{}", expected_list(known)));
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let (name, known) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Some(format!("onbekende waarde {name}{}", expected_list(known)));
    }
    if let Some(name) = m.strip_prefix("missing field ") {
        return Some(format!("de sleutel {name} ontbreekt"));
    }
    if let Some(name) = m.strip_prefix("duplicate field ") {
        return Some(format!("de sleutel {name} staat er twee keer"));
    }
    for (en, nl) in [
        ("invalid type: ", "ongeldig type"),
        ("invalid value: ", "ongeldige waarde"),
    ] {
        if let Some(rest) = m.strip_prefix(en) {
            let (found, wanted) = rest.split_once(", expected ")?;
            return Some(format!(
                "{nl}: {}, verwacht {}",
                found_nl(found),
                wanted_nl(wanted)
            ));
        }
    }
    if let Some(rest) = m.strip_prefix("invalid length ") {
        let (n, wanted) = rest.split_once(", expected ")?;
        return Some(format!(
            "ongeldige lengte {n}, verwacht {}",
            wanted_nl(wanted)
        ));
    }
    if let Some(what) = m.strip_prefix("EOF while parsing ") {
        let what = match what {
            "a value" => "een waarde",
            "a string" => "een tekst",
            "a list" => "een lijst",
            "an object" => "een object",
            "a number" => "een getal",
            _ => return None,
        };
        return Some(format!("het bestand houdt op midden in {what}"));
    }
    if let Some(list) = m.strip_prefix("expected ").and_then(backticked) {
        return Some(format!("{list} verwacht"));
    }
    let (head, wanted) = match m.split_once(", expected ") {
        Some((h, w)) => (h, Some(w)),
        None => (m, None),
    };
    let head = PHRASES.iter().find(|(en, _)| *en == head)?.1;
    Some(match wanted {
        Some(w) => format!("{head}, verwacht {}", wanted_nl(w)),
        None => head.to_string(),
    })
}

/// The fixed sentences of toml and serde_json (and the toml `expected` words) in Dutch.
const PHRASES: &[(&str, &str)] = &[
    // serde_json
    ("expected value", "hier hoort een waarde"),
    (
        "expected ident",
        "onbekend woord (bedoeld: true, false of null?)",
    ),
    (
        "key must be a string",
        "een sleutel moet een tekst tussen aanhalingstekens zijn",
    ),
    ("trailing comma", "een komma te veel vóór het sluitteken"),
    (
        "trailing characters",
        "tekens na het einde van het JSON-document",
    ),
    ("invalid escape", "ongeldige escape met `\\`"),
    ("invalid number", "ongeldig getal"),
    ("number out of range", "getal buiten bereik"),
    ("invalid unicode code point", "ongeldig Unicode-teken"),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "een stuurteken (zoals een tab of regeleinde) in een tekst; schrijf het als escape (`\\t`, `\\n`)",
    ),
    ("recursion limit exceeded", "te diep genest"),
    (
        "lone leading surrogate in hex escape",
        "ongeldige Unicode-escape (een halve surrogaat)",
    ),
    ("unexpected end of hex escape", "onvolledige Unicode-escape"),
    // toml
    (
        "invalid basic string",
        "ongeldige tekst tussen aanhalingstekens",
    ),
    (
        "invalid literal string",
        "ongeldige tekst tussen enkele aanhalingstekens",
    ),
    (
        "invalid multi-line basic string",
        "ongeldige tekst over meerdere regels",
    ),
    (
        "invalid multi-line literal string",
        "ongeldige tekst over meerdere regels",
    ),
    ("invalid string", "ongeldige tekst"),
    (
        "string values must be quoted",
        "tekst moet tussen aanhalingstekens staan",
    ),
    ("key with no value", "sleutel zonder waarde"),
    ("duplicate key", "deze sleutel staat er twee keer"),
    ("invalid key", "ongeldige sleutel"),
    (
        "invalid unquoted key",
        "ongeldige sleutel zonder aanhalingstekens",
    ),
    (
        "unquoted keys cannot be empty",
        "een sleutel zonder aanhalingstekens kan niet leeg zijn",
    ),
    ("invalid table", "ongeldige tabel"),
    (
        "invalid key-value pair",
        "ongeldig paar van sleutel en waarde",
    ),
    (
        "invalid inline table element",
        "ongeldig element in een tabel op één regel",
    ),
    ("invalid value", "ongeldige waarde"),
    ("invalid boolean", "ongeldige waarde true of false"),
    ("invalid date-time", "ongeldige datum of tijd"),
    ("invalid date", "ongeldige datum"),
    ("invalid time", "ongeldig tijdstip"),
    ("invalid integer number", "ongeldig geheel getal"),
    ("invalid float", "ongeldig kommagetal"),
    ("invalid exponent", "ongeldige exponent"),
    ("invalid fraction", "ongeldig deel na de komma"),
    ("invalid mantissa", "ongeldig getal"),
    ("invalid binary number", "ongeldig binair getal"),
    ("invalid octal number", "ongeldig octaal getal"),
    ("invalid hexadecimal number", "ongeldig hexadecimaal getal"),
    ("invalid comment character", "ongeldig teken in commentaar"),
    ("unclosed array table", "niet afgesloten `[[…]]`"),
    ("unclosed table", "niet afgesloten `[…]`"),
    ("unclosed inline table", "niet afgesloten `{…}`"),
    ("unclosed array", "niet afgesloten lijst `[…]`"),
    ("missing value", "de waarde ontbreekt"),
    (
        "missing value for key",
        "de waarde van de sleutel ontbreekt",
    ),
    (
        "missing assignment between key-value pairs",
        "`=` ontbreekt tussen sleutel en waarde",
    ),
    (
        "extra assignment between key-value pairs",
        "een `=` te veel",
    ),
    ("extra `=`", "een `=` te veel"),
    (
        "missing comma between array elements",
        "een komma ontbreekt tussen de elementen van de lijst",
    ),
    (
        "missing comma between key-value pairs",
        "een komma ontbreekt tussen de paren",
    ),
    ("extra comma in array", "een komma te veel in de lijst"),
    (
        "extra comma in inline table",
        "een komma te veel in de tabel",
    ),
    ("missing array opening", "`[` ontbreekt"),
    ("missing inline table opening", "`{` ontbreekt"),
    ("missing table open", "`[` ontbreekt"),
    (
        "missing key for inline table element",
        "de sleutel ontbreekt",
    ),
    (
        "missing opening quote",
        "het openende aanhalingsteken ontbreekt",
    ),
    ("missing escaped value", "het teken na `\\` ontbreekt"),
    ("missing comment start", "`#` ontbreekt"),
    ("unexpected content", "onverwachte inhoud"),
    (
        "unexpected content between comment and newline",
        "onverwachte inhoud na het commentaar",
    ),
    ("unexpected key or value", "onverwachte sleutel of waarde"),
    ("unexpected `=` in array", "een `=` in een lijst"),
    ("unexpected leading zero", "een getal begint niet met 0"),
    ("unexpected sign", "onverwacht teken + of -"),
    ("redundant numeric sign", "een teken + of - te veel"),
    ("redundant integer number prefix", "een voorvoegsel te veel"),
    (
        "integers with a radix cannot be signed",
        "een binair, octaal of hexadecimaal getal heeft geen + of -",
    ),
    (
        "radix must be lowercase",
        "schrijf 0x, 0o of 0b in kleine letters",
    ),
    (
        "too few unicode value digits",
        "te weinig cijfers in de Unicode-escape",
    ),
    (
        "carriage return must be followed by newline",
        "een regeleinde `\\r` zonder `\\n`",
    ),
    (
        "cannot recurse further; max recursion depth met",
        "te diep genest",
    ),
    // the words toml writes after "expected"
    ("literal string", "een tekst"),
    ("newline", "een nieuwe regel"),
    ("comment", "commentaar"),
    ("key", "een sleutel"),
    ("value", "een waarde"),
    ("letters", "letters"),
    ("numbers", "cijfers"),
    ("nothing", "niets"),
    ("digits", "cijfers"),
    ("printable characters", "leesbare tekens"),
    ("non-double-quote visible characters", "zichtbare tekens"),
    ("non-single-quote visible characters", "zichtbare tekens"),
    ("non-single-quote characters", "tekens"),
    (
        "unicode hexadecimal value",
        "een hexadecimale Unicode-waarde",
    ),
    ("end-of-input", "het einde van het bestand"),
    ("date-time", "een datum"),
    ("year", "een jaar"),
    ("month between 01 and 12", "een maand van 01 tot 12"),
    ("day between 01 and 28", "een dag van 01 tot 28"),
    ("day between 01 and 29", "een dag van 01 tot 29"),
    ("day between 01 and 30", "een dag van 01 tot 30"),
    ("day between 01 and 31", "een dag van 01 tot 31"),
    ("hour between 00 and 23", "een uur van 00 tot 23"),
    ("minute between 00 and 59", "een minuut van 00 tot 59"),
    ("second between 00 and 60", "een seconde van 00 tot 60"),
];

/// A list of backticked names ("`a`, `b` or `c`") in Dutch ("`a`, `b` of `c`"), or None.
fn backticked(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split(['`']).collect();
    // Backticked items alternate with separators: "", "a", ", ", "b", " or ", "c", "".
    let ok = words.len() >= 3
        && words.first() == Some(&"")
        && words.last() == Some(&"")
        && words
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0 && *i > 0 && *i < words.len() - 1)
            .all(|(_, w)| matches!(*w, ", " | " or " | ", or "));
    ok.then(|| s.replace("` or `", "` of `").replace("`, or `", "` of `"))
}

/// serde's list of known names after an unknown field or variant, in Dutch.
fn expected_list(known: &str) -> String {
    if known.is_empty() {
        return String::new();
    }
    let names = known
        .strip_prefix("one of ")
        .or_else(|| known.strip_prefix("expected "))
        .unwrap_or(known);
    if known == "there are no fields" {
        return "; hier zijn geen velden toegestaan".into();
    }
    format!("; verwacht: {}", names.replace("` or `", "` of `"))
}

/// serde's description of the value it found, in Dutch.
fn found_nl(found: &str) -> String {
    for (en, nl) in [
        ("string ", "de tekst "),
        ("integer ", "het getal "),
        ("floating point ", "het getal "),
        ("boolean ", "de waarde "),
        ("character ", "het teken "),
    ] {
        if let Some(v) = found.strip_prefix(en) {
            return format!("{nl}{}", v.trim_matches('`'));
        }
    }
    match found {
        "sequence" => "een lijst".into(),
        "map" => "een tabel".into(),
        "unit value" | "null" => "null".into(),
        "string" => "een tekst".into(),
        "integer" => "een getal".into(),
        "boolean" => "ja of nee".into(),
        "datetime" | "date-time" => "een datum".into(),
        other => format!("\"{other}\""),
    }
}

/// serde's description of the value it wanted (or toml's list of expected tokens), in Dutch.
fn wanted_nl(wanted: &str) -> String {
    if let Some(list) = backticked(wanted) {
        return list;
    }
    let word = |w: &str| -> Option<String> {
        if w.len() > 2 && w.starts_with('`') && w.ends_with('`') {
            return Some(w.to_string());
        }
        if let Some((_, nl)) = PHRASES.iter().find(|(en, _)| *en == w) {
            return Some((*nl).to_string());
        }
        Some(match w {
            "a string" | "a borrowed string" | "string" => "een tekst".into(),
            "a boolean" | "boolean" => "true of false".into(),
            "a sequence" | "an array" | "array" => "een lijst".into(),
            "a map" | "table" | "a table" => "een tabel".into(),
            "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
            | "an integer" | "integer" => "een geheel getal".into(),
            "f32" | "f64" | "a number" | "float" => "een getal".into(),
            "a date" | "a YYYY-MM-DD date" | "a formatted date string" => {
                "een datum (JJJJ-MM-DD)".into()
            }
            w if w.starts_with("struct ") => "een tabel".into(),
            w if w.starts_with("enum ") => "een van de toegestane waarden".into(),
            _ => return None,
        })
    };
    if let Some(w) = word(wanted) {
        return w;
    }
    // toml lists several: "newline, `#`".
    let items: Option<Vec<String>> = wanted.split(", ").map(word).collect();
    match items {
        Some(items) if items.len() > 1 => items.join(", "),
        _ => format!("\"{wanted}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_shapes_read_dutch() {
        let nl = |m: &str| parser_text(m).nl;
        assert_eq!(
            nl("invalid type: string \"x\", expected a boolean"),
            "ongeldig type: de tekst \"x\", verwacht true of false"
        );
        assert_eq!(
            nl("invalid type: integer `3`, expected a string at line 1 column 7"),
            "ongeldig type: het getal 3, verwacht een tekst"
        );
        assert_eq!(nl("missing field `id`"), "de sleutel `id` ontbreekt");
        assert_eq!(
            nl("unknown field `tetx`, expected one of `id`, `text`"),
            "onbekende sleutel `tetx`; verwacht: `id`, `text`"
        );
        assert_eq!(
            nl("unknown variant `maybe`, expected `yes` or `no`"),
            "onbekende waarde `maybe`; verwacht: `yes` of `no`"
        );
        assert_eq!(
            nl("key with no value, expected `=`"),
            "sleutel zonder waarde, verwacht `=`"
        );
        assert_eq!(
            nl("invalid date, expected day between 01 and 28"),
            "ongeldige datum, verwacht een dag van 01 tot 28"
        );
        assert_eq!(nl("expected `,` or `}`"), "`,` of `}` verwacht");
        assert_eq!(
            nl("invalid string, expected newline, `#`"),
            "ongeldige tekst, verwacht een nieuwe regel, `#`"
        );
        assert_eq!(
            nl("EOF while parsing a value"),
            "het bestand houdt op midden in een waarde"
        );
        assert_eq!(
            parser_text("key must be a string at line 2 column 3").en,
            "key must be a string"
        );
    }

    #[test]
    fn an_unknown_shape_quotes_the_parser() {
        let t = parser_text("something new happened\nsource line");
        assert_eq!(t.en, "something new happened");
        assert_eq!(
            t.nl,
            "onleesbare invoer (melding van de lezer: \"something new happened\")"
        );
    }
}
