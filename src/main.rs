//! The `newsdedup` binary: parse the command line, run, report errors once.

mod app;
mod cli;

use std::process::ExitCode;

use clap::FromArgMatches;
use clap::error::ErrorKind;

/// mimalloc: the pipeline allocates and frees many small vectors from every
/// thread; mimalloc is faster at that than the system allocator and returns
/// freed memory to the system, which keeps peak memory on large corpora down.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::command()
        .try_get_matches()
        .and_then(|m| cli::Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    match app::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed stdout (`newsdedup … | head`) is not worth a message.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsdedup: error: {}", app::message(&err));
            app::exit_code(&err)
        }
    }
}

/// `--help` and `--version` go to stdout as clap prints them; a usage error is
/// printed like any other error (`newsdedup: error: …`, then clap's usage line
/// and hint) and exits with code 2.
fn usage_error(err: &clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::from(if err.use_stderr() { 2 } else { 0 })
        }
        _ => {
            let rendered = err.render().to_string();
            let message = rendered.strip_prefix("error: ").unwrap_or(&rendered);
            eprint!("newsdedup: error: {message}");
            ExitCode::from(2)
        }
    }
}
