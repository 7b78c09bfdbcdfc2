//! `dyad eval-ud`: scores a CoNLL-U file against a gold one (CoNLL 2018 method).

use anyhow::Context;
use dyad_core::conllu;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  dyad eval-ud --print-text gold.conllu > raw.txt
  dyad split raw.txt > system.conllu
  dyad eval-ud gold.conllu system.conllu")]
pub struct Args {
    /// The gold-standard CoNLL-U file
    gold: PathBuf,
    /// The system's CoNLL-U file, over the same text
    #[arg(required_unless_present = "print_text")]
    system: Option<PathBuf>,
    /// Print the gold file's raw text instead (its `# text` lines, a blank line between paragraphs), to feed to a system
    #[arg(long)]
    print_text: bool,
    /// Print the scores as JSON
    #[arg(long)]
    json: bool,
}

fn load(path: &Path) -> anyhow::Result<conllu::Treebank> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    conllu::read(&text).with_context(|| format!("{} is not valid CoNLL-U", path.display()))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold = load(&args.gold)?;
    if args.print_text {
        print!("{}", gold.raw_text());
        return Ok(ExitCode::SUCCESS);
    }
    let system_path = args.system.expect("clap requires it without --print-text");
    let system = load(&system_path)?;
    let report = dyad_eval::evaluate(&gold, &system)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(ExitCode::SUCCESS)
}
