//! What the deciding questions cost: every system of an inventory is assessed (with its
//! deciding questions and certain duties) and the time per undetermined system is reported,
//! next to the deciding-question count of each undetermined system when there are few.
//!
//! Run: `cargo run --release --example bench_deciding [INVENTORY] [--as-of YYYY-MM-DD]`
//! (default: examples/municipality.toml, 2026-12-01). For a large mix:
//! `cargo run --release --example gen_inventory -- 100000 jsonl > inv.jsonl` first.

use aiact::engine;
use aiact::inventory::{InputFormat, read_inventory};
use aiact::rules::RiskClass;
use chrono::NaiveDate;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<NaiveDate>().is_err())
        .cloned()
        .unwrap_or_else(|| "examples/municipality.toml".into());
    let as_of = args
        .iter()
        .find_map(|a| a.parse::<NaiveDate>().ok())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default());
    let (pack, _) = match aiact::cli::load_pack(None, &[]) {
        Ok(p) => p,
        Err(d) => {
            eprintln!("the embedded pack does not load: {d:?}");
            std::process::exit(2);
        }
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let format = InputFormat::from_path(std::path::Path::new(&path)).unwrap_or(InputFormat::Toml);
    let inv = read_inventory(&path, &text, format);
    let answers: Vec<_> = inv.systems.iter().map(|s| s.answers(&pack).0).collect();
    let rounds = if answers.len() < 100 { 50 } else { 1 };
    let (mut undetermined, mut total_us, mut all_us) = (0usize, 0f64, 0f64);
    // The same assessment without deciding questions and certain duties, for comparison.
    let mut plain_us = 0f64;
    for round in 0..rounds {
        for (s, a) in inv.systems.iter().zip(&answers) {
            let t0 = Instant::now();
            let r = engine::assess(&pack, a, as_of);
            let us = t0.elapsed().as_secs_f64() * 1e6;
            all_us += us;
            if r.risk == RiskClass::Undetermined {
                let t1 = Instant::now();
                let plain = engine::assess_assuming(&pack, a, as_of, &[]);
                plain_us += t1.elapsed().as_secs_f64() * 1e6;
                assert_eq!(plain.risk, r.risk);
                undetermined += 1;
                total_us += us;
                if round == 0 && inv.systems.len() < 100 {
                    println!(
                        "{}: {} deciding questions, {} possible classes, {:.0} µs",
                        s.id,
                        r.deciding.len(),
                        r.possible_risks.len(),
                        us
                    );
                }
            }
        }
    }
    let n = inv.systems.len() * rounds;
    println!(
        "{} systems x {rounds}: {:.1} µs per system; {} undetermined: {:.1} µs per undetermined system ({:.1} µs without deciding questions)",
        inv.systems.len(),
        all_us / n as f64,
        undetermined / rounds,
        total_us / undetermined.max(1) as f64,
        plain_us / undetermined.max(1) as f64
    );
}
