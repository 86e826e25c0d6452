//! `aiact batch`: assess every system of an inventory.

use super::{Context, Exit};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// The inventory: TOML, JSON, JSON Lines or CSV, or `-` for standard input
    pub inventory: PathBuf,
}

pub fn run(_ctx: &Context, _args: BatchArgs) -> Result<(), Exit> {
    eprintln!("error: `aiact batch` is not available yet in this build");
    Err(Exit::Invalid)
}
