//! Problems grouped by kind as they come, in memory bounded by the kinds, not by the problems:
//! an inventory of a million systems with the same misnamed answer keeps five of them and the
//! runs of lines of the others.

use super::{Diagnostic, Text};
use std::collections::HashMap;

/// How many problems of one kind (same code and message, whatever the system) are shown
/// before the rest are summed up: a misnamed CSV column gives one problem per row.
pub const SAME_KIND_SHOWN: usize = 5;

/// The problems of a run: the first `SAME_KIND_SHOWN` of each kind, in order, and per kind
/// how many more and on which lines.
#[derive(Debug, Default)]
pub struct Problems {
    shown: Vec<Diagnostic>,
    kinds: HashMap<String, Kind>,
    count: usize,
    errors: usize,
    /// The key of the last problem looked up, reused (no allocation per problem).
    key: String,
}

/// One kind of problem: how many, and the lines of those not shown as runs `(first, last)`.
#[derive(Debug, Default)]
struct Kind {
    count: usize,
    /// The message in Dutch (the key holds the English one).
    nl: String,
    runs: Vec<(usize, usize)>,
}

/// Problems of a kind that are not shown: code, message, how many, and their lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct More {
    pub code: String,
    pub message: Text,
    pub count: usize,
    /// The lines as runs: `3, 7-9, 12`.
    pub lines: String,
}

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.count += 1;
        self.errors += usize::from(d.is_error());
        // The same problem in another system is the same kind.
        let without_system = |m: &'_ str, word: &str| -> String {
            if m.starts_with(word) {
                m.split_once("`: ").map_or(m, |(_, rest)| rest).to_string()
            } else {
                m.to_string()
            }
        };
        let m = d.message.en.as_str();
        let m = if m.starts_with("system `") {
            m.split_once("`: ").map_or(m, |(_, rest)| rest)
        } else {
            m
        };
        self.key.clear();
        self.key.push_str(d.code);
        self.key.push('\0');
        self.key.push_str(m);
        if !self.kinds.contains_key(self.key.as_str()) {
            let kind = Kind {
                nl: without_system(&d.message.nl, "systeem `"),
                ..Kind::default()
            };
            self.kinds.insert(self.key.clone(), kind);
        }
        let Some(kind) = self.kinds.get_mut(self.key.as_str()) else {
            return;
        };
        kind.count += 1;
        if kind.count <= SAME_KIND_SHOWN {
            self.shown.push(d);
        } else if let Some(l) = d.location.as_ref().map(|l| l.line).filter(|l| *l > 0) {
            match kind.runs.last_mut() {
                Some((_, end)) if l == *end + 1 || l == *end => *end = l,
                _ => kind.runs.push((l, l)),
            }
        }
    }

    /// Every problem, how many.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// How many are errors (not warnings).
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// The problems to show, in the order they came.
    pub fn shown(&self) -> &[Diagnostic] {
        &self.shown
    }

    /// The kinds with more problems than are shown, ordered by code and message.
    pub fn more(&self) -> Vec<More> {
        let mut more: Vec<(&String, &Kind)> = self
            .kinds
            .iter()
            .filter(|(_, k)| k.count > SAME_KIND_SHOWN)
            .collect();
        more.sort_by(|a, b| a.0.cmp(b.0));
        more.into_iter()
            .map(|(key, kind)| {
                let (code, message) = key.split_once('\0').unwrap_or(("", key));
                More {
                    code: code.to_string(),
                    message: Text {
                        en: message.to_string(),
                        nl: kind.nl.clone(),
                    },
                    count: kind.count - SAME_KIND_SHOWN,
                    lines: runs_text(&kind.runs),
                }
            })
            .collect()
    }
}

impl Extend<Diagnostic> for Problems {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for d in iter {
            self.push(d);
        }
    }
}

impl FromIterator<Diagnostic> for Problems {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        let mut p = Problems::new();
        p.extend(iter);
        p
    }
}

/// Runs of lines as text: `3, 7-9, 12`.
fn runs_text(runs: &[(usize, usize)]) -> String {
    let runs: Vec<String> = runs
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    runs.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A problem with its Dutch text made from the English one.
    fn at(code: &'static str, message: &str, line: usize) -> Diagnostic {
        let nl = message
            .replace("system `", "systeem `")
            .replace("unknown question", "onbekende vraag");
        let text = Text {
            en: message.to_string(),
            nl,
        };
        Diagnostic::error(code, text).at_line("inv.csv", line, 1)
    }

    #[test]
    fn the_first_of_each_kind_are_kept_and_the_rest_counted_by_line() {
        let mut p = Problems::new();
        for line in 2..=10 {
            p.push(at(
                "A001",
                &format!("system `S{line}`: unknown question `x`"),
                line,
            ));
        }
        p.push(
            Diagnostic::warning("A003", t!("answer ignored", "antwoord genegeerd"))
                .at_line("inv.csv", 12, 1),
        );
        for line in [20, 21, 21, 23, 5] {
            p.push(at(
                "A001",
                &format!("system `T{line}`: unknown question `x`"),
                line,
            ));
        }
        assert_eq!((p.len(), p.errors()), (15, 14));
        let shown: Vec<&str> = p.shown().iter().map(|d| d.message.en.as_str()).collect();
        assert_eq!(
            shown,
            [
                "system `S2`: unknown question `x`",
                "system `S3`: unknown question `x`",
                "system `S4`: unknown question `x`",
                "system `S5`: unknown question `x`",
                "system `S6`: unknown question `x`",
                "answer ignored",
            ]
        );
        assert_eq!(
            p.more(),
            [More {
                code: "A001".into(),
                message: Text {
                    en: "unknown question `x`".into(),
                    nl: "onbekende vraag `x`".into(),
                },
                count: 9,
                lines: "7-10, 20-21, 23, 5".into(),
            }]
        );
    }

    #[test]
    fn a_million_of_one_kind_keep_five() {
        let mut p = Problems::new();
        for line in 1..=1_000_000 {
            p.push(at("A001", "system `S`: unknown question `x`", line));
        }
        assert_eq!(p.shown().len(), SAME_KIND_SHOWN);
        assert_eq!(p.more()[0].lines, "6-1000000");
        assert_eq!(p.kinds.values().map(|k| k.runs.len()).sum::<usize>(), 1);
    }

    #[test]
    fn lines_are_given_as_runs() {
        let mut p = Problems::new();
        for line in [1, 1, 1, 1, 1, 3, 7, 8, 9, 9, 12] {
            p.push(at("A010", "bad", line));
        }
        assert_eq!(p.more()[0].lines, "3, 7-9, 12");
        let none: Problems = (0..6)
            .map(|_| Diagnostic::error("A016", t!("empty", "leeg")))
            .collect();
        assert_eq!(none.more()[0].lines, "");
        assert_eq!(none.more()[0].count, 1);
    }
}
