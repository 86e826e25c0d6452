//! The problems of a run, kept in bounded memory: the first few of each kind in full, of the
//! others only how many and on which lines. A misnamed CSV column gives one problem per row;
//! kept whole, a million rows held 600 MB of problems that are never shown.

use crate::diag::Diagnostic;
use std::collections::HashMap;

/// How many problems of one kind (same code and message, whatever the system) are shown
/// before the rest are summed up.
pub const SAME_KIND_SHOWN: usize = 5;

/// The problems of a run, in order, at most `SAME_KIND_SHOWN` of each kind in full.
#[derive(Debug, Default)]
pub struct Problems {
    shown: Vec<Diagnostic>,
    /// Per kind: how many, and the lines of those not shown as runs `(first, last)`.
    kinds: HashMap<String, (usize, Vec<(usize, usize)>)>,
    total: usize,
    errors: usize,
}

/// A kind of problem: its code and message, without the system it names.
fn kind(d: &Diagnostic) -> String {
    let m = d.message.as_str();
    let m = if m.starts_with("system `") {
        m.split_once("`: ").map_or(m, |(_, rest)| rest)
    } else {
        m
    };
    format!("{}\u{0}{m}", d.code)
}

impl Problems {
    pub fn push(&mut self, d: Diagnostic) {
        self.total += 1;
        self.errors += usize::from(d.is_error());
        let (n, runs) = self.kinds.entry(kind(&d)).or_default();
        *n += 1;
        if *n <= SAME_KIND_SHOWN {
            self.shown.push(d);
        } else if let Some(l) = d.location.as_ref().map(|l| l.line).filter(|l| *l > 0) {
            match runs.last_mut() {
                Some((_, end)) if l == *end + 1 || l == *end => *end = l,
                _ => runs.push((l, l)),
            }
        }
    }

    /// All problems, shown or not.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many are errors.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// The problems shown in full, in order.
    pub fn shown(&self) -> &[Diagnostic] {
        &self.shown
    }

    /// The kinds with problems not shown: code, message, how many not shown, and their lines
    /// (`3, 7-9, 12`), sorted by code and message.
    pub fn not_shown(&self) -> Vec<(String, String, usize, String)> {
        let mut more: Vec<(String, String, usize, String)> = self
            .kinds
            .iter()
            .filter(|(_, (n, _))| *n > SAME_KIND_SHOWN)
            .map(|(k, (n, runs))| {
                let (code, message) = k.split_once('\u{0}').unwrap_or(("", k));
                let lines: Vec<String> = runs
                    .iter()
                    .map(|(a, b)| {
                        if a == b {
                            a.to_string()
                        } else {
                            format!("{a}-{b}")
                        }
                    })
                    .collect();
                (
                    code.to_string(),
                    message.to_string(),
                    n - SAME_KIND_SHOWN,
                    lines.join(", "),
                )
            })
            .collect();
        more.sort();
        more
    }
}

impl Extend<Diagnostic> for Problems {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for d in iter {
            self.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A problem on every one of 100 000 rows: five are kept whole, the others are one run
    /// of lines; every row is still counted and named.
    #[test]
    fn a_problem_on_every_row_is_kept_as_five_and_a_run_of_lines() {
        let mut p = Problems::default();
        for line in 2..100_002 {
            p.push(
                Diagnostic::warning("A001", "unknown question `agency`").at_line("i.csv", line, 1),
            );
        }
        p.push(Diagnostic::error("A015", "duplicate system id `X`").at_line("i.csv", 9, 1));
        assert_eq!((p.len(), p.errors()), (100_001, 1));
        assert_eq!(p.shown().len(), 6);
        assert_eq!(
            p.not_shown(),
            [(
                "A001".to_string(),
                "unknown question `agency`".to_string(),
                99_995,
                "7-100001".to_string()
            )]
        );
        assert!(p.kinds.values().all(|(_, runs)| runs.len() <= 1));
    }

    #[test]
    fn lines_are_given_as_runs() {
        let mut p = Problems::default();
        for line in [1, 1, 1, 1, 1, 3, 7, 8, 9, 9, 12] {
            p.push(Diagnostic::warning("A001", "x").at_line("i.csv", line, 1));
        }
        assert_eq!(p.not_shown()[0].3, "3, 7-9, 12");
        assert!(Problems::default().not_shown().is_empty());
    }
}
