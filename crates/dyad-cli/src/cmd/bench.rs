//! `dyad bench`: throughput and peak memory of dyad's stages on a corpus.
//!
//! The corpus is read into memory first, so that the figures measure the
//! stage, not the disk; reading is timed on its own.

use super::common::{self, InputArgs};
use dyad_core::Sentence;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  dyad bench ../shared/corpora/reuters21578.jsonl
  dyad bench --stage parse ../shared/corpora/reuters21578.jsonl
  dyad bench --stage tag ../shared/corpora/reuters21578.jsonl
  dyad bench --stage parse --threads 2 ../shared/corpora/reuters21578.jsonl")]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// The stage to measure
    #[arg(long, value_enum, default_value_t = Stage::Split)]
    stage: Stage,
    /// Split: run this many times and report the fastest run
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Tag, parse: worker threads
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Tag, parse: a model file instead of the bundled one
    #[arg(long)]
    model: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Sentence splitting, tokenization and multiword tokens, one thread
    Split,
    /// Splitting, then tagging and lemmatizing, without parsing, in batches of 256 articles: what
    /// the parser's share of the parse stage is
    Tag,
    /// Splitting, then tagging, lemmatizing and parsing, in batches of 256 articles as `dyad parse` does
    Parse,
}

/// Peak resident memory of this process in MiB (Linux's VmHWM), if known.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU time (user + system) this process has used, in seconds (Linux): on a
/// shared machine it measures the work done, where wall time also counts
/// the waits for other processes.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let read_start = Instant::now();
    let mut skipped = 0;
    let mut texts = Vec::new();
    for item in args.input.articles() {
        match item {
            Ok(article) => texts.push(article.text),
            Err(problem) => {
                common::warn(&problem);
                skipped += 1;
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "input: {} articles, {:.1} MB of text, read in {:.2} s",
        texts.len(),
        bytes as f64 / 1e6,
        read_start.elapsed().as_secs_f64()
    );
    match args.stage {
        Stage::Split => split(&texts, args.repeat.max(1)),
        Stage::Tag | Stage::Parse => annotate(&texts, &args)?,
    }
    match peak_memory_mib() {
        Some(peak) => println!("peak memory: {peak:.0} MiB (the whole corpus is held in memory)"),
        None => println!("peak memory: not available on this system"),
    }
    Ok(common::exit_status(skipped))
}

fn split(texts: &[String], repeat: usize) {
    let mut best = Duration::MAX;
    let (mut sentences, mut tokens, mut words) = (0, 0, 0);
    for _ in 0..repeat {
        let start = Instant::now();
        (sentences, tokens, words) = (0, 0, 0);
        for text in texts {
            for s in dyad_text::split(text) {
                sentences += 1;
                tokens += s.tokens.len();
                words += s.words.len();
            }
        }
        best = best.min(start.elapsed());
    }
    let secs = best.as_secs_f64();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("stage: split (sentences, tokens, words), one thread, fastest of {repeat} runs");
    println!("time: {secs:.3} s");
    println!("articles/s: {:.0}", texts.len() as f64 / secs);
    println!(
        "sentences/s: {:.0} ({sentences} sentences)",
        sentences as f64 / secs
    );
    println!(
        "tokens/s: {:.0} ({tokens} tokens, {words} words)",
        tokens as f64 / secs
    );
    println!("MB/s: {:.1}", mb / secs);
}

/// Articles split and annotated at a time, as `dyad parse` batches them.
const BATCH: usize = 256;

/// The tag or parse stage.
fn annotate(texts: &[String], args: &Args) -> anyhow::Result<()> {
    let parsing = args.stage == Stage::Parse;
    let start = Instant::now();
    let model = super::parse::load_model(args.model.as_deref())?;
    let load = start.elapsed();
    let threads = args.threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let (mut split, mut annotated, mut cpu) = (Duration::ZERO, Duration::ZERO, Some(0.0));
    let (mut sentences, mut words) = (0usize, 0usize);
    for batch in texts.chunks(BATCH) {
        let split_start = Instant::now();
        let mut docs: Vec<Vec<Sentence>> =
            pool.install(|| batch.par_iter().map(|t| dyad_text::split(t)).collect());
        split += split_start.elapsed();
        sentences += docs.iter().map(Vec::len).sum::<usize>();
        words += docs.iter().flatten().map(|s| s.words.len()).sum::<usize>();

        let cpu_start = cpu_seconds();
        let annotate_start = Instant::now();
        pool.install(|| {
            docs.par_iter_mut()
                .zip(batch)
                .for_each(|(doc, text)| model.annotate_all(text, doc, |_| parsing))
        });
        annotated += annotate_start.elapsed();
        let spent = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
        cpu = cpu.zip(spent).map(|(total, s)| total + s);
    }
    let secs = annotated.as_secs_f64();
    let work = if parsing {
        "tag + lemmatize + parse"
    } else {
        "tag + lemmatize"
    };
    let stage = if parsing { "parse" } else { "tag" };
    println!("stage: {stage} ({work}), {threads} thread(s), batches of {BATCH} articles");
    println!("model load: {:.0} ms", load.as_secs_f64() * 1000.0);
    println!(
        "split: {:.2} s ({sentences} sentences, {words} words)",
        split.as_secs_f64()
    );
    println!(
        "{work}: {secs:.2} s, {:.0} words/s, {:.0} sentences/s",
        words as f64 / secs,
        sentences as f64 / secs
    );
    if let Some(cpu) = cpu {
        println!(
            "CPU time: {cpu:.2} s, {:.0} words per CPU-second",
            words as f64 / cpu.max(0.01)
        );
    }
    Ok(())
}
