//! `dyad`: political event data from news text.
//!
//! Each subcommand lives in its own module under `cmd/` and is a thin layer
//! over a library crate.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Political event data from news text",
    long_about = None,
    after_help = "Exit status: 0 all input was processed; 1 some input was skipped (each skip is reported \
                  on standard error with its file and line); 2 an error stopped the command.\n\n\
                  Examples:\n  dyad split examples/articles.jsonl\n  dyad split --format jsonl story.txt --date 2024-05-14\n  \
                  dyad bench ../shared/corpora/reuters21578.jsonl"
)]
struct Cli {
    /// Print nothing on standard error but errors and skipped inputs
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Say more about what is done (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split articles into sentences and tokens (CoNLL-U or JSONL)
    Split(cmd::split::Args),
    /// Code events: actors, predicates and their arguments, coded with the dictionaries (JSONL)
    Code(cmd::code::Args),
    /// Run a PETRARCH-style validation file and report how many records are coded exactly
    Validate(cmd::validate::Args),
    /// Show how a text is coded: the parse, the actors, the patterns tried and why, the events
    Explain(cmd::explain::Args),
    /// Dictionaries: check them, look names up, time them
    #[command(subcommand_required = true)]
    Dict(cmd::dict::Args),
    /// Score a CoNLL-U file against a gold one (CoNLL 2018 shared-task method)
    EvalUd(cmd::eval_ud::Args),
    /// Measure the speed and peak memory of dyad's stages (split, tag, parse) on a corpus
    Bench(cmd::bench::Args),
    /// Train the tagger, lemmatizer and parser on CoNLL-U treebanks
    Train(cmd::train::Args),
    /// Tag, lemmatize and parse text or CoNLL-U, writing CoNLL-U
    Parse(cmd::parse::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cmd::common::set_verbosity(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Split(args) => cmd::split::run(args),
        Command::Code(args) => cmd::code::run(args),
        Command::Validate(args) => cmd::validate::run(args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Dict(args) => cmd::dict::run(args),
        Command::EvalUd(args) => cmd::eval_ud::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::Train(args) => cmd::train::run(args),
        Command::Parse(args) => cmd::parse::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
