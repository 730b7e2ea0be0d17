//! The `newsdedup` binary: parse the command line, run, report errors once.

mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: the pipeline allocates and frees many small vectors from every
/// thread; mimalloc is faster at that than the system allocator and returns
/// freed memory to the system, which keeps peak memory on large corpora down.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
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
            eprintln!("newsdedup: error: {err:#}");
            app::exit_code(&err)
        }
    }
}
