//! `dyad bench`: throughput and peak memory of dyad's stages on a corpus.
//!
//! The corpus is read into memory first, so that the figures measure the
//! stage, not the disk; reading is timed on its own.

use super::common::{self, InputArgs};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  dyad bench ../shared/corpora/reuters21578.jsonl
  dyad bench --repeat 5 ../shared/corpora/bbc-politics.jsonl")]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Run the stage this many times and report the fastest run
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

/// Peak resident memory of this process in MiB (Linux's VmHWM), if known.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
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
    let read = read_start.elapsed();
    let bytes: usize = texts.iter().map(String::len).sum();

    let mut best = Duration::MAX;
    let (mut sentences, mut tokens, mut words) = (0, 0, 0);
    for _ in 0..args.repeat.max(1) {
        let start = Instant::now();
        (sentences, tokens, words) = (0, 0, 0);
        for text in &texts {
            for s in dyad_text::split(text) {
                sentences += 1;
                tokens += s.tokens.len();
                words += s.words.len();
            }
        }
        best = best.min(start.elapsed());
    }
    let secs = best.as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "input: {} articles, {mb:.1} MB of text, read in {:.2} s",
        texts.len(),
        read.as_secs_f64()
    );
    println!(
        "stage: split (sentences, tokens, words), one thread, fastest of {} runs",
        args.repeat.max(1)
    );
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
    if let Some(peak) = peak_memory_mib() {
        println!("peak memory: {peak:.0} MiB (the whole corpus is held in memory)");
    }
    Ok(common::exit_status(skipped))
}
