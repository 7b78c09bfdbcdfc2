//! `dyad code`: events from articles. Each article is split into sentences,
//! tagged and parsed, and coded with the dictionaries; events are written
//! one JSON object per line, in the order of the input.

use super::common::{self, InputArgs, OutputArgs};
use super::dict::DictArgs;
use dyad_coder::{export, Coder, Options};
use dyad_core::Article;
use dyad_ontology::Ontology;
use dyad_syntax::Model;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Articles coded together: enough to keep the threads busy, few enough
/// to keep memory flat on a large corpus.
const BATCH: usize = 256;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  dyad code examples/articles.jsonl
  dyad code --date 2024-05-14 story.txt
  dyad code --dict ../shared/petrarch/PETR_config.ini --threads 2 corpus.jsonl -o events.jsonl")]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    dicts: DictArgs,
    /// A model file written by `dyad train`, instead of the bundled one
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Worker threads (articles are coded in parallel; the output keeps the input's order)
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    #[command(flatten)]
    coding: CodingArgs,
}

/// Which events to make, shared by `code` and `explain`.
#[derive(clap::Args, Debug)]
pub struct CodingArgs {
    /// Make events only when both source and target have a code, as PETRARCH does
    #[arg(long)]
    require_both: bool,
    /// Also make events whose only actors are roles with no country or organisation
    /// (`officials`, `the company`); by default a side must name an actor
    #[arg(long)]
    role_only: bool,
    /// Also make events with no source in the text (other than agentless passives,
    /// which are always kept)
    #[arg(long)]
    sourceless: bool,
    /// Also make events whose every coded side is a business (`BUS`, `MNC`): business
    /// news, left out by default
    #[arg(long)]
    business: bool,
}

impl CodingArgs {
    pub fn options(&self) -> Options {
        Options {
            require_both: self.require_both,
            require_actor: !self.role_only,
            require_source: !self.sourceless,
            business_events: self.business,
            ..Options::default()
        }
    }
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// One JSON object per event (fields in docs/events.md)
    Jsonl,
    /// PETRARCH's tab-separated event file
    Petrarch,
    /// The Phoenix data set's 26 tab-separated columns
    Phoenix,
    /// GDELT 2.0's 61 event columns, those dyad can fill
    Gdelt,
    /// PLOVER JSON records, one per line (events whose CAMEO code has no PLOVER type are left out)
    Plover,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dicts = args.dicts.load()?;
    let model = super::parse::load_model(args.model.as_deref())?;
    let coder = Coder::new(&dicts, Ontology::builtin(), args.coding.options());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.max(1))
        .build()?;
    let mut out = args.output.open()?;
    let bar = common::progress("articles");
    let mut events = 0usize;
    let skipped = common::in_batches(args.input.articles(), BATCH, &bar, |batch| {
        let lines: Vec<(String, usize)> = pool.install(|| {
            batch
                .par_iter()
                .map(|a| code_article(&model, &coder, a, args.format))
                .collect()
        });
        for (text, n) in lines {
            events += n;
            common::finish_output(out.write_all(text.as_bytes()))?;
        }
        Ok(())
    })?;
    common::finish_output(out.flush())?;
    bar.finish_and_clear();
    if common::verbose() {
        eprintln!("dyad: {events} events");
    }
    Ok(common::exit_status(skipped))
}

/// The article's events as lines of `format`, and how many there are.
fn code_article(
    model: &Model,
    coder: &Coder,
    article: &Article,
    format: Format,
) -> (String, usize) {
    let mut sentences = dyad_text::split(&article.text);
    // `annotate_all` asks from the last sentence to the first, so that each
    // knows whether one after it may hold an event (see `Prospect`).
    let mut event_after = false;
    model.annotate_all(&article.text, &mut sentences, |s| {
        if event_after {
            return coder.may_mention(&article.text, s);
        }
        let prospect = coder.prospect(&article.text, s);
        event_after = prospect.event;
        prospect.mention && event_after
    });
    let events = coder.code_article(article, &sentences);
    let mut text = String::new();
    let mut written = 0;
    for e in &events {
        let line = match format {
            Format::Jsonl => serde_json::to_string(e),
            Format::Plover => match export::plover(article, e) {
                Some(record) => serde_json::to_string(&record),
                None => continue,
            },
            Format::Petrarch => Ok(export::petrarch(article, e)),
            Format::Phoenix => Ok(export::phoenix(article, e)),
            Format::Gdelt => Ok(export::gdelt(article, e)),
        };
        match line {
            Ok(line) => {
                text.push_str(&line);
                text.push('\n');
                written += 1;
            }
            Err(err) => common::warn(format_args!("{}: an event: {err}", article.id)),
        }
    }
    (text, written)
}
