//! How long the interview takes from an answer to the next question, on the full embedded
//! pack: record the answer (dropping what no longer applies), find the next question with its
//! progress estimate, and save the answers file. Every golden scenario of the pack is played
//! as an interview; answers the scenario does not give are "I don't know".
//!
//! Run: `cargo run --release --example bench_next_question`

use aiact::answers::RawAnswer;
use aiact::answers::{Answer, answer_for};
use aiact::prompt::Interview;
use aiact::rules::Lang;
use std::time::{Duration, Instant};

fn main() {
    let (pack, _) = match aiact::cli::load_pack(None, &[]) {
        Ok(p) => p,
        Err(d) => {
            eprintln!("the embedded pack does not load: {d:?}");
            std::process::exit(2);
        }
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("no temporary folder: {e}");
            std::process::exit(2);
        }
    };
    let mut engine_steps: Vec<Duration> = Vec::new();
    let mut save_steps: Vec<Duration> = Vec::new();
    let mut whole_steps: Vec<Duration> = Vec::new();
    let mut interview_steps: Vec<Duration> = Vec::new();
    let rounds = 5;
    for _ in 0..rounds {
        for s in &pack.scenarios {
            let mut i = Interview::new(&pack, s.as_of, Lang::En);
            i.entry.id = s.id.clone();
            i.save = Some(dir.path().join("answers.toml"));
            let mut prompt = i.next_prompt(None);
            while let Some(p) = prompt {
                let answer = s
                    .answers
                    .get(&p.id)
                    .and_then(|v| answer_for(&pack, &p.id, &RawAnswer::from_toml(v)).ok())
                    .map_or(Answer::Unknown, |(_, a)| a);
                let t0 = Instant::now();
                i.answer(p.index, answer);
                let t1 = Instant::now();
                if let Err(e) = i.save_now() {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
                let t2 = Instant::now();
                prompt = i.next_prompt(None);
                let t3 = Instant::now();
                engine_steps.push((t1 - t0) + (t3 - t2));
                save_steps.push(t2 - t1);
                whole_steps.push(t3 - t0);
                // As the interview does it: the save runs on its own thread while the user
                // reads the next question (the wait for it is the user's think time, untimed).
                let t4 = Instant::now();
                i.answer(p.index, answer);
                let saved = i.save_in_background();
                let again = i.next_prompt(None);
                let t5 = Instant::now();
                if let Err(e) = saved.and_then(|()| i.flush()) {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
                assert_eq!(again, prompt);
                interview_steps.push(t5 - t4);
            }
        }
    }
    println!(
        "pack {} {}: {} questions; {} scenarios played {rounds} times as interviews, {} answers",
        pack.manifest.id,
        pack.manifest.version,
        pack.questions.len(),
        pack.scenarios.len(),
        whole_steps.len()
    );
    report(
        "answer -> next question (engine: record, drop, next, progress)",
        &mut engine_steps,
    );
    report("saving the answers file (atomic write)", &mut save_steps);
    report(
        "answer -> next question, synchronous save included",
        &mut whole_steps,
    );
    report(
        "answer -> next question as the interview does it (save on a thread)",
        &mut interview_steps,
    );
}

fn report(what: &str, d: &mut [Duration]) {
    if d.is_empty() {
        return;
    }
    d.sort();
    let us = |x: Duration| x.as_secs_f64() * 1e6;
    let mean = d.iter().map(|x| us(*x)).sum::<f64>() / d.len() as f64;
    let at = |p: f64| us(d[((d.len() - 1) as f64 * p) as usize]);
    println!(
        "{what}: mean {mean:.1} µs, median {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        at(0.5),
        at(0.99),
        us(d[d.len() - 1])
    );
}
