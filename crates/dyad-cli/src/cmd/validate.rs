//! `dyad validate`: runs a PETRARCH-style validation file: each record's
//! text is split, parsed and coded, and the events produced are compared
//! with the ones the record expects.

use super::common;
use super::dict::DictArgs;
use anyhow::Context;
use dyad_coder::validation::{self, Record};
use dyad_coder::{Coder, Event, Options};
use dyad_core::Article;
use dyad_dict::Dictionaries;
use dyad_ontology::Ontology;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  dyad validate ../shared/petrarch/PETR.UnitTest.records.xml
  dyad validate --failures records.xml --dict mine.dyad")]
pub struct Args {
    /// The validation file (PETRARCH's XML format)
    file: PathBuf,
    #[command(flatten)]
    dicts: DictArgs,
    /// A model file written by `dyad train`, instead of the bundled one
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Print only the records that fail
    #[arg(long)]
    failures: bool,
    /// Code every record as if its require_dyad option were false, so that
    /// events with one side missing show (to see why a record fails)
    #[arg(long)]
    one_sided: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let xml = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let (file, problems) = validation::read(&xml);
    for p in &problems {
        common::warn(format_args!("{}: {p}", args.file.display()));
    }
    let dicts = if args.dicts.dict.is_empty() {
        environment_dictionaries(&args.file, &file.dictionaries)?
    } else {
        args.dicts.load()?
    };
    let model = super::parse::load_model(args.model.as_deref())?;
    let ontology = Ontology::builtin();
    // PETRARCH's other options concern its own parse trees and output
    // (comma-clause deletion, new-actor strings, stopping on errors).
    let mut unused: Vec<&str> = file
        .records
        .iter()
        .flat_map(|r| r.config.keys())
        .map(String::as_str)
        .filter(|o| !matches!(*o, "require_dyad" | "new_actor_length"))
        .collect();
    unused.sort_unstable();
    unused.dedup();
    if !unused.is_empty() && !common::quiet() {
        eprintln!(
            "dyad: options not applied (they concern PETRARCH's own parses and output): {}",
            unused.join(", ")
        );
    }
    let mut per_category: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut passed = 0;
    for record in &file.records {
        let options = Options {
            // PETRARCH's require_dyad, true unless the file says otherwise.
            require_both: record.flag("require_dyad").unwrap_or(true) && !args.one_sided,
            // Its records expect events between roles alone (`---GOV`).
            require_actor: false,
            require_source: false,
            business_events: true,
            // PETRARCH codes a report verb beside what it reports.
            report_events: true,
            // PETRARCH codes nothing for a verb with no object.
            require_target_phrase: true,
            new_actor_length: record
                .config
                .get("new_actor_length")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0),
            ..Options::default()
        };
        let coder = Coder::new(&dicts, ontology, options);
        let events = code_record(&model, &coder, record);
        let produced: Vec<(String, String, String)> = events.iter().map(triple).collect();
        let ok = validation::same_events(&record.expected, &produced);
        passed += usize::from(ok);
        let c = per_category.entry(&record.category).or_default();
        c.0 += usize::from(ok);
        c.1 += 1;
        if ok && args.failures {
            continue;
        }
        println!("{} {}", record.id, if ok { "PASS" } else { "FAIL" });
        println!("  text:     {}", record.text);
        let expected: Vec<String> = record
            .expected
            .iter()
            .map(|e| format!("{} {} {}", e.source, e.target, e.code))
            .collect();
        println!("  expected: {}", list(&expected));
        let produced: Vec<String> = events
            .iter()
            .zip(&produced)
            .map(|(e, (s, t, c))| format!("{s} {t} {c} [{}]", e.rule))
            .collect();
        println!("  produced: {}", list(&produced));
    }
    for (category, (ok, all)) in &per_category {
        println!("category {category}: {ok} of {all}");
    }
    println!("passed {passed} of {} records", file.records.len());
    Ok(common::exit_status(problems.len()))
}

/// The dictionaries `<Environment>` names, next to the validation file.
fn environment_dictionaries(
    file: &Path,
    named: &[validation::DictionaryFile],
) -> anyhow::Result<Dictionaries> {
    if named.is_empty() {
        anyhow::bail!(
            "{} names no dictionaries in <Environment>; pass --dict",
            file.display()
        );
    }
    let dir = file.parent().unwrap_or(Path::new("."));
    let dict_args: Vec<String> = named
        .iter()
        .map(|d| format!("{}:{}", d.kind, dir.join(&d.file).display()))
        .collect();
    DictArgs { dict: dict_args }.load()
}

fn code_record(model: &dyad_syntax::Model, coder: &Coder, record: &Record) -> Vec<Event> {
    let article = Article {
        id: record.id.clone(),
        date: record.date,
        text: record.text.clone(),
        ..Article::default()
    };
    let mut sentences = dyad_text::split(&article.text);
    for s in &mut sentences {
        model.annotate(&article.text, s);
    }
    coder.code_article(&article, &sentences)
}

/// An event as a validation file writes it: source, target, code (`---` for none).
fn triple(e: &Event) -> (String, String, String) {
    let code = |a: &Option<dyad_coder::ActorRef>| {
        a.as_ref()
            .and_then(|a| a.code.clone())
            .unwrap_or_else(|| "---".into())
    };
    (code(&e.source), code(&e.target), e.cameo.code.clone())
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "(none)".into()
    } else {
        items.join("; ")
    }
}
