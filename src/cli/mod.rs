//! The command line: clap definitions, global options, loading the pack, exit codes.
//! One file per subcommand.

mod assess;
pub(crate) mod batch;
mod check;
mod followup;
mod import;
mod merge;
pub mod nl;
mod rules_cmd;
mod template;
mod timeline;

use crate::diag::Diagnostic;
use crate::rules::{self, Lang, Pack, SourceFile, Text};
use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

pub const EXIT_CODES: &str = "\
Exit codes:
  0    success (and, for `check` and `--fail-on`, the gate passed)
  1    a gate failed: `check` or `--fail-on` found what it was told to fail on, or `merge`
       found answers that conflict with the inventory
  2    invalid usage, input, answers, policy or rules (nothing is ever 1 for a tool failure)
  130  interrupted (Ctrl-C, SIGINT); answers given so far are saved
  143  terminated (SIGTERM), 129: hung up (SIGHUP); as 130, answers given so far are saved";

/// The outcome of a command, mapped to the process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    GateFailed = 1,
    Invalid = 2,
    Interrupted = 130,
}

#[derive(Parser, Debug)]
#[command(
    name = "aiact",
    version,
    about = "Where your AI systems stand under the EU AI Act (Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744), and what you must do, by when.",
    long_about = "Where your AI systems stand under the EU AI Act (Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744), and what you must do, by when.\n\nA self-assessment aid, not legal advice.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// Use the rule pack in DIR instead of the one built into aiact
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Add an organisation's own rules from DIR on top of the pack (repeatable)
    #[arg(long, global = true, value_name = "DIR")]
    pub overlay: Vec<PathBuf>,
    /// Refuse (exit 2) an overlay that changes the pack's binding results: a transition over a
    /// binding obligation of the pack, a law version or a risk-table row
    #[arg(long, global = true)]
    pub deny_overlay_changes_binding: bool,
    /// Language of everything the tool says [default: from LANG, else en]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Assessment date [default: today]
    #[arg(long = "as-of", global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// When to use colours
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Print the generation time in reports (off by default, so that output is reproducible)
    #[arg(long, global = true)]
    pub timestamp: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    En,
    Nl,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; use YYYY-MM-DD"))
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate, list, show and test the rule pack
    #[command(subcommand)]
    Rules(rules_cmd::RulesCommand),
    /// Write an empty inventory (or answers file) listing every question
    Template(template::TemplateArgs),
    /// Print the key dates of the AI Act, or of one system
    Timeline(timeline::TimelineArgs),
    /// Interview: assess one AI system question by question
    Assess(assess::AssessArgs),
    /// Assess every system of an inventory
    Batch(batch::BatchArgs),
    /// Procurement check: pass or fail an offer against the law and a buyer's policy
    Check(check::CheckArgs),
    /// Turn a register export or a spreadsheet into an inventory
    Import(import::ImportArgs),
    /// Write questionnaires with the questions that decide undetermined systems, per owner
    Followup(followup::FollowupArgs),
    /// Bring filled-in follow-up answers back into a TOML inventory
    Merge(merge::MergeArgs),
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableOrJson {
    Table,
    Json,
}

/// What every command gets: the options that apply everywhere, resolved.
pub struct Context {
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub color: bool,
    pub rules: Option<PathBuf>,
    pub overlays: Vec<PathBuf>,
    /// Refuse overlays that change binding results (`--deny-overlay-changes-binding`).
    pub deny_overlay_changes: bool,
    /// The generation time, only when `--timestamp` was given.
    pub timestamp: Option<String>,
}

impl Context {
    /// Options for the report renderers.
    pub fn render_options(&self) -> crate::report::RenderOptions {
        crate::report::RenderOptions {
            color: self.color,
            width: None,
            timestamp: self.timestamp.clone(),
        }
    }

