//! Synthetic inventories for benchmarks: N systems with a realistic mix of answers, written to
//! standard output, one system at a time (memory does not grow with N). Not a user-facing
//! command.
//!
//!   cargo run --release --example gen_inventory -- 100000 jsonl > inv.jsonl
//!
//! Encodings: `toml`, `json` (one system per line inside the document), `json1` (the whole
//! document on one line, as `jq -c` or `JSON.stringify` write it), `jsonl`, `csv` (`;`, CRLF,
//! byte-order mark, "ja"/"nee", as a Belgian spreadsheet exports it), and `register`: the
//! Dutch algorithm register sample (tests/fixtures) as imported, JSON Lines of systems with
//! name, owner and description and no answers yet.
//!
//! The systems are variations of the 17 systems of `examples/municipality.toml` (whose answers
//! use the real rule pack's question ids): each copy gets its own id, name and owner, and its
//! answers are varied: about one in five has an answer turned into "unknown", one in ten an
//! answer left out, and one in four an answer changed to the value another system gave. A
//! fixed seed keeps the output identical between runs.

use aiact::answers::RawAnswer;
use aiact::inventory::{InputFormat, SystemEntry, read_inventory, write_toml};
use std::io::Write;

const OWNERS: [&str; 8] = [
    "Mobiliteit",
    "Burgerzaken",
    "Sociale Dienst",
    "HR",
    "Communicatie",
    "Openbare Werken",
    "Omgeving",
    "ICT",
];

/// xorshift64*: small, fast and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args
        .get(1)
        .and_then(|s| s.replace('_', "").parse().ok())
        .unwrap_or(1000);
    let kind = args.get(2).map_or("toml", String::as_str);
    let example = include_str!("municipality.toml");
    let base = read_inventory("municipality.toml", example, InputFormat::Toml).systems;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let result = if kind == "register" {
        write_register(&mut out, n)
    } else {
        let mut systems = (0..n).map(|i| vary(&base, i, &mut rng));
        match kind {
            "json" => write_json(&mut out, &mut systems, "\n    ", ",\n    ", "\n  ]\n}\n"),
            "json1" => write_json(&mut out, &mut systems, "", ",", "]}"),
            "jsonl" => systems.try_for_each(|s| writeln!(out, "{}", object(&s))),
            "csv" => write_csv(&mut out, &base, &mut systems),
            _ => systems.enumerate().try_for_each(|(i, s)| {
                let sep = if i > 0 { "\n" } else { "" };
                write!(out, "{sep}{}", write_toml(&[s]))
            }),
        }
    };
    if let Err(e) = result.and_then(|()| out.flush()) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

/// The `i`-th system: a copy of a municipality system with its own id, name and owner, and
/// its answers varied.
fn vary(base: &[SystemEntry], i: usize, rng: &mut Rng) -> SystemEntry {
    let template = &base[i % base.len()];
    let mut s = template.clone();
    s.id = format!("SYN-{i:07}");
    s.name = format!("{} #{i}", template.name);
    s.owner = OWNERS[(rng.next() % OWNERS.len() as u64) as usize].to_string();
    s.answer_at.clear();
    if s.answers.len() > 4 {
        let pick = |rng: &mut Rng, len: usize| 2 + (rng.next() as usize) % (len - 2);
        if rng.chance(25) {
            // Changed: the value another system gave to the same question, if any.
            let k = pick(rng, s.answers.len());
            let other = &base[(rng.next() as usize) % base.len()];
            if let Some((_, v)) = other.answers.iter().find(|(q, _)| *q == s.answers[k].0) {
                s.answers[k].1 = v.clone();
            }
        }
        if rng.chance(20) {
            let k = pick(rng, s.answers.len());
            s.answers[k].1 = RawAnswer::Text("unknown".into());
        }
        if rng.chance(10) {
            let k = pick(rng, s.answers.len());
            s.answers.remove(k);
        }
    }
    s
}

/// The register sample's records, repeated with new ids, as JSON Lines of systems.
fn write_register(out: &mut impl Write, n: usize) -> std::io::Result<()> {
    let text = include_str!("../tests/fixtures/inventories/nl-algoritmeregister-sample.json");
    let doc: serde_json::Value = serde_json::from_str(text).map_err(std::io::Error::other)?;
    let records = doc["algoritmes"].as_array().cloned().unwrap_or_default();
    if records.is_empty() {
        return Ok(());
    }
    for i in 0..n {
        let r = &records[i % records.len()];
        let field = |k: &str| r[k].as_str().unwrap_or("").to_string();
        let system = serde_json::json!({
            "id": format!("NL-{i:07}"),
            "name": field("title"),
            "owner": field("organisatie"),
            "description": field("doel"),
        });
        writeln!(out, "{system}")?;
    }
    Ok(())
}

fn object(s: &SystemEntry) -> serde_json::Value {
    let answers: serde_json::Map<String, serde_json::Value> = s
        .answers
        .iter()
        .map(|(k, v)| (k.clone(), v.to_json()))
        .collect();
    serde_json::json!({ "id": s.id, "name": s.name, "owner": s.owner, "description": s.description, "answers": answers })
}

fn write_json(
    out: &mut impl Write,
    systems: &mut dyn Iterator<Item = SystemEntry>,
    first: &str,
    sep: &str,
    end: &str,
) -> std::io::Result<()> {
    write!(out, "{{\"systems\": [")?;
    for (i, s) in systems.enumerate() {
        write!(out, "{}{}", if i == 0 { first } else { sep }, object(&s))?;
    }
    write!(out, "{end}")
}

/// A Belgian spreadsheet export: byte-order mark, `;` delimiter, CRLF, "ja"/"nee".
fn write_csv(
    out: &mut impl Write,
    base: &[SystemEntry],
    systems: &mut dyn Iterator<Item = SystemEntry>,
) -> std::io::Result<()> {
    let mut columns: Vec<String> = Vec::new();
    for s in base {
        for (k, _) in &s.answers {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let mut header = vec![
        "id".to_string(),
        "name".into(),
        "owner".into(),
        "description".into(),
    ];
    header.extend(columns.iter().cloned());
    w.write_record(&header)?;
    for s in systems {
        let mut row = vec![
            s.id.clone(),
            s.name.clone(),
            s.owner.clone(),
            s.description.clone(),
        ];
        for c in &columns {
            row.push(
                s.answers
                    .iter()
                    .find(|(k, _)| k == c)
                    .map_or_else(String::new, |(_, v)| match v {
                        RawAnswer::Bool(true) => "ja".to_string(),
                        RawAnswer::Bool(false) => "nee".to_string(),
                        other => other.display(),
                    }),
            );
        }
        w.write_record(&row)?;
    }
    w.flush()
}
