//! `aiact check`: the procurement gate.

use super::{Context, Exit, emit, print_diagnostics};
use crate::diag::Diagnostic;
use crate::engine;
use crate::inventory;
use crate::policy::{self, CheckOptions, CheckReport, Level, Policy};
use crate::report::{InventoryReport, SystemResult};
use crate::rules::{Lang, Text};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub const CHECK_EXIT_CODES: &str = "\
Levels (--fail-on, comma-separated; also the policy's `fail_on`):
  prohibited        the system is a prohibited practice (Art. 5)
  high-risk         the system is high-risk (Art. 6)
  limited           the system has transparency duties only (Art. 50)
  undetermined      the classification, or whether evidence is required, is still open
  missing-evidence  evidence the provider must hand over is missing
  expired-evidence  evidence the provider handed over has expired on the --as-of date
  Without --fail-on and without `fail_on` in the policy:
  prohibited,undetermined,missing-evidence,expired-evidence.

Exit codes:
  0  the check passed (or --no-fail was given)
  1  the check failed on a --fail-on level or on the policy
  2  invalid usage, input, answers, evidence or policy (nothing is checked)";

#[derive(Args, Debug)]
#[command(after_help = CHECK_EXIT_CODES)]
pub struct CheckArgs {
    /// One answers file or an inventory (TOML; `-` for standard input); every system is checked
    pub input: PathBuf,
    /// The buyer's policy file (e.g. aiact-policy.toml)
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Fail on these levels, comma-separated (added to the policy's `fail_on`)
    #[arg(
        long = "fail-on",
        value_enum,
        value_delimiter = ',',
        value_name = "LEVEL,..."
    )]
    pub fail_on: Vec<Level>,
    /// Report without failing: exit 0 even when the check fails (observe mode)
    #[arg(long)]
    pub no_fail: bool,
    /// Output format; only the document goes to standard output
    #[arg(long, value_enum, default_value = "table")]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    /// Human-readable report
    Table,
    /// The report JSON (report::InventoryReport) plus a `check` section
    Json,
    /// JUnit XML: a test suite per system, a test case per required item
    Junit,
    /// SARIF 2.1.0: each failure located at the system's entry
    Sarif,
    /// A procurement memo for the file
    Markdown,
}

/// The JSON document: the batch report with the check added.
#[derive(Serialize)]
struct CheckJson<'a> {
    #[serde(flatten)]
    report: &'a InventoryReport<'a>,
    check: &'a CheckReport<'a>,
}

/// Reads a file (or standard input) as UTF-8; a problem is a diagnostic with `code`.
/// `what` names the file: ("the policy", "het beleid").
fn read_text(
    path: &Path,
    code: &'static str,
    what: (&str, &str),
) -> Result<(String, String), Diagnostic> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map(|_| b)
    } else {
        std::fs::read(path)
    };
    let bytes = bytes.map_err(|e| {
        let Text { en, nl } = crate::diag::io_text(&e);
        let (what_en, what_nl) = what;
        Diagnostic::error(
            code,
            t!(
                "cannot read {what_en} `{name}`: {en}",
                "kan {what_nl} `{name}` niet lezen: {nl}"
            ),
        )
        .with_hint(t!(
            "check the path; give an answers file or an inventory (TOML, JSON, JSON Lines or CSV) and a policy",
            "controleer het pad; geef een antwoordbestand of een inventaris (TOML, JSON, JSON Lines of CSV) en een beleid"
        ))
    })?;
    let text = crate::diag::decode_utf8(&name, bytes, code)?;
    Ok((name, text))
}

