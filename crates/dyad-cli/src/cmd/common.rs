//! Options and plumbing shared by the subcommands: inputs, outputs,
//! verbosity, progress and exit statuses.
//!
//! Exit statuses, the same for every subcommand:
//! 0 everything was read and processed; 1 some input was skipped (each skip
//! was reported on standard error, naming the file and line); 2 an error
//! stopped the command (bad arguments, an unwritable output).

use anyhow::Context;
use dyad_core::Article;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicI8, Ordering};

static VERBOSITY: AtomicI8 = AtomicI8::new(0);

/// Sets the verbosity from `-q` (-1) and `-v` (+1 each).
pub fn set_verbosity(quiet: bool, verbose: u8) {
    let level = if quiet { -1 } else { verbose.min(2) as i8 };
    VERBOSITY.store(level, Ordering::Relaxed);
}

pub fn quiet() -> bool {
    VERBOSITY.load(Ordering::Relaxed) < 0
}

pub fn verbose() -> bool {
    VERBOSITY.load(Ordering::Relaxed) > 0
}

/// Reports a skipped input on standard error (even with `-q`: a skip
/// changes the exit status, so it is always said why).
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("dyad: skipped: {message}");
}

/// Article inputs, as every subcommand that reads articles takes them.
#[derive(clap::Args, Debug)]
pub struct InputArgs {
    /// Files or directories to read (directories are walked recursively); `-` or nothing reads standard input
    pub inputs: Vec<PathBuf>,
    /// Format of the inputs; guessed from each file's extension when absent (.jsonl, .html, otherwise text; .gz and .zst looked through)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Date of articles whose input gives none (text files, for instance): YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    /// Articles longer than this many bytes are skipped
    #[arg(long, default_value_t = dyad_ingest::DEFAULT_MAX_ARTICLE_BYTES, value_name = "BYTES")]
    pub max_article_bytes: usize,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Jsonl,
    Html,
}

/// A `--date` value, in any of the formats ingest reads.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    dyad_ingest::parse_date(s)
        .ok_or_else(|| format!("cannot read {s:?} as a date (try YYYY-MM-DD)"))
}

impl InputArgs {
    /// The articles of the inputs.
    pub fn articles(&self) -> dyad_ingest::Articles {
        let options = dyad_ingest::Options {
            format: self.input_format.map(|f| match f {
                InputFormat::Text => dyad_ingest::InputFormat::Text,
                InputFormat::Jsonl => dyad_ingest::InputFormat::Jsonl,
                InputFormat::Html => dyad_ingest::InputFormat::Html,
            }),
            date: self.date,
            max_article_bytes: self.max_article_bytes,
        };
        read_articles(&self.inputs, &options)
    }
}

/// The articles of `inputs` (files, directories, `-`; none: standard input,
/// read as text unless `options` give a format).
pub fn read_articles(inputs: &[PathBuf], options: &dyad_ingest::Options) -> dyad_ingest::Articles {
    let stdin_only = inputs.is_empty() || inputs.iter().all(|p| p.as_os_str() == "-");
    if stdin_only {
        let format = options.format.unwrap_or(dyad_ingest::InputFormat::Text);
        dyad_ingest::read_from(io::stdin(), "<stdin>", format, options)
    } else {
        dyad_ingest::read(inputs, options)
    }
}

/// Hands `articles` to `f` in batches of `size` (the last may be smaller),
/// reporting every skipped input and advancing `bar`; returns how many
/// inputs were skipped.
pub fn in_batches(
    articles: impl Iterator<Item = Result<Article, dyad_ingest::Problem>>,
    size: usize,
    bar: &ProgressBar,
    mut f: impl FnMut(&[Article]) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let mut skipped = 0;
    let mut batch = Vec::with_capacity(size);
    for item in articles {
        match item {
            Ok(article) => batch.push(article),
            Err(problem) => {
                bar.suspend(|| warn(&problem));
                skipped += 1;
            }
        }
        if batch.len() == size {
            f(&batch)?;
            bar.inc(batch.len() as u64);
            batch.clear();
        }
    }
    if !batch.is_empty() {
        f(&batch)?;
        bar.inc(batch.len() as u64);
    }
    Ok(skipped)
}

/// Where results go.
#[derive(clap::Args, Debug)]
pub struct OutputArgs {
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    pub fn open(&self) -> anyhow::Result<Box<dyn Write>> {
        Ok(match &self.output {
            Some(path) if path.as_os_str() != "-" => Box::new(BufWriter::with_capacity(
                1 << 16,
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
            )),
            _ => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        })
    }
}

/// A progress line on standard error, shown only on a terminal and without `-q`.
pub fn progress(what: &str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if quiet() || !io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {human_pos} {msg}")
            .expect("the template is valid"),
    );
    bar.set_message(what.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The exit status after a run that skipped `skipped` inputs.
pub fn exit_status(skipped: usize) -> ExitCode {
    if skipped > 0 {
        if !quiet() {
            eprintln!("dyad: {skipped} input record(s) skipped; see the messages above");
        }
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Treats a closed pipe (`dyad split ... | head`) as the end of output
/// rather than an error.
pub fn finish_output(result: io::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the output"),
    }
}
