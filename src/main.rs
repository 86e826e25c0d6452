//! Parse the arguments, run, map the outcome to an exit code — nothing else.
#![forbid(unsafe_code)]

fn main() {
    let cli = match aiact::cli::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => std::process::exit(code),
    };
    let exit = aiact::cli::run(cli);
    std::process::exit(exit as i32);
}