    /// Loads the pack (embedded, or --rules, plus overlays); prints every diagnostic.
    pub fn pack(&self) -> Result<Pack, Exit> {
        let (pack, warnings) =
            load_pack(self.rules.as_deref(), &self.overlays).map_err(|diags| {
                print_diagnostics(self.lang, &diags);
                Exit::Invalid
            })?;
        print_diagnostics(self.lang, &warnings);
        if self.deny_overlay_changes {
            let refused = overlays_refused(&pack);
            if !refused.is_empty() {
                print_diagnostics(self.lang, &refused);
                return Err(Exit::Invalid);
            }
        }
        let start = pack.law_versions.first().map(|l| l.from);
        if let Some(start) = start.filter(|s| self.as_of < *s) {
            let (as_of, law_en, law_nl) =
                (self.as_of, &pack.manifest.law.en, &pack.manifest.law.nl);
            say_error_hint(
                self.lang,
                t!(
                    "the assessment date {as_of} is before {law_en} (the law's entry into force)",
                    "de beoordelingsdatum {as_of} ligt vóór {law_nl} (de inwerkingtreding van de wet)"
                ),
                t!(
                    "give --as-of YYYY-MM-DD on or after {start}",
                    "geef --as-of JJJJ-MM-DD op of na {start}"
                ),
            );
            return Err(Exit::Invalid);
        }
        Ok(pack)
    }
}

/// Errors (R023) for the overlays that change binding results, when those are refused
/// (`--deny-overlay-changes-binding`, or a policy's `deny_overlay_changes_binding`).
pub fn overlays_refused(pack: &Pack) -> Vec<Diagnostic> {
    pack.overlays
        .iter()
        .filter(|o| !o.changes.is_empty())
        .map(|o| {
            Diagnostic::error(
                "R023",
                t!(
                    "the overlay `{}` changes binding results (W003 above); refused",
                    "de eigen regels in `{}` wijzigen bindende resultaten (W003 hierboven); geweigerd",
                    o.dir
                ),
            )
            .in_file(&o.dir)
            .with_hint(t!(
                "--deny-overlay-changes-binding (or a policy's deny_overlay_changes_binding) refuses an overlay with transitions over binding obligations, law versions or risk-table rows; remove them from the overlay",
                "--deny-overlay-changes-binding (of deny_overlay_changes_binding in een beleid) weigert eigen regels met overgangen over bindende verplichtingen, wetsversies of rijen van de risicotabel; haal die uit de eigen regels"
            ))
        })
        .collect()
}

pub fn load_pack(
    rules: Option<&std::path::Path>,
    overlays: &[PathBuf],
) -> Result<(Pack, Vec<Diagnostic>), Vec<Diagnostic>> {
    let base: Vec<SourceFile> = match rules {
        Some(dir) => rules::dir_files(dir).map_err(|d| vec![d])?,
        None => rules::embedded_files(),
    };
    let mut layers = Vec::new();
    for dir in overlays {
        let files = rules::dir_files(dir).map_err(|d| vec![d])?;
        layers.push((dir.display().to_string(), files));
    }
    rules::load_layers(&base, &layers)
}

pub fn print_diagnostics(lang: Lang, diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}\n", d.render(lang));
    }
}

/// Prints "error: …" ("fout: …") on standard error, in the user's language.
pub(crate) fn say_error(lang: Lang, text: Text) {
    let word = crate::diag::severity_word(crate::diag::Severity::Error, lang);
    say!("{word}: {}", text.get(lang));
}

/// "error: …" with a hint below, as a diagnostic without a code is shown.
pub(crate) fn say_error_hint(lang: Lang, text: Text, hint: Text) {
    let word = crate::diag::severity_word(crate::diag::Severity::Error, lang);
    let hint_word = crate::diag::hint_word(lang);
    say!(
        "{word}: {}\n  = {hint_word}: {}",
        text.get(lang),
        hint.get(lang)
    );
}

/// "cannot read `path`: …" for a file that cannot be read, in the user's language.
pub(crate) fn say_cannot(
    lang: Lang,
    verb_en: &str,
    verb_nl: &str,
    path: &std::path::Path,
    e: &std::io::Error,
) {
    say_error(lang, crate::files::cannot(verb_en, verb_nl, path, e));
}

/// The command line in the user's language.
pub fn command(lang: Lang) -> clap::Command {
    match lang {
        Lang::En => Cli::command(),
        Lang::Nl => nl::localise(Cli::command()),
    }
}

/// Parses the command line in the language it asks for (`--lang`, else the locale). Help,
/// version and usage errors are printed here; the `Err` is then the exit code.
pub fn parse(args: Vec<OsString>) -> Result<Cli, i32> {
    let lang = detect_lang(lang_in_args(&args));
    let parsed = command(lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| {
        // `--help` and `--version` exit 0, usage errors 2; output that cannot be written
        // (a full disk, not a closed pipe) is a tool failure: 2.
        let written = match lang {
            Lang::En => e.print(),
            Lang::Nl => {
                let text = nl::render_error(&e);
                if e.use_stderr() {
                    std::io::stderr().lock().write_all(text.as_bytes())
                } else {
                    let mut out = std::io::stdout().lock();
                    out.write_all(text.as_bytes()).and_then(|()| out.flush())
                }
            }
        };
        match written {
            Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => 2,
            _ => e.exit_code(),
        }
    })
}

