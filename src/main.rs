//! Parse the arguments, run, map the outcome to an exit code — nothing else.
#![forbid(unsafe_code)]

use clap::Parser;

/// mimalloc instead of the system allocator: a batch allocates and frees many small values on
/// several threads, and glibc's allocator took about a third of the CPU time
/// (docs/performance.md has the comparison).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = match aiact::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` exit 0, usage errors 2; output that cannot be written
            // (a full disk, not a closed pipe) is a tool failure: 2.
            let code = match e.print() {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => 2,
                _ => e.exit_code(),
            };
            std::process::exit(code);
        }
    };
    let exit = aiact::cli::run(cli);
    std::process::exit(exit as i32);
}
