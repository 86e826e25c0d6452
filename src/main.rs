//! Parse the arguments, run, map the outcome to an exit code — nothing else.
#![forbid(unsafe_code)]

use clap::Parser;

fn main() {
    let cli = aiact::cli::Cli::parse();
    let exit = aiact::cli::run(cli);
    std::process::exit(exit as i32);
}
