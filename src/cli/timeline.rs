//! `aiact timeline`: the key dates of the Act, or of one system.

use super::{Context, Exit, TableOrJson};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct TimelineArgs {
    /// An answers file: show that system's own deadlines
    pub answers: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

pub fn run(_ctx: &Context, _args: TimelineArgs) -> Result<(), Exit> {
    eprintln!("error: `aiact timeline` is not available yet in this build");
    Err(Exit::Invalid)
}