/// `--lang` as written on the command line, read before clap so that clap's own help and
/// errors can already speak that language.
fn lang_in_args(args: &[OsString]) -> Option<LangArg> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut found = None;
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("nl") => found = Some(LangArg::Nl),
            Some("en") => found = Some(LangArg::En),
            _ => {}
        }
    }
    found
}

/// The language from `--lang`, else from the locale (LC_ALL, LC_MESSAGES, LANG), else English.
pub fn detect_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Nl) => Lang::Nl,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| {
                if v.starts_with("nl") {
                    Lang::Nl
                } else {
                    Lang::En
                }
            }),
    }
}

pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::IsTerminal::is_terminal(&std::io::stdout())
        }
    }
}

/// Reads an inventory or answers file (or standard input, `-`) as UTF-8; a file that cannot be
/// read or is not UTF-8 is reported and ends the command with exit 2.
pub(crate) fn read_input(lang: Lang, path: &std::path::Path) -> Result<(String, String), Exit> {
    use std::io::Read;
    let (display, bytes) = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        if let Err(e) = std::io::stdin().lock().read_to_end(&mut buf) {
            let Text { en, nl } = crate::diag::io_text(&e);
            say_error(
                lang,
                t!(
                    "cannot read standard input: {en}",
                    "kan de standaardinvoer niet lezen: {nl}"
                ),
            );
            return Err(Exit::Invalid);
        }
        ("<stdin>".to_string(), buf)
    } else {
        match std::fs::read(path) {
            Ok(b) => (path.display().to_string(), b),
            Err(e) => {
                say_cannot(lang, "read", "lezen", path, &e);
                return Err(Exit::Invalid);
            }
        }
    };
    match crate::diag::decode_utf8(&display, bytes, "A019") {
        Ok(text) => Ok((display, text)),
        Err(d) => {
            print_diagnostics(lang, &[d]);
            Err(Exit::Invalid)
        }
    }
}

/// Writes the requested result to stdout; a closed pipe (`| head`) is not an error.
pub fn emit(lang: Lang, text: &str) -> Result<(), Exit> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            let Text { en, nl } = crate::diag::io_text(&e);
            say_error(
                lang,
                t!(
                    "cannot write the output: {en}",
                    "kan de uitvoer niet schrijven: {nl}"
                ),
            );
            Err(Exit::Invalid)
        }
    }
}

/// Runs the command line; returns the exit status.
pub fn run(cli: Cli) -> Exit {
    let ctx = Context {
        lang: detect_lang(cli.lang),
        as_of: cli
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        color: use_color(cli.color),
        rules: cli.rules,
        overlays: cli.overlay,
        deny_overlay_changes: cli.deny_overlay_changes_binding,
        timestamp: cli.timestamp.then(|| {
            chrono::Local::now()
                .format("%Y-%m-%d %H:%M:%S %:z")
                .to_string()
        }),
    };
    let result = match cli.command {
        Command::Rules(cmd) => rules_cmd::run(&ctx, cmd),
        Command::Template(args) => template::run(&ctx, args),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut command(ctx.lang), "aiact", &mut buf);
            emit(ctx.lang, &String::from_utf8_lossy(&buf))
        }
        Command::Man => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(command(ctx.lang)).render(&mut buf) {
                Ok(()) => {
                    let roff = String::from_utf8_lossy(&buf);
                    match ctx.lang {
                        Lang::En => emit(ctx.lang, &roff),
                        Lang::Nl => emit(ctx.lang, &nl::man_words(&roff)),
                    }
                }
                Err(e) => {
                    let Text { en, nl } = crate::diag::io_text(&e);
                    say_error(
                        ctx.lang,
                        t!(
                            "cannot render the man page: {en}",
                            "kan de handleiding niet opmaken: {nl}"
                        ),
                    );
                    Err(Exit::Invalid)
                }
            }
        }
        Command::Timeline(args) => timeline::run(&ctx, args),
        Command::Assess(args) => assess::run(&ctx, args),
        Command::Batch(args) => batch::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Followup(args) => followup::run(&ctx, args),
        Command::Merge(args) => merge::run(&ctx, args),
    };
    match result {
        Ok(()) => Exit::Success,
        Err(code) => code,
    }
}
