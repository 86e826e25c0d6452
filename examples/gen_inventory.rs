//! Synthetic inventories for benchmarks: N systems with a realistic mix of answers, in TOML,
//! JSON, JSON Lines or CSV, written to standard output. Not a user-facing command.
//!
//!   cargo run --release --example gen_inventory -- 100000 jsonl > /tmp/inv.jsonl
//!
//! The systems are variations of the 17 systems of `examples/municipality.toml` (whose answers
//! use the real rule pack's question ids): each copy gets its own id, name and owner, and some
//! answers are turned into "unknown" or left out, as in real inventories. A fixed seed keeps the
//! output identical between runs.

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
    let format = match args.get(2).map(String::as_str) {
        Some("json") => InputFormat::Json,
        Some("jsonl") => InputFormat::Jsonl,
        Some("csv") => InputFormat::Csv,
        _ => InputFormat::Toml,
    };
    let example = include_str!("municipality.toml");
    let base = read_inventory("municipality.toml", example, InputFormat::Toml).systems;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let systems: Vec<SystemEntry> = (0..n)
        .map(|i| {
            let template = &base[i % base.len()];
            let mut s = template.clone();
            s.id = format!("SYN-{i:07}");
            s.name = format!("{} #{i}", template.name);
            s.owner = OWNERS[(rng.next() % OWNERS.len() as u64) as usize].to_string();
            s.answer_at.clear();
            // About one system in five has gaps: an answer unknown, another left out.
            if rng.chance(20) && s.answers.len() > 4 {
                let k = 2 + (rng.next() as usize) % (s.answers.len() - 2);
                s.answers[k].1 = RawAnswer::Text("unknown".into());
                if rng.chance(50) {
                    let k = 2 + (rng.next() as usize) % (s.answers.len() - 2);
                    s.answers.remove(k);
                }
            }
            s
        })
        .collect();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let result = match format {
        InputFormat::Toml => out.write_all(write_toml(&systems).as_bytes()),
        InputFormat::Json => write_json(&mut out, &systems),
        InputFormat::Jsonl => systems
            .iter()
            .try_for_each(|s| writeln!(out, "{}", object(s))),
        InputFormat::Csv => write_csv(&mut out, &systems),
    };
    if let Err(e) = result.and_then(|()| out.flush()) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn object(s: &SystemEntry) -> serde_json::Value {
    let answers: serde_json::Map<String, serde_json::Value> = s
        .answers
        .iter()
        .map(|(k, v)| (k.clone(), v.to_json()))
        .collect();
    serde_json::json!({ "id": s.id, "name": s.name, "owner": s.owner, "description": s.description, "answers": answers })
}

fn write_json(out: &mut impl Write, systems: &[SystemEntry]) -> std::io::Result<()> {
    writeln!(out, "{{\n  \"systems\": [")?;
    for (i, s) in systems.iter().enumerate() {
        let sep = if i + 1 < systems.len() { "," } else { "" };
        writeln!(out, "    {}{sep}", object(s))?;
    }
    writeln!(out, "  ]\n}}")
}

/// A Belgian spreadsheet export: byte-order mark, `;` delimiter, CRLF, "ja"/"nee".
fn write_csv(out: &mut impl Write, systems: &[SystemEntry]) -> std::io::Result<()> {
    let mut columns: Vec<String> = Vec::new();
    for s in systems.iter().take(100) {
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
