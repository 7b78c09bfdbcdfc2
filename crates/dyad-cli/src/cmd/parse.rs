//! `dyad parse`: part-of-speech tags, lemmas, features and dependency trees
//! as CoNLL-U, for raw text or for already tokenized CoNLL-U.

use anyhow::Context;
use dyad_core::conllu;
use dyad_core::Sentence;
use dyad_syntax::{Accuracy, Model};
use rayon::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Plain text, split into sentences and tokens by dyad
    Text,
    /// CoNLL-U: its tokens and sentences are kept and re-annotated
    Conllu,
}

#[derive(clap::Args)]
pub struct Args {
    /// Input files; standard input if none
    inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input_format: InputFormat,
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
}

/// The bundled model, or the one `path` names.
pub fn load_model(path: Option<&Path>) -> anyhow::Result<Model> {
    match path {
        Some(p) => Model::load(p).with_context(|| format!("loading the model {}", p.display())),
        None => Model::english().context("loading the bundled model"),
    }
}

fn read_input(path: Option<&Path>) -> anyhow::Result<String> {
    let mut text = String::new();
    match path {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            text = String::from_utf8(bytes)
                .with_context(|| format!("{} is not UTF-8", p.display()))?;
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading standard input")?;
        }
    }
    Ok(text)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_deref())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.max(1))
        .build()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let inputs: Vec<Option<&Path>> = if args.inputs.is_empty() {
        vec![None]
    } else {
        args.inputs.iter().map(|p| Some(p.as_path())).collect()
    };
    let mut failed = false;
    let mut accuracy = Accuracy::default();
    for input in inputs {
        let name = input.map_or("<stdin>".to_owned(), |p| p.display().to_string());
        let text = match read_input(input) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("dyad: {e:#}");
                failed = true;
                continue;
            }
        };
        let (text, gold) = match args.input_format {
            InputFormat::Text => {
                let sentences = dyad_text::split(&text);
                (text, sentences)
            }
            InputFormat::Conllu => match conllu::read(&text) {
                Ok(bank) => (bank.text, bank.sentences),
                Err(e) => {
                    eprintln!("dyad: {name}: {e}; file skipped");
                    failed = true;
                    continue;
                }
            },
        };
        let mut sentences: Vec<Sentence> = gold.clone();
        pool.install(|| {
            sentences
                .par_iter_mut()
                .for_each(|s| model.annotate(&text, s))
        });
        if args.score && args.input_format == InputFormat::Conllu {
            for (g, s) in gold.iter().zip(&sentences) {
                for (gw, sw) in g.words.iter().zip(&s.words) {
                    accuracy.add(gw, sw);
                }
            }
        }
        let mut buffer = String::new();
        for (i, s) in sentences.iter().enumerate() {
            let id = (i + 1).to_string();
            if i == 0 {
                buffer.push_str(&format!("# newdoc id = {name}\n"));
            }
            conllu::write_sentence(&mut buffer, &text, s, &[("sent_id", &id)]);
            if buffer.len() > 1 << 16 {
                out.write_all(buffer.as_bytes())?;
                buffer.clear();
            }
        }
        out.write_all(buffer.as_bytes())?;
    }
    out.flush()?;
    if args.score {
        eprintln!("gold tokens: {accuracy}");
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
