//! `dyad import-parser`: a model whose parser is a neural network trained
//! by `scripts/biaffine-probe`, in place of the perceptron.

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "Example:
  scripts/biaffine-probe/run 128 2 20 0.1 128 64 ../shared /tmp/network.biaf
  dyad import-parser /tmp/network.biaf --out neural.dyadsyn
  dyad parse --model neural.dyadsyn story.txt")]
pub struct Args {
    /// The network, as the probe exported it
    network: PathBuf,
    /// Where to write the model
    #[arg(long, short)]
    out: PathBuf,
    /// The model whose tagger and lemmatizer to keep (the bundled one if
    /// absent); the network must have been trained on its tags
    #[arg(long)]
    model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.network)
        .with_context(|| format!("reading {}", args.network.display()))?;
    let model = super::parse::load_model(args.model.as_deref())?
        .with_neural_parser(&bytes)
        .with_context(|| format!("{}", args.network.display()))?;
    model
        .save(&args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    if !super::common::quiet() {
        eprintln!("{}: {}", args.out.display(), model.describe());
    }
    Ok(ExitCode::SUCCESS)
}
