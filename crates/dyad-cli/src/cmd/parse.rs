//! `dyad parse`: part-of-speech tags, lemmas, features and dependency trees
//! as CoNLL-U, for articles (text, JSON lines, HTML) or for already
//! tokenized CoNLL-U.

use super::common::{self, OutputArgs};
use anyhow::Context;
use dyad_core::{conllu, Sentence};
use dyad_syntax::{Accuracy, Model};
use rayon::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Plain text: the whole file is one article, split by dyad
    Text,
    /// One JSON article object per line
    Jsonl,
    /// An HTML page
    Html,
    /// CoNLL-U: its tokens and sentences are kept and re-annotated
    Conllu,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  dyad parse story.txt
  dyad parse examples/articles.jsonl -o articles.conllu
  dyad parse --input-format conllu --score en_ewt-ud-test.conllu > system.conllu")]
pub struct Args {
    /// Files or directories to read; `-` or nothing reads standard input
    inputs: Vec<PathBuf>,
    /// Format of the inputs; guessed from each file's extension when absent
    /// (.jsonl, .html, .conllu, otherwise text)
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// A model file written by `dyad train`, instead of the bundled one
    #[arg(long)]
    model: Option<PathBuf>,
    /// Worker threads
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// With CoNLL-U input: print to standard error how well the output
    /// matches the input's own annotations, word by word
    #[arg(long)]
    score: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// The bundled model, or the one `path` names.
pub fn load_model(path: Option<&Path>) -> anyhow::Result<Model> {
    match path {
        Some(p) => Model::load(p).with_context(|| format!("loading the model {}", p.display())),
        None => Model::english().context("loading the bundled model"),
    }
}

/// Articles annotated at a time (in parallel with `--threads`).
const BATCH: usize = 64;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_deref())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.max(1))
        .build()?;
    let mut out = args.output.open()?;
    let is_conllu = |p: &PathBuf| p.extension().is_some_and(|e| e == "conllu");
    let conllu_input = match args.input_format {
        Some(f) => f == InputFormat::Conllu,
        None => !args.inputs.is_empty() && args.inputs.iter().all(is_conllu),
    };
    let skipped = if conllu_input {
        parse_conllu(&args, &model, &pool, &mut out)?
    } else {
        parse_articles(&args, &model, &pool, &mut out)?
    };
    common::finish_output(out.flush())?;
    Ok(common::exit_status(skipped))
}

/// Re-annotates CoNLL-U files on their own tokens; returns the number of
/// files skipped.
fn parse_conllu(
    args: &Args,
    model: &Model,
    pool: &rayon::ThreadPool,
    out: &mut Box<dyn Write>,
) -> anyhow::Result<usize> {
    let stdin = args.inputs.is_empty() || args.inputs.iter().all(|p| p.as_os_str() == "-");
    let inputs: Vec<Option<&Path>> = if stdin {
        vec![None]
    } else {
        args.inputs.iter().map(|p| Some(p.as_path())).collect()
    };
    let (mut skipped, mut accuracy) = (0, Accuracy::default());
    for input in inputs {
        let name = input.map_or("<stdin>".to_owned(), |p| p.display().to_string());
        let mut text = String::new();
        let read = match input {
            Some(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_string(&mut text)),
            None => std::io::stdin().read_to_string(&mut text),
        };
        let bank = match read
            .map_err(|e| e.to_string())
            .and_then(|_| conllu::read(&text).map_err(|e| e.to_string()))
        {
            Ok(bank) => bank,
            Err(e) => {
                common::warn(format!("{name}: {e}"));
                skipped += 1;
                continue;
            }
        };
        let mut sentences: Vec<Sentence> = bank.sentences.clone();
        pool.install(|| {
            sentences
                .par_chunks_mut(64)
                .for_each(|chunk| model.annotate_all(&bank.text, chunk, |_| true))
        });
        if args.score {
            for (gold, system) in bank.sentences.iter().zip(&sentences) {
                gold.words
                    .iter()
                    .zip(&system.words)
                    .for_each(|(g, s)| accuracy.add(g, s));
            }
        }
        let mut buffer = String::new();
        for (i, (s, meta)) in sentences.iter().zip(&bank.meta).enumerate() {
            let id = meta.sent_id.clone().unwrap_or_else(|| (i + 1).to_string());
            conllu::write_sentence(&mut buffer, &bank.text, s, &[("sent_id", &id)]);
            if buffer.len() > 1 << 16 {
                common::finish_output(out.write_all(buffer.as_bytes()))?;
                buffer.clear();
            }
        }
        common::finish_output(out.write_all(buffer.as_bytes()))?;
    }
    if args.score {
        eprintln!("gold tokens: {accuracy}");
    }
    Ok(skipped)
}

/// Splits and annotates articles, as `dyad split` reads them; returns the
/// number of records skipped.
fn parse_articles(
    args: &Args,
    model: &Model,
    pool: &rayon::ThreadPool,
    out: &mut Box<dyn Write>,
) -> anyhow::Result<usize> {
    let options = dyad_ingest::Options {
        format: args.input_format.and_then(|f| match f {
            InputFormat::Text => Some(dyad_ingest::InputFormat::Text),
            InputFormat::Jsonl => Some(dyad_ingest::InputFormat::Jsonl),
            InputFormat::Html => Some(dyad_ingest::InputFormat::Html),
            InputFormat::Conllu => None,
        }),
        date: None,
        max_article_bytes: dyad_ingest::DEFAULT_MAX_ARTICLE_BYTES,
    };
    let articles = common::read_articles(&args.inputs, &options);
    let bar = common::progress("articles");
    let skipped = common::in_batches(articles, BATCH, &bar, |batch| {
        let annotated: Vec<String> = pool.install(|| {
            batch
                .par_iter()
                .map(|article| {
                    let mut sentences = dyad_text::split(&article.text);
                    let mut buffer = format!("# newdoc id = {}\n", article.id);
                    model.annotate_all(&article.text, &mut sentences, |_| true);
                    for (i, s) in sentences.iter().enumerate() {
                        let id = format!("{}-{}", article.id, i + 1);
                        conllu::write_sentence(&mut buffer, &article.text, s, &[("sent_id", &id)]);
                    }
                    buffer
                })
                .collect()
        });
        for buffer in annotated {
            common::finish_output(out.write_all(buffer.as_bytes()))?;
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok(skipped)
}