pub fn run(ctx: &Context, args: CheckArgs) -> Result<(), Exit> {
    let pack = ctx.pack()?;
    let mut errors: Vec<Diagnostic> = Vec::new();

    // The policy.
    let mut policy: Option<Policy> = None;
    if let Some(path) = &args.policy {
        match read_text(path, "P011", ("the policy", "het beleid")) {
            Ok((name, text)) => match policy::load_policy(&name, &text, &pack) {
                Ok((p, warnings)) => {
                    print_diagnostics(ctx.lang, &warnings);
                    policy = Some(p);
                }
                Err(diags) => errors.extend(diags),
            },
            Err(d) => errors.push(d),
        }
    }

    // A buyer's policy may refuse overlays that change binding results.
    if policy
        .as_ref()
        .is_some_and(|p| p.deny_overlay_changes_binding)
    {
        errors.extend(super::overlays_refused(&pack));
    }

    // The input.
    let (name, text) = match read_text(&args.input, "C002", ("the input", "de invoer")) {
        Ok(x) => x,
        Err(d) => {
            errors.push(d);
            print_diagnostics(ctx.lang, &errors);
            return Err(Exit::Invalid);
        }
    };
    let inv = inventory::read_file_text(&name, &text);
    errors.extend(inv.diagnostics);
    // Duplicate ids (A015) and an input without systems (A016) are the reader's to report.
    let mut answers = Vec::new();
    for entry in &inv.systems {
        let (a, diags) = entry.answers(&pack);
        errors.extend(diags);
        let ignored = crate::engine::ignored_answers(&pack, &a, ctx.as_of);
        errors.extend(entry.ignored_answer_warnings(&pack, &ignored));
        errors.extend(policy::evidence_diagnostics(&pack, entry, &text));
        answers.push(a);
    }
    if errors.iter().any(Diagnostic::is_error) {
        print_diagnostics(ctx.lang, &errors);
        let n = errors.iter().filter(|d| d.is_error()).count();
        let fouten = if n == 1 { "fout" } else { "fouten" };
        say!(
            "{}",
            t!(
                "{n} error(s); nothing was checked",
                "{n} {fouten}; er werd niets gecontroleerd"
            )
            .get(ctx.lang)
        );
        return Err(Exit::Invalid);
    }
    print_diagnostics(ctx.lang, &errors);

    // The check.
    let opts = CheckOptions {
        as_of: ctx.as_of,
        lang: ctx.lang,
        levels: policy::effective_levels(&args.fail_on, policy.as_ref()),
        policy: policy.as_ref(),
    };
    let checks: Vec<policy::SystemCheck> = inv
        .systems
        .into_iter()
        .zip(answers)
        .map(|(entry, a)| {
            let plain = engine::assess(&pack, &a, ctx.as_of);
            policy::check_system(&pack, SystemResult::new(entry, a, plain), &opts)
        })
        .collect();
    let report = InventoryReport::new(&pack, ctx.as_of, ctx.lang, checks.iter().map(|c| &c.result));
    let check = CheckReport::new(&pack, &checks, &opts, args.no_fail);

    if let Some(p) = &policy {
        for w in p.waivers.iter().filter(|w| {
            w.is_expired(ctx.as_of) && checks.iter().any(|c| w.covers_system(&c.result.system.id))
        }) {
            let (subject, expires) = (&w.subject, w.expires);
            let d = Diagnostic::warning(
                "P012",
                t!(
                    "the waiver for `{subject}` expired on {expires} and no longer applies",
                    "de afwijking voor `{subject}` is verlopen op {expires} en geldt niet meer"
                ),
            )
            .at_line(&p.file, w.line, 1)
            .with_hint(t!(
                "renew it with a new expiry date, or close the gap",
                "verleng ze met een nieuwe vervaldatum, of werk het tekort weg"
            ));
            print_diagnostics(ctx.lang, &[d]);
        }
    }

    let ts = ctx.timestamp.as_deref();
    let doc = match args.format {
        CheckFormat::Table => {
            policy::render::render_table(&report, &check, ctx.lang, terminal_width(), ts)
        }
        CheckFormat::Markdown => policy::render::render_markdown(&report, &check, ctx.lang, ts),
        CheckFormat::Json => {
            let mut value = serde_json::to_value(CheckJson {
                report: &report,
                check: &check,
            })
            .unwrap_or_default();
            if let (Some(ts), Some(obj)) = (ts, value.as_object_mut()) {
                obj.insert(
                    "generated".into(),
                    serde_json::Value::String(ts.to_string()),
                );
            }
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        CheckFormat::Junit => crate::policy::junit::render_junit(
            &report,
            &check,
            iso_time(ts, "%Y-%m-%dT%H:%M:%S").as_deref(),
        ),
        CheckFormat::Sarif => crate::policy::sarif::render_sarif(
            &report,
            &check,
            iso_time(ts, "%Y-%m-%dT%H:%M:%SZ").as_deref(),
        ),
    };
    emit(ctx.lang, &doc)?;
    if args.format != CheckFormat::Table {
        let failed = check.systems.iter().filter(|s| !s.passed).count();
        let total = check.systems.len();
        let line = match (check.passed, ctx.lang) {
            (true, Lang::En) => format!("aiact check: passed ({failed} of {total} systems fail)"),
            (false, Lang::En) => format!("aiact check: FAILED ({failed} of {total} systems fail)"),
            (true, Lang::Nl) => {
                format!("aiact check: geslaagd ({failed} van {total} systemen falen)")
            }
            (false, Lang::Nl) => {
                format!("aiact check: GEFAALD ({failed} van {total} systemen falen)")
            }
        };
        say!("{line}");
    }
    if check.passed || args.no_fail {
        Ok(())
    } else {
        Err(Exit::GateFailed)
    }
}

/// The `--timestamp` time (`YYYY-MM-DD HH:MM:SS +HH:MM`) in UTC, in the given format, for the
/// formats whose schema wants an ISO 8601 date-time.
fn iso_time(ts: Option<&str>, format: &str) -> Option<String> {
    let t = chrono::DateTime::parse_from_str(ts?, "%Y-%m-%d %H:%M:%S %:z").ok()?;
    Some(t.with_timezone(&chrono::Utc).format(format).to_string())
}

fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}
