//! `dyad`: political event data from news text.
//!
//! Each subcommand lives in its own module under `cmd/` and is a thin layer
//! over a library crate.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;

#[derive(Parser)]
#[command(name = "dyad", version, about = "Political event data from news text", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split articles into sentences and tokens (CoNLL-U or JSONL)
    Split(cmd::split::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Split(args) => cmd::split::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
