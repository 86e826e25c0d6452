//! `aiact assess`: the interview.

use super::{Context, Exit, emit};
use crate::diag::Diagnostic;
use crate::inventory::{self, SystemEntry};
use crate::prompt::answers_file::read_answers_file;
use crate::prompt::interview::InventoryTarget;
use crate::prompt::texts::{fill, ui};
use crate::prompt::{Ending, Interview, InterviewError, Prompter, Terminal, summary};
use crate::rules::Lang;
use clap::Args;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
#[command(
    after_help = "Keys: ↑↓ move, enter chooses, type to filter, Esc goes back to the previous question, Ctrl-C stops (answers given so far are saved; continue with --resume FILE); so do SIGTERM and SIGHUP.\n\nExit codes: 0 finished, 2 invalid usage or files, 130 interrupted (Ctrl-C, SIGINT), 143 terminated (SIGTERM), 129 hung up (SIGHUP); the answers given so far are saved in each case.\n\nWithout a terminal, assess answers files with `aiact batch FILE`."
)]
pub struct AssessArgs {
    /// Prefill from this answers file and ask only the rest
    #[arg(long, value_name = "FILE", conflicts_with = "resume")]
    pub answers: Option<PathBuf>,
    /// Continue an interrupted interview saved in FILE
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Where to save answers as they are given [default: a file named after the system]
    #[arg(long, value_name = "FILE", conflicts_with = "inventory")]
    pub save: Option<PathBuf>,
    /// Continue the interview of one system of this TOML inventory (its deciding questions
    /// first) and write the answers back into it, keeping its comments and layout
    #[arg(
        long,
        value_name = "FILE",
        requires = "system",
        conflicts_with_all = ["answers", "resume"]
    )]
    pub inventory: Option<PathBuf>,
    /// With --inventory: the id of the system
    #[arg(long, value_name = "ID", requires = "inventory")]
    pub system: Option<String>,
}

pub fn run(ctx: &Context, args: AssessArgs) -> Result<(), Exit> {
    let ui = ui(ctx.lang);
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        say!("{}", ui.no_terminal);
        return Err(Exit::Invalid);
    }
    let pack = ctx.pack()?;
    let mut interview = Interview::new(&pack, ctx.as_of, ctx.lang);
    interview.save = args.save.clone();
    let mut prompter = Terminal::new(ctx.lang, ctx.color);
    let read = |path: &PathBuf| {
        read_answers_file(path).map_err(|e| {
            report_error(ctx, e);
            Exit::Invalid
        })
    };
    let messages = match (&args.resume, &args.answers, &args.inventory) {
        (Some(file), _, _) => interview.resume(read(file)?, file),
        (None, Some(file), _) => interview.prefill(read(file)?, file),
        (None, None, Some(file)) => {
            let id = args.system.as_deref().unwrap_or_default();
            let (entry, text) = inventory_system(ctx.lang, file, id)?;
            let messages = interview.prefill(entry, file);
            interview.inventory = Some(InventoryTarget {
                path: file.clone(),
                text,
            });
            messages
        }
        (None, None, None) => Vec::new(),
    };
    for m in &messages {
        prompter.say(m);
    }
    // SIGTERM and SIGHUP end the interview as Ctrl-C does: answers kept, a clear message.
    crate::prompt::signals::install(ctx.lang);
    match interview.run(&mut prompter) {
        Ok(Ending::Interrupted) => return Err(Exit::Interrupted),
        Ok(Ending::Finished) => {}
        Err(e) => {
            report_error(ctx, e);
            return Err(Exit::Invalid);
        }
    }
    let width = comfy_table::Table::new().width();
    let result = interview.result();
    let report = crate::report::SystemReport::new(&pack, &result, ctx.lang);
    emit(ctx.lang, &summary::render(&report, ctx.lang, width))?;
    match summary::offer_report(&interview, &mut prompter) {
        Ok(_) => Ok(()),
        Err(crate::prompt::PromptError::Interrupted) => Err(Exit::Interrupted),
        Err(e) => {
            report_error(ctx, InterviewError::Prompt(e.to_string()));
            Err(Exit::Invalid)
        }
    }
}

/// One system of a TOML inventory, and the inventory's text.
fn inventory_system(lang: Lang, path: &Path, id: &str) -> Result<(SystemEntry, String), Exit> {
    let (file, text) = super::read_input(lang, path)?;
    if inventory::InputFormat::from_path(path) != Some(inventory::InputFormat::Toml) {
        let d = Diagnostic::error(
            "M004",
            t!(
                "`{file}` is not a TOML inventory",
                "`{file}` is geen TOML-inventaris"
            ),
        )
        .with_hint(t!(
            "`assess --inventory` writes the answers back into TOML inventories; convert others with `aiact import`",
            "`assess --inventory` schrijft de antwoorden terug in TOML-inventarissen; zet andere om met `aiact import`"
        ));
        super::print_diagnostics(lang, &[d]);
        return Err(Exit::Invalid);
    }
    let inv = inventory::read_file_text(&file, &text);
    if !inv.diagnostics.is_empty() {
        super::print_diagnostics(lang, &inv.diagnostics);
        return Err(Exit::Invalid);
    }
    match inv.systems.into_iter().find(|s| s.id == id) {
        Some(entry) => Ok((entry, text)),
        None => {
            let d = Diagnostic::error(
                "M002",
                t!(
                    "`{file}` has no system `{id}`",
                    "`{file}` heeft geen systeem `{id}`"
                ),
            );
            super::print_diagnostics(lang, &[d]);
            Err(Exit::Invalid)
        }
    }
}

/// Prints an interview error in the user's language.
fn report_error(ctx: &Context, e: InterviewError) {
    let ui = ui(ctx.lang);
    let msg = match e {
        InterviewError::Save { path, message } => fill(
            ui.cannot_save,
            &[
                ("file", &path.display().to_string()),
                ("error", message.get(ctx.lang)),
            ],
        ),
        InterviewError::Read { path, message } => fill(
            ui.cannot_read,
            &[
                ("file", &path.display().to_string()),
                ("error", message.get(ctx.lang)),
            ],
        ),
        InterviewError::NoSystem { path } => fill(
            ui.file_has_no_system,
            &[("file", &path.display().to_string())],
        ),
        InterviewError::ManySystems { path, n } => fill(
            ui.file_has_many_systems,
            &[("file", &path.display().to_string()), ("n", &n.to_string())],
        ),
        InterviewError::Prompt(m) => format!(
            "{}: {m}",
            crate::diag::severity_word(crate::diag::Severity::Error, ctx.lang)
        ),
    };
    say!("{msg}");
}
