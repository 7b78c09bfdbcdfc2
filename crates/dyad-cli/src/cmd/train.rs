//! `dyad train`: trains the tagger, lemmatizer and parser on CoNLL-U treebanks.
//!
//! The parser is the arc-eager perceptron (dyad-syntax), or with `--parser
//! neural` the BiLSTM-biaffine network (dyad-neural), trained on the tags
//! that jackknifed copies of the newly trained tagger give the training
//! sentences.

use anyhow::Context;
use dyad_core::conllu::{self, Treebank};
use dyad_neural::Config as NeuralConfig;
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
    /// Folds for the parser's training tags (0: gold tags for the
    /// perceptron, the final tagger's tags for the neural parser)
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
    /// Which parser to train
    #[arg(long, value_enum, default_value_t = ParserKind::Perceptron)]
    parser: ParserKind,
    /// Neural parser: input embeddings and their sizes, as `name:size`
    /// separated by commas; names: lower, tag, prefix1 to prefix3, suffix1
    /// to suffix4, shape
    #[arg(long, default_value_t = feature_list(&NeuralConfig::default().features), value_parser = parse_features)]
    neural_features: String,
    /// Neural parser: LSTM units each way, per layer
    #[arg(long, default_value_t = NeuralConfig::default().hidden)]
    neural_hidden: usize,
    /// Neural parser: BiLSTM layers
    #[arg(long, default_value_t = NeuralConfig::default().layers)]
    neural_layers: usize,
    /// Neural parser: units of the arc MLPs (a multiple of 16)
    #[arg(long, default_value_t = NeuralConfig::default().arc)]
    neural_arc: usize,
    /// Neural parser: units of the relation MLPs
    #[arg(long, default_value_t = NeuralConfig::default().label)]
    neural_label: usize,
    /// Neural parser: passes over the training sentences
    #[arg(long, default_value_t = NeuralConfig::default().epochs)]
    neural_epochs: usize,
    /// Neural parser: the last epoch's learning rate, as a fraction of the first's
    #[arg(long, default_value_t = NeuralConfig::default().last_rate)]
    neural_last_rate: f64,
}

fn feature_list(features: &[(dyad_neural::Feature, usize)]) -> String {
    let names: Vec<String> = features
        .iter()
        .map(|(f, size)| format!("{}:{size}", f.name()))
        .collect();
    names.join(",")
}

/// Checks a `--neural-features` list; [`features`] reads it.
fn parse_features(list: &str) -> Result<String, String> {
    features(list).map(|_| list.to_string())
}

fn features(list: &str) -> Result<Vec<(dyad_neural::Feature, usize)>, String> {
    list.split(',')
        .map(|item| {
            let (name, size) = item.split_once(':').unwrap_or((item, ""));
            let feature = dyad_neural::Feature::from_name(name.trim())
                .ok_or_else(|| format!("unknown feature `{name}`"))?;
            let size = size
                .trim()
                .parse()
                .map_err(|_| format!("`{item}`: a feature's size is a number, as in tag:48"))?;
            Ok((feature, size))
        })
        .collect()
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ParserKind {
    /// Arc-eager transitions scored by an averaged perceptron (greedy, or a beam)
    Perceptron,
    /// A BiLSTM-biaffine network decoded as a projective tree, run in 8 bits
    Neural,
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

/// The model's own tags (`UPOS|XPOS`) of a treebank's sentences.
fn model_tags(model: &Model, bank: &Treebank) -> Vec<Vec<String>> {
    let mut sentences = bank.sentences.clone();
    model.annotate_all(&bank.text, &mut sentences, |_| false);
    let tag = |w: &dyad_core::Word| {
        let [u, x] = [&w.upos, &w.xpos].map(|t| t.as_deref().unwrap_or("_"));
        format!("{u}|{x}")
    };
    sentences
        .iter()
        .map(|s| s.words.iter().map(tag).collect())
        .collect()
}

/// A treebank's sentences with complete trees, as the neural parser learns
/// from them: forms, the given tags (one list per sentence of the bank),
/// gold heads and relations.
fn for_neural<'a>(
    bank: &'a Treebank,
    tags: impl IntoIterator<Item = Vec<String>> + 'a,
) -> impl Iterator<Item = dyad_neural::Sentence> + 'a {
    let complete = |w: &dyad_core::Word| w.head.is_some() && w.deprel.is_some();
    bank.sentences
        .iter()
        .zip(tags)
        .filter(move |(gold, _)| !gold.words.is_empty() && gold.words.iter().all(complete))
        .map(|(gold, tags)| dyad_neural::Sentence {
            forms: gold
                .words
                .iter()
                .map(|w| w.form(&bank.text).to_string())
                .collect(),
            tags,
            heads: gold.words.iter().map(|w| w.head.unwrap_or(0)).collect(),
            labels: gold
                .words
                .iter()
                .map(|w| w.deprel.as_deref().unwrap_or("dep").to_string())
                .collect(),
        })
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
    let neural = args.parser == ParserKind::Neural;
    let config = TrainConfig {
        tagger_epochs: args.tagger_epochs,
        // The neural parser replaces the perceptron's, which need not learn.
        parser_epochs: if neural { 0 } else { args.parser_epochs },
        explore: args.explore,
        jackknife: if neural { 0 } else { args.jackknife },
        seed: args.seed,
        threads: args.threads.max(1),
        min_weight: args.min_weight,
        beam: args.beam.max(1),
    };
    let mut model = dyad_syntax::train(&train, &unlabelled, dev.as_ref(), &config, &mut |line| {
        eprintln!("{line}")
    })?;
    if neural {
        let neural_config = NeuralConfig {
            features: features(&args.neural_features).map_err(anyhow::Error::msg)?,
            hidden: args.neural_hidden,
            layers: args.neural_layers,
            arc: args.neural_arc,
            label: args.neural_label,
            epochs: args.neural_epochs,
            last_rate: args.neural_last_rate,
            seed: args.seed,
        };
        // Tags from jackknifed taggers, as noisy as those of new text, or
        // the final tagger's own (which has seen the sentences).
        let mut train_tags = if args.jackknife > 1 {
            let jackknife = TrainConfig {
                jackknife: args.jackknife,
                ..config.clone()
            };
            dyad_syntax::jackknifed_tags(&model, &train, &jackknife)?.into_iter()
        } else {
            let tags = train.iter().flat_map(|b| model_tags(&model, b));
            tags.collect::<Vec<_>>().into_iter()
        };
        eprintln!(
            "training tags for the neural parser ({:.0?})",
            start.elapsed()
        );
        let sentences: Vec<_> = train
            .iter()
            .flat_map(|b| {
                let tags: Vec<_> = train_tags.by_ref().take(b.sentences.len()).collect();
                for_neural(b, tags).collect::<Vec<_>>()
            })
            .collect();
        let dev: Vec<_> = dev
            .as_ref()
            .map(|b| for_neural(b, model_tags(&model, b)).collect())
            .unwrap_or_default();
        let network = dyad_neural::train(&sentences, &dev, &neural_config, &mut |p| {
            let dev = p
                .dev
                .map(|(uas, las)| {
                    format!(", dev UAS {uas:.2} LAS {las:.2} (each word's best head)")
                })
                .unwrap_or_default();
            eprintln!(
                "neural parser epoch {}: loss {:.3}{dev} ({:.0} s)",
                p.epoch, p.loss, p.seconds
            );
        })
        .map_err(|e| anyhow::anyhow!("training the neural parser: {e}"))?;
        model = model.with_neural_parser(&network)?;
    }
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
