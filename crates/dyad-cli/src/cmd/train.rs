//! `dyad train`: trains the tagger, lemmatizer and parser on CoNLL-U treebanks.

use anyhow::Context;
use dyad_core::conllu::{self, Treebank};
use dyad_syntax::{evaluate, Model, TrainConfig};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Training treebanks (CoNLL-U)
    #[arg(long = "train", required = true, num_args = 1..)]
    train: Vec<PathBuf>,
    /// Unannotated text for word clusters: JSON lines with a `text` field
    /// (`.jsonl`) or plain text
    #[arg(long = "unlabelled", num_args = 1..)]
    unlabelled: Vec<PathBuf>,
    /// Treebank measured after every epoch (CoNLL-U)
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Treebanks to score the finished model on, on their gold tokens
    #[arg(long = "test", num_args = 1..)]
    test: Vec<PathBuf>,
    /// Where to write the model
    #[arg(long, short)]
    out: PathBuf,
    #[arg(long, default_value_t = TrainConfig::default().tagger_epochs)]
    tagger_epochs: usize,
    #[arg(long, default_value_t = TrainConfig::default().parser_epochs)]
    parser_epochs: usize,
    /// Probability that the parser follows its own prediction in training
    #[arg(long, default_value_t = TrainConfig::default().explore)]
    explore: f64,
    /// Folds for the parser's training tags (0: gold tags)
    #[arg(long, default_value_t = TrainConfig::default().jackknife)]
    jackknife: usize,
    /// Parser weights smaller than this are dropped from the model
    #[arg(long, default_value_t = TrainConfig::default().min_weight)]
    min_weight: f32,
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
    /// Partial parses the parser keeps at each step (1: greedy; more: beam
    /// search with global training, slower to train and to parse); stored
    /// in the model
    #[arg(long, default_value_t = TrainConfig::default().beam)]
    beam: usize,
    /// Threads (used for the jackknife taggers)
    #[arg(long, default_value_t = 1)]
    threads: usize,
}

fn read_bank(path: &Path) -> anyhow::Result<Treebank> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    conllu::read(&text).with_context(|| format!("{}", path.display()))
}

/// The texts of a JSON-lines file (its records' `text` fields) or of a plain
/// text file.
fn read_texts(path: &Path) -> anyhow::Result<Vec<String>> {
    let content =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    if path.extension().is_none_or(|e| e != "jsonl") {
        return Ok(vec![content]);
    }
    let mut texts = Vec::new();
    for (n, line) in content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => texts.extend(v.get("text").and_then(|t| t.as_str()).map(str::to_owned)),
            Err(e) => eprintln!("{}: line {}: {e}; skipped", path.display(), n + 1),
        }
    }
    Ok(texts)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut unlabelled = Vec::new();
    for path in &args.unlabelled {
        unlabelled.extend(read_texts(path)?);
    }
    let train = args
        .train
        .iter()
        .map(|p| read_bank(p))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let dev = args.dev.as_deref().map(read_bank).transpose()?;
    let config = TrainConfig {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        explore: args.explore,
        jackknife: args.jackknife,
        seed: args.seed,
        threads: args.threads.max(1),
        min_weight: args.min_weight,
        beam: args.beam.max(1),
    };
    let model = dyad_syntax::train(&train, &unlabelled, dev.as_ref(), &config, &mut |line| {
        eprintln!("{line}")
    })?;
    model
        .save(&args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("{}", model.describe());
    eprintln!(
        "wrote {} ({} bytes) after {:.1} s",
        args.out.display(),
        std::fs::metadata(&args.out)?.len(),
        start.elapsed().as_secs_f64()
    );
    let model =
        Model::load(&args.out).with_context(|| format!("reloading {}", args.out.display()))?;
    for path in &args.test {
        let bank = read_bank(path)?;
        println!("{}: {}", path.display(), evaluate(&model, &bank));
    }
    Ok(ExitCode::SUCCESS)
}
