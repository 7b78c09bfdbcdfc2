//! `dyad bench-parse`: speed and memory of tagging, lemmatizing and parsing
//! a news corpus (JSON lines with a `text` field, such as Reuters-21578).

use anyhow::Context;
use dyad_core::Sentence;
use rayon::prelude::*;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// The corpus: one JSON object per line with a `text` field
    #[arg(default_value = "../shared/corpora/reuters21578.jsonl")]
    corpus: PathBuf,
    /// A model file instead of the bundled one
    #[arg(long)]
    model: Option<PathBuf>,
    /// Worker threads for annotation
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Read at most this many articles
    #[arg(long)]
    limit: Option<usize>,
}

/// Articles split and annotated at a time.
const BATCH: usize = 256;

/// Peak resident memory of this process in MiB, where the OS says (Linux).
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU time (user + system) this process has used, in seconds, where the
/// OS says (Linux): on a shared machine it measures the work done, where
/// wall time also counts the waits for other processes.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let model = super::parse::load_model(args.model.as_deref())?;
    let load = start.elapsed();

    let file = std::fs::File::open(&args.corpus)
        .with_context(|| format!("opening {}", args.corpus.display()))?;
    let mut texts = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        if args.limit.is_some_and(|l| texts.len() >= l) {
            break;
        }
        let line = line.with_context(|| format!("{}: line {}", args.corpus.display(), n + 1))?;
        match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(v) => {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_owned());
                }
            }
            Err(e) => eprintln!("{}: line {}: {e}; skipped", args.corpus.display(), n + 1),
        }
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.max(1))
        .build()?;
    // Articles go through in batches, as in a pipeline that writes its
    // output as it goes, so memory holds one batch of annotations at a time.
    let (mut split, mut annotate, mut cpu) = (Duration::ZERO, Duration::ZERO, Some(0.0));
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
                .for_each(|(doc, text)| doc.iter_mut().for_each(|s| model.annotate(text, s)))
        });
        annotate += annotate_start.elapsed();
        let spent = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
        cpu = cpu.zip(spent).map(|(total, s)| total + s);
    }

    let secs = annotate.as_secs_f64();
    println!(
        "corpus: {} ({} articles, {sentences} sentences, {words} words)",
        args.corpus.display(),
        texts.len()
    );
    println!("threads: {}", args.threads.max(1));
    println!("model load: {:.0} ms", load.as_secs_f64() * 1000.0);
    println!("split: {:.2} s", split.as_secs_f64());
    println!(
        "tag + lemmatize + parse: {secs:.2} s, {:.0} words/s, {:.0} sentences/s",
        words as f64 / secs,
        sentences as f64 / secs
    );
    if let Some(cpu) = cpu {
        println!(
            "CPU time: {cpu:.2} s, {:.0} words per CPU-second",
            words as f64 / cpu.max(0.01)
        );
    }
    match peak_memory_mib() {
        Some(m) => println!("peak memory: {m:.0} MiB"),
        None => println!("peak memory: not available on this system"),
    }
    Ok(ExitCode::SUCCESS)
}
