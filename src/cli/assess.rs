//! `aiact assess`: the interview.

use super::{Context, Exit};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct AssessArgs {
    /// Prefill from this answers file and ask only the rest
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Continue an interrupted interview saved in FILE
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Where to save answers as they are given [default: a file named after the system]
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
}

pub fn run(_ctx: &Context, _args: AssessArgs) -> Result<(), Exit> {
    eprintln!("error: `aiact assess` is not available yet in this build");
    Err(Exit::Invalid)
}
