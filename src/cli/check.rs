//! `aiact check`: the procurement gate.

use super::{Context, Exit};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// One answers file or an inventory
    pub input: PathBuf,
}

pub fn run(_ctx: &Context, _args: CheckArgs) -> Result<(), Exit> {
    eprintln!("error: `aiact check` is not available yet in this build");
    Err(Exit::Invalid)
}
