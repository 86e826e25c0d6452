//! Parse the arguments, run, map the outcome to an exit code — nothing else.
#![forbid(unsafe_code)]

/// mimalloc instead of the system allocator: a batch allocates and frees many small values on
/// several threads, and glibc's allocator took about a third of the CPU time
/// (docs/performance.md has the comparison).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = match aiact::cli::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => std::process::exit(code),
    };
    let exit = aiact::cli::run(cli);
    std::process::exit(exit as i32);
}
